"""The public API (``factcheck.__all__``) is pinned exactly: adding or removing a name is a decision."""

from __future__ import annotations

from importlib.metadata import version

import factcheck

EXPECTED = [
    "SCHEMA_VERSION",
    "Article",
    "Brief",
    "BriefDiff",
    "BudgetExceeded",
    "Claim",
    "ClaimCluster",
    "ClaimStatus",
    "ConfigError",
    "CounterKind",
    "CounterStatement",
    "EncodingError",
    "EvalError",
    "Extraction",
    "ExtractionError",
    "FactcheckError",
    "Finding",
    "FindingKind",
    "GroundingError",
    "InputError",
    "LLMError",
    "LexiconError",
    "Quote",
    "Settings",
    "Source",
    "SourceKind",
    "TemplateError",
    "Usage",
    "__version__",
    "agenerate_brief",
    "article_from_text",
    "claim_reviews",
    "diff_briefs",
    "extract",
    "generate_brief",
    "load_article",
    "load_articles",
    "load_settings",
    "reconcile",
    "render",
]


def test_public_api_is_exactly_the_expected_list() -> None:
    assert factcheck.__all__ == EXPECTED
    assert all(hasattr(factcheck, name) for name in EXPECTED)


def test_the_version_is_the_installed_distribution_s() -> None:
    assert factcheck.__version__ == version("factcheck")
