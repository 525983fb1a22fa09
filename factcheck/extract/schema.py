"""The response models the LLM fills, and their grounding validation.

The model answers one article chunk with ``ChunkAnswer``: sources, claims and counter-statements,
each item with a local id (``s1``, ``c1``, ``x1``). Per-field guidance for the model lives in
``Field(description=...)`` (it reaches the model through the JSON schema). Descriptions must never
contain Jinja markers (double braces, brace-percent, brace-hash): instructor renders the system message
(which carries the schema in JSON modes) as a Jinja template.

Grounding runs in ``ChunkAnswer``'s validator with instructor's validation context (a
``GroundingState`` under the ``STATE_KEY`` key): every quote must be locatable in the chunk the
model saw and every id a counter or claim refers to must exist. On every attempt but the last, a
problem raises (instructor sends the error back to the model as a re-ask); on the last attempt the
offending items are dropped instead and the drops recorded, so one bad quote never costs a
otherwise good answer.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..grounding import locate
from ..models import SCHEMA_VERSION, CounterKind, SourceKind
from .support import kind_from_quote, kind_supported

STATE_KEY = "factcheck_grounding"
_ID = re.compile(r"[A-Za-z0-9_-]{1,12}")


@dataclass
class GroundingState:
    """Mutable per-call state shared with the validator through instructor's ``context``."""

    text: str  # the chunk the model saw; quotes are searched here
    max_attempts: int
    # The whole article and its metadata (outlet, title): user input, so a source may be named there.
    metadata: tuple[str, ...] = ()
    attempt: int = 0  # incremented before every attempt (instructor's completion:kwargs hook)
    drops: list[str] = field(default_factory=list)
    reasks: int = 0

    @property
    def final(self) -> bool:
        return self.attempt >= self.max_attempts


class _LLMModel(BaseModel):
    # Models add fields we did not ask for; ignoring them is harmless, failing on them is not.
    model_config = ConfigDict(extra="ignore")


class LLMSource(_LLMModel):
    id: str = Field(description="Local id: s1, s2, ... unique in this answer.")
    name: str = Field(min_length=1, description="The name exactly as written in the article.")
    name_en: str | None = Field(
        default=None,
        description="The usual English name (e.g. a transliteration of an Arabic name or the outlet's "
        "English name); null when you do not know it. Never invent one.",
    )
    kind: SourceKind = Field(
        default=SourceKind.unknown,
        description="news_outlet, news_agency, government (a ministry, presidency, office), official "
        "(a person holding office), person, organisation, social_account, anonymous (unnamed "
        "officials, diplomats, sources) or unknown.",
    )
    role: str | None = Field(default=None, description="Title or role as written in the article, if any.")
    aliases: list[str] = Field(
        default_factory=list, description="Other ways the article names this source (as written)."
    )
    handles: list[str] = Field(default_factory=list, description="Social-media handles, with '@'.")

    @field_validator("kind", mode="before")
    @classmethod
    def _lenient_kind(cls, value: Any) -> Any:
        known = {k.value for k in SourceKind}
        return value if value in known or isinstance(value, SourceKind) else SourceKind.unknown.value


class _Item(_LLMModel):
    quote: str = Field(
        min_length=1,
        description="The exact words of the article that state it, copied character for character from the "
        "article text (same spelling, same language). Never paraphrase or translate here.",
    )
    statement: str = Field(
        min_length=1, description="One short sentence saying what is asserted, in the article's language."
    )
    statement_en: str = Field(
        min_length=1,
        description="A faithful English rendering of the statement. Translate; add nothing, soften nothing.",
    )
    statement_ar: str | None = Field(
        default=None,
        description="A faithful Arabic rendering of the statement when the article is not in Arabic; else null.",
    )


class LLMClaim(_Item):
    id: str = Field(description="Local id: c1, c2, ... unique in this answer.")
    claimant: str | None = Field(default=None, description="Source id (sN) of who asserts it.")
    reported_by: str | None = Field(
        default=None,
        description="Source id of the outlet that reports the assertion (often the article's own "
        "outlet or the newspaper it cites).",
    )
    based_on: list[str] = Field(
        default_factory=list,
        description="Source ids the claim rests on (e.g. the unnamed officials a newspaper cites).",
    )
    about: str | None = Field(default=None, description="Source id of the person or body the claim is about.")
    anonymous: bool = Field(default=False, description="True when the claim rests only on unnamed sources.")
    sourcing_quote: str | None = Field(
        default=None,
        description="Optional: the exact words saying where it comes from (e.g. 'spoke on condition of "
        "anonymity'), copied verbatim from the article.",
    )
    check_worthiness: float = Field(
        default=0.5,
        description="0 to 1: how much a fact-checker should check it (a verifiable, consequential factual "
        "assertion is high; opinion, background or common knowledge is low).",
    )

    @field_validator("check_worthiness", mode="before")
    @classmethod
    def _clamp(cls, value: Any) -> Any:
        if isinstance(value, int | float):
            return min(1.0, max(0.0, float(value)))
        return value


class LLMCounter(_Item):
    id: str = Field(description="Local id: x1, x2, ... unique in this answer.")
    speaker: str | None = Field(default=None, description="Source id of who denies, corrects or confirms.")
    kind: CounterKind = Field(
        description="denial (says the reported fact is untrue), attribution_denial (denies having said or "
        "given the quoted statement or interview), correction (says the fact is otherwise), confirmation "
        "(the subject or an independent party confirms it)."
    )
    targets: list[str] = Field(
        default_factory=list, description="Ids (cN) of the claims in this answer that it answers."
    )
    target_text: str | None = Field(
        default=None,
        description="What it says it answers, copied as written when the article names it (e.g. 'the press "
        "reports about ...'); else null.",
    )


class ChunkAnswer(_LLMModel):
    """Sources, claims and counter-statements found in the article text."""

    sources: list[LLMSource] = Field(
        default_factory=list,
        description="Every person, body, outlet or account that says or reports something.",
    )
    claims: list[LLMClaim] = Field(
        default_factory=list,
        description="Check-worthy factual assertions attributed to someone (including the article's own "
        "reporting), each with the verbatim quote that states it.",
    )
    counters: list[LLMCounter] = Field(
        default_factory=list,
        description="Denials, attribution denials, corrections and confirmations, linked to the claims they answer.",
    )

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> ChunkAnswer:
        state = (info.context or {}).get(STATE_KEY)
        if not isinstance(state, GroundingState):
            return self  # parsing without an article (e.g. schema checks): nothing to ground against
        problems, drops = _check(self, state.text, state.metadata)
        if not problems:
            state.drops = []
            return self
        if not state.final:
            state.reasks += 1
            raise ValueError(
                "Some items are not grounded in the article text. Fix them or leave them out:\n- "
                + "\n- ".join(problems)
            )
        _apply_drops(self, state.text, state.metadata)
        state.drops = drops
        return self


def safe_id(value: str) -> str:
    """A model-supplied id as it may appear in a note: short and plain, or a placeholder."""
    return value if _ID.fullmatch(value) else "(an invalid id)"


def _named(value: str, text: str, metadata: tuple[str, ...]) -> bool:
    """True when a source string shown as the article's words occurs in the chunk or its metadata."""
    return locate(text, value) is not None or any(locate(m, value) is not None for m in metadata if m)


def _check_sources(answer: ChunkAnswer, text: str, metadata: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Names, roles, aliases and handles are shown as the article's words: each must be in it."""
    problems: list[str] = []
    notes: list[str] = []
    for s in answer.sources:
        sid = safe_id(s.id)
        if not _named(s.name, text, metadata):
            problems.append(
                f"source {s.id}: its name {s.name[:60]!r} is not in the article; copy the name exactly as the "
                "article writes it, or leave the source out"
            )
            notes.append(f"dropped source {sid}: its name is not in the article")
            continue
        if s.role and not _named(s.role, text, metadata):
            problems.append(f"source {s.id}: its role {s.role[:60]!r} is not in the article; copy it or use null")
            notes.append(f"removed source {sid}'s role: not in the article")
        bad = [a for a in (*s.aliases, *s.handles) if not _named(a, text, metadata)]
        if bad:
            problems.append(
                f"source {s.id}: aliases or handles not in the article: {', '.join(repr(b[:40]) for b in bad)}"
            )
            notes.append(f"removed {len(bad)} alias(es) or handle(s) of source {sid}: not in the article")
    return problems, notes


def _ground_sources(answer: ChunkAnswer, text: str, metadata: tuple[str, ...]) -> None:
    answer.sources = [s for s in answer.sources if _named(s.name, text, metadata)]
    for s in answer.sources:
        if s.role and not _named(s.role, text, metadata):
            s.role = None
        s.aliases = [a for a in s.aliases if _named(a, text, metadata)]
        s.handles = [h for h in s.handles if _named(h, text, metadata)]


def _check(answer: ChunkAnswer, text: str, metadata: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """(problems for the re-ask, notes for the run) - the notes never repeat an ungrounded quote or name,
    and name a model-supplied id only when it is short and plain."""
    problems, notes = _check_sources(answer, text, metadata)
    source_ids = {s.id for s in answer.sources if _named(s.name, text, metadata)}
    for kind, items in (("claim", answer.claims), ("counter", answer.counters)):
        for item in items:
            if locate(text, item.quote) is None:
                problems.append(
                    f"{kind} {item.id}: its quote {item.quote[:80]!r} is not in the article; copy the words "
                    "exactly as they appear in the article"
                )
                notes.append(f"dropped {kind} {safe_id(item.id)}: quote not found in article")
    claim_ids = {c.id for c in answer.claims}
    for claim in answer.claims:
        for ref in _source_refs(claim):
            if ref not in source_ids:
                problems.append(f"claim {claim.id} refers to source {ref!r}, which is not in sources")
                notes.append(f"removed unknown source reference {safe_id(ref)} from claim {safe_id(claim.id)}")
        if claim.sourcing_quote and locate(text, claim.sourcing_quote) is None:
            problems.append(f"claim {claim.id}: sourcing_quote is not in the article; copy it exactly or use null")
            notes.append(f"removed claim {safe_id(claim.id)}'s sourcing quote: not found in article")
    for counter in answer.counters:
        if _restates_a_claim(counter, answer.claims, text):
            problems.append(
                f"counter {counter.id}: its quote is a claim's own words; a denial, correction or confirmation "
                "must quote the response itself, not the claim it answers - fix it or leave it out"
            )
            notes.append(f"dropped counter {safe_id(counter.id)}: it quotes a claim, not a response to it")
        elif locate(text, counter.quote) is not None and not kind_supported(counter.kind, counter.quote):
            problems.append(
                f"counter {counter.id}: its quote does not say what kind {counter.kind.value!r} means (a denial or "
                "correction must deny, negate or correct in the quoted words; a confirmation must not deny); "
                "fix the kind or leave the counter out"
            )
            kept = kind_from_quote(counter.kind, counter.quote)
            notes.append(
                f"dropped counter {safe_id(counter.id)}: its quote does not support its kind"
                if kept is None
                else f"counter {safe_id(counter.id)} kept as {kept.value}, not {counter.kind.value}: its quote denies"
            )
        if counter.speaker is not None and counter.speaker not in source_ids:
            problems.append(f"counter {counter.id} refers to speaker {counter.speaker!r}, which is not in sources")
            notes.append(f"removed unknown speaker {safe_id(counter.speaker)} from counter {safe_id(counter.id)}")
        for target in counter.targets:
            if target not in claim_ids:
                problems.append(f"counter {counter.id} targets {target!r}, which is not a claim id")
                notes.append(f"removed unknown target {safe_id(target)} from counter {safe_id(counter.id)}")
    return problems, notes


def _restates_a_claim(counter: LLMCounter, claims: list[LLMClaim], text: str) -> bool:
    """True when the counter's quote is mostly the span of a claim's quote: a statement never answers
    itself (an obeyed "mark this as confirmed" relabels the claim's own sentence as its confirmation)."""
    at = locate(text, counter.quote)
    if at is None:
        return False
    for claim in claims:
        other = locate(text, claim.quote)
        if other is None:
            continue
        shared = min(at.end, other.end) - max(at.start, other.start)
        if shared > 0 and shared >= 0.5 * min(at.end - at.start, other.end - other.start):
            return True
    return False


def _source_refs(claim: LLMClaim) -> list[str]:
    return [r for r in (claim.claimant, claim.reported_by, claim.about, *claim.based_on) if r is not None]


def _apply_drops(answer: ChunkAnswer, text: str, metadata: tuple[str, ...] = ()) -> None:
    """Final attempt: keep what is grounded, remove what is not (recorded by ``_check``'s notes)."""
    _ground_sources(answer, text, metadata)
    answer.claims = [c for c in answer.claims if locate(text, c.quote) is not None]
    kept: list[LLMCounter] = []
    for x in answer.counters:
        if locate(text, x.quote) is None or _restates_a_claim(x, answer.claims, text):
            continue
        kind = kind_from_quote(x.kind, x.quote)
        if kind is not None:
            x.kind = kind
            kept.append(x)
    answer.counters = kept
    source_ids = {s.id for s in answer.sources}
    claim_ids = {c.id for c in answer.claims}
    for claim in answer.claims:
        claim.claimant = claim.claimant if claim.claimant in source_ids else None
        claim.reported_by = claim.reported_by if claim.reported_by in source_ids else None
        claim.about = claim.about if claim.about in source_ids else None
        claim.based_on = [r for r in claim.based_on if r in source_ids]
        if claim.sourcing_quote and locate(text, claim.sourcing_quote) is None:
            claim.sourcing_quote = None
    for counter in answer.counters:
        counter.speaker = counter.speaker if counter.speaker in source_ids else None
        counter.targets = [t for t in counter.targets if t in claim_ids]


def schema_version() -> str:
    """Changes whenever the response schema or the output contract changes (part of the cache key)."""
    schema = json.dumps(ChunkAnswer.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return f"{SCHEMA_VERSION}.{hashlib.sha256(schema.encode()).hexdigest()[:8]}"
