"""The evaluation report (pydantic, so ``--json`` is ``model_dump_json``), totals, thresholds, table."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from pydantic import Field, computed_field

from .base import _M
from .base import Ratio as Ratio  # re-exported: the story report's ratios live in base
from .quotes_report import ATTRIBUTABLE, QuoteScores, QuoteSetReport, format_quote_scores, format_quote_set


class PR(_M):
    """Recall (gold items found) and precision (predicted items that are right)."""

    recall: Ratio = Field(default_factory=Ratio)
    precision: Ratio = Field(default_factory=Ratio)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        r, p = self.recall.value, self.precision.value
        if r is None or p is None:
            return None
        return 0.0 if r + p == 0 else 2 * r * p / (r + p)

    def __add__(self, other: PR) -> PR:
        return PR(recall=self.recall + other.recall, precision=self.precision + other.precision)


class RunScores(_M):
    """Scores of one brief (the extractor run, or the oracle run) against the gold; summable."""

    claims: PR = Field(default_factory=PR)
    core_claims: Ratio = Field(default_factory=Ratio, description="Recall of core gold claims.")
    counters: PR = Field(default_factory=PR)
    core_counters: Ratio = Field(default_factory=Ratio, description="Recall of core gold counters.")
    counter_kind: Ratio = Field(default_factory=Ratio, description="Found gold counters given the right kind.")
    links: PR = Field(default_factory=PR, description="counter -> claim links (see docs/eval.md).")
    core_links: Ratio = Field(default_factory=Ratio, description="Recall of the links of core gold counters.")
    link_accuracy: Ratio = Field(
        default_factory=Ratio, description="Gold links whose counter and claim were both found: linked right."
    )
    findings: PR = Field(default_factory=PR)
    findings_by_kind: dict[str, PR] = Field(default_factory=dict)
    core_findings: Ratio = Field(default_factory=Ratio, description="Recall of core gold findings.")
    false_core_findings: int = Field(0, description="Predicted findings of a core gold kind matching no gold.")
    negative_fp: Ratio = Field(
        default_factory=Ratio, description="Negative stories with a contested/corroborated finding raised."
    )
    ungrounded: int = Field(0, description="Output quotes not verbatim at their span (must be 0).")
    missed: list[str] = Field(default_factory=list, description="Core gold items/findings not found.")
    false: list[str] = Field(default_factory=list, description="False core findings and negative FPs.")

    def __add__(self, other: RunScores) -> RunScores:
        kinds = sorted(set(self.findings_by_kind) | set(other.findings_by_kind))
        return RunScores(
            claims=self.claims + other.claims,
            core_claims=self.core_claims + other.core_claims,
            counters=self.counters + other.counters,
            core_counters=self.core_counters + other.core_counters,
            counter_kind=self.counter_kind + other.counter_kind,
            links=self.links + other.links,
            core_links=self.core_links + other.core_links,
            link_accuracy=self.link_accuracy + other.link_accuracy,
            findings=self.findings + other.findings,
            findings_by_kind={
                k: self.findings_by_kind.get(k, PR()) + other.findings_by_kind.get(k, PR()) for k in kinds
            },
            core_findings=self.core_findings + other.core_findings,
            false_core_findings=self.false_core_findings + other.false_core_findings,
            negative_fp=self.negative_fp + other.negative_fp,
            ungrounded=self.ungrounded + other.ungrounded,
        )


class StoryReport(_M):
    story: str
    path: str
    negative: bool = False
    articles: int = 0
    failures: list[str] = Field(default_factory=list, description="Articles that failed to ingest/extract.")
    notes: list[str] = Field(default_factory=list, description="Gold evidence that could not be located.")
    error: str | None = Field(default=None, description="Why the story could not be evaluated at all.")
    system: RunScores | None = None
    oracle: RunScores | None = None


class SetReport(_M):
    """Totals over the stories found under one PATH argument."""

    path: str
    stories: list[str]
    system: RunScores
    oracle: RunScores


class EvalReport(_M):
    backend: str
    stories: list[StoryReport]
    sets: list[SetReport] = Field(default_factory=list)
    system: RunScores = Field(default_factory=RunScores, description="Micro-averaged totals, all stories.")
    oracle: RunScores = Field(default_factory=RunScores)
    errors: int = Field(0, description="Stories and quote sets that could not be evaluated.")
    quote_sets: list[QuoteSetReport] = Field(default_factory=list, description="Quote-attribution sets.")
    quotes: QuoteScores | None = Field(default=None, description="Totals over the quote sets (tallies summed).")


def total(stories: Iterable[StoryReport]) -> tuple[RunScores, RunScores]:
    """Micro-averaged totals (sums of hits and of totals) of the system and oracle runs."""
    system, oracle = RunScores(), RunScores()
    for s in stories:
        if s.system is not None:
            system = system + s.system
        if s.oracle is not None:
            oracle = oracle + s.oracle
    return system, oracle


# --- thresholds ---------------------------------------------------------------------------------

# name -> (what it reads from the totals, is it a floor (min) or a ceiling (max), description)
_Getter = Callable[[EvalReport], float | None]
THRESHOLDS: dict[str, tuple[_Getter, str]] = {
    "min_claim_recall": (lambda r: r.system.claims.recall.value, "claim recall"),
    "min_claim_precision": (lambda r: r.system.claims.precision.value, "claim precision"),
    "min_core_claim_recall": (lambda r: r.system.core_claims.value, "core claim recall"),
    "min_counter_recall": (lambda r: r.system.counters.recall.value, "counter recall"),
    "min_counter_precision": (lambda r: r.system.counters.precision.value, "counter precision"),
    "min_core_counter_recall": (lambda r: r.system.core_counters.value, "core counter recall"),
    "min_link_f1": (lambda r: r.system.links.f1, "counter->claim link F1"),
    "min_link_accuracy": (lambda r: r.system.link_accuracy.value, "counter->claim link accuracy"),
    "min_core_link_recall": (lambda r: r.system.core_links.value, "core counter->claim link recall"),
    "min_finding_recall": (lambda r: r.system.findings.recall.value, "finding recall"),
    "min_finding_precision": (lambda r: r.system.findings.precision.value, "finding precision"),
    "min_core_findings": (lambda r: r.system.core_findings.value, "core finding recall"),
    "min_oracle_findings": (lambda r: r.oracle.findings.recall.value, "oracle finding recall"),
    "min_oracle_core_findings": (lambda r: r.oracle.core_findings.value, "oracle core finding recall"),
    "max_negative_fp_rate": (lambda r: r.system.negative_fp.value, "negative-story false-positive rate"),
    "max_false_core_findings": (lambda r: float(r.system.false_core_findings), "false core findings"),
    "max_oracle_false_core_findings": (
        lambda r: float(r.oracle.false_core_findings),
        "oracle false core findings",
    ),
    "max_ungrounded": (lambda r: float(r.system.ungrounded + r.oracle.ungrounded), "ungrounded quotes"),
    # quote sets (docs/eval.md, "Quote sets"): fractions, like every other floor
    "min_exact_f1": (lambda r: _q(r, lambda q: q.measures["exact"].f1), "quote exact F1"),
    "min_overlap_f1": (lambda r: _q(r, lambda q: q.measures["overlap50"].f1), "quote overlap50 F1"),
    "min_ggt_f1": (lambda r: _q(r, lambda q: q.measures["ggt@0.3"].f1), "quote ggt@0.3 F1"),
    "min_quote_speaker_f1": (lambda r: _q(r, lambda q: q.measures["quote+speaker"].f1), "quote+speaker F1"),
    "min_speech_named_f1": (
        lambda r: _q(r, lambda q: q.slices["speech, named"].overlap50.f1),
        "speech-with-named-speaker overlap50 F1",
    ),
    "min_speaker_accuracy": (
        lambda r: _q(r, lambda q: q.speaker["overlap50"][ATTRIBUTABLE].accuracy),
        "speaker accuracy (overlap50 pairs, named and nominal gold)",
    ),
    "max_failed_docs": (
        lambda r: float(sum(s.documents - s.extracted for s in r.quote_sets)) if r.quote_sets else None,
        "quote-set documents left out (ingest/extract failed)",
    ),
}
QUOTE_THRESHOLDS = (
    "min_exact_f1", "min_overlap_f1", "min_ggt_f1", "min_quote_speaker_f1", "min_speech_named_f1",
    "min_speaker_accuracy", "max_failed_docs",
)  # fmt: skip


def _q(r: EvalReport, get: Callable[[QuoteScores], float | None]) -> float | None:
    return None if r.quotes is None else get(r.quotes)


def check_thresholds(report: EvalReport, thresholds: Mapping[str, float | None]) -> list[str]:
    """One line per failed threshold (empty: all pass). Names: ``THRESHOLDS``; None values are skipped.

    A floor on a score that has nothing to score (e.g. no negative stories) fails: a gate that
    silently measures nothing would always pass. Stories that could not be evaluated always fail.
    """
    failed: list[str] = []
    bad = [s.story for s in report.stories if s.error]
    if bad:
        failed.append(f"{len(bad)} story(ies) could not be evaluated: {', '.join(bad)}")
    failed += [f"quote set {q.path} could not be evaluated: {q.error}" for q in report.quote_sets if q.error]
    for name, limit in sorted(thresholds.items()):
        if limit is None:
            continue
        if name not in THRESHOLDS:
            raise KeyError(f"unknown threshold {name!r}; known: {', '.join(THRESHOLDS)}")
        getter, label = THRESHOLDS[name]
        value = getter(report)
        if value is None:
            failed.append(f"{label}: nothing to score ({name.replace('_', '-')} {limit:g})")
        elif name.startswith("min_") and value < limit - 1e-9:
            failed.append(f"{label} {value:.3f} < floor {limit:g} (--{name.replace('_', '-')})")
        elif name.startswith("max_") and value > limit + 1e-9:
            failed.append(f"{label} {value:.3f} > ceiling {limit:g} (--{name.replace('_', '-')})")
    return failed


# --- table ----------------------------------------------------------------------------------------

_COLS = [
    "story", "art", "claim R", "claim P", "core cl", "ctr R", "ctr P", "kind", "link R", "link P",
    "find R", "find P", "core F", "negFP", "ungr", "orc F", "orc core", "orc false",
]  # fmt: skip


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def _row(name: str, arts: str, s: RunScores | None, o: RunScores | None, totals: bool) -> list[str]:
    if s is None:
        return [name, arts] + ["ERR"] + [""] * (len(_COLS) - 3)

    def r(x: Ratio) -> str:
        return f"{x.show()} {_f(x.value)}" if totals and x.total else x.show()

    row = [
        name,
        arts,
        r(s.claims.recall),
        r(s.claims.precision),
        r(s.core_claims),
        r(s.counters.recall),
        r(s.counters.precision),
        r(s.counter_kind),
        r(s.links.recall),
        r(s.links.precision),
        r(s.findings.recall),
        r(s.findings.precision),
        r(s.core_findings),
        r(s.negative_fp),
        str(s.ungrounded),
    ]
    if o is None:
        return [*row, "ERR", "", ""]
    return [*row, r(o.findings.recall), r(o.core_findings), str(o.false_core_findings)]


def _grid(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _some(items: list[str], n: int = 8) -> str:
    more = f" (+{len(items) - n} more, see --json)" if len(items) > n else ""
    return "; ".join(items[:n]) + more


def format_table(report: EvalReport) -> str:
    """The story table (when stories were scored), then one block per quote set and their total."""
    parts = [_format_stories(report)] if report.stories or not report.quote_sets else []
    parts += [format_quote_set(q, report.backend) for q in report.quote_sets]
    if len(report.quote_sets) > 1 and report.quotes is not None:
        parts.append(f"TOTAL of {len(report.quote_sets)} quote sets\n\n" + format_quote_scores(report.quotes))
    return "\n".join(parts)


def _format_stories(report: EvalReport) -> str:
    """A plain-text table: one row per story, then totals per PATH set and overall, then by kind."""
    rows = [_COLS]
    for st in report.stories:
        rows.append(_row(st.story, str(st.articles), st.system, st.oracle, totals=False))
    if len(report.sets) > 1:
        for st_set in report.sets:
            rows.append(
                _row(
                    f"TOTAL {st_set.path}",
                    str(len(st_set.stories)),
                    st_set.system,
                    st_set.oracle,
                    totals=True,
                )
            )
    rows.append(_row("TOTAL", str(len(report.stories)), report.system, report.oracle, totals=True))
    out = [
        f"factcheck eval - backend: {report.backend}; R = recall, P = precision (hit/total); "
        "oracle = reconciler fed the gold extraction",
        "",
        _grid(rows),
        "",
    ]
    out.append(
        f"link F1 {_f(report.system.links.f1)}, link accuracy {report.system.link_accuracy.show()} "
        f"{_f(report.system.link_accuracy.value)}; false core findings {report.system.false_core_findings}"
        f" (oracle {report.oracle.false_core_findings}); ungrounded quotes "
        f"{report.system.ungrounded} (oracle {report.oracle.ungrounded})"
    )
    kinds = sorted(set(report.system.findings_by_kind) | set(report.oracle.findings_by_kind))
    if kinds:
        krows = [["finding kind", "recall", "precision", "oracle recall", "oracle precision"]]
        for k in kinds:
            ks, ko = report.system.findings_by_kind.get(k, PR()), report.oracle.findings_by_kind.get(k, PR())
            krows.append([k, ks.recall.show(), ks.precision.show(), ko.recall.show(), ko.precision.show()])
        out += ["", _grid(krows)]
    details = []
    for st in report.stories:
        if st.error:
            details.append(f"{st.story}: ERROR {st.error}")
        details += [f"{st.story}: article failed: {f}" for f in st.failures]
        details += [f"{st.story}: gold: {n}" for n in st.notes]
        for label, run in (("missed", st.system), ("oracle missed", st.oracle)):
            if run is not None and run.missed:
                details.append(f"{st.story}: {label}: {_some(run.missed)}")
        for label, run in (("false", st.system), ("oracle false", st.oracle)):
            if run is not None and run.false:
                details.append(f"{st.story}: {label}: {_some(run.false)}")
    if details:
        out += ["", *details]
    return "\n".join(out) + "\n"
