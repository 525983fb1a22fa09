"""Atomic writes: the previous file survives a failed write; no temporary file is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.fileio import write_text_atomic


def test_writes_and_replaces(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "brief.md"
    write_text_atomic(out, "أول\n")
    write_text_atomic(out, "second\r\n")
    assert out.read_bytes() == b"second\r\n"  # no newline translation
    assert sorted(p.name for p in out.parent.iterdir()) == ["brief.md"]


def test_a_failed_write_keeps_the_previous_brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "brief.html"
    write_text_atomic(out, "previous brief")

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="No space"):
        write_text_atomic(out, "x" * 100_000)
    assert out.read_text(encoding="utf-8") == "previous brief"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]


def test_keeps_the_permission_bits_of_the_file_it_replaces(tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    out.write_text("{}", encoding="utf-8")
    out.chmod(0o640)
    write_text_atomic(out, "[]")
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_device_is_written_in_place_never_replaced(tmp_path: Path) -> None:
    devnull = Path(os.devnull)
    write_text_atomic(devnull, "discarded")
    assert devnull.exists() and not devnull.is_file()  # still the device, not a regular file


def test_a_link_is_followed_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "briefs" / "today.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    write_text_atomic(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
