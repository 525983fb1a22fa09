"""generate_brief: ingest -> extract -> reconcile (STUB, being written)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .config import Settings
from .models import Brief


def generate_brief(inputs: Sequence[str | Path], settings: Settings | None = None, *, client: Any = None) -> Brief:
    raise NotImplementedError
