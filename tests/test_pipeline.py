"""The whole offline path on the seeds: the five core findings an editor needs, each asserted."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest

import factcheck
from factcheck.models import Brief, Finding, FindingKind, SourceKind
from factcheck.text.grounding import ungrounded

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
SEED_FILES = [SEEDS / "000_7a755da794561b55.txt", SEEDS / "002_bb4ab9c79788da7a.txt"]


@cache
def _brief() -> Brief:
    return factcheck.generate_brief(SEED_FILES)


def _claims(f: Finding) -> str:
    brief = _brief()
    in_clusters = {c for cl in brief.clusters if cl.id in f.clusters for c in cl.claims}
    return " ".join(
        c.quote.text + " " + " ".join(e.text for e in c.evidence)
        for c in brief.claims
        if c.id in set(f.claims) | in_clusters
    )


def _counters(f: Finding) -> str:
    return " ".join(k.quote.text for k in _brief().counters if k.id in f.counters)


def _source(sid: str | None) -> factcheck.Source:
    return next(s for s in _brief().sources if s.id == sid)


def _of(kind: FindingKind) -> list[Finding]:
    return [f for f in _brief().findings if f.kind == kind]


def test_secret_cooperation_report_is_contested_by_the_presidency() -> None:
    hits = [
        f
        for f in _of(FindingKind.contested)
        if "يتعاون سر" in _claims(f) and ("غير صحيحة" in _counters(f) or "وجود تعاون" in _counters(f))
    ]
    assert hits
    speakers = {_source(k.speaker).name for f in hits for k in _brief().counters if k.id in f.counters}
    assert any("الرئاسة" in s or "مديرية الإعلام" in s for s in speakers)


def test_interview_attribution_is_disputed_by_the_person_quoted() -> None:
    (f,) = _of(FindingKind.attribution_disputed)[:1]
    assert "interest-based cooperation" in _claims(f)
    assert "لم أُجْرِ أي مقابلة" in _counters(f) or "مُنسوبة لي" in _counters(f)


def test_political_and_military_versus_political_is_a_scope_discrepancy() -> None:
    (f,) = [f for f in _of(FindingKind.discrepancy) if f.field == "scope"]
    sides = [v.quote.text for v in f.versions]
    assert any("السياسي والعسكري" in s for s in sides) and any("تعاون سياسي" in s for s in sides)
    assert any("والعسكري" in w for v in f.versions for w in v.differing)


def test_secret_cooperation_has_a_single_origin_across_both_articles() -> None:
    (f,) = [f for f in _of(FindingKind.single_origin) if "يتعاون سر" in _claims(f)]
    assert "نيويورك تايمز" in _source(f.origin).name
    assert len(f.articles) == 2


def test_secret_cooperation_rests_on_anonymous_sources() -> None:
    (f,) = [f for f in _of(FindingKind.anonymous_sourcing) if "يتعاون سر" in _claims(f)]
    assert _source(f.origin).kind == SourceKind.anonymous


def test_thursday_and_last_thursday_are_consistent() -> None:
    assert any(f.field == "date" for f in _of(FindingKind.consistent))


def test_offline_brief_says_what_it_cannot_do() -> None:
    brief = _brief()
    assert brief.run.extractors == ["offline"]
    assert any("no translation" in n or "no translations" in n for n in brief.run.notes)
    assert all(c.statement_en is None for c in brief.claims)  # never an invented translation


def test_every_quote_of_every_output_is_verbatim_at_its_span() -> None:
    brief = _brief()
    assert ungrounded(brief) == []
    texts = {a.id: a.text for a in brief.articles}
    page = factcheck.render(brief, format="html")
    spans = re.findall(r'<q class="quote"[^>]*data-article="([^"]+)" data-span="(\d+)-(\d+)">(.*?)</q>', page, re.S)
    assert spans
    for aid, s, e, inner in spans:
        shown = html.unescape(re.sub(r"</?mark>", "", inner))
        assert texts[aid][int(s) : int(e)] == shown
    again = factcheck.Brief.model_validate_json(factcheck.render(brief, format="json"))
    assert ungrounded(again) == []
    markdown = factcheck.render(brief, format="md")
    for claim in brief.claims[:10]:
        # Markdown escapes markup characters; the words themselves are there.
        words = [w for w in claim.quote.text.split() if w.isalpha()][:3]
        assert all(w in markdown for w in words)


@pytest.mark.slow
def test_same_input_same_bytes() -> None:
    again = factcheck.generate_brief(SEED_FILES)
    assert again.model_dump_json() == _brief().model_dump_json()
    assert factcheck.render(again, format="html") == factcheck.render(_brief(), format="html")


def test_public_api_is_explicit_and_complete() -> None:
    for name in factcheck.__all__:
        assert hasattr(factcheck, name), name
    public = {n for n in dir(factcheck) if not n.startswith("_")}
    modules = {
        "cli",
        "config",
        "errors",
        "extract",
        "ingest",
        "models",
        "pipeline",
        "reconcile",
        "render",
        "text",
        "resources",
        "view",
        "i18n",
        "evaluate",
        "fileio",
        "claimreview",
        "diff",
        "lexicon",
        "embed",
        "stories",
    }
    assert public - set(factcheck.__all__) <= modules
