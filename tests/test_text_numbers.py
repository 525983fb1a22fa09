"""text/numbers.py: numbers in digits of any script or in words, with multipliers."""

from __future__ import annotations

import pytest

from factcheck.text.numbers import find_numbers


def _values(text: str) -> list[float]:
    return [n.value for n in find_numbers(text)]


def test_digits_of_every_script_and_separators() -> None:
    assert _values("12 and ١٢ and ۱۲") == [12.0, 12.0, 12.0]
    assert _values("2.5 tonnes") == [2.5]


def test_number_words_compounds_and_multipliers() -> None:
    assert _values("twenty-five ships") == [25.0]
    assert _values("خمسة وعشرون جنديا") == [25.0]
    assert _values("10 ملايين دولار") == [10_000_000.0]
    assert _values("twenty five ships and thirty boats") == [25.0, 30.0]
    assert _values("forty two million.") == [42_000_000.0]
    assert _values("ten five-year terms, twenty twelve-hour shifts") == [10.0, 20.0]
    assert _values("twenty, five and six") == [20.0, 5.0, 6.0]
    assert _values("It was 3. Millions watched") == [3.0]
    assert _values("عشرين ثلاثة") == [20.0, 3.0]


def test_spans_are_offsets_into_the_article() -> None:
    text = "It cost 3 million dollars."
    (n,) = find_numbers(text, offset=100)
    assert (n.start, n.end, n.text) == (108, 117, "3 million")


def _texts(text: str) -> list[str]:
    return [n.text for n in find_numbers(text)]


def test_thousands_separators_make_one_value() -> None:
    assert _values("About 1,500 people marched") == [1500.0]
    assert _values("a budget of 2,350,000 pounds") == [2_350_000.0]
    assert _values("spent 12,400.75 on fuel") == [12_400.75]
    assert _values("وصل ١٬٥٠٠ شخص") == [1500.0]
    assert _values("نحو 2٬750٫5 طن") == [2750.5]
    assert _values("unos 1.500.000 votantes") == [1_500_000.0]
    assert _values("exactly 3.250,5 litres") == [3250.5]
    assert _texts("Some 4,200 homes, 310 schools.") == ["4,200", "310"]


def test_lists_and_decimals_stay_apart() -> None:
    assert _values("rooms 1, 2 and 3") == [1.0, 2.0, 3.0]
    assert _values("codes 1,2,3") == [1.0, 2.0, 3.0]
    assert _values("في 3، 4 و5 منها") == [3.0, 4.0, 5.0]
    assert _values("في ٣، ٤ و٥ منها") == [3.0, 4.0, 5.0]
    assert _values("1.5 million barrels") == [1_500_000.0]
    assert _values("ارتفع بنسبة ٣٫٥ في المئة") == [3.5]
    assert _values("in 2019, 400 families left") == [2019.0, 400.0]


def test_multiplier_before_punctuation() -> None:
    assert _values("The bill reached 3 million.") == [3_000_000.0]
    assert _values("Was it 2 billion? Or 4 thousand!") == [2e9, 4000.0]
    assert _values("بلغت الخسائر 4 ملايين، وفق التقرير") == [4_000_000.0]
    assert _values("نزح ٣ ملايين.") == [3_000_000.0]
    assert _values("قُتل 5 آلاف. ثم 2 مليون؟") == [5000.0, 2_000_000.0]
    assert _values("نحو عشرة آلاف.") == [10_000.0]
    assert _texts("It cost 3 million.") == ["3 million"]
    assert _texts("They counted 7.") == ["7"]


def test_prefixed_currency_and_percent() -> None:
    assert _values("a $3 million grant") == [3_000_000.0]
    assert _values("prices rose 12% and ١٥٪ in two years") == [12.0, 15.0, 2.0]
    assert _texts("وصلت الى بـ20 مليون") == ["20 مليون"]
    assert _texts("rose 12%.") == ["12%"]
    assert _texts("خلال الـ24 ساعة وللـ٣ أيام") == ["24", "٣"]
    assert _values("they waited ...500 of them") == [500.0]


def _number_conflicts(a: str, b: str) -> list[tuple[str, ...]]:
    from factcheck.reconcile.compare import Version, differences

    diffs = differences(Version(a, 0, None), Version(b, 0, None))
    return [d.a_words + d.b_words for d in diffs if d.field == "number"]


def test_same_figure_written_two_ways_is_no_conflict() -> None:
    assert (
        _number_conflicts(
            "The agency said 1,500 families were moved to shelters",
            "The agency said 1500 families were moved to shelters",
        )
        == []
    )
    assert _number_conflicts("قالت الوزارة إن ١٬٢٠٠ أسرة نزحت", "قالت الوزارة إن 1200 أسرة نزحت") == []
    assert (
        _number_conflicts(
            "The ministry said the damage reached 3 million.", "The ministry said the damage reached 3,000,000."
        )
        == []
    )


def test_different_figures_still_conflict() -> None:
    assert _number_conflicts(
        "The agency said 1,500 families were moved to shelters",
        "The agency said 1,800 families were moved to shelters",
    ) == [("1,500", "1,800")]
    assert _number_conflicts("قالت الوزارة إن ٢٬٥٠٠ أسرة نزحت", "قالت الوزارة إن ٣٬٥٠٠ أسرة نزحت") == [
        ("٢٬٥٠٠", "٣٬٥٠٠")
    ]


# Invented texts whose characters fold in every way: vowel marks and tatweel (dropped), a mark that
# composes with its letter, ligatures and presentation forms (several characters), full-width and
# Arabic-Indic digits, invisible characters, the letter standing for dropped characters itself.
_FOLD_CASES = [
    "قُتِلَ خمسةٌ وعشرونَ شخصاً في ٣ مـدن",
    "ثلاثةُ آلافٍ، و٥ ملايين؛ نحو ﻻ شيء",
    "cafe\u0301 twenty\u00adfive and ｔｗｅｎｔｙ-five, ﬁve ＴＨＯＵＳＡＮＤ",
    "e\u0301 3 million ﷺ أربعة\u0654 ملايين ꟹ twenty",
    "twenty\u200bfive 12\u200d000 \u2068forty\u2069 two",
]


def test_tokens_fold_as_each_token_alone() -> None:
    """The text is folded once for all its tokens (``FOLDS``): as if each were folded alone."""
    from factcheck.text.normalize import fold
    from factcheck.text.numbers import _TOKEN, _TRAIL, FOLDS, _tokens

    for text in _FOLD_CASES:
        expected = []
        for m in _TOKEN.finditer(text):
            raw = m.group().rstrip(_TRAIL)
            if raw:
                expected.append((m.start(), m.start() + len(raw), fold(raw)))
        assert _tokens(text, text.translate(FOLDS)) == expected


def test_the_number_word_gate_finds_a_word_wherever_one_occurs() -> None:
    """``_value_words`` (a trie of the words no other word starts) finds one in a text exactly when
    some unit or tens word occurs in it."""
    import random

    from factcheck.text.numbers import _value_words, _words

    units, tens, _, _ = _words()
    words = sorted(units.keys() | tens.keys())
    pieces = [*words, *(w[:-1] for w in words), *(w[1:] for w in words), " ", "x", "ال"]
    rnd = random.Random(3)
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 4)))
        assert (_value_words().search(text) is not None) == any(w in text for w in words), text


@pytest.mark.parametrize("loose", [False, True])
def test_a_fold_given_rules_texts_out_as_reading_them_would(loose: bool) -> None:
    """``numbers_keyed`` with the text's fold skips texts with no digit and no number word in the fold:
    the numbers found are those of reading the text itself."""
    from factcheck.text.normalize import fold
    from factcheck.text.numbers import _MEMO, _numbers, numbers_keyed

    texts = [
        *_FOLD_CASES,
        "ثلا\u0653ث نقاط",  # the mark composes with the letter before it
        "(ثلاثة) «عشرة» twen-ty thir.teen",
        "قال إنّ الوضع هادئ، ولا إصابات.",
        "No one was hurt, officials said.",
    ]
    for text in texts:
        _MEMO.clear()
        assert numbers_keyed(text, "test", fold(text, loose=loose)) == _numbers(text)
    _MEMO.clear()
