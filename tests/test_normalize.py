"""Arabic-aware folding: the matching key, and spans mapped back to the original text."""

from __future__ import annotations

import pytest

from factcheck.normalize import content_stems, find_span, fold, fold_with_map, stem


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("نیویورک تایمز", "نيويورك تايمز"),  # Persian ی ک
        ("أحمد إلى آخر", "احمد الى اخر"),  # alef forms
        ("مستشفى", "مستشفي"),  # ى / ي
        ("الجامعة", "الجامعه"),  # ة / ه
        ("سَراً", "سرا"),  # diacritics, tanween
        ("تـــعاون", "تعاون"),  # tatweel
        ("٢٠١٦ ۲۰۱۶", "2016 2016"),  # Arabic-Indic and Persian digits
        ("«قال» “said”", '"قال" "said"'),  # quote styles
        ("a\u200bb\u200f c\u00a0 d", "ab c d"),  # zero-width, bidi mark, no-break space
        ("❤️", "❤"),  # variation selector (no recursion)
    ],
)
def test_fold_equates_spellings(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_map_points_back_into_the_original() -> None:
    text = "قال: «الشرعَ كان يتعاون»"
    folded, mapping = fold_with_map(text)
    assert len(folded) == len(mapping)
    assert all(0 <= m < len(text) for m in mapping)
    assert mapping == sorted(mapping)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("كان يتعاون سراً", "كان يتعاون سراً"),  # verbatim
        ("كان يتعاون سرا", "كان يتعاون سراً"),  # without tanween
        ("الشرع كان يتعاون", 'الشرع "كان يتعاون'),  # a model dropped the quotation mark
    ],
)
def test_find_span_returns_the_original_characters(quote: str, expected: str) -> None:
    text = 'قالت الصحيفة إن الشرع "كان يتعاون سراً مع التحالف"'
    span = find_span(text, quote)
    assert span is not None
    assert text[span[0] : span[1]] == expected


def test_find_span_refuses_what_is_not_there() -> None:
    assert find_span("نفت الرئاسة وجود تعاون", "وقع الرئيس اتفاقا") is None
    assert find_span("نص", "   ") is None


def test_stems_and_content_words() -> None:
    assert stem(fold("والتحالف")) == stem(fold("التحالف")) == "تحالف"
    assert content_stems("قال إن التعاون بين الشرع والتحالف") == ["قال", "تعاون", "شرع", "تحالف"]
