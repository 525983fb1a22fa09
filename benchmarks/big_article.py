#!/usr/bin/env python3
"""Offline brief of one big article (issue 8: "a 1 MB article briefed offline in under 10 s").

    .venv/bin/python benchmarks/big_article.py [--lang ar|en|both] [--size BYTES] [--profile N]
        [--profile-stage extract|reconcile] [--cli]

Builds a realistic article deterministically: the paragraphs of the fixture articles of one
language (seeds and stories), shuffled with a fixed seed and concatenated until the size is reached,
then times each stage in this process, in CPU seconds (the machine may be shared): ingest (read +
clean), extract (offline rules), reconcile (no encoder), render (Markdown); --skip-reconcile stops
after extraction. Every stage must grow about linearly with the article's length: ``--sizes``
prints the extract time at several sizes and the growth exponent between the first and the last.
``--cli`` also times ``factcheck brief BIG -o out.md`` as a whole process, wall time
(FACTCHECK_EMBEDDINGS=none). ``--profile N`` prints the N top functions of the extraction
(``--profile-stage reconcile``: of the reconciler).
``--single-line`` joins the paragraphs with spaces instead of blank lines.
"""

from __future__ import annotations

import argparse
import cProfile
import math
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.config import Settings  # noqa: E402
from factcheck.extract import extract_all  # noqa: E402
from factcheck.ingest import detect_language, load_articles  # noqa: E402
from factcheck.reconcile import reconcile  # noqa: E402
from factcheck.render import render  # noqa: E402


def _clock() -> float:
    # CPU seconds of this process: on a shared machine wall time measures the neighbours as well.
    return time.process_time()


def paragraphs(lang: str) -> list[str]:
    """Every paragraph of the fixture articles in ``lang``, in a fixed order."""
    files = sorted([*(ROOT / "fixtures" / "seeds").glob("*.txt"), *(ROOT / "fixtures" / "stories").glob("*/*.txt")])
    out: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if detect_language(text) != lang:
            continue
        out.extend(p.strip() for p in text.split("\n") if len(p.strip()) > 40)
    return out


def build(lang: str, size: int, *, single_line: bool = False) -> str:
    """A ``size``-byte article of ``lang`` (or both, alternating): shuffled fixture paragraphs."""
    langs = ["ar", "en"] if lang == "both" else [lang]
    pools = {k: paragraphs(k) for k in langs}
    rng = random.Random(13)
    parts: list[str] = []
    total = 0
    round_ = 0
    while total < size:
        for k in langs:
            batch = list(pools[k])
            rng.shuffle(batch)
            for p in batch:
                parts.append(p)
                total += len(p.encode("utf-8")) + 2
        round_ += 1
    sep = " " if single_line else "\n\n"
    return sep.join(parts)


def stages(path: Path, profile: int = 0, skip: tuple[str, ...] = (), profiled: str = "extract") -> dict[str, float]:
    settings = Settings(embeddings="none", cache=False)
    times: dict[str, float] = {}
    t = _clock()
    articles, failures = load_articles([path])
    times["ingest"] = _clock() - t
    assert articles, failures
    prof = cProfile.Profile() if profile else None
    t = _clock()
    if prof and profiled == "extract":
        prof.enable()
    extractions, failures = extract_all(articles, settings)
    if prof:
        prof.disable()
    times["extract"] = _clock() - t
    assert extractions, failures
    ex = extractions[0]
    print(f"  {len(ex.claims)} claims, {len(ex.counters)} counters, {len(ex.sources)} sources", file=sys.stderr)
    if "reconcile" not in skip:
        t = _clock()
        if prof and profiled == "reconcile":
            prof.enable()
        brief = reconcile(extractions, encoder=None)
        if prof:
            prof.disable()
        times["reconcile"] = _clock() - t
        t = _clock()
        render(brief, format="md")
        times["render"] = _clock() - t
    if prof:
        pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative").print_stats(profile)
        pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(profile)
    return times


def extract_only(path: Path) -> float:
    articles, _ = load_articles([path])
    t = _clock()
    extract_all(articles, Settings(embeddings="none", cache=False))
    return _clock() - t


def cli(path: Path) -> float:
    exe = Path(sys.executable).with_name("factcheck")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTCHECK_"))}
    env["FACTCHECK_EMBEDDINGS"] = "none"
    env["FACTCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="fc-big-cache-")
    out = Path(tempfile.mkdtemp(prefix="fc-big-out-")) / "brief.md"
    t = time.perf_counter()
    subprocess.run([str(exe), "brief", str(path), "-o", str(out)], env=env, check=True, capture_output=True)
    return time.perf_counter() - t  # wall time of the whole process


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=["ar", "en", "both"], default="both")
    ap.add_argument("--size", type=int, default=1_000_000, help="bytes (default 1 MB)")
    ap.add_argument("--sizes", type=str, default="", help="comma-separated sizes: extract time and growth exponent")
    ap.add_argument("--profile", type=int, default=0, metavar="N")
    ap.add_argument("--profile-stage", choices=["extract", "reconcile"], default="extract")
    ap.add_argument("--cli", action="store_true", help="also time `factcheck brief` as a whole process")
    ap.add_argument("--single-line", action="store_true")
    ap.add_argument("--skip-reconcile", action="store_true", help="ingest and extract only")
    args = ap.parse_args()
    langs = ["ar", "en"] if args.lang == "both" else [args.lang]
    tmp = Path(tempfile.mkdtemp(prefix="fc-big-"))
    for lang in langs:
        if args.sizes:
            sizes = [int(s) for s in args.sizes.split(",")]
            times = []
            for size in sizes:
                path = tmp / f"{lang}-{size}.txt"
                path.write_text(build(lang, size, single_line=args.single_line), encoding="utf-8")
                times.append(extract_only(path))
                print(f"{lang} {size:>9} B  extract {times[-1]:7.3f} s")
            if len(sizes) > 1 and times[0] > 0:
                k = math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])
                print(f"{lang} growth exponent (extract) {k:.2f}")
            continue
        path = tmp / f"{lang}.txt"
        path.write_text(build(lang, args.size, single_line=args.single_line), encoding="utf-8")
        print(f"{lang}: {path.stat().st_size} bytes", file=sys.stderr)
        skip = ("reconcile",) if args.skip_reconcile else ()
        times_ = stages(path, args.profile, skip, args.profile_stage)
        line = "  ".join(f"{k} {v:7.3f} s" for k, v in times_.items())
        print(f"{lang} {path.stat().st_size:>9} B  {line}  total {sum(times_.values()):7.3f} s")
        if args.cli:
            print(f"{lang} {path.stat().st_size:>9} B  factcheck brief (whole process) {cli(path):7.3f} s")


if __name__ == "__main__":
    main()
