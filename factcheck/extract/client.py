"""The openai client, the instructor mode, transport retries, usage metering and the spending budget.

openai and instructor are imported here only (and only when the LLM extractor runs). The SDK's own
retries are switched off (``max_retries=0``): transport retries happen in ``chat_create`` with
tenacity, so they are counted, honour ``Retry-After`` on 429, back off exponentially with jitter,
and stop at the article's time budget. Validation re-asks are instructor's (``Settings.max_retries``)
and are counted separately (see ``schema.GroundingState``).
"""

from __future__ import annotations

import email.utils
import re
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..config import Settings
from ..errors import BudgetExceeded, ConfigError, LLMError
from .budget import Budget, Meter, estimate_request_tokens

if TYPE_CHECKING:
    import tenacity

# asyncio, tenacity and logging are imported where used: a fully cached run needs none of them (it
# must cost what the offline extractor costs; asyncio alone takes ~0.1 s to import).

# Backoff between transport retries (seconds); tests shrink these.
BACKOFF_INITIAL = 0.5
BACKOFF_MAX = 30.0
RETRY_AFTER_MAX = 30.0  # longer Retry-After values are cut to this (documented in docs/llm.md)


def _sleep_sync(seconds: float) -> None:
    time.sleep(seconds)


async def _sleep_async(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


def llm_settings_summary(settings: Settings) -> str:
    """One line for a brief's method section: model, server host (never credentials), mode."""
    host = "api.openai.com"
    if settings.base_url:
        parts = urlsplit(settings.base_url)
        host = parts.hostname or settings.base_url
        if parts.port:
            host = f"{host}:{parts.port}"
    return f"LLM {settings.model} at {host} (instructor mode {settings.mode})"


def instructor_mode(settings: Settings) -> Any:
    import logging

    import instructor

    # instructor logs every failed attempt at ERROR; our errors already say it, once, with a hint.
    # A NullHandler keeps Python's last-resort handler from printing them on a bare stderr.
    logging.getLogger("instructor").addHandler(logging.NullHandler())

    return {
        "tools": instructor.Mode.TOOLS,
        "json_schema": instructor.Mode.JSON_SCHEMA,
        "json": instructor.Mode.JSON,
        "md_json": instructor.Mode.MD_JSON,
    }[settings.mode]


@dataclass
class Handle:
    """An openai client with the SDK's retries off; ``is_async`` says how to call it."""

    client: Any
    is_async: bool
    secrets: tuple[str, ...]


def require_server(settings: Settings, client: Any) -> None:
    """ConfigError unless a client, an API key or a server URL says where to send requests."""
    if client is None and settings.api_key is None and settings.base_url is None:
        raise ConfigError(
            "No API key found",
            hint="set OPENAI_API_KEY or pass --base-url for a local server (or use --backend offline)",
        )


def build_client(settings: Settings, client: Any = None) -> Handle:
    """Wrap the caller's client (sync or async), or build an AsyncOpenAI from the settings."""
    import openai

    if client is not None:
        if not isinstance(client, openai.OpenAI | openai.AsyncOpenAI):
            raise ConfigError(
                f"client must be an openai.OpenAI or openai.AsyncOpenAI, not {type(client).__name__}",
                hint="pass the openai client itself (factcheck adds instructor)",
            )
        secret = str(getattr(client, "api_key", "") or "")
        return Handle(
            client.with_options(max_retries=0),
            isinstance(client, openai.AsyncOpenAI),
            _secrets(settings, secret),
        )
    require_server(settings, client)
    # Local servers (llama.cpp, vLLM, Ollama) ignore the key, but the SDK requires one.
    api_key = settings.api_key.get_secret_value() if settings.api_key is not None else "no-key-needed"
    async_client = openai.AsyncOpenAI(
        api_key=api_key, base_url=settings.base_url, timeout=settings.timeout, max_retries=0
    )
    return Handle(async_client, True, _secrets(settings, api_key))


def _secrets(settings: Settings, extra: str) -> tuple[str, ...]:
    keys = {extra}
    if settings.api_key is not None:
        keys.add(settings.api_key.get_secret_value())
    return tuple(k for k in keys if len(k) >= 4 and k != "no-key-needed")


def scrub(message: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        message = message.replace(secret, "***")
    return message


# --- one chat-completions request with transport retries ----------------------------------------


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            return float(value) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return None if parsed is None else max(0.0, parsed.timestamp() - time.time())


def _retryable(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APIConnectionError | TimeoutError):  # incl. APITimeoutError and our total bound
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return False


def _wait(state: tenacity.RetryCallState) -> float:
    import tenacity

    backoff = tenacity.wait_random_exponential(multiplier=BACKOFF_INITIAL, max=BACKOFF_MAX)(state)
    exc = state.outcome.exception() if state.outcome else None
    after = _retry_after(exc) if exc is not None else None
    return backoff if after is None else min(max(after, 0.0), RETRY_AFTER_MAX)


@dataclass
class Call:
    """What one chat-completions request needs: settings, meter, budget, deadline, secrets."""

    settings: Settings
    meter: Meter
    budget: Budget
    deadline: float
    secrets: tuple[str, ...]
    retries: int = 0  # this call's transport retries (the meter sums the article's)
    last_response: Any = None  # the last answer received (salvaged when it is cut off or out of shape)

    def _retrying_kwargs(self) -> dict[str, Any]:
        import tenacity

        def stop(state: tenacity.RetryCallState) -> bool:
            return (
                state.attempt_number > self.settings.transport_retries
                or time.monotonic() + state.upcoming_sleep > self.deadline
            )

        def count(state: tenacity.RetryCallState) -> None:
            self.retries += 1
            self.meter.transport_retries += 1

        return {
            "retry": tenacity.retry_if_exception(_retryable),
            "wait": _wait,
            "stop": stop,
            "before_sleep": count,
            "reraise": True,
        }

    def _account(self, response: Any, reservation: tuple[int, int]) -> None:
        usage = getattr(response, "usage", None)
        prompt = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion = int(getattr(usage, "completion_tokens", 0) or 0)
        self.last_response = response
        with self.meter.lock:  # the parts of one article may answer at once (threads for a sync client)
            self.meter.calls += 1
            self.meter.prompt_tokens += prompt
            self.meter.completion_tokens += completion
        self.budget.settle(reservation, prompt, completion)

    @contextmanager
    def _metered(self, kwargs: dict[str, Any]) -> Iterator[Callable[[Any], Any]]:
        """One attempt of a request, sync or async alike: reserve its estimate from the budget before it
        is sent; give the reservation back if it fails; meter the answer (``account(response)``)."""
        reservation = self.budget.reserve(*estimate_request_tokens(kwargs))

        def account(response: Any) -> Any:
            self._account(response, reservation)
            return response

        try:
            yield account
        except BaseException:
            self.budget.settle(reservation, 0, 0)
            raise

    def sync_create(self, create: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            import tenacity

            try:
                for attempt in tenacity.Retrying(sleep=lambda s: _sleep_sync(s), **self._retrying_kwargs()):
                    with attempt, self._metered(kwargs) as account:
                        return account(create(*args, **kwargs))
            except Exception as exc:
                raise self.map_error(exc) from exc
            raise AssertionError("unreachable")  # pragma: no cover

        return wrapped

    def async_create(self, create: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def wrapped(*args: Any, **kwargs: Any) -> Any:
            import asyncio

            import tenacity

            try:
                async for attempt in tenacity.AsyncRetrying(sleep=_sleep_async_ref, **self._retrying_kwargs()):
                    with attempt, self._metered(kwargs) as account:
                        # httpx's timeout bounds each read, so a server dripping a byte at a time never
                        # trips it; this bounds the whole request, within the article's deadline.
                        bound = max(0.001, min(self.settings.timeout, self.deadline - time.monotonic()))
                        return account(await asyncio.wait_for(create(*args, **kwargs), timeout=bound))
            except Exception as exc:
                raise self.map_error(exc) from exc
            raise AssertionError("unreachable")  # pragma: no cover

        return wrapped

    def map_error(self, exc: BaseException) -> BaseException:
        """An openai exception -> LLMError with a hint; factcheck's own errors pass through."""
        import openai

        if isinstance(exc, BudgetExceeded | ConfigError | LLMError):
            return exc
        retries = self.retries
        tried = f" (after {retries} transport retr{'y' if retries == 1 else 'ies'})" if retries else ""
        host = llm_settings_summary(self.settings)
        if isinstance(exc, openai.APITimeoutError | TimeoutError):
            return LLMError(
                f"the LLM server did not finish answering within {self.settings.timeout:g}s{tried}",
                hint="check that the server is responsive (a hung server never answers, however long the "
                "timeout); for a slow local model, raise --timeout or lower --chunk-tokens",
            )
        if isinstance(exc, openai.APIConnectionError):
            return LLMError(
                f"cannot connect to the LLM server{tried}: {self._msg(exc)} [{host}]",
                hint="is the server running? check --base-url (it usually ends in /v1)",
            )
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            detail = self._msg(exc)
            if status == 401:
                return LLMError(
                    f"the LLM server rejected the API key (HTTP 401): {detail}",
                    hint="check OPENAI_API_KEY / FACTCHECK_API_KEY",
                )
            if status == 403:
                return LLMError(
                    f"access denied (HTTP 403): {detail}", hint="check the key's permissions for this model"
                )
            if status == 404:
                return LLMError(
                    f"model not found (HTTP 404): {detail} [{host}]",
                    hint="model not found - check --model (and that --base-url ends in /v1)",
                )
            if status == 429:
                return LLMError(
                    f"rate limited (HTTP 429){tried}: {detail}",
                    hint="lower --concurrency, wait, or raise FACTCHECK_TRANSPORT_RETRIES",
                )
            if _context_overflow(exc, detail):
                # llama-server answers 400 when the prompt does not fit, 500 when the answer runs out of
                # room (its context is shared by its parallel slots, so a retry may still have helped).
                return LLMError(
                    f"the request is longer than the model's context window (HTTP {status}){tried}: {detail}",
                    hint="lower --chunk-tokens (it is estimated for OpenAI's tokenizer; small local models can "
                    "spend more tokens per Arabic word), or give the server a larger context "
                    "(llama-server: -c, -np 1, -n to cap the answer)",
                )
            if status >= 500:
                return LLMError(f"the LLM server failed (HTTP {status}){tried}: {detail}", hint="retry later")
            return LLMError(
                f"the LLM server rejected the request (HTTP {status}): {detail}",
                hint="if the server does not support this structured-output mode, try --mode json_schema, "
                "tools or md_json",
            )
        return exc

    def _msg(self, exc: BaseException) -> str:
        """The server's own message when it sent one (``{"error": {"message": ...}}``), else the SDK's."""
        body = getattr(exc, "body", None)
        message = body.get("message") if isinstance(body, dict) else None
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            message = body["error"].get("message") or message
        return scrub(str(message or exc), self.secrets)[:300]


# How llama-server, OpenAI and vLLM word a prompt that does not fit the context (HTTP 400).
_CONTEXT_OVERFLOW = re.compile(
    r"context (?:size|length|window)|context_length_exceeded|exceed_context_size", re.IGNORECASE
)


def _context_overflow(exc: BaseException, detail: str) -> bool:
    body = getattr(exc, "body", None)
    error = body.get("error") if isinstance(body, dict) else None
    fields = [detail]
    for part in (body, error):
        if isinstance(part, dict):
            fields.extend(str(part.get(k) or "") for k in ("code", "type"))
    return any(_CONTEXT_OVERFLOW.search(f) for f in fields)


async def _sleep_async_ref(seconds: float) -> None:
    await _sleep_async(seconds)
