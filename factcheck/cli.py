"""The ``factcheck`` command: a thin layer over the library (argument parsing, files, exit codes).

Exit codes: 0 ok; 1 a brief was written but some article failed (the brief names it), or an eval
threshold failed; 2 usage or input error. Errors become messages here, and only here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._options import add_extractor_arguments as _llm_flags
from ._options import settings_from_arguments as _settings
from .config import load_settings
from .errors import ConfigError, FactcheckError, InputError, first_problem

FORMATS = ("md", "html", "json", "claimreview")


def _output_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    p.add_argument("--format", choices=FORMATS, help="default: from the -o extension, else md")
    p.add_argument("--lang", default="ar,en", help="languages of the brief: ar,en | ar | en (default ar,en)")
    p.add_argument("--template-dir", type=Path, help="folder of your own brief templates (override shipped ones)")
    p.add_argument(
        "--digits", choices=["latin", "arabic"], default="latin", help="digits of the Arabic part's dates and counts"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or 'wrote …' line on standard error")
    p.add_argument("--publisher", help="with --format claimreview: your organisation's name (FACTCHECK_PUBLISHER)")
    p.add_argument("--publisher-url", help="with --format claimreview: your organisation's site")
    p.add_argument("--brief-url", help="with --format claimreview: where this brief is published")


def build_parser(*, eval_arguments: bool = True) -> argparse.ArgumentParser:
    """The whole parser; ``eval_arguments=False`` leaves out the eval command's own arguments (they
    need ``factcheck.evaluate``, which the other commands and ``--help`` should not import)."""
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Turn news articles on one story into a grounded, bilingual (Arabic + English) fact-check brief.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("brief", help="articles -> brief (ingest, extract, reconcile, render)")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt, .html, .json/.jsonl records, or - for stdin")
    p.add_argument("--encoding", help="force the input encoding (default: detected)")
    _output_flags(p)
    _llm_flags(p)
    from ._story_cli import add_story_arguments

    add_story_arguments(p)

    p = sub.add_parser("extract", help="articles -> extraction JSON (one per article)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-o", "--output", type=Path, help="JSON file (a list when several articles)")
    p.add_argument("--encoding")
    _llm_flags(p)

    p = sub.add_parser("reconcile", help="extraction JSON files -> brief JSON")
    p.add_argument("files", nargs="+", metavar="EXTRACTION.json")
    p.add_argument("-o", "--output", type=Path)

    p = sub.add_parser("render", help="brief JSON -> md, html or json")
    p.add_argument("file", metavar="BRIEF.json")
    _output_flags(p)

    p = sub.add_parser("diff", help="what changed between two briefs (JSON) of one story")
    p.add_argument("old", metavar="OLD.json")
    p.add_argument("new", metavar="NEW.json")
    p.add_argument("-o", "--output", type=Path)
    p.add_argument("--format", choices=["md", "json"], default="md")
    p.add_argument("--lang", default="en", choices=["en", "ar"])

    p = sub.add_parser("schema", help="print the JSON Schema of the data model")
    p.add_argument("--model", choices=["brief", "extraction", "article"], default="brief")

    p = sub.add_parser("eval", help="score briefs against gold stories (see docs/eval.md)")
    if eval_arguments:
        from .evaluate import add_eval_arguments

        add_eval_arguments(p)

    p = sub.add_parser("batch", help="LLM back-fills through OpenAI's Batch API: submit, later collect")
    actions = p.add_subparsers(dest="batch_command", metavar="ACTION", required=True)
    b = actions.add_parser("submit", help="send every uncached part of FILES as one batch; prints its id")
    b.add_argument("files", nargs="+", metavar="FILE")
    b.add_argument("--encoding")
    _llm_flags(b)
    b = actions.add_parser("collect", help="store a finished batch's answers in the cache (exit 1: parts failed)")
    b.add_argument("batch_id", metavar="ID")
    _llm_flags(b)
    for each in actions.choices.values():
        each.allow_abbrev = False

    p = sub.add_parser("cache", help="manage the LLM extraction cache")
    p.add_argument("action", choices=["clear", "path"])
    p.add_argument("--config", type=Path)
    # No abbreviated flags: `eval --mode x` once ran as `--model x` silently; scripts must say what they mean.
    for each in (parser, *sub.choices.values()):
        each.allow_abbrev = False
    return parser


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from .fileio import write_text_atomic

    try:
        write_text_atomic(output, text if text.endswith("\n") else text + "\n")
    except OSError as err:
        raise InputError(f"cannot write {output}: {err.strerror}", hint="choose another -o path") from err


def _format(args: argparse.Namespace) -> Any:
    if args.format:
        return str(args.format)
    if args.output is not None and args.output.suffix.lstrip(".") in ("md", "html", "json"):
        return args.output.suffix.lstrip(".")
    if args.output is not None and args.output.suffix == ".htm":
        return "html"
    if args.output is not None and args.output.suffix == ".jsonld":
        return "claimreview"
    return "md"


def _langs(value: str) -> tuple[str, ...]:
    langs = tuple(dict.fromkeys(x.strip().lower() for x in value.split(",") if x.strip()))
    bad = [x for x in langs if x not in ("ar", "en")]
    if bad or not langs:
        raise ConfigError(
            f"--lang {value!r}: unknown language(s) {', '.join(bad) or '(none)'}", hint="use ar,en | ar | en"
        )
    return langs


def _check_output_options(args: argparse.Namespace) -> None:
    """Refuse bad rendering options before anything is extracted (and, with an LLM, paid for)."""
    _langs(args.lang)
    if args.template_dir is None:  # FACTCHECK_TEMPLATE_DIR or the config file's template_dir
        args.template_dir = load_settings({}, config_file=getattr(args, "config", None)).template_dir
    if args.template_dir is not None and not args.template_dir.is_dir():
        raise ConfigError(f"--template-dir {args.template_dir} is not a folder", hint="give a folder of .j2 templates")
    if _format(args) == "claimreview" and not _publisher(args):
        raise ConfigError(
            "--format claimreview needs the publishing organisation's name",
            hint="add --publisher 'Your Newsroom' (or set FACTCHECK_PUBLISHER)",
        )
    out: Path | None = args.output
    if out is None:
        return
    if out.is_dir():
        raise InputError(f"-o {out} is a folder", hint="give a file name such as brief.html")
    if not args.format and out.suffix.lower() not in (".md", ".html", ".htm", ".json", ".jsonld"):
        raise InputError(
            f"-o {out}: cannot tell the format from {out.suffix or 'a name without extension'!r}",
            hint="name the file .md, .html or .json, or add --format md|html|json|claimreview",
        )
    existing = next((p for p in (out.parent, *out.parent.parents) if p.exists()), Path("."))
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(f"-o {out}: cannot write in {existing}", hint="choose another -o path")


def _publisher(args: argparse.Namespace) -> str:
    return str(getattr(args, "publisher", None) or os.environ.get("FACTCHECK_PUBLISHER", "")).strip()


def _rendered(args: argparse.Namespace, brief: Any) -> str:
    if _format(args) == "claimreview":
        from .render.claimreview import render_claimreview

        return render_claimreview(
            brief,
            publisher=_publisher(args),
            publisher_url=args.publisher_url,
            url=args.brief_url,
            langs=_langs(args.lang),
        )
    from .render import render

    return render(
        brief, format=_format(args), langs=_langs(args.lang), template_dir=args.template_dir, digits=args.digits
    )


def _stdin(files: Sequence[str]) -> bytes | None:
    return sys.stdin.buffer.read() if "-" in files else None


def _read_json(path: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", source=path, hint="check the path") from err
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON ({err.msg}, line {err.lineno})", source=path) from err


def _cmd_brief(args: argparse.Namespace) -> int:
    from ._progress import Progress, summary
    from ._progress import wanted as progress_wanted
    from .pipeline import generate_brief

    _check_output_options(args)
    settings = _settings(args)
    from ._story_cli import run_story_briefs, story_mode

    if story_mode(args):
        return run_story_briefs(args, settings, _format(args), lambda b: _rendered(args, b))
    llm = settings.resolved_backend() == "llm"
    label = f"briefing {len(args.files)} input(s)" + (f" with the LLM {settings.model}" if llm else "")
    with Progress(label, sys.stderr, not args.quiet and progress_wanted(sys.stderr, len(args.files), llm)):
        brief = generate_brief(
            args.files, settings, encoding=args.encoding, stdin=_stdin(args.files), previous=args.previous
        )
    if not brief.articles:
        for f in brief.run.failures:  # every line names its article, even when all fail alike (HTTP 429)
            named = f.error if f.error.startswith(f.input_name) else f"{f.input_name} ({f.stage}): {f.error}"
            print(f"factcheck: error: {named}", file=sys.stderr)
        print("factcheck: error: no article could be read and extracted; no brief written", file=sys.stderr)
        return 2
    _write(_rendered(args, brief), args.output)
    if args.output is not None and not args.quiet:
        print(f"factcheck: {summary(args.output, brief)}", file=sys.stderr)
    for f in brief.run.failures:
        what = "was only partly extracted" if f.stage == "partial" else f"failed ({f.stage})"
        print(f"factcheck: warning: {f.input_name} {what}: {f.error}", file=sys.stderr)
    return 1 if brief.run.failures else 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extract import extract_all
    from .ingest import load_articles

    settings = _settings(args)
    articles, failures = load_articles(
        args.files,
        encoding=args.encoding,
        stdin=_stdin(args.files),
        max_bytes=settings.max_article_bytes,
        max_articles=settings.max_articles,
    )
    extractions, extract_failures = extract_all(articles, settings)
    failures = [*failures, *extract_failures]
    for f in failures:
        print(f"factcheck: error: {f.input_name} ({f.stage}): {f.error}", file=sys.stderr)
    if not extractions:
        return 2
    docs = [json.loads(e.model_dump_json()) for e in extractions]
    _write(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2), args.output)
    return 1 if failures else 0


def _cmd_reconcile(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from .models import Extraction
    from .reconcile import reconcile

    extractions: list[Extraction] = []
    for path in args.files:
        data = _read_json(path)
        for i, doc in enumerate(data if isinstance(data, list) else [data]):
            try:
                extractions.append(Extraction.model_validate(doc))
            except ValidationError as err:
                where, msg = first_problem(err)
                raise InputError(
                    f"item {i + 1} is not an Extraction: {where}: {msg}",
                    source=path,
                    hint="see `factcheck schema --model extraction`",
                ) from err
    brief = reconcile(extractions)
    _write(brief.model_dump_json(indent=2), args.output)
    return 0


def _cmd_render(args: argparse.Namespace) -> int:
    from ._progress import summary
    from .diff import brief_from_data

    _check_output_options(args)
    brief = brief_from_data(_read_json(args.file), args.file)  # a ChangedBrief leads with what changed
    _write(_rendered(args, brief), args.output)
    if args.output is not None and not args.quiet:
        print(f"factcheck: {summary(args.output, brief)}", file=sys.stderr)
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from .diff import diff_briefs, diff_markdown
    from .models import Brief

    briefs = []
    for path in (args.old, args.new):
        try:
            briefs.append(Brief.model_validate(_read_json(path)))
        except ValidationError as err:
            hint = "give two brief JSON files (factcheck brief -o x.json)"
            raise InputError("not a Brief", source=path, hint=hint) from err
    d = diff_briefs(briefs[0], briefs[1])
    text = d.model_dump_json(indent=2) if args.format == "json" else diff_markdown(d, briefs[1], args.lang)
    _write(text, args.output)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from pydantic import BaseModel

    from . import models

    choices: dict[str, type[BaseModel]] = {
        "brief": models.Brief,
        "extraction": models.Extraction,
        "article": models.Article,
    }
    model = choices[args.model]
    _write(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2), None)
    return 0


def _cmd_cache(args: argparse.Namespace) -> int:
    from .extract.cache import cache_root, clear_cache

    settings = load_settings({}, config_file=args.config)
    if args.action == "path":
        print(cache_root(settings))
        return 0
    print(f"removed {clear_cache(settings)} cached extraction(s) from {cache_root(settings)}")
    return 0


def _cmd_batch(args: argparse.Namespace) -> int:
    from .extract.batch import run_cli

    return run_cli(args)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(eval_arguments="eval" in words)
    args = parser.parse_args(argv)
    if args.version:
        from ._version import VERSION

        print(f"factcheck {VERSION}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "eval":
        from .evaluate import run_eval

        return run_eval(args)
    handlers = {
        "batch": _cmd_batch,
        "brief": _cmd_brief,
        "extract": _cmd_extract,
        "reconcile": _cmd_reconcile,
        "render": _cmd_render,
        "schema": _cmd_schema,
        "cache": _cmd_cache,
        "diff": _cmd_diff,
    }
    try:
        return handlers[args.command](args)
    except FactcheckError as err:
        print(f"factcheck: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
