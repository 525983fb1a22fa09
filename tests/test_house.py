"""House rules of the package (issue 10): no module over 400 lines, no function over 60 lines (the CLI's
parser builder excepted), checked by the same script a contributor runs (scripts/house_check.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _checker() -> object:
    spec = importlib.util.spec_from_file_location("house_check", ROOT / "scripts" / "house_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_module_and_function_of_the_package_is_within_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the checker names files relative to the project, as its exceptions do
    check = _checker()
    files = sorted((ROOT / "factcheck").rglob("*.py"))
    assert len(files) > 50
    found = [b for f in files for b in check.breaches(f.relative_to(ROOT))]  # type: ignore[attr-defined]
    assert not found, "\n".join(found)


def test_the_checker_catches_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(70))
    (tmp_path / "long.py").write_text(f"def f() -> None:\n{body}\n", encoding="utf-8")
    (tmp_path / "big.py").write_text("x = 1\n" * 401, encoding="utf-8")
    check = _checker()
    assert any("function f is 71 lines" in b for b in check.breaches(tmp_path / "long.py"))  # type: ignore[attr-defined]
    assert any("401 lines" in b for b in check.breaches(tmp_path / "big.py"))  # type: ignore[attr-defined]
