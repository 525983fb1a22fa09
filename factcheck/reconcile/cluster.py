"""Steps 2-3: cluster the same claim across (and within) articles; group and link counter-statements.

Similarity is an idf-weighted overlap of light stems (words frequent across the story's claims,
like the story's main actors, weigh little), or near-identical folded text (rapidfuzz). Claims are
joined by single linkage over pairs in a fixed order, so the result never depends on set order.
A claim in one language cannot be matched to its rendering in another: no translation is done.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..models import Article, Claim, CounterKind, CounterStatement
from ..normalize import content_stems, fold
from .compare import find_numbers, sentence_around

CLAIM_SAME = 0.6  # weighted containment for "the same claim"
CLAIM_MIN_SHARED = 3
SAME_ORIGIN_SAME = 0.4  # ... when both versions come from the same origin
SAME_ORIGIN_SHARED = 6
NEAR_IDENTICAL = 92.0  # rapidfuzz ratio of folded quotes
COUNTER_SAME = 0.6
LINK_MIN = 0.3  # weighted overlap for linking a counter to a claim it does not name
NEAR_BEST = 0.85  # other clusters within this share of the best overlap are linked too


@dataclass
class ClaimItem:
    claim: Claim
    art_idx: int
    key: str  # folded quote
    stems: frozenset[str]  # quote + evidence


@dataclass
class CounterItem:
    counter: CounterStatement
    art_idx: int
    key: str
    stems: frozenset[str]  # quote + evidence
    context: frozenset[str]  # + target text + the quote's sentence


@dataclass
class Cluster:
    items: list[ClaimItem]
    stems: frozenset[str] = frozenset()
    counter_groups: list[int] = field(default_factory=list)


@dataclass
class CounterGroup:
    items: list[CounterItem]
    kind: CounterKind
    speaker: str | None
    clusters: list[int] = field(default_factory=list)


class Weights:
    """Inverse document frequency of stems over the story's claims and counters."""

    def __init__(self, docs: Iterable[frozenset[str]]) -> None:
        docs = list(docs)
        self.n = max(len(docs), 1)
        self.df: dict[str, int] = {}
        for d in docs:
            for s in d:
                self.df[s] = self.df.get(s, 0) + 1

    def w(self, stems: Iterable[str]) -> float:
        return sum(math.log(1 + self.n / self.df.get(s, 1)) for s in stems)

    def containment(self, a: frozenset[str], b: frozenset[str]) -> float:
        if not a or not b:
            return 0.0
        return self.w(a & b) / min(self.w(a), self.w(b))


def origin_of(c: Claim) -> str | None:
    """Who a claim comes from: its claimant, else the outlet reporting it."""
    return c.claimant or c.reported_by


def _stems(*texts: str | None) -> frozenset[str]:
    return frozenset(s for t in texts if t for s in content_stems(t) if not s.isdigit() or len(s) >= 3)


def claim_items(claims: Sequence[tuple[int, Claim]]) -> list[ClaimItem]:
    return [
        ClaimItem(c, i, fold(c.quote.text, loose=True), _stems(c.quote.text, *(e.text for e in c.evidence)))
        for i, c in claims
    ]


def counter_items(counters: Sequence[tuple[int, CounterStatement]], articles: Sequence[Article]) -> list[CounterItem]:
    out = []
    for i, k in counters:
        text = articles[i].text
        s, e = sentence_around(text, k.quote.start, k.quote.end)
        base = _stems(k.quote.text, *(e.text for e in k.evidence))
        out.append(CounterItem(k, i, fold(k.quote.text, loose=True), base,
                               base | _stems(k.target_text, text[s:e])))
    return out


def _union_find(n: int, same: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in same:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return [groups[r] for r in sorted(groups)]


def same_claim(a: ClaimItem, b: ClaimItem, weights: Weights) -> bool:
    if a.key == b.key:
        return True
    if min(len(a.key), len(b.key)) >= 20 and fuzz.ratio(a.key, b.key) >= NEAR_IDENTICAL:
        return True
    shared = a.stems & b.stems
    score = weights.containment(a.stems, b.stems)
    if len(shared) >= CLAIM_MIN_SHARED and score >= CLAIM_SAME:
        return True
    # The same origin retelling its own report in other words (a follow-up article, a "read also"
    # box): a lower bar, as long as the two are clearly about the same thing.
    origin_a, origin_b = origin_of(a.claim), origin_of(b.claim)
    same_origin = origin_a is not None and origin_a == origin_b
    return same_origin and len(shared) >= SAME_ORIGIN_SHARED and score >= SAME_ORIGIN_SAME


def cluster_claims(items: Sequence[ClaimItem], weights: Weights) -> list[Cluster]:
    pairs = [(i, j) for i in range(len(items)) for j in range(i + 1, len(items))
             if same_claim(items[i], items[j], weights)]
    clusters = []
    for group in _union_find(len(items), pairs):
        members = [items[k] for k in group]
        clusters.append(Cluster(members, frozenset().union(*(m.stems for m in members))))
    return clusters


def group_counters(items: Sequence[CounterItem], weights: Weights) -> list[CounterGroup]:
    """One group per denial (etc.) repeated: same speaker, same kind, same or closely similar text."""

    def same(a: CounterItem, b: CounterItem) -> bool:
        if a.counter.kind != b.counter.kind or a.counter.speaker != b.counter.speaker:
            return False
        if a.key == b.key:
            return True
        return a.counter.speaker is not None and weights.containment(a.stems, b.stems) >= COUNTER_SAME

    pairs = [(i, j) for i in range(len(items)) for j in range(i + 1, len(items)) if same(items[i], items[j])]
    return [
        CounterGroup([items[k] for k in g], items[g[0]].counter.kind, items[g[0]].counter.speaker)
        for g in _union_find(len(items), pairs)
    ]


def _overlaps_counter(c: Claim, k: CounterStatement) -> bool:
    """The claim is (part of) the counter's own text: a statement cannot answer itself."""
    return c.article_id == k.article_id and any(
        c.quote.start < q.end and q.start < c.quote.end for q in [k.quote, *k.evidence])


def _best_cluster(it: CounterItem, clusters: Sequence[Cluster], weights: Weights) -> list[int]:
    """The cluster a counter naming no target answers: the best overlap (>= LINK_MIN, >= 3 stems), or the
    only cluster sharing >= 2 stems with it, when the counter stands alone in its article (a denial
    posted on its own) and that cluster lies wholly in other articles (the rumour it answers)."""
    own = [x for c in clusters for x in c.items if x.claim.article_id == it.counter.article_id]
    standalone = all(_overlaps_counter(x.claim, it.counter) for x in own)
    scored = []
    for ci, c in enumerate(clusters):
        others = [x for x in c.items if not _overlaps_counter(x.claim, it.counter)]
        stems = frozenset().union(*(x.stems for x in others)) if others else frozenset()
        if len(it.context & stems) >= 2:
            elsewhere = all(x.claim.article_id != it.counter.article_id for x in c.items)
            shared = len(it.context & stems)
            scored.append((weights.containment(it.context, stems), ci, elsewhere, shared))
    if not scored:
        # A denial posted on its own, sharing no words with anything, in a set where a single claim
        # stands in other articles: in a handful of articles on one story, it answers that claim.
        elsewhere_only = [ci for ci, c in enumerate(clusters)
                          if all(x.claim.article_id != it.counter.article_id for x in c.items)]
        return elsewhere_only if standalone and len(elsewhere_only) == 1 and len(clusters) == 1 else []
    score, best, elsewhere, shared = max(scored, key=lambda p: (p[0], -p[1]))
    if score >= LINK_MIN and shared >= 3:
        # Versions of the denied report that were not clustered together are denied alike.
        return sorted(ci for sc, ci, _, sh in scored if sh >= 3 and sc >= max(LINK_MIN, NEAR_BEST * score))
    return [best] if len(scored) == 1 and elsewhere and standalone else []


def _attributed_to(k: CounterStatement, clusters: Sequence[Cluster]) -> list[int]:
    """Clusters holding words attributed to the speaker of an attribution denial ("I never gave that
    interview"): claims whose claimant or subject is that speaker, outside the denial itself."""
    if k.speaker is None:
        return []
    return [
        ci for ci, c in enumerate(clusters)
        if any(k.speaker in (it.claim.claimant, it.claim.about) and not _overlaps_counter(it.claim, k)
               and it.claim.article_id != k.article_id for it in c.items)
    ]


def link_counters(groups: Sequence[CounterGroup], clusters: Sequence[Cluster], weights: Weights) -> list[CounterGroup]:
    """Link groups to clusters; return the groups, those of one speaker and kind answering the same
    claims merged (two sentences of one denial are one denial); fill ``cluster.counter_groups``.

    Named targets win; a counter naming none is linked to the cluster its quote, target text and
    sentence overlap most (above LINK_MIN, with >= 2 shared stems).
    """
    cluster_of = {it.claim.id: ci for ci, c in enumerate(clusters) for it in c.items}
    for g in groups:
        linked: list[int] = []
        for it in g.items:
            named = [cluster_of[t] for t in it.counter.targets if t in cluster_of]
            if not named and it.counter.kind == CounterKind.attribution_denial:
                named = _attributed_to(it.counter, clusters)
            if not named:
                named = _best_cluster(it, clusters, weights)
            linked += named
        g.clusters = sorted(set(linked))
    merged: list[CounterGroup] = []
    for g in groups:
        same = next((m for m in merged if g.speaker is not None and g.clusters and
                     (m.speaker, m.kind, m.clusters) == (g.speaker, g.kind, g.clusters)), None)
        if same is None:
            merged.append(g)
        else:
            same.items += g.items
    for gi, g in enumerate(merged):
        for ci in g.clusters:
            clusters[ci].counter_groups.append(gi)
    return merged


RESTATE_SHARED = 4  # shared stems, and weighted overlap, for "a later statement restates the claim"
RESTATE_MIN = 0.4
CONTRADICT_SHARED = 3  # shared stems for "speaks of the same thing" when only the figures differ


def _origins(c: Cluster) -> set[str]:
    return {o for it in c.items if (o := origin_of(it.claim))}


def _figures(c: Cluster) -> set[float]:
    """Numbers in a cluster's quotes, years and dates left out (they say when, not how many)."""
    out = set()
    for it in c.items:
        for n in find_numbers(it.claim.quote.text):
            if not (1900 <= n.value <= 2100 and n.value.is_integer()):
                out.add(n.value)
    return out


def restatements(clusters: Sequence[Cluster], weights: Weights) -> list[tuple[int, int, CounterKind]]:
    """(claim cluster, later cluster, kind): a statement in *later, other* articles, from another
    origin, about what an earlier claim says.

    - It says what the claim says (``RESTATE_SHARED`` stems and ``RESTATE_MIN`` weighted overlap):
      a confirmation by content, though it never says "confirm" (an authority's announcement after
      a rumour).
    - It speaks of the same thing (``CONTRADICT_SHARED`` stems) with other figures only, none of the
      claim's: a correction by figures ("five cases so far" against "75 cases in Abu Dhabi").
    Each later cluster answers at most one claim (its best match); one that no origin stands behind
    answers nothing.
    """
    out = []
    figures = [_figures(c) for c in clusters]
    for ki, k in enumerate(clusters):
        k_arts = {it.claim.article_id for it in k.items}
        k_first = min(it.art_idx for it in k.items)
        k_origins = _origins(k)
        if not k_origins:
            continue
        candidates: list[tuple[float, int, CounterKind]] = []
        for ri, r in enumerate(clusters):
            if ri == ki or min(it.art_idx for it in r.items) >= k_first:
                continue
            if k_arts & {it.claim.article_id for it in r.items} or k_origins & _origins(r):
                continue
            shared = len(r.stems & k.stems)
            score = weights.containment(r.stems, k.stems)
            if figures[ri] and figures[ki] and not figures[ri] & figures[ki] and shared >= CONTRADICT_SHARED:
                kind = CounterKind.correction
            elif shared >= RESTATE_SHARED and score >= RESTATE_MIN:
                kind = CounterKind.confirmation
            else:
                continue
            candidates.append((score, ri, kind))
        corrections = [c for c in candidates if c[2] == CounterKind.correction]
        if corrections:
            # Figures that differ answer the earliest claim they could: the report that started it,
            # not the updates that followed it.
            _, ri, kind = min(corrections, key=lambda c: min(it.art_idx for it in clusters[c[1]].items))
            out.append((ri, ki, kind))
        elif candidates:
            _, ri, kind = max(candidates, key=lambda c: (c[0], -c[1]))
            out.append((ri, ki, kind))
    return out
