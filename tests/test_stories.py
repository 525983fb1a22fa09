"""Stories, not files: grouping, affected stories, previous briefs and what changed (offline extractor)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factcheck import generate_brief, render
from factcheck.cli import main
from factcheck.diff import ChangedBrief, load_brief
from factcheck.errors import InputError
from factcheck.stories import affected, brief_path, group_stories, slug

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "fixtures" / "stories"
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two story folders of two articles each, as a desk keeps them."""
    for name, src in (("flood", "flood-death-toll"), ("interview", "interview-denied")):
        (tmp_path / "articles" / name).mkdir(parents=True)
        for f in sorted((STORIES / src).glob("*.txt")):
            shutil.copy(f, tmp_path / "articles" / name / f.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_one_story_per_folder_by_default_and_briefs_are_not_articles(desk: Path) -> None:
    (desk / "articles" / "flood" / "factcheck-brief.json").write_text("{}", encoding="utf-8")
    stories = group_stories(["articles"])
    assert [s.name for s in stories] == ["articles/flood", "articles/interview"]
    assert all(len(s.files) == 2 for s in stories)  # the folder's own brief is never read as an article
    assert brief_path(stories[0], "md") == Path("articles/flood/factcheck-brief.md")
    assert brief_path(stories[0], "md", Path("out")) == Path("out/articles--flood.md") and slug("a/b") == "a--b"
    changed = affected(stories, ["articles/interview/wire.txt"])
    assert [s.name for s in changed] == ["articles/interview"] and len(changed[0].files) == 2


def test_a_glob_groups_nested_folders_and_a_stories_file_names_stories(desk: Path) -> None:
    (desk / "articles" / "flood" / "day2").mkdir()
    shutil.move(desk / "articles" / "flood" / "daily.txt", desk / "articles" / "flood" / "day2" / "daily.txt")
    assert len(group_stories(["articles"])) == 3  # by folder: day2 is a story of its own
    by_glob = group_stories(["articles"], story_glob="articles/*")
    assert [(s.name, len(s.files)) for s in by_glob] == [("articles/flood", 2), ("articles/interview", 2)]
    toml = desk / "stories.toml"
    toml.write_text(
        '[stories]\n"the flood" = ["articles/flood/**/*.txt"]\nrest = "articles/interview/*.txt"\n', "utf-8"
    )
    named = group_stories(["articles"], stories_file=toml)
    assert [(s.name, len(s.files)) for s in named] == [("rest", 2), ("the flood", 2)]
    js = desk / "stories.json"
    js.write_text(json.dumps({"flood": ["articles/flood/**/*.txt"]}), encoding="utf-8")
    with pytest.raises(InputError, match="in no story"):  # the interview articles belong nowhere
        group_stories(["articles"], stories_file=js)


def test_bad_story_inputs_fail_before_any_extraction(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = desk / "stories.toml"
    bad.write_text("flood = [", encoding="utf-8")
    assert main(["brief", "articles", "--stories-file", str(bad)]) == 2
    assert "cannot read the stories file" in capsys.readouterr().err
    (desk / "articles" / "flood" / "factcheck-brief.json").write_text('{"articles": 1}', encoding="utf-8")
    assert main(["brief", "--stories", "articles"]) == 2  # a broken previous brief is read first
    err = capsys.readouterr().err
    assert "factcheck-brief.json" in err and "not a brief" in err
    assert not (desk / "articles" / "interview" / "factcheck-brief.json").exists()  # nothing was written
    assert main(["brief", "--stories", "articles", "-o", "x.md"]) == 2 and "--out-dir" in capsys.readouterr().err
    assert main(["brief", "--stories", "nowhere"]) == 2
    (desk / "afile").touch()
    assert main(["brief", "--stories", "articles", "--out-dir", "afile/x"]) == 2
    assert "cannot write in afile" in capsys.readouterr().err


@pytest.mark.slow
def test_a_new_article_rebriefs_its_whole_story_and_the_brief_leads_with_what_changed(desk: Path) -> None:
    assert main(["brief", "--stories", "articles", "-q"]) == 0
    other = (desk / "articles" / "interview" / "factcheck-brief.md").read_bytes()
    shutil.copy(SEEDS[0], desk / "articles" / "flood" / "third.txt")
    manifest = desk / "m.json"
    args = ["brief", "--stories", "articles", "--changed", "articles/flood/third.txt", "--manifest", str(manifest)]
    assert main([*args, "-q"]) == 0
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    assert [(e["story"], e["articles"]) for e in entries] == [("articles/flood", 3)]
    assert entries[0]["previous"] == str(Path("articles/flood/factcheck-brief.json"))
    assert (desk / "articles" / "interview" / "factcheck-brief.md").read_bytes() == other  # untouched
    md = (desk / "articles" / "flood" / "factcheck-brief.md").read_text(encoding="utf-8")
    assert md.index("## ما الذي تغيّر") < md.index("## What changed") < md.index("# موجز التحقق")
    assert "**New articles**" in md and "third.txt" in md
    brief = load_brief(desk / "articles" / "flood" / "factcheck-brief.json")
    assert isinstance(brief, ChangedBrief) and len(brief.changes.new_articles) == 1


@pytest.mark.slow
def test_previous_in_the_library_and_the_cli(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in (desk / "articles" / "flood").glob("*.txt"))
    old = generate_brief(files[:1])
    plain = generate_brief(files)
    new = generate_brief(files, previous=old)
    assert isinstance(new, ChangedBrief) and not isinstance(plain, ChangedBrief)
    assert render(new, format="md").endswith(render(plain, format="md"))  # the brief itself is unchanged
    html = render(new, format="html")
    assert html.index('class="changes"') < html.index('id="part-ar"')
    (desk / "old.json").write_text(old.model_dump_json(), encoding="utf-8")
    assert main(["brief", *files, "--previous", "old.json", "-o", "new.json", "-q"]) == 0
    assert main(["render", "new.json", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith('<div dir="ltr" lang="en">\n\n## What changed')
