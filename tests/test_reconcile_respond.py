"""Responses the reconciler infers from content are marked ``inferred`` (issue 10: a field, not an id
suffix another module has to recognise); statements the articles frame as responses are not."""

from __future__ import annotations

from pathlib import Path

from factcheck import generate_brief
from factcheck.models import CounterStatement

STORY = Path(__file__).resolve().parent.parent / "fixtures" / "stories" / "quake-confirmed-ar"


def test_a_confirmation_in_other_words_is_an_inferred_counter() -> None:
    brief = generate_brief(sorted(p for p in STORY.glob("*.txt")))
    inferred = [k for k in brief.counters if k.inferred]
    assert inferred, "the story's later report confirms the first in other words"
    claims = {c.id: c for c in brief.claims}
    for k in inferred:
        # grounded on the responding claim's own quote, and answering another claim
        source = next(c for c in brief.claims if c.quote == k.quote and c.article_id == k.article_id)
        assert k.targets and source.id not in k.targets and all(t in claims for t in k.targets)


def test_extracted_counters_are_not_inferred_and_old_briefs_still_load() -> None:
    k = CounterStatement.model_validate(
        {
            "id": "k1",
            "article_id": "a1",
            "quote": {"text": "x", "start": 0, "end": 1},
            "statement": "x",
            "kind": "denial",
        }
    )
    assert k.inferred is False
