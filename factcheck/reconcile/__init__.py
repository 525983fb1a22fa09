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

import gc
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models import ArticleFailure, Brief, Extraction
from .assemble import assemble
from .cluster import (
    ClaimItem,
    Cluster,
    CounterGroup,
    CounterItem,
    Weights,
    claim_items,
    cluster_claims,
    counter_items,
    group_counters,
    repeats,
)
from .findings import Detector
from .link import inside_counters, link_counters
from .prepare import Story, distinct, prepare
from .respond import Derived, Responder, derived_counters
from .similar import Similarity
from .sources import MergedSources, merge_sources
from .versions import RawFinding

if TYPE_CHECKING:
    from ..embed import Encoder

__all__ = ["reconcile"]


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

    The cyclic garbage collector is paused meanwhile: the steps allocate millions of small objects
    that live until the brief is built, and each full collection walks them all again (a third of
    the time on 10k claims); what they leave in cycles is collected once it runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _reconcile(extractions, failures, notes, encoder)
    finally:
        if enabled:
            gc.enable()


def _reconcile(
    extractions: Sequence[Extraction],
    failures: Sequence[ArticleFailure],
    notes: Sequence[str],
    encoder: Encoder | str | None,
) -> Brief:
    run_notes: list[str] = list(notes)
    xs = distinct(extractions, run_notes)
    merged = merge_sources(xs)
    story = prepare(xs, merged, run_notes)
    citems = claim_items(story.claims)
    kitems = counter_items(story.counters, story.articles)
    weights = Weights([it.stems for it in citems] + [it.stems for it in kitems])
    sim = similarity(encoder, citems, kitems)
    clusters = cluster_claims(citems, weights, sim)
    groups = group_counters(kitems, weights)
    responder, pending = find_responses(story, merged, clusters, weights, sim)
    outlets = [a.outlet for a in story.articles]
    groups = link_counters(groups, clusters, weights, sim, responder.responses, outlets)
    counters = story.counters + derived_counters(clusters, groups, pending, story.order)
    raw = detect_findings(story, merged, clusters, groups, sim)
    return assemble(story, merged.sources, clusters, groups, counters, raw, failures, run_notes)


def similarity(encoder: Encoder | str | None, citems: Sequence[ClaimItem], kitems: Sequence[CounterItem]) -> Similarity:
    """The encoder's cosines between the story's claims and counters (none without an encoder)."""
    if isinstance(encoder, str):
        from ..embed import default_encoder  # lazy: numpy and the encoder load only here

        encoder = default_encoder()
    return Similarity(encoder, [it.claim.quote.text for it in citems], [it.counter.quote.text for it in kitems])


def find_responses(
    story: Story, merged: MergedSources, clusters: Sequence[Cluster], weights: Weights, sim: Similarity
) -> tuple[Responder, Derived]:
    """Statements that answer an earlier claim by content (``respond``), before linking."""
    inside = inside_counters(clusters, [k for _, k in story.counters])
    sources = {s.id: s for s in merged.sources}
    responder = Responder(clusters, weights, sim, sources, inside, [a.outlet for a in story.articles])
    return responder, responder.derive()


def detect_findings(
    story: Story,
    merged: MergedSources,
    clusters: Sequence[Cluster],
    groups: Sequence[CounterGroup],
    sim: Similarity,
) -> list[RawFinding]:
    def same_report(a: ClaimItem, b: ClaimItem) -> bool:
        # A rendering in another language repeats a report (the source's names can't be matched
        # across scripts, so it is not counted as an independent origin).
        return repeats(a.key, b.key) or (a.n >= 0 and b.n >= 0 and sim.enabled and sim.cross_lingual(a.n, b.n))

    sources = {s.id: s for s in merged.sources}
    return Detector(story.articles, sources, clusters, groups, story.order, same_report).detect()
