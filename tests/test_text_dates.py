from __future__ import annotations

import datetime as dt

import pytest

from factcheck.text.dates import MONTHS_AR, MONTHS_EN, DateMention, find_dates, format_date, parse_date, resolve

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-11-14", D(2025, 11, 14)),
        ("2025-11-14T10:00:00+02:00", D(2025, 11, 14)),
        ("November 14, 2025", D(2025, 11, 14)),
        ("Nov. 14, 2025", D(2025, 11, 14)),
        ("14 November 2025", D(2025, 11, 14)),
        ("Fri, 14 Nov 2025 10:00:00 GMT", D(2025, 11, 14)),
        ("14 نوفمبر 2025", D(2025, 11, 14)),
        ("١٤ تشرين الثاني ٢٠٢٥", D(2025, 11, 14)),
        ("14 تشرين الثاني/نوفمبر 2025", D(2025, 11, 14)),
        ("2022/7/20", D(2022, 7, 20)),
        ("20/7/2022", D(2022, 7, 20)),
        ("7/20/2022", D(2022, 7, 20)),  # only the month-first reading is valid
        ("3 آب 2020", D(2020, 8, 3)),
        ("1 إبريل 2019", D(2019, 4, 1)),
        ("۱۴ نوفمبر ۲۰۲۵", D(2025, 11, 14)),  # Persian digits
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "garbage", "2025-02-30", "November 2025", "31 فبراير 2024", "عام 2016"])
def test_parse_date_refuses_partial_or_invalid(text: str) -> None:
    assert parse_date(text) is None


def test_format_date() -> None:
    assert format_date(D(2025, 11, 14), "en") == "14 November 2025"
    assert format_date(D(2025, 11, 14), "ar") == "14 تشرين الثاني/نوفمبر 2025"
    assert format_date(D(2024, 1, 2), "ar") == "2 كانون الثاني/يناير 2024"
    for d in (D(2025, m, 1) for m in range(1, 13)):
        assert parse_date(format_date(d, "ar")) == d
        assert parse_date(format_date(d, "en")) == d


def test_month_families_agree() -> None:
    assert MONTHS_AR["تشرين الثاني"] == MONTHS_AR["نوفمبر"] == MONTHS_EN["november"] == 11
    assert MONTHS_AR["كانون الأول"] == MONTHS_AR["ديسمبر"] == 12
    assert MONTHS_AR["آب"] == MONTHS_AR["أغسطس"] == 8


def _one(text: str) -> DateMention:
    found = find_dates(text)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


@pytest.mark.parametrize(
    ("text", "span", "ymd"),
    [
        ("حتى ديسمبر 2024، أي", "ديسمبر 2024", (2024, 12, None)),
        ("قُتل في تشرين الأول/أكتوبر 2019 خلال", "تشرين الأول/أكتوبر 2019", (2019, 10, None)),
        ("وفي نيسان/ أبريل من العام 2021، قال", "نيسان/ أبريل من العام 2021", (2021, 4, None)),
        ("استعادة الرقة في أكتوبر/تشرين الأول 2017.", "أكتوبر/تشرين الأول 2017", (2017, 10, None)),
        ("until December 2024 it", "December 2024", (2024, 12, None)),
        ("منذ عام 2016، وفق", "عام 2016", (2016, None, None)),
        ("cooperating since 2016.", "2016", (2016, None, None)),
        ("(@USAMBTurkiye) November 13, 2025", "November 13, 2025", (2025, 11, 13)),
        ("on Thursday, November 13, 2025 at", "Thursday, November 13, 2025", (2025, 11, 13)),
        ("يوم ١٤ تشرين الثاني ٢٠٢٥ أعلن", "١٤ تشرين الثاني ٢٠٢٥", (2025, 11, 14)),
        ("وفي 3 مارس 2019", "3 مارس 2019", (2019, 3, 3)),
    ],
)
def test_find_absolute(text: str, span: str, ymd: tuple[int, int | None, int | None]) -> None:
    m = _one(text)
    assert m.text == span
    assert resolve(m, None) == ymd


def test_find_relative_month_and_resolve() -> None:
    text = "رصدت مكافأة حتى كانون الأول/ ديسمبر الماضي، بعد"
    m = _one(text)
    assert m.text == "كانون الأول/ ديسمبر الماضي"
    assert (m.month, m.relative, m.year) == (12, "last", None)
    assert resolve(m, D(2025, 11, 15)) == (2024, 12, None)
    assert resolve(m, None) is None
    m = _one("ففي يونيو/حزيران الماضي، هاجم")
    assert resolve(m, D(2025, 11, 15)) == (2025, 6, None)
    m = _one("until last December.")
    assert m.text == "last December"
    assert resolve(m, D(2025, 11, 15)) == (2024, 12, None)
    assert resolve(_one("in next March"), D(2025, 11, 15)) == (2026, 3, None)


@pytest.mark.parametrize(
    ("text", "span", "relative"),
    [
        ("أعلن الخميس أن", "الخميس", None),
        ("أعلن الخميس الماضي، أن", "الخميس الماضي", "last"),
        ("زار البيت الأبيض يوم الاثنين، حيث", "يوم الاثنين", None),
        ("والخميس أعلن", "الخميس", None),
        ("announced on Thursday that", "Thursday", None),
        ("announced last Thursday that", "last Thursday", "last"),
    ],
)
def test_find_weekdays(text: str, span: str, relative: str | None) -> None:
    m = _one(text)
    assert (m.text, m.relative) == (span, relative)
    assert m.weekday in (0, 3)


def test_resolve_weekdays() -> None:
    friday = D(2025, 11, 14)
    assert friday.weekday() == 4
    thursday = _one("أعلن الخميس أن")
    assert resolve(thursday, friday) == (2025, 11, 13)
    assert resolve(_one("أعلن الخميس الماضي أن"), friday) == (2025, 11, 13)
    assert resolve(_one("last Thursday"), friday) == (2025, 11, 13)
    # On the day itself: a bare weekday is today, "last" is a week earlier, "next" a week later.
    assert resolve(thursday, D(2025, 11, 13)) == (2025, 11, 13)
    assert resolve(_one("last Thursday"), D(2025, 11, 13)) == (2025, 11, 6)
    assert resolve(_one("الخميس المقبل"), D(2025, 11, 13)) == (2025, 11, 20)
    assert resolve(_one("يوم الاثنين"), friday) == (2025, 11, 10)
    assert resolve(thursday, None) is None


def test_day_month_without_year() -> None:
    m = _one("في 14 نوفمبر أعلن")
    assert (m.year, m.month, m.day) == (None, 11, 14)
    assert resolve(m, D(2025, 11, 15)) == (2025, 11, 14)
    assert resolve(_one("on May 5 the"), D(2025, 11, 15)) == (2025, 5, 5)
    assert resolve(_one("on 20 December"), D(2025, 11, 15)) == (2025, 12, 20)  # upcoming
    assert resolve(_one("on 20 March"), D(2025, 1, 10)) == (2024, 3, 20)  # far ahead -> last year


def test_false_friends_are_not_dates() -> None:
    assert find_dates("this may be true") == []
    assert find_dates("الأحد عشر لاعبا") == []
    assert find_dates("قال أب الضحية إن") == []  # أب (father) is not آب (August)
    assert find_dates("قتل 2016 شخصا") == []  # a bare number is not a year
    assert find_dates("") == []


def test_spans_are_exact_in_long_text() -> None:
    text = (
        "وكانت الولايات المتحدة قد وضعت مكافأة حتى ديسمبر 2024، وأكدت أن البغدادي قُتل في تشرين الأول/أكتوبر"
        " 2019. وكان براك أعلن الخميس أن — Ambassador (@X) November 13, 2025\nمنذ عام 2016"
    )
    found = find_dates(text)
    assert [m.text for m in found] == [
        "ديسمبر 2024",
        "تشرين الأول/أكتوبر 2019",
        "الخميس",
        "November 13, 2025",
        "عام 2016",
    ]
    for m in found:
        assert text[m.start : m.end] == m.text
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_name_gate_matches_what_the_plain_alternation_matches() -> None:
    """The trie-factored gate is a speed-up only: on every name, every name with a clitic or inside
    another word, every cut-off name and plain text, it says what the plain alternation says."""
    import re

    from factcheck.text import dates

    names = [n for ns in dates._name_lists().values() for n in ns]
    plain = re.compile("|".join(f"(?:{dates._alt(ns)})" for ns in dates._name_lists().values()))
    samples = ["", "no date here", "سيعقد الاجتماع قريبا", "the MAYOR said", "Jun", "JU N"]
    for n in names:
        samples += [n, f"و{n}", f"x{n}y", n[:-1], n[1:], n.replace(" ", "  "), n.replace(" ", "\n"), f"في {n[:2]}"]
    for text in samples:
        assert (dates._name_gate().search(text) is None) == (plain.search(text) is None), text


def test_patterns_with_a_year_need_four_digits_in_a_row() -> None:
    # The gate skips the year patterns on text without four digits in a row; dates still read.
    assert [m.text for m in find_dates("on 12 May the count was 340")] == ["12 May"]
    assert [m.text for m in find_dates("١٤ تشرين الثاني ٢٠٢٥")] == ["١٤ تشرين الثاني ٢٠٢٥"]
    assert find_dates("room 12/05/25 is 1 2 3 4") == []
