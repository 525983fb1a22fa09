"""Content-addressed cache of LLM extractions.

Key: SHA-256 over (article text hash, server, model, prompt version, schema version, mode,
chunking), so a re-run on unchanged articles makes no LLM call and any change that could change the
answer misses. The server is part of the key because a model name says nothing about who answers:
an honest server must never be served what another (e.g. a compromised one) answered under the same
model name. ``Settings.refresh`` re-asks and overwrites the entries while keeping the cache.
Entries are Extraction JSON written atomically (temporary file + ``os.replace``): a crash never
leaves a half-written entry under its final name. An unreadable, corrupt or ungrounded entry is
ignored (and overwritten by the next store). Nothing from the settings but the key's fields is
stored: the API key never enters the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pydantic import ValidationError

from ..config import Settings, default_cache_dir
from ..fileio import write_text_atomic
from ..grounding import ungrounded
from ..models import Article, Extraction

_SUBDIR = "llm"
DEFAULT_BASE_URL = "https://api.openai.com/v1"  # what the openai client calls when no base URL is set


def cache_root(settings: Settings) -> Path:
    return (settings.cache_dir or default_cache_dir()) / _SUBDIR


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def server_identity(base_url: object) -> str:
    """The server part of the key: the base URL without credentials, query or trailing slash."""
    parts = urlsplit(str(base_url or DEFAULT_BASE_URL).strip())
    host = (parts.hostname or "").lower()
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme.lower(), netloc, parts.path.rstrip("/"), "", ""))


def cache_key(
    article: Article, settings: Settings, *, prompt_version: str, schema_version: str, server: str | None = None
) -> str:
    """``server``: the identity of the server actually called (the caller's client's base URL)."""
    parts = {
        "text": text_hash(article.text),
        "server": server if server is not None else server_identity(settings.base_url),
        "model": settings.model,
        "prompt": prompt_version,
        "schema": schema_version,
        "mode": settings.mode,
        "chunk_tokens": settings.chunk_tokens,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def _path(settings: Settings, key: str) -> Path:
    return cache_root(settings) / key[:2] / f"{key}.json"


def load(settings: Settings, key: str, article: Article) -> Extraction | None:
    """The cached extraction for ``article`` (re-pointed at this Article), or None on a miss."""
    path = _path(settings, key)
    try:
        raw = path.read_text(encoding="utf-8")
        cached = Extraction.model_validate_json(raw)
    except (OSError, UnicodeDecodeError, ValidationError, ValueError):
        return None  # missing or corrupt: treated as a miss, overwritten by the next store
    if cached.article.text != article.text:
        return None
    # The article's metadata may differ (another file name); the spans only depend on its text.
    hit = cached.model_copy(update={"article": article, "cached": True})
    if ungrounded(hit):
        return None
    return hit


def store(settings: Settings, key: str, extraction: Extraction) -> None:
    write_text_atomic(_path(settings, key), extraction.model_dump_json())


def clear_cache(settings: Settings) -> int:
    """Remove every cached LLM extraction; returns how many entries were removed."""
    root = cache_root(settings)
    if not root.is_dir():
        return 0
    removed = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        try:
            path.unlink()
        except OSError:
            continue
        if path.suffix == ".json" and not path.name.startswith("."):  # not a crashed write's leftover
            removed += 1
    for sub in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        with contextlib.suppress(OSError):
            sub.rmdir()
    return removed
