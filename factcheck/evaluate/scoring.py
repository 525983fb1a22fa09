"""Scoring one brief against one gold story (the overlap rule and every metric: see docs/eval.md).

Overlap rule. A predicted claim/counter matches a gold claim/counter when, in the same article,
its quote (or one of its evidence quotes) and a located gold evidence span of that item overlap by
at least half of the shorter of the two spans. Gold evidence is located in the cleaned text with
``factcheck.text.grounding.locate`` (verbatim, else after Arabic folding; every occurrence). Only if a
gold string cannot be located after ingest (a gold/ingest bug, reported in the notes) does the
fallback apply: the same article and token-Jaccard >= 0.5 of the folded texts.

Why spans and "half of the shorter": gold evidence strings are minimal phrases (seeds) or whole
tweets (AuRED), extractors quote whole sentences or single clauses; both are quotes of the same
statement, and half of the shorter span cannot be shared by two unrelated statements. Spans are
exact, so folding and white space never matter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..models import Article, Brief, Claim, CounterStatement, Finding, Quote
from ..text.grounding import ungrounded
from .gold import CORE_KINDS
from .goldview import GoldFinding, GoldItem, GoldSpan, GoldView, token_jaccard
from .report import PR, Ratio, RunScores

MIN_OVERLAP = 0.5  # of the shorter span
MIN_JACCARD = 0.5  # fallback, for gold evidence not located in the cleaned text
NEGATIVE_KINDS = frozenset({"contested", "corroborated"})


def spans_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The overlap rule on two spans of the same article."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return overlap > 0 and overlap >= MIN_OVERLAP * shorter


def _quotes(item: Claim | CounterStatement) -> list[Quote]:
    return [item.quote, *item.evidence]


def item_matches(item: Claim | CounterStatement, gold: GoldItem) -> bool:
    for q in _quotes(item):
        for g in gold.spans:
            if g.article_id != item.article_id:
                continue
            if g.located and spans_match((q.start, q.end), (g.start, g.end)):
                return True
            if not g.located and token_jaccard(q.text, g.text) >= MIN_JACCARD:
                return True
    return False


@dataclass
class _Matching:
    """Gold id -> matched predicted ids, and predicted id -> matched gold ids."""

    gold_to_pred: dict[str, set[str]]
    pred_to_gold: dict[str, set[str]]


def _match(preds: Iterable[Claim | CounterStatement], golds: Iterable[GoldItem]) -> _Matching:
    preds, golds = list(preds), list(golds)
    g2p: dict[str, set[str]] = {g.id: set() for g in golds}
    p2g: dict[str, set[str]] = {p.id: set() for p in preds}
    for p in preds:
        for g in golds:
            if item_matches(p, g):
                g2p[g.id].add(p.id)
                p2g[p.id].add(g.id)
    return _Matching(g2p, p2g)


def _pr(m: _Matching) -> PR:
    return PR(
        recall=Ratio(hit=sum(1 for v in m.gold_to_pred.values() if v), total=len(m.gold_to_pred)),
        precision=Ratio(hit=sum(1 for v in m.pred_to_gold.values() if v), total=len(m.pred_to_gold)),
    )


def _core(m: _Matching, items: list[GoldItem], missed: list[str], what: str) -> Ratio:
    core = [g for g in items if g.core]
    for g in core:
        if not m.gold_to_pred[g.id]:
            missed.append(f"{what} {g.id}")
    return Ratio(hit=sum(1 for g in core if m.gold_to_pred[g.id]), total=len(core))


def predicted_links(brief: Brief) -> set[tuple[str, frozenset[str]]]:
    """(predicted counter id, claim group) pairs: the counter is linked to that cluster's claims.

    A link is read from ``counter.targets`` (a claim, taken with its cluster), ``cluster.counters``
    and a finding's ``counters`` x its ``clusters`` (or its claims, if it names no cluster).
    """
    cluster_of: dict[str, frozenset[str]] = {}
    groups = {c.id: frozenset(c.claims) for c in brief.clusters}
    for c in brief.clusters:
        for cid in c.claims:
            cluster_of[cid] = groups[c.id]
    links: set[tuple[str, frozenset[str]]] = set()
    for counter in brief.counters:
        for t in counter.targets:
            links.add((counter.id, cluster_of.get(t, frozenset({t}))))
    for c in brief.clusters:
        for ctr in c.counters:
            links.add((ctr, groups[c.id]))
    for f in brief.findings:
        fgroups = [groups[c] for c in f.clusters if c in groups] or [
            cluster_of.get(c, frozenset({c})) for c in f.claims
        ]
        for ctr in f.counters:
            links.update((ctr, g) for g in fgroups)
    return links


def _finding_claims(f: Finding, brief: Brief) -> set[str]:
    groups = {c.id: c.claims for c in brief.clusters}
    return set(f.claims).union(*(groups.get(c, []) for c in f.clusters))


def finding_matches(
    f: Finding,
    gold: GoldFinding,
    claim_m: _Matching,
    counter_m: _Matching,
    brief: Brief,
    article_ids: Mapping[str, str],
) -> bool:
    """Same kind; every gold claim matched by a claim of the finding (directly or via its clusters);
    the gold counter, if any, matched by one of the finding's counters; the field and the articles,
    if the gold gives them (``article_ids``: gold article id -> our article id)."""
    if f.kind.value != gold.kind:
        return False
    if gold.field is not None and f.field != gold.field:
        return False
    if any(article_ids.get(a) not in f.articles for a in gold.articles):
        return False
    mine = _finding_claims(f, brief)
    if not all(claim_m.gold_to_pred.get(c, set()) & mine for c in gold.claims):
        return False
    return gold.counter is None or bool(counter_m.gold_to_pred.get(gold.counter, set()) & set(f.counters))


@dataclass(frozen=True)
class _LinkScores:
    links: PR
    core_links: Ratio
    accuracy: Ratio


def _link_scores(
    brief: Brief, gold: GoldView, claim_m: _Matching, counter_m: _Matching, missed: list[str]
) -> _LinkScores:
    """Counter -> claim links: recall, precision, core recall and accuracy where both ends were found."""
    links = predicted_links(brief)
    gold_links = set(gold.links)
    gold_counters = {g.id: g for g in gold.counters}

    def link_hit(gc: str, gk: str) -> bool:
        preds_c, preds_k = counter_m.gold_to_pred.get(gc, set()), claim_m.gold_to_pred.get(gk, set())
        return any(p in preds_c and group & preds_k for p, group in links)

    def link_right(p: str, group: frozenset[str]) -> bool:
        golds_k = set().union(*(claim_m.pred_to_gold.get(q, set()) for q in group))
        return any((gc, gk) in gold_links for gc in counter_m.pred_to_gold.get(p, set()) for gk in golds_k)

    both_found = [(gc, gk) for gc, gk in gold_links if counter_m.gold_to_pred.get(gc) and claim_m.gold_to_pred.get(gk)]
    core_links = sorted((gc, gk) for gc, gk in gold_links if gold_counters[gc].core)
    missed += [f"link {gc}->{gk}" for gc, gk in core_links if not link_hit(gc, gk)]
    return _LinkScores(
        links=PR(
            recall=Ratio(hit=sum(1 for gc, gk in gold_links if link_hit(gc, gk)), total=len(gold_links)),
            precision=Ratio(hit=sum(1 for p, g in links if link_right(p, g)), total=len(links)),
        ),
        core_links=Ratio(hit=sum(1 for gc, gk in core_links if link_hit(gc, gk)), total=len(core_links)),
        accuracy=Ratio(hit=sum(1 for gc, gk in both_found if link_hit(gc, gk)), total=len(both_found)),
    )


@dataclass(frozen=True)
class _FindingScores:
    findings: PR
    by_kind: dict[str, PR]
    core: Ratio
    false_core: int


def _finding_scores(
    brief: Brief, gold: GoldView, matches: Callable[[Finding, int], bool], missed: list[str], false: list[str]
) -> _FindingScores:
    """Findings matched per kind, core findings missed, and false findings of the core kinds."""
    hit_gold = {i for i in range(len(gold.findings)) if any(matches(f, i) for f in brief.findings)}
    right_pred = {f.id for f in brief.findings if any(matches(f, i) for i in range(len(gold.findings)))}
    by_kind: dict[str, PR] = {}
    for kind in sorted({g.kind for g in gold.findings} | {f.kind.value for f in brief.findings}):
        gi = [i for i, g in enumerate(gold.findings) if g.kind == kind]
        pf = [f for f in brief.findings if f.kind.value == kind]
        by_kind[kind] = PR(
            recall=Ratio(hit=len(hit_gold.intersection(gi)), total=len(gi)),
            precision=Ratio(hit=sum(1 for f in pf if f.id in right_pred), total=len(pf)),
        )
    core_idx = [i for i, g in enumerate(gold.findings) if g.core]
    missed += [f"finding {gold.findings[i].label()}" for i in core_idx if i not in hit_gold]
    false_core = [f for f in brief.findings if f.kind in CORE_KINDS and f.id not in right_pred]
    false += [f"{f.id} {f.kind.value} on {','.join(f.clusters or f.claims)}" for f in false_core]
    return _FindingScores(
        findings=PR(
            recall=Ratio(hit=len(hit_gold), total=len(gold.findings)),
            precision=Ratio(hit=len(right_pred), total=len(brief.findings)),
        ),
        by_kind=by_kind,
        core=Ratio(hit=len(hit_gold.intersection(core_idx)), total=len(core_idx)),
        false_core=len(false_core),
    )


def score_brief(gold: GoldView, articles: Mapping[str, Article], brief: Brief) -> RunScores:
    """Score ``brief`` against ``gold``; ``articles`` maps gold article ids to the ingested articles.

    ``gold.locate_evidence`` is called here (idempotent), so the view needs no preparation.
    """
    gold.notes.clear()
    gold.locate_evidence(articles)
    article_ids = {gid: a.id for gid, a in articles.items()}
    missed: list[str] = []
    false: list[str] = []
    claim_m = _match(brief.claims, gold.claims)
    counter_m = _match(brief.counters, gold.counters)
    kinds = {c.id: c.kind.value for c in brief.counters}
    found = [g for g in gold.counters if counter_m.gold_to_pred[g.id]]
    kind_ok = sum(1 for g in found if any(kinds[p] == g.kind for p in counter_m.gold_to_pred[g.id]))
    links = _link_scores(brief, gold, claim_m, counter_m, missed)

    def matches(f: Finding, i: int) -> bool:
        return finding_matches(f, gold.findings[i], claim_m, counter_m, brief, article_ids)

    fs = _finding_scores(brief, gold, matches, missed, false)
    neg_hits = [f for f in brief.findings if f.kind.value in NEGATIVE_KINDS] if gold.negative else []
    false += [f"negative story: {f.id} {f.kind.value}" for f in neg_hits]
    # Missed core items come after the missed links and findings (the report's order).
    core_claims = _core(claim_m, gold.claims, missed, "claim")
    core_counters = _core(counter_m, gold.counters, missed, "counter")
    return RunScores(
        claims=_pr(claim_m),
        core_claims=core_claims,
        counters=_pr(counter_m),
        core_counters=core_counters,
        counter_kind=Ratio(hit=kind_ok, total=len(found)),
        links=links.links,
        core_links=links.core_links,
        link_accuracy=links.accuracy,
        findings=fs.findings,
        findings_by_kind=fs.by_kind,
        core_findings=fs.core,
        false_core_findings=fs.false_core,
        negative_fp=Ratio(hit=1 if neg_hits else 0, total=1 if gold.negative else 0),
        ungrounded=len(ungrounded(brief)),
        missed=missed,
        false=false,
    )


__all__ = ["GoldSpan", "finding_matches", "item_matches", "predicted_links", "score_brief", "spans_match"]
