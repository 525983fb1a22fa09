"""Arabic speakers: titles as roles, subjectless verbs by gender, what is never a speaker, and one
person written in Arabic and in Latin script. Every sentence here is invented for these tests."""

from __future__ import annotations

import pytest

from factcheck.extract.arabic import same_name_across_scripts, split_title, verb_gender
from factcheck.extract.offline import extract_offline
from factcheck.ingest import article_from_text
from factcheck.models import Extraction, Source, SourceKind
from factcheck.reconcile.sources import merge_sources


def _extract(text: str) -> Extraction:
    return extract_offline(article_from_text(text, language="ar"))


def _by_name(x: Extraction) -> dict[str, Source]:
    return {s.name: s for s in x.sources}


def _claimants(x: Extraction) -> list[tuple[str | None, str]]:
    names = {s.id: s.name for s in x.sources}
    return [(names.get(c.claimant or ""), c.quote.text) for c in x.claims]


def _grounded_names(x: Extraction) -> None:
    for s in x.sources:
        for shown in [s.name, *([s.role] if s.role else [])]:
            assert shown in x.article.text, shown


# --- titles are roles; the name is the person's -----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "role", "kind"),
    [
        (
            "وقالت وزيرة التربية نادية سمعان إن المدارس ستفتح أبوابها في موعدها المحدد.",
            "نادية سمعان",
            "وزيرة التربية",
            SourceKind.official,
        ),
        (
            "وقال الناطق الرسمي باسم البلدية، المهندس فادي الخوري، إن أعمال الصيانة ستنتهي خلال أيام.",
            "فادي الخوري",
            "الناطق الرسمي باسم البلدية",
            SourceKind.official,
        ),
        # an honorific or a profession is a role, not an office: a person
        (
            "وأكد الدكتور وسيم قبلان أن نتائج الفحوص الأولية جاءت مطمئنة للغاية.",
            "وسيم قبلان",
            "الدكتور",
            SourceKind.person,
        ),
        (
            "وقال المحلل الاقتصادي كريم نصار إن أسعار الوقود لن تتأثر بهذه الحادثة.",
            "كريم نصار",
            "المحلل الاقتصادي",
            SourceKind.person,
        ),
        (
            "وقالت مديرة مدرسة الزيتون، رنا الحلبي، إن الدوام سيستأنف بشكل طبيعي الأسبوع المقبل.",
            "رنا الحلبي",
            "مديرة مدرسة الزيتون",
            SourceKind.official,
        ),
        (
            "ويضيف العقيد مازن الشامي، قائد شرطة المرفأ في المدينة، أن الدوريات ضبطت شحنة كبيرة من الأدوية.",
            "مازن الشامي",
            "قائد شرطة المرفأ في المدينة",
            SourceKind.official,
        ),
    ],
)
def test_a_title_is_kept_as_role_and_the_name_is_the_persons(
    sentence: str, name: str, role: str, kind: SourceKind
) -> None:
    x = _extract(sentence)
    sources = _by_name(x)
    assert name in sources, list(sources)
    assert sources[name].role == role
    assert sources[name].kind == kind
    assert _claimants(x)[0][0] == name
    _grounded_names(x)


def test_a_title_with_its_complement_and_no_name_stays_whole() -> None:
    # "مدير مستشفى الأمل": مستشفى is the title's complement (construct state), not a first name.
    assert split_title("مدير مستشفى الأمل") == ("مدير مستشفى الأمل", None)
    assert split_title("قائد قوات الأمن الداخلي") == ("قائد قوات الأمن الداخلي", None)
    assert split_title("وزير الصحة") == ("وزير الصحة", None)
    assert split_title("الرئيس عبد الرحيم فاضل") == ("عبد الرحيم فاضل", "الرئيس")
    assert split_title("المتحدث باسم الجامعة بدوره") == ("المتحدث باسم الجامعة", None)
    x = _extract("وقال مدير مستشفى الأمل إن قسم الطوارئ استقبل عشرات المصابين منذ الصباح الباكر.")
    assert [s.name for s in x.sources] == ["مدير مستشفى الأمل"]


# --- subjectless verbs continue the previous speaker of their gender ---------------------------


def test_a_masculine_subjectless_verb_continues_the_man_who_spoke() -> None:
    x = _extract(
        "وقال رئيس البلدية جورج حداد إن شبكة المياه الجديدة ستغطي الأحياء الشرقية كلها.\n\n"
        "وأضاف أن الأعمال ستبدأ في الربيع وتستمر حتى نهاية الصيف المقبل."
    )
    assert [c for c, _ in _claimants(x)] == ["جورج حداد", "جورج حداد"]


def test_a_feminine_subjectless_verb_skips_a_man_for_the_body_he_speaks_for() -> None:
    x = _extract(
        "وقال المتحدث باسم وزارة النقل، رامي عودة، إن الطريق الساحلي سيفتح أمام السيارات قريبا.\n\n"
        "وأكدت في بيان لاحق أن أعمال الصيانة في الجسر الشمالي انتهت بالكامل."
    )
    assert [c for c, _ in _claimants(x)] == ["رامي عودة", "وزارة النقل"]
    _grounded_names(x)


def test_a_feminine_subjectless_verb_goes_back_to_the_woman_not_the_last_man() -> None:
    x = _extract(
        "قالت الطبيبة ليلى نصر إن عدد المراجعين تضاعف خلال الشتاء بسبب موجة الإنفلونزا.\n\n"
        "وقال الممرض سامي جابر إن المناوبات الليلية أصبحت مرهقة جدا للطاقم الطبي.\n\n"
        "وأوضحت أن المستشفى طلب تعزيزات من وزارة الصحة لمواجهة الضغط المتزايد."
    )
    assert [c for c, _ in _claimants(x)] == ["ليلى نصر", "سامي جابر", "ليلى نصر"]


def test_a_feminine_participle_continues_a_feminine_body() -> None:
    x = _extract(
        "أعلنت هيئة الأرصاد أن موجة حر ستضرب البلاد ابتداء من يوم غد ولمدة ثلاثة أيام.\n\n"
        "وقال الخبير منير سالم إن درجات الحرارة قد تتجاوز المعدلات المعتادة لهذا الموسم بكثير.\n\n"
        "وأكدت أن على المواطنين تجنب التعرض للشمس في ساعات الظهيرة."
    )
    claimants = [c for c, _ in _claimants(x)]
    assert claimants[0] == claimants[2] == "هيئة الأرصاد"


@pytest.mark.parametrize(
    ("verb", "gender"),
    [
        ("قال", "m"),
        ("وقالت", "f"),
        ("وأضاف", "m"),
        ("أضافت", "f"),
        ("ولفت", "m"),
        ("لفتت", "f"),
        ("نفت", "f"),
        ("يقول", "m"),
        ("مشيرة", "f"),
        ("مضيفا", "m"),
        ("قالوا", None),
        ("تابع", None),
        ("وتقول", "f"),
        ("تؤكد", "f"),
        ("تحدث", None),
    ],
)
def test_verb_gender(verb: str, gender: str | None) -> None:
    assert verb_gender(verb) == gender


# --- a number, a date or a fragment is never a speaker -----------------------------------------


def test_numbers_dates_and_fragments_are_never_sources() -> None:
    x = _extract(
        "وارتفعت أسعار الخبز بنسبة كبيرة خلال الشهر الماضي، وفق آخر تقرير صدر يوم 3 آذار.\n\n"
        "وأعلنت وزارة الطاقة عن خطة جديدة لتوسيع شبكة الكهرباء في القرى الجنوبية.\n\n"
        "وذكرت الإذاعة المحلية أن المحطة الجديدة ستعمل بطاقة كاملة، نقلا عن وزارة الطاقة."
    )
    names = [s.name for s in x.sources]
    assert not any(ch.isdigit() for n in names for ch in n), names
    assert "وزارة الطاقة" in names
    assert not any(n.startswith(("عن ", "وفق", "في ")) or "خطة" in n for n in names), names
    _grounded_names(x)


def test_the_subject_of_a_headline_stands_before_its_verb() -> None:
    x = _extract("البلدية تنفي إغلاق السوق المركزي أمام الباعة المتجولين\n\nنص الخبر يأتي هنا لاحقا.")
    names = [s.name for s in x.sources]
    assert "البلدية" in names and not any("السوق" in n for n in names), names
    assert x.counters and {s.id: s.name for s in x.sources}[x.counters[0].speaker or ""] == "البلدية"


def test_a_post_label_is_not_a_headline_subject() -> None:
    x = _extract("RT @CityHealth: تنفي مديرية الصحة ما يتم تداوله عن إغلاق مستوصف الحي الغربي")
    speaker = {s.id: s.name for s in x.sources}[x.counters[0].speaker or ""]
    assert speaker == "مديرية الصحة"


# --- one person in two scripts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("arabic", "latin", "same"),
    [
        ("كريم الحداد", "Karim al-Haddad", True),
        ("نبيل منصور", "Nabil Mansour", True),
        ("عبد الله الخطيب", "Abdullah al-Khatib", True),
        ("يوسف حداد", "Youssef Haddad", True),
        ("محمد علي", "Mohammed Ali", True),
        ("أحمد سليمان", "Hamid Suleiman", False),  # same consonants, the long vowels differ
        ("محمد علي", "Mahmoud Ali", False),  # "ou" is a long vowel محمد does not write
        ("حامد كريم", "Ahmed Karim", False),
        ("نبيل", "Nabil", False),  # one word is not enough to call two spellings one person
        ("نبيل منصور", "Nabil Mansour Jr 2", False),
    ],
)
def test_same_name_across_scripts(arabic: str, latin: str, same: bool) -> None:
    assert same_name_across_scripts(arabic, latin) is same
    assert same_name_across_scripts(latin, arabic) is same


def _x(text: str, *sources: Source) -> Extraction:
    return Extraction(article=article_from_text(text), sources=list(sources))


def test_one_person_in_two_scripts_is_one_source_and_two_people_stay_two() -> None:
    ar = _x(
        "وقال المتحدث باسم الشرطة نبيل منصور إن التحقيق مستمر.",
        Source(id="a-s1", name="نبيل منصور", kind=SourceKind.official, role="المتحدث باسم الشرطة"),
        Source(id="a-s2", name="هدى ناصر", kind=SourceKind.person),
    )
    en = _x(
        "Police spokesman Nabil Mansour said the inquiry continues. Huda Nasser agreed.",
        Source(id="b-s1", name="Nabil Mansour", kind=SourceKind.official, role="Police spokesman"),
        Source(id="b-s2", name="Huda Nasser", kind=SourceKind.person),
    )
    other = _x(
        "وقال هادي ناصر إن التحقيق تأخر كثيرا.",
        Source(id="c-s1", name="هادي ناصر", kind=SourceKind.person),
        Source(id="c-s2", name="وزارة الداخلية", kind=SourceKind.government),
    )
    merged = merge_sources([ar, en, other])
    sid = merged.resolve
    assert sid(0, "a-s1") == sid(1, "b-s1")
    # "Huda Nasser" may be هدى ناصر or هادي ناصر (short vowels are not written): it joins one at
    # most, and the two Arabic spellings, two people, never become one source.
    assert sid(0, "a-s2") != sid(2, "c-s1")
    assert sid(1, "b-s2") in (sid(0, "a-s2"), sid(2, "c-s1"))
    # A body never merges with a person across scripts.
    assert sid(2, "c-s2") not in (sid(0, "a-s1"), sid(1, "b-s1"))


def test_headline_order_subject_then_saying_verb_without_an() -> None:
    x = _extract("وزير النقل يقول الطريق الساحلي سيفتح أمام السيارات الأسبوع المقبل\n\nنص الخبر لاحقا.")
    assert _claimants(x)[0] == ("وزير النقل", "الطريق الساحلي سيفتح أمام السيارات الأسبوع المقبل")
    x = _extract("البلدية تؤكد استمرار أعمال الصيانة في السوق القديم حتى نهاية الشهر\n\nنص الخبر لاحقا.")
    assert _claimants(x)[0][0] == "البلدية"


def test_a_denial_subject_with_its_apposition_and_circumstance() -> None:
    x = _extract(
        "نفى الناطق باسم الجامعة، الأستاذ هشام قاسم، في لقاء مع الطلاب، ما تردد عن إلغاء الامتحانات النهائية.\n\n"
        "وكانت الامتحانات قد أجلت مرتين هذا العام بسبب الإضرابات."
    )
    sources = _by_name(x)
    assert "هشام قاسم" in sources and sources["هشام قاسم"].role == "الناطق باسم الجامعة", list(sources)
    [counter] = x.counters
    assert counter.quote.text.startswith("ما تردد عن إلغاء الامتحانات")
    assert counter.speaker == sources["هشام قاسم"].id


def test_whom_a_speaker_told_and_the_document_quoted_are_not_the_source() -> None:
    x = _extract(
        'وقال المحلل المالي الدكتور جواد سليم لـ"النهار" إن الأسواق ستتعافى قبل نهاية العام الحالي.\n\n'
        "وبحسب بيانات المصرف المركزي، تراجع احتياطي العملات الأجنبية إلى مستوى غير مسبوق."
    )
    names = [s.name for s in x.sources]
    assert "جواد سليم" in names and "المصرف المركزي" in names, names
    _grounded_names(x)


def test_the_object_of_an_accusation_is_not_a_speaker() -> None:
    x = _extract("البلدية تتهم جهات مجهولة بتخريب الحدائق العامة\n\nنص الخبر يأتي هنا لاحقا.")
    assert not any("جهات" in s.name for s in x.sources), [s.name for s in x.sources]


def test_an_apposition_after_a_verb_with_an_object_and_names_starting_with_waw_or_fa() -> None:
    x = _extract(
        "اتهم رئيس بلدية الساحل، فؤاد كرم، الشركة بالتقصير في صيانة المحطات القديمة.\n\n"
        "وقال كرم إن البلدية طلبت مرارا تحديث الشبكة دون أي استجابة.\n\n"
        "وقال وليد سمعان، أحد سكان الحي، إن الانقطاع يتكرر كل شتاء منذ سنوات."
    )
    sources = _by_name(x)
    assert sources["فؤاد كرم"].role == "رئيس بلدية الساحل", list(sources)
    assert [c for c, _ in _claimants(x)][:1] == ["فؤاد كرم"]
    assert "وليد سمعان" in sources, list(sources)  # و is the name's first letter, not "and"


def test_a_quoted_name_is_shown_as_the_article_writes_it() -> None:
    x = _extract(
        'وكانت صحيفة "الأفق الجديد" قد ذكرت أن المصنع سيغلق أبوابه نهاية الشهر الجاري.\n\n'
        "وقالت الصحيفة إن مئات العمال سيفقدون وظائفهم بسبب الإغلاق."
    )
    assert [s.name for s in x.sources] == ['صحيفة "الأفق الجديد"']
    assert len(_claimants(x)) == 2 and {c for c, _ in _claimants(x)} == {'صحيفة "الأفق الجديد"'}
    _grounded_names(x)


def test_a_statement_a_channel_and_a_norm_are_not_sources() -> None:
    x = _extract(
        "وقالت وزارة الزراعة في بيان إن موسم الحصاد بدأ مبكرا هذا العام في السهول الشرقية.\n\n"
        "وأضاف البيان أن إنتاج القمح سيتجاوز توقعات الخبراء بفارق كبير.\n\n"
        "وأوضح المرصد الزراعي في نشرته أن الأمطار كانت أعلى من المعدل السنوي.\n\n"
        "وستوزع البذور على المزارعين وفق معايير دولية من حيث الجودة والسعر."
    )
    assert [c for c, _ in _claimants(x)][:3] == ["وزارة الزراعة", "وزارة الزراعة", "المرصد الزراعي"]
    names = [s.name for s in x.sources]
    assert not any(n == "البيان" or "نشرته" in n or "معايير" in n for n in names), names


def test_a_title_abbreviation_glued_to_the_name() -> None:
    assert split_title("د.سامر يوسف") == ("سامر يوسف", "د.")
    assert same_name_across_scripts("د.سامر يوسف", "Samer Youssef")


def test_a_body_that_asks_then_argues_and_a_paper_named_after_the_morning() -> None:
    x = _extract(
        "قالت وزيرة الصحة رنا سعيد إن اللقاحات ستصل إلى جميع المراكز قبل نهاية الشهر.\n\n"
        "في المقابل، طالبت نقابة الممرضين بزيادة عدد العاملين، معتبرة أن الضغط على المراكز تجاوز طاقتها.\n\n"
        "وقال نقيب الممرضين، جاد منصور، إن أكثر من نصف المراكز تعمل بنصف طاقمها.\n\n"
        'من جهتها، ذكرت صحيفة "الصباح" أن الحكومة ستناقش الملف في جلستها المقبلة.'
    )
    assert [c for c, _ in _claimants(x)] == [
        "رنا سعيد", "نقابة الممرضين", "جاد منصور", 'صحيفة "الصباح"',
    ]  # fmt: skip
    sources = _by_name(x)
    assert sources["نقابة الممرضين"].kind == SourceKind.organisation
    assert sources["جاد منصور"].role == "نقيب الممرضين"
    _grounded_names(x)
