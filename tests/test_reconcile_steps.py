"""The reconciler's named steps (reconcile/__init__.py): each one alone, on small invented inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract import extract_all
from factcheck.ingest import article_id, load_articles
from factcheck.models import Article, ClaimStatus, Extraction, FindingKind, Quote, Source, SourceKind
from factcheck.reconcile import reconcile
from factcheck.reconcile.assemble import statuses
from factcheck.reconcile.prepare import distinct, prepare
from factcheck.reconcile.sources import merge_sources
from factcheck.reconcile.unionfind import UnionFind, union_find
from factcheck.reconcile.versions import RawFinding

ROOT = Path(__file__).resolve().parent.parent


def _article(text: str, outlet: str | None = None) -> Article:
    return Article(id=article_id(text), text=text, outlet=outlet)


def test_union_find_roots_are_smallest_members_whatever_the_order() -> None:
    a = union_find(6, [(4, 5), (1, 4), (0, 2)])
    b = union_find(6, [(0, 2), (5, 1), (4, 1)])
    assert a == b == [[0, 2], [1, 4, 5], [3]]
    uf = UnionFind(3)
    assert uf.union(0, 1) and not uf.union(1, 0)


def test_distinct_drops_the_same_article_twice_but_keeps_a_repost_by_another_outlet() -> None:
    text = "The ministry said the bridge will open in May."
    one, repost = _article(text, "@one"), _article(text, "@two")
    notes: list[str] = []
    xs = distinct([Extraction(article=one), Extraction(article=one), Extraction(article=repost)], notes)
    assert [x.article.outlet for x in xs] == ["@one", "@two"]
    assert notes == [f"{one.id}: the same article was given twice; the repeat was ignored"]


def test_prepare_resolves_sources_and_drops_ungrounded_items() -> None:
    text = "Officials said the port closed on Monday."
    art = _article(text)
    src = Source(id="s1", name="Officials", kind=SourceKind.official)
    good = {"id": "c1", "article_id": art.id, "statement": "port closed", "claimant": "s1"}
    quote = Quote(text="the port closed on Monday", start=text.index("the port"), end=len(text) - 1)
    bad_quote = Quote(text="a bridge fell", start=0, end=13)
    x = Extraction.model_validate(
        {
            "article": art,
            "sources": [src],
            "claims": [{**good, "quote": quote}, {**good, "id": "c2", "quote": bad_quote}],
        }
    )
    notes: list[str] = []
    story = prepare([x], merge_sources([x]), notes)
    assert [c.id for _, c in story.claims] == ["c1"]
    assert story.claims[0][1].claimant == "S1"
    assert story.order == {"c1": 0}
    assert any("dropped c2" in n for n in notes)


def test_statuses_take_the_most_urgent_finding() -> None:
    raw = [
        RawFinding(FindingKind.corroborated, [0], []),
        RawFinding(FindingKind.contested, [0, 1], []),
        RawFinding(FindingKind.consistent, [2], []),
    ]
    assert statuses(3, raw) == [ClaimStatus.contested, ClaimStatus.contested, ClaimStatus.reported]


@pytest.mark.parametrize("story", ["cholera-bilingual", "flood-death-toll", "interview-denied"])
def test_reconcile_does_not_change_its_input(story: str) -> None:
    files = sorted(str(p) for p in (ROOT / "fixtures/stories" / story).glob("*.txt"))
    xs, _ = extract_all(load_articles(files)[0])
    before = [x.model_dump_json() for x in xs]
    first = reconcile(xs, encoder=None).model_dump_json()
    assert [x.model_dump_json() for x in xs] == before
    assert reconcile(xs, encoder=None).model_dump_json() == first  # and gives the same brief again


def test_the_encoder_sees_each_distinct_text_once_and_copies_share_a_vector() -> None:
    import numpy as np

    from factcheck.reconcile.similar import Similarity

    seen: list[list[str]] = []

    class Fake:
        def encode(self, texts: list[str]) -> np.ndarray:
            seen.append(list(texts))
            rng = np.random.default_rng(len(texts))
            v = rng.normal(size=(len(texts), 8)).astype(np.float32)
            return v / np.linalg.norm(v, axis=1, keepdims=True)

    claims = ["a report", "another report", "a report"]
    sim = Similarity(Fake(), claims, ["a report", "a denial"])
    assert seen == [["a report", "another report", "a denial"]]
    assert (sim.cc[0] == sim.cc[2]).all() and sim.kc[0][0] == sim.cc[0][0]
