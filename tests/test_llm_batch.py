"""`factcheck batch submit/collect` through a loopback Files + Batches server, then a brief with 0 calls."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from batch_server import serve_batches
from llm_helpers import SEED_FILES, SEEDS, point_at
from llm_server import Reply, article_in, article_text, completion, error, seed_answer, seed_responder, serve

from factcheck.cli import main
from factcheck.config import Settings
from factcheck.extract import batch as batch_mod
from factcheck.extract.batch import manifest_dir
from factcheck.extract.cache import cache_root

SEED_PATHS = [str(SEEDS / n) for n in SEED_FILES]


pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fast_backoff")]
_point_at = point_at


def _submit(capsys: pytest.CaptureFixture[str], *flags: str) -> str:
    capsys.readouterr()
    assert main(["batch", "submit", *SEED_PATHS, *flags]) == 0
    return capsys.readouterr().out.strip()


def _canon(bodies: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(b, sort_keys=True, ensure_ascii=False) for b in bodies)


@pytest.mark.parametrize("flags", [[], ["--mode", "json_schema", "--chunk-tokens", "1500"]])
def test_round_trip_then_brief_makes_zero_calls(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, flags: list[str]
) -> None:
    with serve_batches(seed_responder()) as srv:
        _point_at(monkeypatch, srv.url)
        batch_id = _submit(capsys, *flags)
        lines = srv.input_lines(batch_id)
        assert srv.uploads == [{"purpose": "batch", "filename": "factcheck-batch.jsonl"}]
        assert srv.batches[batch_id]["completion_window"] == "24h"
        assert srv.batches[batch_id]["endpoint"] == "/v1/chat/completions"
        assert all(line["method"] == "POST" and line["url"] == "/v1/chat/completions" for line in lines)
        assert len({line["custom_id"] for line in lines}) == len(lines) >= 2
        assert (manifest_dir(Settings()) / f"{batch_id}.json").is_file()

        assert main(["batch", "collect", batch_id, *flags]) == 0
        out = capsys.readouterr().out
        assert f"stored {len(lines)} part(s)" in out and "failed 0 part(s)" in out
        assert main(["brief", *SEED_PATHS, *flags, "-o", str(tmp_path / "brief.json")]) == 0
        assert srv.chat_calls == 0  # every part served from what the batch stored
    brief = json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))
    assert brief["claims"] and len(brief["articles"]) == 2


@pytest.mark.parametrize("flags", [[], ["--mode", "json_schema", "--chunk-tokens", "1500"], ["--mode", "md_json"]])
def test_request_lines_are_the_live_requests(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, flags: list[str]
) -> None:
    with serve(seed_responder()) as live:
        _point_at(monkeypatch, live.url)
        assert main(["brief", *SEED_PATHS, *flags, "--no-cache", "-o", str(tmp_path / "b.md")]) == 0
        # A validation re-ask adds the answer and the problems to the messages; the Batch API
        # sends only first attempts (no re-ask is possible there).
        sent = [r for r in live.requests if len(r["messages"]) == 2]
    with serve_batches(seed_responder()) as srv:
        _point_at(monkeypatch, srv.url)
        batch_id = _submit(capsys, *flags)
        lines = srv.input_lines(batch_id)
    assert _canon([line["body"] for line in lines]) == _canon(sent)


def test_cached_parts_are_not_sent_again(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with serve_batches(seed_responder()) as srv:
        _point_at(monkeypatch, srv.url)
        assert main(["batch", "collect", _submit(capsys)]) == 0
        capsys.readouterr()
        assert main(["batch", "submit", *SEED_PATHS]) == 0
        captured = capsys.readouterr()
        assert captured.out == "" and "nothing to send" in captured.err
        assert len(srv.batches) == 1 and len(srv.uploads) == 1


def test_pending_batch_says_so_and_exits_0_then_collects(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve_batches(seed_responder()) as srv:
        _point_at(monkeypatch, srv.url)
        srv.hold = True
        batch_id = _submit(capsys)
        assert main(["batch", "collect", batch_id]) == 0
        assert "in_progress" in capsys.readouterr().out
        assert not list(cache_root(Settings()).rglob("*.json"))
        srv.hold = False
        assert main(["batch", "collect", batch_id]) == 0
        assert "stored 2 part(s)" in capsys.readouterr().out


def _per_seed(bad: str, reply: Any) -> Any:
    """The seed responder, except for the article that holds ``bad`` (answered by ``reply``)."""
    good = seed_responder()

    def script(request: dict[str, Any]) -> Reply:
        return reply(request) if bad in article_in(request) else good(request)

    return script


def _first_quote(name: str) -> str:
    return str(seed_answer(name)["claims"][0]["quote"])


def test_ungrounded_items_are_dropped_with_a_note(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answer = seed_answer("seed_002.json")
    invented = {**answer["claims"][0], "id": "c99", "quote": "قال الوزير إن المدينة كلها غرقت في الظلام"}
    bad = {**answer, "claims": [*answer["claims"], invented]}
    with serve_batches(_per_seed(_first_quote("seed_002.json"), lambda r: completion(r, bad))) as srv:
        _point_at(monkeypatch, srv.url)
        assert main(["batch", "collect", _submit(capsys)]) == 0
        assert "stored 2 part(s), dropped 1 ungrounded item(s)" in capsys.readouterr().out
        assert main(["brief", *SEED_PATHS, "-o", str(tmp_path / "b.json")]) == 0
        assert srv.chat_calls == 0
    text = (tmp_path / "b.json").read_text(encoding="utf-8")
    assert "غرقت في الظلام" not in text and "Batch API answer" in text


@pytest.mark.parametrize(
    "reply", [lambda r: error(500, "boom"), lambda r: completion(r, {"claims": "not a list"})], ids=["http", "shape"]
)
def test_a_failed_part_is_named_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, reply: Any
) -> None:
    with serve_batches(_per_seed(_first_quote("seed_002.json"), reply)) as srv:
        _point_at(monkeypatch, srv.url)
        assert main(["batch", "collect", _submit(capsys)]) == 1
        captured = capsys.readouterr()
        assert "stored 1 part(s)" in captured.out and "failed 1 part(s)" in captured.out
        assert SEED_FILES[1] in captured.err and SEED_FILES[0] not in captured.err
        assert main(["brief", *SEED_PATHS, "-o", str(tmp_path / "b.md")]) in (0, 1)
        failed_text = (SEEDS / SEED_FILES[1]).read_text(encoding="utf-8")
        asked = [article_text(r) for r in srv.chat_requests]
        assert asked and all(a in failed_text for a in asked)  # only the failed part is asked live


def test_collect_without_a_manifest_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve_batches(seed_responder()) as srv:
        _point_at(monkeypatch, srv.url)
        assert main(["batch", "collect", "batch_unknown"]) == 2
        assert "no manifest" in capsys.readouterr().err


def test_over_one_batchs_limits_nothing_is_uploaded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(batch_mod, "MAX_REQUESTS", 1)
    with serve_batches(seed_responder()) as srv:
        _point_at(monkeypatch, srv.url)
        assert main(["batch", "submit", *SEED_PATHS]) == 2
        assert "several batches" in capsys.readouterr().err
        assert srv.uploads == [] and srv.batches == {}
