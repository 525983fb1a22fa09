"""Lexicons of the offline extractor, Arabic and English, as regex alternations.

The words themselves are data: ``factcheck/lexicon/ar.toml`` and ``en.toml`` (docs/lexicon.md),
one entry per lemma or phrase; the Arabic affixes (clitics, pronouns, agreement) are applied by
``factcheck.lexicon.build``. This module keeps the names other modules use, built from the shipped
lexicon; ``patterns.py`` compiles the same alternations for the active lexicon (a newsroom's
``--lexicon-dir`` included). Arabic patterns are matched against the *original* text, tolerant of
diacritics and the common alef/hamza/ya variants.
"""

from __future__ import annotations

from ..lexicon import build, shipped

_D = build.D  # optional diacritics between letters
ar = build.letters  # one Arabic word, tolerant of diacritics and spelling variants


def ar_words(words: str) -> str:
    return "|".join(ar(w) for w in sorted(words.split(), key=len, reverse=True))


# A word boundary for Arabic (\b works on \w, and Arabic letters are \w in Python's re).
B = r"(?<![\w])"
E = r"(?![\w])"
CONJ = build.CONJ

_LEX = shipped()
_alt = _LEX.alt


def anaphora(lang: str) -> dict[str, str]:
    """Kind -> alternation of the definite descriptions that refer back to a source of that kind."""
    kinds = sorted({str(e.value) for e in _LEX.of("anaphora", lang)})
    return {k: build.assemble([p for e in _LEX.of("anaphora", lang) if e.value == k for p in e.parts()]) for k in kinds}


REPORT_VERBS_AR = _alt("report_verb", "ar")
FIRST_PERSON_AR = _alt("first_person", "ar")  # the speaker is the author of the post or statement
PARTICIPLE_AR = _alt("participle", "ar")  # "قائلا إن": same speaker, new reported content
ACCORDING_AR = _alt("according", "ar")
REPORT_VERBS_EN = _alt("report_verb", "en")
ACCORDING_EN = _alt("according", "en")
DENIAL_VERBS_AR = _alt("denial_verb", "ar")
DENIAL_PHRASES_AR = _alt("denial", "ar")
DENIAL_EN = _alt("denial_verb", "en") + "|" + _alt("denial", "en")
CORRECTION_AR = _alt("correction", "ar")
CORRECTION_EN = _alt("correction", "en")
CONFIRM_AR = _alt("confirmation", "ar")
CONFIRM_EN = _alt("confirmation", "en")
ATTRIBUTION_DENIAL_AR = _alt("attribution_denial", "ar")
ATTRIBUTION_DENIAL_EN = _alt("attribution_denial", "en")
ANON_AR = _alt("anonymity", "ar")
ANON_EN = _alt("anonymity", "en")
# Unnamed officials and sources are anonymous sourcing; unnamed analysts or experts are vague
# attribution, not anonymity, and are kept apart (kind "unknown").
UNNAMED_GROUP_AR = _alt("unnamed_group", "ar")
UNNAMED_GROUP_EN = _alt("unnamed_group", "en")
GOV_AR = _alt("government", "ar")
GOV_EN = _alt("government", "en")
OUTLET_AR = _alt("outlet", "ar")
OUTLET_EN = _alt("outlet", "en")
AGENCY_AR = _alt("agency", "ar")
AGENCY_EN = _alt("agency", "en")
TITLE_AR = _alt("title", "ar")
TITLE_EN = _alt("title", "en")
ANAPHORA_AR = anaphora("ar")  # "the newspaper", "the ministry" ... refer back to the last source of that kind
ANAPHORA_EN = anaphora("en")
HEDGE_AR = _alt("hedge", "ar")
HEDGE_EN = _alt("hedge", "en")
NEGATION_AR = _alt("negation", "ar")
NEGATION_EN = _alt("negation", "en")
COMPLEMENT_AR = r"(?:" + _alt("complement", "ar") + r")" + E  # words that introduce reported content
COMM_AR = _alt("communication_noun", "ar")  # "X in a statement/post/report ..." ends a speaker phrase
