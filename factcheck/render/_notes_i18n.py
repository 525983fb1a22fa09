"""The engine's notes and failure reasons in each language of the brief.

Ingest, extractors and reconciler write their notes as English lines (the JSON keeps them as
written). The brief shows each note in the part's language: a known note is recognised by its
pattern and rendered from the template of that language with its parameters; an article id at the
start of a line becomes the article's label (A1). An unknown note stays in the English part, and
the Arabic part says how many such notes there are instead of printing English inside Arabic.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..text import dates
from ..text.scripts import has_arabic

# (pattern on the English note, {lang: template}); templates use the pattern's named groups.
_NOTES: list[tuple[re.Pattern[str], dict[str, str]]] = [
    (
        re.compile(r"^offline extractor \(deterministic rules; no LLM configured\)"),
        {
            "ar": "أداة الاستخراج دون اتصال (قواعد ثابتة، بلا نموذج لغوي): تجد الادعاءات المنسوبة والمقتبسة "
            "والنفي الصريح، ولا تترجم؛ لذا يعرض الجزء الإنجليزي الاقتباسات بلغتها الأصلية",
            "en": "offline extractor (deterministic rules, no language model): finds attributed and quoted claims "
            "and explicit denials; no translations, so the English part shows the original quotes",
        },
    ),
    (
        re.compile(r"^offline extractor: rule-based, no translation"),
        {"ar": "استخراج بالقواعد دون اتصال، بلا ترجمة", "en": "offline rules, no translation"},
    ),
    (
        re.compile(r"^LLM extractor: model (?P<model>\S+) \((?P<mode>[\w-]+) mode\)$"),
        {
            "ar": "أداة الاستخراج: النموذج اللغوي {model} (وضع {mode})",
            "en": "LLM extractor: model {model} ({mode} mode)",
        },
    ),
    (
        re.compile(r"^dropped (?P<n>\d+) claims? whose quote is not in the article"),
        {
            "ar": "استُبعد من الادعاءات ما عدده {n} لأن اقتباسه غير موجود في المقال",
            "en": "dropped {n} claim(s) whose quote is not in the article (ungrounded)",
        },
    ),
    (
        re.compile(r"^dropped (?P<what>claim|counter|source) (?P<id>\S+?):? (?:its )?quote"),
        {
            "ar": "استُبعد عنصر ({id}) لأن اقتباسه غير موجود في المقال",
            "en": "dropped {what} {id}: its quote is not in the article",
        },
    ),
    (
        re.compile(r"^replaced (?P<n>\d+) no-break space"),
        {"ar": "حُوّلت المسافات غير الفاصلة إلى مسافات عادية (العدد: {n})", "en": "replaced {n} no-break space(s)"},
    ),
    (
        re.compile(r"^removed (?P<n>\d+) zero-width/bidi control"),
        {"ar": "حُذفت محارف تحكم غير مرئية (العدد: {n})", "en": "removed {n} zero-width/bidi control character(s)"},
    ),
    (
        re.compile(r"^removed cookie banner \((?P<n>\d+) lines?\)"),
        {"ar": "حُذف إشعار ملفات تعريف الارتباط (الأسطر: {n})", "en": "removed cookie banner ({n} line(s))"},
    ),
    (
        re.compile(r"^removed tag cloud \((?P<n>\d+) lines?\)"),
        {"ar": "حُذفت قائمة الوسوم (الأسطر: {n})", "en": "removed tag cloud ({n} line(s))"},
    ),
    (
        re.compile(r"^removed advertisement label"),
        {"ar": "حُذفت عبارة إعلان", "en": "removed advertisement label"},
    ),
    (
        re.compile(r"^removed related-headlines list under '(?P<h>[^']*)' \((?P<n>\d+) lines?\)"),
        {
            "ar": "حُذفت قائمة عناوين ذات صلة تحت «{h}» (الأسطر: {n})",
            "en": "removed related-headlines list under '{h}' ({n} line(s))",
        },
    ),
    (
        re.compile(r"^kept the text after '(?P<h>[^']*)': a headline and full paragraphs"),
        {
            "ar": "أُبقي النص بعد «{h}»: عنوان وفقرات كاملة (مقال مضمّن)",
            "en": "kept the text after '{h}': a headline and full paragraphs (an embedded article)",
        },
    ),
    (
        re.compile(r"^title taken from the first line"),
        {
            "ar": "العنوان مأخوذ من السطر الأول (سطر مستقل لا ينتهي كجملة)",
            "en": "title taken from the first line (it stands alone and does not end like a sentence)",
        },
    ),
    (
        re.compile(r"^outlet taken from the source line '(?P<line>[^']*)'"),
        {"ar": "اسم الوسيلة مأخوذ من سطر المصدر «{line}»", "en": "outlet taken from the source line '{line}'"},
    ),
    (
        re.compile(r"^'\?+' kept as in the source"),
        {
            "ar": "أُبقيت علامات «????» كما في المصدر (على الأرجح رموز تعبيرية فُقدت قبل القراءة)",
            "en": "'????' kept as in the source (most likely emoji lost before ingest)",
        },
    ),
    (
        re.compile(r"^published date estimated from embedded post dates \(the latest, (?P<d>[\d-]+)\)"),
        {
            "ar": "تاريخ النشر تقديري: أحدث تاريخ بين المنشورات المضمّنة ({d})، إذ لا يسبق المقال ما يضمّنه",
            "en": "publication date estimated from embedded post dates (the latest, {d}): an article cannot "
            "predate what it embeds",
        },
    ),
    (
        re.compile(r"^duplicate input (?P<name>.+) \(same text\) kept once"),
        {"ar": "ملف مكرر ({name}) بالنص نفسه، أُبقي مرة واحدة", "en": "duplicate input {name} (same text) kept once"},
    ),
    (
        re.compile(r"^the same article was given twice"),
        {
            "ar": "أُعطي المقال نفسه مرتين، فتُجوهل التكرار",
            "en": "the same article was given twice; the repeat was ignored",
        },
    ),
]

_ESTIMATED = next(p for p, _ in _NOTES if p.pattern.startswith("^published date estimated"))
UNTRANSLATED = {
    "ar": "ملاحظات تقنية لم تُترجم (نصها في الجزء الإنجليزي وفي ملف JSON): {n}",
    "en": "{n} technical note(s) (as written by the engine)",
}
_PREFIX = re.compile(r"^(?P<id>a[0-9a-f]{12}): ")


@dataclass(frozen=True, kw_only=True)
class NoteView:
    text: str
    labels: tuple[str, ...]  # the articles it is about (A1, A2), empty for the whole run
    known: bool
    # the text as (piece, dir): dir is "" for the part's own words, "rtl"/"ltr" for a parameter taken
    # from an article or a file (a heading, a file name), which templates isolate
    parts: tuple[tuple[str, str], ...] = ()


# Notes that only restate the method lines (which extractor ran; offline means no translation).
_REDUNDANT = re.compile(r"^offline extractor \(deterministic rules; no LLM configured\)|^offline extractor: rule-based")


def _param(value: str, lang: str) -> str:
    """A parameter as the language writes it: an ISO date is written out (14 November 2025)."""
    try:
        return (
            dates.format_date(dt.date.fromisoformat(value), lang) if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else value
        )
    except ValueError:
        return value


def render_note_parts(note: str, lang: str) -> tuple[tuple[str, str], ...] | None:
    """The note in ``lang`` as (piece, dir) parts if its pattern is known, else None."""
    for pattern, texts in _NOTES:
        m = pattern.search(note)
        if m:
            values = {k: _param(v, lang) for k, v in m.groupdict().items()}
            parts = []
            for i, piece in enumerate(re.split(r"\{(\w+)\}", texts[lang])):
                if i % 2 == 0:
                    if piece:
                        parts.append((piece, ""))
                else:
                    value = values[piece]
                    parts.append((value, "rtl" if has_arabic(value) else "ltr"))
            return tuple(parts)
    return None


def render_note(note: str, lang: str) -> str | None:
    """The note in ``lang`` if its pattern is known, else None (English: None means show as written)."""
    parts = render_note_parts(note, lang)
    return None if parts is None else "".join(piece for piece, _ in parts)


def is_estimated_date(notes: Sequence[str]) -> bool:
    return any(_ESTIMATED.search(n) for n in notes)


def note_views(notes: Sequence[tuple[str | None, str]], labels: Mapping[str, str], lang: str) -> tuple[NoteView, ...]:
    """(article id or None, note) -> the notes shown in ``lang``, the same text for several articles once.

    A note starting with an article id (the reconciler's run notes) is attributed to that article.
    """
    grouped: dict[tuple[str, bool], list[str]] = {}
    pieces: dict[str, tuple[tuple[str, str], ...]] = {}
    for article_id, note in notes:
        m = _PREFIX.match(note)
        if m and article_id is None:
            article_id, note = m.group("id"), note[m.end() :]
        if _REDUNDANT.search(note):  # the method section already says it; the JSON keeps it
            continue
        parts = render_note_parts(note, lang)
        known = parts is not None
        shown = "".join(p for p, _ in parts) if parts is not None else (note if lang == "en" else "")
        pieces[shown] = parts or ()
        label = labels.get(article_id, article_id) if article_id else None
        where = grouped.setdefault((shown, known), [])
        if label and label not in where:
            where.append(label)
    views = [
        NoteView(text=text, labels=tuple(where), known=known, parts=pieces[text])
        for (text, known), where in grouped.items()
        if text
    ]
    unknown = sum(1 for (text, known) in grouped if not known and not text)
    if lang != "en" and unknown:
        views.append(NoteView(text=UNTRANSLATED[lang].format(n=unknown), labels=(), known=True))
    return tuple(views)


_FAILURES: list[tuple[re.Pattern[str], dict[str, str]]] = [
    (
        re.compile(r"not valid UTF-8|cannot decode|encoding", re.I),
        {"ar": "تعذّر فك ترميز الملف (حدّد الترميز بالخيار ‎--encoding)", "en": ""},
    ),
    (re.compile(r"no such file|not found|does not exist", re.I), {"ar": "الملف غير موجود", "en": ""}),
    (re.compile(r"empty|no text", re.I), {"ar": "لا نص في الملف", "en": ""}),
    (re.compile(r"too large|exceeds|limit", re.I), {"ar": "الملف أكبر من الحد المسموح", "en": ""}),
    (
        re.compile(r"HTTP|timed? ?out|rate limit|429|connection", re.I),
        {"ar": "تعذّر الاتصال بالنموذج اللغوي أو انتهت المهلة", "en": ""},
    ),
]


def failure_reason(error: str, lang: str) -> str:
    """The failure's reason in ``lang``: English as written; Arabic from a known kind, else a pointer."""
    if lang == "en":
        return error
    for pattern, texts in _FAILURES:
        if pattern.search(error):
            return texts[lang]
    return "سبب تقني مدوّن بالإنجليزية في الجزء الإنجليزي وفي ملف JSON"
