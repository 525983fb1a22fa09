"""What changed between two briefs of one story: new articles, claims, responses, findings, statuses.

Briefs are matched by content, not by display numbers (C1, C2 … are renumbered when an article
arrives): an article by its id (a hash of its text), a claim or a response by its article and span,
a claim cluster by the claims it shares with the old brief's clusters, a finding by its kind and the
claims and responses it rests on. Deterministic: the same two briefs give the same diff.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

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


class ChangedBrief(Brief):
    """A brief that carries what changed since the story's previous brief (``generate_brief(...,
    previous=...)``). Its JSON has a ``changes`` key; ``factcheck render`` of that JSON leads with it."""

    changes: BriefDiff


def with_changes(new: Brief, previous: Brief) -> ChangedBrief:
    """``new`` with the diff from ``previous`` attached (both already valid: no re-validation)."""
    fields = {name: getattr(new, name) for name in Brief.model_fields}
    return ChangedBrief.model_construct(**fields, changes=diff_briefs(previous, new))


def brief_from_data(data: object, source: str = "brief") -> Brief:
    """A Brief (a ChangedBrief when it carries ``changes``) from parsed JSON; InputError when it is not one."""
    from pydantic import ValidationError

    from .errors import InputError, first_problem

    model = ChangedBrief if isinstance(data, dict) and "changes" in data else Brief
    try:
        return model.model_validate(data)
    except ValidationError as err:
        where, msg = first_problem(err)
        raise InputError(
            f"not a brief: {where}: {msg}",
            source=source,
            hint="give a brief's JSON (factcheck brief -o x.json)",
        ) from err


def load_brief(path: str | Path) -> Brief:
    """Read a brief's JSON file (e.g. ``--previous``); InputError names the file and the problem."""
    import json

    from .errors import InputError

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", source=str(path), hint="check the path") from err
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"not valid JSON ({err})", source=str(path)) from err
    return brief_from_data(data, str(path))


SHOWN = 8  # items per section at the top of a brief; the JSON's ``changes`` keeps them all


@dataclass(frozen=True)
class ChangeItem:
    """One line: labels (A3, a finding's or a response's name), then the articles' own words (isolated
    from the surrounding direction by the HTML template; in «» when a quote), then a suffix."""

    prefix: str
    words: str = ""
    quoted: bool = True
    suffix: str = ""

    @property
    def words_dir(self) -> str:
        from .render.view import script_lang, text_dir

        return text_dir(script_lang(self.words))

    @property
    def text(self) -> str:
        words = f"«{self.words}»" if self.words and self.quoted else self.words
        return " ".join(x for x in (self.prefix, words) if x) + self.suffix


@dataclass(frozen=True)
class ChangesView:
    """One language's "What changed" block for the templates: plain text (templates escape it)."""

    lang: str
    dir: str
    title: str
    since: str
    none: str | None  # "Nothing changed." when the diff is empty
    sections: tuple[tuple[str, tuple[ChangeItem, ...]], ...]


def _groups(diff: BriefDiff, new: Brief, lang: str) -> list[tuple[str, list[ChangeItem]]]:
    """The sections in reading order: what the story now is before the list of everything new."""
    from .render import i18n

    label = {a.id: f"A{i}" for i, a in enumerate(new.articles, 1)}
    title = {a.id: a.title or a.input_name or a.id for a in new.articles}

    def finding(f: FindingRef) -> ChangeItem:
        return ChangeItem(f"{i18n.finding_label(f.kind, lang)}:", f.claims[0] if f.claims else "")

    def status(s: StatusChange) -> ChangeItem:
        before, after = i18n.status_label(s.before, lang), i18n.status_label(s.after, lang)
        return ChangeItem(s.cluster, s.claim, suffix=f": {before} → {after}")

    def response(r: ItemRef) -> ChangeItem:
        kind = i18n.counter_kind_label(CounterKind(r.kind or "denial"), lang)
        return ChangeItem(f"{label.get(r.article_id, '')} {kind}:".strip(), r.text)

    return [
        ("new_articles", [ChangeItem(f"{label.get(a, a)} ·", title.get(a, a), False) for a in diff.new_articles]),
        ("removed_articles", [ChangeItem(a) for a in diff.removed_articles]),
        ("status_changes", [status(s) for s in diff.status_changes]),
        ("findings_added", [finding(f) for f in diff.findings_added]),
        ("findings_removed", [finding(f) for f in diff.findings_removed]),
        ("new_responses", [response(r) for r in diff.new_responses if r.kind]),
        ("new_claims", [ChangeItem(label.get(c.article_id, ""), c.text) for c in diff.new_claims]),
    ]


def changes_view(diff: BriefDiff, new: Brief, lang: str = "en", limit: int | None = None) -> ChangesView:
    """The diff in ``lang``: quotes are the articles' own words; status, finding and response names are
    the brief's labels in that language (factcheck.i18n). ``limit``: items shown per section."""
    from .render import i18n

    t = {key: texts[lang] for key, texts in i18n.CHANGES.items()}
    sections = []
    for key, items in _groups(diff, new, lang):
        if limit is not None and len(items) > limit:
            items = [*items[:limit], ChangeItem(t["more"].format(n=len(items) - limit))]
        if items:
            sections.append((t[key], tuple(items)))
    direction = "rtl" if lang == "ar" else "ltr"
    return ChangesView(lang, direction, t["title"], t["since"], None if sections else t["none"], tuple(sections))


def changes_views(brief: Brief, langs: Sequence[str]) -> tuple[ChangesView, ...] | None:
    """The templates' ``changes``: one view per language, or None for a brief without a previous one."""
    if not isinstance(brief, ChangedBrief):
        return None
    return tuple(changes_view(brief.changes, brief, lang, SHOWN) for lang in langs)


def diff_markdown(diff: BriefDiff, new: Brief, lang: str = "en") -> str:
    """The diff as GitHub Markdown (``factcheck diff``): every item escaped as inert Markdown."""
    from .render.view import md_escape

    view = changes_view(diff, new, lang)
    lines = [f"### {view.title}", ""]
    if view.none:
        return "\n".join([*lines, view.none, ""])
    for heading, items in view.sections:
        lines.extend([f"**{heading}**", "", *(f"- {md_escape(x.text)}" for x in items), ""])
    return "\n".join(lines)
