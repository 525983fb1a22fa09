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
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain

from rapidfuzz import fuzz

from ..models import Article, Claim, CounterKind, CounterStatement
from ..text.normalize import content_stems, fold
from ..text.sentences import sentence_around
from .blocking import Prefixes, by_key, containing
from .similar import SAME_CLAIM_COS, Similarity
from .stance import opposite, opposite_across
from .unionfind import union_find

CLAIM_SAME = 0.6  # weighted containment for "the same claim"
CLAIM_MIN_SHARED = 3
SAME_ORIGIN_SAME = 0.4  # ... when both versions come from the same origin
SAME_ORIGIN_SHARED = 6
NEAR_IDENTICAL = 92.0  # rapidfuzz ratio of folded quotes
NEAR_MIN_LEN = 20  # ... of at least this many characters (shorter ones: equal only)
NEAR_WORDS = 0.5  # candidates for near-identical share this weighted part of their stems
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
    """Inverse document frequency of stems over the story's claims and counters.

    Each stem's log weight is computed once, and each set's total once (keyed by the set object, whose
    iteration order the sum follows, so every total is the float the plain sum gives)."""

    def __init__(self, docs: Iterable[frozenset[str]]) -> None:
        docs = list(docs)
        self.n = max(len(docs), 1)
        self.df: dict[str, int] = dict(Counter(chain.from_iterable(docs)))  # counted in C, same order
        self._log = _LogTable(self)
        self._log.update((s, math.log(1 + self.n / c)) for s, c in self.df.items())
        self._totals: dict[int, tuple[frozenset[str], float]] = {}

    def lw(self, stem: str) -> float:
        return self._log[stem]

    def table(self) -> Mapping[str, float]:
        """Stem -> log weight, as ``lw`` (a stem from elsewhere is weighed on first lookup)."""
        return self._log

    def w(self, stems: Collection[str]) -> float:
        log = self._log  # every stem of the story is weighed up front: one lookup each, no call
        return sum([log[s] for s in stems])

    def total(self, stems: frozenset[str]) -> float:
        """``w(stems)``, remembered for this set object (items keep their stem sets)."""
        hit = self._totals.get(id(stems))
        if hit is None or hit[0] is not stems:
            hit = self._totals[id(stems)] = (stems, self.w(stems))
        return hit[1]

    def containment(self, a: frozenset[str], b: frozenset[str]) -> float:
        if not a or not b:
            return 0.0
        return self.w(a & b) / min(self.total(a), self.total(b))


class _LogTable(dict[str, float]):
    def __init__(self, weights: Weights) -> None:
        super().__init__()
        self.weights = weights

    def __missing__(self, stem: str) -> float:
        w = self.weights
        v = self[stem] = math.log(1 + w.n / w.df.get(stem, 1))
        return v


def origin_of(c: Claim) -> str | None:
    """Who a claim comes from: its claimant, else the outlet reporting it."""
    return c.claimant or c.reported_by


def _stems(*texts: str | None) -> frozenset[str]:
    sets = [_text_stems(t) for t in texts if t]
    if len(sets) == 1:
        return sets[0]
    return frozenset().union(*sets)


@lru_cache(maxsize=1 << 15)
def _text_stems(text: str) -> frozenset[str]:
    """The stems of one text (numbers of 3 digits or more kept), read once: a quote recurs across
    the articles repeating it."""
    return frozenset(s for s in content_stems(text) if not s.isdigit() or len(s) >= 3)


def claim_items(claims: Sequence[tuple[int, Claim]]) -> list[ClaimItem]:
    out = []
    for n, (i, c) in enumerate(claims):
        text = c.quote.text
        # Most claims have no evidence: their stems are their quote's (the very set _stems gives).
        stems = _stems(text, *[e.text for e in c.evidence]) if c.evidence or not text else _text_stems(text)
        out.append(ClaimItem(c, i, fold(text, loose=True), stems, n))
    return out


def counter_items(counters: Sequence[tuple[int, CounterStatement]], articles: Sequence[Article]) -> list[CounterItem]:
    out = []
    for n, (i, k) in enumerate(counters):
        text = articles[i].text
        s, e = sentence_around(text, k.quote.start, k.quote.end)
        base = _stems(k.quote.text, *(e.text for e in k.evidence))
        out.append(CounterItem(k, i, fold(k.quote.text, loose=True), base, base | _stems(k.target_text, text[s:e]), n))
    return out


def near_identical(a: str, b: str) -> bool:
    """Two folded texts that are one text (a repost, a wire story republished)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    short = min(la, lb)
    # The ratio is 100 (1 - d / (la + lb)), where the edits d are at least |la - lb|: so it is at most
    # 200 short / (la + lb), and texts of too different lengths are not compared character by character.
    return short >= NEAR_MIN_LEN and 200 * short >= NEAR_IDENTICAL * (la + lb) and fuzz.ratio(a, b) >= NEAR_IDENTICAL


@lru_cache(maxsize=1 << 16)  # asked for every pair of versions of two origins: copies ask again
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
    ta, tb = a.claim.quote.text, b.claim.quote.text
    if sim is not None and sim.enabled and a.n >= 0 and b.n >= 0 and sim.cross_lingual(a.n, b.n):
        return not opposite_across(ta, tb)
    return a.key == b.key or not opposite(ta, tb)


def claim_candidates(
    items: Sequence[ClaimItem], weights: Weights, sim: Similarity | None = None, mult: Sequence[int] | None = None
) -> list[tuple[int, int]]:
    """Pairs (i < j) that could pass ``_similar``, sorted: the same or near-identical text, enough
    weighted overlap (for any two, or for two of one origin), or the encoder's proposals.
    ``mult``: how many identical copies each item stands for (``_identical``; ranks count them)."""
    prefixes = Prefixes([it.stems for it in items], weights.table(), mult)
    found = prefixes.pairs_containing(CLAIM_SAME, CLAIM_MIN_SHARED)
    # Near-identical texts (a repost, a wire story republished) keep most of their words: those
    # sharing no stem among the heaviest half of either are not compared character by character.
    # (The one filter here that is not a proof: tests/test_reconcile_blocking.py checks it against
    # all pairs.)
    near = prefixes.pairs_containing(NEAR_WORDS)
    keys = [it.key for it in items]
    found.update([(i, j) for i, j in near if near_identical(keys[i], keys[j])])
    for same_text in by_key([it.key for it in items]).values():
        found.update((a, b) for n, a in enumerate(same_text) for b in same_text[n + 1 :])
    # Two versions of one origin (the ranks of the whole story serve: any order makes it exact).
    origins = [origin_of(it.claim) for it in items]
    found.update(prefixes.pairs_containing(SAME_ORIGIN_SAME, SAME_ORIGIN_SHARED, groups=origins))
    if sim is not None and sim.enabled:
        by_n = {it.n: i for i, it in enumerate(items) if it.n >= 0}
        for x, y in sim.claim_candidates(SAME_CLAIM_COS):
            if x in by_n and y in by_n:
                i, j = sorted((by_n[x], by_n[y]))
                found.add((i, j))
    return sorted(found)


def _identical(items: Sequence[ClaimItem]) -> list[list[int]]:
    """Items in groups of identical copies (a paragraph repeated in a long article), in input order.

    Two items with the same quote text, evidence texts and origin have equal keys and stem sets built
    alike (so the same float weights), and every rule of ``same_claim`` and every candidate filter
    reads only those: a copy decides like the first of its group, and copies are always the same
    claim (equal keys). With the encoder too: copies share one vector (``Similarity`` encodes each
    distinct text once), so their rows of cosines are equal, and where the encoder picks a closest
    claim in the other language ties go to the first copy: a later copy passes no pair its first
    copy does not pass."""
    keys = []
    for it in items:
        c = it.claim
        evidence = tuple([e.text for e in c.evidence]) if c.evidence else ()
        keys.append((c.quote.text, evidence, c.claimant or c.reported_by))  # origin_of, inlined
    return list(by_key(keys).values())


def cluster_claims(items: Sequence[ClaimItem], weights: Weights, sim: Similarity | None = None) -> list[Cluster]:
    groups = _identical(items)
    firsts = [items[g[0]] for g in groups]
    candidates = claim_candidates(firsts, weights, sim, [len(g) for g in groups])
    pairs = [(groups[i][0], groups[j][0]) for i, j in candidates if same_claim(firsts[i], firsts[j], weights, sim)]
    pairs += [(g[0], k) for g in groups for k in g[1:]]
    clusters = []
    for group in union_find(len(items), pairs):
        members = [items[k] for k in group]
        clusters.append(Cluster(members, frozenset().union(*[m.stems for m in members])))
    return clusters


def group_counters(items: Sequence[CounterItem], weights: Weights) -> list[CounterGroup]:
    """One group per denial (etc.) repeated: same speaker, same kind, same or closely similar text."""

    pairs: set[tuple[int, int]] = set()
    for idx in by_key([(it.counter.kind, it.counter.speaker) for it in items]).values():
        for same_text in by_key([items[i].key for i in idx]).values():
            pairs.update((idx[a], idx[b]) for a in same_text[:1] for b in same_text[1:])
        if items[idx[0]].counter.speaker is not None:
            pairs.update(_similar_counters([items[i] for i in idx], idx, weights))
    return [
        CounterGroup([items[k] for k in g], items[g[0]].counter.kind, items[g[0]].counter.speaker)
        for g in union_find(len(items), sorted(pairs))
    ]


def _similar_counters(items: Sequence[CounterItem], idx: Sequence[int], weights: Weights) -> list[tuple[int, int]]:
    """Pairs (by ``idx``) of counters closely similar in words (COUNTER_SAME). Copies (same quote and
    evidence texts: equal stem sets built alike) are one group already, so only the first of each is
    compared (the filter is exact for the bar: which pairs pass does not depend on the copies)."""
    copies = list(
        by_key([(it.counter.quote.text, tuple(e.text for e in it.counter.evidence)) for it in items]).values()
    )
    firsts = [items[g[0]].stems for g in copies]
    sub = containing(firsts, weights.lw, COUNTER_SAME)
    return [
        (idx[copies[a][0]], idx[copies[b][0]])
        for a, b in sub
        if weights.containment(firsts[a], firsts[b]) >= COUNTER_SAME
    ]
