"""Stage 1: read articles from files, stdin or JSON records into Article models.

Inputs
------
* ``.txt`` (or any other extension, sniffed): the article's text. Title stays None unless the file
  starts with a header block of ``Key: value`` lines followed by a blank line, with keys
  ``Title``/``العنوان``, ``Date``/``Published``/``التاريخ``, ``Source``/``Outlet``/``المصدر``,
  ``URL``/``الرابط``, ``Language``/``اللغة``; the header is read as metadata and left out of the text.
* ``.html``/``.htm``: main text and metadata (title, date, site name as outlet, URL) via trafilatura;
  navigation, footers and comments are left out.
* ``.json``/``.jsonl``: article records, for CMS exports. A file holds one record (an object),
  a list of records, or JSON Lines (one object per line). A record::

      {
        "text": "the article text",        # or "html": "<html>...</html>" (one of the two is required)
        "title": "...",                   # optional
        "outlet": "...",                  # optional: the publication's name
        "url": "https://...",             # optional
        "published": "2025-11-14",        # optional: ISO date or a written date ("14 November 2025")
        "language": "ar"                  # optional: ISO 639-1; detected when absent
      }

  Aliases accepted: ``body``/``content`` for text, ``date`` for published, ``source``/``site_name``
  for outlet. Other fields are ignored. Records of a list or JSON Lines file are named
  ``file.json#1``, ``file.json#2`` ...; a broken record fails alone.
* ``-``: standard input, as bytes; HTML, JSON or text is recognised from the content.

Encodings: UTF-8 (with or without BOM), UTF-16/32 (BOM, or BOM-less UTF-16), Windows-1256,
ISO-8859-6 and Windows-1252 are detected (see ``_decode``); ``encoding=`` forces one. Mojibake is
never produced: undecidable bytes raise EncodingError.

Cleaning (see ``_clean``): NFC, spaces, invisible characters, page furniture; every removal is
listed in ``Article.notes``. "????" (emoji lost before ingest) stays as it is in the source.

Metadata read from the text: the outlet from a "المصدر: X"/"Source: X" line when none is given;
dates of embedded posts ("— Name (@handle) November 14, 2025"). With no metadata date, the
published date is *estimated* as the latest embedded post date (an article cannot predate what it
embeds; a note says so). Every full date found is listed in ``Article.dates``. Language: 'ar' or
'en' by the share of Arabic vs Latin letters, 'und' when neither has a majority.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._lexicon_lazy import LazySet, words
from ..errors import EncodingError, InputError
from ..models import Article, ArticleDate, ArticleFailure
from ..text.dates import find_dates, parse_date
from ..text.grounding import quote_at
from ..text.posts import signatures
from ..text.scripts import letter_counts
from ._clean import lost_emoji_note, normalize_text, source_line_outlet, strip_furniture
from ._decode import decode

_RECORD_FIELDS = {
    "text": ("text", "body", "content"), "html": ("html",), "title": ("title",),
    "outlet": ("outlet", "source", "site_name"), "url": ("url",), "published": ("published", "date"),
    "language": ("language",),
}


@dataclass
class _Meta:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    date_origin: str = "metadata"
    notes: list[str] = field(default_factory=list)


# --- public API --------------------------------------------------------------------------------

def article_from_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    language: str | None = None,
    input_name: str | None = None,
    encoding: str | None = None,
) -> Article:
    """Clean ``text`` and build its Article; given metadata wins over what is read from the text."""
    meta = _Meta(title, outlet, url, published, language, date_origin="input")
    return _build(text, meta, input_name=input_name, encoding=encoding)


def load_article(
    path: str | Path, *, stdin: bytes | None = None, encoding: str | None = None
) -> list[Article]:
    """One input (a file, or '-' for stdin) -> its articles (a JSON file may hold several).

    Raises InputError/EncodingError for the input, or for its first broken record.
    """
    articles = []
    for item in _load(path, stdin=stdin, encoding=encoding):
        if isinstance(item, Exception):
            raise item
        articles.append(item)
    return articles


MAX_ARTICLE_BYTES = 10_000_000  # a news page, HTML included, is far smaller: more is a mistake or an attack
MAX_ARTICLES = 500  # a brief is read by a person; a day's wire is a different tool


def load_articles(
    inputs: Sequence[str | Path] | str | Path,
    *,
    encoding: str | None = None,
    stdin: bytes | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    max_articles: int = MAX_ARTICLES,
) -> tuple[list[Article], list[ArticleFailure]]:
    """Load every input; a broken one becomes an ArticleFailure and never costs the others.

    An article whose cleaned text repeats an earlier one (same id) is kept once, with a note. A file
    over ``max_bytes`` is a failure naming it (nothing is read); more than ``max_articles`` inputs or
    records raise InputError before anything is extracted.
    """
    if isinstance(inputs, str | Path):  # one path, not a sequence of its characters
        inputs = [inputs]
    if len(inputs) > max_articles:
        raise InputError(f"{len(inputs)} inputs, more than the limit of {max_articles} articles per brief",
                         hint="brief fewer articles at once, or raise max_articles (FACTCHECK_MAX_ARTICLES)")
    articles: dict[str, Article] = {}
    failures: list[ArticleFailure] = []
    for path in inputs:
        for item in _load(path, stdin=stdin, encoding=encoding, max_bytes=max_bytes):
            if isinstance(item, Exception):
                name = getattr(item, "source", None) or str(path)
                failures.append(ArticleFailure(input_name=name, error=str(item), stage="ingest"))
            elif item.id in articles:
                articles[item.id].notes.append(f"duplicate input {item.input_name} (same text) kept once")
            else:
                articles[item.id] = item
    if len(articles) > max_articles:
        raise InputError(f"{len(articles)} article records, more than the limit of {max_articles} per brief",
                         hint="split the records into several briefs, or raise max_articles (FACTCHECK_MAX_ARTICLES)")
    return list(articles.values()), failures


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


# --- loading -----------------------------------------------------------------------------------

def _load(
    path: str | Path, *, stdin: bytes | None, encoding: str | None, max_bytes: int = MAX_ARTICLE_BYTES
) -> list[Article | InputError]:
    name = str(path)
    try:
        data = _read(name, stdin, max_bytes)
        kind = _kind(name, data)
        if kind == "json":
            return _from_json(data, name, encoding)
        text, used, notes = decode(data, encoding=encoding, source=name, declared=_declared(data, kind))
        if kind == "html":
            return [_from_html(text, name, used, notes)]
        if name == "-" and kind == "sniff" and text.lstrip()[:1] in "{[":
            return _from_json(data, name, encoding, fallback_text=(text, used, notes))
        return [_from_plain(text, name, used, notes)]
    except InputError as err:
        return [err]


def _too_big(size: int, max_bytes: int, name: str) -> InputError:
    return InputError(f"is {size:,} bytes, over the limit of {max_bytes:,} for one article", source=name,
                      hint="pass the article itself, not a dump; or raise max_article_bytes "
                      "(--max-article-bytes, FACTCHECK_MAX_ARTICLE_BYTES)")


def _read(name: str, stdin: bytes | None, max_bytes: int = MAX_ARTICLE_BYTES) -> bytes:
    if name == "-":
        data = stdin if stdin is not None else sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_big(len(data), max_bytes, name)
        return data
    path = Path(name)
    try:
        size = path.stat().st_size
        if size > max_bytes and path.is_file():
            raise _too_big(size, max_bytes, name)
        with path.open("rb") as fh:  # read at most the limit: a file may grow, or be a device
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_big(len(data), max_bytes, name)
        return data
    except FileNotFoundError:
        raise InputError("file not found", source=name, hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory", source=name,
                         hint="pass the article files, e.g. dir/*.txt") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError("is a loop of symbolic links", source=name,
                             hint="point the link at the article file itself") from err
        raise InputError(f"cannot read: {err.strerror}", source=name,
                         hint="check the file's permissions") from err


def _kind(name: str, data: bytes) -> str:
    if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04"):
        raise InputError("is a PDF or office document, not text", source=name,
                         hint="export the article as text (.txt), HTML or a JSON record")
    suffix = Path(name).suffix.lower() if name != "-" else ""
    if suffix in (".json", ".jsonl"):
        return "json"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix == ".txt":
        return "text"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or re.search(rb"<(?:body|article|p|div)[\s>]", head):
        return "html"
    return "sniff"


def _declared(data: bytes, kind: str) -> str | None:
    """The charset an HTML page declares (a hint only: it is still checked)."""
    if kind not in ("html", "sniff"):
        return None
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii") if m else None


def _from_plain(text: str, name: str, encoding: str, notes: list[str]) -> Article:
    meta = _Meta(notes=list(notes))
    text = _header(text, meta)
    return _build(text, meta, input_name=name, encoding=encoding)


def _from_html(html: str, name: str, encoding: str, notes: list[str], url: str | None = None) -> Article:
    import trafilatura  # heavy import, only for HTML inputs

    doc = None
    for recall in (False, True):
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True, favor_recall=recall)
        if doc is not None and (getattr(doc, "text", None) or "").strip():
            break
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise InputError("no article text found in the HTML page", source=name,
                         hint="save the article's text as .txt, or pass it as a JSON record")
    meta = _Meta(title=_str(getattr(doc, "title", None)), outlet=_str(getattr(doc, "sitename", None)),
                 url=_str(getattr(doc, "url", None)) or url, notes=[*notes, "main text extracted from HTML"])
    date = _str(getattr(doc, "date", None))
    meta.published = parse_date(date) if date else None
    return _build(text, meta, input_name=name, encoding=encoding)


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


# --- JSON records ------------------------------------------------------------------------------

def _from_json(data: bytes, name: str, encoding: str | None,
               fallback_text: tuple[str, str, list[str]] | None = None) -> list[Article | InputError]:
    text, used, notes = fallback_text or decode(data, encoding=encoding, source=name)
    records = _parse_records(text, name, fallback=fallback_text is not None)
    if records is None and fallback_text is not None:
        return [_from_plain(text, name, used, [*notes, "input looked like JSON but is not; read as text"])]
    assert records is not None
    out: list[Article | InputError] = []
    for rec_name, record in records:
        try:
            if isinstance(record, InputError):
                raise record
            out.append(_from_record(record, rec_name, used, notes))
        except InputError as err:
            out.append(err)
    return out


def _parse_records(text: str, name: str, *, fallback: bool) -> list[tuple[str, Any]] | None:
    stripped = text.strip()
    try:
        value = json.loads(stripped)
    except RecursionError:
        raise InputError("JSON nested too deeply to be an article record", source=name,
                         hint='use flat records like {"text": "...", "title": "..."}') from None
    except json.JSONDecodeError as err:
        lines = [ln for ln in stripped.splitlines() if ln.strip()]
        if len(lines) > 1 and lines[0].lstrip().startswith("{"):
            return [(f"{name}#{i}", _json_line(ln, f"{name}#{i}")) for i, ln in enumerate(lines, 1)]
        if fallback:
            return None
        raise InputError(f"malformed JSON (line {err.lineno}, column {err.colno}: {err.msg})", source=name,
                         hint="fix the JSON, or see the record format in the README") from err
    if isinstance(value, list):
        if not value:
            raise InputError("the JSON list holds no article records", source=name,
                             hint="add records like {\"text\": \"...\"} (see the record format in the README)")
        return [(f"{name}#{i}", rec) for i, rec in enumerate(value, 1)]
    return [(name, value)]


def _json_line(line: str, name: str) -> Any:
    try:
        return json.loads(line)
    except RecursionError:
        return InputError("JSON line nested too deeply", source=name, hint="use flat records")
    except json.JSONDecodeError as err:
        return InputError(f"malformed JSON line ({err.msg})", source=name, hint="fix or remove that line")


def _field(record: dict[str, Any], key: str, name: str) -> str | None:
    for alias in _RECORD_FIELDS[key]:
        value = record.get(alias)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise InputError(f"field {alias!r} must be a string, not {type(value).__name__}", source=name,
                             hint="see the record format in the README")
        return value
    return None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _repaired(record: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """A JSON escape such as \\ud800 decodes to a lone surrogate, which is not text (it cannot even be
    written out as UTF-8): each becomes U+FFFD, with a note. Metadata loses bidi controls, which
    would reorder the brief around them (an override in a title reverses what follows)."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, str):
            value, n = _LONE_SURROGATE.subn("\ufffd", value)
            if n:
                notes.append(f"field {key!r}: {n} invalid character(s) (lone surrogate escapes) replaced by U+FFFD")
            if key not in _RECORD_FIELDS["text"] and key not in _RECORD_FIELDS["html"]:
                value = _BIDI_CONTROL.sub("", value)
        out[key] = value
    return out


def _from_record(record: Any, name: str, encoding: str, notes: list[str]) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"a record must be a JSON object, not {type(record).__name__}", source=name,
                         hint='use {"text": ..., "title": ..., "outlet": ..., "published": ...}')
    notes = list(notes)  # this record's own notes (the file's are shared by its records)
    record = _repaired(record, notes)
    text, html = _field(record, "text", name), _field(record, "html", name)
    published_raw = _field(record, "published", name)
    published = parse_date(published_raw) if published_raw else None
    if published_raw and published is None:
        raise InputError(f"cannot read the date {published_raw!r} in 'published'", source=name,
                         hint="write it as YYYY-MM-DD")
    given = _Meta(_field(record, "title", name), _field(record, "outlet", name), _field(record, "url", name),
                  published, _field(record, "language", name))
    if text is None and html is None:
        raise InputError("record has no 'text' or 'html'", source=name,
                         hint="add the article body as 'text' (or its page as 'html')")
    if text is None:
        assert html is not None
        page = _from_html(html, name, encoding, notes, url=given.url)
        return _rebuild(page, given)
    meta = _Meta(given.title, given.outlet, given.url, given.published, given.language, notes=list(notes))
    return _build(text, meta, input_name=name, encoding=encoding)


def _rebuild(page: Article, given: _Meta) -> Article:
    """An HTML record's Article with the record's own fields winning over the page's metadata."""
    update: dict[str, Any] = {k: v for k, v in (("title", given.title), ("outlet", given.outlet),
                              ("url", given.url), ("language", given.language)) if v}
    if given.published:
        update["published"] = given.published
        update["dates"] = [*page.dates, ArticleDate(date=given.published, origin="metadata")]
    return page.model_copy(update=update)


# --- building ----------------------------------------------------------------------------------

_HEADER_KEYS = {
    "title": "title", "العنوان": "title", "date": "published", "published": "published",
    "التاريخ": "published", "تاريخ النشر": "published", "source": "outlet", "outlet": "outlet",
    "المصدر": "outlet", "url": "url", "الرابط": "url", "language": "language", "اللغة": "language",
}
_HEADER_LINE = re.compile(r"^\s*([^:\n]{2,15}?)\s*:\s*(\S.*?)\s*$")


def _header(text: str, meta: _Meta) -> str:
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
    return "\n".join(lines[i + 1:])


def _build(text: str, meta: _Meta, *, input_name: str | None, encoding: str | None) -> Article:
    normalized, norm_notes = normalize_text(text)
    cleaned, furniture_notes = strip_furniture(normalized)
    notes = [*meta.notes, *norm_notes, *furniture_notes]
    if not cleaned.strip():
        raise InputError("no article text left after cleaning", source=input_name,
                         hint="check that the input is an article, not an empty page or only page furniture")
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
        raise InputError(f"language {language[:20]!r} is not a language code", source=input_name,
                         hint="use an ISO 639-1 code such as 'ar' or 'en', or leave it out to detect it")
    return Article(
        id=article_id(cleaned), title=meta.title, outlet=outlet, url=meta.url, published=published,
        language=language, text=cleaned, input_name=input_name,
        encoding=encoding, dates=dates, notes=notes,
    )


_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|und")
_EN_WORDS = LazySet(lambda: frozenset(words("english_cue_word", "en")))  # en.toml; built on first use


def _dates(text: str, meta: _Meta, notes: list[str]) -> tuple[list[ArticleDate], dt.date | None]:
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
        dates.append(ArticleDate(date=day, origin="embed" if embedded else "text",
                                 quote=quote_at(text, m.start, m.end)))
    if meta.published is not None:
        if embeds and max(embeds) > meta.published:
            notes.append(f"the given date {meta.published} is earlier than an embedded post ({max(embeds)})")
        return dates, meta.published
    if embeds:
        notes.append(f"published date estimated from embedded post dates (the latest, {max(embeds)}): "
                     "an article cannot predate what it embeds")
        return dates, max(embeds)
    return dates, None


__all__ = ["EncodingError", "InputError", "article_from_text", "article_id", "detect_language",
           "load_article", "load_articles"]
