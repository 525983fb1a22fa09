"""Step 6b: versions of a claim that differ (``discrepancy``), and the raw finding type all detectors
share. A discrepancy: two versions of one claim (in a cluster, or two very similar clusters) differ,
between shared words, in a number, a resolved date or a scope word (``compare.differences``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dfield
from typing import Any

from ..models import Article, Evidence, FindingKind, Quote
from ..models import Version as VersionModel
from ..text.normalize import fold
from ..text.numbers import find_numbers
from .blocking import by_key, containing
from .cluster import ClaimItem, Cluster, origin_of
from .compare import SCOPE_KEYS, Difference, Field, Version, differences, find_resolved_dates, word_keys

WORTHY = 0.5  # check-worthiness from which the judging findings are raised
CROSS_MIN_SHARED = 4  # two clusters are versions of one claim only when this close
CROSS_MIN_RATIO = 0.5
SAME_MIN_SHARED = 3  # ... two versions in one cluster
SAME_MIN_RATIO = 0.5


@dataclass
class RawFinding:
    kind: FindingKind
    clusters: list[int]
    claims: list[str]
    counters: list[str] = dfield(default_factory=list)
    articles: set[int] = dfield(default_factory=set)
    origin: str | None = None
    field: Field | None = None
    versions: list[VersionModel] = dfield(default_factory=list)
    evidence: list[Evidence] = dfield(default_factory=list)
    data: dict[str, Any] = dfield(default_factory=dict)
    first: int = 0  # first appearance, for ordering


def evidence(article_id: str, quote: Quote, role: str, item: str | None) -> Evidence:
    return Evidence.model_validate({"article_id": article_id, "quote": quote, "role": role, "item": item})


def worthy(c: Cluster) -> bool:
    return max(it.claim.check_worthiness for it in c.items) >= WORTHY


@dataclass(frozen=True)
class _Profile:
    """What a version brings to the comparison, read once: its word keys and what can differ."""

    keys: Counter[str]
    size: int
    numbers: bool
    dates: bool
    scope: frozenset[str]

    def may_differ(self, other: _Profile) -> bool:
        """A difference is a number or a date on both sides, or a scope word of one side only."""
        return bool(
            (self.numbers and other.numbers)
            or (self.dates and other.dates)
            or self.scope - other.keys.keys()
            or other.scope - self.keys.keys()
        )

    def may_align(self, other: _Profile, shared: int, ratio: float) -> bool:
        """The words ``differences`` aligns can't exceed the words the two have in common."""
        at_most, shorter = sum((self.keys & other.keys).values()), min(self.size, other.size)
        return at_most >= shared and shorter > 0 and at_most / shorter >= ratio


def _version(it: ClaimItem, articles: Sequence[Article]) -> Version:
    return Version(it.claim.quote.text, it.claim.quote.start, articles[it.art_idx].published)


def _profile(v: Version) -> _Profile:
    keys = Counter(word_keys(v.text))
    return _Profile(
        keys,
        sum(keys.values()),
        bool(find_numbers(v.text, v.start)),
        bool(find_resolved_dates(v.text, v.published, v.start)),
        frozenset(k for k in keys if k in SCOPE_KEYS),
    )


def _partners(profiles: Sequence[_Profile], usable: Sequence[bool], mult: Sequence[int]) -> dict[int, list[int]]:
    """For each version, the later ones whose words could align as ``differences`` needs (enough
    words in common, each occurrence of a word counted once), ascending. ``mult``: the copies each
    version stands for (see ``discrepancies``)."""
    occurrences = [
        frozenset(f"{k}\x00{n}" for k, c in p.keys.items() for n in range(c)) if ok else frozenset()
        for p, ok in zip(profiles, usable, strict=True)
    ]
    bar = min(SAME_MIN_RATIO, CROSS_MIN_RATIO)
    out: dict[int, list[int]] = {}
    for a, b in containing(occurrences, lambda _: 1.0, bar, min(SAME_MIN_SHARED, CROSS_MIN_SHARED), mult):
        out.setdefault(a, []).append(b)
    return out


def discrepancies(articles: Sequence[Article], clusters: Sequence[Cluster], order: dict[str, int]) -> list[RawFinding]:
    """One finding per difference between versions of check-worthy claims (pairs in order of
    appearance; one finding per pair of clusters: its first, clearest case)."""
    every = sorted(((it, ci) for ci, c in enumerate(clusters) for it in c.items), key=lambda p: order[p[0].claim.id])
    # Copies of one claim in one article and cluster (a long article repeating a paragraph) compare
    # alike (``differences`` reads texts and dates, and offsets only shift its positions): the pair
    # of first copies comes first in the order below, and the other pairs would find the same (then
    # nothing new: the pair of clusters is done) or be skipped, so only first copies are compared.
    copies = by_key([(*_copy_key(it), ci) for it, ci in every])
    items = [every[g[0]] for g in copies.values()]
    is_worthy = [worthy(c) for c in clusters]
    profiles = [_profile(_version(it, articles)) for it, _ in items]
    partners = _partners(profiles, [is_worthy[ci] for _, ci in items], [len(g) for g in copies.values()])
    found: dict[tuple[Any, ...], RawFinding] = {}
    pair_done: set[tuple[int, int]] = set()
    for a, (ia, ca) in enumerate(items):
        for b in partners.get(a, ()) if is_worthy[ca] else ():
            ib, cb = items[b]
            pair = (min(ca, cb), max(ca, cb))
            if pair in pair_done or ia.key == ib.key or not is_worthy[cb]:
                continue
            # Two statements of one article by the same speaker are two claims (a list of figures
            # by city), not two versions of one; versions come from different articles or speakers.
            if ia.claim.article_id == ib.claim.article_id and origin_of(ia.claim) == origin_of(ib.claim):
                continue
            same = ca == cb
            shared, ratio = (SAME_MIN_SHARED, SAME_MIN_RATIO) if same else (CROSS_MIN_SHARED, CROSS_MIN_RATIO)
            if len(ia.stems & ib.stems) < shared:  # cheap tests before the word-by-word comparison
                continue
            if not profiles[a].may_differ(profiles[b]) or not profiles[a].may_align(profiles[b], shared, ratio):
                continue
            va, vb = _version(ia, articles), _version(ib, articles)
            for d in differences(va, vb, min_shared=shared, min_ratio=ratio):
                _record(found, d, (ia, ca), (ib, cb), order[ia.claim.id])
                pair_done.add(pair)
    return list(found.values())


def _copy_key(it: ClaimItem) -> tuple[str, tuple[str, ...], str | None, str]:
    c = it.claim
    return c.quote.text, tuple(e.text for e in c.evidence), origin_of(c), c.article_id


def _record(
    found: dict[tuple[Any, ...], RawFinding],
    d: Difference,
    a: tuple[ClaimItem, int],
    b: tuple[ClaimItem, int],
    first: int,
) -> None:
    """Add the difference to its finding (the same difference, whichever version came first)."""
    (ia, ca), (ib, cb) = a, b
    sides = sorted([(ca, tuple(fold(w) for w in d.a_words)), (cb, tuple(fold(w) for w in d.b_words))])
    key = (d.field, *sides)
    f = found.get(key)
    if f is None:
        f = found[key] = RawFinding(
            FindingKind.discrepancy,
            sorted({ca, cb}),
            [],
            field=d.field,
            versions=[
                VersionModel(
                    claim=ia.claim.id, article_id=ia.claim.article_id, quote=ia.claim.quote, differing=list(d.a_words)
                ),
                VersionModel(
                    claim=ib.claim.id, article_id=ib.claim.article_id, quote=ib.claim.quote, differing=list(d.b_words)
                ),
            ],
            data={"field": d.field, "a_words": list(d.a_words), "b_words": list(d.b_words)},
            first=first,
        )
    for it in (ia, ib):
        if it.claim.id not in f.claims:
            f.claims.append(it.claim.id)
            f.articles.add(it.art_idx)
            f.evidence.append(evidence(it.claim.article_id, it.claim.quote, "version", it.claim.id))
