"""Arabic speakers: titles kept apart from names, gender agreement, what is never a speaker, and
one person written in Arabic and in Latin script.

- ``split_title``: "المتحدث الرسمي باسم وزارة الصحة الدكتور كريم الحداد" -> name "كريم الحداد",
  role "المتحدث الرسمي باسم وزارة الصحة الدكتور". A personal name starts with an indefinite word
  right after a definite one (titles and their complements are definite: الوزير، وزارة الصحة).
- ``verb_gender`` / ``source_gender``: Arabic verbs agree with their subject, so a reporting verb
  with no subject ("وأضاف أن"، "وقالت إن") continues the previous speaker of its gender; bodies
  take the gender of their head noun (وزارة، الحكومة feminine; المكتب، الجيش masculine).
- ``not_a_speaker``: a phrase holding a number or a date word, or opening with a preposition or a
  particle, is content or circumstance, never a source.
- ``same_name_across_scripts``: "كريم الحداد" and "Karim al-Haddad" are one person when their
  whole names (two words at least) share the consonant skeleton *and* every long vowel of the
  Arabic spelling has a vowel at the same place in the Latin one (so أحمد never matches Hamid).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .._lexicon_lazy import words
from ..text.normalize import fold
from ..text.scripts import has_arabic
from . import cues as C

# The word lists of these rules live in factcheck/lexicon/ar.toml (docs/lexicon.md: "Lists of the
# rules"), one entry per lemma with an invented example; read folded from the shipped lexicon.


def _set(category: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words(category, "ar"))


TITLES = _set("speaker_title")  # masculine lemma without ال; the feminine adds ة
TITLE_ABBREVIATIONS = tuple(words("title_abbreviation", "ar"))  # "د. سامر يوسف"
NOT_NAME_START = _set("not_name_start")  # prepositions, particles, name particles (بن، ابن، بنت)
ADVERBS = _set("speaker_adverb")  # "وقال المتحدث بدوره إن ..."
MASCULINE_TA_VERBS = _set("masculine_ta_verb")  # a final ت of the root, not the feminine ending
DATE_WORDS = _set("date_word")  # a phrase holding one is a circumstance, not a speaker
SUBJECT_END = _set("subject_end")  # "وأعلنت البلدية عن خطة" -> البلدية
SOURCE_PREPOSITIONS = _set("source_preposition")  # "نقلا عن وزارة النقل" -> وزارة النقل
REPORT_VERBS_EXTRA = " ".join(words("report_verb_extra", "ar"))  # only before أن
BODY_HEADS = _set("body_head")  # non-government bodies
SOCIAL_HEADS = _set("social_head")  # social-media sources
SAY_VERBS = " ".join(words("say_verb", "ar"))  # headline order, no أن
DOCUMENT_NOUNS = _set("document_noun")  # "بحسب أرقام مكتب الإحصاء" -> the office
STATEMENT_NOUNS = _set("statement_noun")  # "وأضاف البيان أن ..."

# A reporting verb of the block above, when a complement clause (أن) follows within a few words.
REPORT_EXTRA = re.compile(
    C.B
    + C.CONJ
    + r"(?P<verb>"
    + C.ar_words(REPORT_VERBS_EXTRA)
    + r")"
    + C.E
    + r"(?=(?:\s+[^\s،,.]+){0,8}?\s+"
    + C.COMPLEMENT_AR
    + r")"
)
_REPORTING = re.compile(
    r"(?:" + C.REPORT_VERBS_AR + r"|" + C.DENIAL_VERBS_AR + r"|" + C.ar_words(REPORT_VERBS_EXTRA) + r")"
)
SAY = re.compile(C.B + C.CONJ + r"(?:" + C.ar_words(SAY_VERBS) + r")" + C.E)
is_arabic = has_arabic  # the rules read better with this name; one definition in text.scripts
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")


def _bare(word: str, *, prepositions: bool = True) -> str:
    """A folded word without a clitic و/ف, the article ال and (``prepositions``) a clitic ب/ل."""
    w = fold(word).strip("،,.:؛;\"'()")
    glued = ("وال", "فال", "بال", "لل") if prepositions else ("وال", "فال")
    if len(w) > 4 and w.startswith(glued):
        w = w[3:] if not w.startswith("لل") else w[2:]
    elif len(w) > 3 and w.startswith("ال"):
        w = w[2:]
    return w


def is_title(word: str) -> bool:
    """Is this word a title or honorific (either gender, with or without ال / و)?"""
    if word in TITLE_ABBREVIATIONS:
        return True
    w = _bare(word, prepositions=False)  # "بالرئيس" is a prepositional phrase, not a title
    forms = [w, _bare(w[1:], prepositions=False)] if len(w) > 3 and w[0] in "وف" else [w]  # و/ف "and"
    return any(f in TITLES or (f.endswith("ه") and f[:-1] in TITLES) for f in forms)


def _definite(word: str) -> bool:
    f = fold(word)
    return f.startswith(("ال", "وال", "فال", "بال", "لل")) and len(f) > 3


def split_title(phrase: str, *, descriptive: bool = False) -> tuple[str, str | None]:
    """(name, role) of an Arabic speaker phrase that opens with a title; (phrase, None) otherwise.

    The name starts at the first indefinite word that follows a definite one (not a preposition,
    adverb or name particle): "الدكتور كريم الحداد", "وزيرة الصحة هدى ناصر", "الرئيس عبد الرحيم
    فاضل". A title with no name after it ("وزير الصحة") stays whole: it is how the article names
    that source. ``descriptive``: the phrase may also open with any definite noun ("الممرض سامي
    جابر"), and then the name must have two words at least (so "الجزيرة نت" stays whole).
    """
    words = phrase.split()
    for abbr in TITLE_ABBREVIATIONS:  # "د.كريم": the abbreviation glued to the name
        if words and words[0].startswith(abbr) and len(words[0]) > len(abbr):
            words = [abbr, words[0][len(abbr) :], *words[1:]]
    titled = bool(words) and is_title(words[0])
    if len(words) < 2 or not (titled or (descriptive and _definite(words[0]))):
        return phrase, None
    start = None
    for i in range(1, len(words)):
        prev, word = words[i - 1], words[i]
        if fold(word) in ADVERBS:
            words = words[:i]  # the name, if any, ended before the adverb
            break
        if _definite(word) or fold(word) in NOT_NAME_START or is_title(word):
            continue
        # After a definite word ("الدكتور كريم"، "وزيرة الصحة هدى"); not after an indefinite
        # title, whose next word is its complement ("قائد قوات الأمن"، "مدير مستشفى المدينة").
        if _definite(prev) or prev in TITLE_ABBREVIATIONS:
            start = i
            break
    if start is None:
        return " ".join(words), None
    name = " ".join(words[start:])
    if len(name.split()) > 4 or not_a_speaker(name) or (not titled and len(name.split()) < 2):
        return phrase, None
    role = words[:start]
    if fold(role[0])[:1] in "وف" and _bare(role[0]) not in TITLES and is_title(role[0][1:]):
        role[0] = role[0][1:]  # "والمتحدثة": the conjunction is not part of the title
    return name, " ".join(role)


def verb_gender(verb: str) -> str | None:
    """'f' or 'm' for a 3rd-person singular Arabic verb (قالت/تقول f, قال/يقول m); None otherwise."""
    orig = verb.strip()
    w = fold(orig)
    if len(w) > 3 and w[0] in "وف":
        w, orig = w[1:], orig[1:]
    if not w or not is_arabic(w) or w.endswith(("وا", "ون", "ان")):
        return None  # plural or dual: "قالوا"، "يقولون"
    if w in MASCULINE_TA_VERBS:
        return "m"
    if w.endswith("ت") and len(w) >= 3:
        return "f"
    if w.endswith("ه") and len(w) >= 4:  # participles: مضيفة، مشيرة، قائلة
        return "f"
    if w[0] == "ت":
        # تقول (she says) or تابع (he went on): feminine when the ي form is a reporting verb too
        return "f" if _REPORTING.fullmatch("ي" + orig[1:]) else None
    return "m"


def source_gender(name: str, role: str | None, *, person: bool) -> str | None:
    """Gender of a source from its head word: a person's title (مديرة f, الوزير m), a body's head
    noun (وزارة، الصحيفة f; المكتب، الجيش m). A personal name alone carries no reliable mark."""
    titled = [w for w in name.split()[:1] if is_title(w)]
    head = ((role or "").split()[:1] or titled) if person else name.split()[:1]
    if not head or not is_arabic(head[0]):
        return None
    return "f" if _bare(head[0]).endswith("ه") else "m"


def not_a_speaker(phrase: str, *, source_like: bool = False) -> bool:
    """A number, a date, or a fragment (opening with a preposition or particle, or holding a
    hashtag or a link) is never a speaker.

    (A number inside a name stays possible: "قناة 218"; a number opening the phrase does not. A
    date word in a ``source_like`` phrase is a name: the paper "الصباح", "إذاعة الفجر".)
    """
    words = phrase.split()
    if not words or not is_arabic(phrase):
        return False
    if _DIGIT.match(words[0]) or any(w.startswith(("#", "http")) for w in words):
        return True  # a number first, or a post's hashtags and links: a fragment of the text
    if not source_like and any(_bare(w) in DATE_WORDS or fold(w) in DATE_WORDS for w in words):
        return True
    first = fold(words[0])
    return first in NOT_NAME_START and first not in ("بن", "ابن", "بنت")


def body_head(name: str) -> bool:
    """Does the name open with an organisation's head noun ("نقابة المعلمين", "الشركة الوطنية")?"""
    words = name.split()
    return bool(words) and is_arabic(words[0]) and _bare(words[0], prepositions=False) in BODY_HEADS


def social_head(name: str) -> bool:
    """Does the name open with a social-media head noun ("صفحة أخبار المدينة")?"""
    words = name.split()
    return bool(words) and is_arabic(words[0]) and _bare(words[0]) in SOCIAL_HEADS


def is_document(phrase: str) -> bool:
    """A lone definite statement noun ("البيان", "التقرير"): it speaks for its author."""
    words = phrase.split()
    return len(words) == 1 and _definite(words[0]) and _bare(words[0]) in STATEMENT_NOUNS


_CIRCUMSTANCE = re.compile(r"\s+(?:في|على|عبر|خلال|ضمن)\s+\S+(?:ه|ها|هم|هما)(?:\s.*)?$", re.S)


def strip_circumstance(phrase: str) -> str:
    """ "المرصد في نشرته" -> "المرصد": a phrase about the speaker's own statement or channel
    (its object carries a pronoun: نشرته، بيانها، حسابه) is no part of the name."""
    return _CIRCUMSTANCE.sub("", phrase)


def strip_source_preposition(phrase: str, is_source: Callable[[str], bool] = lambda _: False) -> str:
    """ "عن وزارة النقل" -> "وزارة النقل": the preposition that introduces a source is not its
    name; "أرقام المكتب المركزي" -> "المكتب المركزي": nor is the document that stands for it."""
    words = phrase.split()
    if len(words) >= 2 and fold(words[0]) in SOURCE_PREPOSITIONS:
        words = words[1:]
    owner = " ".join(words[1:])
    if len(words) >= 2 and _bare(words[0]) in DOCUMENT_NOUNS and (_definite(words[1]) or is_source(owner)):
        words = words[1:]  # its owner only: "تقارير استخبارية" (intelligence reports) stays
    return " ".join(words)


_ADDRESSEE = re.compile(r"\s+لـ\s*(?:[\"«“][^\"»”]{1,40}[\"»”]|[^،,\"«“]{1,40})")


def strip_addressee(phrase: str) -> str:
    """ "الدكتور سامر العلي لـ"الرابطة"" -> "الدكتور سامر العلي": whom he told is not his name."""
    return _ADDRESSEE.sub("", phrase)


def subject_head(phrase: str) -> str:
    """The subject of a verb with no complement clause, up to its first preposition, when that is
    a short noun phrase (<= 5 words); else the phrase unchanged."""
    words = phrase.split()
    for i, w in enumerate(words[1:], 1):
        if fold(w) in SUBJECT_END:
            return " ".join(words[:i]) if i <= 5 else phrase
    return phrase


# --- one person in two scripts ------------------------------------------------------------------

AR_CONSONANTS = {  # Arabic consonant -> its usual Latin consonant in transliterated names
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "ح": "h",
    "خ": "k",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "s",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "g",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
}
_AR_LONG = set("اوي")  # long vowels (and و/ي as semi-vowels): a Latin vowel must stand there
_LAT_CONS = {"q": "k", "c": "k", "x": "k", "v": "f", "p": "b", "g": "j"}
_LAT_DIGRAPH = (("kh", "k"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ch", "s"))
_LAT_LONG = ("ou", "oo", "ee", "ei", "ii")  # spelled-out long vowels ("aa" is often ع+a)
_PARTICLE = re.compile(r"(?:^|\s)(?:ال|al-|el-|al\s|el\s|ad-|an-|as-|ar-|at-|az-)", re.I)
_EN_TITLE = re.compile(
    r"^(?:(?:dr|mr|mrs|ms|prof|sheikh|sheikha|sayed|eng|minister|spokesman|spokeswoman)\.?\s+)+", re.I
)

_Slot = tuple[bool, bool]  # (some vowel written here, a long vowel written here)


def _word_slots(word: str, arabic: bool) -> tuple[list[str], list[str]]:
    """Consonants of one word and the vowel letters before each (and after the last)."""
    cons: list[str] = []
    between = [""]
    for ch in word:
        if arabic and ch in AR_CONSONANTS:
            c = AR_CONSONANTS[ch]
        elif not arabic and ch.isascii() and ch.isalpha() and ch not in "aeiouyw":
            c = _LAT_CONS.get(ch, ch)
        else:
            between[-1] += ch if (ch in _AR_LONG or ch in "aeiouyw") else ""
            continue
        if cons and cons[-1] == c and not between[-1]:
            continue  # a doubled consonant (shadda spelled out in Latin script) is one
        cons.append(c)
        between.append("")
    if cons and cons[-1] == "h" and not between[-1]:  # final ة/ه/ح: often not transliterated
        cons.pop()
        between.pop()
    return cons, between


def _slots(name: str) -> tuple[str, list[_Slot]]:
    """(consonant skeleton, what vowels each slot between consonants holds) of a whole name."""
    arabic = is_arabic(name)
    f = fold(name)
    if not arabic:
        f = _PARTICLE.sub(" ", f.lower())
        for di, rep in _LAT_DIGRAPH:
            f = f.replace(di, rep)
    else:
        f = re.sub(r"(?:^|\s)ال", " ", f)
    cons: list[str] = []
    between = [""]
    for word in re.split(r"[\s'’.-]+", f):
        wc, wb = _word_slots(word, arabic)
        if not wc:
            continue
        between[-1] += wb[0]
        cons += wc
        between += wb[1:]
    if arabic:
        slots = [(bool(v), bool(v)) for v in between]
    else:
        slots = [(bool(v), any(d in v for d in _LAT_LONG)) for v in between]
    return "".join(cons), slots


def same_name_across_scripts(a: str, b: str) -> bool:
    """One person's name in Arabic and in Latin script? Whole names of two words or more only."""
    if is_arabic(a) == is_arabic(b):
        return False
    ar_name, lat_name = (a, b) if is_arabic(a) else (b, a)
    ar_name = split_title(ar_name)[0]
    lat_name = _EN_TITLE.sub("", lat_name.strip())
    if re.search(r"[^\w\s'’.-]", lat_name) or not re.fullmatch(r"[A-Za-z\s'’.-]+", lat_name):
        return False
    if len(ar_name.split()) < 2 or len(re.split(r"[\s-]+", lat_name.strip())) < 2:
        return False
    (ka, va), (kl, vl) = _slots(ar_name), _slots(lat_name)
    if ka != kl or len(ka) < 5:
        return False
    # A long vowel written in Arabic has a vowel at the same place in Latin script, and a long
    # vowel spelled out in Latin script (ou, ee) is written in Arabic: محمد is not Mahmoud.
    return all(
        (not a_long or l_any) and (not l_long or a_long) for (a_long, _), (l_any, l_long) in zip(va, vl, strict=True)
    )
