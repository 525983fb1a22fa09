"""Arabic names in Latin script for the English part, when the articles give no Latin form.

A documented table, not a library: the letters follow the common newspaper romanisation (ALA-LC
and UNGEGN without diacritics: ش sh, خ kh, ث th, ذ dh, غ gh, ع and hamza dropped, ة a, the article
"al-"). Arabic script does not write short vowels, so a name cannot be transliterated exactly; two
rules guess the commonest ones: و/ي between consonants are the long vowels u/i, and an "a" opens a
word that starts with two consonants (كريم Karim) and splits two final ones (أحمد Ahmad). Measured
on the fixtures' names that have an English form (docs/brief.md, tests/test_translit.py). The result
is always shown marked as a transliteration, never as the article's words.
"""

from __future__ import annotations

import re

from ..text.scripts import has_arabic

# Consonants (ALA-LC without diacritics). Hamza and ع are dropped: newspapers mostly omit them.
_CONSONANT = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g",
}  # fmt: skip
_SILENT = set("ءئؤ")  # hamza and its carriers: not written in the common romanisation
_LONG_A = set("اآأإى")
_WEAK = {"و": ("w", "u"), "ي": ("y", "i")}  # (as a consonant, as a long vowel)
_WORDS = {"بن": "bin", "بنت": "bint", "ابن": "ibn", "أبو": "Abu", "عبد": "Abd", "الله": "Allah"}
_DIACRITICS = re.compile(r"[\u064b-\u0652\u0670\u0640]")  # short-vowel marks and tatweel


def nxt_of(word: str, i: int) -> str:
    return word[i + 1] if i + 1 < len(word) else ""


def _units(word: str) -> list[tuple[str, bool]]:
    """(latin, is_consonant) for each letter of a bare word."""
    out: list[tuple[str, bool]] = []
    for i, ch in enumerate(word):
        prev_vowel = i == 0 or not out or not out[-1][1]
        if ch in _CONSONANT:
            out.append((_CONSONANT[ch], True))
        elif ch == "ة":
            out.append(("a", False))
        elif ch == "ع":  # not written either, but it carries a vowel: شرع Shara, عمر Amar
            if nxt_of(word, i) not in _LONG_A and (not out or out[-1][1]):
                out.append(("a", False))
        elif ch in _LONG_A:
            if i == 0 and ch == "إ":
                out.append(("i", False))
            elif i == 0 or (out and out[-1][1]) or ch == "ى":
                out.append(("a", False))
        elif ch in _WEAK:
            consonant, vowel = _WEAK[ch]
            nxt = nxt_of(word, i)
            if ch == "ي" and nxt == "ة" and i + 2 == len(word) and out and out[-1][1]:
                out.append(("iy", True))  # the nisba ending ـية: السورية al-Suriya
                continue
            as_consonant = i == 0 or prev_vowel or nxt in _LONG_A or nxt == "ة"
            out.append((consonant, True) if as_consonant else (vowel, False))
        elif ch in _SILENT:
            continue
        elif ch.isdigit():
            out.append((str(int(ch)), False))  # Arabic-Indic digits too
        elif not ch.isalpha():
            out.append((ch, False))
    return out


def _word(word: str) -> str:
    units = _units(word)
    if len(units) >= 2 and units[0][1] and units[1][1]:
        units.insert(1, ("a", False))  # كريم -> Karim
    if len(units) >= 3 and units[-1][1] and units[-2][1]:
        units.insert(len(units) - 1, ("a", False))  # أحمد -> Ahmad
    return "".join(u for u, _ in units)


def transliterate(name: str) -> str:
    """ "كريم الحداد" -> "Karim al-Hadad" (a guess at the short vowels; see the module's docstring)."""
    out = []
    for raw in _DIACRITICS.sub("", name).split():
        word = raw.strip("«»\"'“”()،,.:")
        if word in _WORDS:
            out.append(_WORDS[word])
            continue
        article = word.startswith("ال") and len(word) > 3
        core = word[2:] if article else word
        if word.startswith("وال") and len(word) > 4:  # "و" (and) glued to the article
            out.append("wa")
            article, core = True, word[3:]
        if not has_arabic(core):
            out.append(raw)
            continue
        latin = _word(core)
        latin = latin[:1].upper() + latin[1:]
        out.append(("al-" if out else "Al-") + latin if article else latin)
    return " ".join(w for w in out if w)
