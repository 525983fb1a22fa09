"""text/posts.py: one embedded-post signature for ingest, the extractor and the reconciler."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract.segment import find_embeds
from factcheck.ingest import article_from_text
from factcheck.text.posts import SIGNATURE, embed_signature, signatures

# Invented posts: an English-dated signature and one dated in Arabic words.
EN = "The bridge reopens on Monday. — Port Authority (@port_auth) March 3, 2024\nTraffic resumed."
AR = "افتتاح الجسر يوم الاثنين — هيئة الموانئ (@port_auth) 3 مارس 2024\nعادت الحركة."


@pytest.mark.parametrize("text", [EN, AR])
def test_a_dated_signature_is_a_post_for_every_stage(text: str) -> None:
    sigs = list(signatures(text))
    assert len(sigs) == 1 and sigs[0].group("handle") == "@port_auth"
    # The extractor: the text before the dash is the post's body.
    (embed,) = find_embeds(text)
    assert embed.signature == sigs[0].span() and embed.handle == "@port_auth"
    # The reconciler: a span on the signature's line is inside the post.
    assert embed_signature(text, 0, 5) == sigs[0].span()
    # Ingest: the signature's date is the post's, so the article is dated no earlier.
    art = article_from_text(text)
    assert [d.origin for d in art.dates] == ["embed"] and art.published == dt.date(2024, 3, 3)


def test_a_handle_without_a_date_is_not_a_post() -> None:
    text = "Follow us — Port Authority (@port_auth) for updates."
    assert SIGNATURE.search(text) is not None
    assert list(signatures(text)) == [] and find_embeds(text) == []
    assert embed_signature(text, 0, 5) is None


def test_an_impossible_date_is_not_a_post() -> None:
    assert list(signatures("Text — Someone (@someone) February 30, 2024")) == []


def test_a_latin_post_next_to_its_signature_line_belongs_to_it_but_arabic_prose_does_not() -> None:
    text = "نص عربي قبل المنشور.\nWe are open today\n— Port Authority (@port_auth) March 3, 2024"
    sig = next(signatures(text)).span()
    latin = text.index("We are")
    assert embed_signature(text, latin, latin + 5) == sig
    assert embed_signature(text, 0, 5) is None
