"""Regular expressions from lexicon entries (docs/lexicon.md has the full table).

Arabic entries hold lemmas; the affixes are applied here, as general rules, by part of speech:

- every word tolerates diacritics, alef/hamza (ا أ إ آ), ى/ي and ة/ه variants;
- ``verb`` (past ``text``, present ``present``): past agreement (ت تا وا ا ن نا تم) and present
  person prefixes (ي ت ن أ) with suffixes (ون ين ان وا ا ن); defective stems (نفى/ينفي) drop their
  last letter before a suffix; the category may keep third or first person only, or allow an
  object pronoun;
- ``noun``: ال (a definite entry keeps its own, and takes no pronoun), the proclitics ب ك ل (لل for
  ل + ال; not for source words: "بالوزارة" is no subject) and an attached pronoun (ه ها هم هما كم
  نا ني ي ك; ة becomes ت before it);
- ``adj``: ال, ب ك ل, and agreement endings (ة ا ان تان ين تين ون ات); ``participle``: the endings only;
- ``particle``: nothing but the conjunction;
- ``phrase``: ال ب ك ل on the first word, an optional pronoun on the last; ``w~`` takes agreement
  endings, ``w+`` requires a pronoun, ``a/b`` is either word; ``verb-phrase``: the word equal to the
  entry's present (else the first word) is conjugated;
- the conjunction و/ف is added by the patterns (``CONJ``), outside the matched verb;
- ``word``/``name``: matched as written (sets, dates); ``regex``: the text is a regular expression.

Entries of one category that share a shape (same affixes) are grouped into one prefix, one
alternation of stems and one suffix group: the compiled pattern stays as small as the literal
lists it replaces. English: ``verb`` gives the third person (-s) and the regular past (-ed),
irregular forms in ``variants``; other entries match as written (case-insensitive).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

D = "[\u064b-\u0652\u0670]*"  # optional diacritics after a letter (one more range would cost 10x to compile)
CONJ = "(?:[وف]" + D + ")?"
PRON = "(?:" + "|".join(x + D for x in ("هما", "هم", "ها", "ه", "كم", "نا", "ني", "ي", "ك")) + ")"
_AGREE = "(?:" + "|".join(x + D for x in ("تان", "تين", "ان", "ين", "ون", "ات", "ة", "ه", "ا")) + ")"
_CLITIC = "(?:[بك]" + D + ")?"
_ARTICLE = "(?:ال" + D + ")"
# Proclitics of a noun or adjective: ب/ك then ال, or ل (لل before ال's lam).
_NOUN_PRE = "(?:" + _CLITIC + _ARTICLE + "?|ل" + D + "ل" + D + "|ل" + D + ")"
_DEF_PRE = "(?:" + _CLITIC + _ARTICLE + "|ل" + D + "ل" + D + ")"
_ART_PRE = _ARTICLE + "?"  # source words: the article, but no preposition
_PAST_SUF = "(?:" + "|".join(x + D for x in ("تما", "تم", "تا", "ت", "وا", "نا", "ا", "ن")) + ")"
_PRES_SUF = "(?:" + "|".join(x + D for x in ("ون", "ين", "ان", "وا", "ا", "ن")) + ")"
_PRES_PRE = "[يتنأ]" + D
_FIRST_PRE = "[أن]" + D


def letters(word: str) -> str:
    """An Arabic word tolerant of diacritics and alef / ya / ta-marbuta variants (no affixes)."""
    out = []
    for ch in word:
        if ch in "اأإآ":
            out.append("[اأإآ]")
        elif ch in "يى":
            out.append("[يى]")
        elif ch in "ةه":
            out.append("[ةه]")
        elif ch == " ":
            out.append(r"\s+")
            continue
        else:
            out.append(re.escape(ch))
        out.append(D)
    return "".join(out)


def _alt(parts: Iterable[str]) -> str:
    uniq = sorted(set(parts), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(uniq) + ")" if uniq else "(?!)"


_TA_END = "(?:[ةه]" + D + "|ت" + D + PRON + ")"  # ة, or ت before a pronoun
_DEF_SUF = "(?:ت" + D + "(?:ا" + D + ")?|وا" + D + "|ي" + D + "(?:ت" + D + "|نا" + D + "|تم" + D + "))"
# Affixes around a group of stems (the stems of one category share them, so that the compiled
# pattern stays small: one prefix and one suffix group per shape, not one per entry).
SHAPES: dict[str, tuple[str, str]] = {
    "plain": ("", ""),
    "noun": (_NOUN_PRE, PRON + "?"),
    "noun_ta": (_NOUN_PRE, _TA_END),
    "def": (_DEF_PRE, ""),  # a definite noun takes no pronoun
    "def_ta": (_DEF_PRE, "[ةه]" + D),
    "art": (_ART_PRE, ""),  # source words: no pronoun ("الرئيسي" is no title)
    "art_ta": (_ART_PRE, "[ةه]" + D),
    "art_def": (_ARTICLE, ""),
    "art_def_ta": (_ARTICLE, "[ةه]" + D),
    "art_adj": (_ART_PRE, _AGREE + "?"),
    "art_def_adj": (_ARTICLE, _AGREE + "?"),
    "adj": (_NOUN_PRE, _AGREE + "?"),
    "def_adj": (_DEF_PRE, _AGREE + "?"),
    "agree": ("", _AGREE + "?"),
    "past": ("", _PAST_SUF + "?"),
    "past_def": ("", _DEF_SUF),
    "pres": (_PRES_PRE, _PRES_SUF + "?"),
    "pres_def": (_PRES_PRE, _PRES_SUF),
    "pres_plain": (_PRES_PRE, ""),
    "phrase": (_NOUN_PRE, PRON + "?"),  # proclitics on the first word, a pronoun on the last
    "phrase_ta": (_NOUN_PRE, _TA_END),
    "phrase_agree": (_NOUN_PRE, _AGREE + "?"),
    "first": (_FIRST_PRE, ""),
    "first_n": ("ن" + D, ""),
    "past3": ("", "(?:" + "|".join(x + D for x in ("تا", "ت", "وا", "ن")) + ")?"),  # not ا: نقلا
    "pres3": ("[يت]" + D, _PRES_SUF + "?"),
}
Part = tuple[str, str]  # (shape, stem regex); shape "raw" is a whole regex


def assemble(parts: Iterable[Part]) -> str:
    """One alternation of parts, grouped by shape."""
    by_shape: dict[str, list[str]] = {}
    for shape, core in parts:
        by_shape.setdefault(shape, []).append(core)
    out = []
    for shape, cores in sorted(by_shape.items()):
        if shape == "raw":
            out.extend(cores)
        else:
            pre, suf = SHAPES[shape]
            out.append(pre + _alt(cores) + suf)
    return _alt(out) if len(out) != 1 else out[0]


def _stem_ta(word: str) -> tuple[str, bool]:
    return (word[:-1], True) if word.endswith("ة") else (word, False)


def _with_pronoun(word: str) -> str:
    """A word that may carry an attached pronoun (ة becomes ت before it)."""
    stem, ta = _stem_ta(word)
    return letters(stem) + (_TA_END if ta else PRON + "?")


def _agreeing(word: str) -> str:
    return letters(_stem_ta(word)[0]) + _AGREE + "?"


def ar_verb(past: str | None, present: str | None, *, persons: str = "all") -> list[Part]:
    """The person/number/gender forms of a verb from its past and present (3rd masc. sing.):
    ``persons`` "all", "third" (no نا/تم, no أ/ن prefixes) or "first" (present أ/ن only; the أ form
    not when it is also the past, as in أعلن)."""
    first_person = persons == "first"
    parts: list[Part] = []
    if past and not first_person:
        if past[-1] in "ىا" and len(past) > 2:  # defective: نفى -> نفت، نفوا، نفينا
            parts += [("plain", letters(past)), ("past_def", letters(past[:-1]))]
        else:
            parts.append(("past3" if persons == "third" else "past", letters(past)))
    if present:
        stem = present[1:] if present[0] in "يتنأ" and len(present) > 2 else present
        if first_person:
            parts.append(("first" if past is None or "أ" + stem != past else "first_n", letters(stem)))
        elif stem[-1] in "يى":  # ينفي -> ينفون (a suffix is then required: "ير" alone is no verb)
            parts += [("pres_plain", letters(stem)), ("pres_def", letters(stem[:-1]))]
        else:
            parts.append(("pres3" if persons == "third" else "pres", letters(stem)))
    return parts


def ar_noun(word: str, *, prepositions: bool = True) -> list[Part]:
    definite = word.startswith("ال") and len(word) > 4
    stem, ta = _stem_ta(word[2:] if definite else word)
    shape = ("def" if definite else "noun") if prepositions else ("art_def" if definite else "art")
    return [(shape + ("_ta" if ta else ""), letters(stem))]


def ar_adj(word: str, *, prepositions: bool = True, article: bool = True) -> list[Part]:
    definite = word.startswith("ال") and len(word) > 4
    stem = letters(_stem_ta(word[2:] if definite else word)[0])
    if not article and not definite:
        return [("agree", stem)]
    if not prepositions:
        return [("art_def_adj" if definite else "art_adj", stem)]
    return [("def_adj" if definite else "adj", stem)]


def ar_participle(word: str) -> list[Part]:
    """A circumstantial participle (قائلا، مشيرة): agreement endings, no article or preposition."""
    return [("agree", letters(_stem_ta(word)[0]))]


def _pronoun_required(word: str) -> str:
    if word.endswith("ى"):  # إلى -> إليّ، إليه
        return letters(word[:-1]) + "ي" + D + PRON + "?"
    stem, ta = _stem_ta(word)
    return letters(stem) + ("ت" + D if ta else "") + PRON


def _phrase_word(w: str, *, last: bool) -> str:
    base = w.rstrip("~+")
    if w.endswith("~"):
        return _agreeing(base)
    if w.endswith("+"):
        return _pronoun_required(base)
    return _with_pronoun(base) if last else letters(base)


def ar_phrase(text: str, *, present: str | None = None, verb: bool = False) -> list[Part]:
    """A multiword phrase: proclitics on its first word and a pronoun on its last; a word written
    ``w~`` takes agreement endings, ``w+`` an attached pronoun, ``a/b`` is either word. With
    ``verb``: the word equal to ``present`` is conjugated in the present, else the first word is
    a verb (past + present)."""
    words = text.split()
    bare = [w.rstrip("~+") for w in words]
    verb_at = -1
    if verb:
        verb_at = bare.index(present) if present in bare else 0
    tail = words[-1].split("/")
    agree = {a.endswith("~") for a in tail}
    ends = {a.rstrip("~").endswith("ة") for a in tail}
    if verb_at < 0 and len(words) > 1 and not any(a.endswith("+") for a in tail) and len(ends) == len(agree) == 1:
        # The common case shares its affixes with the category's other phrases (a smaller pattern).
        ta, ag = ends.pop(), agree.pop()
        body = [_alt(_phrase_word(a, last=False) for a in w.split("/")) for w in words[:-1]]
        body.append(_alt(letters(a.rstrip("~")[:-1] if ta else a.rstrip("~")) for a in tail))
        shape = "phrase_agree" if ag else ("phrase_ta" if ta else "phrase")
        return [(shape, r"\s+".join(body))]
    out = []
    for i, w in enumerate(words):
        last = i == len(words) - 1 and len(words) > 1
        if i == verb_at:
            r = assemble(ar_verb(None if present == bare[i] else bare[i], present))
            if w.endswith("+"):
                r += PRON
        else:
            r = _alt(_phrase_word(alt, last=last) for alt in w.split("/"))
        if i == 0 and i != verb_at:
            r = _NOUN_PRE + r
        out.append(r)
    return [("raw", r"\s+".join(out))]


def en_forms(lemma: str, *, past: bool = True) -> list[str]:
    """Third person singular and (unless irregular) the regular past of an English verb."""
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms = [lemma[:-1] + "ies", lemma[:-1] + "ied"]
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms = [lemma + "es", lemma + "ed"]
    elif lemma.endswith("e"):
        forms = [lemma + "s", lemma + "d"]
    else:
        forms = [lemma + "s", lemma + "ed"]
    return forms if past else forms[:1]


def en_words(text: str) -> str:
    return r"\s+".join(re.escape(w) for w in text.split())


def alternation(parts: Iterable[str]) -> str:
    return _alt(parts)


def objects(regex: str) -> str:
    """A verb alternation that may carry an attached object pronoun ("أكده")."""
    return "(?:" + regex + ")" + PRON + "?"
