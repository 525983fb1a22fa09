"""Shared helpers for the LLM extractor tests (articles from the seed fixtures, fast settings)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from factcheck.config import Settings
from factcheck.models import Article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SEED_FILES = ("000_7a755da794561b55.txt", "002_bb4ab9c79788da7a.txt")


def make_article(text: str, name: str = "test.txt", language: str = "ar") -> Article:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return Article(id=f"a{digest}", text=text, language=language, input_name=name)


def seed_articles() -> list[Article]:
    return [make_article((SEEDS / n).read_text(encoding="utf-8"), n) for n in SEED_FILES]


def llm_settings(url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"base_url": url, "model": "test-model", "backend": "llm", "cache": False}
    values.update(overrides)
    return Settings(**values)


def point_at(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Configure the CLI for the scripted server through the environment, as a user would."""
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("FACTCHECK_MODEL", "test-model")
