"""Numbers written in digits (any digit script) or in words (Arabic and English number words)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import _lexicon_lazy as lazy
from .._lexicon_lazy import LazyMap
from .normalize import _TABLES, _UNSAFE, fold

# Number words (lexicon category number), folded: units below 20, tens, and multipliers.
_NUMBERS: LazyMap[int] = LazyMap(lambda: {fold(k): int(v) for k, v in lazy.values("number").items()})
_UNITS: LazyMap[int] = LazyMap(lambda: {k: v for k, v in _NUMBERS.items() if v < 20})
_TENS: LazyMap[int] = LazyMap(lambda: {k: v for k, v in _NUMBERS.items() if 20 <= v < 100})
_MULT: LazyMap[int] = LazyMap(lambda: {k: v for k, v in _NUMBERS.items() if v >= 1000})


@lru_cache(maxsize=1)
def _words() -> tuple[dict[str, int], dict[str, int], dict[str, int], frozenset[str]]:
    """Units, tens, multipliers as plain dicts (a LazyMap's ``in`` is a Python call), and all their words."""
    units, tens, mult = dict(_UNITS), dict(_TENS), dict(_MULT)
    return units, tens, mult, frozenset(tens | units | mult)


@lru_cache(maxsize=1)
def _value_words() -> re.Pattern[str]:
    """Any unit or tens word: a number in words holds one in its folded token. Only whether one
    occurs is asked, so a word holding another from its start is left out (the shorter one occurs
    where it does), and the rest are one trie, which the engine walks letter by letter."""
    units, tens, _, _ = _words()
    words = sorted(units.keys() | tens.keys())
    return re.compile(_trie([w for w in words if not any(w != v and w.startswith(v) for v in words)]))


def _trie(words: list[str]) -> str:
    """A pattern matching exactly ``words``, none of them the start of another."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    alts = [re.escape(c) + (_trie(rest) if rest != [""] else "") for c, rest in sorted(groups.items())]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _may_hold_words(text: str, mapped: str) -> bool:
    """False only when ``text`` provably holds no number in words: no unit or tens word inside the
    character folding of the text (each token's fold is a piece of it: number words hold no space);
    a combining mark that fold composes is not judged here. ``mapped``: the text mapped with
    ``FOLDS``; without ``MARK``, it is the character folding but for ``DROPPED``."""
    if MARK in mapped:
        folded = text.translate(_TABLES[False])
        if _UNSAFE in folded:
            return True
    else:
        folded = mapped.replace(DROPPED, "") if DROPPED in mapped else mapped
    return _value_words().search(folded) is not None


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float


# A token is a run of characters up to white space, a list/clause separator or a bracket/quote. A
# number with comma thousands separators ("1,500,000") is kept whole: a comma directly followed by
# exactly three digits groups digits, while a comma with a space ("1, 2 and 3") or a shorter group
# ("1,2,3") separates list items. A European decimal comma after dot groups ("3.250,5") too.
_TOK = r"[^\s,،;؛:()\"«»“”]"
_TOKEN = re.compile(rf"(?:(?!\d){_TOK})*\d{{1,3}}(?:(?:,\d{{3}})+(?!\d)|(?:\.\d{{3}})+,\d+){_TOK}*|{_TOK}+")
# Sentence punctuation glued to a token's end ("3 million.", "مليون؟") is not part of the token.
_TRAIL = ".!?؟…"
# A token written in digits of any script: a glued ellipsis, Arabic clitics ("and/with/for/so/as",
# the article: "و5", "بـ20", "الـ24", "وللـ3"), then the mention itself: currency or percent sign,
# the number, percent sign. Numbers: comma or Arabic (U+066C) thousands groups with an optional
# decimal part (point or U+066B); European dot groups only where unambiguous (two groups, or a
# decimal comma: "1.500.000", "3.250,5"; a single "1.500" stays the decimal 1.5); or plain digits
# with an optional decimal part.
_DIGITS = re.compile(
    r"[.…]*(?:[وفبلك]ـ?){0,3}(?:الـ?)?(?P<body>[$€£%٪]?"
    r"(?P<num>\d{1,3}(?P<sep>[,٬])\d{3}(?:(?P=sep)\d{3})*(?:[.٫]\d+)?"
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}\.\d{3},\d+|\d+(?:[.٫]\d+)?)[%٪]?)"
)


_ANY_DIGIT = re.compile(r"\d")


def _digit_value(num: str) -> float:
    """Value of a number matched by ``_DIGITS`` (Python's float reads digits of any script)."""
    num = num.replace("٬", ",").replace("٫", ".")
    if num.count(".") > 1 or ("." in num and "," in num and num.index(".") < num.index(",")):
        return float(num.replace(".", "").replace(",", "."))  # European: dots group, comma decimal
    return float(num.replace(",", ""))


class OneCharFolds(dict[int, str]):
    """Code point -> what ``fold`` makes of it alone when that is one character, neither ``_UNSAFE``
    nor white space made of another character; ``DROPPED`` when fold drops it; else ``MARK``.

    A text mapped with this table that holds no ``MARK`` folds character by character, in place:
    ``fold`` of any slice of it is that slice of the mapped text without ``DROPPED``, its white
    space runs joined by one space and stripped. ``DROPPED`` is a letter, as a vowel mark inside a
    word leaves one word; the letter itself is ``MARK``, so every ``DROPPED`` of a mapped text stands
    for a character fold drops."""

    def __missing__(self, code: int) -> str:
        out = _TABLES[False][code]
        if not out:
            out = DROPPED
        elif len(out) != 1 or out in (_UNSAFE, DROPPED) or (out.isspace() and not chr(code).isspace()):
            out = MARK
        self[code] = out
        return out


MARK = "\x00"  # never a one-character fold (fold drops control characters)
DROPPED = "\ua7f9"  # a letter (``\\w``) that news text does not use
FOLDS = OneCharFolds()


@lru_cache(maxsize=1024)
def mapped_folds(text: str) -> str:
    """``text`` mapped with ``FOLDS``, remembered for the next reader of the same text (the words
    around its numbers)."""
    return text.translate(FOLDS)


def _tokens(text: str, mapped: str) -> list[tuple[int, int, str]]:
    """(start, end, folded text) of each token, trailing sentence punctuation cut off. ``mapped``:
    the text mapped with ``FOLDS``."""
    out: list[tuple[int, int, str]] = []
    plain = MARK not in mapped and DROPPED not in mapped
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        if text[e - 1] in _TRAIL:
            e = s + len(m.group().rstrip(_TRAIL))
            if e == s:
                continue
        out.append((s, e, mapped[s:e] if plain else _fold_at(text, mapped, s, e)))
    return out


def _fold_at(text: str, mapped: str, s: int, e: int) -> str:
    """``fold(text[s:e])`` of a token (no white space): its slice of ``mapped`` unless it holds
    ``MARK`` (then it is folded alone)."""
    f = mapped[s:e]
    if MARK in f:
        return fold(text[s:e])
    return f.replace(DROPPED, "") if DROPPED in f else f


# The tokens (of ``_tokens``) holding a digit: a token starts after a character no token holds,
# and one holding a digit holds it in its first run of token characters (a comma joins digit
# groups only). The pattern matches exactly where a scan of all tokens starts one.
_DIGIT_TOKEN = re.compile(rf"(?<!{_TOK})(?={_TOK}*\d)(?:{_TOKEN.pattern})")


def _digit_numbers(text: str, mapped: str) -> tuple[NumberMention, ...]:
    """The numbers of a text holding no number word (``_may_hold_words``): only a token holding a
    digit starts one, and the token after it is read only to find a multiplier."""
    mult = _words()[2]
    out = []
    for m in _DIGIT_TOKEN.finditer(text):
        s, e = m.span()
        if text[e - 1] in _TRAIL:
            e = s + len(m.group().rstrip(_TRAIL))
        digits = _DIGITS.fullmatch(text, s, e)
        if not digits:
            continue
        value = _digit_value(digits.group("num"))
        pos = m.end() if text[e : e + 1].isspace() else len(text)  # a multiplier follows after a space
        while nxt := _TOKEN.search(text, pos):  # the next token, past any of sentence punctuation only
            ns, ne = nxt.span()
            if text[ne - 1] in _TRAIL:
                ne = ns + len(nxt.group().rstrip(_TRAIL))
            if ne > ns:
                if text[e:ns].isspace() and (f := _fold_at(text, mapped, ns, ne)) in mult:
                    value *= mult[f]
                    e = ne
                break
            pos = nxt.end()
        s = digits.start("body")
        out.append(NumberMention(s, e, text[s:e], value))
    return tuple(out)


def _plain_word(folded: str) -> str:
    return folded[1:] if folded[:1] == "و" and folded[1:] in _words()[3] else folded


def _joined(text: str, ws: list[tuple[int, int, str]], j: int) -> bool:
    """Token ``j`` follows token ``j - 1`` across white space only (no comma or full stop between)."""
    return j < len(ws) and text[ws[j - 1][1] : ws[j][0]].isspace()


def _word_value(text: str, ws: list[tuple[int, int, str]], i: int) -> tuple[float | None, int]:
    """Value of a number written in words starting at token ``i``, and the next token's index."""
    units, tens, _, _ = _words()
    f = ws[i][2].strip(".")
    j = i + 1
    if f in units or f in tens:
        value = float(units.get(f) or tens[f])
        # "خمسة وعشرون", "twenty-five" style compounds
        if j < len(ws) and _plain_word(ws[j][2]) in tens and ws[j][2].startswith("و"):
            value += tens[_plain_word(ws[j][2])]
            j += 1
        # "twenty five" written without its hyphen: a tens word then a unit below ten
        if f.isascii() and f in tens and _joined(text, ws, j) and 0 < units.get(ws[j][2], 0) < 10:
            value += units[ws[j][2]]
            j += 1
        return value, j
    if "-" in f and all(p in tens or p in units for p in f.split("-")):
        return float(sum(tens.get(p) or units[p] for p in f.split("-"))), j
    return None, j


def find_numbers(text: str, offset: int = 0) -> list[NumberMention]:
    """Numbers in digits (any digit script) or words, with a following multiplier ("10 ملايين")."""
    from ..lexicon import active  # number words are lexicon data: the active lexicon keys the memo

    found = numbers_keyed(text, active().key)
    if not offset:
        return list(found)
    return [NumberMention(n.start + offset, n.end + offset, n.text, n.value) for n in found]


_MEMO: dict[tuple[str, str], tuple[NumberMention, ...]] = {}
_MEMO_SIZE = 65536


def numbers_keyed(text: str, lexicon_key: str, folded: str | None = None) -> tuple[NumberMention, ...]:
    """``find_numbers`` at offset 0 under the lexicon of ``lexicon_key`` (``lexicon.active().key``),
    remembered: every version of a claim is compared with several others, and one text recurs at
    other offsets (a story repeated in several articles).

    ``folded``: ``fold(text)`` or ``fold(text, loose=True)``, when the caller holds it. A number in
    words holds a unit or tens word in its token's fold, and that is a run of letters of the text's
    fold (a token ends at white space or punctuation, where the fold's composing starts afresh), so
    a text with no digit and none of these words in ``folded`` holds no number: it is answered
    without mapping the text."""
    hit = _MEMO.get((text, lexicon_key))
    if hit is None:
        if folded is not None and not _ANY_DIGIT.search(text) and not _value_words().search(folded):
            hit = ()
        else:
            hit = _numbers(text)
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        _MEMO[(text, lexicon_key)] = hit
    return hit


def _numbers(text: str) -> tuple[NumberMention, ...]:
    """``find_numbers`` at offset 0, read afresh."""
    digit = _ANY_DIGIT.search(text) is not None
    mapped = mapped_folds(text)
    if not _may_hold_words(text, mapped):
        return _digit_numbers(text, mapped) if digit else ()
    ws = _tokens(text, mapped)
    units, tens, mult, _ = _words()
    out: list[NumberMention] = []
    i = 0
    while i < len(ws):
        s, e, f = ws[i]
        digits = _DIGITS.fullmatch(text, s, e) if digit else None
        if digits:
            value: float | None = _digit_value(digits.group("num"))
            s, j = digits.start("body"), i + 1
        elif "-" in f or f.strip(".") in units or f.strip(".") in tens:
            value, j = _word_value(text, ws, i)
        else:
            value = None
        if value is None:
            i += 1
            continue
        if _joined(text, ws, j) and ws[j][2] in mult:
            value *= mult[ws[j][2]]
            j += 1
        e = ws[j - 1][1]
        out.append(NumberMention(s, e, text[s:e], value))
        i = j
    return tuple(out)
