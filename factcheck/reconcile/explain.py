"""Step 4b: the one-sentence Arabic and English explanation of each finding, built from data only.

Names: Arabic sentences use the source's name as written; English ones its English name when
known, else the name as written. Quoted words are copied from the articles, never translated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ..models import CounterKind, FindingKind, Source
from ..text.dates import format_date

_FIELD = {
    "number": ("رقم", "a number"),
    "date": ("تاريخ", "a date"),
    "scope": ("النطاق", "scope"),
    "wording": ("الصياغة", "wording"),
}


class Names:
    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources

    def ar(self, sid: str | None) -> str | None:
        return self.sources[sid].name if sid is not None and sid in self.sources else None

    def en(self, sid: str | None) -> str | None:
        s = self.sources.get(sid) if sid else None
        return (s.name_en or s.name) if s else None


def _join(items: Sequence[str], lang: str) -> str:
    if lang == "ar":
        return "، ".join(items[:-1]) + (" و" if len(items) > 1 else "") + items[-1]
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]


def _articles_ar(n: int) -> str:
    return "مقالين" if n == 2 else f"{n} مقالات" if 3 <= n <= 10 else f"{n} مقالاً"


def _quoted(words: Sequence[str], lang: str) -> str:
    text = " ".join(words)
    return f"«{text}»" if lang == "ar" else f'"{text}"'


def _date_value(v: tuple[int, int | None, int | None], lang: str) -> str:
    y, m, d = v
    if m is None:
        return str(y)
    if d is None:
        return format_date(dt.date(y, m, 1), lang).split(" ", 1)[1]
    return format_date(dt.date(y, m, d), lang)


def _number(v: float) -> str:
    return f"{int(v):,}" if v == int(v) else f"{v:g}"


def explain(kind: FindingKind, cids: Sequence[str], data: Mapping[str, Any], names: Names) -> tuple[str, str]:
    """(Arabic, English) sentence for one finding; ``data`` holds the facts the detector found.

    The sentences do not repeat the claim numbers (``Finding.clusters`` holds them, and the brief
    shows them beside each finding).
    """
    ar, en = _explain(kind, cids, data, names)
    c_ar, c_en = _join(list(cids), "ar"), _join(list(cids), "en")
    ar = ar.removeprefix(f"{c_ar}: ")
    en = en.removeprefix(f"{c_en}: ")
    return ar, en[:1].upper() + en[1:]


def _explain(kind: FindingKind, cids: Sequence[str], data: Mapping[str, Any], names: Names) -> tuple[str, str]:
    c_ar, c_en = _join(list(cids), "ar"), _join(list(cids), "en")
    claimant = data.get("claimant")
    by_ar = f" الذي مصدره {names.ar(claimant)}" if claimant else ""
    by_en = f" from {names.en(claimant)}" if claimant else ""
    speaker = data.get("speaker")
    sp_ar = names.ar(speaker) or "جهة لم تُحدَّد"
    sp_en = names.en(speaker) or "an unidentified party"

    if kind == FindingKind.contested:
        noun_ar, verb_en = ("تصحيحٌ", "corrected") if data.get("counter_kind") == CounterKind.correction else (
            "نفيٌ", "denied")
        if data.get("by_subject"):
            return (f"{c_ar}: صدر {noun_ar} للادعاء{by_ar} عن {sp_ar}، وهو الطرف المعني بالادعاء أو مكتبه.",
                    f"{c_en}: the claim{by_en} is {verb_en} by {sp_en}, the subject of the claim or its office.")
        return (f"{c_ar}: صدر {noun_ar} للادعاء{by_ar} عن {sp_ar}.",
                f"{c_en}: the claim{by_en} is {verb_en} by {sp_en}.")
    if kind == FindingKind.attribution_disputed:
        return (f"{c_ar}: نفيٌ صادر عن {sp_ar} لنسبة الكلام الوارد في الادعاء{by_ar} إليه؛ "
                "النسبة نفسها موضع خلاف لا المضمون وحده.",
                f"{c_en}: {sp_en} denies the statement attributed to them in the claim{by_en}; "
                "the attribution itself, not only the content, is in dispute.")
    if kind == FindingKind.corroborated:
        if speaker is not None or data.get("counter_kind") is not None:
            return (f"{c_ar}: صدر تأكيدٌ للادعاء{by_ar} عن {sp_ar}.",
                    f"{c_en}: the claim{by_en} is confirmed by {sp_en}.")
        origins = list(data["origins"])
        return (f"{c_ar}: يرد الادعاء عن مصادر مستقلة بعضها عن بعض: "
                f"{_join([names.ar(o) or o for o in origins], 'ar')}.",
                f"{c_en}: the claim comes from independent origins: "
                f"{_join([names.en(o) or o for o in origins], 'en')}.")
    if kind == FindingKind.discrepancy:
        f_ar, f_en = _FIELD[data["field"]]
        a, b = data["a_words"], data["b_words"]
        if a and b:
            return (f"{c_ar}: تختلف الروايات في {f_ar}: {_quoted(a, 'ar')} في رواية مقابل {_quoted(b, 'ar')} في أخرى.",
                    f"{c_en}: versions differ in {f_en}: {_quoted(a, 'en')} in one, {_quoted(b, 'en')} in another.")
        one = a or b
        return (f"{c_ar}: تختلف الروايات في {f_ar}: ترد {_quoted(one, 'ar')} في رواية ولا ترد في الأخرى.",
                f"{c_en}: versions differ in {f_en}: one has {_quoted(one, 'en')}, the other does not.")
    if kind == FindingKind.single_origin:
        n, origin = data["n_articles"], data["origin"]
        return (f"{c_ar}: يرد الادعاء في {_articles_ar(n)} لكنه يعود إلى مصدر واحد هو {names.ar(origin)}؛ "
                "والتكرار ليس تأكيداً مستقلاً.",
                f"{c_en}: the claim appears in {n} articles but traces to one origin, {names.en(origin)}; "
                "repetition is not independent corroboration.")
    if kind == FindingKind.anonymous_sourcing:
        origin = data["origin"]
        return (f"{c_ar}: لا يستند الادعاء{by_ar} إلا إلى مصادر غير مسمّاة ({names.ar(origin)}).",
                f"{c_en}: the claim{by_en} rests only on unnamed sources ({names.en(origin)}).")
    # consistent
    surfaces = data["surfaces"]
    if data["field"] == "date":
        v = data["value"]
        unit_ar, unit_en = ("اليوم", "day") if v[2] is not None else ("الشهر", "month")
        return (f"{c_ar}: صيغ مختلفة للتاريخ تدل على {unit_ar} نفسه، {_date_value(v, 'ar')}: "
                f"{'، '.join(_quoted([s], 'ar') for s in surfaces)}.",
                f"{c_en}: differently written dates name the same {unit_en}, {_date_value(v, 'en')}: "
                f"{', '.join(_quoted([s], 'en') for s in surfaces)}.")
    value = _number(data["value"])
    return (f"{c_ar}: أرقام مكتوبة بصيغ مختلفة لها القيمة نفسها، {value}: "
            f"{'، '.join(_quoted([s], 'ar') for s in surfaces)}.",
            f"{c_en}: numbers written differently have the same value, {value}: "
            f"{', '.join(_quoted([s], 'en') for s in surfaces)}.")
