"""The Arabic side of the offline extractor's speaker resolution (mixed into ``offline._Extractor``).

- a verb with no subject ("وأضاف أن"، "وقالت إن") continues the previous speaker whose gender it
  agrees with, or the body a spokesman's role names;
- a participle after a non-reporting verb ("طالبت النقابة بـ...، معتبرة أن") continues that verb's
  subject;
- a denial's subject may carry an apposition ("نفى الناطق باسم الحكومة، الوزير فلان، ... ما");
- a speaker phrase becomes a source of the book (``speaker``), Arabic or English.
"""

from __future__ import annotations

from .arabic import is_arabic, is_document, not_a_speaker, subject_head, verb_gender
from .patterns import plausible_speaker
from .sources import SourceBook, looks_like_source


class ArabicSpeakers:
    """Speaker memory of one article: who spoke, in order, and whom a subjectless verb means."""

    book: SourceBook
    spoken: list[str]  # speakers in order, for subjectless verbs (Arabic agreement)
    _last_speaker: str | None

    @property
    def last_speaker(self) -> str | None:
        return self._last_speaker

    @last_speaker.setter
    def last_speaker(self, sid: str | None) -> None:
        self._last_speaker = sid
        if sid is not None:
            self.spoken.append(sid)

    def continuing(self, verb: str, default: str | None) -> str | None:
        """The speaker a verb with no subject continues: in Arabic the previous speaker whose
        gender the verb agrees with ("وأضافت" after a man and a ministry -> the ministry)."""
        gender = verb_gender(verb) if is_arabic(verb) else None
        if gender is not None:
            for sid in reversed(self.spoken):
                if self.book.gender(sid) in (gender, None):
                    return sid
                # A spokesman's body continues after him ("وقال المتحدث باسم الوزارة ...
                # وأكدت في بيان أن" -> the ministry), before any earlier speaker does.
                body = self.book.affiliation(sid)
                if body is not None and self.book.gender(body) == gender:
                    return body
        return self.last_speaker or default

    def _clause_subject(self, before: str, sent: str, participle: str) -> str | None:
        """The source subject of the verb opening ``before`` (verb-first order), if the participle
        agrees with it: "طالبت نقابة المعلمين بتأجيل الامتحانات" -> نقابة المعلمين."""
        parts = before.split("،")
        # an opening "في المقابل،" / "من جهتها،" is no part of the clause
        clause = "،".join(parts[1:]) if len(parts) >= 2 and len(parts[0].split()) <= 2 else before
        words = clause.split()
        if len(words) < 3:
            return None
        subject: list[str] = []
        for w in words[1:]:
            if w[:1] in "بل" and not w.startswith(("ال", "بال", "لل")) and subject:
                break  # "بتأجيل", "لبحث": the verb's object or purpose starts
            if w.endswith("،"):
                subject.append(w.rstrip("،"))
                break
            if w in ("في", "على", "عن", "إلى", "من", "مع", "خلال"):
                break
            subject.append(w)
            if len(subject) >= 5:
                break
        phrase = " ".join(subject)
        if not phrase or not looks_like_source(phrase) or not plausible_speaker(phrase):
            return None
        sid = self.book.resolve(phrase) or self.book.add(phrase, context=sent)
        if sid is None or self.book.gender(sid) not in (verb_gender(participle), None):
            return None
        return sid

    @staticmethod
    def _appositive_subject(pre: str) -> str:
        """The leading comma parts of an Arabic subject that are a source and its apposition."""
        parts = [p.strip() for p in pre.split("،")]
        if len(parts) < 2 or not is_arabic(pre) or not looks_like_source(parts[0]):
            return ""
        kept = [parts[0]]
        for part in parts[1:]:
            if not part or not plausible_speaker(part) or not_a_speaker(part) or len(part.split()) > 5:
                break
            kept.append(part)
        return "، ".join(kept) if len(kept) >= 2 else ""

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
