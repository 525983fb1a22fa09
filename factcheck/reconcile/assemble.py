"""Step 7: the Brief: a status per cluster, clusters and findings ordered and numbered (C1, F1 ...),
findings explained, counters listing every claim they were linked to, the run described."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .._version import VERSION
from ..models import (
    ArticleFailure,
    Brief,
    ClaimCluster,
    ClaimStatus,
    CounterStatement,
    Extraction,
    Finding,
    FindingKind,
    RunInfo,
    Source,
    Usage,
)
from .cluster import Cluster, CounterGroup, origin_of
from .explain import Names, explain, finding_code
from .prepare import Story
from .versions import RawFinding

FINDING_ORDER = [
    FindingKind.contested,
    FindingKind.attribution_disputed,
    FindingKind.discrepancy,
    FindingKind.single_origin,
    FindingKind.anonymous_sourcing,
    FindingKind.corroborated,
    FindingKind.consistent,
]
_STATUS_OF = {
    FindingKind.attribution_disputed: ClaimStatus.attribution_disputed,
    FindingKind.contested: ClaimStatus.contested,
    FindingKind.discrepancy: ClaimStatus.discrepant,
    FindingKind.anonymous_sourcing: ClaimStatus.anonymous_only,
    FindingKind.single_origin: ClaimStatus.single_origin,
    FindingKind.corroborated: ClaimStatus.corroborated,
}
_KIND_RANK = {k: n for n, k in enumerate(FINDING_ORDER)}
STATUS_ORDER = list(ClaimStatus)  # most urgent first


def statuses(n_clusters: int, raw: Sequence[RawFinding]) -> list[ClaimStatus]:
    """Each cluster's status: that of its most urgent finding, else ``reported``."""
    kinds: list[list[ClaimStatus]] = [[] for _ in range(n_clusters)]
    for f in raw:
        if f.kind in _STATUS_OF:
            for ci in dict.fromkeys(f.clusters):
                kinds[ci].append(_STATUS_OF[f.kind])
    return [min(k, key=STATUS_ORDER.index) if k else ClaimStatus.reported for k in kinds]


@dataclass(slots=True)
class _Facts:
    """What the brief says of one cluster, read off its claims in one pass."""

    worth: float  # highest check-worthiness
    first: int  # first appearance
    ids: list[str]
    claimant: str | None  # the first claimant
    reported_by: list[str]
    origin: str | None  # the one origin, if one
    arts: list[int]  # article indexes, ascending


def cluster_facts(c: Cluster, order: dict[str, int]) -> _Facts:
    """The cluster's facts (``order``: each claim's first appearance)."""
    items = c.items
    if len(items) == 1:  # most clusters: one claim
        x, art = items[0].claim, items[0].art_idx
        rb = x.reported_by
        return _Facts(
            x.check_worthiness, order[x.id], [x.id], x.claimant or None, [rb] if rb else [], origin_of(x) or None, [art]
        )
    claims = [it.claim for it in items]
    ids = [x.id for x in claims]
    claimant = None
    reported: dict[str, None] = {}
    origins: dict[str, None] = {}
    for x in claims:
        by, rb = x.claimant, x.reported_by
        if by and claimant is None:
            claimant = by
        if rb:
            reported[rb] = None
        o = origin_of(x)
        if o:
            origins[o] = None
    return _Facts(
        max([x.check_worthiness for x in claims]),
        min([order[i] for i in ids]),
        ids,
        claimant,
        list(reported),
        next(iter(origins)) if len(origins) == 1 else None,
        sorted({it.art_idx for it in items}),
    )


def cluster_order(facts: Sequence[_Facts], status: Sequence[ClaimStatus]) -> list[int]:
    """Disputed first, then discrepant, then by check-worthiness and first appearance."""
    band_of = {ClaimStatus.attribution_disputed: 0, ClaimStatus.contested: 0, ClaimStatus.discrepant: 1}
    keys = [(band_of.get(status[ci], 2), -round(f.worth, 6), f.first) for ci, f in enumerate(facts)]
    return sorted(range(len(facts)), key=keys.__getitem__)


def findings_out(
    raw: Sequence[RawFinding], rank: dict[int, int], story: Story, sources: dict[str, Source]
) -> list[tuple[RawFinding, Finding]]:
    """The findings in their order (kind, then cluster rank, appearance, field), numbered and explained."""

    def key(f: RawFinding) -> tuple[int, int, int, str]:
        cs = f.clusters
        return _KIND_RANK[f.kind], rank[cs[0]] if len(cs) == 1 else min([rank[c] for c in cs]), f.first, f.field or ""

    names, order = Names(sources), story.order
    out = []
    for n, f in enumerate(sorted(raw, key=key)):
        cs = f.clusters if len(f.clusters) == 1 else sorted(f.clusters, key=rank.__getitem__)
        cids = [f"C{rank[c] + 1}" for c in cs]
        ar, en = explain(f.kind, cids, f.data, names)
        code, params = finding_code(f.kind, f.data)
        evidence = []
        seen: set[tuple[str, int, int, str]] = set()
        for e in f.evidence:
            k = (e.article_id, e.quote.start, e.quote.end, e.role)
            if k not in seen:
                seen.add(k)
                evidence.append(e)
        finding = Finding(
            id=f"F{n + 1}",
            kind=f.kind,
            clusters=cids,
            claims=sorted(f.claims, key=order.__getitem__),
            counters=sorted(f.counters, key=order.__getitem__),
            articles=[story.articles[i].id for i in sorted(f.articles)],
            origin=f.origin,
            field=f.field,
            versions=f.versions,
            evidence=evidence,
            code=code,
            params=params,
            explanation_ar=ar,
            explanation_en=en,
        )
        out.append((f, finding))
    return out


def clusters_out(
    clusters: Sequence[Cluster],
    facts: Sequence[_Facts],
    groups: Sequence[CounterGroup],
    ranked: Sequence[int],
    status: Sequence[ClaimStatus],
    findings: Sequence[tuple[RawFinding, Finding]],
    story: Story,
) -> list[ClaimCluster]:
    of_cluster: dict[int, list[str]] = {}  # cluster -> its findings' ids, in finding order
    for f, finding in findings:
        for fc in dict.fromkeys(f.clusters):
            of_cluster.setdefault(fc, []).append(finding.id)
    article_ids = [a.id for a in story.articles]
    out = []
    for n, ci in enumerate(ranked):
        c, x = clusters[ci], facts[ci]
        counters: list[str] = []
        if c.counter_groups:
            ids = {k.counter.id for gi in c.counter_groups for k in groups[gi].items}
            counters = sorted(ids, key=story.order.__getitem__)
        out.append(
            ClaimCluster(
                id=f"C{n + 1}",
                claims=x.ids,
                articles=[article_ids[i] for i in x.arts],
                claimant=x.claimant,
                reported_by=x.reported_by,
                origin=x.origin,
                status=status[ci],
                findings=of_cluster.get(ci, []),
                counters=counters,
            )
        )
    return out


def run_info(xs: Sequence[Extraction], failures: Sequence[ArticleFailure], notes: list[str]) -> RunInfo:
    # Calls made for an article that then failed were paid for too.
    usage = total_usage([*(x.usage for x in xs), *(failure.usage for failure in failures)])
    return RunInfo(
        factcheck_version=VERSION,
        extractors=sorted({x.extractor for x in xs}),
        models=sorted({x.model for x in xs if x.model}),
        prompt_version=min((x.prompt_version for x in xs if x.prompt_version), default=None),
        usage=usage,
        failures=list(failures),
        notes=notes,
    )


def total_usage(usages: Sequence[Usage]) -> Usage:
    """``Usage() + u1 + u2 + ...`` (``Usage.__add__``, the same sums in the same order) without a
    model per step."""
    if not usages:
        return Usage()
    calls = prompt = completion = 0
    cost: float | None = None
    for u in usages:
        calls += u.calls
        prompt += u.prompt_tokens
        completion += u.completion_tokens
        if cost is not None or u.cost_usd is not None:
            cost = (cost or 0) + (u.cost_usd or 0)
    return Usage(calls=calls, prompt_tokens=prompt, completion_tokens=completion, cost_usd=cost)


def counters_out(
    counters: Sequence[tuple[int, CounterStatement]],
    clusters: Sequence[Cluster],
    groups: Sequence[CounterGroup],
    order: dict[str, int],
) -> list[CounterStatement]:
    """Each counter lists every claim it was linked to (named by the extractor, or found here)."""
    linked: dict[str, list[str]] = {}
    for g in groups:
        ids = [it.claim.id for ci in g.clusters for it in clusters[ci].items]
        for member in g.items:
            linked[member.counter.id] = ids
    return [
        ctr.model_copy(
            update={"targets": sorted(set(ctr.targets) | set(linked.get(ctr.id, [])), key=order.__getitem__)}
        )
        for _, ctr in counters
    ]


def assemble(
    story: Story,
    sources: list[Source],
    clusters: Sequence[Cluster],
    groups: Sequence[CounterGroup],
    counters: Sequence[tuple[int, CounterStatement]],
    raw: Sequence[RawFinding],
    failures: Sequence[ArticleFailure],
    notes: list[str],
) -> Brief:
    status = statuses(len(clusters), raw)
    facts = [cluster_facts(c, story.order) for c in clusters]
    ranked = cluster_order(facts, status)
    rank = {ci: n for n, ci in enumerate(ranked)}
    findings = findings_out(raw, rank, story, {s.id: s for s in sources})
    return Brief(
        articles=story.articles,
        sources=sources,
        claims=[c for _, c in story.claims],
        counters=counters_out(counters, clusters, groups, story.order),
        clusters=clusters_out(clusters, facts, groups, ranked, status, findings, story),
        findings=[f for _, f in findings],
        run=run_info(story.extractions, failures, notes),
    )
