"""Steps 2-3: cluster the same claim across (and within) articles; group and link counter-statements.

Similarity is an idf-weighted overlap of light stems (words frequent across the story's claims,
like the story's main actors, weigh little), near-identical folded text (rapidfuzz), or the
sentence encoder's proposal (``similar``): a paraphrase with a shared stem, or a rendering in the
other language that is each other's closest match. A claim and its own negation never cluster
(``stance.opposite``). Claims are joined by single linkage over pairs in a fixed order, so the
result never depends on set order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from ..models import Article, Claim, CounterKind, CounterStatement
from ..text.normalize import content_stems, fold
from ..text.sentences import sentence_around
from .similar import CROSS_LINK_COS, RELATED_COS, SAME_CLAIM_COS, Similarity
from .stance import opposite

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
    n: int = -1  # index in the encoder's claim matrix


@dataclass
class CounterItem:
    counter: CounterStatement
    art_idx: int
    key: str
    stems: frozenset[str]  # quote + evidence
    context: frozenset[str]  # + target text + the quote's sentence
    n: int = -1  # index in the encoder's counter matrix (-1: derived, not encoded)


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
        ClaimItem(c, i, fold(c.quote.text, loose=True), _stems(c.quote.text, *(e.text for e in c.evidence)), n)
        for n, (i, c) in enumerate(claims)
    ]


def counter_items(counters: Sequence[tuple[int, CounterStatement]], articles: Sequence[Article]) -> list[CounterItem]:
    out = []
    for n, (i, k) in enumerate(counters):
        text = articles[i].text
        s, e = sentence_around(text, k.quote.start, k.quote.end)
        base = _stems(k.quote.text, *(e.text for e in k.evidence))
        out.append(CounterItem(k, i, fold(k.quote.text, loose=True), base, base | _stems(k.target_text, text[s:e]), n))
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


def near_identical(a: str, b: str) -> bool:
    """Two folded texts that are one text (a repost, a wire story republished)."""
    return a == b or (min(len(a), len(b)) >= 20 and fuzz.ratio(a, b) >= NEAR_IDENTICAL)


def repeats(a: str, b: str) -> bool:
    """One folded text repeats the other: near-identical, or the shorter one found verbatim, as one
    run of words, inside the longer, but for a few words at its edges (a repost adding a dateline or
    an agency's signature). Two sources wording one fact alike differ *inside* the sentence, so they
    are not a repeat."""
    if a == b:
        return True
    if not near_identical(a, b):
        short, long_ = sorted((_bare(a), _bare(b)), key=len)
        if len(short) < REPEAT_MIN_WORDS:
            return False
        run = SequenceMatcher(None, short, long_, autojunk=False).find_longest_match(0, len(short), 0, len(long_))
        if run.size < len(short) - REPEAT_ADDED:
            return False
    return not opposite(a, b)  # "no new bridge was opened" does not repeat "a new bridge was opened"


REPEAT_MIN_WORDS = 6
REPEAT_ADDED = 2  # words at the edges a repost may add: a dateline, a signature tag ("#وام", "(Reuters)")
_REPOST_MARKS = re.compile(r"^\s*rt @?\w+\s*:?|\bhttps?\S*|[#@]")


def _bare(key: str) -> list[str]:
    """The words of a folded text without repost prefix, links and hashtag/handle marks (what a
    repost adds)."""
    return _REPOST_MARKS.sub(" ", key).split()


def _similar(a: ClaimItem, b: ClaimItem, weights: Weights, sim: Similarity | None) -> bool:
    if near_identical(a.key, b.key):
        return True
    shared = a.stems & b.stems
    score = weights.containment(a.stems, b.stems)
    if len(shared) >= CLAIM_MIN_SHARED and score >= CLAIM_SAME:
        return True
    # The same origin retelling its own report in other words (a follow-up article, a "read also"
    # box): a lower bar, as long as the two are clearly about the same thing.
    origin_a, origin_b = origin_of(a.claim), origin_of(b.claim)
    same_origin = origin_a is not None and origin_a == origin_b
    if same_origin and len(shared) >= SAME_ORIGIN_SHARED and score >= SAME_ORIGIN_SAME:
        return True
    if sim is None or not sim.enabled or a.n < 0 or b.n < 0:
        return False
    # The encoder proposes paraphrases and translations (an English and an Arabic report).
    cos = sim.claims(a.n, b.n)
    if sim.cross_lingual(a.n, b.n):
        return sim.mutual_translation(a.n, b.n)
    return cos >= SAME_CLAIM_COS and len(shared) >= 1


def same_claim(a: ClaimItem, b: ClaimItem, weights: Weights, sim: Similarity | None = None) -> bool:
    """Two versions of one claim: similar enough, and not one the negation of the other (a claim and
    its own denial share most words, and score high on the encoder too)."""
    if not _similar(a, b, weights, sim):
        return False
    return a.key == b.key or not opposite(a.claim.quote.text, b.claim.quote.text)


def cluster_claims(items: Sequence[ClaimItem], weights: Weights, sim: Similarity | None = None) -> list[Cluster]:
    pairs = [
        (i, j)
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if same_claim(items[i], items[j], weights, sim)
    ]
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
        c.quote.start < q.end and q.start < c.quote.end for q in [k.quote, *k.evidence]
    )


def _candidate(it: CounterItem, x: ClaimItem, blocked: frozenset[str]) -> bool:
    """Could the counter answer this claim? Never its own text, a claim inside another response
    (``blocked``), or (but for an attribution denial) a claim of its own speaker."""
    k = it.counter
    if _overlaps_counter(x.claim, k) or x.claim.id in blocked:
        return False
    return k.kind == CounterKind.attribution_denial or k.speaker is None or origin_of(x.claim) != k.speaker


def _best_cluster(
    it: CounterItem,
    clusters: Sequence[Cluster],
    weights: Weights,
    sim: Similarity | None = None,
    blocked: frozenset[str] = frozenset(),
) -> list[int]:
    """The cluster a counter naming no target answers: the best overlap (>= LINK_MIN, >= 3 stems), or
    what the encoder proposes (>= RELATED_COS with >= 2 shared stems; a translation across languages),
    or the only cluster sharing >= 2 stems with it, when the counter stands alone in its article (a
    denial posted on its own) and that cluster lies wholly in other articles (the rumour it answers).
    Of clusters scoring alike, every one is linked (versions of one report not clustered together).
    A counter sharing no content with any claim is linked to nothing."""
    own = [x for c in clusters for x in c.items if x.claim.article_id == it.counter.article_id]
    standalone = all(_overlaps_counter(x.claim, it.counter) for x in own)
    scored = []
    for ci, c in enumerate(clusters):
        others = [x for x in c.items if _candidate(it, x, blocked)]
        if not others:
            continue
        stems = frozenset().union(*(x.stems for x in others))
        shared = len(it.context & stems)
        cos = 0.0
        if sim is not None and sim.enabled and it.n >= 0:
            cos = max(sim.counter_claim(it.n, x.n) for x in others)
            cross = any(sim.counter_script[it.n] != sim.claim_script[x.n] for x in others)
            if cross and cos >= CROSS_LINK_COS:
                scored.append((round(cos, 3), ci, True, 3, cos))
                continue
        if shared >= 2:
            elsewhere = all(x.claim.article_id != it.counter.article_id for x in c.items)
            scored.append((round(weights.containment(it.context, stems), 3), ci, elsewhere, shared, cos))
    if not scored:
        return []  # a denial cue sharing no content with any claim answers nothing we can name

    def passes(sc: float, sh: int, cos: float) -> bool:
        return (sc >= LINK_MIN and sh >= 3) or cos >= RELATED_COS

    ok = [p for p in scored if passes(p[0], p[3], p[4])]
    if ok:
        best = max(round(p[0] + p[4], 3) for p in ok)
        # Versions of the denied report that were not clustered together are denied alike.
        return sorted(p[1] for p in ok if round(p[0] + p[4], 3) >= round(NEAR_BEST * best, 3))
    _, best_ci, elsewhere, _, _ = max(scored, key=lambda p: (p[0], -p[1]))
    return [best_ci] if len(scored) == 1 and elsewhere and standalone else []


def _attributed_to(k: CounterStatement, clusters: Sequence[Cluster]) -> list[int]:
    """Clusters holding words attributed to the speaker of an attribution denial ("I never gave that
    interview"): claims whose claimant or subject is that speaker, outside the denial itself."""
    if k.speaker is None:
        return []
    return [
        ci
        for ci, c in enumerate(clusters)
        if any(
            k.speaker in (it.claim.claimant, it.claim.about)
            and not _overlaps_counter(it.claim, k)
            and it.claim.article_id != k.article_id
            for it in c.items
        )
    ]


def inside_counters(clusters: Sequence[Cluster], counters: Sequence[CounterStatement]) -> frozenset[str]:
    """Ids of claims that are (part of) a counter-statement's text: responses, not claims to answer."""
    return frozenset(
        it.claim.id for c in clusters for it in c.items if any(_overlaps_counter(it.claim, k) for k in counters)
    )


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
    cluster_of = {it.claim.id: ci for ci, c in enumerate(clusters) for it in c.items}
    all_counters = [it.counter for g in groups for it in g.items]
    inside = inside_counters(clusters, all_counters)
    in_responses = frozenset(it.claim.id for ci in responses for it in clusters[ci].items)
    every = [it for c in clusters for it in c.items]
    carriers: dict[str, set[str]] = {}  # article -> the accounts/outlets carrying it
    for x in every:
        carriers.setdefault(x.claim.article_id, set())
        if x.claim.reported_by:
            carriers[x.claim.article_id].add(x.claim.reported_by)
        if outlets and outlets[x.art_idx]:
            carriers[x.claim.article_id].add(f"outlet:{outlets[x.art_idx]}")
    for g in groups:
        linked: list[int] = []
        for it in g.items:
            named = [cluster_of[t] for t in it.counter.targets if t in cluster_of]
            if not named and it.counter.kind == CounterKind.attribution_denial:
                named = _attributed_to(it.counter, clusters)
            if not named:
                own = carriers.get(it.counter.article_id, set())
                if outlets and outlets[it.art_idx]:
                    own = own | {f"outlet:{outlets[it.art_idx]}"}
                blocked = inside | in_responses | _same_source(it.counter, every, carriers, own)
                named = _best_cluster(it, clusters, weights, sim, blocked)
            linked += named
        g.clusters = sorted(set(linked))
    merged: list[CounterGroup] = []
    for g in groups:
        same = next(
            (
                m
                for m in merged
                if g.speaker is not None
                and g.clusters
                and (m.speaker, m.kind, m.clusters) == (g.speaker, g.kind, g.clusters)
            ),
            None,
        )
        if same is None:
            merged.append(g)
        else:
            same.items += g.items
    for gi, g in enumerate(merged):
        for ci in g.clusters:
            clusters[ci].counter_groups.append(gi)
    return merged


def _same_source(
    k: CounterStatement, items: Sequence[ClaimItem], carriers: dict[str, set[str]], carried_by: set[str]
) -> frozenset[str]:
    """Claims of the counter's own source in other articles: its speaker's, or those posted by the
    account (outlet) carrying it (one account's posts and reposts are one origin; it does not answer
    itself)."""
    if k.kind == CounterKind.attribution_denial:
        return frozenset()
    own = ({k.speaker} | carried_by) - {None}
    return frozenset(
        x.claim.id
        for x in items
        if x.claim.article_id != k.article_id
        and (origin_of(x.claim) in own or own & carriers.get(x.claim.article_id, set()))
    )
