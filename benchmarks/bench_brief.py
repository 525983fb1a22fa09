#!/usr/bin/env python3
"""Speed and memory of factcheck on this machine: a plain script, not a test (timings are not asserted
in the unit tests; goals are checked here, with --check).

    .venv/bin/python benchmarks/bench_brief.py [--runs N] [--check] [--profile] [--json]

Measures, each N times (median is what the goals use):
  help       `factcheck --help` in a subprocess (startup cost), and whether openai/instructor got imported
  brief-cli  `factcheck brief` on the two seed articles, offline, in a subprocess     goal: median < 1.5 s
             with the sentence encoder in use (weights memory-mapped, sentence embeddings cached)
  brief-new  the same, every sentence new to the embeddings cache (a new story), weights mapped
  brief-cold the same, first run on the machine: the encoder's weights converted and written
  brief-lex  the same without the encoder (FACTCHECK_EMBEDDINGS=none), for comparison
  brief-lib  generate_brief(seeds) + render(md) in-process (warm: after one untimed call)
  reconcile  reconcile() alone on the seeds' extractions, in-process
  eval       `factcheck eval fixtures/eval/aured-dev --backend offline` in a subprocess
Subprocesses run with bytecode cached, as an installed factcheck does (--no-pyc: from source each time).
Peak memory: max RSS of each subprocess (os.wait4), tracemalloc peak of the in-process calls.
--profile prints the cProfile hot spots of one `factcheck brief` run (the whole CLI, imports included).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))
AURED = ROOT / "fixtures" / "eval" / "aured-dev"
HEAVY = ("openai", "instructor")
GOAL_BRIEF_S = 1.5


@dataclass
class Result:
    name: str
    times: list[float] = field(default_factory=list)
    peak_kb: int = 0  # max RSS (subprocess) or tracemalloc peak (in-process)
    cpu: list[float] = field(default_factory=list)  # user + system CPU seconds (subprocess)
    mem_kind: str = "rss"
    goal_s: float | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def ok(self) -> bool | None:
        return None if self.goal_s is None else self.median < self.goal_s


NO_PYC = False  # --no-pyc: every subprocess compiles factcheck from source (PYTHONDONTWRITEBYTECODE=1)
_PYC_DIR = tempfile.mkdtemp(prefix="fc-bench-pyc-")


def _env(**extra: str) -> dict[str, str]:
    # Offline and reproducible: no key, no base URL, no user config, a throwaway cache.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTCHECK_"))}
    env.update(extra)
    env["FACTCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="fc-bench-cache-")
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="fc-bench-config-")
    if NO_PYC:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        # As an installed factcheck runs: bytecode cached (written on the untimed first run, to a temp
        # dir so the work tree gets no __pycache__), even if this shell sets PYTHONDONTWRITEBYTECODE.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = _PYC_DIR
    return env


def _factcheck() -> list[str]:
    exe = Path(sys.executable).with_name("factcheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "factcheck"]


def time_subprocess(
    name: str,
    cmd: Sequence[str],
    runs: int,
    goal_s: float | None = None,
    before_each: Callable[[dict[str, str]], None] | None = None,
    **env_extra: str,
) -> Result:
    """Wall time and max RSS of ``cmd``, once untimed (bytecode caches), then ``runs`` times.
    ``before_each(env)`` runs untimed before each timed run (e.g. to empty a cache)."""
    res = Result(name, goal_s=goal_s)
    env = _env(**env_extra)
    for i in range(runs + 1):
        if i and before_each is not None:
            before_each(env)
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"{name}: {' '.join(cmd)} exited {proc.returncode}\n{stderr}")
        if i == 0:
            continue
        res.times.append(elapsed)
        res.peak_kb = max(res.peak_kb, usage.ru_maxrss)  # KiB on Linux
        res.cpu.append(usage.ru_utime + usage.ru_stime)  # what a busy machine's waiting does not inflate
    return res


def _forget_sentences(env: dict[str, str]) -> None:
    """Empty the sentence-embeddings cache, keep the converted weights."""
    import shutil

    shutil.rmtree(Path(env["FACTCHECK_CACHE_DIR"]) / "embeddings" / "usem3", ignore_errors=True)


def _fresh_cache(env: dict[str, str]) -> None:
    env["FACTCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="fc-bench-cache-")


def time_call(name: str, fn: Callable[[], object], runs: int) -> Result:
    """Wall time of ``fn`` (warm: one untimed call first), then its tracemalloc peak in one extra call."""
    res = Result(name, mem_kind="tracemalloc")
    fn()
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        res.times.append(time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    res.peak_kb = tracemalloc.get_traced_memory()[1] // 1024
    tracemalloc.stop()
    return res


def heavy_imports_of_help() -> list[str]:
    """Modules among openai/instructor that `factcheck --help` imports (from `python -X importtime`)."""
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "factcheck", "--help"],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    found = set()
    for line in r.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            module = line.rsplit("|", 1)[1].strip()
            if module.split(".")[0] in HEAVY:
                found.add(module.split(".")[0])
    return sorted(found)


def in_process(runs: int) -> list[Result]:
    sys.path.insert(0, str(ROOT))
    import factcheck

    def brief() -> object:
        return factcheck.render(factcheck.generate_brief(SEEDS), format="md")

    articles, failures = factcheck.load_articles(SEEDS)
    assert not failures, failures
    extractions = [factcheck.extract(a) for a in articles]
    return [
        time_call("brief-lib (generate_brief + render md, in-process)", brief, runs),
        time_call("reconcile (seeds' extractions, in-process)", lambda: factcheck.reconcile(extractions), runs),
    ]


def profile_cli(top: int) -> str:
    """cProfile of one whole `factcheck brief` run on the seeds (imports included), top functions."""
    out = Path(tempfile.mkdtemp(prefix="fc-bench-prof-")) / "cli.prof"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(out),
            "-m",
            "factcheck",
            "brief",
            *SEEDS,
            "--backend",
            "offline",
            "-o",
            os.devnull,
            "--format",
            "md",
        ],
        cwd=ROOT,
        env=_env(),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    buf = io.StringIO()
    stats = pstats.Stats(str(out), stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(r"factcheck/|jinja2/environment|re/_compiler", top)
    return buf.getvalue()


def table(results: Sequence[Result]) -> str:
    head = f"{'benchmark':<58} {'runs':>4} {'min s':>7} {'median s':>8} {'max s':>7} {'cpu s':>6} {'peak MiB':>9}  goal"
    lines = [head, "-" * len(head)]
    for r in results:
        goal = "" if r.goal_s is None else f"< {r.goal_s:g} s: {'ok' if r.ok else 'MISSED'}"
        mem = f"{r.peak_kb / 1024:.1f}{'*' if r.mem_kind == 'tracemalloc' else ''}"
        cpu = f"{statistics.median(r.cpu):.3f}" if r.cpu else "-"
        timing = f"{min(r.times):>7.3f} {r.median:>8.3f} {max(r.times):>7.3f} {cpu:>6}"
        lines.append(f"{r.name:<58} {len(r.times):>4} {timing} {mem:>9}  {goal}" + (f" {r.note}" if r.note else ""))
    lines.append("cpu s: median user+system CPU time of the subprocess (its children included)")
    lines.append("peak MiB: max RSS of the subprocess; * = tracemalloc peak of Python allocations in-process")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per benchmark (default 5)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    ap.add_argument("--profile", action="store_true", help="also print cProfile hot spots of one brief run")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    ap.add_argument("--no-pyc", action="store_true", help="subprocesses compile from source every run (no .pyc)")
    args = ap.parse_args(argv)
    global NO_PYC
    NO_PYC = args.no_pyc
    fc = _factcheck()

    heavy = heavy_imports_of_help()
    results = [
        time_subprocess("help (factcheck --help, subprocess)", [*fc, "--help"], args.runs),
        time_subprocess(
            "brief-cli (factcheck brief, 2 seeds, offline, subprocess)",
            [*fc, "brief", *SEEDS, "--backend", "offline", "-o", os.devnull, "--format", "md"],
            args.runs,
            goal_s=GOAL_BRIEF_S,
        ),
        time_subprocess(
            "brief-new (same, sentences new to the embeddings cache)",
            [*fc, "brief", *SEEDS, "--backend", "offline", "-o", os.devnull, "--format", "md"],
            args.runs,
            before_each=_forget_sentences,
        ),
        time_subprocess(
            "brief-cold (same, first run: weights converted)",
            [*fc, "brief", *SEEDS, "--backend", "offline", "-o", os.devnull, "--format", "md"],
            args.runs,
            before_each=_fresh_cache,
        ),
        time_subprocess(
            "brief-lex (same, no encoder: FACTCHECK_EMBEDDINGS=none)",
            [*fc, "brief", *SEEDS, "--backend", "offline", "-o", os.devnull, "--format", "md"],
            args.runs,
            FACTCHECK_EMBEDDINGS="none",
        ),
        *in_process(args.runs),
        time_subprocess(
            f"eval (aured-dev, {sum(1 for p in AURED.iterdir() if p.is_dir())} stories, offline, subprocess)",
            [*fc, "eval", str(AURED), "--backend", "offline", "--json"],
            args.runs,
        ),
    ]
    results[0].note = "imports openai/instructor: " + (", ".join(heavy) if heavy else "no")
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "name": r.name,
                        "times": r.times,
                        "median": r.median,
                        "peak_kb": r.peak_kb,
                        "mem_kind": r.mem_kind,
                        "goal_s": r.goal_s,
                        "ok": r.ok,
                    }
                    for r in results
                ]
                + [{"help_heavy_imports": heavy}],
                indent=2,
            )
        )
    else:
        pyc = "no .pyc (compiled from source each run)" if NO_PYC else ".pyc cached"
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.runs} runs each, {pyc}\n")
        print(table(results))
    if args.profile:
        print("\n" + profile_cli(25))
    missed = [r.name for r in results if r.ok is False] + (["help imports " + ", ".join(heavy)] if heavy else [])
    if missed:
        print("\ngoals missed: " + "; ".join(missed), file=sys.stderr)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
