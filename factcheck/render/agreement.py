"""Arabic subject agreement for generated sentences: ``m`` (ينفي), ``f`` (تنفي) or ``p`` (ينفون).

The rules are Arabic grammar; the words their form does not decide are lexicon data:

- a body's head noun decides by its form: الرئاسة، الوزارة، الحكومة end in ة (f); مجلس، الجيش do not (m);
- a proper noun that is feminine without ة, such as most state names (تونس تنفي), is listed
  (``feminine_name``); so are heads whose form misleads (``agreement_head``): a non-human plural takes
  a feminine singular verb (تقارير تتحدث، مصادر تقول), a human broken plural a plural one (خبراء يقولون);
- an unnamed or generic group in a sound masculine plural (مسؤولون، محللين) is plural;
- outlets and agencies are feminine (the implied head noun صحيفة، وكالة، قناة) unless named by a
  masculine head noun (موقع، تلفزيون);
- persons: only a title decides (وزيرة، المتحدثة: f); a bare name is taken as masculine because names
  do not show gender reliably (أسامة، حمزة are men's names ending in ة).
"""

from __future__ import annotations

import re
from typing import Literal

from ..models import SourceKind
from ..text.normalize import fold
from ..text.scripts import has_arabic

Agreement = Literal["m", "f", "p"]

_PERSON_KINDS = (SourceKind.person, SourceKind.official)
_OUTLET_KINDS = (SourceKind.news_outlet, SourceKind.news_agency)
_WORD = re.compile(r"[\w\u0600-\u06ff]+")


def _bare(word: str) -> str:
    f = fold(word)
    return f[2:] if f.startswith("ال") and len(f) > 3 else f


def _tables() -> tuple[dict[str, str], frozenset[str]]:
    from .. import lexicon as _lexicon  # on first use: rendering help text or JSON reads no lexicon

    lex = _lexicon.active()

    def make() -> tuple[dict[str, str], frozenset[str]]:
        heads = {_bare(f): str(e.value) for e in lex.of("agreement_head", "ar") for f in e.forms}
        names = frozenset(_bare(f) for e in lex.of("feminine_name", "ar") for f in e.forms)
        return heads, names

    return lex.derived("render.agreement", make)


def _person(words: list[str], role: str | None) -> Agreement:
    from ..extract.arabic import is_title  # reads the lexicon: on first use

    role_head = _WORD.findall(role or "")[:1]
    for head in (*role_head, *words[:1]):
        if is_title(head):
            return "f" if fold(head).endswith("ه") else "m"
    return "m"


def agreement_ar(name: str, kind: SourceKind, role: str | None = None) -> Agreement:
    """How an Arabic verb agrees with this source as its subject (see the module's docstring)."""
    words: list[str] = _WORD.findall(name)
    if words and words[0] == "د" and len(words) > 1:  # "د." (Dr) before a name
        words = words[1:]
    if not words:
        return "m"
    if not has_arabic(words[0]):
        return "f" if kind in _OUTLET_KINDS else "m"
    heads, feminine_names = _tables()
    head = _bare(words[0])
    if kind in _PERSON_KINDS:
        return _person(words, role)
    if " ".join(_bare(w) for w in words) in feminine_names:
        return "f"
    if head in heads:
        return heads[head]  # type: ignore[return-value]
    if kind in _OUTLET_KINDS:
        return "f"
    if kind in (SourceKind.anonymous, SourceKind.generic) and len(head) >= 5 and head.endswith(("ون", "ين")):
        return "p"
    return "f" if head.endswith("ه") else "m"
