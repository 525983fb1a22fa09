"""Encoder cosines between the story's claims and counters: what the sentence encoder *proposes*.

Computed once per reconcile (one batch), rounded to 3 decimals (``embed.cosine_matrix``) so float
noise never flips a decision. Without an encoder every cosine is 0 and only the lexical rules run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from ..embed import Encoder

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")

# Cosine bars (USE multilingual v3; docs/benchmarks.md): paraphrases and translations score
# 0.5-0.9, unrelated sentences <= 0.35 -- but a claim and its own denial also score 0.6-0.9, so a
# proposal is always checked by the polarity / figures rules (``stance``).
SAME_CLAIM_COS = 0.75  # with >= 1 shared stem, or across languages
CROSS_LINGUAL_COS = 0.7  # an Arabic and an English statement (no stems can be shared)
RELATED_COS = 0.5  # "speaks of the same thing" for linking, with >= 2 shared stems


def script(text: str) -> str:
    """'ar' or 'en' by the majority of letters (the language a quote is written in)."""
    ar, la = len(_ARABIC.findall(text)), len(_LATIN.findall(text))
    return "ar" if ar >= la else "en"


class Similarity:
    def __init__(self, encoder: Encoder | None, claims: Sequence[str], counters: Sequence[str]) -> None:
        self.enabled = encoder is not None and bool(claims)
        self.claim_script = [script(t) for t in claims]
        self.counter_script = [script(t) for t in counters]
        n, m = len(claims), len(counters)
        self.cc: NDArray[np.float64] = np.zeros((n, n))
        self.kc: NDArray[np.float64] = np.zeros((m, n))
        if encoder is not None and claims:
            from ..embed import cosine_matrix

            vecs = encoder.encode(list(claims) + list(counters))
            cv, kv = vecs[:n], vecs[n:]
            self.cc = cosine_matrix(cv, cv)
            if m:
                self.kc = cosine_matrix(kv, cv)

    def claims(self, i: int, j: int) -> float:
        return float(self.cc[i, j])

    def counter_claim(self, k: int, i: int) -> float:
        return float(self.kc[k, i]) if k < len(self.kc) else 0.0

    def cross_lingual(self, i: int, j: int) -> bool:
        return self.claim_script[i] != self.claim_script[j]
