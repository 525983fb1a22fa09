"""Property-based tests (hypothesis): ingest, normalisation, span mapping and Markdown escaping hold
for any text, not only for the examples someone thought of."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.errors import InputError
from factcheck.ingest import article_from_text
from factcheck.render.view import md_escape
from factcheck.text.grounding import locate
from factcheck.text.normalize import fold

# Text that looks like news in both scripts, with what real pages carry: diacritics, tatweel, presentation
# forms, invisible marks, odd spaces, quotes, digits of three systems, punctuation.
ALPHABET = st.sampled_from(
    list("قالوزيرإنأآىةهيبنتمسعدرحلكفصضطظغخشثذءؤئ")
    + list("abcdefghijklmnopqrstuvwxyzABCDEFG")
    + list("\u064b\u064e\u064f\u0650\u0651\u0652\u0640")  # harakat, shadda, sukun, tatweel
    + list("\ufeb3\ufee0\ufef5")  # presentation forms
    + list("\u200b\u200c\u200d\u200e\u200f\u061c\u202b\u202c\u2066\u2069\ufeff\u00ad")  # invisible
    + list(" \u00a0\u2009\n\t")
    + list("0123456789٠١٢٣٤٥٦٧٨٩۴۵«»\"“”'’.,،؛:!؟?()-")
)
TEXTS = st.text(ALPHABET, min_size=1, max_size=300)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_ingest_gives_clean_text_or_a_clear_error(raw: str) -> None:
    try:
        article = article_from_text(raw)
    except InputError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert article.text == article.text.strip() and article.text
    assert not re.search("[\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]", article.text)


@SETTINGS
@given(TEXTS, st.data())
def test_any_slice_of_an_ingested_text_is_located_verbatim(raw: str, data: st.DataObject) -> None:
    try:
        text = article_from_text(raw).text
    except InputError:
        return
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    piece = text[i:j]
    if not fold(piece).strip():
        return  # nothing to look for: only marks or spaces
    q = locate(text, piece)
    assert q is not None, (text, piece)
    assert text[q.start : q.end] == q.text and fold(q.text) == fold(piece.strip())


@SETTINGS
@given(TEXTS, TEXTS)
def test_a_quote_absent_after_folding_is_never_located(raw: str, other: str) -> None:
    q = locate(raw, other)
    if q is not None:  # a quote may differ from the article only by punctuation at its edges
        core = re.sub(r"^[\W_]+|[\W_]+$", "", fold(other))  # edge punctuation, folded (؛ -> ;) or not
        assert raw[q.start : q.end] == q.text and core in fold(raw)


@SETTINGS
@given(TEXTS)
def test_fold_is_idempotent(raw: str) -> None:
    assert fold(fold(raw)) == fold(raw)


@SETTINGS
@given(st.text(min_size=0, max_size=200))
def test_markdown_escaping_keeps_a_value_on_one_inert_line(value: str) -> None:
    out = md_escape(value)
    assert "\n" not in out and "\r" not in out
    assert not re.search(r"(?<!\\)[|`*_\[\]<>]", out)  # every markup character escaped
    assert not re.search(r"(?i)https?://|www\.", out)  # no autolink survives
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", out)
