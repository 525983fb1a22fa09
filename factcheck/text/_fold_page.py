"""A code page for ``normalize.fold``: the characters news text is mostly written in (ASCII; the
letters, marks, digits and punctuation of Arabic and Persian; typographic spaces, quotes, dashes and
direction marks), each of which folds alone to at most one character.

Text written only in these characters folds through three C loops over bytes (encode to the page,
drop the bytes that fold to nothing, decode each byte to its folded character): the very output of
``str.translate`` with the fold table, without its dictionary lookup per character.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

PAGE_CHARS = [
    *map(chr, range(0x80)),
    *"\u060c\u061b\u061c\u061f",
    *map(chr, [*range(0x0621, 0x063B), *range(0x0640, 0x0653), *range(0x0660, 0x066D), 0x0670, 0x0671]),
    *"\u067e\u0686\u0698\u06a9\u06af\u06cc",
    *map(chr, range(0x06F0, 0x06FA)),
    *"\u00a0\u00ab\u00bb\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u200c\u200d\u200e\u200f\u2022\u00b0",
]
_UNDEFINED = "\ufffe"  # an unused byte of a charmap table
PAGE = codecs.charmap_build("".join(PAGE_CHARS).ljust(256, _UNDEFINED))


def page_fold(table: Mapping[int, str], unsafe: str) -> tuple[str, bytes]:
    """The decoding table (byte -> its character folded by ``table``) and the bytes whose character
    folds to nothing. A character folding to more than one character, to ``unsafe`` (the mark that
    sends a text to the slow road) or to white space but " " cannot be in the page."""
    out, drop = [], bytearray()
    for b, ch in enumerate(PAGE_CHARS):
        folded = table[ord(ch)]
        if len(folded) > 1 or folded == unsafe or (folded.isspace() and folded != " "):
            raise ValueError(f"U+{ord(ch):04X} cannot be in the fold page")
        out.append(folded or ch)
        if not folded:
            drop.append(b)
    return "".join(out).ljust(256, _UNDEFINED), bytes(drop)


def page_words(table: Mapping[int, str], unsafe: str, word: re.Pattern[str]) -> tuple[str, bytes]:
    """``page_fold``'s tables with every folded character that is not one ``word`` character turned
    into a space: the words of a folded text are then its runs of what is not white space (a word
    character never is; checked here)."""
    folded, drop = page_fold(table, unsafe)
    out = []
    for ch in folded:
        if ch == _UNDEFINED or word.fullmatch(ch):
            if ch.isspace():
                raise ValueError(f"U+{ord(ch):04X} is a word character and white space")
            out.append(ch)
        else:
            out.append(" ")
    return "".join(out), drop
