"""Embedded posts: the signature line scrapers leave under a quoted post (tweet).

``<text> — Name (@handle) November 14, 2025``, the date in English or written out in the article's
language (``14 نوفمبر 2025``). One definition serves ingest (a date in a signature is the post's, not
the article's), the extractor (the post's body is a statement unit) and the reconciler (a post's
date is context for a claim inside it).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache

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
    return _posts(text).signature(start, end)


class Posts:
    """The dated signatures of one text and its lines, read once: the reconciler asks for every claim
    of an article, and a long article has thousands."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sig_spans = [m.span() for m in signatures(text)]
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.sig_lines: list[int] = []
        if not self.sig_spans:  # no post: the lines are never read
            return
        pos = 0
        for line in text.split("\n"):
            self.starts.append(pos)
            self.ends.append(pos + len(line))
            pos += len(line) + 1
        self.sig_lines = [bisect_right(self.starts, s0) - 1 for s0, _ in self.sig_spans]

    def signature(self, start: int, end: int) -> tuple[int, int] | None:
        """``embed_signature(text, start, end)``."""
        if not self.sig_spans:
            return None
        text, starts, ends, sig_lines, sig_spans = self.text, self.starts, self.ends, self.sig_lines, self.sig_spans
        li = bisect_right(starts, start) - 1
        if li < 0 or start > ends[li]:
            return None
        # Only a signature on the span's line or within 3 lines of it can hold it: look at those only,
        # in text order (signature lines never decrease along the text).
        for n in range(bisect_left(sig_lines, li - 3), bisect_right(sig_lines, li + 3)):
            si = sig_lines[n]
            if si == li:
                return sig_spans[n]
            lo, hi = sorted((si, li))
            between = (text[starts[k] : ends[k]] for k in range(lo, hi + 1) if k != si)
            if not any(has_arabic(line) for line in between):
                return sig_spans[n]
        return None


@lru_cache(maxsize=4)
def _posts(text: str) -> Posts:
    return Posts(text)
