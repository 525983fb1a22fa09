"""The LLM cache: zero calls on a re-run, atomic entries, corrupt entries ignored, no secret stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from llm_helpers import llm_settings, seed_articles
from llm_server import Reply, answer_for_chunk, article_in, completion, seed_answer, seed_responder, serve

from factcheck.config import Settings, default_cache_dir
from factcheck.extract.cache import cache_root, clear_cache, server_identity
from factcheck.extract.chunking import chunk_text
from factcheck.extract.llm import extract_llm_many

KEY = "sk-cache-test-SECRET-98765"


def _settings(url: str, **kw: object) -> Settings:
    base = llm_settings(url, **({"cache": True} | kw))
    return Settings.model_validate({**base.model_dump(), "api_key": KEY})


def _entries(settings: Settings) -> list[Path]:
    return sorted(cache_root(settings).rglob("*.json"))


@pytest.mark.slow
def test_second_run_makes_zero_calls_and_marks_cached() -> None:
    articles = seed_articles()
    with serve(seed_responder()) as srv:
        settings = _settings(srv.url)
        first, _ = extract_llm_many(articles, settings)
        calls = srv.calls
        second, failures = extract_llm_many(articles, settings)
        assert srv.calls == calls  # nothing new
    assert failures == []
    assert all(e.cached for e in second) and not any(e.cached for e in first)
    assert all(e.usage.calls == 0 for e in second)
    assert [e.claims for e in second] == [e.claims for e in first]
    assert cache_root(settings).is_relative_to(default_cache_dir())  # FACTCHECK_CACHE_DIR (tmp in tests)
    assert len(_entries(settings)) == 2


@pytest.mark.slow
def test_the_api_key_never_enters_the_cache_or_the_output() -> None:
    articles = seed_articles()
    with serve(seed_responder()) as srv:
        settings = _settings(srv.url)
        extractions, _ = extract_llm_many(articles, settings)
        assert srv.headers[0]["Authorization"] == f"Bearer {KEY}"  # it was used ...
    for path in cache_root(settings).rglob("*"):
        if path.is_file():
            assert KEY not in path.read_text(encoding="utf-8")  # ... and stored nowhere
    assert all(KEY not in e.model_dump_json() for e in extractions)
    assert KEY not in settings.model_dump_json() and KEY not in repr(settings)


@pytest.mark.slow
def test_corrupt_entry_is_ignored_and_overwritten() -> None:
    article = seed_articles()[1]
    with serve(seed_responder()) as srv:
        settings = _settings(srv.url)
        extract_llm_many([article], settings)
        (entry,) = _entries(settings)
        entry.write_text('{"schema_version": "1", "article": {"id": ', encoding="utf-8")  # a crash mid-write
        again, failures = extract_llm_many([article], settings)
        assert srv.calls == 2 and failures == [] and not again[0].cached
        assert extract_llm_many([article], settings)[0][0].cached  # rewritten, valid again
        assert srv.calls == 2


@pytest.mark.slow
def test_entry_with_a_tampered_span_is_not_served() -> None:
    article = seed_articles()[1]
    with serve(seed_responder()) as srv:
        settings = _settings(srv.url)
        extract_llm_many([article], settings)
        (entry,) = _entries(settings)
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["answer"]["claims"][0]["quote"] = "أعلن الرئيس استقالته من منصبه فوراً"  # not in the article
        entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        again, _ = extract_llm_many([article], settings)
        assert srv.calls == 2 and not again[0].cached
    assert "استقالته" not in again[0].model_dump_json()


@pytest.mark.slow
def test_no_cache_calls_every_time_and_writes_nothing() -> None:
    article = seed_articles()[1]
    with serve(seed_responder()) as srv:
        settings = _settings(srv.url, cache=False)
        extract_llm_many([article], settings)
        extract_llm_many([article], settings)
        assert srv.calls == 2
    assert _entries(settings) == []


@pytest.mark.slow
def test_key_changes_with_model_mode_chunking_and_sampling() -> None:
    article = seed_articles()[1]
    with serve(seed_responder("seed_002.json")) as srv:
        base = _settings(srv.url)
        for settings in (
            base,
            base.model_copy(update={"model": "other"}),
            base.model_copy(update={"mode": "json"}),
            base.model_copy(update={"chunk_tokens": 500}),
            base.model_copy(update={"temperature": 0.7}),
            base.model_copy(update={"max_answer_tokens": 999}),
        ):
            extract_llm_many([article], settings)
        assert srv.calls == 1 + 1 + 1 + len(chunk_text(article.text, 500)) + 1 + 1


@pytest.mark.slow
def test_clear_cache_counts_removed_entries() -> None:
    articles = seed_articles()
    with serve(seed_responder()) as srv:
        settings = _settings(srv.url)
        assert clear_cache(settings) == 0
        extract_llm_many(articles, settings)
        (cache_root(settings) / "ab").mkdir(parents=True, exist_ok=True)
        (cache_root(settings) / "ab" / ".tmp-crashed.json").write_text("{", encoding="utf-8")
        assert clear_cache(settings) == 2
        assert _entries(settings) == []
        extract_llm_many(articles, settings)
        assert srv.calls == 4  # one part per seed, asked again after the clear


@pytest.mark.slow
def test_an_answer_from_one_server_is_never_served_for_another() -> None:
    # Same model name, same article: a poisoned answer cached from one server must not reach a run
    # against another (the cache key holds the server's identity).
    article = seed_articles()[1]
    with serve(seed_responder()) as first, serve(seed_responder()) as second:
        extract_llm_many([article], _settings(first.url))
        extracted, failures = extract_llm_many([article], _settings(second.url))
        assert first.calls == 1 and second.calls == 1
    assert failures == [] and not extracted[0].cached


def test_server_identity_ignores_credentials_query_and_trailing_slash() -> None:
    assert server_identity("http://User:pw@LocalHost:8080/v1/?x=1") == "http://localhost:8080/v1"
    assert server_identity(None) == server_identity("https://api.openai.com/v1/")
    assert server_identity("http://a:8080/v1") != server_identity("http://a:8081/v1")


@pytest.mark.slow
def test_refresh_re_asks_and_overwrites_while_keeping_the_cache() -> None:
    article = seed_articles()[1]
    with serve(seed_responder()) as srv:
        settings = _settings(srv.url)
        extract_llm_many([article], settings)
        entries = _entries(settings)
        again, _ = extract_llm_many([article], settings.model_copy(update={"refresh": True}))
        assert srv.calls == 2 and not again[0].cached
        assert _entries(settings) == entries  # overwritten in place, not a second entry
        third, _ = extract_llm_many([article], settings)
        assert srv.calls == 2 and third[0].cached


@pytest.mark.slow
def test_a_key_echoed_by_the_server_is_scrubbed_before_cache_and_output() -> None:
    article = seed_articles()[1]
    answer = seed_answer("seed_002.json")
    answer = {
        **answer,
        "claims": [{**c, "statement_en": f"{c.get('statement_en') or ''} {KEY}"} for c in answer["claims"]],
        "sources": [{**s, "name_en": f"key={KEY}"} for s in answer["sources"]],
    }

    def echo(request: dict[str, object]) -> Reply:
        return completion(request, answer_for_chunk(answer, article_in(request)))

    with serve(echo) as srv:
        settings = _settings(srv.url)
        extractions, failures = extract_llm_many([article], settings)
        assert srv.calls >= 1 and failures == []
    dumped = extractions[0].model_dump_json()
    assert KEY not in dumped and "***" in dumped
    for path in cache_root(settings).rglob("*"):
        if path.is_file():
            assert KEY not in path.read_text(encoding="utf-8")
