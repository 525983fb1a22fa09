"""Grounded or nothing: quotes are located exactly, and any quote off its span is reported."""

from __future__ import annotations

from factcheck.grounding import is_grounded, locate, quote_at, ungrounded
from factcheck.ingest import article_from_text
from factcheck.models import Claim, Extraction, Quote


def test_locate_gives_the_exact_characters_and_span() -> None:
    text = "وقالت مديرية الإعلام إن: \"المعلومات غير صحيحة\"."
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
    x = Extraction(article=art, claims=[
        Claim(id="c1", article_id=art.id, quote=good, statement=good.text),
        Claim(id="c2", article_id=art.id, quote=fake, statement=fake.text),
    ])
    problems = ungrounded(x)
    assert len(problems) == 1 and problems[0].startswith("c2")


def test_quote_model_refuses_a_span_of_the_wrong_length() -> None:
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Quote(text="abc", start=0, end=5)
