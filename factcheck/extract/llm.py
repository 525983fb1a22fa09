"""LLM extractor: openai + instructor, grounded, retried, cached, metered; imported lazily.

``extract_llm_many`` extracts articles concurrently (asyncio, at most ``settings.concurrency`` at a
time); one failing article becomes an ArticleFailure and never cancels the others. Each article is
served from the cache, or split into chunks (``chunking``) extracted one call per chunk, then merged:
quotes located in the chunk are shifted to whole-article spans, duplicates removed, ids renumbered
``<article id>-s1`` / ``-c1`` / ``-x1``. Items whose quote the model could not ground after the
re-ask budget are dropped and reported in ``Extraction.notes`` (never with the invented text).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..config import Settings
from ..errors import FactcheckError, LLMError
from ..grounding import locate
from ..models import (
    Article,
    ArticleFailure,
    Claim,
    CounterStatement,
    Extraction,
    Quote,
    Source,
    Usage,
)
from ..normalize import fold
from ..resources import data_dir, render_prompt
from . import cache
from .chunking import Chunk, chunk_text
from .client import Budget, Call, Handle, Meter, build_client, instructor_mode, llm_settings_summary
from .schema import STATE_KEY, ChunkAnswer, GroundingState, schema_version

__all__ = ["extract_llm_many", "extract_llm_many_async", "llm_settings_summary", "prompt_version"]

PROMPT_REVISION = "1"  # bump by hand for a deliberate prompt change; edits also change the hash below


@lru_cache(maxsize=1)
def prompt_version() -> str:
    """The prompt revision plus a hash of the prompt files: any edit invalidates cached answers."""
    digest = hashlib.sha256()
    for name in ("system.j2", "user.j2"):
        digest.update((data_dir("prompts") / name).read_bytes())
    return f"{PROMPT_REVISION}.{digest.hexdigest()[:8]}"


def extract_llm_many(
    articles: Sequence[Article], settings: Settings, *, client: Any = None
) -> tuple[list[Extraction], list[ArticleFailure]]:
    """Extract every article with the LLM; failures are returned, not raised (ConfigError is raised)."""
    coro = extract_llm_many_async(articles, settings, client=client)
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
    handle = build_client(settings, client)
    budget = Budget(settings)
    semaphore = asyncio.Semaphore(settings.concurrency)
    extractor = _Extractor(settings, handle, budget)

    run_deadline = None if settings.deadline is None else time.monotonic() + settings.deadline
    past_deadline = LLMError(
        f"not extracted: the run's --deadline of {settings.deadline or 0:g}s passed",
        hint="re-run to continue (finished articles are cached), raise --deadline, or check the server",
    )

    async def one(article: Article) -> tuple[Extraction, list[str]]:
        async with semaphore:
            budget_s = settings.article_time_budget
            if run_deadline is not None:
                if time.monotonic() >= run_deadline:
                    raise past_deadline
                budget_s = min(budget_s, run_deadline - time.monotonic())
            try:
                return await asyncio.wait_for(extractor.extract(article), timeout=budget_s)
            except TimeoutError as err:
                if run_deadline is not None and time.monotonic() >= run_deadline - 0.01:
                    raise past_deadline from err
                raise LLMError(
                    f"extraction took longer than the per-article time budget of {settings.article_time_budget:g}s",
                    article_id=article.id,
                    hint="check that the server is responsive; for a slow model raise FACTCHECK_ARTICLE_TIME_BUDGET "
                    "or lower --concurrency",
                ) from err

    results = await asyncio.gather(*(one(a) for a in articles), return_exceptions=True)
    extractions: list[Extraction] = []
    failures: list[ArticleFailure] = []
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, tuple):
            extraction, lost = result
            extractions.append(extraction)
            if lost:  # briefed from the other parts, but the reader must know what is missing
                failures.append(
                    ArticleFailure(input_name=article.input_name or article.id, error="; ".join(lost), stage="partial")
                )
        elif isinstance(result, FactcheckError):
            failures.append(_failure(article, str(result)))
        elif isinstance(result, Exception):
            failures.append(
                _failure(article, f"unexpected error in the LLM extractor: {type(result).__name__}: {result}")
            )
        else:  # KeyboardInterrupt, CancelledError: not ours to swallow
            raise result
    return extractions, failures


def _failure(article: Article, error: str) -> ArticleFailure:
    return ArticleFailure(input_name=article.input_name or article.id, error=error, stage="extract")


class _Extractor:
    def __init__(self, settings: Settings, handle: Handle, budget: Budget) -> None:
        self.settings = settings
        self.handle = handle
        self.budget = budget
        self.mode = instructor_mode(settings)
        self.prompt_version = prompt_version()
        self.schema_version = schema_version()
        self.system = render_prompt("system.j2")

    async def extract(self, article: Article) -> tuple[Extraction, list[str]]:
        """The extraction, and what was lost: one line per part that could not be extracted."""
        key = cache.cache_key(
            article,
            self.settings,
            prompt_version=self.prompt_version,
            schema_version=self.schema_version,
            server=cache.server_identity(getattr(self.handle.client, "base_url", None) or self.settings.base_url),
        )
        if self.settings.cache and not self.settings.refresh:
            hit = cache.load(self.settings, key, article)
            if hit is not None:
                # This run spent nothing on it; the stored notes still say what the original run dropped.
                note = "served from the LLM cache (no call made this run)"
                return hit.model_copy(update={"usage": Usage(), "notes": [note, *hit.notes]}), []
        self.budget.check_open()
        meter = Meter()
        deadline = time.monotonic() + self.settings.article_time_budget
        chunks = chunk_text(article.text, self.settings.chunk_tokens)
        answers: list[tuple[Chunk, ChunkAnswer]] = []
        notes: list[str] = []
        failed: list[str] = []
        reasks = 0
        for chunk in chunks:
            where = f" in part {chunk.index + 1} of {len(chunks)}" if len(chunks) > 1 else ""
            try:
                answer, state = await self._call(article, chunk, len(chunks), meter, deadline)
            except _AnswerRejected as err:
                # The model could not answer this part in shape; the other parts may still be fine.
                if len(chunks) == 1:
                    raise
                failed.append(
                    f"part {chunk.index + 1} of {len(chunks)} (characters {chunk.start}-{chunk.end}) "
                    f"was not extracted: {err}"
                )
                continue
            reasks += state.reasks
            notes.extend(f"{d}{where} (after {state.attempt} attempts)" for d in state.drops)
            answers.append((chunk, answer))
        if not answers:
            raise LLMError(f"no part of the article could be extracted: {'; '.join(failed)}", article_id=article.id)
        extraction = _scrubbed(_merge(article, answers), self.handle.secrets)
        usage = meter.usage(self.settings)
        summary = (
            f"LLM extraction: {usage.calls} call(s) for {len(chunks)} part(s), "
            f"{reasks} validation re-ask(s), "
            f"{meter.transport_retries} transport retr{'y' if meter.transport_retries == 1 else 'ies'}"
        )
        extraction = extraction.model_copy(
            update={
                "model": self.settings.model,
                "prompt_version": self.prompt_version,
                "usage": usage,
                "notes": [summary, *notes, *failed],
            }
        )
        if self.settings.cache and not failed:
            try:
                cache.store(self.settings, key, extraction)
            except OSError as err:
                extraction.notes.append(f"could not write the LLM cache: {err}")
        return extraction, failed

    async def _call(
        self, article: Article, chunk: Chunk, n_chunks: int, meter: Meter, deadline: float
    ) -> tuple[ChunkAnswer, GroundingState]:
        import instructor
        from instructor.core.hooks import Hooks

        state = GroundingState(
            text=chunk.text,
            max_attempts=self.settings.max_retries + 1,
            # Names may be in another part of the article (its outlet, named once at the top).
            metadata=tuple(m for m in (article.text, article.outlet, article.title) if m),
        )
        boundary = "ARTICLE-" + hashlib.sha256(chunk.text.encode("utf-8")).hexdigest()[:16]
        user = render_prompt(
            "user.j2",
            boundary=boundary,
            chunk_index=chunk.index + 1,
            chunk_count=n_chunks,
            language=article.language,
            published=article.published.isoformat() if article.published else "unknown",
        )
        # Untrusted text enters only as template variables (instructor renders messages with Jinja).
        context = {
            STATE_KEY: state,
            "article": chunk.text,
            "title": article.title or "unknown",
            "outlet": article.outlet or "unknown",
        }
        hooks = Hooks()
        hooks.on("completion:kwargs", lambda *a, **k: setattr(state, "attempt", state.attempt + 1))
        call = Call(self.settings, meter, self.budget, deadline, self.handle.secrets)
        request: dict[str, Any] = {
            "model": self.settings.model,
            "messages": [{"role": "system", "content": self.system}, {"role": "user", "content": user}],
            "temperature": self.settings.temperature,
            "response_model": ChunkAnswer,
            "context": context,
            "max_retries": self.settings.max_retries,
            "hooks": hooks,
        }
        raw_create = self.handle.client.chat.completions.create
        try:
            if self.handle.is_async:
                create = instructor.patch(create=call.async_create(raw_create), mode=self.mode)
                answer = await create(**request)
            else:
                create = instructor.patch(create=call.sync_create(raw_create), mode=self.mode)
                answer = await asyncio.to_thread(create, **request)
        except Exception as err:
            raise _unwrap(err, article, state) from err
        if not isinstance(answer, ChunkAnswer):
            raise LLMError("the model's answer was not an extraction", article_id=article.id)
        return answer, state


class _AnswerRejected(LLMError):
    """The model answered, but not in shape, within the re-ask budget (other parts may still work)."""


def _unwrap(err: Exception, article: Article, state: GroundingState) -> Exception:
    """instructor wraps our transport errors; find them, or describe the validation failure safely."""
    seen: BaseException | None = err
    for _ in range(20):  # a cause chain is short; the bound only guards against cycles
        if seen is None:
            break
        if isinstance(seen, FactcheckError):
            if isinstance(seen, LLMError) and seen.article_id is None:
                seen.article_id = article.id
            return seen
        seen = seen.__cause__ or seen.__context__
    name = type(err).__name__
    if name == "IncompleteOutputException":
        # Like an answer out of shape, this costs only this part: the other parts may still fit.
        return _AnswerRejected(
            "the model's answer was cut off (it hit its output token limit)",
            article_id=article.id,
            hint="lower --chunk-tokens so each part needs a shorter answer",
        )
    # Never echo the validation message: it may repeat an invented quote.
    errors = getattr(getattr(err, "__cause__", None), "errors", None)
    where = ""
    if callable(errors):
        try:
            locs = sorted({".".join(str(p) for p in e["loc"]) or "answer" for e in errors()})
            where = f" (problems at: {', '.join(locs[:6])})"
        except Exception:  # pragma: no cover - best effort detail only
            where = ""
    return _AnswerRejected(
        f"the model's answer did not fit the extraction schema after {max(state.attempt, 1)} attempt(s){where}",
        article_id=article.id,
        attempts=state.attempt,
        hint="try another --mode (json_schema for local servers, tools for OpenAI), a stronger --model, "
        "or more re-asks (FACTCHECK_MAX_RETRIES)",
    )


# --- merging chunk answers into one Extraction -----------------------------------------------------


def _shift(article: Article, chunk: Chunk, text: str) -> Quote | None:
    found = locate(chunk.text, text)
    if found is None:
        return None
    quote = Quote(text=found.text, start=found.start + chunk.start, end=found.end + chunk.start)
    return quote if article.text[quote.start : quote.end] == quote.text else None


def _scrub_value(value: Any, secrets: Sequence[str]) -> Any:
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, "***")
        return value
    if isinstance(value, list):
        return [_scrub_value(v, secrets) for v in value]
    if isinstance(value, dict):
        if {"text", "start", "end"} <= value.keys():
            return value  # a quote: verbatim article text, checked by grounding, never the model's own words
        return {k: _scrub_value(v, secrets) for k, v in value.items()}
    return value


def _scrubbed(extraction: Extraction, secrets: Sequence[str]) -> Extraction:
    """The extraction with every secret the client holds removed from the model-written strings.

    A server (or an injected article) can make the model echo the API key into a rendering or a
    name; that must reach neither the brief nor the cache. The article itself is the user's data.
    """
    live = list(secrets)  # already without placeholders such as "no-key-needed" (client._secrets)
    if not live:
        return extraction
    data = extraction.model_dump(mode="json")
    article = data.pop("article")
    if not any(s in json.dumps(data, ensure_ascii=False) for s in live):
        return extraction
    return Extraction.model_validate({**_scrub_value(data, live), "article": article})


def _merge(article: Article, answers: list[tuple[Chunk, ChunkAnswer]]) -> Extraction:
    aid = article.id
    sources: list[Source] = []
    source_by_key: dict[str, str] = {}
    claims: list[Claim] = []
    claim_by_key: dict[str, str] = {}
    counters: list[CounterStatement] = []
    counter_keys: set[str] = set()
    for chunk, answer in answers:
        local_sources: dict[str, str] = {}
        for s in answer.sources:
            key = fold(s.name)
            if key not in source_by_key:
                sid = f"{aid}-s{len(sources) + 1}"
                source_by_key[key] = sid
                sources.append(
                    Source(
                        id=sid,
                        name=s.name,
                        name_en=s.name_en,
                        kind=s.kind,
                        role=s.role,
                        aliases=list(dict.fromkeys(a for a in s.aliases if a != s.name)),
                        handles=list(dict.fromkeys(s.handles)),
                    )
                )
            else:  # same source seen in an earlier part: keep what the earlier one lacked
                existing = next(x for x in sources if x.id == source_by_key[key])
                existing.name_en = existing.name_en or s.name_en
                existing.role = existing.role or s.role
                existing.aliases = list(
                    dict.fromkeys([*existing.aliases, *(a for a in s.aliases if a != existing.name)])
                )
                existing.handles = list(dict.fromkeys([*existing.handles, *s.handles]))
            local_sources[s.id] = source_by_key[key]

        def src(ref: str | None, table: dict[str, str] = local_sources) -> str | None:
            return table.get(ref) if ref is not None else None

        local_claims: dict[str, str] = {}
        for c in answer.claims:
            quote = _shift(article, chunk, c.quote)
            if quote is None:
                continue
            key = fold(quote.text)
            if key in claim_by_key:  # a duplicate (the same words quoted twice): keep the first
                local_claims[c.id] = claim_by_key[key]
                continue
            cid = f"{aid}-c{len(claims) + 1}"
            claim_by_key[key] = cid
            local_claims[c.id] = cid
            evidence = (
                [q for q in [_shift(article, chunk, c.sourcing_quote)] if q is not None] if c.sourcing_quote else []
            )
            claims.append(
                Claim(
                    id=cid,
                    article_id=aid,
                    quote=quote,
                    statement=c.statement,
                    statement_en=c.statement_en,
                    statement_ar=c.statement_ar,
                    claimant=src(c.claimant),
                    reported_by=src(c.reported_by),
                    based_on=[b for b in (src(r) for r in c.based_on) if b is not None],
                    about=src(c.about),
                    anonymous=c.anonymous,
                    check_worthiness=c.check_worthiness,
                    evidence=evidence,
                )
            )
        for x in answer.counters:
            quote = _shift(article, chunk, x.quote)
            if quote is None:
                continue
            key = f"{x.kind.value}|{fold(quote.text)}"
            if key in counter_keys:
                continue
            counter_keys.add(key)
            counters.append(
                CounterStatement(
                    id=f"{aid}-x{len(counters) + 1}",
                    article_id=aid,
                    quote=quote,
                    statement=x.statement,
                    statement_en=x.statement_en,
                    statement_ar=x.statement_ar,
                    speaker=src(x.speaker),
                    kind=x.kind,
                    targets=list(dict.fromkeys(local_claims[t] for t in x.targets if t in local_claims)),
                    target_text=x.target_text,
                )
            )
    return Extraction(article=article, sources=sources, claims=claims, counters=counters, extractor="llm")
