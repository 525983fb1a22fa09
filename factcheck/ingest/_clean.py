"""Text cleaning for ingest: Unicode and white-space normalisation, then page-furniture removal.

Normalisation: NFC; every line break form -> "\\n"; no-break and other Unicode spaces, tabs and
other white-space controls -> " "; invisible characters removed (``normalize.is_invisible``: ZWSP,
ZWNJ, LRM/RLM/ALM, embeddings, overrides, isolates, word joiner, stray BOM, soft hyphen, other
control characters); ZWJ is kept only between two emoji, where it builds one glyph (elsewhere,
e.g. inside Arabic words, it only alters shaping). ``normalize.fold`` drops and spaces exactly
these characters, so grounding finds any quote of the raw text in the cleaned text.
Lines are stripped, runs of spaces collapse to one, and 2+ blank lines collapse to one blank line.

Furniture (each removal is reported): cookie banners (a short line about cookies, plus an
"Accept"/"موافق" button line after it), tag clouds (a line starting "Tags:"/"كلمات دلالية:"),
"Advertisement"/"إعلان" labels, and related-headline lists: a heading such as "Related
articles"/"مقالات مشابهة"/"اقرأ أيضا" followed only by headline-like lines (short, no sentence
punctuation, or bulleted). A heading followed by one or two headlines and then real paragraphs is
an embedded article, i.e. content: it stays. Source lines ("المصدر: X", "Source: X") stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ..text.normalize import ZWJ, fold, is_invisible

_SPACES = {"\u00a0": "nbsp", "\u202f": "nbsp", "\u2007": "nbsp", "\t": "tab"}
_SPACES.update({chr(c): "space" for c in range(0x2000, 0x200B) if chr(c) not in _SPACES})
_SPACES.update({"\u205f": "space", "\u3000": "space", "\u1680": "space", "\u000b": "space"})


def _is_emoji(ch: str) -> bool:
    o = ord(ch)
    return o >= 0x1F000 or 0x2600 <= o <= 0x27BF or ch in "\ufe0f\u2640\u2642\u2695"


def normalize_text(text: str) -> tuple[str, list[str]]:
    """NFC, line breaks, spaces and invisible characters (see module doc); notes say what changed."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\r\n?|[\u2028\u2029\u0085\f]", "\n", text)
    nbsp = removed = 0
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _SPACES or (ch.isspace() and ch != "\n"):
            nbsp += _SPACES.get(ch) == "nbsp"
            out.append(" ")
        elif _invisible(text, i):
            removed += 1
        else:
            out.append(ch)
    lines = [re.sub(r" {2,}", " ", line).strip() for line in "".join(out).split("\n")]
    notes = []
    if nbsp:
        notes.append(f"replaced {nbsp} no-break space(s) with spaces")
    if removed:
        notes.append(f"removed {removed} zero-width/bidi control character(s)")
    return collapse_blank_lines("\n".join(lines)), notes


def _invisible(text: str, i: int) -> bool:
    ch = text[i]
    if ch == ZWJ:
        return not _between_emoji(text, i)
    return is_invisible(ch)


def _between_emoji(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and _is_emoji(text[i - 1]) and _is_emoji(text[i + 1])


def collapse_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# --- furniture ---------------------------------------------------------------------------------

_COOKIE = re.compile(r"cookie|كوكيز|الكوكي|تعريف\s+الارتباط|ملفات\s+الارتباط", re.IGNORECASE)
_BUTTONS = {
    fold(w)
    for w in (
        "accept",
        "accept all",
        "accept cookies",
        "ok",
        "okay",
        "agree",
        "i agree",
        "got it",
        "reject",
        "decline",
        "allow",
        "learn more",
        "more info",
        "settings",
        "موافق",
        "قبول",
        "أوافق",
        "حسنا",
        "رفض",
        "المزيد",
        "إعدادات",
        "اعرف المزيد",
        "قبول الكل",
        "موافقة",
    )
}
_TAG_LABELS = [
    fold(w)
    for w in (
        "كلمات دلالية",
        "الكلمات الدلالية",
        "كلمات مفتاحية",
        "الكلمات المفتاحية",
        "الوسوم",
        "وسوم",
        "الكلمات المفتاحيه",
        "tags",
        "tagged",
        "keywords",
        "topics",
        "tagged with",
    )
]
_RELATED = {
    fold(w)
    for w in (
        "مقالات مشابهة",
        "مقالات ذات صلة",
        "أخبار ذات صلة",
        "مواضيع ذات صلة",
        "موضوعات ذات صلة",
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "إقرأ أيضاً",
        "اقرأ كذلك",
        "اقرأ المزيد",
        "المزيد من الأخبار",
        "الأكثر قراءة",
        "الأكثر مشاهدة",
        "قد يهمك",
        "قد يعجبك أيضا",
        "شاهد أيضا",
        "أخبار متعلقة",
        "related",
        "related articles",
        "related stories",
        "related news",
        "related posts",
        "related content",
        "read also",
        "read more",
        "also read",
        "see also",
        "more stories",
        "more news",
        "you may also like",
        "you might also like",
        "most read",
        "recommended",
        "recommended for you",
        "more on this story",
    )
}
_ADS = {fold(w) for w in ("advertisement", "advertising", "ad", "sponsored", "إعلان", "اعلان", "محتوى ممول")}
_BULLETS = "•·▪●◦‣○■□►▶*-–—»"
_SENTENCE_END = ".!?؟…:;،,"


def _key(line: str) -> str:
    return fold(line).strip(" :：-–—|")


def _is_cookie(line: str) -> bool:
    return bool(_COOKIE.search(line)) and len(line.split()) <= 45


def _tag_label(line: str) -> bool:
    key = fold(line)
    return any(key.startswith(lab) and key[len(lab) :].lstrip()[:1] in (":", "：") for lab in _TAG_LABELS) or (
        _key(line) in _TAG_LABELS
    )


def _is_heading(line: str) -> bool:
    return bool(line) and _key(line) in _RELATED


def _headline_like(line: str) -> bool:
    bullet = line[:1] in _BULLETS
    body = line.lstrip(_BULLETS + " ").strip()
    words = len(body.split())
    if bullet:
        return 0 < words <= 40
    return 0 < words <= 20 and len(body) <= 160 and body[-1] not in _SENTENCE_END


def _furniture_start(line: str) -> bool:
    return _is_cookie(line) or _tag_label(line) or _is_heading(line)


def strip_furniture(text: str) -> tuple[str, list[str]]:
    """Remove page furniture from normalised text (see module doc); notes list every removal."""
    lines = text.split("\n")
    keep = [True] * len(lines)
    notes: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_cookie(line):
            n = _drop_after(lines, keep, i, lambda s: _key(s) in _BUTTONS, limit=3)
            notes.append(f"removed cookie banner ({_plural(n, 'line')})")
        elif _tag_label(line):
            n = _drop_after(lines, keep, i, _tag_continuation, limit=50) if _key(line) in _TAG_LABELS else 1
            keep[i] = False
            notes.append(f"removed tag cloud ({_plural(n, 'line')})")
        elif _key(line) in _ADS:
            keep[i] = False
            notes.append("removed advertisement label (1 line)")
        elif _is_heading(line):
            notes.append(_related(lines, keep, i))
        i += 1
    kept = "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
    return collapse_blank_lines(kept), [n for n in notes if n]


def _tag_continuation(line: str) -> bool:
    return len(line.split()) <= 5 and not line.endswith(tuple(_SENTENCE_END))


def _drop_after(lines: list[str], keep: list[bool], i: int, pred: Callable[[str], bool], *, limit: int) -> int:
    """Drop line i and the non-blank lines right after it that satisfy ``pred``; return the count."""
    keep[i] = False
    n, j = 1, i + 1
    while j < len(lines) and j <= i + limit and lines[j] and pred(lines[j]):
        keep[j] = False
        n, j = n + 1, j + 1
    return n


def _related(lines: list[str], keep: list[bool], i: int) -> str:
    """Handle a related-content heading at line i: drop a headline list, keep an embedded article."""
    items: list[int] = []
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if line and (_furniture_start(line) or not _headline_like(line)):
            break
        if line:
            items.append(j)
        j += 1
    at_end = all(not line or _furniture_start(line) for line in lines[j : j + 1]) or j >= len(lines)
    bulleted = any(lines[k][:1] in _BULLETS for k in items)
    heading = lines[i].strip(" :：")
    if items and (bulleted or at_end or len(items) >= 3):
        for k in [i, *items]:
            keep[k] = False
        return f"removed related-headlines list under '{heading}' ({_plural(len(items) + 1, 'line')})"
    if items:
        return f"kept the text after '{heading}': a headline and full paragraphs (an embedded article)"
    return ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- things read from the text -----------------------------------------------------------------

_SOURCE_LINE = re.compile(r"^(?:المصدر|مصدر الخبر|Source)\s*[:：]\s*(?P<name>\S.{0,60})$", re.IGNORECASE | re.MULTILINE)
_GENERIC_SOURCES = {
    fold(w)
    for w in (
        "وكالات",
        "وكالات الأنباء",
        "مواقع",
        "مواقع إلكترونية",
        "متابعات",
        "وسائل إعلام",
        "مواقع التواصل",
        "agencies",
        "wires",
        "news agencies",
        "social media",
        "various",
        "staff",
    )
}


def source_line_outlet(text: str) -> tuple[str, str] | None:
    """(outlet, line) from the first short "المصدر: X" / "Source: X" line naming one outlet."""
    for m in _SOURCE_LINE.finditer(text):
        name = m.group("name").strip().rstrip(".،,;")
        if 0 < len(name.split()) <= 5 and fold(name) not in _GENERIC_SOURCES:
            return name, m.group(0)
    return None


def lost_emoji_note(text: str) -> str | None:
    if re.search(r"(?:^|\s|\w)\?{3,}(?=\w)", text, re.MULTILINE):
        return "'????' kept as in the source (most likely emoji lost before ingest)"
    return None
