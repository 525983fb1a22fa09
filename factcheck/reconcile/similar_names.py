"""Rule (b)/(c) of ``sources``: two sources whose names are similar, and the search for them.

Similar names (``similar_names``): one name contained in the other at word boundaries (as its
head, unless one side is a person), or, when neither is a person, content stems overlapping by
three quarters (at least three shared). A pair of sources is compared through every pair of their
names (name and aliases).

The search (``similar_pairs``) must stay sub-quadratic when one source recurs in thousands of
articles, and when many sources share a common word ("ministry"): it compares distinct name
strings, not sources. Each filter is exact for its rule: a contained name of w >= 2 words holds
the two rarest of its words in the longer name; a stem overlap of 3/4 is found by the prefix filter
(``blocking.containing``). Only string pairs similar under the rule that applies are spread over
the sources carrying them, and every pair of sources found is checked by ``similar_names`` itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..models import Source, SourceKind
from ..text.normalize import STOPWORDS, content_stems, tokens
from .blocking import containing

PEOPLE = frozenset({SourceKind.person, SourceKind.official})


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(name) if t not in STOPWORDS)


@lru_cache(maxsize=65536)
def _stem_set(name: str) -> frozenset[str]:
    return frozenset(content_stems(name))


def _contained(short: Sequence[str], long: Sequence[str], *, head: bool) -> bool:
    if len(short) < 2 or len(short) >= len(long):
        return False
    if head:
        return long[: len(short)] == short
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


@lru_cache(maxsize=65536)
def _forms(names: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """Each name's words and stems, read once per list of names (a source recurs in many articles)."""
    return tuple((name_words(n), _stem_set(n)) for n in names)


def _forms_similar(
    wa: tuple[str, ...], sa: frozenset[str], wb: tuple[str, ...], sb: frozenset[str], people: bool
) -> bool:
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if 2 <= len(short) < len(long) and _contained(short, long, head=not people):
        return True
    if not people:
        shared = len(sa & sb)
        if shared >= 3 and shared / min(len(sa), len(sb)) >= 0.75:
            return True
    return False


def similar_names(a: Source, b: Source) -> bool:
    if SourceKind.anonymous in (a.kind, b.kind):
        return False
    people = a.kind in PEOPLE or b.kind in PEOPLE
    forms_b = _forms((b.name, *b.aliases))
    return any(_forms_similar(wa, sa, wb, sb, people) for wa, sa in _forms((a.name, *a.aliases)) for wb, sb in forms_b)


def name_candidates(entries: Sequence[tuple[int, Source]]) -> list[tuple[int, int]]:
    """Entry pairs (i < j), sorted, that could pass ``similar_names`` (some name of each)."""
    strings: dict[str, list[int]] = {}
    for i, (_, src) in enumerate(entries):
        if src.kind != SourceKind.anonymous:
            for name in dict.fromkeys([src.name, *src.aliases]):
                strings.setdefault(name, []).append(i)
    names = list(strings)
    found: set[tuple[int, int]] = set()
    for a, b in _string_candidates(names):
        found.update((i, j) for i in strings[names[a]] for j in strings[names[b]])
    return sorted({(min(i, j), max(i, j)) for i, j in found if i != j})


def _string_candidates(names: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (a <= b) of distinct name strings that could be similar (a == b: a name of >= 3
    stems, similar to itself)."""
    words = [name_words(n) for n in names]
    stems = [_stem_set(n) for n in names]
    postings: dict[str, list[int]] = {}
    for m, ws in enumerate(words):
        for w in dict.fromkeys(ws):
            postings.setdefault(w, []).append(m)
    found = {(a, a) for a, s in enumerate(stems) if len(s) >= 3}
    for n, ws in enumerate(words):
        if len(ws) < 2:
            continue  # a name of one word is contained in none (``_contained``)
        # The longer name holds every word of this one: its two rarest (fewest names) first.
        rare = sorted(set(ws), key=lambda w: (len(postings[w]), w))[:2]
        other = rare[-1]
        for m in postings[rare[0]]:
            if len(words[m]) > len(ws) and other in words[m]:
                found.add((min(n, m), max(n, m)))
    found.update(containing(stems, None, 0.75, 3))
    return sorted(found)


def similar_pairs(entries: Sequence[tuple[int, Source]]) -> list[tuple[int, int]]:
    """Entry pairs (i < j), sorted, whose sources have similar names (``similar_names``).

    Sources of one (kind, names) are compared once, the candidates coming from pairs of distinct
    name strings similar under the rule of the kinds that carry them (containment anywhere when a
    person is on one side, as the head otherwise; the stem overlap only without a person)."""
    named: dict[tuple[object, ...], list[int]] = {}
    for i, (_, src) in enumerate(entries):
        if src.kind != SourceKind.anonymous:
            named.setdefault((src.kind, src.name, *src.aliases), []).append(i)
    owners = list(named.values())
    firsts = [entries[g[0]][1] for g in owners]
    holders: dict[str, tuple[list[int], list[int]]] = {}  # name -> (people sources, the others)
    for p, src in enumerate(firsts):
        for name in dict.fromkeys([src.name, *src.aliases]):
            holders.setdefault(name, ([], []))[src.kind not in PEOPLE].append(p)
    names = list(holders)
    pairs: set[tuple[int, int]] = set()
    for a, b in _string_candidates(names):
        (pa, oa), (pb, ob) = holders[names[a]], holders[names[b]]
        fa, fb = _forms((names[a],))[0], _forms((names[b],))[0]
        if _forms_similar(*fa, *fb, people=True):  # a person on one side at least
            pairs.update((p, q) for p in pa for q in pb + ob)
            pairs.update((p, q) for p in oa for q in pb)
        if _forms_similar(*fa, *fb, people=False):
            pairs.update((p, q) for p in oa for q in ob)
    out: list[tuple[int, int]] = []
    for p, q in sorted({(min(p, q), max(p, q)) for p, q in pairs}):
        if not similar_names(firsts[p], firsts[q]):
            continue
        if p == q:
            g = owners[p]
            out += [(i, j) for n, i in enumerate(g) for j in g[n + 1 :]]
        else:
            out += [(i, j) if i < j else (j, i) for i in owners[p] for j in owners[q]]
    out.sort()
    return out
