"""Step 4b: the facts of each finding as a code and parameters; the sentences are the render table's.

The detector's data becomes a code (``contested_denial``, ``discrepancy_pair`` ...) and parameters
(source ids, the differing words, a count, a value). ``render/explain.py`` holds the one table that
writes them in Arabic and English; the Brief keeps the two rendered explanations for its JSON schema,
written from that same table. Names: Arabic sentences use the source's name as written; English
ones its English name when known, else the name as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..models import CounterKind, FindingKind, Source
from ..render.explain import explanation


class Names:
    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources

    def ar(self, sid: str | None) -> str | None:
        return self.sources[sid].name if sid is not None and sid in self.sources else None

    def en(self, sid: str | None) -> str | None:
        s = self.sources.get(sid) if sid else None
        return (s.name_en or s.name) if s else None


def finding_code(kind: FindingKind, data: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """(code, parameters) of one finding from the facts the detector found."""
    params: dict[str, Any] = {k: data[k] for k in ("claimant", "speaker") if data.get(k) is not None}
    if kind == FindingKind.contested:
        act = "correction" if data.get("counter_kind") == CounterKind.correction else "denial"
        return f"contested_{act}" + ("_subject" if data.get("by_subject") else ""), params
    if kind == FindingKind.attribution_disputed:
        return "attribution_disputed", params
    if kind == FindingKind.corroborated:
        if data.get("speaker") is not None or data.get("counter_kind") is not None:
            return "corroborated_by", params
        return "corroborated_origins", {"origins": list(data["origins"])}
    if kind == FindingKind.discrepancy:
        a, b = list(data["a_words"]), list(data["b_words"])
        if a and b:
            return "discrepancy_pair", {"field": data["field"], "a": a, "b": b}
        return "discrepancy_one", {"field": data["field"], "one": a or b}
    if kind == FindingKind.single_origin:
        return "single_origin", {"n_articles": data["n_articles"], "origin": data["origin"]}
    if kind == FindingKind.anonymous_sourcing:
        return "anonymous_sourcing", {**params, "origin": data["origin"]}
    # JSON has no tuples: a date (y, m, d) is kept as a list so a brief read back from its JSON is equal
    value = list(data["value"]) if isinstance(data["value"], tuple) else data["value"]
    surfaces = list(data["surfaces"])
    if data["field"] == "date":
        return ("consistent_day" if value[2] is not None else "consistent_month"), {
            "value": value,
            "surfaces": surfaces,
        }
    return "consistent_number", {"value": value, "surfaces": surfaces}


def explain(kind: FindingKind, cids: Sequence[str], data: Mapping[str, Any], names: Names) -> tuple[str, str]:
    """(Arabic, English) explanation of one finding, from the render table. The sentences do not
    repeat the claim numbers (``Finding.clusters`` holds them; the brief shows them beside each)."""
    code, params = finding_code(kind, data)
    return explanation(code, params, "ar", names.ar), explanation(code, params, "en", names.en)
