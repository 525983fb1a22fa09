"""Candidate pairs for the pairwise rules: only pairs that could pass them, never all pairs.

Every filter here is *exact* for the rule it serves: it drops a pair only when the rule provably
fails on it, so the rules (run on the candidates, in the same order as over all pairs) decide as
before, and the brief is the same byte for byte. The filters are the classic prefix filters of
set-similarity joins: order the elements of every set rarest first; two sets sharing >= k elements
share one of the first |S| - k + 1 of either; a set A whose weighted overlap with B reaches
``bar * w(A)`` shares with B one of its heaviest elements, taken until the rest weighs less than
``bar * w(A)``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from itertools import chain
from typing import TypeVar

K = TypeVar("K")

# Relative slack on weight bounds: float sums taken in another order may differ in the last bits,
# and a prefix one element too long only costs a candidate.
_SLACK = 1e-9


def _rank(sets: Sequence[frozenset[str]], mult: Sequence[int] | None = None) -> dict[str, tuple[int, str]]:
    """Element -> (frequency, element): rarest first, ties by the element (never by set order).
    ``mult``: how many times each set stands in the collection (identical sets given once)."""
    return {e: (n, e) for e, n in _frequencies(sets, mult).items()}


def _frequencies(sets: Sequence[frozenset[str]], mult: Sequence[int] | None = None) -> Counter[str]:
    if mult is not None:  # each set as many times as it stands
        sets = [s for s, m in zip(sets, mult, strict=True) for _ in range(m)]
    return Counter(chain.from_iterable(sets))  # counted in C


def _pairs_from_prefixes(
    prefixes: Sequence[Sequence[K]], index_all: Sequence[Sequence[K]] | Mapping[K, list[int]]
) -> set[tuple[int, int]]:
    """Pairs (i < j) where i's prefix meets j's indexed elements, or j's prefix meets i's.
    ``index_all``: each set's indexed elements, or their postings (element -> sets) built already."""
    postings = index_all if isinstance(index_all, Mapping) else _postings(index_all)
    out: set[tuple[int, int]] = set()
    get = postings.get
    for i, pre in enumerate(prefixes):
        if not pre:
            continue
        hits: set[int] = set()
        for e in pre:
            js = get(e)
            if js:
                hits.update(js)
        hits.discard(i)
        out.update([(i, j) if i < j else (j, i) for j in hits])
    return out


def _postings(index_all: Sequence[Iterable[K]]) -> dict[K, list[int]]:
    postings: dict[K, list[int]] = {}
    for j, elems in enumerate(index_all):
        for e in elems:
            postings.setdefault(e, []).append(j)
    return postings


def sharing(sets: Sequence[frozenset[str]], k: int) -> list[tuple[int, int]]:
    """Pairs (i < j), sorted, whose sets share at least ``k`` elements."""
    return Prefixes(sets).sharing(k)


def containing(
    sets: Sequence[frozenset[str]],
    weight: Callable[[str], float] | None,
    bar: float,
    k: int = 1,
    mult: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Pairs (i < j), sorted, that could have ``w(A & B) >= bar * min(w(A), w(B))`` and share >= k
    (``weight`` None: every element weighs 1). See ``Prefixes.containing``."""
    return Prefixes(sets, weight, mult).containing(bar, k)


class Prefixes:
    """Sets ordered rarest first once, for any number of prefix filters over them.

    ``mult``: how many times each set stands in the collection (identical sets given once, with their
    counts): ranks count every copy, and a pair found depends only on the two sets' contents and the
    ranks. ``weight``: the element weights of ``containing``, non-negative, as a function or a table
    holding every element (None: every element weighs 1).
    """

    def __init__(
        self,
        sets: Sequence[frozenset[str]],
        weight: Callable[[str], float] | Mapping[str, float] | None = None,
        mult: Sequence[int] | None = None,
    ) -> None:
        self.sets = sets
        if mult is not None and any(m < 1 for m in mult):
            raise ValueError("each set stands at least once")
        df = _frequencies(sets, mult)
        rank = {e: (n, e) for e, n in df.items()}
        self.ordered = [sorted(s, key=rank.__getitem__) for s in sets]
        # How many of each set's first elements no other set holds (counted once: the rarest, so
        # first): they find no pair, so no prefix probes them and no posting lists them.
        alone = {e for e, n in df.items() if n == 1}
        self._alone = [len(s & alone) for s in sets]
        self.weight = weight
        self._rests: list[tuple[float, list[float]]] | None = None
        self._postings: dict[str, list[int]] | None = None

    def sharing(self, k: int) -> list[tuple[int, int]]:
        """Pairs (i < j), sorted, whose sets share at least ``k`` elements."""
        if k < 1:
            raise ValueError("k must be >= 1")
        prefixes = [
            elems[alone : max(len(elems) - k + 1, 0)] for elems, alone in zip(self.ordered, self._alone, strict=True)
        ]
        # Both prefixes meet (prefix lemma), so indexing prefixes only is enough.
        found = _pairs_from_prefixes(prefixes, prefixes)
        sets = self.sets
        return sorted(p for p in found if len(sets[p[0]] & sets[p[1]]) >= k)

    def _weighted(self) -> list[tuple[float, list[float]]]:
        """Per set: its total weight, and minus the weight left after each of its first elements
        (ascending, as the weights are not negative), each the float the running subtraction gives."""
        if self._rests is None:
            w = self.weight
            self._rests = []
            for elems in self.ordered:
                if w is None:
                    ws = [1.0] * len(elems)
                elif isinstance(w, Mapping):
                    ws = [w[e] for e in elems]
                else:
                    ws = [w(e) for e in elems]
                total = rest = sum(ws)
                negs = []
                for x in ws:
                    negs.append(-rest)
                    rest -= x
                self._rests.append((total, negs))
        return self._rests

    def containing(
        self, bar: float, k: int = 1, groups: Sequence[Hashable | None] | None = None
    ) -> list[tuple[int, int]]:
        """Pairs (i < j), sorted, that could have ``w(A & B) >= bar * min(w(A), w(B))`` and share >= k
        (``pairs_containing``, sorted)."""
        return sorted(self.pairs_containing(bar, k, groups))

    def pairs_containing(
        self, bar: float, k: int = 1, groups: Sequence[Hashable | None] | None = None
    ) -> set[tuple[int, int]]:
        """Pairs (i < j) that could have ``w(A & B) >= bar * min(w(A), w(B))`` and share >= k, as a set
        (for callers that join several filters before sorting once).

        The lighter set's heaviest elements up to the bar meet the other set, so each set's weighted
        prefix (its elements taken while the weight left reaches the bar) is probed against every
        element of the others. ``groups``: a key per set; only pairs of one key are wanted (None: a
        set in no group). Any order of the elements makes the filter exact; rarest first keeps
        prefixes short.
        """
        prefixes: list[list[str]] = []
        for elems, (total, negs), alone in zip(self.ordered, self._weighted(), self._alone, strict=True):
            floor = bar * total * (1 - _SLACK) - _SLACK
            n = bisect_right(negs, -floor)  # the elements taken while the weight left >= floor
            prefixes.append(elems[alone : min(n, len(elems) - k + 1)])
        if groups is not None:
            prefixes = [pre if g is not None else [] for g, pre in zip(groups, prefixes, strict=True)]
        if self._postings is None:
            self._postings = _postings([elems[alone:] for elems, alone in zip(self.ordered, self._alone, strict=True)])
        found = _pairs_from_prefixes(prefixes, self._postings)
        sets = self.sets
        if groups is not None:
            if k == 1:
                return {(i, j) for i, j in found if groups[i] == groups[j]}
            return {(i, j) for i, j in found if groups[i] == groups[j] and len(sets[i] & sets[j]) >= k}
        if k == 1:  # a pair found shares the element it was found by
            return found
        return {(i, j) for i, j in found if len(sets[i] & sets[j]) >= k}


def by_key(keys: Sequence[K | None]) -> Mapping[K, list[int]]:
    """Indices grouped by key, in input order (None: no key)."""
    out: dict[K, list[int]] = {}
    for i, k in enumerate(keys):
        if k is not None:
            out.setdefault(k, []).append(i)
    return out
