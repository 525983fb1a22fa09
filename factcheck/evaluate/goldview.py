"""A read-only view of a gold story for scoring, with every evidence string located in its article.

The view is built from the gold JSON format (``fixtures/seeds/gold.json``, documented in
``docs/eval.md``) or from any pydantic model that dumps to it (``factcheck.gold.GoldStory``), so the
scorer depends only on the documented format, not on one loader's class layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..errors import EvalError
from ..models import Article
from ..text.grounding import locate
from ..text.normalize import tokens


@dataclass(frozen=True)
class GoldSpan:
    """Where one gold evidence string sits in the cleaned text of an article (our article id)."""

    article_id: str
    start: int
    end: int
    text: str
    located: bool = True  # False: not found after ingest; matched by token Jaccard instead


@dataclass
class GoldItem:
    """A gold claim or counter: its evidence strings per gold article id, and their located spans."""

    id: str
    core: bool
    evidence: dict[str, list[str]]
    kind: str | None = None  # counters only
    targets: list[str] = field(default_factory=list)  # counters only
    spans: list[GoldSpan] = field(default_factory=list)


@dataclass(frozen=True)
class GoldFinding:
    kind: str
    core: bool
    claims: tuple[str, ...]
    counter: str | None
    field: str | None
    articles: tuple[str, ...] = ()  # gold article ids the finding must cover (e.g. single_origin)

    def label(self) -> str:
        parts = [self.kind, "+".join(self.claims)]
        if self.counter:
            parts.append(f"<- {self.counter}")
        return " ".join(parts)


@dataclass
class GoldView:
    story: str
    negative: bool
    article_ids: list[str]
    claims: list[GoldItem]
    counters: list[GoldItem]
    findings: list[GoldFinding]
    notes: list[str] = field(default_factory=list)

    @property
    def links(self) -> list[tuple[str, str]]:
        """(gold counter id, gold claim id) for every counter -> claim link in the gold."""
        return [(c.id, t) for c in self.counters for t in c.targets]

    @classmethod
    def from_obj(cls, obj: Mapping[str, Any] | BaseModel) -> GoldView:
        data: Mapping[str, Any] = obj.model_dump(mode="json", by_alias=True) if isinstance(obj, BaseModel) else obj
        try:
            return cls._from_dict(data)
        except (KeyError, TypeError, AttributeError) as err:
            raise EvalError(
                f"gold story {data.get('story', '?')!r} is malformed: {err!r}",
                hint="compare it with fixtures/seeds/gold.json (format in docs/eval.md)",
            ) from err

    @classmethod
    def _from_dict(cls, data: Mapping[str, Any]) -> GoldView:
        def item(raw: Mapping[str, Any], counter: bool) -> GoldItem:
            return GoldItem(
                id=str(raw["id"]),
                core=bool(raw.get("core", False)),
                evidence={str(k): [str(s) for s in v] for k, v in (raw.get("evidence") or {}).items()},
                kind=str(raw["kind"]) if counter else None,
                targets=[str(t) for t in raw.get("targets") or []] if counter else [],
            )

        findings = []
        for raw in data.get("findings") or []:
            claims = tuple(raw.get("claims") or ([raw["claim"]] if raw.get("claim") else []))
            findings.append(
                GoldFinding(
                    kind=str(raw["kind"]),
                    core=bool(raw.get("core", False)),
                    claims=tuple(str(c) for c in claims),
                    counter=str(raw["counter"]) if raw.get("counter") else None,
                    field=str(raw["field"]) if raw.get("field") else None,
                    articles=tuple(str(a) for a in raw.get("articles") or []),
                )
            )
        return cls(
            story=str(data.get("story") or "?"),
            negative=bool(data.get("negative", False)),
            article_ids=[str(a["id"]) for a in data.get("articles") or []],
            claims=[item(c, False) for c in data.get("claims") or []],
            counters=[item(c, True) for c in data.get("counters") or []],
            findings=findings,
        )

    def locate_evidence(self, articles: Mapping[str, Article]) -> None:
        """Fill every item's ``spans`` from ``articles`` (gold article id -> ingested Article).

        Every occurrence is located (a quote repeated later in the text may be the one extracted).
        Evidence that cannot be found after ingest is kept as an unlocated span and noted.
        """
        for it in [*self.claims, *self.counters]:
            it.spans = []
            for gold_aid, strings in sorted(it.evidence.items()):
                article = articles.get(gold_aid)
                if article is None:
                    self.notes.append(f"{it.id}: evidence names article {gold_aid!r}, which was not loaded")
                    continue
                for s in strings:
                    found = _all_occurrences(article.text, s)
                    if not found:
                        self.notes.append(f"{it.id}: evidence {s[:40]!r} not found in cleaned {gold_aid}")
                        it.spans.append(GoldSpan(article.id, 0, 0, s, located=False))
                    it.spans.extend(GoldSpan(article.id, a, b, s) for a, b in found)


def _all_occurrences(text: str, evidence: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text):
        q = locate(text, evidence, pos)
        if q is None or q.end <= pos:
            break
        out.append((q.start, q.end))
        pos = q.end
    return out


def token_jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the folded word-token sets of ``a`` and ``b`` (0 when either is empty)."""
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
