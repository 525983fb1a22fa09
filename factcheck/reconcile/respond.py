"""Responses found by content: a later statement that answers an earlier claim without a cue word.

A later cluster, from other articles and another origin, that speaks of what an earlier claim says
answers it; ``stance`` decides how (denial, correction by figures, confirmation). Two cases:

- **within a cluster**: a later version, from another origin and carrier, of a claim clustered with
  it (an authority's announcement after a rumour) confirms it;
- **across clusters**: a later cluster related to an earlier one (shared stems and weighted overlap,
  or the encoder's proposal with shared stems, or a translation) answers it.

Origins and links mean what they say: a statement never answers a claim of its own origin or
carrier (one account's posts, its reposts "RT @X:" and quotes of itself are one origin), nor a claim
that is itself a response (a claim inside a counter-statement, or a cluster already found to answer
an earlier one); of the claims it could answer, it answers the earliest version. A repeat of the
same text by another outlet is one report, not a confirmation.

The derived counter quotes the responding claim itself, so it stays grounded; it is marked
``inferred`` so readers and tools can tell it was inferred from content (its id, unique beside the
claim's, ends in ``-confirms`` / ``-denies`` / ``-corrects``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..models import CounterKind, CounterStatement, SourceKind
from .blocking import Prefixes, sharing
from .cluster import (
    ClaimItem,
    Cluster,
    CounterGroup,
    CounterItem,
    Weights,
    origin_of,
    repeats,
)
from .similar import CROSS_LINGUAL_COS, RELATED_COS, Similarity
from .stance import Stance, counted_words, figures_conflict, lemmas, stance

RESTATE_SHARED = 4  # shared stems, and weighted overlap, for "a later statement restates the claim"
RESTATE_MIN = 0.4
CONTRADICT_SHARED = 3  # shared stems for "speaks of the same thing" when the figures differ
ENCODER_SHARED = 2  # shared stems with an encoder proposal (>= RELATED_COS)
RESTATE_ENCODER_SHARED = 3  # ... for that proposal to count as a restatement (a confirmation)
SUPPORT_COS = 0.35  # encoder agreement that lets RESTATE_SHARED stems count under the weighted bar
NEAR_BEST = 0.85

_KIND = {
    Stance.confirmation: CounterKind.confirmation,
    Stance.denial: CounterKind.denial,
    Stance.correction: CounterKind.correction,
}
_SUFFIX = {CounterKind.confirmation: "confirms", CounterKind.denial: "denies", CounterKind.correction: "corrects"}


def _carriers(c: Cluster, outlets: Sequence[str | None] = ()) -> set[str]:
    """Who stands behind a cluster: its origins and the accounts/outlets carrying it."""
    out = {o for it in c.items for o in (origin_of(it.claim), it.claim.reported_by) if o}
    return out | {f"outlet:{outlets[it.art_idx]}" for it in c.items if outlets and outlets[it.art_idx]}


def _own_merged(
    sets: Sequence[frozenset[str]], table: Mapping[str, float], k: int
) -> tuple[list[frozenset[str]], dict[str, float]]:
    """The sets with the elements no other set holds replaced by one element of their summed weight,
    and the weights of all. Every intersection and every set's weight (up to float rounding, which
    the filters' slack covers) stay: a weighted-overlap filter on these is exact for the sets, with
    far fewer elements to rank and index (most stems of a story occur in one claim only). A set
    holding fewer than ``k`` elements of other sets shares ``k`` with none: it is left empty."""
    seen: set[str] = set()
    shared: set[str] = set()
    for s in sets:
        shared |= s & seen
        seen |= s
    weights = dict(table)
    weigh = weights.__getitem__
    out = []
    none: frozenset[str] = frozenset()
    for n, s in enumerate(sets):
        kept = s & shared
        if len(kept) < k:
            kept = none
        elif len(kept) < len(s):
            key = f"\x00{n}"  # no stem holds a control character
            weights[key] = math.fsum(map(weigh, s - kept))
            kept |= {key}
        out.append(kept)
    return out, weights


def _first(c: Cluster) -> int:
    items = c.items
    return items[0].art_idx if len(items) == 1 else min([it.art_idx for it in items])


def _text(c: Cluster) -> str:
    return c.items[0].claim.quote.text


class _Sides:
    """Per cluster, read on first use: its articles, and who stands behind it (``_carriers``)."""

    def __init__(self, clusters: Sequence[Cluster], outlets: Sequence[str | None]) -> None:
        self.clusters, self.outlets = clusters, outlets
        self.memo: dict[int, tuple[set[str], set[str]]] = {}

    def of(self, ci: int) -> tuple[set[str], set[str]]:
        hit = self.memo.get(ci)
        if hit is None:
            c = self.clusters[ci]
            hit = self.memo[ci] = ({it.claim.article_id for it in c.items}, _carriers(c, self.outlets))
        return hit


class Responder:
    def __init__(
        self,
        clusters: Sequence[Cluster],
        weights: Weights,
        sim: Similarity | None,
        sources: dict[str, Any],
        inside: frozenset[str],
        outlets: Sequence[str | None] = (),
    ) -> None:
        self.clusters, self.weights, self.sim, self.sources = clusters, weights, sim, sources
        self.outlets = outlets  # per article: the account / outlet that published it
        self.inside = inside  # claim ids that are (part of) a cue counter-statement

    def named(self, o: str | None) -> bool:
        return o is not None and getattr(self.sources.get(o), "kind", None) != SourceKind.anonymous

    def _cos(self, a: Cluster, b: Cluster) -> tuple[float, bool]:
        """Best encoder cosine between the two clusters' claims, and whether that pair crosses languages."""
        sim = self.sim
        if sim is None or not sim.enabled:
            return 0.0, False
        best, cross = 0.0, False
        for x in a.items:
            for y in b.items:
                c = sim.claims(x.n, y.n)
                if c > best:
                    best, cross = c, sim.cross_lingual(x.n, y.n)
        return best, cross

    def _stance(self, r: Cluster, k: Cluster) -> CounterKind:
        """The stance of ``k`` towards ``r``, read on the pair of their claims sharing most words (in
        one language: polarity and figures can't be compared across two)."""
        pairs = [
            (len(lemmas(x.claim.quote.text) & lemmas(y.claim.quote.text)), -x.n, -y.n, x, y)
            for x in r.items
            for y in k.items
        ]
        _, _, _, x, y = max(pairs, key=lambda p: p[:3])
        return _KIND[stance(x.claim.quote.text, y.claim.quote.text)]

    def _may_confirm(self, r: Cluster, k: Cluster) -> bool:
        abouts = {it.claim.about for it in r.items if it.claim.about}
        return any(self._confirmer(it, abouts) for it in k.items)

    def _confirmer(self, it: ClaimItem, abouts: set[str]) -> bool:
        """A confirmation comes from the claim's subject or from an institution or outlet (an authority,
        an agency, an official account); a private person repeating a claim confirms nothing."""
        o = origin_of(it.claim)
        if o is None:
            return False
        kind = getattr(self.sources.get(o), "kind", None)
        return o in abouts or kind not in (SourceKind.person, SourceKind.unknown, SourceKind.anonymous, None)

    def _outlet(self, it: ClaimItem) -> str | None:
        out = self.outlets[it.art_idx] if self.outlets else None
        return f"outlet:{out}" if out else None

    def _cross(self, r: Cluster, k: Cluster) -> bool:
        """No claim of ``k`` is in a language of ``r``."""
        return all(self._translation(x, y) for x in r.items for y in k.items)

    def related(self, r: Cluster, k: Cluster) -> tuple[float, bool] | None:
        """How strongly the later cluster ``k`` speaks of what ``r`` says (None: it does not), and
        whether it could *restate* it (only then can it confirm it: speaking of the same subject
        with another predicate -- "the pupil left hospital" after "the pupil is treated in hospital" --
        confirms nothing, though it may contradict)."""
        shared = len(r.stems & k.stems)
        score = round(self.weights.containment(r.stems, k.stems), 3)
        cos, cross = self._cos(r, k)
        if shared >= CONTRADICT_SHARED and figures_conflict(_text(r), _text(k)):
            return score + cos, False  # other figures for the same counted thing
        if shared >= RESTATE_SHARED and score >= RESTATE_MIN:
            return score + cos, True
        if cos >= SUPPORT_COS and shared >= RESTATE_SHARED:
            # Many shared words under the weighted bar (words every post of the story uses weigh
            # little), and the encoder agrees the two are close: a restatement in other words.
            return score + cos, True
        if cos >= RELATED_COS and shared >= ENCODER_SHARED:
            # Restating needs more than a shared subject: its predicate or object too (3 stems).
            return score + cos, shared >= RESTATE_ENCODER_SHARED
        if cross and cos >= CROSS_LINGUAL_COS:
            return cos, False
        return None

    def derive(self) -> list[tuple[int, list[ClaimItem], list[str], CounterKind]]:
        """(answered cluster, responding claims, target claim ids, kind), in order of appearance."""
        out: list[tuple[int, list[ClaimItem], list[str], CounterKind]] = []
        responses: set[int] = set()
        firsts = [_first(c) for c in self.clusters]
        order = sorted(range(len(self.clusters)), key=firsts.__getitem__)  # stable: ties by index
        within = [d for ci in order for d in self._within(ci)]
        position = {ci: n for n, ci in enumerate(order)}
        related = self._related_clusters()
        sides = _Sides(self.clusters, self.outlets)
        inside = self.inside
        for ki in order:
            k = self.clusters[ki]
            if inside and all(it.claim.id in inside for it in k.items):
                responses.add(ki)  # a cue counter's own text: linked as that counter
                continue
            near = related.get(ki)
            if not near or not any(self.named(origin_of(it.claim)) for it in k.items):
                continue
            candidates: list[tuple[float, int]] = []
            restates: dict[int, bool] = {}
            k_arts, k_carriers = sides.of(ki)
            k_first = firsts[ki]
            # (``responses`` changes only after this loop: filtering before ordering is the same)
            earlier = [ri for ri in near if firsts[ri] < k_first and ri not in responses]
            for ri in sorted(earlier, key=position.__getitem__):
                r_arts, r_carriers = sides.of(ri)
                if k_arts & r_arts or k_carriers & r_carriers:
                    continue
                r = self.clusters[ri]
                rel = self.related(r, k)
                if rel is None or any(repeats(x.key, y.key) for x in r.items for y in k.items):
                    continue  # not about the same thing; or the same text repeated: one report
                candidates.append((round(rel[0], 3), ri))
                restates[ri] = rel[1]
            if candidates:
                found = self._answered(k, candidates, restates)
                if found is not None:
                    ri, kind = found
                    out.append((ri, list(k.items), [it.claim.id for it in self.clusters[ri].items], kind))
                    responses.add(ki)
        self.responses = frozenset(responses)
        # Versions inside a response confirm nothing: they answer the claim, not each other.
        return [d for d in within if d[0] not in responses] + out

    def _answered(
        self, k: Cluster, candidates: list[tuple[float, int]], restates: dict[int, bool]
    ) -> tuple[int, CounterKind] | None:
        """Of the earlier clusters ``k`` speaks of (score, index), the one it answers, and how."""
        kinds = {ri: self._stance(self.clusters[ri], k) for _, ri in candidates}
        # A confirmation restates the claim, in its language (see ``related``, ``_translation``).
        candidates = [
            (sc, ri)
            for sc, ri in candidates
            if kinds[ri] != CounterKind.confirmation
            or (restates[ri] and not self._cross(self.clusters[ri], k) and self._may_confirm(self.clusters[ri], k))
        ]
        if not candidates:
            return None
        corrections = [ri for _, ri in candidates if kinds[ri] == CounterKind.correction]
        if corrections:
            # Figures that differ answer the earliest claim they could: the report that started it.
            near = corrections
        else:
            best = max(s for s, _ in candidates)
            # The earliest version of what it answers, among those it speaks of about as closely.
            near = [ri for s, ri in candidates if s >= round(NEAR_BEST * best, 3)]
        ri = min(near, key=lambda c: (_first(self.clusters[c]), c))
        return ri, kinds[ri]

    def _related_clusters(self) -> dict[int, set[int]]:
        """Cluster -> the clusters ``related`` could accept: sharing >= CONTRADICT_SHARED stems (every
        lexical case), or, with the encoder, >= ENCODER_SHARED stems or a claim pair at RELATED_COS
        or more (the encoder's cases; SUPPORT_COS needs RESTATE_SHARED stems)."""
        sim = self.sim
        stems = [c.stems for c in self.clusters]
        if sim is None or not sim.enabled:
            # Lexical cases only: a restatement (weighted overlap), or figures of one counted thing.
            # (``related`` rounds the overlap to 3 decimals before the bar: the filter takes the margin.)
            pairs = set(
                Prefixes(*_own_merged(stems, self.weights.table(), RESTATE_SHARED)).containing(
                    RESTATE_MIN - 0.0006, RESTATE_SHARED
                )
            )
            counted = counted_words([_text(c) for c in self.clusters], [c.items[0].key for c in self.clusters])
            for a, b in sharing(counted, 1):
                if len(stems[a] & stems[b]) >= CONTRADICT_SHARED:
                    pairs.add((a, b))
        else:
            pairs = set(sharing(stems, min(ENCODER_SHARED, CONTRADICT_SHARED)))
        if sim is not None and sim.enabled:
            cluster_of = {it.n: ci for ci, c in enumerate(self.clusters) for it in c.items if it.n >= 0}
            for x, y in sim.claim_pairs_at(min(RELATED_COS, CROSS_LINGUAL_COS)):
                if x in cluster_of and y in cluster_of and cluster_of[x] != cluster_of[y]:
                    pairs.add((cluster_of[x], cluster_of[y]))
        out: dict[int, set[int]] = {}
        for a, b in pairs:
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)
        return out

    def _translation(self, a: ClaimItem, b: ClaimItem) -> bool:
        """The two are in different languages: a rendering of one report can't be told apart from an
        independent confirmation (the source's names don't match across scripts), so it confirms nothing."""
        return self.sim is not None and a.n >= 0 and b.n >= 0 and self.sim.cross_lingual(a.n, b.n)

    def _within(self, ci: int) -> list[tuple[int, list[ClaimItem], list[str], CounterKind]]:
        """Later versions in the cluster, from another named origin and carrier, confirm the first."""
        c = self.clusters[ci]
        if len(c.items) == 1:
            return []  # the first version's own article is an earlier one
        lo = min(it.art_idx for it in c.items)
        firsts = [it for it in c.items if it.art_idx == lo]
        first = firsts[0] if len(firsts) == 1 else min(firsts, key=lambda it: it.claim.quote.start)
        o = origin_of(first.claim)
        earlier_arts = {it.claim.article_id for it in c.items if origin_of(it.claim) == o}
        if all(it.claim.article_id in earlier_arts for it in c.items):
            return []  # every version is in an article of the first one's origin
        items = sorted(c.items, key=lambda it: (it.art_idx, it.claim.quote.start))  # ``first`` leads
        rest = [it for it in items if it.claim.article_id not in earlier_arts]
        first_carriers = {
            x
            for it in items
            if origin_of(it.claim) == o
            for x in (origin_of(it.claim), it.claim.reported_by, self._outlet(it))
            if x
        }
        abouts = {it.claim.about for it in items if it.claim.about}
        later = [
            it
            for it in rest
            if self.named(origin_of(it.claim))
            and not {origin_of(it.claim), it.claim.reported_by, self._outlet(it)} & first_carriers
            and self._confirmer(it, abouts)
            and not figures_conflict(first.claim.quote.text, it.claim.quote.text)  # a version that differs
            and not any(repeats(it.key, x.key) for x in items if x.claim.article_id in earlier_arts)
            and it.claim.id not in self.inside
            and not self._translation(it, items[0])
        ]
        if not later:
            return []
        targets = [it.claim.id for it in items if it not in later]
        return [(ci, later, targets, CounterKind.confirmation)]


Derived = list[tuple[int, list[ClaimItem], list[str], CounterKind]]


def derived_counters(
    clusters: list[Cluster],
    groups: list[CounterGroup],
    pending: Derived,
    order: dict[str, int],
) -> list[tuple[int, CounterStatement]]:
    """Add the derived responses (``Responder.derive``) as counter groups linked to the clusters they answer."""
    derived: list[tuple[int, CounterStatement]] = []
    for ri, responding, target_ids, kind in pending:
        items = []
        for it in responding:
            c = it.claim
            k = CounterStatement(
                id=f"{c.id}-{_SUFFIX[kind]}",
                article_id=c.article_id,
                quote=c.quote,
                statement=c.statement,
                statement_en=c.statement_en,
                statement_ar=c.statement_ar,
                speaker=origin_of(c),
                kind=kind,
                targets=target_ids,
                evidence=list(c.evidence),
                inferred=True,
            )
            if k.id in order:
                continue
            order[k.id] = order[c.id]
            derived.append((it.art_idx, k))
            items.append(CounterItem(k, it.art_idx, it.key, it.stems, it.stems))
        if items:
            groups.append(CounterGroup(items, kind, items[0].counter.speaker, [ri]))
            clusters[ri].counter_groups.append(len(groups) - 1)
    return derived
