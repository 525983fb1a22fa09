"""Dates in Arabic and English news text: parse, find, resolve relative mentions, format.

* ``parse_date`` reads one date string (ISO, "November 14, 2025", "14 نوفمبر 2025",
  "١٤ تشرين الثاني ٢٠٢٥", "2022/7/20" ...). Numeric dates with the year last are read day first
  (the Arab and British order) unless only the month-first reading is valid.
* ``find_dates`` lists every date mention in a text with its exact span: full dates, month + year,
  day + month, month with "last/this/next" ("كانون الأول/ ديسمبر الماضي", "last December"),
  weekdays ("الخميس الماضي", "last Thursday") and years with a cue ("عام 2016", "in 2016").
* ``resolve`` turns a mention into (year, month, day) using a reference date (the article's
  publication date) for the relative ones.

Month names: English (full and abbreviated), the Levantine/Iraqi family (كانون الثاني ... تشرين الثاني),
the Egyptian/Gulf family (يناير ... نوفمبر) and the Maghrebi variants (جانفي, غشت ...); the double
forms "تشرين الأول/أكتوبر" and "أكتوبر (تشرين الأول)" are one mention. Arabic-Indic and Persian
digits are read as digits.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from .._lexicon_lazy import LazyMap, values

Relative = Literal["last", "this", "next"]

MONTHS_EN: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name[1:], 1):
    MONTHS_EN[_name.lower()] = _i
    MONTHS_EN[_name[:3].lower()] = _i
MONTHS_EN["sept"] = 9

# Arabic month names (Levantine/Iraqi, Egyptian/Gulf, Maghrebi) are lexicon data (category month),
# matched as written, no folding: "آب" (August) never matches "أب".
MONTHS_AR: LazyMap[int] = LazyMap(lambda: {k: int(v) for k, v in values("month", "ar").items()})

_LEVANTINE = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]
_EGYPTIAN = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]

WEEKDAYS_EN = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS_AR: LazyMap[int] = LazyMap(lambda: {k: int(v) for k, v in values("weekday", "ar").items()})

_REL_AR: LazyMap[str] = LazyMap(lambda: {k: str(v) for k, v in values("relative_time", "ar").items()})
_REL_EN: LazyMap[str] = LazyMap(lambda: {k: str(v) for k, v in values("relative_time", "en").items()})
_REL: dict[str, Relative] = {"last": "last", "this": "this", "next": "next"}
_RELATIVE: LazyMap[Relative] = LazyMap(lambda: {w: _REL[r] for w, r in (_REL_AR | _REL_EN).items()})

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True)
class DateMention:
    """One date expression: ``text == source[start:end]``; unknown parts are None."""

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    relative: Relative | None = None


# --- patterns ----------------------------------------------------------------------------------


def _alt(names: list[str]) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


_D = r"[0-9٠-٩۰-۹]"
_ANY_DIGIT = re.compile(_D)
_FOUR_DIGITS = re.compile(_D + "{4}")
# Why a pattern can skip a text: it needs a digit (D), four digits in a row (Y: a year; each
# pattern holding a year or _N4 needs them), a month or weekday name (N), or both.
_NEEDS = ("Y", "Y", "Y", "YN", "YN", "YN", "DN", "DN", "N", "N", "N", "N", "Y", "Y")


@lru_cache(maxsize=1)
def _name_lists() -> dict[str, list[str]]:
    """The month and weekday names as the patterns spell them (the Arabic ones come from the lexicon)."""
    # English names are matched capitalised (or upper case) only: "this may be" is not a date.
    full_en = {n.lower() for n in calendar.month_name[1:]}
    return {
        "mon_ar": list(MONTHS_AR),
        "mon_en": [v for n in MONTHS_EN if n in full_en for v in (n.capitalize(), n.upper())],
        "mon_en_abbr": [v for n in MONTHS_EN if n not in full_en for v in (n.capitalize(), n.upper())],
        "wd_ar": list(WEEKDAYS_AR),
        "wd_en": [v for n in WEEKDAYS_EN for v in (n.capitalize(), n.upper())],
    }


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Alternations of the month and weekday names."""
    return {k: _alt(names) for k, names in _name_lists().items()}


@lru_cache(maxsize=1)
def _name_gate() -> re.Pattern[str]:
    """Any month or weekday name as the patterns spell it: a text without one has no named date.

    The names are factored into a trie (``يو(?:نيو|ليو)``): the same strings as their plain
    alternation, but a position that starts no name fails at its first letters instead of trying
    every name (the plain alternation took most of the date reading's time on dateless text)."""
    trie: dict[str, Any] = {}
    for name in (n for names in _name_lists().values() for n in names):
        node = trie
        for ch in name:
            node = node.setdefault(r"\s+" if ch == " " else re.escape(ch), {})
        node[""] = {}  # a name ends here
    return re.compile(_trie_regex(trie))


def _trie_regex(node: dict[str, Any]) -> str:
    if "" in node:  # a name ends here: whether longer ones go on does not change a search's verdict
        return ""
    alts = [unit + _trie_regex(child) for unit, child in sorted(node.items())]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Compiled on first use: the Arabic month and weekday names come from the lexicon."""
    names = _names()
    _MON_AR, _MON_EN, _MON_EN_ABBR = names["mon_ar"], names["mon_en"], names["mon_en_abbr"]
    # An Arabic word may carry a clitic (و، ب، ل، ف) before the month; it stays outside the span.
    _ARB = r"(?<!\w)(?:[وفبل](?=\w))?"
    _ENB = r"(?<![\w])"
    _AR1 = rf"(?:{_MON_AR})(?!\w)"
    _EN1 = rf"(?:(?:{_MON_EN})|(?:{_MON_EN_ABBR})\.?)(?!\w)"
    # A month, optionally doubled: "تشرين الأول/ أكتوبر", "أكتوبر (تشرين الأول)".
    _MONTH = (
        rf"(?P<mon>(?:{_AR1}|{_EN1})"
        rf"(?:\s*/\s*(?:{_AR1})|\s*\(\s*(?:{_AR1})\s*\))?)"
    )
    _YEAR = rf"(?P<year>(?:1[89]|2[0-1]){_D}{{2}}|[١٢][٠-٩]{{3}})(?!{_D})"
    _DAY = rf"(?P<day>{_D}{{1,2}})(?:st|nd|rd|th)?(?!{_D})"
    _OF = r"(?:\s*,?\s*(?:من\s+)?(?:(?:عام|العام|سنة|السنة|of)\s+)?)"

    _WD_AR, _WD_EN = names["wd_ar"], names["wd_en"]
    _WEEKDAY_AR = rf"(?P<wd>(?:{_WD_AR})(?!\w))"
    _WEEKDAY_EN = rf"(?P<wd>(?:{_WD_EN})(?!\w))"
    _WD_PREFIX = rf"(?:(?P<wd>(?:يوم\s+)?(?:{_WD_AR})|(?:{_WD_EN}))\s*[,،]?\s+(?:the\s+)?)?"

    _RA = "|".join(_REL_AR)
    _RE = "[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Cc]oming"
    _NOT_AR = r"(?!\w)"
    _N2 = rf"{_D}{{1,2}}"
    _N4 = rf"{_D}{{4}}"
    # Each pattern's span is its group "b" (an Arabic clitic before it stays outside).
    return [
        ("iso", re.compile(rf"(?<!{_D})(?P<b>(?P<year>{_N4})-(?P<m>{_N2})-(?P<day>{_N2}))(?!{_D})")),
        ("ymd", re.compile(rf"(?<!{_D})(?P<b>(?P<year>{_N4})/(?P<m>{_N2})/(?P<day>{_N2}))(?!{_D})")),
        ("dmy", re.compile(rf"(?<![\d/.])(?P<b>(?P<a>{_N2})([/.])(?P<m>{_N2})\3(?P<year>{_N4}))(?!{_D})")),
        ("full", re.compile(rf"{_ARB}(?P<b>{_WD_PREFIX}{_DAY}\s*(?:من\s+|of\s+)?{_MONTH}{_OF}\s*{_YEAR})")),
        ("full", re.compile(rf"{_ENB}(?P<b>{_WD_PREFIX}{_MONTH}\s+{_DAY}\s*,?\s*{_YEAR})")),
        ("monthyear", re.compile(rf"{_ARB}(?P<b>{_MONTH}{_OF}\s*{_YEAR})")),
        ("daymonth", re.compile(rf"{_ARB}(?P<b>{_DAY}\s*(?:من\s+|of\s+)?{_MONTH})")),
        ("daymonth", re.compile(rf"{_ENB}(?P<b>(?P<mon>{_EN1})\s+{_DAY})")),
        ("monthrel", re.compile(rf"{_ARB}(?P<b>(?:شهر\s+)?{_MONTH}\s+(?P<rel>{_RA})){_NOT_AR}")),
        ("monthrel", re.compile(rf"{_ENB}(?P<b>(?P<rel>{_RE})\s+{_MONTH})")),
        # "الأحد عشر" is "eleven", not Sunday.
        (
            "weekday",
            re.compile(rf"{_ARB}(?P<b>(?:(?:يوم|نهار)\s+)?{_WEEKDAY_AR}(?:\s+(?P<rel>{_RA}))?){_NOT_AR}(?!\s+عشر)"),
        ),
        ("weekday", re.compile(rf"{_ENB}(?P<b>(?:(?P<rel>{_RE})\s+)?{_WEEKDAY_EN})")),
        ("year", re.compile(rf"{_ARB}(?P<b>(?:عام|العام|عامي|سنة|السنة)\s+{_YEAR})")),
        ("year", re.compile(rf"{_ENB}(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter)\s+)(?P<b>{_YEAR})")),
    ]


def _num(s: str) -> int:
    return int(s.translate(_DIGITS))


def _month_of(s: str) -> int | None:
    """The month of a (possibly doubled) month expression: its first name decides."""
    first = re.split(r"\s*[/(]\s*", s.strip(), maxsplit=1)[0]
    key = " ".join(first.rstrip(".").split())
    return MONTHS_AR.get(key) or MONTHS_EN.get(key.lower())


def _weekday_of(s: str | None) -> int | None:
    if not s:
        return None
    key = re.sub(r"^(?:يوم|نهار)\s+", "", s.strip())
    return WEEKDAYS_AR.get(key, WEEKDAYS_EN.get(key.lower()))


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None:
        if m is None or d < 1:
            return False
        return d <= calendar.monthrange(y if y is not None else 2000, m)[1]  # 2000: Feb 29 allowed
    return True


def _mention(kind: str, m: re.Match[str]) -> DateMention | None:
    g = m.groupdict()
    y = _num(g["year"]) if g.get("year") else None
    month: int | None
    day: int | None
    if kind in ("iso", "ymd"):
        month, day = _num(g["m"]), _num(g["day"])
    elif kind == "dmy":
        a, b = _num(g["a"]), _num(g["m"])
        day, month = (a, b) if _valid(y, b, a) else (b, a)  # day first unless impossible
    else:
        month = _month_of(g["mon"]) if g.get("mon") else None
        day = _num(g["day"]) if g.get("day") else None
    if not _valid(y, month, day):
        return None
    rel_word = (g.get("rel") or "").lower()
    rel = _RELATIVE.get(rel_word)
    start, end = m.span("b")
    return DateMention(start, end, m.string[start:end], y, month, day, _weekday_of(g.get("wd")), rel)


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in ``text``, in order, non-overlapping (the longest wins)."""
    return list(_find_dates(text))


@lru_cache(maxsize=1 << 15)
def _find_dates(text: str) -> tuple[DateMention, ...]:
    # Remembered: one text recurs in a story (a claim repeated across articles, read at each of
    # its offsets, and again in its sentence); mentions are relative to the text.
    found: list[DateMention] = []
    digit = _ANY_DIGIT.search(text) is not None
    year = digit and _FOUR_DIGITS.search(text) is not None
    name: bool | None = None  # searched only when a pattern needs it
    for (kind, pattern), needs in zip(_patterns(), _NEEDS, strict=True):
        if ("D" in needs and not digit) or ("Y" in needs and not year):
            continue
        if "N" in needs:
            if name is None:
                name = _name_gate().search(text) is not None
            if not name:
                continue
        for m in pattern.finditer(text):
            mention = _mention(kind, m)
            if mention is not None and mention.text.strip():
                found.append(mention)
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    kept: list[DateMention] = []
    for cand in found:
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return tuple(sorted(kept, key=lambda d: d.start))


def parse_date(s: str) -> dt.date | None:
    """One date from a string (metadata field, ISO timestamp, written date); None if not a full date."""
    s = s.strip().translate(_DIGITS)
    if not s:
        return None
    iso = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])", s)
    if iso:
        y, m, d = (int(x) for x in iso.groups())
        return dt.date(y, m, d) if _valid(y, m, d) else None
    for mention in find_dates(s):
        if mention.year is not None and mention.month is not None and mention.day is not None:
            return dt.date(mention.year, mention.month, mention.day)
    return None


def format_date(d: dt.date, lang: str) -> str:
    """ "14 November 2025" (en) or "14 تشرين الثاني/نوفمبر 2025" (ar: both month-name families)."""
    if lang == "ar":
        return f"{d.day} {_LEVANTINE[d.month - 1]}/{_EGYPTIAN[d.month - 1]} {d.year}"
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _weekday_before(ref: dt.date, weekday: int, *, strict: bool) -> dt.date:
    back = (ref.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return ref - dt.timedelta(days=back)


def _weekday_after(ref: dt.date, weekday: int, *, strict: bool) -> dt.date:
    ahead = (weekday - ref.weekday()) % 7
    if ahead == 0 and strict:
        ahead = 7
    return ref + dt.timedelta(days=ahead)


def resolve(m: DateMention, ref: dt.date | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) that ``m`` denotes; relative forms need ``ref`` (else None).

    Weekdays: bare or "this" -> the latest such day on or before ``ref`` (news reports the past);
    "last" -> strictly before ``ref``; "next" -> strictly after. Months: "last December" -> the
    latest December strictly before ``ref``'s month; "next" -> the first after; "this" -> ``ref``'s year.
    Day + month without a year -> ``ref``'s year unless that is over 60 days after ``ref``
    (then the year before): news mostly reports the past.
    """
    if m.year is not None:
        return m.year, m.month, m.day
    if ref is None:
        return None
    if m.weekday is not None and m.month is None:
        if m.relative == "next":
            d = _weekday_after(ref, m.weekday, strict=True)
        else:
            d = _weekday_before(ref, m.weekday, strict=m.relative == "last")
        return d.year, d.month, d.day
    if m.month is None:
        return None
    if m.day is None:
        if m.relative == "last":
            return (ref.year if m.month < ref.month else ref.year - 1), m.month, None
        if m.relative == "next":
            return (ref.year if m.month > ref.month else ref.year + 1), m.month, None
        return ref.year, m.month, None
    # News mostly looks back: this year's date unless it is more than ~2 months ahead of ref.
    for year in (ref.year, ref.year - 1):
        if _valid(year, m.month, m.day) and (dt.date(year, m.month, m.day) - ref).days <= 60:
            return year, m.month, m.day
    return None
