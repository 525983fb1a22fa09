"""The brief's reference tables: sources (with what is attached to each) and the method section.

Split from ``factcheck.render`` to keep modules short; both read the same ``_Builder`` lookups.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models import Claim
from . import i18n
from ._notes_i18n import failure_reason, note_views
from .view import FailureRow, Method, SourceRow

if TYPE_CHECKING:
    from .build import _Builder


def source_rows(b: _Builder) -> tuple[SourceRow, ...]:
    rows = []
    for src in b.brief.sources:
        sid = src.id
        claims = [c for c in b.brief.claims if c.id in b.cluster_of]

        def clusters(items: Sequence[Claim]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(b.cluster_of[c.id] for c in items))

        attached: list[tuple[str, tuple[str, ...], bool]] = []
        claimant = tuple(
            dict.fromkeys(
                [k.id for k in b.brief.clusters if k.claimant == sid]
                + [b.cluster_of[c.id] for c in claims if c.claimant == sid]
            )
        )
        for key, ids in (
            ("src_claims", tuple(k for k in (x.id for x in b.brief.clusters) if k in claimant)),
            ("src_based_on", clusters([c for c in claims if sid in c.based_on])),
            ("src_reported", tuple(k.id for k in b.brief.clusters if sid in k.reported_by)),
            ("src_about", clusters([c for c in claims if c.about == sid])),
        ):
            if ids:
                attached.append((b.L[key], ids, False))
        for kind in i18n.COUNTER_KIND:
            targets = tuple(
                dict.fromkeys(
                    b.cluster_of.get(t, t)
                    for c in b.brief.counters
                    if c.speaker == sid and c.kind is kind
                    for t in c.targets
                )
            )
            if targets or any(c.speaker == sid and c.kind is kind for c in b.brief.counters):
                shown = targets or (b.L["target_unknown"],)
                attached.append((b.counter_label(kind, sid), shown, True))
        if not attached:  # a source with no claim or response attached tells the editor nothing
            continue
        ref = b.source(sid)
        assert ref is not None
        rows.append(SourceRow(source=ref, role=src.role, handles=tuple(src.handles), attached=tuple(attached)))
    return tuple(rows)


def method(b: _Builder) -> Method:
    run = b.brief.run
    extractors = tuple(b.L.get(f"extractor_{e}", e) for e in run.extractors)
    usage = run.usage
    if usage.cost_usd is not None:
        cost = f"${usage.cost_usd:.4f}"
    else:
        cost = b.L["cost_unknown"] if usage.calls else b.L["no_model_calls"]
    failures = tuple(
        FailureRow(input_name=f.input_name, stage_label=b.L[f"stage_{f.stage}"], error=failure_reason(f.error, b.lang))
        for f in run.failures
    )
    raw: list[tuple[str | None, str]] = [(None, n) for n in run.notes]
    raw += [(a.id, n) for a in b.brief.articles for n in a.notes]
    notes = note_views(raw, b.labels, b.lang)
    offline = not run.models and usage.calls == 0
    return Method(
        extractors=extractors,
        models=tuple(run.models),
        prompt_version=run.prompt_version,
        calls=usage.calls,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        total_tokens=usage.total_tokens,
        cost=cost,
        offline=offline,
        notes=notes,
        failures=failures,
        factcheck_version=run.factcheck_version,
    )
