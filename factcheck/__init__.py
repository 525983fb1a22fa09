"""factcheck: news articles on one story in, a grounded bilingual (Arabic + English) fact-check brief out.

Library use::

    import factcheck
    brief = factcheck.generate_brief(["a.txt", "b.html"])          # offline unless an LLM is configured
    print(factcheck.render(brief, format="md"))

Stages, each runnable alone on the JSON of the models: ``ingest`` -> ``extract`` -> ``reconcile`` -> ``render``.
"""

from ._version import VERSION as __version__  # written once, in pyproject.toml
from .claimreview import claim_reviews
from .config import Settings, load_settings
from .diff import BriefDiff, diff_briefs
from .errors import (
    BudgetExceeded,
    ConfigError,
    EncodingError,
    EvalError,
    ExtractionError,
    FactcheckError,
    GroundingError,
    InputError,
    LexiconError,
    LLMError,
    TemplateError,
)
from .extract import extract
from .ingest import article_from_text, load_article, load_articles
from .models import (
    SCHEMA_VERSION,
    Article,
    Brief,
    Claim,
    ClaimCluster,
    ClaimStatus,
    CounterKind,
    CounterStatement,
    Extraction,
    Finding,
    FindingKind,
    Quote,
    Source,
    SourceKind,
    Usage,
)
from .pipeline import agenerate_brief, generate_brief
from .reconcile import reconcile
from .render import render

__all__ = [
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
