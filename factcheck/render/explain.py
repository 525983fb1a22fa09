"""Finding explanations in each language, from a code and its parameters (one table, ``FINDINGS``).

The reconciler states the facts of a finding (``reconcile/explain.py``: a code such as
``discrepancy_pair`` and parameters: source ids, the differing words, a count, a value); this module
writes them as a sentence in Arabic or English. Quoted words are the articles' own, never translated;
a source is named by the ``name`` function the caller gives for the language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..text.dates import format_date
from . import i18n

# {by}: " from <claimant>" (SENTENCES["claim_from"]); {speaker}/{origin}/{origins}: names; {a}/{b}/
# {one}/{surfaces}: the articles' words, quoted; {field}: FIELD_IN; {n_articles}: n_articles().
FINDINGS: dict[str, dict[str, str]] = {
    "contested_denial": {"ar": "صدر نفيٌ للادعاء{by} عن {speaker}.", "en": "The claim{by} is denied by {speaker}."},
    "contested_correction": {
        "ar": "صدر تصحيحٌ للادعاء{by} عن {speaker}.",
        "en": "The claim{by} is corrected by {speaker}.",
    },
    "contested_denial_subject": {
        "ar": "صدر نفيٌ للادعاء{by} عن {speaker}، وهو الطرف المعني بالادعاء أو مكتبه.",
        "en": "The claim{by} is denied by {speaker}, the subject of the claim or its office.",
    },
    "contested_correction_subject": {
        "ar": "صدر تصحيحٌ للادعاء{by} عن {speaker}، وهو الطرف المعني بالادعاء أو مكتبه.",
        "en": "The claim{by} is corrected by {speaker}, the subject of the claim or its office.",
    },
    "attribution_disputed": {
        "ar": "نفيٌ صادر عن {speaker} لنسبة الكلام الوارد في الادعاء{by} إليه؛ النسبة نفسها موضع خلاف لا المضمون وحده.",
        "en": "{speaker} denies the statement attributed to them in the claim{by}; the attribution itself, not "
        "only the content, is in dispute.",
    },
    "corroborated_by": {"ar": "صدر تأكيدٌ للادعاء{by} عن {speaker}.", "en": "The claim{by} is confirmed by {speaker}."},
    "corroborated_origins": {
        "ar": "يرد الادعاء عن مصادر مستقلة بعضها عن بعض: {origins}.",
        "en": "The claim comes from independent origins: {origins}.",
    },
    "discrepancy_pair": {
        "ar": "تختلف الروايات في {field}: {a} في رواية مقابل {b} في أخرى.",
        "en": "Versions differ in {field}: {a} in one, {b} in another.",
    },
    "discrepancy_one": {
        "ar": "تختلف الروايات في {field}: ترد {one} في رواية ولا ترد في الأخرى.",
        "en": "Versions differ in {field}: one has {one}, the other does not.",
    },
    "single_origin": {
        "ar": "يرد الادعاء في {n_articles} لكنه يعود إلى مصدر واحد هو {origin}؛ والتكرار ليس تأكيداً مستقلاً.",
        "en": "The claim appears in {n_articles} but traces to one origin, {origin}; repetition is not "
        "independent corroboration.",
    },
    "anonymous_sourcing": i18n.SENTENCES["anonymous_only"],
    "consistent_day": {
        "ar": "صيغ مختلفة للتاريخ تدل على اليوم نفسه، {value}: {surfaces}.",
        "en": "Differently written dates name the same day, {value}: {surfaces}.",
    },
    "consistent_month": {
        "ar": "صيغ مختلفة للتاريخ تدل على الشهر نفسه، {value}: {surfaces}.",
        "en": "Differently written dates name the same month, {value}: {surfaces}.",
    },
    "consistent_number": {
        "ar": "أرقام مكتوبة بصيغ مختلفة لها القيمة نفسها، {value}: {surfaces}.",
        "en": "Numbers written differently have the same value, {value}: {surfaces}.",
    },
}
UNKNOWN_SPEAKER = {"ar": "جهة لم تُحدَّد", "en": "an unidentified party"}


def _join(items: Sequence[str], lang: str) -> str:
    sep, last = ("، ", " و") if lang == "ar" else (", ", " and ")
    return sep.join(items[:-1]) + (last if len(items) > 1 else "") + items[-1]


def _quoted(words: Sequence[str], lang: str) -> str:
    text = " ".join(words)
    return f"«{text}»" if lang == "ar" else f'"{text}"'


def _value(params: Mapping[str, Any], lang: str) -> str:
    v = params["value"]
    if isinstance(v, (int, float)):
        return f"{int(v):,}" if v == int(v) else f"{v:g}"
    y, m, d = v
    if m is None:
        return str(y)
    if d is None:
        return format_date(dt.date(y, m, 1), lang).split(" ", 1)[1]
    return format_date(dt.date(y, m, d), lang)


def explanation(code: str, params: Mapping[str, Any], lang: str, name: Callable[[str | None], str | None]) -> str:
    """The sentence for a finding's ``code`` and ``params`` in ``lang``, naming sources with ``name``."""
    claimant = params.get("claimant")
    values: dict[str, str] = {
        "by": i18n.SENTENCES["claim_from"][lang].format(claimant=name(claimant) or claimant) if claimant else "",
        "speaker": name(params.get("speaker")) or UNKNOWN_SPEAKER[lang],
        "origin": str(name(params.get("origin"))),
        "origins": _join([name(o) or o for o in params.get("origins", [])] or [""], lang),
        "field": i18n.FIELD_IN[params["field"]][lang] if "field" in params else "",
        "a": _quoted(params.get("a", []), lang),
        "b": _quoted(params.get("b", []), lang),
        "one": _quoted(params.get("one", []), lang),
        "n_articles": i18n.n_articles(int(params.get("n_articles", 0)), lang),
        "value": _value(params, lang) if "value" in params else "",
        "surfaces": ("، " if lang == "ar" else ", ").join(_quoted([s], lang) for s in params.get("surfaces", [])),
    }
    text = FINDINGS[code][lang].format(**values)
    return text[:1].upper() + text[1:] if lang == "en" else text
