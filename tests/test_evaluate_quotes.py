"""Quote-set evaluation (factcheck.evaluate.quotes): every measure on the team's own sample set
(fixtures/eval/quotes-sample: three invented articles, 13 gold attributions) against figures
computed by hand, the offset mapping when ingest changes a text, the prediction builder, the CLI
(table, --json, thresholds, exit codes) and a real offline run. Never reads ../shared."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from factcheck import cli
from factcheck.config import Settings
from factcheck.errors import EvalError
from factcheck.evaluate import (
    EvalReport,
    Pred,
    check_thresholds,
    evaluate_paths,
    evaluate_quote_set,
    format_table,
    load_quote_set,
    main,
    predictions,
    score_document,
)
from factcheck.evaluate import quotes_score as quotes_mod
from factcheck.evaluate.quotes import name_match, raw_to_clean, surname
from factcheck.models import Article, ArticleFailure, Claim, CounterKind, CounterStatement, Extraction, Quote, Source

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "eval" / "quotes-sample"
A1 = "harbour-gazette_2031-03-04_bridge-repairs"
A2 = "valley-post_2031-05-12_school-meals"
A3 = "coast-herald_2031-06-20_port-strike"

# The hand predictions: (verbatim text, speaker names, origin), located in the cleaned text. Each is
# there for a reason, noted against the gold item (E = a1, F = a2, G = a3) it meets.
HAND: dict[str, list[tuple[str, tuple[str, ...], str]]] = {
    A1: [
        ("repairs to the Harbour Bridge would begin in March", ("Elena Varga",), "claim"),  # E1 minus 'that'
        ('"We cannot wait another winter,"', ("Elena Varga",), "claim"),  # E2: continuation paragraph missed
        ('"Every month of delay costs us more,"', ("Elena Varga",), "claim"),  # E3: pronoun speaker
        ("Opposition leader Tomas Brandt believes the budget is too small.", ("Tomas Brandt",), "claim"),  # E5
        ('"The figures," Brandt said, "do not add up."', ("Tomas Brandt",), "claim"),  # E6: the hull
        ("Council Approves Harbour Bridge Repairs", (), "claim"),  # the headline: no gold
    ],
    A2: [
        (
            "The Education Ministry said the new meal plan would reach 40,000 pupils by September.",
            ("Education Ministry",),
            "claim",
        ),  # F1 with its attribution
        ("that suppliers had been chosen without a tender", (), "denial"),  # F2: nominal, no speaker
        ("“still too small for teenagers”", ("Osei",), "claim"),  # F3: the quoted words of a mixed quote
    ],
    A3: [
        (
            "the strike would continue “until the port authority returns to the table.”",
            ("Rafael Mendes",),
            "claim",
        ),  # G1 exactly
        ("“We have made our offer,”", ("Rafael Mendes",), "claim"),  # G2's first part, wrong speaker
        ("“It is fair and it is final.”", ("Ines Kovac",), "claim"),  # G2's second part, right speaker
        ("that the union would not accept it", ("Ines Kovac",), "claim"),  # G3, wrong speaker
    ],
}


def _doc_of(article: Article) -> str:
    return Path(article.input_name or "").stem


def hand_extraction(article: Article) -> Extraction:
    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    counters: list[CounterStatement] = []
    for n, (text, names, origin) in enumerate(HAND[_doc_of(article)]):
        start = article.text.index(text)
        quote = Quote(text=text, start=start, end=start + len(text))
        sid = None
        if names:
            sid = sources.setdefault(names[0], Source(id=f"s{len(sources) + 1}", name=names[0])).id
        if origin == "claim":
            claims.append(Claim(id=f"c{n}", article_id=article.id, quote=quote, statement=text, claimant=sid))
        else:
            counters.append(
                CounterStatement(
                    id=f"k{n}",
                    article_id=article.id,
                    quote=quote,
                    statement=text,
                    speaker=sid,
                    kind=CounterKind(origin),
                )
            )
    return Extraction(article=article, sources=list(sources.values()), claims=claims, counters=counters)


def fake_extract_all(
    articles: Sequence[Article], settings: Any = None, *, client: Any = None
) -> tuple[list[Extraction], list[ArticleFailure]]:
    return [hand_extraction(a) for a in articles], []


@pytest.fixture
def hand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes_mod, "extract_all", fake_extract_all)


def test_sample_gold_is_consistent_with_its_texts() -> None:
    docs = load_quote_set(SAMPLE)
    assert [d.doc for d in docs] == sorted([A1, A2, A3]) and sum(len(d.gold) for d in docs) == 13
    for d in docs:
        rows = [json.loads(x) for x in (SAMPLE / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
        for row in (r for r in rows if r["doc"] == d.doc):
            assert d.raw[row["start"] : row["end"]] == row["text"]
            assert all(row["start"] <= s < e <= row["end"] for s, e in row["segments"])
            assert " ".join(d.raw[s:e] for s, e in row["source_span"]) == row["speaker"]
            assert (row["speaker_type"] == "none") == (row["attribution_type"] == "Attribution-no-source")
    meta = [json.loads(x) for x in (SAMPLE / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {m["doc"]: m["n_gold"] for m in meta} == {A1: 6, A2: 4, A3: 3}


def test_gold_offsets_follow_the_text_when_ingest_changes_it() -> None:
    # a3 has a zero-width space in its headline and three newlines after it: ingest removes both
    raw = (SAMPLE / "docs" / f"{A3}.txt").read_text(encoding="utf-8")
    from factcheck.ingest import load_article

    clean = load_article(SAMPLE / "docs" / f"{A3}.txt")[0].text
    assert clean != raw
    f = raw_to_clean(raw, clean)
    for g in next(d for d in load_quote_set(SAMPLE) if d.doc == A3).gold:
        assert clean[f(g.start) : f(g.end)] == raw[g.start : g.end]
        assert f(g.start) == g.start - 2
    assert raw_to_clean("abc", "abc")(2) == 2


def test_every_measure_equals_the_hand_computed_figure(hand: None) -> None:
    rep = evaluate_quote_set(SAMPLE, Settings(backend="offline"))
    s = rep.scores
    assert (rep.documents, rep.extracted, rep.changed_by_ingest, rep.error) == (3, 3, 2, None)
    assert (s.gold, s.pred, s.pred_by_origin) == (13, 13, {"claim": 12, "counter:denial": 1})

    def prf(name: str) -> tuple[int, int, int]:
        m = s.measures[name]
        return m.tp, m.pred, m.gold

    # exact: E3, E6 (hull), F2, G1, G3 - trimmed and strict alike here
    assert prf("exact_strict") == prf("exact") == (5, 13, 13)
    # overlap50 (>= half of the longer span; gold = its trimmed segments): E1 50/55, E3 34/37, E6
    # 24/44, F1 56/85, F2, G1 72/74, G2 26/48 (its second part), G3. Not: E2 29/79 (continuation
    # missed), E5 23/64, F3 31/66, G2's first part 22/48
    assert prf("overlap50") == (8, 13, 13)
    # ggt@0.3 (shared/gold > 0.3): the 8 above, and E2 29/79, E5 23/23, F3 31/66; for G2 the prediction
    # covering more of it (26/48) wins over 22/48. ggt@0.8: E2, F3 and G2 drop out
    assert prf("ggt@0.3") == (11, 13, 13)
    assert prf("ggt@0.8") == (8, 13, 13)
    # quote+speaker: overlap50 pairs with a named/nominal gold speaker and the right name: E1, E6, F1,
    # G1, G2 (F2 has no speaker, G3 the wrong one); E3's pronoun pair leaves the predictions
    assert prf("quote+speaker") == (5, 12, 11)
    assert round(s.measures["quote+speaker"].f1 or 0, 4) == round(10 / 23, 4)
    # citron_char, non-space characters: predicted 228+139+135, gold 215+174+127, both 134+114+127
    assert prf("citron_char") == (375, 502, 516)
    assert s.measures["citron_char"].pct() == (74.7, 72.7, 73.7)
    assert s.measures["ggt@0.3"].pct() == (84.6, 84.6, 84.6)

    o50, g30 = s.speaker["overlap50"], s.speaker["ggt@0.3"]
    assert (o50["name"].n, o50["name"].ok) == (6, 5)  # G3 wrong
    assert (o50["nominal"].n, o50["nominal"].ok, o50["nominal"].no_pred_speaker) == (1, 0, 1)
    assert (o50["pronoun"].n, o50["pronoun"].accuracy) == (1, None)  # counted, not scored
    assert "none" not in o50
    assert (o50["ALL_attributable"].n, o50["ALL_attributable"].ok) == (7, 5)
    assert (g30["name"].n, g30["name"].ok, g30["ALL_attributable"].n, g30["ALL_attributable"].ok) == (9, 8, 10, 8)

    def sl(name: str) -> tuple[int, int, int, int, int, int, int]:
        x = s.slices[name]
        return x.gold, x.pred, x.overlap50.tp, x.exact.tp, x.speaker.n, x.speaker.ok, x.quote_speaker.pred

    # (gold, pred = 13 less the overlap50 matches outside the slice, overlap50 tp, exact tp,
    #  speaker pairs, right, quote+speaker pred)
    assert sl("speech, named") == (8, 11, 6, 3, 6, 5, 11)
    assert sl("speech, pronoun") == (1, 6, 1, 1, 0, 0, 5)
    assert sl("speech") == (10, 13, 8, 5, 7, 5, 12)
    assert sl("other") == (3, 5, 0, 0, 0, 0, 5)
    assert sl("named") == (10, 11, 6, 3, 6, 5, 11)
    assert sl("pronoun") == (1, 6, 1, 1, 0, 0, 5)
    assert round(s.slices["speech, named"].overlap50.f1 or 0, 4) == round(12 / 19, 4)
    assert s.slices["speech, pronoun"].quote_speaker.f1 is None  # no named gold: nothing to score

    def rec(key: str) -> tuple[int, int]:
        r = s.recall_by_class[key]
        return r.hit, r.total

    assert rec("kind=direct") == (4, 5) and rec("kind=indirect") == (4, 7) and rec("kind=mixed") == (0, 1)
    assert rec("cue_class=speech") == (8, 10) and rec("cue_class=other") == (0, 3)
    assert rec("speaker_type=none") == (0, 1) and rec("speaker_type=pronoun") == (1, 1)
    assert {k: (r.hit, r.total) for k, r in s.exact_recall_by_kind.items()} == {
        "direct": (3, 5),
        "indirect": (2, 7),
        "mixed": (0, 1),
    }
    assert s.error_counts == {
        "boundary": 3,  # E1, F1, G2: matched, not exact
        "missed_direct": 1,  # E2
        "missed_indirect": 3,  # E4 (no source), E5, F4
        "missed_mixed": 1,  # F3
        "spurious": 5,
        "wrong_speaker": 2,  # F2 (no speaker), G3
    }


def test_speaker_names_match_by_surname() -> None:
    assert surname("Nadia Osei, who chairs the parents’ association") == "osei"
    assert surname("Union secretary Rafael Mendes") == "mendes"
    assert surname("A ministry spokesperson") == "ministry"
    assert name_match("Sen. Jane Roe", ["Roe"]) and name_match("Roe", ["Jane Roe's office"])
    assert not name_match("Mendes", ["Ines Kovac"]) and not name_match("she", ["Elena Varga"])
    assert not name_match("Mendes", [])


def test_predictions_take_claims_and_counters_once_with_names_not_pronouns() -> None:
    text = 'The mayor said "the bridge opens in May." She denied any delay.'
    art = Article(id="a1", text=text)

    def q(s: str) -> Quote:
        i = text.index(s)
        return Quote(text=s, start=i, end=i + len(s))

    span = '"the bridge opens in May."'
    ex = Extraction(
        article=art,
        sources=[
            Source(id="s1", name="Elena Varga", aliases=["the mayor", "she"]),
            Source(id="s2", name="He"),
        ],
        claims=[Claim(id="c1", article_id="a1", quote=q(span), statement="x", claimant=None)],
        counters=[
            CounterStatement(
                id="k1", article_id="a1", quote=q(span), statement="x", speaker="s1", kind=CounterKind.denial
            ),
            CounterStatement(
                id="k2",
                article_id="a1",
                quote=q("denied any delay"),
                statement="x",
                speaker="s2",
                kind=CounterKind.denial,
            ),
        ],
    )
    preds = predictions(ex)
    # the counter on the claim's span lends it its speaker; a pronoun alias or name is no name
    assert preds == [
        Pred(q(span).start, q(span).end, ("Elena Varga", "the mayor"), "claim"),
        Pred(text.index("denied"), text.index("denied") + 16, (), "counter:denial"),
    ]


def test_no_prediction_scores_zero_not_nothing() -> None:
    d = next(d for d in load_quote_set(SAMPLE) if d.doc == A2)
    t = score_document(d.gold, d.raw, d.raw, [])
    assert (t["gold"], t["pred"], t["tp:overlap50"], t["err:missed_indirect"]) == (4, 0, 0, 3)


def test_cli_table_json_and_thresholds(hand: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.json"
    code = cli.main(["eval", str(SAMPLE), "--backend", "offline", "-o", str(out), "--min-ggt-f1", "0.84"])
    stdout, stderr = capsys.readouterr()
    assert code == 0 and "all thresholds pass" in stderr
    assert "quote set" in stdout and "speech, named" in stdout
    assert re.search(r"^ggt@0\.3 +84\.6 +84\.6 +84\.6 +11/13/13$", stdout, re.M)
    rep = EvalReport.model_validate_json(out.read_text(encoding="utf-8"))
    assert rep.quotes is not None and rep.quotes.measures["overlap50"].tp == 8 and rep.stories == []
    assert rep.quote_sets[0].tally["tp:overlap50"] == 8
    floors = {
        "--min-ggt-f1": "0.85",  # 0.846
        "--min-overlap-f1": "0.62",  # 0.615
        "--min-speech-named-f1": "0.64",  # 0.632
        "--min-speaker-accuracy": "0.72",  # 5/7 = 0.714
        "--min-quote-speaker-f1": "0.44",  # 0.435
        "--min-exact-f1": "0.39",  # 0.385
    }
    for flag, floor in floors.items():
        assert cli.main(["eval", str(SAMPLE), "--backend", "offline", flag, floor]) == 1, flag
        assert f"({flag})" in capsys.readouterr().err
    ok = [x for flag, floor in floors.items() for x in (flag, f"{float(floor) - 0.01:.2f}")]
    assert cli.main(["eval", str(SAMPLE), "--backend", "offline", *ok, "--max-failed-docs", "0"]) == 0
    capsys.readouterr()


def test_abbreviated_or_percent_flags_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for run in (cli.main, lambda argv: main(argv[1:])):
        with pytest.raises(SystemExit) as err:
            run(["eval", str(SAMPLE), "--min-ggt", "0.4"])
        assert err.value.code == 2
    assert main([str(SAMPLE), "--min-ggt-f1", "47"]) == 2
    assert "fraction" in capsys.readouterr().err


def test_every_document_failing_exits_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(articles: Sequence[Article], settings: Any = None, *, client: Any = None) -> Any:
        return [], [ArticleFailure(input_name=a.input_name or "", error="boom", stage="extract") for a in articles]

    monkeypatch.setattr(quotes_mod, "extract_all", broken)
    assert main([str(SAMPLE), "--backend", "offline"]) == 1
    err = capsys.readouterr().err
    assert "no document extracted (3 failed)" in err and "all thresholds pass" not in err
    rep = evaluate_paths([SAMPLE], Settings(backend="offline"))
    assert rep.errors == 1 and rep.quote_sets[0].extracted == 0
    assert check_thresholds(rep, {"max_failed_docs": 5})[0].startswith("quote set")
    assert "ERROR no document extracted" in format_table(rep)


def test_the_llm_client_reaches_the_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []

    def spy(articles: Sequence[Article], settings: Any = None, *, client: Any = None) -> Any:
        seen.append((settings.backend, client))
        return fake_extract_all(articles)

    monkeypatch.setattr(quotes_mod, "extract_all", spy)
    client = object()
    rep = evaluate_paths([SAMPLE], Settings(backend="llm", model="m", base_url="http://x/v1"), client=client)
    assert seen == [("llm", client)] and rep.backend == "llm" and rep.quotes is not None


def test_floor_on_quotes_without_a_quote_set_fails() -> None:
    rep = EvalReport(backend="offline", stories=[])
    assert "nothing to score" in check_thresholds(rep, {"min_ggt_f1": 0.1})[0]


def test_malformed_sets_are_input_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "d.txt").write_text("Ann said it rains.", encoding="utf-8")
    (tmp_path / "docs.jsonl").write_text('{"doc": "d", "file": "docs/d.txt"}\n', encoding="utf-8")
    good = {
        "doc": "d",
        "qid": "d-E1",
        "start": 9,
        "end": 17,
        "speaker": "Ann",
        "speaker_type": "name",
        "kind": "indirect",
    }
    for bad in ({**good, "end": 99}, {**good, "doc": "e"}, {**good, "speaker_type": "who"}, {"doc": "d"}):
        (tmp_path / "gold.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
        with pytest.raises(EvalError):
            load_quote_set(tmp_path)
        assert main([str(tmp_path)]) == 2
    (tmp_path / "gold.jsonl").write_text(json.dumps(good) + "\n", encoding="utf-8")
    assert load_quote_set(tmp_path)[0].gold[0].segments == ((9, 17),)  # no segments: the span
    (tmp_path / "docs.jsonl").write_bytes(b"\xff\xfe")
    with pytest.raises(EvalError):
        load_quote_set(tmp_path)
    capsys.readouterr()


def test_real_offline_run_on_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    # the extractor itself (no fake): every document is ingested, extracted and scored, and the
    # figures are those of scoring its own extractions again
    rep = evaluate_quote_set(SAMPLE / "gold.jsonl", Settings(backend="offline"))
    assert (rep.extracted, rep.failures, rep.scores.gold) == (3, [], 13)
    from factcheck.extract import extract_all
    from factcheck.ingest import load_article

    exs, _ = extract_all([load_article(d.path)[0] for d in load_quote_set(SAMPLE)], Settings(backend="offline"))
    again = sum(len(predictions(e)) for e in exs)
    assert rep.scores.pred == again
