"""text/scripts.py: the one definition of which script a text is in."""

from __future__ import annotations

from factcheck.text.scripts import has_arabic, letter_counts, script


def test_letters_are_counted_per_script_without_digits_or_punctuation() -> None:
    assert letter_counts("قال 12 وزيرا، Reuters ٣") == (8, 7)
    assert letter_counts("") == (0, 0)


def test_presentation_forms_and_supplement_letters_are_arabic() -> None:
    assert has_arabic("\ufefb") and has_arabic("\u0750") and not has_arabic("Résumé 2024")


def test_script_is_the_majority_and_a_tie_is_arabic() -> None:
    assert script("The minister said نعم") == "en"
    assert script("قال الوزير yes") == "ar"
    assert script("ab بت") == "ar" and script("") == "ar"
