"""agenerate_brief: the same brief as generate_brief, on the caller's event loop, never blocking it."""

from __future__ import annotations

import asyncio

import openai
import pytest
from llm_helpers import SEED_FILES, SEEDS, llm_settings
from llm_server import seed_responder, serve

import factcheck

pytestmark = pytest.mark.slow  # subprocesses or whole briefs: not in the inner loop

PATHS = [str(SEEDS / n) for n in SEED_FILES]


def test_offline_async_brief_equals_the_sync_one() -> None:
    sync = factcheck.generate_brief(PATHS)
    brief = asyncio.run(factcheck.agenerate_brief(PATHS))
    assert brief.model_dump_json() == sync.model_dump_json()


def test_llm_async_brief_uses_the_callers_async_client_and_never_blocks_the_loop() -> None:
    with serve(seed_responder()) as srv:
        sync = factcheck.generate_brief(PATHS, llm_settings(srv.url))
        calls = srv.calls

        async def main() -> tuple[factcheck.Brief, int]:
            ticks = 0
            done = asyncio.Event()

            async def ticker() -> None:
                nonlocal ticks
                while not done.is_set():
                    ticks += 1
                    await asyncio.sleep(0.005)

            task = asyncio.create_task(ticker())
            client = openai.AsyncOpenAI(base_url=srv.url, api_key="k", max_retries=0)
            settings = llm_settings(srv.url).model_copy(update={"base_url": None})
            brief = await factcheck.agenerate_brief(PATHS, settings, client=client)
            done.set()
            await task
            return brief, ticks

        brief, ticks = asyncio.run(main())
        assert srv.calls == 2 * calls
    assert ticks > 5  # the loop kept running while the brief was made
    assert [c.quote for c in brief.claims] == [c.quote for c in sync.claims]
    assert [f.kind for f in brief.findings] == [f.kind for f in sync.findings]
