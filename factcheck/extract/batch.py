"""Back-fills through OpenAI's Batch API: the live path's requests sent as one job, answers cached.

``submit`` builds each uncached part's request exactly as the live path sends it (instructor adds
the schema to the same ``Planner`` request; the call is captured before it leaves), uploads them as
one JSONL file and creates the batch. A manifest in the cache dir keeps the articles and which part
each request is (custom id = the part's cache key). ``collect`` replays every answer through
instructor with the live path's validation and grounding on its final attempt (no re-ask is
possible: ungrounded items are dropped with a note) and stores each good part in the cache, so the
next ``factcheck brief`` on the same files makes no call.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings, default_cache_dir
from ..errors import ConfigError, LLMError
from ..fileio import write_text_atomic
from ..models import Article
from . import cache
from .chunking import Chunk
from .client import instructor_mode, scrub
from .merge import scrub_answer
from .parts import Planner, where
from .schema import ChunkAnswer

ENDPOINT = "/v1/chat/completions"
PENDING = ("validating", "in_progress", "finalizing", "cancelling")
MAX_REQUESTS, MAX_BYTES = 50_000, 200_000_000  # OpenAI's limits on one batch's input file


def manifest_dir(settings: Settings) -> Path:
    # Beside the part entries, not among them: `factcheck cache clear` counts only answers.
    return (settings.cache_dir or default_cache_dir()) / "llm-batches"


def _client(settings: Settings) -> Any:
    import openai

    if settings.api_key is None and settings.base_url is None:
        raise ConfigError("No API key found", hint="set OPENAI_API_KEY (the Batch API is OpenAI's) or pass --base-url")
    key = settings.api_key.get_secret_value() if settings.api_key is not None else "no-key-needed"
    return openai.OpenAI(api_key=key, base_url=settings.base_url, timeout=settings.timeout)


class _Captured(Exception):
    def __init__(self, kwargs: dict[str, Any]) -> None:
        super().__init__("captured")
        self.kwargs = kwargs


def _through_instructor(
    plan: Planner, article: Article, chunk: Chunk, n_chunks: int, create: Callable[..., Any]
) -> tuple[Any, Any]:
    """Call instructor as the live path does, with ``create`` in place of the server; (answer, state)."""
    import instructor

    from .llm_run import instructor_kwargs

    request, values = plan.request(article, chunk, n_chunks)
    state = plan.state(article, chunk, 0)  # final at once: ungrounded items are dropped, never re-asked
    patched = instructor.patch(create=create, mode=instructor_mode(plan.settings))
    return patched(**instructor_kwargs(plan, request, values, state, 0)), state


def request_body(plan: Planner, article: Article, chunk: Chunk, n_chunks: int) -> dict[str, Any]:
    """The body the live path would POST for this part (what instructor hands the openai client)."""

    def capture(*args: Any, **kwargs: Any) -> Any:
        raise _Captured(kwargs)

    try:
        _through_instructor(plan, article, chunk, n_chunks, capture)
    except Exception as err:  # instructor may wrap what the call raised
        seen: BaseException | None = err
        while seen is not None and not isinstance(seen, _Captured):
            seen = seen.__cause__ or seen.__context__
        if seen is not None:
            body: dict[str, Any] = json.loads(json.dumps(seen.kwargs, ensure_ascii=False))
            return body
        raise
    raise LLMError("instructor did not call the server")  # pragma: no cover


def _answering(response: Any) -> Callable[..., Any]:
    """A stand-in for the server that answers with what the batch returned."""
    return lambda *args, **kwargs: response


@dataclass
class Submitted:
    batch_id: str | None  # None: nothing to send, every part is cached
    requests: int
    cached: int
    lines: list[dict[str, Any]] = field(default_factory=list)


def submit(articles: Sequence[Article], settings: Settings, *, client: Any = None) -> Submitted:
    """Send every uncached part of ``articles`` as one batch; write its manifest."""
    if not settings.cache:
        raise ConfigError("the Batch API fills the extraction cache, which is off", hint="drop --no-cache")
    plan = Planner(settings, None)
    lines: list[dict[str, Any]] = []
    parts: dict[str, dict[str, Any]] = {}
    cached = 0
    for article in articles:
        chunks = plan.chunks(article)
        for chunk in chunks:
            request, values = plan.request(article, chunk, len(chunks))
            key = plan.key(request, values)
            if key in parts:
                continue  # the same part twice in the inputs: asked once
            if plan.from_cache(key, article, chunk) is not None:
                cached += 1
                continue
            body = request_body(plan, article, chunk, len(chunks))
            lines.append({"custom_id": key, "method": "POST", "url": ENDPOINT, "body": body})
            parts[key] = {"article": article.id, "index": chunk.index, "start": chunk.start, "end": chunk.end}
            parts[key]["n_chunks"] = len(chunks)
    if not lines:
        return Submitted(None, 0, cached)
    jsonl = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
    if len(lines) > MAX_REQUESTS or len(jsonl) > MAX_BYTES:
        raise ConfigError(
            f"{len(lines)} requests, {len(jsonl) / 1e6:.0f} MB: over one batch's limits "
            f"({MAX_REQUESTS} requests, {MAX_BYTES / 1e6:.0f} MB)",
            hint="submit the files in several batches (about 16 KB a part)",
        )
    client = client or _client(settings)
    uploaded = client.files.create(file=("factcheck-batch.jsonl", jsonl), purpose="batch")
    job = client.batches.create(input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window="24h")
    used = {p["article"] for p in parts.values()}
    manifest = {
        "batch_id": job.id,
        "model": settings.model,
        "mode": settings.mode,
        "articles": {a.id: a.model_dump(mode="json") for a in articles if a.id in used},
        "parts": parts,
    }
    try:
        write_text_atomic(manifest_dir(settings) / f"{job.id}.json", json.dumps(manifest, ensure_ascii=False))
    except OSError as err:  # the batch exists and is paid for: say its id
        raise ConfigError(
            f"batch {job.id} was created, but its manifest could not be written: {err}",
            hint="fix the cache dir and submit again; cancel this batch on the provider's side",
        ) from err
    return Submitted(str(job.id), len(lines), cached, lines)


@dataclass
class Collected:
    status: str
    stored: int = 0
    dropped: int = 0  # ungrounded items left out of stored parts (named in their notes)
    failed: list[str] = field(default_factory=list)  # one line per part that could not be used

    @property
    def done(self) -> bool:
        return self.status not in PENDING


def _load_manifest(settings: Settings, batch_id: str) -> dict[str, Any]:
    path = manifest_dir(settings) / f"{Path(batch_id).name}.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(
            f"no manifest for batch {batch_id} in {path.parent}",
            hint="collect with the cache dir (FACTCHECK_CACHE_DIR / config) the batch was submitted with",
        ) from err
    return data


def _jsonl(client: Any, file_id: str | None) -> list[dict[str, Any]]:
    if not file_id:
        return []
    text = client.files.content(file_id).text
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def collect(batch_id: str, settings: Settings, *, client: Any = None) -> Collected:
    """Store the answers of a finished batch in the cache; a pending batch only reports its status."""
    manifest = _load_manifest(settings, batch_id)
    client = client or _client(settings)
    job = client.batches.retrieve(batch_id)
    result = Collected(str(job.status))
    if not result.done:
        return result
    import openai.types.chat

    # The answers are parsed as asked: the model and mode are the submit's, whatever the flags say now.
    settings = settings.model_copy(update={"model": manifest["model"], "mode": manifest["mode"]})
    plan = Planner(settings, None)
    articles = {k: Article.model_validate(v) for k, v in manifest["articles"].items()}
    secrets = (settings.api_key.get_secret_value(),) if settings.api_key is not None else ()
    answered: set[str] = set()
    for line in _jsonl(client, getattr(job, "output_file_id", None)) + _jsonl(client, job.error_file_id):
        key = str(line.get("custom_id"))
        part = manifest["parts"].get(key)
        if part is None or key in answered:
            continue  # not ours (or a repeat): never stored under a key we did not ask for
        answered.add(key)
        article = articles[part["article"]]
        chunk = Chunk(part["index"], part["start"], part["end"], article.text[part["start"] : part["end"]])
        place = where(chunk, part["n_chunks"])
        name = article.input_name or article.id
        response = line.get("response") or {}
        if response.get("status_code") != 200 or not isinstance(response.get("body"), dict):
            error = (line.get("error") or {}).get("message") or f"HTTP {response.get('status_code')}"
            result.failed.append(f"{name}: {place}: the batch request failed: {scrub(str(error), secrets)[:200]}")
            continue
        completion = openai.types.chat.ChatCompletion.model_validate(response["body"])
        try:
            answer, state = _through_instructor(plan, article, chunk, part["n_chunks"], _answering(completion))
        except Exception as err:  # never echo the validation message: it may repeat an invented quote
            result.failed.append(
                f"{name}: {place}: the answer did not fit the extraction schema ({type(err).__name__})"
            )
            continue
        if not isinstance(answer, ChunkAnswer):  # pragma: no cover - instructor returns the response model
            result.failed.append(f"{name}: {place}: the answer was not an extraction")
            continue
        notes = [f"{d} in {place} (Batch API answer, no re-ask)" for d in state.drops]
        result.dropped += len(state.drops)
        cache.store_part(
            settings, key, {"answer": scrub_answer(answer.model_dump(mode="json"), secrets), "notes": notes}
        )
        result.stored += 1
    for key, part in manifest["parts"].items():
        if key not in answered:
            article = articles[part["article"]]
            chunk = Chunk(part["index"], part["start"], part["end"], "")
            result.failed.append(
                f"{article.input_name or article.id}: {where(chunk, part['n_chunks'])}: no answer in the batch "
                f"(status {result.status})"
            )
    return result


__all__ = ["Collected", "Submitted", "collect", "manifest_dir", "request_body", "submit"]


def run_cli(args: Any) -> int:
    """``factcheck batch submit FILES...`` / ``factcheck batch collect ID`` (exit codes as cli.py)."""
    import sys

    from .._options import settings_from_arguments
    from ..ingest import load_articles

    settings = settings_from_arguments(args)
    if args.batch_command == "submit":
        articles, failures = load_articles(
            args.files, encoding=args.encoding, max_bytes=settings.max_article_bytes, max_articles=settings.max_articles
        )
        for f in failures:
            print(f"factcheck: error: {f.input_name} ({f.stage}): {f.error}", file=sys.stderr)
        if not articles:
            return 2
        sent = submit(articles, settings)
        if sent.batch_id is None:
            print(f"factcheck: nothing to send: all {sent.cached} part(s) are cached", file=sys.stderr)
        else:
            print(f"factcheck: {sent.requests} request(s) sent, {sent.cached} part(s) already cached", file=sys.stderr)
            print(sent.batch_id)
        return 1 if failures else 0
    got = collect(args.batch_id, settings)
    if not got.done:
        print(f"batch {args.batch_id} is {got.status}: nothing to collect yet; run this again later")
        return 0
    print(
        f"batch {args.batch_id} ({got.status}): stored {got.stored} part(s), dropped {got.dropped} ungrounded "
        f"item(s), failed {len(got.failed)} part(s)"
    )
    for line in got.failed:
        print(f"factcheck: error: {line}", file=sys.stderr)
    return 1 if got.failed else 0
