"""Arabic-aware folding: the matching key, and spans mapped back to the original text."""

from __future__ import annotations

import pytest

from factcheck.text.normalize import content_stems, find_span, fold, fold_with_map, stem


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


@pytest.mark.slow
def test_fold_drops_and_spaces_exactly_what_ingest_removes_and_spaces() -> None:
    """One definition: for every code point ingest changes, ingest's result and the raw text fold alike."""
    from factcheck.ingest._clean import normalize_text

    checked = 0
    for c in range(0x110000):
        ch = chr(c)
        if 0xD800 <= c <= 0xDFFF:
            continue
        cleaned, _notes = normalize_text(f"a{ch}b")
        if cleaned != f"a{ch}b":  # removed, spaced or composed (NFC) by ingest
            checked += 1
            assert fold(f"a{ch}b") == fold(cleaned), f"U+{c:04X}"
    assert checked > 1000  # invisible characters, controls, spaces, NFC singletons


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("Fran\u00e7ois Dupont said", "Franc\u0327ois Dupont", "Fran\u00e7ois Dupont"),  # NFD quote
        ("Franc\u0327ois Dupont said", "Fran\u00e7ois Dupont", "Franc\u0327ois Dupont"),  # NFD text
        ("Franc\u200b\u0327ois said", "Fran\u00e7ois", "Franc\u200b\u0327ois"),  # mark after ZWSP
        ("قال الوزير إن", "الوزير\u061c إن", "الوزير إن"),  # ALM: ingest strips it, fold too
    ],
)
def test_find_span_matches_canonically_equivalent_text(text: str, quote: str, expected: str) -> None:
    span = find_span(text, quote)
    assert span is not None
    assert text[span[0] : span[1]] == expected


def test_fold_is_fold_with_map_spaced() -> None:
    # fold folds character by character unless a mark that may compose occurs: the same key as the
    # mapped fold, with marks, compositions (ے + hamza above), singletons, presentation forms.
    import random

    pool = "ابتيوهےە ًٌٍَُِّْٰٕٓٔـ\u0301\u0327e\u212b\ufdfa\ufe0f\u200d\u3000 .,«»—#@%AbC"
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 10)))
        for loose in (False, True):
            assert fold(text, loose=loose) == " ".join(fold_with_map(text, loose=loose)[0].split()), text


def test_fold_through_the_code_page_is_the_table_fold() -> None:
    # Text written only in the fold page folds through bytes: the same characters as one table
    # lookup per character (and text with any other character takes that slow road).
    import random

    from factcheck.text._fold_page import PAGE_CHARS as _PAGE_CHARS
    from factcheck.text.normalize import _TABLES, _UNSAFE, fold_chars

    assert len(set(_PAGE_CHARS)) == len(_PAGE_CHARS) <= 256
    pool = "".join(_PAGE_CHARS) + "\u0653\u0301e\u0130\u03a3\ufe0f\u2b07\U0001f449\ufffe"
    rng = random.Random(7)
    for n in range(30000):
        chars = pool if n % 2 else _PAGE_CHARS
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 14)))
        for loose in (False, True):
            want = text.translate(_TABLES[loose])
            if _UNSAFE in want:
                want = fold_with_map(text, loose=loose)[0]
            assert fold_chars(text, loose) == want, repr(text)
            assert fold(text, loose=loose) == " ".join(want.split()), repr(text)


def test_tokens_through_the_code_page_are_the_word_runs_of_the_fold() -> None:
    # Text in the fold page is cut into words by spaces put in place of every folded character that
    # is not a word character: the very runs of the token pattern in the folded text.
    import random

    from factcheck.text._fold_page import PAGE_CHARS
    from factcheck.text.normalize import _TOKEN, tokens

    pool = "".join(PAGE_CHARS) + "\u0653\u0301\u00e9\u2764\ufe0f\ufffe"
    rng = random.Random(11)
    for n in range(30000):
        text = "".join(rng.choice(pool if n % 2 else PAGE_CHARS) for _ in range(rng.randint(0, 14)))
        assert tokens(text) == _TOKEN.findall(fold(text)), repr(text)
    assert tokens("see https://t.co/x1 «الرئيس» #وسم_ما @user") == ["see", "الرييس", "#وسم_ما", "@user"]
