"""generate_brief: the whole pipeline (ingest -> extract -> reconcile) as one library call."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .config import Settings
from .extract import backend_for, extract_all
from .ingest import load_articles
from .models import Article, ArticleFailure, Brief, Extraction
from .reconcile import reconcile


def backend_note(settings: Settings, client: Any = None) -> str:
    """One line for the brief's method section: which extractor ran, and what it cannot do."""
    if backend_for(settings, client) == "offline":
        return (
            "offline extractor (deterministic rules; no LLM configured): finds attributed and quoted "
            "claims and explicit denials; produces no translations, so the English part shows the "
            "original quotes"
        )
    return f"LLM extractor: model {settings.model} ({settings.mode} mode)"


def generate_brief(
    inputs: Sequence[str | Path | Article] | str | Path | Article,
    settings: Settings | None = None,
    *,
    client: Any = None,
    encoding: str | None = None,
    stdin: bytes | None = None,
    previous: Brief | str | Path | None = None,
) -> Brief:
    """Build a brief from article files (``'-'`` for stdin) and/or Article objects.

    ``settings`` defaults to ``Settings()``: the offline extractor, unless ``client`` (an openai
    client, sync or async) is given. Articles that cannot be read or extracted are named in
    ``brief.run.failures``; they never cost the others.

    ``previous``: the story's earlier brief (a Brief or its JSON file, read before anything is
    extracted); the result is then a ``ChangedBrief`` whose ``changes`` say what changed since, and
    whose Markdown and HTML lead with it. Without it the brief is exactly as before.
    """
    settings = settings or Settings()
    prior = _previous(previous)
    articles, failures = _load(inputs, settings, encoding, stdin)
    extractions, extract_failures = extract_all(articles, settings, client=client)
    return _changed(_reconciled(extractions, [*failures, *extract_failures], settings, client), prior)


async def agenerate_brief(
    inputs: Sequence[str | Path | Article] | str | Path | Article,
    settings: Settings | None = None,
    *,
    client: Any = None,
    encoding: str | None = None,
    stdin: bytes | None = None,
    previous: Brief | str | Path | None = None,
) -> Brief:
    """``generate_brief`` for async newsroom tools: the LLM calls run on the caller's event loop (so an
    ``openai.AsyncOpenAI`` client of that loop can be passed), file reading and the CPU-bound stages in
    a worker thread, so the loop is never blocked."""
    settings = settings or Settings()
    prior = _previous(previous)
    articles, failures = await asyncio.to_thread(_load, inputs, settings, encoding, stdin)
    if backend_for(settings, client) == "llm":
        from .extract.llm import extract_llm_many_async

        extractions, extract_failures = await extract_llm_many_async(articles, settings, client=client)
    else:
        extractions, extract_failures = await asyncio.to_thread(extract_all, articles, settings)
    brief = await asyncio.to_thread(_reconciled, extractions, [*failures, *extract_failures], settings, client)
    return _changed(brief, prior)


def _previous(previous: Brief | str | Path | None) -> Brief | None:
    if previous is None or isinstance(previous, Brief):
        return previous
    from .diff import load_brief

    return load_brief(previous)


def _changed(brief: Brief, previous: Brief | None) -> Brief:
    if previous is None:
        return brief
    from .diff import with_changes

    return with_changes(brief, previous)


def _reconciled(
    extractions: list[Extraction], failures: list[ArticleFailure], settings: Settings, client: Any
) -> Brief:
    from .embed import encoder_for  # lazy: numpy and the encoder are not needed before this point

    return reconcile(
        extractions, failures=failures, notes=[backend_note(settings, client)], encoder=encoder_for(settings)
    )


def _load(
    inputs: Sequence[str | Path | Article] | str | Path | Article,
    settings: Settings,
    encoding: str | None,
    stdin: bytes | None,
) -> tuple[list[Article], list[ArticleFailure]]:
    if isinstance(inputs, str | Path | Article):  # one input, not a sequence of its characters
        inputs = [inputs]
    given = [a for a in inputs if isinstance(a, Article)]
    paths = [p for p in inputs if not isinstance(p, Article)]
    limits = {"max_bytes": settings.max_article_bytes, "max_articles": settings.max_articles}
    loaded, failures = load_articles(paths, encoding=encoding, stdin=stdin, **limits) if paths else ([], [])
    return [*given, *loaded], failures
