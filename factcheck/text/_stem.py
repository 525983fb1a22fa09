"""The light Arabic stem of one folded word (``normalize.stem`` remembers it per word)."""

from __future__ import annotations

_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")


def light_stem(token: str) -> str:
    """Strip the article and clitic conjunction/prepositions, then a plural or pronoun suffix,
    keeping >= 2 letters."""
    t = token
    if t.startswith(_PREFIXES):
        for p in _PREFIXES:
            if t.startswith(p) and len(t) - len(p) >= 2:
                t = t[len(p) :]
                break
        else:
            t = _clitic(t)
    else:  # _clitic inlined (most words have no article)
        if len(t) > 3 and t[0] in "وف":
            t = t[1:]
        if len(t) > 4 and t[0] in "بلك":
            t = t[1:]
    if (len(t) > 3 and t.endswith(("ها", "هم", "ات"))) or (len(t) > 5 and t.endswith(("ون", "ين"))):
        t = t[:-2]
    elif len(t) > 3 and t[-1] in "هي":
        t = t[:-1]
    return t


def _clitic(t: str) -> str:
    """A clitic conjunction, then a clitic preposition, off a word without the article."""
    if len(t) > 3 and t[0] in "وف":
        t = t[1:]
    if len(t) > 4 and t[0] in "بلك":  # clitic prepositions: بمحافظة، لمجلس
        t = t[1:]
    return t
