"""The bilingual story written for issue 7 (fixtures/stories/cholera-bilingual, invented): an English
and an Arabic report of one claim, and an Arabic denial stated as a contradicting fact, with no
denial verb. With the bundled encoder the brief clusters the two reports and links the denial."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.evaluate import evaluate_story
from factcheck.evaluate.gold import load_gold, load_story_articles
from factcheck.evaluate.report import Ratio
from factcheck.extract import extract_all
from factcheck.reconcile import reconcile

STORY = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "cholera-bilingual" / "gold.json"


@pytest.mark.slow
def test_two_languages_one_claim_and_a_denial_without_denial_verb() -> None:
    story = load_gold(STORY)
    articles = load_story_articles(STORY, story)
    xs, failures = extract_all(list(articles.values()), Settings(backend="offline"))
    assert not failures
    brief = reconcile(xs)
    by_article = {a.id: gid for gid, a in articles.items()}
    claims = {c.id: c for c in brief.claims}
    denial = next(k for k in brief.counters if k.kind.value == "denial")
    assert by_article[denial.article_id] == "fajr" and "لم تسجل" in denial.quote.text
    (cluster,) = [c for c in brief.clusters if denial.id in c.counters]
    langs = {by_article[claims[cid].article_id] for cid in cluster.claims}
    assert langs == {"tribune", "sahel"}  # the English and the Arabic report, one cluster
    (finding,) = [f for f in brief.findings if f.kind.value == "contested"]
    assert finding.clusters == [cluster.id] and finding.counters == [denial.id]


def test_the_story_scores_its_core_finding() -> None:
    rep = evaluate_story(STORY, Settings(backend="offline"))
    assert rep.system is not None and rep.oracle is not None
    assert rep.system.core_findings == Ratio(hit=1, total=1), rep.system.missed
    assert rep.system.false_core_findings == 0, rep.system.false
    assert rep.oracle.false_core_findings == 0, rep.oracle.false


def test_a_claim_and_its_negation_in_the_other_language_are_not_one_claim() -> None:
    from factcheck import generate_brief
    from factcheck.ingest import article_from_text

    en = article_from_text(
        "Analysts said the seizure of the tanker could push local fuel prices higher this winter.\n",
        input_name="en.txt",
    )
    ar = article_from_text(
        'وقال المحلل الاقتصادي كريم نصار إن "أسعار الوقود لن تتأثر بمصادرة الناقلة هذا الشتاء".\n',
        input_name="ar.txt",
    )
    brief = generate_brief([en, ar])
    assert len(brief.claims) == 2
    assert all(len(c.articles) == 1 for c in brief.clusters), "opposite claims were joined as one"
