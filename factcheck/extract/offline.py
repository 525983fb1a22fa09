"""Deterministic offline extractor (Arabic and English): the default when no LLM is configured.

What it does, with general rules (lexicons in ``cues.py``):
- splits the article into statement units (``segment.py``): prose sentences and embedded posts;
- finds attributions: reporting verbs (قال، أكد، ذكرت، أعلن ... said, told, claimed), "according
  to" phrases (وفق، بحسب ... according to), "X نقلت عن Y" / "استندت X إلى Y" (X rests on Y),
  subject-first forms ("وكانت صحيفة X قد ذكرت أن"), and embedded posts (the post's author speaks);
- takes as the claim's quote the quoted words («…», "…", “…”) that open the reported content, else
  the content clause itself;
- classifies a unit as a counter-statement by denial / attribution-denial / correction /
  confirmation cues, and links it to claims of the same article it names (outlet named, content
  overlap); cross-article links are the reconciler's job;
- resolves speakers to sources within the article (anaphora such as "الصحيفة", surnames, handles)
  and types them by lexicon (outlet, agency, government body, official, person, anonymous);
  Arabic speakers (``arabic.py``): titles kept as roles, a verb with no subject ("وأضافت أن")
  continues the previous speaker its gender agrees with, numbers/dates/fragments are no speakers.

What it cannot do, and says so in Extraction.notes: translate (no English renderings), understand
claims that are not attributed or quoted, resolve pronouns beyond the last source of a kind.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..models import Article, Claim, CounterKind, CounterStatement, Extraction, Quote, Source
from ..text.grounding import quote_at
from ..text.normalize import content_stems
from ._attributions import (  # noqa: F401  the patterns of the lexicon's "extract.offline" categories
    _RESTS_ON_SOURCE_END,
    _RESTS_ON_SUBJECT_END,
    _RESTS_ON_TARGET,
    _SAYING,
    Attributions,
)
from ._markers import Attribution
from .patterns import (
    ATTR_DENY,
    CONFIRM,
    CORRECT,
    DENY_EN,
    DENY_PHRASE,
    DENY_VERB,
    HEDGE,
    MIN_CLAIM_WORDS,
    NEGATION,
    POST_MAX,
    RETWEET,
    opening_quote,
    strip_span,
    title_case,
    trim_clause,
)
from .segment import Unit, units
from .sources import SourceBook, looks_like_source
from .spans import Spans

if TYPE_CHECKING:
    from .english_rules import EnglishRules


class _Extractor(Attributions):
    def __init__(self, article: Article) -> None:
        self.a = article
        self.text = article.text
        self.book = SourceBook(article.id, article.text)
        self.claims: list[Claim] = []
        self.counters: list[CounterStatement] = []
        self._unit_deny: tuple[str | None, bool] = (None, False)  # the last unit's ATTR_DENY
        self.claim_spans, self.counter_spans = Spans(), Spans()  # their quotes' spans, for containment
        self.outlet = self.book.add(article.outlet, hint="outlet") if article.outlet else None
        self._last_speaker: str | None = None
        self.spoken: list[str] = []  # speakers in order, for subjectless verbs (Arabic agreement)
        self.report_sources: dict[str, list[str]] = {}  # speaker -> sources its report rests on
        self.denied_by: set[str] = set()
        self.post = False
        self.channel = self.outlet
        self.english: EnglishRules | None = None

    # --- driving --------------------------------------------------------------------------------
    def run(self) -> Extraction:
        text = self.text
        is_post = (len(text) <= 320 and "\n\n" not in text.strip()) or (
            len(text) <= POST_MAX
            and ((self.a.outlet or "").startswith("@") or bool(re.search(r"#\w|https?://t\.co/|^RT @", text)))
        )
        all_units = units(text)
        if is_post and not any(u.embed for u in all_units):
            s, e = strip_span(text, 0, len(text))
            all_units = [Unit(s, e, text[s:e])] if e > s else []
        self.post = is_post and not any(u.embed for u in all_units)
        if self.a.language == "en" and not self.post:
            # Imported here: a brief of Arabic articles never loads the English rules' patterns.
            from .english_patterns import merge_abbreviations
            from .english_rules import EnglishRules

            all_units = merge_abbreviations(text, all_units)
            self.english = EnglishRules(text, self.book, all_units)
        for u in all_units:
            self.unit(u, post=is_post)
        self.link_within_article()
        notes = [
            "offline extractor: rule-based, no translation (English renderings are not produced)",
        ]
        if self.a.language not in ("ar", "en"):
            notes.append(
                f"the offline rules cover Arabic and English; this article's language is "
                f"'{self.a.language}', so claims and denials may be missed"
            )
        return Extraction(
            article=self.a,
            sources=self.book.sources(),
            claims=self.claims,
            counters=self.counters,
            extractor="offline",
            notes=notes,
        )

    def unit(self, u: Unit, *, post: bool) -> None:
        default = None
        self.channel = self.outlet
        if u.embed is not None:
            default = self.book.add(u.embed.name, handle=u.embed.handle, hint="embed")
            self.channel = default
            label = self.embed_label(u)
            if label is not None:
                default = label
        elif post:
            default = self.outlet
            rt = RETWEET.match(self.text, u.start)
            if rt:
                # "RT @X: ..." - X speaks; the account that retweeted only relays it.
                default = self.book.add(rt.group(1), handle=rt.group(1), hint="embed")
        attributions = self.attributions(u, default)
        if not attributions and (u.embed is not None or post):
            s, e = strip_span(self.text, u.start, u.end)
            if e > s:
                attributions = [Attribution(default, (s, e), "", [])]
        if self.post:
            self.classify_post(u, attributions, default)
            return
        for att in attributions:
            self.classify(u, att)

    def classify_post(self, u: Unit, attributions: list[Attribution], default: str | None) -> None:
        """A post is one statement: a counter if any part of it denies/corrects/confirms, else a claim."""
        span = strip_span(self.text, u.start, u.end)
        if span[1] - span[0] < 8 or not attributions:
            return
        whole = Attribution(default, span, "", [])
        found = [
            (k, a)
            for a in [*attributions, whole]
            if (k := self.counter_kind(u.text, self.text[a.content[0] : a.content[1]], a))
        ]
        if found:
            rank = [
                CounterKind.attribution_denial,
                CounterKind.denial,
                CounterKind.correction,
                CounterKind.confirmation,
            ]
            kind, att = min(found, key=lambda f: rank.index(f[0]))
            speaker = next((a.speaker for k, a in found if a.speaker is not None and a is not whole), default)
            self.add_counter(u, Attribution(speaker, att.content, att.verb, att.based_on), kind, span)
            return
        first = attributions[0]
        if len(self.text[span[0] : span[1]].split()) >= MIN_CLAIM_WORDS:
            self.add_claim(u, Attribution(first.speaker or default, span, first.verb, first.based_on), span)

    def embed_label(self, u: Unit) -> str | None:
        """A post that opens with 'X:' or 'X للقناة:' quotes X (the account only relays it)."""
        assert u.embed is not None
        first_s, first_e = u.embed.body[0]
        first = self.text[first_s:first_e].strip()
        if not first.endswith(":") or (first_s <= u.start < first_e):
            return None
        name = re.sub(r"\s+ل\S+\s*:$|:$", "", first).strip()

        if not looks_like_source(name):
            return None
        return self.book.add(name, context=first)

    # --- classification -------------------------------------------------------------------------
    def classify(self, u: Unit, att: Attribution) -> None:
        text = self.text
        cs, ce = att.content
        content = text[cs:ce]
        unit_text = u.text
        if self.post:
            # A post is short: its whole text is the statement, as readers (and annotators) quote it.
            quote_span = strip_span(text, u.start, u.end)
        else:
            quote_span = att.quote or opening_quote(text, cs, ce) or trim_clause(text, cs, ce)
        if quote_span[1] - quote_span[0] < 8:
            return
        if u.text.rstrip().endswith(":") or (title_case(content) and att.quote is None) or len(content.split()) < 4:
            return
        kind = self.counter_kind(unit_text, content, att)
        if kind is not None:
            self.add_counter(u, att, kind, quote_span)
            return
        if len(content.split()) < MIN_CLAIM_WORDS:
            return
        self.add_claim(u, att, quote_span)

    def counter_kind(self, unit_text: str, content: str, att: Attribution) -> CounterKind | None:
        if ATTR_DENY.search(content) or self._denies_attribution(unit_text):
            return CounterKind.attribution_denial
        if DENY_VERB.match(att.verb) or DENY_EN.search(att.verb):
            return CounterKind.denial
        if DENY_PHRASE.search(content) or DENY_EN.search(content):
            return CounterKind.denial
        if CORRECT.search(content):
            return CounterKind.correction
        if CONFIRM.search(content):
            return CounterKind.confirmation
        # A speaker who denied above and goes on in the negative is still denying.
        if att.speaker in self.denied_by and NEGATION.search(content):
            return CounterKind.denial
        return None

    def _denies_attribution(self, unit_text: str) -> bool:
        """ATTR_DENY in the unit, searched once per unit (not once per attribution in it)."""
        if self._unit_deny[0] is not unit_text:
            self._unit_deny = (unit_text, bool(ATTR_DENY.search(unit_text)))
        return self._unit_deny[1]

    def _quote(self, span: tuple[int, int]) -> Quote:
        return quote_at(self.text, span[0], span[1])

    def add_counter(self, u: Unit, att: Attribution, kind: CounterKind, span: tuple[int, int]) -> None:
        q = self._quote(span)
        if self.counter_spans.covers(q.start, q.end):
            return
        self.counter_spans.add(q.start, q.end)
        n = len(self.counters) + 1
        if att.speaker:
            self.denied_by.add(att.speaker)
        self.counters.append(
            CounterStatement(
                id=f"{self.a.id}-x{n}",
                article_id=self.a.id,
                quote=q,
                statement=q.text,
                speaker=att.speaker,
                kind=kind,
                target_text=self.text[att.content[0] : att.content[1]].strip() or None,
            )
        )

    def add_claim(self, u: Unit, att: Attribution, span: tuple[int, int]) -> None:
        q = self._quote(span)
        if self.claim_spans.covers(q.start, q.end):
            return
        self.claim_spans.add(q.start, q.end)
        based_on = list(dict.fromkeys(att.based_on))
        speaker = att.speaker
        channel = self.channel
        reported_by = channel if channel != speaker else (self.outlet if self.outlet != speaker else None)
        if speaker is not None and self.book.is_anonymous(speaker):
            # Unnamed people quoted by an outlet: the outlet claims, resting on them.
            based_on = [speaker, *[b for b in based_on if b != speaker]]
            speaker = self.book.last_of_kind(("news_outlet", "news_agency")) or reported_by
        content = self.text[span[0] : span[1]]
        worth = 0.5
        if re.search(r"\d", content) or re.search(r"[٠-٩]", content):
            worth += 0.15
        if speaker is not None:
            worth += 0.1
        if HEDGE.search(content):
            worth -= 0.35
        if len(content_stems(content)) < 3:
            worth -= 0.2
        n = len(self.claims) + 1
        self.claims.append(
            Claim(
                id=f"{self.a.id}-c{n}",
                article_id=self.a.id,
                quote=q,
                statement=q.text,
                claimant=speaker,
                reported_by=reported_by,
                based_on=based_on,
                anonymous=self.book.all_anonymous(based_on) if based_on else False,
                check_worthiness=round(min(1.0, max(0.0, worth)), 2),
                evidence=self._context(att, q),
            )
        )

    def _context(self, att: Attribution, q: Quote) -> list[Quote]:
        """The whole reported clause, when the quote is only its quoted words: it names the subject
        ('أن الوزير "كان يتعاون ..."'), which the reconciler needs to match versions and denials."""
        cs, ce = trim_clause(self.text, *att.content)
        if ce - cs <= q.end - q.start or not (cs <= q.start and q.end <= ce) or ce - cs > 600:
            return []
        return [quote_at(self.text, cs, ce)]

    # --- links inside the article ---------------------------------------------------------------
    def link_within_article(self) -> None:
        """An attribution denial targets the claims whose claimant or channel it names, or whose
        claimant is its own speaker under another name. Claims are grouped by (claimant, channel),
        so the test runs once per group, not once per claim: linear in the article's claims."""
        groups: dict[tuple[str | None, str | None], list[int]] = {}
        for i, claim in enumerate(self.claims):
            groups.setdefault((claim.claimant, claim.reported_by), []).append(i)
        for counter in self.counters:
            if counter.kind != CounterKind.attribution_denial:
                continue
            named = self.book.named_in(counter.quote.text + " " + (counter.target_text or ""))
            hits: list[int] = []
            for (claimant, reported_by), members in groups.items():
                by_name = (claimant in named or reported_by in named) or (
                    counter.speaker is not None and self.book.same_person(counter.speaker, claimant)
                )
                if by_name and claimant != counter.speaker:
                    hits.extend(members)
            for i in sorted(hits):
                if self.claims[i].quote.start != counter.quote.start:
                    counter.targets.append(self.claims[i].id)


def extract_offline(article: Article) -> Extraction:
    """Extract sources, claims and counter-statements from one article with deterministic rules."""
    return _Extractor(article).run()


__all__ = ["Source", "extract_offline"]
