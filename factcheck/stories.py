"""Stories, not files: group article files into stories and brief each whole story.

Desks keep one folder per story; a third article must be briefed with the two before it. Grouping:
one story per folder (default), per folder matched by a glob (``story_glob``: each match holds the
articles beneath it), or a stories file (TOML or JSON: story name -> globs, relative to the file).
A change to any article selects its whole story (``affected``); re-briefing it costs LLM calls only
for the new articles, the others being served from the extraction cache.

Everything here is checked before anything is extracted: missing inputs, articles in no story,
stories without articles, unreadable stories files. A folder's own briefs (``factcheck-brief.*``)
are never read as articles.
"""

from __future__ import annotations

import glob as _glob
import json
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import InputError
from .models import Brief

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".json", ".jsonl")
BRIEF_STEM = "factcheck-brief"  # what a story folder's own briefs are called: never an article


@dataclass(frozen=True)
class Story:
    """A story: its name, its article files (sorted) and the folder its brief is written next to."""

    name: str
    files: tuple[Path, ...]
    home: Path


@dataclass(frozen=True)
class StoryBrief:
    story: Story
    brief: Brief  # a ChangedBrief when the story had a previous brief


def is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(BRIEF_STEM)


def article_files(inputs: Sequence[str | Path], *, skip: Iterable[Path] = ()) -> list[Path]:
    """The article files named or found (recursively, sorted) in folders; a missing input is an error.

    ``skip``: files and folders never read as articles (the output folder, the stories file).
    """
    skipped = [p.resolve() for p in skip]

    def wanted(p: Path) -> bool:
        r = p.resolve()
        return not any(r == s or s in r.parents for s in skipped)

    found: dict[Path, None] = {}
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for p in _walk(path):
                if is_article_file(p) and wanted(p):
                    found[p] = None
        elif path.is_file():
            if wanted(path):
                found[path] = None
        else:
            raise InputError("no such file or folder", source=str(raw), hint="check the path")
    return list(found)


def _walk(folder: Path) -> list[Path]:
    """Regular files under ``folder``, sorted. A symbolic link (to a file or a folder) is never followed:
    a committed link to a credential file must not become an article; hidden entries (.git) are skipped."""
    out: list[Path] = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in names:
            p = Path(top) / n
            if not n.startswith(".") and not p.is_symlink() and p.is_file():
                out.append(p)
    return sorted(out)


def _name(folder: Path, root: Path) -> str:
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        return folder.resolve().as_posix()


def _read_stories_file(path: Path) -> dict[str, list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        data: Any = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as err:  # JSON and TOML errors are ValueErrors
        raise InputError(f"cannot read the stories file: {err}", source=str(path), hint="README: Stories") from err
    table = data.get("stories", data) if isinstance(data, dict) else None
    if not isinstance(table, dict) or not table:
        raise InputError(
            "a stories file maps story names to globs", source=str(path), hint='e.g. vote = ["vote/*.txt"]'
        )
    out: dict[str, list[str]] = {}
    for name, globs in table.items():
        globs = [globs] if isinstance(globs, str) else globs
        if not isinstance(globs, list) or not globs or not all(isinstance(g, str) and g for g in globs):
            raise InputError(f"story {name!r}: give a glob or a list of globs", source=str(path))
        out[str(name)] = list(globs)
    return out


def _by_file(files: Sequence[Path], stories_file: Path) -> list[Story]:
    base = stories_file.parent
    resolved = {f.resolve(): f for f in files}
    stories = []
    for name, globs in _read_stories_file(stories_file).items():
        hits = {Path(h).resolve() for g in globs for h in _glob.glob(str(base / g), recursive=True)}
        mine = sorted((resolved[h] for h in hits if h in resolved), key=str)
        if not mine:
            raise InputError(f"story {name!r} has no article among the inputs", source=str(stories_file))
        homes = {f.parent.resolve() for f in mine}
        home = mine[0].parent if len(homes) == 1 else base
        stories.append(Story(name, tuple(mine), home))
    return stories


def _by_folders(files: Sequence[Path], folders: Sequence[Path], root: Path) -> list[Story]:
    members: dict[Path, list[Path]] = {}
    for f in files:
        parents = [d for d in folders if d.resolve() in f.resolve().parents]
        if parents:  # the deepest story folder holding the file
            members.setdefault(max(parents, key=lambda d: len(d.resolve().parts)), []).append(f)
    return [Story(_name(d, root), tuple(sorted(fs, key=str)), d) for d, fs in sorted(members.items())]


def group_stories(
    inputs: Sequence[str | Path],
    *,
    story_glob: str | None = None,
    stories_file: Path | None = None,
    root: Path | None = None,
    skip: Iterable[Path] = (),
) -> list[Story]:
    """Group the article files of ``inputs`` (files and folders) into stories, sorted by name.

    Default: one story per folder. ``story_glob`` (relative to ``root``, default the current folder):
    each matching folder is a story of the articles beneath it. ``stories_file``: named stories, each
    a list of globs relative to the file. An article that falls in no story is an error.
    """
    if story_glob and stories_file:
        raise InputError("give either a story glob or a stories file, not both")
    root = root or Path.cwd()
    skip = [*skip, *([stories_file] if stories_file else [])]
    files = article_files(inputs, skip=skip)
    if not files:
        raise InputError("no article file among the inputs", hint=f"article files end in {', '.join(ARTICLE_SUFFIXES)}")
    if stories_file is not None:
        stories = _by_file(files, stories_file)
    elif story_glob:
        folders = [Path(h) for h in _glob.glob(str(root / story_glob), recursive=True) if Path(h).is_dir()]
        stories = _by_folders(files, folders, root)
    else:
        stories = _by_folders(files, sorted({f.parent for f in files}), root)
    placed = {f for s in stories for f in s.files}
    stray = [str(f) for f in files if f not in placed]
    if stray:
        raise InputError(
            f"{len(stray)} article(s) in no story, e.g. {stray[0]}", hint="widen the story glob or the stories file"
        )
    names = [s.name for s in stories]
    if len(set(names)) != len(names):
        raise InputError("two stories have the same name", hint="rename one in the stories file")
    return sorted(stories, key=lambda s: s.name)


def affected(stories: Sequence[Story], changed: Iterable[str | Path]) -> list[Story]:
    """The stories holding any of the ``changed`` files: each is re-briefed whole."""
    wanted = {Path(c).resolve() for c in changed}
    return [s for s in stories if any(f.resolve() in wanted for f in s.files)]


def slug(name: str) -> str:
    """A file name for a story's brief in an output folder ("articles/vote" -> "articles--vote")."""
    cleaned = "--".join(p for p in name.replace("\\", "/").split("/") if p not in ("", ".", ".."))
    return cleaned or "story"


def brief_path(story: Story, ext: str, out_dir: Path | None = None) -> Path:
    """Where a story's brief goes: ``out_dir/<slug>.<ext>``, else ``<its folder>/factcheck-brief.<ext>``."""
    if out_dir is not None:
        return out_dir / f"{slug(story.name)}.{ext}"
    return story.home / f"{BRIEF_STEM}.{ext}"


def find_previous(
    stories: Sequence[Story], *, out_dir: Path | None = None, previous_dir: Path | None = None
) -> dict[str, Path]:
    """Each story's previous brief JSON, when there is one: ``previous_dir/<slug>.json`` (e.g. an artifact
    downloaded by an earlier step), else the brief committed next to the story, else the one in ``out_dir``."""
    found: dict[str, Path] = {}
    for story in stories:
        candidates = [
            *([previous_dir / f"{slug(story.name)}.json"] if previous_dir else []),
            brief_path(story, "json"),
            *([brief_path(story, "json", out_dir)] if out_dir else []),
        ]
        hit = next((p for p in candidates if p.is_file()), None)
        if hit is not None:
            found[story.name] = hit
    return found


def generate_story_briefs(
    stories: Sequence[Story],
    settings: Settings | None = None,
    *,
    client: Any = None,
    previous: Mapping[str, Brief | str | Path] | None = None,
    encoding: str | None = None,
) -> list[StoryBrief]:
    """One brief per story, each over the story's whole set of articles.

    ``previous``: story name -> its earlier brief (or JSON file); every one is read before anything is
    extracted, and that story's brief then leads with what changed. Unchanged articles are served from
    the LLM cache, so only new or edited articles cost calls.
    """
    from .diff import load_brief
    from .pipeline import generate_brief

    settings = settings or Settings()
    previous = previous or {}
    unknown = sorted(set(previous) - {s.name for s in stories})
    if unknown:
        raise InputError(f"previous brief for unknown story {unknown[0]!r}")
    prior = {name: b if isinstance(b, Brief) else load_brief(b) for name, b in previous.items()}
    return [
        StoryBrief(
            s, generate_brief(list(s.files), settings, client=client, encoding=encoding, previous=prior.get(s.name))
        )
        for s in stories
    ]
