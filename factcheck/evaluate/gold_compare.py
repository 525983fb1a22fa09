"""A Brief's findings compared with a gold story's (through the ids ``gold_to_extractions`` gave)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..models import Brief, Finding
from .gold import CORE_KINDS, GoldExtraction, GoldFinding, GoldStory


@dataclass(frozen=True)
class FindingComparison:
    """Gold findings found and missed, and Brief findings of the core kinds that match no gold one."""

    found: list[GoldFinding]
    missed: list[GoldFinding]
    extra: list[Finding]


def _brief_to_gold_sources(brief: Brief, gx: GoldExtraction) -> dict[str, set[str]]:
    """Brief source id -> gold source ids, read off items whose ids both sides share."""
    ours_to_gold = {oid: gid for gid, oids in gx.source_ids.items() for oid in oids}
    original = {c.id: c for x in gx.extractions for c in x.claims}
    original_k = {k.id: k for x in gx.extractions for k in x.counters}
    out: dict[str, set[str]] = {}

    def pair(mine: Iterable[str | None], theirs: Iterable[str | None]) -> None:
        for b, o in zip(mine, theirs, strict=False):
            if b is not None and o is not None and o in ours_to_gold:
                out.setdefault(b, set()).add(ours_to_gold[o])

    for c in brief.claims:
        if c.id in original:
            oc = original[c.id]
            pair(
                [c.claimant, c.about, c.reported_by, *c.based_on], [oc.claimant, oc.about, oc.reported_by, *oc.based_on]
            )
    for k in brief.counters:
        if k.id in original_k:
            pair([k.speaker], [original_k[k.id].speaker])
    return out


def _matches(gf: GoldFinding, f: Finding, gx: GoldExtraction, src_map: Mapping[str, set[str]]) -> bool:
    if f.kind != gf.kind:
        return False
    for gc in gf.claim_ids():
        if not set(gx.claim_ids.get(gc, ())) & set(f.claims):
            return False
    if gf.counter is not None and not set(gx.counter_ids.get(gf.counter, ())) & set(f.counters):
        return False
    if gf.origin is not None and (f.origin is None or gf.origin not in src_map.get(f.origin, set())):
        return False
    if any(gx.article_ids.get(a) not in f.articles for a in gf.articles):
        return False
    return gf.field is None or gf.field == f.field


def compare_findings(brief: Brief, story: GoldStory, gx: GoldExtraction) -> FindingComparison:
    """Match the Brief's findings against the gold's (ids through ``gx``; a finding may cover several).

    A gold finding is found when a Brief finding of its kind involves one of our ids of each gold
    claim (and of its counter), names its origin and covers its articles and field.
    """
    src_map = _brief_to_gold_sources(brief, gx)
    found: list[GoldFinding] = []
    missed: list[GoldFinding] = []
    used: set[str] = set()
    for gf in story.findings:
        hits = [f for f in brief.findings if _matches(gf, f, gx, src_map)]
        (found if hits else missed).append(gf)
        used.update(f.id for f in hits)
    extra = [f for f in brief.findings if f.kind in CORE_KINDS and f.id not in used]
    return FindingComparison(found, missed, extra)
