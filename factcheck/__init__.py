"""factcheck: news articles on one story in, a grounded bilingual (Arabic + English) fact-check brief out.

Library use::

    import factcheck
    brief = factcheck.generate_brief(["a.txt", "b.html"])          # offline unless an LLM is configured
    print(factcheck.render(brief, format="md"))

Stages, each runnable alone on the JSON of the models: ``ingest`` -> ``extract`` -> ``reconcile`` -> ``render``.
"""

import sys as _sys
import types as _types
import typing as _typing
from importlib import import_module as _import_module

if _typing.TYPE_CHECKING:  # what type checkers and IDEs see; at run time each name loads on first use
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
    from .render.claimreview import claim_reviews

    __version__: str
# Lazy exports (PEP 562): `factcheck --help` and each command import only what they use, not the
# whole pipeline with pydantic models, jinja2 and the reconciler (issue 13, cold start).
_LAZY = {
    "claim_reviews": "render.claimreview",
    "Settings": "config",
    "load_settings": "config",
    "BriefDiff": "diff",
    "diff_briefs": "diff",
    "BudgetExceeded": "errors",
    "ConfigError": "errors",
    "EncodingError": "errors",
    "EvalError": "errors",
    "ExtractionError": "errors",
    "FactcheckError": "errors",
    "GroundingError": "errors",
    "InputError": "errors",
    "LexiconError": "errors",
    "LLMError": "errors",
    "TemplateError": "errors",
    "extract": "extract",
    "article_from_text": "ingest",
    "load_article": "ingest",
    "load_articles": "ingest",
    "SCHEMA_VERSION": "models",
    "Article": "models",
    "Brief": "models",
    "Claim": "models",
    "ClaimCluster": "models",
    "ClaimStatus": "models",
    "CounterKind": "models",
    "CounterStatement": "models",
    "Extraction": "models",
    "Finding": "models",
    "FindingKind": "models",
    "Quote": "models",
    "Source": "models",
    "SourceKind": "models",
    "Usage": "models",
    "agenerate_brief": "pipeline",
    "generate_brief": "pipeline",
    "reconcile": "reconcile",
    "render": "render",
}


# Functions named like the submodule that holds them: importing the submodule must not replace the
# function with the module (as the eager `from .render import render` guaranteed).
_SHADOWED = frozenset({"extract", "reconcile", "render"})


def __getattr__(name: str) -> _typing.Any:
    if name == "__version__":  # read from the installed metadata, written once in pyproject.toml
        from ._version import VERSION

        globals()[name] = VERSION
        return VERSION
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    value = getattr(_import_module("." + module, __name__), name)
    globals()[name] = value  # the next access is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


class _Package(_types.ModuleType):
    def __setattr__(self, name: str, value: _typing.Any) -> None:
        if name in _SHADOWED and isinstance(value, _types.ModuleType):
            return  # the import system binding a submodule: `factcheck.render` stays the function
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package


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
