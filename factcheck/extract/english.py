"""English quotes and speakers for the offline extractor (English articles only): the lexicon,
the compiled patterns and the text helpers; the rules that use them are in ``english_rules``.

What the rules do, on the whole article and paragraph-aware, before claims are classified:
- quotation regions: “…”, "…" and the ASCII ''…''; an unclosed one ends with its paragraph;
- cues: reporting, belief and "object" verbs (past, present, progressive, -ing after a comma)
  outside quotations, and "according to"; the lexicon lists each with an invented example;
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

import re
from dataclasses import dataclass

from .segment import Unit

# --- lexicon: to move to the data files ---
# Reporting verbs. Key: the lemma, or "lemma|past" / "lemma|past|participle" when irregular;
# a second word makes a phrasal verb ("point out"). Value: an invented example.
SPEECH_VERBS: dict[str, str] = {
    "say|said": "The mayor said the bridge would reopen in May.",
    "tell|told": "She told reporters the audit was finished.",
    "add": "The fund will grow next year, he added.",
    "write|wrote|written": "The author wrote that the archive had been lost.",
    "tweet": "The governor tweeted that schools would stay closed.",
    "post": "The club posted that the match was cancelled.",
    "testify|testified": "The engineer testified that the valve had failed.",
    "argue": "Critics argue the tax will hurt farmers.",
    "insist": "He insisted the figures were accurate.",
    "ask": "Why was the report delayed, the senator asked.",
    "acknowledge": "The firm acknowledged that it had missed the deadline.",
    "explain": "The coach explained that two players were injured.",
    "respond": "The ministry responded that no permit had been issued.",
    "reply|replied": "The candidate replied that he had never met the donor.",
    "joke": "He joked that the stadium was older than he was.",
    "quip|quipped": "She quipped that the meeting could have been an email.",
    "claim": "The group claims the election was rigged.",
    "state": "The court stated that the law was void.",
    "announce": "The company announced it would cut 300 jobs.",
    "declare": "The rector declared that classes would resume.",
    "note": "The report noted that exports fell by a third.",
    "warn": "Doctors warned that the clinic could close.",
    "allege": "The lawsuit alleges that the landlord ignored repairs.",
    "report": "The agency reported that prices rose again.",
    "confirm": "Police confirmed that two people were arrested.",
    "deny|denied": "The minister denied that any money changed hands.",
    "suggest": "The study suggests the drug works in older patients.",
    "contend": "Lawyers contend the contract was never valid.",
    "assert": "The envoy asserted that talks would continue.",
    "maintain": "He maintains that he was at home that night.",
    "predict": "Analysts predict the rate will fall.",
    "promise": "The council promised that the park would stay open.",
    "vow": "The rebels vowed they would keep fighting.",
    "threaten": "The landlord threatened that the tenants would be evicted.",
    "pledge": "She pledged to cut fees, and said the plan was costed.",
    "admit|admitted": "The driver admitted he had been speeding.",
    "concede": "The campaign conceded that turnout was low.",
    "recall": "Neighbours recalled that the fire started at night.",
    "complain": "Residents complained that buses were late.",
    "charge": "Opponents charged that the vote was rushed.",
    "counter": "The mayor countered that the budget was balanced.",
    "continue": "The law is clear, the judge continued.",
    "observe": "The inspector observed that the wall was cracked.",
    "emphasize": "The general emphasized that no troops would move.",
    "stress": "The bank stressed that deposits were safe.",
    "caution": "Experts cautioned that the data were incomplete.",
    "boast": "The owner boasted that sales had doubled.",
    "reveal": "The letter revealed that the deal had collapsed.",
    "disclose": "The firm disclosed that it was under investigation.",
    "conclude": "The panel concluded that the crash was avoidable.",
    "estimate": "Officials estimate that 3,000 homes were flooded.",
    "point out": "She pointed out that the rule had changed.",
    "remark": "The judge remarked that the case was unusual.",
    "recount": "The witness recounted that the car sped away.",
    "agree": "Both sides agreed that the vote should be delayed.",
    "shout": "Protesters shouted that the plant must close.",
    "say so": "He said so himself, the article added.",
}
# Reporting verbs that also take a plain object ("added 300 jobs", "posted a video", "reported
# 40 cases"): before their content they need "that", a colon or a quotation.
OBJECT_VERBS: dict[str, str] = {
    "add": "Employers added 300 jobs, the office said. / She added that the road was shut.",
    "post": "The club posted a video. / The club posted that the match was off.",
    "report": "The clinic reported 40 cases. / The clinic reported that 40 people fell ill.",
    "confirm": "Police confirmed the arrest. / Police confirmed that two men were held.",
    "reveal": "The firm revealed its plans. / The firm revealed that it was in debt.",
    "estimate": "Damage estimated at a million. / Officials estimate that 300 homes were hit.",
    "note": "He noted the date. / He noted that the date had moved.",
    "write|wrote|written": "She wrote a book. / She wrote that the archive was lost.",
    "show|showed|shown": "The video shows a crowd. / The poll shows that support fell.",
    "find|found": "Police found a car. / The audit found that funds were missing.",
    "know|knew|known": "He knew the mayor. / He knew that the vote was lost.",
}
# Verbs whose object is what was said: "called the plan “a disgrace”", "urged voters to stay home".
# Their content is everything after the verb.
OBJECT_CONTENT_VERBS: dict[str, str] = {
    "call": "The mayor called the plan “a waste of money”.",
    "call for": "The union called for an inquiry into the crash.",
    "call on": "The bishop called on both sides to stop fighting.",
    "describe": "The coach described the pitch as “unplayable”.",
    "criticize": "The senator criticized the bill as too costly.",
    "accuse": "The firm accused its rival of stealing designs.",
    "urge": "Doctors urged parents to vaccinate their children.",
    "praise": "The minister praised the rescuers for their courage.",
    "condemn": "The council condemned the attack as cowardly.",
    "dismiss": "The club dismissed the report as gossip.",
    "label": "Critics labelled the scheme a tax on the poor.",
    "brand": "The opposition branded the budget a betrayal.",
    "mention": "The report mentioned delays at two border posts.",
}
# Belief and finding verbs: an attribution too ("X believes the vote was fair"). They open a
# clause only with "that" or a plain subject after them; the lemma is the key, as above.
THOUGHT_VERBS: dict[str, str] = {
    "believe": "The governor believes the dam is safe.",
    "think|thought": "He thinks the vote was fair.",
    "feel|felt": "Farmers feel the subsidy came too late.",
    "hope": "Organisers hope the march will be peaceful.",
    "expect": "Economists expect that inflation will ease.",
    "fear": "Residents fear the river will flood again.",
    "worry|worried": "Teachers worry that classes are too large.",
    "know|knew|known": "Investigators know that the door was unlocked.",
    "suspect": "Police suspect the fire was set on purpose.",
    "doubt": "Few doubt that the law will pass.",
    "find|found": "A survey found that most tenants pay more than before.",
    "show|showed|shown": "The poll shows that support has slipped.",
}
# "according to X" and its kin: X is the source of the clause around it.
ACCORDING: dict[str, str] = {
    "according to": "According to the coroner, the victim died instantly.",
    "as reported by": "The dam held, as reported by the local radio.",
}
# Words that open a sentence before its subject and are never part of a speaker's name.
DISCOURSE_LEADS: dict[str, str] = {
    "but": "But the mayor said the plan was costed.",
    "and": "And the council said it would appeal.",
    "still": "Still, the coach said the team was ready.",
    "however": "However, the bank said rates would stay put.",
    "meanwhile": "Meanwhile, the union said talks had stalled.",
    "also": "Also, the firm said profits rose.",
    "so": "So the director said the film would be recut.",
    "yet": "Yet the minister said nothing had changed.",
    "instead": "Instead, the board said it would wait.",
    "now": "Now the club says it will sell the ground.",
    "later": "Later, the police said two men were held.",
    "then": "Then the judge said the case was closed.",
    "if elected": "If elected, the candidate said, she would raise pensions.",
    "in response": "In response, the company said it had followed the rules.",
    "at the time": "At the time, the agency said the bridge was sound.",
    "on the other hand": "On the other hand, the critics said costs would rise.",
    "for his part": "For his part, the envoy said talks would resume.",
    "for her part": "For her part, the senator said she would vote no.",
    "in addition": "In addition, the report said two wells were dry.",
    "separately": "Separately, the ministry said exports fell.",
    "previously": "Previously, the council said the road was safe.",
    "earlier": "Earlier, the agency said the storm had weakened.",
}
# Words between a subject and its verb that are not part of the speaker ("Smith also said").
SUBJECT_TAIL: dict[str, str] = {
    "also": "The mayor also said the road would close.",
    "later": "The coach later said the injury was minor.",
    "previously": "The firm previously said it had no debts.",
    "has": "The agency has said the site is safe.",
    "had": "The senator had said she would resign.",
    "have": "Officials have said the fire is contained.",
    "repeatedly": "He repeatedly said he had no knowledge of the deal.",
    "often": "She often says the city needs more buses.",
    "once": "The founder once said the firm would never sell.",
    "recently": "The bank recently said rates would rise.",
    "then": "The witness then said the car was red.",
    "again": "The union again said the strike would go on.",
    "publicly": "The minister publicly said the plan had failed.",
    "privately": "Aides privately said the race was lost.",
    "flatly": "The company flatly denied the report.",
    "has long": "The group has long argued the law is unfair.",
    "reportedly": "The owner reportedly said the club was for sale.",
}
# Adverbials of time between the verb and its content ("said Tuesday the plan ...").
TIME_WORDS: dict[str, str] = {
    "monday": "The mayor said Monday the road would reopen.",
    "tuesday": "The court said Tuesday the ruling stands.",
    "wednesday": "She said Wednesday the talks had failed.",
    "thursday": "The firm said Thursday it would hire 50 people.",
    "friday": "Police said Friday a man was arrested.",
    "saturday": "The club said Saturday the coach had left.",
    "sunday": "He said Sunday he would run again.",
    "today": "The agency said today prices had risen.",
    "yesterday": "The council said yesterday the park would close.",
    "tonight": "He said tonight the vote would be close.",
    "earlier": "The minister said earlier the deal was done.",
    "recently": "She said recently the audit was complete.",
    "last week": "The airline said last week it would cut routes.",
    "this week": "The firm said this week it had been hacked.",
    "last month": "The board said last month the plan was shelved.",
    "last year": "The agency said last year the bridge was unsafe.",
    "in a statement": "The team said in a statement the coach had resigned.",
}
# Addressees that a verb like "told" takes before its content ("told reporters the ...").
ADDRESSEES: dict[str, str] = {
    "reporters": "The minister told reporters the deal was close.",
    "journalists": "She told journalists the plan was ready.",
    "supporters": "He told supporters the race was tightening.",
    "voters": "The candidate told voters taxes would fall.",
    "lawmakers": "The chief told lawmakers the agency needed money.",
    "students": "The dean told students the exams were cancelled.",
    "me": "The farmer told me the harvest was poor.",
    "us": "The owner told us the shop would close.",
    "him": "The lawyer told him the case was weak.",
    "her": "The doctor told her the results were normal.",
    "them": "The guide told them the road was closed.",
    "the crowd": "The singer told the crowd the tour was over.",
    "an audience": "He told an audience the economy was strong.",
}
# Abbreviations that end with a period inside a sentence ("Sen. Ann Lee said").
ABBREVIATIONS: dict[str, str] = {
    "Mr.": "Mr. Lee said the plan was sound.",
    "Mrs.": "Mrs. Lee said the shop would reopen.",
    "Ms.": "Ms. Lee said the figures were wrong.",
    "Dr.": "Dr. Lee said the patient was stable.",
    "Sen.": "Sen. Lee said the bill would pass.",
    "Rep.": "Rep. Lee said the vote was close.",
    "Gov.": "Gov. Lee said the roads were safe.",
    "Gen.": "Gen. Lee said the troops would stay.",
    "Lt.": "Lt. Lee said the patrol was attacked.",
    "Col.": "Col. Lee said the base was secure.",
    "Sgt.": "Sgt. Lee said the suspect fled.",
    "Prof.": "Prof. Lee said the study was flawed.",
    "Rev.": "Rev. Lee said the church would help.",
    "St.": "The St. Anne clinic said it was full.",
    "Jr.": "John Lee Jr. said he would run.",
    "U.S.": "U.S. officials said the talks would go on.",
    "Sept.": "On Sept. 4 the board said it would meet.",
    "Inc.": "Acme Inc. said sales rose.",
}
# Words that open a sentence with an introductory phrase, not with a reported clause.
CLAUSE_OPENERS: dict[str, str] = {
    "in": "In a statement, the firm said it would appeal.",
    "on": "On Monday, the mayor said the road was safe.",
    "at": "At a rally, the senator said taxes would fall.",
    "during": "During the hearing, the chief said the budget was short.",
    "after": "After the vote, the leader said the party was united.",
    "before": "Before the match, the coach said his team was ready.",
    "asked": "Asked about the delay, the minister said the contract was late.",
    "speaking": "Speaking to reporters, she said the talks had failed.",
    "when": "When asked, the agency said the data were private.",
    "while": "While in office, he said, the budget grew.",
    "if": "If elected, the candidate said, she would cut fees.",
    "as": "As the storm hit, officials said the port was closed.",
    "although": "Although costs rose, the firm said profits held.",
    "because": "Because of the strike, the airline said flights were cut.",
    "since": "Since the flood, residents said, prices have doubled.",
    "despite": "Despite the protests, the council said the plan stands.",
    "following": "Following the crash, the airline said it grounded its fleet.",
    "with": "With the polls closed, the commission said turnout was high.",
    "for": "For the first time, the bank said it would cut rates.",
    "in response": "In response, the club said it had done nothing wrong.",
}
# Titles and role nouns that carry a gender, for resolving "he" and "she".
MALE_WORDS: dict[str, str] = {
    "mr": "Mr. Lee said the plan was sound; he added that it was costed.",
    "spokesman": "The spokesman said he had no comment.",
    "congressman": "The congressman said he would vote no.",
    "chairman": "The chairman said he would step down.",
    "businessman": "The businessman said he had sold the firm.",
    "king": "The king said he would address the nation.",
}
FEMALE_WORDS: dict[str, str] = {
    "mrs": "Mrs. Lee said she would appeal.",
    "ms": "Ms. Lee said she had seen the letter.",
    "miss": "Miss Lee said she was leaving the club.",
    "spokeswoman": "The spokeswoman said she could not confirm it.",
    "congresswoman": "The congresswoman said she would run again.",
    "chairwoman": "The chairwoman said she backed the merger.",
    "businesswoman": "The businesswoman said she had sold the firm.",
    "queen": "The queen said she was moved by the letters.",
}
# Verbs of intention whose content may be a "to" clause ("vowed to close the mine").
INTENT_VERBS: dict[str, str] = {
    "vow": "The rebels vowed to keep fighting.",
    "pledge": "The mayor pledged to rebuild the school.",
    "promise": "The firm promised to repay every customer.",
    "threaten": "The union threatened to strike in May.",
}
# Occasions named after a reported clause ("... in a statement on Thursday"), not part of it.
OCCASIONS: dict[str, str] = {
    "statement": "The plant will close, the firm said in a statement.",
    "interview": "He said the talks had failed in an interview on Sunday.",
    "tweet": "She said the vote was rigged in a tweet.",
    "post": "The club said the match was off in a post on its website.",
    "speech": "The king said the crisis was over in a speech.",
    "letter": "The board said the fees would rise in a letter to parents.",
    "email": "The dean said classes were cancelled in an email.",
    "press conference": "The coach said he would stay at a press conference.",
    "news conference": "Police said two men were held at a news conference.",
    "rally": "The candidate said taxes would fall at a rally.",
    "hearing": "The chief said the budget was short at a hearing.",
    "radio address": "The president said the war would end in a radio address.",
}
# Verb forms that are also common nouns ("the claims", "27 states", "a report"): a cue only when
# a clause ("that"), a colon or a quotation follows, or the subject is a pronoun.
NOUN_FORMS: dict[str, str] = {
    "state": "Each state sets its rules. / The court states that the law is void.",
    "states": "Most states vote early. / The charter states that fees are capped.",
    "claim": "The claim was false. / Critics claim that the vote was rigged.",
    "claims": "His claims were false. / She claims that the vote was rigged.",
    "report": "A report was published. / Witnesses report that shots were fired.",
    "reports": "Reports spread quickly. / The agency reports that prices rose.",
    "tweet": "Her tweet went viral. / They tweet that the match is off.",
    "tweets": "His tweets were deleted. / He tweets that the match is off.",
    "post": "The post was removed. / Fans post that the club is for sale.",
    "posts": "Her posts drew replies. / She posts that the shop will close.",
    "note": "A note was left. / Analysts note that demand is weak.",
    "notes": "His notes were lost. / The report notes that demand is weak.",
    "charges": "The charges were dropped. / The lawsuit charges that the firm lied.",
    "shows": "Two shows were cancelled. / The poll shows that support fell.",
    "finds": "The finds were rare. / The study finds that sleep helps memory.",
    "fears": "Fears grew overnight. / She fears that the dam will break.",
    "hopes": "Their hopes faded. / He hopes that the talks resume.",
    "calls": "The calls went unanswered. / She calls the plan a waste.",
    "promises": "The promises were broken. / He promises that fees will fall.",
}
# --- end of lexicon ---


def _forms(key: str) -> list[str]:
    """'tell|told' -> told, tell, tells, telling; 'point out' -> pointed out, points out ..."""
    words = key.split()
    parts = words[0].split("|")
    lemma = parts[0]
    rest = "".join(" " + w for w in words[1:])
    if len(parts) > 1:
        past = parts[1]
    elif lemma.endswith("e"):
        past = lemma + "d"
    elif re.search(r"[^aeiou]y$", lemma):
        past = lemma[:-1] + "ied"
    else:
        past = lemma + "ed"
    part = parts[2] if len(parts) > 2 else past
    if re.search(r"(?:s|sh|ch|x|z)$", lemma):
        third = lemma + "es"
    elif re.search(r"[^aeiou]y$", lemma):
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("e") and not lemma.endswith("ee"):
        ing = lemma[:-1] + "ing"
    elif past.endswith(lemma[-1] * 2 + "ed"):
        ing = past[:-2] + "ing"
    else:
        ing = lemma + "ing"
    return [f + rest for f in dict.fromkeys([past, part, lemma, third, ing])]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_LEMMA: dict[str, str] = {}
for _key in [*SPEECH_VERBS, *THOUGHT_VERBS, *OBJECT_CONTENT_VERBS]:
    for _f in _forms(_key):
        _LEMMA.setdefault(_f, _key.split("|")[0])
_PAST = {_forms(k)[0] for k in [*SPEECH_VERBS, *THOUGHT_VERBS]}
_THOUGHT = {k.split("|")[0] for k in THOUGHT_VERBS}
_OBJECT = {k.split("|")[0] for k in OBJECT_VERBS}
_OBJECT_CONTENT = set(OBJECT_CONTENT_VERBS)
_INTENT = set(INTENT_VERBS)
_NOUN_FORMS = set(NOUN_FORMS)
_GENDER = {**dict.fromkeys(MALE_WORDS, "m"), **dict.fromkeys(FEMALE_WORDS, "f")}
_CUE = re.compile(r"(?<![\w’'-])(?:" + _alt(list(_LEMMA)) + r"|" + _alt(list(ACCORDING)) + r")(?![\w’'-])", re.I)
_LEADS = re.compile(r"^(?:(?:" + _alt(list(DISCOURSE_LEADS)) + r")\b[\s,]*)+", re.I)
_TAIL = re.compile(r"(?:\s+(?:" + _alt(list(SUBJECT_TAIL)) + r"|will|would|did|does|do))+$", re.I)
_TIME = re.compile(
    r"(?:(?:on|last|this|early|late|on\s+Monday|late\s+on)\s+)?(?:" + _alt(list(TIME_WORDS)) + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b|(?:on\s+)?[A-Z][a-z]{2,4}\.?\s+\d{1,2}\b",
    re.I,
)
_ADDRESSEE = re.compile(
    r"(?:" + _alt(list(ADDRESSEES)) + r")\b|(?:(?:the|The)\s+)?(?:[A-Z][\w.&’'-]*\s+(?:of\s+|and\s+)?)*[A-Z][\w.&’'-]*"
    r"|(?:the|a|an|his|her|their|its|our)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*(?=\s+(?:that|the|a|an|he|she|it|they|we|"
    r"i|there|this|his|her|their|[A-Z]))"
)
_PP = re.compile(
    r"(?:in|during|at|on|via|through|over|with|to|after|before|while|from|of)\s+[^,.;:“”\"]{1,70}?"
    r"(?=\s*(?:,|:|\bthat\b|[“\"]|''))",
    re.I,
)
_PROGRESSIVE = re.compile(
    r"\b(?:is|are|was|were|isn[’']t|aren[’']t|wasn[’']t|weren[’']t)\s+(?:not\s+|also\s+|still\s+|now\s+)?$|\w[’']s\s+$",
    re.I,
)
_SUBORD = r"after|before|when|while|because|since|until|although|though|once|whereas|as"
_OPENERS = re.compile(r"\s*(?:" + _alt(list(CLAUSE_OPENERS)) + r"|" + _alt(list(DISCOURSE_LEADS)) + r")\b", re.I)
_ABBREV = re.compile(r"(?:^|\s)(?:" + _alt(list(ABBREVIATIONS)) + r"|[A-Z]\.|(?:[A-Z]\.){2,})$")
_PERSON = re.compile(r"(?!The\b)(?:[A-Z][\w.’'-]*\s*){1,5}")  # a name: capitalised words, not "The ..."
# What follows a verb but cannot open its content: "damage estimated at ...", "said to be ...".
_NOT_CLAUSE = re.compile(r"(?:at|by|to|for|of|from|with|into|about|against|up|out|off|over|in|on|during)\b")
# Where the reporter takes over inside a sentence: ", which ..." or "and warned ..." (a new act).
_REPORTER_TAIL = re.compile(r",\s+which\b|,?\s+(?:and|but)\s+(?:also\s+|later\s+|then\s+)?[a-z]{3,}ed\b")
# The occasion at the end of a reported clause: "... in a statement on Thursday."
_OCCASION_TAIL = re.compile(
    r"\s+(?:in|during|at)\s+(?:a|an|his|her|their|its|the)\s+(?:[\w-]+\s+){0,3}?(?:"
    + _alt(list(OCCASIONS))
    + r")\b(?:\s+(?:on|to|with|at|in|from|last|this|earlier)\b[^,;.]{0,40})?[.]?$"
    + r"|,?\s+(?:(?:on|last|early|late|earlier)\s+)?(?:"
    + _alt([w for w in TIME_WORDS if " " not in w])
    + r")(?:\s+(?:morning|afternoon|evening|night))?[.]?$",
    re.I,
)
_MARK = re.compile(r"''|``|[“”\"]|\n\s*\n|\n")
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "we": "p", "it": "o", "who": "?", "i": "?"}
_DETS = set(
    "the a an his her their its this that these those such new recent earlier false many some no of in "
    "to for with whose our my your any every each one another first latest last".split()
)
_SUBJECT_DETS = set(
    "the a an his her their its this these those some many any every each another one both two three four "
    "several most few all other no our my your such".split()
)
_MODAL = set("to would could might should can may must not never".split())


def _full_stop(seg: str) -> bool:
    """Does seg hold a sentence end (a period that does not close 'Dr.' or an initial)?"""
    return any(not _ABBREV.search(seg[: m.start() + 1]) for m in re.finditer(r"\.\s", seg))


@dataclass
class EnAttribution:
    speaker: str | None  # source id
    content: tuple[int, int]  # the reported content (the quotation, or the reported clause)
    verb: str
    written: str = ""  # the speaker as written


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation including its marks; an unclosed one ends with its paragraph.

    Marks: “…”, "…", and the ASCII renderings ''…'' and ``…'' that some archives use."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    opener = ""
    for m in _MARK.finditer(text):
        ch = m.group()
        if ch.startswith("\n"):
            if start is not None:
                out.append((start, m.start()))
                start = None
            continue
        if start is None:
            if ch == "”":  # a closing mark with no opening one: nothing to close
                continue
            start, opener = m.start(), ch
        elif (ch == "”" and opener in "“``") or (ch == opener and ch in ('"', "''")) or (ch == "''" and opener == "``"):
            out.append((start, m.end()))
            start = None
        elif ch in ("“", "``"):
            start, opener = m.start(), ch  # a stray opening mark restarts the quotation
    if start is not None:
        out.append((start, len(text)))
    return [(s, e) for s, e in out if e - s > 2]


def _mark(text: str, pos: int, closing: bool = False) -> int:
    """Length of the quotation mark at pos (at pos - length when closing), 0 if none."""
    if closing:
        return 2 if text[max(0, pos - 2) : pos] == "''" else int(text[pos - 1 : pos] in ('"', "”"))
    return 2 if text[pos : pos + 2] in ("''", "``") else int(text[pos : pos + 1] in ('"', "“"))


def merge_abbreviations(text: str, units: list[Unit]) -> list[Unit]:
    """Rejoin sentences split after 'Sen.', an initial or '(D-Ore.)': the split cuts a speaker from its verb.

    A 'sentence' that starts in lower case continues the one before."""
    out: list[Unit] = []
    for u in units:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.embed is None
            and u.embed is None
            and "\n" not in text[prev.end : u.start]
            and (_ABBREV.search(text[prev.start : prev.end]) or u.text[:1].islower())
        ):
            out[-1] = Unit(prev.start, u.end, text[prev.start : u.end], paragraph=prev.paragraph)
            continue
        out.append(u)
    return out
