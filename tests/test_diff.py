"""What changed between two briefs of one story."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.diff import diff_briefs
from factcheck.models import Brief, FindingKind
from factcheck.pipeline import generate_brief

pytestmark = pytest.mark.slow  # subprocesses or whole briefs: not in the inner loop

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
FIRST, SECOND = str(SEEDS / "000_7a755da794561b55.txt"), str(SEEDS / "002_bb4ab9c79788da7a.txt")


def _brief(*paths: str) -> Brief:
    return generate_brief(list(paths))


def test_a_brief_compared_with_itself_has_no_change() -> None:
    brief = _brief(FIRST, SECOND)
    assert diff_briefs(brief, brief).empty
    again = Brief.model_validate_json(brief.model_dump_json())
    assert diff_briefs(brief, again).empty


def test_a_second_article_shows_as_new_article_claims_responses_and_findings() -> None:
    old, new = _brief(FIRST), _brief(FIRST, SECOND)
    d = diff_briefs(old, new)
    second = next(a.id for a in new.articles if a.id not in {x.id for x in old.articles})
    assert d.new_articles == [second] and d.removed_articles == []
    assert d.new_claims and all(c.article_id == second for c in d.new_claims)
    assert any(r.kind == "attribution_denial" for r in d.new_responses)
    assert FindingKind.attribution_disputed in {f.kind for f in d.findings_added}
    for f in d.findings_added:  # every finding named by the claims it concerns, as quoted
        assert all(any(q == c.quote.text for c in new.claims) for q in f.claims)
    # and the other way round: dropping the article takes its findings away
    back = diff_briefs(new, old)
    assert back.removed_articles == [second] and back.new_articles == []
    assert {f.kind for f in back.findings_removed} >= {FindingKind.attribution_disputed}


def test_the_diff_is_deterministic() -> None:
    old, new = _brief(FIRST), _brief(FIRST, SECOND)
    assert diff_briefs(old, new).model_dump_json() == diff_briefs(old, new).model_dump_json()


def test_a_grown_cluster_keeps_its_findings_and_the_cli_prints_the_change(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from factcheck.cli import main

    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert main(["brief", FIRST, "-o", str(old), "-q"]) == 0
    assert main(["brief", FIRST, SECOND, "-o", str(new), "-q"]) == 0
    d = diff_briefs(
        Brief.model_validate_json(old.read_text("utf-8")), Brief.model_validate_json(new.read_text("utf-8"))
    )
    assert not ({f.kind for f in d.findings_added} & {f.kind for f in d.findings_removed})  # nothing both gone and new
    capsys.readouterr()
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### What changed") and "**New articles**" in out and "disputed attribution" in out
    assert main(["diff", str(new), str(new), "--lang", "ar"]) == 0
    assert "لا تغيير" in capsys.readouterr().out


def test_the_brief_shows_a_few_items_per_section_and_the_json_keeps_them_all() -> None:
    from factcheck.diff import SHOWN, changes_view, changes_views, with_changes

    old, new = _brief(SECOND), _brief(FIRST, SECOND)
    d = diff_briefs(old, new)
    assert len(d.new_claims) > SHOWN  # the first seed brings many claims
    changed = with_changes(new, old)
    views = changes_views(changed, ("ar", "en"))
    assert views is not None and [v.lang for v in views] == ["ar", "en"]
    en = dict(views[1].sections)["New claims"]
    assert len(en) == SHOWN + 1 and en[-1].text == f"… and {len(d.new_claims) - SHOWN} more below"
    assert len(dict(changes_view(d, new, "en").sections)["New claims"]) == len(d.new_claims)
    assert Brief.model_validate_json(new.model_dump_json()) == new  # a plain brief has no changes key
    assert '"changes"' in changed.model_dump_json() and changes_views(new, ("en",)) is None


def test_agenerate_brief_takes_a_previous_brief_too() -> None:
    import asyncio

    from factcheck.diff import ChangedBrief
    from factcheck.pipeline import agenerate_brief

    old = _brief(FIRST)
    new = asyncio.run(agenerate_brief([FIRST, SECOND], previous=old))
    assert isinstance(new, ChangedBrief) and new.changes == diff_briefs(old, new)
