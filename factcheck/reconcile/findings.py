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
        self._layouts: dict[int, tuple[SentenceEnds, Posts]] = {}  # article -> its sentences and posts

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
        disc = discrepancies(self.articles, self.clusters, self.order)
        discrepant = {ci for f in disc for ci in f.clusters}
        for ci, c in enumerate(self.clusters):
            judged = self.counter_findings(ci, c) if worthy(c) else []
            if ci in discrepant:  # versions that differ do not confirm each other
                judged = [
                    f
                    for f in judged
                    if not (f.kind == FindingKind.corroborated and all(k in self.inferred for k in f.counters))
                ]
            out += judged
            if worthy(c):
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
        independent = self._one_account_merged(
            c.items,
            one_report_merged(c.items, [o for o in origins if self.kind(o) != SourceKind.anonymous], self.same_report),
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
        layout = self._layouts.get(it.art_idx)
        if layout is None:  # read once per article: its claims come in cluster order, not together
            text = self.articles[it.art_idx].text
            layout = self._layouts[it.art_idx] = (SentenceEnds(text), Posts(text))
        sentence, posts = layout
        out = []
        for span in [it.claim.quote, *it.claim.evidence]:
            contexts = [sentence.around(span.start, span.end)]
            sig = posts.signature(span.start, span.end)
            if sig:
                contexts.append(sig)
            out.append((span, contexts))
        return out

    def _dates(
        self,
        it: ClaimItem,
        contexts: list[tuple[int, int]],
        dates: dict[tuple[int, int], _Mention],
        read: set[tuple[int, int, int]],
    ) -> None:
        """The resolved dates in the contexts of one of the claim's spans. ``read``: the contexts read
        already (the claims of one sentence share it; a second reading would add nothing)."""
        art = self.articles[it.art_idx]
        for s, e in contexts:
            if (it.art_idx, s, e) in read:
                continue
            read.add((it.art_idx, s, e))
            for d in find_resolved_dates(art.text[s:e], art.published, s):
                if d.value[1] is not None:
                    surface = fold(d.text, loose=True).replace(" ", "")
                    dates.setdefault(
                        (it.art_idx, d.start),
                        (d.value, surface, (it.art_idx, s), it.art_idx, Quote(text=d.text, start=d.start, end=d.end)),
                    )

    @staticmethod
    def _numbers(it: ClaimItem, span: Quote, numbers: dict[tuple[int, int], _Mention]) -> None:
        for n in find_numbers(span.text, span.start):
            numbers.setdefault(
                (it.art_idx, n.start),
                (
                    n.value,
                    "".join(n.text.split()).strip(".,;:،"),
                    (it.art_idx, span.start),
                    it.art_idx,
                    Quote(text=n.text, start=n.start, end=n.end),
                ),
            )

    def consistent(self, ci: int, c: Cluster) -> list[RawFinding]:
        """Values written differently in the cluster's spans (dates: also their sentence / post) that agree."""
        spans = [(it, span, ctx) for it in c.items for span, ctx in self._contexts(it)]
        # A finding needs one value read in two contexts (dates) or two spans (numbers): with one
        # context or one span there is none, and the values need not be read.
        read_dates = len({(it.art_idx, s) for it, _, ctx in spans for s, _ in ctx}) >= 2
        read_numbers = len({(it.art_idx, span.start) for it, span, _ in spans}) >= 2
        dates: dict[tuple[int, int], _Mention] = {}
        numbers: dict[tuple[int, int], _Mention] = {}
        read: set[tuple[int, int, int]] = set()
        for it, span, ctx in spans:
            if read_dates:
                self._dates(it, ctx, dates, read)
            if read_numbers:
                self._numbers(it, span, numbers)
        out = []
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
