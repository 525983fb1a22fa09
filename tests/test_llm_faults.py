"""Transport and answer faults: retries are counted, bounded, and one article's failure costs no other."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
from llm_helpers import llm_settings, make_article, seed_articles
from llm_server import (
    Reply,
    answer_for_chunk,
    article_in,
    article_text,
    completion,
    error,
    seed_answer,
    seed_responder,
    sequence,
    serve,
)

from factcheck.extract import client as client_mod
from factcheck.extract.chunking import chunk_text
from factcheck.extract.llm import extract_llm_many

pytestmark = pytest.mark.slow  # subprocesses or whole briefs: not in the inner loop


@pytest.fixture(autouse=True)
def recorded_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Backoff sleeps are recorded, not slept (Retry-After values are still computed and honoured)."""
    sleeps: list[float] = []

    async def fake_async(seconds: float) -> None:
        sleeps.append(seconds)

    monkeypatch.setattr(client_mod, "_sleep_async", fake_async)
    monkeypatch.setattr(client_mod, "_sleep_sync", sleeps.append)
    return sleeps


def _short() -> tuple[Any, dict[str, Any]]:
    article = seed_articles()[1]
    return article, answer_for_chunk(seed_answer("seed_002.json"), article.text)


def test_429_honours_retry_after_and_counts_the_retry(recorded_sleeps: list[float]) -> None:
    article, good = _short()
    script = sequence(lambda r: error(429, "slow down", {"retry-after": "7"}), lambda r: completion(r, good))
    with serve(script) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url))
        assert srv.calls == 2
    assert failures == []
    assert recorded_sleeps == [7.0]
    ex = extractions[0]
    assert ex.usage.calls == 1  # one completion received; the 429 is a transport retry, not a call
    assert "0 validation re-ask(s), 1 transport retry" in ex.notes[0]


def test_500_then_success_backs_off_with_jitter(recorded_sleeps: list[float]) -> None:
    article, good = _short()
    script = sequence(lambda r: error(500, "boom"), lambda r: error(503, "busy"), lambda r: completion(r, good))
    with serve(script) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url))
        assert srv.calls == 3
    assert failures == [] and len(recorded_sleeps) == 2
    assert all(0 <= s <= client_mod.BACKOFF_MAX for s in recorded_sleeps)
    assert "2 transport retries" in extractions[0].notes[0]


def test_timeout_is_retried_then_succeeds() -> None:
    article, good = _short()
    script = sequence(lambda r: Reply(200, completion(r, good).body, delay=1.0), lambda r: completion(r, good))
    with serve(script) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url, timeout=0.2))
        assert srv.calls == 2
    assert failures == [] and "1 transport retry" in extractions[0].notes[0]


def test_timeouts_exhaust_retries_with_a_clear_message() -> None:
    article, good = _short()
    with serve(lambda r: Reply(200, completion(r, good).body, delay=0.6)) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url, timeout=0.1, transport_retries=2))
        assert srv.calls == 3
    assert extractions == []
    assert "did not finish answering within 0.1s (after 2 transport retries)" in failures[0].error
    assert "--timeout" in failures[0].error and failures[0].stage == "extract"


def test_time_budget_stops_retrying_before_a_long_retry_after() -> None:
    article, _ = _short()
    with serve(lambda r: error(429, "later", {"retry-after": "100"})) as srv:
        _, failures = extract_llm_many([article], llm_settings(srv.url, article_time_budget=30))
        assert srv.calls == 1  # waiting 100 s would pass the 30 s budget: stop now, say so
    assert "rate limited (HTTP 429)" in failures[0].error


def test_truncated_json_is_re_asked() -> None:
    article, good = _short()
    truncated = json.dumps(good, ensure_ascii=False)[:300]
    with serve(sequence(lambda r: completion(r, truncated), lambda r: completion(r, good))) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url, mode="json_schema"))
        assert srv.calls == 2
    assert failures == [] and extractions[0].usage.calls == 2


def test_schema_invalid_json_is_re_asked_then_fails_clearly() -> None:
    article, good = _short()
    invalid = {"sources": "none", "claims": [{"id": "c1"}], "counters": [{"kind": "rumour"}]}
    with serve(sequence(lambda r: completion(r, invalid), lambda r: completion(r, good))) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url))
        assert srv.calls == 2 and failures == [] and extractions[0].claims
    with serve(lambda r: completion(r, invalid)) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url, max_retries=1))
        assert srv.calls == 2 + 2  # first try + 1 re-ask, then one call for each half of the part
    assert extractions == [] and failures[0].usage.calls == 4  # what failed was paid for, and counted
    assert "did not fit the extraction schema after 2 attempt(s)" in failures[0].error
    assert "--mode" in failures[0].error


def test_output_cut_off_by_token_limit_says_to_lower_chunk_tokens() -> None:
    article, good = _short()
    with serve(lambda r: completion(r, json.dumps(good)[:100], finish_reason="length")) as srv:
        _, failures = extract_llm_many([article], llm_settings(srv.url))
    assert "cut off" in failures[0].error and "--chunk-tokens" in failures[0].error


@pytest.mark.parametrize(
    ("status", "expected"),
    [(401, "rejected the API key (HTTP 401)"), (404, "model not found - check --model"), (400, "--mode")],
)
def test_client_errors_are_not_retried_and_explained(status: int, expected: str) -> None:
    article, _ = _short()
    key = "sk-test-SECRET-123456"
    with serve(lambda r: error(status, f"bad request with key {key}")) as srv:
        settings = llm_settings(srv.url).model_copy(update={"api_key": None})
        settings = settings.model_validate({**settings.model_dump(), "api_key": key})
        _, failures = extract_llm_many([article], settings)
        assert srv.calls == 1
        assert srv.headers[0].get("Authorization") == f"Bearer {key}"
    assert expected in failures[0].error
    assert key not in failures[0].error


def test_one_part_cut_off_costs_only_that_part() -> None:
    """Seen on a real llama-server (-n caps the answer): a cut-off first part lost the whole article."""
    article = seed_articles()[0]
    answer = seed_answer("seed_000.json")
    first = chunk_text(article.text, 1500)[0]

    def script(request: dict[str, Any]) -> Reply:
        if article_text(request) in first.text:  # part 1, and each half of it when asked again
            return completion(request, '{"claims": [', finish_reason="length")
        return completion(request, answer_for_chunk(answer, article_in(request)))

    with serve(script) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url, chunk_tokens=1500))
        assert srv.calls == len(chunk_text(article.text, 1500)) + 2  # part 1 asked again in two halves
    assert extractions[0].claims
    notes = " ".join(extractions[0].notes)
    assert "part 1 of" in notes and "cut off" in notes
    # ... but it is a partial failure, named with its article: the run exits 1, the brief says so.
    assert [(f.input_name, f.stage) for f in failures] == [(article.input_name, "partial")]
    assert "part 1 of" in failures[0].error and "cut off" in failures[0].error


@pytest.mark.parametrize(
    "body",
    [
        # llama-server's answer (seen on a real server) when the prompt does not fit its -c context
        {
            "error": {
                "code": 400,
                "message": "request (8962 tokens) exceeds the available context size (4096 tokens), try increasing it",
                "type": "exceed_context_size_error",
                "n_prompt_tokens": 8962,
                "n_ctx": 4096,
            }
        },
        # OpenAI's and vLLM's wording
        {
            "error": {
                "message": "This model's maximum context length is 4096 tokens. However, your messages "
                "resulted in 8962 tokens.",
                "type": "invalid_request_error",
                "code": "context_length_exceeded",
            }
        },
    ],
)
def test_prompt_longer_than_the_context_says_to_lower_chunk_tokens(body: dict[str, Any]) -> None:
    article, _ = _short()
    with serve(lambda r: Reply(400, body)) as srv:
        _, failures = extract_llm_many([article], llm_settings(srv.url, mode="json_schema"))
        assert srv.calls == 1  # a request too long stays too long: not retried
    assert "longer than the model's context window (HTTP 400)" in failures[0].error
    assert "--chunk-tokens" in failures[0].error and "--mode" not in failures[0].error


def test_answer_that_runs_out_of_context_is_retried_then_explained() -> None:
    """llama-server's HTTP 500 when generation fills its (slot-shared) context: seen on a real server."""
    article, _ = _short()
    body = {"error": {"code": 500, "message": "Context size has been exceeded.", "type": "server_error"}}
    with serve(lambda r: Reply(500, body)) as srv:
        _, failures = extract_llm_many([article], llm_settings(srv.url, transport_retries=1))
        assert srv.calls == 2
    assert "longer than the model's context window (HTTP 500) (after 1 transport retry)" in failures[0].error
    assert "--chunk-tokens" in failures[0].error and "retry later" not in failures[0].error


def test_server_that_always_fails_fails_every_article_clearly() -> None:
    articles = seed_articles()
    with serve(lambda r: error(500, "internal error")) as srv:
        extractions, failures = extract_llm_many(articles, llm_settings(srv.url, transport_retries=1))
    assert extractions == []
    assert [f.input_name for f in failures] == [a.input_name for a in articles]
    assert all("the LLM server failed (HTTP 500) (after 1 transport retry)" in f.error for f in failures)


def test_connection_refused_names_the_server() -> None:
    article, _ = _short()
    with serve(lambda r: error(500, "x")) as srv:
        url = srv.url
    _, failures = extract_llm_many([article], llm_settings(url, transport_retries=0))
    assert "cannot connect to the LLM server" in failures[0].error and "127.0.0.1" in failures[0].error


def test_concurrency_is_bounded_and_one_failing_article_costs_no_other() -> None:
    articles = [make_article(f"قال المتحدث إن الجسر رقم {i} سيفتتح قريباً.", f"a{i}.txt") for i in range(5)]
    articles.append(make_article("FAIL-ME قال المتحدث إن الطريق مغلق.", "broken.txt"))
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def script(request: dict[str, Any]) -> Reply:
        user = request["messages"][1]["content"]
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        if "FAIL-ME" in user:
            return error(400, "this one is broken")
        return completion(request, {"sources": [], "claims": [], "counters": []})

    with serve(script) as srv:
        extractions, failures = extract_llm_many(articles, llm_settings(srv.url, concurrency=2))
        assert srv.calls == 6
    assert 1 < state["max"] <= 2
    assert len(extractions) == 5 and [f.input_name for f in failures] == ["broken.txt"]
    assert "HTTP 400" in failures[0].error


def test_budget_stops_before_overspending_and_says_so() -> None:
    articles = seed_articles()[::-1]  # the short one first
    with serve(seed_responder(prompt_tokens=48_000, completion_tokens=1_000)) as srv:
        extractions, failures = extract_llm_many(articles, llm_settings(srv.url, concurrency=1, max_tokens=50_000))
        assert srv.calls == 1
    assert len(extractions) == 1 and extractions[0].usage.total_tokens == 49_000
    assert len(failures) == 1 and "--max-tokens budget of 50000 would be exceeded" in failures[0].error


def test_max_cost_needs_a_price_and_counts_cost() -> None:
    from factcheck.errors import ConfigError

    article, _ = _short()
    with serve(seed_responder(prompt_tokens=1_000_000, completion_tokens=100_000)) as srv:
        with pytest.raises(ConfigError, match="needs the price"):
            extract_llm_many([article], llm_settings(srv.url, max_cost=1.0))
        settings = llm_settings(srv.url, max_cost=5.0, prices={"test-model": (0.5, 2.0)})
        extractions, failures = extract_llm_many([article], settings)
    assert failures == [] and extractions[0].usage.cost_usd == pytest.approx(0.7)


def test_a_slow_drip_is_bounded_by_the_timeout_not_reset_by_each_byte() -> None:
    article, good = _short()
    # Every byte arrives well within the timeout, the whole answer takes far longer than it.
    with serve(lambda r: Reply(200, completion(r, good).body, drip=0.05)) as srv:
        started = time.monotonic()
        extractions, failures = extract_llm_many([article], llm_settings(srv.url, timeout=0.5, transport_retries=0))
        elapsed = time.monotonic() - started
    assert extractions == [] and "did not finish answering within 0.5s" in failures[0].error
    assert elapsed < 5  # the answer alone would take minutes


def test_a_hung_server_ends_the_run_within_the_deadline_naming_every_article() -> None:
    articles = [make_article(f"قال المتحدث باسم الوزارة إن القرار رقم {i} صدر أمس بعد اجتماع طويل.") for i in range(4)]
    with serve(lambda r: Reply(200, {}, delay=30)) as srv:
        started = time.monotonic()
        settings = llm_settings(srv.url, timeout=60, deadline=1.0, concurrency=1, transport_retries=0)
        extractions, failures = extract_llm_many(articles, settings)
        elapsed = time.monotonic() - started
    assert extractions == [] and len(failures) == 4
    assert all("--deadline of 1s passed" in f.error for f in failures)
    assert elapsed < 4


def test_retry_after_is_honoured_up_to_its_cap(recorded_sleeps: list[float]) -> None:
    article, good = _short()
    script = sequence(lambda r: error(429, "later", {"retry-after": "3600"}), lambda r: completion(r, good))
    with serve(script) as srv:
        _, failures = extract_llm_many([article], llm_settings(srv.url, article_time_budget=600))
        assert srv.calls == 2
    assert failures == [] and recorded_sleeps == [client_mod.RETRY_AFTER_MAX]
