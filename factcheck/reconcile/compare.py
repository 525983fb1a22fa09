"""Comparing two versions of a claim word by word: numbers, dates and scope words that differ.

Versions are aligned on light stems (``difflib``, deterministic); a difference counts only where it
sits between words the versions share (an anchored edit), so a longer excerpt of the same sentence
is not a discrepancy. Scope words come from a general lexicon of qualifiers (military, political,
all, only, partial ... in Arabic and English); a word outside it (e.g. a second organisation's
name) is content, not scope.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from .. import _lexicon_lazy as lazy
from .._lexicon_lazy import LazySet
from ..text.dates import DateMention, find_dates, resolve
from ..text.normalize import STOPWORDS, fold, fold_in_page, fold_once, stem
from ..text.numbers import NumberMention, find_numbers

Field = Literal["number", "date", "scope", "wording"]

_WORD = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640@#]+")


def word_key(folded: str) -> str:
    """Matching key of one folded word: light stem, with a trailing nisba ي dropped (سياسي ~ سياسية)."""
    if folded.isdigit():
        return folded
    s = stem(folded)
    if len(s) > 3 and s.endswith("ي"):
        s = s[:-1]
    return s


SCOPE_KEYS = LazySet(lambda: frozenset(word_key(fold(w)) for w in lazy.words("scope_word")))  # lexicon data


@dataclass(frozen=True)
class Word:
    text: str  # as written
    start: int  # offset in the article text
    end: int
    key: str


def _keyed(raw: str) -> str | None:
    """The word's key, or None when it carries no content (a stopword that is no scope word)."""
    got = _KEYS.get(raw, _UNKNOWN)
    if got is _UNKNOWN:
        if len(_KEYS) > _KEYS_MAX:
            _KEYS.clear()
        got = _KEYS[raw] = _key_of(fold_once(raw))
    return got


# Each distinct word's key. A story brings tens of thousands of distinct words, each read once
# (a plain memo: an LRU's bookkeeping cost as much as the reading); emptied when it grows large.
_KEYS: dict[str, str | None] = {}
_KEYS_MAX = 1 << 18
_UNKNOWN = "\x00"  # no key: keys are folded words


def _key_of(folded: str) -> str | None:
    """``word_key`` of a folded word, written out, or None for a stopword that is no scope word."""
    if not folded:
        return None
    if folded.isdigit():  # its own key, and content
        return folded
    key = stem(folded)
    if len(key) > 3 and key.endswith("ي"):
        key = key[:-1]
    if (len(folded) < 2 or folded in STOPWORDS.value()) and key not in SCOPE_KEYS.value():
        return None
    return key


def _learn(raws: Sequence[str]) -> None:
    """Key the words not seen yet, folding them at once where they allow it (``fold_in_page``)."""
    if len(_KEYS) > _KEYS_MAX:
        _KEYS.clear()
    new = [w for w in dict.fromkeys(raws) if w not in _KEYS]
    if not new:
        return
    joined = fold_in_page(" ".join(new))
    folds = joined.split(" ") if joined is not None else []
    if len(folds) != len(new):  # a character outside the page (or a word folding to a space)
        folds = [fold_once(w) for w in new]
    for w, f in zip(new, folds, strict=True):
        _KEYS[w] = _key_of(f)


@lru_cache(maxsize=65536)
def word_keys(text: str) -> tuple[str, ...]:
    """The keys of ``words(text)``, without building its words: a version's profile needs no more,
    and one text recurs at other offsets (a story repeated in several articles)."""
    raws = _WORD.findall(text)
    _learn(raws)
    keys = _KEYS
    return tuple(k for w in raws if (k := keys[w]) is not None)


@lru_cache(maxsize=65536)
def words(text: str, offset: int = 0) -> tuple[Word, ...]:
    """Content words of ``text`` (stopwords out, scope words kept) with their article offsets.

    Cached: the discrepancy search compares every pair of claims, so each claim is read many times.
    """
    out = []
    for m in _WORD.finditer(text):
        key = _keyed(m.group())
        if key is not None:
            out.append(Word(m.group(), offset + m.start(), offset + m.end(), key))
    return tuple(out)


# --- dates --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedDate:
    start: int
    end: int
    text: str
    value: tuple[int, int | None, int | None]


def _lexicon_key() -> str:
    """The active lexicon (date words are lexicon data): part of every cache key here."""
    from ..lexicon import active

    return active().key


def find_resolved_dates(text: str, ref: dt.date | None, offset: int = 0) -> list[ResolvedDate]:
    return list(_resolved_dates(text, ref, offset, _lexicon_key()))


@lru_cache(maxsize=65536)
def _resolved_dates(text: str, ref: dt.date | None, offset: int, lexicon_key: str) -> tuple[ResolvedDate, ...]:
    out = []
    for m in find_dates(text):
        v = _resolve(m, ref)
        if v is not None:
            out.append(ResolvedDate(offset + m.start, offset + m.end, m.text, v))
    return tuple(out)


def _resolve(m: DateMention, ref: dt.date | None) -> tuple[int, int | None, int | None] | None:
    try:
        return resolve(m, ref)
    except (ValueError, OverflowError):  # an impossible date in the text is no date
        return None


# --- aligning two versions --------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    text: str  # the quote text
    start: int  # its offset in the article
    published: dt.date | None


@dataclass(frozen=True)
class Difference:
    field: Field
    a_words: tuple[str, ...]
    b_words: tuple[str, ...]


def similarity(a: Sequence[Word], b: Sequence[Word]) -> tuple[int, float]:
    """(shared words in order, shared / shorter length) of two versions' content words."""
    if not a or not b:
        return 0, 0.0
    sm = SequenceMatcher(None, [w.key for w in a], [w.key for w in b], autojunk=False)
    shared = sum(block.size for block in sm.get_matching_blocks())
    return shared, shared / min(len(a), len(b))


def _overlaps(w: Word, spans: list[tuple[int, int]]) -> bool:
    return any(s < w.end and w.start < e for s, e in spans)


def differences(a: Version, b: Version, *, min_shared: int = 3, min_ratio: float = 0.5) -> list[Difference]:
    """Anchored differences in number, date or scope between two versions of one claim."""
    wa, wb = words(a.text, a.start), words(b.text, b.start)
    if not wa or not wb:
        return []
    # One alignment serves both the similarity bar and the edits (``similarity`` computes the same).
    sm = SequenceMatcher(None, [w.key for w in wa], [w.key for w in wb], autojunk=False)
    shared = sum(block.size for block in sm.get_matching_blocks())
    if shared < min_shared or shared / min(len(wa), len(wb)) < min_ratio:
        return []
    da = find_resolved_dates(a.text, a.published, a.start)
    db = find_resolved_dates(b.text, b.published, b.start)
    na, nb = find_numbers(a.text, a.start), find_numbers(b.text, b.start)
    keys_a, keys_b = {w.key for w in wa}, {w.key for w in wb}
    ops = sm.get_opcodes()
    out: list[Difference] = []
    for idx, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        left = idx > 0 and ops[idx - 1][0] == "equal"
        right = idx + 1 < len(ops) and ops[idx + 1][0] == "equal"
        seg_a, seg_b = wa[i1:i2], wb[j1:j2]
        if not (left or right):
            continue
        dates_a = [d for d in da if any(_overlaps(w, [(d.start, d.end)]) for w in seg_a)]
        dates_b = [d for d in db if any(_overlaps(w, [(d.start, d.end)]) for w in seg_b)]
        if dates_a and dates_b:
            if {d.value for d in dates_a}.isdisjoint({d.value for d in dates_b}):
                out.append(Difference("date", tuple(d.text for d in dates_a), tuple(d.text for d in dates_b)))
            continue
        nums_a = [n for n in na if any(_overlaps(w, [(n.start, n.end)]) for w in seg_a)]
        nums_b = [n for n in nb if any(_overlaps(w, [(n.start, n.end)]) for w in seg_b)]
        if nums_a and nums_b:
            if {n.value for n in nums_a}.isdisjoint({n.value for n in nums_b}) and not _other_things(
                a, b, nums_a, nums_b
            ):
                out.append(Difference("number", tuple(n.text for n in nums_a), tuple(n.text for n in nums_b)))
            continue
        if left and right and len(seg_a) <= 3 and len(seg_b) <= 3:
            sa = [w for w in seg_a if w.key in SCOPE_KEYS and w.key not in keys_b]
            sb = [w for w in seg_b if w.key in SCOPE_KEYS and w.key not in keys_a]
            if sa or sb:
                out.append(Difference("scope", tuple(w.text for w in sa), tuple(w.text for w in sb)))
    return out


def _other_things(a: Version, b: Version, nums_a: list[NumberMention], nums_b: list[NumberMention]) -> bool:
    """Every pair of the two sides' numbers counts different things ("one week" against "fifty
    cases"): no conflict of figures."""
    from .stance import count_at, other_things  # stance builds on this module

    ca = [count_at(a.text, n.start - a.start, n.end - a.start, n.value) for n in nums_a]
    cb = [count_at(b.text, n.start - b.start, n.end - b.start, n.value) for n in nums_b]
    return all(other_things(x, y) for x in ca for y in cb)
