"""JSON article records (CMS exports): one object, a list, or JSON Lines; a broken record fails alone."""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import InputError
from ..models import Article, ArticleDate
from ..text.dates import parse_date
from ._build import Meta, build, from_html, from_plain
from ._decode import decode

_RECORD_FIELDS = {
    "text": ("text", "body", "content"),
    "html": ("html",),
    "title": ("title",),
    "outlet": ("outlet", "source", "site_name"),
    "url": ("url",),
    "published": ("published", "date"),
    "language": ("language",),
}


def from_json(
    data: bytes, name: str, encoding: str | None, fallback_text: tuple[str, str, list[str]] | None = None
) -> list[Article | InputError]:
    text, used, notes = fallback_text or decode(data, encoding=encoding, source=name)
    records = _parse_records(text, name, fallback=fallback_text is not None)
    if records is None and fallback_text is not None:
        return [from_plain(text, name, used, [*notes, "input looked like JSON but is not; read as text"])]
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
        raise InputError(
            "JSON nested too deeply to be an article record",
            source=name,
            hint='use flat records like {"text": "...", "title": "..."}',
        ) from None
    except json.JSONDecodeError as err:
        lines = [ln for ln in stripped.splitlines() if ln.strip()]
        if len(lines) > 1 and lines[0].lstrip().startswith("{"):
            return [(f"{name}#{i}", _json_line(ln, f"{name}#{i}")) for i, ln in enumerate(lines, 1)]
        if fallback:
            return None
        raise InputError(
            f"malformed JSON (line {err.lineno}, column {err.colno}: {err.msg})",
            source=name,
            hint="fix the JSON, or see the record format in the README",
        ) from err
    if isinstance(value, list):
        if not value:
            raise InputError(
                "the JSON list holds no article records",
                source=name,
                hint='add records like {"text": "..."} (see the record format in the README)',
            )
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
            raise InputError(
                f"field {alias!r} must be a string, not {type(value).__name__}",
                source=name,
                hint="see the record format in the README",
            )
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
        raise InputError(
            f"a record must be a JSON object, not {type(record).__name__}",
            source=name,
            hint='use {"text": ..., "title": ..., "outlet": ..., "published": ...}',
        )
    notes = list(notes)  # this record's own notes (the file's are shared by its records)
    record = _repaired(record, notes)
    text, html = _field(record, "text", name), _field(record, "html", name)
    published_raw = _field(record, "published", name)
    published = parse_date(published_raw) if published_raw else None
    if published_raw and published is None:
        raise InputError(
            f"cannot read the date {published_raw!r} in 'published'", source=name, hint="write it as YYYY-MM-DD"
        )
    given = Meta(
        _field(record, "title", name),
        _field(record, "outlet", name),
        _field(record, "url", name),
        published,
        _field(record, "language", name),
    )
    if text is None and html is None:
        raise InputError(
            "record has no 'text' or 'html'", source=name, hint="add the article body as 'text' (or its page as 'html')"
        )
    if text is None:
        assert html is not None
        page = from_html(html, name, encoding, notes, url=given.url)
        return _rebuild(page, given)
    meta = Meta(given.title, given.outlet, given.url, given.published, given.language, notes=list(notes))
    return build(text, meta, input_name=name, encoding=encoding)


def _rebuild(page: Article, given: Meta) -> Article:
    """An HTML record's Article with the record's own fields winning over the page's metadata."""
    update: dict[str, Any] = {
        k: v
        for k, v in (("title", given.title), ("outlet", given.outlet), ("url", given.url), ("language", given.language))
        if v
    }
    if given.published:
        update["published"] = given.published
        update["dates"] = [*page.dates, ArticleDate(date=given.published, origin="metadata")]
    return page.model_copy(update=update)
