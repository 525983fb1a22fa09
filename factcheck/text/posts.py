"""Embedded posts: the signature line scrapers leave under a quoted post (tweet).

``<text> — Name (@handle) November 14, 2025``, the date in English or written out in the article's
language (``14 نوفمبر 2025``). One definition serves ingest (a date in a signature is the post's, not
the article's), the extractor (the post's body is a statement unit) and the reconciler (a post's
date is context for a claim inside it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .dates import parse_date
from .scripts import has_arabic

_POST_DATE = r"[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [^\W\d_]+ \d{4}"
# The dash may be glued to the text before it; the name never spans a line or another dash.
SIGNATURE = re.compile(
    r"[—–-]\s*(?P<name>[^\n—–()]{1,80}?)\s*\((?P<handle>@\w{1,30})\)\s*(?P<date>" + _POST_DATE + r")?"
)


def is_dated(m: re.Match[str]) -> bool:
    """A signature match whose date is a real calendar date (a bare handle is not a post)."""
    date = m.group("date")
    return date is not None and parse_date(date) is not None


def signatures(text: str) -> Iterator[re.Match[str]]:
    """Every dated post signature in ``text``, in text order."""
    return (m for m in SIGNATURE.finditer(text) if is_dated(m))


def embed_signature(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The signature of the embedded post holding text[start:end], if any.

    A span is in a post when it shares a line with the signature, or sits on lines next to it that
    hold no Arabic (a Latin-script post embedded in an Arabic article).
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    li = next((k for k, (s, e) in enumerate(lines) if s <= start <= e), None)
    if li is None:
        return None
    for m in signatures(text):
        s0, e0 = m.span()
        si = next(k for k, (s, e) in enumerate(lines) if s <= s0 <= e)
        if si == li:
            return s0, e0
        lo, hi = sorted((si, li))
        between = (text[lines[k][0] : lines[k][1]] for k in range(lo, hi + 1) if k != si)
        if hi - lo <= 3 and not any(has_arabic(line) for line in between):
            return s0, e0
    return None
