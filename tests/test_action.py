"""The GitHub Action: action.yml's shape, and scripts/action_entrypoint.py run against temp git repos.

No network: git repositories are local, `gh` is a fake on PATH that records its calls, factcheck runs
offline on the seed articles.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]  # test extra; no stubs needed

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "action_entrypoint.py"
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("action_entrypoint", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["action_entrypoint"] = mod
    spec.loader.exec_module(mod)
    return mod


ae = _load()


# --- action.yml and the example workflow ------------------------------------------------------------


def _action() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_action_yml_declares_the_inputs_and_defaults() -> None:
    action = _action()
    inputs = action["inputs"]
    assert {
        "paths",
        "format",
        "lang",
        "backend",
        "model",
        "base-url",
        "output",
        "python-version",
        "comment",
        "fail-on",
    } <= set(inputs)
    assert inputs["format"]["default"] == "md"
    assert inputs["lang"]["default"] == "ar,en"
    assert inputs["backend"]["default"] == "auto"
    assert inputs["fail-on"]["default"] == "none"
    assert inputs["comment"]["default"] == "true"
    assert action["runs"]["using"] == "composite"


def test_action_yml_steps_install_run_and_upload() -> None:
    steps = _action()["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "pip install" in runs and '"$GITHUB_ACTION_PATH"' in runs
    assert "scripts/action_entrypoint.py" in runs
    for s in steps:
        if "run" in s:
            assert s.get("shell") == "bash", s  # composite run steps must name their shell


def test_action_yml_inputs_reach_the_script_only_through_env() -> None:
    action = _action()
    steps = action["runs"]["steps"]
    for s in steps:
        # ${{ }} inside shell code would let an input or a file name inject commands.
        assert "${{" not in s.get("run", ""), s["run"]
    step = next(s for s in steps if s.get("id") == "factcheck")
    env = step["env"]
    for name in action["inputs"]:
        if name in ("python-version", "artifact-name", "github-token"):
            continue  # used by other steps, or passed as GH_TOKEN
        var = "INPUT_" + name.upper().replace("-", "_")
        assert env[var] == "${{ inputs." + name + " }}"
        assert var in SCRIPT.read_text(encoding="utf-8"), f"the script never reads {var}"
    assert env["GH_TOKEN"] == "${{ inputs.github-token }}"
    # Every input referenced anywhere exists; every output points at the script's step.
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    for ref in re.findall(r"inputs\.([\w-]+)", text):
        assert ref in action["inputs"], ref
    for out in action["outputs"].values():
        assert out["value"].startswith("${{ steps.factcheck.outputs.")


def test_example_workflow_uses_only_declared_inputs() -> None:
    wf = yaml.safe_load((ROOT / "docs" / "examples" / "factcheck-workflow.yml").read_text(encoding="utf-8"))
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert on["pull_request"]["paths"] == ["articles/**"]
    assert wf["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = wf["jobs"]["brief"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    step = next(s for s in steps if "/factcheck@" in s.get("uses", ""))
    assert set(step["with"]) <= set(_action()["inputs"])
    assert step["env"]["OPENAI_API_KEY"] == "${{ secrets.OPENAI_API_KEY }}"


# --- inputs -------------------------------------------------------------------------------------------


def test_read_inputs_defaults_and_validation() -> None:
    inp = ae.read_inputs({})
    assert (inp.format, inp.lang, inp.backend, inp.fail_on, inp.comment) == ("md", "ar,en", "auto", "none", True)
    assert inp.output == "factcheck-brief.md" and inp.articles_dir == "articles"
    assert ae.read_inputs({"INPUT_FORMAT": "HTML"}).output == "factcheck-brief.html"
    assert ae.read_inputs({"INPUT_COMMENT": "false"}).comment is False
    for env in (
        {"INPUT_FORMAT": "pdf"},
        {"INPUT_FAIL_ON": "always"},
        {"INPUT_BACKEND": "gpt"},
        {"INPUT_COMMENT": "maybe"},
    ):
        with pytest.raises(ae.ActionError, match="must be"):
            ae.read_inputs(env)


def test_output_paths_never_collide() -> None:
    assert ae.output_paths(Path("b.md"), "md") == (Path("b.md"), Path("b.json"))
    assert ae.output_paths(Path("out/b.html"), "html") == (Path("out/b.md"), Path("out/b.json"))
    assert ae.output_paths(Path("b.json"), "json") == (Path("b.md"), Path("b.json"))
    md, data = ae.output_paths(Path("b.md"), "html")  # the user asked for HTML in a .md file
    assert len({Path("b.md"), md, data}) == 3


def test_brief_args_keep_file_names_from_reading_as_options() -> None:
    inp = ae.read_inputs({"INPUT_MODEL": "m", "INPUT_BASE_URL": "http://localhost:1/v1"})
    args = ae.brief_args(inp, ["-", "-rf.txt", "articles/a b.txt"], Path("o.json"))
    assert args[args.index("--") + 1 :] == ["./-", "./-rf.txt", "articles/a b.txt"]
    assert args[args.index("--model") + 1] == "m" and args[args.index("--base-url") + 1] == "http://localhost:1/v1"


# --- changed files --------------------------------------------------------------------------------------


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull,
        }
        r = subprocess.run(["git", "-C", str(self.path), *args], capture_output=True, text=True, env=env, check=True)
        return r.stdout.strip()

    def write(self, name: str, text: str = "x\n") -> None:
        p = self.path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")

    def commit(self, msg: str = "c") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", msg)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


def _pr(base: str, number: int = 7) -> dict[str, Any]:
    return {"pull_request": {"number": number, "base": {"sha": base}}}


def test_pull_request_selects_added_and_changed_articles_only(repo: Repo) -> None:
    repo.write("articles/a.txt")
    repo.write("articles/old.txt")
    base = repo.commit("base")
    repo.git("checkout", "-q", "-b", "pr")
    repo.write("articles/a.txt", "changed\n")
    repo.write("articles/b c.txt")  # a space in the name
    repo.write("articles/خبر.html")  # an Arabic name (git would quote it without -z)
    repo.write("articles/photo.png")  # not an article format
    repo.write("docs/note.txt")  # outside articles/
    (repo.path / "articles/old.txt").unlink()  # deleted: nothing to check
    repo.commit("pr")
    names = ae.changed_files("pull_request", _pr(base), repo.path)
    assert set(names) == {
        "articles/a.txt",
        "articles/b c.txt",
        "articles/خبر.html",
        "articles/photo.png",
        "docs/note.txt",
    }
    env = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": _event_file(repo.path.parent, _pr(base))}
    files, warnings = ae.select_articles(ae.read_inputs({}), env, repo.path)
    assert files == ["articles/a.txt", "articles/b c.txt", "articles/خبر.html"] and warnings == []


def test_pull_request_ignores_what_landed_on_the_base_since_the_fork(repo: Repo) -> None:
    repo.write("articles/a.txt")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "pr")
    repo.write("articles/pr.txt")
    repo.commit("pr")
    repo.git("checkout", "-q", "main")
    repo.write("articles/later-on-main.txt")
    base = repo.commit("main moves on")
    repo.git("checkout", "-q", "pr")
    assert ae.changed_files("pull_request", _pr(base), repo.path) == ["articles/pr.txt"]


def test_pull_request_base_missing_is_a_clear_error(repo: Repo) -> None:
    repo.write("articles/a.txt")
    repo.commit()
    with pytest.raises(ae.ActionError, match="fetch-depth: 0"):
        ae.changed_files("pull_request", _pr("1" * 40), repo.path)


def test_push_diffs_against_before(repo: Repo) -> None:
    repo.write("articles/a.txt")
    before = repo.commit()
    repo.write("articles/b.txt")
    repo.commit()
    repo.write("articles/c.txt")
    repo.commit()
    assert ae.changed_files("push", {"before": before}, repo.path) == ["articles/b.txt", "articles/c.txt"]


def test_first_push_of_a_branch_uses_the_payload_commit_lists(repo: Repo) -> None:
    repo.write("articles/a.txt")
    repo.commit()
    event = {
        "before": ae.ZERO_SHA,
        "commits": [{"added": ["articles/n.txt"], "modified": ["articles/a.txt"], "removed": ["articles/gone.txt"]}],
    }
    assert ae.changed_files("push", event, repo.path) == ["articles/n.txt", "articles/a.txt"]


def test_first_push_of_a_repository_takes_the_root_commit(repo: Repo) -> None:
    repo.write("articles/a.txt")
    repo.write("articles/b.txt")
    repo.commit()
    assert ae.changed_files("push", {"before": ae.ZERO_SHA}, repo.path) == ["articles/a.txt", "articles/b.txt"]


def test_unknown_before_and_other_events_fall_back_to_the_last_commit(repo: Repo) -> None:
    repo.write("articles/a.txt")
    repo.commit()
    repo.write("articles/b.txt")
    repo.commit()
    # A force-push's before may be gone from the clone; there is no origin to fetch it from here.
    assert ae.changed_files("push", {"before": "2" * 40}, repo.path) == ["articles/b.txt"]
    assert ae.changed_files("workflow_dispatch", {}, repo.path) == ["articles/b.txt"]


def test_expand_globs_recurses_keeps_spaces_and_reports_misses(tmp_path: Path) -> None:
    for name in ("articles/x/a b.txt", "articles/y/c.html", "other.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, unmatched = ae.expand_globs("articles/**/*.txt\n# a comment\n\narticles/y/*\nnope/*.txt\n", tmp_path)
    assert files == ["articles/x/a b.txt", "articles/y/c.html"]
    assert unmatched == ["nope/*.txt"]


# --- exit policy ----------------------------------------------------------------------------------------


def _brief(failures: int = 0, kinds: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "articles": [{}],
        "findings": [{"kind": k} for k in kinds],
        "run": {"failures": [{"input_name": f"f{i}"} for i in range(failures)]},
    }


@pytest.mark.parametrize(
    ("fail_on", "rc", "brief", "expected"),
    [
        ("none", 0, _brief(kinds=("contested",)), 0),
        ("none", 1, _brief(failures=1), 0),
        ("none", 2, None, 2),  # no brief at all is never a pass
        ("failures", 0, _brief(kinds=("contested", "attribution_disputed")), 0),
        ("failures", 1, _brief(failures=1), 1),
        ("contested", 0, _brief(kinds=("single_origin", "discrepancy", "corroborated")), 0),
        ("contested", 0, _brief(kinds=("attribution_disputed",)), 1),
        ("contested", 0, _brief(kinds=("contested",)), 1),
        ("contested", 1, _brief(failures=1), 1),
        ("failures", 2, None, 2),
    ],
)
def test_exit_policy(fail_on: str, rc: int, brief: dict[str, Any] | None, expected: int) -> None:
    code, reason = ae.exit_policy(fail_on, ae.Outcome(rc, brief, ""))
    assert code == expected, reason


# --- reporting ------------------------------------------------------------------------------------------


def test_comment_body_has_the_marker_and_fits_githubs_limit() -> None:
    env = {"GITHUB_SERVER_URL": "https://github.example", "GITHUB_REPOSITORY": "o/r", "GITHUB_RUN_ID": "9"}
    body = ae.comment_body("# brief\n" + "line\n" * 30_000, env)
    assert body.startswith(ae.MARKER) and len(body) <= 65_536
    assert "truncated" in body and "https://github.example/o/r/actions/runs/9" in body


def test_set_outputs_survive_multiline_values(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ae.set_outputs(str(out), {"a": "1", "paths": "x y\nz"})
    assert _parse_outputs(out) == {"a": "1", "paths": "x y\nz"}


def _parse_outputs(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines) and lines[i]:
        key, delim = lines[i].split("<<", 1)
        end = lines.index(delim, i + 1)
        values[key] = "\n".join(lines[i + 1 : end])
        i = end + 1
    return values


# --- end to end: the script as the action runs it ---------------------------------------------------------

FAKE_GH = """\
import json, os, sys
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as fh:
    fh.write(json.dumps({"argv": sys.argv[1:], "stdin": "" if sys.stdin.isatty() else sys.stdin.read(),
                         "token": bool(os.environ.get("GH_TOKEN"))}) + "\\n")
if "--jq" in sys.argv:
    print(os.environ.get("FAKE_GH_IDS", ""))
"""


def _event_file(where: Path, event: dict[str, Any]) -> str:
    p = where / "event.json"
    p.write_text(json.dumps(event), encoding="utf-8")
    return str(p)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[tuple[Repo, dict[str, str]]]:
    """A repo whose PR adds the two seed articles, a fake gh, and the GITHUB_* env of a runner."""
    repo = Repo(tmp_path / "ws")
    repo.write("README.md")
    base = repo.commit("base")
    repo.git("checkout", "-q", "-b", "pr")
    (repo.path / "articles").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, repo.path / "articles" / seed.name)
    repo.commit("two articles")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    gh = bindir / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    gh.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_"))}
    env.update(
        {
            "PATH": f"{bindir}{os.pathsep}{env.get('PATH', '')}",
            "GITHUB_WORKSPACE": str(repo.path),
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": _event_file(tmp_path, _pr(base, number=42)),
            "GITHUB_REPOSITORY": "newsroom/stories",
            "GITHUB_SERVER_URL": "https://github.example",
            "GITHUB_RUN_ID": "123",
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
            "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
            "FAKE_GH_LOG": str(tmp_path / "gh.log"),
            "GH_TOKEN": "t0ken",
            "INPUT_BACKEND": "offline",
            "INPUT_STORIES": "none",  # one brief of the changed files; story mode: tests/test_action_stories.py
        }
    )
    yield repo, env


def _run(env: dict[str, str], **inputs: str) -> subprocess.CompletedProcess[str]:
    full = {**env, **{"INPUT_" + k.upper(): v for k, v in inputs.items()}}
    return subprocess.run(
        [sys.executable, str(SCRIPT)],
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=env["GITHUB_WORKSPACE"],
    )


def _gh_calls(env: dict[str, str]) -> list[dict[str, Any]]:
    log = Path(env["FAKE_GH_LOG"])
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
def test_action_writes_summary_files_outputs_and_one_comment(workspace: tuple[Repo, dict[str, str]]) -> None:
    repo, env = workspace
    r = _run(env, format="html")
    assert r.returncode == 0, r.stdout + r.stderr
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "**factcheck**: 2 article file(s), 2 in the brief, 0 failed" in summary
    md = (repo.path / "factcheck-brief.md").read_text(encoding="utf-8")
    assert md.strip() and md.strip() in summary  # the whole Markdown brief is in the job summary
    assert "موجز التحقق" in md  # the Arabic part of the bilingual brief
    assert "<html" in (repo.path / "factcheck-brief.html").read_text(encoding="utf-8").lower()
    data = json.loads((repo.path / "factcheck-brief.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 2
    outputs = _parse_outputs(Path(env["GITHUB_OUTPUT"]))
    disputed = sum(f["kind"] in ("contested", "attribution_disputed") for f in data["findings"])
    assert outputs["articles"] == "2" and outputs["failed"] == "0" and outputs["disputed"] == str(disputed)
    assert outputs["exit-code"] == "0" and outputs["brief"] == str(repo.path / "factcheck-brief.html")
    assert set(outputs["artifact-paths"].splitlines()) == {
        str(repo.path / n) for n in ("factcheck-brief.html", "factcheck-brief.md", "factcheck-brief.json")
    }
    calls = _gh_calls(env)
    assert calls[0]["argv"][:4] == ["api", "--paginate", "repos/newsroom/stories/issues/42/comments", "--jq"]
    post = calls[-1]
    assert post["argv"][:4] == ["api", "-X", "POST", "repos/newsroom/stories/issues/42/comments"]
    assert post["token"] is True
    body = json.loads(post["stdin"])["body"]
    assert body.startswith(ae.MARKER) and md.strip() in body
    assert "t0ken" not in r.stdout + r.stderr + summary  # the token is never echoed


@pytest.mark.slow
def test_action_updates_the_existing_comment(workspace: tuple[Repo, dict[str, str]]) -> None:
    _, env = workspace
    r = _run({**env, "FAKE_GH_IDS": "555\n556"})
    assert r.returncode == 0, r.stderr
    calls = _gh_calls(env)
    assert len(calls) == 2
    assert calls[1]["argv"][:4] == ["api", "-X", "PATCH", "repos/newsroom/stories/issues/comments/555"]


@pytest.mark.slow
def test_action_comment_off_and_non_pr_events_post_nothing(workspace: tuple[Repo, dict[str, str]]) -> None:
    _, env = workspace
    assert _run(env, comment="false").returncode == 0
    assert (
        _run(
            {
                **env,
                "GITHUB_EVENT_NAME": "push",
                "GITHUB_EVENT_PATH": _event_file(Path(env["FAKE_GH_LOG"]).parent, {"before": ae.ZERO_SHA}),
            }
        ).returncode
        == 0
    )
    assert _gh_calls(env) == []


@pytest.mark.slow
def test_action_fail_on_contested_fails_on_the_seeds(workspace: tuple[Repo, dict[str, str]]) -> None:
    # The seed story has a contested claim (gold.json); the brief is still written and posted.
    _, env = workspace
    r = _run(env, fail_on="contested")
    assert r.returncode == 1 and "::error::fail-on contested" in r.stdout
    assert "**factcheck**" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert _gh_calls(env)  # the comment goes out even when the policy fails the step


@pytest.mark.slow
def test_action_fail_on_failures_trips_on_a_broken_article(workspace: tuple[Repo, dict[str, str]]) -> None:
    repo, env = workspace
    repo.write("articles/empty.txt", "")
    repo.commit("an empty article")
    assert _run(env, comment="false").returncode == 0  # fail-on none: reported, not failed
    assert "1 failed" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    r = _run(env, comment="false", fail_on="failures")
    assert r.returncode == 1 and "could not be read" in r.stdout


def test_action_without_articles_succeeds_quietly(workspace: tuple[Repo, dict[str, str]]) -> None:
    _, env = workspace
    r = _run(env, articles_dir="elsewhere")
    assert r.returncode == 0
    assert "nothing to check" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert _parse_outputs(Path(env["GITHUB_OUTPUT"]))["artifact-paths"] == ""


@pytest.mark.slow
def test_action_no_readable_article_is_an_error(workspace: tuple[Repo, dict[str, str]]) -> None:
    repo, env = workspace
    repo.write("only/empty.txt", "")
    r = _run(env, paths="only/*.txt")
    assert r.returncode == 2 and "::error::" in r.stdout
    assert "wrote no brief" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert _gh_calls(env) == []


@pytest.mark.slow
def test_action_bad_input_is_an_error_annotation(workspace: tuple[Repo, dict[str, str]]) -> None:
    _, env = workspace
    r = _run(env, format="pdf")
    assert r.returncode == 2 and "::error::input format must be one of" in r.stdout


# --- what the action may read and write -----------------------------------------------------------------


def test_unsafe_reason_refuses_links_outside_paths_and_big_files(tmp_path: Path) -> None:
    act = _load()
    ws = tmp_path / "ws"
    (ws / "articles" / "real").mkdir(parents=True)
    (ws / "articles" / "ok.txt").write_text("كلام\n", encoding="utf-8")
    (ws / "articles" / "big.txt").write_text("x" * 2000, encoding="utf-8")
    (ws / "articles" / "real" / "in.txt").write_text("x\n", encoding="utf-8")
    (ws / "articles" / "link.txt").symlink_to(ws / "articles" / "ok.txt")  # even a link to a safe file
    (ws / "articles" / "linked-dir").symlink_to(ws / "articles" / "real", target_is_directory=True)
    (tmp_path / "secret.txt").write_text("s3cret\n", encoding="utf-8")
    assert act.unsafe_reason(ws, "articles/ok.txt", 1000) is None
    assert "symbolic link" in act.unsafe_reason(ws, "articles/link.txt", 1000)
    assert "symbolic link" in act.unsafe_reason(ws, "articles/linked-dir/in.txt", 1000)
    assert "outside the workspace" in act.unsafe_reason(ws, "../secret.txt", 1000)
    assert "outside the workspace" in act.unsafe_reason(ws, str(tmp_path / "secret.txt"), 1000)
    assert "2,000 bytes, over the 1,000-byte limit" in act.unsafe_reason(ws, "articles/big.txt", 1000)
    assert "not a regular file" in act.unsafe_reason(ws, "articles/real", 1000)
    # For an output path a missing file is fine, a link is not.
    assert act.unsafe_reason(ws, "out/brief.md") is None
    assert "symbolic link" in act.unsafe_reason(ws, "articles/link.txt")


def test_read_inputs_max_article_bytes() -> None:
    act = _load()
    assert act.read_inputs({}).max_article_bytes == act.MAX_ARTICLE_BYTES
    assert act.read_inputs({"INPUT_MAX_ARTICLE_BYTES": "1_000"}).max_article_bytes == 1000
    for bad in ("-1", "0", "ten"):
        with pytest.raises(act.ActionError, match="max-article-bytes"):
            act.read_inputs({"INPUT_MAX_ARTICLE_BYTES": bad})


@pytest.mark.slow
def test_action_never_publishes_what_a_committed_symlink_points_to(workspace: tuple[Repo, dict[str, str]]) -> None:
    repo, env = workspace
    canary = "CANARY-extraheader-AUTHORIZATION-basic-x"
    with (repo.path / ".git" / "config").open("a", encoding="utf-8") as f:
        f.write(f'[http]\n\textraheader = "{canary} هذا نص عربي يقول إن الوزير قال كلاما"\n')
    (repo.path / "articles" / "config.txt").symlink_to("../.git/config")
    (repo.path / "articles" / "config.json").symlink_to(repo.path / ".git" / "config")
    repo.write("articles/huge.txt", "ب" * 20_000)  # 40,000 bytes; each seed is under 30,000
    repo.commit("a link to the checkout's credentials and an oversized file")
    r = _run(env, max_article_bytes="30000")
    assert r.returncode == 0, r.stdout + r.stderr
    for name in ("config.txt", "config.json"):
        assert f"skipped 'articles/{name}': it is a symbolic link" in r.stdout
    assert "skipped 'articles/huge.txt': it is 40,000 bytes, over the 30,000-byte limit" in r.stdout
    published = [Path(env["GITHUB_STEP_SUMMARY"]), Path(env["GITHUB_OUTPUT"]), *repo.path.glob("factcheck-brief.*")]
    published += [Path(env["FAKE_GH_LOG"])]
    assert len(published) == 5, r.stdout
    for p in published:
        assert canary not in p.read_text(encoding="utf-8"), p
    data = json.loads((repo.path / "factcheck-brief.md").with_suffix(".json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 2  # the two seeds, nothing else


@pytest.mark.slow
def test_action_refuses_an_output_path_through_a_link_or_outside(workspace: tuple[Repo, dict[str, str]]) -> None:
    repo, env = workspace
    (repo.path / "out").symlink_to(repo.path.parent, target_is_directory=True)
    for output in ("out/brief.md", "../brief.md"):
        r = _run(env, output=output)
        assert r.returncode == 2, r.stdout + r.stderr
        assert "::error" in r.stdout and "input output" in r.stdout and "plain path inside the workspace" in r.stdout
    assert not (repo.path.parent / "brief.md").exists()


def test_zizmor_finds_nothing_above_low_in_the_action_and_the_example() -> None:
    exe = shutil.which("zizmor") or str(Path(sys.executable).with_name("zizmor"))
    if not Path(exe).exists():
        pytest.skip("zizmor is not installed (pip install -e '.[test]' installs it)")
    r = subprocess.run(
        [exe, "--offline", "--min-severity", "medium", "action.yml", "docs/examples/factcheck-workflow.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_third_party_action_is_pinned_by_full_sha() -> None:
    import re

    for path in (ROOT / "action.yml", ROOT / "docs" / "examples" / "factcheck-workflow.yml"):
        for ref in re.findall(r"uses:\s*([^\s#]+)", path.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned by SHA"


def test_lang_input_is_checked_before_anything_runs() -> None:
    act = _load()
    assert act.read_inputs({"INPUT_LANG": "EN, ar"}).lang == "en,ar"
    assert act.read_inputs({}).lang == "ar,en"
    with pytest.raises(act.ActionError, match="input lang"):
        act.read_inputs({"INPUT_LANG": "fr"})


def test_action_caches_pip_and_llm_answers_keyed_by_lock_and_prompt_version() -> None:
    steps = _action()["runs"]["steps"]
    ids = [s.get("id") for s in steps]
    caches = [i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@")]
    assert len(caches) == 2
    pip, llm = (steps[i]["with"] for i in caches)
    assert pip["path"] == "${{ steps.lock.outputs.pip }}" and "${{ steps.lock.outputs.lock }}" in pip["key"]
    assert "${{ steps.lock.outputs.lock }}-${{ steps.prompts.outputs.version }}" in llm["key"]
    assert llm["restore-keys"] in llm["key"]  # a later run restores the latest answers for the same prompts
    assert ids.index("lock") < caches[0] and ids.index("prompts") < caches[1] < ids.index("factcheck")
    assert steps[ids.index("factcheck")]["env"]["FACTCHECK_CACHE_DIR"] == llm["path"]


@pytest.mark.slow
def test_prompt_version_follows_the_prompt_dir(tmp_path: Path) -> None:
    shipped = ae.prompt_version_line({}, tmp_path)
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "system.j2").write_text("Our desk's rules.\n", encoding="utf-8")
    own = ae.prompt_version_line({"INPUT_PROMPT_DIR": "p"}, tmp_path)
    assert shipped.startswith("version=2.") and own.startswith("version=2.") and own != shipped
    (tmp_path / "q").symlink_to(tmp_path / "p", target_is_directory=True)
    with pytest.raises(ae.ActionError, match="input prompt-dir"):
        ae.prompt_version_line({"INPUT_PROMPT_DIR": "q"}, tmp_path)
