"""Stage 4 (STUB, being written): render a Brief as Markdown, standalone HTML or JSON via Jinja templates."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from .models import Brief

Format = Literal["md", "html", "json"]


def render(
    brief: Brief,
    *,
    format: Format = "md",
    langs: Sequence[str] = ("ar", "en"),
    template_dir: Path | None = None,
) -> str:
    raise NotImplementedError
