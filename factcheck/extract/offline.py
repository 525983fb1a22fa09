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
from dataclasses import dataclass

from .._lexicon_lazy import words
from ..grounding import quote_at
from ..models import Article, Claim, CounterKind, CounterStatement, Extraction, Quote, Source
from ..normalize import content_stems
from . import cues as C
from .arabic import REPORT_EXTRA, SAY, is_arabic, is_document, subject_head, verb_gender
from .arabic_speakers import ArabicSpeakers
from .english_patterns import merge_abbreviations
from .english_rules import EnglishRules
from .patterns import (
    ACCORDING,
    ACCORDING_EN,
    AFFIRM,
    ATTR_DENY,
    COMPLEMENT,
    CONFIRM,
    CONFIRMED_BY,
    CORRECT,
    DENIED_OBJECT,
    DENY_EN,
    DENY_PHRASE,
    DENY_VERB,
    DENY_VERB_EN,
    FIRST_PERSON,
    FROM_SRC,
    HEDGE,
    KANA,
    MIN_CLAIM_WORDS,
    NEGATION,
    PARTICIPLE,
    PARTICIPLE_COMP,
    POST_MAX,
    QAD,
    QUOTE_BEFORE,
    QUOTE_PAIR,
    REPORT,
    REPORT_EN,
    RESTS_ON,
    RETWEET,
    TRAIL_PREP,
    en_subject,
    opening_quote,
    plausible_speaker,
    strip_span,
    title_case,
    trim_clause,
    until,
)
from .segment import Unit, units
from .sources import SourceBook, looks_like_source
from .spans import Spans


def _ar_alt(category: str) -> str:
    return C.ar_words(" ".join(words(category, "ar")))


# "X استندت إلى Y، وذكرت أن": the preposition before Y, the verb after it, the end of X (ar.toml).
_RESTS_ON_TARGET = re.compile(C.B + r"(?:" + _ar_alt("rests_on_target") + r")\s+")
_RESTS_ON_SOURCE_END = r"[،,.]|\s+" + C.CONJ + r"(?:" + _ar_alt("rests_on_clause_verb") + r")"
_RESTS_ON_SUBJECT_END = C.B + r"(?:" + "|".join(words("rests_on_subject_end", "ar")) + r")" + C.E
# "نقلت X عن Y قوله إن": قول with a pronoun after the source Y.
_SAYING = re.compile(_ar_alt("saying_noun") + r"\s*$")


@dataclass
class _Attribution:
    speaker: str | None  # source id
    content: tuple[int, int]  # span of the reported content in the article
    verb: str
    based_on: list[str]
    via: str | None = None
    quote: tuple[int, int] | None = None  # the span to quote, when the rules chose it (English)


class _Extractor(ArabicSpeakers):
    def __init__(self, article: Article) -> None:
        self.a = article
        self.text = article.text
        self.book = SourceBook(article.id, article.text)
        self.claims: list[Claim] = []
        self.counters: list[CounterStatement] = []
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
                attributions = [_Attribution(default, (s, e), "", [])]
        if self.post:
            self.classify_post(u, attributions, default)
            return
        for att in attributions:
            self.classify(u, att)

    def classify_post(self, u: Unit, attributions: list[_Attribution], default: str | None) -> None:
        """A post is one statement: a counter if any part of it denies/corrects/confirms, else a claim."""
        span = strip_span(self.text, u.start, u.end)
        if span[1] - span[0] < 8 or not attributions:
            return
        whole = _Attribution(default, span, "", [])
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
            self.add_counter(u, _Attribution(speaker, att.content, att.verb, att.based_on), kind, span)
            return
        first = attributions[0]
        if len(self.text[span[0] : span[1]].split()) >= MIN_CLAIM_WORDS:
            self.add_claim(u, _Attribution(first.speaker or default, span, first.verb, first.based_on), span)

    def embed_label(self, u: Unit) -> str | None:
        """A post that opens with 'X:' or 'X للقناة:' quotes X (the account only relays it)."""
        assert u.embed is not None
        first_s, first_e = u.embed.body[0]
        first = self.text[first_s:first_e].strip()
        if not first.endswith(":") or (first_s <= u.start < first_e):
            return None
        name = re.sub(r"\s+ل\S+\s*:$|:$", "", first).strip()
        from .sources import looks_like_source

        if not looks_like_source(name):
            return None
        return self.book.add(name, context=first)

    # --- attribution ----------------------------------------------------------------------------
    def attributions(self, u: Unit, default: str | None) -> list[_Attribution]:
        if self.english is not None and u.embed is None:
            return [_Attribution(a.speaker, a.content, a.verb, [], quote=a.content) for a in self.english.unit(u)]
        text, s0, e0 = self.text, u.start, u.end
        sent = text[s0:e0]
        out: list[_Attribution] = []
        # (position, source, "next" | "prev"): "X استندت إلى Y، وذكرت أن ..." backs the clause that
        # follows; "...، وفق ما أكده Y" backs the clause before it.
        backing: list[tuple[int, str, str]] = []
        # "X استندت ... إلى Y" and "وفق ما أكده Y": what the sentence's claims rest on.
        rm = RESTS_ON.search(sent)
        if rm:
            tail = sent[rm.end() :]
            to = _RESTS_ON_TARGET.search(tail)
            if to:
                np_text = until(tail[to.end() :], _RESTS_ON_SOURCE_END)
                src = self.book.add(np_text, context=sent)
                if src:
                    backing.append((rm.start(), src, "next"))
                    subj = self.book.resolve(until(tail, _RESTS_ON_SUBJECT_END))
                    if subj:
                        self.report_sources.setdefault(subj, []).append(src)
                        self.attach_report_source(subj, src)
        for cm in CONFIRMED_BY.finditer(sent):
            np_text = until(sent[cm.end() :], r"[،,.]")
            src = self.book.add(np_text, context=sent)
            if src:
                backing.append((cm.start(), src, "prev"))
        first_person = [(m.start(), m.end(), "first", m) for m in FIRST_PERSON.finditer(sent)]
        fp_starts = {t[0] for t in first_person}
        markers = sorted(
            first_person
            + [
                (m.start(), m.end(), "participle", m)
                for m in PARTICIPLE.finditer(sent)
                if PARTICIPLE_COMP.match(sent, m.end())
            ]
            + [(m.start(), m.end(), "report", m) for m in REPORT.finditer(sent) if m.start() not in fp_starts]
            + [(m.start(), m.end(), "report", m) for m in REPORT_EXTRA.finditer(sent)]
            + [(m.start(), m.end(), "deny", m) for m in DENY_VERB.finditer(sent)]
            + [(m.start(), m.end(), "according", m) for m in ACCORDING.finditer(sent)]
            + [(m.start(), m.end(), "report", m) for m in REPORT_EN.finditer(sent)]
            + [(m.start(), m.end(), "report", m) for m in DENY_VERB_EN.finditer(sent)]
            + [(m.start(), m.end(), "according", m) for m in ACCORDING_EN.finditer(sent)],
            key=lambda t: t[0],
        )
        # Drop "وفق ما أكده" (a backing source, handled above) and markers inside quotations.
        quoted = [(m.start(), m.end()) for m in QUOTE_PAIR.finditer(sent)]
        backed = [(m.start(), m.end()) for m in CONFIRMED_BY.finditer(sent)]
        markers = [
            mk
            for mk in markers
            if not any(qs < mk[0] < qe for qs, qe in quoted) and not any(bs <= mk[0] < be for bs, be in backed)
        ]
        # Markers that overlap (a verb matched twice) keep the first.
        kept: list[tuple[int, int, str, re.Match[str]]] = []
        for mk in markers:
            if kept and mk[0] < kept[-1][1]:
                continue
            kept.append(mk)
        markers = kept
        positions: list[int] = []
        for i, (ms, me, kind, _m) in enumerate(markers):
            clause_end = markers[i + 1][0] if i + 1 < len(markers) else len(sent)
            if kind == "according":
                att = self.according(sent, s0, ms, me, clause_end, markers, i, default)
            elif kind in ("first", "participle"):
                speaker = default if kind == "first" else self.continuing(sent[ms:me], default)
                if kind == "participle" and i == 0 and is_arabic(sent[ms:me]):
                    # "طالبت النقابة بتأجيل ...، معتبرة أن ...": the clause's own subject speaks.
                    speaker = self._clause_subject(sent[:ms], sent, sent[ms:me]) or speaker
                after = sent[me:clause_end]
                comp = COMPLEMENT.search(after)
                start = me + comp.end() if comp and len(after[: comp.start()].split()) <= 2 else me
                cs, ce = strip_span(sent, start, clause_end)
                att = _Attribution(speaker, (s0 + cs, s0 + ce), sent[ms:me], []) if ce - cs >= 8 else None
            else:
                att = self.verb_clause(sent, s0, ms, me, clause_end, default)
            if att is None:
                continue
            out.append(att)
            positions.append(ms)
        for pos, src, direction in backing:
            if direction == "next":
                idx = next((k for k, p in enumerate(positions) if p > pos), None)
            else:
                idx = next((k for k in range(len(positions) - 1, -1, -1) if positions[k] < pos), None)
            if idx is not None and out[idx].speaker != src and src not in out[idx].based_on:
                out[idx].based_on = [*out[idx].based_on, src]
        return out

    def verb_clause(
        self, sent: str, s0: int, ms: int, me: int, clause_end: int, default: str | None
    ) -> _Attribution | None:
        after = sent[me:clause_end]
        before = sent[:ms]
        if sent[ms:me].isascii():
            return self.en_clause(sent, s0, ms, me, clause_end, default)
        # Subject-first: "وكانت صحيفة X قد ذكرت أن" / "وكان المبعوث ...، فلان، أعلن أن".
        speaker_text = ""
        k = KANA.search(before)
        if k and len(before[k.end() :].split()) <= 14:
            speaker_text = QAD.sub("", before[k.end() :])
        comp = COMPLEMENT.search(after)
        np_part = after[: comp.start()] if comp else ""
        if comp is not None and len(re.sub(r"—[^—]*—", " ", np_part).split()) > 16:
            comp, np_part = None, ""
        based_on: list[str] = []
        # "نقلت X عن Y قولهم إن": reporter X, resting on Y.
        fm = FROM_SRC.search(np_part)
        if fm and re.match(C.B + C.ar("عن"), np_part[fm.start() :]):
            src_text = _SAYING.sub("", np_part[fm.end() :].strip())
            src = self.book.add(src_text, context=sent)
            if src:
                based_on.append(src)
            np_part = np_part[: fm.start()]
        if (
            not speaker_text
            and not np_part.strip()
            and 0 < len(before.split()) <= 4
            and plausible_speaker(before.strip(" ،,"))
        ):
            speaker_text = before  # headline style "X تزعم أن ...": the subject stands before the verb
        if not speaker_text:
            speaker_text = TRAIL_PREP.sub("", np_part.strip())
        if comp is None:
            # Headline order "الوزارة تنفي وجود ..." (not a post's "RT @x:" label).
            label = before.rstrip().endswith(":") or before.lstrip().startswith("RT")
            subject_first = speaker_text.strip() if speaker_text is before and not label else ""
            if DENY_VERB.match(sent, ms):
                return self._deny_object(sent, s0, ms, me, clause_end, default, subject_first)
            if subject_first and (AFFIRM.match(sent, ms) or SAY.match(sent, ms)):
                # "الوزارة تؤكد استحالة ..."، "الوزير يقول الطريق سيفتح ...": the subject stands
                # first and what follows the verb is the content (direct speech, no أن).
                cs, ce = trim_clause(sent, me, clause_end)
                if ce - cs < 8:
                    return None
                speaker = self.speaker(subject_first, sent, default, verb=sent[ms:me])
                self.last_speaker = speaker
                return _Attribution(speaker, (s0 + cs, s0 + ce), sent[ms:me], based_on)
            head = re.split(r"[،,—]", after, maxsplit=1)[0].strip()
            if is_arabic(head) and looks_like_source(subject_head(head)):
                head = subject_head(head)  # "أعلنت البلدية عن خطة": the subject ends at عن
            arabic_object = is_arabic(head) and not (looks_like_source(head) or self.book.resolve(head))
            if head and plausible_speaker(head) and not arabic_object:
                # "قال فلان، ... عن ..." with no reported clause: remember who speaks (in Arabic
                # only a source word or a known source: "وتتهم جهات مجهولة بـ..." is an object),
                # with its apposition ("اتهم رئيس البلدية، فلان، الشركة بـ...").
                if is_arabic(head):
                    head = self._appositive_subject(after) or head
                self.last_speaker = self.speaker(head, sent, default, verb=sent[ms:me])
                return None
            # "أكد استحالة ...": the verb's object is the reported content (affirm verbs only:
            # "تزعم هجوما" means "led an attack", not "claims").
            if not AFFIRM.match(sent, ms):
                return None
            cs, ce = trim_clause(sent, me, clause_end)
            if ce - cs < 8:
                return None
            return _Attribution(self.continuing(sent[ms:me], default), (s0 + cs, s0 + ce), sent[ms:me], based_on)
        speaker = self.speaker(speaker_text, sent, default, verb=sent[ms:me])
        cs, ce = strip_span(sent, me + comp.end(), clause_end)
        if ce - cs < 8:
            return None
        if speaker is not None:
            self.last_speaker = speaker
        return _Attribution(speaker, (s0 + cs, s0 + ce), sent[ms:me], based_on)

    def speaker(self, phrase: str, context: str, default: str | None, verb: str = "") -> str | None:
        """The source a speaker phrase names; the speaker the verb continues when the phrase is
        empty (pro-drop) or names no one. An Arabic verb agrees with the subject it names."""
        phrase = phrase.strip(" ،,")
        if not phrase:
            return self.continuing(verb, default)
        if is_arabic(phrase) and is_document(phrase):
            return self.last_speaker or default  # "وأضاف البيان أن": the statement's author
        found = self.book.resolve(phrase, context)
        if found is not None:
            self.book.note_alias(found, phrase)
            self.book.note_gender(found, verb_gender(verb) if is_arabic(verb) else None)
            return found
        if not plausible_speaker(phrase) and is_arabic(phrase):
            first, head = phrase.split("،")[0].strip(), subject_head(phrase)
            if head != phrase and looks_like_source(head):
                phrase = head  # "صفحة محلية على فيسبوك": the subject ends at على
            elif first != phrase and plausible_speaker(first) and all(len(p.split()) <= 9 for p in phrase.split("،")):
                # An apposition: "العقيد فلان، قائد قوات الأمن في المحافظة،": the book splits it.
                return self._add_speaker(phrase, context, default, verb)
        if not plausible_speaker(phrase):
            return self.continuing(verb, default)
        return self._add_speaker(phrase, context, default, verb)

    def _add_speaker(self, phrase: str, context: str, default: str | None, verb: str) -> str | None:
        added = self.book.add(phrase, context=context)
        if added is None:
            return self.continuing(verb, default)
        self.book.note_gender(added, verb_gender(verb) if is_arabic(verb) else None)
        return added

    def en_clause(
        self, sent: str, s0: int, ms: int, me: int, clause_end: int, default: str | None
    ) -> _Attribution | None:
        before = sent[:ms]
        after = sent[me:clause_end]
        quoted = QUOTE_BEFORE.search(before)
        if quoted:
            # '"<content>," the ministry said.'  /  '"<content>," said the ministry.'
            who = quoted.group("who").strip(" ,") or re.split(r"[,.;]", after.strip(), maxsplit=1)[0]
            who = re.sub(r"\s+(?:in|on|at|during|to)\s+.*$", "", who.strip())
            speaker = self.speaker(who, sent, default)
            qs, qe = strip_span(sent, quoted.start() + 1, quoted.start() + 1 + len(quoted.group(1)))
            if qe - qs < 8:
                return None
            self.last_speaker = speaker
            return _Attribution(speaker, (s0 + qs, s0 + qe), sent[ms:me], [])
        subject = en_subject(before)
        lead_that = re.match(r"\s*(?:[\w.'’-]+\s+){0,4}?(?:that\b|:)", after)
        head, sep, tail = before.rstrip().rpartition(",")
        circumstance = len(after.split()) <= 10 or re.match(
            r"\s*(?:in|on|at|during|by|after|to|when|while)\b|\s*[,.]", after
        )
        intro = re.match(r"\s*(?:in|on|at|during|after|before|according|speaking|asked)\b", head, re.I)
        post_posed = sep and circumstance and not lead_that and not intro
        if post_posed and len(head.split()) >= 5 and 0 < len(tail.split()) <= 8:
            # "<content>, the ministry said (in a statement on Tuesday)."
            speaker = self.speaker(tail, sent, default)
            cs, ce = strip_span(sent, 0, len(head))
            if ce - cs < 8:
                return None
            self.last_speaker = speaker
            return _Attribution(speaker, (s0 + cs, s0 + ce), sent[ms:me], [])
        if subject:
            # "X said (that) <content>"; "told Reuters that" skips the addressee.
            speaker = self.speaker(subject, sent, default)
            start = me + (lead_that.end() if lead_that else 0)
            cs, ce = strip_span(sent, start, clause_end)
            if ce - cs < 8:
                return None
            self.last_speaker = speaker
            return _Attribution(speaker, (s0 + cs, s0 + ce), sent[ms:me], [])
        return None

    def _deny_object(
        self,
        sent: str,
        s0: int,
        ms: int,
        me: int,
        clause_end: int,
        default: str | None,
        subject_first: str = "",
    ) -> _Attribution | None:
        after = sent[me:clause_end]
        words = after.split()
        # Subject: up to the first object-like word (وجود، ما، أن، صحة، تقارير ...), at most 6 words;
        # none when it stands before the verb (headline order "الوزارة تنفي وجود ...").
        sm = DENIED_OBJECT.search(after)
        appositive = self._appositive_subject(after[: sm.start()]) if sm else ""
        if subject_first:
            subj_end = 0
        elif sm and len(after[: sm.start()].split()) <= 6:
            subj_end = sm.start()
        elif sm and appositive:
            # "نفى الناطق باسم الحكومة، الوزير فلان، في مؤتمر صحفي، ما ...": title, name and
            # circumstance before the object; the subject is the title and the name.
            subj_end = sm.start()
            subject_first = appositive
        else:
            three = re.match(r"\s*(?:\S+\s+){0,2}\S+", after)
            subj_end = three.end() if three and len(words) > 3 else 0
        subj = subject_first or after[:subj_end]
        verb = sent[ms:me]
        speaker = self.speaker(subj, sent, default, verb=verb) if subj.strip() else self.continuing(verb, default)
        obj_start = me + subj_end
        cs, ce = strip_span(sent, obj_start, clause_end)
        if ce - cs < 8:
            return None
        self.last_speaker = speaker or self.last_speaker
        return _Attribution(speaker or default, (s0 + cs, s0 + ce), sent[ms:me], [])

    def according(
        self,
        sent: str,
        s0: int,
        ms: int,
        me: int,
        clause_end: int,
        markers: list[tuple[int, int, str, re.Match[str]]],
        i: int,
        default: str | None,
    ) -> _Attribution | None:
        after = sent[me:]
        np_end = re.search(r"[،,.—–]", after)
        np_text = after[: np_end.start()] if np_end else after
        # "وفق المعايير الصحية المعتمدة ...": after وفق a norm is no source; a source is source-like.
        norm = is_arabic(np_text) and not (plausible_speaker(np_text) or self.book.resolve(np_text))
        src = None if norm else self.book.add(np_text, context=sent)
        if ms < 3 or sent[:ms].strip() in ("و", "ف"):
            # Leading "وفق X، <content>": X asserts the content.
            start = me + (np_end.end() if np_end else len(after))
            cs, ce = strip_span(sent, start, clause_end)
            if ce - cs < 8:
                return None
            return _Attribution(src or default, (s0 + cs, s0 + ce), sent[ms:me], [])
        # Trailing "<content>، وفق X": if a verb clause precedes, X is only the channel.
        if i > 0:
            return None
        cs, ce = strip_span(sent, 0, ms)
        cs, ce = trim_clause(sent, cs, ce)
        if ce - cs < 8:
            return None
        return _Attribution(src or default, (s0 + cs, s0 + ce), sent[ms:me], [])

    def attach_report_source(self, speaker: str, src: str) -> None:
        """'X based its report on Y': Y backs X's report, whose lead is X's first claim here."""
        for claim in self.claims:
            if claim.claimant == speaker:
                if src not in claim.based_on:
                    claim.based_on.append(src)
                claim.anonymous = self.book.all_anonymous(claim.based_on)
                break

    # --- classification -------------------------------------------------------------------------
    def classify(self, u: Unit, att: _Attribution) -> None:
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

    def counter_kind(self, unit_text: str, content: str, att: _Attribution) -> CounterKind | None:
        if ATTR_DENY.search(content) or ATTR_DENY.search(unit_text):
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

    def _quote(self, span: tuple[int, int]) -> Quote:
        return quote_at(self.text, span[0], span[1])

    def add_counter(self, u: Unit, att: _Attribution, kind: CounterKind, span: tuple[int, int]) -> None:
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

    def add_claim(self, u: Unit, att: _Attribution, span: tuple[int, int]) -> None:
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

    def _context(self, att: _Attribution, q: Quote) -> list[Quote]:
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
