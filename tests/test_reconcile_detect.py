"""Detecting findings (reconcile/versions.py, findings.py, compare.py): the shortcuts that spare work
must leave the brief as the plain rules give it.

Each shortcut is switched back to its plain form (every pair of versions compared, every profile
test passed, every context of a cluster read) and the briefs of the fixture stories compared byte
for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract import extract_all
from factcheck.ingest import article_from_text
from factcheck.models import Extraction
from factcheck.reconcile import compare, findings, reconcile, versions
from factcheck.text.normalize import STOPWORDS, fold

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def stories(own_stories: list[list[Extraction]]) -> list[list[Extraction]]:
    out = []
    for xs in own_stories:
        out.append(xs)
        out.append([*xs, *xs[:2]])  # articles repeated: versions of one text at other places
    # Invented: a claim whose first version holds no date and the next two one date written two
    # ways (a context without a value read first must not end the reading), and a figure that differs.
    invented = [
        "Port officials said the bridge will reopen after the repairs, the agency reported.",
        "Port officials said the bridge will reopen on March 3, 2024 after the repairs, the agency reported.",
        "Port officials said the bridge will reopen on 3 March 2024 after the repairs, the agency reported.",
        "Port officials said 12 workers were hurt when the old bridge collapsed on Monday, the agency reported.",
        "Port officials said 15 workers were hurt when the old bridge collapsed on Monday, the agency reported.",
    ]
    out.append(extract_all([article_from_text(t) for t in invented])[0])
    return out


def _briefs(stories: list[list[Extraction]]) -> list[str]:
    return [reconcile(xs, encoder=None).model_dump_json() for xs in stories]


def test_discrepancies_are_those_of_every_pair(
    stories: list[list[Extraction]], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _briefs(stories)
    assert any('"discrepancy"' in b for b in fast)  # the stories do hold versions that differ

    def every_pair(profiles: list[versions._Profile | None], mult: list[int]) -> dict[int, list[int]]:
        usable = [n for n, p in enumerate(profiles) if p is not None]
        return {a: [b for b in usable if b > a] for a in usable}

    monkeypatch.setattr(versions, "_partners", every_pair)
    monkeypatch.setattr(versions._Profile, "may_differ", lambda self, other: True)
    monkeypatch.setattr(versions._Profile, "may_align", lambda self, other, shared, ratio: True)
    assert _briefs(stories) == fast


def test_consistent_values_are_those_of_every_context(
    stories: list[list[Extraction]], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _briefs(stories)
    assert any('"consistent"' in b for b in fast)
    # Plain: every context read when the cluster has two (by start), none otherwise.
    monkeypatch.setattr(findings, "_last_run", lambda keys: len(keys) if len(set(keys)) >= 2 else 0)
    assert _briefs(stories) == fast


def test_last_run_is_where_the_final_run_of_equal_keys_starts() -> None:
    assert findings._last_run([(0, 1), (0, 2), (0, 2)]) == 1
    assert findings._last_run([(0, 1), (0, 1)]) == 0
    assert findings._last_run([]) == 0


def test_a_word_key_is_its_folded_stem_unless_it_carries_no_content() -> None:
    # Invented words: Arabic with clitics, a nisba, digits, stopwords, a scope word, a mark.
    words = [
        "والسياسية",
        "سياسي",
        "بالمدينة",
        "2024",
        "٣",
        "the",
        "في",
        "All",
        "only",
        "x",
        "ـ",
        "مُدن",
        "#tag",
        "@user",
    ]
    for raw in words:
        folded = fold(raw)
        key = compare.word_key(folded) if folded else None
        if key is not None and (folded in STOPWORDS or len(folded) < 2):
            key = key if key in compare.SCOPE_KEYS or folded.isdigit() else None
        assert compare._keyed(raw) == key, raw


def test_word_keys_fold_new_words_at_once_as_one_by_one() -> None:
    """word_keys folds the words it has not seen joined by spaces, in one pass: the keys are those of
    each word folded alone, in texts within the fold page and outside it (emoji, rare marks)."""
    import random

    from factcheck.reconcile import compare as cmp  # the module, not the package's function
    from factcheck.text.normalize import _fold

    rng = random.Random(3)
    pieces = [
        "الحكومة",
        "وزارةُ",
        "بالصحة",
        "ـ",
        "٣٠",
        "2025",
        "said",
        "Ministry",
        "#وسم",
        "@user",
        "ﻻ",
        "🙂",
        "e\u0301",
        "ال",
        "مليون",
        "only",
        "فقط",
        "x",
        "ً",
        "“quoted”",
        "a-b",
        "١٠٪",
    ]
    texts = [
        " ".join(rng.choice(pieces) + rng.choice(["", "ها", "ية", "ين"]) for _ in range(rng.randint(1, 12)))
        for _ in range(400)
    ]
    for text in texts:
        cmp._KEYS.clear()
        cmp.word_keys.cache_clear()
        got = cmp.word_keys(text)
        alone = [cmp._key_of(_fold(w, False)) for w in cmp._WORD.findall(text)]
        assert got == tuple(k for k in alone if k is not None), text
