"""Split long articles on paragraph boundaries into chunks under a token budget.

Every chunk is a contiguous slice of the article (``article[start:end] == chunk.text``), so a quote
found in a chunk maps to the whole article by adding ``chunk.start``. Tokens are estimated cheaply
(characters / 3: Arabic runs at about 2.5-3.5 characters per token in common tokenizers, English at
about 4, so this over-estimates rather than overflows).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

CHARS_PER_TOKEN = 3.0

_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LINE = re.compile(r"\n\s*")
_SENTENCE = re.compile(r"(?<=[.!?؟。…])\s+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int
    end: int
    text: str


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def _pieces(text: str, start: int, end: int, limit: int, level: int = 0) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` each at most ``limit`` characters, cut at the coarsest boundary."""
    if end - start <= limit:
        return [(start, end)]
    splitters = (_PARAGRAPH, _LINE, _SENTENCE, _SPACE)
    if level >= len(splitters):  # one unbroken run longer than a chunk: cut it hard
        return [(s, min(s + limit, end)) for s in range(start, end, limit)]
    out: list[tuple[int, int]] = []
    pos = start
    for match in splitters[level].finditer(text, start, end):
        if match.start() > pos:
            out.extend(_pieces(text, pos, match.start(), limit, level + 1))
        pos = match.end()
    if pos < end:
        out.extend(_pieces(text, pos, end, limit, level + 1))
    return out


def chunk_text(text: str, max_tokens: int) -> list[Chunk]:
    """Greedy packing of paragraphs (then lines, sentences, words) into chunks of <= ``max_tokens``."""
    limit = max(1, int(max_tokens * CHARS_PER_TOKEN))
    stripped_start = len(text) - len(text.lstrip())
    stripped_end = len(text.rstrip())
    if stripped_end <= stripped_start:
        return [Chunk(0, 0, len(text), text)]
    spans: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for s, e in _pieces(text, stripped_start, stripped_end, limit):
        if cur is not None and e - cur[0] <= limit:
            cur = (cur[0], e)
        else:
            if cur is not None:
                spans.append(cur)
            cur = (s, e)
    if cur is not None:
        spans.append(cur)
    return [Chunk(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]
