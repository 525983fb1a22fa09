"""A set of character spans that answers "does one of them contain this span?" without a scan of all.

The offline extractor keeps a claim (or counter) only when no earlier one's quote contains it; an
article with thousands of claims made that test quadratic.
"""

from __future__ import annotations

import bisect


class Spans:
    """Spans sorted by start. Only a span starting at or after ``end - longest`` can reach ``end``,
    so a containment test looks at the few spans in that window, not at every span."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0

    def covers(self, start: int, end: int) -> bool:
        """True when a kept span [s, e) has s <= start and end <= e."""
        i = bisect.bisect_right(self._starts, start)
        lowest = end - self._longest
        while i > 0 and self._starts[i - 1] >= lowest:
            i -= 1
            if self._ends[i] >= end:
                return True
        return False

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._longest = max(self._longest, end - start)
