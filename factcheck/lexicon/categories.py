"""The categories a lexicon entry can belong to: what each means, which languages use it, the
part of speech an entry gets when it names none, and which module reads it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    name: str
    meaning: str
    pos: str  # default part of speech (see build.py)
    used_by: str  # "extractor" (the offline extractor acts on it) or the module that reads it
    value: str | None = None  # what an entry's ``value`` holds, when the category needs one
    objects: bool = False  # Arabic verbs: an attached object pronoun is allowed ("أكده")
    persons: str = "all"  # Arabic verbs: "third" (قال، تقول: someone else reports) or "first" (نؤكد، أنفي)
    prepositions: bool = True  # Arabic nouns/adjectives: ب ك ل before the word ("بالوزارة")
    article: bool = True  # Arabic nouns/adjectives: ال may be added


_ALL = [
    Category(
        "report_verb", "a verb that reports speech (said, announced; قال، أعلن)", "verb", "extractor", persons="third"
    ),
    Category(
        "first_person",
        "a verb whose first-person form makes the author the speaker (نؤكد، أنفي)",
        "verb",
        "extractor",
        persons="first",
    ),
    Category(
        "participle", "a circumstantial participle that continues a report (قائلا، مضيفا)", "participle", "extractor"
    ),
    Category("according", "an 'according to' phrase (according to; وفق، بحسب)", "phrase", "extractor"),
    Category("denial_verb", "a verb of denial (denied, rejected; نفى، كذّب)", "verb", "extractor"),
    Category(
        "denial", "a phrase that calls a report false (not true, fake news; غير صحيح، شائعة)", "phrase", "extractor"
    ),
    Category("correction", "a correction notice (correction; تصحيح)", "phrase", "extractor"),
    Category("confirmation", "a phrase that confirms a report (confirmed the report; أكد صحة)", "phrase", "extractor"),
    Category(
        "attribution_denial", "a denial of having said something (never said; لم أدل بتصريح)", "phrase", "extractor"
    ),
    Category(
        "affirmation_verb",
        "a verb that affirms (أكد) and so never starts a denial",
        "verb",
        "extractor",
        persons="third",
    ),
    Category(
        "confirmed_by",
        "a verb after 'وفق ما' naming what a report rests on (وفق ما أكده)",
        "verb",
        "extractor",
        objects=True,
    ),
    Category("rests_on", "a verb saying a report rests on another source (استندت إلى)", "verb", "extractor"),
    Category(
        "denied_object", "a word that starts the object of a denial (نفت الرئاسة | وجود ...)", "particle", "extractor"
    ),
    Category("hedge", "a hedge (may, reportedly; ربما)", "particle", "extractor"),
    Category("negation", "a negation particle (not; لم، ليس)", "particle", "extractor"),
    Category("complement", "a word that opens reported content (that; أنّ، إنّ)", "particle", "extractor"),
    Category(
        "anonymity", "a cue that a source is not named (on condition of anonymity; مصادر مطلعة)", "phrase", "extractor"
    ),
    Category(
        "unnamed_group",
        "a group named only by its kind (officials, diplomats; مسؤولون)",
        "adj",
        "extractor",
        prepositions=False,
        article=False,
    ),
    Category(
        "government", "a word naming a government body (ministry; وزارة)", "noun", "extractor", prepositions=False
    ),
    Category("outlet", "a word naming a news outlet (newspaper; صحيفة)", "noun", "extractor", prepositions=False),
    Category("agency", "a word naming a news agency (agency; وكالة)", "noun", "extractor", prepositions=False),
    Category(
        "title", "a title or role (minister, spokesman; الوزير، المتحدث)", "noun", "extractor", prepositions=False
    ),
    Category(
        "anaphora",
        "a definite description referring back to a source of a kind (the ministry; الوزارة)",
        "noun",
        "extractor",
        prepositions=False,
        value="news_outlet | news_agency | government",
    ),
    Category(
        "generic_source",
        "a common noun for a class of people, a document or a medium, never a named source (analysts, "
        "reports; محللون، تقارير); value = the kind it is typed as (generic, social_account), or none "
        "(not a source at all)",
        "noun",
        "extractor",
        prepositions=False,
        value="generic | social_account | none",
    ),
    Category(
        "feminine_name",
        "an Arabic proper noun that takes a feminine verb though it does not end in ة (a country: تونس); "
        "value = country for a state, typed as a government when it speaks",
        "noun",
        "extractor",
        prepositions=False,
        value="country | other",
    ),
    Category(
        "agreement_head",
        "an Arabic head noun whose verb agreement its form does not show: value m (موقع، أحد), f (a "
        "non-human plural: تقارير، مصادر; إحدى) or p (a human broken plural: خبراء، سكان)",
        "noun",
        "render",
        prepositions=False,
        value="m | f | p",
    ),
    Category(
        "communication_noun",
        "a noun for a statement or medium that ends a speaker phrase (بيان، تغريدة)",
        "noun",
        "extractor",
    ),
    Category(
        "not_speaker",
        "a word that shows a phrase is content, not a speaker name (against; ضد)",
        "particle",
        "extractor",
    ),
    Category("stopword", "a function word that carries no content for overlap scoring", "word", "text.normalize"),
    Category(
        "scope_word",
        "a word that narrows a statement's scope (military, only; عسكري، فقط)",
        "word",
        "reconcile.compare",
    ),
    Category(
        "generic_referent",
        "a word that refers to a source without naming it (the ministry; المصدر)",
        "word",
        "reconcile.sources",
    ),
    Category("month", "a month name (exact spelling; no folding)", "name", "text.dates", value="month number 1-12"),
    Category("weekday", "a weekday name (exact spelling)", "name", "text.dates", value="0 = Monday ... 6 = Sunday"),
    Category(
        "relative_time",
        "a word that makes a date relative (last, next; الماضي)",
        "name",
        "text.dates",
        value="last | this | next",
    ),
    Category(
        "plan_verb",
        "an English verb of intention whose 'to' clause is attributed to its subject (plans to)",
        "verb",
        "extract.english",
    ),
    Category(
        "record_noun",
        "an English noun for a record that can be a source (poll, transcript): 'A poll of 900 voters shows ...'",
        "noun",
        "extract.english",
    ),
    Category(
        "record_verb",
        "an English verb by which a record states a finding (show, find): its clause is the record's content",
        "verb",
        "extract.english",
    ),
    Category(
        "object_stance_verb",
        "an English verb whose object is what its subject puts forward or turns down (cited, rejected)",
        "verb",
        "extract.english",
    ),
    Category(
        "regard_verb",
        "an English verb of how a subject sees something; 'X sees Y as Z' attributes 'Y as Z' to X (view, portray)",
        "verb",
        "extract.english",
    ),
    Category(
        "belief_adjective",
        "an English adjective of belief or feeling; 'X is afraid that ...' attributes the clause to X (sure)",
        "word",
        "extract.english",
    ),
    Category(
        "claim_noun",
        "an English noun naming a statement or belief; 'X's <noun> that ...' attributes the clause to X (claim)",
        "noun",
        "extract.english",
    ),
    Category("number", "a number word (three; ثلاثة)", "word", "text.numbers", value="its value"),
]

# Word lists of the English quote and speaker rules (extract/english_patterns.py), read as written
# from the shipped lexicon: they shape how a sentence is parsed, so a newsroom folder may not add to
# them (a wrong entry would silently change every English article); propose entries upstream.
_EN_RULES = {
    "speech_verb": "a reporting verb of the English rules (said, told, pointed out)",
    "object_verb": "a reporting verb that also takes a plain object (added 300 jobs): content needs that/:/quote",
    "object_content_verb": "a verb whose object is what was said (called the plan a waste, urged voters to)",
    "thought_verb": "a belief or finding verb that attributes (believes, found)",
    "according_source": "an 'according to' phrase of the English rules (as reported by)",
    "discourse_lead": "a word opening a sentence before its subject, never part of a speaker (But, Still)",
    "subject_tail": "a word between a subject and its verb, not part of the speaker (also, has)",
    "time_adverbial": "a time word between a verb and its content (said Tuesday ...)",
    "addressee": "an addressee of 'told' before the content (told reporters ...)",
    "evidence_noun": "a record whose 'shows/finds' is its content (poll, audit)",
    "addressee_verb": "a verb that takes an addressee before its content (told, assured)",
    "abbreviation": "an abbreviation whose period does not end a sentence (Sen., U.S.)",
    "clause_opener": "a word opening an introductory phrase, not a reported clause (In, Asked)",
    "male_word": "a title or role noun of a man, for resolving 'he' (spokesman)",
    "female_word": "a title or role noun of a woman, for resolving 'she' (spokeswoman)",
    "intent_verb": "a verb of intention whose content may be a 'to' clause (vowed to)",
    "occasion": "an occasion named after a reported clause (in a statement)",
    "noun_form": "a verb form that is also a common noun (claims, states): a cue only before a clause",
    "noun_marker": "a word before a verb form that makes it a noun (the claims, his tweets)",
    "subject_starter": "a lower-case word that may open a speaker phrase (the, two, several)",
    "not_finite_before": "a word before a verb that makes it no report (to, would, did not)",
    "subordinator": "a conjunction opening a clause with its own subject (after, whether)",
    "not_speaker_word": "a word that never makes or ends a speaker phrase (has, of, help)",
    "plural_subject": "a subject taking a base-form verb (people say, police say)",
}
_ALL += [Category(name, meaning, "word", "extract.english") for name, meaning in _EN_RULES.items()]

# Word lists of stance by content (reconcile/stance.py), read folded from the shipped lexicon: they
# decide how two statements relate, so, like the other lists of the reconciler, a folder may not add.
_ALL += [
    Category("negator", "a word that negates the words after it (not, no; لا، لم)", "word", "reconcile.stance"),
    Category(
        "negating_predicate",
        "a verb or noun that undoes what follows, read like a negator (cancelled; إلغاء)",
        "word",
        "reconcile.stance",
    ),
    Category(
        "antonym",
        "a lemma of one side of an antonymous pair (opened / closed; فتح / أغلق)",
        "word",
        "reconcile.stance",
        value="pair:side, e.g. open:a and open:b",
    ),
    Category("zero_word", "a word for zero, a quantity of nothing (zero; صفر)", "word", "reconcile.stance"),
    Category(
        "postposed_number",
        "an Arabic number written after its noun (حالة واحدة)",
        "word",
        "reconcile.stance",
    ),
]

# Word lists of the Arabic speaker rules (extract/arabic.py), read folded from the shipped lexicon.
_AR_RULES = {
    "speaker_title": "a title or honorific kept apart from a name (وزير، دكتور; the feminine adds ة)",
    "title_abbreviation": "a title abbreviation before a name (د.، م.)",
    "not_name_start": "a word that never starts a personal name: preposition, particle, name particle (باسم، بن)",
    "speaker_adverb": "an adverb after a title, no part of a name (بدوره، مجددا)",
    "masculine_ta_verb": "a masculine past verb whose root ends in ت (لفت، أثبت)",
    "date_word": "a date or time word: a phrase holding one is a circumstance, not a speaker (أمس، الخميس)",
    "subject_end": "a preposition that ends a subject after a reporting verb (وأعلنت البلدية | عن خطة)",
    "source_preposition": "a preposition that introduces the source itself (نقلا عن | وزارة النقل)",
    "report_verb_extra": "a reporting verb read only before a complement clause أن (نشر، تابع)",
    "body_head": "the head noun of a non-government body (نقابة، حزب)",
    "social_head": "the head noun of a social-media source (صفحة، حساب)",
    "say_verb": "a verb of saying introducing direct speech with no أن, headline order (يقول)",
    "document_noun": "a document that stands for its author after وفق/بحسب (أرقام، بيان)",
    "statement_noun": "a statement standing alone for its author (البيان، الرسالة)",
}
_ALL += [Category(name, meaning, "word", "extract.arabic") for name, meaning in _AR_RULES.items()]

# Words of the extractor's constructions that a newsroom may extend (compiled per lexicon in
# extract/patterns.py): the quantifiers and modifiers before an unnamed group, trailing attributions.
_ALL += [
    Category(
        "group_quantifier",
        "a quantifier before an unnamed group (some, two officials); English",
        "word",
        "extractor",
    ),
    Category(
        "group_modifier",
        "a modifier before an unnamed group (western, senior officials); English",
        "word",
        "extractor",
    ),
    Category(
        "trailing_attribution",
        "a phrase after a comma that attributes the clause before it (..., via X); English",
        "word",
        "extractor",
    ),
]
# Closed-class words of the extractor's constructions, read as written from the shipped lexicon.
_CONSTRUCTIONS = {
    "trail_preposition": (
        "extract.sources",
        "a preposition that ends a speaker phrase before a medium or time (X في بيان; X said in)",
    ),
    "trail_time_word": ("extract.sources", "a time word that ends a speaker phrase (X اليوم)"),
    "lead_title": ("extract.sources", "a title dropped before a name when naming a speaker (الرئيس)"),
    "name_title": (
        "extract.sources",
        "a title dropped before a name when comparing names across scripts (Dr., الدكتور)",
    ),
    "personal_pronoun": ("extract.sources", "a personal pronoun, never a source name (he, هو)"),
    "name_tail": (
        "extract.sources",
        "an auxiliary, adverb or time word after an English name, no part of it (has, later)",
    ),
    "kana": ("extract.patterns", "the auxiliary كان opening a subject-first report (وكانت الصحيفة قد ذكرت)"),
    "qad": ("extract.patterns", "the particle قد between a subject and its verb"),
    "reporter_preposition": (
        "extract.patterns",
        "a preposition after a reporter introducing what it rests on (نقلت X عن Y)",
    ),
    "dangling_preposition": ("extract.patterns", "a preposition left at the end of a speaker phrase (لفت المتحدث إلى)"),
    "rests_on_target": ("extract.offline", "the preposition before the source a report rests on (استندت إلى Y)"),
    "rests_on_clause_verb": ("extract.offline", "a verb that ends the source phrase after استندت إلى (وذكرت أن)"),
    "rests_on_subject_end": ("extract.offline", "a word that ends the subject of استندت (في، إلى)"),
    "saying_noun": ("extract.offline", "the noun قول with a pronoun after a quoted source (عن Y قوله إن)"),
    "root_initial_wa": (
        "extract.sources",
        "the start of a word whose first letter و/ف is its own, not the conjunction (وزارة، فرانس)",
    ),
    "english_cue_word": ("ingest", "a common English function word that shows a Latin-script text is English"),
}
_ALL += [Category(name, meaning, "word", used_by) for name, (used_by, meaning) in _CONSTRUCTIONS.items()]

CATEGORIES: dict[str, Category] = {c.name: c for c in _ALL}
POS = ("verb", "noun", "adj", "participle", "particle", "phrase", "verb-phrase", "word", "name", "regex")
LANGS = ("ar", "en")
