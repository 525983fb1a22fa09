"""Stage 3: deterministic reconciliation of per-article extractions into one Brief.

Steps: (1) merge sources across articles (``sources``); (2) cluster the same claim across and
within articles, in Arabic, English and across the two (``cluster``, with the sentence encoder's
proposals: ``similar``); (3) find the statements that answer an earlier claim by content -- denial
by opposite polarity, correction by figures of the same counted thing, confirmation by an authority
restating it (``respond``, ``stance``); (4) group repeated counter-statements (same speaker, same or
similar text) and link them to the claims they answer, never to a claim of their own source or
inside another response (``cluster``); (5) detect findings (``findings``) and explain them in Arabic
and English (``explain``); (6) give each cluster a status and order everything.

Rules for findings:

- ``contested`` / ``attribution_disputed`` / ``corroborated``: one per (cluster, counter group)
  linked by a denial or correction / an attribution denial / a confirmation.
- ``corroborated`` also: two or more independent origins (no origin reporting or resting on another,
  and no origin repeating another's text: a repost, an agency's copy, a rendering in the other language),
  unless the versions differ.
- ``discrepancy``: two versions of one claim (in a cluster, or two very similar clusters) differ,
  between shared words, in a number, a resolved date or a scope word.
- ``single_origin``: a cluster in two or more articles with one origin (claimant, else reporting
  outlet), raised where repetition could pass for corroboration: the cluster is contested or
  disputed, or rests only on unnamed sources.
- ``anonymous_sourcing``: some version rests on unnamed sources and none names a source.
- ``consistent``: values written differently that resolve to the same date (month or day) or number.

**Check-worthiness rule**: every finding but ``consistent`` is raised only for check-worthy clusters
(highest check-worthiness of its claims >= 0.5). Hedged or background claims keep their linked
counters in ``ClaimCluster.counters`` but raise no judging finding; ``consistent`` is raised for any
cluster.

Determinism: no clocks, no randomness, no iteration over unordered sets; everything is sorted by
input order (articles, then positions in the text) or by stable keys, so the same extractions give
byte-identical Brief JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from ..grounding import is_grounded, locate
from ..models import (
    Article,
    ArticleFailure,
    Brief,
    Claim,
    ClaimCluster,
    ClaimStatus,
    CounterStatement,
    Extraction,
    Finding,
    FindingKind,
    Quote,
    RunInfo,
    Usage,
)
from .cluster import (
    ClaimItem,
    Weights,
    claim_items,
    cluster_claims,
    counter_items,
    group_counters,
    origin_of,
    repeats,
)
from .explain import Names, explain
from .findings import Detector, RawFinding
from .link import inside_counters, link_counters
from .respond import Responder, derived_counters
from .similar import Similarity
from .sources import merge_sources

if TYPE_CHECKING:
    from ..embed import Encoder

__all__ = ["reconcile"]

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


def _grounded(text: str, q: Quote) -> Quote | None:
    """The quote if verbatim at its span, else re-located in the text, else None."""
    return q if is_grounded(text, q) else locate(text, q.text)


_Item = TypeVar("_Item", Claim, CounterStatement)


def _ground_items(items: Sequence[_Item], x: Extraction, notes: list[str]) -> list[_Item]:
    """The items with every quote grounded (re-located, or dropped with a note)."""
    text, aid = x.article.text, x.article.id
    kept = []
    for item in items:
        q = _grounded(text, item.quote)
        if q is None:
            # The note names the item and span only: an ungrounded quote never reaches any output.
            span = f"{item.quote.start}-{item.quote.end}"
            notes.append(f"{aid}: dropped {item.id}: its quote ({span}) is not in the article")
            continue
        evidence = []
        for e in item.evidence:
            ge = _grounded(text, e)
            if ge is None:
                notes.append(f"{aid}: dropped evidence {e.start}-{e.end} of {item.id}: not in the article")
            else:
                evidence.append(ge)
        kept.append(item.model_copy(update={"quote": q, "evidence": evidence, "article_id": aid}))
    return kept


def _unique_ids(xs: Sequence[Extraction], notes: list[str]) -> list[Extraction]:
    """Extractions whose claim and counter ids are unique across the input.

    Extractions brought from elsewhere may number their items locally (c1, c2 ... in each); those
    whose ids collide are prefixed with their article id, their own targets renamed alike.
    """
    seen: set[str] = set()
    out: list[Extraction] = []
    for n, x in enumerate(xs):
        ids = [c.id for c in x.claims] + [k.id for k in x.counters]
        if len(set(ids)) == len(ids) and not set(ids) & seen:
            seen.update(ids)
            out.append(x)
            continue
        prefix = f"{x.article.id}-{n + 1}-"
        rename: dict[str, str] = {}
        fresh: list[str] = []
        for old in ids:
            new = prefix + old
            while new in seen or new in fresh:
                new += "'"
            rename.setdefault(old, new)
            fresh.append(new)
        it = iter(fresh)
        claims = [c.model_copy(update={"id": next(it)}) for c in x.claims]
        counters = [
            k.model_copy(update={"id": next(it), "targets": [rename.get(t, t) for t in k.targets]}) for k in x.counters
        ]
        seen.update(fresh)
        notes.append(f"{x.article.id}: item ids repeated ids of other articles; they were prefixed with {prefix!r}")
        out.append(x.model_copy(update={"claims": claims, "counters": counters}))
    return out


def _factcheck_version() -> str:
    from .. import __version__  # lazy: factcheck/__init__ imports this module

    return __version__


def reconcile(
    extractions: Sequence[Extraction],
    *,
    failures: Sequence[ArticleFailure] = (),
    notes: Sequence[str] = (),
    encoder: Encoder | str | None = "default",
) -> Brief:
    """Merge per-article extractions into one deterministic Brief (see the module docstring).

    ``encoder`` proposes paraphrase / translation pairs (``factcheck.embed``): ``"default"`` is the
    one the settings in effect name (the bundled local encoder unless ``embeddings = "none"``);
    None runs the lexical rules alone.
    """
    run_notes: list[str] = list(notes)
    xs: list[Extraction] = []
    by_id: dict[str, list[Article]] = {}  # equal articles have equal ids: compare within an id only
    for x in extractions:
        # The same input twice is dropped; the same text from another outlet (a retweet, a wire story
        # republished) shares the content-hash id but is a publication of its own, so it stays.
        same_id = by_id.setdefault(x.article.id, [])
        if any(x.article == y for y in same_id):
            run_notes.append(f"{x.article.id}: the same article was given twice; the repeat was ignored")
            continue
        same_id.append(x.article)
        xs.append(x)
    articles = [x.article for x in xs]
    for x in xs:
        run_notes += [f"{x.article.id}: {n}" for n in x.notes]

    xs = _unique_ids(xs, run_notes)
    merged = merge_sources(xs)
    sources = {s.id: s for s in merged.sources}
    claims: list[tuple[int, Claim]] = []
    counters: list[tuple[int, CounterStatement]] = []
    for i, x in enumerate(xs):
        cl, co = _ground_items(x.claims, x, run_notes), _ground_items(x.counters, x, run_notes)
        r = merged.resolve
        claims += [
            (
                i,
                c.model_copy(
                    update={
                        "claimant": r(i, c.claimant),
                        "reported_by": r(i, c.reported_by),
                        "about": r(i, c.about),
                        "based_on": [s for s in dict.fromkeys(r(i, b) for b in c.based_on) if s],
                    }
                ),
            )
            for c in cl
        ]
        counters += [(i, k.model_copy(update={"speaker": r(i, k.speaker)})) for k in co]
    claims.sort(key=lambda p: (p[0], p[1].quote.start, p[1].quote.end, p[1].id))
    counters.sort(key=lambda p: (p[0], p[1].quote.start, p[1].quote.end, p[1].id))
    order = {c.id: n for n, (_, c) in enumerate(claims)} | {k.id: n for n, (_, k) in enumerate(counters)}
    claim_ids = {c.id for _, c in claims}
    for n, (i, ctr) in enumerate(counters):
        unknown = [t for t in ctr.targets if t not in claim_ids]
        if unknown:
            run_notes.append(
                f"{ctr.article_id}: {ctr.id} names claims that are not in the input "
                f"({', '.join(unknown)}); they were ignored"
            )
            counters[n] = (i, ctr.model_copy(update={"targets": [t for t in ctr.targets if t not in unknown]}))

    citems = claim_items(claims)
    kitems = counter_items(counters, articles)
    weights = Weights([it.stems for it in citems] + [it.stems for it in kitems])
    if isinstance(encoder, str):
        from ..embed import default_encoder

        encoder = default_encoder()
    sim = Similarity(encoder, [it.claim.quote.text for it in citems], [it.counter.quote.text for it in kitems])
    clusters = cluster_claims(citems, weights, sim)
    groups = group_counters(kitems, weights)
    outlets = [a.outlet for a in articles]
    responder = Responder(clusters, weights, sim, sources, inside_counters(clusters, [k for _, k in counters]), outlets)
    pending = responder.derive()
    groups = link_counters(groups, clusters, weights, sim, responder.responses, outlets)
    counters += derived_counters(clusters, groups, pending, order)

    def same_report(a: ClaimItem, b: ClaimItem) -> bool:
        # A rendering in another language repeats a report (the source's names can't be matched
        # across scripts, so it is not counted as an independent origin).
        return repeats(a.key, b.key) or (a.n >= 0 and b.n >= 0 and sim.enabled and sim.cross_lingual(a.n, b.n))

    raw = Detector(articles, sources, clusters, groups, order, same_report).detect()

    # Status per cluster, then cluster order: disputed first, then discrepant, then worth and appearance.
    status: list[ClaimStatus] = []
    for ci in range(len(clusters)):
        kinds = [_STATUS_OF[f.kind] for f in raw if ci in f.clusters and f.kind in _STATUS_OF]
        status.append(min(kinds, key=STATUS_ORDER.index) if kinds else ClaimStatus.reported)

    def cluster_key(ci: int) -> tuple[int, float, int]:
        s = status[ci]
        band = (
            0
            if s in (ClaimStatus.attribution_disputed, ClaimStatus.contested)
            else (1 if s == ClaimStatus.discrepant else 2)
        )
        worth = max(it.claim.check_worthiness for it in clusters[ci].items)
        return band, -round(worth, 6), min(order[it.claim.id] for it in clusters[ci].items)

    cluster_order = sorted(range(len(clusters)), key=cluster_key)
    cid = {ci: f"C{n + 1}" for n, ci in enumerate(cluster_order)}
    rank = {ci: n for n, ci in enumerate(cluster_order)}

    def finding_key(f: RawFinding) -> tuple[int, int, int, str]:
        return FINDING_ORDER.index(f.kind), min(rank[c] for c in f.clusters), f.first, f.field or ""

    names = Names(sources)
    findings: list[Finding] = []
    raw_sorted = sorted(raw, key=finding_key)
    for n, f in enumerate(raw_sorted):
        cids = [cid[c] for c in sorted(f.clusters, key=rank.__getitem__)]
        ar, en = explain(f.kind, cids, f.data, names)
        evidence = []
        seen: set[tuple[str, int, int, str]] = set()
        for e in f.evidence:
            k = (e.article_id, e.quote.start, e.quote.end, e.role)
            if k not in seen:
                seen.add(k)
                evidence.append(e)
        findings.append(
            Finding(
                id=f"F{n + 1}",
                kind=f.kind,
                clusters=cids,
                claims=sorted(f.claims, key=order.__getitem__),
                counters=sorted(f.counters, key=order.__getitem__),
                articles=[articles[i].id for i in sorted(f.articles)],
                origin=f.origin,
                field=f.field,
                versions=f.versions,
                evidence=evidence,
                explanation_ar=ar,
                explanation_en=en,
            )
        )
    of_cluster: dict[int, list[str]] = {}  # cluster -> its findings' ids, in finding order
    for n, f in enumerate(raw_sorted):
        for fc in dict.fromkeys(f.clusters):
            of_cluster.setdefault(fc, []).append(findings[n].id)

    out_clusters = []
    for ci in cluster_order:
        c = clusters[ci]
        cl = [it.claim for it in c.items]
        origins = list(dict.fromkeys(o for o in (origin_of(x) for x in cl) if o))
        out_clusters.append(
            ClaimCluster(
                id=cid[ci],
                claims=[x.id for x in cl],
                articles=[articles[i].id for i in sorted({it.art_idx for it in c.items})],
                claimant=next((x.claimant for x in cl if x.claimant), None),
                reported_by=list(dict.fromkeys(x.reported_by for x in cl if x.reported_by)),
                origin=origins[0] if len(origins) == 1 else None,
                status=status[ci],
                findings=of_cluster.get(ci, []),
                counters=sorted(
                    {k.counter.id for gi in c.counter_groups for k in groups[gi].items}, key=order.__getitem__
                ),
            )
        )

    usage = Usage()
    for x in xs:
        usage = usage + x.usage
    for failure in failures:  # calls made for an article that then failed were paid for too
        usage = usage + failure.usage
    run = RunInfo(
        factcheck_version=_factcheck_version(),
        extractors=sorted({x.extractor for x in xs}),
        models=sorted({x.model for x in xs if x.model}),
        prompt_version=min((x.prompt_version for x in xs if x.prompt_version), default=None),
        usage=usage,
        failures=list(failures),
        notes=run_notes,
    )
    # Each counter lists every claim it was linked to (named by the extractor, or found here).
    linked: dict[str, list[str]] = {}
    for g in groups:
        ids = [it.claim.id for ci in g.clusters for it in clusters[ci].items]
        for member in g.items:
            linked[member.counter.id] = ids
    out_counters = [
        ctr.model_copy(
            update={"targets": sorted(set(ctr.targets) | set(linked.get(ctr.id, [])), key=order.__getitem__)}
        )
        for _, ctr in counters
    ]
    return Brief(
        articles=articles,
        sources=merged.sources,
        claims=[c for _, c in claims],
        counters=out_counters,
        clusters=out_clusters,
        findings=findings,
        run=run,
    )
