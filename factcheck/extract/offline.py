"""Deterministic offline extractor (STUB, being written)."""

from __future__ import annotations

from ..models import Article, Extraction


def extract_offline(article: Article) -> Extraction:
    raise NotImplementedError
