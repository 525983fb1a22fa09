"""What the CLI says on standard error around a brief: a live line while a long run works, one line after.

Standard output carries the brief; these lines go to standard error only. The live line is shown only
on a terminal (a log file or CI must not fill with carriage returns) and only for runs worth waiting
on: more than a few articles, or the LLM.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import TracebackType
from typing import TextIO

from .models import Brief, ClaimStatus

FEW_ARTICLES = 3  # up to this many articles offline take about a second: no live line


def wanted(stream: TextIO, n_inputs: int, llm: bool) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and (llm or n_inputs > FEW_ARTICLES)


class Progress:
    """``with Progress("extracting 12 articles with gpt-4o-mini", sys.stderr, enabled):`` shows
    "factcheck: extracting 12 articles with gpt-4o-mini … 14 s", rewritten in place, then erased."""

    def __init__(self, label: str, stream: TextIO, enabled: bool, interval: float = 0.5) -> None:
        self.label, self.stream, self.enabled, self.interval = label, stream, enabled, interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start = 0.0

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            self.stream.write(f"\rfactcheck: {self.label} … {time.monotonic() - self._start:.0f} s")
            self.stream.flush()

    def __enter__(self) -> Progress:
        if self.enabled:
            self._start = time.monotonic()
            self.stream.write(f"factcheck: {self.label} …")
            self.stream.flush()
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self.stream.write("\r\x1b[K")  # erase the line: the summary or the error comes next
            self.stream.flush()


def summary(output: Path, brief: Brief) -> str:
    """The line printed after writing: wrote brief.html — 2 articles, 2 claims in dispute, 1 failed."""
    n = len(brief.articles)
    disputed = sum(1 for c in brief.clusters if c.status in (ClaimStatus.contested, ClaimStatus.attribution_disputed))
    parts = [f"{n} article{'s' if n != 1 else ''}", f"{disputed} claim{'s' if disputed != 1 else ''} in dispute"]
    if brief.run.failures:
        parts.append(f"{len(brief.run.failures)} failed")
    return f"wrote {output} — {', '.join(parts)}"
