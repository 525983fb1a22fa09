"""Arabic-aware text normalisation, shared by every stage.

``fold`` maps text to a matching key (alef/hamza forms, ى/ي, ة/ه, Persian ی ک, diacritics, tatweel,
Arabic-Indic and Persian digits, quote styles, case, white space). ``fold_with_map`` also returns,
for each folded character, the index of the original character it came from, so a match found in
folded text is mapped back to an exact span of the original: that is how quotes stay grounded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ._lexicon_lazy import LazySet, words

# Removed entirely: Arabic diacritics (harakat, Quranic marks), tatweel, zero-width and bidi controls.
_DROP = set(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u06D6", "\u06D7", "\u06D8", "\u06D9", "\u06DA", "\u06DB", "\u06DC"]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ک": "ك", "گ": "ك",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"', "‟": '"',
    "‘": "'", "’": "'", "‚": "'", "‹": "'", "›": "'", "`": "'", "´": "'",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",",
    "–": "-", "—": "-", "‒": "-", "−": "-",
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Persian digits

_WS = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    if ch in _MAP:
        return _MAP[ch]
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
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if loose and folded and _is_punct(folded[0]):
            folded = ""
        if not folded:
            continue
        if folded == " ":
            if prev_space:
                continue
            prev_space = True
        else:
            prev_space = False
        for c in folded:
            out.append(c)
            mapping.append(i)
    return "".join(out), mapping


def fold(text: str, *, loose: bool = False) -> str:
    """The matching key of ``text`` (see module doc)."""
    return " ".join(fold_with_map(text, loose=loose)[0].split())


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

_TOKEN = re.compile(r"[\w@#]+", re.UNICODE)

# Function words that carry no content for overlap scoring (folded forms): lexicon category stopword.
STOPWORDS = LazySet(lambda: frozenset(fold(w) for w in words("stopword")))

_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")


def stem(token: str) -> str:
    """A light Arabic stem: strip the article and clitic conjunction/prepositions, keep >= 2 letters."""
    t = token
    for p in _PREFIXES:
        if t.startswith(p) and len(t) - len(p) >= 2:
            t = t[len(p):]
            break
    else:
        if len(t) > 3 and t[0] in "وف":
            t = t[1:]
        if len(t) > 4 and t[0] in "بلك":  # clitic prepositions: بمحافظة، لمجلس
            t = t[1:]
    if (len(t) > 3 and t.endswith(("ها", "هم", "ات"))) or (len(t) > 5 and t.endswith(("ون", "ين"))):
        t = t[:-2]
    elif len(t) > 3 and t[-1] in "هي":
        t = t[:-1]
    return t


def tokens(text: str) -> list[str]:
    """Folded word tokens, without URLs."""
    text = re.sub(r"https?://\S+|pic\.twitter\.com/\S+", " ", text)
    return _TOKEN.findall(fold(text))


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stopwords, digits-only and 1-letter tokens kept out)."""
    out = []
    stop = STOPWORDS.value()  # the frozenset itself: this loop is hot
    for t in tokens(text):
        if t in stop or len(t) < 2 or (t.startswith(("#", "@")) and len(t) < 3):
            continue
        t = t.lstrip("#").replace("_", " ")
        for part in t.split():
            s = stem(part)
            if s not in stop and len(s) >= 2:
                out.append(s)
    return out
