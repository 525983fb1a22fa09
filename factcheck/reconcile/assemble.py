"""Step 7: the Brief: a status per cluster, clusters and findings ordered and numbered (C1, F1 ...),
findings explained, counters listing every claim they were linked to, the run described."""

from __future__ import annotations

from collections.abc import Sequence

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
STATUS_ORDER = list(ClaimStatus)  # most urgent first


def statuses(n_clusters: int, raw: Sequence[RawFinding]) -> list[ClaimStatus]:
    """Each cluster's status: that of its most urgent finding, else ``reported``."""
    kinds: list[list[ClaimStatus]] = [[] for _ in range(n_clusters)]
    for f in raw:
        if f.kind in _STATUS_OF:
            for ci in dict.fromkeys(f.clusters):
                kinds[ci].append(_STATUS_OF[f.kind])
    return [min(k, key=STATUS_ORDER.index) if k else ClaimStatus.reported for k in kinds]


def cluster_order(clusters: Sequence[Cluster], status: Sequence[ClaimStatus], order: dict[str, int]) -> list[int]:
    """Disputed first, then discrepant, then by check-worthiness and first appearance."""

    def key(ci: int) -> tuple[int, float, int]:
        s = status[ci]
        band = (
            0
            if s in (ClaimStatus.attribution_disputed, ClaimStatus.contested)
            else (1 if s == ClaimStatus.discrepant else 2)
        )
        worth = max(it.claim.check_worthiness for it in clusters[ci].items)
        return band, -round(worth, 6), min(order[it.claim.id] for it in clusters[ci].items)

    return sorted(range(len(clusters)), key=key)


def findings_out(
    raw: Sequence[RawFinding], rank: dict[int, int], story: Story, sources: dict[str, Source]
) -> list[tuple[RawFinding, Finding]]:
    """The findings in their order (kind, then cluster rank, appearance, field), numbered and explained."""

    def key(f: RawFinding) -> tuple[int, int, int, str]:
        return FINDING_ORDER.index(f.kind), min(rank[c] for c in f.clusters), f.first, f.field or ""

    names, order = Names(sources), story.order
    out = []
    for n, f in enumerate(sorted(raw, key=key)):
        cids = [f"C{rank[c] + 1}" for c in sorted(f.clusters, key=rank.__getitem__)]
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
    out = []
    for n, ci in enumerate(ranked):
        c = clusters[ci]
        cl = [it.claim for it in c.items]
        origins = list(dict.fromkeys(o for o in (origin_of(x) for x in cl) if o))
        counters = {k.counter.id for gi in c.counter_groups for k in groups[gi].items}
        out.append(
            ClaimCluster(
                id=f"C{n + 1}",
                claims=[x.id for x in cl],
                articles=[story.articles[i].id for i in sorted({it.art_idx for it in c.items})],
                claimant=next((x.claimant for x in cl if x.claimant), None),
                reported_by=list(dict.fromkeys(x.reported_by for x in cl if x.reported_by)),
                origin=origins[0] if len(origins) == 1 else None,
                status=status[ci],
                findings=of_cluster.get(ci, []),
                counters=sorted(counters, key=story.order.__getitem__),
            )
        )
    return out


def run_info(xs: Sequence[Extraction], failures: Sequence[ArticleFailure], notes: list[str]) -> RunInfo:
    usage = Usage()
    for x in xs:
        usage = usage + x.usage
    for failure in failures:  # calls made for an article that then failed were paid for too
        usage = usage + failure.usage
    return RunInfo(
        factcheck_version=VERSION,
        extractors=sorted({x.extractor for x in xs}),
        models=sorted({x.model for x in xs if x.model}),
        prompt_version=min((x.prompt_version for x in xs if x.prompt_version), default=None),
        usage=usage,
        failures=list(failures),
        notes=notes,
    )


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
    ranked = cluster_order(clusters, status, story.order)
    rank = {ci: n for n, ci in enumerate(ranked)}
    findings = findings_out(raw, rank, story, {s.id: s for s in sources})
    return Brief(
        articles=story.articles,
        sources=sources,
        claims=[c for _, c in story.claims],
        counters=counters_out(counters, clusters, groups, story.order),
        clusters=clusters_out(clusters, groups, ranked, status, findings, story),
        findings=[f for _, f in findings],
        run=run_info(story.extractions, failures, notes),
    )
