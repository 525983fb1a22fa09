"""LLM extractor: openai + instructor, grounded, retried, cached per part, metered; imported lazily.

``extract_llm_many`` extracts articles concurrently (asyncio, at most ``settings.concurrency``
articles, and as many calls, at a time); one failing article becomes an ArticleFailure and never
cancels the others. Each article is split into even parts (``chunking``); the parts are extracted
concurrently, each served from its own cache entry or asked in one call (plus validation re-asks),
then merged (``merge``). A part whose answer is cut off or out of shape after the re-asks keeps
every complete, grounded item of that answer (``salvage``) and is asked once more in two halves;
what is still missing is named. openai and instructor are imported only when a call is needed, so
a fully cached run costs what the offline extractor costs.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..config import Settings
from ..errors import ConfigError, FactcheckError, LLMError
from ..models import Article, ArticleFailure, Extraction, Usage
from ..resources import data_dir, render_prompt
from . import cache
from .chunking import Chunk, chunk_text, estimate_tokens, split_in_two
from .client import Budget, Call, Handle, Meter, build_client, instructor_mode, llm_settings_summary
from .merge import merge, scrub_answer, scrubbed
from .salvage import salvage
from .schema import STATE_KEY, BareChunkAnswer, ChunkAnswer, GroundingState, schema_version

__all__ = ["extract_llm_many", "extract_llm_many_async", "llm_settings_summary", "prompt_version"]

PROMPT_REVISION = "2"  # bump by hand for a deliberate prompt change; edits also change the hash below
# The answer's output cap when none is configured: an answer quotes, restates and translates, so it
# grows with the part; bounded so a looping model stops (seen on llama-server: 3,335 tokens of one
# repeated source for a short article).
ANSWER_TOKENS_PER_PART_TOKEN = 0.75
ANSWER_TOKENS_MIN, ANSWER_TOKENS_BASE, ANSWER_TOKENS_MAX = 512, 400, 8192


@lru_cache(maxsize=1)
def prompt_version() -> str:
    """The prompt revision plus a hash of the prompt files: any edit invalidates cached answers."""
    digest = hashlib.sha256()
    for name in ("system.j2", "user.j2"):
        digest.update((data_dir("prompts") / name).read_bytes())
    return f"{PROMPT_REVISION}.{digest.hexdigest()[:8]}"


def answer_tokens(settings: Settings, part: str) -> int:
    """``max_tokens`` for a part's answer: configured, or derived from the part's estimated size."""
    if settings.max_answer_tokens is not None:
        return settings.max_answer_tokens
    derived = int(estimate_tokens(part) * ANSWER_TOKENS_PER_PART_TOKEN) + ANSWER_TOKENS_BASE
    return max(ANSWER_TOKENS_MIN, min(ANSWER_TOKENS_MAX, derived))


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
    if client is None and settings.api_key is None and settings.base_url is None:
        raise ConfigError(
            "No API key found",
            hint="set OPENAI_API_KEY or pass --base-url for a local server (or use --backend offline)",
        )
    budget = Budget(settings)
    extractor = _Extractor(settings, budget, client)
    if client is not None:  # the caller imported openai already: check the client now
        extractor.handle = build_client(settings, client)
    semaphore = asyncio.Semaphore(settings.concurrency)

    run_deadline = None if settings.deadline is None else time.monotonic() + settings.deadline
    past_deadline = LLMError(
        f"not extracted: the run's --deadline of {settings.deadline or 0:g}s passed",
        hint="re-run to continue (finished parts are cached), raise --deadline, or check the server",
    )
    meters: dict[str, Meter] = {}

    async def one(article: Article) -> tuple[Extraction, list[str]]:
        meter = meters.setdefault(article.id, Meter())
        async with semaphore:
            budget_s = settings.article_time_budget
            if run_deadline is not None:
                if time.monotonic() >= run_deadline:
                    raise past_deadline
                budget_s = min(budget_s, run_deadline - time.monotonic())
            try:
                return await asyncio.wait_for(extractor.extract(article, meter), timeout=budget_s)
            except TimeoutError as err:
                if run_deadline is not None and time.monotonic() >= run_deadline - 0.01:
                    raise past_deadline from err
                raise LLMError(
                    f"extraction took longer than the per-article time budget of {settings.article_time_budget:g}s",
                    article_id=article.id,
                    hint="check that the server is responsive; for a slow model raise FACTCHECK_ARTICLE_TIME_BUDGET "
                    "or use --profile local",
                ) from err

    results = await asyncio.gather(*(one(a) for a in articles), return_exceptions=True)
    extractions: list[Extraction] = []
    failures: list[ArticleFailure] = []
    for article, result in zip(articles, results, strict=True):
        # What was spent on an article that failed is still spent: it is counted in the brief.
        spent = meters[article.id].usage(settings) if article.id in meters else Usage()
        if isinstance(result, tuple):
            extraction, lost = result
            extractions.append(extraction)
            if lost:  # briefed from the other parts, but the reader must know what is missing
                failures.append(
                    ArticleFailure(input_name=article.input_name or article.id, error="; ".join(lost), stage="partial")
                )
        elif isinstance(result, FactcheckError):
            failures.append(_failure(article, str(result), spent))
        elif isinstance(result, Exception):
            failures.append(
                _failure(article, f"unexpected error in the LLM extractor: {type(result).__name__}: {result}", spent)
            )
        else:  # KeyboardInterrupt, CancelledError: not ours to swallow
            raise result
    return extractions, failures


def _failure(article: Article, error: str, usage: Usage) -> ArticleFailure:
    return ArticleFailure(input_name=article.input_name or article.id, error=error, stage="extract", usage=usage)


@dataclass
class _Done:
    """What one part gave: (chunk, answer) pairs to merge, notes, and lines naming what was lost."""

    answers: list[tuple[Chunk, ChunkAnswer]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    errors: list[LLMError] = field(default_factory=list)
    reasks: int = 0
    repeats: int = 0
    cached: bool = False


class _AnswerRejected(LLMError):
    """The model answered, but not in shape, within the re-ask budget (other parts may still work)."""

    raw: str = ""
    state: GroundingState | None = None


class _Extractor:
    def __init__(self, settings: Settings, budget: Budget, client: Any) -> None:
        self.settings = settings
        self.budget = budget
        self.client = client
        self.handle: Handle | None = None
        self._handle_lock = asyncio.Lock()
        self.calls = asyncio.Semaphore(settings.concurrency)
        self.versions = (prompt_version(), schema_version())
        # Modes whose server may not show the schema to the model get the field guide in the prompt.
        self.guided = settings.mode != "tools"
        self.response_model: type[ChunkAnswer] = BareChunkAnswer if self.guided else ChunkAnswer
        self.system = render_prompt("system.j2", guide=self.guided)
        self.server = cache.server_identity(getattr(client, "base_url", None) or settings.base_url)

    async def _handle(self) -> Handle:
        async with self._handle_lock:
            if self.handle is None:
                self.handle = build_client(self.settings, self.client)
            return self.handle

    async def extract(self, article: Article, meter: Meter) -> tuple[Extraction, list[str]]:
        """The extraction, and what was lost: one line per stretch of text that could not be extracted."""
        deadline = time.monotonic() + self.settings.article_time_budget
        chunks = chunk_text(article.text, self.settings.chunk_tokens)
        outcomes = await asyncio.gather(
            *(self._part(article, c, len(chunks), meter, deadline) for c in chunks), return_exceptions=True
        )
        done: list[_Done] = []
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome  # transport, budget or deadline: the other parts finished (and are cached)
            done.append(outcome)
        answers = [pair for d in done for pair in d.answers]
        lost = [line for d in done for line in d.lost]
        if not any(answer.claims or answer.counters or answer.sources for _, answer in answers) and lost:
            first = next((e for d in done for e in d.errors), None)
            reason = "; ".join(lost)
            raise LLMError(
                reason
                if len(chunks) == 1 and len(lost) == 1
                else f"no part of the article could be extracted: {reason}",
                article_id=article.id,
                hint=first.hint if first is not None else None,
            )
        secrets = self.handle.secrets if self.handle is not None else ()
        extraction = scrubbed(merge(article, answers), secrets)
        usage = meter.usage(self.settings)
        cached = all(d.cached for d in done)
        reasks = sum(d.reasks for d in done)
        repeats = sum(d.repeats for d in done)
        if cached:
            summary = "served from the LLM cache (no call made this run)"
        else:
            hits = sum(d.cached for d in done)
            summary = (
                f"LLM extraction: {usage.calls} call(s) for {len(chunks)} part(s)"
                + (f" ({hits} served from the cache)" if hits else "")
                + f", {reasks} validation re-ask(s), "
                f"{meter.transport_retries} transport retr{'y' if meter.transport_retries == 1 else 'ies'}"
            )
        if repeats:
            summary += f", {repeats} repeated or surplus item(s) dropped"
        notes = [summary, *(n for d in done for n in d.notes), *lost]
        extraction = extraction.model_copy(
            update={
                "model": self.settings.model,
                "prompt_version": self.versions[0],
                "usage": usage,
                "notes": notes,
                "cached": cached,
            }
        )
        return extraction, lost

    # --- one part ------------------------------------------------------------------------------

    def _request(self, article: Article, chunk: Chunk, n_chunks: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """(the request without the client-side extras, the values instructor fills into the messages)."""
        boundary = "ARTICLE-" + hashlib.sha256(chunk.text.encode("utf-8")).hexdigest()[:12]
        user = render_prompt(
            "user.j2",
            boundary=boundary,
            chunk_index=chunk.index + 1,
            chunk_count=n_chunks,
            language=article.language,
            published=article.published.isoformat() if article.published else "unknown",
        )
        # Untrusted text enters only as template variables (instructor renders messages with Jinja).
        values = {"article": chunk.text, "title": article.title or "unknown", "outlet": article.outlet or "unknown"}
        request = {
            "model": self.settings.model,
            "messages": [{"role": "system", "content": self.system}, {"role": "user", "content": user}],
            "temperature": self.settings.temperature,
            "max_tokens": answer_tokens(self.settings, chunk.text),
        }
        return request, values

    def _state(self, article: Article, chunk: Chunk, max_attempts: int) -> GroundingState:
        # Names may be in another part of the article (its outlet, named once at the top).
        metadata = tuple(m for m in (article.text, article.outlet, article.title) if m)
        return GroundingState(text=chunk.text, max_attempts=max_attempts, metadata=metadata)

    def _where(self, chunk: Chunk, n_chunks: int) -> str:
        part = f"part {chunk.index + 1} of {n_chunks} " if n_chunks > 1 else ""
        return f"{part}(characters {chunk.start}-{chunk.end})"

    async def _part(
        self, article: Article, chunk: Chunk, n_chunks: int, meter: Meter, deadline: float, *, rescue: bool = True
    ) -> _Done:
        request, values = self._request(article, chunk, n_chunks)
        key = cache.part_key(self.settings, server=self.server, request={**request, **values}, versions=self.versions)
        if self.settings.cache and not self.settings.refresh:
            hit = self._from_cache(key, article, chunk)
            if hit is not None:
                return hit
        self.budget.check_open()
        retries = self.settings.max_retries if rescue else 0  # a rescue half gets one call
        try:
            async with self.calls:
                answer, state = await self._call(request, values, article, chunk, meter, deadline, retries)
        except _AnswerRejected as err:
            if not rescue:
                raise
            return await self._rescue(article, chunk, n_chunks, meter, deadline, err)
        where = f" in {self._where(chunk, n_chunks)}" if n_chunks > 1 else ""
        done = _Done(
            answers=[(chunk, answer)],
            notes=[f"{d}{where} (after {state.attempt} attempts)" for d in state.drops],
            reasks=state.reasks,
            repeats=state.repeats,
        )
        if self.settings.cache:
            secrets = self.handle.secrets if self.handle is not None else ()
            entry = {"answer": scrub_answer(answer.model_dump(mode="json"), secrets), "notes": done.notes}
            try:
                cache.store_part(self.settings, key, entry)
            except OSError as err:
                done.notes.append(f"could not write the LLM cache: {err}")
        return done

    def _from_cache(self, key: str, article: Article, chunk: Chunk) -> _Done | None:
        entry = cache.load_part(self.settings, key)
        if entry is None:
            return None
        state = self._state(article, chunk, 0)  # final: ungrounded items are dropped, never re-asked
        try:
            answer = ChunkAnswer.model_validate(entry["answer"], context={STATE_KEY: state})
        except ValueError:
            return None
        if state.drops or state.repeats:
            return None  # edited on disk, or stored for other text: never served as article content
        notes = [n for n in entry.get("notes", []) if isinstance(n, str)]
        return _Done(answers=[(chunk, answer)], notes=notes, cached=True)

    async def _rescue(
        self, article: Article, chunk: Chunk, n_chunks: int, meter: Meter, deadline: float, err: _AnswerRejected
    ) -> _Done:
        """Keep the complete, grounded items of the rejected answer; ask the part again in two halves."""
        where = self._where(chunk, n_chunks)
        done = _Done(errors=[err])
        if err.raw and err.state is not None:
            kept, unusable, _ = salvage(err.raw, err.state)
            count = len(kept.claims) + len(kept.counters)
            if count or kept.sources:
                done.answers.append((chunk, kept))
                done.notes.append(
                    f"{where}: kept {len(kept.claims)} claim(s), {len(kept.counters)} counter(s) and "
                    f"{len(kept.sources)} source(s) complete in a rejected answer ({err.message})"
                    + (f"; {unusable} complete item(s) out of shape dropped" if unusable else "")
                )
                done.notes.extend(f"{d} in {where} (salvaged answer)" for d in err.state.drops)
            done.reasks += err.state.reasks
            done.repeats += err.state.repeats
        halves = split_in_two(chunk, article.text)
        if halves is None:
            done.lost.append(f"{where} was not extracted: {err.message}")
            return done
        for half in halves:
            try:
                sub = await self._part(article, half, n_chunks, meter, deadline, rescue=False)
            except _AnswerRejected as again:
                done.errors.append(again)
                if again.raw and again.state is not None:
                    kept, _, _ = salvage(again.raw, again.state)
                    if kept.claims or kept.counters or kept.sources:
                        done.answers.append((half, kept))
                done.lost.append(
                    f"{where}: characters {half.start}-{half.end} were not extracted "
                    f"(asked again in two halves after: {err.message}): {again.message}"
                )
                continue
            done.answers.extend(sub.answers)
            done.notes.extend(sub.notes)
            done.reasks += sub.reasks
            done.repeats += sub.repeats
        if not done.lost:
            done.notes.append(f"{where} was asked again in two halves after: {err.message}")
        return done

    async def _call(
        self,
        request: dict[str, Any],
        values: dict[str, Any],
        article: Article,
        chunk: Chunk,
        meter: Meter,
        deadline: float,
        retries: int,
    ) -> tuple[ChunkAnswer, GroundingState]:
        import instructor
        from instructor.core.hooks import Hooks

        handle = await self._handle()
        mode = instructor_mode(self.settings)
        state = self._state(article, chunk, retries + 1)
        hooks = Hooks()
        hooks.on("completion:kwargs", lambda *a, **k: setattr(state, "attempt", state.attempt + 1))
        call = Call(self.settings, meter, self.budget, deadline, handle.secrets)
        kwargs = {
            **request,
            "response_model": self.response_model,
            "context": {STATE_KEY: state, **values},
            "max_retries": retries,
            "hooks": hooks,
        }
        raw_create = handle.client.chat.completions.create
        try:
            if handle.is_async:
                create = instructor.patch(create=call.async_create(raw_create), mode=mode)
                answer = await create(**kwargs)
            else:
                create = instructor.patch(create=call.sync_create(raw_create), mode=mode)
                answer = await asyncio.to_thread(create, **kwargs)
        except Exception as err:
            raise _unwrap(err, article, state, call.last_response, self.settings.mode) from err
        if not isinstance(answer, ChunkAnswer):
            raise LLMError("the model's answer was not an extraction", article_id=article.id)
        return answer, state


def _answer_text(response: Any) -> str:
    """The text of an answer as the model wrote it (tool arguments, else message content)."""
    try:
        message = response.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return ""
    for call in getattr(message, "tool_calls", None) or []:
        arguments = getattr(getattr(call, "function", None), "arguments", None)
        if isinstance(arguments, str) and arguments:
            return arguments
    content = getattr(message, "content", None)
    return content if isinstance(content, str) else ""


def _what_came_back(response: Any, mode: str) -> str | None:
    """A plain description of an answer that holds no extraction at all, or None."""
    if response is None:
        return None
    choices = getattr(response, "choices", None)
    if not choices:
        return "the server returned no answer (an empty list of choices)"
    message = getattr(choices[0], "message", None)
    refusal = getattr(message, "refusal", None)
    if refusal:
        return f"the model refused to answer: {str(refusal)[:120]}"
    if mode == "tools" and not getattr(message, "tool_calls", None):
        return (
            "no tool call was made (the model answered in plain text; some servers, e.g. llama-server, "
            "do not force the tool call)"
        )
    return None


def _unwrap(err: Exception, article: Article, state: GroundingState, response: Any, mode: str) -> Exception:
    """instructor wraps our transport errors; find them, or describe the rejected answer safely."""
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
    finish = getattr((getattr(response, "choices", None) or [None])[0], "finish_reason", None)
    shape = _what_came_back(response, mode)
    if name == "IncompleteOutputException" or finish == "length":
        rejected = _AnswerRejected(
            "the model's answer was cut off (it hit its output token limit)",
            article_id=article.id,
            hint="lower --chunk-tokens so each part needs a shorter answer, or raise FACTCHECK_MAX_ANSWER_TOKENS",
        )
    elif shape is not None:
        rejected = _AnswerRejected(
            shape,
            article_id=article.id,
            attempts=state.attempt,
            hint="try --mode json_schema (local servers) or md_json, or another --model",
        )
    else:
        # Never echo the validation message: it may repeat an invented quote.
        errors = getattr(getattr(err, "__cause__", None), "errors", None)
        where = ""
        if callable(errors):
            try:
                locs = sorted({".".join(str(p) for p in e["loc"]) or "answer" for e in errors()})
                where = f" (problems at: {', '.join(locs[:6])})"
            except Exception:  # pragma: no cover - best effort detail only
                where = ""
        rejected = _AnswerRejected(
            f"the model's answer did not fit the extraction schema after {max(state.attempt, 1)} attempt(s){where}",
            article_id=article.id,
            attempts=state.attempt,
            hint="try another --mode (json_schema for local servers, tools for OpenAI), a stronger --model, "
            "or more re-asks (FACTCHECK_MAX_RETRIES)",
        )
    rejected.raw = _answer_text(response)
    rejected.state = state
    return rejected
