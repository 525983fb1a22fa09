"""extract/patterns.py: the span helpers of the offline extractor, on invented sentences."""

from __future__ import annotations

from factcheck.extract.patterns import en_subject, opening_quote, plausible_speaker, strip_span, title_case, trim_clause


def _cut(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def test_strip_span_drops_edge_punctuation_space_and_a_trailing_link() -> None:
    text = "  ، the port will reopen tomorrow https://t.co/abc  "
    assert _cut(text, strip_span(text, 0, len(text))) == "the port will reopen tomorrow"


def test_trim_clause_drops_a_trailing_attribution() -> None:
    text = "إن الميناء سيعاد افتتاحه يوم الأحد المقبل، وفق مصادر محلية"
    assert _cut(text, trim_clause(text, 0, len(text))) == "إن الميناء سيعاد افتتاحه يوم الأحد المقبل"


def test_opening_quote_takes_substantial_quoted_words_near_the_start() -> None:
    text = 'that "the port will reopen soon" after repairs'
    assert _cut(text, opening_quote(text, 0, len(text))) == "the port will reopen soon"
    short = 'that "soon" the port will reopen'
    assert opening_quote(short, 0, len(short)) is None


def test_title_case_headlines() -> None:
    assert title_case("Port Authority Announces New Schedule")
    assert not title_case("the port will reopen tomorrow")


def test_plausible_speakers_and_subjects() -> None:
    assert plausible_speaker("the port authority")
    assert not plausible_speaker("the port will reopen tomorrow after the repairs are finished and")
    assert en_subject("In an interview with the radio, the harbour master") == "the harbour master"
    assert en_subject("Traffic resumed; the harbour master") == "the harbour master"
