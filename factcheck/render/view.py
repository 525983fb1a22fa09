"""The view the brief templates render: plain, frozen records per language, plus text helpers.

``factcheck.render`` builds these from a Brief; custom templates (``--template-dir``) can use every
field named here. Values from articles are raw text: the HTML templates autoescape them, the Markdown
templates pass them through ``md_escape``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..text.normalize import find_span
from ..text.scripts import letter_counts
from ._notes_i18n import NoteView


@dataclass(frozen=True, kw_only=True)
class QuoteView:
    """A verbatim quote, split into (text, marked) segments, with what the reader must know about it."""

    text: str
    segments: tuple[tuple[str, bool], ...]
    lang: str
    dir: str
    article_id: str
    article_label: str
    start: int
    end: int
    foreign: bool  # in another language than the part showing it
    rendering: str | None  # machine rendering in the part's language (LLM mode only)
    note: str | None  # e.g. "original Arabic, not translated"
    truncated: bool = False  # the quote goes on in the article (its span ends where the shown text ends)


@dataclass(frozen=True, kw_only=True)
class WordsView:
    """Words from an article shown inside a generated sentence (a role, an outlet, differing words)."""

    text: str
    lang: str
    dir: str
    quoted: bool = False


@dataclass(frozen=True, kw_only=True)
class SourceRef:
    id: str
    name: str
    lang: str
    dir: str
    kind_label: str
    anonymous: bool
    rendered: bool = False  # the name is a model's English rendering, not the article's words
    transliterated: bool = False  # the name is our Latin transliteration (render/translit.py), not the article's


@dataclass(frozen=True, kw_only=True)
class ArticleRow:
    label: str
    id: str
    outlet: str | None
    title: str | None
    title_lang: str
    published: str | None
    input_name: str | None
    language: str
    estimated: bool = False  # the publication date is estimated (from embedded posts), not given


@dataclass(frozen=True, kw_only=True)
class CounterView:
    speaker: SourceRef | None
    kind_label: str
    date: str | None
    quote: QuoteView


@dataclass(frozen=True, kw_only=True)
class DisputeItem:
    cluster: str
    status: str
    status_label: str
    kind_label: str
    claimant: SourceRef | None
    about: SourceRef | None
    reporters: tuple[SourceRef, ...]
    articles: tuple[str, ...]
    date: str | None
    quote: QuoteView
    counters: tuple[CounterView, ...]
    responders: tuple[tuple[SourceRef | None, str, tuple[str, ...]], ...]  # (speaker, kind, dates), once each
    explanations: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class VersionView:
    label: str
    claim: str
    cluster: str | None
    outlet: str | None
    date: str | None
    quote: QuoteView
    holder: SourceRef | None = None  # whose version it is (the claim's claimant)
    role: WordsView | None = None  # the holder's role as written in the article


@dataclass(frozen=True, kw_only=True)
class VersionsItem:
    finding: str
    clusters: tuple[str, ...]
    field_label: str | None
    explanation: str
    versions: tuple[VersionView, ...]
    sentence: tuple[tuple[str, object], ...] = ()  # who holds which version (segments, as in BottomItem)


@dataclass(frozen=True, kw_only=True)
class OriginItem:
    cluster: str
    status: str
    status_label: str
    reporters: tuple[SourceRef, ...]
    claimant: SourceRef | None
    based_on: tuple[SourceRef, ...]
    origin: SourceRef | None
    anonymous: bool
    repeated: str | None
    explanations: tuple[str, ...]  # the reconciler's sentences (the shipped templates show ``sentences``)
    sentences: tuple[tuple[tuple[str, object], ...], ...] = ()  # segments, as in BottomItem


@dataclass(frozen=True, kw_only=True)
class ClaimRow:
    cluster: str
    quote: QuoteView
    claimant: SourceRef | None
    reporters: tuple[SourceRef, ...]
    status: str
    status_label: str
    articles: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class SourceRow:
    source: SourceRef
    role: str | None
    handles: tuple[str, ...]
    attached: tuple[tuple[str, tuple[str, ...], bool], ...]  # (label, cluster ids, is a response)


@dataclass(frozen=True, kw_only=True)
class BottomItem:
    """One line of the bottom line: claim ids, status, and sentences made of segments.

    A segment is ("t", generated text), ("s", SourceRef or None), ("q", QuoteView) or ("w", WordsView).
    """

    clusters: tuple[str, ...]
    status: str
    status_label: str
    sentences: tuple[tuple[tuple[str, object], ...], ...]


@dataclass(frozen=True, kw_only=True)
class FailureRow:
    input_name: str
    stage_label: str
    error: str


@dataclass(frozen=True, kw_only=True)
class Method:
    extractors: tuple[str, ...]
    models: tuple[str, ...]
    prompt_version: str | None
    calls: int
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    cost: str
    offline: bool
    notes: tuple[NoteView, ...]
    failures: tuple[FailureRow, ...]
    factcheck_version: str
    inputs: tuple[ArticleRow, ...] = ()  # file names and ids of the articles (the table shows neither)


@dataclass(frozen=True, kw_only=True)
class ConsistentItem:
    finding: str
    clusters: tuple[str, ...]
    explanation: str
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True, kw_only=True)
class Part:
    lang: str
    dir: str
    L: dict[str, str]
    counts: tuple[tuple[str, int], ...]
    articles: tuple[ArticleRow, ...]
    consistent: tuple[ConsistentItem, ...]
    dispute: tuple[DisputeItem, ...]
    versions: tuple[VersionsItem, ...]
    origins: tuple[OriginItem, ...]
    claims: tuple[ClaimRow, ...]
    sources: tuple[SourceRow, ...]
    method: Method
    sections: tuple[tuple[str, str], ...] = field(default=())  # (anchor, heading) in order
    bottom: tuple[BottomItem, ...] = ()  # the first screen: one item per dispute, then per versions
    counts_line: str = ""  # the counts as one compact line in the part's language


def script_lang(text: str, fallback: str = "und") -> str:
    """'ar' when Arabic letters dominate, 'en' for Latin script (or the fallback if it names a Latin one)."""
    ar, latin = letter_counts(text)
    if ar and ar >= latin:
        return "ar"
    if latin:
        return fallback if fallback not in ("ar", "und") else "en"
    return fallback


def text_dir(lang: str) -> str:
    return "rtl" if lang in ("ar", "fa", "ur", "he") else "ltr"


def mark_segments(text: str, words: Sequence[str]) -> tuple[tuple[str, bool], ...]:
    """Split ``text`` into segments, marking every occurrence of ``words`` (exact, else Arabic-folded)."""
    spans: list[tuple[int, int]] = []
    for word in sorted(set(w.strip() for w in words if w.strip())):
        pos = 0
        while pos < len(text):
            span = find_span(text, word, pos)
            if span is None or span[1] <= span[0]:
                break
            spans.append(span)
            pos = span[1]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in merged:
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return tuple(out)


_MD_SPECIAL = set("\\`*_[]<>#|~!&{}$")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_AUTOLINK = re.compile(r"(?i)\b(https?(?=:)|ftp(?=:)|www(?=\.))")


def md_escape(text: object) -> str:
    """Article text as inert Markdown: one line, every markup character backslash-escaped, no @mentions."""
    s = re.sub(r"\s+", " ", str(text))  # a newline would end a table row or a list item
    s = _BIDI_CONTROLS.sub("", s)  # an override in a title would reverse the text around it
    out = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in s)
    # GitHub turns @name into a notification even when escaped; a zero-width space defuses it.
    out = re.sub(r"@(?=\w)", "@\u200b", out)
    # GitHub autolinks bare URLs and www. names; a quote must not become a live link (a phishing
    # page quoted in an article). A zero-width space after the scheme or "www" defuses it.
    out = _AUTOLINK.sub("\\1\u200b", out)
    # At the start of a line these would open a list or a setext heading.
    out = re.sub(r"^([-+=])", r"\\\1", out)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", out)
