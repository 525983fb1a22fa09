"""Stage 4: render a Brief as Markdown, standalone HTML or JSON.

JSON is the model itself. Markdown and HTML come from Jinja templates (``templates/brief.md.j2``,
``templates/brief.html.j2`` and their partials) fed with a view (``factcheck.view``) built here: one
``Part`` per language, holding the six sections of the design note in order, already sorted and
labelled, so templates only lay things out. Everything is derived from the brief alone (no clock,
no locale), so the same brief gives byte-identical output.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Literal

import jinja2

from . import i18n
from ._bottomline import dispute_sentences, origin_sentences, responses, short_quote, versions_sentence
from ._notes_i18n import is_estimated_date
from ._sections import method, source_rows
from .diff import changes_views
from .errors import ConfigError, GroundingError, TemplateError
from .models import (
    Brief,
    Claim,
    ClaimCluster,
    ClaimStatus,
    CounterKind,
    CounterStatement,
    Finding,
    FindingKind,
    Quote,
    SourceKind,
)
from .resources import template_env
from .text.grounding import ungrounded
from .text.scripts import has_arabic
from .view import (
    ArticleRow,
    BottomItem,
    ClaimRow,
    ConsistentItem,
    CounterView,
    DisputeItem,
    OriginItem,
    Part,
    QuoteView,
    SourceRef,
    VersionsItem,
    VersionView,
    WordsView,
    mark_segments,
    md_escape,
    script_lang,
    text_dir,
)

Format = Literal["md", "html", "json"]

_DISPUTE_KINDS = (FindingKind.attribution_disputed, FindingKind.contested)
_ORIGIN_KINDS = (
    FindingKind.contested,
    FindingKind.attribution_disputed,
    FindingKind.single_origin,
    FindingKind.anonymous_sourcing,
)
_ORIGIN_STATUSES = (
    ClaimStatus.contested,
    ClaimStatus.attribution_disputed,
    ClaimStatus.single_origin,
    ClaimStatus.anonymous_only,
)


class _Builder:
    """Builds one language's Part from the brief; lookups are shared between languages."""

    def __init__(self, brief: Brief, lang: str, digits: str = "latin") -> None:
        self.brief = brief
        self.lang = lang
        self.digits = digits if lang == "ar" else "latin"  # English text keeps Latin digits
        self.L = i18n.labels(lang)
        self.articles = {a.id: a for a in brief.articles}
        self.labels = {a.id: f"A{i}" for i, a in enumerate(brief.articles, 1)}
        self.sources = {s.id: s for s in brief.sources}
        self.claims = {c.id: c for c in brief.claims}
        self.counters = {c.id: c for c in brief.counters}
        self.findings = {f.id: f for f in brief.findings}
        # English names come from a model only on the LLM path (a gold file's are a person's work).
        self.machine_names = "llm" in brief.run.extractors
        self.texts = {a.id: a.text for a in brief.articles}
        self.order = [a.id for a in brief.articles]
        self.cluster_of: dict[str, str] = {}
        for cluster in brief.clusters:
            for claim_id in cluster.claims:
                self.cluster_of.setdefault(claim_id, cluster.id)

    # -- small pieces
    def date(self, article_id: str) -> str | None:
        article = self.articles.get(article_id)
        if article is None or article.published is None:
            return None
        return self.num(i18n.format_date(article.published, self.lang))

    def num(self, text: str) -> str:
        """Generated text (dates, counts) in the configured digits."""
        return i18n.digits(text, self.digits)

    def source(self, source_id: str | None) -> SourceRef | None:
        if source_id is None:
            return None
        src = self.sources.get(source_id)
        if src is None:  # a dangling id: show it rather than hide that something is referenced
            return SourceRef(
                source_id,
                source_id,
                "und",
                "ltr",
                i18n.source_kind_label(SourceKind.unknown, self.lang),
                False,
            )
        english = self.lang == "en" and bool(src.name_en) and src.name_en != src.name
        rendered = english and self.machine_names
        name = src.name_en if english and src.name_en else src.name
        lang = script_lang(name)
        return SourceRef(
            src.id,
            name,
            lang,
            text_dir(lang),
            i18n.source_kind_label(src.kind, self.lang),
            src.kind is SourceKind.anonymous,
            rendered,
        )

    def feminine(self, source_id: str | None) -> bool:
        src = self.sources.get(source_id) if source_id else None
        return src is not None and i18n.feminine_ar(src.name, src.kind)

    def counter_label(self, kind: CounterKind, speaker: str | None) -> str:
        return i18n.counter_kind_label(kind, self.lang, feminine=self.feminine(speaker))

    def words(self, text: str, fallback: str = "und", *, quoted: bool = False) -> WordsView:
        lang = script_lang(text, fallback)
        return WordsView(text, lang, text_dir(lang), quoted)

    def sources_of(self, ids: Sequence[str]) -> tuple[SourceRef, ...]:
        return tuple(ref for ref in (self.source(i) for i in ids) if ref is not None)

    def article_labels(self, ids: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.labels.get(i, i) for i in ids)

    def quote(
        self,
        article_id: str,
        quote: Quote,
        *,
        item: Claim | CounterStatement | None = None,
        differing: Sequence[str] = (),
    ) -> QuoteView:
        article = self.articles.get(article_id)
        qlang = script_lang(quote.text, article.language if article else "und")
        foreign = qlang != self.lang
        rendering = note = None
        if foreign:
            if item is not None:
                rendering = item.statement_en if self.lang == "en" else item.statement_ar
            orig = self.L.get(f"orig_lang_{qlang}", self.L["orig_lang_other"])
            note = orig if rendering else self.L["untranslated"].format(orig=orig)
        return QuoteView(
            quote.text,
            mark_segments(quote.text, differing),
            qlang,
            text_dir(qlang),
            article_id,
            self.labels.get(article_id, article_id),
            quote.start,
            quote.end,
            foreign,
            rendering,
            note,
        )

    def explanation(self, finding: Finding) -> str:
        return finding.explanation_ar if self.lang == "ar" else finding.explanation_en

    def cluster_findings(self, cluster: ClaimCluster) -> list[Finding]:
        ids = set(cluster.findings) | {f.id for f in self.brief.findings if cluster.id in f.clusters}
        return [f for f in self.brief.findings if f.id in ids]  # brief order, deterministic

    def first_claim(self, cluster: ClaimCluster, prefer: Sequence[str] = ()) -> Claim | None:
        for claim_id in [*prefer, *cluster.claims]:
            if claim_id in self.claims and claim_id in cluster.claims:
                return self.claims[claim_id]
        return None

    def status(self, cluster: ClaimCluster) -> tuple[str, str]:
        return cluster.status.value, i18n.status_label(cluster.status, self.lang)

    # -- sections
    def header(self) -> tuple[tuple[ArticleRow, ...], tuple[ConsistentItem, ...]]:
        rows = tuple(
            ArticleRow(
                self.labels[a.id],
                a.id,
                a.outlet,
                a.title,
                script_lang(a.title or "", a.language),
                self.date(a.id),
                a.input_name,
                a.language,
                is_estimated_date(a.notes),
            )
            for a in self.brief.articles
        )
        consistent = []
        for f in self.brief.findings:
            if f.kind is not FindingKind.consistent:
                continue
            quotes = [self.quote(v.article_id, v.quote, differing=v.differing) for v in f.versions]
            quotes += [self.quote(e.article_id, e.quote) for e in f.evidence if not f.versions]
            text = self.explanation(f)
            if self.lang == "en" and has_arabic(text):
                # the reconciler's English quotes Arabic words inline, where bidi scrambles them; the
                # quotes below show those words, isolated
                text = i18n.LABELS["consistent_" + ("date" if f.field == "date" else "number")]["en"]
            consistent.append(ConsistentItem(f.id, tuple(f.clusters), text, tuple(quotes)))
        return rows, tuple(consistent)

    def dispute(self) -> tuple[DisputeItem, ...]:
        """One item per cluster in dispute (all its contested/attribution findings merged)."""
        items = []
        for cluster in self.brief.clusters:
            found = [f for f in self.cluster_findings(cluster) if f.kind in _DISPUTE_KINDS]
            claim = self.first_claim(cluster, [c for f in found for c in f.claims])
            if not found or claim is None:
                continue
            counter_ids = dict.fromkeys(c for f in found for c in (f.counters or cluster.counters))
            counters = [self.counters[cid] for cid in counter_ids if cid in self.counters]
            # One quote per speaker and kind of response: the words carrying the response, with their
            # cue; the articles it appears in are all named ([A1, A2]); every span stays in the JSON.
            views = []
            responders = []
            for r in responses(counters, self.texts, self.order):
                days = tuple(dict.fromkeys(d for d in (self.date(a) for a in r.articles) if d))
                quote = self.quote(r.shown.article_id, r.quote, item=r.shown)
                quote = replace(quote, article_label=self.L["sep"].join(self.article_labels(r.articles)))
                label = self.counter_label(r.kind, r.speaker)
                views.append(CounterView(self.source(r.speaker), label, self.L["sep"].join(days) or None, quote))
                responders.append((self.source(r.speaker), label, days))
            dates = sorted(a.published for a in self.brief.articles if a.id in cluster.articles and a.published)
            items.append(
                DisputeItem(
                    cluster.id,
                    *self.status(cluster),
                    # the badge already says the status: name only findings it does not say
                    self.L["sep"].join(
                        dict.fromkeys(
                            i18n.finding_label(f.kind, self.lang) for f in found if f.kind.value != cluster.status.value
                        )
                    ),
                    self.source(cluster.claimant or claim.claimant),
                    self.source(claim.about),
                    self.sources_of(cluster.reported_by),
                    self.article_labels(cluster.articles),
                    self.num(i18n.format_date(dates[0], self.lang)) if dates else None,
                    self.quote(claim.article_id, claim.quote, item=claim),
                    tuple(views),
                    tuple(responders),
                    (),  # the bottom line says who denies what; the explanation would repeat it
                )
            )
        return tuple(items)

    def versions(self) -> tuple[VersionsItem, ...]:
        items = []
        for f in self.brief.findings:
            if f.kind is not FindingKind.discrepancy or not f.versions:
                continue
            views = []
            for i, v in enumerate(f.versions):
                article = self.articles.get(v.article_id)
                claim = self.claims.get(v.claim)
                cid = self.cluster_of.get(v.claim)
                cluster = next((k for k in self.brief.clusters if k.id == cid), None)
                holder = (cluster.claimant if cluster else None) or (claim.claimant if claim else None)
                src = self.sources.get(holder) if holder else None
                role = None
                if src is not None and src.role and src.role not in src.name:
                    role = self.words(src.role, article.language if article else "und")
                views.append(
                    VersionView(
                        chr(ord("A") + i) if i < 26 else str(i + 1),
                        v.claim,
                        self.cluster_of.get(v.claim),
                        article.outlet if article else None,
                        self.date(v.article_id),
                        self.quote(v.article_id, v.quote, item=claim, differing=v.differing),
                        self.source(holder),
                        role,
                    )
                )
            items.append(
                VersionsItem(
                    f.id,
                    tuple(f.clusters),
                    i18n.field_label(f.field, self.lang) if f.field else None,
                    self.explanation(f),
                    tuple(views),
                    tuple(versions_sentence(self, f) or ()),
                )
            )
        return tuple(items)

    def origins(self) -> tuple[OriginItem, ...]:
        items = []
        for cluster in self.brief.clusters:
            findings = [f for f in self.cluster_findings(cluster) if f.kind in _ORIGIN_KINDS]
            if cluster.status not in _ORIGIN_STATUSES and not findings:
                continue
            claims = [self.claims[c] for c in cluster.claims if c in self.claims]
            based = sorted({s for c in claims for s in c.based_on})
            based_refs = self.sources_of(based)
            origin_id = cluster.origin or next((f.origin for f in findings if f.origin), None)
            anonymous = any(c.anonymous for c in claims) or (bool(based_refs) and all(r.anonymous for r in based_refs))
            single = any(f.kind is FindingKind.single_origin for f in findings) or cluster.origin is not None
            n = len(cluster.articles)
            sentences = tuple(tuple(x) for x in origin_sentences(self, cluster, findings))
            repeated = None
            if n > 1 and not any(f.kind is FindingKind.single_origin for f in findings):  # else a sentence says it
                repeated = self.L["repeated" if single else "repeated_many"].format(n=n)
            claimant = cluster.claimant or next((c.claimant for c in claims if c.claimant), None)
            explanations = tuple(
                dict.fromkeys(
                    self.explanation(f)
                    for f in findings
                    if f.kind in (FindingKind.single_origin, FindingKind.anonymous_sourcing)
                )
            )
            items.append(
                OriginItem(
                    cluster.id,
                    *self.status(cluster),
                    self.sources_of(cluster.reported_by),
                    self.source(claimant),
                    based_refs,
                    self.source(origin_id),
                    anonymous,
                    repeated,
                    explanations,
                    sentences,
                )
            )
        return tuple(items)

    def claim_rows(self) -> tuple[ClaimRow, ...]:
        rows = []
        for cluster in self.brief.clusters:
            claim = self.first_claim(cluster)
            if claim is None:
                continue
            rows.append(
                ClaimRow(
                    cluster.id,
                    # an overview: long quotes are cut at a word (the shown part keeps its exact span)
                    short_quote(self, claim.article_id, claim.quote, limit=120, item=claim),
                    self.source(cluster.claimant or claim.claimant),
                    self.sources_of(cluster.reported_by),
                    *self.status(cluster),
                    self.article_labels(cluster.articles),
                )
            )
        return tuple(rows)

    def bottom(self) -> tuple[BottomItem, ...]:
        """The first screen: one item per claim in dispute, then one per set of differing versions."""
        items = []
        for cluster in self.brief.clusters:
            found = [f for f in self.cluster_findings(cluster) if f.kind in _DISPUTE_KINDS]
            if not found or self.first_claim(cluster) is None:
                continue
            sentences = dispute_sentences(self, cluster, found)
            items.append(BottomItem((cluster.id,), *self.status(cluster), tuple(tuple(x) for x in sentences)))
        for f in self.brief.findings:
            if f.kind is not FindingKind.discrepancy:
                continue
            sentence = versions_sentence(self, f)
            if sentence is not None:
                status = ClaimStatus.discrepant
                label = i18n.status_label(status, self.lang)
                items.append(BottomItem(tuple(f.clusters), status.value, label, (tuple(sentence),)))
        return tuple(items)

    def part(self) -> Part:
        articles, consistent = self.header()
        dispute, versions = self.dispute(), self.versions()
        counts = (
            (self.L["count_articles"], len(self.brief.articles)),
            (self.L["count_claims"], len(self.brief.clusters)),
            (self.L["count_dispute"], len({d.cluster for d in dispute})),
            (self.L["count_versions"], len(versions)),
            (self.L["count_sources"], len(self.brief.sources)),
            (self.L["count_failures"], len(self.brief.run.failures)),
        )
        counts_line = self.num(
            " · ".join(f"{label}: {n}" for label, n in counts if n or label != self.L["count_failures"])
        )
        sections = tuple(
            (f"{self.lang}-{key}", self.L[f"heading_{key}"])
            for key in ("dispute", "versions", "origin", "claims", "sources", "method")
        )
        return Part(
            self.lang,
            text_dir(self.lang),
            self.L,
            counts,
            articles,
            consistent,
            dispute,
            versions,
            self.origins(),
            self.claim_rows(),
            source_rows(self),
            replace(method(self), inputs=articles),
            sections,
            self.bottom(),
            counts_line,
        )


def build_view(brief: Brief, langs: Sequence[str] = ("ar", "en"), digits: str = "latin") -> tuple[Part, ...]:
    """The per-language view the templates render (exposed for custom templates and tests).

    ``digits="arabic"`` writes the Arabic part's generated numbers (dates, counts) in ٠-٩.
    """
    return tuple(_Builder(brief, lang, digits).part() for lang in langs)


# --------------------------------------------------------------------------------------------- render


@contextmanager
def _template_errors(name: str) -> Iterator[None]:
    """Turn Jinja's errors (loading or rendering, shipped or custom templates) into TemplateError."""
    try:
        yield
    except jinja2.UndefinedError as err:
        raise TemplateError(
            f"brief template {name!r}: {err.message}",
            hint="a custom template uses a name the view does not have; see factcheck.render.Part",
        ) from err
    except jinja2.TemplateNotFound as err:
        raise TemplateError(
            f"brief template {err.name!r} not found",
            hint="add it to your --template-dir or remove the line that includes it",
        ) from err
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(
            f"brief template {err.name or name!r} line {err.lineno}: {err.message}",
            hint="fix the Jinja syntax",
        ) from err


def render(
    brief: Brief,
    *,
    format: Format = "md",
    langs: Sequence[str] = ("ar", "en"),
    template_dir: Path | None = None,
    digits: str = "latin",
) -> str:
    """The brief as ``md`` (GitHub-flavoured), standalone ``html`` or ``json``; ``langs`` picks the parts.

    A brief read from a file is checked first: a quote that is not verbatim at its span is never shown.
    """
    problems = ungrounded(brief)
    if problems:
        raise GroundingError(
            f"the brief holds {len(problems)} quote(s) not verbatim in their article, e.g. {problems[0]}",
            quote=problems[0],
        )
    if format == "json":
        return brief.model_dump_json(indent=2)
    if format not in ("md", "html"):
        raise ConfigError(f"unknown brief format {format!r}", hint="use md, html or json")
    langs = tuple(dict.fromkeys(langs))
    bad = [lang for lang in langs if lang not in i18n.LANGS]
    if bad or not langs:
        raise ConfigError(f"unknown brief language(s) {bad or list(langs)!r}", hint="use ar, en or both")
    if digits not in i18n.DIGITS:
        raise ConfigError(f"unknown digits {digits!r}", hint="use latin (0-9) or arabic (٠-٩)")
    env = template_env(Path(template_dir) if template_dir is not None else None)
    env.filters["md"] = md_escape
    name = f"brief.{format}.j2"
    with _template_errors(name):
        return env.get_template(name).render(
            parts=build_view(brief, langs, digits), langs=langs, brief=brief, changes=changes_views(brief, langs)
        )


__all__ = ["Format", "Part", "build_view", "md_escape", "render"]
