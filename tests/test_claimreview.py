"""ClaimReview JSON-LD: validated offline against a pinned excerpt of the schema.org vocabulary."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from factcheck.models import Brief, ClaimStatus
from factcheck.pipeline import generate_brief
from factcheck.render.claimreview import MAX_CLAIM_CHARS, claim_reviews, render_claimreview

ROOT = Path(__file__).resolve().parent.parent
VOCAB = json.loads((Path(__file__).parent / "data" / "schemaorg_claimreview.json").read_text(encoding="utf-8"))


def _props(type_name: str) -> dict[str, list[str]]:
    t = VOCAB["types"][type_name]
    out: dict[str, list[str]] = {}
    for parent in t["parents"]:
        out.update(_props(parent))
    out.update(t["properties"])
    return out


def _is_a(type_name: str, wanted: str) -> bool:
    return type_name == wanted or any(_is_a(p, wanted) for p in VOCAB["types"][type_name]["parents"])


def _validate(node: dict[str, Any], where: str = "$") -> None:
    kind = node["@type"]
    assert kind in VOCAB["types"], f"{where}: unknown type {kind}"
    props = _props(kind)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        assert key in props, f"{where}: {kind} has no property {key}"
        for v in value if isinstance(value, list) else [value]:
            ranges = props[key]
            if isinstance(v, dict):
                assert any(_is_a(v["@type"], r) for r in ranges if r in VOCAB["types"]), f"{where}.{key}: {v['@type']}"
                _validate(v, f"{where}.{key}")
            else:
                assert isinstance(v, str | int | float) and any(r in VOCAB["datatypes"] for r in ranges), key
                if "Date" in ranges:
                    dt.date.fromisoformat(str(v))
                if ranges == ["URL"]:
                    assert re.match(r"https?://", str(v)), v


@pytest.fixture(scope="module")
def seeds_brief() -> Brief:
    return generate_brief(sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt")))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_seeds_give_valid_reviews_for_both_disputes(seeds_brief: Brief, lang: str) -> None:
    reviews = claim_reviews(
        seeds_brief,
        publisher="Example Newsroom",
        publisher_url="https://news.example/",
        url="https://news.example/briefs/1",
        date_published=dt.date(2025, 11, 20),
        lang=lang,
    )
    disputed = [
        c for c in seeds_brief.clusters if c.status in (ClaimStatus.contested, ClaimStatus.attribution_disputed)
    ]
    assert len(disputed) >= 2 and len(reviews) >= len(disputed)
    quotes = {c.quote.text for c in seeds_brief.claims}
    for r in reviews:
        assert r["@context"] == "https://schema.org"
        _validate(r)
        assert len(r["claimReviewed"]) <= MAX_CLAIM_CHARS
        head = r["claimReviewed"].rstrip("…")
        assert any(q.startswith(head) or " ".join(q.split()).startswith(head) for q in quotes)  # its own words
        assert r["reviewRating"]["alternateName"] and "ratingValue" not in r["reviewRating"]
        assert r["datePublished"] == "2025-11-20" and r["author"]["name"] == "Example Newsroom"
    labels = {r["reviewRating"]["alternateName"] for r in reviews}
    assert ("في موضع نزاع" in " ".join(labels) or any("\u0600" <= ch <= "\u06ff" for ch in "".join(labels))) == (
        lang == "ar"
    )


def test_render_is_json_ld_and_a_publisher_is_required(seeds_brief: Brief) -> None:
    doc = json.loads(
        render_claimreview(seeds_brief, publisher="X", langs=("en", "ar"), date_published=dt.date(2025, 1, 1))
    )
    assert isinstance(doc, list) and all(r["@type"] == "ClaimReview" for r in doc)
    with pytest.raises(ValueError, match="publisher"):
        claim_reviews(seeds_brief, publisher=" ")


def test_a_claim_is_cut_at_a_word_to_75_characters() -> None:
    from factcheck.render.claimreview import _cut

    text = "The ministry said the new hospital in the northern district would open its doors to patients next month"
    cut = _cut(text)
    assert len(cut) <= 75 and cut.endswith("…") and text.startswith(cut[:-1])
    assert _cut("short claim") == "short claim"


@pytest.mark.slow
def test_cli_writes_claimreview_and_needs_a_publisher_before_any_extraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.cli import main

    seeds = sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))
    monkeypatch.delenv("FACTCHECK_PUBLISHER", raising=False)
    assert main(["brief", *seeds, "-o", str(tmp_path / "reviews.jsonld")]) == 2
    assert "--publisher" in capsys.readouterr().err and not (tmp_path / "reviews.jsonld").exists()
    out = tmp_path / "reviews.jsonld"
    assert main(["brief", *seeds, "-o", str(out), "--publisher", "Example Newsroom", "--lang", "en", "-q"]) == 0
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert len(reviews) >= 2
    for r in reviews:
        _validate(r)
