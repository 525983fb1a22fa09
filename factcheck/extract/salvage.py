"""Salvage the complete items of an answer that was cut off or did not fit the schema.

A model that hits its output limit stops mid-item (``{"claims": [{...}, {...}, {"id": "c3", "quo``);
the answer as a whole is not JSON, but every item before the cut is. ``complete_items`` scans the
text once (strings and escapes aware) and returns each object that was *closed* inside a top-level
list, parsed on its own; a half-written item is never returned, so nothing is guessed. instructor's
``Partial`` models need a streamed response and accept half-written fields, so they do not fit here.
``salvage`` then validates each item on its own (one bad item costs only itself) and grounds the
result like any answer on its last attempt.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from .schema import STATE_KEY, ChunkAnswer, GroundingState, LLMClaim, LLMCounter, LLMSource

_ITEM_MODELS: dict[str, type[LLMClaim] | type[LLMCounter] | type[LLMSource]] = {
    "claims": LLMClaim,
    "counters": LLMCounter,
    "sources": LLMSource,
}


def complete_items(raw: str) -> tuple[dict[str, list[dict[str, Any]]], set[str]]:
    """(objects closed inside each top-level list, names of the lists that were closed)."""
    items: dict[str, list[dict[str, Any]]] = {}
    closed: set[str] = set()
    begin = raw.find("{")
    if begin < 0:
        return items, closed
    stack: list[str] = []
    in_string = escaped = False
    string_start = 0
    last_key: str | None = None
    current: str | None = None
    item_start = -1
    for i in range(begin, len(raw)):
        ch = raw[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
                if len(stack) == 1:  # a key (or a string value) of the top-level object
                    try:
                        last_key = json.loads(raw[string_start : i + 1])
                    except ValueError:
                        last_key = None
            continue
        if ch == '"':
            in_string, string_start = True, i
        elif ch in "{[":
            if ch == "[" and len(stack) == 1:
                current = last_key
            if ch == "{" and stack == ["{", "["]:
                item_start = i
            stack.append(ch)
        elif ch in "}]":
            if not stack:
                break
            stack.pop()
            if ch == "}" and stack == ["{", "["] and item_start >= 0 and current is not None:
                try:
                    value = json.loads(raw[item_start : i + 1])
                except ValueError:
                    value = None
                if isinstance(value, dict):
                    items.setdefault(current, []).append(value)
                item_start = -1
            elif ch == "]" and len(stack) == 1 and current is not None:
                closed.add(current)
                current = None
            if not stack:
                break
    return items, closed


def salvage(raw: str, state: GroundingState) -> tuple[ChunkAnswer, int, set[str]]:
    """(the grounded answer made of the complete, valid items, how many items were unusable, closed lists)."""
    found, closed = complete_items(raw)
    kept: dict[str, list[dict[str, Any]]] = {name: [] for name in _ITEM_MODELS}
    unusable = 0
    for name, model in _ITEM_MODELS.items():
        for item in found.get(name, []):
            try:
                model.model_validate(item)
            except ValidationError:
                unusable += 1
                continue
            kept[name].append(item)
    final = GroundingState(text=state.text, max_attempts=0, metadata=state.metadata)  # drop, never re-ask
    answer = ChunkAnswer.model_validate(kept, context={STATE_KEY: final})
    state.drops.extend(final.drops)
    state.repeats += final.repeats
    return answer, unusable, closed
