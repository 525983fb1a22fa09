"""Content-addressed cache of the LLM's answers, one entry per article part.

Each part that was answered is stored on its own, so a re-run pays only for the parts that failed.
Key: SHA-256 over the part's request (its text, the article's metadata, the rendered prompt, the
output cap), the server, model, mode, temperature, re-ask budget and the prompt and schema versions,
so a re-run on unchanged articles makes no LLM call and any change that could change the answer
misses. The server is part of the key because a model name says nothing about who answers:
an honest server must never be served what another (e.g. a compromised one) answered under the same
model name. ``Settings.refresh`` re-asks and overwrites the entries while keeping the cache.
Entries are the part's grounded answer (JSON) written atomically (temporary file + ``os.replace``): a crash never
leaves a half-written entry under its final name. An unreadable, corrupt or ungrounded entry is
ignored (and overwritten by the next store). Nothing from the settings but the key's fields is
stored: the API key never enters the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..config import Settings, default_cache_dir
from ..fileio import write_text_atomic

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


def part_key(settings: Settings, *, server: str, request: dict[str, Any], versions: tuple[str, str]) -> str:
    """The key of one part's answer: everything that can change it.

    ``request``: what is sent for the part (messages as rendered, article values, output cap), so the
    part's text, the article's metadata, the prompt and the chunking all count; ``versions``: the
    prompt and schema versions. The settings add the server (see ``server_identity``), the model, the
    mode, the temperature and the re-ask budget.
    """
    parts = {
        "request": request,
        "server": server,
        "model": settings.model,
        "mode": settings.mode,
        "temperature": settings.temperature,
        "max_retries": settings.max_retries,
        "versions": list(versions),
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _path(settings: Settings, key: str) -> Path:
    return cache_root(settings) / key[:2] / f"{key}.json"


def load_part(settings: Settings, key: str) -> dict[str, Any] | None:
    """A stored part entry (``{"answer": ..., "notes": [...], "reasks": n}``), or None on a miss.

    The caller re-grounds the answer against the part's text before using it: an entry edited on
    disk or written for other text is never served as article content.
    """
    try:
        data = json.loads(_path(settings, key).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # missing or corrupt: treated as a miss, overwritten by the next store
    if not isinstance(data, dict) or not isinstance(data.get("answer"), dict):
        return None
    return data


def store_part(settings: Settings, key: str, entry: dict[str, Any]) -> None:
    write_text_atomic(_path(settings, key), json.dumps(entry, ensure_ascii=False))


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
