"""Grounding checks of an LLM answer: every quote, name, role, alias and handle in the article,
every reference to an item of the answer. ``check`` lists the problems (for the re-ask) and the notes
(for the run); ``apply_drops`` keeps what is grounded on the last attempt.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text.grounding import locate
from .support import kind_from_quote, kind_supported

if TYPE_CHECKING:
    from .schema import ChunkAnswer, LLMClaim, LLMCounter

_ID = re.compile(r"[A-Za-z0-9_-]{1,12}")


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


def check(answer: ChunkAnswer, text: str, metadata: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
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


def apply_drops(answer: ChunkAnswer, text: str, metadata: tuple[str, ...] = ()) -> None:
    """Final attempt: keep what is grounded, remove what is not (recorded by ``check``'s notes)."""
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
