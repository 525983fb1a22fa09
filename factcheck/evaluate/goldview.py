"""A read-only view of a gold story for scoring, with every evidence string located in its article.

The view is built from the gold JSON format (``fixtures/seeds/gold.json``, documented in
``docs/eval.md``) or from a ``GoldStory`` already loaded (``factcheck.evaluate.gold``): one reader
validates every gold story, the view only adds the located evidence spans the scorer needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..errors import EvalError
from ..models import Article
from ..text.grounding import locate
from ..text.normalize import tokens
from .gold import GoldClaim, GoldCounter, GoldStory


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
    def from_obj(cls, obj: Mapping[str, Any] | GoldStory) -> GoldView:
        """The view of a gold story, read once through ``GoldStory`` (the one gold reader)."""
        if isinstance(obj, GoldStory):
            return cls.from_story(obj)
        try:
            story = GoldStory.model_validate(obj)
        except ValidationError as err:
            raise EvalError(
                f"gold story {obj.get('story', '?')!r} is malformed: {err}",
                hint="compare it with fixtures/seeds/gold.json (format in docs/eval.md)",
            ) from err
        return cls.from_story(story)

    @classmethod
    def from_story(cls, story: GoldStory) -> GoldView:
        def item(raw: GoldClaim | GoldCounter) -> GoldItem:
            counter = raw if isinstance(raw, GoldCounter) else None
            return GoldItem(
                id=raw.id,
                core=raw.core,
                evidence={k: list(v) for k, v in raw.evidence.items()},
                kind=counter.kind.value if counter else None,
                targets=list(counter.targets) if counter else [],
            )

        findings = [
            GoldFinding(
                kind=f.kind.value,
                core=f.core,
                claims=tuple(f.claim_ids()),
                counter=f.counter or None,
                field=f.field or None,
                articles=tuple(f.articles),
            )
            for f in story.findings
        ]
        return cls(
            story=story.story or "?",
            negative=story.negative,
            article_ids=[a.id for a in story.articles],
            claims=[item(c) for c in story.claims],
            counters=[item(c) for c in story.counters],
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
