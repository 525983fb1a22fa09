"""Step 4a: detect findings on the clusters (see the package docstring for the rules)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..models import Article, Claim, CounterKind, Evidence, FindingKind, Quote, Source, SourceKind
from ..text.normalize import fold
from ..text.numbers import find_numbers
from ..text.posts import Posts
from ..text.sentences import SentenceEnds
from .cluster import ClaimItem, Cluster, CounterGroup, origin_of, repeats
from .compare import (
    Field,
    find_resolved_dates,
)
from .versions import RawFinding, discrepancies, evidence, worthy

_COUNTER_FINDING = {
    CounterKind.denial: FindingKind.contested,
    CounterKind.correction: FindingKind.contested,
    CounterKind.attribution_denial: FindingKind.attribution_disputed,
    CounterKind.confirmation: FindingKind.corroborated,
}


_Mention = tuple[Any, str, tuple[int, int], int, Quote]  # value, surface, context, article, where

SameReport = Callable[[ClaimItem, ClaimItem], bool]


def _repeats_text(a: ClaimItem, b: ClaimItem) -> bool:
    return repeats(a.key, b.key)


def one_report_merged(items: Sequence[ClaimItem], origins: list[str], same: SameReport = _repeats_text) -> list[str]:
    """The origins, keeping one of those that repeat one report: an outlet or account carrying
    another's text (nearly) verbatim, or rendering it in another language, is not an independent
    origin (a wire story republished, an account posting its spokesman's statement)."""
    kept: list[str] = []
    for o in origins:
        mine = [it for it in items if origin_of(it.claim) == o]
        if not any(same(a, b) for k in kept for a in mine for b in items if origin_of(b.claim) == k):
            kept.append(o)
    return kept


class Detector:
    def __init__(
        self,
        articles: Sequence[Article],
        sources: dict[str, Source],
        clusters: Sequence[Cluster],
        groups: Sequence[CounterGroup],
        order: dict[str, int],
        same_report: SameReport = _repeats_text,
    ) -> None:
        self.articles, self.sources, self.clusters, self.groups = articles, sources, clusters, groups
        self.same_report = same_report
        self.order = order  # claim/counter id -> global first-appearance rank
        self.inferred = {k.counter.id for g in groups for k in g.items if k.counter.inferred}
        # Each article's sentence ends and posts, read once: its claims come in cluster order, not together.
        self._sentences: dict[int, SentenceEnds] = {}
        self._posts: dict[int, Posts] = {}

    def kind(self, sid: str | None) -> SourceKind | None:
        return self.sources[sid].kind if sid in self.sources else None

    def anonymous(self, c: Claim) -> bool:
        if c.anonymous:
            return True
        if c.based_on:
            return all(self.kind(b) == SourceKind.anonymous for b in c.based_on)
        return self.kind(c.claimant) == SourceKind.anonymous

    def named_sourcing(self, c: Claim) -> bool:
        return any(self.kind(b) not in (SourceKind.anonymous, None) for b in c.based_on)

    def claim_evidence(self, c: Cluster) -> list[Evidence]:
        """The first quote of the cluster in each article."""
        seen: set[int] = set()
        out = []
        for it in c.items:
            if it.art_idx not in seen:
                seen.add(it.art_idx)
                out.append(evidence(it.claim.article_id, it.claim.quote, "claim", it.claim.id))
        return out

    def claimant(self, c: Cluster) -> str | None:
        return next((origin_of(it.claim) for it in c.items if origin_of(it.claim)), None)

    # --- the detectors ------------------------------------------------------------------------

    def detect(self) -> list[RawFinding]:
        out: list[RawFinding] = []
        is_worthy = [worthy(c) for c in self.clusters]
        disc = discrepancies(self.articles, self.clusters, self.order, is_worthy)
        discrepant = {ci for f in disc for ci in f.clusters}
        for ci, c in enumerate(self.clusters):
            judged = self.counter_findings(ci, c) if is_worthy[ci] else []
            if ci in discrepant:  # versions that differ do not confirm each other
                judged = [
                    f
                    for f in judged
                    if not (f.kind == FindingKind.corroborated and all(k in self.inferred for k in f.counters))
                ]
            out += judged
            if is_worthy[ci]:
                out += self.origin_findings(ci, c, judged, ci in discrepant)
            out += self.consistent(ci, c)
        return out + disc

    def counter_findings(self, ci: int, c: Cluster) -> list[RawFinding]:
        out = []
        abouts = {it.claim.about for it in c.items if it.claim.about}
        for gi in c.counter_groups:
            g = self.groups[gi]
            kind = _COUNTER_FINDING[g.kind]
            ev = self.claim_evidence(c) + [
                evidence(k.counter.article_id, k.counter.quote, "counter", k.counter.id) for k in g.items
            ]
            by_subject = g.speaker is not None and (
                g.speaker in abouts or self.kind(g.speaker) == SourceKind.government
            )
            out.append(
                RawFinding(
                    kind,
                    [ci],
                    [it.claim.id for it in c.items],
                    [k.counter.id for k in g.items],
                    {it.art_idx for it in c.items} | {k.art_idx for k in g.items},
                    evidence=ev,
                    data={
                        "speaker": g.speaker,
                        "by_subject": by_subject,
                        "counter_kind": g.kind,
                        "claimant": self.claimant(c),
                    },
                    first=min(self.order[k.counter.id] for k in g.items),
                )
            )
        return out

    def origin_findings(self, ci: int, c: Cluster, judged: list[RawFinding], discrepant: bool) -> list[RawFinding]:
        out = []
        claims = [it.claim for it in c.items]
        ids = [x.id for x in claims]
        arts = {it.art_idx for it in c.items}
        first = min(self.order[i] for i in ids)
        origins: list[str] = []
        for x in claims:
            o = origin_of(x)
            if o and o not in origins:
                origins.append(o)
        anon_only = any(self.anonymous(x) for x in claims) and not any(self.named_sourcing(x) for x in claims)
        disputed = any(f.kind in (FindingKind.contested, FindingKind.attribution_disputed) for f in judged)
        if anon_only:
            out.append(self._anonymous(ci, c, first))
        if len(arts) >= 2 and len(origins) == 1 and (disputed or anon_only):
            out.append(
                RawFinding(
                    FindingKind.single_origin,
                    [ci],
                    ids,
                    articles=arts,
                    origin=origins[0],
                    evidence=self.claim_evidence(c),
                    data={"origin": origins[0], "n_articles": len(arts)},
                    first=first,
                )
            )
        named = [o for o in origins if self.kind(o) != SourceKind.anonymous]
        # Merging keeps the first origin always: one origin (or none) stays as it is.
        independent = (
            self._one_account_merged(c.items, one_report_merged(c.items, named, self.same_report))
            if len(named) >= 2
            else named
        )
        confirmed = any(f.kind == FindingKind.corroborated for f in judged)  # said already, by its confirmations
        if len(independent) >= 2 and not discrepant and not confirmed and self._independent(claims, independent):
            out.append(
                RawFinding(
                    FindingKind.corroborated,
                    [ci],
                    ids,
                    articles=arts,
                    evidence=self.claim_evidence(c),
                    data={"origins": independent},
                    first=first,
                )
            )
        return out

    def _anonymous(self, ci: int, c: Cluster, first: int) -> RawFinding:
        """``anonymous_sourcing``: the cluster rests on unnamed sources only."""
        claims = [it.claim for it in c.items]
        anon = next(
            (b for x in claims for b in [*x.based_on, x.claimant] if b and self.kind(b) == SourceKind.anonymous),
            None,
        )
        sourcing = [evidence(x.article_id, e, "sourcing", x.id) for x in claims for e in x.evidence]
        return RawFinding(
            FindingKind.anonymous_sourcing,
            [ci],
            [x.id for x in claims],
            articles={it.art_idx for it in c.items},
            origin=anon,
            evidence=self.claim_evidence(c) + sourcing,
            data={"origin": anon, "claimant": self.claimant(c)},
            first=first,
        )

    def _one_account_merged(self, items: Sequence[ClaimItem], origins: list[str]) -> list[str]:
        """The origins, keeping one of those posted by the same social-media account: an account's own
        posts, its reposts and the words of its people it quotes are one origin."""
        accounts: dict[str, set[str]] = {}
        for it in items:
            outlet = self.articles[it.art_idx].outlet or ""
            o = origin_of(it.claim)
            if o and outlet.startswith("@"):
                accounts.setdefault(o, set()).add(outlet.lower())
        kept: list[str] = []
        for o in origins:
            if not any(accounts.get(o, set()) & accounts.get(k, set()) for k in kept):
                kept.append(o)
        return kept

    @staticmethod
    def _independent(claims: Sequence[Claim], origins: Sequence[str]) -> bool:
        """No origin reports or rests on another (NYT <- officials and officials are one chain)."""
        for x in claims:
            o = origin_of(x)
            linked = {*x.based_on, x.reported_by, x.claimant} - {o, None}
            if linked & set(origins):
                return False
        return True

    def _contexts(self, it: ClaimItem) -> list[tuple[Quote, list[tuple[int, int]]]]:
        """The claim's spans, each with where its dates are read: its sentence, its post's signature."""
        sentence = self._sentences.get(it.art_idx)
        if sentence is None:
            sentence = self._sentences[it.art_idx] = SentenceEnds(self.articles[it.art_idx].text)
        posts = self.posts(it.art_idx)
        out = []
        for span in [it.claim.quote, *it.claim.evidence]:
            contexts = [sentence.around(span.start, span.end)]
            sig = posts.signature(span.start, span.end)
            if sig:
                contexts.append(sig)
            out.append((span, contexts))
        return out

    def posts(self, art_idx: int) -> Posts:
        posts = self._posts.get(art_idx)
        if posts is None:
            posts = self._posts[art_idx] = Posts(self.articles[art_idx].text)
        return posts

    def _dates(self, spans: list[tuple[ClaimItem, Quote, list[tuple[int, int]]]]) -> dict[tuple[int, int], _Mention]:
        """The resolved dates in the contexts of the spans (each context read once: the claims of one
        sentence share it, and a second reading would add nothing)."""
        contexts = list(dict.fromkeys((it.art_idx, s, e) for it, _, ctx in spans for s, e in ctx))
        last = _last_run([(a, s) for a, s, _ in contexts])
        dates: dict[tuple[int, int], _Mention] = {}
        for n, (ai, s, e) in enumerate(contexts):
            if n >= last and not dates:  # one value in two contexts (by start) is no longer possible
                break
            art = self.articles[ai]
            for d in find_resolved_dates(art.text[s:e], art.published, s):
                if d.value[1] is not None:
                    surface = fold(d.text, loose=True).replace(" ", "")
                    dates.setdefault(
                        (ai, d.start), (d.value, surface, (ai, s), ai, Quote(text=d.text, start=d.start, end=d.end))
                    )
        return dates

    @staticmethod
    def _numbers(spans: list[tuple[ClaimItem, Quote, list[tuple[int, int]]]]) -> dict[tuple[int, int], _Mention]:
        """The numbers in the spans (a span read twice would add nothing)."""
        read = list(dict.fromkeys((it.art_idx, span.start, span.text) for it, span, _ in spans))
        last = _last_run([(a, start) for a, start, _ in read])
        numbers: dict[tuple[int, int], _Mention] = {}
        for n, (ai, start, text) in enumerate(read):
            if n >= last and not numbers:  # one value in two spans (by start) is no longer possible
                break
            for m in find_numbers(text):
                numbers.setdefault(
                    (ai, start + m.start),
                    (
                        m.value,
                        "".join(m.text.split()).strip(".,;:،"),
                        (ai, start),
                        ai,
                        Quote(text=m.text, start=start + m.start, end=start + m.end),
                    ),
                )
        return numbers

    def consistent(self, ci: int, c: Cluster) -> list[RawFinding]:
        """Values written differently in the cluster's spans (dates: also their sentence / post) that agree."""
        if len(c.items) == 1 and not c.items[0].claim.evidence:
            it, q = c.items[0], c.items[0].claim.quote
            if self.posts(it.art_idx).signature(q.start, q.end) is None:
                return []  # one span, in one sentence: no value is read in two contexts or two spans
        spans = [(it, span, ctx) for it in c.items for span, ctx in self._contexts(it)]
        dates, numbers = self._dates(spans), self._numbers(spans)
        out: list[RawFinding] = []
        if len(dates) < 2 and len(numbers) < 2:  # a finding needs two mentions of one value
            return out
        first = min(self.order[it.claim.id] for it in c.items)
        pairs: tuple[tuple[Field, Any], ...] = (("date", dates), ("number", numbers))
        for fieldname, mentions in pairs:
            by_value: dict[Any, list[tuple[Any, str, tuple[int, int], int, Quote]]] = {}
            for key in sorted(mentions):
                by_value.setdefault(mentions[key][0], []).append(mentions[key])
            for value, ms in by_value.items():
                surfaces: list[str] = []
                shown: list[str] = []
                for m in ms:
                    if m[1] not in surfaces:
                        surfaces.append(m[1])
                        shown.append(m[4].text)
                if len(surfaces) < 2 or len({m[2] for m in ms}) < 2:
                    continue
                out.append(
                    RawFinding(
                        FindingKind.consistent,
                        [ci],
                        [it.claim.id for it in c.items],
                        articles={m[3] for m in ms},
                        field=fieldname,
                        evidence=[
                            evidence(self.articles[m[3]].id, m[4], "date" if fieldname == "date" else "claim", None)
                            for m in ms
                        ],
                        data={"field": fieldname, "value": value, "surfaces": shown},
                        first=first,
                    )
                )
        return out


def _last_run(keys: Sequence[tuple[int, int]]) -> int:
    """Where the run of equal keys that ends ``keys`` starts. A value found in two contexts (by key) is
    a finding; once only that run is left to read and nothing was found, none can be (and with one
    key only, the values need not be read at all: 0)."""
    n = len(keys)
    while n > 0 and keys[n - 1] == keys[-1]:
        n -= 1
    return n
