"""Split an article into statement units: sentences of prose and bodies of embedded posts.

Embedded posts (tweets) appear in scraped articles as a signature line
``<text> — Name (@handle) Month D, YYYY``; scrapers put the post's text before the signature on
the same line, or after it on the next lines. Both layouts are handled with general rules:
text before the dash is the body unless it is only a label (ends with ':'), in which case the
body is on the lines that follow, up to a line that ends like a truncated post ('…' or a media link).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.posts import SIGNATURE as _SIGNATURE
from ..text.posts import is_dated
from ..text.scripts import script as _script
from ..text.sentences import sentences

_TRUNCATED_END = re.compile(r"(…|\.\.\.|pic\.twitter\.com/\S+|https?://t\.co/\S+)\s*$")


@dataclass
class Embed:
    name: str
    handle: str
    date: str | None
    body: list[tuple[int, int]]  # spans of the body's lines
    signature: tuple[int, int]


@dataclass
class Unit:
    start: int
    end: int
    text: str
    embed: Embed | None = None
    paragraph: int = 0
    tags: set[str] = field(default_factory=set)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def find_embeds(text: str) -> list[Embed]:
    lines = _lines(text)
    main_script: list[str] = []  # the article's script, counted once and only when a post needs it
    embeds: list[Embed] = []
    used: set[int] = set()
    for idx, (ls, le) in enumerate(lines):
        line = text[ls:le]
        m = _SIGNATURE.search(line)
        if not m or not is_dated(m):
            continue
        before = line[: m.start()].strip()
        if before and not before.endswith(":"):
            if not main_script:
                main_script.append(_script(text))
            body = _body_before(text, lines, idx, m.start(), used, main_script[0])
        else:
            body = _body_after(text, lines, idx, m.start() if before else None, used)
        used.add(idx)
        embeds.append(
            Embed(
                name=m.group("name").strip(" :\u200f\u200e"),
                handle=m.group("handle"),
                date=m.group("date"),
                body=[(s, e) for s, e in body if text[s:e].strip()],
                signature=(ls + m.start(), ls + m.end()),
            )
        )
    return embeds


def _body_before(
    text: str, lines: list[tuple[int, int]], idx: int, sig_start: int, used: set[int], main_script: str
) -> list[tuple[int, int]]:
    """The post's text before its signature on the same line, with earlier lines of the same post:
    label lines (ending ':') or lines in the post's script when it differs from the article's."""
    ls = lines[idx][0]
    body = [(ls, ls + sig_start)]
    j = idx - 1
    post_script = _script(text[ls : ls + sig_start].strip())
    while j >= 0 and len(body) < 5 and j not in used:
        ps, pe = lines[j]
        prev = text[ps:pe].strip()
        if not prev:
            j -= 1
            continue
        if len(prev) < 220 and (prev.endswith(":") or (_script(prev) == post_script != main_script)):
            body.insert(0, (ps, pe))
            j -= 1
            continue
        break
    return body


def _body_after(
    text: str, lines: list[tuple[int, int]], idx: int, label_end: int | None, used: set[int]
) -> list[tuple[int, int]]:
    """A signature after a label (or alone): the body is on the lines that follow, up to a blank line
    after two lines, the next signature, or a line that ends like a truncated post."""
    ls = lines[idx][0]
    body: list[tuple[int, int]] = [] if label_end is None else [(ls, ls + label_end)]
    j = idx + 1
    while j < len(lines) and len(body) < 6:
        ns, ne = lines[j]
        nxt = text[ns:ne]
        if not nxt.strip():
            j += 1
            if body and len(body) > 1:
                break
            continue
        if _SIGNATURE.search(nxt):
            break
        body.append((ns, ne))
        used.add(j)
        j += 1
        if _TRUNCATED_END.search(nxt):
            break
    return body


def units(text: str) -> list[Unit]:
    """Statement units in text order: embed bodies (one unit per body line group) and prose sentences."""
    embeds = find_embeds(text)
    covered: list[tuple[int, int, Embed | None]] = []
    for emb in embeds:
        for s, e in emb.body:
            covered.append((s, e, emb))
        covered.append((emb.signature[0], emb.signature[1], None))
    covered.sort(key=lambda t: t[0])
    out: list[Unit] = []
    for s, e, maybe in covered:
        if maybe is not None:
            for ss, se in sentences(text, s, e):
                out.append(Unit(ss, se, text[ss:se], embed=maybe))
    # Prose: everything not covered.
    pos = 0
    gaps = []
    for s, e, _ in covered:
        if s > pos:
            gaps.append((pos, s))
        pos = max(pos, e)
    if pos < len(text):
        gaps.append((pos, len(text)))
    for gs, ge in gaps:
        for ss, se in sentences(text, gs, ge):
            out.append(Unit(ss, se, text[ss:se]))
    out.sort(key=lambda u: u.start)
    para = 0
    last_end = 0
    for u in out:
        if "\n\n" in text[last_end : u.start]:
            para += 1
        u.paragraph = para
        last_end = u.end
    return out
