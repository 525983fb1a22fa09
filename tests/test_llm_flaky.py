"""Twenty articles against a server that fails 30% of calls at random (seeded): the brief is written,
every failure is named with its article, and a re-run completes the rest without repeating a call
that succeeded (each successful part is cached)."""

from __future__ import annotations

import json
import random
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from llm_helpers import point_at
from llm_server import Reply, article_in, completion, error, serve

from factcheck.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fast_backoff")]
CLAIM = re.compile(r"قال المتحدث باسم البلدية إن (المشروع رقم \d+ [^.]+)")


def _answer(request: dict[str, Any]) -> Reply:
    found = CLAIM.search(article_in(request))
    assert found is not None
    quote = found.group(1)
    return completion(
        request,
        {
            "claims": [
                {
                    "id": "c1",
                    "quote": quote,
                    "statement": quote,
                    "statement_en": "unknown",
                    "statement_ar": "unknown",
                    "claimant": "s1",
                }
            ],
            "counters": [],
            "sources": [{"id": "s1", "name": "المتحدث باسم البلدية", "kind": "official"}],
        },
    )


def test_a_flaky_server_costs_only_the_failed_articles_and_a_re_run_completes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files = []
    for n in range(20):
        path = tmp_path / f"article-{n:02d}.txt"
        path.write_text(
            f"قال المتحدث باسم البلدية إن المشروع رقم {n} سيكتمل قبل نهاية العام الحالي بحسب الخطة.\n\n"
            f"وأضاف أن تكلفة المشروع بلغت {n + 3} ملايين دينار.",
            encoding="utf-8",
        )
        files.append(str(path))
    rng, lock, state = random.Random(30), threading.Lock(), {"flaky": True}

    def server(request: dict[str, Any]) -> Reply:
        with lock:
            fail = state["flaky"] and rng.random() < 0.3
        return error(500, "upstream overloaded") if fail else _answer(request)

    out = tmp_path / "brief.json"
    monkeypatch.setenv("FACTCHECK_TRANSPORT_RETRIES", "0")  # a failed call stays failed in this run
    with serve(server) as srv:
        point_at(monkeypatch, srv.url)
        code = main(["brief", *files, "-o", str(out), "--concurrency", "4", "-q"])
        first_calls = srv.calls
        brief = json.loads(out.read_text(encoding="utf-8"))
        failed = {f["input_name"] for f in brief["run"]["failures"]}
        assert code == 1 and 0 < len(failed) < 20  # some failed, the rest are in the brief
        assert len(brief["articles"]) == 20 - len(failed)
        assert failed <= set(files)  # every failure names its article
        err = capsys.readouterr().err
        assert all(Path(f).name in err for f in failed)
        state["flaky"] = False  # the same server, recovered: the re-run asks only for what failed
        assert main(["brief", *files, "-o", str(out), "-q"]) == 0
        assert srv.calls - first_calls == len(failed)
    assert len(json.loads(out.read_text(encoding="utf-8"))["articles"]) == 20
    assert first_calls == 20  # one part each, no retries
