"""The Action in story mode, driven as GitHub drives it (scripts/action_entrypoint.py in a scratch git
repository, simulated GITHUB_* variables, a fake gh) against the scripted loopback LLM server.

Acceptance (issue 12): adding a third article to one of two stories re-briefs that whole story (three
articles), leaves the other untouched, makes LLM calls only for the new article, and the job summary
and the PR comment start with what changed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from llm_server import article_text, seed_responder, serve
from test_action import FAKE_GH, SCRIPT, Repo, _event_file, _gh_calls, _parse_outputs, ae

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
INTERVIEW = sorted((ROOT / "fixtures" / "stories" / "interview-denied").glob("*.txt"))
FLOOD = ROOT / "fixtures" / "stories" / "flood-death-toll" / "daily.txt"


def _env(tmp: Path, repo: Repo, url: str, event_name: str, event: dict[str, Any]) -> dict[str, str]:
    bindir = tmp / "bin"
    bindir.mkdir(exist_ok=True)
    gh = bindir / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    gh.chmod(0o755)
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_"))}
    env.update(
        {
            "PATH": f"{bindir}{os.pathsep}{env.get('PATH', '')}",
            "GITHUB_WORKSPACE": str(repo.path),
            "GITHUB_EVENT_NAME": event_name,
            "GITHUB_EVENT_PATH": _event_file(tmp, event),
            "GITHUB_REPOSITORY": "newsroom/desk",
            "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"),
            "GITHUB_OUTPUT": str(tmp / "output.txt"),
            "FAKE_GH_LOG": str(tmp / "gh.log"),
            "GH_TOKEN": "t0ken",
            "OPENAI_BASE_URL": url,
            "FACTCHECK_MODEL": "test-model",
            "FACTCHECK_EMBEDDINGS": "none",
            "FACTCHECK_CACHE_DIR": str(tmp / "cache"),  # restored between runs by actions/cache in action.yml
            "INPUT_BACKEND": "llm",
        }
    )
    return env


def _run(env: dict[str, str], **inputs: str) -> subprocess.CompletedProcess[str]:
    full = {**env, **{"INPUT_" + k.upper(): v for k, v in inputs.items()}}
    for path in (env["GITHUB_STEP_SUMMARY"], env["GITHUB_OUTPUT"], env["FAKE_GH_LOG"]):
        Path(path).unlink(missing_ok=True)
    return subprocess.run(
        [sys.executable, str(SCRIPT)],
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=env["GITHUB_WORKSPACE"],
    )


@pytest.mark.slow
def test_a_third_article_rebriefs_its_story_only_and_the_summary_leads_with_what_changed(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "desk")
    for src, dest in (
        (SEEDS[0], "articles/syria/first.txt"),
        (FLOOD, "articles/syria/second.txt"),
        (INTERVIEW[0], "articles/interview/a.txt"),
        (INTERVIEW[1], "articles/interview/b.txt"),
    ):
        repo.write(dest, src.read_text(encoding="utf-8"))
    with serve(seed_responder()) as srv:
        # 1. The first push briefs both stories (four articles, four calls).
        first = repo.commit("two stories")
        env = _env(tmp_path, repo, srv.url, "push", {"before": ae.ZERO_SHA})
        r = _run(env)
        assert r.returncode == 0, r.stdout + r.stderr
        assert srv.calls == 4
        assert _parse_outputs(Path(env["GITHUB_OUTPUT"]))["stories"].splitlines() == [
            "articles/interview",
            "articles/syria",
        ]
        # The desk commits each story's brief next to it (the next run's previous brief).
        for story in ("syria", "interview"):
            shutil.copy(
                repo.path / f"factcheck-briefs/articles--{story}.json",
                repo.path / f"articles/{story}/factcheck-brief.json",
            )
        for stale in (repo.path / "factcheck-briefs").iterdir():  # the folder itself stays: it may exist
            stale.unlink()
        base = repo.commit("briefs")
        assert base != first
        interview_before = (repo.path / "articles/interview/factcheck-brief.json").read_bytes()

        # 2. A pull request adds a third article to one story.
        repo.git("checkout", "-q", "-b", "third")
        repo.write("articles/syria/third.txt", SEEDS[1].read_text(encoding="utf-8"))
        repo.commit("a third article")
        env = _env(tmp_path, repo, srv.url, "pull_request", {"pull_request": {"number": 9, "base": {"sha": base}}})
        r = _run(env, format="html")
        assert r.returncode == 0, r.stdout + r.stderr
        assert srv.calls == 5  # one call: the new article; the other two are served from the cache
        sent = article_text(srv.requests[-1])  # the new article (page furniture removed), and only it
        assert sent in SEEDS[1].read_text(encoding="utf-8") and len(sent) > 1000

    outputs = _parse_outputs(Path(env["GITHUB_OUTPUT"]))
    assert outputs["stories"] == "articles/syria" and outputs["articles"] == "3"
    out = repo.path / "factcheck-briefs"
    assert sorted(p.name for p in out.iterdir()) == [
        "articles--syria.html",
        "articles--syria.json",
        "articles--syria.md",
        "stories.json",
    ]
    brief = json.loads((out / "articles--syria.json").read_text(encoding="utf-8"))
    assert len(brief["articles"]) == 3 and len(brief["changes"]["new_articles"]) == 1
    assert (repo.path / "articles/interview/factcheck-brief.json").read_bytes() == interview_before

    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    lead = '<div dir="rtl" lang="ar">\n\n## ما الذي تغيّر'
    assert summary.startswith(lead)
    assert summary.index("## What changed") < summary.index("# موجز التحقق")
    assert "**New articles**" in summary and "third.txt" in summary and "**New responses**" in summary
    post = _gh_calls(env)[-1]
    assert post["argv"][:4] == ["api", "-X", "POST", "repos/newsroom/desk/issues/9/comments"]
    body = json.loads(post["stdin"])["body"]
    assert body.startswith(f"{ae.MARKER}\n{lead}")
    assert "story `articles/syria`: 3 article(s)" in body


@pytest.mark.slow
def test_story_mode_never_reads_a_committed_symlink_in_a_story_folder(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "desk")
    repo.write("README.md")
    base = repo.commit("base")
    repo.git("checkout", "-q", "-b", "pr")
    repo.write("articles/syria/first.txt", SEEDS[0].read_text(encoding="utf-8"))
    canary = "CANARY-الوزير-قال-إن-الطريق-سيفتتح-في-مارس"
    (tmp_path / "secret.txt").write_text(f"{canary}\n", encoding="utf-8")
    (repo.path / "articles/syria/linked.txt").symlink_to(tmp_path / "secret.txt")
    repo.commit("an article and a link")
    env = _env(
        tmp_path, repo, "http://127.0.0.1:9/v1", "pull_request", {"pull_request": {"number": 1, "base": {"sha": base}}}
    )
    r = _run(env, backend="offline")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "skipped 'articles/syria/linked.txt': it is a symbolic link" in r.stdout
    published = [Path(env["GITHUB_STEP_SUMMARY"]), *(repo.path / "factcheck-briefs").iterdir()]
    assert all(canary not in p.read_text(encoding="utf-8") for p in published)
    assert _parse_outputs(Path(env["GITHUB_OUTPUT"]))["articles"] == "1"


@pytest.mark.parametrize("stories", ["articles/*", "stories.toml"])
def test_story_args_name_the_grouping_and_keep_names_from_reading_as_options(stories: str, tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    inputs = ae.read_inputs({"INPUT_STORIES": stories, "INPUT_PROMPT_DIR": "prompts", "INPUT_MODEL": "m"})
    args = ae.story_args(inputs, tmp_path, ["articles/-x.txt"], Path("o"), Path("o/m.json"))
    assert ("--story-glob=articles/*" if stories == "articles/*" else "--stories-file=stories.toml") in args
    assert "--changed=articles/-x.txt" in args and "--prompt-dir=prompts" in args and "--model=m" in args
    assert args[args.index("--") + 1 :] == ["articles"]


def test_story_roots_are_the_articles_folder_else_the_files_own_folders(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    inputs = ae.read_inputs({})
    assert ae._story_roots(inputs, tmp_path, ["articles/a/x.txt", "articles/b/y.txt"]) == ["articles"]
    assert ae._story_roots(inputs, tmp_path, ["wires/a/x.txt", "articles/b/y.txt"]) == ["articles/b", "wires/a"]
    assert ae.is_article("articles/a/x.txt", "articles") and not ae.is_article(
        "articles/a/factcheck-brief.json", "articles"
    )
