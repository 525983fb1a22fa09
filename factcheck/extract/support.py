"""Does a counter-statement's own quote support its kind? (A model's label is not evidence.)

A model — or an article's injected instructions obeyed by one — can call any sentence a
"confirmation". The brief turns kinds into verdicts (contested, corroborated), so a kind is kept only
when its quote carries the wording of that kind, checked with the offline extractor's cue patterns:

- denial / attribution denial / correction: a denial, attribution-denial or correction cue, or a
  negation (a denial stated as a contradicting fact: "no case has been recorded"), or for a
  correction a figure (a correction by numbers);
- confirmation: any wording, except one that denies or negates (a denial relabelled "confirmation"
  would turn a dispute into corroboration; a negated confirmation is rare and costs only a
  confirmation, a false one costs a verdict).
"""

from __future__ import annotations

import re

from ..models import CounterKind
from . import patterns as P

_FIGURE = re.compile(r"\d|[\u0660-\u0669\u06f0-\u06f9]")


def _denies(quote: str) -> bool:
    return any(p.search(quote) for p in (P.DENY_VERB, P.DENY_EN, P.DENY_PHRASE, P.ATTR_DENY))


def kind_supported(kind: CounterKind, quote: str) -> bool:
    """True when ``quote`` carries wording that can make it a counter-statement of ``kind``."""
    if kind is CounterKind.confirmation:
        return not _denies(quote) and not P.NEGATION.search(quote)
    if _denies(quote) or P.NEGATION.search(quote) or P.CORRECT.search(quote):
        return True
    return kind is CounterKind.correction and _FIGURE.search(quote) is not None


def kind_from_quote(kind: CounterKind, quote: str) -> CounterKind | None:
    """The kind to keep: ``kind`` when supported; a "confirmation" whose quote denies becomes the denial
    its words make it (the article's words outrank the model's label); None when nothing supports it."""
    if kind_supported(kind, quote):
        return kind
    if kind is CounterKind.confirmation:
        return CounterKind.attribution_denial if P.ATTR_DENY.search(quote) else CounterKind.denial
    return None
