"""Linguistic knowledge as data: the cue words of the offline extractor and the reconciler.

The shipped lists live in ``ar.toml`` and ``en.toml`` beside this module (docs/lexicon.md): one
``[[entry]]`` per lemma or phrase with its ``category`` and an invented ``example`` sentence. A
newsroom adds entries from a folder of files in the same format (``Settings.lexicon_dir``); they
add to the shipped ones, never replace them. Nothing is read at import: ``shipped()`` and
``load()`` parse on first use and cache by content, and so do the patterns built from a lexicon.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from ..errors import LexiconError
from . import build
from .categories import CATEGORIES, LANGS, POS

__all__ = ["CATEGORIES", "Entry", "Lexicon", "activate", "active", "deactivate", "load", "shipped", "use"]

T = TypeVar("T")
_KEYS = {"category", "text", "pos", "present", "variants", "value", "example", "note"}


@dataclass(frozen=True)
class Entry:
    lang: str
    category: str
    text: str
    example: str
    pos: str
    present: str | None = None
    variants: tuple[str, ...] = ()
    value: int | str | None = None
    path: str = ""
    line: int = 0

    @property
    def forms(self) -> tuple[str, ...]:
        """The written forms listed (lemma and irregular variants), before any affix."""
        return (self.text, *self.variants)

    def parts(self) -> list[build.Part]:
        """(shape, stem) parts of this entry's pattern (build.py applies the affixes)."""
        cat = CATEGORIES[self.category]
        if self.pos == "regex":
            return [("raw", f) for f in self.forms]
        if self.lang == "en":
            forms = list(self.forms)
            if self.pos == "verb":
                forms += build.en_forms(self.text, past=not self.variants)
                forms.remove(self.text)  # "report" (a noun too) only when listed as a variant
            return [("raw", build.en_words(f)) for f in forms]
        out: list[build.Part] = []
        for f in self.forms:
            if self.pos == "verb":
                out += build.ar_verb(f, self.present, persons=cat.persons)
            elif self.pos == "noun":
                out += build.ar_noun(f, prepositions=cat.prepositions)
            elif self.pos == "adj":
                out += build.ar_adj(f, prepositions=cat.prepositions, article=cat.article)
            elif self.pos == "participle":
                out += build.ar_participle(f)
            elif self.pos == "particle":
                out.append(("plain", build.letters(f)))
            elif self.pos in ("phrase", "verb-phrase"):
                out += build.ar_phrase(f, present=self.present, verb=self.pos == "verb-phrase")
            else:  # word, name: as written
                out.append(("raw", re.escape(f).replace(r"\ ", r"\s+")))
        return out

    def regex(self) -> str:
        """This entry's pattern without boundaries and without the conjunction و/ف."""
        return _category_regex(self.category, self.parts())


def _category_regex(category: str, parts: list[build.Part]) -> str:
    regex = build.assemble(parts)
    return build.objects(regex) if CATEGORIES[category].objects else regex


@dataclass
class Lexicon:
    entries: tuple[Entry, ...]
    key: str = "shipped"
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def of(self, category: str, lang: str | None = None) -> list[Entry]:
        return [e for e in self.entries if e.category == category and (lang is None or e.lang == lang)]

    def words(self, category: str, lang: str | None = None) -> list[str]:
        """The written forms of a category (for the lists the reconciler and dates read)."""
        return [f for e in self.of(category, lang) for f in e.forms]

    def values(self, category: str, lang: str | None = None) -> dict[str, Any]:
        return {f: e.value for e in self.of(category, lang) for f in e.forms}

    def table(self, category: str, lang: str | None = None) -> dict[str, str]:
        """{forms joined by "|": example} in file order, for the word lists that rules read as written."""
        return {"|".join(e.forms): e.example for e in self.of(category, lang)}

    def alt(self, category: str, lang: str) -> str:
        """One alternation of every entry of a category in a language (no boundaries, no و/ف)."""
        return self.derived(
            f"alt:{category}:{lang}",
            lambda: _category_regex(category, [p for e in self.of(category, lang) for p in e.parts()]),
        )

    def derived(self, name: str, make: Callable[[], T]) -> T:
        """Something built from this lexicon (patterns, sets), built once and kept with it."""
        with self._lock:
            if name not in self._derived:
                self._derived[name] = make()
            return self._derived[name]  # type: ignore[no-any-return]


# --- reading -----------------------------------------------------------------------------------


def _entry_lines(text: str) -> list[int]:
    return [i + 1 for i, line in enumerate(text.splitlines()) if line.strip().startswith("[[entry]]")]


def parse(text: str, path: str) -> list[Entry]:
    """Entries of one lexicon file; a LexiconError names the file, the line and the fix."""
    import tomllib  # here: importing the package (factcheck --help) reads and parses nothing

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"line (\d+)", str(err))
        raise LexiconError(
            f"not valid TOML ({err})",
            path=path,
            line=int(m.group(1)) if m else None,
            hint="fix the TOML syntax (docs/lexicon.md shows the format)",
        ) from err
    lang = data.get("lang")
    if lang not in LANGS:
        raise LexiconError(
            f"lang is {lang!r}",
            path=path,
            line=1,
            hint=f'start the file with lang = "ar" or lang = "en" (one of {", ".join(LANGS)})',
        )
    unknown_top = sorted(set(data) - {"lang", "entry"})
    if unknown_top:
        raise LexiconError(
            f"unknown top-level key(s) {', '.join(unknown_top)}",
            path=path,
            line=1,
            hint="a lexicon file holds lang = ... and [[entry]] tables only",
        )
    raw = data.get("entry", [])
    lines = _entry_lines(text)
    out = []
    for i, item in enumerate(raw):
        line = lines[i] if i < len(lines) else None
        out.append(_entry(item, lang, path, line or 0))
    return out


def _entry(item: Any, lang: str, path: str, line: int) -> Entry:
    def bad(msg: str, hint: str) -> LexiconError:
        return LexiconError(msg, path=path, line=line or None, hint=hint)

    if not isinstance(item, dict):
        raise bad("an entry is not a table", "write each entry as an [[entry]] table")
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        raise bad(f"unknown key(s) {', '.join(unknown)}", f"an entry's keys are {', '.join(sorted(_KEYS))}")
    cat = item.get("category")
    if cat not in CATEGORIES:
        raise bad(f"unknown category {cat!r}", f"use one of: {', '.join(CATEGORIES)}")
    text, example = item.get("text"), item.get("example")
    if not isinstance(text, str) or not text.strip():
        raise bad("the entry has no text", 'add text = "the lemma or phrase"')
    if not isinstance(example, str) or len(example.split()) < 2:
        raise bad(f"entry {text!r} has no example sentence", 'add example = "a sentence you wrote that uses it"')
    pos = item.get("pos", CATEGORIES[cat].pos)
    if pos not in POS:
        raise bad(f"unknown pos {pos!r}", f"use one of: {', '.join(POS)}")
    present = item.get("present")
    if present is not None and not isinstance(present, str):
        raise bad("present is not a string", 'write present = "يقول"')
    variants = item.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
        raise bad("variants is not a list of strings", 'write variants = ["form", ...]')
    value = item.get("value")
    if CATEGORIES[cat].value and value is None:
        raise bad(f"category {cat} needs a value", f"add value = ... ({CATEGORIES[cat].value})")
    entry = Entry(lang, cat, text.strip(), example, pos, present, tuple(variants), value, path, line)
    if pos == "regex":
        try:
            re.compile(entry.regex())
        except re.error as err:
            raise bad(f"the regular expression does not compile ({err})", "fix the regex or use pos = phrase") from err
    return entry


@dataclass
class _Cache:
    by_key: dict[str, Lexicon] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_CACHE = _Cache()


def shipped() -> Lexicon:
    """The lexicon shipped in the wheel (parsed once per process, and kept parsed on disk)."""
    lex = _CACHE.by_key.get("shipped")
    if lex is not None:
        return lex
    from importlib import resources

    with _CACHE.lock:
        lex = _CACHE.by_key.get("shipped")
        if lex is None:
            texts = [resources.files(__package__).joinpath(f"{lang}.toml").read_bytes() for lang in LANGS]
            entries = _parsed_cache(texts)
            if entries is None:
                entries = tuple(
                    e
                    for lang, data in zip(LANGS, texts, strict=True)
                    for e in parse(data.decode("utf-8"), f"factcheck/lexicon/{lang}.toml")
                )
                _parsed_cache(texts, entries)
            lex = _CACHE.by_key["shipped"] = Lexicon(entries)
        return lex


_FIELDS = tuple(f.name for f in fields(Entry))


def _parsed_cache(texts: list[bytes], entries: tuple[Entry, ...] | None = None) -> tuple[Entry, ...] | None:
    """Read (or, given ``entries``, write) the parsed shipped lexicon, keyed by its bytes.

    Parsing the TOML costs ~15 ms per process, a marshalled copy ~1 ms. The copy lives in the user
    cache dir; any failure (no dir, no permission, a stale or corrupt file) falls back to parsing."""
    try:
        import marshal

        from platformdirs import user_cache_dir

        # Keyed by the files and by what parsing derives from them (fields, category defaults).
        salt = (",".join(_FIELDS) + repr(sorted(CATEGORIES.items()))).encode()
        key = hashlib.sha256(b"\0".join([*texts, salt])).hexdigest()[:32]
        path = Path(user_cache_dir("factcheck")) / "lexicon" / f"{key}.marshal"
        if entries is None:
            return tuple(Entry(*row) for row in marshal.loads(path.read_bytes()))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps([tuple(getattr(e, f) for f in _FIELDS) for e in entries]))
        os.replace(tmp, path)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return None


def _folder_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise LexiconError(
            "is not a folder",
            path=str(folder),
            hint="point --lexicon-dir / FACTCHECK_LEXICON_DIR / lexicon_dir at a folder of .toml files",
        )
    return sorted(folder.glob("*.toml"))


def load(lexicon_dir: Path | None = None) -> Lexicon:
    """The shipped lexicon plus a newsroom's entries from ``lexicon_dir`` (cached by its content)."""
    base = shipped()
    if lexicon_dir is None:
        return base
    files = [(p, p.read_bytes()) for p in _folder_files(Path(lexicon_dir))]
    digest = hashlib.sha256()
    for p, data in files:
        digest.update(p.name.encode() + b"\0" + data + b"\0")
    key = digest.hexdigest()
    with _CACHE.lock:
        if key in _CACHE.by_key:
            return _CACHE.by_key[key]
    added: list[Entry] = []
    for p, data in files:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise LexiconError("is not UTF-8", path=str(p), hint="save the file as UTF-8") from err
        for e in parse(text, str(p)):
            _check_own(e, base)
            added.append(e)
    lex = Lexicon(base.entries + tuple(added), key=key)
    with _CACHE.lock:
        return _CACHE.by_key.setdefault(key, lex)


def _check_own(e: Entry, base: Lexicon) -> None:
    """A newsroom entry must match its own example and may not change a shipped entry's value."""
    used_by = CATEGORIES[e.category].used_by
    if used_by != "extractor":
        raise LexiconError(
            f"category {e.category} is read by factcheck.{used_by} from the shipped lexicon only",
            path=e.path,
            line=e.line or None,
            hint="a lexicon folder adds cue words of the offline extractor; propose this entry to the maintainers",
        )
    if not re.search(r"(?<!\w)" + build.CONJ + e.regex() + r"(?!\w)", e.example, re.I):
        raise LexiconError(
            f"entry {e.text!r} does not occur in its own example",
            path=e.path,
            line=e.line or None,
            hint="write an example sentence that uses the entry (docs/lexicon.md: affixes)",
        )
    for s in base.of(e.category, e.lang):
        if e.value is not None and e.value != s.value and set(s.forms) & set(e.forms):
            raise LexiconError(
                f"entry {e.text!r} would change the shipped value {s.value!r} to {e.value!r}",
                path=e.path,
                line=e.line or None,
                hint="entries add to the shipped lexicon; "
                "they cannot replace one (remove the entry or report the error to the maintainers)",
            )


_ACTIVE: ContextVar[Lexicon | None] = ContextVar("factcheck_lexicon", default=None)


def active() -> Lexicon:
    """The lexicon the offline extractor uses now: set by ``use()``, else the shipped one."""
    return _ACTIVE.get() or shipped()


Token = Any  # contextvars.Token[Lexicon | None]


def activate(lexicon: Lexicon) -> Token:
    """Make ``lexicon`` the active one until ``deactivate(token)`` (``use()`` does both)."""
    return _ACTIVE.set(lexicon)


def deactivate(token: Token) -> None:
    _ACTIVE.reset(token)


@contextmanager
def use(lexicon: Lexicon) -> Iterator[Lexicon]:
    token = activate(lexicon)
    try:
        yield lexicon
    finally:
        deactivate(token)
