"""English attributions that no reporting verb introduces: beliefs, intentions, what a record
shows, what a subject cites or rejects, "X's claim that ...". Each pass runs after the
sentence rules (``english_rules``) and adds only where no attribution holds the words already, so
that it never reshapes an attribution those rules found."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..lexicon import shipped
from . import patterns as P
from .english_found import FoundIndex
from .english_patterns import (
    _BARE_CLAUSE,
    _BELIEF_STATE,
    _CLAIM_NOUN,
    _DETS,
    _LEMMA,
    _OCCASION_TAIL,
    _PLAN,
    _PRONOUNS,
    _RECORD,
    _RECORD_FRAME,
    _REGARD,
    _REPORTER_TAIL,
    _STANCE,
    _STANCE_BASE,
    _STANCE_PARTICIPLE,
    EnAttribution,
    _mark,
    _plural,
)
from .english_speakers import _FINITE, Speakers
from .patterns import strip_span
from .segment import Unit


@lru_cache(maxsize=1)
def _DENIED_CLAIM() -> re.Pattern[str]:
    """A denial verb, up to four modifiers ("social media", "the earlier"), a claim noun, "that"/"of"."""
    nouns = "|".join(
        sorted({re.escape(f) for e in shipped().of("claim_noun", "en") for f in e.forms}, key=len, reverse=True)
    )
    return re.compile(
        r"\b(?P<verb>" + P.DENY_VERB_EN.pattern.removeprefix(r"\b") + r")\s+"
        r"(?:(?!(?:that|of)\b)[\w’'-]+\s+){0,4}?(?:" + nouns + r")s?\s+(?:that|of)\s+",
        re.IGNORECASE,
    )


_AUX = frozenset("do does did is are was were has have had not".split())
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|his|her|its|their|our|my|your|this|whose)\s+$", re.I)
_AUX_TAIL = re.compile(r"(?:\s+(?:do|does|did|has|have|had|also|still|not|never|n[’']t))+$")


class Beliefs(Speakers):
    """The attribution list of an article and the passes that add beliefs, plans and findings."""

    found: list[EnAttribution]  # the items of _index, in the order found
    _index: FoundIndex
    quotes: list[tuple[int, int]]
    _q_starts: list[int]  # the starts of quotes (disjoint, in text order)
    _q_ends: list[int]

    def _beliefs(self, units: list[Unit]) -> None:
        for u in units:
            self._denied_claims(u)  # first: "rejected reports that ..." is a denial, not a stance object
            self._plans(u)
            self._records(u)
            self._claim_nouns(u)
            self._regards(u)
            self._belief_states(u)
            self._participle_stances(u)
            self._record_frames(u)

    def _add(self, speaker: str | None, s: int, e: int, verb: str, written: str = "") -> None:
        s, e = strip_span(self.text, s, e)
        if e - s > 4 and _mark(self.text, s) and _mark(self.text, e, closing=True):
            # a quotation: its words, without the marks
            s, e = strip_span(self.text, s + _mark(self.text, s), e - _mark(self.text, e, closing=True))
        if e - s >= 8 and (s, e) not in self._index:
            self._index.append(EnAttribution(speaker, (s, e), verb, written))

    def _clause_end(self, start: int, end: int) -> int:
        """The reported clause stops before what the reporter adds: ', which ...', 'and warned ...'
        (the speaker's next act), 'in a statement on Thursday' (the occasion)."""
        seg = self.text[start:end]
        m = _REPORTER_TAIL.search(seg)
        if m and m.start() > 10:
            seg = seg[: m.start()]
        m = _OCCASION_TAIL.search(seg)
        if m and m.start() > 10:
            seg = seg[: m.start()]
        return start + len(seg.rstrip(" ,;"))

    def _plans(self, u: Unit) -> None:
        """'The council plans to sell the land': a subject's intention, its "to" clause; and
        'Judge Lee rejected the request for a retrial': what it puts forward or turns down, its object.

        Only when no other attribution holds the verb ("she said the firm plans to ..." is one) and
        the subject is a name, "he"/"she" ("they" for intentions) or a plausible description with no
        verb in it (_agent); a stance verb's base form needs a plural subject, its -ing form "is"."""
        text = self.text
        for m in [*_PLAN.finditer(text, u.start, u.end), *_STANCE.finditer(text, u.start, u.end)]:
            if self._nested(m.start()) or re.search(r"\b(?:that|which|who)\s+$", text[u.start : m.start()]):
                continue  # a relative clause: "the land that the council plans to sell"
            if _ARTICLE_BEFORE.search(text[u.start : m.start()]):
                continue  # a noun: "the plan to ...", "its offer of ..."
            who, sub_start = self._subject_before(u.start, m.start())
            who = _AUX_TAIL.sub("", who)  # "Ann Lee did not want to ...": the subject without "did not"
            if not self._agent(who, m.re is _STANCE) or re.search(
                r"\b(?:that|which|who|where)\s+$", text[u.start : sub_start]
            ):
                continue
            stance = m.re is _STANCE
            passive = re.search(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", text[u.start : m.start()])
            progressive = m.group(1).endswith("ing")
            base = " ".join(m.group(1).lower().split()) in _STANCE_BASE
            if stance and (
                (passive and not progressive)
                or (progressive and not passive)
                or (base and not _plural(who))
                or re.match(r"(?:off|up|out|down|away|into|by)\b", text[m.end() : u.end])
                or re.search(
                    r"\b(?:after|before|when|because|since|while|although|if|as|until)\s+$", text[u.start : sub_start]
                )
            ):
                continue  # passive, a phrasal verb ("backed off"), or a subordinate clause
            start = m.end() if stance else m.start() + m.group().rfind("to")
            end = self._clause_end(start, u.end)
            if stance:  # the object, without the occasion after it ("... in a ruling", "... on Friday")
                if re.match(r"(?:it|him|her|them|this|that)\b(?!\s+[a-z]{3,})|(?:is|are|was|were)\b", text[start:end]):
                    continue  # a pronoun object (what it stands for is elsewhere), or a copula: "the one he cited is"
                occasion = re.search(
                    r"\s(?:during|on|at|in(?=\s+(?:a|an|the|his|her|their|its|\d))|ahead|after|before|while|since|last|this|when),?\s",
                    text[start:end],
                )
                clause = re.match(r"(?:how|what|why|whether|when|where|who)\b", text[start:end])  # "questioned how ..."
                short = occasion and len(text[start : start + occasion.start()].split()) < 2
                end = start + occasion.start() if occasion and not (clause or short) else end
            end = self._finding_end(start, end) if stance else self._intent_end(start, end)
            if len(text[start:end].split()) >= 3 and not (stance and self._taken(start, end)):
                self._add(self._resolve(who, m.start()), start, end, m.group(1), who)

    def _records(self, u: Unit) -> None:
        """'A 2014 study of rural clinics found (that) ...': what a poll, study or record shows, its
        source the noun phrase the record heads. Only where no other attribution holds the verb."""
        text = self.text
        for m in _RECORD.finditer(text, u.start, u.end):
            mid, vs = m.group("mid"), m.start("verb")
            if len(mid.split()) > 18 or re.search(r"\b(?:and|but|said|says|say)\b", mid) or self._nested(vs):
                continue
            noun_end = m.end() - len(text[m.start("mid") : m.end()])
            who = self._subject_before(u.start, noun_end)[0]
            if not who:  # "Early estimates": the noun with the words before it in its phrase
                lead = re.search(r"(?:[\w’'/&.-]+[ \t]+){0,3}$", text[u.start : m.start()])
                who = self._clean_subject(text[m.start() - len(lead.group()) if lead else m.start() : noun_end])
            if not who or who.lower() in _PRONOUNS:
                continue
            start = m.end() + len(text[m.end() : u.end]) - len(text[m.end() : u.end].lstrip())
            if re.match(r"that\b", text[start : u.end]):
                start += 4 + len(text[start + 4 : u.end]) - len(text[start + 4 : u.end].lstrip())
            end = self._finding_end(start, self._clause_end(start, u.end))
            if len(text[start:end].split()) < 3 or self._taken(start, end):
                continue
            self._add(self._resolve(who, m.start()), start, end, m.group("verb"), who)

    def _claim_nouns(self, u: Unit) -> None:
        """'Ann Lee's claim that the vote was rigged', 'his belief that ...': the possessor's clause."""
        text = self.text
        for m in _CLAIM_NOUN.finditer(text, u.start, u.end):
            who = m.group("who") or m.group("pro")
            if self._nested(m.start()) or not who or not (m.group("pro") or self._named(who)):
                continue
            start = m.end()
            end = self._finding_end(start, self._clause_end(start, u.end))
            if len(text[start:end].split()) >= 3 and not self._taken(start, end):
                pronoun = {"his": "he", "her": "she", "their": "they", "its": "it"}.get(who.lower())
                verb = _FINITE.search(text, u.start, m.start()) if pronoun else None
                first = self._subject_before(u.start, verb.start())[0] if verb else ""
                if first and self._named(first):  # "Ann Lee repeated her claim that ...": the subject's
                    who, pronoun = first, None
                self._add(self._resolve(pronoun or who, m.start()), start, end, "claim", who)

    def _denied_claims(self, u: Unit) -> None:
        """'The ministry denied reports that the dam had cracked': a denial whose object is a claim
        noun followed by its clause; the clause is what is denied, the subject denies it (the offline
        extractor makes it a counter-statement from the verb)."""
        text = self.text
        for m in _DENIED_CLAIM().finditer(text, u.start, u.end):
            start = m.end()
            end = self._clause_end(start, u.end)
            # It stops where the sentence's next attribution starts (", saying ...": the speaker goes on).
            first = self._index.first_start_in(start, end)
            end = end if first is None else first
            tail = re.search(r"[,;]\s*(?:and\s+)?(?:\w+ing\b)?\s*$", text[start:end])
            end = start + tail.start() if tail else end
            if len(text[start:end].split()) < 3 or self._taken(start, end):
                continue
            who = self._subject_before(u.start, m.start())[0]
            if not who or not (who.lower() in _PRONOUNS or self._plausible(who)):
                continue
            self._add(self._resolve(who, m.start()), start, end, m.group("verb"), who)

    def _regards(self, u: Unit) -> None:
        """'Critics of the toll see the new charge as a tax on commuters': how the subject sees
        something, the object with its "as" complement; a subject as for intentions (_agent), never
        inside another attribution or a relative clause."""
        text = self.text
        for m in _REGARD.finditer(text, u.start, u.end):
            if self._nested(m.start()) or re.search(r"\b(?:that|which|who)\s+$", text[u.start : m.start()]):
                continue
            who = self._subject_before(u.start, m.start())[0]
            if not self._agent(who, False) or re.search(
                r"\b(?:is|are|was|were|be|been|being)\s+$", text[u.start : m.start()]
            ):
                continue
            start = m.end()
            end = self._finding_end(start, self._clause_end(start, u.end))
            if len(text[start:end].split()) >= 4 and not self._taken(start, end):
                self._add(self._resolve(who, m.start()), start, end, m.group(1), who)

    def _belief_states(self, u: Unit) -> None:
        """'Many shopkeepers are afraid that the ring road will empty the high street': the clause
        after a belief adjective ("that", or a clause with its own subject) is the subject's belief."""
        text = self.text
        for m in _BELIEF_STATE.finditer(text, u.start, u.end):
            start = m.end()
            opened = text[m.start("adj") : start].rstrip().endswith("that")
            if self._nested(m.start()) or not (opened or self._clause_follows(start, u.end)):
                continue
            i = bisect.bisect_left(self._q_starts, m.start()) - 1  # the last quotation opening before
            if i >= 0 and m.start() < self._q_ends[i]:
                continue  # inside a quotation: the quotation is the attribution
            if re.search(r"\bto\s+$", text[u.start : m.start()], re.I):
                continue  # "To be sure, ...": a discourse phrase, not a belief
            who = self._subject_before(u.start, m.start())[0]
            if not (self._agent(who, False) or who.lower() in ("we", "i")):
                continue
            end = self._finding_end(start, self._clause_end(start, u.end))
            if len(text[start:end].split()) >= 4 and not self._taken(start, end):
                self._add(self._resolve(who, m.start()), start, end, m.group("adj"), who)

    def _clause_follows(self, start: int, end: int) -> bool:
        """After a belief verb, a clause with no "that": a subject opens it, or a determiner or a
        short subject and a finite verb ("believes his plan will work", "believe subsidies are unfair")."""
        text = self.text
        subject = re.match(r"(?:[A-Z]\w*|the|a|an|he|she|it|they|we|i|there|this)\b", text[start:end])
        return bool(subject or _BARE_CLAUSE.match(text, start, end))

    def _finding_end(self, start: int, end: int) -> int:
        """A finding or intention ends where the reporter goes on: ", where ...", ", with X showing ...",
        ", answering ..." (a participle), " -- most of whom ..." (an aside); ", who ..." after a name."""
        seg = self.text[start:end]
        tail = re.search(
            r",[”\"]?\s+(?:where|with|using|but|as|while|and|which|who|according|up|down|[a-z]+ing)\b|\s+(?:--|-|—|–)\s+",
            seg,
        )
        cut = tail.start() if tail else 0
        cut += 2 if tail and seg[cut + 1 : cut + 2] in ("”", '"') else 0  # a closing mark stays with its quotation
        seg = seg[:cut] if tail and tail.start() > 3 else seg
        return start + len(seg.rstrip(" .!?"))

    def _named(self, who: str) -> bool:
        """A named person or organisation ("Ann Lee", "the Lee campaign"), not a pronoun or a description."""
        name = r"(?:(?:[Tt]he|of|and|for|&)\s+|[A-Z][\w.’'&/-]*(?:\s+|$))+"
        if who.lower() in _PRONOUNS or not re.search(r"\b[A-Z]", who):
            return False
        # a name before its head noun: "the Lee campaign", "the Harbour Trust board"
        return bool(re.fullmatch(name, who) or re.fullmatch(r"[Tt]he\s+(?:[A-Z][\w.’'&/-]*\s+)+[a-z]+", who))

    def _participle_stances(self, u: Unit) -> None:
        """'..., the mayor said, citing the audit of the harbour accounts': the participle's object is
        the speaker's too (the sentence's latest speaker, else its subject)."""
        text = self.text
        for m in _STANCE_PARTICIPLE.finditer(text, u.start, u.end):
            if self._nested(m.start(1)):
                continue
            last = self._index.latest_spoken_in(u.start, m.start() + 1)
            sid, who = (last.speaker, last.written) if last else (None, "")
            if sid is None:
                verb = _FINITE.search(text, u.start, m.start())
                who = self._subject_before(u.start, verb.start())[0] if verb else ""
                sid = self._resolve(who, m.start()) if who and self._agent(who, True) else None
            start = m.end()
            end = self._finding_end(start, self._clause_end(start, u.end))
            if sid and len(text[start:end].split()) >= 4 and not self._taken(start, end):
                self._add(sid, start, end, m.group(1), who)

    def _record_frames(self, u: Unit) -> None:
        """'In the latest poll of 900 voters, the mayor leads by six points': the sentence after a
        framing record is what the record shows; the record (with its words) is the source."""
        text = self.text
        m = _RECORD_FRAME.match(text, u.start, u.end)
        if m is None or self._taken(m.end(), u.end):
            return
        start = m.end()
        end = self._finding_end(start, self._clause_end(start, u.end))
        who = self._clean_subject(m.group("who"))
        if len(text[start:end].split()) >= 4 and who:
            self._add(self._resolve(who, m.start()), start, end, "in", who)

    def _intent_end(self, start: int, end: int) -> int:
        """An intention ends where the sentence goes on with a new clause (", but was ...", ", and
        the union ..."), a participle (", answering ...") or an aside (" -- ")."""
        tail = re.search(r",\s+(?:and|but|which|who|[a-z]+ing)\b|\s+(?:--|—|–)\s+", self.text[start:end])
        end = start + tail.start() if tail and tail.start() > 10 else end
        return start + len(self.text[start:end].rstrip(" .!?"))

    def _agent(self, who: str, stance: bool) -> bool:
        if self._named(who) or who.lower() in ("he", "she"):
            return True
        # a description ("the regional bank", "many growers"), not a clause cut short ("Police say he")
        words = who.lower().split()
        verb = any(w in _LEMMA or w in _AUX for w in words) or bool(words and words[-1] in _DETS)
        plausible = bool(who) and not verb and self._plausible(who) and who.lower() not in _PRONOUNS
        return (who.lower() == "they" and not stance) or plausible

    def _taken(self, start: int, end: int) -> bool:
        """Does an attribution already hold some of these words?"""
        return self._index.taken(start, end)

    def _nested(self, pos: int) -> bool:
        """Is pos inside content already attributed ("X said she wants to ...": one attribution)?"""
        return self._index.nested(pos)
