"""The CLI around a brief: one line on standard error after writing, -q to silence it, a live line on TTYs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from factcheck._progress import Progress, wanted
from factcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))


@pytest.mark.slow
def test_one_line_after_writing_and_quiet_silences_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brief.html"
    assert main(["brief", *SEEDS, "-o", str(out)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and re.fullmatch(
        rf"factcheck: wrote {re.escape(str(out))} — 2 articles, \d+ claims? in dispute", err[0]
    )
    assert main(["brief", *SEEDS, "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""
    # to standard output the brief itself is the result: no extra line
    assert main(["brief", *SEEDS, "--format", "md"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.slow
def test_the_line_counts_failed_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brief.md"
    bad = str(ROOT / "fixtures" / "bad" / "empty.txt")
    assert main(["brief", *SEEDS, bad, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"wrote .*brief\.md — 2 articles, \d+ claims? in dispute, 1 failed", err)
    assert "warning: " in err  # the failure itself is still named, -q or not


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_live_line_only_on_a_terminal_and_for_long_or_llm_runs() -> None:
    assert not wanted(io.StringIO(), 20, llm=True)  # a log file never gets carriage returns
    assert not wanted(_Tty(), 2, llm=False)  # two articles offline take a second
    assert wanted(_Tty(), 4, llm=False) and wanted(_Tty(), 1, llm=True)
    tty = _Tty()
    with Progress("briefing 12 input(s)", tty, True, interval=0.01):
        pass
    shown = tty.getvalue()
    assert shown.startswith("factcheck: briefing 12 input(s) …") and shown.endswith("\r\x1b[K")
    quiet = _Tty()
    with Progress("briefing 12 input(s)", quiet, False):
        pass
    assert quiet.getvalue() == ""


@pytest.mark.slow
def test_render_command_says_what_it_wrote_and_takes_digits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "brief.json"
    assert main(["brief", *SEEDS, "-o", str(data), "-q"]) == 0
    out = tmp_path / "brief.md"
    assert main(["render", str(data), "-o", str(out), "--digits", "arabic"]) == 0
    assert re.search(r"wrote .*brief\.md — 2 articles", capsys.readouterr().err)
    assert "١٤ تشرين الثاني/نوفمبر ٢٠٢٥" in out.read_text(encoding="utf-8")
