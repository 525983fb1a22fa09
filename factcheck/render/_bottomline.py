"""The brief's bottom line and the responses its dispute cards show.

The bottom line is the first thing an editor reads: one sentence per claim in dispute (who claims it,
on what sourcing, how many independent origins, who denies or confirms it) and one per set of
versions that differ (who holds which version). Sentences are built from the brief's codes and ids
with the templates of ``i18n.SENTENCES``, as segments the templates lay out: generated words, source
names (isolated), and article text (verbatim, with its span).

A response card shows the words that carry the response: the extractor's span is widened back to the
cue that introduces it in the same sentence ("نفت الرئاسة …", "I deny …"), and of one speaker's several
spans the shortest that holds a cue is shown once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..models import Claim, ClaimCluster, CounterKind, CounterStatement, Finding, FindingKind, Quote
from ..text.sentences import SENTENCE_END
from . import i18n
from .view import QuoteView

if TYPE_CHECKING:
    from .build import _Builder

Seg = tuple[str, Any]  # ("t", text) | ("s", SourceRef | None) | ("q", QuoteView) | ("w", WordsView)


def _rx(arabic: str, english: str) -> re.Pattern[str]:
    from ..extract import cues

    return re.compile(rf"{cues.B}{cues.CONJ}(?:{arabic}){cues.E}|\b(?:{english})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cue() -> dict[CounterKind, re.Pattern[str]]:
    """Built on first use: the cue lists come from the lexicon, which --help must not load."""
    from ..extract import cues

    return {
        CounterKind.denial: _rx(f"{cues.DENIAL_VERBS_AR}|{cues.DENIAL_PHRASES_AR}", cues.DENIAL_EN),
        CounterKind.attribution_denial: _rx(
            f"{cues.DENIAL_VERBS_AR}|{cues.ATTRIBUTION_DENIAL_AR}", f"{cues.ATTRIBUTION_DENIAL_EN}|{cues.DENIAL_EN}"
        ),
        CounterKind.correction: _rx(cues.CORRECTION_AR, cues.CORRECTION_EN),
        CounterKind.confirmation: _rx(cues.CONFIRM_AR, cues.CONFIRM_EN),
    }


_LOOK_BACK = 80  # characters: a cue further back belongs to another clause


def response_span(text: str, quote: Quote, kind: CounterKind) -> tuple[int, int, bool]:
    """(start, end, has_cue): the quote widened back to a cue earlier in its sentence, if any."""
    start, end = quote.start, quote.end
    lo = max(0, start - _LOOK_BACK)
    ends = list(SENTENCE_END.finditer(text, lo, start))
    if ends:
        lo = ends[-1].end()
    before = [m for m in _cue()[kind].finditer(text, lo, start) if m.end() <= start]
    if before:
        start = before[-1].start()
        while start < quote.start and text[start].isspace():
            start += 1
    has_cue = bool(before) or _cue()[kind].search(text, quote.start, end) is not None
    return start, end, has_cue


@dataclass(frozen=True, kw_only=True)
class Response:
    """One speaker's response of one kind to a claim: the span shown, and every article it is in."""

    speaker: str | None
    kind: CounterKind
    shown: CounterStatement
    quote: Quote
    articles: tuple[str, ...]


def responses(counters: Sequence[CounterStatement], texts: dict[str, str], order: Sequence[str]) -> list[Response]:
    """One Response per (speaker, kind), in first-appearance order."""
    groups: dict[tuple[str | None, CounterKind], list[CounterStatement]] = {}
    for c in counters:
        groups.setdefault((c.speaker, c.kind), []).append(c)
    rank = {a: i for i, a in enumerate(order)}
    out = []
    for (speaker, kind), items in groups.items():
        best: tuple[tuple[bool, int, int, int], CounterStatement, Quote] | None = None
        for c in items:
            text = texts.get(c.article_id)
            quote = c.quote
            has_cue = False
            if text is not None and text[c.quote.start : c.quote.end] == c.quote.text:
                s, e, has_cue = response_span(text, c.quote, kind)
                quote = Quote(text=text[s:e], start=s, end=e)
            key = (not has_cue, len(quote.text), rank.get(c.article_id, len(rank)), quote.start)
            if best is None or key < best[0]:
                best = (key, c, quote)
        assert best is not None
        arts = tuple(dict.fromkeys(sorted((c.article_id for c in items), key=lambda a: rank.get(a, len(rank)))))
        out.append(Response(speaker=speaker, kind=kind, shown=best[1], quote=best[2], articles=arts))
    return out


def fill(template: str, **values: Seg | list[Seg]) -> list[Seg]:
    """Split a sentence template on its {names}, putting the given segments in their place."""
    out: list[Seg] = []
    for i, piece in enumerate(re.split(r"\{(\w+)\}", template)):
        if i % 2 == 0:
            if piece:
                out.append(("t", piece))
            continue
        value = values[piece]
        out.extend(value if isinstance(value, list) else [value])
    return out


def joined(items: Sequence[Seg], lang: str) -> list[Seg]:
    out: list[Seg] = []
    for i, seg in enumerate(items):
        if i:
            last = i == len(items) - 1
            out.append(("t", (" و" if lang == "ar" else " and ") if last else i18n.LABELS["sep"][lang]))
        out.append(seg)
    return out


def _key(b: _Builder, key: str, source_id: str | None) -> str:
    """The sentence for ``key`` with its verb agreeing with the source (``_f``/``_p`` forms in Arabic)."""
    # no source: the sentence names "جهة لم تُحدَّد" (feminine)
    agreement = ("f" if source_id is None else b.agreement(source_id)) if b.lang == "ar" else "m"
    agreed = key if agreement == "m" else f"{key}_{agreement}"
    return i18n.SENTENCES[agreed if agreed in i18n.SENTENCES else key][b.lang]


def _speaker(b: _Builder, source_id: str | None) -> Seg:
    ref = b.source(source_id)
    return ("s", ref) if ref is not None else ("t", i18n.SENTENCES["unknown_speaker"][b.lang])


def short_quote(b: _Builder, article_id: str, quote: Quote, limit: int = 110, item: Claim | None = None) -> QuoteView:
    """The quote cut at a word boundary near ``limit`` characters; the shown part keeps its exact span."""
    text = quote.text
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        cut = cut if cut > limit // 2 else limit
        text = text[:cut].rstrip(" ،,;؛:")
    view = b.quote(article_id, Quote(text=text, start=quote.start, end=quote.start + len(text)), item=item)
    return QuoteView(**{**view.__dict__, "truncated": len(text) < len(quote.text)})


def dispute_sentences(b: _Builder, cluster: ClaimCluster, found: Sequence[Finding]) -> list[list[Seg]]:
    """Who claims (on what sourcing) and where it spreads; then one sentence per responder."""
    lang = b.lang
    T = i18n.SENTENCES
    claims = [b.claims[c] for c in cluster.claims if c in b.claims]
    claim = b.first_claim(cluster, [c for f in found for c in f.claims])
    assert claim is not None
    claimant = cluster.claimant or claim.claimant
    first: list[Seg] = []
    reporters = [r for r in cluster.reported_by if r != claimant]
    if reporters:
        first += fill(T["according"][lang], reporters=joined([("s", b.source(r)) for r in reporters], lang))
    based = [s for s in dict.fromkeys(s for c in claims for s in c.based_on) if s != claimant]
    sourcing: list[Seg] = []
    if based:
        refs = [b.source(s) for s in based]
        anon = all(r is not None and r.anonymous for r in refs)
        sourcing = fill(T["citing_anon" if anon else "citing"][lang], based=joined([("s", r) for r in refs], lang))
    quote: Seg = ("q", short_quote(b, claim.article_id, claim.quote, item=claim))
    if claimant:
        first += fill(_key(b, "says", claimant), claimant=("s", b.source(claimant)), sourcing=sourcing, quote=quote)
    else:
        first += fill(T["reads"][lang], quote=quote)
    first.append(("t", "."))
    out = [first]
    n = len(cluster.articles)
    single = next((f for f in b.cluster_findings(cluster) if f.kind is FindingKind.single_origin), None)
    origin = cluster.origin or (single.origin if single else None)
    origins = list(dict.fromkeys(c.claimant for c in claims if c.claimant))
    if n <= 1:
        out.append(
            fill(
                T["spread_one_article"][lang],
                articles=("t", i18n.LABELS["sep"][lang].join(b.article_labels(cluster.articles))),
            )
        )
    elif origin or len(origins) == 1:
        out.append(
            fill(
                T["spread_one_origin"][lang],
                n_articles=("t", b.num(i18n.n_articles(n, lang))),
                origin=("s", b.source(origin or origins[0])),
            )
        )
    elif origins:
        out.append(
            fill(
                T["spread_origins"][lang],
                n_articles=("t", b.num(i18n.n_articles(n, lang))),
                n_origins=("t", b.num(str(len(origins)))),
            )
        )
    counter_ids = dict.fromkeys(c for f in found for c in (f.counters or cluster.counters))
    counters = [b.counters[c] for c in counter_ids if c in b.counters]
    for r in responses(counters, b.texts, b.order):
        days = list(dict.fromkeys(d for d in (b.date(a) for a in r.articles) if d))
        when = fill(T["when"][lang], dates=("t", i18n.LABELS["sep"][lang].join(days))) if days else []
        out.append(fill(_key(b, f"resp_{r.kind.value}", r.speaker), speaker=_speaker(b, r.speaker), when=when))
    return out


def origin_sentences(b: _Builder, cluster: ClaimCluster, findings: Sequence[Finding]) -> list[list[Seg]]:
    """Single origin and unnamed sourcing, with names isolated (the reconciler's text is plain)."""
    T, lang = i18n.SENTENCES, b.lang
    out = []
    for f in findings:
        if f.kind is FindingKind.single_origin and f.origin:
            n = ("t", b.num(i18n.n_articles(len(f.articles), lang)))
            out.append(fill(T["spread_one_origin"][lang], n_articles=n, origin=("s", b.source(f.origin))))
        elif f.kind is FindingKind.anonymous_sourcing and f.origin:
            by = fill(T["claim_from"][lang], claimant=("s", b.source(cluster.claimant))) if cluster.claimant else []
            out.append(fill(T["anonymous_only"][lang], by=by, origin=("s", b.source(f.origin))))
    return out


def versions_sentence(b: _Builder, finding: Finding) -> list[Seg] | None:
    """Who holds which version, and the words that differ."""
    lang = b.lang
    if len(finding.versions) < 2 or finding.field is None:
        return None
    sides = sorted(finding.versions[:2], key=lambda v: not v.differing)  # the side with words first
    holders = []
    words = []
    for v in sides:
        claim = b.claims.get(v.claim)
        cid = b.cluster_of.get(v.claim)
        cluster = next((k for k in b.brief.clusters if k.id == cid), None)
        who_id = (cluster.claimant if cluster else None) or (claim.claimant if claim else None)
        src = b.sources.get(who_id) if who_id else None
        article = b.articles.get(v.article_id)
        where: list[Seg] = []
        if src is not None and src.role and src.role not in src.name:
            where.append(("w", b.words(src.role, article.language if article else "und")))
        if article is not None and article.outlet:
            where.append(("w", b.words(article.outlet, article.language)))
        day = b.date(v.article_id)
        if day:
            where.append(("t", day))
        where.append(("t", b.labels.get(v.article_id, v.article_id)))
        sep: list[Seg] = [("t", i18n.LABELS["sep"][lang])]
        where_segs: list[Seg] = [s for i, seg in enumerate(where) for s in ([*sep, seg] if i else [seg])]
        holders.append(fill(i18n.SENTENCES["holder"][lang], who=_speaker(b, who_id), where=where_segs))
        lang_v = article.language if article else "und"
        words.append(("w", b.words(" … ".join(v.differing), lang_v, quoted=True)) if v.differing else None)
    field = ("t", i18n.FIELD_IN[finding.field][lang])
    if words[0] is not None and words[1] is not None:
        return fill(
            i18n.SENTENCES["versions_pair"][lang],
            field=field,
            a_words=words[0],
            a_holder=holders[0],
            b_words=words[1],
            b_holder=holders[1],
        )
    if words[0] is None:
        return None
    return fill(
        i18n.SENTENCES["versions_one"][lang], field=field, a_words=words[0], a_holder=holders[0], b_holder=holders[1]
    )


__all__ = [
    "Response",
    "Seg",
    "dispute_sentences",
    "fill",
    "response_span",
    "responses",
    "short_quote",
    "versions_sentence",
]
