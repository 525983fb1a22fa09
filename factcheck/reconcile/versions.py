"""Step 6b: versions of a claim that differ (``discrepancy``), and the raw finding type all detectors
share. A discrepancy: two versions of one claim (in a cluster, or two very similar clusters) differ,
between shared words, in a number, a resolved date or a scope word (``compare.differences``)."""

from __future__ import annotations

import datetime as dt
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


class _Profile:
    """What a version brings to the comparison, read once per text and date: its word keys and what
    can differ. Numbers and dates are read on the first pair that asks (most versions meet no pair
    that gets that far), and only whether there are any."""

    __slots__ = ("_dates", "_numbers", "_published", "_text", "keys", "scope", "size")

    def __init__(self, text: str, published: dt.date | None) -> None:
        keyed = word_keys(text)
        self.keys = Counter(keyed)
        self.size = len(keyed)
        self.scope = frozenset(self.keys.keys() & SCOPE_KEYS.value())
        self._text, self._published = text, published
        self._numbers: bool | None = None
        self._dates: bool | None = None

    @property
    def numbers(self) -> bool:
        if self._numbers is None:
            self._numbers = bool(find_numbers(self._text))  # the offset only shifts them
        return self._numbers

    @property
    def dates(self) -> bool:
        if self._dates is None:
            self._dates = bool(find_resolved_dates(self._text, self._published))
        return self._dates

    def may_differ(self, other: _Profile) -> bool:
        """A difference is a number or a date on both sides, or a scope word of one side only (the
        scope words are tested first: they are read already; a side known to hold no number or no
        date spares reading the other)."""
        mine, theirs = self.keys, other.keys
        return bool(
            any(k not in theirs for k in self.scope)
            or any(k not in mine for k in other.scope)
            or (self._numbers is not False and other._numbers is not False and self.numbers and other.numbers)
            or (self._dates is not False and other._dates is not False and self.dates and other.dates)
        )

    def may_align(self, other: _Profile, shared: int, ratio: float) -> bool:
        """The words ``differences`` aligns can't exceed the words the two have in common."""
        shorter = min(self.size, other.size)
        if shorter < shared:  # fewer words than the bar: too few in common too
            return False
        few, many = (self.keys, other.keys) if len(self.keys) <= len(other.keys) else (other.keys, self.keys)
        at_most = 0
        for k, n in few.items():
            m = many.get(k)
            if m:
                at_most += n if n < m else m
        return at_most >= shared and at_most / shorter >= ratio


def _profiles(
    items: Sequence[tuple[ClaimItem, int]], articles: Sequence[Article], usable: Sequence[bool]
) -> list[_Profile | None]:
    """Each usable version's profile (None for the others: they meet no pair), one per text and date."""
    memo: dict[tuple[str, dt.date | None], _Profile] = {}
    out: list[_Profile | None] = []
    for (it, _), ok in zip(items, usable, strict=True):
        if not ok:
            out.append(None)
            continue
        key = (it.claim.quote.text, articles[it.art_idx].published)
        p = memo.get(key)
        if p is None:
            p = memo[key] = _Profile(*key)
        out.append(p)
    return out


def _version(it: ClaimItem, articles: Sequence[Article]) -> Version:
    return Version(it.claim.quote.text, it.claim.quote.start, articles[it.art_idx].published)


def _partners(profiles: Sequence[_Profile | None], mult: Sequence[int]) -> dict[int, list[int]]:
    """For each version, the later ones whose words could align as ``differences`` needs (enough
    words in common, each occurrence of a word counted once), ascending. ``mult``: the copies each
    version stands for (see ``discrepancies``)."""
    # The first occurrence of a word is the word itself, the next ones are numbered (words hold no NUL).
    memo: dict[int, frozenset[str]] = {}  # profile -> its occurrences (one text recurs in articles)
    occurrences: list[frozenset[str]] = []
    for p in profiles:
        if p is None:
            occurrences.append(frozenset())
            continue
        occ = memo.get(id(p))
        if occ is None:
            extra = [f"{k}\x00{n}" for k, c in p.keys.items() if c > 1 for n in range(1, c)]
            occ = memo[id(p)] = frozenset([*p.keys, *extra]) if extra else frozenset(p.keys)
        occurrences.append(occ)
    bar = min(SAME_MIN_RATIO, CROSS_MIN_RATIO)
    out: dict[int, list[int]] = {}
    for a, b in containing(occurrences, None, bar, min(SAME_MIN_SHARED, CROSS_MIN_SHARED), mult):  # unit weights
        out.setdefault(a, []).append(b)
    return out


def discrepancies(
    articles: Sequence[Article],
    clusters: Sequence[Cluster],
    order: dict[str, int],
    worthy_flags: Sequence[bool] | None = None,
) -> list[RawFinding]:
    """One finding per difference between versions of check-worthy claims (pairs in order of
    appearance; one finding per pair of clusters: its first, clearest case). ``worthy_flags``: each
    cluster's ``worthy``, if known."""
    every = sorted(((it, ci) for ci, c in enumerate(clusters) for it in c.items), key=lambda p: order[p[0].claim.id])
    # Copies of one claim in one article and cluster (a long article repeating a paragraph) compare
    # alike (``differences`` reads texts and dates, and offsets only shift its positions): the pair
    # of first copies comes first in the order below, and the other pairs would find the same (then
    # nothing new: the pair of clusters is done) or be skipped, so only first copies are compared.
    copies = by_key([(*_copy_key(it), ci) for it, ci in every])
    items = [every[g[0]] for g in copies.values()]
    is_worthy = [worthy(c) for c in clusters] if worthy_flags is None else worthy_flags
    profiles = _profiles(items, articles, [is_worthy[ci] for _, ci in items])
    partners = _partners(profiles, [len(g) for g in copies.values()])
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
            pa, pb = profiles[a], profiles[b]
            assert pa is not None and pb is not None  # partners are usable
            if not pa.may_differ(pb) or not pa.may_align(pb, shared, ratio):
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
