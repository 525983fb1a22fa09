#!/usr/bin/env python3
"""Cold start of the ``factcheck`` command (issue 13): whole processes, medians of N runs.

    .venv/bin/python benchmarks/cold_start.py [--runs N] [--importtime]

Rows:
  help        `factcheck --help`                                                  goal <= 0.2 s
  brief-none  `factcheck brief fixtures/seeds/*.txt -o OUT.md`, FACTCHECK_EMBEDDINGS=none  goal <= 0.5 s
  brief-local the same with the bundled encoder, a re-run (weights converted and sentence
              embeddings cached by an untimed first run)
  brief-new   the same with the encoder and no embeddings cache (FACTCHECK_CACHE=false): the
              weights load and every sentence is encoded, as for a new story
The encoder's cost is brief-local / brief-new minus brief-none. Wall and CPU (user + system, from
os.wait4: a busy shared machine inflates wall time much more than CPU time) are printed; bytecode
is cached as for an installed package (first run untimed). --importtime prints the 15 slowest
imports (cumulative) of `factcheck brief` with embeddings none.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))
EXE = str(Path(sys.executable).with_name("factcheck"))
CACHE = tempfile.mkdtemp(prefix="fc-cold-cache-")
OUT = str(Path(tempfile.mkdtemp(prefix="fc-cold-out-")) / "brief.md")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTCHECK_"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(CACHE) / "pyc")  # bytecode cached, outside the work tree
    env["FACTCHECK_CACHE_DIR"] = CACHE
    env["XDG_CONFIG_HOME"] = CACHE
    env.update(extra)
    return env


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime


CASES: dict[str, tuple[list[str], dict[str, str], float | None]] = {
    "help": ([EXE, "--help"], {}, 0.2),
    "brief-none": ([EXE, "brief", *SEEDS, "-o", OUT], {"FACTCHECK_EMBEDDINGS": "none"}, 0.5),
    "brief-local": ([EXE, "brief", *SEEDS, "-o", OUT], {"FACTCHECK_EMBEDDINGS": "local"}, None),
    "brief-new": (
        [EXE, "brief", *SEEDS, "-o", OUT],
        {"FACTCHECK_EMBEDDINGS": "local", "FACTCHECK_CACHE": "false"},
        None,
    ),
}


def importtime() -> None:
    env = _env(FACTCHECK_EMBEDDINGS="none")
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "factcheck", "brief", *SEEDS, "-o", OUT],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in r.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            _, cum, name = line.split("|")
            if cum.strip().isdigit():  # not the header line
                rows.append((int(cum.strip()), name.rstrip()))
    for cum, name in sorted(rows, reverse=True)[:15]:
        print(f"{cum / 1000:8.1f} ms {name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--importtime", action="store_true")
    args = ap.parse_args()
    print(f"{'case':<12} {'min':>7} {'median':>7} {'max':>7} {'CPU':>7}  goal")
    medians: dict[str, float] = {}
    for name, (cmd, extra, goal) in CASES.items():
        env = _env(**extra)
        run(cmd, env)  # untimed: bytecode, converted weights and embeddings cache written
        walls, cpus = zip(*(run(cmd, env) for _ in range(args.runs)), strict=True)
        medians[name] = statistics.median(walls)
        verdict = "" if goal is None else f"<= {goal} s: {'ok' if medians[name] <= goal else 'MISSED'}"
        cpu = statistics.median(cpus)
        print(f"{name:<12} {min(walls):7.3f} {medians[name]:7.3f} {max(walls):7.3f} {cpu:7.3f}  {verdict}")
    print(f"encoder, re-run:   +{medians['brief-local'] - medians['brief-none']:.3f} s (median wall)")
    print(f"encoder, new story: +{medians['brief-new'] - medians['brief-none']:.3f} s (median wall)")
    if args.importtime:
        importtime()


if __name__ == "__main__":
    main()
