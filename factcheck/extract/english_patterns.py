"""Compiled patterns and text helpers of the English rules, built from the lexicon in ``english``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import shipped
from .english import (
    ABBREVIATIONS,
    ACCORDING,
    ADDRESSEE_VERBS,
    ADDRESSEES,
    CLAUSE_OPENERS,
    DISCOURSE_LEADS,
    EVIDENCE_NOUNS,
    FEMALE_WORDS,
    INTENT_VERBS,
    MALE_WORDS,
    NOT_FINITE_BEFORE,
    NOT_SPEAKER_WORDS,
    NOUN_FORMS,
    NOUN_MARKERS,
    OBJECT_CONTENT_VERBS,
    OBJECT_VERBS,
    OCCASIONS,
    PLURAL_SUBJECTS,
    SPEECH_VERBS,
    SUBJECT_STARTERS,
    SUBJECT_TAIL,
    SUBORDINATORS,
    THOUGHT_VERBS,
    TIME_WORDS,
)
from .segment import Unit


def _forms(key: str) -> list[str]:
    """'tell|told' -> told, tell, tells, telling; 'point out' -> pointed out, points out ..."""
    words = key.split()
    parts = words[0].split("|")
    lemma = parts[0]
    rest = "".join(" " + w for w in words[1:])
    if len(parts) > 1:
        past = parts[1]
    elif lemma.endswith("e"):
        past = lemma + "d"
    elif re.search(r"[^aeiou]y$", lemma):
        past = lemma[:-1] + "ied"
    else:
        past = lemma + "ed"
    part = parts[2] if len(parts) > 2 else past
    if re.search(r"(?:s|sh|ch|x|z)$", lemma):
        third = lemma + "es"
    elif re.search(r"[^aeiou]y$", lemma):
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("e") and not lemma.endswith("ee"):
        ing = lemma[:-1] + "ing"
    elif past.endswith(lemma[-1] * 2 + "ed"):
        ing = past[:-2] + "ing"
    else:
        ing = lemma + "ing"
    return [f + rest for f in dict.fromkeys([past, part, lemma, third, ing])]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_LEMMA: dict[str, str] = {}
for _key in [*SPEECH_VERBS, *THOUGHT_VERBS, *OBJECT_CONTENT_VERBS]:
    for _f in _forms(_key):
        _LEMMA.setdefault(_f, _key.split("|")[0])
# Intention verbs whose content is a "to" clause ("The council plans to sell the land"); not
# "expected to", mostly a reduced passive ("the senator, expected to win, ...").
_PLAN_KEYS = ["|".join(e.forms) for e in shipped().of("plan_verb", "en")]
_PLAN = re.compile(r"(?<![\w’'-])(" + _alt([f for k in _PLAN_KEYS for f in _forms(k) if f != "expected"]) + r")\s+to\s")
# A record as a source: "A 2014 study of 300 schools found ...", "Video of the arrest shows ...". The
# noun heads the subject; what stands between it and the verb modifies it (no sentence break).
_RECORD = re.compile(
    r"(?<![\w’'-])(?i:"
    + _alt([*EVIDENCE_NOUNS, *(f for e in shipped().of("record_noun", "en") for f in e.forms)])
    + r")(?![\w’'-])(?P<mid>[^.;:!?“”\"]{0,120}?)\s+(?:has\s+|have\s+|had\s+)?(?P<verb>"
    + _alt([f for e in shipped().of("record_verb", "en") for f in _forms("|".join(e.forms)) if not f.endswith("ing")])
    + r")\b"
)
# "In the latest poll of 900 voters, the mayor leads by six points": a record that frames a sentence
_RECORD_FRAME = re.compile(
    r"(?:In|Under)\s+(?P<who>(?:the|a|an|this|that|its|their|his|her|one|[A-Z][\w.’'&-]*)\s+(?:[^,.;:]{0,60}?\s)?(?i:"
    + _alt([*EVIDENCE_NOUNS, *(f for e in shipped().of("record_noun", "en") for f in e.forms)])
    + r")(?![\w’'-])[^,.;:]{0,80}?)(?:,\s+[a-z]+ed\b[^,.;:]{0,60})?,\s+(?=[A-Z\w])"
)
_FN = r"(?:about|of|for|to|in|on|at|by|from|with|as|than|because|if|when|and|or|but)\b"
# A clause with no "that" after a belief verb: a determiner opens its subject, or a finite verb
# follows a short subject ("believes his plan will work", "believe subsidies are unfair").
_BARE_CLAUSE = re.compile(
    r"(?:these|those|his|her|their|its|our|my|your|some|most|many|no|every|all|both|few)\s+(?!" + _FN + r")[\w’'-]+"
    r"|(?!" + _FN + r")[\w’'-]+\s+(?:(?:(?!" + _FN + r")[\w’'-]+|and)\s+){0,3}?"
    r"(?:is|are|was|were|will|would|can|could|should|has|have|had|may|might|must)\b"
)  # "believe subsidies are unfair", "believe bigotry and fear are acceptable"
# Verbs whose object is what a named subject puts forward or turns down ("The mayor cited the
# audit as proof"); the base form only after a plural subject and -ing only after "is"/"was" (the
# rules check both: a base form or a bare -ing is a noun too often).
_STANCE_KEYS = ["|".join(e.forms) for e in shipped().of("object_stance_verb", "en")]
_STANCE = re.compile(
    r"(?<![\w’'-])("
    + _alt([f for k in _STANCE_KEYS for f in _forms(k) if not f.endswith("ing")])
    + r"|"
    + _alt([f for k in _STANCE_KEYS for f in _forms(k) if f.endswith("ing")])
    + r")\s+(?=[\w“\"$])(?!(?:about|from|over|on|of|for|by|in|at|to|with|into|which|who)\b|[a-z]+ed\b)"
)  # a preposition or a participle after it makes it a noun: "questions about", "demands sparked by"
_STANCE_BASE = {k.split("|")[0] for k in _STANCE_KEYS}
# ", citing the audit": a stance verb's participle after a comma goes on with the sentence's speaker
_STANCE_PARTICIPLE = re.compile(
    r",\s+(?:and\s+)?(" + _alt([f for k in _STANCE_KEYS for f in _forms(k) if f.endswith("ing")]) + r")\s+(?=[\w“\"$])"
)
# "Critics see the toll as a tax": how a subject sees something, its object and the "as"
# complement; a short object with no punctuation (the passive "is seen as" has none).
_REGARD_KEYS = ["|".join(e.forms) for e in shipped().of("regard_verb", "en")]
_REGARD = re.compile(
    r"(?<![\w’'-])(" + _alt([f for k in _REGARD_KEYS for f in _forms(k)]) + r")\s+"
    r"(?=(?:(?!as\b)[\w’'$%-]+\s+){1,10}as\s+[\w“\"$])"
)
# "Many farmers are afraid that ...": a belief or feeling adjective after a copula, then its clause.
_BELIEF_STATE = re.compile(
    r"(?<![\w’'-])(?:is|are|was|were|am|remains?|remained|be|been|[’']re|[’']m)\s+(?:not\s+|also\s+|still\s+)?"
    r"(?:\w+ly\s+)?(?P<adj>" + _alt([f for e in shipped().of("belief_adjective", "en") for f in e.forms]) + r")\s+"
    r"(?:that\s+)?"
)
# "Ann Lee's claim that ...", "his belief that ...": a possessor's statement named by a noun
_CLAIM_NOUN = re.compile(
    r"(?:(?P<who>(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*?)[’']s|(?P<pro>\b(?:his|her|their|its)))\s+"
    r"(?:[a-z]+\s+)?(?:"
    + _alt([f for e in shipped().of("claim_noun", "en") for f in e.forms])
    + r")(?:\s+(?:is|was))?\s+that\s+"
)
_PAST = {_forms(k)[0] for k in [*SPEECH_VERBS, *THOUGHT_VERBS]}
_THOUGHT = {k.split("|")[0] for k in THOUGHT_VERBS}
_OBJECT = {k.split("|")[0] for k in OBJECT_VERBS}
_OBJECT_CONTENT = set(OBJECT_CONTENT_VERBS)
_INTENT = set(INTENT_VERBS)
_NOUN_FORMS = set(NOUN_FORMS)
_GENDER = {**dict.fromkeys(MALE_WORDS, "m"), **dict.fromkeys(FEMALE_WORDS, "f")}
_CUE = re.compile(r"(?<![\w’'-])(?:" + _alt(list(_LEMMA)) + r"|" + _alt(list(ACCORDING)) + r")(?![\w’'-])", re.I)
_LEADS = re.compile(r"^(?:(?:" + _alt(list(DISCOURSE_LEADS)) + r")\b[\s,]*)+", re.I)
_TAIL = re.compile(r"(?:\s+(?:" + _alt(list(SUBJECT_TAIL)) + r"|will|would|did|does|do))+$", re.I)
_TIME = re.compile(
    r"(?:(?:on|last|this|early|late|on\s+Monday|late\s+on)\s+)?(?:" + _alt(list(TIME_WORDS)) + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b|(?:on\s+)?[A-Z][a-z]{2,4}\.?\s+\d{1,2}\b",
    re.I,
)
_ADDRESSEE = re.compile(
    r"(?:" + _alt(list(ADDRESSEES)) + r")\b|(?:(?:the|The)\s+)?(?:[A-Z][\w.&’'-]*\s+(?:of\s+|and\s+)?)*[A-Z][\w.&’'-]*"
    r"|(?:the|a|an|his|her|their|its|our)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*(?=\s+(?:that|the|a|an|he|she|it|they|we|"
    r"i|there|this|his|her|their|[A-Z]))"
)
_PP = re.compile(
    r"(?:in|during|at|on|via|through|over|with|to|after|before|while|from|of)\s+[^,.;:“”\"]{1,70}?"
    r"(?=\s*(?:,|:|\bthat\b|[“\"]|''))",
    re.I,
)
_PROGRESSIVE = re.compile(
    r"\b(?:is|are|was|were|isn[’']t|aren[’']t|wasn[’']t|weren[’']t)\s+(?:not\s+|also\s+|still\s+|now\s+)?$|\w[’']s\s+$",
    re.I,
)
_SUBORD = _alt(list(SUBORDINATORS))
_ADDRESSEE_VERBS = set(ADDRESSEE_VERBS)
_EVIDENCE = set(EVIDENCE_NOUNS)
_OPENERS = re.compile(r"\s*(?:" + _alt(list(CLAUSE_OPENERS)) + r"|" + _alt(list(DISCOURSE_LEADS)) + r")\b", re.I)
_ABBREV = re.compile(r"(?:^|\s)(?:" + _alt(list(ABBREVIATIONS)) + r"|[A-Z]\.|(?:[A-Z]\.){2,})$")
_PERSON = re.compile(r"(?!The\b)(?:[A-Z][\w.’'-]*\s*){1,5}")  # a name: capitalised words, not "The ..."
# What follows a verb but cannot open its content: "damage estimated at ...", "said to be ...".
_NOT_CLAUSE = re.compile(r"(?:at|by|to|for|of|from|with|into|about|against|up|out|off|over|in|on|during)\b")
# Where the reporter takes over inside a sentence: ", which ..." or "and warned ..." (a new act).
# The speaker's next act: "..., adding that ...", "...; they ...", "... and said ..." (a cue verb's
# participle after a comma, or its finite form after "and"/"but").
# Past forms only after "and" ("and state law" is a noun); participles only after a comma.
_ACTS = [_forms(k) for k in [*SPEECH_VERBS, *THOUGHT_VERBS, *OBJECT_CONTENT_VERBS, *_PLAN_KEYS, *_STANCE_KEYS]]
_PARTICIPLES = frozenset(w for f in _ACTS for w in f if w.endswith("ing") and " " not in w)
_REPORTER_TAIL = re.compile(
    r",\s+which\b|;\s|,?\s+(?:and|but)\s+(?:also\s+|later\s+|then\s+)?(?:[a-z]{3,}ed|says|"
    + _alt([f[0] for f in _ACTS if " " not in f[0]])
    + r")\b|,\s+(?:"
    + _alt([w for f in _ACTS for w in f if w.endswith("ing")])
    + r")\b"
)
# The occasion at the end of a reported clause: "... in a statement on Thursday."
_OCCASION_TAIL = re.compile(
    r"\s+(?:in|during|at)\s+(?:a|an|his|her|their|its|the)\s+(?:[\w-]+\s+){0,3}?(?:"
    + _alt(list(OCCASIONS))
    + r")\b(?:\s+(?:on|to|with|at|in|from|last|this|earlier)\b[^,;.]{0,40})?[.]?$"
    + r"|,?\s+(?:(?:on|last|early|late|earlier)\s+)?(?:"
    + _alt([w for w in TIME_WORDS if " " not in w])
    + r")(?:\s+(?:morning|afternoon|evening|night))?[.]?$",
    re.I,
)
_MARK = re.compile(r"''|``|[“”\"]|\n\s*\n|\n")
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "we": "p", "it": "o", "who": "?", "i": "?"}
_DETS = set(NOUN_MARKERS)
_SUBJECT_DETS = set(SUBJECT_STARTERS)
_MODAL = set(NOT_FINITE_BEFORE)
_FUNCTION = set(NOT_SPEAKER_WORDS)
_PLURAL = set(PLURAL_SUBJECTS)


def _plural(who: str) -> bool:
    """A plural subject ("experts", "Ann Lee and Tom Park", "many"): a base-form verb after it is finite."""
    words = who.lower().split()
    return bool(words) and (words[-1] in _PLURAL or words[-1].endswith("s") or "and" in words or words[0] in _PLURAL)


def _full_stop(seg: str) -> bool:
    """Does seg hold a sentence end (a period that does not close 'Dr.' or an initial)?"""
    return any(not _ABBREV.search(seg[: m.start() + 1]) for m in re.finditer(r"\.\s", seg))


@dataclass
class EnAttribution:
    speaker: str | None  # source id
    content: tuple[int, int]  # the reported content (the quotation, or the reported clause)
    verb: str
    written: str = ""  # the speaker as written


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation including its marks; an unclosed one ends with its paragraph.

    Marks: “…”, "…", and the ASCII renderings ''…'' and ``…'' that some archives use."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    opener = ""
    for m in _MARK.finditer(text):
        ch = m.group()
        if ch.startswith("\n"):
            if start is not None:
                out.append((start, m.start()))
                start = None
            continue
        if start is None:
            if ch == "”":  # a closing mark with no opening one: nothing to close
                continue
            start, opener = m.start(), ch
        elif (ch == "”" and opener in "“``") or (ch == opener and ch in ('"', "''")) or (ch == "''" and opener == "``"):
            out.append((start, m.end()))
            start = None
        elif ch in ("“", "``"):
            start, opener = m.start(), ch  # a stray opening mark restarts the quotation
    if start is not None:
        out.append((start, len(text)))
    return [(s, e) for s, e in out if e - s > 2]


def _mark(text: str, pos: int, closing: bool = False) -> int:
    """Length of the quotation mark at pos (at pos - length when closing), 0 if none."""
    if closing:
        return 2 if text[max(0, pos - 2) : pos] == "''" else int(text[pos - 1 : pos] in ('"', "”"))
    return 2 if text[pos : pos + 2] in ("''", "``") else int(text[pos : pos + 1] in ('"', "“"))


def merge_abbreviations(text: str, units: list[Unit]) -> list[Unit]:
    """Rejoin sentences split after 'Sen.', an initial or '(D-Ore.)': the split cuts a speaker from its verb.

    A 'sentence' that starts in lower case continues the one before."""
    out: list[Unit] = []
    for u in units:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.embed is None
            and u.embed is None
            and "\n" not in text[prev.end : u.start]
            and (_ABBREV.search(text[prev.start : prev.end]) or u.text[:1].islower())
        ):
            out[-1] = Unit(prev.start, u.end, text[prev.start : u.end], paragraph=prev.paragraph)
            continue
        out.append(u)
    return out
