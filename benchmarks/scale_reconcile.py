#!/usr/bin/env python3
"""How the reconciler scales: synthetic stories of 1k, 10k, 100k claims built from real extractions.

    .venv/bin/python benchmarks/scale_reconcile.py [--sizes 1000,10000,100000] [--memory] [--profile N]

The offline extractor runs on every fixture story (seeds, stories, AuRED dev); the extractions are
then replicated as "copies" of their stories until the wanted number of claims is reached, the
way a day of wire copy holds many stories:

- each copy replaces most of its vocabulary (every word that is no stopword, lexicon word or number,
  but for a fifth of them kept as the vocabulary common to a family of 8 copies, by a pseudo-word of
  the same length and script, the same in the whole copy), so two copies are two stories that
  share common words only;
- within a copy, the articles repeat one another as in the real story, plus one repost of its first
  article by another account (the same text, another outlet);
- every third copy changes the small numbers of its last article (a discrepancy to find), and the
  real stories bring their denials, corrections and confirmations.

Every quote stays grounded: article texts are rewritten and all spans mapped through the rewrite.
Deterministic: no randomness, no clocks in the data; the same sizes give the same stories.

Reported per size: CPU seconds (``time.process_time``) of ``reconcile`` with the lexical rules
(``encoder=None``) and of each of its steps, and, with ``--memory``, the tracemalloc peak of the
call and of each step above its start, in MiB, in brackets (a second run: tracing slows Python
down, so it never counts in the times). The growth exponent is the slope of log(CPU) over
log(claims) between consecutive sizes and between the smallest and the largest.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import itertools
import math
import pstats
import re
import sys
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import importlib  # noqa: E402

from factcheck.extract import extract_all  # noqa: E402
from factcheck.ingest import article_id, load_articles  # noqa: E402
from factcheck.models import Extraction, Quote  # noqa: E402
from factcheck.text.normalize import STOPWORDS, fold  # noqa: E402

reconcile_pkg = importlib.import_module("factcheck.reconcile")  # the package, not the function

_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".md")
_WORD = re.compile(r"[^\W\d_]{3,}")
_SMALL_NUMBER = re.compile(r"(?<![\d.,/])\d{1,3}(?![\d.,/])")
_LATIN = "bcdfghjklmnpqrstvwxz"
FAMILY = 8  # copies sharing their common vocabulary
_ARABIC = "بتثجحخدذرزسشصضطظعغفقكلمن"


def fixture_stories() -> list[list[Path]]:
    stories = [sorted((ROOT / "fixtures/seeds").glob("*.txt"))]
    for folder in ("fixtures/stories", "fixtures/eval/aured-dev"):
        for story in sorted((ROOT / folder).iterdir()):
            if story.is_dir():
                stories.append(sorted(p for p in story.iterdir() if p.suffix in _SUFFIXES and p.name != "gold.json"))
    return stories


def real_extractions() -> list[list[Extraction]]:
    out = []
    for files in fixture_stories():
        articles, _ = load_articles([str(p) for p in files])
        extractions, _ = extract_all(articles)
        out.append(extractions)
    return out


@functools.cache
def _protected() -> frozenset[str]:
    """Words a copy never replaces: stopwords and the lexicon words the reconciler and the date reader
    act on (negators, antonyms, numbers, scope words, months...); the extractor's cue words are
    replaced like any word (the extraction is done), so no claim stays the same text in every copy."""
    from factcheck.lexicon import shipped
    from factcheck.lexicon.categories import CATEGORIES

    read = {c.name for c in CATEGORIES.values() if c.used_by.startswith(("reconcile", "dates", "normalize"))}
    forms = {fold(f) for e in shipped().entries if e.category in read for f in e.forms for f in f.split()}
    return frozenset(forms | set(STOPWORDS))


def _pseudo_word(word: str, copy: int) -> str:
    """Another word of the same length and script, the same for every use of ``word`` in a copy."""
    alphabet = _LATIN if word.isascii() else _ARABIC
    h = zlib.crc32(f"{copy}:{fold(word)}".encode())
    out = []
    for _ in word:
        h, r = divmod(h * 2654435761 + 12345, len(alphabet))
        h %= 2**32
        out.append(alphabet[r])
    return "".join(out)


class Rewrite:
    """One rewrite of a text, with the map of every old offset to its new offset."""

    def __init__(self, text: str, copy: int, change_numbers: bool) -> None:
        pieces: list[str] = []
        self.map = [0] * (len(text) + 1)
        pos = new = 0
        for m in _edits(text, copy, change_numbers):
            s, e, repl = m
            for i in range(pos, s):
                self.map[i] = new + (i - pos)
            pieces.append(text[pos:s])
            new += s - pos
            for i in range(s, e):
                self.map[i] = new + min(i - s, len(repl))
            pieces.append(repl)
            new += len(repl)
            pos = e
        for i in range(pos, len(text) + 1):
            self.map[i] = new + (i - pos)
        pieces.append(text[pos:])
        self.text = "".join(pieces)

    def quote(self, q: Quote) -> Quote:
        s, e = self.map[q.start], self.map[q.end]
        return Quote(text=self.text[s:e], start=s, end=e)


def _edits(text: str, copy: int, change_numbers: bool) -> Iterator[tuple[int, int, str]]:
    """(start, end, replacement) in text order: shifted words, changed small numbers."""
    edits = []
    if copy:
        for m in _WORD.finditer(text):
            w = m.group()
            f = fold(w)
            # A fifth of the words stay: vocabulary common to a family of FAMILY copies (related
            # stories of one day), not to every copy however many there are.
            if f in _protected() or zlib.crc32(f"{copy // FAMILY}:{f}".encode()) % 5 == 0:
                continue
            edits.append((m.start(), m.end(), _pseudo_word(w, copy)))
    if change_numbers:
        for m in _SMALL_NUMBER.finditer(text):
            edits.append((m.start(), m.end(), str(int(m.group()) + 1)))
    return iter(sorted(edits))


def _shift_name(name: str | None, copy: int) -> str | None:
    return None if name is None else Rewrite(name, copy, False).text


def copy_story(story: list[Extraction], copy: int, first_article: int) -> list[Extraction]:
    """One copy of a story: vocabulary shifted, a repost added, numbers changed in every third copy."""
    out = []
    arts = [*story, story[0]]  # the repost of the first article by another account
    for n, x in enumerate(arts):
        change = copy % 3 == 1 and n == len(story) - 1
        rw = Rewrite(x.article.text, copy, change)
        aid = article_id(rw.text)
        outlet = f"@repost{copy}" if n == len(story) else x.article.outlet
        prefix = f"x{first_article + n}-"
        dates = [d.model_copy(update={"quote": rw.quote(d.quote) if d.quote else None}) for d in x.article.dates]
        article = x.article.model_copy(update={"id": aid, "text": rw.text, "outlet": outlet, "dates": dates})
        sources = [
            s.model_copy(
                update={
                    "name": _shift_name(s.name, copy),
                    "aliases": [_shift_name(a, copy) for a in s.aliases],
                    "name_en": _shift_name(s.name_en, copy),
                    "role": _shift_name(s.role, copy),
                }
            )
            for s in x.sources
        ]
        claims = [
            c.model_copy(
                update={
                    "id": prefix + c.id,
                    "article_id": aid,
                    "quote": rw.quote(c.quote),
                    "statement": rw.quote(c.quote).text,
                    "evidence": [rw.quote(e) for e in c.evidence],
                }
            )
            for c in x.claims
        ]
        counters = [
            k.model_copy(
                update={
                    "id": prefix + k.id,
                    "article_id": aid,
                    "quote": rw.quote(k.quote),
                    "statement": rw.quote(k.quote).text,
                    "targets": [prefix + t for t in k.targets],
                    "target_text": _shift_name(k.target_text, copy),
                    "evidence": [rw.quote(e) for e in k.evidence],
                }
            )
            for k in x.counters
        ]
        update = {"article": article, "sources": sources, "claims": claims, "counters": counters}
        out.append(x.model_copy(update=update))
    return out


def synthetic(real: list[list[Extraction]], n_claims: int) -> list[Extraction]:
    """Copies of the real stories, round robin, until ``n_claims`` claims (the last copy may pass it)."""
    out: list[Extraction] = []
    total = copy = 0
    stories = [s for s in real if any(x.claims for x in s)]
    while total < n_claims:
        story = stories[copy % len(stories)]
        xs = copy_story(story, copy, len(out))
        out += xs
        total += sum(len(x.claims) for x in xs)
        copy += 1
    return out


# --- timing ------------------------------------------------------------------------------------

# The reconciler's steps (the functions reconcile() calls), timed by wrapping them where it looks them up.
STEPS: dict[str, tuple[str, ...]] = {
    "prepare": ("distinct", "prepare", "claim_items", "counter_items", "similarity"),
    "merge sources": ("merge_sources",),
    "cluster claims": ("cluster_claims",),
    "group counters": ("group_counters",),
    "responses": ("find_responses",),
    "link": ("link_counters",),
    "derive": ("derived_counters",),
    "detect findings": ("detect_findings",),
    "assemble": ("assemble",),
}


class StepTimer:
    """CPU seconds per step; with ``memory``, the tracemalloc peak above the step's start, in MiB."""

    def __init__(self, memory: bool = False) -> None:
        self.cpu: dict[str, float] = {}
        self.peak: dict[str, float] = {}
        self.memory = memory
        self._saved: list[tuple[Any, str, Any]] = []

    def __enter__(self) -> StepTimer:
        for label, names in STEPS.items():
            for name in names:
                self._wrap(reconcile_pkg, name, label)
        return self

    def _wrap(self, mod: Any, name: str, label: str) -> None:
        fn = getattr(mod, name)

        @functools.wraps(fn)
        def timed(*a: Any, **kw: Any) -> Any:
            if self.memory:
                tracemalloc.reset_peak()
                base = tracemalloc.get_traced_memory()[0]
            t = time.process_time()
            try:
                return fn(*a, **kw)
            finally:
                self.cpu[label] = self.cpu.get(label, 0.0) + time.process_time() - t
                if self.memory:
                    peak = (tracemalloc.get_traced_memory()[1] - base) / 2**20
                    self.peak[label] = max(self.peak.get(label, 0.0), peak)

        self._saved.append((mod, name, fn))
        setattr(mod, name, timed)

    def __exit__(self, *exc: object) -> None:
        for mod, name, fn in reversed(self._saved):
            setattr(mod, name, fn)


def run_once(xs: list[Extraction]) -> tuple[float, dict[str, float], int, int]:
    with StepTimer() as timer:
        t = time.process_time()
        brief = reconcile_pkg.reconcile(xs, encoder=None)
        cpu = time.process_time() - t
    return cpu, timer.cpu, len(brief.clusters), len(brief.findings)


def peaks(xs: list[Extraction]) -> tuple[float, dict[str, float]]:
    """tracemalloc peak of the whole call and of each step (a second, slower run)."""
    tracemalloc.start()
    try:
        with StepTimer(memory=True) as timer:
            reconcile_pkg.reconcile(xs, encoder=None)
        return tracemalloc.get_traced_memory()[1] / 2**20, timer.peak
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--sizes", default="1000,3000,10000,30000,100000", help="claims per story, comma-separated")
    ap.add_argument("--memory", action="store_true", help="also the tracemalloc peaks (a second, slower run)")
    ap.add_argument("--profile", type=int, default=0, help="print the N top cProfile entries of the largest size")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    real = real_extractions()
    n_claims = sum(len(x.claims) for s in real for x in s)
    print(f"real extractions: {sum(len(s) for s in real)} articles, {n_claims} claims, {len(real)} stories")
    rows = []
    for n in sizes:
        xs = synthetic(real, n)
        claims = sum(len(x.claims) for x in xs)
        counters = sum(len(x.counters) for x in xs)
        cpu, steps, nclusters, nfindings = run_once(xs)
        mem, step_mem = peaks(xs) if args.memory else (float("nan"), {})
        rows.append((len(xs), claims, counters, cpu, steps, mem, step_mem, nclusters, nfindings))
        print(f"  {claims} claims: {cpu:.2f} s CPU", file=sys.stderr, flush=True)
    header = "| claims | articles | counters | clusters | findings | CPU s | " + " | ".join(STEPS) + " | peak MiB |"
    print(header)
    print("|" + " ---: |" * (header.count("|") - 1))
    for arts, claims, counters, cpu, steps, mem, step_mem, nc, nf in rows:
        cells = " | ".join(_cell(steps.get(label, 0.0), step_mem.get(label)) for label in STEPS)
        print(f"| {claims} | {arts} | {counters} | {nc} | {nf} | {cpu:.2f} | {cells} | {mem:.0f} |")
    for (_, c0, _, t0, *_), (_, c1, _, t1, *_) in itertools.pairwise(rows):
        print(f"growth exponent {c0} -> {c1} claims: {math.log(t1 / t0) / math.log(c1 / c0):.2f}")
    if len(rows) > 2:
        (_, c0, _, t0, *_), (_, c1, _, t1, *_) = rows[0], rows[-1]
        print(f"growth exponent {c0} -> {c1} claims: {math.log(t1 / t0) / math.log(c1 / c0):.2f}")
    if args.profile:
        _profile(synthetic(real, sizes[-1]), args.profile)
    return 0


def _cell(cpu: float, mib: float | None) -> str:
    return f"{cpu:.2f}" if mib is None else f"{cpu:.2f} ({mib:.0f})"


def _profile(xs: list[Extraction], top: int) -> None:
    prof = cProfile.Profile()
    call: Callable[[], object] = lambda: reconcile_pkg.reconcile(xs, encoder=None)  # noqa: E731
    prof.runcall(call)
    pstats.Stats(prof).sort_stats("cumulative").print_stats(top)


if __name__ == "__main__":
    sys.exit(main())
