"""LLM extractor (STUB, being written): openai + instructor; imported lazily."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..config import Settings
from ..models import Article, ArticleFailure, Extraction


def extract_llm_many(
    articles: Sequence[Article], settings: Settings, *, client: Any = None
) -> tuple[list[Extraction], list[ArticleFailure]]:
    raise NotImplementedError
