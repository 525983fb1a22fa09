"""What kind of source a speaker phrase names, and the Latin skeleton that matches a name across scripts.

Split from ``sources.py`` (the book of an article's sources) to keep both short.

A *generic* source noun (lexicon category ``generic_source``) is a common noun for a class of people
or documents: "analysts", "residents", "intelligence reports", محللون، تقارير. It names no one, so it
is never a person: it is a class (``generic``: unnamed, but not an anonymous source either, which
withholds a name the outlet knows; a class speaks for itself and is its statements' claimant), a
post of an unnamed account (``social_account``), or the occasion of a statement and no source at
all ("according to the interview": ``none``). The noun must be the phrase's head: the first word in Arabic (after و/ف),
in English the first noun after a determiner and at most two modifiers, followed by nothing or by a
lower-case word (a participle or preposition), so that "Lawmaker Jane Doe" stays a titled person.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as _lexicon
from .._lexicon_lazy import words
from ..lexicon import Lexicon, build
from ..models import SourceKind
from ..text.normalize import fold
from . import cues as C
from . import patterns as P
from .arabic import AR_CONSONANTS, body_head, is_arabic, social_head

_GENERIC_VALUES = ("generic", "social_account", "none")
_EN_DETERMINERS = re.compile(r"^(?:a|an|the|some|several|many|few|most|other|two|three|\d+)$", re.I)


def _compile(lex: Lexicon) -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    out = {}
    for value in _GENERIC_VALUES:
        ar = build.assemble([p for e in lex.of("generic_source", "ar") if e.value == value for p in e.parts()])
        en = "|".join(re.escape(w) for e in lex.of("generic_source", "en") if e.value == value for w in e.forms)
        out[value] = (
            re.compile(r"^" + C.CONJ + r"(?:" + (ar or r"(?!)") + r")" + C.E),
            re.compile(r"^(?:" + (en or r"(?!)") + r")$", re.I),
        )
    countries = build.assemble([p for e in lex.of("feminine_name", "ar") if e.value == "country" for p in e.parts()])
    out["country"] = (re.compile(r"^" + C.CONJ + r"(?:" + (countries or r"(?!)") + r")$"), re.compile(r"(?!)"))
    return out


def _patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    lex = _lexicon.active()
    return lex.derived("extract.source_kind", lambda: _compile(lex))


def _english_head(words: list[str], pattern: re.Pattern[str], *, named_modifiers: bool) -> bool:
    """Is a generic noun the head of this English noun phrase (see the module's docstring)? A
    modifier may be a proper name only if ``named_modifiers`` ("a Facebook post")."""
    start = 1 if words and _EN_DETERMINERS.match(words[0]) else 0
    for i in range(start, min(start + 3, len(words))):
        if pattern.match(words[i].strip(".,;:'\"")):
            after = words[i + 1] if i + 1 < len(words) else ""
            inner = words[start + (start == 0) : i]  # modifiers after the first word: no proper names
            return (not after or after[:1].islower()) and (named_modifiers or not any(w[:1].isupper() for w in inner))
    return False


def generic_kind(name: str) -> str | None:
    """The value of the generic source noun heading ``name`` (generic, social_account, none), or None."""
    words = name.split()
    if not words:
        return None
    for value in _GENERIC_VALUES:
        ar, en = _patterns()[value]
        if is_arabic(words[0]):
            if ar.match(words[0]):
                return value
        elif _english_head(words, en, named_modifiers=value != "generic"):
            return value
    return None


def is_country(name: str) -> bool:
    """A state's name (lexicon ``feminine_name`` with value country), alone: a government when it speaks."""
    return bool(_patterns()["country"][0].match(name.strip()))


def source_kind(name: str, role: str | None, hint: str | None, phrase: str) -> SourceKind:
    """The kind of a new source from its name, role, the extractor's hint and the whole phrase."""
    if P.GROUP_START.match(name) and not re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+", name):
        return SourceKind.anonymous
    if P.ANON.search(phrase):
        return SourceKind.anonymous
    generic = generic_kind(name)
    if generic is not None and generic != "none":
        return SourceKind(generic)
    if name.startswith("@") or social_head(name):
        return SourceKind.social_account
    if body_head(name) and not role:
        return SourceKind.organisation
    if P.AGENCY.search(name):
        return SourceKind.news_agency
    if P.OUTLET.search(name):
        return SourceKind.news_outlet
    if P.TITLE.match(name) or (role and P.TITLE.search(role)):
        return SourceKind.official
    if role and len(name.split()) <= 4 and not fold(name).startswith("ال"):
        return SourceKind.person  # a named person with a role that is no office ("an economic analyst")
    if P.GOV.search(name) or is_country(name):
        return SourceKind.government
    if hint == "outlet":
        return SourceKind.news_outlet
    if P.TITLE.search(name):
        return SourceKind.official
    if len(name.split()) <= 4 and not fold(name).startswith("ال"):
        return SourceKind.person
    return SourceKind.social_account if hint == "embed" else SourceKind.unknown


# Latin consonant skeleton of an Arabic name, to match "ماجد الخطيب" with "Majed al-Khatib".
# arabic's consonant table, with the letters a Latin spelling may leave out (ع, hamza, long vowels).
_AR2LAT = {**AR_CONSONANTS, **dict.fromkeys("عويءا", "")}
_LAT = str.maketrans(
    {
        "q": "k",
        "c": "k",
        "x": "ks",
        "v": "f",
        "p": "b",
        "g": "j",
        "e": "",
        "a": "",
        "i": "",
        "o": "",
        "u": "",
        "y": "",
        "w": "",
        "'": "",
        "-": "",
    }
)
NAME_TITLE = re.compile(
    r"^(?:(?:"
    + "|".join(words("name_title", "en"))
    + r")\.?\s+|"
    + "|".join(re.escape(w) + (r"\s*" if w.endswith(".") else r"\s+") for w in words("name_title", "ar"))
    + r")+",
    re.I,
)


@lru_cache(maxsize=4096)  # a pure function, called for each known source at every mention
def skeleton(name: str) -> str:
    f = fold(NAME_TITLE.sub("", name.strip()))
    f = re.sub(r"(?:^|\s)(?:ال|al-?|el-?)", " ", f)
    out = []
    for ch in f:
        if ch in _AR2LAT:
            out.append(_AR2LAT[ch])
        elif ch.isascii() and ch.isalpha():
            out.append(ch.translate(_LAT))
    s = "".join(out)
    s = s.replace("sh", "s").replace("kh", "k").replace("th", "t").replace("dh", "d")
    return re.sub(r"(.)\1+", r"\1", s)
