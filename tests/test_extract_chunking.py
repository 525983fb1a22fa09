"""Paragraph chunking, whole-article spans after merging, and caller-supplied openai clients."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from llm_helpers import llm_settings, make_article, seed_articles
from llm_server import answer_for_chunk, article_in, completion, seed_answer, seed_responder, serve

from factcheck.extract.chunking import chunk_text, estimate_tokens
from factcheck.extract.llm import extract_llm_many
from factcheck.text.grounding import ungrounded


def test_chunks_are_contiguous_slices_under_budget_cut_at_paragraphs() -> None:
    paragraphs = [f"الفقرة رقم {i}: " + "كلمة " * 40 + "نهاية." for i in range(30)]
    text = "\n\n".join(paragraphs)
    chunks = chunk_text(text, 500)
    assert len(chunks) > 1
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert estimate_tokens(chunk.text) <= 500
        assert chunk.text.startswith("الفقرة") and chunk.text.endswith("نهاية.")  # whole paragraphs
    covered = "".join(text[c.start : c.end] for c in chunks)
    assert covered.replace("\n", "") == text.replace("\n", "")


def test_a_paragraph_longer_than_the_budget_is_cut_at_sentences_then_words() -> None:
    text = "جملة أولى طويلة. " * 200 + "x" * 2000
    chunks = chunk_text(text, 200)
    assert all(len(c.text) <= 600 for c in chunks)
    assert all(text[c.start : c.end] == c.text for c in chunks)


def test_short_text_is_one_chunk() -> None:
    assert [(c.start, c.end) for c in chunk_text("  نص قصير.  ", 3000)] == [(2, 10)]


@pytest.mark.slow
def test_long_seed_split_small_still_grounds_every_span_and_dedupes() -> None:
    article = seed_articles()[0]
    with serve(seed_responder()) as srv:
        extractions, failures = extract_llm_many([article], llm_settings(srv.url, chunk_tokens=400))
        n = len(chunk_text(article.text, 400))
        assert srv.calls == n and n > 5
    assert failures == []
    ex = extractions[0]
    assert ungrounded(ex) == []
    assert len({s.name for s in ex.sources}) == len(ex.sources)  # one source per name across parts
    assert len({c.quote.text for c in ex.claims}) == len(ex.claims)
    # A quote in a later part has a whole-article span.
    late = next(c for c in ex.claims if c.quote.text.startswith("قد تكون فصيلًا"))
    assert late.quote.start > len(chunk_text(article.text, 400)[0].text)


def _mock_transport(requests: list[dict[str, Any]]) -> httpx.MockTransport:
    answer = seed_answer("seed_002.json")

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        requests.append(body)
        reply = completion(body, answer_for_chunk(answer, article_in(body)))
        return httpx.Response(reply.status, json=reply.body)

    return httpx.MockTransport(handler)


def test_caller_supplied_sync_client_through_an_httpx_transport() -> None:
    requests: list[dict[str, Any]] = []
    client = openai.OpenAI(
        api_key="sk-caller",
        base_url="http://llm.invalid/v1",
        http_client=httpx.Client(transport=_mock_transport(requests)),
    )
    article = seed_articles()[1]
    extractions, failures = extract_llm_many(
        [article], llm_settings(None).model_copy(update={"base_url": None}), client=client
    )
    assert failures == [] and len(requests) == 1 and extractions[0].claims
    assert client.max_retries == 2  # the caller's client is left as it was (we use a copy without retries)


@pytest.mark.slow
def test_caller_supplied_async_client_through_an_httpx_transport() -> None:
    requests: list[dict[str, Any]] = []
    client = openai.AsyncOpenAI(
        api_key="sk-caller",
        base_url="http://llm.invalid/v1",
        http_client=httpx.AsyncClient(transport=_mock_transport(requests)),
    )
    articles = seed_articles()
    with serve(seed_responder()):
        extractions, failures = extract_llm_many(
            articles[1:], llm_settings(None).model_copy(update={"base_url": None}), client=client
        )
    assert failures == [] and len(requests) == 1 and extractions[0].claims


@pytest.mark.slow
def test_caller_supplied_client_pointing_at_the_loopback_server() -> None:
    with serve(seed_responder()) as srv:
        client = openai.OpenAI(api_key="sk-x", base_url=srv.url)
        extractions, failures = extract_llm_many(seed_articles(), llm_settings(srv.url), client=client)
        assert srv.calls == 2 and failures == [] and len(extractions) == 2


def test_rejects_something_that_is_not_an_openai_client() -> None:
    from factcheck.errors import ConfigError

    with pytest.raises(ConfigError, match=r"openai\.OpenAI"):
        extract_llm_many([make_article("نص")], llm_settings("http://127.0.0.1:1/v1"), client=object())


@pytest.mark.llama
@pytest.mark.skipif(not os.environ.get("FACTCHECK_TEST_LLAMA_URL"), reason="set FACTCHECK_TEST_LLAMA_URL")
def test_real_llama_server_smoke() -> None:
    """Opt-in, structure only: a real llama.cpp llama-server answers in shape; every kept quote is grounded."""
    url = os.environ["FACTCHECK_TEST_LLAMA_URL"].rstrip("/")
    url = url if url.endswith("/v1") else f"{url}/v1"
    settings = llm_settings(url, mode="json_schema", timeout=600, max_retries=1, article_time_budget=1800)
    article = make_article(
        "قال وزير النقل إن الطريق الجديد سيفتتح في مارس المقبل. ونفت الشركة المنفذة ذلك، وقالت إن العمل لم ينته.",
        "smoke.txt",
    )
    extractions, failures = extract_llm_many([article], settings)
    if failures:  # a tiny model may fail the schema: that must be a clear, attributed failure
        assert failures[0].stage == "extract" and failures[0].error
        return
    assert ungrounded(extractions[0]) == []
    assert extractions[0].usage.calls >= 1


# cl100k token counts of the seeds (bpe-openai 0.1.4, cl100k_base): the estimate must never be low.
SEED_CL100K = {"000_7a755da794561b55.txt": 7060, "002_bb4ab9c79788da7a.txt": 2787}


def test_token_estimate_is_never_below_cl100k_on_the_seeds_and_close_to_it() -> None:
    for article in seed_articles():
        real = SEED_CL100K[article.input_name or ""]
        assert real <= estimate_tokens(article.text) <= 1.2 * real


def test_token_estimate_is_never_below_a_real_tokenizer_on_the_fixtures() -> None:
    bpe_openai = pytest.importorskip("bpe_openai")  # bundles cl100k: no download at run time
    encoding = bpe_openai.get_encoding("cl100k_base")
    root = Path(__file__).resolve().parent.parent
    texts = [p for p in sorted((root / "fixtures").rglob("*")) if p.suffix in (".txt", ".html") and p.is_file()]
    texts += sorted((root / "factcheck" / "prompts").glob("*.j2"))
    assert len(texts) > 50
    for path in texts:
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.strip():
            assert estimate_tokens(text) >= len(encoding.encode(text)), path


def test_parts_are_even_and_no_tail_is_a_part_of_its_own() -> None:
    text = "\n\n".join(f"الفقرة {i}: " + "كلمة " * 60 for i in range(20))
    sizes = [estimate_tokens(c.text) for c in chunk_text(text, 1000)]
    assert len(sizes) > 1 and max(sizes) - min(sizes) < 0.35 * max(sizes)
    total = estimate_tokens(text)
    # Just over one budget: one part (the remainder is under an eighth of it), not a part and a scrap.
    assert len(chunk_text(text, total - 20)) == 1
    assert [c.text for c in chunk_text(text, total + 100)] == [text.strip()]
