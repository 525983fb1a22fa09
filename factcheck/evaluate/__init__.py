"""Evaluation against gold stories: ``factcheck eval`` (see docs/eval.md for the format and metrics).

A gold story (``gold.json`` + its article files) annotates the claims, counter-statements and
findings a brief on those articles must contain. ``evaluate_story`` runs the configured extractor
and the reconciler on the articles and scores the brief; it also runs the **oracle**: the
reconciler alone, fed the gold extraction (``factcheck.evaluate.gold.gold_to_extractions``), so reconciler
errors are told apart from extractor errors.

Overlap rule (``scoring.spans_match``): a predicted claim/counter matches a gold one when, in the
same article, its quote (or one of its evidence quotes) overlaps a gold evidence span of that item
by at least half of the shorter span; gold evidence is located in the cleaned text with
``factcheck.text.grounding.locate``. Fallback, only for gold evidence not locatable after ingest:
token-Jaccard >= 0.5 of the folded texts in the same article.

Quote sets (``gold.jsonl`` + ``docs.jsonl`` + ``docs/``, the format of shared/eval/polnear-dev) are
scored span by span by ``quotes`` (``evaluate_quote_set``), with the measures of that set's
reference scorer; ``evaluate_paths`` tells the two kinds apart.
"""

from __future__ import annotations

from .goldview import GoldView
from .quotes import GoldQuote, Pred, load_quote_set, predictions
from .quotes_report import QuoteScores, QuoteSetReport, format_quote_scores, scores_from_tally
from .quotes_score import score_document
from .report import (
    PR,
    QUOTE_THRESHOLDS,
    THRESHOLDS,
    EvalReport,
    Ratio,
    RunScores,
    SetReport,
    StoryReport,
    check_thresholds,
    format_table,
)
from .runner import add_eval_arguments, discover, evaluate_paths, evaluate_quote_set, evaluate_story, main, run_eval
from .scoring import score_brief, spans_match

__all__ = [
    "PR",
    "QUOTE_THRESHOLDS",
    "THRESHOLDS",
    "EvalReport",
    "GoldQuote",
    "GoldView",
    "Pred",
    "QuoteScores",
    "QuoteSetReport",
    "Ratio",
    "RunScores",
    "SetReport",
    "StoryReport",
    "add_eval_arguments",
    "check_thresholds",
    "discover",
    "evaluate_paths",
    "evaluate_quote_set",
    "evaluate_story",
    "format_quote_scores",
    "format_table",
    "load_quote_set",
    "main",
    "predictions",
    "run_eval",
    "score_brief",
    "score_document",
    "scores_from_tally",
    "spans_match",
]
