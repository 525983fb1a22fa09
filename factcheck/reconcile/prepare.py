"""Step 0: the input made ready to reconcile: each article once, item ids unique, every quote grounded,
source references resolved to the merged sources (S1, S2 ...), items in order of appearance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..models import Article, Claim, CounterStatement, Extraction, Quote
from ..text.grounding import is_grounded, locate
from .sources import MergedSources


@dataclass(frozen=True)
class Story:
    """The extractions of one story, ready for the pairwise steps."""

    extractions: list[Extraction]  # each article once, item ids unique across the story
    articles: list[Article]
    claims: list[tuple[int, Claim]]  # (article index, claim), grounded, sources resolved, in order
    counters: list[tuple[int, CounterStatement]]  # likewise; targets only of claims in the input
    order: dict[str, int]  # claim / counter id -> rank of appearance


def distinct(extractions: Sequence[Extraction], notes: list[str]) -> list[Extraction]:
    """The extractions, each article once (a repeat noted), ids made unique (``_unique_ids``)."""
    xs: list[Extraction] = []
    by_id: dict[str, list[Article]] = {}  # equal articles have equal ids: compare within an id only
    for x in extractions:
        # The same input twice is dropped; the same text from another outlet (a retweet, a wire story
        # republished) shares the content-hash id but is a publication of its own, so it stays.
        same_id = by_id.setdefault(x.article.id, [])
        if any(x.article == y for y in same_id):
            notes.append(f"{x.article.id}: the same article was given twice; the repeat was ignored")
            continue
        same_id.append(x.article)
        xs.append(x)
    for x in xs:
        notes += [f"{x.article.id}: {n}" for n in x.notes]
    return _unique_ids(xs, notes)


def prepare(xs: Sequence[Extraction], merged: MergedSources, notes: list[str]) -> Story:
    """Ground every item, resolve its sources, order the items, drop targets not in the input."""
    claims: list[tuple[int, Claim]] = []
    counters: list[tuple[int, CounterStatement]] = []
    r = merged.resolve
    for i, x in enumerate(xs):
        # One copy per item: its grounded spans and its resolved sources together.
        for c, grounded in _ground_items(x.claims, x, notes):
            grounded["claimant"] = r(i, c.claimant)
            grounded["reported_by"] = r(i, c.reported_by)
            grounded["about"] = r(i, c.about)
            grounded["based_on"] = [s for s in dict.fromkeys([r(i, b) for b in c.based_on]) if s] if c.based_on else []
            claims.append((i, c.model_copy(update=grounded)))
        for k, grounded in _ground_items(x.counters, x, notes):
            grounded["speaker"] = r(i, k.speaker)
            counters.append((i, k.model_copy(update=grounded)))
    claims.sort(key=lambda p: (p[0], p[1].quote.start, p[1].quote.end, p[1].id))
    counters.sort(key=lambda p: (p[0], p[1].quote.start, p[1].quote.end, p[1].id))
    order = {c.id: n for n, (_, c) in enumerate(claims)} | {k.id: n for n, (_, k) in enumerate(counters)}
    claim_ids = {c.id for _, c in claims}
    for n, (i, ctr) in enumerate(counters):
        unknown = [t for t in ctr.targets if t not in claim_ids]
        if unknown:
            notes.append(
                f"{ctr.article_id}: {ctr.id} names claims that are not in the input "
                f"({', '.join(unknown)}); they were ignored"
            )
            counters[n] = (i, ctr.model_copy(update={"targets": [t for t in ctr.targets if t not in unknown]}))
    return Story(list(xs), [x.article for x in xs], claims, counters, order)


def _grounded(text: str, q: Quote) -> Quote | None:
    """The quote if verbatim at its span, else re-located in the text, else None."""
    return q if is_grounded(text, q) else locate(text, q.text)


_Item = TypeVar("_Item", Claim, CounterStatement)


def _ground_items(items: Sequence[_Item], x: Extraction, notes: list[str]) -> list[tuple[_Item, dict[str, Any]]]:
    """The items kept, each with the update that grounds its quotes (re-located, or dropped with a note)."""
    text, aid = x.article.text, x.article.id
    kept = []
    for item in items:
        q = _grounded(text, item.quote)
        if q is None:
            # The note names the item and span only: an ungrounded quote never reaches any output.
            span = f"{item.quote.start}-{item.quote.end}"
            notes.append(f"{aid}: dropped {item.id}: its quote ({span}) is not in the article")
            continue
        evidence = []
        for e in item.evidence:
            ge = _grounded(text, e)
            if ge is None:
                notes.append(f"{aid}: dropped evidence {e.start}-{e.end} of {item.id}: not in the article")
            else:
                evidence.append(ge)
        kept.append((item, {"quote": q, "evidence": evidence, "article_id": aid}))
    return kept


def _unique_ids(xs: Sequence[Extraction], notes: list[str]) -> list[Extraction]:
    """Extractions whose claim and counter ids are unique across the input.

    Extractions brought from elsewhere may number their items locally (c1, c2 ... in each); those
    whose ids collide are prefixed with their article id, their own targets renamed alike.
    """
    seen: set[str] = set()
    out: list[Extraction] = []
    for n, x in enumerate(xs):
        ids = [c.id for c in x.claims] + [k.id for k in x.counters]
        if len(set(ids)) == len(ids) and not set(ids) & seen:
            seen.update(ids)
            out.append(x)
            continue
        prefix = f"{x.article.id}-{n + 1}-"
        rename: dict[str, str] = {}
        fresh: list[str] = []
        for old in ids:
            new = prefix + old
            while new in seen or new in fresh:
                new += "'"
            rename.setdefault(old, new)
            fresh.append(new)
        it = iter(fresh)
        claims = [c.model_copy(update={"id": next(it)}) for c in x.claims]
        counters = [
            k.model_copy(update={"id": next(it), "targets": [rename.get(t, t) for t in k.targets]}) for k in x.counters
        ]
        seen.update(fresh)
        notes.append(f"{x.article.id}: item ids repeated ids of other articles; they were prefixed with {prefix!r}")
        out.append(x.model_copy(update={"claims": claims, "counters": counters}))
    return out
