"""Quote sets scored: one document's tally (the reference scorer's measures) and a whole set's run.

See ``quotes`` for the format and the measures; ``quotes_report`` turns a tally into the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..extract import extract_all
from ..ingest import load_article
from ..models import Article
from .quotes import (
    GGT_THRESHOLDS,
    NAMED,
    SLICES,
    GoldQuote,
    Pred,
    QuoteDoc,
    load_quote_set,
    name_match,
    predictions,
    raw_to_clean,
    trim,
)


@dataclass
class _G:
    g: GoldQuote
    cs: int
    ce: int
    chars: set[int]
    trim: tuple[int, int]


def _overlap50(golds: list[_G], preds: list[set[int]]) -> dict[int, int]:
    """One-to-one, greedy by ratio: shared characters >= half of the longer span (gold: segments)."""
    pairs = []
    for i, g in enumerate(golds):
        for j, pc in enumerate(preds):
            ov = len(g.chars & pc)
            if ov:
                pairs.append((ov / max(len(g.chars), len(pc)), i, j))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    match: dict[int, int] = {}
    for r, i, j in pairs:
        if r >= 0.5 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            match[i] = j
    return match


def _ggt(golds: list[_G], preds: list[set[int]], thr: float) -> dict[int, int]:
    """GGT matching: each gold in order takes the free prediction covering most of it (> thr)."""
    remaining = list(range(len(preds)))
    match: dict[int, int] = {}
    for i, g in enumerate(golds):
        best, bs = None, 0.0
        for j in remaining:
            sc = len(g.chars & preds[j]) / len(g.chars) if g.chars else 0.0
            if sc > thr and sc > bs:
                best, bs = j, sc
        if best is not None:
            match[i] = best
            remaining.remove(best)
    return match


def score_document(gold: Sequence[GoldQuote], raw: str, clean: str, preds: Sequence[Pred]) -> Counter[str]:
    """The tally of one document: gold offsets into ``raw``, predicted offsets into ``clean``."""
    t: Counter[str] = Counter()
    golds = _golds(gold, raw, clean)
    pchars = [set(range(p.start, p.end)) for p in preds]
    t["docs"] += 1
    t["gold"] += len(golds)
    t["pred"] += len(preds)
    t["gold_attr"] += sum(1 for g in golds if g.g.speaker_type in NAMED)
    for p in preds:
        t[f"origin:{p.origin}"] += 1
    exact_hit = _exact(t, golds, preds, clean)
    match50 = _overlap50(golds, pchars)
    t["tp:overlap50"] += len(match50)
    ggt = {thr: _ggt(golds, pchars, thr) for thr in GGT_THRESHOLDS}
    for thr, m in ggt.items():
        t[f"tp:ggt@{thr}"] += len(m)
    # Citron-style character overlap, white space left out
    ug = {i for g in golds for i in g.chars if not clean[i].isspace()}
    up = {i for pc in pchars for i in pc if not clean[i].isspace()}
    t["char:both"] += len(ug & up)
    t["char:pred"] += len(up)
    t["char:gold"] += len(ug)
    _recall_keys(t, golds, match50)
    ok50 = _speakers(t, golds, preds, {"overlap50": match50, "ggt@0.3": ggt[0.3]})
    _slices(t, golds, len(preds), exact_hit, match50, ok50)
    for i, g in enumerate(golds):
        if i not in match50:
            t[f"err:missed_{g.g.kind}"] += 1
        elif i not in exact_hit:
            t["err:boundary"] += 1
    t["err:spurious"] += len(preds) - len(match50)
    return t


def _golds(gold: Sequence[GoldQuote], raw: str, clean: str) -> list[_G]:
    """Gold quotes with their spans moved into the cleaned text (segments, else the whole span)."""
    f = raw_to_clean(raw, clean)
    golds: list[_G] = []
    for gq in gold:
        segs = [trim(clean, f(s), f(e)) for s, e in gq.segments]
        segs = [(s, e) for s, e in segs if e > s] or [(f(gq.start), f(gq.end))]
        chars = set().union(*(range(s, e) for s, e in segs))
        golds.append(_G(gq, f(gq.start), f(gq.end), chars, trim(clean, f(gq.start), f(gq.end))))
    return golds


def _exact(t: Counter[str], golds: list[_G], preds: Sequence[Pred], clean: str) -> set[int]:
    """Exact, strict and trimmed: one-to-one by identity of spans; the golds hit when trimmed."""
    strict = Counter((p.start, p.end) for p in preds)
    for g in golds:
        if strict[(g.cs, g.ce)] > 0:
            strict[(g.cs, g.ce)] -= 1
            t["tp:exact_strict"] += 1
    trimmed = Counter(trim(clean, p.start, p.end) for p in preds)
    exact_hit: set[int] = set()
    for i, g in enumerate(golds):
        if trimmed[g.trim] > 0:
            trimmed[g.trim] -= 1
            t["tp:exact"] += 1
            exact_hit.add(i)
            t[f"recall_exact:{g.g.kind}:hit"] += 1
    return exact_hit


def _recall_keys(t: Counter[str], golds: list[_G], match50: dict[int, int]) -> None:
    for i, g in enumerate(golds):
        keys = [f"kind={g.g.kind}", f"cue_class={g.g.cue_class}", f"speaker_type={g.g.speaker_type}"]
        # a quote with no cue of its own (its speaker comes from context)
        keys.append(f"kind/cue={g.g.kind}/{'cued' if g.g.cue else 'floating'}")
        for k in keys:
            t[f"recall:{k}:gold"] += 1
            t[f"recall:{k}:hit"] += i in match50
        t[f"recall_exact:{g.g.kind}:gold"] += 1


def _speakers(
    t: Counter[str], golds: list[_G], preds: Sequence[Pred], matchings: dict[str, dict[int, int]]
) -> dict[int, bool]:
    """Speaker accuracy on matched pairs, per matching; the overlap50 verdicts, per gold."""
    ok50: dict[int, bool] = {}
    for tag, m in matchings.items():
        for i, j in m.items():
            gq, p = golds[i].g, preds[j]
            st = gq.speaker_type
            ok = name_match(gq.speaker, p.speakers)
            t[f"spk:{tag}:{st}:n"] += 1
            t[f"spk:{tag}:{st}:no_pred_speaker"] += not p.speakers
            t[f"spk:{tag}:{st}:ok"] += ok
            if tag == "overlap50":
                ok50[i] = ok
                if st in NAMED:
                    t["tp:quote+speaker"] += ok
                    t["err:wrong_speaker"] += not ok
                else:
                    t["unscorable_pred"] += 1
    return ok50


def _slices(
    t: Counter[str], golds: list[_G], n_preds: int, exact_hit: set[int], match50: dict[int, int], ok50: dict[int, bool]
) -> None:
    for name, test in SLICES:
        inside = [test(g.g) for g in golds]
        t[f"slice:{name}:pred"] += n_preds - sum(1 for i in match50 if not inside[i])
        for i, g in enumerate(golds):
            if not inside[i]:
                continue
            t[f"slice:{name}:gold"] += 1
            t[f"slice:{name}:exact"] += i in exact_hit
            t[f"slice:{name}:overlap50"] += i in match50
            if g.g.speaker_type in NAMED:
                t[f"slice:{name}:gold_named"] += 1
                if i in match50:
                    t[f"slice:{name}:spk_n"] += 1
                    t[f"slice:{name}:spk_ok"] += ok50[i]
            elif i in match50:
                t[f"slice:{name}:pred_unscorable"] += 1


# --- running -------------------------------------------------------------------------------------


@dataclass
class QuoteRun:
    """What one run of the extractor on a quote set gave: the tally and what failed."""

    documents: int
    extracted: int
    changed_by_ingest: int
    failures: list[str]
    tally: Counter[str]


def run_quote_set(path: str | Path, settings: Any, *, client: Any = None) -> QuoteRun:
    """Ingest and extract every document of the set (the configured backend), then score it.

    A document that fails to ingest or extract is left out of the figures and listed, as the
    reference scorer does; the set itself raises EvalError only when malformed.
    """
    docs = load_quote_set(path)
    articles: list[Article] = []
    owner: dict[str, list[QuoteDoc]] = {}
    failures: list[str] = []
    for qd in docs:
        try:
            loaded = load_article(qd.path)
        except Exception as err:  # one unreadable document never costs the others
            failures.append(f"{qd.doc}: ingest: {err}")
            continue
        if len(loaded) != 1:
            failures.append(f"{qd.doc}: ingest: {len(loaded)} articles in one document")
            continue
        art = loaded[0]
        if art.id not in owner:
            articles.append(art)
        owner.setdefault(art.id, []).append(qd)
    extractions, failed = extract_all(articles, settings, client=client)
    for fail in failed:
        names = [qd.doc for a in articles if a.input_name == fail.input_name for qd in owner[a.id]]
        failures.append(f"{', '.join(names) or fail.input_name}: extract: {fail.error}")
    tally: Counter[str] = Counter()
    extracted = changed = 0
    for ex in extractions:
        for qd in owner.get(ex.article.id, []):
            tally += score_document(qd.gold, qd.raw, ex.article.text, predictions(ex))
            extracted += 1
            changed += ex.article.text != qd.raw
    return QuoteRun(len(docs), extracted, changed, failures, tally)
