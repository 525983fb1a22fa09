"""The gold format and its conversion to Extractions (seeds and every AuRED dev story)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factcheck.errors import EvalError
from factcheck.evaluate.gold import gold_to_extractions, load_gold, load_story_articles
from factcheck.models import SourceKind
from factcheck.text.grounding import ungrounded

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = FIXTURES / "seeds" / "gold.json"
AURED = sorted((FIXTURES / "eval" / "aured-dev").glob("*/gold.json"))
ALL_GOLD = [SEEDS, *AURED]


@pytest.mark.parametrize("path", ALL_GOLD, ids=lambda p: p.parent.name)
def test_every_gold_story_converts_with_all_evidence_located(path: Path) -> None:
    story = load_gold(path)
    articles = load_story_articles(path, story)
    gx = gold_to_extractions(story, articles)
    assert [x.article.id for x in gx.extractions] == [articles[a.id].id for a in story.articles]
    for x in gx.extractions:
        assert x.extractor == "gold"
        assert ungrounded(x) == []
    # maps complete: one claim/counter per article its evidence names, every source used somewhere
    for gc in story.claims:
        assert len(gx.claim_ids[gc.id]) == len(gc.evidence)
    for gk in story.counters:
        assert len(gx.counter_ids[gk.id]) == len(gk.evidence)
    all_claims = {c.id: c for x in gx.extractions for c in x.claims}
    all_counters = {k.id: k for x in gx.extractions for k in x.counters}
    assert len(all_claims) == sum(len(c.evidence) for c in story.claims)  # ids unique
    for gk in story.counters:
        for kid in gx.counter_ids[gk.id]:
            assert sorted(all_counters[kid].targets) == sorted(i for t in gk.targets for i in gx.claim_ids[t])
    referenced = {s for c in story.claims for s in [c.claimant, c.about, *c.based_on] if s} | {
        k.speaker for k in story.counters if k.speaker
    }
    assert all(gx.source_ids[s] for s in referenced)
    # every gold evidence string is the quote or an evidence span of its item
    for gc in story.claims:
        for gaid, strings in gc.evidence.items():
            cid = f"{articles[gaid].id}-g-{gc.id}"
            claim = all_claims[cid]
            assert len([claim.quote, *claim.evidence]) == len(strings)
            assert claim.statement == claim.quote.text and claim.statement_en is None


def test_seed_conversion_maps_sources_and_flags() -> None:
    story = load_gold(SEEDS)
    articles = load_story_articles(SEEDS, story)
    gx = gold_to_extractions(story, articles)
    a000, a002 = gx.extractions
    assert a000.article.outlet == "Arabi21 (عربي21)" and a000.article.published == dt.date(2025, 11, 14)
    assert a002.article.published == dt.date(2025, 11, 15)
    secret = next(c for c in a000.claims if c.id.endswith("-g-secret-cooperation"))
    assert secret.anonymous and secret.check_worthiness == 0.8
    assert secret.quote.text.startswith("كان يتعاون سراً") and len(secret.evidence) == 1
    src = {s.id: s for s in a000.sources}
    assert src[secret.claimant or ""].name_en == "The New York Times"
    assert src[secret.based_on[0]].kind == SourceKind.anonymous
    assert src[secret.reported_by or ""].name == "Arabi21 (عربي21)"
    bounty = next(c for c in a000.claims if c.id.endswith("-g-bounty"))
    assert bounty.check_worthiness == 0.3 and not bounty.anonymous
    wais = next(s for s in a002.sources if s.name_en == "Mazhar al-Wais")
    assert wais.handles == ["@maabdwalshamee1"]
    denial = next(k for k in a002.counters if k.id.endswith("-g-presidency-denial"))
    assert set(denial.targets) == set(gx.claim_ids["secret-cooperation"])


def _write_story(tmp_path: Path, gold: dict[str, object], text: str = "قال الوزير إن الاجتماع عقد أمس.") -> Path:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def _gold(evidence: str) -> dict[str, object]:
    return {
        "story": "mini",
        "articles": [{"id": "a", "file": "a.txt", "outlet": "Outlet X", "language": "ar", "published": "2024-03-01"}],
        "sources": [{"id": "minister", "name_ar": "الوزير", "kind": "official"}],
        "claims": [{"id": "meeting", "core": True, "claimant": "minister", "evidence": {"a": [evidence]}}],
    }


def test_missing_evidence_names_story_article_and_string(tmp_path: Path) -> None:
    path = _write_story(tmp_path, _gold("الاجتماع ألغي"))
    story = load_gold(path)
    with pytest.raises(EvalError) as err:
        gold_to_extractions(story, load_story_articles(path, story))
    msg = str(err.value)
    assert "mini" in msg and "'a'" in msg and "الاجتماع ألغي" in msg


def test_metadata_from_gold_overrides_ingest(tmp_path: Path) -> None:
    path = _write_story(tmp_path, _gold("الاجتماع عقد أمس"))
    art = load_story_articles(path)["a"]
    assert (art.outlet, art.language, art.published) == ("Outlet X", "ar", dt.date(2024, 3, 1))


def test_unknown_reference_is_an_eval_error(tmp_path: Path) -> None:
    gold = _gold("الاجتماع عقد أمس")
    gold["claims"][0]["claimant"] = "nobody"  # type: ignore[index]
    with pytest.raises(EvalError, match="unknown source 'nobody'"):
        load_gold(_write_story(tmp_path, gold))


def test_malformed_gold_is_an_eval_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(EvalError, match="JSON"):
        load_gold(path)
    path.write_text(json.dumps({"story": "x", "articles": [{"id": "a"}]}), encoding="utf-8")
    with pytest.raises(EvalError, match="not a gold story"):
        load_gold(path)
