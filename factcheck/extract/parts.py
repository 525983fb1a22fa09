"""Article parts for the LLM: what is sent for each, its cache entry, and the merged Extraction.

Synchronous and light on purpose (no asyncio, openai, instructor or tenacity): a run whose parts
are all cached is served from here alone and costs what the offline extractor costs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import LLMError, TemplateError
from ..models import Article, Extraction
from ..resources import prompt_files, render_prompt
from . import cache
from .chunking import Chunk, chunk_text, estimate_tokens
from .merge import merge, scrubbed
from .schema import STATE_KEY, BareChunkAnswer, ChunkAnswer, GroundingState, schema_version

PROMPT_REVISION = "2"  # bump by hand for a deliberate prompt change; edits also change the hash below
# The answer's output cap when none is configured: an answer quotes, restates and translates, so it
# grows with the part; bounded so a looping model stops (seen on llama-server: 3,335 tokens of one
# repeated source for a short article).
ANSWER_TOKENS_PER_PART_TOKEN = 0.75
ANSWER_TOKENS_MIN, ANSWER_TOKENS_BASE, ANSWER_TOKENS_MAX = 512, 400, 8192


def prompt_version(prompt_dir: Path | None = None) -> str:
    """The prompt revision plus a hash of the prompt texts actually used (a newsroom's overrides
    included): any edit invalidates cached answers."""
    return _prompt_version(tuple(prompt_files(prompt_dir).items()))  # in PROMPTS order


@lru_cache(maxsize=8)
def _prompt_version(files: tuple[tuple[str, Traversable], ...]) -> str:
    digest = hashlib.sha256()
    for _, path in files:
        digest.update(path.read_bytes())
    return f"{PROMPT_REVISION}.{digest.hexdigest()[:8]}"


def check_prompts(prompt_dir: Path | None) -> None:
    """Render both prompts once before any article is extracted: a missing variable, a syntax error or
    a user prompt that does not pass the article on stops the run here, not per article."""
    render_prompt("system.j2", prompt_dir, guide=True)
    user = render_prompt(
        "user.j2", prompt_dir, boundary="ARTICLE-0", chunk_index=1, chunk_count=2, language="ar", published="unknown"
    )
    if "{{ article }}" not in user:
        raise TemplateError(
            "prompt user.j2 never passes the article on",
            hint="keep {% raw %}{{ article }}{% endraw %} in it (docs/prompts.md)",
        )


def answer_tokens(settings: Settings, part: str) -> int:
    """``max_tokens`` for a part's answer: configured, or derived from the part's estimated size."""
    if settings.max_answer_tokens is not None:
        return settings.max_answer_tokens
    derived = int(estimate_tokens(part) * ANSWER_TOKENS_PER_PART_TOKEN) + ANSWER_TOKENS_BASE
    return max(ANSWER_TOKENS_MIN, min(ANSWER_TOKENS_MAX, derived))


@dataclass
class Done:
    """What one part gave: (chunk, answer) pairs to merge, notes, and lines naming what was lost."""

    answers: list[tuple[Chunk, ChunkAnswer]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    errors: list[LLMError] = field(default_factory=list)
    reasks: int = 0
    repeats: int = 0
    cached: bool = False


class Planner:
    """Builds each part's request and cache key, and reads its cache entry."""

    def __init__(self, settings: Settings, client: Any) -> None:
        self.settings = settings
        self.prompt_dir = settings.prompt_dir
        self.versions = (prompt_version(self.prompt_dir), schema_version())
        # Modes whose server may not show the schema to the model get the field guide in the prompt.
        self.guided = settings.mode != "tools"
        self.response_model: type[ChunkAnswer] = BareChunkAnswer if self.guided else ChunkAnswer
        self.system = render_prompt("system.j2", self.prompt_dir, guide=self.guided)
        self.server = cache.server_identity(getattr(client, "base_url", None) or settings.base_url)

    def chunks(self, article: Article) -> list[Chunk]:
        return chunk_text(article.text, self.settings.chunk_tokens)

    def request(self, article: Article, chunk: Chunk, n_chunks: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """(the chat request, the values instructor fills into its messages)."""
        boundary = "ARTICLE-" + hashlib.sha256(chunk.text.encode("utf-8")).hexdigest()[:12]
        user = render_prompt(
            "user.j2",
            self.prompt_dir,
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

    def key(self, request: dict[str, Any], values: dict[str, Any]) -> str:
        return cache.part_key(self.settings, server=self.server, request={**request, **values}, versions=self.versions)

    def state(self, article: Article, chunk: Chunk, max_attempts: int) -> GroundingState:
        # Names may be in another part of the article (its outlet, named once at the top).
        metadata = tuple(m for m in (article.text, article.outlet, article.title) if m)
        return GroundingState(text=chunk.text, max_attempts=max_attempts, metadata=metadata)

    def from_cache(self, key: str, article: Article, chunk: Chunk) -> Done | None:
        if not self.settings.cache or self.settings.refresh:
            return None
        entry = cache.load_part(self.settings, key)
        if entry is None:
            return None
        state = self.state(article, chunk, 0)  # final: ungrounded items are dropped, never re-asked
        try:
            answer = ChunkAnswer.model_validate(entry["answer"], context={STATE_KEY: state})
        except ValueError:
            return None
        if state.drops or state.repeats:
            return None  # edited on disk, or stored for other text: never served as article content
        notes = [n for n in entry.get("notes", []) if isinstance(n, str)]
        return Done(answers=[(chunk, answer)], notes=notes, cached=True)

    def cached(self, article: Article) -> Extraction | None:
        """The article's extraction when every one of its parts is in the cache, else None."""
        chunks = self.chunks(article)
        done: list[Done] = []
        for chunk in chunks:
            request, values = self.request(article, chunk, len(chunks))
            hit = self.from_cache(self.key(request, values), article, chunk)
            if hit is None:
                return None
            done.append(hit)
        extraction, _ = self.assemble(article, len(chunks), done, calls=0, transport_retries=0, secrets=())
        return extraction

    def assemble(
        self,
        article: Article,
        n_chunks: int,
        done: Sequence[Done],
        *,
        calls: int,
        transport_retries: int,
        secrets: Sequence[str],
    ) -> tuple[Extraction, list[str]]:
        """The merged extraction with its run notes, and the lines naming what was lost."""
        answers = [pair for d in done for pair in d.answers]
        lost = [line for d in done for line in d.lost]
        if not any(answer.claims or answer.counters or answer.sources for _, answer in answers) and lost:
            first = next((e for d in done for e in d.errors), None)
            reason = "; ".join(lost)
            raise LLMError(
                reason if n_chunks == 1 and len(lost) == 1 else f"no part of the article could be extracted: {reason}",
                article_id=article.id,
                hint=first.hint if first is not None else None,
            )
        extraction = scrubbed(merge(article, answers), secrets)
        cached = all(d.cached for d in done)
        reasks = sum(d.reasks for d in done)
        repeats = sum(d.repeats for d in done)
        if cached:
            summary = "served from the LLM cache (no call made this run)"
        else:
            hits = sum(d.cached for d in done)
            summary = (
                f"LLM extraction: {calls} call(s) for {n_chunks} part(s)"
                + (f" ({hits} served from the cache)" if hits else "")
                + f", {reasks} validation re-ask(s), "
                f"{transport_retries} transport retr{'y' if transport_retries == 1 else 'ies'}"
            )
        if repeats:
            summary += f", {repeats} repeated or surplus item(s) dropped"
        notes = [summary, *(n for d in done for n in d.notes), *lost]
        update = {"model": self.settings.model, "prompt_version": self.versions[0], "notes": notes, "cached": cached}
        return extraction.model_copy(update=update), lost


def where(chunk: Chunk, n_chunks: int) -> str:
    part = f"part {chunk.index + 1} of {n_chunks} " if n_chunks > 1 else ""
    return f"{part}(characters {chunk.start}-{chunk.end})"
