"""The brief's cards: claims in dispute (with the responses' own words), differing versions (with
who holds each) and origins. Split from ``build.py`` to keep modules short; each function reads the
same ``_Builder`` lookups."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import ClaimStatus, FindingKind
from . import i18n
from ._bottomline import origin_sentences, responses, versions_sentence
from .view import CounterView, DisputeItem, OriginItem, VersionsItem, VersionView

if TYPE_CHECKING:
    from .build import _Builder

DISPUTE_KINDS = (FindingKind.attribution_disputed, FindingKind.contested)
_ORIGIN_KINDS = (
    FindingKind.contested,
    FindingKind.attribution_disputed,
    FindingKind.single_origin,
    FindingKind.anonymous_sourcing,
)
_ORIGIN_STATUSES = (
    ClaimStatus.contested,
    ClaimStatus.attribution_disputed,
    ClaimStatus.single_origin,
    ClaimStatus.anonymous_only,
)


def dispute_items(b: _Builder) -> tuple[DisputeItem, ...]:
    """One item per cluster in dispute (all its contested/attribution findings merged)."""
    items = []
    for cluster in b.brief.clusters:
        found = [f for f in b.cluster_findings(cluster) if f.kind in DISPUTE_KINDS]
        claim = b.first_claim(cluster, [c for f in found for c in f.claims])
        if not found or claim is None:
            continue
        counter_ids = dict.fromkeys(c for f in found for c in (f.counters or cluster.counters))
        counters = [b.counters[cid] for cid in counter_ids if cid in b.counters]
        # One quote per speaker and kind of response: the words carrying the response, with their
        # cue; the articles it appears in are all named ([A1, A2]); every span stays in the JSON.
        views = []
        responders = []
        for r in responses(counters, b.texts, b.order):
            days = tuple(dict.fromkeys(d for d in (b.date(a) for a in r.articles) if d))
            quote = b.quote(r.shown.article_id, r.quote, item=r.shown)
            quote = replace(quote, article_label=b.L["sep"].join(b.article_labels(r.articles)))
            label = b.counter_label(r.kind, r.speaker)
            views.append(
                CounterView(
                    speaker=b.source(r.speaker),
                    kind_label=label,
                    date=b.L["sep"].join(days) or None,
                    quote=quote,
                )
            )
            responders.append((b.source(r.speaker), label, days))
        dates = sorted(a.published for a in b.brief.articles if a.id in cluster.articles and a.published)
        items.append(
            DisputeItem(
                cluster=cluster.id,
                **b.status(cluster),
                # the badge already says the status: name only findings it does not say
                kind_label=b.L["sep"].join(
                    dict.fromkeys(
                        i18n.finding_label(f.kind, b.lang) for f in found if f.kind.value != cluster.status.value
                    )
                ),
                claimant=b.source(cluster.claimant or claim.claimant),
                about=b.source(claim.about),
                reporters=b.sources_of(cluster.reported_by),
                articles=b.article_labels(cluster.articles),
                date=b.num(i18n.format_date(dates[0], b.lang)) if dates else None,
                quote=b.quote(claim.article_id, claim.quote, item=claim),
                counters=tuple(views),
                responders=tuple(responders),
                explanations=(),  # the bottom line says who denies what; the explanation would repeat it
            )
        )
    return tuple(items)


def versions_items(b: _Builder) -> tuple[VersionsItem, ...]:
    items = []
    for f in b.brief.findings:
        if f.kind is not FindingKind.discrepancy or not f.versions:
            continue
        views = []
        for i, v in enumerate(f.versions):
            article = b.articles.get(v.article_id)
            claim = b.claims.get(v.claim)
            cid = b.cluster_of.get(v.claim)
            cluster = next((k for k in b.brief.clusters if k.id == cid), None)
            holder = (cluster.claimant if cluster else None) or (claim.claimant if claim else None)
            src = b.sources.get(holder) if holder else None
            role = None
            if src is not None and src.role and src.role not in src.name:
                role = b.words(src.role, article.language if article else "und")
            views.append(
                VersionView(
                    label=chr(ord("A") + i) if i < 26 else str(i + 1),
                    claim=v.claim,
                    cluster=b.cluster_of.get(v.claim),
                    outlet=article.outlet if article else None,
                    date=b.date(v.article_id),
                    quote=b.quote(v.article_id, v.quote, item=claim, differing=v.differing),
                    holder=b.source(holder),
                    role=role,
                )
            )
        items.append(
            VersionsItem(
                finding=f.id,
                clusters=tuple(f.clusters),
                field_label=i18n.field_label(f.field, b.lang) if f.field else None,
                explanation=b.explanation(f),
                versions=tuple(views),
                sentence=tuple(versions_sentence(b, f) or ()),
            )
        )
    return tuple(items)


def origin_items(b: _Builder) -> tuple[OriginItem, ...]:
    items = []
    for cluster in b.brief.clusters:
        findings = [f for f in b.cluster_findings(cluster) if f.kind in _ORIGIN_KINDS]
        if cluster.status not in _ORIGIN_STATUSES and not findings:
            continue
        claims = [b.claims[c] for c in cluster.claims if c in b.claims]
        based = sorted({s for c in claims for s in c.based_on})
        based_refs = b.sources_of(based)
        origin_id = cluster.origin or next((f.origin for f in findings if f.origin), None)
        anonymous = any(c.anonymous for c in claims) or (bool(based_refs) and all(r.anonymous for r in based_refs))
        single = any(f.kind is FindingKind.single_origin for f in findings) or cluster.origin is not None
        n = len(cluster.articles)
        sentences = tuple(tuple(x) for x in origin_sentences(b, cluster, findings))
        repeated = None
        if n > 1 and not any(f.kind is FindingKind.single_origin for f in findings):  # else a sentence says it
            repeated = b.L["repeated" if single else "repeated_many"].format(n=n)
        claimant = cluster.claimant or next((c.claimant for c in claims if c.claimant), None)
        explanations = tuple(
            dict.fromkeys(
                b.explanation(f)
                for f in findings
                if f.kind in (FindingKind.single_origin, FindingKind.anonymous_sourcing)
            )
        )
        items.append(
            OriginItem(
                cluster=cluster.id,
                **b.status(cluster),
                reporters=b.sources_of(cluster.reported_by),
                claimant=b.source(claimant),
                based_on=based_refs,
                origin=b.source(origin_id),
                anonymous=anonymous,
                repeated=repeated,
                explanations=explanations,
                sentences=sentences,
            )
        )
    return tuple(items)
