"""Grounded or nothing: every quote is verbatim in its article at its span.

``locate`` turns a quote string (possibly differing in diacritics, letter forms, spacing or
quotation marks) into an exact Quote of the article's text; ``ungrounded`` audits any Extraction
or Brief and lists every quote that is not verbatim at its span (the number must be 0).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..models import Article, Brief, Extraction, Quote
from .normalize import find_span


def quote_at(text: str, start: int, end: int) -> Quote:
    """The Quote of ``text[start:end]``, trimmed of surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quote(text=text[start:end], start=start, end=end)


def locate(article_text: str, quote: str, start: int = 0) -> Quote | None:
    """Find ``quote`` in the article (verbatim, else after Arabic-aware folding); None if absent."""
    span = find_span(article_text, quote.strip(), start)
    if span is None:
        return None
    return quote_at(article_text, *span)


def is_grounded(article_text: str, quote: Quote) -> bool:
    return article_text[quote.start : quote.end] == quote.text


def _quotes(obj: Extraction | Brief) -> Iterator[tuple[str, Quote, str]]:
    """(article id, quote, where) for every quote in ``obj``."""
    if isinstance(obj, Extraction):
        claims: Iterable = obj.claims  # type: ignore[type-arg]
        counters: Iterable = obj.counters  # type: ignore[type-arg]
        findings: Iterable = ()  # type: ignore[type-arg]
    else:
        claims, counters, findings = obj.claims, obj.counters, obj.findings
    for item in [*claims, *counters]:
        yield item.article_id, item.quote, item.id
        for ev in item.evidence:
            yield item.article_id, ev, f"{item.id}/evidence"
    for f in findings:
        for ev in f.evidence:
            yield ev.article_id, ev.quote, f"{f.id}/evidence"
        for v in f.versions:
            yield v.article_id, v.quote, f"{f.id}/version"


def ungrounded(obj: Extraction | Brief) -> list[str]:
    """Descriptions of every quote in ``obj`` that is not verbatim at its span (empty when all are)."""
    articles: dict[str, Article] = (
        {obj.article.id: obj.article} if isinstance(obj, Extraction) else {a.id: a for a in obj.articles}
    )
    problems = []
    for article_id, quote, where in _quotes(obj):
        article = articles.get(article_id)
        if article is None:
            problems.append(f"{where}: unknown article {article_id}")
        elif not is_grounded(article.text, quote):
            problems.append(f"{where}: {quote.text[:40]!r} is not at {quote.start}:{quote.end} of {article_id}")
    return problems
