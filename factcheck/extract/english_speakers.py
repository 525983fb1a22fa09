"""English speakers: the subject of a reporting verb, its plausibility, and its resolution to a
source of the article (names, appositions, pronouns and role nouns)."""

from __future__ import annotations

import re
from itertools import pairwise

from .english_patterns import (
    _ABBREV,
    _FUNCTION,
    _GENDER,
    _LEADS,
    _OPENERS,
    _PARTICIPLES,
    _PAST,
    _PERSON,
    _PRONOUNS,
    _SUBJECT_DETS,
    _SUBORD,
    _TAIL,
    _TIME,
    _full_stop,
)
from .sources import SourceBook, clean_name

# The first finite verb of a sentence (past tense or a common auxiliary), to find its subject.
_FINITE = re.compile(r"(?<=[\w.,)’'])\s+(?:[a-z]+ed|" + "|".join(sorted(_PAST)) + r"|is|was|has|had|will|are|were)\b")


def _abbreviation_at(seg: str, dot: int) -> bool:
    """Does the full stop at dot end an abbreviation ("Sen.", "U.S.")? An abbreviation is short: only
    the last 60 characters are searched (searching the whole prefix made a long sentence quadratic);
    ``pos`` keeps ``^`` meaning the real start of seg."""
    return _ABBREV.search(seg, max(0, dot - 60), dot + 1) is not None


class Speakers:
    """Speaker phrases of one article and the sources they resolve to (in order of mention)."""

    def __init__(self, text: str, book: SourceBook) -> None:
        self.text = text
        self.book = book
        self.genders: dict[str, str] = {}
        self.mentions: list[str] = []  # speaker source ids in order of mention
        # Surnames the article titles anywhere ("Ms. Lee", "spokeswoman Ann Lee"): their gender.
        self.surname_gender: dict[str, str] = {}
        titles = "|".join(sorted(_GENDER, key=len, reverse=True))
        for m in re.finditer(r"\b((?i:" + titles + r"))\.?\s+(?:[A-Z][\w’'-]*\s+){0,2}([A-Z][\w’'-]+)\b", text):
            self.surname_gender.setdefault(m.group(2), _GENDER[m.group(1).lower()])

    def _clean_subject(self, phrase: str) -> str:
        phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:—–-")
        # A party tag ("Ann Lee, R-Ky.", "Ann Lee (D-Ore.)") is no part of the name.
        phrase = re.sub(r",?\s*\(?\b[RDI]-[A-Z][\w.]*\)?,?$", "", phrase).strip(" ,")
        phrase = _LEADS.sub("", phrase)
        phrase = _TAIL.sub("", phrase).strip(" ,")
        phrase = re.sub(
            r"(?:[’']s|\s+(?:is|are|was|were|isn[’']t|aren[’']t|wasn[’']t|weren[’']t)(?:\s+not)?)$", "", phrase
        )
        return re.sub(r"(?:\s+[a-z]+ly)+$", "", phrase)  # "Ann Lee apparently": the adverb is no name

    def _plausible(self, phrase: str) -> bool:
        words = phrase.split()
        if not words or len(words) > 12:
            return False
        low = phrase.lower()
        if low in _PRONOUNS:
            return True
        # a share of those polled ("63 percent said", "nearly eight of 10 voters say"); "nearly" and
        # the like are adverbs of degree
        share = r"(?:[A-Za-z]+ly\s+)?(?:\d[\d,.]*|[a-z]+)\s+(?:percent|%|of\s+(?:\d+|ten)\s+[a-z]+)"
        if re.fullmatch(share + r"(?:\s+of\s+[a-z ]+)?", phrase):
            return True
        if _OPENERS.fullmatch(phrase) or re.match(r"[A-Z][a-z]+ly\b|(?:[A-Z]{3,}\s*)+$", phrase):
            return False  # "In", "Initially", a dateline ("WASHINGTON"): no speaker
        if re.match(r"^[\d$%]", phrase) or re.fullmatch(r"[\d,.\s]+\w*", phrase):
            return False
        if _TIME.fullmatch(phrase) or re.search(r"[“”\"]|''", phrase):
            return False
        clause = r"\b(?:if|when|because|although|whether|which|what|as|than|is|are|was|were|be)\b"
        if re.search(clause, low) and not re.search(r",?\s+who\b", low):
            return False
        if any(w in _PAST or (w.endswith("ed") and w.islower() and p[:1].isupper()) for p, w in pairwise(words)):
            return False  # a finite verb inside: "The board decided after ..." is a clause, not a subject
        first = words[0]
        if first in _PARTICIPLES:
            return False  # "citing the cracks": a participle's object, not a subject
        role = re.fullmatch(r"((?:[a-z’'-]+\s+){1,5})(?:[A-Z][\w.’'-]*\s*){1,4}", phrase)
        if len(words) <= 8 and role and not any(w in _FUNCTION or w.endswith("ed") for w in role.group(1).split()):
            return True  # a role before a name: "civil defence spokesman Idris Kamal"
        if len(words) <= 4 and words[-1].islower() and words[-1].endswith("s") and first.isalpha():
            return words[-1] not in _FUNCTION  # a bare plural: "sources said", "federal officials said"
        group = re.fullmatch(r"((?:[a-z-]+\s+){0,2}([a-z-]+s))\s+(?:from|of|at|in|for|with)\s+[\w\s.’'-]+", phrase)
        if len(words) <= 8 and group and group.group(2) not in _FUNCTION and first not in _FUNCTION:
            return True  # a plural with its group: "elected officials from both parties", "experts at the bank"
        return first[0].isupper() or first.lower() in _SUBJECT_DETS

    def _resolve(self, phrase: str, pos: int) -> str | None:
        low = phrase.lower()
        if low in _PRONOUNS:
            want = _PRONOUNS[low]
            if want == "?":
                return None
            fallback = None
            for k, sid in enumerate(reversed(self.mentions)):
                src = self.book.source(sid)
                assert src is not None  # a mention is a source of the book
                person = src.kind.value in ("person", "official") and bool(_PERSON.fullmatch(src.name))
                if want in "op" and not person:
                    return sid
                if want in "mf" and person and self.genders.get(sid) == want:
                    return sid  # a person known to be of that gender, among the last few mentioned
                if want in "mf" and person and sid not in self.genders and fallback is None:
                    fallback = sid
                if k >= 2 and fallback is not None:
                    break
            if fallback is not None:
                self.genders[fallback] = want
            return fallback
        m = re.fullmatch(r"(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}(?P<head>[a-z-]{3,})", phrase, re.I)
        if m and not re.search(r"[A-Z]", phrase[1:]):
            head = m.group("head").lower()
            for sid in reversed(self.mentions):
                src = self.book.source(sid)
                assert src is not None  # a mention is a source of the book
                names = " ".join([src.name, src.role or "", *src.aliases]).lower()
                if re.search(r"\b" + re.escape(head) + r"\b", names):
                    self.book.note_alias(sid, phrase)
                    return self._mention(sid, phrase)
        new = self.book.add(phrase, context=phrase)
        if new is None:
            return None
        if clean_name(phrase)[0] and new in self.mentions:
            self.book.note_alias(new, phrase)
        return self._mention(new, phrase)

    def _mention(self, sid: str, phrase: str) -> str:
        for w in re.findall(r"[a-z]+", phrase.lower()):
            if w in _GENDER:
                self.genders.setdefault(sid, _GENDER[w])
        last = phrase.split()[-1] if phrase.split() else ""
        if last in self.surname_gender:
            self.genders.setdefault(sid, self.surname_gender[last])
        if sid in self.mentions:
            self.mentions.remove(sid)
        self.mentions.append(sid)
        return sid

    def _subject_before(self, s: int, ms: int) -> tuple[str, int]:
        """The subject of a verb at ms: (phrase, start) back to a clause boundary, '' if none."""
        # A parenthesis ("Sen. Ann Lee (D-Ore.) said") is masked: it neither cuts nor names.
        seg = re.sub(r"\([^()]{0,60}\)", lambda p: " " * len(p.group()), self.text[s:ms])
        cut = max(
            (
                m.end()
                for m in re.finditer(
                    r"[;:—–―(]\s*|(?:[”\"]|'')\s*,?\s*|\.\s+|\b(?:and|but|that|" + _SUBORD + r")\s+",
                    seg,
                )
                if not (m.group().startswith(".") and _abbreviation_at(seg, m.start()))
            ),
            default=0,
        )
        hard = max((m.end() for m in re.finditer(r"[;:(]\s*|(?:[”\"]|'')\s*,?\s*", seg)), default=0)
        hard = max([hard] + [m.end() for m in re.finditer(r"\.\s+", seg) if not _abbreviation_at(seg, m.start())])
        app = self._apposition(seg[hard:]) if re.search(r"(?:,|--|—|–)\s*$", seg) else None
        if app is not None:
            phrase = self._clean_subject(seg[hard + app :])
            parts = re.split(r"\s*(,|--|—|–)\s*", phrase, maxsplit=1)
            if len(parts) == 3 and (parts[1] != "," or re.match(r"[a-z]+(?:ing|ed)\b|who\b", parts[2])):
                phrase = self._clean_subject(parts[0])  # "Kall -- co-editor --", "Ann Lee, speaking at ...,"
            return phrase, s + hard + app
        part = seg[cut:]
        stripped = part.rstrip()
        if not stripped and re.search(r"\band\s*$", seg):
            # "Ann Lee thanked the crowd and said ...": the sentence's subject speaks again.
            verb = _FINITE.search(self.text, s, ms - 4)
            if verb is None or verb.start() >= ms - 5:
                return "", ms
            return self._subject_before(s, verb.start())
        if stripped.endswith(","):
            # "Jane Doe, a spokeswoman for the firm, said": the name with its apposition.
            pieces = stripped[:-1].split(",")
            if len(pieces) >= 2:
                start = len(",".join(pieces[:-2])) + (1 if len(pieces) > 2 else 0)
                phrase = self._clean_subject(part[start:])
                name = self._clean_subject(pieces[-2]) if len(pieces) >= 2 else ""
                ok = self._plausible(name) and len(pieces[-1].split()) <= 20 and not _full_stop(pieces[-1])
                return (phrase, s + cut + start) if ok else ("", ms)
            return "", ms
        if "," in part:
            start = part.rfind(",") + 1
            part = part[start:]
            cut += start
        who = re.search(r"^(.*?),?\s+who\s+(?:also\s+)?$", seg[: len(seg)])
        phrase = self._clean_subject(part)
        joined = re.search(r"((?:[A-Z][\w.’'-]*\s+)(?:[\w.’'-]+\s+){0,4}and\s+)$", seg[:cut])
        if (
            joined
            and (not self._plausible(phrase) or phrase[:1].islower())
            and self._plausible(joined.group(1) + phrase)
        ):
            phrase = joined.group(1) + phrase  # "Experts on Korea and nuclear arms said": one subject
            cut -= len(joined.group(1))
        if phrase.lower() == "who" and who:
            phrase = self._clean_subject(re.split(r"[,;:.]", who.group(1))[-1])
        return (phrase, s + cut + seg[cut:].find(phrase[:5]) if phrase else ms) if self._plausible(phrase) else ("", ms)

    def _apposition(self, seg: str) -> int | None:
        """Start of 'Name, <apposition>,' (or '-- … --') that ends seg: the leftmost name-like piece."""
        pieces = [m.end() for m in re.finditer(r"(?:^|,|--|—|–)\s*", seg)]
        for start in pieces[:-1]:
            # A name, with a role before it ("Conservative economist Ann Lee"), then the apposition.
            m = re.match(
                r"((?:(?!--)[\w.’'-]+\s+){0,4}[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})\s*(?:\([^()]*\)\s*)?(?:,|--|—|–)",
                seg[start:],
            )
            if not m or _OPENERS.match(m.group(1)) or not self._plausible(self._clean_subject(m.group(1))):
                continue
            rest = seg[start + m.end() :]
            if len(rest.split()) <= 45 and not _full_stop(rest) and not re.search(r"[;:]", rest):
                return start
        return None

    def _after_subject(self, pos: int, e: int) -> str:
        """The subject after an inverted verb: '..., said Rep. Ann Lee, a Democrat, on Monday.'"""
        seg = re.split(r"[,;:—–(]", self.text[pos:e], maxsplit=1)[0]
        seg = re.sub(r"\.\s*(?:[”\"]|'')?\s*$", "", seg)
        seg = re.sub(r"\s+(?:in|on|at|during|to|after|before|while|from|of|about|when|as)\s.*$", "", seg)
        return self._clean_subject(seg)
