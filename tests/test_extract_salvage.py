"""Cut-off and out-of-shape answers: complete items salvaged, the rest asked again, every call counted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from llm_helpers import ROOT, llm_settings, seed_articles
from llm_server import Reply, answer_for_chunk, article_in, article_text, completion, seed_answer, seed_responder, serve

from factcheck.config import Settings, load_settings
from factcheck.extract.chunking import chunk_text
from factcheck.extract.llm import answer_tokens, extract_llm_many
from factcheck.extract.salvage import complete_items
from factcheck.extract.schema import ChunkAnswer
from factcheck.reconcile import reconcile


def _short() -> tuple[Any, dict[str, Any]]:
    article = seed_articles()[1]
    return article, answer_for_chunk(seed_answer("seed_002.json"), article.text)


def _cut_after_two_claims(answer: dict[str, Any]) -> str:
    """An answer cut off by the output limit in the middle of its third claim."""
    two = json.dumps(answer["claims"][:2], ensure_ascii=False)[:-1]
    return '{"claims": ' + two + ', {"id": "c3", "quote": "' + answer["claims"][2]["quote"][:10]


def test_complete_items_keeps_only_closed_objects() -> None:
    raw = '```json\n{"claims": [{"id": "c1", "quote": "a } \\" ] {"}, {"id": "c2"}, {"id": "c3", "quo'
    items, closed = complete_items(raw)
    assert items == {"claims": [{"id": "c1", "quote": 'a } " ] {'}, {"id": "c2"}]} and closed == set()
    items, closed = complete_items('{"claims": [], "counters": [{"id": "x1"}], "sources": [{"id": "s')
    assert items == {"counters": [{"id": "x1"}]} and closed == {"claims", "counters"}
    assert complete_items("no json here") == ({}, set())


@pytest.mark.slow
def test_an_answer_cut_off_after_two_claims_keeps_them_and_names_the_loss() -> None:
    article, good = _short()
    cut = _cut_after_two_claims(good)
    with serve(lambda r: completion(r, cut, finish_reason="length")) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url, mode="json_schema"))
        assert srv.calls == 3  # the part, then each of its halves once
    quotes = [c.quote.text for c in extractions[0].claims]
    assert quotes == [c["quote"] for c in good["claims"][:2]]
    assert "kept 2 claim(s)" in " ".join(extractions[0].notes)
    assert [f.stage for f in failures] == ["partial"]
    assert "cut off" in failures[0].error and "characters" in failures[0].error


@pytest.mark.slow
def test_a_cut_off_part_asked_again_in_halves_is_recovered_whole() -> None:
    article, good = _short()
    whole = article.text.strip()

    def script(request: dict[str, Any]) -> Reply:
        if article_text(request) == whole:
            return completion(request, '{"claims": [', finish_reason="length")
        return completion(request, answer_for_chunk(good, article_in(request)))

    with serve(script) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url))
        assert srv.calls == 3
    assert failures == []
    assert len(extractions[0].claims) >= len(good["claims"]) - 1  # a claim across the cut may be lost
    assert any("asked again in two halves" in n for n in extractions[0].notes)


@pytest.mark.slow
def test_usage_counts_every_call_failed_ones_included() -> None:
    articles = seed_articles()
    article = articles[1]
    spent = {"prompt": 0, "completion": 0, "n": 0}
    lock = threading.Lock()

    def script(request: dict[str, Any]) -> Reply:
        with lock:
            spent["n"] += 1
            p, c = 100 + spent["n"], 10 + spent["n"]
            spent["prompt"] += p
            spent["completion"] += c
            n = spent["n"]
        if n <= 2 or article_text(request) in article.text:  # out of shape, then the short seed always cut off
            return completion(
                request,
                '{"claims": "none"}' if n <= 2 else '{"claims": [',
                prompt_tokens=p,
                completion_tokens=c,
                finish_reason="stop" if n <= 2 else "length",
            )
        return completion(
            request,
            answer_for_chunk(seed_answer("seed_000.json"), article_in(request)),
            prompt_tokens=p,
            completion_tokens=c,
        )

    with serve(script) as srv:
        extractions, failures = extract_llm_many(articles, llm_settings(srv.url, concurrency=1, max_retries=1))
    assert [f.stage for f in failures] == ["extract"]  # the short seed: nothing could be extracted
    usage = reconcile(extractions, failures=failures).run.usage
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (
        spent["n"],
        spent["prompt"],
        spent["completion"],
    )


@pytest.mark.slow
def test_a_re_run_pays_only_for_the_part_that_failed() -> None:
    article = seed_articles()[0]
    answer = seed_answer("seed_000.json")
    parts = chunk_text(article.text, 1500)
    broken = {"on": True}

    def script(request: dict[str, Any]) -> Reply:
        if broken["on"] and article_text(request) in parts[2].text:
            return completion(request, '{"claims": [', finish_reason="length")
        return completion(request, answer_for_chunk(answer, article_in(request)))

    with serve(script) as srv:
        settings = llm_settings(srv.url, chunk_tokens=1500, cache=True)
        _, failures = extract_llm_many([article], settings)
        assert [f.stage for f in failures] == ["partial"] and srv.calls == len(parts) + 2
        broken["on"] = False
        again, failures = extract_llm_many([article], settings)
        assert srv.calls == len(parts) + 2 + 1  # only part 3 is asked again
    assert failures == [] and not again[0].cached
    assert "(5 served from the cache)" in again[0].notes[0]


@pytest.mark.slow
def test_repeated_items_are_dropped_and_counted() -> None:
    article, good = _short()
    looping = {**good, "sources": good["sources"] + [{**good["sources"][0], "id": f"s{90 + i}"} for i in range(25)]}
    looping["claims"] = good["claims"] + [{**good["claims"][0], "id": "c77", "claimant": "s91"}]
    with serve(lambda r: completion(r, looping)) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url))
    assert failures == []
    ex = extractions[0]
    assert len(ex.sources) == len({s["name"] for s in good["sources"]})
    assert len(ex.claims) == len(good["claims"])
    assert "26 repeated or surplus item(s) dropped" in ex.notes[0]


@pytest.mark.slow
def test_max_tokens_is_sent_derived_from_the_part_and_configurable() -> None:
    article, good = _short()
    with serve(lambda r: completion(r, good)) as srv:
        settings = llm_settings(srv.url)
        extract_llm_many([article], settings)
        extract_llm_many([article], settings.model_copy(update={"max_answer_tokens": 777}))
        sent = [r["max_tokens"] for r in srv.requests]
    assert sent == [answer_tokens(settings, article.text.strip()), 777]
    assert 512 <= sent[0] <= 8192


def test_schema_puts_claims_first_bounds_lists_and_requires_attribution() -> None:
    schema = ChunkAnswer.model_json_schema()
    assert list(schema["properties"]) == ["claims", "counters", "sources"]
    assert all(schema["properties"][k]["maxItems"] > 0 for k in schema["properties"])
    claim, counter = schema["$defs"]["LLMClaim"], schema["$defs"]["LLMCounter"]
    assert {"claimant", "statement_ar"} <= set(claim["required"])
    assert {"speaker", "kind", "statement_ar"} <= set(counter["required"])
    assert "title" not in json.dumps(schema["$defs"])  # titles tell a model nothing
    # "unknown" is how a model says it does not know: it becomes no attribution, not a bad id.
    parsed = ChunkAnswer.model_validate(
        {"claims": [{"id": "c1", "quote": "q", "statement": "s", "statement_en": "e", "claimant": "unknown"}]}
    )
    assert parsed.claims[0].claimant is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ({"role": "assistant", "content": "I found two claims."}, "no tool call was made"),
        ({"role": "assistant", "content": None, "refusal": "I cannot help with that."}, "refused"),
    ],
)
def test_answers_without_an_extraction_are_named(message: dict[str, Any], expected: str) -> None:
    article, _ = _short()

    def script(request: dict[str, Any]) -> Reply:
        reply = completion(request, {})
        reply.body["choices"][0]["message"] = message
        return reply

    with serve(script) as srv:
        _, failures = extract_llm_many([article], llm_settings(srv.url, max_retries=0))
    assert expected in failures[0].error and "--mode" in failures[0].error


@pytest.mark.slow
def test_empty_choices_are_named() -> None:
    article, _ = _short()

    def script(request: dict[str, Any]) -> Reply:
        reply = completion(request, {})
        reply.body["choices"] = []
        return reply

    with serve(script) as srv:
        _, failures = extract_llm_many([article], llm_settings(srv.url, max_retries=0))
    assert "no answer (an empty list of choices)" in failures[0].error


@pytest.mark.slow
def test_parts_of_one_article_run_concurrently() -> None:
    article = seed_articles()[0]
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def script(request: dict[str, Any]) -> Reply:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.2)
        with lock:
            state["now"] -= 1
        return completion(request, answer_for_chunk(seed_answer("seed_000.json"), article_in(request)))

    with serve(script) as srv:
        extract_llm_many([article], llm_settings(srv.url, chunk_tokens=1500, concurrency=3))
    assert state["max"] == 3


def test_local_profile_fills_what_is_not_given() -> None:
    local = Settings(profile="local")
    assert (local.concurrency, local.chunk_tokens, local.timeout) == (1, 1500, 600.0)
    assert Settings(profile="local", concurrency=2).concurrency == 2
    from_env = load_settings({"timeout": 30.0}, env={"FACTCHECK_PROFILE": "local"}, config_file=None)
    assert (from_env.timeout, from_env.concurrency) == (30.0, 1)


@pytest.mark.slow
def test_a_cached_run_imports_neither_openai_nor_instructor(tmp_path: Path) -> None:
    articles = seed_articles()
    with serve(seed_responder()) as srv:
        settings = llm_settings(srv.url, cache=True, cache_dir=tmp_path)
        extract_llm_many(articles, settings)
        url = srv.url
    code = (
        "import sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from pathlib import Path\n"
        "from llm_helpers import llm_settings, seed_articles\n"
        "from factcheck.extract.llm import extract_llm_many\n"
        f"s = llm_settings({url!r}, cache=True, cache_dir=Path({str(tmp_path)!r}))\n"
        "ex, failures = extract_llm_many(seed_articles(), s)\n"
        "assert not failures and all(e.cached for e in ex), failures\n"
        "bad = [m for m in ('openai', 'instructor') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env={**os.environ})


@pytest.mark.slow
def test_complete_answers_of_the_halves_win_over_salvaged_items() -> None:
    # The first answer is cut after two claims, before its sources: their claimants are lost there.
    article, good = _short()
    whole = article.text.strip()
    cut = _cut_after_two_claims(good)

    def script(request: dict[str, Any]) -> Reply:
        if article_text(request) == whole:
            return completion(request, cut, finish_reason="length")
        return completion(request, answer_for_chunk(good, article_in(request)))

    with serve(script) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url))
    assert failures == []
    by_quote = {c.quote.text: c for c in extractions[0].claims}
    for claim in good["claims"][:2]:
        if claim.get("claimant") and claim["quote"] in by_quote:
            assert by_quote[claim["quote"]].claimant is not None, claim["quote"]
