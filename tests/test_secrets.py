"""Canary: the API key appears nowhere on disk or on screen after a full run with every debug
switch on - outputs, cache, logs, error messages - even against a server that echoes it back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from llm_helpers import SEED_FILES, SEEDS
from llm_server import Reply, answer_for_chunk, article_in, completion, error, seed_answer, serve

pytestmark = pytest.mark.slow  # subprocesses or whole briefs: not in the inner loop

CANARY = "sk-canary-7f3e9d2c1b0a-DO-NOT-LEAK"
DEBUG_ENV = {
    "OPENAI_LOG": "debug",  # the openai SDK logs requests and responses
    "HTTPX_LOG_LEVEL": "trace",
    "INSTRUCTOR_DEBUG": "1",
    "PYTHONASYNCIODEBUG": "1",
    "FACTCHECK_DEBUG": "1",
}


def _echoing(request: dict[str, Any]) -> Reply:
    text = article_in(request)
    answers = [seed_answer(n) for n in ("seed_000.json", "seed_002.json")]
    best = max(answers, key=lambda a: len(answer_for_chunk(a, text)["claims"]))
    answer = answer_for_chunk(best, text)
    for c in answer["claims"]:
        c["statement_en"] = f"{c['statement_en']} (key: {CANARY})"
    return completion(request, answer)


def _run(tmp: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTCHECK_"))}
    env.update(DEBUG_ENV)
    env.update(
        {
            "OPENAI_API_KEY": CANARY,
            "OPENAI_BASE_URL": url,
            "FACTCHECK_MODEL": "m",
            "FACTCHECK_CACHE_DIR": str(tmp / "cache"),
            "HOME": str(tmp / "home"),
            "TMPDIR": str(tmp / "tmp"),
        }
    )
    (tmp / "tmp").mkdir(exist_ok=True)
    paths = [str(SEEDS / n) for n in SEED_FILES]
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "brief", *paths, *extra],
        env=env,
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _files_with_canary(root: Path) -> list[Path]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file() and CANARY.encode() in path.read_bytes():
            hits.append(path)
    return hits


def test_the_key_is_nowhere_after_a_debug_run_against_an_echoing_server(tmp_path: Path) -> None:
    with serve(_echoing) as srv:
        for fmt in ("md", "html", "json"):
            r = _run(tmp_path, srv.url, "-o", str(tmp_path / f"brief.{fmt}"))
            assert r.returncode == 0, r.stderr[-2000:]
            assert CANARY not in r.stdout and CANARY not in r.stderr
        assert srv.headers[0]["Authorization"] == f"Bearer {CANARY}"  # it was used ...
    assert (tmp_path / "cache").is_dir() and _files_with_canary(tmp_path) == []  # ... and kept nowhere
    brief = json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))
    assert any("***" in (c.get("statement_en") or "") for c in brief["claims"])


def test_the_key_is_nowhere_when_the_server_echoes_it_in_an_error(tmp_path: Path) -> None:
    with serve(lambda r: error(401, f"Incorrect API key provided: {CANARY}")) as srv:
        r = _run(tmp_path, srv.url, "-o", str(tmp_path / "brief.md"))
    assert r.returncode == 2 and "401" in r.stderr
    assert CANARY not in r.stdout and CANARY not in r.stderr
    assert _files_with_canary(tmp_path) == []
