"""evaluate/goldview.py: the scorer's view of a gold story, read through the one gold reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import EvalError
from factcheck.evaluate import gold, goldview, scoring
from factcheck.evaluate.gold import load_gold
from factcheck.evaluate.goldview import GoldView, token_jaccard

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds" / "gold.json"


def test_a_dict_and_the_loaded_story_give_the_same_view() -> None:
    story = load_gold(SEEDS)
    from_story = GoldView.from_obj(story)
    from_dict = GoldView.from_obj(story.model_dump(mode="json"))
    assert from_story == from_dict
    assert from_story.story == story.story and len(from_story.claims) == len(story.claims)


def test_a_malformed_gold_dict_is_an_eval_error_naming_the_story() -> None:
    with pytest.raises(EvalError, match="'bridge' is malformed"):
        GoldView.from_obj({"story": "bridge", "articles": [{"id": "a"}]})  # no file
    with pytest.raises(EvalError, match="malformed"):
        GoldView.from_obj({"story": "bridge", "articles": [], "surprise": 1})  # unknown key


def test_core_kinds_are_defined_once() -> None:
    assert scoring.CORE_KINDS is gold.CORE_KINDS
    assert "CORE_KINDS" not in vars(goldview)


def test_token_jaccard() -> None:
    assert token_jaccard("the bridge fell", "bridge fell down") == pytest.approx(0.5)
    assert token_jaccard("", "bridge") == 0.0
