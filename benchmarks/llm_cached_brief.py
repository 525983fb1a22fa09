"""A fully cached LLM brief against the offline brief on the seeds, through the CLI in fresh processes.

Fills a temporary cache from the tests' scripted loopback server (2 calls: one part per seed), then
times ``factcheck brief`` 5 times each way. Usage: ``python benchmarks/llm_cached_brief.py``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from llm_helpers import SEED_FILES, SEEDS  # noqa: E402
from llm_server import seed_responder, serve  # noqa: E402


def main() -> None:
    paths = [str(SEEDS / n) for n in SEED_FILES]
    out = Path(tempfile.mkdtemp())
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(out / "cache"), "FACTCHECK_MODEL": "test-model"}
    fc = shutil.which("factcheck") or "factcheck"
    with serve(seed_responder()) as srv:
        url = srv.url
        subprocess.run(
            [fc, "brief", *paths, "--backend", "llm", "--base-url", url, "-o", str(out / "a.md")],
            env=env,
            check=True,
            capture_output=True,
        )
        print(f"calls to fill the cache: {srv.calls}")

    def timed(backend: str) -> float:
        start = time.perf_counter()
        subprocess.run(
            [fc, "brief", *paths, "--backend", backend, "--base-url", url, "-o", str(out / "b.md")],
            env=env,
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start

    cached = statistics.median(timed("llm") for _ in range(5))
    offline = statistics.median(timed("offline") for _ in range(5))
    print(f"cached LLM brief {cached:.3f}s, offline brief {offline:.3f}s (medians of 5)")


if __name__ == "__main__":
    main()
