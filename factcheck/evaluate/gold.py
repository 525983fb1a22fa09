"""The gold annotation format (``fixtures/seeds/gold.json``) and its conversion to Extractions.

A gold story lists its articles (files next to the gold file), the sources, the claims and
counter-statements with verbatim evidence strings per article, and the findings a brief should
contain. ``gold_to_extractions`` turns it into the same ``Extraction`` model the extractors produce
(``extractor="gold"``), so the reconciler can be run on a perfect extraction (the eval's "oracle
run") and newsrooms can bring their own annotation. ``gold_compare.compare_findings`` matches a Brief's findings
against the gold ones.

Summaries in the gold file are annotations: they are never shown as article text, so they go into
no ``statement`` field.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import EvalError, FactcheckError
from ..models import (
    Article,
    Claim,
    CounterKind,
    CounterStatement,
    Extraction,
    FindingKind,
    Quote,
    Source,
    SourceKind,
)
from ..text.grounding import locate

# Findings whose absence or excess the evaluation counts (``consistent`` is informative only); the one
# definition for the gold comparison and the scorer.
CORE_KINDS = frozenset(
    {
        FindingKind.contested,
        FindingKind.attribution_disputed,
        FindingKind.discrepancy,
        FindingKind.single_origin,
        FindingKind.anonymous_sourcing,
        FindingKind.corroborated,
    }
)

_FIX = "fix the gold file (format: fixtures/eval/README.md and fixtures/seeds/gold.json)"


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldArticle(_Gold):
    id: str
    file: str
    outlet: str | None = None
    language: str | None = None
    published: dt.date | None = None
    notes: str | None = None


class GoldSource(_Gold):
    id: str
    name_ar: str | None = None
    name_en: str | None = None
    kind: SourceKind = SourceKind.unknown
    aliases: list[str] = Field(default_factory=list)


class GoldClaim(_Gold):
    id: str
    core: bool = False
    claimant: str | None = None
    based_on: list[str] = Field(default_factory=list)
    about: str | None = None
    summary_en: str | None = None
    evidence: dict[str, list[str]]


class GoldCounter(_Gold):
    id: str
    core: bool = False
    speaker: str | None = None
    via: list[str] = Field(default_factory=list)
    kind: CounterKind
    targets: list[str] = Field(default_factory=list)
    summary_en: str | None = None
    evidence: dict[str, list[str]]


class GoldFinding(_Gold):
    kind: FindingKind
    core: bool = False
    claim: str | None = None
    claims: list[str] = Field(default_factory=list)
    counter: str | None = None
    origin: str | None = None
    articles: list[str] = Field(default_factory=list)
    field: str | None = None
    why: str | None = None

    def claim_ids(self) -> list[str]:
        return [self.claim] if self.claim else list(self.claims)


class GoldStory(_Gold):
    story: str
    about: str | None = None
    articles: list[GoldArticle]
    sources: list[GoldSource] = Field(default_factory=list)
    claims: list[GoldClaim] = Field(default_factory=list)
    counters: list[GoldCounter] = Field(default_factory=list)
    findings: list[GoldFinding] = Field(default_factory=list)
    negative: bool = False


def _check_references(story: GoldStory, where: str) -> None:
    """Every id a claim, counter or finding names must be defined: a typo must not pass silently."""
    articles = {a.id for a in story.articles}
    sources = {s.id for s in story.sources}
    claims = {c.id for c in story.claims}
    counters = {c.id for c in story.counters}
    problems: list[str] = []
    for kind, ids in (
        ("article", [a.id for a in story.articles]),
        ("source", [s.id for s in story.sources]),
        ("claim", [c.id for c in story.claims]),
        ("counter", [c.id for c in story.counters]),
    ):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        problems += [f"duplicate {kind} id {d!r}" for d in dupes]
    for c in story.claims:
        for sid in [c.claimant, c.about, *c.based_on]:
            if sid is not None and sid not in sources:
                problems.append(f"claim {c.id!r} names unknown source {sid!r}")
        problems += [f"claim {c.id!r} cites unknown article {a!r}" for a in c.evidence if a not in articles]
    for k in story.counters:
        for sid in [k.speaker, *k.via]:
            if sid is not None and sid not in sources:
                problems.append(f"counter {k.id!r} names unknown source {sid!r}")
        problems += [f"counter {k.id!r} targets unknown claim {t!r}" for t in k.targets if t not in claims]
        problems += [f"counter {k.id!r} cites unknown article {a!r}" for a in k.evidence if a not in articles]
    for i, f in enumerate(story.findings):
        problems += [f"finding {i} names unknown claim {c!r}" for c in f.claim_ids() if c not in claims]
        if f.counter is not None and f.counter not in counters:
            problems.append(f"finding {i} names unknown counter {f.counter!r}")
        if f.origin is not None and f.origin not in sources:
            problems.append(f"finding {i} names unknown origin {f.origin!r}")
        problems += [f"finding {i} names unknown article {a!r}" for a in f.articles if a not in articles]
    if problems:
        raise EvalError(f"{where}: " + "; ".join(problems), hint=_FIX)


def load_gold(path: str | Path) -> GoldStory:
    """Read and validate a gold file (ids cross-checked); EvalError says what is wrong."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise EvalError(f"{path}: cannot read the gold file ({err.strerror})", hint="check the path") from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise EvalError(f"{path}: not valid UTF-8 JSON ({err})", hint=_FIX) from err
    try:
        story = GoldStory.model_validate(raw)
    except ValidationError as err:
        raise EvalError(f"{path}: not a gold story: {err}", hint=_FIX) from err
    _check_references(story, str(path))
    return story


def load_story_articles(gold_path: str | Path, story: GoldStory | None = None) -> dict[str, Article]:
    """Gold article id -> Article, read with ``load_article`` from the files next to the gold file.

    The gold's outlet, language and published date override what ingest found: they are input
    metadata (like a CMS export), not something to be guessed.
    """
    from ..ingest import load_article  # lazy: ingest pulls in the HTML extractor

    gold_path = Path(gold_path)
    story = story or load_gold(gold_path)
    out: dict[str, Article] = {}
    for ga in story.articles:
        path = gold_path.parent / ga.file
        try:
            loaded = load_article(path)
        except FactcheckError as err:
            raise EvalError(f"{story.story}: article {ga.id!r} ({path}): {err}", hint=_FIX) from err
        if len(loaded) != 1:
            raise EvalError(
                f"{story.story}: article {ga.id!r} ({path}) holds {len(loaded)} articles, not 1",
                hint="give each gold article its own file",
            )
        update: dict[str, object] = {}
        if ga.outlet is not None:
            update["outlet"] = ga.outlet
        if ga.language is not None:
            update["language"] = ga.language
        if ga.published is not None:
            update["published"] = ga.published
        out[ga.id] = loaded[0].model_copy(update=update)
    return out


@dataclass(frozen=True)
class GoldExtraction:
    """Extractions made from a gold story, and which of our ids each gold id became."""

    extractions: list[Extraction]
    claim_ids: dict[str, list[str]] = field(default_factory=dict)
    counter_ids: dict[str, list[str]] = field(default_factory=dict)
    source_ids: dict[str, list[str]] = field(default_factory=dict)
    article_ids: dict[str, str] = field(default_factory=dict)


def _our_id(article: Article, gold_id: str) -> str:
    return f"{article.id}-g-{gold_id}"


def _source(gs: GoldSource, sid: str) -> Source:
    name = gs.name_ar or gs.name_en or gs.id
    handles = [a for a in gs.aliases if a.startswith("@")]
    if gs.name_en and gs.name_en.startswith("@") and gs.name_en not in handles:
        handles.insert(0, gs.name_en)
    aliases = [a for a in gs.aliases if a != name]
    return Source(id=sid, name=name, name_en=gs.name_en, kind=gs.kind, aliases=aliases, handles=handles)


def _outlet_source(story: GoldStory, article: Article, outlet: str) -> tuple[str | None, Source]:
    """The Source for an article's outlet: the gold source it names (by id, name or alias), else a new one."""
    for gs in story.sources:
        if outlet in {gs.id, gs.name_ar, gs.name_en, *gs.aliases}:
            return gs.id, _source(gs, _our_id(article, gs.id))
    kind = SourceKind.social_account if outlet.startswith("@") else SourceKind.news_outlet
    return None, Source(
        id=_our_id(article, "outlet"), name=outlet, kind=kind, handles=[outlet] if outlet.startswith("@") else []
    )


def _locate_all(story: GoldStory, gold_aid: str, article: Article, strings: Sequence[str]) -> list[Quote]:
    quotes = []
    for s in strings:
        q = locate(article.text, s)
        if q is None:
            raise EvalError(
                f"{story.story}: evidence not found in article {gold_aid!r} ({article.input_name}): {s[:80]!r}",
                hint="copy the evidence verbatim from the article (it is matched after Arabic folding)",
            )
        quotes.append(q)
    if not quotes:
        raise EvalError(f"{story.story}: empty evidence list for article {gold_aid!r}", hint=_FIX)
    return quotes


def gold_to_extractions(story: GoldStory, articles: Mapping[str, Article]) -> GoldExtraction:
    """One Extraction per gold article (in gold order), with every evidence string located.

    Raises EvalError naming the story, article and string when evidence is not in the article.
    """
    missing = [ga.id for ga in story.articles if ga.id not in articles]
    if missing:
        raise EvalError(f"{story.story}: no Article given for {missing}", hint="load them with load_story_articles")
    claim_ids: dict[str, list[str]] = {c.id: [] for c in story.claims}
    counter_ids: dict[str, list[str]] = {c.id: [] for c in story.counters}
    source_ids: dict[str, list[str]] = {s.id: [] for s in story.sources}
    article_ids = {ga.id: articles[ga.id].id for ga in story.articles}

    # Claim ids first: counters may target a claim in a later article.
    for gc in story.claims:
        for ga in story.articles:
            if ga.id in gc.evidence:
                claim_ids[gc.id].append(_our_id(articles[ga.id], gc.id))

    extractions = []
    for ga in story.articles:
        ex, used = _GoldArticleExtraction(story, ga.id, articles[ga.id]).extraction(claim_ids)
        for gk in story.counters:
            if ga.id in gk.evidence:
                counter_ids[gk.id].append(_our_id(articles[ga.id], gk.id))
        for gid, src in used.items():
            if gid in source_ids:
                source_ids[gid].append(src.id)
        extractions.append(ex)
    return GoldExtraction(extractions, claim_ids, counter_ids, source_ids, article_ids)


class _GoldArticleExtraction:
    """The Extraction of one gold article: its claims, counters and the sources they name."""

    def __init__(self, story: GoldStory, gold_aid: str, art: Article) -> None:
        self.story, self.gold_aid, self.art = story, gold_aid, art
        self.gsources = {s.id: s for s in story.sources}
        self.used: dict[str, Source] = {}

    def src(self, gid: str | None) -> str | None:
        if gid is None:
            return None
        if gid not in self.used:
            self.used[gid] = _source(self.gsources[gid], _our_id(self.art, gid))
        return self.used[gid].id

    def extraction(self, claim_ids: Mapping[str, list[str]]) -> tuple[Extraction, dict[str, Source]]:
        story, art = self.story, self.art
        reported_by = None
        if art.outlet:
            gid, outlet_src = _outlet_source(story, art, art.outlet)
            self.used[gid or "\0outlet"] = outlet_src
            reported_by = outlet_src.id
        claims = [self._claim(gc, reported_by) for gc in story.claims if self.gold_aid in gc.evidence]
        counters = [self._counter(gk, claim_ids) for gk in story.counters if self.gold_aid in gk.evidence]
        ex = Extraction(
            article=art, sources=list(self.used.values()), claims=claims, counters=counters, extractor="gold"
        )
        return ex, self.used

    def _claim(self, gc: GoldClaim, reported_by: str | None) -> Claim:
        art = self.art
        quotes = _locate_all(self.story, self.gold_aid, art, gc.evidence[self.gold_aid])
        based = [s for s in (self.src(b) for b in gc.based_on) if s]
        anonymous = bool(gc.based_on) and all(self.gsources[b].kind == SourceKind.anonymous for b in gc.based_on)
        return Claim(
            id=_our_id(art, gc.id),
            article_id=art.id,
            quote=quotes[0],
            statement=quotes[0].text,
            claimant=self.src(gc.claimant),
            reported_by=reported_by,
            based_on=based,
            about=self.src(gc.about),
            anonymous=anonymous,
            check_worthiness=0.8 if gc.core else 0.3,
            evidence=quotes[1:],
        )

    def _counter(self, gk: GoldCounter, claim_ids: Mapping[str, list[str]]) -> CounterStatement:
        art = self.art
        quotes = _locate_all(self.story, self.gold_aid, art, gk.evidence[self.gold_aid])
        for v in gk.via:
            self.src(v)
        return CounterStatement(
            id=_our_id(art, gk.id),
            article_id=art.id,
            quote=quotes[0],
            statement=quotes[0].text,
            speaker=self.src(gk.speaker),
            kind=gk.kind,
            targets=[cid for t in gk.targets for cid in claim_ids[t]],
            evidence=quotes[1:],
        )
