"""The pydantic models: the only contract between the pipeline's stages.

ingest -> Article; extract -> Extraction (one per article); reconcile -> Brief; render reads a Brief.
Every stage can be run alone on the JSON of these models (``factcheck extract``/``reconcile``/``render``).

Offsets are Python string indices (Unicode code points) into ``Article.text``, the cleaned NFC text,
end exclusive: ``article.text[q.start:q.end] == q.text`` holds for every quote in every model.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False)


class SourceKind(str, Enum):
    news_outlet = "news_outlet"
    news_agency = "news_agency"
    government = "government"
    official = "official"
    person = "person"
    organisation = "organisation"
    social_account = "social_account"
    generic = "generic"  # a class named by a common noun (analysts, residents, reports): not a named source
    anonymous = "anonymous"
    unknown = "unknown"


class CounterKind(str, Enum):
    denial = "denial"
    attribution_denial = "attribution_denial"
    correction = "correction"
    confirmation = "confirmation"


class FindingKind(str, Enum):
    contested = "contested"
    attribution_disputed = "attribution_disputed"
    discrepancy = "discrepancy"
    single_origin = "single_origin"
    anonymous_sourcing = "anonymous_sourcing"
    corroborated = "corroborated"
    consistent = "consistent"


class ClaimStatus(str, Enum):
    """A claim cluster's status, derived from its findings; ordered from most to least urgent."""

    attribution_disputed = "attribution_disputed"
    contested = "contested"
    discrepant = "discrepant"
    anonymous_only = "anonymous_only"
    single_origin = "single_origin"
    corroborated = "corroborated"
    reported = "reported"


class Quote(_Model):
    """A verbatim excerpt of an article, located by its character span in the cleaned text."""

    text: str = Field(min_length=1, description="The exact characters of the article, copied verbatim.")
    start: int = Field(ge=0, description="Offset of the first character in Article.text.")
    end: int = Field(ge=0, description="Offset one past the last character in Article.text.")

    @model_validator(mode="after")
    def _span_matches_length(self) -> Quote:
        if self.end - self.start != len(self.text):
            raise ValueError(f"span {self.start}:{self.end} does not have the quote's length {len(self.text)}")
        return self


class ArticleDate(_Model):
    """A date found in an article (metadata, or an embedded post such as a tweet)."""

    date: dt.date
    origin: Literal["metadata", "text", "embed", "input"]
    quote: Quote | None = None


class Article(_Model):
    id: str = Field(description="Stable id: 'a' + the first 12 hex digits of the SHA-256 of the cleaned text.")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str = Field(default="und", description="ISO 639-1 code ('ar', 'en'), 'und' when unknown.")
    text: str = Field(description="Cleaned NFC text; every span points into it.")
    input_name: str | None = Field(default=None, description="The file (or '-') the article came from.")
    encoding: str | None = Field(default=None, description="The encoding the input was decoded from.")
    dates: list[ArticleDate] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="What ingest changed or removed, and why.")


class Source(_Model):
    id: str
    name: str = Field(description="The name as written in the article.")
    name_en: str | None = Field(default=None, description="English name when known; never guessed.")
    kind: SourceKind = SourceKind.unknown
    aliases: list[str] = Field(default_factory=list)
    handles: list[str] = Field(default_factory=list, description="Social-media handles, with '@'.")
    role: str | None = Field(default=None, description="Title or role as written, e.g. 'وزير النقل الأردني'.")


class Claim(_Model):
    id: str
    article_id: str
    quote: Quote
    statement: str = Field(description="A short statement of what is asserted, in the article's language.")
    statement_en: str | None = Field(default=None, description="Faithful English rendering (LLM only).")
    statement_ar: str | None = Field(default=None, description="Faithful Arabic rendering (LLM only).")
    claimant: str | None = Field(default=None, description="Source id of who asserts it.")
    reported_by: str | None = Field(default=None, description="Source id of the outlet that reports it.")
    based_on: list[str] = Field(default_factory=list, description="Source ids the claim rests on.")
    about: str | None = Field(default=None, description="Source id of the claim's subject, if a source.")
    anonymous: bool = Field(default=False, description="Rests only on unnamed sources.")
    check_worthiness: float = Field(default=0.5, ge=0.0, le=1.0)
    evidence: list[Quote] = Field(default_factory=list, description="Further spans (sourcing phrases).")


class CounterStatement(_Model):
    id: str
    article_id: str
    quote: Quote
    statement: str
    statement_en: str | None = None
    statement_ar: str | None = None
    speaker: str | None = Field(default=None, description="Source id of who denies/corrects/confirms.")
    kind: CounterKind
    targets: list[str] = Field(default_factory=list, description="Claim ids it answers (any article).")
    target_text: str | None = Field(
        default=None, description="What it says it answers, as written (e.g. 'التقارير الصحفية عن ...')."
    )
    evidence: list[Quote] = Field(default_factory=list)
    inferred: bool = Field(
        default=False,
        description="Set by the reconciler only: a response it inferred from a claim's content (a report that "
        "confirms or contradicts another in other words), not a statement the article frames as a response.",
    )


class Usage(_Model):
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        both_unknown = self.cost_usd is None and other.cost_usd is None
        cost = None if both_unknown else (self.cost_usd or 0) + (other.cost_usd or 0)
        return Usage(
            calls=self.calls + other.calls,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            cost_usd=cost,
        )


class Extraction(_Model):
    """One article's extraction; ids are unique across articles (prefixed with the article id)."""

    schema_version: str = SCHEMA_VERSION
    article: Article
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    counters: list[CounterStatement] = Field(default_factory=list)
    extractor: Literal["offline", "llm", "gold", "external"] = "offline"
    model: str | None = None
    prompt_version: str | None = None
    usage: Usage = Field(default_factory=Usage)
    cached: bool = False
    notes: list[str] = Field(default_factory=list, description="What was dropped (e.g. ungrounded) or not done.")


class Evidence(_Model):
    article_id: str
    quote: Quote
    role: Literal["claim", "counter", "sourcing", "version", "date"] = "claim"
    item: str | None = Field(default=None, description="The claim or counter id this span belongs to.")


class Version(_Model):
    """One side of a discrepancy: a claim's wording and the words that differ from the other side."""

    claim: str
    article_id: str
    quote: Quote
    differing: list[str] = Field(default_factory=list)


class Finding(_Model):
    id: str
    kind: FindingKind
    clusters: list[str] = Field(default_factory=list)
    claims: list[str] = Field(default_factory=list)
    counters: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    origin: str | None = Field(default=None, description="Source id of the origin (single_origin, anonymous).")
    field: Literal["number", "date", "scope", "wording"] | None = None
    versions: list[Version] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    code: str | None = Field(default=None, description="What the finding states, e.g. 'discrepancy_pair'.")
    params: dict[str, Any] = Field(
        default_factory=dict, description="The facts the code is written from (source ids, words, a count, a value)."
    )
    explanation_ar: str  # written from code and params (factcheck.render.explain), kept for the schema
    explanation_en: str


class ClaimCluster(_Model):
    id: str = Field(description="C1, C2 ... in brief order; the same numbers in both languages.")
    claims: list[str]
    articles: list[str]
    claimant: str | None = None
    reported_by: list[str] = Field(default_factory=list)
    origin: str | None = None
    status: ClaimStatus = ClaimStatus.reported
    findings: list[str] = Field(default_factory=list)
    counters: list[str] = Field(default_factory=list)


class ArticleFailure(_Model):
    input_name: str
    error: str
    # "partial": the article is in the brief, but some of its parts could not be extracted.
    stage: Literal["ingest", "extract", "partial"] = "ingest"
    # What the LLM calls for an article that failed cost (a partial one's is in its extraction).
    usage: Usage = Field(default_factory=Usage)


class RunInfo(_Model):
    schema_version: str = SCHEMA_VERSION
    factcheck_version: str
    extractors: list[str] = Field(default_factory=list)
    models: list[str] = Field(default_factory=list)
    prompt_version: str | None = None
    usage: Usage = Field(default_factory=Usage)
    failures: list[ArticleFailure] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class Brief(_Model):
    schema_version: str = SCHEMA_VERSION
    articles: list[Article]
    sources: list[Source]
    claims: list[Claim]
    counters: list[CounterStatement]
    clusters: list[ClaimCluster]
    findings: list[Finding]
    run: RunInfo
