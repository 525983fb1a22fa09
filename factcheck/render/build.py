"""The view-model builder: one ``Part`` per language from a Brief (the records are in ``view.py``).

One ``_Builder`` per language; lookups (articles, sources, claims, A-numbers) are built once and
shared by the section builders here and in ``_bottomline.py`` / ``_sections.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypedDict

from ..models import (
    Brief,
    Claim,
    ClaimCluster,
    ClaimStatus,
    CounterKind,
    CounterStatement,
    Finding,
    FindingKind,
    Quote,
)
from ..text.scripts import has_arabic
from . import i18n
from ._bottomline import dispute_sentences, short_quote, versions_sentence
from ._cards import DISPUTE_KINDS, dispute_items, origin_items, versions_items
from ._names import source_ref
from ._notes_i18n import is_estimated_date
from ._sections import method, source_rows
from .agreement import agreement_ar
from .explain import FINDINGS, explanation
from .view import (
    ArticleRow,
    BottomItem,
    ClaimRow,
    ConsistentItem,
    DisputeItem,
    OriginItem,
    Part,
    QuoteView,
    SourceRef,
    VersionsItem,
    WordsView,
    mark_segments,
    script_lang,
    text_dir,
)


class _Status(TypedDict):
    status: str
    status_label: str


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
        return None if source_id is None else source_ref(self, source_id)

    def agreement(self, source_id: str | None) -> str:
        """How an Arabic verb agrees with this source (m, f or p)."""
        src = self.sources.get(source_id) if source_id else None
        return "m" if src is None else agreement_ar(src.name, src.kind, src.role)

    def counter_label(self, kind: CounterKind, speaker: str | None) -> str:
        return i18n.counter_kind_label(kind, self.lang, agreement=self.agreement(speaker))

    def words(self, text: str, fallback: str = "und", *, quoted: bool = False) -> WordsView:
        lang = script_lang(text, fallback)
        return WordsView(text=text, lang=lang, dir=text_dir(lang), quoted=quoted)

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
            text=quote.text,
            segments=mark_segments(quote.text, differing),
            lang=qlang,
            dir=text_dir(qlang),
            article_id=article_id,
            article_label=self.labels.get(article_id, article_id),
            start=quote.start,
            end=quote.end,
            foreign=foreign,
            rendering=rendering,
            note=note,
        )

    def explanation(self, finding: Finding) -> str:
        """The finding in this part's language, written from its code and parameters (a brief from an
        older version, without a code, shows the explanation it carries)."""
        if finding.code in FINDINGS:
            return explanation(finding.code, finding.params, self.lang, self.plain_name)
        return finding.explanation_ar if self.lang == "ar" else finding.explanation_en

    def plain_name(self, source_id: str | None) -> str | None:
        """A source's name inside a plain sentence: as written; in English its English name if known."""
        src = self.sources.get(source_id) if source_id else None
        if src is None:
            return None
        return (src.name_en or src.name) if self.lang == "en" else src.name

    def cluster_findings(self, cluster: ClaimCluster) -> list[Finding]:
        ids = set(cluster.findings) | {f.id for f in self.brief.findings if cluster.id in f.clusters}
        return [f for f in self.brief.findings if f.id in ids]  # brief order, deterministic

    def first_claim(self, cluster: ClaimCluster, prefer: Sequence[str] = ()) -> Claim | None:
        for claim_id in [*prefer, *cluster.claims]:
            if claim_id in self.claims and claim_id in cluster.claims:
                return self.claims[claim_id]
        return None

    def status(self, cluster: ClaimCluster) -> _Status:
        return _Status(status=cluster.status.value, status_label=i18n.status_label(cluster.status, self.lang))

    # -- sections
    def header(self) -> tuple[tuple[ArticleRow, ...], tuple[ConsistentItem, ...]]:
        rows = tuple(
            ArticleRow(
                label=self.labels[a.id],
                id=a.id,
                outlet=a.outlet,
                title=a.title,
                title_lang=script_lang(a.title or "", a.language),
                published=self.date(a.id),
                input_name=a.input_name,
                language=a.language,
                estimated=is_estimated_date(a.notes),
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
            consistent.append(
                ConsistentItem(finding=f.id, clusters=tuple(f.clusters), explanation=text, quotes=tuple(quotes))
            )
        return rows, tuple(consistent)

    def dispute(self) -> tuple[DisputeItem, ...]:
        return dispute_items(self)

    def versions(self) -> tuple[VersionsItem, ...]:
        return versions_items(self)

    def origins(self) -> tuple[OriginItem, ...]:
        return origin_items(self)

    def claim_rows(self) -> tuple[ClaimRow, ...]:
        rows = []
        for cluster in self.brief.clusters:
            claim = self.first_claim(cluster)
            if claim is None:
                continue
            rows.append(
                ClaimRow(
                    cluster=cluster.id,
                    # an overview: long quotes are cut at a word (the shown part keeps its exact span)
                    quote=short_quote(self, claim.article_id, claim.quote, limit=120, item=claim),
                    claimant=self.source(cluster.claimant or claim.claimant),
                    reporters=self.sources_of(cluster.reported_by),
                    **self.status(cluster),
                    articles=self.article_labels(cluster.articles),
                )
            )
        return tuple(rows)

    def bottom(self) -> tuple[BottomItem, ...]:
        """The first screen: one item per claim in dispute, then one per set of differing versions."""
        items = []
        for cluster in self.brief.clusters:
            found = [f for f in self.cluster_findings(cluster) if f.kind in DISPUTE_KINDS]
            if not found or self.first_claim(cluster) is None:
                continue
            sentences = dispute_sentences(self, cluster, found)
            items.append(
                BottomItem(clusters=(cluster.id,), **self.status(cluster), sentences=tuple(tuple(x) for x in sentences))
            )
        for f in self.brief.findings:
            if f.kind is not FindingKind.discrepancy:
                continue
            sentence = versions_sentence(self, f)
            if sentence is not None:
                status = ClaimStatus.discrepant
                label = i18n.status_label(status, self.lang)
                items.append(
                    BottomItem(
                        clusters=tuple(f.clusters),
                        status=status.value,
                        status_label=label,
                        sentences=(tuple(sentence),),
                    )
                )
        return tuple(items)

    def part(self) -> Part:
        articles, consistent = self.header()
        dispute, versions = self.dispute(), self.versions()
        sources = source_rows(self)  # the sources listed: those with something attached
        counts = (
            (self.L["count_articles"], len(self.brief.articles)),
            (self.L["count_claims"], len(self.brief.clusters)),
            (self.L["count_dispute"], len({d.cluster for d in dispute})),
            (self.L["count_versions"], len(versions)),
            (self.L["count_sources"], len(sources)),
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
            lang=self.lang,
            dir=text_dir(self.lang),
            L=self.L,
            counts=counts,
            articles=articles,
            consistent=consistent,
            dispute=dispute,
            versions=versions,
            origins=self.origins(),
            claims=self.claim_rows(),
            sources=sources,
            method=replace(method(self), inputs=articles),
            sections=sections,
            bottom=self.bottom(),
            counts_line=counts_line,
        )


def build_view(brief: Brief, langs: Sequence[str] = ("ar", "en"), digits: str = "latin") -> tuple[Part, ...]:
    """The per-language view the templates render (exposed for custom templates and tests).

    ``digits="arabic"`` writes the Arabic part's generated numbers (dates, counts) in ٠-٩.
    """
    return tuple(_Builder(brief, lang, digits).part() for lang in langs)
