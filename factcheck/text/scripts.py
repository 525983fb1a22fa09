"""Which script a text is written in: Arabic or Latin letters, counted once for every stage."""

from __future__ import annotations

import re
from typing import Literal

# Arabic, Arabic Supplement, Arabic Extended-A and the presentation forms (copied PDFs use them).
ARABIC_CHARS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC = re.compile(f"[{ARABIC_CHARS}]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def has_arabic(text: str) -> bool:
    """True when any Arabic-script character occurs."""
    return _ARABIC.search(text) is not None


def arabic_chars(text: str) -> int:
    """Arabic-script characters of any kind (letters, marks, digits, punctuation): a token estimate."""
    return len(_ARABIC.findall(text))


def letter_counts(text: str) -> tuple[int, int]:
    """(Arabic letters, Latin letters): digits and punctuation of either script are not letters."""
    arabic = sum(1 for c in _ARABIC.findall(text) if c.isalpha())
    return arabic, sum(1 for c in _LATIN.findall(text) if c.isalpha())


def script(text: str) -> Literal["ar", "en"]:
    """'ar' or 'en' by the majority of letters (a tie, or no letters, counts as Arabic)."""
    arabic, latin = letter_counts(text)
    return "ar" if arabic >= latin else "en"
