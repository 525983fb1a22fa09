"""Numbers written in digits (any digit script) or in words (Arabic and English number words)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import _lexicon_lazy as lazy
from .._lexicon_lazy import LazyMap
from .normalize import fold

# Number words (lexicon category number), folded: units below 20, tens, and multipliers.
_NUMBERS: LazyMap[int] = LazyMap(lambda: {fold(k): int(v) for k, v in lazy.values("number").items()})
_UNITS: LazyMap[int] = LazyMap(lambda: {k: v for k, v in _NUMBERS.items() if v < 20})
_TENS: LazyMap[int] = LazyMap(lambda: {k: v for k, v in _NUMBERS.items() if 20 <= v < 100})
_MULT: LazyMap[int] = LazyMap(lambda: {k: v for k, v in _NUMBERS.items() if v >= 1000})


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float


def _plain_word(folded: str) -> str:
    return folded[1:] if folded[:1] == "و" and folded[1:] in _TENS | _UNITS | _MULT else folded


def find_numbers(text: str, offset: int = 0) -> list[NumberMention]:
    """Numbers in digits (any digit script) or words, with a following multiplier ("10 ملايين")."""
    ws = [(m.start(), m.end(), fold(m.group())) for m in re.finditer(r"[^\s,،;؛:()\"«»“”]+", text)]
    out: list[NumberMention] = []
    i = 0
    while i < len(ws):
        s, e, f = ws[i]
        f = f.strip(".")
        value: float | None = None
        j = i + 1
        if re.fullmatch(r"\d+(?:[.,]\d+)?", f):
            value = (
                float(f.replace(",", "")) if f.count(",") and len(f.split(",")[-1]) == 3 else float(f.replace(",", "."))
            )
        elif f in _UNITS or f in _TENS:
            value = float(_UNITS.get(f) or _TENS[f])
            # "خمسة وعشرون", "twenty-five" style compounds
            if j < len(ws) and _plain_word(ws[j][2]) in _TENS and ws[j][2].startswith("و"):
                value += _TENS[_plain_word(ws[j][2])]
                j += 1
        elif "-" in f and all(p in _TENS or p in _UNITS for p in f.split("-")):
            value = float(sum(_TENS.get(p) or _UNITS[p] for p in f.split("-")))
        if value is None:
            i += 1
            continue
        if j < len(ws) and ws[j][2] in _MULT:
            value *= _MULT[ws[j][2]]
            j += 1
        e = ws[j - 1][1]
        out.append(NumberMention(offset + s, offset + e, text[s:e], value))
        i = j
    return out
