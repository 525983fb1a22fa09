"""Compiled patterns and span helpers of the offline extractor (lexicons live in ``cues.py``).

Patterns are compiled once, at import; spans are (start, end) offsets into the article text.
"""

from __future__ import annotations

import re

from . import cues as C

_RE = re.compile
REPORT = _RE(C.B + C.CONJ + r"(?P<verb>" + C.REPORT_VERBS_AR + r")" + C.E)
ACCORDING = _RE(C.B + C.CONJ + r"(?P<verb>" + C.ACCORDING_AR + r")" + C.E)
FIRST_PERSON = _RE(C.B + C.CONJ + r"(?P<verb>" + C.FIRST_PERSON_AR + r")" + C.E)
PARTICIPLE = _RE(C.B + C.CONJ + r"(?P<verb>" + C.PARTICIPLE_AR + r")" + C.E)
PARTICIPLE_COMP = _RE(r"\s*(?:" + C.ar_words("إلى على") + r")?\s*" + C.COMPLEMENT_AR)
DENY_VERB = _RE(C.B + C.CONJ + r"(?P<verb>" + C.DENIAL_VERBS_AR + r")" + C.E)
REPORT_EN = _RE(r"\b(?P<verb>" + C.REPORT_VERBS_EN + r")\b", re.I)
ACCORDING_EN = _RE(r"\b(?P<verb>" + C.ACCORDING_EN + r")\b", re.I)
DENY_EN = _RE(r"\b(?P<verb>" + C.DENIAL_EN + r")\b", re.I)
DENY_PHRASE = _RE(C.B + r"(?:" + C.DENIAL_PHRASES_AR + r")" + C.E)
ATTR_DENY = _RE(
    C.B + r"(?:" + C.ATTRIBUTION_DENIAL_AR + r")" + C.E + "|" + r"\b(?:" + C.ATTRIBUTION_DENIAL_EN + r")\b", re.I
)
CORRECT = _RE(C.B + r"(?:" + C.CORRECTION_AR + r")" + C.E + "|" + r"\b(?:" + C.CORRECTION_EN + r")\b", re.I)
CONFIRM = _RE(C.B + r"(?:" + C.CONFIRM_AR + r")" + C.E + "|" + r"\b(?:" + C.CONFIRM_EN + r")\b", re.I)
HEDGE = _RE(C.B + r"(?:" + C.HEDGE_AR + r")" + C.E + "|" + r"\b(?:" + C.HEDGE_EN + r")\b", re.I)
NEGATION = _RE(C.B + C.CONJ + r"(?:" + C.NEGATION_AR + r")" + C.E + "|" + r"\b(?:" + C.NEGATION_EN + r")\b", re.I)
COMPLEMENT = _RE(C.B + C.COMPLEMENT_AR + r"\s*:?|:\s*|\bthat\b", re.I)
KANA = _RE(r"^" + C.CONJ + r"(?:" + C.ar_words("كان كانت") + r")" + C.E)
QAD = _RE(C.B + C.ar("قد") + C.E)
RESTS_ON = _RE(C.B + C.CONJ + r"(?:" + C.ar_words("استندت استند تستند يستند اعتمدت اعتمد") + r")" + C.E)
FROM_SRC = _RE(C.B + r"(?:" + C.ar_words("عن إلى على") + r")\s+")
CONFIRMED_BY = _RE(C.ar("وفق ما") + r"\s+(?:" + C.ar_words("أكده أكدته ذكره ذكرته قاله قالته أوضحه") + r")" + C.E)
QUOTE_PAIR = _RE(r"\"([^\"\n]{2,600})\"|“([^”\n]{2,600})”|«([^»\n]{2,600})»")
URL = _RE(r"\s*(?:https?://\S+|pic\.twitter\.com/\S+)")
AFFIRM = _RE(C.B + C.CONJ + r"(?:" + C.ar_words("أكد أكدت يؤكد تؤكد أكدوا") + r")" + C.E)
DENY_VERB_EN = _RE(r"\b(?:denied|denies|rejected|rejects|dismissed|dismisses|refuted|refutes)\b", re.I)
RETWEET = _RE(r"\s*RT\s+(@\w{1,30}):")
QUOTE_BEFORE = _RE(r"[\"“]([^\"”]{8,600})[,.]?[\"”]\s*,?\s*(?P<who>(?:[\w.'’,-]+\s*){0,9})$")
TRAIL_PREP = _RE(r"\s+(?:" + C.ar_words("إلى على عن ب ل") + r")\s*$")
TRAIL_ATTR = _RE(r"[،,]\s*(?:" + C.ar_words("وفق وفقا بحسب حسب") + r"|\bvia\b|according to)\b.*$", re.S)
POST_MAX = 700  # a text this short, with no prose structure, is one post (tweet): one unit

# Where a denial verb's object starts ("نفت الرئاسة | وجود تعاون ..."), after its subject.
DENIED_OBJECT = _RE(C.B + r"(?:" + C.ar_words("وجود ما صحة تقارير التقارير الأنباء الأخبار أي كل") + r")" + C.E)
MIN_CLAIM_WORDS = 4


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim white space, trailing URLs and edge punctuation from text[s:e]."""
    seg = text[s:e]
    m = URL.search(seg)
    while m and not seg[m.end() :].strip(" \n#_\\w"):
        seg = seg[: m.start()]
        m = URL.search(seg)
    e = s + len(seg)
    while s < e and (text[s].isspace() or text[s] in "،,:؛;-—–.|"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "،,:؛;-—–|"):
        e -= 1
    return s, e


def trim_clause(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a trailing attribution ("، وفق ...") from a content clause."""
    m = TRAIL_ATTR.search(text, s, e)
    if m and m.start() - s > 20:
        e = m.start()
    return strip_span(text, s, e)


def opening_quote(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The quoted words that open the content (within its first words), if substantial."""
    for m in QUOTE_PAIR.finditer(text, s, e):
        lead = text[s : m.start()]
        inner_s = m.start() + 1
        inner_e = m.end() - 1
        if len(lead.split()) <= 4 and len(text[inner_s:inner_e].split()) >= 3:
            return strip_span(text, inner_s, inner_e)
        break
    return None


def title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text)]
    if len(words) < 3 or len(words) < 0.6 * len(text.split()):
        return False
    small = {"of", "the", "to", "and", "a", "an", "in", "on", "by", "for", "at", "from", "with"}
    caps = sum(1 for w in words if w[0].isupper() or w in small)
    return caps / len(words) >= 0.85


def until(text: str, pattern: str) -> str:
    m = re.search(pattern, text)
    return text[: m.start()] if m else text


_NOT_NAME = _RE(
    C.B + r"(?:" + C.ar_words("ضد من إلى عن حول بشأن لأن كما التي الذي ما لا لم") + r")" + C.E
    + r"|\b(?:against|about|because|which|that|not)\b",
    re.I,
)


def plausible_speaker(phrase: str) -> bool:
    """Could this phrase name a speaker? Rejects content clauses mistaken for subjects."""
    words = phrase.split()
    if not words or len(words) > 9:
        return False
    from .sources import looks_like_source

    if looks_like_source(phrase):
        return True
    return len(words) <= 4 and not _NOT_NAME.search(phrase)


def en_subject(before: str) -> str:
    """English subject of a verb: the words before it back to a clause boundary, if name-like.

    Appositions stay ("Jane Doe, the ministry's spokeswoman,"): the source book splits them.
    """
    part = re.split(r"[;:]\s+|\.\s+|\band\b|\bbut\b", before)[-1].strip(" ,")
    if not part or len(part.split()) > 10:
        # "In an interview with X, Y says": the subject is after the last comma.
        part = part.split(",")[-1].strip() if part else ""
    lowered = part.lower()
    if lowered.startswith(("in ", "on ", "at ", "during ", "after ", "before ")) and "," in part:
        part = part.split(",")[-1].strip()
    return part if part and len(part.split()) <= 10 else ""
