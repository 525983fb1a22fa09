"""How a source is named in each part: the article's words, and in the English part a Latin form.

In the English part an Arabic name is shown, in this order, as the Latin form an article itself
gives for the same source (an alias such as "Karim Nasser" beside "كريم ناصر", verbatim in the article:
shown unmarked, it is the article's content); as the English name of the extraction (a model's,
marked as a machine rendering); or, for a person's name, as our transliteration, marked as such.
Other names stay in Arabic: a description (a ministry, unnamed officials) would not be made readable
by transliteration, and an outlet's name is often a foreign name written in Arabic (a New York paper),
which a transliteration back into Latin script garbles.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..models import Source, SourceKind
from ..text.scripts import has_arabic
from . import i18n
from .translit import transliterate
from .view import SourceRef, script_lang, text_dir

if TYPE_CHECKING:
    from .build import _Builder

_LATIN_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:al|el|bin|ben|ibn|abu|de|van|von)-?\S*|[A-Z][\w'’.-]*)){0,5}")
_PERSON_KINDS = (SourceKind.person, SourceKind.official)


def _titled(name: str) -> bool:
    """Does the name open with a title ("متحدث باسم ..."): a description, not a name?"""
    from ..extract.arabic import is_title  # reads the lexicon: on first use

    return is_title(name.split()[0])


def latin_form(src: Source, texts: dict[str, str]) -> str | None:
    """A Latin-script alias of the source that an article writes verbatim (a name, capitalised)."""
    for alias in src.aliases:
        if has_arabic(alias) or not _LATIN_NAME.fullmatch(alias.strip()):
            continue
        if any(alias in text for text in texts.values()):
            return alias.strip()
    return None


def source_ref(b: _Builder, source_id: str) -> SourceRef:
    src = b.sources.get(source_id)
    if src is None:  # a dangling id: show it rather than hide that something is referenced
        label = i18n.source_kind_label(SourceKind.unknown, b.lang)
        return SourceRef(id=source_id, name=source_id, lang="und", dir="ltr", kind_label=label, anonymous=False)
    name, rendered, transliterated = src.name, False, False
    if b.lang == "en" and has_arabic(src.name):
        latin = latin_form(src, b.texts)
        if latin is not None:
            name = latin
        elif src.name_en and src.name_en != src.name:
            name, rendered = src.name_en, b.machine_names
        elif src.kind in _PERSON_KINDS and not _titled(src.name):
            name, transliterated = transliterate(src.name), True
    elif b.lang == "en" and src.name_en and src.name_en != src.name:
        name, rendered = src.name_en, b.machine_names
    lang = script_lang(name)
    return SourceRef(
        id=src.id,
        name=name,
        lang=lang,
        dir=text_dir(lang),
        kind_label=i18n.source_kind_label(src.kind, b.lang),
        anonymous=src.kind is SourceKind.anonymous,
        rendered=rendered,
        transliterated=transliterated,
    )
