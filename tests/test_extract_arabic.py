"""extract/arabic.py: the Arabic speaker-phrase rules, each on invented sentences of its construction."""

from __future__ import annotations

import pytest

from factcheck.extract.arabic import (
    body_head,
    is_document,
    is_title,
    not_a_speaker,
    same_name_across_scripts,
    social_head,
    source_gender,
    split_title,
    strip_addressee,
    strip_circumstance,
    strip_source_preposition,
    subject_head,
    verb_gender,
)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("الدكتورة ليلى منصور", ("ليلى منصور", "الدكتورة")),  # title, then the name
        ("وزير الزراعة سليم داود", ("سليم داود", "وزير الزراعة")),  # a title with its complement
        ("وزير الزراعة", ("وزير الزراعة", None)),  # no name after the title: the phrase names the source
        ("المهندس نادر", ("نادر", "المهندس")),
    ],
)
def test_split_title(phrase: str, expected: tuple[str, str | None]) -> None:
    assert split_title(phrase) == expected


def test_a_descriptive_noun_opens_a_name_only_when_asked_and_the_name_is_long_enough() -> None:
    assert split_title("الطبيب رامي شكري", descriptive=True) == ("رامي شكري", "الطبيب")
    assert split_title("الصحيفة اليوم", descriptive=True) == ("الصحيفة اليوم", None)


def test_titles_with_article_conjunction_but_not_preposition() -> None:
    assert is_title("الوزيرة") and is_title("والرئيس")
    assert not is_title("بالرئيس") and not is_title("المدينة")


@pytest.mark.parametrize(
    ("verb", "gender"),
    [("قال", "m"), ("قالت", "f"), ("تقول", "f"), ("يقول", "m"), ("وأضافت", "f"), ("مضيفة", "f"), ("قالوا", None)],
)
def test_verb_gender(verb: str, gender: str | None) -> None:
    assert verb_gender(verb) == gender


def test_source_gender_from_the_head_word() -> None:
    assert source_gender("وزارة الصحة", None, person=False) == "f"
    assert source_gender("مكتب الإعلام", None, person=False) == "m"
    assert source_gender("ليلى منصور", "مديرة المستشفى", person=True) == "f"
    assert source_gender("ليلى منصور", None, person=True) is None  # a personal name carries no mark


def test_fragments_are_never_speakers() -> None:
    assert not_a_speaker("في المدينة")  # opens with a preposition
    assert not_a_speaker("25 شخصا")  # opens with a number
    assert not_a_speaker("#عاجل الأخبار")  # a post's hashtag
    assert not not_a_speaker("قناة 218")  # a number inside a name


def test_heads_and_documents() -> None:
    assert body_head("نقابة المعلمين") and not body_head("سليم داود")
    assert social_head("صفحة أخبار المدينة")
    assert is_document("البيان") and not is_document("بيان") and not is_document("البيان الرسمي")


def test_what_is_stripped_from_a_speaker_phrase() -> None:
    assert strip_circumstance("المرصد في نشرته اليومية") == "المرصد"
    assert strip_source_preposition("عن وزارة النقل") == "وزارة النقل"
    assert strip_addressee('الدكتور سامر العلي لـ"الرابطة"') == "الدكتور سامر العلي"
    assert subject_head("المتحدث باسم الشركة في مؤتمر صحفي") == "المتحدث باسم الشركة"


def test_one_person_in_two_scripts() -> None:
    assert same_name_across_scripts("سليم داود", "Salim Dawood")
    assert not same_name_across_scripts("محمد علي", "Mahmoud Ali")  # another long vowel
    assert not same_name_across_scripts("سليم", "Salim")  # one word is not enough
    assert not same_name_across_scripts("سليم داود", "سليم داود")  # same script
