"""``factcheck brief --stories``: the CLI layer over factcheck.stories (flags, files, exit codes).

Every input is checked before any extraction: the grouping, the previous briefs (parsed), the output
folder. Each story's brief is written as JSON (the next run's previous brief) and in the chosen format.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings
from .errors import InputError
from .fileio import write_text_atomic

if TYPE_CHECKING:
    from .models import Brief
    from .stories import StoryBrief

EXTENSIONS = {"md": "md", "html": "html", "json": "json", "claimreview": "jsonld"}


def add_story_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("stories: one brief per story, each over all its articles (README: Stories)")
    g.add_argument("--stories", action="store_true", help="group FILEs and folders into stories, one per folder")
    g.add_argument("--story-glob", metavar="GLOB", help="each folder matching GLOB is a story (implies --stories)")
    g.add_argument(
        "--stories-file", type=Path, metavar="FILE", help="TOML or JSON: story name -> globs (implies --stories)"
    )
    g.add_argument(
        "--changed",
        action="append",
        default=[],
        metavar="FILE",
        help="brief only the stories holding FILE (repeatable)",
    )
    g.add_argument(
        "--out-dir", type=Path, help="write <story>.<ext> here (default: factcheck-brief.<ext> in the story's folder)"
    )
    g.add_argument(
        "--previous-dir", type=Path, help="folder of earlier briefs, <story>.json (e.g. a downloaded artifact)"
    )
    g.add_argument("--manifest", type=Path, help="write a JSON list of the stories briefed and their files")
    p.add_argument(
        "--previous", type=Path, metavar="BRIEF.json", help="the earlier brief: lead with what changed since"
    )


def story_mode(args: argparse.Namespace) -> bool:
    return bool(args.stories or args.story_glob or args.stories_file)


def _check(args: argparse.Namespace) -> None:
    if args.output is not None:
        raise InputError("-o names one file; stories get one brief each", hint="use --out-dir DIR")
    if args.previous is not None:
        raise InputError(
            "--previous names one brief", hint="with stories, use --previous-dir (or the briefs next to them)"
        )
    if "-" in args.files:
        raise InputError("standard input is not a story", hint="give files or folders")
    if args.out_dir is not None:
        existing = next(p for p in (args.out_dir, *args.out_dir.parents) if p.exists() or p == Path("."))
        if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
            raise InputError(f"--out-dir {args.out_dir}: cannot write in {existing}", hint="choose another folder")
    if args.previous_dir is not None and not args.previous_dir.is_dir():
        raise InputError(f"--previous-dir {args.previous_dir} is not a folder")


def _entry(done: StoryBrief, paths: list[Path], previous: Path | None) -> dict[str, object]:
    brief = done.brief
    return {
        "story": done.story.name,
        "files": [str(f) for f in done.story.files],
        "outputs": [str(p) for p in paths],
        "previous": str(previous) if previous else None,
        "articles": len(brief.articles),
        "failures": [f.input_name for f in brief.run.failures],
    }


def run_story_briefs(args: argparse.Namespace, settings: Settings, fmt: str, rendered: Callable[[Brief], str]) -> int:
    """Brief every (affected) story; exit 0 ok, 1 an article or a story failed, 2 no brief at all."""
    from .stories import affected, brief_path, find_previous, generate_story_briefs, group_stories

    _check(args)
    skip = [args.out_dir] if args.out_dir is not None else []
    stories = group_stories(args.files, story_glob=args.story_glob, stories_file=args.stories_file, skip=skip)
    if args.changed:
        stories = affected(stories, args.changed)
    previous = find_previous(stories, out_dir=args.out_dir, previous_dir=args.previous_dir)
    results = generate_story_briefs(stories, settings, previous=previous, encoding=args.encoding)
    manifest, code = [], 0
    for done in results:
        name = done.story.name
        if not done.brief.articles:
            for f in done.brief.run.failures:
                print(f"factcheck: error: story {name}: {f.input_name} ({f.stage}): {f.error}", file=sys.stderr)
            print(f"factcheck: error: story {name}: no article could be read; no brief written", file=sys.stderr)
            code = 1
            continue
        paths = [brief_path(done.story, "json", args.out_dir)]
        write_text_atomic(paths[0], done.brief.model_dump_json(indent=2) + "\n")
        if fmt != "json":
            paths.append(brief_path(done.story, EXTENSIONS[fmt], args.out_dir))
            text = rendered(done.brief)
            write_text_atomic(paths[1], text if text.endswith("\n") else text + "\n")
        if not args.quiet:
            n = len(done.brief.articles)
            print(f"factcheck: story {name}: {n} article(s) -> {paths[-1]}", file=sys.stderr)
        code = max(code, 1 if done.brief.run.failures else 0)
        manifest.append(_entry(done, paths, previous.get(name)))
    if args.manifest is not None:
        write_text_atomic(args.manifest, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    if not stories and not args.quiet:
        print("factcheck: no story holds a changed file; nothing to brief", file=sys.stderr)
    return 2 if stories and not manifest else code
