"""Split long articles on paragraph boundaries into even parts under a token budget.

Every chunk is a contiguous slice of the article (``article[start:end] == chunk.text``), so a quote
found in a chunk maps to the whole article by adding ``chunk.start``.

Tokens are estimated per script, calibrated on the OpenAI tokenizer cl100k (``bpe-openai``, which
bundles its tables) over every text fixture, the prompts and the docs so that the estimate is never
below the real count there (about 20% above it overall): an Arabic letter counts 1/1.1 token (Arabic
runs at about 1.2-1.5 letters per token, spaces included at 1.46 characters per token), a space or
printable ASCII character 1/3 (URLs and handles tokenise worse than prose), any other character 2
(emoji, CJK), plus 8 per text. The old estimate of characters / 3 was about half the real count for
Arabic, so parts and budgets ran about twice the size they claimed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..text.scripts import arabic_chars

# (characters per token) for each class; see the module docstring for the calibration.
ARABIC_CHARS_PER_TOKEN = 1.1
ASCII_CHARS_PER_TOKEN = 3.0
OTHER_TOKENS_PER_CHAR = 2.0
TOKENS_PER_TEXT = 8
# The smallest part worth a call, as a fraction of the budget: a shorter tail joins the previous part.
MIN_PART_FRACTION = 8

_ASCII_OR_SPACE = re.compile(r"[\x21-\x7e]|\s")
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


def _raw_tokens(text: str) -> float:
    arabic = arabic_chars(text)
    ascii_or_space = len(_ASCII_OR_SPACE.findall(text))
    other = len(text) - arabic - ascii_or_space
    return arabic / ARABIC_CHARS_PER_TOKEN + ascii_or_space / ASCII_CHARS_PER_TOKEN + other * OTHER_TOKENS_PER_CHAR


def estimate_tokens(text: str) -> int:
    """Tokens of ``text`` for a BPE tokenizer such as cl100k, estimated per script (never low on the fixtures)."""
    return math.ceil(_raw_tokens(text)) + TOKENS_PER_TEXT


def _pieces(text: str, start: int, end: int, limit: float, level: int = 0) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` each at most ``limit`` tokens, cut at the coarsest boundary."""
    if _raw_tokens(text[start:end]) <= limit:
        return [(start, end)]
    splitters = (_PARAGRAPH, _LINE, _SENTENCE, _SPACE)
    if level >= len(splitters):  # one unbroken run longer than a part: cut it hard
        step = max(1, int((end - start) * limit / max(_raw_tokens(text[start:end]), 1.0)))
        return [(s, min(s + step, end)) for s in range(start, end, step)]
    out: list[tuple[int, int]] = []
    pos = start
    for match in splitters[level].finditer(text, start, end):
        if match.start() > pos:
            out.extend(_pieces(text, pos, match.start(), limit, level + 1))
        pos = match.end()
    if pos < end:
        out.extend(_pieces(text, pos, end, limit, level + 1))
    return out


def chunk_text(text: str, max_tokens: int, min_tokens: int | None = None) -> list[Chunk]:
    """Even parts of at most ``max_tokens`` each, cut at paragraphs (then lines, sentences, words).

    The number of parts is the fewest that fit; each aims at an equal share, so a 10,000-character
    article at a 9,000-character budget becomes two halves, not 8,952 + 142 characters. A remainder
    under ``min_tokens`` (default: an eighth of the budget) is not worth a call of its own: it joins
    the previous part, which may then pass the budget by less than that.
    """
    floor = min_tokens if min_tokens is not None else max(50, max_tokens // MIN_PART_FRACTION)
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip())
    if last <= first:
        return [Chunk(0, 0, len(text), text)]
    total = _raw_tokens(text[first:last])
    n = max(1, math.ceil(total / max_tokens))
    if n > 1 and total - (n - 1) * max_tokens < floor:
        n -= 1
    if n == 1:
        return [Chunk(0, first, last, text[first:last])]
    share = total / n
    pieces: list[tuple[int, int, float]] = []
    prev = first
    for s, e in _pieces(text, first, last, max(1.0, max_tokens - 2.0 * TOKENS_PER_TEXT)):
        pieces.append((s, e, _raw_tokens(text[prev:e])))  # the gap before a piece counts with it
        prev = e
    for stretch in (1.0, 1.05, 1.1, 1.2):  # pieces rarely add up exactly: allow a little more per part
        spans = _pack(pieces, share * stretch, max(float(max_tokens - 2 * TOKENS_PER_TEXT), share))
        if len(spans) <= n:
            break
    if len(spans) > 1 and _raw_tokens(text[spans[-1][0] : spans[-1][1]]) < floor:
        tail = spans.pop()
        spans[-1][1] = tail[1]
    return [Chunk(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]


def _pack(pieces: list[tuple[int, int, float]], share: float, cap: float) -> list[list[int]]:
    """Greedy: a piece joins the current part while its middle falls within ``share`` (and under ``cap``)."""
    spans: list[list[int]] = []
    size = 0.0
    for s, e, piece in pieces:
        if spans and size + piece / 2 <= share and size + piece <= cap:
            spans[-1][1] = e
            size += piece
        else:
            spans.append([s, e])
            size = piece
    return spans


def split_in_two(chunk: Chunk, article: str) -> tuple[Chunk, Chunk] | None:
    """The chunk cut at the boundary nearest its middle (paragraph, line, sentence, then word), or
    None when it has no boundary to cut at; spans stay whole-article offsets."""
    middle = (chunk.start + chunk.end) / 2
    for splitter in (_PARAGRAPH, _LINE, _SENTENCE, _SPACE):
        cuts = [m for m in splitter.finditer(article, chunk.start, chunk.end) if chunk.start < m.start() < chunk.end]
        if not cuts:
            continue
        best = min(cuts, key=lambda m: abs(m.start() - middle))
        # A cut near an end leaves a half too small to be worth a call: try a finer boundary.
        if min(best.start() - chunk.start, chunk.end - best.end()) < (chunk.end - chunk.start) / 5:
            continue
        a = Chunk(chunk.index, chunk.start, best.start(), article[chunk.start : best.start()])
        b = Chunk(chunk.index, best.end(), chunk.end, article[best.end() : chunk.end])
        return a, b
    return None
