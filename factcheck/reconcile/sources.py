"""Step 1: merge the sources of all extractions into one list (S1, S2 ... in first-appearance order).

Two sources are the same when (a) a folded name, alias, English name or handle is shared, or
(b) one name is contained in the other at word boundaries (organisations: as its head, e.g.
"مكتب الإعلام" in "مكتب الإعلام في وزارة النقل"; people: as >= 2 consecutive words, e.g.
"سامي الخطيب" in "وزير النقل سامي الخطيب"), or (c) for organisations only, their content stems
overlap almost entirely ("وزارة الصحة العامة الأردنية" ~ "وزارة الصحة العامة في المملكة
الأردنية", four stems shared). Merges are
conservative: kinds must be compatible, generic referents ("الصحيفة", "the newspaper") never act as
keys, people never merge on partial overlap (two people sharing a first and family name stay two),
and unnamed (anonymous) sources merge only on an identical name.

(d) One person named in Arabic script in one article and in Latin script in another ("كريم الحداد",
"Karim al-Haddad") is one source when the whole names match by ``extract.arabic.
same_name_across_scripts`` (consonant skeleton and long vowels), both are people, and the merge
would not join two different spellings of the same script (two different people).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .._lexicon_lazy import LazySet, words
from ..models import Extraction, Source, SourceKind
from ..text.normalize import STOPWORDS, content_stems, fold, tokens
from .blocking import containing
from .unionfind import UnionFind

# Words that refer back to a source without naming it: never a merge key (lexicon data).
GENERIC_REFERENTS = LazySet(lambda: frozenset(fold(w, loose=True) for w in words("generic_referent")))

_MEDIA = {SourceKind.news_outlet, SourceKind.news_agency, SourceKind.social_account}
_ORGS = {SourceKind.government, SourceKind.organisation, SourceKind.official}
_PEOPLE = {SourceKind.person, SourceKind.official}


def kinds_compatible(a: SourceKind, b: SourceKind) -> bool:
    """Can sources of these kinds be one entity? (An account can belong to anyone but the unnamed.)"""
    if a == b or SourceKind.unknown in (a, b):
        return True
    if SourceKind.anonymous in (a, b):
        return False
    if SourceKind.social_account in (a, b):
        return True
    return any(a in g and b in g for g in (_MEDIA, _ORGS, _PEOPLE))


def _keys(s: Source) -> list[str]:
    out = []
    for n in [s.name, *s.aliases, *([s.name_en] if s.name_en else [])]:
        k = fold(n, loose=True)
        if k and k not in GENERIC_REFERENTS:
            out.append(k)
    out += ["@" + fold(h).lstrip("@") for h in s.handles if h.strip("@ ")]
    return out


@lru_cache(maxsize=65536)
def _words(name: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(name) if t not in STOPWORDS)


@lru_cache(maxsize=65536)
def _stem_set(name: str) -> frozenset[str]:
    return frozenset(content_stems(name))


def _contained(short: Sequence[str], long: Sequence[str], *, head: bool) -> bool:
    if len(short) < 2 or len(short) >= len(long):
        return False
    if head:
        return long[: len(short)] == short
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _similar_names(a: Source, b: Source) -> bool:
    if SourceKind.anonymous in (a.kind, b.kind):
        return False
    people = a.kind in _PEOPLE or b.kind in _PEOPLE
    forms_b = _forms((b.name, *b.aliases))
    for wa, sa in _forms((a.name, *a.aliases)):
        for wb, sb in forms_b:
            short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
            if 2 <= len(short) < len(long) and _contained(short, long, head=not people):
                return True
            if not people:
                shared = len(sa & sb)
                if shared >= 3 and shared / min(len(sa), len(sb)) >= 0.75:
                    return True
    return False


@lru_cache(maxsize=65536)
def _forms(names: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """Each name's words and stems, read once per list of names (a source recurs in many articles)."""
    return tuple((_words(n), _stem_set(n)) for n in names)


def _same_person_across_scripts(a: Source, b: Source) -> bool:
    from ..extract.arabic import is_arabic, same_name_across_scripts  # its patterns load the lexicon

    people = _PEOPLE | {SourceKind.unknown}
    if a.kind not in people or b.kind not in people or is_arabic(a.name) == is_arabic(b.name):
        return False
    return any(same_name_across_scripts(na, nb) for na in [a.name, *a.aliases] for nb in [b.name, *b.aliases])


def _name_candidates(entries: Sequence[tuple[int, Source]]) -> list[tuple[int, int]]:
    """Entry pairs (i < j), sorted, that could pass ``_similar_names``: one name holds the other's
    rarest word (containment holds every word), or their stems could overlap by 3/4 (``containing``
    with unit weights)."""
    owner: list[int] = []
    word_sets: list[frozenset[str]] = []
    stem_sets: list[frozenset[str]] = []
    for i, (_, src) in enumerate(entries):
        if src.kind == SourceKind.anonymous:
            continue
        for name in [src.name, *src.aliases]:
            owner.append(i)
            word_sets.append(frozenset(_words(name)))
            stem_sets.append(_stem_set(name))
    df: dict[str, int] = {}
    for ws in word_sets:
        for w in ws:
            df[w] = df.get(w, 0) + 1
    rank = {w: (c, w) for w, c in df.items()}
    postings: dict[str, list[int]] = {}
    for n, ws in enumerate(word_sets):
        for w in ws:
            postings.setdefault(w, []).append(n)
    found: set[tuple[int, int]] = set()
    for n, ws in enumerate(word_sets):
        if not ws:
            continue
        rarest = min(ws, key=rank.__getitem__)
        found.update((owner[n], owner[m]) for m in postings[rarest])
    found.update((owner[a], owner[b]) for a, b in containing(stem_sets, lambda _: 1.0, 0.75, 3))
    return sorted({(min(i, j), max(i, j)) for i, j in found if i != j})


def _similar_pairs(entries: Sequence[tuple[int, Source]]) -> list[tuple[int, int]]:
    """Entry pairs (i < j), sorted, whose names are similar (``_similar_names``).

    The same source recurs in many articles: names are compared once per pair of distinct (kind,
    names), the candidates found among those (both filters of ``_name_candidates`` are exact, so
    any ranks serve), and only then spread over the entries that carry them. A pair of entries
    whose names are not similar does nothing where ``_group`` walks the pairs, so walking only
    the similar ones, in the same order, joins the same groups."""
    named: dict[tuple[object, ...], list[int]] = {}
    for i, (_, src) in enumerate(entries):
        named.setdefault((src.kind, src.name, *src.aliases), []).append(i)
    owners = list(named.values())
    firsts = [entries[g[0]] for g in owners]
    pairs = _name_candidates(firsts)
    pairs += [(p, p) for p, g in enumerate(owners) if len(g) > 1]
    out: list[tuple[int, int]] = []
    for p, q in pairs:
        if not _similar_names(firsts[p][1], firsts[q][1]):
            continue
        if p == q:
            g = owners[p]
            out += [(a, b) for n, a in enumerate(g) for b in g[n + 1 :]]
        else:
            out += [(a, b) if a < b else (b, a) for a in owners[p] for b in owners[q]]
    out.sort()
    return out


def _skeleton(name: str) -> str:
    """(Arabic script?, consonant skeleton) of a whole name as ``same_name_across_scripts`` reads it."""
    from ..extract.arabic import _EN_TITLE, _slots, is_arabic, split_title

    arabic = is_arabic(name)
    bare = split_title(name)[0] if arabic else _EN_TITLE.sub("", name.strip())
    return _slots(bare)[0]


def _script_candidates(entries: Sequence[tuple[int, Source]]) -> list[tuple[int, int]]:
    """Entry pairs (i < j), sorted, whose names could be one name in two scripts: the same consonant
    skeleton, one main name in Arabic script and the other not (``_same_person_across_scripts``)."""
    from ..extract.arabic import is_arabic

    people = _PEOPLE | {SourceKind.unknown}
    by_skeleton: dict[str, tuple[list[int], list[int]]] = {}
    for i, (_, src) in enumerate(entries):
        if src.kind not in people:
            continue
        side = 0 if is_arabic(src.name) else 1
        for name in dict.fromkeys([src.name, *src.aliases]):
            skeleton = _skeleton(name)
            if len(skeleton) >= 5:  # shorter skeletons never match (same_name_across_scripts)
                by_skeleton.setdefault(skeleton, ([], []))[side].append(i)
    found = {
        (min(i, j), max(i, j)) for ar, la in by_skeleton.values() for i in dict.fromkeys(ar) for j in dict.fromkeys(la)
    }
    return sorted(found)


@dataclass
class MergedSources:
    sources: list[Source]
    # (article index, original source id) -> S id
    by_article: dict[tuple[int, str], str]
    # original source id -> S id (first article that defines it), for references across articles
    by_id: dict[str, str]

    def resolve(self, art_idx: int, sid: str | None) -> str | None:
        if sid is None:
            return None
        return self.by_article.get((art_idx, sid)) or self.by_id.get(sid)


def _join(uf: UnionFind, entries: Sequence[tuple[int, Source]], i: int, j: int) -> None:
    """Join the groups of i and j unless some kinds of the two could not be one entity."""
    ri, rj = uf.find(i), uf.find(j)
    if ri == rj:
        return
    kinds_i = {entries[k][1].kind for k in uf.members[ri]}
    kinds_j = {entries[k][1].kind for k in uf.members[rj]}
    if all(kinds_compatible(a, b) for a in kinds_i for b in kinds_j):
        uf.union(ri, rj)


def _group(entries: Sequence[tuple[int, Source]]) -> list[list[int]]:
    """Groups of entries that are one source (the rules of the module docstring), in a fixed order:
    keys first, then similar names, then one name in two scripts, each over pairs in order."""
    from ..extract.arabic import is_arabic

    uf = UnionFind(len(entries))
    first_with_key: dict[str, int] = {}
    for i, (_, src) in enumerate(entries):
        anon = src.kind == SourceKind.anonymous
        for k in _keys(src):
            k = ("anon:" + k) if anon else k  # the unnamed merge only with the unnamed
            if k in first_with_key:
                _join(uf, entries, first_with_key[k], i)
            else:
                first_with_key[k] = i
    for i, j in _similar_pairs(entries):
        if uf.find(i) != uf.find(j):
            _join(uf, entries, i, j)

    def spellings(root: int, arabic: bool) -> set[str]:
        return {fold(entries[k][1].name) for k in uf.members[root] if is_arabic(entries[k][1].name) == arabic}

    for i, j in _script_candidates(entries):
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj or not _same_person_across_scripts(entries[i][1], entries[j][1]):
            continue
        # Never join two different people: each script keeps one spelling of the name.
        if any(
            spellings(ri, ar) and spellings(rj, ar) and not spellings(ri, ar) & spellings(rj, ar)
            for ar in (True, False)
        ):
            continue
        _join(uf, entries, i, j)
    return uf.groups()


def _merged(sid: str, group: Sequence[Source]) -> Source:
    """One source from the entries of a group: the first's name, the others' names as aliases."""
    first = group[0]
    names: list[str] = []
    handles: list[str] = []
    for s in group:
        for name in [s.name, *s.aliases]:
            if name not in names:
                names.append(name)
        handles += [h for h in s.handles if h not in handles]
    return Source(
        id=sid,
        name=first.name,
        kind=next((s.kind for s in group if s.kind != SourceKind.unknown), SourceKind.unknown),
        name_en=next((s.name_en for s in group if s.name_en), None),
        aliases=[a for a in names if a != first.name],
        handles=handles,
        role=next((s.role for s in group if s.role), None),
    )


def merge_sources(extractions: Sequence[Extraction]) -> MergedSources:
    """Step 1: the sources of all extractions as one list (S1, S2 ... in first-appearance order)."""
    entries: list[tuple[int, Source]] = [(i, s) for i, x in enumerate(extractions) for s in x.sources]
    merged: list[Source] = []
    by_article: dict[tuple[int, str], str] = {}
    by_id: dict[str, str] = {}
    for group in _group(entries):
        sid = f"S{len(merged) + 1}"
        merged.append(_merged(sid, [entries[k][1] for k in group]))
        for idx in group:
            art_idx, member = entries[idx]
            by_article[(art_idx, member.id)] = sid
            by_id.setdefault(member.id, sid)
    return MergedSources(merged, by_article, by_id)
