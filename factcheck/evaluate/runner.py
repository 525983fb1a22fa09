"""Running an evaluation: story discovery, the extractor run and the oracle run, and the CLI part.

``factcheck eval PATH...``: each PATH is a gold file, a story folder holding ``gold.json`` and its
articles, a folder of story folders, or a quote set (``gold.jsonl`` + ``docs.jsonl`` + ``docs/``).
Exit codes: 0 all thresholds pass, 1 a threshold failed or a story or quote set could not be
evaluated, 2 usage or input error (no gold found, malformed gold).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .._options import add_extractor_arguments, settings_from_arguments
from ..config import Settings
from ..errors import EvalError, FactcheckError
from ..extract import backend_for, extract_all
from ..models import Article, Brief
from .goldview import GoldView
from .quotes import is_quote_set
from .quotes_report import QuoteSetReport, scores_from_tally, sum_tallies
from .quotes_score import run_quote_set
from .report import (
    QUOTE_THRESHOLDS,
    THRESHOLDS,
    EvalReport,
    SetReport,
    StoryReport,
    check_thresholds,
    format_table,
    total,
)
from .scoring import score_brief

GOLD_NAME = "gold.json"


def discover(path: str | Path) -> list[Path]:
    """The gold files under ``path``: the file itself, ``path/gold.json``, or ``path/*/gold.json``."""
    p = Path(path)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise EvalError(f"{p}: no such file or folder", hint="give a gold.json, a story folder or a folder of them")
    if (p / GOLD_NAME).is_file():
        return [p / GOLD_NAME]
    found = sorted(d / GOLD_NAME for d in p.iterdir() if d.is_dir() and (d / GOLD_NAME).is_file())
    if not found:
        raise EvalError(
            f"{p}: no {GOLD_NAME} in it or in its sub-folders",
            hint="a story folder holds gold.json and its articles (see docs/eval.md)",
        )
    return found


def _brief_for(articles: Mapping[str, Article], settings: Settings, client: Any) -> tuple[Brief, list[str]]:
    from ..reconcile import reconcile

    extractions, failures = extract_all(list(articles.values()), settings, client=client)
    brief = reconcile(extractions, failures=failures)
    return brief, [f"{f.input_name}: {f.error}" for f in failures]


def _oracle_brief(story: Any, articles: Mapping[str, Article]) -> Brief:
    from ..reconcile import reconcile
    from .gold import gold_to_extractions

    gx = gold_to_extractions(story, dict(articles))
    return reconcile(gx.extractions, notes=["oracle run: gold extraction"])


def evaluate_story(gold_path: str | Path, settings: Settings | None = None, *, client: Any = None) -> StoryReport:
    """Evaluate one gold story: the configured backend's brief, and the oracle brief.

    A malformed gold file raises EvalError (an input error); a failure of the pipeline itself is
    recorded in ``StoryReport.error`` so one broken story never costs the others.
    """
    from .gold import load_gold, load_story_articles

    settings = settings or Settings()
    path = Path(gold_path)
    story = load_gold(path)
    gold = GoldView.from_obj(story)
    report = StoryReport(story=gold.story, path=str(path), negative=gold.negative)
    try:
        articles = load_story_articles(path, story)
    except Exception as err:  # the eval reports a broken stage and goes on with the other stories
        report.error = f"articles: {type(err).__name__}: {err}"
        return report
    report.articles = len(articles)
    report.failures = [f"{gid}: not loaded" for gid in gold.article_ids if gid not in articles]
    runs: list[tuple[str, Any]] = [
        ("system", lambda: _brief_for(articles, settings, client)),
        ("oracle", lambda: (_oracle_brief(story, articles), [])),
    ]
    errors = []
    for name, make in runs:
        try:
            brief, failures = make()
        except Exception as err:  # a broken (or not yet written) stage is reported, never fatal
            errors.append(f"{name}: {type(err).__name__}: {err}")
            continue
        setattr(report, name, score_brief(gold, articles, brief))
        report.failures += failures
        report.notes = sorted(set(report.notes) | set(gold.notes))
    report.error = "; ".join(errors) or None
    return report


def evaluate_quote_set(path: str | Path, settings: Settings | None = None, *, client: Any = None) -> QuoteSetReport:
    """Score the configured extractor on a quote set (see ``quotes``); EvalError if it is malformed.

    Documents that fail are left out of the figures and listed; a set where every document failed
    gets ``error`` (a gate must not pass by measuring nothing).
    """
    run = run_quote_set(path, settings or Settings(), client=client)
    return QuoteSetReport(
        path=str(path),
        documents=run.documents,
        extracted=run.extracted,
        changed_by_ingest=run.changed_by_ingest,
        failures=run.failures,
        error=None if run.extracted else f"no document extracted ({len(run.failures)} failed)",
        tally=dict(sorted(run.tally.items())),
        scores=scores_from_tally(run.tally),
    )


def _quote_set_dir(path: str | Path) -> Path | None:
    p = Path(path)
    if p.is_file() and p.name == "gold.jsonl":
        p = p.parent
    return p if is_quote_set(p) else None


def evaluate_paths(paths: Sequence[str | Path], settings: Settings | None = None, *, client: Any = None) -> EvalReport:
    """Evaluate every story and quote set found under ``paths``; totals per PATH and overall."""
    settings = settings or Settings()
    # fail fast on a bad PATH, before any work
    found = [(str(p), _quote_set_dir(p) or discover(p)) for p in paths]
    stories: list[StoryReport] = []
    sets: list[SetReport] = []
    quote_sets: list[QuoteSetReport] = []
    for label, golds in found:
        if isinstance(golds, Path):
            quote_sets.append(evaluate_quote_set(golds, settings, client=client))
            continue
        these = [evaluate_story(g, settings, client=client) for g in golds]
        system, oracle = total(these)
        sets.append(SetReport(path=label, stories=[s.story for s in these], system=system, oracle=oracle))
        stories += these
    system, oracle = total(stories)
    return EvalReport(
        backend=backend_for(settings, client),
        stories=stories,
        sets=sets,
        system=system,
        oracle=oracle,
        errors=sum(1 for s in stories if s.error) + sum(1 for q in quote_sets if q.error),
        quote_sets=quote_sets,
        quotes=scores_from_tally(sum_tallies(q.tally for q in quote_sets)) if quote_sets else None,
    )


# --- CLI (factcheck.cli calls these; the library never imports the CLI) --------------------------


def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``factcheck eval``: PATH..., the extractor options, --json, -o, thresholds."""
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a gold.json, a story folder (gold.json + articles), a folder of story folders, "
        "or a quote set (gold.jsonl + docs.jsonl + docs/)",
    )
    # The same extractor options as `factcheck brief`: an eval must run the extractor a brief would.
    add_extractor_arguments(parser)
    parser.add_argument(
        "--allow-failures",
        action="store_true",
        help="exit 0 even when an article of a story failed to load or extract (scored as missing)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON instead of a table")
    parser.add_argument("-o", "--output", default=None, help="also write the JSON report to this file")
    group = parser.add_argument_group("thresholds (exit 1 when one fails; scores are micro-averaged totals)")
    for name, (_, label) in THRESHOLDS.items():
        kind = "floor" if name.startswith("min_") else "ceiling"
        default = 0.0 if name == "max_ungrounded" else None
        group.add_argument(
            f"--{name.replace('_', '-')}",
            dest=name,
            type=float,
            default=default,
            metavar="X",
            help=f"{kind} on {label}"
            + (" (default 0)" if default is not None else "")
            + (", a fraction 0-1" if name in QUOTE_THRESHOLDS and kind == "floor" else ""),
        )


def run_eval(args: argparse.Namespace) -> int:
    """Run ``factcheck eval`` from parsed arguments; prints the table (or JSON) and the failed gates."""
    wrong = [n for n in QUOTE_THRESHOLDS if n.startswith("min_") and (getattr(args, n, None) or 0) > 1]
    if wrong:  # 47 meant as 47 %: a floor no run can reach would be a confusing failure
        print(f"factcheck eval: error: --{wrong[0].replace('_', '-')} is a fraction (0.47, not 47)", file=sys.stderr)
        return 2
    try:
        settings = settings_from_arguments(args)
        if settings.lexicon_dir is not None:  # a malformed lexicon file stops here, not in every story
            from ..lexicon import load

            load(settings.lexicon_dir)
        report = evaluate_paths(args.paths, settings)
    except FactcheckError as err:
        print(f"factcheck eval: error: {err}", file=sys.stderr)
        return 2
    text = report.model_dump_json(indent=2)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    print(text if args.json else format_table(report), end="\n" if args.json else "")
    failed = check_thresholds(report, {n: getattr(args, n, None) for n in THRESHOLDS})
    lost = [f"{s.story}: {f}" for s in report.stories for f in s.failures]
    if lost and not getattr(args, "allow_failures", False):
        # A gate on a broken or too slow server must not pass by scoring what little came back.
        failed.append(
            f"{len(lost)} article(s) failed to load or extract (--allow-failures to score without them): "
            + "; ".join(lost[:5])
            + (" ..." if len(lost) > 5 else "")
        )
    for line in failed:
        print(f"FAIL: {line}", file=sys.stderr)
    if not failed and any(getattr(args, n, None) is not None for n in THRESHOLDS):
        print("all thresholds pass", file=sys.stderr)
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m factcheck.evaluate``: the same as ``factcheck eval``."""
    parser = argparse.ArgumentParser(
        prog="factcheck eval",
        description="Score briefs against gold stories, and quotes against quote sets.",
        allow_abbrev=False,  # '--min-ggt 0.4' must be an error, not a silently completed flag
    )
    add_eval_arguments(parser)
    return run_eval(parser.parse_args(argv))
