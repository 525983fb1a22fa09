"""Quote-attribution sets: who said what, scored span by span (see docs/eval.md, "Quote sets").

A quote set is a folder with ``docs/<doc>.txt``, ``docs.jsonl`` (one line per document: ``doc``,
``file``) and ``gold.jsonl`` (one attribution per line: the content span ``start``/``end`` and its
``segments``, ``speaker``, ``speaker_type``, ``cue``, ``kind``, ``cue_class``), the format of
``shared/eval/polnear-dev``. The measures reproduce that set's reference scorer (``score.py``)
figure for figure, so a number here and a number there mean the same thing: exact and overlap
content F1 (Citron), the Gender Gap Tracker's matching, speaker accuracy on matched pairs, slices.

Scoring fills a flat tally of counts (``Counter[str]``) per document; tallies add up over documents
and sets, and ``quotes_report.scores_from_tally`` turns one into the report.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..models import Extraction

QUOTES = "\"“”„‟«»'‘’"
EDGE = QUOTES + " \t\n.,;:!?—–-…()[]"  # trimmed off both ends for the `exact` measure
# Words dropped before taking a speaker's surname ("Sen. Jane Roe" -> "roe"); as in score.py.
TITLES = frozenset(
    """mr mrs ms miss dr prof president vice sen senator rep representative gov governor
minister prime premier mayor chief judge justice gen general col lt sgt officer coach captain
secretary spokesman spokeswoman spokesperson chair chairman chairwoman director ceo leader sir
lord lady dame rev reverend father pope king queen prince princess mp mla mpp councillor
councilor commissioner superintendent deputy inspector constable detective attorney lawyer dean
professor doctor nurse candidate nominee former new the a an of and de jr sr ii iii iv""".split()
)
PRONOUNS = frozenset("he she they i we it you him her them his hers their who which that this".split())
NAMED = ("name", "nominal")  # gold speaker types scored by name; pronoun/none are counted, not scored
SPEAKER_TYPES = ("name", "nominal", "pronoun", "none")
GGT_THRESHOLDS = (0.3, 0.8)


@dataclass(frozen=True)
class GoldQuote:
    """One gold attribution; offsets are code points into the raw ``docs/<doc>.txt``."""

    qid: str
    start: int
    end: int
    segments: tuple[tuple[int, int], ...]
    speaker: str
    speaker_type: str
    cue: str
    kind: str
    cue_class: str


SLICES: tuple[tuple[str, Callable[[GoldQuote], bool]], ...] = (
    ("speech, named", lambda g: g.cue_class == "speech" and g.speaker_type == "name"),
    ("speech, pronoun", lambda g: g.cue_class == "speech" and g.speaker_type == "pronoun"),
    ("speech", lambda g: g.cue_class == "speech"),
    ("other", lambda g: g.cue_class == "other"),
    ("named", lambda g: g.speaker_type == "name"),
    ("pronoun", lambda g: g.speaker_type == "pronoun"),
)


@dataclass(frozen=True)
class Pred:
    """One predicted quote: a span of the cleaned text and its speaker's names (name + aliases)."""

    start: int
    end: int
    speakers: tuple[str, ...]
    origin: str


@dataclass
class QuoteDoc:
    doc: str
    path: Path
    raw: str
    gold: list[GoldQuote]


# --- loading ------------------------------------------------------------------------------------


def is_quote_set(path: str | Path) -> bool:
    p = Path(path)
    return p.is_dir() and (p / "gold.jsonl").is_file() and (p / "docs.jsonl").is_file()


def _jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise EvalError(f"{path}: cannot read ({err})") from err
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise EvalError(f"{path}:{n}: not JSON ({err.msg})") from err
        if not isinstance(row, dict):
            raise EvalError(f"{path}:{n}: not a JSON object")
        rows.append(row)
    return rows


def _gold_quote(row: dict[str, Any], where: str) -> GoldQuote:
    try:
        segs = tuple((int(s), int(e)) for s, e in row.get("segments") or [[row["start"], row["end"]]])
        g = GoldQuote(
            qid=str(row["qid"]),
            start=int(row["start"]),
            end=int(row["end"]),
            segments=segs,
            speaker=str(row.get("speaker") or ""),
            speaker_type=str(row["speaker_type"]),
            cue=str(row.get("cue") or ""),
            kind=str(row["kind"]),
            cue_class=str(row.get("cue_class") or "other"),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise EvalError(f"{where}: malformed gold quote ({type(err).__name__}: {err})") from err
    if g.speaker_type not in SPEAKER_TYPES:
        raise EvalError(f"{where}: speaker_type {g.speaker_type!r} is not one of {', '.join(SPEAKER_TYPES)}")
    return g


def load_quote_set(path: str | Path) -> list[QuoteDoc]:
    """The documents of a quote set in ``doc`` order, each with its raw text and gold quotes.

    Raises EvalError for a malformed set (a gold span outside its text, an unknown document).
    """
    root = Path(path)
    if root.name == "gold.jsonl" and root.is_file():
        root = root.parent
    docs: dict[str, QuoteDoc] = {}
    for row in sorted(_jsonl(root / "docs.jsonl"), key=lambda r: str(r.get("doc"))):
        if "doc" not in row:
            raise EvalError(f"{root / 'docs.jsonl'}: a line has no 'doc'")
        doc = str(row["doc"])
        file = root / str(row.get("file") or f"docs/{doc}.txt")
        try:
            with open(file, encoding="utf-8", newline="") as f:  # offsets count "\r" too
                raw = f.read()
        except (OSError, UnicodeDecodeError) as err:
            raise EvalError(f"{file}: cannot read the document ({err})") from err
        docs[doc] = QuoteDoc(doc=doc, path=file, raw=raw, gold=[])
    for n, row in enumerate(_jsonl(root / "gold.jsonl"), 1):
        where = f"{root / 'gold.jsonl'}:{n}"
        qd = docs.get(str(row.get("doc")))
        if qd is None:
            raise EvalError(f"{where}: document {row.get('doc')!r} is not in docs.jsonl")
        g = _gold_quote(row, where)
        if not all(0 <= s <= e <= len(qd.raw) for s, e in ((g.start, g.end), *g.segments)):
            raise EvalError(f"{where}: span outside the text of {qd.doc}")
        qd.gold.append(g)
    return list(docs.values())


# --- predictions ---------------------------------------------------------------------------------


def predictions(ex: Extraction) -> list[Pred]:
    """Every claim quote and every counter quote (one span once), with its speaker's names.

    A counter on a claim's span lends its speaker only when the claim has none (as score.py).
    """
    sources = {s.id: s for s in ex.sources}

    def names(sid: str | None) -> tuple[str, ...]:
        s = sources.get(sid or "")
        if s is None:
            return ()
        # a bare pronoun alias ('he') would match any pronoun: names only
        return tuple(n for n in (s.name, s.name_en, *s.aliases) if n and not set(_tokens(n)) <= PRONOUNS)

    preds: list[Pred] = []
    seen: dict[tuple[int, int], int] = {}
    for c in ex.claims:
        key = (c.quote.start, c.quote.end)
        if key not in seen:
            seen[key] = len(preds)
            preds.append(Pred(c.quote.start, c.quote.end, names(c.claimant), "claim"))
    for k in ex.counters:
        key = (k.quote.start, k.quote.end)
        if key in seen:
            p = preds[seen[key]]
            if not p.speakers:
                preds[seen[key]] = Pred(p.start, p.end, names(k.speaker), p.origin)
            continue
        seen[key] = len(preds)
        preds.append(Pred(k.quote.start, k.quote.end, names(k.speaker), f"counter:{k.kind.value}"))
    return preds


# --- alignment -----------------------------------------------------------------------------------


def raw_to_clean(raw: str, clean: str) -> Callable[[int], int]:
    """Map an offset of the raw text onto the cleaned text (identity when ingest changed nothing).

    Matching blocks of a diff; an offset inside removed text maps to the last mapped position.
    """
    if raw == clean:
        return lambda i: i
    m: list[int | None] = [None] * (len(raw) + 1)
    for a, b, n in SequenceMatcher(None, raw, clean, autojunk=False).get_matching_blocks():
        for k in range(n + 1):
            if a + k <= len(raw):
                m[a + k] = b + k
    filled: list[int] = []
    last = 0
    for x in m:
        last = last if x is None else x
        filled.append(last)
    return lambda i: filled[i]


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """The span without white space, quotation marks and punctuation at its edges."""
    while s < e and text[s] in EDGE:
        s += 1
    while e > s and text[e - 1] in EDGE:
        e -= 1
    return s, e


# --- speaker names -------------------------------------------------------------------------------


def _tokens(s: str) -> list[str]:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    return re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", s)


def _content(toks: list[str]) -> list[str]:
    """Tokens without titles; for a title-only phrase ('a spokesperson'), without articles only."""
    kept = [t for t in toks if t not in TITLES]
    return kept or [t for t in toks if t not in ("a", "an", "the", "of", "and")]


def surname(s: str) -> str | None:
    """The last word of the name before any apposition, titles dropped: 'Sen. Jane Roe, 54' -> 'roe'."""
    chunk = re.split(r",|\(|\s[-—–]\s|\bwho\b|\bof the\b|\bfrom\b", s or "")[0]
    toks = _content(_tokens(chunk))
    return toks[-1] if toks else None


def name_match(gold: str, preds: Sequence[str]) -> bool:
    """The gold surname is a word of a predicted name, or a predicted surname a word of the gold."""
    if not gold or not preds:
        return False
    gs, gt = surname(gold), set(_content(_tokens(gold)))
    for p in preds:
        ps, pt = surname(p), set(_content(_tokens(p)))
        if (gs and gs in pt) or (ps and ps in gt):
            return True
    return False
