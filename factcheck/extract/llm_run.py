"""The LLM extractor's calls: asyncio, openai + instructor, retries, salvage; imported only to call.

``run`` extracts articles concurrently (at most ``settings.concurrency`` articles, and as many calls,
at a time); one failing article becomes an ArticleFailure and never cancels the others. The parts
of an article (``parts.Planner``) are extracted concurrently, each served from its own cache entry
or asked in one call (plus validation re-asks). A part whose answer is cut off or out of shape after
the re-asks keeps every complete, grounded item of that answer (``salvage``) and is asked once more
in two halves; what is still missing is named.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

from ..config import Settings
from ..errors import ExtractionError, FactcheckError, LLMError
from ..models import Article, ArticleFailure, Extraction, Usage
from . import cache
from .budget import Budget, Meter
from .chunking import Chunk, split_in_two
from .client import Call, Handle, build_client, instructor_mode, require_server
from .merge import scrub_answer
from .parts import Done, Planner, where
from .salvage import salvage
from .schema import STATE_KEY, ChunkAnswer, GroundingState


async def run(
    articles: Sequence[Article], settings: Settings, *, client: Any = None
) -> tuple[list[Extraction], list[ArticleFailure]]:
    require_server(settings, client)
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
    return _collect(articles, results, meters, settings)


def _collect(
    articles: Sequence[Article], results: Sequence[Any], meters: dict[str, Meter], settings: Settings
) -> tuple[list[Extraction], list[ArticleFailure]]:
    """Extractions in article order; an article's failure (or its lost parts) with what it spent."""
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
        self.plan = Planner(settings, client)

    async def _handle(self) -> Handle:
        async with self._handle_lock:
            if self.handle is None:
                self.handle = build_client(self.settings, self.client)
            return self.handle

    async def extract(self, article: Article, meter: Meter) -> tuple[Extraction, list[str]]:
        """The extraction, and what was lost: one line per stretch of text that could not be extracted."""
        deadline = time.monotonic() + self.settings.article_time_budget
        chunks = self.plan.chunks(article)
        outcomes = await asyncio.gather(
            *(self._part(article, c, len(chunks), meter, deadline) for c in chunks), return_exceptions=True
        )
        done: list[Done] = []
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome  # transport, budget or deadline: the other parts finished (and are cached)
            done.append(outcome)
        extraction, lost = self.plan.assemble(
            article,
            len(chunks),
            done,
            calls=meter.calls,
            transport_retries=meter.transport_retries,
            secrets=self.handle.secrets if self.handle is not None else (),
        )
        return extraction.model_copy(update={"usage": meter.usage(self.settings)}), lost

    # --- one part ------------------------------------------------------------------------------

    async def _part(
        self, article: Article, chunk: Chunk, n_chunks: int, meter: Meter, deadline: float, *, rescue: bool = True
    ) -> Done:
        request, values = self.plan.request(article, chunk, n_chunks)
        key = self.plan.key(request, values)
        hit = self.plan.from_cache(key, article, chunk)
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
        place = f" in {where(chunk, n_chunks)}" if n_chunks > 1 else ""
        done = Done(
            answers=[(chunk, answer)],
            notes=[f"{d}{place} (after {state.attempt} attempts)" for d in state.drops],
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

    async def _rescue(
        self, article: Article, chunk: Chunk, n_chunks: int, meter: Meter, deadline: float, err: _AnswerRejected
    ) -> Done:
        """Keep the complete, grounded items of the rejected answer; ask the part again in two halves."""
        place = where(chunk, n_chunks)
        done = Done(errors=[err])
        salvaged: list[tuple[Chunk, ChunkAnswer]] = []  # merged after complete answers, which win ties
        if err.raw and err.state is not None:
            kept, unusable, _ = salvage(err.raw, err.state)
            if kept.claims or kept.counters or kept.sources:
                salvaged.append((chunk, kept))
                done.notes.append(
                    f"{place}: kept {len(kept.claims)} claim(s), {len(kept.counters)} counter(s) and "
                    f"{len(kept.sources)} source(s) complete in a rejected answer ({err.message})"
                    + (f"; {unusable} complete item(s) out of shape dropped" if unusable else "")
                )
                done.notes.extend(f"{d} in {place} (salvaged answer)" for d in err.state.drops)
            done.reasks += err.state.reasks
            done.repeats += err.state.repeats
        halves = split_in_two(chunk, article.text)
        if halves is None:
            done.lost.append(f"{place} was not extracted: {err.message}")
            done.answers.extend(salvaged)
            return done
        outcomes = await asyncio.gather(
            *(self._part(article, half, n_chunks, meter, deadline, rescue=False) for half in halves),
            return_exceptions=True,
        )
        for half, outcome in zip(halves, outcomes, strict=True):
            if isinstance(outcome, _AnswerRejected):
                done.errors.append(outcome)
                if outcome.raw and outcome.state is not None:
                    kept, _, _ = salvage(outcome.raw, outcome.state)
                    if kept.claims or kept.counters or kept.sources:
                        salvaged.append((half, kept))
                done.lost.append(
                    f"{place}: characters {half.start}-{half.end} were not extracted "
                    f"(asked again in two halves after: {err.message}): {outcome.message}"
                )
            elif isinstance(outcome, BaseException):
                raise outcome  # transport, budget or deadline: as for any part
            else:
                done.answers.extend(outcome.answers)
                done.notes.extend(outcome.notes)
                done.reasks += outcome.reasks
                done.repeats += outcome.repeats
        done.answers.extend(salvaged)
        if not done.lost:
            done.notes.append(f"{place} was asked again in two halves after: {err.message}")
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
        state = self.plan.state(article, chunk, retries + 1)
        hooks = Hooks()
        hooks.on("completion:kwargs", lambda *a, **k: setattr(state, "attempt", state.attempt + 1))
        call = Call(self.settings, meter, self.budget, deadline, handle.secrets)
        kwargs = {**instructor_kwargs(self.plan, request, values, state, retries), "hooks": hooks}
        raw_create = handle.client.chat.completions.create
        try:
            if handle.is_async:
                create = instructor.patch(create=call.async_create(raw_create), mode=mode)
                answer = await create(**kwargs)
            else:
                create = instructor.patch(create=call.sync_create(raw_create), mode=mode)
                answer = await asyncio.to_thread(create, **kwargs)
        except Exception as err:
            spent = meter.usage(self.settings)
            raise _unwrap(err, article, state, call.last_response, self.settings.mode, spent) from err
        if not isinstance(answer, ChunkAnswer):
            raise LLMError("the model's answer was not an extraction", article_id=article.id)
        return answer, state


def instructor_kwargs(
    plan: Planner, request: dict[str, Any], values: dict[str, Any], state: GroundingState, retries: int
) -> dict[str, Any]:
    """What a part's call passes to instructor (shared with the Batch API path, ``batch``)."""
    return {
        **request,
        "response_model": plan.response_model,
        "context": {STATE_KEY: state, **values},
        "max_retries": retries,
    }


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


def _chain(err: BaseException) -> list[BaseException]:
    """The exception and its causes (instructor wraps what it caught), bounded against cycles."""
    out: list[BaseException] = []
    seen: BaseException | None = err
    while seen is not None and len(out) < 20:
        out.append(seen)
        seen = seen.__cause__ or seen.__context__
    return out


def _unwrap(
    err: Exception, article: Article, state: GroundingState, response: Any, mode: str, usage: Usage
) -> Exception:
    """instructor wraps our transport errors; find them, or describe the rejected answer safely.

    Either way the error carries the last answer received and what the article has spent so far.
    """
    from instructor.core import IncompleteOutputException
    from pydantic import ValidationError

    chain = _chain(err)
    ours = next((e for e in chain if isinstance(e, FactcheckError)), None)
    if ours is not None:
        if isinstance(ours, ExtractionError):
            ours.article_id = ours.article_id or article.id
            ours.last_response = ours.last_response or response
            ours.usage = ours.usage or usage
        return ours
    finish = getattr((getattr(response, "choices", None) or [None])[0], "finish_reason", None)
    shape = _what_came_back(response, mode)
    common: dict[str, Any] = {"article_id": article.id, "last_response": response, "usage": usage}
    if any(isinstance(e, IncompleteOutputException) for e in chain) or finish == "length":
        rejected = _AnswerRejected(
            "the model's answer was cut off (it hit its output token limit)",
            hint="lower --chunk-tokens so each part needs a shorter answer, or raise FACTCHECK_MAX_ANSWER_TOKENS",
            **common,
        )
    elif shape is not None:
        rejected = _AnswerRejected(
            shape,
            attempts=state.attempt,
            hint="try --mode json_schema (local servers) or md_json, or another --model",
            **common,
        )
    else:
        # Never echo the validation message: it may repeat an invented quote; name where it failed.
        invalid = next((e for e in chain if isinstance(e, ValidationError)), None)
        detail = ""
        if invalid is not None:
            locs = sorted({".".join(str(p) for p in e["loc"]) or "answer" for e in invalid.errors()})
            detail = f" (problems at: {', '.join(locs[:6])})"
        rejected = _AnswerRejected(
            f"the model's answer did not fit the extraction schema after {max(state.attempt, 1)} attempt(s){detail}",
            attempts=state.attempt,
            hint="try another --mode (json_schema for local servers, tools for OpenAI), a stronger --model, "
            "or more re-asks (FACTCHECK_MAX_RETRIES)",
            **common,
        )
    rejected.raw = _answer_text(response)
    rejected.state = state
    return rejected
