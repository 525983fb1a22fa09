"""The response models the LLM fills, and their grounding validation.

The model answers one article chunk with ``ChunkAnswer``: sources, claims and counter-statements,
each item with a local id (``s1``, ``c1``, ``x1``). Per-field guidance for the model lives in
``Field(description=...)`` (it reaches the model through the JSON schema). Descriptions must never
contain Jinja markers (double braces, brace-percent, brace-hash): instructor renders the system message
(which carries the schema in JSON modes) as a Jinja template.

Grounding runs in ``ChunkAnswer``'s validator (checks in ``answer_check``) with instructor's validation context (a
``GroundingState`` under the ``STATE_KEY`` key): every quote must be locatable in the chunk the
model saw and every id a counter or claim refers to must exist. On every attempt but the last, a
problem raises (instructor sends the error back to the model as a re-ask); on the last attempt the
offending items are dropped instead and the drops recorded, so one bad quote never costs a
otherwise good answer.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..models import SCHEMA_VERSION, CounterKind, SourceKind
from ..text.normalize import fold
from .answer_check import apply_drops, check

STATE_KEY = "factcheck_grounding"


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
    repeats: int = 0  # repeated identical items dropped (and items past a list's bound)

    @property
    def final(self) -> bool:
        return self.attempt >= self.max_attempts


class _LLMModel(BaseModel):
    # Models add fields we did not ask for; ignoring them is harmless, failing on them is not.
    model_config = ConfigDict(extra="ignore")


# Bounds per answer (one part): generous for a real article, tight enough that a model stuck
# repeating one item (seen: the same source 26 times) stops early; the schema says them, and
# grammar-constrained servers (llama-server json_schema) enforce them while decoding.
MAX_ITEMS = {"claims": 40, "counters": 20, "sources": 30}
UNKNOWN = "unknown"
# Fields the schema marks required so that a model must say who (or "unknown") instead of leaving
# them out; the parser still accepts answers without them (recorded answers, lenient servers).
_REQUIRED = {
    "LLMClaim": ("claimant", "statement_ar"),
    "LLMCounter": ("speaker", "kind", "statement_ar"),
    "ChunkAnswer": ("claims", "counters", "sources"),
}


def _none_if_unknown(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in ("", UNKNOWN, "none", "null", "n/a"):
        return None
    return value


class LLMSource(_LLMModel):
    id: str
    name: str = Field(min_length=1, description="As written.")
    name_en: str | None = Field(default=None, description="Usual English name, or null; never invented.")
    kind: SourceKind = SourceKind.unknown
    role: str | None = Field(default=None, description="Title or role as written, or null.")
    aliases: list[str] = Field(default_factory=list, description="Other names in the article.")
    handles: list[str] = Field(default_factory=list, description="With @.")

    @field_validator("kind", mode="before")
    @classmethod
    def _lenient_kind(cls, value: Any) -> Any:
        known = {k.value for k in SourceKind}
        return value if value in known or isinstance(value, SourceKind) else SourceKind.unknown.value

    @field_validator("name_en", "role", mode="before")
    @classmethod
    def _unknown(cls, value: Any) -> Any:
        return _none_if_unknown(value)


class _Item(_LLMModel):
    quote: str = Field(min_length=1)  # "verbatim" is the first rule of the system prompt
    statement: str = Field(min_length=1, description="One short sentence, the article's language.")
    statement_en: str = Field(min_length=1, description="English.")
    statement_ar: str | None = Field(default=None, description="Arabic, or null for an Arabic article.")

    @field_validator("statement_ar", mode="before")
    @classmethod
    def _no_ar(cls, value: Any) -> Any:
        return _none_if_unknown(value)


class LLMClaim(_Item):
    id: str = Field(description="c1, c2...")
    claimant: str | None = Field(default=None, description='Source id of who asserts it, or "unknown".')
    reported_by: str | None = Field(default=None, description="Source id of the outlet reporting it.")
    based_on: list[str] = Field(default_factory=list, description="Source ids it rests on.")
    about: str | None = Field(default=None, description="Source id it is about.")
    anonymous: bool = Field(default=False, description="Rests only on unnamed sources.")
    sourcing_quote: str | None = Field(default=None, description="Verbatim words saying where it comes from.")
    check_worthiness: float = Field(default=0.5, description="0-1.")

    @field_validator("check_worthiness", mode="before")
    @classmethod
    def _clamp(cls, value: Any) -> Any:
        if isinstance(value, int | float):
            return min(1.0, max(0.0, float(value)))
        return value

    @field_validator("claimant", "reported_by", "about", "sourcing_quote", mode="before")
    @classmethod
    def _unknown(cls, value: Any) -> Any:
        return _none_if_unknown(value)

    @field_validator("based_on", mode="before")
    @classmethod
    def _known(cls, value: Any) -> Any:
        return [v for v in value if _none_if_unknown(v) is not None] if isinstance(value, list) else value


class LLMCounter(_Item):
    id: str = Field(description="x1, x2...")
    kind: CounterKind = Field(
        description="denial: says it is untrue; attribution_denial: denies having said it; correction: says "
        "it is otherwise."
    )
    speaker: str | None = Field(default=None, description='Source id of who says it, or "unknown".')
    targets: list[str] = Field(default_factory=list, description="Ids of the claims it answers.")
    target_text: str | None = Field(default=None, description="What it says it answers, as written.")

    @field_validator("speaker", "target_text", mode="before")
    @classmethod
    def _unknown(cls, value: Any) -> Any:
        return _none_if_unknown(value)


def _lean(schema: dict[str, Any], *, descriptions: bool) -> dict[str, Any]:
    """The JSON schema the model sees: no titles or defaults (tokens that tell a model nothing),
    list bounds, required attribution fields, and descriptions only when asked for."""

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(v) for v in node]
        if not isinstance(node, dict):
            return node
        # minLength is checked by the parser (an empty quote is re-asked); it tells a model nothing.
        out = {k: walk(v) for k, v in node.items() if k not in ("title", "default", "minLength")}
        if not descriptions:
            out.pop("description", None)
        options = out.get("anyOf")
        if isinstance(options, list) and all(set(o) == {"type"} for o in options):
            out.pop("anyOf")  # anyOf [string, null] said in one short type list
            out["type"] = [o["type"] for o in options]
        props = out.get("properties")
        if isinstance(props, dict) and "id" in props:  # the id first, as the model writes it first
            out["properties"] = {"id": props["id"], **{k: v for k, v in props.items() if k != "id"}}
        return out

    lean: dict[str, Any] = walk(schema)
    lean.pop("description", None)
    lean["title"] = "ChunkAnswer"  # instructor names the tool after it
    for def_name, fields in _REQUIRED.items():
        target = lean if def_name == "ChunkAnswer" else lean.get("$defs", {}).get(def_name)
        if target is not None:
            target["required"] = list(dict.fromkeys([*target.get("required", []), *fields]))
            for name in ("claimant", "speaker"):  # said by id or as "unknown", never left out or null
                if name in fields:
                    target["properties"][name]["type"] = "string"
    for list_name, bound in MAX_ITEMS.items():
        lean["properties"][list_name]["maxItems"] = bound
    defs = lean.get("$defs", {})
    if "LLMClaim" in defs and "LLMCounter" in defs:  # a description shared by claims and counters, said once
        claim = defs["LLMClaim"]["properties"]
        for name, prop in defs["LLMCounter"]["properties"].items():
            if name in claim and prop.get("description") == claim[name].get("description"):
                prop.pop("description", None)
    return lean


class ChunkAnswer(_LLMModel):
    """Claims, counter-statements and their sources found in the article text."""

    # Claims and counters come first: an answer cut off at its output limit then loses sources
    # (attribution), not the claims; the salvage keeps every complete item before the cut.
    claims: list[LLMClaim] = Field(default_factory=list)
    counters: list[LLMCounter] = Field(default_factory=list)
    sources: list[LLMSource] = Field(default_factory=list)

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return _lean(super().model_json_schema(*args, **kwargs), descriptions=True)

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> ChunkAnswer:
        state = (info.context or {}).get(STATE_KEY)
        repeats = _dedupe(self)
        if not isinstance(state, GroundingState):
            return self  # parsing without an article (e.g. schema checks): nothing to ground against
        state.repeats = repeats
        problems, drops = check(self, state.text, state.metadata)
        if not problems:
            state.drops = []
            return self
        if not state.final:
            state.reasks += 1
            raise ValueError(
                "Some items are not grounded in the article text. Fix them or leave them out:\n- "
                + "\n- ".join(problems)
            )
        apply_drops(self, state.text, state.metadata)
        state.drops = drops
        return self


class BareChunkAnswer(ChunkAnswer):
    """The same answer with a schema without descriptions, for the modes that get the field guide
    in the system prompt instead (json_schema, json, md_json): the guide is said once, not twice."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return _lean(BaseModel.model_json_schema.__func__(cls, *args, **kwargs), descriptions=False)  # type: ignore[attr-defined]


def _dedupe(answer: ChunkAnswer) -> int:
    """Drop repeated items (a looping model repeats one source or claim many times) and bound each
    list; references to a dropped repeat point to its first occurrence. Returns how many went."""
    dropped = 0
    source_alias: dict[str, str] = {}
    first_source: dict[str, str] = {}
    sources: list[LLMSource] = []
    for s in answer.sources:
        key = fold(s.name)
        if key in first_source:
            source_alias.setdefault(s.id, first_source[key])
            dropped += 1
            continue
        first_source[key] = s.id
        sources.append(s)
    claim_alias: dict[str, str] = {}
    first_claim: dict[str, str] = {}
    claims: list[LLMClaim] = []
    for c in answer.claims:
        key = fold(c.quote)
        if key in first_claim:
            claim_alias.setdefault(c.id, first_claim[key])
            dropped += 1
            continue
        first_claim[key] = c.id
        claims.append(c)
    seen: set[tuple[str, str]] = set()
    counters: list[LLMCounter] = []
    for x in answer.counters:
        key2 = (x.kind.value, fold(x.quote))
        if key2 in seen:
            dropped += 1
            continue
        seen.add(key2)
        counters.append(x)
    extra = sum(
        max(0, len(v) - MAX_ITEMS[k]) for k, v in (("claims", claims), ("counters", counters), ("sources", sources))
    )
    answer.claims = claims[: MAX_ITEMS["claims"]]
    answer.counters = counters[: MAX_ITEMS["counters"]]
    answer.sources = sources[: MAX_ITEMS["sources"]]

    def src(ref: str | None) -> str | None:
        return source_alias.get(ref, ref) if ref is not None else None

    for c in answer.claims:
        c.claimant, c.reported_by, c.about = src(c.claimant), src(c.reported_by), src(c.about)
        c.based_on = list(dict.fromkeys(r for r in (src(b) for b in c.based_on) if r is not None))
    for x in answer.counters:
        x.speaker = src(x.speaker)
        x.targets = list(dict.fromkeys(claim_alias.get(t, t) for t in x.targets))
    return dropped + extra


def schema_version() -> str:
    """Changes whenever the response schema or the output contract changes (part of the cache key)."""
    schema = json.dumps(ChunkAnswer.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return f"{SCHEMA_VERSION}.{hashlib.sha256(schema.encode()).hexdigest()[:8]}"
