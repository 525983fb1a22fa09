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
from ..text.normalize import fold
from .similar_names import similar_pairs
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


def _same_person_across_scripts(a: Source, b: Source) -> bool:
    from ..extract.arabic import is_arabic, same_name_across_scripts  # its patterns load the lexicon

    people = _PEOPLE | {SourceKind.unknown}
    if a.kind not in people or b.kind not in people or is_arabic(a.name) == is_arabic(b.name):
        return False
    return any(same_name_across_scripts(na, nb) for na in [a.name, *a.aliases] for nb in [b.name, *b.aliases])


@lru_cache(maxsize=65536)
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


def _join(uf: UnionFind, kinds: dict[int, set[SourceKind]], i: int, j: int) -> None:
    """Join the groups of i and j unless some kinds of the two could not be one entity.
    ``kinds``: root -> the kinds of its group's entries (kept up to date here)."""
    ri, rj = uf.find(i), uf.find(j)
    if ri == rj:
        return
    if all(kinds_compatible(a, b) for a in kinds[ri] for b in kinds[rj]):
        uf.union(ri, rj)
        root = uf.find(ri)
        kinds[root] = kinds.pop(rj if root == ri else ri) | kinds[root]


def _group(entries: Sequence[tuple[int, Source]]) -> list[list[int]]:
    """Groups of entries that are one source (the rules of the module docstring), in a fixed order:
    keys first, then similar names, then one name in two scripts, each over pairs in order."""
    from ..extract.arabic import is_arabic

    uf = UnionFind(len(entries))
    kinds = {i: {src.kind} for i, (_, src) in enumerate(entries)}
    first_with_key: dict[str, int] = {}
    for i, (_, src) in enumerate(entries):
        anon = src.kind == SourceKind.anonymous
        for k in _keys(src):
            k = ("anon:" + k) if anon else k  # the unnamed merge only with the unnamed
            if k in first_with_key:
                _join(uf, kinds, first_with_key[k], i)
            else:
                first_with_key[k] = i
    for i, j in similar_pairs(entries):
        if uf.find(i) != uf.find(j):
            _join(uf, kinds, i, j)

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
        _join(uf, kinds, i, j)
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
