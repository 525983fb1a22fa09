"""Blocking (reconcile/blocking.py): candidate pairs must hold every pair the pairwise rules accept.

The filters are checked against brute force on random sets, and the reconciler's candidate lists
against all pairs of the fixture stories' real extractions (a filter that drops an accepted pair
changes the brief)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.models import Claim, Extraction, Quote
from factcheck.reconcile.blocking import containing, sharing
from factcheck.reconcile.cluster import (
    COUNTER_SAME,
    Cluster,
    CounterItem,
    Weights,
    claim_candidates,
    claim_items,
    cluster_claims,
    counter_items,
    group_counters,
    same_claim,
)
from factcheck.reconcile.link import _overlaps_counter, inside_counters
from factcheck.reconcile.similar_names import name_candidates as _name_candidates
from factcheck.reconcile.similar_names import similar_names as _similar_names
from factcheck.reconcile.similar_names import similar_pairs as _similar_pairs
from factcheck.reconcile.sources import _same_person_across_scripts, _script_candidates
from factcheck.reconcile.unionfind import union_find

ROOT = Path(__file__).resolve().parent.parent


def _random_sets(rng: random.Random, n: int, vocab: int, size: int) -> list[frozenset[str]]:
    # Zipf-like: a few very common elements, many rare ones (as words in news).
    words = [f"w{i}" for i in range(vocab)]
    weights = [1 / (i + 1) for i in range(vocab)]
    return [frozenset(rng.choices(words, weights, k=rng.randint(0, size))) for _ in range(n)]


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_sharing_is_exactly_the_pairs_sharing_k(k: int) -> None:
    rng = random.Random(k)
    sets = _random_sets(rng, 120, 60, 9)
    want = [(i, j) for i in range(len(sets)) for j in range(i + 1, len(sets)) if len(sets[i] & sets[j]) >= k]
    assert sharing(sets, k) == want


@pytest.mark.parametrize(("bar", "k"), [(0.3, 1), (0.5, 1), (0.6, 3), (0.75, 3), (0.4, 4)])
def test_containing_keeps_every_pair_over_the_bar(bar: float, k: int) -> None:
    rng = random.Random(int(bar * 100) + k)
    sets = _random_sets(rng, 120, 50, 10)
    df: dict[str, int] = {}
    for s in sets:
        for e in s:
            df[e] = df.get(e, 0) + 1
    weight: Callable[[str], float] = lambda e: 1.0 / df[e]  # noqa: E731

    def w(s: frozenset[str]) -> float:
        return sum(weight(e) for e in s)

    got = set(containing(sets, weight, bar, k))
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            a, b = sets[i], sets[j]
            if a and b and len(a & b) >= k and w(a & b) >= bar * min(w(a), w(b)):
                assert (i, j) in got, (sorted(a), sorted(b))
    assert all(len(sets[i] & sets[j]) >= k for i, j in got)  # the count is checked, not only the weight


def test_bad_k_is_an_error() -> None:
    with pytest.raises(ValueError, match="k must be"):
        sharing([frozenset({"a"})], 0)


@pytest.fixture(scope="module")
def stories(own_stories: list[list[Extraction]]) -> list[list[Extraction]]:
    return own_stories


def test_claim_candidates_hold_every_pair_of_one_claim(stories: list[list[Extraction]]) -> None:
    checked = 0
    for xs in stories:
        claims: list[tuple[int, Claim]] = [(i, c) for i, x in enumerate(xs) for c in x.claims]
        items = claim_items(claims)
        weights = Weights([it.stems for it in items])
        got = set(claim_candidates(items, weights))
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                if same_claim(items[i], items[j], weights):
                    checked += 1
                    assert (i, j) in got, (items[i].claim.quote.text, items[j].claim.quote.text)
    assert checked > 0  # the stories do hold versions of one claim


def test_source_candidates_hold_every_pair_that_merges(stories: list[list[Extraction]]) -> None:
    checked = 0
    for xs in stories:
        entries = [(i, s) for i, x in enumerate(xs) for s in x.sources]
        names, scripts = set(_name_candidates(entries)), set(_script_candidates(entries))
        similar = []
        for i in range(len(entries)):
            for j in range(i + 1, len(entries)):
                a, b = entries[i][1], entries[j][1]
                if _similar_names(a, b):
                    checked += 1
                    similar.append((i, j))
                    assert (i, j) in names, (a.name, b.name)
                if _same_person_across_scripts(a, b):
                    checked += 1
                    assert (i, j) in scripts, (a.name, b.name)
        # _group walks exactly the similar pairs, in order (found once per distinct name).
        assert _similar_pairs(entries) == similar
    assert checked > 0


@pytest.mark.parametrize(("bar", "k"), [(0.5, 1), (0.6, 3)])
def test_containing_over_distinct_sets_with_counts_is_the_whole_collection(bar: float, k: int) -> None:
    # Identical sets given once with their counts: the pairs between distinct sets are those of the
    # whole collection (copies change the ranks, so the counts must be passed).
    rng = random.Random(k)
    distinct = list(dict.fromkeys(_random_sets(rng, 80, 30, 8)))
    mult = [rng.choice([1, 1, 2, 5]) for _ in distinct]
    whole = [s for s, m in zip(distinct, mult, strict=True) for _ in range(m)]
    owner = [n for n, m in enumerate(mult) for _ in range(m)]
    weight: Callable[[str], float] = lambda e: 1.0 + len(e) % 3  # noqa: E731
    want = {(owner[i], owner[j]) for i, j in containing(whole, weight, bar, k) if owner[i] != owner[j]}
    assert set(containing(distinct, weight, bar, k, mult)) == want
    assert want  # the sets do overlap


def test_clusters_of_repeated_claims_are_those_of_all_pairs(stories: list[list[Extraction]]) -> None:
    # A long article repeats its paragraphs: copies of a claim are clustered once (``_identical``),
    # and the clusters must be those single linkage over every pair gives.
    xs = stories[0]
    claims: list[tuple[int, Claim]] = [(i, c) for i, x in enumerate(xs) for c in x.claims]
    claims = [claims[n % len(claims)] for n in [*range(len(claims)), *range(0, len(claims), 2), 3, 3]]
    items = claim_items(claims)
    weights = Weights([it.stems for it in items])
    pairs = [
        (i, j) for i in range(len(items)) for j in range(i + 1, len(items)) if same_claim(items[i], items[j], weights)
    ]
    want = union_find(len(items), pairs)
    got = cluster_claims(items, weights)
    assert [[id(x) for x in c.items] for c in got] == [[id(items[k]) for k in g] for g in want]
    assert any(len(g) > 2 for g in want)


def test_groups_of_repeated_counters_are_those_of_all_pairs(stories: list[list[Extraction]]) -> None:
    # Copies of a denial (a long article repeating a paragraph) are compared once (``group_counters``):
    # the groups must be those of every pair of one kind and speaker, same text or similar words.
    xs = [x for story in stories for x in story]
    counters = [(i, k) for i, x in enumerate(xs) for k in x.counters]
    counters = [counters[n % len(counters)] for n in [*range(len(counters)), *range(0, len(counters), 2), 1, 1]]
    items = counter_items(counters, [x.article for x in xs])
    weights = Weights([it.stems for it in items])

    def same(a: CounterItem, b: CounterItem) -> bool:
        if (a.counter.kind, a.counter.speaker) != (b.counter.kind, b.counter.speaker):
            return False
        similar = a.counter.speaker is not None and weights.containment(a.stems, b.stems) >= COUNTER_SAME
        return a.key == b.key or similar

    pairs = [(i, j) for i in range(len(items)) for j in range(i + 1, len(items)) if same(items[i], items[j])]
    want = union_find(len(items), pairs)
    got = group_counters(items, weights)
    assert [[id(x) for x in g.items] for g in got] == [[id(items[k]) for k in g] for g in want]
    assert any(len(g) > 2 for g in want)


def test_inside_counters_is_every_claim_overlapping_a_counter(stories: list[list[Extraction]]) -> None:
    # Claims and counters of one long article at random spans: the lookup by sorted spans must find
    # exactly the claims that overlap some counter's quote or evidence (``_overlaps_counter``).
    rng = random.Random(11)
    xs = [x for story in stories for x in story if x.claims and x.counters]
    claim, counter = xs[0].claims[0], xs[0].counters[0]

    def quote(n: int) -> Quote:
        start = rng.randrange(0, 3000)
        length = rng.randrange(1, n)
        return Quote(text="x" * length, start=start, end=start + length)

    claims = [claim.model_copy(update={"id": f"c{n}", "quote": quote(80)}) for n in range(300)]
    counters = [
        counter.model_copy(update={"quote": quote(60), "evidence": [quote(30) for _ in range(rng.randrange(3))]})
        for _ in range(40)
    ]
    items = claim_items(list(enumerate(claims)))
    clusters = [Cluster(items[n : n + 3]) for n in range(0, len(items), 3)]
    want = frozenset(c.id for c in claims if any(_overlaps_counter(c, k) for k in counters))
    assert inside_counters(clusters, counters) == want
    assert 0 < len(want) < len(claims)


@pytest.mark.parametrize(("bar", "k"), [(0.4, 1), (0.4, 6), (0.6, 3)])
def test_grouped_containing_keeps_every_pair_of_one_group_over_the_bar(bar: float, k: int) -> None:
    from factcheck.reconcile.blocking import Prefixes

    rng = random.Random(int(bar * 10) + k)
    sets = _random_sets(rng, 150, 40, 12)
    groups = [rng.choice(["a", "b", "c", None]) for _ in sets]
    weight: Callable[[str], float] = lambda e: 1.0 + int(e[1:]) % 7  # noqa: E731
    got = Prefixes(sets, weight).containing(bar, k, groups=groups)

    def w(s: frozenset[str]) -> float:
        return sum(weight(e) for e in s)

    assert all(groups[i] is not None and groups[i] == groups[j] for i, j in got)
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            a, b = sets[i], sets[j]
            if groups[i] is None or groups[i] != groups[j] or not a or not b or len(a & b) < k:
                continue
            if w(a & b) >= bar * min(w(a), w(b)):
                assert (i, j) in got


def test_similar_pairs_equal_brute_force_on_many_sources_sharing_words() -> None:
    # Invented names from a small vocabulary: common words ("ministry", "office"), names repeated
    # with other aliases, one-word names, people and organisations, Arabic and English.
    from factcheck.models import Source, SourceKind

    rng = random.Random(7)
    vocab = [
        "ministry",
        "health",
        "office",
        "media",
        "north",
        "river",
        "council",
        "Sami",
        "Haddad",
        "Karim",
        "وزارة",
        "الصحة",
        "مكتب",
        "الإعلام",
        "سامي",
        "الخطيب",
        "العامة",
        "الوطنية",
    ]
    kinds = [
        SourceKind.person,
        SourceKind.official,
        SourceKind.government,
        SourceKind.organisation,
        SourceKind.news_outlet,
        SourceKind.unknown,
        SourceKind.anonymous,
    ]

    def name() -> str:
        return " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 4)))

    entries = []
    for n in range(160):
        aliases = [name() for _ in range(rng.randint(0, 2))]
        entries.append((n // 4, Source(id=f"s{n}", name=name(), kind=rng.choice(kinds), aliases=aliases)))
    brute = [
        (i, j)
        for i in range(len(entries))
        for j in range(i + 1, len(entries))
        if _similar_names(entries[i][1], entries[j][1])
    ]
    assert len(brute) > 50
    assert _similar_pairs(entries) == brute
    assert set(brute) <= set(_name_candidates(entries))


def test_near_identical_skips_only_pairs_whose_lengths_bound_the_ratio_below_the_bar() -> None:
    # The length test before rapidfuzz is a proof: the very answer of the plain rule, on texts whose
    # lengths straddle the bound (one edit more or less than the bar allows).
    from rapidfuzz import fuzz

    from factcheck.reconcile.cluster import NEAR_IDENTICAL, NEAR_MIN_LEN, near_identical

    rng = random.Random(5)
    for _ in range(20000):
        a = "".join(rng.choice("ab c") for _ in range(rng.randint(NEAR_MIN_LEN - 2, 60)))
        b = list(a)
        for _ in range(rng.randint(0, 6)):
            op = rng.random()
            pos = rng.randint(0, len(b))
            if op < 0.5:
                b.insert(pos, rng.choice("abc "))
            elif b:
                del b[min(pos, len(b) - 1)]
        other = "".join(b)
        plain = a == other or (min(len(a), len(other)) >= NEAR_MIN_LEN and fuzz.ratio(a, other) >= NEAR_IDENTICAL)
        assert near_identical(a, other) == plain, (a, other)


@pytest.mark.parametrize(("bar", "k"), [(0.4, 1), (0.6, 3)])
def test_elements_of_one_set_only_are_skipped_without_losing_a_pair(bar: float, k: int) -> None:
    # Words no other text holds (most words of a long story) are the rarest, so the first of every
    # prefix: skipping them must keep every pair over the bar, also with copies counted (``mult``).
    rng = random.Random(int(bar * 10) + k)
    shared = _random_sets(rng, 100, 40, 6)
    sets = [s | {f"own{n}-{m}" for m in range(rng.randint(0, 6))} for n, s in enumerate(shared)]
    mult = [rng.choice([1, 1, 3]) for _ in sets]
    weight: Callable[[str], float] = lambda e: 2.0 if e.startswith("own") else 1.0  # noqa: E731

    def w(s: frozenset[str]) -> float:
        return sum(weight(e) for e in s)

    for counts in (None, mult):
        got = set(containing(sets, weight, bar, k, counts))
        want = {
            (i, j)
            for i in range(len(sets))
            for j in range(i + 1, len(sets))
            if len(sets[i] & sets[j]) >= k and w(sets[i] & sets[j]) >= bar * min(w(sets[i]), w(sets[j]))
        }
        assert want and want <= got
    assert sharing(sets, 2) == [
        (i, j) for i in range(len(sets)) for j in range(i + 1, len(sets)) if len(sets[i] & sets[j]) >= 2
    ]
    with pytest.raises(ValueError, match="at least once"):
        containing(sets, weight, bar, k, [0] * len(sets))
