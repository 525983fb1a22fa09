"""The attribution markers of one statement unit (reporting, "according to", first-person,
participle and denial verbs) and the Attribution record the offline extractor builds from them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .arabic import REPORT_EXTRA
from .patterns import (
    ACCORDING,
    ACCORDING_EN,
    CONFIRMED_BY,
    DENY_VERB,
    DENY_VERB_EN,
    FIRST_PERSON,
    PARTICIPLE,
    PARTICIPLE_COMP,
    QUOTE_PAIR,
    REPORT,
    REPORT_EN,
)


@dataclass
class Attribution:
    speaker: str | None  # source id
    content: tuple[int, int]  # span of the reported content in the article
    verb: str
    based_on: list[str]
    via: str | None = None
    quote: tuple[int, int] | None = None  # the span to quote, when the rules chose it (English)


Marker = tuple[int, int, str, re.Match[str]]  # start, end, kind, match in the unit's text


def markers_of(sent: str) -> list[Marker]:
    """The attribution markers of a unit in text order: reporting, first-person, participle, denial
    and "according to" verbs, not inside quotations nor in a backing "وفق ما أكده"; of overlapping
    markers (a verb matched twice) the first."""
    first_person = [(m.start(), m.end(), "first", m) for m in FIRST_PERSON.finditer(sent)]
    fp_starts = {t[0] for t in first_person}
    markers = sorted(
        first_person
        + [
            (m.start(), m.end(), "participle", m)
            for m in PARTICIPLE.finditer(sent)
            if PARTICIPLE_COMP.match(sent, m.end())
        ]
        + [(m.start(), m.end(), "report", m) for m in REPORT.finditer(sent) if m.start() not in fp_starts]
        + [(m.start(), m.end(), "report", m) for m in REPORT_EXTRA.finditer(sent)]
        + [(m.start(), m.end(), "deny", m) for m in DENY_VERB.finditer(sent)]
        + [(m.start(), m.end(), "according", m) for m in ACCORDING.finditer(sent)]
        + [(m.start(), m.end(), "report", m) for m in REPORT_EN.finditer(sent)]
        + [(m.start(), m.end(), "report", m) for m in DENY_VERB_EN.finditer(sent)]
        + [(m.start(), m.end(), "according", m) for m in ACCORDING_EN.finditer(sent)],
        key=lambda t: t[0],
    )
    quoted = [(m.start(), m.end()) for m in QUOTE_PAIR.finditer(sent)]
    backed = [(m.start(), m.end()) for m in CONFIRMED_BY.finditer(sent)]
    kept: list[Marker] = []
    for mk in markers:
        if any(qs < mk[0] < qe for qs, qe in quoted) or any(bs <= mk[0] < be for bs, be in backed):
            continue
        if kept and mk[0] < kept[-1][1]:
            continue
        kept.append(mk)
    return kept


def attach_backing(out: list[Attribution], positions: list[int], backing: list[tuple[int, str, str]]) -> None:
    """A backing source goes to the attribution after it ("next") or before it ("prev")."""
    for pos, src, direction in backing:
        if direction == "next":
            idx = next((k for k, p in enumerate(positions) if p > pos), None)
        else:
            idx = next((k for k in range(len(positions) - 1, -1, -1) if positions[k] < pos), None)
        if idx is not None and out[idx].speaker != src and src not in out[idx].based_on:
            out[idx].based_on = [*out[idx].based_on, src]
