"""Arabic-aware text normalisation, shared by every stage.

``fold`` maps text to a matching key (alef/hamza forms, ى/ي, ة/ه, Persian ی ک, diacritics, tatweel,
Arabic-Indic and Persian digits, quote styles, case, white space). ``fold_with_map`` also returns,
for each folded character, the index of the original character it came from, so a match found in
folded text is mapped back to an exact span of the original: that is how quotes stay grounded.

One normalisation: the characters ingest removes from article text (``is_invisible``) and the
white space it turns into spaces (``str.isspace``) are defined here, and ``fold`` drops and spaces
them the same way (it also drops every other format character, Unicode category Cf, which ingest
keeps but which never changes what a reader sees). Ingest's NFC is matched by composing a letter
with the combining marks that follow it, so a decomposed quote finds its composed text. A quote
that passes ingest can therefore always be found in the ingested text.
"""

from __future__ import annotations

import re
import unicodedata
from codecs import charmap_decode, charmap_encode
from functools import lru_cache

from .._lexicon_lazy import LazySet, words
from ._fold_page import PAGE as _PAGE
from ._fold_page import page_fold, page_words
from ._stem import light_stem as _stem

# Removed by ingest from article text (and dropped by fold): characters that do not render but
# break matching. Bidi marks and controls (LRM, RLM, ALM U+061C, embeddings, overrides, isolates,
# deprecated format controls U+206A-U+206F), zero-width space and non-joiner, word joiner and
# invisible operators, BOM, soft hyphen, Mongolian vowel separator. ZWJ is kept by ingest between
# two emoji (it builds one glyph there), so it is listed apart.
ZWJ = "\u200d"
INVISIBLE = frozenset(
    "\u200b\u200c\u200e\u200f\u061c\ufeff\u00ad\u180e"
    + "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x2070)])
)


def is_invisible(ch: str) -> bool:
    """Does ingest remove ``ch``? (The invisible characters above, and control characters that are
    not white space; ZWJ is decided by its neighbours, see ``_clean``.)"""
    return ch in INVISIBLE or (unicodedata.category(ch) == "Cc" and not ch.isspace())


# Removed by fold only: Arabic diacritics (harakat, Quranic marks) and tatweel; also every format
# character (Cf) and whatever ingest removes (see _fold_char).
_DROP = set(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u06d6", "\u06d7", "\u06d8", "\u06d9", "\u06da", "\u06db", "\u06dc"]
    + [ZWJ]
)

_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ۍ": "ي",
    "ئ": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ۀ": "ه",
    "ہ": "ه",
    "ھ": "ه",
    "ک": "ك",
    "گ": "ك",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "″": '"',
    "‟": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‹": "'",
    "›": "'",
    "`": "'",
    "´": "'",
    "،": ",",
    "؛": ";",
    "؟": "?",
    "٪": "%",
    "٫": ".",
    "٬": ",",
    "–": "-",
    "—": "-",
    "‒": "-",
    "−": "-",
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Persian digits

_WS = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DROP or is_invisible(ch) or unicodedata.category(ch) == "Cf":
        return ""
    if ch in _MAP:
        return _MAP[ch]
    composed = unicodedata.normalize("NFC", ch)
    if composed != ch:  # a canonical singleton (U+212B -> U+00C5, CJK compatibility ideographs)
        return "".join(_fold_char(c) for c in composed)
    if ch.isspace():
        return " "
    if "\ufb50" <= ch <= "\ufeff" or "\uff00" <= ch <= "\uffef":  # presentation forms, full-width
        expanded = unicodedata.normalize("NFKC", ch)
        if expanded != ch:
            return "".join(_fold_char(c) for c in expanded)
        if unicodedata.category(ch) == "Mn":  # variation selectors (U+FE0F after emoji)
            return ""
    return ch.lower()


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS" and ch not in "@#%$"


def fold_with_map(text: str, *, loose: bool = False) -> tuple[str, list[int]]:
    """Fold ``text``; ``mapping[i]`` is the index in ``text`` of the folded character ``i``.

    Runs of white space fold to one space; leading/trailing space is kept as one space so that the
    mapping stays simple (callers strip if they need to). ``loose`` also drops punctuation, for
    quotes whose quotation marks or commas a model left out.
    """
    out: list[str] = []
    mapping: list[int] = []
    prev_space = False
    base = ""  # the letter and marks (composed) that produced the last outputs, for NFC
    base_len = 0  # how many output characters they produced
    for i, ch in enumerate(text):
        mark = ch > "\u02ff" and unicodedata.combining(ch) > 0
        if base and mark:
            composed = unicodedata.normalize("NFC", base + ch)
            if composed != base + ch:  # "e" + U+0301 folds as "é" does: ingest composes (NFC)
                refolded = "".join(_fold_char(c) for c in composed)
                start = mapping[len(mapping) - base_len] if base_len else i
                del out[len(out) - base_len :]
                del mapping[len(mapping) - base_len :]
                out.extend(refolded)
                mapping.extend([start] * len(refolded))
                base, base_len = composed, len(refolded)
                continue
        folded = _fold_char(ch)
        if loose and folded and _is_punct(folded[0]):
            base, folded = "", ""  # a mark after dropped punctuation belongs to the punctuation
        if not folded:
            continue  # a dropped invisible character or diacritic: the letter before stays the base
        if folded == " ":
            base = ""
            if prev_space:
                continue
            prev_space = True
        else:
            base, base_len = (base + ch, base_len + len(folded)) if base and mark else (ch, len(folded))
            prev_space = False
        for c in folded:
            out.append(c)
            mapping.append(i)
    return "".join(out), mapping


def fold(text: str, *, loose: bool = False) -> str:
    """The matching key of ``text`` (see module doc)."""
    if len(text) <= 256:  # names and short phrases are folded again and again (each source lookup)
        return _fold_short(text, loose)
    return _fold(text, loose)


@lru_cache(maxsize=1 << 15)
def _fold_short(text: str, loose: bool) -> str:
    return _fold(text, loose)


def _fold(text: str, loose: bool) -> str:
    try:
        raw = charmap_encode(text, "strict", _PAGE)[0]
    except UnicodeEncodeError:
        return " ".join(_fold_chars_slow(text, loose).split())
    table, drop = _PAGE_FOLD[loose]
    folded = charmap_decode(raw.translate(None, drop), "strict", table)[0]
    # The page folds white space to " " alone (``page_fold`` checks): the spacing is one space
    # between words already, unless two spaces meet or one is at an edge.
    if "  " in folded or folded.startswith(" ") or folded.endswith(" "):
        return " ".join(folded.split())
    return folded


def fold_chars(text: str, loose: bool = False) -> str:
    """``text`` with each character folded alone (``_TABLES``, no spacing), unless a combining mark
    that may compose with, or be reordered around, the letter before it occurs: then fold_with_map's
    NFC step decides."""
    try:
        raw = charmap_encode(text, "strict", _PAGE)[0]
    except UnicodeEncodeError:  # a character outside the page: one table lookup per character
        return _fold_chars_slow(text, loose)
    table, drop = _PAGE_FOLD[loose]
    return charmap_decode(raw.translate(None, drop), "strict", table)[0]


def fold_once(text: str, *, loose: bool = False) -> str:
    """``fold`` without its memo: for a caller that keeps its own (tens of thousands of distinct
    words would only evict the memo's entries one by one)."""
    return _fold(text, loose)


def fold_in_page(text: str, loose: bool = False) -> str | None:
    """``fold_chars(text)`` when every character of ``text`` is in the fold page (each folds alone,
    to at most one character, white space to " "), else None: a caller may then fold many words
    joined by spaces at once and split the result (a word never folds to white space there)."""
    try:
        raw = charmap_encode(text, "strict", _PAGE)[0]
    except UnicodeEncodeError:
        return None
    table, drop = _PAGE_FOLD[loose]
    return charmap_decode(raw.translate(None, drop), "strict", table)[0]


def _fold_chars_slow(text: str, loose: bool) -> str:
    folded = text.translate(_TABLES[loose])
    return fold_with_map(text, loose=loose)[0] if _UNSAFE in folded else folded


# Combining marks fold drops that never compose with the letter before them (the Arabic harakat,
# but madda and hamza above/below, U+0653-U+0655, which make آ أ إ ؤ ئ ۀ ۓ): being dropped, they
# never join the base either, so fold_with_map's NFC step leaves the text as each character folds.
_INERT_MARKS = frozenset(m for m in _DROP if m > "\u02ff" and unicodedata.combining(m) > 0) - set("\u0653\u0654\u0655")
_UNSAFE = "\x00"  # what no character folds to (a control character is dropped)


class _FoldTable(dict[int, str]):
    """Code point -> what fold makes of it alone (loose: punctuation dropped), filled on first use;
    a combining mark outside _INERT_MARKS maps to _UNSAFE."""

    def __init__(self, loose: bool) -> None:
        super().__init__()
        self.loose = loose

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch > "\u02ff" and unicodedata.combining(ch) > 0 and ch not in _INERT_MARKS:
            out = _UNSAFE
        else:
            out = _fold_char(ch)
            if self.loose and out and _is_punct(out[0]):
                out = ""
        self[code] = out
        return out


_TABLES = {False: _FoldTable(False), True: _FoldTable(True)}

# Text written only in the fold page (``_fold_page``) folds through bytes: the same characters.
_PAGE_FOLD = {loose: page_fold(_TABLES[loose], _UNSAFE) for loose in (False, True)}


def find_span(text: str, quote: str, start: int = 0) -> tuple[int, int] | None:
    """Locate ``quote`` in ``text``: verbatim first, else after folding both sides.

    Returns the span of the *original* text that matches, or None. The returned span may differ
    from ``quote`` in diacritics, letter forms or spacing; callers store ``text[s:e]``.
    """
    if not quote.strip():
        return None
    pos = text.find(quote, start)
    if pos >= 0:
        return pos, _extend_marks(text, pos + len(quote))
    for loose in (False, True):
        folded, mapping = _cached_fold_map(text, loose)
        key = fold(quote, loose=loose)
        if not key:
            continue
        fstart = 0
        if start:
            fstart = next((k for k, orig in enumerate(mapping) if orig >= start), len(mapping))
        pos = folded.find(key, fstart)
        if pos >= 0:
            return _span_back(text, mapping, pos, len(key))
    return None


def _span_back(text: str, mapping: list[int], pos: int, length: int) -> tuple[int, int]:
    s = mapping[pos]
    e = mapping[pos + length - 1] + 1
    return s, _extend_marks(text, e)


def _extend_marks(text: str, e: int) -> int:
    """Extend a span over the diacritics that belong to its last letter (a word is not cut in two)."""
    while e < len(text) and unicodedata.category(text[e]) == "Mn":
        e += 1
    return e


@lru_cache(maxsize=64)
def _cached_fold_map(text: str, loose: bool) -> tuple[str, list[int]]:
    return fold_with_map(text, loose=loose)


# --- tokens -----------------------------------------------------------------------------------

_WORD = r"[\w@#]"
_TOKEN = re.compile(_WORD + "+", re.UNICODE)

# Function words that carry no content for overlap scoring (folded forms): lexicon category stopword.
STOPWORDS = LazySet(lambda: frozenset(fold(w) for w in words("stopword")))


def stem(token: str) -> str:
    """A light Arabic stem: strip the article and clitic conjunction/prepositions, keep >= 2 letters."""
    if token.isascii():  # every rule below reads Arabic letters
        return token
    got = _STEMS.get(token)
    if got is None:
        if len(_STEMS) > 1 << 18:  # a memo, never a leak
            _STEMS.clear()
        got = _STEMS[token] = _stem(token)
    return got


# Each distinct word's stem, shared by every reader of words (content stems, comparison keys, stance
# lemmas): a story's words recur across its texts and across the steps that read them.
_STEMS: dict[str, str] = {}


_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+")


def tokens(text: str) -> list[str]:
    """Folded word tokens, without URLs."""
    if "http" in text or "pic.twitter.com/" in text:  # what _URL needs
        text = _URL.sub(" ", text)
    try:
        raw = charmap_encode(text, "strict", _PAGE)[0]
    except UnicodeEncodeError:
        return _TOKEN.findall(fold(text))
    # Text in the fold page: each character folded alone, all but word characters made spaces
    # (``page_words``), so the runs of _TOKEN are what lies between spaces.
    return charmap_decode(raw.translate(None, _WORDS_DROP), "strict", _WORDS)[0].split()


_WORDS, _WORDS_DROP = page_words(_TABLES[False], _UNSAFE, re.compile(_WORD, re.UNICODE))


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stopwords, digits-only and 1-letter tokens kept out)."""
    return list(_content_stems(text, STOPWORDS.value()))


@lru_cache(maxsize=1 << 14)
def _content_stems(text: str, stop: frozenset[str]) -> tuple[str, ...]:
    """``content_stems``, remembered: a claim's evidence sentences recur across its versions."""
    memo = _token_memo(stop)
    get = memo.get
    out: list[str] = []
    for t in tokens(text):
        got = get(t)
        if got is None:
            got = memo[t] = _token_stems(t, stop)
        out += got
    return tuple(out)


_TOKEN_MEMO: dict[frozenset[str], dict[str, tuple[str, ...]]] = {}


def _token_memo(stop: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Each distinct token's stems, for this stopword set: a word recurs across a story's texts far
    more often than a text does. Emptied when it grows large (a memo, never a leak)."""
    memo = _TOKEN_MEMO.get(stop)
    if memo is None or len(memo) > 1 << 17:
        _TOKEN_MEMO.clear()
        memo = _TOKEN_MEMO[stop] = {}
    return memo


def _token_stems(t: str, stop: frozenset[str]) -> tuple[str, ...]:
    """The stems one folded token contributes (none for a stopword, a 1-letter token, a bare tag)."""
    if t in stop or len(t) < 2 or (t[0] in "#@" and len(t) < 3):
        return ()
    if "#" in t or "_" in t:
        return tuple([s for s in map(stem, t.lstrip("#").replace("_", " ").split()) if s not in stop and len(s) >= 2])
    s = t if t.isascii() else _STEMS.get(t) or stem(t)  # stem() inlined: read once per distinct word
    return (s,) if s not in stop and len(s) >= 2 else ()
