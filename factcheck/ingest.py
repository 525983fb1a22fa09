"""Stage 1 (STUB, being written): read articles from files, stdin or JSON records into Article models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from .models import Article, ArticleFailure


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    language: str | None = None,
    input_name: str | None = None,
) -> Article:
    raise NotImplementedError


def load_article(path: str | Path, *, stdin: bytes | None = None) -> list[Article]:
    """One input (a file, or '-' for stdin) -> its articles (a JSON file may hold several)."""
    raise NotImplementedError


def load_articles(inputs: Sequence[str | Path]) -> tuple[list[Article], list[ArticleFailure]]:
    """Load every input; a broken one becomes an ArticleFailure and never costs the others."""
    raise NotImplementedError
