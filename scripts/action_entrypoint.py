#!/usr/bin/env python3
"""The logic of the factcheck GitHub Action (action.yml): pick the articles, run factcheck, report.

Stdlib only, so it runs on any runner Python; it drives the installed ``factcheck`` CLI through
subprocess, exactly as a user would. Inputs arrive as ``INPUT_*`` environment variables set by
action.yml (never interpolated into shell code), GitHub context as the usual ``GITHUB_*`` variables.

Steps: select the article files (the ``paths`` globs, else the files added or changed under the
articles folder by the push or pull request), run ``factcheck brief`` once to JSON, render the
Markdown and the chosen format from that JSON (one extraction, so one LLM bill), write the
Markdown to the job summary, post or update one PR comment (hidden marker), set step outputs, and
exit per ``fail-on``.

Exit codes: 0 ok; 1 the ``fail-on`` policy tripped; 2 bad input or factcheck wrote no brief.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import secrets
import shutil
import stat
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MARKER = "<!-- factcheck-brief -->"
ZERO_SHA = "0" * 40
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".json", ".jsonl")
FORMATS = ("md", "html", "json")
FAIL_ON = ("none", "failures", "contested")
BACKENDS = ("auto", "offline", "llm")
DISPUTED_KINDS = ("contested", "attribution_disputed")
COMMENT_LIMIT = 65_000  # GitHub refuses comment bodies over 65,536 characters
SUMMARY_LIMIT = 1_000_000  # the job summary is capped at 1 MiB per step
BRIEF_STEM = "factcheck-brief"  # factcheck.stories.BRIEF_STEM
MAX_ARTICLE_BYTES = 5_000_000  # a news article is far smaller; a bigger file is a mistake or an attack


class ActionError(Exception):
    """A problem the workflow author must fix; printed as a GitHub error annotation."""


@dataclass(frozen=True)
class Inputs:
    paths: str = ""
    articles_dir: str = "articles"
    format: str = "md"
    lang: str = "ar,en"
    backend: str = "auto"
    model: str = ""
    base_url: str = ""
    output: str = ""
    comment: bool = True
    fail_on: str = "none"
    max_article_bytes: int = MAX_ARTICLE_BYTES
    stories: str = "folder"  # folder | none | a glob of story folders | a stories file (.toml/.json)
    out_dir: str = "factcheck-briefs"
    previous_dir: str = ""
    prompt_dir: str = ""


def _flag(value: str, name: str) -> bool:
    v = value.strip().lower()
    if v in ("true", "yes", "1", "on"):
        return True
    if v in ("false", "no", "0", "off", ""):
        return False
    raise ActionError(f"input {name} must be true or false, not {value!r}")


def _choice(value: str, name: str, choices: Sequence[str], default: str) -> str:
    v = value.strip().lower() or default
    if v not in choices:
        raise ActionError(f"input {name} must be one of {', '.join(choices)}, not {value!r}")
    return v


def _positive_int(value: str, name: str, default: int) -> int:
    v = value.strip().replace("_", "").replace(",", "")
    if not v:
        return default
    if not v.isdigit() or int(v) <= 0:
        raise ActionError(f"input {name} must be a positive whole number of bytes, not {value!r}")
    return int(v)


def _langs(value: str) -> str:
    """Checked before anything runs: a bad language found after extraction costs the run its outputs."""
    langs = [x.strip().lower() for x in value.split(",") if x.strip()] or ["ar", "en"]
    bad = [x for x in langs if x not in ("ar", "en")]
    if bad:
        raise ActionError(f"input lang must be ar, en or ar,en, not {value!r}")
    return ",".join(dict.fromkeys(langs))


def read_inputs(env: Mapping[str, str]) -> Inputs:
    """The action's inputs from ``INPUT_*`` variables, validated (ActionError says which is wrong)."""
    fmt = _choice(env.get("INPUT_FORMAT", ""), "format", FORMATS, "md")
    return Inputs(
        paths=env.get("INPUT_PATHS", ""),
        articles_dir=env.get("INPUT_ARTICLES_DIR", "").strip().strip("/") or "articles",
        format=fmt,
        lang=_langs(env.get("INPUT_LANG", "")),
        backend=_choice(env.get("INPUT_BACKEND", ""), "backend", BACKENDS, "auto"),
        model=env.get("INPUT_MODEL", "").strip(),
        base_url=env.get("INPUT_BASE_URL", "").strip(),
        output=env.get("INPUT_OUTPUT", "").strip() or f"factcheck-brief.{fmt}",
        comment=_flag(env.get("INPUT_COMMENT", "true"), "comment"),
        fail_on=_choice(env.get("INPUT_FAIL_ON", ""), "fail-on", FAIL_ON, "none"),
        max_article_bytes=_positive_int(env.get("INPUT_MAX_ARTICLE_BYTES", ""), "max-article-bytes", MAX_ARTICLE_BYTES),
        stories=env.get("INPUT_STORIES", "").strip() or "folder",
        out_dir=env.get("INPUT_OUT_DIR", "").strip().strip("/") or "factcheck-briefs",
        previous_dir=env.get("INPUT_PREVIOUS_DIR", "").strip(),
        prompt_dir=env.get("INPUT_PROMPT_DIR", "").strip(),
    )


# --- which articles -------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def _has_commit(repo: Path, sha: str) -> bool:
    return _git(repo, "cat-file", "-e", f"{sha}^{{commit}}").returncode == 0


def _ensure_commit(repo: Path, sha: str) -> bool:
    """True when ``sha`` is in the clone, fetching it once if a shallow checkout lacks it."""
    if _has_commit(repo, sha):
        return True
    _git(repo, "fetch", "--quiet", "--no-tags", "--depth=1", "origin", sha)
    return _has_commit(repo, sha)


def _names(out: bytes) -> list[str]:
    # -z output: NUL-separated, unquoted, so spaces and Arabic names arrive intact.
    return [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]


def _diff(repo: Path, base: str, head: str = "HEAD") -> list[str]:
    # ACMR: added, copied, modified, renamed (new name); deleted files are not articles to check.
    r = _git(repo, "diff", "--name-only", "-z", "--diff-filter=ACMR", base, head)
    if r.returncode != 0:
        raise ActionError(f"git diff {base[:12]}..{head} failed: {r.stderr.decode(errors='replace').strip()}")
    return _names(r.stdout)


def _last_commit_files(repo: Path) -> list[str]:
    """Files the checked-out commit added or changed (all of them for a repository's first commit)."""
    head = _git(repo, "rev-parse", "HEAD").stdout.decode().strip()
    if _git(repo, "rev-parse", "--verify", "-q", "HEAD^1").returncode != 0 and head:
        # No parent in sight: a root commit, or a shallow checkout hiding the parent.
        _git(repo, "fetch", "--quiet", "--no-tags", "--depth=2", "origin", head)
    if _git(repo, "rev-parse", "--verify", "-q", "HEAD^1").returncode == 0:
        return _diff(repo, "HEAD^1")
    shallow = _git(repo, "rev-parse", "--is-shallow-repository").stdout.decode().strip() == "true"
    if shallow:
        raise ActionError(
            "cannot tell which files this commit changed: the checkout is shallow and its parent "
            "cannot be fetched; use actions/checkout with fetch-depth: 0, or set the paths input"
        )
    r = _git(repo, "diff-tree", "--no-commit-id", "--root", "-r", "-z", "--name-only", "--diff-filter=ACMR", "HEAD")
    return _names(r.stdout)


def _push_payload_files(event: Mapping[str, Any]) -> list[str] | None:
    """Added/modified files listed in a push payload's commits (None when the payload has none)."""
    commits = event.get("commits")
    if not isinstance(commits, list) or not commits:
        return None
    seen: dict[str, None] = {}
    for c in commits:
        if isinstance(c, dict):
            for key in ("added", "modified"):
                for name in c.get(key) or []:
                    seen[str(name)] = None
    return list(seen)


def changed_files(event_name: str, event: Mapping[str, Any], repo: Path) -> list[str]:
    """Files added or changed by this pull request or push, relative to the repository root.

    Pull request: against the merge base with the base commit (the base commit itself when a
    shallow clone has no merge base). Push: against ``before``; on a branch's first push (``before``
    is all zeros or unknown) the payload's commit lists, else the pushed commit's own changes.
    Other events: the checked-out commit's own changes.
    """
    pr = event.get("pull_request")
    if isinstance(pr, dict):
        base = str((pr.get("base") or {}).get("sha") or "")
        if not base or not _ensure_commit(repo, base):
            raise ActionError(
                f"the pull request's base commit {base[:12] or '(none)'} is not in the checkout; "
                "use actions/checkout with fetch-depth: 0"
            )
        mb = _git(repo, "merge-base", base, "HEAD")
        return _diff(repo, mb.stdout.decode().strip() if mb.returncode == 0 else base)
    if event_name == "push":
        before = str(event.get("before") or "")
        if before and before != ZERO_SHA and _ensure_commit(repo, before):
            return _diff(repo, before)
        listed = _push_payload_files(event)
        if listed is not None:
            return listed
    return _last_commit_files(repo)


def is_article(name: str, articles_dir: str) -> bool:
    prefix = articles_dir.strip("/") + "/"
    own_brief = Path(name).name.startswith(BRIEF_STEM)  # a story's committed brief is not an article
    return name.startswith(prefix) and name.lower().endswith(ARTICLE_SUFFIXES) and not own_brief


def unsafe_reason(repo: Path, name: str, max_bytes: int | None = None) -> str | None:
    """Why the workspace path ``name`` must not be read or written, or None when it is safe.

    Safe means: inside the workspace, reached without following any symbolic link (a committed
    link to ``.git/config``, where checkout keeps its auth header, or to a runner file would
    otherwise be published in the summary, the PR comment and the artifact), and, when it exists,
    a regular file no larger than ``max_bytes``. Checked component by component with lstat, so a
    link anywhere on the way (a linked folder too) counts.
    """
    rel = Path(name)
    if rel.is_absolute() or ".." in rel.parts:
        return "is outside the workspace"
    cur, st = repo, None
    for part in rel.parts:
        cur = cur / part
        try:
            st = os.lstat(cur)
        except FileNotFoundError:
            return None if max_bytes is None else "does not exist"
        except OSError as err:
            return f"cannot be read ({err.strerror})"
        if stat.S_ISLNK(st.st_mode):
            return "is a symbolic link or lies under one; the action only reads and writes regular files"
    if st is None:
        return "is the workspace itself"
    if max_bytes is None:
        return None if stat.S_ISREG(st.st_mode) else "is not a regular file"
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file"
    if st.st_size > max_bytes:
        return f"is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit (input max-article-bytes)"
    return None


def safe_articles(repo: Path, names: Sequence[str], max_bytes: int) -> tuple[list[str], list[str]]:
    """The names that are safe to read, and one warning per name skipped (naming it and why)."""
    keep: list[str] = []
    warnings: list[str] = []
    for name in names:
        why = unsafe_reason(repo, name, max_bytes)
        if why is None:
            keep.append(name)
        else:
            warnings.append(f"skipped {name!r}: it {why}")
    return keep, warnings


def expand_globs(patterns: str, root: Path) -> tuple[list[str], list[str]]:
    """Files matched by newline-separated globs (``**`` recurses), and the patterns matching none.

    Newlines separate patterns, so file names may contain spaces.
    """
    found: dict[str, None] = {}
    unmatched: list[str] = []
    for raw in patterns.splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        hits = sorted(glob.glob(pattern, root_dir=root, recursive=True))
        files = [h for h in hits if (root / h).is_file() or (root / h).is_symlink()]
        if not files:
            unmatched.append(pattern)
        for f in files:
            found[f] = None
    return list(found), unmatched


def select_articles(inputs: Inputs, env: Mapping[str, str], repo: Path) -> tuple[list[str], list[str]]:
    """The article files to check (repository-relative, existing files only) and warnings."""
    if inputs.paths.strip():
        files, unmatched = expand_globs(inputs.paths, repo)
        files, skipped = safe_articles(repo, files, inputs.max_article_bytes)
        return files, [f"paths: {p!r} matched no file" for p in unmatched] + skipped
    event = _load_event(env)
    names = changed_files(env.get("GITHUB_EVENT_NAME", ""), event, repo)
    picked = [n for n in names if is_article(n, inputs.articles_dir) and os.path.lexists(repo / n)]
    return safe_articles(repo, sorted(dict.fromkeys(picked)), inputs.max_article_bytes)


def _load_event(env: Mapping[str, str]) -> dict[str, Any]:
    path = env.get("GITHUB_EVENT_PATH", "")
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ActionError(f"cannot read the event payload {path}: {err}") from err
    return data if isinstance(data, dict) else {}


# --- running factcheck ----------------------------------------------------------------------------


def factcheck_command() -> list[str]:
    """The factcheck CLI of this Python (where action.yml pip-installed it), else the one on PATH."""
    if importlib.util.find_spec("factcheck") is not None:
        return [sys.executable, "-m", "factcheck"]
    exe = shutil.which("factcheck")
    if exe is None:
        raise ActionError("factcheck is not installed: pip install the action's checkout first")
    return [exe]


def _arg_path(name: str) -> str:
    # A file called "-" or "-x" must not read as stdin or as an option.
    return f"./{name}" if name.startswith("-") else name


def brief_args(inputs: Inputs, files: Sequence[str], json_path: Path) -> list[str]:
    args = ["brief", "--format", "json", "-o", str(json_path), "--backend", inputs.backend]
    if inputs.prompt_dir:
        args += ["--prompt-dir", inputs.prompt_dir]
    if inputs.model:
        args += ["--model", inputs.model]
    if inputs.base_url:
        args += ["--base-url", inputs.base_url]
    return [*args, "--", *(_arg_path(f) for f in files)]


def _run(cmd: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True, check=False)
    if r.stderr:
        sys.stderr.write(r.stderr)  # factcheck's own messages (it never prints the API key)
    return r


@dataclass
class Outcome:
    factcheck_rc: int
    brief: dict[str, Any] | None
    stderr: str

    @property
    def failed(self) -> int:
        return len(self.brief["run"]["failures"]) if self.brief else 0

    @property
    def disputed(self) -> int:
        return sum(1 for f in (self.brief or {}).get("findings", []) if f.get("kind") in DISPUTED_KINDS)

    @property
    def articles(self) -> int:
        return len(self.brief["articles"]) if self.brief else 0


def exit_policy(fail_on: str, outcome: Outcome) -> tuple[int, str]:
    """(exit code, reason). No brief is always an error (2); otherwise the levels are cumulative:
    ``failures`` trips when an article failed, ``contested`` also when a claim is contested or its
    attribution disputed; ``none`` never trips."""
    if outcome.brief is None or outcome.factcheck_rc not in (0, 1):
        return 2, f"factcheck wrote no brief (exit {outcome.factcheck_rc})"
    failed = outcome.failed or (1 if outcome.factcheck_rc == 1 else 0)
    if fail_on in ("failures", "contested") and failed:
        return 1, f"fail-on {fail_on}: {failed} article(s) could not be read or extracted"
    if fail_on == "contested" and outcome.disputed:
        return 1, f"fail-on contested: {outcome.disputed} finding(s) of contested or disputed claims"
    return 0, "ok"


# --- reporting ------------------------------------------------------------------------------------


def _truncate(text: str, limit: int, note: str) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - len(note) - 2)
    return text[: max(cut, 0)] + "\n\n" + note + "\n"


def run_url(env: Mapping[str, str]) -> str:
    server, repo, run = env.get("GITHUB_SERVER_URL", ""), env.get("GITHUB_REPOSITORY", ""), env.get("GITHUB_RUN_ID", "")
    return f"{server}/{repo}/actions/runs/{run}" if server and repo and run else ""


def headline(outcome: Outcome, files: Sequence[str]) -> str:
    return (
        f"**factcheck**: {len(files)} article file(s), {outcome.articles} in the brief, "
        f"{outcome.failed} failed, {outcome.disputed} finding(s) in dispute"
    )


def write_summary(path: str, markdown: str) -> None:
    """Append to the job summary ($GITHUB_STEP_SUMMARY), kept under GitHub's size cap."""
    if not path:
        return
    body = _truncate(markdown, SUMMARY_LIMIT, "_… truncated: the full brief is in the run's artifact._")
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(body if body.endswith("\n") else body + "\n")


def comment_body(markdown: str, env: Mapping[str, str]) -> str:
    url = run_url(env)
    where = f"[the run's artifact]({url})" if url else "the run's artifact"
    body = f"{MARKER}\n{markdown.rstrip()}\n\n<sub>Full brief and data: {where}.</sub>\n"
    return _truncate(body, COMMENT_LIMIT, f"_… truncated: the full brief is in {where}._")


def post_comment(repo: str, number: int, body: str) -> str:
    """Update the PR comment carrying MARKER, or create it; returns "updated" or "created"."""
    gh = shutil.which("gh")
    if gh is None:
        raise ActionError("the gh CLI is not on PATH; cannot comment (set comment: false)")
    jq = f'.[] | select(.body | contains("{MARKER}")) | .id'
    found = subprocess.run(
        [gh, "api", "--paginate", f"repos/{repo}/issues/{number}/comments", "--jq", jq],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        raise ActionError(f"cannot list the PR's comments: {found.stderr.strip()}")
    payload = json.dumps({"body": body})
    ids = found.stdout.split()
    if ids:
        r = subprocess.run(
            [gh, "api", "-X", "PATCH", f"repos/{repo}/issues/comments/{ids[0]}", "--input", "-"],
            input=payload,
            capture_output=True,
            text=True,
            check=False,
        )
        if r.returncode == 0:
            return "updated"
    r = subprocess.run(
        [gh, "api", "-X", "POST", f"repos/{repo}/issues/{number}/comments", "--input", "-"],
        input=payload,
        capture_output=True,
        text=True,
        check=False,
    )
    if r.returncode != 0:
        raise ActionError(f"cannot post the PR comment: {r.stderr.strip()}")
    return "created"


def set_outputs(path: str, values: Mapping[str, str]) -> None:
    """Write step outputs to $GITHUB_OUTPUT (heredoc form, so values may span lines)."""
    if not path:
        return
    with open(path, "a", encoding="utf-8") as fh:
        for key, value in values.items():
            delim = f"EOF_{secrets.token_hex(8)}"
            fh.write(f"{key}<<{delim}\n{value}\n{delim}\n")


def _annotate(level: str, message: str) -> None:
    # Workflow commands: %, CR and LF must be escaped or the message is cut.
    msg = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    print(f"::{level}::{msg}", flush=True)


# --- main -----------------------------------------------------------------------------------------


def output_paths(output: Path, fmt: str) -> tuple[Path, Path]:
    """(Markdown, JSON) paths beside ``output``; one of them is ``output`` when the format matches."""
    stem = output.with_suffix("") if output.suffix.lower() in (".md", ".html", ".htm", ".json") else output

    def beside(ext: str, spare: str) -> Path:
        p = stem.with_name(stem.name + ext)
        return p if p != output else stem.with_name(stem.name + spare + ext)

    md = output if fmt == "md" else beside(".md", ".summary")
    data = output if fmt == "json" else beside(".json", ".data")
    return md, data


def _outputs(outcome: Outcome, *paths: Path, produced: Sequence[Path] = ()) -> dict[str, str]:
    """Step outputs; paths are (brief, markdown, json) when a brief was written."""
    brief, md, data = (str(p) for p in paths) if paths else ("", "", "")
    return {
        "articles": str(outcome.articles),
        "failed": str(outcome.failed),
        "disputed": str(outcome.disputed),
        "exit-code": str(outcome.factcheck_rc),
        "brief": brief,
        "markdown": md,
        "json": data,
        "artifact-paths": "\n".join(str(p) for p in produced),
    }


# --- stories: changed files -> affected stories -> each whole story re-briefed ----------------------


def _story_roots(inputs: Inputs, repo: Path, files: Sequence[str]) -> list[str]:
    """The folders whose articles are grouped into stories: the articles folder, else the files' own."""
    base = inputs.articles_dir.strip("/")
    if (repo / base).is_dir() and all(f.startswith(base + "/") for f in files):
        return [base]
    return sorted({str(Path(f).parent) for f in files})


def story_args(inputs: Inputs, repo: Path, files: Sequence[str], out_dir: Path, manifest: Path) -> list[str]:
    """``factcheck brief`` in story mode: every story holding a changed file, briefed whole, as JSON."""
    args = ["brief", "--format", "json", "--out-dir", str(out_dir), "--manifest", str(manifest), "-q"]
    args += ["--backend", inputs.backend, "--max-article-bytes", str(inputs.max_article_bytes)]
    if inputs.stories == "folder":
        args.append("--stories")
    elif inputs.stories.lower().endswith((".toml", ".json")):
        args.append(f"--stories-file={inputs.stories}")
    else:
        args.append(f"--story-glob={inputs.stories}")
    for flag, value in (
        ("--previous-dir", inputs.previous_dir),
        ("--prompt-dir", inputs.prompt_dir),
        ("--model", inputs.model),
        ("--base-url", inputs.base_url),
    ):
        if value:
            args.append(f"{flag}={value}")
    args += [f"--changed={f}" for f in files]  # the = form: a name starting with - stays a value
    return [*args, "--", *(_arg_path(r) for r in _story_roots(inputs, repo, files))]


def unsafe_folder(repo: Path, name: str) -> str | None:
    """``unsafe_reason`` for a folder: no link on the way, inside the workspace; a folder is fine."""
    why = unsafe_reason(repo, name)
    return None if why == "is not a regular file" and (repo / name).is_dir() else why


def _check_story_paths(inputs: Inputs, repo: Path) -> None:
    """Folders the action reads or writes besides the articles must be plain paths in the workspace."""
    named = [("out-dir", inputs.out_dir), ("previous-dir", inputs.previous_dir), ("prompt-dir", inputs.prompt_dir)]
    if inputs.stories.lower().endswith((".toml", ".json")):
        named.append(("stories", inputs.stories))
    for name, rel in named:
        why = (unsafe_reason if name == "stories" else unsafe_folder)(repo, rel) if rel else None
        if why is not None:
            raise ActionError(f"input {name}: {rel} {why}; choose a plain path inside the workspace")


def story_headline(name: str, brief: Mapping[str, Any]) -> str:
    one = Outcome(0, dict(brief), "")
    return (
        f"<sub>**factcheck** · story `{name}`: {one.articles} article(s) in the brief, {one.failed} failed, "
        f"{one.disputed} finding(s) in dispute</sub>"
    )


def _render_story(cmd: Sequence[str], inputs: Inputs, repo: Path, data: Path) -> list[Path]:
    """The Markdown (and the chosen format) of one story's JSON brief; returns the files written."""
    written = [data]
    for fmt in dict.fromkeys(["md", inputs.format]):
        if fmt == "json":
            continue
        out = data.with_suffix(f".{fmt}")
        r = _run([*cmd, "render", str(data), "--lang", inputs.lang, "--format", fmt, "-o", str(out), "-q"], repo)
        if r.returncode != 0:
            raise ActionError(f"factcheck render ({fmt}) of {data.name} failed; see the log above")
        written.append(out)
    return written


def run_stories(inputs: Inputs, env: Mapping[str, str], repo: Path, files: Sequence[str]) -> int:
    _check_story_paths(inputs, repo)
    out_dir = repo / inputs.out_dir
    manifest = out_dir / "stories.json"
    cmd = factcheck_command()
    r = _run([*cmd, *story_args(inputs, repo, files, out_dir, manifest)], repo)
    entries = json.loads(manifest.read_text(encoding="utf-8")) if r.returncode in (0, 1) and manifest.is_file() else []
    sections, produced, briefs = [], [], []
    for entry in entries:
        data = repo / entry["outputs"][0]
        written = _render_story(cmd, inputs, repo, data)
        brief = json.loads(data.read_text(encoding="utf-8"))
        md = data.with_suffix(".md").read_text(encoding="utf-8")
        sections.append(md.rstrip() + "\n\n" + story_headline(entry["story"], brief))  # what changed leads
        produced += written
        briefs.append((entry["story"], brief, written))
    total = {
        "articles": [a for _, b, _ in briefs for a in b["articles"]],
        "findings": [f for _, b, _ in briefs for f in b["findings"]],
        "run": {"failures": [x for _, b, _ in briefs for x in b["run"]["failures"]]},
    }
    outcome = Outcome(r.returncode, total if briefs or r.returncode == 0 else None, r.stderr)
    return _report_stories(inputs, env, outcome, sections, briefs, [*produced, manifest])


def _report_stories(
    inputs: Inputs,
    env: Mapping[str, str],
    outcome: Outcome,
    sections: Sequence[str],
    briefs: Sequence[tuple[str, dict[str, Any], list[Path]]],
    produced: Sequence[Path],
) -> int:
    summary_path, outputs_path = env.get("GITHUB_STEP_SUMMARY", ""), env.get("GITHUB_OUTPUT", "")
    code, reason = exit_policy(inputs.fail_on, outcome)
    if outcome.brief is None:
        err = outcome.stderr.strip()
        write_summary(summary_path, f"**factcheck** wrote no brief (exit {outcome.factcheck_rc}):\n\n```\n{err}\n```")
        _annotate("error", reason + (": " + err.splitlines()[-1] if err else ""))
        set_outputs(outputs_path, _outputs(outcome))
        return code
    body = "\n\n---\n\n".join(sections) or "**factcheck**: no story holds a changed article; nothing to brief."
    write_summary(summary_path, body)
    pr = _load_event(env).get("pull_request")
    if inputs.comment and sections and isinstance(pr, dict) and pr.get("number"):
        try:
            done = post_comment(env.get("GITHUB_REPOSITORY", ""), int(pr["number"]), comment_body(body, env))
            print(f"factcheck: PR comment {done}")
        except ActionError as err:
            _annotate("warning", str(err))
    values = _outputs(outcome, produced=[p for p in produced if p.is_file()])
    fmt = inputs.format
    values.update(
        {
            "stories": "\n".join(name for name, _, _ in briefs),
            "brief": "\n".join(str(next(p for p in w if p.suffix == f".{fmt}")) for _, _, w in briefs),
            "markdown": "\n".join(str(w[0].with_suffix(".md")) for _, _, w in briefs),
            "json": "\n".join(str(w[0]) for _, _, w in briefs),
        }
    )
    set_outputs(outputs_path, values)
    if code != 0:
        _annotate("error", reason)
    return code


def run(env: Mapping[str, str], repo: Path) -> int:
    inputs = read_inputs(env)
    files, warnings = select_articles(inputs, env, repo)
    for w in warnings:
        _annotate("warning", w)
    summary_path, outputs_path = env.get("GITHUB_STEP_SUMMARY", ""), env.get("GITHUB_OUTPUT", "")
    if not files:
        where = "the paths input" if inputs.paths.strip() else f"{inputs.articles_dir}/ in this change"
        write_summary(summary_path, f"**factcheck**: no article file in {where}; nothing to check.")
        set_outputs(outputs_path, _outputs(Outcome(0, None, "")))
        print("factcheck: no article to check")
        return 0
    print(f"factcheck: {len(files)} article file(s): " + ", ".join(files), flush=True)
    if inputs.stories != "none":
        return run_stories(inputs, env, repo, files)

    output = repo / inputs.output
    md_path, json_path = output_paths(output, inputs.format)
    for path in (output, md_path, json_path):
        rel = os.path.relpath(path, repo)
        why = unsafe_reason(repo, rel)
        if why is not None:
            raise ActionError(f"input output: {rel} {why}; choose a plain path inside the workspace")
    json_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = factcheck_command()
    r = _run([*cmd, *brief_args(inputs, files, json_path)], repo)
    brief: dict[str, Any] | None = None
    if r.returncode in (0, 1) and json_path.is_file():
        brief = json.loads(json_path.read_text(encoding="utf-8"))
    outcome = Outcome(r.returncode, brief, r.stderr)
    code, reason = exit_policy(inputs.fail_on, outcome)

    if brief is None:
        err = r.stderr.strip()
        write_summary(summary_path, f"**factcheck** wrote no brief (exit {r.returncode}):\n\n```\n{err}\n```")
        _annotate("error", reason + (": " + err.splitlines()[-1] if err else ""))
        set_outputs(outputs_path, _outputs(outcome))
        return code

    render = [*cmd, "render", str(json_path), "--lang", inputs.lang]
    if _run([*render, "--format", "md", "-o", str(md_path)], repo).returncode != 0:
        raise ActionError("factcheck render (md) failed; see the log above")
    if (
        output not in (md_path, json_path)
        and _run([*render, "--format", inputs.format, "-o", str(output)], repo).returncode != 0
    ):
        raise ActionError(f"factcheck render ({inputs.format}) failed; see the log above")
    markdown = md_path.read_text(encoding="utf-8")
    write_summary(summary_path, headline(outcome, files) + "\n\n" + markdown)

    event = _load_event(env)
    pr = event.get("pull_request")
    if inputs.comment and isinstance(pr, dict) and pr.get("number"):
        try:
            done = post_comment(env.get("GITHUB_REPOSITORY", ""), int(pr["number"]), comment_body(markdown, env))
            print(f"factcheck: PR comment {done}")
        except ActionError as err:  # e.g. a fork's read-only token: the brief is still in the summary
            _annotate("warning", str(err))

    produced = [p for p in dict.fromkeys([output, md_path, json_path]) if p.is_file()]
    set_outputs(outputs_path, _outputs(outcome, output, md_path, json_path, produced=produced))
    if code != 0:
        _annotate("error", reason)
    return code


def prompt_version_line(env: Mapping[str, str], repo: Path) -> str:
    """``version=<prompt version>`` for $GITHUB_OUTPUT: the LLM cache's key covers the prompts in use."""
    rel = env.get("INPUT_PROMPT_DIR", "").strip()
    why = unsafe_folder(repo, rel) if rel else None
    if why is not None:
        raise ActionError(f"input prompt-dir: {rel} {why}; choose a plain path inside the workspace")
    code = "import sys, pathlib; from factcheck.extract.parts import prompt_version as v; "
    code += "print(v(pathlib.Path(sys.argv[1]) if sys.argv[1] else None))"
    r = subprocess.run(
        [sys.executable, "-c", code, str(repo / rel) if rel else ""], capture_output=True, text=True, check=False
    )
    if r.returncode != 0:
        raise ActionError(f"cannot read the prompts: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ''}")
    return f"version={r.stdout.strip()}"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)  # otherwise configured by environment only
    repo = Path(os.environ.get("GITHUB_WORKSPACE") or ".").resolve()
    try:
        if args == ["--prompt-version"]:
            print(prompt_version_line(os.environ, repo))
            return 0
        return run(os.environ, repo)
    except ActionError as err:
        _annotate("error", str(err))
        return 2


if __name__ == "__main__":
    sys.exit(main())
