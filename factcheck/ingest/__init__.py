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
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import EncodingError, InputError
from ..models import Article, ArticleFailure
from ._build import Meta, article_id, build, detect_language, from_html, from_plain
from ._decode import decode
from ._records import from_json

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
    meta = Meta(title, outlet, url, published, language, date_origin="input")
    return build(text, meta, input_name=input_name, encoding=encoding, headline=title is None)


def load_article(path: str | Path, *, stdin: bytes | None = None, encoding: str | None = None) -> list[Article]:
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
        raise InputError(
            f"{len(inputs)} inputs, more than the limit of {max_articles} articles per brief",
            hint="brief fewer articles at once, or raise max_articles (FACTCHECK_MAX_ARTICLES)",
        )
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
        raise InputError(
            f"{len(articles)} article records, more than the limit of {max_articles} per brief",
            hint="split the records into several briefs, or raise max_articles (FACTCHECK_MAX_ARTICLES)",
        )
    return list(articles.values()), failures


# --- loading -----------------------------------------------------------------------------------


def _load(
    path: str | Path, *, stdin: bytes | None, encoding: str | None, max_bytes: int = MAX_ARTICLE_BYTES
) -> list[Article | InputError]:
    name = str(path)
    try:
        data = _read(name, stdin, max_bytes)
        kind = _kind(name, data)
        if kind == "json":
            return from_json(data, name, encoding)
        text, used, notes = decode(data, encoding=encoding, source=name, declared=_declared(data, kind))
        if kind == "html":
            return [from_html(text, name, used, notes)]
        if name == "-" and kind == "sniff" and text.lstrip()[:1] in "{[":
            return from_json(data, name, encoding, fallback_text=(text, used, notes))
        return [from_plain(text, name, used, notes)]
    except InputError as err:
        return [err]


def _too_big(size: int, max_bytes: int, name: str) -> InputError:
    return InputError(
        f"is {size:,} bytes, over the limit of {max_bytes:,} for one article",
        source=name,
        hint="pass the article itself, not a dump; or raise max_article_bytes "
        "(--max-article-bytes, FACTCHECK_MAX_ARTICLE_BYTES)",
    )


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
        raise InputError("is a directory", source=name, hint="pass the article files, e.g. dir/*.txt") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError(
                "is a loop of symbolic links", source=name, hint="point the link at the article file itself"
            ) from err
        raise InputError(f"cannot read: {err.strerror}", source=name, hint="check the file's permissions") from err


def _kind(name: str, data: bytes) -> str:
    if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04"):
        raise InputError(
            "is a PDF or office document, not text",
            source=name,
            hint="export the article as text (.txt), HTML or a JSON record",
        )
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


__all__ = [
    "EncodingError",
    "InputError",
    "article_from_text",
    "article_id",
    "detect_language",
    "load_article",
    "load_articles",
]
