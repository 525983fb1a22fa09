"""Assembling the brief (reconcile/assemble.py): the one-pass summaries must say what the plain
definitions say."""

from __future__ import annotations

import random
from functools import reduce
from operator import add

from factcheck.models import Claim, Quote, Usage
from factcheck.reconcile.assemble import cluster_facts, total_usage
from factcheck.reconcile.cluster import Cluster, claim_items, origin_of


def test_total_usage_is_the_sum_of_usages() -> None:
    rng = random.Random(3)
    for n in range(12):
        usages = [
            Usage(
                calls=rng.randrange(3),
                prompt_tokens=rng.randrange(500),
                completion_tokens=rng.randrange(90),
                cost_usd=rng.choice([None, 0.0, rng.random() / 7]),
            )
            for _ in range(n)
        ]
        want = reduce(add, usages, Usage())
        got = total_usage(usages)
        assert got == want
        assert got.model_fields_set == want.model_fields_set
        assert repr(got.cost_usd) == repr(want.cost_usd)  # the same float, or None


def _claim(n: int, claimant: str | None, reported_by: str | None, worth: float) -> Claim:
    text = f"claim number {n}"
    return Claim(
        id=f"a{n}-c{n}",
        article_id=f"a{n}",
        statement=text,
        quote=Quote(text=text, start=0, end=len(text)),
        claimant=claimant,
        reported_by=reported_by,
        check_worthiness=worth,
    )


def test_cluster_facts_are_those_of_the_claims() -> None:
    rng = random.Random(8)
    names = [None, "", "s1", "s2", "o1"]
    claims = [
        (rng.randrange(4), _claim(n, rng.choice(names), rng.choice(names), rng.choice([0.1, 0.5, 0.9])))
        for n in range(200)
    ]
    items = claim_items(claims)
    order = {c.id: n for n, (_, c) in enumerate(claims)}
    rng.shuffle(items)
    sizes = 0
    while items:
        k = rng.choice([1, 1, 2, 3, 5])
        members, items = items[:k], items[k:]
        cl = [it.claim for it in members]
        origins = list(dict.fromkeys(o for o in map(origin_of, cl) if o))
        got = cluster_facts(Cluster(members), order)
        assert got.worth == max(x.check_worthiness for x in cl)
        assert got.first == min(order[x.id] for x in cl)
        assert got.ids == [x.id for x in cl]
        assert got.claimant == next((x.claimant for x in cl if x.claimant), None)
        assert got.reported_by == list(dict.fromkeys(x.reported_by for x in cl if x.reported_by))
        assert got.origin == (origins[0] if len(origins) == 1 else None)
        assert got.arts == sorted({it.art_idx for it in members})
        sizes += len(members) > 1
    assert sizes > 10
