"""Linking (reconcile/link.py): the clusters a counter naming no target answers must be those the
rule gives when every cluster is scored in full.

``_best_cluster`` looks at the clusters sharing stems with the counter only (``_nearby``), skips the
scoring of clusters that cannot pass the bar, and stops looking once a lone counter shares stems with
two clusters; each shortcut must be exact. The reference below is the rule itself, over all clusters."""

from __future__ import annotations

import random
from collections.abc import Container, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from factcheck.models import Extraction
from factcheck.reconcile import link
from factcheck.reconcile import reconcile as reconcile_fn
from factcheck.reconcile.cluster import LINK_MIN, NEAR_BEST, ClaimItem, Cluster, CounterItem, Weights
from factcheck.reconcile.link import _candidate, _nearby, _overlaps_counter
from factcheck.reconcile.similar import CROSS_LINK_COS, RELATED_COS, Similarity

ROOT = Path(__file__).resolve().parent.parent


def _reference(
    it: CounterItem,
    clusters: Sequence[Cluster],
    weights: Weights,
    sim: Similarity | None,
    blocked: Container[str],
    own: Sequence[ClaimItem],
) -> list[int]:
    """The rule of ``_best_cluster``, every cluster scored in full."""
    standalone = all(_overlaps_counter(x.claim, it.counter) for x in own)
    scored = []
    for ci, c in enumerate(clusters):
        others = [x for x in c.items if _candidate(it, x, blocked)]
        if not others:
            continue
        stems = frozenset().union(*(x.stems for x in others))
        shared = len(it.context & stems)
        cos = 0.0
        if sim is not None and sim.enabled and it.n >= 0:
            cos = max(sim.counter_claim(it.n, x.n) for x in others)
            if any(sim.counter_script[it.n] != sim.claim_script[x.n] for x in others) and cos >= CROSS_LINK_COS:
                scored.append((round(cos, 3), ci, True, 3, cos))
                continue
        if shared >= 2:
            elsewhere = all(x.claim.article_id != it.counter.article_id for x in c.items)
            scored.append((round(weights.containment(it.context, stems), 3), ci, elsewhere, shared, cos))
    ok = [p for p in scored if (p[0] >= LINK_MIN and p[3] >= 3) or p[4] >= RELATED_COS]
    if ok:
        best = max(round(p[0] + p[4], 3) for p in ok)
        return sorted(p[1] for p in ok if round(p[0] + p[4], 3) >= round(NEAR_BEST * best, 3))
    return [scored[0][1]] if len(scored) == 1 and scored[0][2] and standalone else []


@pytest.fixture(scope="module")
def stories(own_stories: list[list[Extraction]], aured_stories: list[list[Extraction]]) -> list[list[Extraction]]:
    return own_stories + aured_stories


@pytest.mark.parametrize("encoder", [None, "default"])
def test_best_cluster_is_the_rule_over_all_clusters(
    stories: list[list[Extraction]], encoder: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = link._best_cluster
    seen = {"calls": 0, "linked": 0, "lone": 0}

    def checked(it: CounterItem, clusters: Sequence[Cluster], weights: Weights, *args: Any) -> list[int]:
        sim, blocked, own = args[0], args[1], args[3]
        got = real(it, clusters, weights, *args)
        assert got == _reference(it, clusters, weights, sim, blocked, own), it.counter.quote.text
        seen["calls"] += 1
        seen["linked"] += bool(got)
        seen["lone"] += all(_overlaps_counter(x.claim, it.counter) for x in own)
        return got

    monkeypatch.setattr(link, "_best_cluster", checked)
    for xs in stories:
        reconcile_fn(xs, encoder=encoder)
        # The same story with its articles' claims seen from one article's counters alone: every
        # counter then stands alone in an article of its own (the rule's last branch).
        lone = [x.model_copy(update={"claims": []}) if x.counters else x for x in xs]
        reconcile_fn(lone, encoder=encoder)
    assert seen["calls"] > 20 and seen["linked"] > 5 and seen["lone"] > 5, seen


def test_nearby_counts_the_stems_shared_with_each_cluster() -> None:
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(40)]
    weights_ = [1 / (i + 1) for i in range(40)]

    def stems() -> frozenset[str]:
        return frozenset(rng.choices(vocab, weights_, k=rng.randint(0, 12)))

    clusters = [Cluster([], stems()) for _ in range(70)]
    contexts = [stems() for _ in range(50)]
    items = [CounterItem(None, 0, "", frozenset(), s) for s in contexts]  # type: ignore[arg-type]
    got: list[Mapping[int, int]] = _nearby(items, clusters, Similarity(None, [], []))
    want = [{ci: len(s & c.stems) for ci, c in enumerate(clusters) if len(s & c.stems) >= 2} for s in contexts]
    assert got == want
    assert all(list(g) == sorted(g) for g in got)  # ascending, as the rule reads them
    assert sum(map(len, want)) > 50
