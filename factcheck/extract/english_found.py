"""The attributions the English rules have found so far, with sorted views for the look-ups the
rules make on every cue and quotation: a long article has thousands, and a scan per look-up made
extraction quadratic (issue 8). Each look-up answers exactly what the scan it replaces answered."""

from __future__ import annotations

import bisect

from .english_patterns import EnAttribution


class FoundIndex:
    """An append-only list of attributions (``items``) and its indexes."""

    def __init__(self) -> None:
        self.items: list[EnAttribution] = []
        self._contents: set[tuple[int, int]] = set()
        self._spans: list[tuple[int, int]] = []  # (start, end) of every content, sorted
        self._longest = 0  # the longest content: a span overlapping [s, e) starts after s - longest
        self._ends: list[int] = []  # sorted
        self._spoken: list[tuple[int, int]] = []  # (end, index in items) of those with a speaker, sorted

    def __contains__(self, span: tuple[int, int]) -> bool:
        return span in self._contents

    def append(self, att: EnAttribution) -> None:
        s, e = att.content
        self._contents.add((s, e))
        bisect.insort(self._spans, (s, e))
        self._longest = max(self._longest, e - s)
        bisect.insort(self._ends, e)
        if att.speaker:
            bisect.insort(self._spoken, (e, len(self.items)))
        self.items.append(att)

    def _near(self, start: int, end: int) -> list[tuple[int, int]]:
        """Every span that may overlap [start, end) (with start <= end): those starting in
        [start - longest, end)."""
        lo = bisect.bisect_left(self._spans, (start - self._longest, -1))
        return self._spans[lo : bisect.bisect_left(self._spans, (end, -1))]

    def covered(self, qs: int, qe: int) -> bool:
        """A content overlaps more than half of [qs, qe)."""
        return any(min(qe, e) - max(qs, s) > (qe - qs) / 2 for s, e in self._near(qs, qe))

    def taken(self, start: int, end: int) -> bool:
        """A content overlaps [start, end) (s < end and start < e)."""
        return any(start < e for s, e in self._near(start, end)) if start < end else self._overlap_scan(start, end)

    def _overlap_scan(self, start: int, end: int) -> bool:
        # an empty or reversed range: rare, the plain scan
        return any(s < end and start < e for s, e in self._spans)

    def nested(self, pos: int) -> bool:
        """A content holds pos (s <= pos < e)."""
        return any(pos < e for s, e in self._near(pos, pos + 1))

    def first_start_in(self, start: int, end: int) -> int | None:
        """The smallest content start strictly inside (start, end), else None."""
        i = bisect.bisect_right(self._spans, (start, 1 << 62))
        return self._spans[i][0] if i < len(self._spans) and self._spans[i][0] < end else None

    def last_end(self, start: int, end: int) -> int:
        """The latest content end within [start, end], else start."""
        j = bisect.bisect_right(self._ends, end) - 1
        return self._ends[j] if j >= 0 and self._ends[j] >= start else start

    def last_spoken_before(self, qs: int) -> EnAttribution | None:
        """The attribution with a speaker whose content ends last at or before qs (the first found,
        on a tie: what max() over the list in found order returns)."""
        j = bisect.bisect_right(self._spoken, (qs, len(self.items))) - 1
        if j < 0:
            return None
        first = bisect.bisect_left(self._spoken, (self._spoken[j][0], -1))
        return self.items[self._spoken[first][1]]

    def latest_spoken_in(self, start: int, end: int) -> EnAttribution | None:
        """The attribution with a speaker found last whose content ends within [start, end]."""
        lo = bisect.bisect_left(self._spoken, (start, -1))
        hi = bisect.bisect_right(self._spoken, (end, len(self.items)))
        return self.items[max(k for _, k in self._spoken[lo:hi])] if hi > lo else None
