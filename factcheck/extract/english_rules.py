"""English attribution rules: finds every attribution of an English article (see ``english``).

The lexicon and the compiled patterns live in ``english``; this module holds the rules that use them.
"""

from __future__ import annotations

import bisect
import re

from .english_beliefs import Beliefs
from .english_patterns import (
    _ADDRESSEE,
    _ADDRESSEE_VERBS,
    _BARE_CLAUSE,
    _CUE,
    _DETS,
    _EVIDENCE,
    _INTENT,
    _LEADS,
    _LEMMA,
    _MODAL,
    _NOT_CLAUSE,
    _NOUN_FORMS,
    _OBJECT,
    _OBJECT_CONTENT,
    _OPENERS,
    _PERSON,
    _PLURAL,
    _PP,
    _PROGRESSIVE,
    _PRONOUNS,
    _SUBJECT_DETS,
    _THOUGHT,
    _TIME,
    EnAttribution,
    _full_stop,
    _mark,
    quote_regions,
)
from .english_speakers import _FINITE
from .patterns import title_case
from .segment import Unit
from .sources import SourceBook


def _agrees(word: str, lemma: str, who: str) -> bool:
    """A verb in its base form ("say") is finite only after a plural subject: "experts say", not
    "help Mr. Lee maintain"."""
    if word.lower() != lemma or not who:
        return True
    last = who.split()[-1].lower()
    return last in _PLURAL or last.endswith("s") or " and " in who or who.split()[0].lower() in _PLURAL


class EnglishRules(Beliefs):
    """Finds every attribution of an English article once; hands them out unit by unit."""

    def __init__(self, text: str, book: SourceBook, units: list[Unit]) -> None:
        super().__init__(text, book)
        self.quotes = quote_regions(text)
        self.found: list[EnAttribution] = []
        self.units = [u for u in units if u.embed is None]
        self.starts = [u.start for u in self.units]
        for u in self.units:
            self._sentence(u)
        self._continuations()
        self._beliefs(self.units)
        self.found.sort(key=lambda a: a.content)
        # Each attribution is handed out with the unit its content starts in (the offline extractor
        # classifies it there); the rules saw the whole article, across units and paragraphs.
        self.by_unit: dict[int, list[EnAttribution]] = {}
        for att in self.found:
            k = max(0, bisect.bisect_right(self.starts, att.content[0]) - 1)
            self.by_unit.setdefault(self.units[k].start, []).append(att)

    def unit(self, u: Unit) -> list[EnAttribution]:
        return self.by_unit.get(u.start, [])

    # --- helpers -------------------------------------------------------------------------------
    def _in_quote(self, pos: int) -> tuple[int, int] | None:
        for s, e in self.quotes:
            if s <= pos < e:
                return (s, e)
        return None

    # --- sentences -----------------------------------------------------------------------------
    def _cues(self, s: int, e: int, headline: bool = False) -> list[re.Match[str]]:
        out = []
        for m in _CUE.finditer(self.text, s, e):
            if self._in_quote(m.start()):
                continue
            word = m.group().lower()
            if word.startswith(("according", "as reported")):
                out.append(m)
                continue
            before = self.text[max(s, m.start() - 30) : m.start()]
            if word.endswith("ing") and _PROGRESSIVE.search(before):
                out.append(m)  # "The White House is saying ...": a verb like any other
                continue
            prev = (re.findall(r"([\w’'-]+)\s+$", before) or [""])[-1].lower()
            if prev in _DETS or prev in _MODAL or prev.endswith(("’s", "'s")):
                continue
            if re.search(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$", before, re.I):
                continue  # passive: "she was told" makes her the addressee
            if word.endswith("ing") and not re.search(r",\s*(?:and\s+)?$|\b(?:while|by)\s+$", before):
                continue
            if (
                m.group()[0].isupper()
                and m.start() > s
                and not headline
                and not re.search(r"(?:[”\"]|'')\s*,?\s*$", before)
            ):
                continue  # a capitalised verb mid-sentence is a name or a title ("Tell Me More")
            out.append(m)
        return out

    def _sentence(self, u: Unit) -> None:
        text, s, e = self.text, u.start, u.end
        if self._headline(u):
            return
        cues = self._cues(s, e, headline=u.paragraph == 0 and title_case(text[s:e]))
        last_speaker: str | None = None
        pending = ""  # a subject whose verb introduced nothing yet ("X said:")
        for i, m in enumerate(cues):
            inverted = False
            nxt = cues[i + 1].start() if i + 1 < len(cues) else e
            word = m.group()
            lemma = _LEMMA.get(re.sub(r"\s+", " ", word.lower()), word.lower())
            if word.lower().startswith(("according", "as reported")):
                self._according(m, s, e, nxt)
                continue
            # '"…," X said' / '"…," said X': the quotation that ends just before.
            q = next((r for r in reversed(self.quotes) if s <= r[1] <= m.start()), None)
            gap = text[q[1] : m.start()] if q and not any(q[1] <= c.start() for c in cues[:i]) else "\n"
            appositive = gap.rstrip().endswith(",") and len(gap.split()) <= 25 and self._apposition(gap) is not None
            if q and (len(gap.split()) <= 9 or appositive) and not re.search(r"[;:!?\n]", gap) and not _full_stop(gap):
                who = self._clean_subject(gap) or self._after_subject(m.end(), e)
                name = self._clean_subject(re.split(r",|--|—|–", who)[0]) if appositive else who
                if who and not self._plausible(name):
                    who = ""
                sid = self._resolve(who, m.start()) if who else last_speaker
                last_speaker = sid
                self._add(sid, q[0], self._quote_run(q[1], m.end()), word, who)
                continue
            participle = word.endswith("ing") and not _PROGRESSIVE.search(text[s : m.start()])
            if participle and re.search(r"\bby\s+$", text[s : m.start()]):
                last_speaker = None  # "X responded by saying ...": the sentence's subject
            if participle or (lemma == "add" and text[m.start() - 2 : m.start()].strip() == ","):
                sid, who = last_speaker, ""
                if sid is None:  # "X visited the plant on Monday, saying ...": the sentence's subject
                    verb = _FINITE.search(text, s, m.start())
                    first = self._subject_before(s, verb.start())[0] if verb else ""
                    sid = self._resolve(first, s) if first and not _OPENERS.match(first) else None
            else:
                who, sub_start = self._subject_before(s, m.start())
                inverted = bool(who) and self._post_posed(s, sub_start, m.end(), nxt, lemma)
                sid = None
            if (who or participle) and not inverted:
                pending = who
                start = self._content_start(m.end(), nxt, lemma)
                if lemma in _OBJECT_CONTENT:
                    start = m.end() + len(text[m.end() : nxt]) - len(text[m.end() : nxt].lstrip())
                cstart, cend = start, self._content_end(start, nxt, cues[i + 1] if i + 1 < len(cues) else None, s)
                opened = bool(re.search(r"(?:\bthat|:)\s*$", text[m.end() : start])) or bool(_mark(text, start))
                evidence = lemma in ("show", "find") and who.split()[-1:] != [] and who.split()[-1].lower() in _EVIDENCE
                if (
                    (lemma in _OBJECT or word.lower() in _NOUN_FORMS)
                    and not (opened or evidence)
                    and (who.lower() not in _PRONOUNS)
                ):
                    continue  # "Most states", "his claims": nouns, unless a clause or quotation follows
                if not _agrees(word, lemma, who):
                    # "Ann Lee and Tom Park say ...": the subject is both names (the cut at "and" took one)
                    pair = re.search(r"((?:[A-Z][\w.’'-]*\s+){1,4})and\s+$", text[s:sub_start])
                    if not (pair and self._plausible(pair.group(1) + "and " + who)):
                        continue
                    who = pair.group(1) + "and " + who
                subject_next = re.match(r"(?:[A-Z]\w*|the|a|an|he|she|it|they|we|i|there|this)\b", text[start:cend])
                if lemma in _THOUGHT and not subject_next:
                    # "believes his plan will work", "believe subsidies are unfair": a clause all the same
                    subject_next = _BARE_CLAUSE.match(text, start, cend)
                if lemma in _THOUGHT and not opened and not subject_next:
                    continue
                if sid is None and who:
                    sid = self._resolve(who, m.start())
                qr = self._in_quote(cstart)
                if qr and qr[1] > cend:
                    cend = qr[1]
                if evidence:
                    cend = self._finding_end(cstart, cend)
                to_ok = lemma in _INTENT and text.startswith("to ", cstart)  # "vowed to close the mine"
                # after "that" or a colon a clause may open with a phrase ("found that in 2015 ...")
                if len(text[cstart:cend].split()) >= 3 and (to_ok or opened or not _NOT_CLAUSE.match(text, cstart)):
                    last_speaker = sid
                    self._add(sid, cstart, cend, word, who)
                    continue
            if lemma in _OBJECT_CONTENT:
                continue
            # '…, X said.' / '…, said X.': the clause before, when nothing substantial follows.
            tail = text[m.end() : nxt]
            comma = text.rfind(",", s, m.start())
            short = len(re.sub(r"[^\w\s]", "", tail).split()) <= 10 and " that " not in tail
            if comma > s and (short or inverted):
                who, end = self._clean_subject(text[comma + 1 : m.start()]), comma
                if not who and not text[comma + 1 : m.start()].strip():
                    # "…, Ann Lee, the mayor, said" / "…, its chairwoman, Ann Lee, said": the apposed
                    # subject; the content ends before it (and before a role that precedes the name).
                    who, sub_start = self._subject_before(s, m.start())
                    role = re.search(r",\s*(?:its|his|her|their|the|a|an)\s+[\w\s’'-]{1,40},\s*$", text[s:sub_start])
                    end = s + role.start() if role else text.rfind(",", s, sub_start)
                if not who or end <= s:
                    who, end = self._after_subject(m.end(), e), comma
                if who and self._plausible(who) and _agrees(word, lemma, who) and word.lower() not in _NOUN_FORMS:
                    prev_end = max([s] + [a.content[1] for a in self.found if s <= a.content[1] <= end])
                    sid = self._resolve(who, m.start())
                    last_speaker = sid
                    self._add(sid, prev_end, end, word, who)
        if pending or not cues:
            self._colon_intro(u, self._resolve(pending, s) if pending else None, pending)

    def _colon_intro(self, u: Unit, speaker: str | None, written: str) -> None:
        """'The senator made this comment:' followed by a quotation: the quotation is the subject's."""
        text = self.text
        if not text[u.start : u.end].rstrip().endswith(":"):
            return
        nxt = next((r for r in self.quotes if r[0] >= u.end), None)
        if nxt is None or text[u.end : nxt[0]].strip():
            return
        if speaker is None:
            verb = re.search(r"(?<=[\w.)])\s+[a-z]", text[u.start : u.end])
            written = self._subject_before(u.start, u.start + verb.start())[0] if verb else ""
            if not written or _OPENERS.match(written):
                return
            speaker = self._resolve(written, u.start)
        self._add(speaker, nxt[0], self._quote_run(nxt[1], nxt[1]), ":", written)

    def _quote_run(self, end: int, cue_end: int) -> int:
        """Where a quotation interrupted by its attribution ends: '"A," she said. "B." "C."' is one
        statement, up to the end of the paragraph's run of quotations."""
        text = self.text
        for r in self.quotes:
            if r[0] < end:
                continue
            between = text[end : r[0]]
            if not between.strip() and end >= cue_end and not _mark(text, end, closing=True):
                end = r[1]  # an unclosed quotation goes on in the next paragraph's quotation
                continue
            inner = re.sub(r"[.,:]\s*$", "", between.strip())
            if "\n" in between or len(between.split()) > 45 or _full_stop(inner) or re.search(r"[!?;]", inner):
                break  # the attribution may be long ("said Ann Lee, a lawyer who ..."), but one sentence
            if end >= cue_end and between.strip(" ,.;:—–-"):
                break
            end = max(end, r[1])
        return end

    def _post_posed(self, s: int, sub_start: int, ve: int, nxt: int, lemma: str) -> bool:
        """'<clause>, the ministry said in a statement, a lower figure ...': the content is before.

        True when a comma stands right before the subject, a clause of 6+ words that does not open
        with an introducer ('In a statement,', 'Asked about it,') precedes it, and no 'that' or
        quotation follows the verb."""
        lead = self.text[s:sub_start].rstrip()
        if not lead.endswith(",") or len(lead.split()) < 6 or _OPENERS.match(lead):
            return False
        if re.match(r"\s*(?:[A-Z]\w*(?:ing|ed)|To)\b", lead) or not _FINITE.search(lead):
            return False  # 'Responding to the report, X said', 'A lawyer for the firm, X, said': no clause
        start = self._content_start(ve, nxt, lemma)
        if re.match(r"(?:he|she|they|it|we|i|there)\b", self.text[start:nxt], re.I):
            return False  # the verb opens a clause of its own
        return not re.match(r"\s*(?:that\b|:|[“\"]|'')", self.text[ve:nxt]) and not self.text[
            start - 5 : start
        ].endswith(("that", ":"))

    def _content_start(self, pos: int, end: int, lemma: str) -> int:
        """Skip what stands between the verb and its content: addressee, time, place, 'that', ':'."""
        text = self.text
        for _ in range(6):
            m = re.match(r"[\s,]+", text[pos:end])
            pos += m.end() if m else 0
            rest = text[pos:end]
            if re.match(r"that\b|:", rest):
                pos += 4 if rest.startswith("that") else 1
                return pos + len(text[pos:end]) - len(text[pos:end].lstrip())
            for pat in (_TIME, _PP):
                mm = pat.match(rest)
                if mm and (pat is _TIME or re.match(r"\s*(?:,|that\b|:|[“\"]|'')", rest[mm.end() :])):
                    pos += mm.end()
                    break
            else:
                if lemma in _ADDRESSEE_VERBS:
                    mm = _ADDRESSEE.match(rest)
                    if mm and mm.end() < len(rest) - 8:
                        pos += mm.end()
                        lemma = ""
                        continue
                return pos
        return pos

    def _content_end(self, start: int, nxt: int, cue: re.Match[str] | None, s: int) -> int:
        if cue is None:
            return self._clause_end(start, nxt)
        # The next cue's subject belongs to the next attribution: "X said A, and Y said B".
        # A cue with no subject of its own ("federal and state law") or one nested in the content
        # ("he plans to spend what he says he raised") does not end it.
        who, sub_start = self._subject_before(start, cue.start())
        parallel = re.search(r"(?:[,;:—–]|\band|\bbut|[.!?])\s*$", self.text[start:sub_start])
        end = sub_start if who and sub_start > start and parallel else self._sentence_end(start)
        if cue.group().lower().startswith(("according", "as reported")) or (
            cue.group().endswith("ing") and self.text[: cue.start()].rstrip().endswith(",")
        ):
            end = cue.start()
        seg = self.text[start:end]
        trimmed = re.sub(r"(?:[\s,;]+(?:and|but|while|as|adding|saying))?[\s,;—–-]*$", "", seg)
        return self._clause_end(start, start + len(trimmed))

    def _sentence_end(self, pos: int) -> int:
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.units[k].end if k >= 0 else len(self.text)

    def _according(self, m: re.Match[str], s: int, e: int, nxt: int) -> None:
        text = self.text
        np_m = re.match(r"\s*([^,.;:—–“”\"]{2,80})", text[m.end() : e])
        if not np_m:
            return
        who = self._clean_subject(np_m.group(1))
        if not self._plausible(who):
            return
        lead = text[s : m.start()].strip()
        if not lead or _LEADS.fullmatch(lead + " "):
            sid = self._resolve(who, m.start())
            self._add(sid, m.end() + np_m.end(), nxt, m.group(), who)
        elif len(lead.split()) >= 4:
            prev_end = max([s] + [a.content[1] for a in self.found if s <= a.content[1] <= m.start()])
            sid = self._resolve(who, m.start())
            self._add(sid, prev_end, m.start(), m.group(), who)

    def _headline(self, u: Unit) -> bool:
        """'Name: statement' (headline) and 'NAME: words' (transcript turn)."""
        text = self.text
        # A quoted transcript ('"HOST: ...') opens with a quotation mark.
        m = re.match(r"(?:[“\"]|'')?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s*:\s+(?=\S)", text[u.start : u.end])
        if not m:
            return False
        name = m.group(1)
        transcript = name.isupper() and len(name) > 2
        # A transcript has turns; one capitalised label ("CLARIFICATION:") is not one.
        if transcript and len(re.findall(r"(?m)^(?:[“\"]|'')?[A-Z][A-Z .’'-]{1,30}:\s", text)) < 2:
            return False
        if (not transcript and not (u.start == 0 or u.paragraph == 0)) or name.lower() in _SUBJECT_DETS:
            return False
        if not self._plausible(name.title() if transcript else name) or _TIME.fullmatch(name):
            return False
        sid = self._resolve(name.title() if transcript else name, u.start)
        end = u.end
        if transcript:
            para_end = text.find("\n", u.start)
            end = len(text) if para_end < 0 else para_end
        self._add(sid, u.start + m.end(), end, ":", name)
        return True

    def _inside_clause(self, qs: int, qe: int) -> None:
        """'Ann Lee dismissed the bill as “a gift to the banks”': a quotation inside a sentence whose
        subject is a person is that person's words; the content runs from the verb to the quotation."""
        text = self.text
        k = bisect.bisect_right(self.starts, qs) - 1
        if k < 0 or title_case(text[qs:qe]) or len(re.findall(r"\b[a-z]+\b", text[qs:qe])) < 2:
            return
        verb = _FINITE.search(text, self.units[k].start, qs)
        if verb is None:
            return
        who = self._subject_before(self.units[k].start, verb.start())[0]
        if not who or not (who.lower() in ("he", "she") or _PERSON.fullmatch(who)):
            return
        start = verb.end() + len(text[verb.end() : qs]) - len(text[verb.end() : qs].lstrip())
        self._add(self._resolve(who, qs), start, qe, verb.group().strip(), who)

    def _continuations(self) -> None:
        """A quotation no cue claimed continues the latest speaker of the same or previous paragraphs."""
        text = self.text
        for qs, qe in self.quotes:
            covered = max((min(qe, a.content[1]) - max(qs, a.content[0]) for a in self.found), default=0)
            if covered > (qe - qs) / 2:
                continue
            if len(text[qs:qe].split()) < 4:
                continue
            sig = re.match(
                r"[ \t]*(?:[―—–]|--)[ \t]*((?:[A-Z][\w.’'-]*[ \t]*){1,5})(?=[.,;\n“\"]|$)", text[qe : qe + 90]
            )
            if sig and self._plausible(self._clean_subject(sig.group(1))):
                # '"…" ― Ann Lee': a quotation signed with its speaker's name (testimonials, epigraphs).
                who = self._clean_subject(sig.group(1))
                self._add(self._resolve(who, qe), qs, qe, "―", who)
                continue
            if qs > 0 and not re.search(r"(?:\n|[.!?…:][”\"']*)\s*$", text[max(0, qs - 6) : qs]):
                self._inside_clause(qs, qe)  # "… called it “a con”": the sentence's subject, if a person
                continue
            before = [a for a in self.found if a.content[1] <= qs and a.speaker]
            if not before:
                continue
            last = max(before, key=lambda a: a.content[1])
            if text.count("\n\n", last.content[1], qs) > 2 or qs - last.content[1] > 1500:
                continue
            self._add(last.speaker, qs, qe, "", last.written)
