"""LLM extractor: openai + instructor, grounded, retried, cached per part, metered; imported lazily.

``extract_llm_many`` first serves every article whose parts are all in the cache (``parts``:
synchronous, no asyncio, openai or instructor imported, so a cached re-run costs what the offline
extractor costs); if any part is missing it runs the extractor (``llm_run``): articles and their
parts concurrently, each part asked in one call plus validation re-asks, a cut-off or out-of-shape
answer salvaged and its part asked again in two halves. Quotes are grounded in the article, usage
counts every call made, and what could not be extracted is named.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from ..config import Settings
from ..models import Article, ArticleFailure, Extraction
from .budget import Budget
from .client import build_client, llm_settings_summary, require_server
from .parts import Planner, answer_tokens, check_prompts, prompt_version

__all__ = ["answer_tokens", "extract_llm_many", "extract_llm_many_async", "llm_settings_summary", "prompt_version"]


def _check(settings: Settings, client: Any) -> None:
    """Configuration errors are raised before anything else (a cached run included)."""
    require_server(settings, client)
    Budget(settings)  # --max-cost without the model's price
    check_prompts(settings.prompt_dir)
    if client is not None:  # not an openai client; the caller imported openai already, so this is free
        build_client(settings, client)


def _all_cached(articles: Sequence[Article], settings: Settings, client: Any) -> list[Extraction] | None:
    if not settings.cache or settings.refresh or not articles:
        return None
    planner = Planner(settings, client)
    out: list[Extraction] = []
    for article in articles:
        hit = planner.cached(article)
        if hit is None:
            return None
        out.append(hit)
    return out


def extract_llm_many(
    articles: Sequence[Article], settings: Settings, *, client: Any = None
) -> tuple[list[Extraction], list[ArticleFailure]]:
    """Extract every article with the LLM; failures are returned, not raised (ConfigError is raised)."""
    _check(settings, client)
    cached = _all_cached(articles, settings, client)
    if cached is not None:
        return cached, []
    import asyncio

    from .llm_run import run

    coro = run(articles, settings, client=client)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # Called from inside an event loop (a notebook, an async app): run ours in a thread.
    box: dict[str, Any] = {}

    def runner() -> None:
        try:
            box["result"] = asyncio.run(coro)
        except BaseException as err:  # re-raised in the caller's thread
            box["error"] = err

    thread = threading.Thread(target=runner)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    result: tuple[list[Extraction], list[ArticleFailure]] = box["result"]
    return result


async def extract_llm_many_async(
    articles: Sequence[Article], settings: Settings, *, client: Any = None
) -> tuple[list[Extraction], list[ArticleFailure]]:
    from .llm_run import run

    return await run(articles, settings, client=client)
