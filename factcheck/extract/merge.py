"""Merging part answers into one Extraction, and scrubbing secrets from model-written strings.

Quotes located in a part are shifted to whole-article spans, duplicates removed, ids renumbered
``<article id>-s1`` / ``-c1`` / ``-x1``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from ..models import Article, Claim, CounterStatement, Extraction, Quote, Source
from ..text.grounding import locate
from ..text.normalize import fold
from .chunking import Chunk
from .client import scrub
from .schema import ChunkAnswer

# Fields of a part answer that are the article's own words (grounded, never the model's): kept as is.
_VERBATIM = ("quote", "sourcing_quote")


def scrub_answer(value: Any, secrets: Sequence[str]) -> Any:
    """Part answer or extraction (as JSON data) with every secret removed from the model-written
    strings; the article's own words (quote fields, Quote objects) are kept as they are."""
    if isinstance(value, str):
        return scrub(value, tuple(secrets))
    if isinstance(value, list):
        return [scrub_answer(v, secrets) for v in value]
    if isinstance(value, dict):
        if {"text", "start", "end"} <= value.keys():
            return value  # a Quote: verbatim article text, checked by grounding
        return {k: v if k in _VERBATIM else scrub_answer(v, secrets) for k, v in value.items()}
    return value


def _shift(article: Article, chunk: Chunk, text: str) -> Quote | None:
    found = locate(chunk.text, text)
    if found is None:
        return None
    quote = Quote(text=found.text, start=found.start + chunk.start, end=found.end + chunk.start)
    return quote if article.text[quote.start : quote.end] == quote.text else None


def scrubbed(extraction: Extraction, secrets: Sequence[str]) -> Extraction:
    """The extraction with every secret the client holds removed from the model-written strings.

    A server (or an injected article) can make the model echo the API key into a rendering or a
    name; that must reach neither the brief nor the cache. The article itself is the user's data.
    """
    live = list(secrets)  # already without placeholders such as "no-key-needed" (client._secrets)
    if not live:
        return extraction
    data = extraction.model_dump(mode="json")
    article = data.pop("article")
    if not any(s in json.dumps(data, ensure_ascii=False) for s in live):
        return extraction
    return Extraction.model_validate({**scrub_answer(data, live), "article": article})


def merge(article: Article, answers: list[tuple[Chunk, ChunkAnswer]]) -> Extraction:
    """One Extraction from the answers of an article's parts, in part order (first mention wins)."""
    m = _Merger(article)
    for chunk, answer in answers:
        local_sources = m.add_sources(answer)

        def src(ref: str | None, table: dict[str, str] = local_sources) -> str | None:
            return table.get(ref) if ref is not None else None

        local_claims = m.add_claims(chunk, answer, src)
        m.add_counters(chunk, answer, src, local_claims)
    return Extraction(article=article, sources=m.sources, claims=m.claims, counters=m.counters, extractor="llm")


class _Merger:
    """The merged items so far, each kept once (keyed by folded name or quote), with article-wide ids."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.sources: list[Source] = []
        self.source_by_key: dict[str, str] = {}
        self.claims: list[Claim] = []
        self.claim_by_key: dict[str, str] = {}
        self.counters: list[CounterStatement] = []
        self.counter_keys: set[str] = set()

    def add_sources(self, answer: ChunkAnswer) -> dict[str, str]:
        """The part's sources; returns its local source id -> merged id."""
        local: dict[str, str] = {}
        for s in answer.sources:
            key = fold(s.name)
            if key not in self.source_by_key:
                sid = f"{self.article.id}-s{len(self.sources) + 1}"
                self.source_by_key[key] = sid
                self.sources.append(
                    Source(
                        id=sid,
                        name=s.name,
                        name_en=s.name_en,
                        kind=s.kind,
                        role=s.role,
                        aliases=list(dict.fromkeys(a for a in s.aliases if a != s.name)),
                        handles=list(dict.fromkeys(s.handles)),
                    )
                )
            else:  # same source seen in an earlier part: keep what the earlier one lacked
                existing = next(x for x in self.sources if x.id == self.source_by_key[key])
                existing.name_en = existing.name_en or s.name_en
                existing.role = existing.role or s.role
                existing.aliases = list(
                    dict.fromkeys([*existing.aliases, *(a for a in s.aliases if a != existing.name)])
                )
                existing.handles = list(dict.fromkeys([*existing.handles, *s.handles]))
            local[s.id] = self.source_by_key[key]
        return local

    def add_claims(self, chunk: Chunk, answer: ChunkAnswer, src: Callable[[str | None], str | None]) -> dict[str, str]:
        """The part's grounded claims; returns its local claim id -> merged id."""
        aid = self.article.id
        local: dict[str, str] = {}
        for c in answer.claims:
            quote = _shift(self.article, chunk, c.quote)
            if quote is None:
                continue
            key = fold(quote.text)
            if key in self.claim_by_key:  # a duplicate (the same words quoted twice): keep the first
                local[c.id] = self.claim_by_key[key]
                continue
            cid = f"{aid}-c{len(self.claims) + 1}"
            self.claim_by_key[key] = cid
            local[c.id] = cid
            sourcing = _shift(self.article, chunk, c.sourcing_quote) if c.sourcing_quote else None
            self.claims.append(
                Claim(
                    id=cid,
                    article_id=aid,
                    quote=quote,
                    statement=c.statement,
                    statement_en=c.statement_en,
                    statement_ar=c.statement_ar,
                    claimant=src(c.claimant),
                    reported_by=src(c.reported_by),
                    based_on=[b for b in (src(r) for r in c.based_on) if b is not None],
                    about=src(c.about),
                    anonymous=c.anonymous,
                    check_worthiness=c.check_worthiness,
                    evidence=[sourcing] if sourcing is not None else [],
                )
            )
        return local

    def add_counters(
        self,
        chunk: Chunk,
        answer: ChunkAnswer,
        src: Callable[[str | None], str | None],
        local_claims: dict[str, str],
    ) -> None:
        aid = self.article.id
        for x in answer.counters:
            quote = _shift(self.article, chunk, x.quote)
            if quote is None:
                continue
            key = f"{x.kind.value}|{fold(quote.text)}"
            if key in self.counter_keys:
                continue
            self.counter_keys.add(key)
            self.counters.append(
                CounterStatement(
                    id=f"{aid}-x{len(self.counters) + 1}",
                    article_id=aid,
                    quote=quote,
                    statement=x.statement,
                    statement_en=x.statement_en,
                    statement_ar=x.statement_ar,
                    speaker=src(x.speaker),
                    kind=x.kind,
                    targets=list(dict.fromkeys(local_claims[t] for t in x.targets if t in local_claims)),
                    target_text=x.target_text,
                )
            )
