"""Quotation passes of the English rules (see ``english``): a quotation's run across its
attribution, a colon introduction, headline and transcript turns, a quotation inside a person's
sentence, and quotations that continue the latest speaker."""

from __future__ import annotations

import bisect
import re

from .english_beliefs import Beliefs
from .english_patterns import _LEMMA, _OPENERS, _PERSON, _SUBJECT_DETS, _TIME, _full_stop, _mark
from .english_speakers import _FINITE
from .patterns import title_case
from .segment import Unit


class Quotations(Beliefs):
    """The quotation regions of an article and the passes that attribute them."""

    units: list[Unit]
    starts: list[int]

    def _in_quote(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._q_starts, pos) - 1  # quotations are disjoint, in text order
        return self.quotes[i] if i >= 0 and pos < self._q_ends[i] else None

    def _quote_run(self, end: int, cue_end: int) -> int:
        """Where a quotation interrupted by its attribution ends: '"A," she said. "B." "C."' is one
        statement, up to the end of the paragraph's run of quotations."""
        text = self.text
        for r in self.quotes[bisect.bisect_left(self._q_starts, end) :]:  # those opening at or after end
            between = text[end : r[0]]
            if not between.strip() and end >= cue_end and not _mark(text, end, closing=True):
                end = r[1]  # an unclosed quotation goes on in the next paragraph's quotation
                continue
            inner = re.sub(r"[.,:]\s*$", "", between.strip())
            if "\n" in between or len(between.split()) > 45 or _full_stop(inner) or re.search(r"[!?;]", inner):
                break  # the attribution may be long ("said Ann Lee, a lawyer who ..."), but one sentence
            if end >= cue_end and between.strip(" ,.;:—–-"):
                break
            going_on = re.search(r",\s*(?:and\s+)?(?:then\s+)?(\w+ing)\b", between[max(0, cue_end - end) :])
            if going_on and going_on.group(1).lower() in _LEMMA:
                break  # '"A," she said, adding "B."': the speaker's next act, an attribution of its own
            end = max(end, r[1])
        return end

    def _colon_intro(self, u: Unit, speaker: str | None, written: str) -> None:
        """'The senator made this comment:' followed by a quotation: the quotation is the subject's."""
        text = self.text
        if not text[u.start : u.end].rstrip().endswith(":"):
            return
        k = bisect.bisect_left(self._q_starts, u.end)
        nxt = self.quotes[k] if k < len(self.quotes) else None
        if nxt is None or text[u.end : nxt[0]].strip():
            return
        if speaker is None:
            verb = re.search(r"(?<=[\w.)])\s+[a-z]", text[u.start : u.end])
            written = self._subject_before(u.start, u.start + verb.start())[0] if verb else ""
            if not written or _OPENERS.match(written):
                return
            speaker = self._resolve(written, u.start)
        self._add(speaker, nxt[0], self._quote_run(nxt[1], nxt[1]), ":", written)

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
            if self._index.covered(qs, qe):
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
            last = self._index.last_spoken_before(qs)
            if last is None:
                continue
            if text.count("\n\n", last.content[1], qs) > 2 or qs - last.content[1] > 1500:
                continue
            self._add(last.speaker, qs, qe, "", last.written)
