"""Sentence spans: one definition of where a sentence ends, for the extractor, reconciler and renderer."""

from __future__ import annotations

import re
from bisect import bisect_left

# A sentence ends at its punctuation or at a line break (Arabic question mark included).
SENTENCE_END = re.compile(r"[.!?؟\n]")
# Between two sentences: the end punctuation (closing quotes after it stay with the sentence) and the
# white space after it, or a run of line breaks.
_BETWEEN = re.compile(r"(?<=[.!?؟…])[\"'”»)]*\s+|\n+")


_END_CHARS = ".!?؟\n"  # what SENTENCE_END matches


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding text[start:end], widened to include the whole span."""
    s = start
    while s > 0 and text[s - 1] not in _END_CHARS:
        s -= 1
    m = SENTENCE_END.search(text, end)
    return s, (m.start() if m else len(text))


class SentenceEnds:
    """Where the sentences of one text end, found once: ``sentence_around`` for each of its many
    spans by bisection (a long article holds many claims, each walked back to its sentence start)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.ends = [m.start() for m in SENTENCE_END.finditer(text)]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """``sentence_around(text, start, end)``."""
        ends = self.ends
        i = bisect_left(ends, start) if start > 0 else 0
        j = bisect_left(ends, end)
        return (ends[i - 1] + 1 if i else min(start, 0)), (ends[j] if j < len(ends) else self.length)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end] (split at sentence punctuation and newlines), trimmed."""
    out = []
    pos = start
    for m in _BETWEEN.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    result = []
    for s, e in _join_open_quotes(text, out):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            result.append((s, e))
    return result


def _open_quote(seg: str) -> bool:
    return seg.count('"') % 2 == 1 or seg.count("“") > seg.count("”") or seg.count("«") > seg.count("»")


def _join_open_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence that opens a quotation and does not close it continues into the next ones (on the
    same line, at most 3 more, 800 characters): '"I never did. I have not." he said' is one sentence."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        j = i
        while _open_quote(text[s:e]) and j + 1 < len(spans) and j - i < 3:
            ns, ne = spans[j + 1]
            if "\n" in text[e:ns] or ne - s > 800:
                break
            e = ne
            j += 1
        if _open_quote(text[s:e]):  # never closed: keep the sentences apart
            out.append(spans[i])
            i += 1
            continue
        out.append((s, e))
        i = j + 1
    return out
