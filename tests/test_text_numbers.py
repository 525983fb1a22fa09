"""text/numbers.py: numbers in digits of any script or in words, with multipliers."""

from __future__ import annotations

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


def test_spans_are_offsets_into_the_article() -> None:
    text = "It cost 3 million dollars."
    (n,) = find_numbers(text, offset=100)
    assert (n.start, n.end, n.text) == (108, 117, "3 million")
