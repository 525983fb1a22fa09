"""Stage 2: per-article extraction of sources, claims and counter-statements.

Two extractors fill the same ``Extraction`` model: the deterministic offline rules
(``factcheck.extract.offline``, the default when no LLM is configured) and the LLM extractor
(``factcheck.extract.llm``: openai + instructor, imported only when used).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..config import Settings
from ..errors import FactcheckError
from ..models import Article, ArticleFailure, Extraction


def backend_for(settings: Settings, client: Any = None) -> str:
    """The backend to run, "offline" or "llm": the configured one, or the LLM when a client is given under "auto"."""
    if settings.backend == "auto" and client is not None:
        return "llm"
    return settings.resolved_backend()


def _lexicon(settings: Settings) -> Any:
    """The lexicon of the offline rules: the shipped one plus ``settings.lexicon_dir``'s entries
    (a malformed file raises LexiconError here, before any article, naming the file and line).
    Imported here: ``factcheck --help`` loads no lexicon."""
    from .. import lexicon

    return lexicon.load(settings.lexicon_dir)


def extract(article: Article, settings: Settings | None = None, *, client: Any = None) -> Extraction:
    """Extract one article with the configured backend (offline unless an LLM is configured)."""
    settings = settings or Settings()
    if backend_for(settings, client) == "offline":
        from .. import lexicon
        from .offline import extract_offline

        with lexicon.use(_lexicon(settings)):
            return extract_offline(article)
    extractions, failures = extract_all([article], settings, client=client)
    if not extractions:
        raise FactcheckError(failures[0].error)
    return extractions[0]  # a part that failed is named in its notes


def extract_all(
    articles: Sequence[Article], settings: Settings | None = None, *, client: Any = None
) -> tuple[list[Extraction], list[ArticleFailure]]:
    """Extract every article; one failing article never costs the others (it becomes a failure)."""
    settings = settings or Settings()
    if backend_for(settings, client) == "offline":
        from .. import lexicon
        from .offline import extract_offline

        out: list[Extraction] = []
        failures: list[ArticleFailure] = []
        token = lexicon.activate(_lexicon(settings))
        for article in articles:
            try:
                out.append(extract_offline(article))
            except FactcheckError as err:
                failures.append(
                    ArticleFailure(input_name=article.input_name or article.id, error=str(err), stage="extract")
                )
            except Exception as err:  # a bug on one article must not cost the others
                failures.append(
                    ArticleFailure(
                        input_name=article.input_name or article.id,
                        error=f"internal error in the offline extractor ({type(err).__name__}: {err}); "
                        "please report it with this article",
                        stage="extract",
                    )
                )
        lexicon.deactivate(token)  # every article's errors are caught above, so this always runs
        return out, failures
    from .llm import extract_llm_many

    return extract_llm_many(articles, settings, client=client)
