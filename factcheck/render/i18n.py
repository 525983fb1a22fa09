"""Every visible label of the brief, in Arabic and English.

Templates get one language's labels as ``L`` (``L.heading_dispute``); a label missing in one language
is a bug that ``check_complete`` (and the tests) catch, and StrictUndefined turns a typo in a template
into a TemplateError instead of an empty heading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import Enum
from typing import Any

from ..models import ClaimStatus, CounterKind, FindingKind, SourceKind
from ..text import dates

LANGS: tuple[str, ...] = ("ar", "en")

# key -> {lang: text}. Plain text only: templates escape it like any other value.
LABELS: dict[str, dict[str, str]] = {
    "dir": {"ar": "rtl", "en": "ltr"},  # the part's writing direction (templates isolate the other one)
    "title": {"ar": "موجز التحقق", "en": "Fact-check brief"},
    "lang_name": {"ar": "العربية", "en": "English"},
    "contents": {"ar": "المحتويات", "en": "Contents"},
    "heading_bottom": {"ar": "الخلاصة", "en": "Bottom line"},
    "estimated": {"ar": "تقديري", "en": "estimated"},
    "no_title": {"ar": "بلا عنوان", "en": "no title"},
    "inputs": {"ar": "الملفات المقروءة", "en": "Input files"},
    "version_of": {"ar": "رواية", "en": "version of"},
    "overview": {"ar": "نظرة عامة", "en": "Overview"},
    "heading_dispute": {"ar": "في موضع نزاع", "en": "In dispute"},
    "heading_versions": {"ar": "روايات مختلفة", "en": "Versions differ"},
    "heading_origin": {"ar": "مصدر الرواية", "en": "Where it comes from"},
    "heading_claims": {"ar": "جميع الادعاءات", "en": "All claims"},
    "heading_sources": {"ar": "المصادر", "en": "Sources"},
    "heading_method": {"ar": "المنهجية وحدود التقرير", "en": "Method and limits"},
    "heading_articles": {"ar": "المقالات", "en": "Articles"},
    "heading_consistent": {
        "ar": "قيم متسقة مكتوبة بصيغ مختلفة",
        "en": "Consistent values written differently",
    },
    # story-level counts
    "count_articles": {"ar": "المقالات", "en": "Articles"},
    "count_claims": {"ar": "الادعاءات", "en": "Claims"},
    "count_dispute": {"ar": "في موضع نزاع", "en": "In dispute"},
    "count_versions": {"ar": "روايات مختلفة", "en": "Differing versions"},
    "count_sources": {"ar": "المصادر", "en": "Sources"},
    "count_failures": {"ar": "مقالات تعذرت قراءتها", "en": "Articles that failed"},
    # table columns and field names
    "col_claim": {"ar": "الادعاء", "en": "Claim"},
    "col_claimant": {"ar": "صاحب الادعاء", "en": "Claimant"},
    "col_reported_by": {"ar": "نقلته", "en": "Reported by"},
    "col_status": {"ar": "الحالة", "en": "Status"},
    "col_articles": {"ar": "المقالات", "en": "Articles"},
    "col_source": {"ar": "المصدر", "en": "Source"},
    "col_kind": {"ar": "النوع", "en": "Kind"},
    "col_attached": {"ar": "الادعاءات والردود", "en": "Claims and responses"},
    "col_id": {"ar": "المعرّف", "en": "Id"},
    "col_outlet": {"ar": "الوسيلة", "en": "Outlet"},
    "col_title": {"ar": "العنوان", "en": "Title"},
    "col_published": {"ar": "تاريخ النشر", "en": "Published"},
    "col_file": {"ar": "الملف", "en": "File"},
    "col_language": {"ar": "اللغة", "en": "Language"},
    "version": {"ar": "الرواية", "en": "Version"},
    "field": {"ar": "موضع الاختلاف", "en": "What differs"},
    "in_article": {"ar": "في المقال", "en": "in article"},
    "claim_side": {"ar": "الادعاء", "en": "Claim"},
    "counter_side": {"ar": "الرد", "en": "Response"},
    "claimed_by": {"ar": "صاحب الادعاء", "en": "claimed by"},
    "reported_by": {"ar": "نقلته", "en": "reported by"},
    "about": {"ar": "بشأن", "en": "about"},
    "answers": {"ar": "ردًّا على", "en": "answering"},
    "unknown_source": {"ar": "غير محدد", "en": "not stated"},
    "unknown_date": {"ar": "تاريخ غير معروف", "en": "date unknown"},
    "none": {"ar": "لا شيء", "en": "none"},
    "sep": {"ar": "، ", "en": ", "},
    "target_unknown": {"ar": "(لم يُحدَّد الادعاء المقصود)", "en": "(the claim it answers was not identified)"},
    "semi": {"ar": "؛ ", "en": "; "},
    "nothing_dispute": {
        "ar": "لا ادعاء منفيّ أو منسوب موضع نزاع في هذه المقالات.",
        "en": "No claim in these articles is denied or has a disputed attribution.",
    },
    "nothing_versions": {
        "ar": "لا اختلاف بين روايات المقالات.",
        "en": "The articles' versions do not differ.",
    },
    "nothing_origin": {
        "ar": "لا ادعاء يستند إلى أصل واحد أو إلى مصادر مجهولة.",
        "en": "No claim rests on a single origin or on unnamed sources.",
    },
    "nothing_bottom": {
        "ar": "لا ادعاء منفيّ أو موضع خلاف في هذه المقالات.",
        "en": "No claim in these articles is denied or disputed, and no versions differ.",
    },
    "consistent_date": {
        "ar": "تواريخ مكتوبة بصيغ مختلفة تدل على اليوم أو الشهر نفسه.",
        "en": "Dates written differently in the quotes below name the same day or month.",
    },
    "consistent_number": {
        "ar": "أرقام مكتوبة بصيغ مختلفة لها القيمة نفسها.",
        "en": "Numbers written differently in the quotes below have the same value.",
    },
    "nothing_claims": {"ar": "لم يُستخرج أي ادعاء.", "en": "No claim was extracted."},
    "nothing_sources": {"ar": "لم يُعرف أي مصدر.", "en": "No source was identified."},
    # origin section
    "origin": {"ar": "الأصل", "en": "Origin"},
    "citing": {"ar": "نقلًا عن", "en": "citing"},
    "named": {"ar": "مصدر مُسمّى", "en": "named source"},
    "anonymous": {"ar": "مصدر مجهول الهوية", "en": "unnamed source"},
    "repeated": {
        "ar": "عدد المقالات التي تكرره: {n}؛ عدد الأصول: 1",
        "en": "repeated in {n} articles = 1 origin",
    },
    "repeated_many": {"ar": "عدد المقالات التي تكرره: {n}", "en": "appears in {n} articles"},
    # sources section
    "role": {"ar": "الصفة", "en": "Role"},
    "handles": {"ar": "الحسابات", "en": "Handles"},
    "src_claims": {"ar": "ادعاءاته", "en": "Claims"},
    "src_based_on": {"ar": "يستند إليه", "en": "Cited as basis for"},
    "src_reported": {"ar": "نقل", "en": "Reported"},
    "src_counters": {"ar": "ردوده", "en": "Responses"},
    "src_about": {"ar": "موضوع", "en": "Subject of"},
    # quotes in the other language
    "orig_lang_ar": {"ar": "النص الأصلي بالعربية", "en": "original Arabic"},
    "orig_lang_en": {"ar": "النص الأصلي بالإنجليزية", "en": "original English"},
    "orig_lang_other": {"ar": "النص الأصلي", "en": "original text"},
    "untranslated": {"ar": "{orig}، غير مترجم", "en": "{orig}, not translated"},
    "machine_rendering": {"ar": "صياغة آلية", "en": "machine rendering"},
    "transliterated": {"ar": "نقحرة آلية", "en": "transliterated"},
    "original": {"ar": "الأصل", "en": "original"},
    "quote_span": {"ar": "الموضع", "en": "span"},
    # method section
    "extractors": {"ar": "أداة الاستخراج", "en": "Extractor"},
    "extractor_offline": {
        "ar": "قواعد دون اتصال (بلا نموذج لغوي)",
        "en": "offline rules (no language model)",
    },
    "extractor_llm": {"ar": "نموذج لغوي", "en": "language model"},
    "extractor_gold": {"ar": "تعليق يدوي", "en": "hand annotation"},
    "extractor_external": {"ar": "استخراج خارجي", "en": "external extraction"},
    "models": {"ar": "النموذج", "en": "Model"},
    "prompt_version": {"ar": "إصدار التعليمات", "en": "Prompt version"},
    "usage": {"ar": "الاستهلاك", "en": "Usage"},
    "calls": {"ar": "الطلبات", "en": "calls"},
    "prompt_tokens": {"ar": "وحدات الإدخال", "en": "prompt tokens"},
    "completion_tokens": {"ar": "وحدات الإخراج", "en": "completion tokens"},
    "total_tokens": {"ar": "المجموع", "en": "total tokens"},
    "cost": {"ar": "الكلفة", "en": "cost"},
    "cost_unknown": {"ar": "غير معروفة", "en": "not known"},
    "no_model_calls": {"ar": "لم يُستدعَ أي نموذج لغوي", "en": "no language model was called"},
    "dropped": {"ar": "ملاحظات: ما عُدّل أو استُبعد أو لم يُنجز", "en": "Notes: what was changed, dropped or not done"},
    "failures": {"ar": "مقالات تعذرت معالجتها", "en": "Articles that failed"},
    "stage_ingest": {"ar": "القراءة", "en": "reading"},
    "stage_extract": {"ar": "الاستخراج", "en": "extraction"},
    "stage_partial": {"ar": "استخراج ناقص", "en": "partly extracted"},
    "version_line": {"ar": "إصدار factcheck", "en": "factcheck version"},
    "limits": {
        "ar": "لا يحكم هذا الموجز على صحة أي ادعاء في الواقع: إنه ينقل فقط ما تقوله هذه المقالات "
        "ومدى اتفاقها أو اختلافها، ولم يُجرَ أي بحث على الإنترنت. كل اقتباس منقول حرفيًا من مقاله.",
        "en": "This brief does not judge whether any claim is true in the world: it only reports what these "
        "articles say and how they agree or differ; no web search was done. Every quote is verbatim from "
        "its article.",
    },
    "offline_limits": {
        "ar": "الوضع دون اتصال: لا ترجمة؛ تُعرض الاقتباسات بلغتها الأصلية.",
        "en": "Offline mode: nothing is translated; quotes are shown in their original language.",
    },
}

STATUS: dict[ClaimStatus, dict[str, str]] = {
    ClaimStatus.attribution_disputed: {"ar": "نسبة منفيّة", "en": "attribution disputed"},
    ClaimStatus.contested: {"ar": "منفيّ", "en": "contested"},
    ClaimStatus.discrepant: {"ar": "روايات متباينة", "en": "versions differ"},
    ClaimStatus.anonymous_only: {"ar": "مصادر مجهولة فقط", "en": "unnamed sources only"},
    ClaimStatus.single_origin: {"ar": "أصل واحد", "en": "single origin"},
    ClaimStatus.corroborated: {"ar": "مؤكَّد من مصادر مستقلة", "en": "corroborated"},
    ClaimStatus.reported: {"ar": "منقول", "en": "reported"},
}

FINDING: dict[FindingKind, dict[str, str]] = {
    FindingKind.contested: {"ar": "ادعاء منفيّ", "en": "contested claim"},
    FindingKind.attribution_disputed: {"ar": "نسبة تصريح منفيّة", "en": "disputed attribution"},
    FindingKind.discrepancy: {"ar": "اختلاف في الرواية", "en": "discrepancy"},
    FindingKind.single_origin: {"ar": "أصل واحد متكرر", "en": "single origin"},
    FindingKind.anonymous_sourcing: {"ar": "مصادر مجهولة الهوية", "en": "anonymous sourcing"},
    FindingKind.corroborated: {"ar": "تأكيد مستقل", "en": "corroborated"},
    FindingKind.consistent: {"ar": "متسق", "en": "consistent"},
}

SOURCE_KIND: dict[SourceKind, dict[str, str]] = {
    SourceKind.news_outlet: {"ar": "وسيلة إعلام", "en": "news outlet"},
    SourceKind.news_agency: {"ar": "وكالة أنباء", "en": "news agency"},
    SourceKind.government: {"ar": "جهة حكومية", "en": "government body"},
    SourceKind.official: {"ar": "مسؤول", "en": "official"},
    SourceKind.person: {"ar": "شخص", "en": "person"},
    SourceKind.organisation: {"ar": "منظمة", "en": "organisation"},
    SourceKind.social_account: {"ar": "حساب على وسائل التواصل", "en": "social-media account"},
    SourceKind.generic: {"ar": "فئة غير مسمّاة", "en": "group, not named"},
    SourceKind.anonymous: {"ar": "مجهول الهوية", "en": "anonymous"},
    SourceKind.unknown: {"ar": "نوع غير معروف", "en": "kind unknown"},
}

COUNTER_KIND: dict[CounterKind, dict[str, str]] = {
    CounterKind.denial: {"ar": "ينفي", "en": "denies"},
    CounterKind.attribution_denial: {"ar": "ينفي نسبة التصريح إليه", "en": "denies the attribution"},
    CounterKind.correction: {"ar": "يصحّح", "en": "corrects"},
    CounterKind.confirmation: {"ar": "يؤكد", "en": "confirms"},
}
# Arabic verbs agree with their subject (render/agreement.py): feminine (الرئاسة تنفي, not ينفي)
# or plural (مسؤولون ينفون); English has one form.
COUNTER_KIND_AR: dict[str, dict[CounterKind, str]] = {
    "f": {
        CounterKind.denial: "تنفي",
        CounterKind.attribution_denial: "تنفي نسبة التصريح إليها",
        CounterKind.correction: "تصحّح",
        CounterKind.confirmation: "تؤكد",
    },
    "p": {
        CounterKind.denial: "ينفون",
        CounterKind.attribution_denial: "ينفون نسبة التصريح إليهم",
        CounterKind.correction: "يصحّحون",
        CounterKind.confirmation: "يؤكدون",
    },
}

# Generated sentences (the bottom line): {names} are filled with segments (names, quotes) by
# render/_bottomline.py; a key ending in "_f" ("_p") is the Arabic form for a feminine (plural) subject.
SENTENCES: dict[str, dict[str, str]] = {
    "according": {"ar": "بحسب {reporters}، ", "en": "According to {reporters}, "},
    "says": {"ar": "{claimant} يقول{sourcing}: {quote}", "en": "{claimant} says{sourcing}: {quote}"},
    "says_f": {"ar": "{claimant} تقول{sourcing}: {quote}", "en": "{claimant} says{sourcing}: {quote}"},
    "says_p": {"ar": "{claimant} يقولون{sourcing}: {quote}", "en": "{claimant} say{sourcing}: {quote}"},
    "reads": {"ar": "{quote}", "en": "{quote}"},
    "citing_anon": {"ar": "، نقلًا عن مصادر غير مسمّاة ({based})", "en": ", citing unnamed sources ({based})"},
    "citing": {"ar": "، نقلًا عن {based}", "en": ", citing {based}"},
    "spread_one_origin": {
        "ar": "يرد في {n_articles} ويعود كله إلى أصل واحد هو {origin}؛ والتكرار ليس تأكيدًا مستقلًا.",
        "en": "It appears in {n_articles}, all from one origin, {origin}; repetition is not independent corroboration.",
    },
    "anonymous_only": {
        "ar": "لا يستند الادعاء{by} إلا إلى مصادر غير مسمّاة ({origin}).",
        "en": "The claim{by} rests only on unnamed sources ({origin}).",
    },
    "claim_from": {"ar": " الذي مصدره {claimant}", "en": " from {claimant}"},
    "spread_origins": {
        "ar": "يرد في {n_articles} من {n_origins} أصول مستقلة.",
        "en": "It appears in {n_articles} from {n_origins} independent origins.",
    },
    "spread_one_article": {"ar": "يرد في مقال واحد ({articles}).", "en": "It appears in one article ({articles})."},
    "resp_denial": {"ar": "{speaker} ينفي ذلك{when}.", "en": "{speaker} denies it{when}."},
    "resp_denial_f": {"ar": "{speaker} تنفي ذلك{when}.", "en": "{speaker} denies it{when}."},
    "resp_denial_p": {"ar": "{speaker} ينفون ذلك{when}.", "en": "{speaker} deny it{when}."},
    "resp_attribution_denial": {
        "ar": "{speaker} ينفي أن يكون قد أدلى بهذا الكلام{when}.",
        "en": "{speaker} denies having said it{when}.",
    },
    "resp_attribution_denial_f": {
        "ar": "{speaker} تنفي أن تكون قد أدلت بهذا الكلام{when}.",
        "en": "{speaker} denies having said it{when}.",
    },
    "resp_attribution_denial_p": {
        "ar": "{speaker} ينفون أن يكونوا قد أدلوا بهذا الكلام{when}.",
        "en": "{speaker} deny having said it{when}.",
    },
    "resp_correction": {"ar": "{speaker} يصحّح ذلك{when}.", "en": "{speaker} corrects it{when}."},
    "resp_correction_f": {"ar": "{speaker} تصحّح ذلك{when}.", "en": "{speaker} corrects it{when}."},
    "resp_correction_p": {"ar": "{speaker} يصحّحون ذلك{when}.", "en": "{speaker} correct it{when}."},
    "resp_confirmation": {"ar": "{speaker} يؤكد ذلك{when}.", "en": "{speaker} confirms it{when}."},
    "resp_confirmation_f": {"ar": "{speaker} تؤكد ذلك{when}.", "en": "{speaker} confirms it{when}."},
    "resp_confirmation_p": {"ar": "{speaker} يؤكدون ذلك{when}.", "en": "{speaker} confirm it{when}."},
    "unknown_speaker": {"ar": "جهة لم تُحدَّد", "en": "An unidentified party"},
    "when": {"ar": " ({dates})", "en": " ({dates})"},
    "versions_pair": {
        "ar": "تختلف الروايات في {field}: {a_words} في رواية {a_holder}، مقابل {b_words} في رواية {b_holder}.",
        "en": "Versions differ in {field}: {a_words} in the version of {a_holder}, against {b_words} in that "
        "of {b_holder}.",
    },
    "versions_one": {
        "ar": "تختلف الروايات في {field}: ترد {a_words} في رواية {a_holder} ولا ترد في رواية {b_holder}.",
        "en": "Versions differ in {field}: {a_words} appears in the version of {a_holder} but not in that "
        "of {b_holder}.",
    },
    "holder": {"ar": "{who} ({where})", "en": "{who} ({where})"},
}

# The field a discrepancy is in, as the object of "differ in".
FIELD_IN: dict[str, dict[str, str]] = {
    "number": {"ar": "الرقم", "en": "a number"},
    "date": {"ar": "التاريخ", "en": "a date"},
    "scope": {"ar": "النطاق", "en": "scope"},
    "wording": {"ar": "الصياغة", "en": "wording"},
}

FIELD: dict[str, dict[str, str]] = {
    "number": {"ar": "رقم", "en": "number"},
    "date": {"ar": "تاريخ", "en": "date"},
    "scope": {"ar": "نطاق", "en": "scope"},
    "wording": {"ar": "صياغة", "en": "wording"},
}


# "What changed" since the story's previous brief (factcheck.diff): leads the brief, summary and PR comment.
CHANGES: dict[str, dict[str, str]] = {
    "title": {"ar": "ما الذي تغيّر", "en": "What changed"},
    "since": {"ar": "منذ الموجز السابق", "en": "since the previous brief"},
    "none": {"ar": "لا تغيير.", "en": "Nothing changed."},
    "new_articles": {"ar": "مقالات جديدة", "en": "New articles"},
    "removed_articles": {"ar": "مقالات لم تعد في الموجز", "en": "Articles no longer in the brief"},
    "new_claims": {"ar": "ادعاءات جديدة", "en": "New claims"},
    "new_responses": {"ar": "ردود جديدة", "en": "New responses"},
    "findings_added": {"ar": "نتائج جديدة", "en": "New findings"},
    "findings_removed": {"ar": "نتائج لم تعد قائمة", "en": "Findings no longer raised"},
    "status_changes": {"ar": "تغيّر الحالة", "en": "Status changes"},
    "more": {"ar": "… والمزيد أدناه (العدد: {n})", "en": "… and {n} more below"},
}


def labels(lang: str) -> dict[str, str]:
    """All plain labels of one language (the template's ``L``)."""
    return {key: texts[lang] for key, texts in LABELS.items()}


def status_label(status: ClaimStatus, lang: str) -> str:
    return STATUS[status][lang]


def finding_label(kind: FindingKind, lang: str) -> str:
    return FINDING[kind][lang]


def source_kind_label(kind: SourceKind, lang: str) -> str:
    return SOURCE_KIND[kind][lang]


def counter_kind_label(kind: CounterKind, lang: str, *, agreement: str = "m") -> str:
    """The response verb; in Arabic agreeing with its subject (``agreement`` m, f or p)."""
    if lang == "ar" and agreement in COUNTER_KIND_AR:
        return COUNTER_KIND_AR[agreement][kind]
    return COUNTER_KIND[kind][lang]


def field_label(field: str, lang: str) -> str:
    return FIELD[field][lang]


def n_articles(n: int, lang: str) -> str:
    """ "2 articles" / "مقالين" (Arabic number agreement: dual, 3-10 plural, 11+ singular accusative)."""
    if lang == "en":
        return "one article" if n == 1 else f"{n} articles"
    if n == 1:
        return "مقال واحد"
    if n == 2:
        return "مقالين"
    return f"{n} مقالات" if 3 <= n <= 10 else f"{n} مقالاً"


DIGITS: tuple[str, ...] = ("latin", "arabic")
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def digits(text: str, style: str) -> str:
    """Generated numbers in the newsroom's digits: "arabic" writes ٠-٩ (quotes and ids are never changed)."""
    return text.translate(_ARABIC_INDIC) if style == "arabic" else text


def format_date(d: dt.date, lang: str) -> str:
    """Dates written out in each language (Arabic month names), as factcheck.dates writes them."""
    return dates.format_date(d, lang)


def check_complete() -> list[str]:
    """Labels missing a language or enum members without a label (the list must be empty)."""
    tables: list[Mapping[Any, Mapping[str, str]]] = [
        LABELS,
        STATUS,
        FINDING,
        SOURCE_KIND,
        COUNTER_KIND,
        FIELD,
        SENTENCES,
        FIELD_IN,
        CHANGES,
    ]
    missing = [
        f"{key}:{lang}" for table in tables for key, texts in table.items() for lang in LANGS if not texts.get(lang)
    ]
    enums: list[tuple[Mapping[Any, Mapping[str, str]], type[Enum]]] = [
        (STATUS, ClaimStatus),
        (FINDING, FindingKind),
        (SOURCE_KIND, SourceKind),
        (COUNTER_KIND, CounterKind),
    ]
    missing += [f"{member}: no label" for table, enum in enums for member in enum if member not in table]
    return missing
