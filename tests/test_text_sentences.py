"""text/sentences.py: sentence spans and the sentence around a span."""

from __future__ import annotations

from factcheck.text.sentences import SentenceEnds, sentence_around, sentences


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text, 0, len(text))]


def test_sentences_split_at_punctuation_and_line_breaks() -> None:
    assert _texts("One. Two? ثلاثة؟ أربعة\nFive") == ["One.", "Two?", "ثلاثة؟", "أربعة", "Five"]


def test_an_open_quotation_joins_the_sentences_it_spans() -> None:
    assert _texts('"I never did. I have not." he said. Next.') == ['"I never did. I have not." he said.', "Next."]


def test_a_quotation_never_closed_keeps_the_sentences_apart() -> None:
    assert _texts('"I never did. I have not. Next.') == ['"I never did.', "I have not.", "Next."]


def test_sentences_inside_a_window_are_trimmed() -> None:
    text = "xx  One. Two.  yy"
    assert [text[s:e] for s, e in sentences(text, 2, 15)] == ["One.", "Two."]


def test_the_sentence_around_a_span_is_widened_to_hold_it() -> None:
    text = "First one. The second, long one. Third"
    s = text.index("second")
    assert text[slice(*sentence_around(text, s, s + 6))] == " The second, long one"
    assert sentence_around(text, text.index("one."), text.index("Third") + 2) == (0, len(text))


def _walk_back(text: str, start: int, end: int) -> tuple[int, int]:
    """sentence_around as first written: walk back to the last sentence end, then search forward."""
    s = start
    while s > 0 and text[s - 1] not in ".!?؟\n":
        s -= 1
    e = next((k for k in range(end, len(text)) if text[k] in ".!?؟\n"), len(text))
    return s, e


def test_sentence_ends_find_the_sentence_around_every_span() -> None:
    texts = ["First one. The second, long one. Third", "سؤال؟ جواب!\nسطر آخر...", "no end at all", "", ".\n."]
    for text in texts:
        ends = SentenceEnds(text)
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                assert ends.around(start, end) == sentence_around(text, start, end) == _walk_back(text, start, end)
