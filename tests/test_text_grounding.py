"""Grounded or nothing: quotes are located exactly, and any quote off its span is reported."""

from __future__ import annotations

import pytest

from factcheck.ingest import article_from_text
from factcheck.models import Claim, Extraction, Quote
from factcheck.text.grounding import is_grounded, locate, quote_at, ungrounded


def test_locate_gives_the_exact_characters_and_span() -> None:
    text = 'وقالت مديرية الإعلام إن: "المعلومات غير صحيحة".'
    q = locate(text, "المعلومات غير صحيحه")
    assert q is not None
    assert text[q.start : q.end] == q.text == "المعلومات غير صحيحة"
    assert locate(text, "معلومات مختلقة تماما") is None


def test_quote_at_trims_white_space() -> None:
    q = quote_at("  a quote  ", 0, 11)
    assert (q.text, q.start, q.end) == ("a quote", 2, 9)


def test_ungrounded_reports_a_same_length_tampered_quote() -> None:
    art = article_from_text("The minister said the budget will rise next year.")
    good = locate(art.text, "the budget will rise next year")
    assert good is not None and is_grounded(art.text, good)
    fake = Quote(text="x" * len(good.text), start=good.start, end=good.end)
    x = Extraction(
        article=art,
        claims=[
            Claim(id="c1", article_id=art.id, quote=good, statement=good.text),
            Claim(id="c2", article_id=art.id, quote=fake, statement=fake.text),
        ],
    )
    problems = ungrounded(x)
    assert len(problems) == 1 and problems[0].startswith("c2")


def test_quote_model_refuses_a_span_of_the_wrong_length() -> None:
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Quote(text="abc", start=0, end=5)


# --- one normalisation: whatever ingest removes or folds, grounding folds identically ----------


def _chars(*ranges: tuple[int, int], category: str | None = None) -> list[str]:
    """Assigned characters of the ranges (or of all Unicode), optionally of one category."""
    import unicodedata

    out = []
    for lo, hi in ranges or ((0, 0x10FFFF),):
        for c in range(lo, hi + 1):
            cat = unicodedata.category(chr(c))
            if cat not in ("Cn", "Cs", "Co") and (category is None or cat == category):
                out.append(chr(c))
    return out


FORMAT_CHARS = _chars(category="Cf")
PRESENTATION_FORMS = _chars((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def _golds(ch: str) -> list[str]:
    """Gold strings holding ``ch`` inside a word, between words, at either edge, in Arabic and English."""
    return [
        f"أعلنت الوزا{ch}رة أن الحالات انخفضت",
        f"الحالات {ch}انخفضت بنسبة كبيرة",
        f"{ch}تسجيل إصابات جديدة في المدينة",
        f"لا توجد أي إصابات مؤكدة{ch}",
        f"the health minis{ch}try said on Monday",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("ch", FORMAT_CHARS + PRESENTATION_FORMS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_gold_string_that_passes_ingest_is_always_located(ch: str) -> None:
    from factcheck.errors import InputError
    from factcheck.ingest import load_article
    from factcheck.text.normalize import fold

    golds = _golds(ch)
    raw = "عنوان الخبر\n\n" + "\n\n".join(f"وقال المصدر: {g} في بيان." for g in golds)
    try:
        from_text = article_from_text(raw)
        (from_bytes,) = load_article("-", stdin=raw.encode("utf-8"))
    except InputError:  # a gold string must pass ingest for the property to apply
        pytest.skip("ingest refuses this text")
    assert len(FORMAT_CHARS) > 150 and len(PRESENTATION_FORMS) > 700  # enumerated, not a hand list
    for article in (from_text, from_bytes):
        start = 0
        for gold in golds:
            q = locate(article.text, gold, start)
            assert q is not None, (gold, article.text)
            assert article.text[q.start : q.end] == q.text
            assert fold(q.text) == fold(gold)
            start = q.end
