"""The word lists that rules read as written (lexicon categories whose ``used_by`` is a module, not
the extractor's cue patterns): every entry's example goes through the matcher that reads its list
and, for the reporting verbs, through the offline extractor."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from factcheck import lexicon
from factcheck.extract import arabic as AR
from factcheck.extract import cues as C
from factcheck.extract import english_patterns as EP
from factcheck.extract import offline as OFF
from factcheck.extract import patterns as P
from factcheck.extract import sources as SRC
from factcheck.extract.offline import extract_offline
from factcheck.ingest import article_from_text, detect_language
from factcheck.ingest._build import _EN_WORDS
from factcheck.lexicon import Entry
from factcheck.reconcile import stance
from factcheck.text.normalize import fold

RULE_MODULES = {
    "extract.english",
    "reconcile.stance",
    "extract.arabic",
    "extract.sources",
    "extract.patterns",
    "extract.offline",
    "ingest",
}
ENTRIES = [e for e in lexicon.shipped().entries if lexicon.CATEGORIES[e.category].used_by in RULE_MODULES]


def _word(e: Entry) -> re.Pattern[str]:
    """The entry's written forms as whole words (an abbreviation ends with its period)."""
    alt = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in e.forms)
    return re.compile(r"(?<![\w.])(?:" + alt + r")(?![\w])", re.I)


def _cue(e: Entry) -> bool:
    """The cue pattern finds a form of this lemma and maps it back to the lemma."""
    lemma = e.forms[0].split()[0] + "".join(" " + w for w in e.text.split()[1:])
    return any(EP._LEMMA.get(m.group().lower(), m.group().lower()) == lemma for m in EP._CUE.finditer(e.example))


def _in(table: object) -> Callable[[Entry], bool]:
    """The set the rules build from the list holds the entry, and the example uses it."""

    def check(e: Entry) -> bool:
        return "|".join(e.forms) in table and bool(_word(e).search(e.example))  # type: ignore[operator]

    return check


def _verb_in(table: object) -> Callable[[Entry], bool]:
    """The set the rules build holds the verb's lemma, and the example uses one of its forms."""

    def check(e: Entry) -> bool:
        forms = EP._forms("|".join(e.forms))
        found = re.search(r"(?<!\w)(?:" + EP._alt(forms) + r")(?!\w)", e.example, re.I)
        lemmas = {EP._LEMMA.get(m.group().lower()) for m in EP._CUE.finditer(e.example)}
        return e.text in table and bool(found or e.text in lemmas)  # type: ignore[operator]

    return check


def _negates(e: Entry) -> bool:
    words = stance._words(e.example)
    used = fold(e.text) in words or (e.text == "n't" and "n't" in words)
    return used and stance.negated(e.example, stance.lemmas(e.example)) > 0


def _antonym(e: Entry) -> bool:
    pairs = stance.antonyms()
    pi = next(i for i, (a, b, _) in enumerate(pairs) if e.text in (a if str(e.value).endswith(":a") else b))
    side = 0 if str(e.value).endswith(":a") else 1
    return (pi, side) in stance._sides(e.example)


def _postposed(e: Entry) -> bool:
    return fold(e.text) in stance._POSTPOSED and fold(e.text) in stance._words(e.example)


def _ar_tokens(text: str) -> list[str]:
    return [t.strip("،,.:؛;\"'()") for t in text.split()]


def _ar(table: frozenset[str], *, feminine: bool = False) -> Callable[[Entry], bool]:
    """The folded set the Arabic rules read holds the entry, and a word of the example is a form of
    it (with و/ف, ال or ب/ل off; a title also in the feminine)."""

    def check(e: Entry) -> bool:
        forms = {fold(f) for f in e.forms}
        for t in _ar_tokens(e.example):
            seen = {fold(t), AR._bare(t), AR._bare(t, prepositions=False)}
            seen |= {w[1:] for w in seen if len(w) > 3 and w[0] in "وف"}
            seen |= {w[:-1] for w in seen if feminine and w.endswith("ه")}
            if seen & forms & table:
                return True
        return False

    return check


def _at(e: Entry) -> int:
    """Where the entry stands as a word of its example."""
    m = re.search(r"(?<!\S)" + re.escape(e.text) + r"(?!\S)", e.example)
    return m.start() if m else len(e.example)


def _written(e: Entry) -> re.Pattern[str]:
    """The entry as the construction reads it: a regex entry as is, else its forms (Arabic tolerant)."""
    if e.pos == "regex":
        return re.compile(r"(?<!\w)(?:" + e.text + r")(?!\w)", re.I)
    if e.lang == "ar":
        return re.compile(C.B + C.CONJ + r"(?:" + C.ar_words(" ".join(e.forms)) + r")(?!\w)")
    return _word(e)


def _at_word(pattern: re.Pattern[str], *, before: bool = False, search: bool = False) -> Callable[[Entry], bool]:
    """``pattern`` matches where the entry stands in its example (``before``: at the white space before
    it; ``search``: the text up to and including it ends with a match that holds it)."""

    def check(e: Entry) -> bool:
        for m in _written(e).finditer(e.example):
            if search:
                hit = pattern.search(e.example[: m.end()])
                if hit and hit.start() <= m.start():
                    return True
            elif pattern.match(e.example[m.start() - 1 if before and m.start() else m.start() :]):
                return True
        return False

    return check


def _belief(e: Entry) -> bool:
    """english_beliefs: the example yields the attribution its category means (a "to" clause, a
    cited object, a possessor's clause, a record's finding)."""
    if e.category == "plan_verb":  # the English rules attribute the "to" clause to the named subject
        filler = "\n\nThe river rose by two metres overnight and several roads in the valley were closed."
        ex = extract_offline(article_from_text(e.example + filler, outlet="Example Daily"))
        return any(c.quote.text.startswith("to ") for c in ex.claims)
    if e.category == "object_stance_verb":  # the object is attributed to the named subject
        filler = "\n\nThe river rose by two metres overnight and several roads in the valley were closed."
        ex = extract_offline(article_from_text(e.example + filler, outlet="Example Daily"))
        verb = EP._STANCE.search(e.example)  # its own forms (multi-word: "pointed to")
        if verb and " ".join(verb.group(1).lower().split()) not in EP._forms("|".join(e.forms)):
            verb = None
        said = [(c.claimant, c.quote.text) for c in ex.claims] + [(c.speaker, c.quote.text) for c in ex.counters]
        return bool(verb) and any(who and e.example[verb.end() :].startswith(q) for who, q in said)
    if e.category == "claim_noun":  # "X's claim that ...": the clause is X's
        filler = "\n\nThe river rose by two metres overnight and several roads in the valley were closed."
        ex = extract_offline(article_from_text(e.example + filler, outlet="Example Daily"))
        owner = e.example.split("'s ", 1)[0].split()[-1]
        names = {s.id: s.name for s in ex.sources}
        clause = e.example.split(" that ", 1)[1]
        return any(c.claimant and owner in names[c.claimant] and clause.startswith(c.quote.text) for c in ex.claims)
    if e.category in ("record_noun", "record_verb"):  # a record's finding, the record its source
        filler = "\n\nThe river rose by two metres overnight and several roads in the valley were closed."
        ex = extract_offline(article_from_text(e.example + filler, outlet="Example Daily"))
        names = {s.id: s.name.lower() for s in ex.sources}
        if e.category == "record_noun":
            return any(c.claimant and any(f in names[c.claimant] for f in e.forms) for c in ex.claims)
        finding = e.example.split(" that ", 1)[1].rstrip(".")  # the record_verb examples use "that"
        return any(c.claimant and c.quote.text.rstrip(".") == finding for c in ex.claims)
    if e.category in ("regard_verb", "belief_adjective"):  # what follows the cue is the subject's
        filler = "\n\nThe river rose by two metres overnight and several roads in the valley were closed."
        ex = extract_offline(article_from_text(e.example + filler, outlet="Example Daily"))
        cue = (EP._REGARD if e.category == "regard_verb" else EP._BELIEF_STATE).search(e.example)
        word = (cue.group(1) if e.category == "regard_verb" else cue.group("adj")).lower() if cue else ""
        rest = e.example[cue.end() :].rstrip(".") if cue and word in EP._forms("|".join(e.forms)) else ""
        return bool(rest) and any(c.claimant and c.quote.text.rstrip(".") == rest for c in ex.claims)
    return False


MATCHERS: dict[str, Callable[[Entry], bool]] = {
    "speech_verb": _cue,
    "thought_verb": _cue,
    "object_content_verb": _cue,
    "according_source": lambda e: bool(EP._CUE.search(e.example)),
    "object_verb": _verb_in(EP._OBJECT),
    "intent_verb": _verb_in(EP._INTENT),
    "addressee_verb": _verb_in(EP._ADDRESSEE_VERBS),
    "discourse_lead": lambda e: bool(EP._LEADS.match(e.example)),
    "clause_opener": lambda e: bool(EP._OPENERS.match(e.example)),
    "subject_tail": _in(EP.SUBJECT_TAIL),
    "time_adverbial": lambda e: any(_word(e).search(m.group()) for m in EP._TIME.finditer(e.example)),
    "addressee": lambda e: any(_word(e).match(e.example, m.end()) for m in re.finditer(r"\btold\s+", e.example)),
    "evidence_noun": lambda e: e.text in EP._EVIDENCE and bool(_word(e).search(e.example)),
    "abbreviation": lambda e: any(EP._ABBREV.search(e.example[: m.end()]) for m in _word(e).finditer(e.example)),
    "male_word": lambda e: EP._GENDER.get(e.text) == "m" and bool(_word(e).search(e.example)),
    "female_word": lambda e: EP._GENDER.get(e.text) == "f" and bool(_word(e).search(e.example)),
    "occasion": lambda e: bool(EP._OCCASION_TAIL.search(e.example)),
    "noun_form": lambda e: e.text in EP._NOUN_FORMS and bool(_word(e).search(e.example)),
    "noun_marker": lambda e: e.text in EP._DETS and bool(_word(e).search(e.example)),
    "subject_starter": lambda e: e.text in EP._SUBJECT_DETS and bool(_word(e).match(e.example)),
    "not_finite_before": lambda e: e.text in EP._MODAL and bool(_word(e).search(e.example)),
    "subordinator": lambda e: (
        bool(re.search(r"(?<!\w)(?:" + EP._SUBORD + r")(?!\w)", e.example, re.I)) and bool(_word(e).search(e.example))
    ),
    "not_speaker_word": lambda e: e.text in EP._FUNCTION and bool(_word(e).search(e.example)),
    "plural_subject": lambda e: e.text in EP._PLURAL and bool(_word(e).search(e.example)),
    "negator": _negates,
    "negating_predicate": _negates,
    "zero_word": _negates,
    "antonym": _antonym,
    "postposed_number": _postposed,
    "speaker_title": lambda e: _ar(AR.TITLES, feminine=True)(e) and any(AR.is_title(t) for t in _ar_tokens(e.example)),
    "title_abbreviation": lambda e: (
        e.text in AR.TITLE_ABBREVIATIONS
        and AR.split_title(e.example.split(" ", 1)[1].split(" إن ")[0].split(" أن ")[0])[0].count(" ") == 1
    ),
    "not_name_start": lambda e: (
        _ar(AR.NOT_NAME_START)(e)
        and AR.not_a_speaker(e.example[_at(e) :].split("،")[0]) == (e.text not in ("بن", "ابن", "بنت"))
    ),
    "speaker_adverb": _ar(AR.ADVERBS),
    "masculine_ta_verb": lambda e: (
        _ar(AR.MASCULINE_TA_VERBS)(e)
        and any(AR.verb_gender(t) == "m" and t.endswith("ت") for t in _ar_tokens(e.example))
    ),
    "date_word": _ar(AR.DATE_WORDS),
    "subject_end": _ar(AR.SUBJECT_END),
    "source_preposition": _ar(AR.SOURCE_PREPOSITIONS),
    "report_verb_extra": lambda e: bool(AR.REPORT_EXTRA.search(e.example)),
    "body_head": _ar(AR.BODY_HEADS),
    "social_head": _ar(AR.SOCIAL_HEADS),
    "say_verb": lambda e: bool(AR.SAY.search(e.example)),
    "document_noun": _ar(AR.DOCUMENT_NOUNS),
    "statement_noun": lambda e: any(AR.is_document(t) for t in _ar_tokens(e.example)),
    "trail_preposition": _at_word(SRC._TRAIL_PP, before=True),
    "trail_time_word": _at_word(SRC._TRAIL_PP, before=True),
    "lead_title": lambda e: any(
        SRC._LEAD.match(e.example[m.start() :]).end() >= m.end() - m.start()  # type: ignore[union-attr]
        for m in _written(e).finditer(e.example)
    ),
    "name_title": _at_word(SRC._NAME_TITLE),
    "personal_pronoun": lambda e: any(SRC._PRONOUN.match(m.group()) for m in _written(e).finditer(e.example)),
    "name_tail": _at_word(SRC._EN_TAIL, search=True),
    "kana": lambda e: bool(P.KANA.search(e.example)) and bool(_written(e).search(e.example)),
    "qad": _at_word(P.QAD),
    "reporter_preposition": _at_word(P.FROM_SRC),
    "dangling_preposition": _at_word(P.TRAIL_PREP, search=True),
    "rests_on_target": lambda e: bool(P.RESTS_ON.search(e.example)) and _at_word(OFF._RESTS_ON_TARGET)(e),
    "rests_on_clause_verb": _at_word(re.compile(OFF._RESTS_ON_SOURCE_END), before=True),
    "rests_on_subject_end": _at_word(re.compile(OFF._RESTS_ON_SUBJECT_END)),
    "saying_noun": lambda e: any(OFF._SAYING.search(e.example[: m.end()]) for m in _written(e).finditer(e.example)),
    "root_initial_wa": lambda e: (
        e.text in SRC._ROOT_WA
        and any(fold(t).startswith(SRC._ROOT_WA) and fold(t).startswith(e.text) for t in _ar_tokens(e.example))
    ),
    "plan_verb": _belief,
    "object_stance_verb": _belief,
    "claim_noun": _belief,
    "record_noun": _belief,
    "record_verb": _belief,
    "regard_verb": _belief,
    "belief_adjective": _belief,
    "english_cue_word": lambda e: (
        e.text in _EN_WORDS and bool(_word(e).search(e.example)) and detect_language(e.example) == "en"
    ),
}


def test_every_rule_category_has_a_matcher() -> None:
    cats = {c.name for c in lexicon.CATEGORIES.values() if c.used_by in RULE_MODULES}
    assert cats == set(MATCHERS)


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.lang}-{e.category}-{e.text[:20]}" for e in ENTRIES])
def test_rule_list_example_is_recognised(entry: Entry) -> None:
    assert MATCHERS[entry.category](entry), f"{entry.path}:{entry.line}: {entry.category} misses {entry.example!r}"


_SPEECH = [e for e in ENTRIES if e.category == "speech_verb"]


@pytest.mark.parametrize("entry", _SPEECH, ids=[e.text for e in _SPEECH])
def test_speech_verb_example_yields_an_attribution(entry: Entry) -> None:
    """A reporting verb's example is an attributed statement for the offline extractor."""
    ext = extract_offline(article_from_text(entry.example, outlet="Example Daily"))
    assert ext.claims or ext.counters, f"no attributed statement in {entry.example!r}"
