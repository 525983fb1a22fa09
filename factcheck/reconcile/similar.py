"""Encoder cosines between the story's claims and counters: what the sentence encoder *proposes*.

Computed once per reconcile (one batch), rounded to 3 decimals (``embed.cosine_matrix``) so float
noise never flips a decision. Without an encoder every cosine is 0 and only the lexical rules run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..text.scripts import script

if TYPE_CHECKING:
    from numpy import float64
    from numpy.typing import NDArray

    from ..embed import Encoder


# Cosine bars (USE multilingual v3; docs/benchmarks.md): paraphrases and translations score
# 0.5-0.9, unrelated sentences <= 0.35 -- but a claim and its own denial also score 0.6-0.9, so a
# proposal is always checked by the polarity / figures rules (``stance``).
SAME_CLAIM_COS = 0.75  # with >= 1 shared stem
# An Arabic and an English statement (no stems can be shared): translations of short news sentences
# score 0.55-0.9, so the bar is low but the pair must be each other's best match across languages.
CROSS_LINGUAL_COS = 0.5
CROSS_LINK_COS = 0.65  # a counter in one language answering a claim in the other
RELATED_COS = 0.5  # "speaks of the same thing" for linking, with >= 2 shared stems


class _Scripts:
    """``script`` of each text, read on first use: without an encoder only a few are asked for."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._read: list[str | None] = [None] * len(texts)

    def __getitem__(self, i: int) -> str:
        s = self._read[i]
        if s is None:
            s = self._read[i] = script(self._texts[i])
        return s

    def __len__(self) -> int:
        return len(self._texts)

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))


class Similarity:
    def __init__(self, encoder: Encoder | None, claims: Sequence[str], counters: Sequence[str]) -> None:
        self.enabled = encoder is not None and bool(claims)
        self.claim_script = _Scripts(claims)
        self._across: dict[int, int] = {}
        self.counter_script = _Scripts(counters)
        if not self.enabled:
            return  # no encoder: every cosine is 0 (claims(), counter_claim()), numpy never loaded
        # Lazy: `factcheck --help` never loads numpy; and embed sets numpy's thread count first.
        from ..embed import cosine_matrix, zeros

        # Without an encoder nothing reads a cosine (every caller checks ``enabled``): no n x n matrix.
        n, m = (len(claims), len(counters)) if encoder is not None else (0, 0)
        self.cc: NDArray[float64] = zeros((n, n))
        self.kc: NDArray[float64] = zeros((m, n))
        if encoder is not None and claims:
            # Each distinct text is encoded once: copies (a paragraph repeated in a long article, a
            # wire story republished) get the very same vector, so their cosines are equal to the bit
            # (the reconciler counts on it: reconcile/cluster.py compares only the first copy).
            texts = list(claims) + list(counters)
            unique = list(dict.fromkeys(texts))
            row = {t: i for i, t in enumerate(unique)}
            vecs = encoder.encode(unique)[[row[t] for t in texts]]
            cv, kv = vecs[:n], vecs[n:]
            self.cc = cosine_matrix(cv, cv)
            if m:
                self.kc = cosine_matrix(kv, cv)

    def _best_across(self, i: int) -> int:
        """The claim in another language closest to claim ``i`` (-1: none); ties go to the first."""
        best, best_j = -2.0, -1
        for j in range(len(self.claim_script)):
            if self.claim_script[j] != self.claim_script[i] and self.cc[i, j] > best:
                best, best_j = float(self.cc[i, j]), j
        return best_j

    def mutual_translation(self, i: int, j: int) -> bool:
        """Claims in two languages, each the other's closest claim in that language, >= CROSS_LINGUAL_COS."""
        if not self.enabled or self.claim_script[i] == self.claim_script[j] or self.cc[i, j] < CROSS_LINGUAL_COS:
            return False
        if i not in self._across:
            self._across[i] = self._best_across(i)
        if j not in self._across:
            self._across[j] = self._best_across(j)
        return self._across[i] == j and self._across[j] == i

    def claim_candidates(self, bar: float) -> list[tuple[int, int]]:
        """Claim pairs (i < j) the encoder could propose: cosine >= ``bar``, or each other's closest
        claim in the other language (the same choice as ``_best_across``: the first of the best)."""
        import numpy as np

        if not self.enabled:
            return []
        cc = self.cc
        out = set(self.claim_pairs_at(bar))
        scripts = np.array(list(self.claim_script))
        for lang in sorted(set(self.claim_script)):
            rows = np.flatnonzero(scripts == lang)
            cols = np.flatnonzero(scripts != lang)
            if not len(cols):
                continue
            best = cols[np.argmax(cc[np.ix_(rows, cols)], axis=1)]
            out.update((int(min(i, j)), int(max(i, j))) for i, j in zip(rows, best, strict=True))
        return sorted(out)

    def claim_pairs_at(self, bar: float) -> list[tuple[int, int]]:
        """Claim pairs (i < j) whose cosine is >= ``bar``."""
        import numpy as np

        if not self.enabled:
            return []
        return sorted((int(i), int(j)) for i, j in np.argwhere(np.triu(self.cc >= bar, 1)))

    def claims(self, i: int, j: int) -> float:
        return float(self.cc[i, j]) if self.enabled else 0.0

    def counter_claim(self, k: int, i: int) -> float:
        return float(self.kc[k, i]) if self.enabled and k < len(self.kc) else 0.0

    def cross_lingual(self, i: int, j: int) -> bool:
        return self.claim_script[i] != self.claim_script[j]
