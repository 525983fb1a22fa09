"""Same input, same bytes, whatever the process: briefs are compared across PYTHONHASHSEED values.

In one process a set or dict of strings iterates in one order, so a rule that leans on it passes any
in-process test; each brief here is made by its own interpreter with another string-hash seed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))
ENGLISH = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures" / "stories" / "interview-denied").glob("*.txt"))
HASH_SEEDS = ("0", "1", "12345")

# One interpreter per seed briefs both stories in every format (a process start costs more than a brief).
_SCRIPT = """
import sys
from factcheck import generate_brief, render
for files in (sys.argv[1].split(","), sys.argv[2].split(",")):
    brief = generate_brief(files)
    for fmt in ("json", "md", "html"):
        sys.stdout.write(render(brief, format=fmt))
        sys.stdout.write("\\n\\x00\\n")
"""


def _briefs(hash_seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "FACTCHECK_BACKEND": "offline"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, ",".join(SEEDS), ",".join(ENGLISH)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done.stdout


@pytest.mark.slow
def test_briefs_are_identical_across_hash_seeds() -> None:
    assert len(SEEDS) >= 2 and len(ENGLISH) >= 2
    outputs = {seed: _briefs(seed) for seed in HASH_SEEDS}
    first = outputs[HASH_SEEDS[0]]
    assert first.count(b"\n\x00\n") == 6 and b'"claims"' in first
    for seed, out in outputs.items():
        assert out == first, f"PYTHONHASHSEED={seed} gave other bytes than PYTHONHASHSEED={HASH_SEEDS[0]}"
