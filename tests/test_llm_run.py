"""extract/llm_run.py: how a failed call is described (typed exception matching, never class names)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from instructor.core import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError

from factcheck.errors import ExtractionError, LLMError
from factcheck.extract.llm_run import _unwrap
from factcheck.extract.schema import GroundingState
from factcheck.ingest import article_from_text
from factcheck.models import Usage

ARTICLE = article_from_text("The bridge reopened on Monday, the ministry said.")
SPENT = Usage(calls=2, prompt_tokens=300, completion_tokens=40)


def _response(finish: str = "stop", content: str = '{"claims": [', tool_calls: Any = None) -> Any:
    message = SimpleNamespace(content=content, tool_calls=tool_calls, refusal=None)
    return SimpleNamespace(choices=[SimpleNamespace(finish_reason=finish, message=message)])


def _unwrapped(err: Exception, response: Any, mode: str = "json") -> Exception:
    state = GroundingState(text=ARTICLE.text, max_attempts=3, attempt=3)
    return _unwrap(err, ARTICLE, state, response, mode, SPENT)


def _wrapped(cause: BaseException) -> Exception:
    try:
        try:
            raise cause
        except BaseException as inner:
            raise InstructorRetryException("retries exhausted", n_attempts=3, total_usage=0) from inner
    except InstructorRetryException as outer:
        return outer


def test_a_cut_off_answer_is_recognised_by_type_even_when_wrapped() -> None:
    err = _unwrapped(_wrapped(IncompleteOutputException(last_completion=None)), _response())
    assert isinstance(err, ExtractionError) and "cut off" in str(err)
    assert "cut off" in str(_unwrapped(RuntimeError("x"), _response(finish="length")))


def test_a_schema_failure_names_where_but_never_echoes_the_answer() -> None:
    class Answer(BaseModel):
        quote: int

    with pytest.raises(ValidationError) as invalid:
        Answer.model_validate({"quote": "an invented quote"})
    err = _unwrapped(_wrapped(invalid.value), _response())
    assert "did not fit the extraction schema after 3 attempt(s) (problems at: quote)" in str(err)
    assert "invented" not in str(err)


def test_the_error_carries_the_last_answer_and_what_was_spent() -> None:
    response = _response()
    err = _unwrapped(_wrapped(ValueError("bad")), response)
    assert isinstance(err, ExtractionError)
    assert err.last_response is response and err.usage == SPENT and err.article_id == ARTICLE.id
    assert getattr(err, "raw", None) == '{"claims": ['


def test_our_own_error_inside_instructor_s_is_returned_with_the_article_and_spending() -> None:
    ours = LLMError("cannot connect to the LLM server")
    err = _unwrapped(_wrapped(ours), None)
    assert err is ours and ours.article_id == ARTICLE.id and ours.usage == SPENT


def test_plain_text_in_tools_mode_is_named() -> None:
    err = _unwrapped(_wrapped(ValueError("no tool")), _response(content="Sure!"), mode="tools")
    assert "no tool call was made" in str(err)
