"""Golden briefs: every fixture story (seeds, own stories, AuRED dev) briefed offline and rendered as JSON,
Markdown and HTML must stay byte-identical to tests/golden/. A refactor or a speed-up that changes a byte
fails here; a deliberate change regenerates the files (``GOLDEN_REGEN=1 pytest tests/test_golden.py``)
and says why in its commit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck import generate_brief, render

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".md")


def _stories() -> dict[str, list[str]]:
    stories: dict[str, list[str]] = {
        "seeds": sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures/seeds").glob("*.txt"))
    }
    for folder in ("fixtures/stories", "fixtures/eval/aured-dev"):
        for story in sorted((ROOT / folder).iterdir()):
            files = sorted(
                str(p.relative_to(ROOT)) for p in story.iterdir() if p.suffix in _SUFFIXES and p.name != "gold.json"
            )
            stories[f"{Path(folder).name}-{story.name}"] = files
    return stories


STORIES = _stories()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(STORIES))
def test_brief_is_byte_identical(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # article paths in the brief are relative to the project root
    brief = generate_brief(STORIES[name])
    for fmt in ("json", "md", "html"):
        got = render(brief, format=fmt)
        path = GOLDEN / f"{name}.{fmt}"
        if os.environ.get("GOLDEN_REGEN") == "1":
            path.write_text(got, encoding="utf-8")
            continue
        assert path.exists(), f"no golden file {path.name}: run GOLDEN_REGEN=1 pytest tests/test_golden.py"
        want = path.read_text(encoding="utf-8")
        assert got == want, f"{path.name} changed; if deliberate, regenerate with GOLDEN_REGEN=1 and say why"
