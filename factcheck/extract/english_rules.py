"""English attribution rules: finds every attribution of an English article (see ``english``).

The lexicon and the compiled patterns live in ``english``; this module holds the rules that use them.
"""

from __future__ import annotations

import bisect
import re

from .english_found import FoundIndex
from .english_patterns import (
    _ADDRESSEE,
    _ADDRESSEE_VERBS,
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
    _PLURAL,
    _PP,
    _PROGRESSIVE,
    _PRONOUNS,
    _THOUGHT,
    _TIME,
    EnAttribution,
    _full_stop,
    _mark,
    _plural,
    quote_regions,
)
from .english_quotes import Quotations
from .english_speakers import _FINITE
from .patterns import title_case
from .segment import Unit
from .sources import SourceBook


def _agrees(word: str, lemma: str, who: str) -> bool:
    """A verb in its base form ("say") is finite only after a plural subject: "experts say", not
    "help Mr. Lee maintain"."""
    return word.lower() != lemma or not who or _plural(who)


class EnglishRules(Quotations):
    """Finds every attribution of an English article once; hands them out unit by unit."""

    def __init__(self, text: str, book: SourceBook, units: list[Unit]) -> None:
        super().__init__(text, book)
        self.quotes = quote_regions(text)  # disjoint, in text order: bisect on starts and ends
        self._q_starts = [q[0] for q in self.quotes]
        self._q_ends = [q[1] for q in self.quotes]
        self._index = FoundIndex()
        self.found = self._index.items
        self.units = [u for u in units if u.embed is None]
        self.starts = [u.start for u in self.units]
        for u in self.units:
            self._sentence(u)
        self._continuations()
        self._beliefs(self.units)
        self.found = sorted(self.found, key=lambda a: a.content)  # (the index keeps its own order)
        # Each attribution is handed out with the unit its content starts in (the offline extractor
        # classifies it there); the rules saw the whole article, across units and paragraphs.
        self.by_unit: dict[int, list[EnAttribution]] = {}
        for att in self.found:
            k = max(0, bisect.bisect_right(self.starts, att.content[0]) - 1)
            self.by_unit.setdefault(self.units[k].start, []).append(att)

    def unit(self, u: Unit) -> list[EnAttribution]:
        return self.by_unit.get(u.start, [])

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
            # "some believe", "many say": a quantifier before a base form is the verb's subject
            subject = prev in _PLURAL and _LEMMA.get(word.lower()) == word.lower()
            if (prev in _DETS and not subject) or prev in _MODAL or prev.endswith(("’s", "'s")):
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
        self.last_speaker: str | None = None  # the sentence's latest speaker (", adding ...")
        pending = ""  # a subject whose verb introduced nothing yet ("X said:")
        for i, m in enumerate(cues):
            nxt = cues[i + 1].start() if i + 1 < len(cues) else e
            word = m.group()
            lemma = _LEMMA.get(re.sub(r"\s+", " ", word.lower()), word.lower())
            if word.lower().startswith(("according", "as reported")):
                self._according(m, s, e, nxt)
                continue
            if self._quoted(m, cues[:i], s, e):
                continue
            participle = word.endswith("ing") and not _PROGRESSIVE.search(text[s : m.start()])
            sid, who, sub_start, inverted = self._subject_of(m, s, nxt, lemma, participle)
            if (who or participle) and not inverted:
                pending = who
                following = cues[i + 1] if i + 1 < len(cues) else None
                if self._reported(m, (s, nxt), following, lemma, (sid, who, sub_start)):
                    continue
            if lemma not in _OBJECT_CONTENT:
                self._tail_clause(m, (s, e, nxt), lemma, inverted)
        if pending or not cues:
            self._colon_intro(u, self._resolve(pending, s) if pending else None, pending)

    def _quoted(self, m: re.Match[str], earlier: list[re.Match[str]], s: int, e: int) -> bool:
        """'"…," X said' / '"…," said X': the quotation that ends just before the cue."""
        text = self.text
        j = bisect.bisect_right(self._q_ends, m.start()) - 1  # the last quotation ending before the cue
        q = self.quotes[j] if j >= 0 and self._q_ends[j] >= s else None
        gap = text[q[1] : m.start()] if q and not any(q[1] <= c.start() for c in earlier) else "\n"
        appositive = gap.rstrip().endswith(",") and len(gap.split()) <= 25 and self._apposition(gap) is not None
        if not (q and (len(gap.split()) <= 9 or appositive) and not re.search(r"[;:!?\n]", gap)) or _full_stop(gap):
            return False
        who = self._clean_subject(gap) or self._after_subject(m.end(), e)
        name = self._clean_subject(re.split(r",|--|—|–", who)[0]) if appositive else who
        if who and not self._plausible(name):
            who = ""
        sid = self._resolve(who, m.start()) if who else self.last_speaker
        self.last_speaker = sid
        lead = text[s : q[0]]
        # 'Not paying taxes "makes me smart," Lee said': a quotation that ends a clause it did not
        # open; the clause is the statement (not after a colon or another attribution)
        partial = bool(lead.strip()) and not re.search(r"[:;]\s*$", lead) and not self._taken(s, q[0])
        partial = partial and not title_case(text[q[0] : q[1]])  # 'In his book, "Make Your Kid Rich,"': a title
        start = s + len(lead) - len(lead.lstrip()) if partial and not _CUE.search(lead) else q[0]
        self._add(sid, start, self._quote_run(q[1], m.end()), m.group(), who)
        return True

    def _subject_of(
        self, m: re.Match[str], s: int, nxt: int, lemma: str, participle: bool
    ) -> tuple[str | None, str, int, bool]:
        """(speaker id, subject as written, its start, inverted) of a cue; a participle or ", added"
        continues the sentence's speaker (or its subject)."""
        text = self.text
        if participle and re.search(r"\bby\s+$", text[s : m.start()]):
            self.last_speaker = None  # "X responded by saying ...": the sentence's subject
        if participle or (lemma == "add" and text[m.start() - 2 : m.start()].strip() == ","):
            sid = self.last_speaker
            if sid is None:  # "X visited the plant on Monday, saying ...": the sentence's subject
                verb = _FINITE.search(text, s, m.start())
                first = self._subject_before(s, verb.start())[0] if verb else ""
                sid = self._resolve(first, s) if first and not _OPENERS.match(first) else None
            return sid, "", m.start(), False
        who, sub_start = self._subject_before(s, m.start())
        return None, who, sub_start, bool(who) and self._post_posed(s, sub_start, m.end(), nxt, lemma)

    def _reported(
        self,
        m: re.Match[str],
        bounds: tuple[int, int],
        following: re.Match[str] | None,
        lemma: str,
        subject: tuple[str | None, str, int],
    ) -> bool:
        """'X said (that) …', 'X told Y …', 'X said: "…"': the reported clause after the cue.

        True when the cue is settled (content added, or a noun / no clause): no tail clause then."""
        text, (s, nxt), word = self.text, bounds, m.group()
        sid, who, sub_start = subject
        start = self._content_start(m.end(), nxt, lemma)
        if lemma in _OBJECT_CONTENT:
            start = m.end() + len(text[m.end() : nxt]) - len(text[m.end() : nxt].lstrip())
        cstart, cend = start, self._content_end(start, nxt, following, s)
        opened = bool(re.search(r"(?:\bthat|:)\s*$", text[m.end() : start])) or bool(_mark(text, start))
        evidence = lemma in ("show", "find") and who.split()[-1:] != [] and who.split()[-1].lower() in _EVIDENCE
        # a capitalised cue inside a sentence passed _cues only in a headline: "Mayor Calls Toll 'A Disgrace'"
        headline_verb = word[0].isupper() and m.start() > s
        noun = (lemma in _OBJECT or word.lower() in _NOUN_FORMS) and not headline_verb
        if noun and not (opened or evidence) and who.lower() not in _PRONOUNS:
            return True  # "Most states", "his claims": nouns, unless a clause or quotation follows
        do_support = re.search(r"\b(?:do|does|did)\s+(?:\w+ly\s+)?$", text[s : m.start()], re.I)
        if not do_support and not _agrees(word, lemma, who):  # "he does believe ...": finite all the same
            # "Ann Lee and Tom Park say ...": the subject is both names (the cut at "and" took one)
            pair = re.search(r"((?:[A-Z][\w.’'-]*\s+){1,4})and\s+$", text[s:sub_start])
            if not (pair and self._plausible(pair.group(1) + "and " + who)):
                return True
            who = pair.group(1) + "and " + who
        if lemma in _THOUGHT and not opened and not self._clause_follows(start, cend):
            return True
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
            self.last_speaker = sid
            self._add(sid, cstart, cend, word, who)
            return True
        return False

    def _tail_clause(self, m: re.Match[str], bounds: tuple[int, int, int], lemma: str, inverted: bool) -> None:
        """'…, X said.' / '…, said X.': the clause before, when nothing substantial follows."""
        text, (s, e, nxt), word = self.text, bounds, m.group()
        tail = text[m.end() : nxt]
        comma = text.rfind(",", s, m.start())
        short = len(re.sub(r"[^\w\s]", "", tail).split()) <= 10 and " that " not in tail
        # '…, said Ann Lee, a lawyer who ...': the verb right after the comma, its subject after it
        said_x = not text[comma + 1 : m.start()].strip() and bool(re.match(r"\s+(?:[A-Z]|the\s|an?\s)", tail))
        if not (comma > s and (short or inverted or said_x)):
            return
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
            prev_end = self._index.last_end(s, end)
            sid = self._resolve(who, m.start())
            self.last_speaker = sid
            self._add(sid, prev_end, end, word, who)

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
        if re.match(r"(?:he|she|they|it|we|i|there|this|these|those)\b", self.text[start:nxt], re.I):
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
            prev_end = self._index.last_end(s, m.start())
            sid = self._resolve(who, m.start())
            self._add(sid, prev_end, m.start(), m.group(), who)
