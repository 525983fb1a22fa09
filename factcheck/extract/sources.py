"""Sources named in one article: typing by lexicon, aliases, anaphora, surnames and handles.

The offline extractor registers every speaker phrase here; the book resolves it to an existing
source when it is the same one ("الصحيفة" after "صحيفة الغارديان"; a surname after the full
name; "مكتب الإعلام" after "مكتب الإعلام في وزارة النقل"), else creates a new one.
"""

from __future__ import annotations

import re

from .._lexicon_lazy import words
from ..models import Source, SourceKind
from ..text.normalize import find_span, fold
from . import cues as C
from . import patterns as P
from .arabic import (
    body_head,
    is_arabic,
    is_title,
    not_a_speaker,
    social_head,
    source_gender,
    split_title,
    strip_addressee,
    strip_circumstance,
    strip_source_preposition,
    subject_head,
)
from .source_kind import NAME_TITLE as _NAME_TITLE  # noqa: F401  (the rule tests read it here)
from .source_kind import generic_kind, skeleton, source_kind

_QUOTES = "\"'“”«»„‘’()[]"
# The words of these constructions are lexicon entries (ar.toml, en.toml), read as written.
_TRAIL_PP = re.compile(
    r"\s+(?:" + "|".join(words("trail_preposition", "ar")) + r")\s+(?:" + C.COMM_AR + r")" + C.E + r".*$"
    r"|\s+(?:" + C.ar_words(" ".join(words("trail_time_word", "ar"))) + r")" + C.E + r".*$"
    r"|\s+(?:" + "|".join(words("trail_preposition", "en")) + r")\s+.*$",
    re.S,
)
# Word starts whose و/ف is a root letter (وزارة، وكالة، فرانس), never a clitic to strip.
_ROOT_WA = tuple(words("root_initial_wa", "ar"))
_PAREN = re.compile(r"\(([^()]{2,40})\)")
_LEAD = re.compile(r"^(?:[وف]\s*)?(?:" + C.ar_words(" ".join(words("lead_title", "ar"))) + r")?\s*")
# Lexicon patterns (factcheck/lexicon), compiled once per lexicon in patterns.py.
_TITLE, _GOV, _OUTLET, _AGENCY = P.TITLE, P.GOV, P.OUTLET, P.AGENCY
_GROUP_START, _ANON, _ANAPHORA, _ANAPHORA_EN = P.GROUP_START, P.ANON, P.ANAPHORA, P.ANAPHORA_EN
_SPEAKS_FOR = re.compile(C.B + C.ar("باسم") + r"\s+(.+)$")  # "المتحدث باسم وزارة النقل"
_PRONOUN = re.compile(
    r"^(?:" + "|".join(words("personal_pronoun", "en") + words("personal_pronoun", "ar")) + r")$", re.I
)


def _unquote(text: str) -> str:
    """Quote marks become spaces; an apostrophe inside a word stays ("Okafor's", "O'Neill")."""
    chars = list(text)
    for i, c in enumerate(chars):
        inner = c in "'’" and 0 < i < len(chars) - 1 and chars[i - 1].isalpha() and chars[i + 1].isalpha()
        if c in _QUOTES and not inner:
            chars[i] = " "
    return "".join(chars)


def clean_name(text: str) -> tuple[str, list[str], str | None]:
    """(name, aliases, role) from a speaker phrase such as 'المبعوث الأمريكي ...، جون سميث،'."""
    aliases: list[str] = []
    if is_arabic(text):
        text = strip_circumstance(strip_addressee(text))
    for m in _PAREN.finditer(text):
        aliases.append(m.group(1).strip())
    text = _PAREN.sub(" ", text)
    text = _unquote(text)
    text = re.sub(r"\s+", " ", text).strip(" ،,:.-—–")
    text = _TRAIL_PP.sub("", text).strip(" ،,:.-—–")
    parts = [p.strip() for p in re.split(r"[،,]", text) if p.strip()]
    role = None
    name = parts[0] if parts else ""
    if len(parts) >= 2:
        titled = [p for p in parts if _is_role(p)]
        plain = [p for p in parts if p not in titled and len(p.split()) <= 4 and not not_a_speaker(p)]
        if titled and plain:
            role, name = titled[0], plain[0]
    if role is None and name.isascii() and len(parts) >= 2:
        # "A spokesman for the port, Kurt Ellis": the part in capitalised words is the name.
        proper = [p for p in parts if re.fullmatch(r"(?:[A-Z][\w.'’-]*\s*){1,4}", p)]
        others = [p for p in parts if p not in proper and len(p.split()) <= 8]
        if proper and others:
            name, role = proper[0], others[0]
    if role is None and name.isascii():
        name, role = _split_english_title(name)
    # A clitic "و/ف" (and) glued to the first word; not the first letter of وزارة/وكالة/وزير (_ROOT_WA),
    # nor of a name (فؤاد، وليد): in Arabic only before the article or a title ("والوزير").
    rest = name[1:].split()
    glued = bool(rest) and (fold(rest[0]).startswith("ال") or is_title(rest[0]))
    if name[:1] in "وف" and glued and not fold(name).startswith(_ROOT_WA):
        name = re.sub(r"^(?:[وف](?=\S{3,}))", "", name)
    if is_arabic(name):
        # "الدكتور كريم الحداد": the title is a role (or, when the role is already known, the
        # titled form is an alias); the name is the person's.
        body = _GOV.search(name) or _OUTLET.search(name) or _AGENCY.search(name) or _ANON.search(name)
        bare, title = split_title(name.strip(), descriptive=not body)
        if title is not None:
            if role is None:
                role = title
            elif name.strip() not in aliases:
                aliases.append(name.strip())
        name = bare
        if social_head(name):
            name = subject_head(name)  # "صفحة أخبار المدينة على فيسبوك": the page's name
    return name.strip(), [a for a in aliases if a != name], role


def _is_role(part: str) -> bool:
    """A title or body with no personal name in it ("المتحدث باسم الوزارة"; not "الدكتور كريم الحداد")."""
    if is_arabic(part) and split_title(part)[1] is not None:
        return False
    return bool(_TITLE.match(part) or _GOV.search(part) or (is_arabic(part) and is_title(part.split()[0])))


_EN_TAIL = re.compile(r"(?:\s+(?:" + "|".join(words("name_tail", "en")) + r"))+$", re.I)
_EN_TITLE_LAST = re.compile(r"^(?P<role>.*\b(?:" + C.TITLE_EN + r"))\s+(?P<name>(?:[A-Z][\w.'-]*\s*){1,4})$", re.I)


def _split_english_title(name: str) -> tuple[str, str | None]:
    """'Former health minister Helena Marsh has' -> ('Helena Marsh', 'Former health minister')."""
    name = _EN_TAIL.sub("", name).strip()
    m = _EN_TITLE_LAST.match(name)
    if m and m.group("name")[0].isupper() and not re.search(r"\b(?:" + C.TITLE_EN + r")\b", m.group("name"), re.I):
        return m.group("name").strip(), m.group("role").strip()
    return name, None


def looks_like_source(phrase: str) -> bool:
    """Does the phrase carry a source word (title, body, outlet, agency, unnamed group)?"""
    return bool(
        _TITLE.search(phrase)
        or _GOV.search(phrase)
        or _OUTLET.search(phrase)
        or _AGENCY.search(phrase)
        or _GROUP_START.match(phrase.strip())
        or phrase.strip().startswith("@")
        # مديرة، صفحة; "المحلل المالي الدكتور فلان"
        or (
            is_arabic(phrase)
            and (any(is_title(w) for w in phrase.split()[:4]) or social_head(phrase) or body_head(phrase))
        )
    )


class SourceBook:
    def __init__(self, article_id: str, text: str = "") -> None:
        self.article_id = article_id
        self.text = text  # the article's text: names shown are its own words
        self._sources: list[Source] = []
        self._by_id: dict[str, Source] = {}  # a look-up per mention: a long article has thousands
        self._order: list[str] = []  # ids in order of last mention, for anaphora
        self._gender: dict[str, str] = {}  # Arabic: gender shown by verb agreement ("قالت X")

    def sources(self) -> list[Source]:
        return list(self._sources)

    def _get(self, sid: str | None) -> Source | None:
        return self._by_id.get(sid) if sid is not None else None

    def source(self, sid: str) -> Source | None:
        """The source with this id (without copying the list, as sources() does)."""
        return self._by_id.get(sid)

    def _touch(self, sid: str) -> str:
        if sid in self._order:
            self._order.remove(sid)
        self._order.append(sid)
        return sid

    def is_anonymous(self, sid: str | None) -> bool:
        src = self._get(sid)
        return src is not None and src.kind == SourceKind.anonymous

    def all_anonymous(self, sids: list[str]) -> bool:
        return bool(sids) and all(self.is_anonymous(s) for s in sids)

    def last_of_kind(self, kinds: tuple[str, ...]) -> str | None:
        for sid in reversed(self._order):
            src = self._get(sid)
            if src is not None and src.kind.value in kinds:
                return sid
        return None

    def resolve(self, phrase: str, context: str = "") -> str | None:
        """An existing source this phrase refers to, or None."""
        name, _aliases, _role = clean_name(phrase)
        if not name or _PRONOUN.match(name):
            return self._order[-1] if name and self._order else None
        key = fold(name)
        for kind, pat in [*_ANAPHORA.items(), *_ANAPHORA_EN.items()]:
            if pat.match(name):
                return self._anaphora(kind, key)
        toks = set(key.split())
        # A role is a key for a title ("المتحدث باسم الوزارة"), not for the body it names
        # ("وزارة النقل" is not its spokesman).
        body = is_arabic(name) and bool(_GOV.match(name)) and not is_title(name.split()[0])
        for sid in reversed(self._order):
            src = self._get(sid)
            assert src is not None
            role_key = src.role and not body
            names = [src.name, *src.aliases, *((role_key and src.role and [src.role]) or [])]
            for n in names:
                nk = fold(n)
                ntoks = set(nk.split())
                if nk == key:
                    return self._touch(sid)
                if len(toks) >= 2 and toks <= ntoks and src.kind != SourceKind.anonymous:
                    return self._touch(sid)
                if len(ntoks) >= 2 and ntoks <= toks and src.kind != SourceKind.anonymous:
                    return self._touch(sid)
                # A full name after its surname alone (or the reverse, below).
                if (
                    len(ntoks) == 1
                    and len(toks) >= 2
                    and src.kind in (SourceKind.person, SourceKind.official)
                    and nk == key.split()[-1]
                ):
                    return self._touch(sid)
                # A surname alone after the full name of a person/official.
                if (
                    len(toks) == 1
                    and src.kind in (SourceKind.person, SourceKind.official)
                    and (key == fold(src.name).split()[-1] or skeleton(key) == skeleton(fold(src.name).split()[-1]))
                ):
                    return self._touch(sid)
            for h in src.handles:
                if fold(h) == key or fold(h) in toks:
                    return self._touch(sid)

        return None

    def _verbatim(self, name: str) -> str:
        """The article's own spelling of a name whose quotation marks were taken out
        ('صحيفة "النهار"' for صحيفة النهار), so that the name shown is verbatim."""
        span = find_span(self.text, name)
        if span is None:
            return name
        s, e = span
        found = self.text[s:e]
        opened = sum(found.count(q) for q in '"«“') - sum(found.count(q) for q in "»”")
        if e < len(self.text) and self.text[e] in '"»”' and (opened % 2 or found.count('"') % 2):
            found += self.text[e]  # the closing mark of a quoted name
        return found if len(found) <= len(name) + 4 else name

    def note_gender(self, sid: str | None, gender: str | None) -> None:
        """Remember the gender a verb agreeing with this source showed (the first one wins)."""
        if sid is not None and gender is not None:
            self._gender.setdefault(sid, gender)

    def gender(self, sid: str) -> str | None:
        """'f', 'm' or None: from verb agreement, else from the title or the head noun."""
        if sid in self._gender:
            return self._gender[sid]
        src = self._get(sid)
        if src is None:
            return None
        person = src.kind in (SourceKind.person, SourceKind.official)
        return source_gender(src.name, src.role, person=person)

    def affiliation(self, sid: str) -> str | None:
        """The body a person's role names ("المتحدث باسم وزارة الصحة" -> وزارة الصحة), if known."""
        src = self._get(sid)
        if src is None or not src.role or src.kind not in (SourceKind.person, SourceKind.official):
            return None
        named = self.named_in(src.role)
        found = next((s.id for s in self._sources if s.id != sid and s.id in named), None)
        body = _SPEAKS_FOR.search(src.role)
        if found is None and body and _GOV.search(body.group(1)):
            found = self.add(body.group(1))  # the body is named only in the role: register it
        return found

    def note_alias(self, sid: str, phrase: str) -> None:
        """Remember another way the article names a source it already has (for later mentions)."""
        src = self._get(sid)
        name, _aliases, _role = clean_name(phrase)
        if src is None or not name or len(name.split()) > 8 or any(p.match(name) for p in _ANAPHORA.values()):
            return
        if fold(name) != fold(src.name) and name not in src.aliases:
            src.aliases.append(name)

    def _anaphora(self, kind: str, key: str) -> str | None:
        stem = key.removeprefix("ال").removeprefix("the ")
        for sid in reversed(self._order):
            src = self._get(sid)
            assert src is not None
            if kind == "government":
                if stem and any(stem in fold(n) for n in [src.name, *src.aliases]):
                    return self._touch(sid)
            elif src.kind.value == kind or (kind == "news_outlet" and src.kind == SourceKind.news_agency):
                return self._touch(sid)
        return None

    def add(
        self, phrase: str | None, *, handle: str | None = None, hint: str | None = None, context: str = ""
    ) -> str | None:
        """Resolve ``phrase`` to a source id, registering a new source when it is a new one."""
        if not phrase or not phrase.strip():
            return None
        if hint is None and is_arabic(phrase):
            # "نقلا عن وزارة النقل": the source is after the preposition; a number, a date or a
            # fragment opening with a preposition or particle is never a source.
            phrase = strip_source_preposition(phrase.strip(), looks_like_source)
        name, aliases, role = clean_name(phrase)
        if hint is None and not_a_speaker(name, source_like=looks_like_source(name)):
            return None
        if not name or len(name) < 2 or len(name.split()) > 12:
            return None
        if generic_kind(name) == "none":
            return None  # "according to the interview": the occasion of a statement, not its source
        if hint is None and is_arabic(name) and self.text and name not in self.text:
            shown = self._verbatim(name)
            if shown != name:
                name, aliases = shown, [*aliases, name]
        existing = self.resolve(phrase, context)
        if existing is None and handle:
            existing = next((s.id for s in self._sources if handle in s.handles), None)
            if existing is None:
                existing = next(
                    (
                        s.id
                        for s in self._sources
                        if s.kind != SourceKind.anonymous and skeleton(s.name) and skeleton(s.name) == skeleton(name)
                    ),
                    None,
                )
        if existing is not None:
            src = self._get(existing)
            assert src is not None
            if handle and handle not in src.handles:
                src.handles.append(handle)
            for a in [*aliases, name]:
                if fold(a) != fold(src.name) and a not in src.aliases:
                    src.aliases.append(a)
            if role and not src.role:
                src.role = role
            return self._touch(existing)
        kind = source_kind(name, role, hint, phrase)
        sid = f"{self.article_id}-s{len(self._sources) + 1}"
        self._sources.append(
            Source(
                id=sid,
                name=name,
                kind=kind,
                aliases=aliases,
                handles=[handle] if handle else ([name] if name.startswith("@") else []),
                role=role,
            )
        )
        self._by_id[sid] = self._sources[-1]
        return self._touch(sid)

    def named_in(self, text: str) -> set[str]:
        """Ids of sources whose name, alias or handle appears in ``text``."""
        key = f" {fold(text)} "
        out = set()
        for src in self._sources:
            for n in [src.name, *src.aliases, *src.handles]:
                nk = fold(n)
                if (len(nk) >= 3 and f" {nk} " in key) or (len(nk) >= 5 and nk in key):
                    out.add(src.id)
                    break
        return out

    def same_person(self, a: str | None, b: str | None) -> bool:
        sa, sb = self._get(a), self._get(b)
        if sa is None or sb is None:
            return False
        if sa.id == sb.id:
            return True
        ka, kb = skeleton(sa.name), skeleton(sb.name)
        return len(ka) >= 4 and (ka == kb or ka in kb or kb in ka)
