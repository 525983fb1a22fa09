"""Step 4: link counter-statement groups to the claim clusters they answer.

Named targets win; a counter naming none is linked to the cluster it answers (``_best_cluster``),
never to a claim of its own source nor to one inside another response. Clusters are looked up by
shared stems (and the encoder's proposals), never scanned one by one for each counter.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain

from ..models import Claim, CounterKind, CounterStatement
from .cluster import (
    LINK_MIN,
    NEAR_BEST,
    ClaimItem,
    Cluster,
    CounterGroup,
    CounterItem,
    Weights,
    origin_of,
)
from .similar import CROSS_LINK_COS, RELATED_COS, Similarity
from .stance import figures_conflict


def _overlaps_counter(c: Claim, k: CounterStatement) -> bool:
    """The claim is (part of) the counter's own text: a statement cannot answer itself."""
    return c.article_id == k.article_id and any(
        c.quote.start < q.end and q.start < c.quote.end for q in [k.quote, *k.evidence]
    )


def _candidate(it: CounterItem, x: ClaimItem, blocked: Container[str]) -> bool:
    """Could the counter answer this claim? Never its own text, a claim inside another response
    (``blocked``), or (but for an attribution denial) a claim of its own speaker."""
    k = it.counter
    if _overlaps_counter(x.claim, k) or x.claim.id in blocked:
        return False
    if k.kind == CounterKind.denial and x.claim.article_id == k.article_id and _other_figures(k, x.claim):
        return False
    return k.kind == CounterKind.attribution_denial or k.speaker is None or origin_of(x.claim) != k.speaker


def _other_figures(k: CounterStatement, c: Claim) -> bool:
    """The claim gives other figures for what the denial says it denies: in the denial's own article,
    that is the denying side's account ("denied reports that 12 districts would be cut ... the work
    will affect 4 districts"), not the report it denies (which, restated, keeps its figures)."""
    return figures_conflict(k.target_text or k.quote.text, c.quote.text)


@dataclass(frozen=True)
class _Blocked:
    """Claim ids a counter may not answer: the union of a few sets, never copied into one."""

    parts: tuple[Container[str], ...]

    def __contains__(self, cid: object) -> bool:
        return any(cid in p for p in self.parts)


def _best_cluster(
    it: CounterItem,
    clusters: Sequence[Cluster],
    weights: Weights,
    sim: Similarity | None,
    blocked: Container[str],
    nearby: Mapping[int, int],
    own: Sequence[ClaimItem],
    lightest: _Lightest,
) -> list[int]:
    """The cluster a counter naming no target answers: the best overlap (>= LINK_MIN, >= 3 stems), or
    what the encoder proposes (>= RELATED_COS with >= 2 shared stems; a translation across languages),
    or the only cluster sharing >= 2 stems with it, when the counter stands alone in its article (a
    denial posted on its own) and that cluster lies wholly in other articles (the rumour it answers).
    Of clusters scoring alike, every one is linked (versions of one report not clustered together).
    A counter sharing no content with any claim is linked to nothing.

    ``nearby``: the clusters that could score (>= 2 shared stems, or an encoder proposal), ascending,
    each with the number of stems it shares with the counter's context; ``own``: the claims of the
    counter's article."""
    standalone = all(_overlaps_counter(x.claim, it.counter) for x in own)
    rest: list[int] = []  # clusters that cannot pass the bar: they count only if none passes
    if sim is None or not sim.enabled or it.n < 0:
        scored = []
        for ci, n in nearby.items():
            if n >= 3 and _may_pass(it.context, clusters[ci], weights, lightest(ci)):
                p = _scored(it, ci, clusters[ci], weights, blocked)
                if p is not None:
                    scored.append(p)
            elif standalone:
                rest.append(ci)
    else:
        scored = _encoded(it, clusters, weights, sim, blocked, nearby)

    def passes(sc: float, sh: int, cos: float) -> bool:
        return (sc >= LINK_MIN and sh >= 3) or cos >= RELATED_COS

    ok = [p for p in scored if passes(p[0], p[3], p[4])]
    if ok:
        best = max(round(p[0] + p[4], 3) for p in ok)
        # Versions of the denied report that were not clustered together are denied alike.
        return sorted(p[1] for p in ok if round(p[0] + p[4], 3) >= round(NEAR_BEST * best, 3))
    if not standalone:
        return []
    # Nothing passes: the lone counter answers the only cluster it shares >= 2 stems with, if that
    # one lies wholly in other articles. Past a second such cluster there is no answer.
    only = [p[1] for p in scored]
    for ci in rest:
        if len(only) > 1:
            break
        if _shares(it, clusters[ci], blocked):
            only.append(ci)
    if len(only) != 1:
        return []
    return only if all(x.claim.article_id != it.counter.article_id for x in clusters[only[0]].items) else []


_Score = tuple[float, int, bool, int, float]  # rounded overlap, cluster, elsewhere, shared stems, cosine


def _answerable(it: CounterItem, c: Cluster, blocked: Container[str]) -> tuple[list[ClaimItem], frozenset[str]]:
    """The cluster's claims the counter may answer and their stems (the cluster's own set when all
    may: built by the same union, so the same set, summed in the same order)."""
    others = [x for x in c.items if _candidate(it, x, blocked)]
    if len(others) == len(c.items):
        return others, c.stems
    return others, frozenset().union(*(x.stems for x in others))


def _scored(it: CounterItem, ci: int, c: Cluster, weights: Weights, blocked: Container[str]) -> _Score | None:
    """The lexical score of one cluster, as ``_best_cluster`` weighs it (None: not scored)."""
    others, stems = _answerable(it, c, blocked)
    if not others:
        return None
    shared = len(it.context & stems)
    if shared < 2:
        return None
    elsewhere = all(x.claim.article_id != it.counter.article_id for x in c.items)
    return (round(weights.containment(it.context, stems), 3), ci, elsewhere, shared, 0.0)


def _shares(it: CounterItem, c: Cluster, blocked: Container[str]) -> bool:
    """Would the cluster be scored at all (some claim to answer, >= 2 shared stems)?"""
    others, stems = _answerable(it, c, blocked)
    return bool(others) and len(it.context & stems) >= 2


def _encoded(
    it: CounterItem,
    clusters: Sequence[Cluster],
    weights: Weights,
    sim: Similarity,
    blocked: Container[str],
    nearby: Mapping[int, int],
) -> list[_Score]:
    """Scores with the encoder's cosines: every nearby cluster is scored."""
    scored: list[_Score] = []
    for ci in nearby:
        c = clusters[ci]
        others, stems = _answerable(it, c, blocked)
        if not others:
            continue
        shared = len(it.context & stems)
        cos = max(sim.counter_claim(it.n, x.n) for x in others)
        cross = any(sim.counter_script[it.n] != sim.claim_script[x.n] for x in others)
        if cross and cos >= CROSS_LINK_COS:
            scored.append((round(cos, 3), ci, True, 3, cos))
            continue
        if shared >= 2:
            elsewhere = all(x.claim.article_id != it.counter.article_id for x in c.items)
            scored.append((round(weights.containment(it.context, stems), 3), ci, elsewhere, shared, cos))
    return scored


class _Lightest:
    """Per cluster, the least total weight of its claims' stems (``_may_pass``), computed once."""

    def __init__(self, clusters: Sequence[Cluster], weights: Weights) -> None:
        self.clusters, self.weights = clusters, weights
        self.memo: dict[int, float] = {}

    def __call__(self, ci: int) -> float:
        v = self.memo.get(ci)
        if v is None:
            total = self.weights.total
            v = self.memo[ci] = min(total(x.stems) for x in self.clusters[ci].items)
        return v


def _may_pass(context: frozenset[str], c: Cluster, weights: Weights, lightest: float) -> bool:
    """Could some of the cluster's claims pass the lexical link bar (>= 3 shared stems, weighted
    overlap >= LINK_MIN)? The overlap with any of its claims is at most the overlap with all of them
    over the lighter of the context and its lightest claim (``lightest``: that claim's weight)."""
    shared = context & c.stems
    if len(shared) < 3:
        return False
    bound = min(weights.total(context), lightest)
    # ``_best_cluster`` rounds the overlap to 3 decimals before the bar: keep the margin.
    return bound <= 0 or weights.w(shared) >= (LINK_MIN - 0.0006) * bound


def _attributed_to(k: CounterStatement, clusters: Sequence[Cluster], of_source: dict[str, list[int]]) -> list[int]:
    """Clusters holding words attributed to the speaker of an attribution denial ("I never gave that
    interview"): claims whose claimant or subject is that speaker, outside the denial itself.
    ``of_source``: source -> the clusters (ascending) naming it as claimant or subject."""
    if k.speaker is None:
        return []
    return [
        ci
        for ci in of_source.get(k.speaker, [])
        if any(
            k.speaker in (it.claim.claimant, it.claim.about)
            and not _overlaps_counter(it.claim, k)
            and it.claim.article_id != k.article_id
            for it in clusters[ci].items
        )
    ]


def inside_counters(clusters: Sequence[Cluster], counters: Sequence[CounterStatement]) -> frozenset[str]:
    """Ids of claims that are (part of) a counter-statement's text: responses, not claims to answer."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for k in counters:
        spans.setdefault(k.article_id, []).extend((q.start, q.end) for q in [k.quote, *k.evidence])
    # Per article, the counters' spans by start and the furthest end among those starting up to
    # each: a claim overlaps some span iff the spans starting before its end reach past its start.
    starts: dict[str, list[int]] = {}
    reach: dict[str, list[int]] = {}
    for art, ss in spans.items():
        ss.sort()
        starts[art] = [a for a, _ in ss]
        reach[art] = list(accumulate((b for _, b in ss), max))
    out = []
    for c in clusters:
        for it in c.items:
            art, q = it.claim.article_id, it.claim.quote
            n = bisect_left(starts.get(art, ()), q.end)
            if n and reach[art][n - 1] > q.start:
                out.append(it.claim.id)
    return frozenset(out)


class _Sources:
    """Who carries what: the accounts/outlets carrying each article; claims by id and by article."""

    def __init__(self, every: Sequence[ClaimItem], outlets: Sequence[str | None]) -> None:
        self.carriers: dict[str, set[str]] = {}  # article -> the accounts/outlets carrying it
        self.by_article: dict[str, list[ClaimItem]] = {}
        self.by_id = {x.claim.id: x for x in every}
        for x in every:
            art = x.claim.article_id
            self.carriers.setdefault(art, set())
            if x.claim.reported_by:
                self.carriers[art].add(x.claim.reported_by)
            if outlets and outlets[x.art_idx]:
                self.carriers[art].add(f"outlet:{outlets[x.art_idx]}")
            self.by_article.setdefault(art, []).append(x)

    def same_source(self, k: CounterStatement, carried_by: set[str]) -> Container[str]:
        """Claims of the counter's own source in other articles: its speaker's, or those posted by the
        account (outlet) carrying it (one account's posts and reposts are one origin; it does not
        answer itself). Asked claim by claim, never listed."""
        if k.kind == CounterKind.attribution_denial:
            return frozenset()
        return _SameSource(self, k.article_id, frozenset(({k.speaker} | carried_by) - {None}))


@dataclass(frozen=True)
class _SameSource:
    sources: _Sources
    article_id: str
    own: frozenset[str | None]

    def __contains__(self, cid: object) -> bool:
        x = self.sources.by_id.get(cid) if isinstance(cid, str) else None
        if x is None or x.claim.article_id == self.article_id:
            return False
        return origin_of(x.claim) in self.own or bool(self.own & self.sources.carriers.get(x.claim.article_id, set()))


def _nearby(items: Sequence[CounterItem], clusters: Sequence[Cluster], sim: Similarity | None) -> list[dict[int, int]]:
    """Per counter, the clusters ``_best_cluster`` could score (ascending), each with the number of
    stems it shares with the counter's context: >= 2 shared stems, or a claim the encoder puts at
    CROSS_LINK_COS or more.

    Shared stems are counted off an index of the cluster stems some context holds (each count is the
    exact size of the intersection: no candidate is checked again), and counters of one context are
    looked up once."""
    vocab = frozenset().union(*(it.context for it in items))  # only these stems are ever looked up
    postings: dict[str, list[int]] = {}
    for ci, c in enumerate(clusters):
        for s in vocab.intersection(c.stems):
            postings.setdefault(s, []).append(ci)
    get = postings.get
    memo: dict[frozenset[str], dict[int, int]] = {}
    near = []
    for it in items:
        hit = memo.get(it.context)
        if hit is None:
            counts = Counter(chain.from_iterable([p for p in map(get, it.context) if p]))
            hit = memo[it.context] = {ci: counts[ci] for ci in sorted(ci for ci, n in counts.items() if n >= 2)}
        near.append(hit)
    if sim is None or not sim.enabled:
        return near
    cluster_of = {x.n: ci for ci, c in enumerate(clusters) for x in c.items if x.n >= 0}
    out = []
    for it, ns in zip(items, near, strict=True):
        extra: set[int] = set()
        if it.n >= 0 and it.n < len(sim.kc):
            row = sim.kc[it.n]
            extra = {cluster_of[int(n)] for n in (row >= CROSS_LINK_COS).nonzero()[0] if int(n) in cluster_of}
        out.append({ci: ns.get(ci, 0) for ci in sorted(set(ns) | extra)})
    return out


def link_counters(
    groups: Sequence[CounterGroup],
    clusters: Sequence[Cluster],
    weights: Weights,
    sim: Similarity | None = None,
    responses: frozenset[int] = frozenset(),
    outlets: Sequence[str | None] = (),
) -> list[CounterGroup]:
    """Link groups to clusters; return the groups, those of one speaker and kind answering the same
    claims merged (two sentences of one denial are one denial); fill ``cluster.counter_groups``.

    Named targets win; a counter naming none is linked to the cluster it answers (``_best_cluster``),
    never to a claim of its own source nor to one inside another response (a claim inside a counter,
    or a cluster in ``responses``: statements found to answer an earlier claim).
    """
    flat = [it for g in groups for it in g.items]
    named = _named(flat, clusters)
    inside = inside_counters(clusters, [it.counter for it in flat])
    in_responses = frozenset(it.claim.id for ci in responses for it in clusters[ci].items)
    src = _Sources([it for c in clusters for it in c.items], outlets)
    pending = [it for it, ns in zip(flat, named, strict=True) if not ns]  # those naming no target
    nearby = dict(zip(map(id, pending), _nearby(pending, clusters, sim), strict=True))
    lightest = _Lightest(clusters, weights)
    found = iter(named)
    for g in groups:
        linked: list[int] = []
        for it in g.items:
            ns = next(found)
            if not ns:
                own = src.carriers.get(it.counter.article_id, set())
                if outlets and outlets[it.art_idx]:
                    own = own | {f"outlet:{outlets[it.art_idx]}"}
                blocked = _Blocked((inside, in_responses, src.same_source(it.counter, own)))
                mine = src.by_article.get(it.counter.article_id, [])
                ns = _best_cluster(it, clusters, weights, sim, blocked, nearby[id(it)], mine, lightest)
            linked += ns
        g.clusters = sorted(set(linked))
    return _merge_groups(groups, clusters)


def _named(items: Sequence[CounterItem], clusters: Sequence[Cluster]) -> list[list[int]]:
    """Per counter, the clusters it names: its targets', or for an attribution denial naming none, those
    holding words attributed to its speaker (``_attributed_to``)."""
    cluster_of = {it.claim.id: ci for ci, c in enumerate(clusters) for it in c.items}
    of_source: dict[str, list[int]] | None = None  # built when first needed: few counters ask
    out = []
    for it in items:
        named = [cluster_of[t] for t in it.counter.targets if t in cluster_of]
        if not named and it.counter.kind == CounterKind.attribution_denial:
            if of_source is None:
                of_source = {}
                for ci, c in enumerate(clusters):
                    for sid in dict.fromkeys(s for x in c.items for s in (x.claim.claimant, x.claim.about) if s):
                        of_source.setdefault(sid, []).append(ci)
            named = _attributed_to(it.counter, clusters, of_source)
        out.append(named)
    return out


def _merge_groups(groups: Sequence[CounterGroup], clusters: Sequence[Cluster]) -> list[CounterGroup]:
    """Groups of one speaker and kind linked to the same clusters become one (the first)."""
    merged: list[CounterGroup] = []
    first: dict[tuple[str, CounterKind, tuple[int, ...]], CounterGroup] = {}
    for g in groups:
        key = (g.speaker, g.kind, tuple(g.clusters)) if g.speaker is not None and g.clusters else None
        same = first.get(key) if key is not None else None
        if same is None:
            merged.append(g)
            if key is not None:
                first[key] = g
        else:
            same.items += g.items
    for gi, g in enumerate(merged):
        for ci in g.clusters:
            clusters[ci].counter_groups.append(gi)
    return merged
