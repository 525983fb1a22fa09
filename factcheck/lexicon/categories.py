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
    Category("stopword", "a function word that carries no content for overlap scoring", "word", "normalize"),
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
    Category("month", "a month name (exact spelling; no folding)", "name", "dates", value="month number 1-12"),
    Category("weekday", "a weekday name (exact spelling)", "name", "dates", value="0 = Monday ... 6 = Sunday"),
    Category(
        "relative_time",
        "a word that makes a date relative (last, next; الماضي)",
        "name",
        "dates",
        value="last | this | next",
    ),
    Category(
        "plan_verb",
        "an English verb of intention whose 'to' clause is attributed to its named subject (plans to)",
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
        "an English verb whose object is what its named subject puts forward or turns down (cited, rejected)",
        "verb",
        "extract.english",
    ),
    Category(
        "claim_noun",
        "an English noun naming a statement or belief; 'X's <noun> that ...' attributes the clause to X (claim)",
        "noun",
        "extract.english",
    ),
    Category("number", "a number word (three; ثلاثة)", "word", "reconcile.compare", value="its value"),
]

CATEGORIES: dict[str, Category] = {c.name: c for c in _ALL}
POS = ("verb", "noun", "adj", "participle", "particle", "phrase", "verb-phrase", "word", "name", "regex")
LANGS = ("ar", "en")
