"""Acceptance: `factcheck brief` on the seeds against a scripted OpenAI-compatible loopback server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from llm_helpers import SEED_FILES, SEEDS, point_at
from llm_server import answer_for_chunk, article_in, completion, error, seed_answer, seed_responder, serve

from factcheck.cli import main
from factcheck.config import Settings
from factcheck.extract.chunking import chunk_text
from factcheck.ingest import load_articles

SEED_PATHS = [str(SEEDS / n) for n in SEED_FILES]


pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fast_backoff")]
_point_at = point_at


def _expected_calls() -> int:
    articles, failures = load_articles(SEED_PATHS)
    assert failures == []
    return sum(len(chunk_text(a.text, Settings().chunk_tokens)) for a in articles)


def test_brief_makes_one_call_per_chunk_shows_english_renderings_and_caches(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with serve(seed_responder()) as srv:
        _point_at(monkeypatch, srv.url)
        assert main(["brief", *SEED_PATHS, "-o", str(tmp_path / "brief.md")]) == 0
        assert srv.calls == _expected_calls()
        assert main(["brief", *SEED_PATHS, "-o", str(tmp_path / "brief.json"), "--format", "json"]) == 0
        assert srv.calls == _expected_calls()  # the second run is served from the cache
    markdown = (tmp_path / "brief.md").read_text(encoding="utf-8")
    english = markdown[markdown.index('lang="en"') :]
    rendering = seed_answer("seed_000.json")["claims"][0]["statement_en"]
    assert rendering in english
    brief = json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))
    assert brief["run"]["extractors"] == ["llm"] or "llm" in brief["run"]["extractors"]
    assert all(c["statement_en"] for c in brief["claims"])
    kinds = {f["kind"] for f in brief["findings"]}
    assert {"contested", "attribution_disputed", "discrepancy", "single_origin", "anonymous_sourcing"} <= kinds


INVENTED = "وأعلنت الحكومة حظر التجول في جميع المدن"


def test_an_invented_quote_never_appears_in_any_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    answers = [seed_answer("seed_000.json"), seed_answer("seed_002.json")]

    def script(request: dict[str, Any]) -> Any:
        text = article_in(request)
        best = max((answer_for_chunk(a, text) for a in answers), key=lambda a: len(a["claims"]))
        best["claims"].append(
            {
                "id": "c77",
                "quote": INVENTED,
                "statement": INVENTED,
                "statement_en": "A curfew was declared.",
                "claimant": best["sources"][0]["id"] if best["sources"] else None,
            }
        )
        return completion(request, best)

    with serve(script) as srv:
        _point_at(monkeypatch, srv.url)
        for fmt in ("md", "html", "json"):
            out = tmp_path / f"brief.{fmt}"
            assert main(["brief", *SEED_PATHS, "-o", str(out), "--format", fmt, "--no-cache"]) == 0
            text = out.read_text(encoding="utf-8")
            assert INVENTED not in text and "curfew" not in text
        assert "dropped claim c77: quote not found in article" in (tmp_path / "brief.json").read_text(encoding="utf-8")


def test_a_server_that_always_fails_exits_nonzero_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve(lambda r: error(500, "the model crashed")) as srv:
        _point_at(monkeypatch, srv.url)
        code = main(["brief", *SEED_PATHS, "-o", str(tmp_path / "brief.md")])
    assert code in (1, 2)
    err = capsys.readouterr().err
    assert "the LLM server failed (HTTP 500)" in err and "the model crashed" in err


def test_one_failing_article_still_writes_a_brief_naming_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ok = seed_responder()

    def script(request: dict[str, Any]) -> Any:
        return error(500, "broken for this one") if "@maabdwalshamee1" in article_in(request) else ok(request)

    with serve(script) as srv:
        _point_at(monkeypatch, srv.url)
        code = main(["brief", *SEED_PATHS, "-o", str(tmp_path / "brief.md")])
    assert code == 1
    assert "bb4ab9c79788da7a.txt" in (tmp_path / "brief.md").read_text(encoding="utf-8")


def test_help_does_not_import_openai_or_instructor() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom factcheck.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in ('openai', 'instructor') if m in sys.modules]\nassert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=Path(__file__).parent.parent)


def test_when_every_article_fails_each_error_line_names_its_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "one.txt", tmp_path / "two.txt"
    a.write_text("قال الوزير إن الخطة ستنجح في الموعد المحدد.", encoding="utf-8")
    b.write_text("قالت الوزارة إن التقرير غير صحيح على الإطلاق.", encoding="utf-8")
    with serve(lambda request: error(429, "rate limited")) as srv:
        code = main(["brief", str(a), str(b), "--backend", "llm", "--base-url", srv.url, "--model", "m", "--no-cache"])
    assert code == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if "429" in line]
    assert len(lines) == 2, lines
    assert any("one.txt" in line for line in lines) and any("two.txt" in line for line in lines)


def test_eval_takes_the_extractor_options_of_brief(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    with serve(seed_responder()) as srv:
        code = main(
            [
                "eval",
                str(SEEDS),
                "--backend",
                "llm",
                "--base-url",
                srv.url,
                "--model",
                "m",
                "--mode",
                "json_schema",
                "--timeout",
                "30",
                "--no-cache",
            ]
        )
        assert srv.calls == 2  # one call per seed
        assert all(r["response_format"]["type"] == "json_schema" for r in srv.requests)
        assert all(r["model"] == "m" for r in srv.requests)
    assert code == 0
    with pytest.raises(SystemExit):
        main(["eval", str(SEEDS), "--mod", "json_schema"])  # abbreviations are refused


def test_story_eval_fails_when_an_article_failed_unless_allowed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    args = ["eval", str(SEEDS), "--backend", "llm", "--model", "m", "--no-cache"]
    with serve(lambda r: error(400, "this server fails every call")) as srv:
        assert main([*args, "--base-url", srv.url]) == 1
        assert "article(s) failed to load or extract" in capsys.readouterr().err
        assert main([*args, "--base-url", srv.url, "--allow-failures"]) == 0
