"""extract/support.py: a counter-statement's kind is kept only when its own words support it."""

from __future__ import annotations

import pytest

from factcheck.extract.support import kind_from_quote, kind_supported
from factcheck.models import CounterKind as K


@pytest.mark.parametrize(
    ("kind", "quote"),
    [
        (K.denial, "نفت الشركة الخبر"),
        (K.denial, "No case has been recorded"),  # a denial stated as a contradicting fact
        (K.correction, "the toll is 12, not 40"),
        (K.confirmation, "The ministry confirmed the closure"),
    ],
)
def test_supported_kinds_are_kept(kind: K, quote: str) -> None:
    assert kind_supported(kind, quote) and kind_from_quote(kind, quote) is kind


def test_a_denial_without_denying_words_is_dropped() -> None:
    assert kind_from_quote(K.denial, "The company opened a new office") is None


@pytest.mark.parametrize(
    ("quote", "kind"),
    [
        ("The ministry denied the closure", K.denial),
        ("He never said that", K.attribution_denial),
        ("نفت الوزارة صحة التصريحات المنسوبة إليها", K.attribution_denial),
    ],
)
def test_a_confirmation_whose_words_deny_becomes_that_denial(quote: str, kind: K) -> None:
    assert not kind_supported(K.confirmation, quote)
    assert kind_from_quote(K.confirmation, quote) is kind
