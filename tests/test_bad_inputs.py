"""The bad-input corpus (fixtures/bad/ plus what cannot be committed: a directory, a missing path, a
symlink loop, an unreadable file, a 50 MB file): each gives a correct article or a one-line error that
names the file and the fix, never a traceback, and the good article beside it is still briefed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.ingest import load_articles
from factcheck.models import Brief

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "fixtures" / "bad"
GOOD = ROOT / "fixtures" / "seeds" / "002_bb4ab9c79788da7a.txt"
SENTENCE = "قال وزير النقل إن الجسر القديم سيعاد فتحه أمام السيارات"

# file -> None when it must be read as an article (its text holds SENTENCE's start), else a phrase of the error
EXPECTED: dict[str, str | None] = {
    "empty.txt": "no article text",
    "whitespace.txt": "no article text",
    "image.png": "binary file",
    "document.pdf": "PDF",
    "invalid_utf8.txt": "encoding",
    "cp1256.txt": None,
    "iso8859_6.txt": None,
    "utf16le_bom.txt": None,
    "utf16le.txt": None,
    "utf16be_bom.txt": None,
    "utf16be.txt": None,
    "bidi_zero_width.txt": None,
    "script.html": None,
    "missing_text.json": "no 'text' or 'html'",
    "malformed.json": "malformed JSON",
    "deeply_nested.json": "nested too deeply",
    "lone_surrogates.json": None,
    "wrong_types.json": "must be a string",
}


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


def _runtime_cases(tmp: Path) -> dict[str, str]:
    (tmp / "a folder").mkdir()
    loop = tmp / "loop.txt"
    loop.symlink_to(loop)
    locked = tmp / "locked.txt"
    locked.write_text(SENTENCE, encoding="utf-8")
    locked.chmod(0)
    huge = tmp / "huge.txt"
    with huge.open("wb") as fh:  # 50 MB, sparse: costs no disk
        fh.truncate(50_000_000)
    cases = {
        str(tmp / "a folder"): "is a directory",
        str(tmp / "missing.txt"): "file not found",
        str(loop): "loop of symbolic links",
        str(huge): "over the limit",
    }
    if os.geteuid() != 0:  # root reads anything: then the file is simply an article
        cases[str(locked)] = "permissions"
    return cases


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_input_is_read_or_refused_in_one_line(name: str) -> None:
    articles, failures = load_articles([BAD / name])
    expected = EXPECTED[name]
    if expected is None:
        assert failures == [] and len(articles) == 1
        text = articles[0].text
        assert "قال وزير النقل" in text and "\u202e" not in text and "\u200b" not in text
        assert "alert(" not in text and "document.write" not in text and "color:red" not in text
        json.dumps(articles[0].model_dump(mode="json"), ensure_ascii=False).encode("utf-8")  # writable
    else:
        assert articles == [] and len(failures) == 1
        error = failures[0].error
        assert expected in error and str(BAD / name) in error and "\n" not in error
        assert " - " in error  # the fix follows the problem


def test_lone_surrogates_become_replacement_characters_with_a_note() -> None:
    (article,), _ = load_articles([BAD / "lone_surrogates.json"])
    assert "\ufffd" in article.text and article.title == "\ufffdعنوان"
    assert article.outlet == "صحيفة"  # the bidi override is gone from the metadata
    assert any("lone surrogate" in n for n in article.notes)


@pytest.mark.slow
def test_the_whole_corpus_in_one_run_still_briefs_the_good_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runtime = _runtime_cases(tmp_path)
    files = [*(str(BAD / n) for n in sorted(EXPECTED)), *runtime, str(GOOD)]
    out = tmp_path / "brief.json"
    assert main(["brief", *files, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    brief = Brief.model_validate_json(out.read_text(encoding="utf-8"))
    readable, _ = load_articles([*(BAD / n for n, e in EXPECTED.items() if e is None), GOOD])
    # every readable input is in the brief (the same text decoded from several encodings counts once)
    assert {a.id for a in brief.articles} == {a.id for a in readable} and len(readable) >= 5
    failed = {f.input_name: f.error for f in brief.run.failures}
    for path, phrase in runtime.items():
        assert phrase in failed[path], (path, failed.get(path))
    for name, phrase in EXPECTED.items():
        if phrase is not None:
            assert phrase in failed[str(BAD / name)]
    assert all(line.startswith("factcheck: ") for line in err.strip().splitlines())


def test_too_many_articles_is_refused_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["brief", str(GOOD), str(GOOD), str(GOOD), "--max-articles", "2"]) == 2
    assert "more than the limit of 2 articles" in capsys.readouterr().err


def test_a_single_path_is_one_input_not_its_characters() -> None:
    articles, failures = load_articles(str(GOOD))
    assert len(articles) == 1 and failures == []
