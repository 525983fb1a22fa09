"""Evaluation against gold stories: ``factcheck eval`` (see docs/eval.md for the format and metrics).

A gold story (``gold.json`` + its article files) annotates the claims, counter-statements and
findings a brief on those articles must contain. ``evaluate_story`` runs the configured extractor
and the reconciler on the articles and scores the brief; it also runs the **oracle**: the
reconciler alone, fed the gold extraction (``factcheck.gold.gold_to_extractions``), so reconciler
errors are told apart from extractor errors.

Overlap rule (``scoring.spans_match``): a predicted claim/counter matches a gold one when, in the
same article, its quote (or one of its evidence quotes) overlaps a gold evidence span of that item
by at least half of the shorter span; gold evidence is located in the cleaned text with
``factcheck.grounding.locate``. Fallback, only for gold evidence not locatable after ingest:
token-Jaccard >= 0.5 of the folded texts in the same article.
"""

from __future__ import annotations

from .goldview import GoldView
from .report import (
    PR,
    THRESHOLDS,
    EvalReport,
    Ratio,
    RunScores,
    SetReport,
    StoryReport,
    check_thresholds,
    format_table,
)
from .runner import add_eval_arguments, discover, evaluate_paths, evaluate_story, main, run_eval
from .scoring import score_brief, spans_match

__all__ = [
    "PR",
    "THRESHOLDS",
    "EvalReport",
    "GoldView",
    "Ratio",
    "RunScores",
    "SetReport",
    "StoryReport",
    "add_eval_arguments",
    "check_thresholds",
    "discover",
    "evaluate_paths",
    "evaluate_story",
    "format_table",
    "main",
    "run_eval",
    "score_brief",
    "spans_match",
]
