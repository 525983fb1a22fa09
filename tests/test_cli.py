"""The command line: stages run alone on JSON, exit codes, messages that say the fix."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.evaluate.gold import CORE_KINDS, gold_to_extractions, load_gold, load_story_articles
from factcheck.evaluate.gold_compare import compare_findings
from factcheck.models import Brief

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SEED_FILES = [str(SEEDS / "000_7a755da794561b55.txt"), str(SEEDS / "002_bb4ab9c79788da7a.txt")]


@pytest.mark.slow
def test_reconcile_command_on_the_gold_extraction_yields_the_seven_findings(tmp_path: Path) -> None:
    story = load_gold(SEEDS / "gold.json")
    gx = gold_to_extractions(story, load_story_articles(SEEDS / "gold.json", story))
    files = []
    for n, x in enumerate(gx.extractions):  # one file per article, as a newsroom would bring them
        path = tmp_path / f"extraction{n}.json"
        path.write_text(x.model_dump_json(), encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "brief.json"
    assert main(["reconcile", *files, "-o", str(out)]) == 0
    brief = Brief.model_validate_json(out.read_text(encoding="utf-8"))
    cmp = compare_findings(brief, story, gx)
    assert len(cmp.found) == 7 and not cmp.missed
    assert [f.kind for f in cmp.extra if f.kind in CORE_KINDS] == []


@pytest.mark.slow
def test_stages_chain_extract_reconcile_render(tmp_path: Path) -> None:
    ex = tmp_path / "x.json"
    assert main(["extract", *SEED_FILES, "-o", str(ex)]) == 0
    assert len(json.loads(ex.read_text(encoding="utf-8"))) == 2
    b = tmp_path / "b.json"
    assert main(["reconcile", str(ex), "-o", str(b)]) == 0
    html = tmp_path / "b.html"
    assert main(["render", str(b), "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert 'lang="ar" dir="rtl"' in page and 'lang="en" dir="ltr"' in page


@pytest.mark.slow
def test_brief_exit_1_names_the_failed_article_and_keeps_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe\x00\xd8\x00\xdc" + bytes(range(128, 256)))
    out = tmp_path / "b.json"
    assert main(["brief", *SEED_FILES, str(broken), "-o", str(out)]) == 1
    brief = Brief.model_validate_json(out.read_text(encoding="utf-8"))
    assert len(brief.articles) == 2
    assert [f.input_name for f in brief.run.failures] == [str(broken)]
    assert "broken.txt" in capsys.readouterr().err


def test_brief_exit_2_when_nothing_can_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt" in err and "no brief written" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["brief"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["brief", *SEED_FILES, "--format", "pdf"])
    assert exc.value.code == 2


def test_reconcile_rejects_what_is_not_an_extraction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"article": 3}', encoding="utf-8")
    assert main(["reconcile", str(bad)]) == 2
    assert "factcheck schema --model extraction" in capsys.readouterr().err


@pytest.mark.slow
def test_stdin_article(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = (SEEDS / "002_bb4ab9c79788da7a.txt").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["brief", "-", "--format", "json", "--lang", "en"]) == 0
    brief = Brief.model_validate_json(capsys.readouterr().out)
    assert brief.articles[0].input_name == "-"


@pytest.mark.slow
def test_lang_selects_one_part(tmp_path: Path) -> None:
    out = tmp_path / "en.md"
    assert main(["brief", *SEED_FILES, "--lang", "en", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert 'lang="en"' in text and 'lang="ar" dir="rtl">\n\n#' not in text


def test_schema_prints_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Brief" and "findings" in schema["properties"]


def test_unknown_template_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", *SEED_FILES, "--template-dir", str(tmp_path / "nope")]) == 2
    assert "--template-dir" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--lang", "fr"], "unknown language(s) fr"),
        (["--lang", ","], "unknown language(s) (none)"),
        (["-o", "{tmp}/brief.pdf"], "cannot tell the format from '.pdf'"),
        (["-o", "{tmp}"], "is a folder"),
        (["--template-dir", "{tmp}/missing"], "is not a folder"),
    ],
)
def test_bad_output_options_are_refused_before_any_extraction(
    extra: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import factcheck.pipeline

    def never(*a: object, **k: object) -> None:
        raise AssertionError("extraction started before the options were checked")

    monkeypatch.setattr(factcheck.pipeline, "generate_brief", never)
    assert main(["brief", *SEED_FILES, *(x.replace("{tmp}", str(tmp_path)) for x in extra)]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "brief.pdf").exists()


@pytest.mark.slow
def test_lang_is_case_insensitive_and_an_explicit_format_names_any_file(tmp_path: Path) -> None:
    out = tmp_path / "brief.txt"
    assert main(["brief", *SEED_FILES, "--lang", "EN", "--format", "md", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Fact-check brief" in text or "brief" in text.lower()
    assert "موجز التحقق" not in text  # the English part only


def test_abbreviated_flags_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["brief", *SEED_FILES, "--mod", "x"])  # not --model, not --mode
    assert exc.value.code == 2
    assert "unrecognized arguments: --mod" in capsys.readouterr().err


@pytest.mark.slow
def test_template_dir_from_the_environment_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    (own / "brief.md.j2").write_text("OWN TEMPLATE {{ langs | join(',') }}\n", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_TEMPLATE_DIR", str(own))
    out = tmp_path / "b.md"
    assert main(["brief", *SEED_FILES, "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8").startswith("OWN TEMPLATE ar,en")
    monkeypatch.setenv("FACTCHECK_TEMPLATE_DIR", str(tmp_path / "missing"))
    assert main(["brief", *SEED_FILES, "-o", str(out), "-q"]) == 2
