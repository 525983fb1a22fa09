"""What changed between two briefs of one story: new articles, claims, responses, findings, statuses.

Briefs are matched by content, not by display numbers (C1, C2 … are renumbered when an article
arrives): an article by its id (a hash of its text), a claim or a response by its article and span,
a claim cluster by the claims it shares with the old brief's clusters, a finding by its kind and the
claims and responses it rests on. Deterministic: the same two briefs give the same diff.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from .models import Brief, ClaimStatus, CounterKind, Finding, FindingKind
from .text.normalize import fold

Key = tuple[str, int, int]  # (article id, start, end) of an item's quote
Signature = tuple[str, str | None, tuple[Key, ...], tuple[Key, ...]]  # kind, field, claims, counters


class ItemRef(BaseModel):
    """A claim or response named by what the reader sees: its article and its own words."""

    id: str
    article_id: str
    text: str
    kind: str | None = None  # a response's kind (denial, confirmation ...)


class FindingRef(BaseModel):
    kind: FindingKind
    cluster: str | None = Field(default=None, description="The cluster's number in the new (or old) brief.")
    claims: list[str] = Field(default_factory=list, description="Quotes of the claims it concerns.")


class StatusChange(BaseModel):
    cluster: str
    claim: str = Field(description="The cluster's first claim, as quoted.")
    before: ClaimStatus
    after: ClaimStatus


class BriefDiff(BaseModel):
    new_articles: list[str] = Field(default_factory=list, description="Article ids.")
    removed_articles: list[str] = Field(default_factory=list)
    new_claims: list[ItemRef] = Field(default_factory=list)
    new_responses: list[ItemRef] = Field(default_factory=list)
    findings_added: list[FindingRef] = Field(default_factory=list)
    findings_removed: list[FindingRef] = Field(default_factory=list)
    status_changes: list[StatusChange] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.new_articles,
                self.removed_articles,
                self.new_claims,
                self.new_responses,
                self.findings_added,
                self.findings_removed,
                self.status_changes,
            )
        )


def _key(article_id: str, start: int, end: int) -> Key:
    return (article_id, start, end)


def _claim_keys(brief: Brief) -> dict[str, Key]:
    return {c.id: _key(c.article_id, c.quote.start, c.quote.end) for c in brief.claims}


def _counter_keys(brief: Brief) -> dict[str, Key]:
    return {x.id: _key(x.article_id, x.quote.start, x.quote.end) for x in brief.counters}


def _finding_signature(f: Finding, brief: Brief, claims: dict[str, Key], counters: dict[str, Key]) -> Signature:
    members = set(f.claims)
    for cluster in brief.clusters:
        if cluster.id in f.clusters:
            members.update(cluster.claims)
    return (
        f.kind.value,
        f.field,
        tuple(sorted(claims[c] for c in members if c in claims)),
        tuple(sorted(counters[x] for x in f.counters if x in counters)),
    )


def _finding_ref(f: Finding, brief: Brief) -> FindingRef:
    quotes = {c.id: c.quote.text for c in brief.claims}
    members: list[str] = list(f.claims)
    for cluster in brief.clusters:
        if cluster.id in f.clusters:
            members.extend(c for c in cluster.claims if c not in members)
    return FindingRef(
        kind=f.kind, cluster=f.clusters[0] if f.clusters else None, claims=[quotes[c] for c in members if c in quotes]
    )


def _findings(brief: Brief) -> dict[Signature, Finding]:
    claims, counters = _claim_keys(brief), _counter_keys(brief)
    out: dict[Signature, Finding] = {}
    for f in brief.findings:
        out.setdefault(_finding_signature(f, brief, claims, counters), f)
    return out


def _sorted_refs(items: Iterable[ItemRef]) -> list[ItemRef]:
    return sorted(items, key=lambda r: (r.article_id, r.id))


def diff_briefs(old: Brief, new: Brief) -> BriefDiff:
    """What ``new`` adds to or removes from ``old`` (two briefs of the same story)."""
    old_articles = {a.id for a in old.articles}
    new_articles = {a.id for a in new.articles}
    old_claims, new_claims = _claim_keys(old), _claim_keys(new)
    old_counters, new_counters = _counter_keys(old), _counter_keys(new)
    seen_claims, seen_counters = set(old_claims.values()), set(old_counters.values())
    # The same words reported again by another article are not news: compare the folded quotes too.
    said = {fold(c.quote.text) for c in old.claims} | {fold(x.quote.text) for x in old.counters}

    added_claims = [
        ItemRef(id=c.id, article_id=c.article_id, text=c.quote.text)
        for c in new.claims
        if new_claims[c.id] not in seen_claims and fold(c.quote.text) not in said
    ]
    added_responses = [
        ItemRef(id=x.id, article_id=x.article_id, text=x.quote.text, kind=x.kind.value)
        for x in new.counters
        if new_counters[x.id] not in seen_counters and fold(x.quote.text) not in said
    ]

    before, after = _findings(old), _findings(new)

    def kept(sig: Signature, others: dict[Signature, Finding]) -> bool:
        # The same kind (and field) on a claim it already concerned: a finding whose cluster grew is
        # the same finding, not one removed and one added.
        claims = set(sig[2])
        return any(o[:2] == sig[:2] and (bool(claims & set(o[2])) or not claims) for o in others)

    added = [_finding_ref(f, new) for sig, f in after.items() if not kept(sig, before)]
    removed = [_finding_ref(f, old) for sig, f in before.items() if not kept(sig, after)]

    # A new cluster continues the old cluster it shares most claims with (ties: the earlier one).
    old_members = {k.id: {old_claims[c] for c in k.claims if c in old_claims} for k in old.clusters}
    old_status = {k.id: k.status for k in old.clusters}
    quotes = {c.id: c.quote.text for c in new.claims}
    changes: list[StatusChange] = []
    for cluster in new.clusters:
        members = {new_claims[c] for c in cluster.claims if c in new_claims}
        best = max(old.clusters, key=lambda k: (len(old_members[k.id] & members), -old.clusters.index(k)), default=None)
        if best is None or not old_members[best.id] & members:
            continue
        if old_status[best.id] != cluster.status:
            first = next((quotes[c] for c in cluster.claims if c in quotes), "")
            changes.append(
                StatusChange(cluster=cluster.id, claim=first, before=old_status[best.id], after=cluster.status)
            )

    order = {k: i for i, k in enumerate(FindingKind)}
    return BriefDiff(
        new_articles=sorted(new_articles - old_articles),
        removed_articles=sorted(old_articles - new_articles),
        new_claims=_sorted_refs(added_claims),
        new_responses=_sorted_refs(added_responses),
        findings_added=sorted(added, key=lambda f: (order[f.kind], f.claims)),
        findings_removed=sorted(removed, key=lambda f: (order[f.kind], f.claims)),
        status_changes=changes,
    )


_MD = {
    "title": {"en": "What changed", "ar": "ما الذي تغيّر"},
    "none": {"en": "Nothing changed.", "ar": "لا تغيير."},
    "new_articles": {"en": "New articles", "ar": "مقالات جديدة"},
    "removed_articles": {"en": "Articles no longer in the brief", "ar": "مقالات لم تعد في الموجز"},
    "new_claims": {"en": "New claims", "ar": "ادعاءات جديدة"},
    "new_responses": {"en": "New responses", "ar": "ردود جديدة"},
    "findings_added": {"en": "New findings", "ar": "نتائج جديدة"},
    "findings_removed": {"en": "Findings no longer raised", "ar": "نتائج لم تعد قائمة"},
    "status_changes": {"en": "Status changes", "ar": "تغيّر الحالة"},
}


def diff_markdown(diff: BriefDiff, new: Brief, lang: str = "en") -> str:
    """The diff as GitHub Markdown, to lead a job summary or a PR comment. Quotes are the articles'
    own words (escaped); status and finding names use the brief's labels in ``lang``."""
    from . import i18n
    from .view import md_escape

    label = {a.id: f"A{i}" for i, a in enumerate(new.articles, 1)}
    title = {a.id: a.title or a.input_name or a.id for a in new.articles}
    lines = [f"### {_MD['title'][lang]}", ""]
    if diff.empty:
        return "\n".join([*lines, _MD["none"][lang], ""])

    def status(value: ClaimStatus) -> str:
        return i18n.status_label(value, lang)

    def section(key: str, items: list[str]) -> None:
        if items:
            lines.extend([f"**{_MD[key][lang]}**", "", *(f"- {x}" for x in items), ""])

    section("new_articles", [f"{label.get(a, a)} · {md_escape(title.get(a, a))}" for a in diff.new_articles])
    section("removed_articles", [md_escape(a) for a in diff.removed_articles])
    section("new_claims", [f"{label.get(c.article_id, '')} «{md_escape(c.text)}»" for c in diff.new_claims])
    section(
        "new_responses",
        [
            f"{label.get(r.article_id, '')} {i18n.counter_kind_label(CounterKind(r.kind), lang)}: «{md_escape(r.text)}»"
            for r in diff.new_responses
            if r.kind
        ],
    )
    for key, refs in (("findings_added", diff.findings_added), ("findings_removed", diff.findings_removed)):
        section(
            key, [f"{i18n.finding_label(f.kind, lang)}: «{md_escape(f.claims[0]) if f.claims else ''}»" for f in refs]
        )
    section(
        "status_changes",
        [f"{s.cluster} «{md_escape(s.claim)}»: {status(s.before)} → {status(s.after)}" for s in diff.status_changes],
    )
    return "\n".join(lines)
