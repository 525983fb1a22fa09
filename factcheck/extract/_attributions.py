"""Attributions of the offline extractor: who says what in one statement unit (mixed into
``offline._Extractor``). Reporting verbs, "according to" phrases, subject-first and headline order,
denial verbs with their object, "X rests on Y" backing; English units come from ``EnglishRules``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .._lexicon_lazy import words
from ..models import Claim
from . import cues as C
from ._markers import Attribution, attach_backing, markers_of
from .arabic import SAY, is_arabic, subject_head
from .arabic_speakers import ArabicSpeakers
from .patterns import (
    AFFIRM,
    COMPLEMENT,
    CONFIRMED_BY,
    DENIED_OBJECT,
    DENY_VERB,
    FROM_SRC,
    KANA,
    QAD,
    QUOTE_BEFORE,
    RESTS_ON,
    TRAIL_PREP,
    en_subject,
    plausible_speaker,
    strip_span,
    trim_clause,
    until,
)
from .segment import Unit
from .sources import SourceBook, looks_like_source

if TYPE_CHECKING:
    from .english_rules import EnglishRules


def _ar_alt(category: str) -> str:
    return C.ar_words(" ".join(words(category, "ar")))


# "X استندت إلى Y، وذكرت أن": the preposition before Y, the verb after it, the end of X (ar.toml).
_RESTS_ON_TARGET = re.compile(C.B + r"(?:" + _ar_alt("rests_on_target") + r")\s+")
_RESTS_ON_SOURCE_END = r"[،,.]|\s+" + C.CONJ + r"(?:" + _ar_alt("rests_on_clause_verb") + r")"
_RESTS_ON_SUBJECT_END = C.B + r"(?:" + "|".join(words("rests_on_subject_end", "ar")) + r")" + C.E
# "نقلت X عن Y قوله إن": قول with a pronoun after the source Y.
_SAYING = re.compile(_ar_alt("saying_noun") + r"\s*$")


class Attributions(ArabicSpeakers):
    """The attribution rules; the extractor provides the article's text, source book and claims."""

    text: str
    book: SourceBook
    claims: list[Claim]
    english: EnglishRules | None
    report_sources: dict[str, list[str]]

    # --- attribution ----------------------------------------------------------------------------
    def attributions(self, u: Unit, default: str | None) -> list[Attribution]:
        if self.english is not None and u.embed is None:
            return [Attribution(a.speaker, a.content, a.verb, [], quote=a.content) for a in self.english.unit(u)]
        s0, sent = u.start, self.text[u.start : u.end]
        backing = self._backing(sent)
        markers = markers_of(sent)
        out: list[Attribution] = []
        positions: list[int] = []
        for i, (ms, me, kind, _m) in enumerate(markers):
            clause_end = markers[i + 1][0] if i + 1 < len(markers) else len(sent)
            if kind == "according":
                att = self.according(sent, s0, ms, me, clause_end, markers, i, default)
            elif kind in ("first", "participle"):
                att = self._first_person(sent, s0, (ms, me, clause_end), kind, i == 0, default)
            else:
                att = self.verb_clause(sent, s0, ms, me, clause_end, default)
            if att is None:
                continue
            out.append(att)
            positions.append(ms)
        attach_backing(out, positions, backing)
        return out

    def _backing(self, sent: str) -> list[tuple[int, str, str]]:
        """(position, source, "next" | "prev"): "X استندت إلى Y، وذكرت أن ..." backs the clause that
        follows; "...، وفق ما أكده Y" backs the clause before it. What the sentence's claims rest on."""
        backing: list[tuple[int, str, str]] = []
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
        return backing

    def _first_person(
        self, sent: str, s0: int, where: tuple[int, int, int], kind: str, first: bool, default: str | None
    ) -> Attribution | None:
        """A first-person verb ("نؤكد أن") speaks for the unit's default speaker; a participle
        ("معتبرة أن") continues the speaker it agrees with."""
        ms, me, clause_end = where
        speaker = default if kind == "first" else self.continuing(sent[ms:me], default)
        if kind == "participle" and first and is_arabic(sent[ms:me]):
            # "طالبت النقابة بتأجيل ...، معتبرة أن ...": the clause's own subject speaks.
            speaker = self._clause_subject(sent[:ms], sent, sent[ms:me]) or speaker
        after = sent[me:clause_end]
        comp = COMPLEMENT.search(after)
        start = me + comp.end() if comp and len(after[: comp.start()].split()) <= 2 else me
        cs, ce = strip_span(sent, start, clause_end)
        return Attribution(speaker, (s0 + cs, s0 + ce), sent[ms:me], []) if ce - cs >= 8 else None

    def verb_clause(
        self, sent: str, s0: int, ms: int, me: int, clause_end: int, default: str | None
    ) -> Attribution | None:
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
            stands_first = speaker_text is before  # the headline-style subject found above
            return self._no_complement(sent, s0, (ms, me, clause_end), speaker_text, stands_first, based_on, default)
        speaker = self.speaker(speaker_text, sent, default, verb=sent[ms:me])
        cs, ce = strip_span(sent, me + comp.end(), clause_end)
        if ce - cs < 8:
            return None
        if speaker is not None:
            self.last_speaker = speaker
        return Attribution(speaker, (s0 + cs, s0 + ce), sent[ms:me], based_on)

    def _no_complement(
        self,
        sent: str,
        s0: int,
        where: tuple[int, int, int],
        speaker_text: str,
        stands_first: bool,
        based_on: list[str],
        default: str | None,
    ) -> Attribution | None:
        """A verb with no "أن" after it: headline order ("الوزارة تنفي وجود ..."), a subject and no
        reported clause, or an affirm verb whose object is the content ("أكد استحالة ...")."""
        ms, me, clause_end = where
        before, after = sent[:ms], sent[me:clause_end]
        # Headline order "الوزارة تنفي وجود ..." (not a post's "RT @x:" label).
        label = before.rstrip().endswith(":") or before.lstrip().startswith("RT")
        subject_first = speaker_text.strip() if stands_first and not label else ""
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
            return Attribution(speaker, (s0 + cs, s0 + ce), sent[ms:me], based_on)
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
        return Attribution(self.continuing(sent[ms:me], default), (s0 + cs, s0 + ce), sent[ms:me], based_on)

    def en_clause(
        self, sent: str, s0: int, ms: int, me: int, clause_end: int, default: str | None
    ) -> Attribution | None:
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
            return Attribution(speaker, (s0 + qs, s0 + qe), sent[ms:me], [])
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
            return Attribution(speaker, (s0 + cs, s0 + ce), sent[ms:me], [])
        if subject:
            # "X said (that) <content>"; "told Reuters that" skips the addressee.
            speaker = self.speaker(subject, sent, default)
            start = me + (lead_that.end() if lead_that else 0)
            cs, ce = strip_span(sent, start, clause_end)
            if ce - cs < 8:
                return None
            self.last_speaker = speaker
            return Attribution(speaker, (s0 + cs, s0 + ce), sent[ms:me], [])
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
    ) -> Attribution | None:
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
        return Attribution(speaker or default, (s0 + cs, s0 + ce), sent[ms:me], [])

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
    ) -> Attribution | None:
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
            return Attribution(src or default, (s0 + cs, s0 + ce), sent[ms:me], [])
        # Trailing "<content>، وفق X": if a verb clause precedes, X is only the channel.
        if i > 0:
            return None
        cs, ce = strip_span(sent, 0, ms)
        cs, ce = trim_clause(sent, cs, ce)
        if ce - cs < 8:
            return None
        return Attribution(src or default, (s0 + cs, s0 + ce), sent[ms:me], [])

    def attach_report_source(self, speaker: str, src: str) -> None:
        """'X based its report on Y': Y backs X's report, whose lead is X's first claim here."""
        for claim in self.claims:
            if claim.claimant == speaker:
                if src not in claim.based_on:
                    claim.based_on.append(src)
                claim.anonymous = self.book.all_anonymous(claim.based_on)
                break
