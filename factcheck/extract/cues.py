"""Lexicons and patterns of the offline extractor, Arabic and English.

Kept apart from the rules that use them so they can be read, reviewed and extended as data.
Arabic patterns are matched against the *original* text, so each allows optional diacritics
(shadda etc.) and the common alef/hamza/ya variants; prefixes و/ف (and) are optional.
"""

from __future__ import annotations

import re

_D = "[\u064b-\u0652\u0670]*"  # optional diacritics between letters


def ar(word: str) -> str:
    """Regex for an Arabic word tolerant of diacritics and alef/ya/ta-marbuta variants."""
    out = []
    for ch in word:
        if ch in "اأإآ":
            out.append("[اأإآ]")
        elif ch in "يى":
            out.append("[يى]")
        elif ch in "ةه":
            out.append("[ةه]")
        elif ch == " ":
            out.append(r"\s+")
            continue
        else:
            out.append(re.escape(ch))
        out.append(_D)
    return "".join(out)


def ar_words(words: str) -> str:
    return "|".join(ar(w) for w in sorted(words.split(), key=len, reverse=True))


# A word boundary for Arabic (\b works on \w, and Arabic letters are \w in Python's re).
B = r"(?<![\w])"
E = r"(?![\w])"
CONJ = "(?:[وف]" + _D + ")?"

# Reporting verbs (past and present, masculine/feminine, singular/plural first person excluded).
REPORT_VERBS_AR = ar_words(
    """قال قالت يقول تقول قالوا أكد أكدت يؤكد تؤكد نؤكد ذكر ذكرت يذكر تذكر أعلن أعلنت يعلن تعلن
    أوضح أوضحت يوضح توضح أضاف أضافت يضيف تضيف أشار أشارت يشير تشير زعم زعمت يزعم تزعم ادعى ادعت
    يدعي تدعي ادعوا صرح صرحت يصرح تصرح كشف كشفت يكشف تكشف أفاد أفادت يفيد تفيد شدد شددت يشدد تشدد
    لفت لفتت يلفت تلفت نقل نقلت ينقل تنقل أورد أوردت كتب كتبت يكتب تكتب اعتبر اعتبرت يعتبر تعتبر
    رأى رأت يرى ترى أفادت أبلغ أبلغت أقر أقرت اتهم اتهمت يتهم تتهم حذر حذرت يحذر تحذر قرر قررت"""
)
# First-person reporting/denial verbs: the speaker is the author of the post or statement.
FIRST_PERSON_AR = ar_words("نؤكد أؤكد أنفي ننفي نوضح نعلن نشير أشير نود أود نحذر أحذر")
# Circumstantial participles ("قائلا إن", "مشيرة إلى أن"): same speaker, new reported content.
PARTICIPLE_AR = ar_words(
    """قائلا قائلة قائلين مضيفا مضيفة مشيرا مشيرة موضحا موضحة مؤكدا مؤكدة معتبرا معتبرة لافتا لافتة
    مشددا مشددة"""
)
ACCORDING_AR = ar_words("وفق وفقا طبقا بحسب حسب نقلا") + "|" + ar("وفق ما") + "|" + ar("حسبما")

REPORT_VERBS_EN = (
    r"said|says|say|told|tells|stated|states|announced|announces|claimed|claims|alleged|alleges|"
    r"reported|reports|added|adds|confirmed|confirms|wrote|writes|insisted|insists|argued|argues|"
    r"noted|notes|warned|warns|explained|explains|declared|declares|accused|accuses|revealed|reveals"
)
ACCORDING_EN = r"according to|as reported by|citing|cited by|quoting"

# Denial, correction, confirmation, attribution denial.
DENIAL_VERBS_AR = ar_words("نفى نفت ينفي تنفي أنفي ننفي نفوا كذب كذبت يكذب تكذب دحض دحضت رفض رفضت يرفض ترفض")
DENIAL_PHRASES_AR = "|".join(
    ar(p)
    for p in [
        "عدم صحة", "غير صحيح", "غير صحيحة", "غير صحيحين", "عار عن الصحة", "عارية عن الصحة", "عار من الصحة",
        "لا صحة", "لا أساس له من الصحة", "لا أساس لها من الصحة", "لا أساس له", "لا أساس لها",
        "لا تمت إلى الحقيقة", "لا يمت إلى الحقيقة", "لا تمت للحقيقة", "لا يمت للحقيقة", "مجافية للحقيقة",
        "كاذب", "كاذبة", "أخبار كاذبة", "خبر كاذب", "مفبرك", "مفبركة", "فبركة", "ملفق", "ملفقة", "مزيف", "مزيفة",
        "مضلل", "مضللة", "مغلوط", "مغلوطة", "غير دقيق", "غير دقيقة", "غير حقيقي", "غير حقيقية",
        "ليست حقيقية", "ليس حقيقيا",
        "إشاعة", "شائعة",
    ]
)
DENIAL_EN = (
    r"denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes|"
    r"(?:is|was|are|were) (?:false|untrue|fake|baseless|unfounded|fabricated|incorrect|misleading)|"
    r"no truth|not true|fake news|baseless|unfounded|fabricated|false (?:report|claim)s?|"
    r"(?:we|i) (?:have |had )?(?:never|did not|didn't|do not|don't) (?!know\b|think\b|believe\b)"
)
CORRECTION_AR = ar_words("تصحيح تصويب") + "|" + ar("نود التصحيح") + "|" + ar("خطأ في")
CORRECTION_EN = r"correction|corrected|an earlier version of this (?:article|story)|we misstated|misquoted"
CONFIRM_AR = "|".join(ar(p) for p in ["صحة ما", "تؤكد صحة", "أكد صحة", "أكدت صحة", "يؤكد صحة", "نؤكد صحة"])
CONFIRM_EN = r"confirmed (?:the|that the) (?:report|reports|claim|news)|confirms (?:the )?reports?"

ATTRIBUTION_DENIAL_AR = "|".join(
    ar(p)
    for p in [
        "منسوبة لي", "منسوبة إلي", "المنسوبة لي", "المنسوبة إلي", "منسوب لي", "منسوب إلي", "نسبت إلي", "نسب إلي",
        "منسوبة له", "منسوبة إليه", "منسوبة لها", "منسوبة إليها", "المنسوبة إليه", "المنسوبة إليها",
        "لم أجر", "لم أجري", "لم يجر", "لم تجر", "لم أدل", "لم يدل", "لم تدل", "لم أتحدث", "لم يتحدث", "لم تتحدث",
        "لم أصرح", "لم يصرح", "لم تصرح", "لم يصدر عني", "لم يصدر عنه أي تصريح", "لا علاقة لي",
    ]
)
ATTRIBUTION_DENIAL_EN = (
    r"never (?:gave|give|given|granted) (?:an?|that|any|the) interview|never (?:spoke|talked|spoken) to|"
    r"did(?: not|n't) (?:give|grant) (?:an?|that|any|the) interview|did(?: not|n't) (?:speak|talk) to|"
    r"never said|did(?: not|n't) say (?:that|this|it|those)|falsely attributed|wrongly attributed|"
    r"(?:quotes?|remarks?|statements?|words) attributed to (?:me|him|her|us)|misattributed|"
    r"fabricated (?:quote|interview)s?|"
    r"den(?:y|ies|ied|ying) (?:giving|granting|having given) (?:(?:an?|the|that|any) )?interview|"
    r"den(?:y|ies|ied|ying) (?:making|saying|having made) (?:the|those|these|such) (?:remarks|comments|statements)"
)

# Sources.
ANON_AR = "|".join(
    ar(p)
    for p in [
        "عدم الكشف عن", "لم يكشف عن", "لم تكشف عن", "دون الكشف عن", "رفض الكشف عن", "رفضوا الكشف عن",
        "طلب عدم", "طلبوا عدم", "طلبت عدم", "بشرط عدم", "شريطة عدم", "لم يذكر اسمه", "لم تذكر أسماؤهم",
        "لم يسمهم", "لم تسمهم", "مصادر مطلعة", "مصدر مطلع", "مصادر مسؤولة", "مصدر مسؤول", "مصادر خاصة",
        "مصادر دبلوماسية", "مصادر أمنية", "مصادر رسمية", "مصدر رسمي", "مصادر لم",
    ]
)
ANON_EN = (
    r"on condition of anonymity|condition of anonymity|speaking anonymously|unnamed|anonymous|"
    r"who (?:asked|declined) not to be (?:named|identified)|not authori[sz]ed to speak|"
    r"(?:a |one )?sources? (?:familiar|close|said|told)|people familiar with"
)
# Unnamed groups: "officials", "diplomats", "analysts" without a name are not named sources.
# Unnamed officials and sources are anonymous sourcing; unnamed analysts or experts are vague
# attribution, not anonymity, and are kept apart (kind "unknown").
UNNAMED_GROUP_AR = ar_words(
    """مسؤولين مسؤولون مسؤول دبلوماسيين دبلوماسيون دبلوماسي مصادر مصدر مقربين مقربون"""
) + "|" + ar("أحد") + r"\s+(?:" + ar_words("المسؤولين الدبلوماسيين المصادر") + ")"
UNNAMED_GROUP_EN = r"officials?|diplomats?|sources?|aides?|insiders?|people familiar"

GOV_AR = ar_words(
    """الرئاسة رئاسة وزارة الوزارة مديرية المديرية الحكومة حكومة مكتب المكتب مجلس المجلس هيئة الهيئة
    الجيش جيش الشرطة شرطة السفارة سفارة البرلمان برلمان محافظة المحافظة بلدية البلدية ديوان الديوان
    القيادة الأمن قوات إدارة الإدارة منظمة المنظمة"""
)
GOV_EN = (
    r"ministry|presidency|government|office|department|council|parliament|embassy|police|army|"
    r"military|administration|agency of|authority|commission|directorate|white house|kremlin|"
    r"organi[sz]ation"
)
OUTLET_AR = ar_words(
    """صحيفة الصحيفة جريدة الجريدة قناة القناة موقع الموقع مجلة المجلة تلفزيون التلفزيون إذاعة الإذاعة
    منصة المنصة الإخبارية نيوز تايمز بوست"""
)
AGENCY_AR = ar_words("وكالة الوكالة")
OUTLET_EN = (
    r"times|post|news|journal|herald|guardian|telegraph|tribune|gazette|media|tv|radio|press|"
    r"broadcasting|network|magazine|daily|weekly|outlet|newspaper|channel|bbc|cnn|al jazeera|reuters|afp"
)
AGENCY_EN = r"agency|reuters|afp|associated press|\bap\b|anadolu|xinhua|tass|dpa|efe|ansa"
TITLE_AR = ar_words(
    """وزير الوزير وزيرة المبعوث مبعوث السفير سفير الرئيس رئيس المتحدث متحدث الناطق ناطق قائد القائد
    العقيد اللواء العميد الفريق المقدم النائب نائب مدير المدير محافظ المحافظ الأمين أمين الملك الأمير
    الشيخ رئيسة عضو المستشار مستشار السيناتور"""
)
TITLE_EN = (
    r"minister|envoy|ambassador|president|spokes(?:man|woman|person)|colonel|general|commander|"
    r"governor|secretary|senator|mayor|director|chief|head|prime minister|king|prince|sheikh|"
    r"lawmaker|mp|deputy|adviser|advisor|official"
)

# Anaphora: "the newspaper", "the ministry" ... refer back to the last source of that kind.
ANAPHORA_AR = {
    "news_outlet": ar_words("الصحيفة الجريدة القناة الموقع المجلة المنصة"),
    "news_agency": ar_words("الوكالة"),
    "government": ar_words("الوزارة المديرية الرئاسة الحكومة المكتب الهيئة المجلس"),
}
ANAPHORA_EN = {
    "news_outlet": r"the (?:newspaper|paper|daily|outlet|channel|broadcaster|website|magazine)",
    "news_agency": r"the agency",
    "government": r"the (?:ministry|presidency|government|office|department)",
}

# "قد" hedges only before a present-tense verb ("قد تكون" may be); "قد وضعت" (had put) is emphasis.
HEDGE_AR = (
    ar("قد") + r"\s+[يتن]\w+|" + ar_words("ربما يحتمل ربّما لعل") + "|" + ar("من المحتمل") + "|" + ar("من الممكن")
)
HEDGE_EN = r"may|might|could|possibly|perhaps|reportedly|likely"

NEGATION_AR = ar_words("لم لا ليس ليست لن لسنا غير دون")
NEGATION_EN = r"not|never|no|didn't|doesn't|isn't|wasn't|won't"

# Words that introduce the content of reported speech.
COMPLEMENT_AR = r"(?:" + ar_words("أن إن بأن لأن") + r")" + E
# Communication nouns that end a speaker phrase: "X in a statement/post/report ...".
COMM_AR = ar_words(
    """تقرير تقريرها تقريره منشور بيان بيانها بيانه تصريح تصريحات تصريحاته مقابلة حديث تغريدة كلمة
    مؤتمر رسالة خطاب اتصال لقاء"""
)
