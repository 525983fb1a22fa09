"""Tests of factcheck.evaluate: the overlap rule, every metric on synthetic briefs, story discovery,
thresholds, the CLI part (table, --json, exit codes), the gold fixtures themselves, and end to end."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.errors import EvalError
from factcheck.evaluate import (
    THRESHOLDS,
    EvalReport,
    GoldView,
    Ratio,
    RunScores,
    StoryReport,
    add_eval_arguments,
    check_thresholds,
    discover,
    format_table,
    run_eval,
    score_brief,
    spans_match,
)
from factcheck.evaluate import runner as runner_mod
from factcheck.evaluate.report import PR, QUOTE_THRESHOLDS, total
from factcheck.models import (
    Article,
    Brief,
    Claim,
    ClaimCluster,
    CounterKind,
    CounterStatement,
    Finding,
    FindingKind,
    Quote,
    RunInfo,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# --- a synthetic story: one rumour (article r), three denials (e1, e2 retweets the same text; e3) ------

R_TEXT = "Rumour: the new bridge in Sella collapsed this morning and dozens are dead. Share now!"
E1_TEXT = "The ministry denies that the Sella bridge collapsed; the bridge is open and safe."
E2_TEXT = "RT @ministry: The ministry denies that the Sella bridge collapsed; the bridge is open and safe."
E3_TEXT = "Police: no bridge collapsed in Sella today. Traffic is normal. Also, the market opens at nine."

ARTICLES = {
    "r": Article(id="ar", text=R_TEXT),
    "e1": Article(id="ae1", text=E1_TEXT),
    "e2": Article(id="ae2", text=E2_TEXT),
    "e3": Article(id="ae3", text=E3_TEXT),
}
RUMOUR = "the new bridge in Sella collapsed this morning and dozens are dead"
DENIAL = "The ministry denies that the Sella bridge collapsed; the bridge is open and safe."
POLICE = "no bridge collapsed in Sella today"


def gold_dict(negative: bool = False) -> dict[str, Any]:
    counters = [
        {"id": "c1", "core": True, "kind": "denial", "targets": ["rumour"], "evidence": {"e1": [DENIAL]}},
        {"id": "c2", "core": True, "kind": "denial", "targets": ["rumour"], "evidence": {"e2": [DENIAL]}},
        {"id": "c3", "core": False, "kind": "denial", "targets": ["rumour"], "evidence": {"e3": [POLICE]}},
    ]
    return {
        "story": "bridge",
        "articles": [{"id": k, "file": f"{k}.txt"} for k in ARTICLES],
        "claims": [{"id": "rumour", "core": True, "evidence": {"r": [RUMOUR]}}],
        "counters": [] if negative else counters,
        "findings": []
        if negative
        else [{"kind": "contested", "core": True, "claim": "rumour", "counter": c["id"]} for c in counters],
        "negative": negative,
    }


def q(article: str, s: str) -> Quote:
    text = ARTICLES[article].text
    start = text.index(s)
    return Quote(text=s, start=start, end=start + len(s))


def claim(cid: str, article: str, s: str) -> Claim:
    return Claim(id=cid, article_id=ARTICLES[article].id, quote=q(article, s), statement=s)


def counter(
    cid: str, article: str, s: str, targets: list[str], kind: CounterKind = CounterKind.denial
) -> CounterStatement:
    return CounterStatement(
        id=cid, article_id=ARTICLES[article].id, quote=q(article, s), statement=s, kind=kind, targets=targets
    )


def finding(fid: str, kind: FindingKind, clusters: list[str], counters: list[str], **kw: Any) -> Finding:
    return Finding(
        id=fid, kind=kind, clusters=clusters, counters=counters, explanation_ar="-", explanation_en="-", **kw
    )


def brief(
    claims: list[Claim],
    counters: list[CounterStatement],
    clusters: list[ClaimCluster],
    findings: list[Finding],
) -> Brief:
    return Brief(
        articles=list(ARTICLES.values()),
        sources=[],
        claims=claims,
        counters=counters,
        clusters=clusters,
        findings=findings,
        run=RunInfo(factcheck_version="test"),
    )


def perfect() -> Brief:
    counters = [
        counter("k1", "e1", "The ministry denies that the Sella bridge collapsed", ["p1"]),
        counter("k2", "e2", "The ministry denies that the Sella bridge collapsed", ["p1"]),
        counter("k3", "e3", "Police: no bridge collapsed in Sella today.", ["p1"]),
    ]
    return brief(
        [claim("p1", "r", "the new bridge in Sella collapsed this morning and dozens are dead.")],
        counters,
        [ClaimCluster(id="C1", claims=["p1"], articles=["ar"], counters=["k1", "k2", "k3"])],
        [finding("F1", FindingKind.contested, ["C1"], ["k1", "k2", "k3"])],
    )


def score(b: Brief, negative: bool = False) -> RunScores:
    return score_brief(GoldView.from_obj(gold_dict(negative)), ARTICLES, b)


# --- the overlap rule ----------------------------------------------------------------------------------


def test_spans_match_needs_half_of_the_shorter_span() -> None:
    assert spans_match((0, 10), (0, 10))
    assert spans_match((0, 100), (40, 50))  # a short gold phrase inside a long quoted sentence
    assert spans_match((0, 10), (5, 30))  # 5 of the shorter 10
    assert not spans_match((0, 10), (6, 30))  # 4 of 10
    assert not spans_match((0, 10), (10, 20))  # touching is not overlapping
    assert not spans_match((0, 10), (20, 30))


# --- scores on synthetic briefs ------------------------------------------------------------------------


def test_perfect_prediction_scores_one_everywhere() -> None:
    s = score(perfect())
    for ratio in [
        s.claims.recall, s.claims.precision, s.core_claims, s.counters.recall, s.counters.precision,
        s.core_counters, s.counter_kind, s.links.recall, s.core_links, s.links.precision, s.link_accuracy,
        s.findings.recall, s.findings.precision, s.core_findings,
    ]:  # fmt: skip
        assert ratio.value == 1.0, s
    assert s.links.f1 == 1.0
    assert s.false_core_findings == 0 and s.ungrounded == 0 and s.missed == []
    assert s.negative_fp.total == 0


def test_one_finding_covers_several_gold_findings() -> None:
    s = score(perfect())
    assert s.findings.recall == Ratio(hit=3, total=3)
    assert s.findings.precision == Ratio(hit=1, total=1)
    assert s.findings_by_kind["contested"].recall.value == 1.0


def test_missing_counter_lowers_counter_link_and_finding_recall() -> None:
    b = perfect()
    b.counters = b.counters[:2]
    b.clusters[0].counters = ["k1", "k2"]
    b.findings[0].counters = ["k1", "k2"]
    s = score(b)
    assert s.counters.recall == Ratio(hit=2, total=3)
    assert s.core_counters.value == 1.0  # c3 is not core
    assert s.links.recall == Ratio(hit=2, total=3)
    assert s.link_accuracy == Ratio(hit=2, total=2)  # linking is right for every counter found
    assert s.findings.recall == Ratio(hit=2, total=3)


def test_wrong_kind_is_counted() -> None:
    b = perfect()
    b.counters[2] = b.counters[2].model_copy(update={"kind": CounterKind.confirmation})
    s = score(b)
    assert s.counters.recall.value == 1.0
    assert s.counter_kind == Ratio(hit=2, total=3)


def test_wrong_link_lowers_link_accuracy_and_precision() -> None:
    b = perfect()
    # The police denial is linked to a spurious claim about the market, not to the rumour.
    b.claims.append(claim("p2", "e3", "the market opens at nine"))
    b.clusters.append(ClaimCluster(id="C2", claims=["p2"], articles=["ae3"], counters=["k3"]))
    b.clusters[0].counters = ["k1", "k2"]
    b.counters[2].targets = ["p2"]
    b.findings[0].counters = ["k1", "k2"]
    s = score(b)
    assert s.link_accuracy == Ratio(hit=2, total=3)
    assert s.links.recall == Ratio(hit=2, total=3)
    assert s.links.precision == Ratio(hit=2, total=3)
    assert s.claims.precision == Ratio(hit=1, total=2)
    assert "link c3->rumour" not in s.missed  # c3 is not core: not listed
    assert s.core_links == Ratio(hit=2, total=2)
    b.counters[0].targets = ["p2"]
    b.clusters[0].counters = ["k2"]
    b.clusters[1].counters = ["k1", "k3"]
    b.findings[0].counters = ["k2"]
    s2 = score(b)
    assert s2.core_links == Ratio(hit=1, total=2) and "link c1->rumour" in s2.missed
    assert s.links.f1 is not None and s.links.f1 < 1.0


def test_link_read_from_targets_alone() -> None:
    b = perfect()
    b.clusters[0].counters = []
    b.findings = []
    s = score(b)
    assert s.links.recall.value == 1.0 and s.links.precision.value == 1.0
    assert s.findings.recall == Ratio(hit=0, total=3) and s.core_findings == Ratio(hit=0, total=3)
    assert any(m.startswith("finding contested rumour") for m in s.missed)


def test_finding_on_a_negative_story_is_a_false_positive() -> None:
    b = perfect()
    s = score(b, negative=True)
    assert s.negative_fp == Ratio(hit=1, total=1)
    assert s.false_core_findings == 1
    assert s.counters.precision == Ratio(hit=0, total=3)
    clean = perfect()
    clean.findings = [finding("F1", FindingKind.single_origin, ["C1"], [])]
    s2 = score(clean, negative=True)
    assert s2.negative_fp == Ratio(hit=0, total=1)  # only contested/corroborated count on negatives
    both, _ = total([StoryReport(story="a", path="a", system=s), StoryReport(story="b", path="b", system=s2)])
    assert both.negative_fp.value == 0.5


def test_finding_of_the_wrong_kind_or_claim_does_not_match() -> None:
    b = perfect()
    b.findings = [finding("F1", FindingKind.corroborated, ["C1"], ["k1", "k2", "k3"])]
    s = score(b)
    assert s.findings.recall.hit == 0 and s.false_core_findings == 1
    b2 = perfect()
    b2.claims = [claim("p1", "r", "Share now!")]  # the cluster holds a claim that matches no gold claim
    s2 = score(b2)
    assert s2.claims.recall.hit == 0 and s2.findings.recall.hit == 0


def test_discrepancy_needs_both_claims_and_the_field() -> None:
    g = {
        "story": "d",
        "articles": [{"id": "r", "file": "r.txt"}, {"id": "e3", "file": "e3.txt"}],
        "claims": [
            {"id": "a", "evidence": {"r": [RUMOUR]}},
            {"id": "b", "evidence": {"e3": [POLICE]}},
        ],
        "findings": [{"kind": "discrepancy", "core": True, "claims": ["a", "b"], "field": "number"}],
    }
    claims = [claim("p1", "r", RUMOUR), claim("p2", "e3", POLICE)]
    cluster = ClaimCluster(id="C1", claims=["p1", "p2"], articles=["ar", "ae3"])
    for field, clusters, ok in [
        ("number", [cluster], True),
        ("scope", [cluster], False),
        ("number", [], False),
    ]:
        f = finding("F1", FindingKind.discrepancy, ["C1"] if clusters else [], [], field=field)
        if not clusters:
            f.claims = ["p1"]
        s = score_brief(GoldView.from_obj(g), ARTICLES, brief(claims, [], clusters, [f]))
        assert (s.core_findings.hit == 1) is ok, (field, clusters)


def test_evidence_is_located_at_every_occurrence() -> None:
    text = "He said: the bridge is safe. Later, again: the bridge is safe."
    arts = {"x": Article(id="ax", text=text)}
    g = {
        "story": "s",
        "articles": [{"id": "x", "file": "x"}],
        "claims": [{"id": "c", "evidence": {"x": ["the bridge is safe"]}}],
    }
    second = text.rindex("the bridge is safe")
    pred = Claim(
        id="p",
        article_id="ax",
        quote=Quote(text="the bridge is safe", start=second, end=second + 18),
        statement="-",
    )
    b = Brief(articles=list(arts.values()), sources=[], claims=[pred], counters=[], clusters=[], findings=[],
              run=RunInfo(factcheck_version="t"))  # fmt: skip
    assert score_brief(GoldView.from_obj(g), arts, b).claims.recall.value == 1.0


def test_unlocated_gold_evidence_is_noted_and_falls_back_to_token_jaccard() -> None:
    g = gold_dict()
    g["claims"][0]["evidence"]["r"] = ["Sella bridge collapsed dozens dead morning new"]  # not in the text
    view = GoldView.from_obj(g)
    s = score_brief(view, ARTICLES, perfect())
    assert any("not found" in n for n in view.notes)
    assert s.claims.recall.value == 1.0  # Jaccard of the folded token sets >= 0.5
    g["claims"][0]["evidence"]["r"] = ["something else entirely"]
    assert score_brief(GoldView.from_obj(g), ARTICLES, perfect()).claims.recall.value == 0.0


def test_different_article_never_matches() -> None:
    b = perfect()
    # the same words, but in e2 where the gold counter c1 (in e1) does not live
    s = score(b)
    assert s.counters.recall.value == 1.0
    b.counters[0] = counter("k1", "e2", "The ministry denies that the Sella bridge collapsed", ["p1"])
    s2 = score(b)
    assert s2.counters.recall == Ratio(hit=2, total=3)


def test_ungrounded_quotes_are_counted() -> None:
    b = perfect()
    b.claims[0].quote = Quote(text="the new bridge in Sella", start=0, end=23)  # wrong span
    assert score(b).ungrounded == 1


def test_gold_view_from_the_gold_model() -> None:
    from factcheck.evaluate.gold import load_gold

    story = load_gold(FIXTURES / "seeds" / "gold.json")
    view = GoldView.from_obj(story)
    assert len(view.findings) == 7 and sum(f.core for f in view.findings) == 5
    assert ("presidency-denial", "secret-cooperation") in view.links
    assert view.findings[2].claims == ("declaration-political-military", "declaration-political")


# --- report, thresholds, table, CLI -------------------------------------------------------------------


def report_of(system: RunScores, oracle: RunScores | None = None, error: str | None = None) -> EvalReport:
    st = StoryReport(story="bridge", path="x/gold.json", system=None if error else system, oracle=oracle, error=error)
    sys_t, orc_t = total([st])
    return EvalReport(backend="offline", stories=[st], system=sys_t, oracle=orc_t, errors=int(error is not None))


def test_check_thresholds() -> None:
    good = score(perfect())
    rep = report_of(good, good)
    assert check_thresholds(rep, {n: (1.0 if n.startswith("min_") else 0.0) for n in THRESHOLDS
                                  if n != "max_negative_fp_rate" and n not in QUOTE_THRESHOLDS}) == []  # fmt: skip
    b = perfect()
    b.counters = b.counters[:1]
    weak = report_of(score(b), good)
    failed = check_thresholds(weak, {"min_counter_recall": 0.5, "min_link_f1": 0.9, "min_oracle_findings": 1.0})
    assert len(failed) == 2 and "counter recall 0.333 < floor 0.5" in failed[0] and "link F1" in failed[1]
    assert check_thresholds(weak, {"min_counter_recall": None}) == []
    # nothing to score is a failure, not a silent pass
    assert "nothing to score" in check_thresholds(rep, {"max_negative_fp_rate": 0.1})[0]
    neg = report_of(score(perfect(), negative=True))
    assert (
        "negative-story false-positive rate 1.000 > ceiling 0.1"
        in check_thresholds(neg, {"max_negative_fp_rate": 0.1})[0]
    )
    assert check_thresholds(report_of(good, error="boom"), {})[0].startswith("1 story(ies) could not be evaluated")
    with pytest.raises(KeyError):
        check_thresholds(rep, {"min_everything": 1.0})


def test_report_totals_are_micro_averaged_and_serialise() -> None:
    a, b = score(perfect()), perfect()
    b.counters = b.counters[:1]
    both, _ = total([StoryReport(story="1", path="1", system=a), StoryReport(story="2", path="2", system=score(b))])
    assert both.counters.recall == Ratio(hit=4, total=6)
    data = json.loads(report_of(a, a).model_dump_json())
    assert data["system"]["counters"]["recall"] == {"hit": 3, "total": 3, "value": 1.0}
    assert data["system"]["links"]["f1"] == 1.0
    assert PR().f1 is None


def test_format_table_lists_stories_totals_and_kinds() -> None:
    out = format_table(report_of(score(perfect()), score(perfect())))
    assert "bridge" in out and "TOTAL" in out and "contested" in out and "3/3" in out
    assert "ERROR boom" in format_table(report_of(RunScores(), error="boom"))


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_eval_arguments(parser)
    return parser.parse_args(list(argv))


def test_cli_arguments_and_exit_codes(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    rep = report_of(score(perfect()), score(perfect()))
    monkeypatch.setattr(runner_mod, "evaluate_paths", lambda paths, settings, **kw: rep)
    args = _args("somewhere", "--min-link-f1", "0.8", "--max-negative-fp-rate", "0.1")
    assert args.min_link_f1 == 0.8 and args.max_ungrounded == 0.0 and args.backend is None
    assert run_eval(_args("somewhere", "--min-link-f1", "0.8")) == 0
    assert "bridge" in capsys.readouterr().out
    assert run_eval(_args("somewhere", "--min-core-findings", "1.01")) == 1
    assert "FAIL: core finding recall 1.000 < floor 1.01" in capsys.readouterr().err
    assert run_eval(_args("somewhere", "--json")) == 0
    assert EvalReport.model_validate_json(capsys.readouterr().out).system.links.f1 == 1.0


def test_cli_writes_json_file_and_bad_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_eval(_args(str(tmp_path / "nope"))) == 2
    assert "no such file or folder" in capsys.readouterr().err


# --- discovery -----------------------------------------------------------------------------------------


def test_discover_file_story_folder_and_folder_of_folders(tmp_path: Path) -> None:
    seeds = FIXTURES / "seeds"
    assert discover(seeds / "gold.json") == [seeds / "gold.json"]
    assert discover(seeds) == [seeds / "gold.json"]
    dev = discover(FIXTURES / "eval" / "aured-dev")
    assert len(dev) == 16 and dev == sorted(dev) and all(p.name == "gold.json" for p in dev)
    assert [p.parent.name for p in discover(FIXTURES / "stories")] == [
        "cholera-bilingual", "cholera-rumour-ar", "flood-death-toll", "interview-denied", "quake-confirmed-ar",
    ]  # fmt: skip
    with pytest.raises(EvalError, match="no such file"):
        discover(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(EvalError, match=r"no gold\.json"):
        discover(tmp_path / "empty")


# --- the gold fixtures themselves -----------------------------------------------------------------------

GOLD_FILES = sorted(FIXTURES.rglob("gold.json"))


def test_gold_files_found() -> None:
    assert len(GOLD_FILES) >= 1 + 16 + 3


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.parent.name)
def test_every_evidence_string_is_verbatim_and_locatable(gold_path: Path) -> None:
    from factcheck.evaluate.gold import load_gold, load_story_articles

    story = load_gold(gold_path)
    raw = {a.id: (gold_path.parent / a.file).read_text(encoding="utf-8-sig") for a in story.articles}
    view = GoldView.from_obj(story)
    for item in [*view.claims, *view.counters]:
        for aid, strings in item.evidence.items():
            for s in strings:
                assert s in raw[aid], f"{item.id}: {s[:50]!r} is not verbatim in {aid}"
    view.locate_evidence(load_story_articles(gold_path, story))
    assert view.notes == []
    assert all(sp.located and sp.end > sp.start for it in [*view.claims, *view.counters] for sp in it.spans)


def test_own_stories_test_the_findings_they_are_for() -> None:
    kinds = {}
    for p in discover(FIXTURES / "stories"):
        g = GoldView.from_obj(json.loads(p.read_text(encoding="utf-8")))
        kinds[g.story] = {(f.kind, f.field) for f in g.findings if f.core}
    assert kinds["flood-death-toll"] == {("discrepancy", "number")}
    assert kinds["quake-confirmed-ar"] == {("corroborated", None)}
    assert kinds["interview-denied"] == {("attribution_disputed", None)}


# --- end to end ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_end_to_end_on_the_seeds() -> None:
    from factcheck.config import Settings
    from factcheck.evaluate import evaluate_story

    rep = evaluate_story(FIXTURES / "seeds" / "gold.json", Settings(backend="offline"))
    assert rep.error is None, rep.error
    assert rep.system is not None and rep.oracle is not None
    assert rep.oracle.findings.recall == Ratio(hit=7, total=7), rep.oracle.missed
    assert rep.oracle.false_core_findings == 0, rep.oracle.false
    assert rep.system.core_findings == Ratio(hit=5, total=5), rep.system.missed
    assert rep.system.core_claims.value is not None and rep.system.core_claims.value >= 0.9
    assert rep.system.ungrounded == 0 and rep.oracle.ungrounded == 0


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.parent.name)
def test_the_gold_extraction_scores_one_against_its_own_gold(gold_path: Path) -> None:
    """The scorer and factcheck.evaluate.gold agree: the gold's own extraction matches every item and link."""
    from factcheck.evaluate.gold import gold_to_extractions, load_gold, load_story_articles

    story = load_gold(gold_path)
    arts = load_story_articles(gold_path, story)
    xs = gold_to_extractions(story, arts).extractions
    b = Brief(
        articles=list(arts.values()),
        sources=[],
        claims=[c for x in xs for c in x.claims],
        counters=[k for x in xs for k in x.counters],
        clusters=[],
        findings=[],
        run=RunInfo(factcheck_version="test"),
    )
    s = score_brief(GoldView.from_obj(story), arts, b)
    for ratio in [s.claims.recall, s.claims.precision, s.counters.recall, s.counters.precision, s.counter_kind,
                  s.links.recall, s.links.precision]:  # fmt: skip
        assert ratio.value in (None, 1.0), s
    assert s.claims.recall.total == len(story.claims)
