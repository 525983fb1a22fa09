"""English quotes and speakers for the offline extractor (English articles only): the lexicon.

The lexicon below is compiled into patterns in ``english_patterns``; the rules that use them are in
``english_rules`` (sentences, content spans), ``english_quotes`` (quotation runs, headlines,
continuations), ``english_beliefs`` (intentions, stances, views, beliefs, what records show) and
``english_speakers`` (who speaks).

What the rules do, on the whole article and paragraph-aware, before claims are classified:
- quotation regions: “…”, "…" and the ASCII ''…''; an unclosed one ends with its paragraph;
- cues: reporting, belief and "object" verbs (past, present, progressive, -ing after a comma)
  outside quotations, and "according to"; the lexicon (en.toml) lists each with an invented example;
- structures: '"…," X said' / '"…," said X, the mayor.' (the quotation, and the quotations
  that continue it after the attribution), 'X said (that) …' / 'X told Y …' / 'X said: "…"'
  (the reported clause, quoted words inside it), '…, X said.', 'According to X, …',
  ', adding that …', 'X called the plan "a waste"', a sentence ending in ':' before a
  quotation, 'NAME: …' transcript turns and 'Name: …' headlines;
- a quotation that opens a sentence and has no cue continues the latest speaker (two
  paragraphs back at most);
- speakers: discourse words and adverbs dropped, titles, possessives and appositions kept;
  "he"/"she"/"it"/"they" and role nouns ("the mayor") resolve to the nearest compatible source.

Not covered: nested attributions inside a reported clause are not split out, beliefs and plans
with verbs outside the lexicon, speakers named only after a long interruption.
"""

from __future__ import annotations

# The word lists of the English rules live in factcheck/lexicon/en.toml (docs/lexicon.md), each
# entry with an invented example; read here from the shipped lexicon as {forms: example}. A verb's
# key is "lemma" or "lemma|past" / "lemma|past|participle" when irregular (english_patterns._forms).
from .._lexicon_lazy import table

SPEECH_VERBS: dict[str, str] = table("speech_verb", "en")
OBJECT_VERBS: dict[str, str] = table("object_verb", "en")
OBJECT_CONTENT_VERBS: dict[str, str] = table("object_content_verb", "en")
THOUGHT_VERBS: dict[str, str] = table("thought_verb", "en")
ACCORDING: dict[str, str] = table("according_source", "en")
DISCOURSE_LEADS: dict[str, str] = table("discourse_lead", "en")
SUBJECT_TAIL: dict[str, str] = table("subject_tail", "en")
TIME_WORDS: dict[str, str] = table("time_adverbial", "en")
ADDRESSEES: dict[str, str] = table("addressee", "en")
EVIDENCE_NOUNS: dict[str, str] = table("evidence_noun", "en")
ADDRESSEE_VERBS: dict[str, str] = table("addressee_verb", "en")
ABBREVIATIONS: dict[str, str] = table("abbreviation", "en")
CLAUSE_OPENERS: dict[str, str] = table("clause_opener", "en")
MALE_WORDS: dict[str, str] = table("male_word", "en")
FEMALE_WORDS: dict[str, str] = table("female_word", "en")
INTENT_VERBS: dict[str, str] = table("intent_verb", "en")
OCCASIONS: dict[str, str] = table("occasion", "en")
NOUN_FORMS: dict[str, str] = table("noun_form", "en")
NOUN_MARKERS: dict[str, str] = table("noun_marker", "en")
SUBJECT_STARTERS: dict[str, str] = table("subject_starter", "en")
NOT_FINITE_BEFORE: dict[str, str] = table("not_finite_before", "en")
SUBORDINATORS: dict[str, str] = table("subordinator", "en")
NOT_SPEAKER_WORDS: dict[str, str] = table("not_speaker_word", "en")
PLURAL_SUBJECTS: dict[str, str] = table("plural_subject", "en")
