"""Stance by content: how a response relates to a claim it speaks about, without a cue word.

Two statements already proposed as "about the same thing" (shared stems, or the encoder) relate as:

- **denial**: the response states the claim's proposition with the opposite polarity — a negator
  governing words the two share ("no case has been diagnosed" against "a case was diagnosed"), an
  antonymous predicate ("the border is closed" against "the border was opened"), or a zero count;
- **correction**: contradicting quantities of the *same counted thing* ("12 dead" against "40 dead");
  a number of another thing ("one week" against "fifty cases") is no conflict;
- **confirmation**: the same proposition with the same polarity.

Polarity is read only where it bears on the shared content: a negator counts when one of the next
few words is a stem the two statements share (a post that also says "this is no cause for alarm"
does not deny a claim about a hospital opening). All word lists of this module are in the lexicon
(factcheck/lexicon/*.toml), one entry per lemma with an invented example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from .._lexicon_lazy import LazyList, LazyMap, LazySet, table
from ..text.normalize import STOPWORDS, fold, stem
from ..text.numbers import DROPPED, MARK, mapped_folds, numbers_keyed

# The word lists (negators, negating predicates, antonym pairs, zero words, postposed numbers) are
# in factcheck/lexicon/{ar,en}.toml, one entry per lemma with an invented example; built on first
# use, so that importing this module (factcheck --help) reads no lexicon.
NEGATORS: Mapping[str, str] = LazyMap(lambda: table("negator"))
NEGATING_PREDICATES: Mapping[str, str] = LazyMap(lambda: table("negating_predicate"))
ZERO_WORDS: Mapping[str, str] = LazyMap(lambda: table("zero_word"))
POSTPOSED_NUMBERS: Mapping[str, str] = LazyMap(lambda: table("postposed_number"))


@lru_cache(maxsize=1)
def antonyms() -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    """Antonymous predicates: (one side, other side, an example); each side a set of lemmas (folded,
    stemmed on use). Entries name their pair and side in ``value`` ("open:a")."""
    from ..lexicon import shipped

    pairs: dict[tuple[str, str], tuple[list[str], list[str], list[str]]] = {}
    for e in shipped().of("antonym"):
        pair, side = str(e.value).split(":")
        a, b, ex = pairs.setdefault((e.lang, pair), ([], [], []))
        (a if side == "a" else b).append(e.text)
        ex.append(e.example)
    return [(tuple(a), tuple(b), ex[0]) for a, b, ex in pairs.values()]


ANTONYMS: Sequence[tuple[tuple[str, ...], tuple[str, ...], str]] = LazyList(antonyms)


class Stance(Enum):
    denial = "denial"
    correction = "correction"
    confirmation = "confirmation"


_WORD = re.compile(r"[\w@#']+")
_EN_SUFFIXES = ("ings", "ing", "ies", "ied", "es", "ed", "s")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A light lemma of a folded word: Arabic light stem, English suffix stripping ("died" ~ "dies")."""
    if word.isascii():
        for suf in _EN_SUFFIXES:
            if len(word) - len(suf) >= 3 and word.endswith(suf):
                word = word[: -len(suf)]
                break
        return word[:-1] if len(word) >= 4 and word.endswith("e") else word  # "close" ~ "closed"
    s = stem(word)
    # Person / derivation prefixes (يتوقف ~ توقف, تسجل ~ سجل): dropped alike in both texts compared.
    while len(s) > 3 and s[0] in "يتنا":
        s = s[1:]
    return s


_NEG = LazySet(lambda: frozenset(fold(w) for w in [*NEGATORS, *NEGATING_PREDICATES] if w != "n't"))
_ZERO = LazySet(lambda: frozenset(fold(w) for w in ZERO_WORDS))
_POSTPOSED = LazySet(lambda: frozenset(fold(w) for w in POSTPOSED_NUMBERS))


@lru_cache(maxsize=1)
def _ant() -> list[tuple[frozenset[str], ...]]:
    return [
        tuple(frozenset(lemma(fold(w)) if w.isascii() else fold(w) for w in side) for side in (a, b))
        for a, b, _ in antonyms()
    ]


SCOPE = 4  # words after a negator that it governs


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    text = re.sub(r"https?://\S+", " ", text)
    out: list[str] = []
    for w in _WORD.findall(fold(text)):
        if w.endswith("n't"):
            out += [w[:-3], "n't"]
        else:
            out.append(w.strip("'#"))
    return tuple(w for w in out if w)


@lru_cache(maxsize=8192)
def lemmas(text: str) -> frozenset[str]:
    """Lemmas of the content words of ``text`` (stopwords and negators left out)."""
    return frozenset(lemma(w) for w in _words(text) if w not in STOPWORDS and w not in _NEG and len(w) >= 2)


_CLAUSE_END = re.compile(r"[.!?؟;؛:\n]+")


def negated(text: str, shared: frozenset[str]) -> int:
    """Negators in ``text`` that govern a shared lemma within SCOPE words of the same sentence
    (parity is what counts)."""
    return sum(_negated(part, shared) for part in _CLAUSE_END.split(text))


def _negated(text: str, shared: frozenset[str]) -> int:
    ws = _words(text)
    n = 0
    for i, w in enumerate(ws):
        if (w in _NEG or w == "n't" or w in _ZERO) and any(lemma(x) in shared for x in ws[i + 1 : i + 1 + SCOPE]):
            n += 1
    return n


@lru_cache(maxsize=8192)
def _sides(text: str) -> frozenset[tuple[int, int]]:
    """(antonym pair, side) of the words of ``text``. English words match by lemma; Arabic words by
    prefix, once a conjunction (و ف) and the article are off, so inflected verbs match their entry
    ("وأغلقت" ~ "اغلق")."""
    return frozenset().union(*(_word_sides(w) for w in _words(text)))


@lru_cache(maxsize=65536)
def _word_sides(w: str) -> frozenset[tuple[int, int]]:
    """(antonym pair, side) of one word (every text's words are looked up in every entry: once each)."""
    forms = {w}
    if not w.isascii():
        for f in list(forms):
            if len(f) > 3 and f[0] in "وف":
                forms.add(f[1:])
        forms |= {f[2:] for f in forms if f.startswith("ال") and len(f) > 4}
    exact, by_start = _ant_index()
    out: set[tuple[int, int]] = set()
    for f in forms:
        if f.isascii():
            out.update(exact.get(lemma(f), ()))
        elif len(f) < 3:  # only an entry of fewer than 3 letters can match it: whole
            out.update(exact.get(f, ()))
        else:  # an entry of 3+ letters matches as a prefix (see _prefix)
            out.update((pi, si) for pi, si, e in by_start.get(f[:3], ()) if f.startswith(e))
    return frozenset(out)


@lru_cache(maxsize=1)
def _ant_index() -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int, str]]]]:
    """The antonym entries indexed once: entry -> its (pair, side)s, and the first three letters of
    every entry of 3+ letters -> (pair, side, entry); ``_word_sides`` looks a word up, not every entry."""
    exact: dict[str, list[tuple[int, int]]] = {}
    by_start: dict[str, list[tuple[int, int, str]]] = {}
    for pi, sides in enumerate(_ant()):
        for si, entries in enumerate(sides):
            for e in entries:
                exact.setdefault(e, []).append((pi, si))
                if len(e) >= 3:
                    by_start.setdefault(e[:3], []).append((pi, si, e))
    return exact, by_start


def _prefix(word: str, entry: str) -> bool:
    return word.startswith(entry) if len(entry) >= 3 else word == entry


def _antonym_flip(a: str, b: str) -> bool:
    """One text uses one side of an antonym pair and the other text the other side (and not its own)."""
    sa, sb = _sides(a), _sides(b)
    flips = 0
    for pi in range(len(_ant())):
        if ((pi, 0) in sa and (pi, 1) in sb and (pi, 0) not in sb) or (
            (pi, 1) in sa and (pi, 0) in sb and (pi, 1) not in sb
        ):
            flips += 1
    return flips % 2 == 1


def opposite(claim: str, response: str) -> bool:
    """The response states the claim's proposition with the opposite polarity."""
    if _antonym_flip(claim, response):
        return True
    if not (_negating(claim) or _negating(response)):  # no negator on either side: same polarity
        return False
    shared = lemmas(claim) & lemmas(response)
    return bool(shared) and negated(claim, shared) % 2 != negated(response, shared) % 2


@lru_cache(maxsize=8192)
def _negating(text: str) -> bool:
    """Does ``text`` hold a word ``negated`` counts (a negator, "n't", a zero word)? Without one, it
    counts none, whatever the shared lemmas."""
    neg, zero = _NEG.value(), _ZERO.value()
    return any(w in neg or w == "n't" or w in zero for part in _CLAUSE_END.split(text) for w in _words(part))


def opposite_across(a: str, b: str) -> bool:
    """Two texts in different languages (no shared words to read polarity on) where one negates its
    own content and the other does not: a translation keeps its negation, so these say opposite things."""
    return negated(a, lemmas(a)) % 2 != negated(b, lemmas(b)) % 2


@dataclass(frozen=True)
class Count:
    value: float
    after: str  # lemma of the word right after the number (the counted noun: "75 cases")
    before: str  # lemma of the content word right before it ("حالة واحدة", "وفاة ثلاثة عمال")


def counts(text: str) -> list[Count]:
    """Quantities with the words around them that say what they count. Years are dates, not counts.
    The word before counts only when it is a content word right next to the number, so "in one week"
    has no word before and "one" counts weeks."""
    from ..lexicon import active  # number words are lexicon data: the active lexicon keys the memo

    return list(_counts(text, active().key))


def counted_words(texts: Sequence[str], folded: Sequence[str]) -> list[frozenset[str]]:
    """Per text, the words naming what its quantities count: two texts whose figures conflict
    (``figures_conflict``) share one. ``folded``: each text's ``fold`` (loose or not), which rules
    most texts out of holding a number at once (``numbers_keyed``)."""
    from ..lexicon import active

    key = active().key
    return [
        frozenset(w for c in _counts(t, key) for w in (c.after, c.before) if w)
        if numbers_keyed(t, key, f)
        else frozenset()
        for t, f in zip(texts, folded, strict=True)
    ]


@lru_cache(maxsize=16384)
def _counts(text: str, lexicon_key: str) -> tuple[Count, ...]:
    """``counts``, remembered: a claim's text is compared with every text it may answer."""
    out = []
    for n in numbers_keyed(text, lexicon_key):
        if 1900 <= n.value <= 2100 and n.value.is_integer() and n.text.strip().isdigit():
            continue
        out.append(count_at(text, n.start, n.end, n.value))
    return tuple(out)


def count_at(text: str, start: int, end: int, value: float) -> Count:
    """The quantity written at text[start:end], with the words that say what it counts."""
    mapped = _in_place(text)
    if mapped is None:
        before_ws = _words(text[:start])
        before = before_ws[-1] if before_ws else ""
        after_ws = [w for w in _words(text[end:]) if not w.isdigit()]
        last = fold(text[start:end]).split()
    else:
        before, after_ws = _before(mapped, start), _after(mapped, end)
        last = mapped[start:end].replace(DROPPED, "").split()
    after = after_ws[0] if after_ws else ""
    if last and last[-1] in _POSTPOSED:
        return Count(value, "", _content_lemma(before))  # "أسبوع واحد": the noun is the word before
    if after in STOPWORDS:
        after = next((w for w in after_ws[:2] if w not in STOPWORDS), "")
    return Count(value, _content_lemma(after), _content_lemma(before))


def _in_place(text: str) -> str | None:
    """The text folded character by character in place (``FOLDS``); None if a character folds to
    more than one or joins the one before, or a link is cut out. Then the words of any slice of the
    text (``_words``) are the ``_WORD`` matches of the mapped text as if it ended or began at the
    slice's edge (``endpos``, ``pos``), without ``DROPPED`` (a match of ``DROPPED`` alone is no word)."""
    if "://" in text:
        return None
    mapped = mapped_folds(text)
    return None if MARK in mapped else mapped


def _split(w: str) -> list[str]:
    """The words ``_words`` makes of one ``_WORD`` match (of ``_in_place``)."""
    w = w.replace(DROPPED, "")
    if w.endswith("n't"):
        return [w[:-3], "n't"]
    w = w.strip("'#")
    return [w] if w else []


_NEAR = 48  # characters before a number looked at first for the word before it


def _before(mapped: str, start: int) -> str:
    """The last word of ``_words(text[:start])`` (see ``_in_place``). Read first in the last _NEAR
    characters: a word found there past the first match (which the window may cut) is the one."""
    lo = max(start - _NEAR, 0)
    matches = list(_WORD.finditer(mapped, lo, start))
    cut = bool(lo) and bool(matches) and matches[0].start() == lo and _WORD.match(mapped, lo - 1) is not None
    for m in reversed(matches[1:] if cut else matches):
        ws = _split(m.group())
        if ws:
            return ws[-1]
    if lo:  # none there: the whole text before it
        for m in reversed(list(_WORD.finditer(mapped, 0, start))):
            ws = _split(m.group())
            if ws:
                return ws[-1]
    return ""


def _after(mapped: str, end: int) -> list[str]:
    """The first two words not all digits of ``_words(text[end:])`` (see ``_in_place``)."""
    after: list[str] = []
    pos = end
    while len(after) < 2 and (m := _WORD.search(mapped, pos)):
        after += [w for w in _split(m.group()) if w and not w.isdigit()]
        pos = m.end()
    return after[:2]


def other_things(a: Count, b: Count) -> bool:
    """Both quantities say what they count, and it is not the same thing ("one week", "fifty cases")."""
    return bool((a.after or a.before) and (b.after or b.before)) and not (_same_thing(a, b) or _same_thing(b, a))


def _content_lemma(w: str) -> str:
    return "" if not w or w in STOPWORDS or w in _NEG or len(w) < 2 else lemma(w)


def _same_thing(a: Count, b: Count) -> bool:
    """Two quantities of the same counted thing: the same noun after, or one's noun written before the
    other number (Arabic "وفاة ثلاثة عمال" ~ "12 وفاة"); never two words before (two verbs)."""
    return bool((a.after and a.after in (b.after, b.before)) or (a.before and a.before == b.after))


def figures_conflict(claim: str, response: str) -> bool:
    """Both count the same thing and the response gives none of the claim's values for it."""
    from ..lexicon import active

    key = active().key
    ca, cb = _counts(claim, key), _counts(response, key)
    for a in ca:
        same = [b for b in cb if _same_thing(a, b)]
        if same and all(b.value != x.value for b in same for x in ca if _same_thing(x, b)):
            return True
    return False


def stance(claim: str, response: str) -> Stance:
    """How ``response`` relates to ``claim``, given that both speak of the same thing."""
    if opposite(claim, response):
        return Stance.denial
    if figures_conflict(claim, response):
        return Stance.correction
    return Stance.confirmation


def shared_lemmas(a: Iterable[str], b: Iterable[str]) -> int:
    return len(set(a) & set(b))
