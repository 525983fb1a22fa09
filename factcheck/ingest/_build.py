"""Text to Article: the metadata header, cleaning, dates, language, and the HTML page's main text."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from .._lexicon_lazy import LazySet, words
from ..errors import InputError
from ..models import Article, ArticleDate
from ..text.dates import find_dates, parse_date
from ..text.grounding import quote_at
from ..text.posts import signatures
from ..text.scripts import letter_counts
from ._clean import lost_emoji_note, normalize_text, source_line_outlet, strip_furniture


@dataclass
class Meta:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    date_origin: str = "metadata"
    notes: list[str] = field(default_factory=list)


def article_id(text: str) -> str:
    return "a" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def detect_language(text: str) -> str:
    """'ar' or 'en' when Arabic or Latin letters are the majority of letters, else 'und'."""
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return "und"
    arabic, latin = letter_counts(text)
    if arabic * 2 > letters:
        return "ar"
    if latin * 2 <= letters:
        return "und"
    # Latin script is not English by itself (German, French ...): English function words must show.
    words = re.findall(r"[A-Za-z]+", text.lower())
    common = sum(1 for w in words if w in _EN_WORDS)
    return "en" if not words or common * 12 >= len(words) else "und"


def from_plain(text: str, name: str, encoding: str, notes: list[str]) -> Article:
    meta = Meta(notes=list(notes))
    text = _header(text, meta)
    return build(text, meta, input_name=name, encoding=encoding, headline=meta.title is None)


def from_html(html: str, name: str, encoding: str, notes: list[str], url: str | None = None) -> Article:
    import trafilatura  # heavy import, only for HTML inputs

    doc = None
    for recall in (False, True):
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=recall
        )
        if doc is not None and (getattr(doc, "text", None) or "").strip():
            break
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise InputError(
            "no article text found in the HTML page",
            source=name,
            hint="save the article's text as .txt, or pass it as a JSON record",
        )
    meta = Meta(
        title=_str(getattr(doc, "title", None)),
        outlet=_str(getattr(doc, "sitename", None)),
        url=_str(getattr(doc, "url", None)) or url,
        notes=[*notes, "main text extracted from HTML"],
    )
    date = _str(getattr(doc, "date", None))
    meta.published = parse_date(date) if date else None
    return build(text, meta, input_name=name, encoding=encoding)


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


_HEADER_KEYS = {
    "title": "title",
    "العنوان": "title",
    "date": "published",
    "published": "published",
    "التاريخ": "published",
    "تاريخ النشر": "published",
    "source": "outlet",
    "outlet": "outlet",
    "المصدر": "outlet",
    "url": "url",
    "الرابط": "url",
    "language": "language",
    "اللغة": "language",
}
_HEADER_LINE = re.compile(r"^\s*([^:\n]{2,15}?)\s*:\s*(\S.*?)\s*$")


def _header(text: str, meta: Meta) -> str:
    """Read a leading "Key: value" header block into ``meta``; return the text without it."""
    lines = text.lstrip("\ufeff").split("\n")
    fields: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if i == 0 or not fields:
                return text
            break
        m = _HEADER_LINE.match(line)
        key = _HEADER_KEYS.get(m.group(1).strip().lower()) if m else None
        if m is None or key is None:
            return text
        fields[key] = m.group(2)
    else:
        return text  # a header with no body after it is not a header
    if "published" in fields:
        meta.published = parse_date(fields["published"])
    meta.title = fields.get("title")
    meta.outlet = fields.get("outlet")
    meta.url = fields.get("url")
    meta.language = fields.get("language")
    meta.notes.append(f"read a metadata header ({', '.join(fields)}) and left it out of the text")
    return "\n".join(lines[i + 1 :])


_SENTENCE_END = re.compile(r"[.!?؟…:;,،؛]$")


def _headline(text: str) -> str | None:
    """A plain-text article's headline: its first line when it stands alone (a blank line after it,
    text after that), is short (2-25 words, at most 160 characters) and does not end like a sentence.
    Returned as written, so the title shown is the article's own words."""
    lines = text.split("\n")
    first = lines[0].strip()
    if len(lines) < 3 or lines[1].strip() or not any(x.strip() for x in lines[2:]):
        return None
    if not 2 <= len(first.split()) <= 25 or len(first) > 160 or _SENTENCE_END.search(first):
        return None
    return first


def build(text: str, meta: Meta, *, input_name: str | None, encoding: str | None, headline: bool = False) -> Article:
    normalized, norm_notes = normalize_text(text)
    cleaned, furniture_notes = strip_furniture(normalized)
    notes = [*meta.notes, *norm_notes, *furniture_notes]
    if not cleaned.strip():
        raise InputError(
            "no article text left after cleaning",
            source=input_name,
            hint="check that the input is an article, not an empty page or only page furniture",
        )
    title = meta.title
    if headline and (title := _headline(cleaned)) is not None:
        notes.append("title taken from the first line (it stands alone and does not end like a sentence)")
    outlet = meta.outlet
    if outlet is None and (found := source_line_outlet(cleaned)):
        outlet = found[0]
        notes.append(f"outlet taken from the source line '{found[1]}'")
    if (emoji := lost_emoji_note(cleaned)) is not None:
        notes.append(emoji)
    dates, published = _dates(cleaned, meta, notes)
    if not re.sub(r"https?://\S+|www\.\S+", "", cleaned).strip():
        notes.append("the text is only a link: factcheck does not fetch pages; save the page as .html")
    language = meta.language or detect_language(cleaned)
    if not _LANG.fullmatch(language):
        raise InputError(
            f"language {language[:20]!r} is not a language code",
            source=input_name,
            hint="use an ISO 639-1 code such as 'ar' or 'en', or leave it out to detect it",
        )
    return Article(
        id=article_id(cleaned),
        title=title,
        outlet=outlet,
        url=meta.url,
        published=published,
        language=language,
        text=cleaned,
        input_name=input_name,
        encoding=encoding,
        dates=dates,
        notes=notes,
    )


_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|und")
_EN_WORDS = LazySet(lambda: frozenset(words("english_cue_word", "en")))  # en.toml; built on first use


def _dates(text: str, meta: Meta, notes: list[str]) -> tuple[list[ArticleDate], dt.date | None]:
    """Every full date in the text (embedded-post dates marked 'embed') and the published date."""
    dates: list[ArticleDate] = []
    if meta.published is not None:
        origin = "input" if meta.date_origin == "input" else "metadata"
        dates.append(ArticleDate(date=meta.published, origin=origin))
    embeds: list[dt.date] = []
    posted = [sig.span("date") for sig in signatures(text)]  # dates in embedded-post signatures
    for m in find_dates(text):
        if m.year is None or m.month is None or m.day is None:
            continue
        day = dt.date(m.year, m.month, m.day)
        embedded = any(s <= m.start < e for s, e in posted)
        if embedded:
            embeds.append(day)
        dates.append(
            ArticleDate(date=day, origin="embed" if embedded else "text", quote=quote_at(text, m.start, m.end))
        )
    if meta.published is not None:
        if embeds and max(embeds) > meta.published:
            notes.append(f"the given date {meta.published} is earlier than an embedded post ({max(embeds)})")
        return dates, meta.published
    if embeds:
        notes.append(
            f"published date estimated from embedded post dates (the latest, {max(embeds)}): "
            "an article cannot predate what it embeds"
        )
        return dates, max(embeds)
    return dates, None
