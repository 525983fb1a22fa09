"""Responses the reconciler infers from content are marked ``inferred`` (issue 10: a field, not an id
suffix another module has to recognise); statements the articles frame as responses are not."""

from __future__ import annotations

from pathlib import Path

from factcheck import generate_brief
from factcheck.models import CounterStatement

STORY = Path(__file__).resolve().parent.parent / "fixtures" / "stories" / "quake-confirmed-ar"


def test_a_confirmation_in_other_words_is_an_inferred_counter() -> None:
    brief = generate_brief(sorted(p for p in STORY.glob("*.txt")))
    inferred = [k for k in brief.counters if k.inferred]
    assert inferred, "the story's later report confirms the first in other words"
    claims = {c.id: c for c in brief.claims}
    for k in inferred:
        # grounded on the responding claim's own quote, and answering another claim
        source = next(c for c in brief.claims if c.quote == k.quote and c.article_id == k.article_id)
        assert k.targets and source.id not in k.targets and all(t in claims for t in k.targets)


def test_extracted_counters_are_not_inferred_and_old_briefs_still_load() -> None:
    k = CounterStatement.model_validate(
        {
            "id": "k1",
            "article_id": "a1",
            "quote": {"text": "x", "start": 0, "end": 1},
            "statement": "x",
            "kind": "denial",
        }
    )
    assert k.inferred is False


def test_merging_the_stems_of_one_cluster_only_keeps_every_weighted_overlap_pair() -> None:
    """``_own_merged``: the weighted-overlap filter on the merged sets holds every pair of the sets
    the rule accepts (brute force on random sets with idf weights), and no intersection changes."""
    import random

    from factcheck.reconcile.blocking import Prefixes
    from factcheck.reconcile.cluster import Weights
    from factcheck.reconcile.respond import RESTATE_MIN, RESTATE_SHARED, _own_merged

    rnd = random.Random(7)
    accepted = 0
    for _ in range(20):
        # words many claims share, and words of one claim only (most of a story's stems)
        sets = [
            frozenset(rnd.sample(range(40), rnd.randint(0, 12))) | {1000 * n + i for i in range(rnd.randint(0, 8))}
            for n in range(80)
        ]
        sets = [frozenset(f"w{e}" for e in s) for s in sets]
        weights = Weights(sets)
        merged, table = _own_merged(sets, weights.table(), RESTATE_SHARED)
        found = set(Prefixes(merged, table).containing(RESTATE_MIN - 0.0006, RESTATE_SHARED))
        for a in range(len(sets)):
            for b in range(a + 1, len(sets)):
                shared = len(sets[a] & sets[b])
                assert sets[a] & sets[b] == merged[a] & merged[b] or shared < RESTATE_SHARED
                if shared >= RESTATE_SHARED and round(weights.containment(sets[a], sets[b]), 3) >= RESTATE_MIN:
                    assert (a, b) in found
                    accepted += 1
        assert sum(map(len, merged)) < sum(map(len, sets))
    assert accepted > 100
