"""The quote-set report: pydantic models built from a tally (``quotes_score.score_document``), and its table.

Fractions are kept unrounded in the JSON (``precision``, ``recall``, ``f1``, ``accuracy``); the table
prints percentages rounded to one decimal exactly as the reference scorer does, so the two can be
compared figure for figure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from pydantic import Field, computed_field

from .base import _M, Ratio
from .quotes import NAMED, SLICES, SPEAKER_TYPES

MEASURES = ("exact_strict", "exact", "overlap50", "ggt@0.3", "ggt@0.8", "quote+speaker", "citron_char")
SPEAKER_TAGS = ("overlap50", "ggt@0.3")
ATTRIBUTABLE = "ALL_attributable"  # gold speakers scored by name: name + nominal


class PRF(_M):
    """``tp`` right of ``pred`` predicted and ``gold`` gold (characters for citron_char)."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return self.tp / self.pred if self.pred else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        """None with no gold (nothing to score); 0 with no prediction."""
        if not self.gold:
            return None
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def pct(self) -> tuple[float, float, float]:
        """P, R, F1 in percent, rounded as score.py rounds them (from the unrounded P and R)."""
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return round(100 * p, 1), round(100 * r, 1), round(200 * p * r / (p + r), 1) if p + r else 0.0


class SpeakerAcc(_M):
    """Matched pairs whose predicted speaker is right, for one gold speaker type."""

    n: int = 0
    ok: int = 0
    no_pred_speaker: int = Field(0, description="Matched predictions that have no speaker at all.")
    scored: bool = Field(True, description="False for pronoun/none gold speakers (not resolved in the gold).")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float | None:
        return self.ok / self.n if self.scored and self.n else None

    def show(self) -> str:
        if not self.scored or not self.n:
            return f"- of {self.n}" if self.n else "-"
        return f"{round(100 * self.ok / self.n, 1):.1f}% of {self.n}"


class SliceScores(_M):
    gold: int = 0
    pred: int = Field(0, description="Predictions, less those matched (overlap50) to gold outside the slice.")
    overlap50: PRF = Field(default_factory=PRF)
    exact: PRF = Field(default_factory=PRF)
    speaker: SpeakerAcc = Field(default_factory=SpeakerAcc, description="On overlap50 pairs, named gold.")
    quote_speaker: PRF = Field(default_factory=PRF, description="overlap50 and the right speaker.")


class QuoteScores(_M):
    """Micro-averaged scores of one quote set (or of several: their tallies summed)."""

    documents: int = Field(0, description="Documents extracted and scored.")
    gold: int = 0
    pred: int = 0
    pred_by_origin: dict[str, int] = Field(default_factory=dict)
    measures: dict[str, PRF] = Field(default_factory=dict, description=f"By name: {', '.join(MEASURES)}.")
    speaker: dict[str, dict[str, SpeakerAcc]] = Field(
        default_factory=dict, description="On the pairs matched by overlap50 / ggt@0.3, by gold speaker type."
    )
    slices: dict[str, SliceScores] = Field(default_factory=dict)
    recall_by_class: dict[str, Ratio] = Field(default_factory=dict, description="overlap50 recall by gold class.")
    exact_recall_by_kind: dict[str, Ratio] = Field(default_factory=dict)
    error_counts: dict[str, int] = Field(default_factory=dict)


class QuoteSetReport(_M):
    path: str
    documents: int = 0
    extracted: int = 0
    changed_by_ingest: int = Field(0, description="Texts ingest changed (gold offsets mapped onto them).")
    failures: list[str] = Field(default_factory=list, description="Documents left out: ingest/extract failed.")
    error: str | None = Field(default=None, description="Why the set could not be scored at all.")
    tally: dict[str, int] = Field(default_factory=dict, description="The raw counts the scores come from.")
    scores: QuoteScores = Field(default_factory=QuoteScores)


def _ratio(t: Mapping[str, int], prefix: str) -> dict[str, Ratio]:
    keys = sorted({k[len(prefix) :].rsplit(":", 1)[0] for k in t if k.startswith(prefix)})
    out = {k: Ratio(hit=t.get(f"{prefix}{k}:hit", 0), total=t.get(f"{prefix}{k}:gold", 0)) for k in keys}
    return {k: r for k, r in out.items() if r.total}


def scores_from_tally(t: Mapping[str, int]) -> QuoteScores:
    """The report of a tally; a pure function of the counts, so tallies can be summed first."""
    pred, gold = t.get("pred", 0), t.get("gold", 0)
    m = {k: PRF(tp=t.get(f"tp:{k}", 0), pred=pred, gold=gold) for k in MEASURES[:5]}
    m["quote+speaker"] = PRF(
        tp=t.get("tp:quote+speaker", 0), pred=pred - t.get("unscorable_pred", 0), gold=t.get("gold_attr", 0)
    )
    m["citron_char"] = PRF(tp=t.get("char:both", 0), pred=t.get("char:pred", 0), gold=t.get("char:gold", 0))
    speaker: dict[str, dict[str, SpeakerAcc]] = {}
    for tag in SPEAKER_TAGS:
        row = {}
        for st in SPEAKER_TYPES:
            n = t.get(f"spk:{tag}:{st}:n", 0)
            if n:
                row[st] = SpeakerAcc(
                    n=n,
                    ok=t.get(f"spk:{tag}:{st}:ok", 0),
                    no_pred_speaker=t.get(f"spk:{tag}:{st}:no_pred_speaker", 0),
                    scored=st in NAMED,
                )
        row[ATTRIBUTABLE] = SpeakerAcc(
            n=sum(a.n for st, a in row.items() if st in NAMED),
            ok=sum(a.ok for st, a in row.items() if st in NAMED),
            no_pred_speaker=sum(a.no_pred_speaker for st, a in row.items() if st in NAMED),
        )
        speaker[tag] = row
    slices = {}
    for name, _ in SLICES:

        def c(field: str, name: str = name) -> int:
            return t.get(f"slice:{name}:{field}", 0)

        slices[name] = SliceScores(
            gold=c("gold"),
            pred=c("pred"),
            overlap50=PRF(tp=c("overlap50"), pred=c("pred"), gold=c("gold")),
            exact=PRF(tp=c("exact"), pred=c("pred"), gold=c("gold")),
            speaker=SpeakerAcc(n=c("spk_n"), ok=c("spk_ok")),
            quote_speaker=PRF(tp=c("spk_ok"), pred=c("pred") - c("pred_unscorable"), gold=c("gold_named")),
        )
    return QuoteScores(
        documents=t.get("docs", 0),
        gold=gold,
        pred=pred,
        pred_by_origin={k[7:]: v for k, v in sorted(t.items()) if k.startswith("origin:")},
        measures=m,
        speaker=speaker,
        slices=slices,
        recall_by_class=_ratio(t, "recall:"),
        exact_recall_by_kind=_ratio(t, "recall_exact:"),
        error_counts={k[4:]: v for k, v in sorted(t.items()) if k.startswith("err:") and v},
    )


def sum_tallies(tallies: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for t in tallies:
        total.update(t)
    return dict(sorted(total.items()))


# --- table ----------------------------------------------------------------------------------------


def _grid(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _p(x: float) -> str:
    return f"{x:.1f}"


def _recalls(by: Mapping[str, Ratio]) -> str:
    return "; ".join(f"{k} {_p(round(100 * r.hit / r.total, 1))}% of {r.total}" for k, r in by.items())


def format_quote_scores(s: QuoteScores) -> str:
    """The measures, speaker accuracy, slices, recall by class and error counts of one tally."""
    rows = [["measure", "P", "R", "F1", "tp/pred/gold"]]
    for k in MEASURES:
        prf = s.measures.get(k, PRF())
        rows.append([k, *(_p(x) for x in prf.pct()), f"{prf.tp}/{prf.pred}/{prf.gold}"])
    out = [_grid(rows), ""]
    srows = [["speaker accuracy on", *SPEAKER_TYPES, ATTRIBUTABLE]]
    for tag in SPEAKER_TAGS:
        row = s.speaker.get(tag, {})
        srows.append([f"{tag} pairs", *(row.get(st, SpeakerAcc(scored=st in NAMED)).show() for st in srows[0][1:])])
    out += [_grid(srows), "(pronoun and none gold speakers are counted, not scored: the gold does not resolve them)"]
    lrows = [["slice", "gold", "pred", "overlap50 P/R/F1", "exact P/R/F1", "speaker acc", "quote+speaker F1"]]
    for name, sl in s.slices.items():
        lrows.append(
            [
                name,
                str(sl.gold),
                str(sl.pred),
                " / ".join(_p(x) for x in sl.overlap50.pct()),
                " / ".join(_p(x) for x in sl.exact.pct()),
                sl.speaker.show(),
                _p(sl.quote_speaker.pct()[2]),
            ]
        )
    out += ["", _grid(lrows), ""]
    by = "; ".join(f"{k} {_p(round(100 * r.hit / r.total, 1))}% of {r.total}" for k, r in s.recall_by_class.items())
    out.append(f"recall (overlap50) by gold class: {by}")
    by = "; ".join(
        f"{k} {_p(round(100 * r.hit / r.total, 1))}% of {r.total}" for k, r in s.exact_recall_by_kind.items()
    )
    out.append(f"recall (exact) by kind: {by}")
    out.append("error counts: " + (", ".join(f"{k} {v}" for k, v in s.error_counts.items()) or "none"))
    return "\n".join(out) + "\n"


def format_quote_set(r: QuoteSetReport, backend: str) -> str:
    origin = ", ".join(f"{k} {v}" for k, v in r.scores.pred_by_origin.items())
    head = (
        f"factcheck eval - quote set {r.path} - backend: {backend}; documents extracted {r.extracted} of "
        f"{r.documents} (texts changed by ingest {r.changed_by_ingest}); {r.scores.gold} gold quotes, "
        f"{r.scores.pred} predicted" + (f" ({origin})" if origin else "")
    )
    out = [head, ""]
    if r.error:
        out.append(f"ERROR {r.error}")
    else:
        out.append(format_quote_scores(r.scores).rstrip("\n"))
    out += [f"document left out: {f}" for f in r.failures]
    return "\n".join(out) + "\n"
