"""Stage 3 (STUB, being written): deterministic reconciliation of extractions into a Brief."""

from __future__ import annotations

from collections.abc import Sequence

from .models import ArticleFailure, Brief, Extraction


def reconcile(
    extractions: Sequence[Extraction],
    *,
    failures: Sequence[ArticleFailure] = (),
    notes: Sequence[str] = (),
) -> Brief:
    raise NotImplementedError
