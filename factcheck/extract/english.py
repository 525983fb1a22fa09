"""English quotes and speakers for the offline extractor (English articles only).

Works on the whole article, paragraph-aware, before the claims are classified:
- quotation regions: “…” / "…" pairs; an opening mark left open runs to the end of its
  paragraph, and the next paragraph that opens with a mark continues it (press convention);
- cues: reporting and belief verbs (past, present, -ing after a comma) outside quotations, and
  "according to"; the ``lexicon`` block below lists them with an invented example each;
- structures: '"…," X said' / '"…," said X' (content: the quotation), 'X said (that) …' /
  'X told Y …' / 'X said: "…"' (content: the reported clause, the quoted words inside it),
  '…, X said.' (post-posed), 'According to X, …', ', adding that …' (same speaker),
  'NAME: …' transcript turns and 'Name: …' headlines;
- a quotation with no cue of its own continues the latest speaker of the previous paragraphs;
- speakers: discourse words dropped, titles and possessives kept; pronouns and role nouns
  ("she", "the mayor") resolve to the nearest compatible source named earlier.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import pairwise

from .patterns import strip_span
from .segment import Unit
from .sources import SourceBook, clean_name

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
# Genders that titles and role nouns carry, for pronoun resolution.
GENDERED: dict[str, str] = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "spokesman": "m",
    "spokeswoman": "f",
    "congressman": "m",
    "congresswoman": "f",
    "chairman": "m",
    "chairwoman": "f",
    "businessman": "m",
    "businesswoman": "f",
    "father": "m",
    "mother": "f",
    "wife": "f",
    "husband": "m",
    "son": "m",
    "daughter": "f",
    "king": "m",
    "queen": "f",
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
_SUBORD = r"after|before|when|while|because|since|until|although|though|once|whereas|as"
_OPENERS = re.compile(r"\s*(?:" + _alt(list(CLAUSE_OPENERS)) + r"|" + _alt(list(DISCOURSE_LEADS)) + r")\b", re.I)
_ABBREV = re.compile(r"(?:^|\s)(?:" + _alt(list(ABBREVIATIONS)) + r"|[A-Z]\.|(?:[A-Z]\.){2,})$")
_PERSON = re.compile(r"(?!The\b)(?:[A-Z][\w.’'-]*\s*){1,5}")  # a name: capitalised words, not "The ..."
# What follows a verb but cannot open its content: "damage estimated at ...", "said to be ...".
_NOT_CLAUSE = re.compile(r"(?:at|by|to|for|of|from|with|into|about|against|up|out|off|over)\b")
_MARK = re.compile(r"''|``|[“”\"]|\n\s*\n|\n")
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "we": "p", "it": "o", "who": "?", "i": "?"}
_DETS = set(
    "the a an his her their its this that these those such new recent earlier false many some no of in "
    "to for with whose our my your any every each".split()
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


class EnglishRules:
    """Finds every attribution of an English article once; hands them out unit by unit."""

    def __init__(self, text: str, book: SourceBook, units: list[Unit]) -> None:
        self.text = text
        self.book = book
        self.quotes = quote_regions(text)
        self.genders: dict[str, str] = {}
        self.mentions: list[str] = []  # speaker source ids in order of mention
        self.found: list[EnAttribution] = []
        self.units = [u for u in units if u.embed is None]
        self.starts = [u.start for u in self.units]
        for u in self.units:
            self._sentence(u)
        self._continuations()
        self.found.sort(key=lambda a: a.content)
        starts = self.starts
        self.by_unit: dict[int, list[EnAttribution]] = {}
        for att in self.found:
            k = max(0, bisect.bisect_right(starts, att.content[0]) - 1)
            self.by_unit.setdefault(self.units[k].start, []).append(att) if self.units else None

    def unit(self, u: Unit) -> list[EnAttribution]:
        return self.by_unit.get(u.start, [])

    # --- helpers -------------------------------------------------------------------------------
    def _in_quote(self, pos: int) -> tuple[int, int] | None:
        for s, e in self.quotes:
            if s <= pos < e:
                return (s, e)
        return None

    def _add(self, speaker: str | None, s: int, e: int, verb: str, written: str = "") -> None:
        s, e = strip_span(self.text, s, e)
        if e - s > 4 and _mark(self.text, s) and _mark(self.text, e, closing=True):
            # a quotation: its words, without the marks
            s, e = strip_span(self.text, s + _mark(self.text, s), e - _mark(self.text, e, closing=True))
        if e - s >= 8 and not any(a.content == (s, e) for a in self.found):
            self.found.append(EnAttribution(speaker, (s, e), verb, written))

    # --- speakers ------------------------------------------------------------------------------
    def _clean_subject(self, phrase: str) -> str:
        phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:—–-")
        phrase = _LEADS.sub("", phrase)
        phrase = _TAIL.sub("", phrase).strip(" ,")
        return re.sub(r"(?:\s+[a-z]+ly)+$", "", phrase)  # "Ann Lee apparently": the adverb is no name

    def _plausible(self, phrase: str) -> bool:
        words = phrase.split()
        if not words or len(words) > 12:
            return False
        low = phrase.lower()
        if low in _PRONOUNS:
            return True
        if re.match(r"^[\d$%]", phrase) or re.fullmatch(r"[\d,.\s]+\w*", phrase):
            return False
        if _TIME.fullmatch(phrase) or re.search(r"[“”\"]|''", phrase):
            return False
        clause = r"\b(?:if|when|because|although|whether|which|what|as|than|is|are|was|were|be)\b"
        if re.search(clause, low) and not re.search(r",?\s+who\b", low):
            return False
        if any(w in _PAST or (w.endswith("ed") and p[:1].isupper()) for p, w in pairwise(words)):
            return False  # a finite verb inside: "The board decided after ..." is a clause, not a subject
        first = words[0]
        if len(words) <= 8 and re.fullmatch(r"(?:[a-z’'-]+\s+){1,5}(?:[A-Z][\w.’'-]*\s*){1,4}", phrase):
            return True  # a role before a name: "civil defence spokesman Idris Kamal"
        if len(words) <= 4 and words[-1].islower() and words[-1].endswith("s") and first.isalpha():
            return True  # a bare plural: "sources said", "federal officials said"
        return first[0].isupper() or first.lower() in _SUBJECT_DETS

    def _resolve(self, phrase: str, pos: int) -> str | None:
        low = phrase.lower()
        if low in _PRONOUNS:
            want = _PRONOUNS[low]
            if want == "?":
                return None
            for sid in reversed(self.mentions):
                src = next(s for s in self.book.sources() if s.id == sid)
                person = src.kind.value in ("person", "official") and bool(_PERSON.fullmatch(src.name))
                if want in "mf" and person and self.genders.get(sid, want) == want:
                    self.genders[sid] = want
                    return sid
                if want in "op" and not person:
                    return sid
            return None
        m = re.fullmatch(r"(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}(?P<head>[a-z-]{3,})", phrase, re.I)
        if m and not re.search(r"[A-Z]", phrase[1:]):
            head = m.group("head").lower()
            for sid in reversed(self.mentions):
                src = next(s for s in self.book.sources() if s.id == sid)
                names = " ".join([src.name, src.role or "", *src.aliases]).lower()
                if re.search(r"\b" + re.escape(head) + r"\b", names):
                    self.book.note_alias(sid, phrase)
                    return self._mention(sid, phrase)
        new = self.book.add(phrase, context=phrase)
        if new is None:
            return None
        if clean_name(phrase)[0] and new in self.mentions:
            self.book.note_alias(new, phrase)
        return self._mention(new, phrase)

    def _mention(self, sid: str, phrase: str) -> str:
        for w in re.findall(r"[a-z]+", phrase.lower()):
            if w in GENDERED:
                self.genders.setdefault(sid, GENDERED[w])
        if sid in self.mentions:
            self.mentions.remove(sid)
        self.mentions.append(sid)
        return sid

    def _subject_before(self, s: int, ms: int) -> tuple[str, int]:
        """The subject of a verb at ms: (phrase, start) back to a clause boundary, '' if none."""
        # A parenthesis ("Sen. Ann Lee (D-Ore.) said") is masked: it neither cuts nor names.
        seg = re.sub(r"\([^()]{0,60}\)", lambda p: " " * len(p.group()), self.text[s:ms])
        cut = max(
            (
                m.end()
                for m in re.finditer(
                    r"[;:—–(]\s*|(?:[”\"]|'')\s*,?\s*|\.\s+|\b(?:and|but|that|" + _SUBORD + r")\s+", seg
                )
                if not (m.group().startswith(".") and _ABBREV.search(seg[: m.start() + 1]))
            ),
            default=0,
        )
        hard = max((m.end() for m in re.finditer(r"[;:(]\s*|(?:[”\"]|'')\s*,?\s*", seg)), default=0)
        hard = max([hard] + [m.end() for m in re.finditer(r"\.\s+", seg) if not _ABBREV.search(seg[: m.start() + 1])])
        app = self._apposition(seg[hard:]) if re.search(r"(?:,|--|—|–)\s*$", seg) else None
        if app is not None:
            phrase = self._clean_subject(seg[hard + app :])
            if not phrase.endswith(","):
                phrase = self._clean_subject(re.split(r"\s*(?:--|—|–)\s*", phrase)[0])  # "Kall -- co-editor --"
            return phrase, s + hard + app
        part = seg[cut:]
        stripped = part.rstrip()
        if not stripped and re.search(r"\band\s*$", seg):
            # "Ann Lee thanked the crowd and said ...": the sentence's subject speaks again.
            first = re.match(r"\s*(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*(?=\s+[a-z])", seg)
            phrase = self._clean_subject(first.group()) if first else ""
            return (phrase, s + first.start()) if first and self._plausible(phrase) else ("", ms)
        if stripped.endswith(","):
            # "Jane Doe, a spokeswoman for the firm, said": the name with its apposition.
            pieces = stripped[:-1].split(",")
            if len(pieces) >= 2:
                start = len(",".join(pieces[:-2])) + (1 if len(pieces) > 2 else 0)
                phrase = self._clean_subject(part[start:])
                name = self._clean_subject(pieces[-2]) if len(pieces) >= 2 else ""
                ok = self._plausible(name) and len(pieces[-1].split()) <= 20 and not _full_stop(pieces[-1])
                return (phrase, s + cut + start) if ok else ("", ms)
            return "", ms
        if "," in part:
            start = part.rfind(",") + 1
            part = part[start:]
            cut += start
        who = re.search(r"^(.*?),?\s+who\s+(?:also\s+)?$", seg[: len(seg)])
        phrase = self._clean_subject(part)
        if phrase.lower() == "who" and who:
            phrase = self._clean_subject(re.split(r"[,;:.]", who.group(1))[-1])
        return (phrase, s + cut + seg[cut:].find(phrase[:5]) if phrase else ms) if self._plausible(phrase) else ("", ms)

    def _apposition(self, seg: str) -> int | None:
        """Start of 'Name, <apposition>,' (or '-- … --') that ends seg: the leftmost name-like piece."""
        pieces = [m.end() for m in re.finditer(r"(?:^|,|--|—|–)\s*", seg)]
        for start in pieces[:-1]:
            m = re.match(r"((?:[A-Z][\w.’'-]*\s+){0,5}[A-Z][\w.’'-]*)\s*(?:\([^()]*\)\s*)?(?:,|--|—|–)", seg[start:])
            if not m or _OPENERS.match(m.group(1)) or not self._plausible(self._clean_subject(m.group(1))):
                continue
            rest = seg[start + m.end() :]
            if len(rest.split()) <= 45 and not _full_stop(rest) and not re.search(r"[;:]", rest):
                return start
        return None

    # --- sentences -----------------------------------------------------------------------------
    def _cues(self, s: int, e: int) -> list[re.Match[str]]:
        out = []
        for m in _CUE.finditer(self.text, s, e):
            if self._in_quote(m.start()):
                continue
            word = m.group().lower()
            if word.startswith(("according", "as reported")):
                out.append(m)
                continue
            before = self.text[max(s, m.start() - 30) : m.start()]
            prev = (re.findall(r"([\w’'-]+)\s+$", before) or [""])[-1].lower()
            if prev in _DETS or prev in _MODAL or prev.endswith(("’s", "'s")):
                continue
            if re.search(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$", before, re.I):
                continue  # passive: "she was told" makes her the addressee
            if word.endswith("ing") and not re.search(r",\s*(?:and\s+)?$|\bwhile\s+$", before):
                continue
            if m.group()[0].isupper() and m.start() > s and not re.search(r"(?:[”\"]|'')\s*,?\s*$", before):
                continue  # a capitalised verb mid-sentence is a name or a title ("Tell Me More")
            out.append(m)
        return out

    def _sentence(self, u: Unit) -> None:
        text, s, e = self.text, u.start, u.end
        if self._headline(u):
            return
        cues = self._cues(s, e)
        last_speaker: str | None = None
        pending = ""  # a subject whose verb introduced nothing yet ("X said:")
        for i, m in enumerate(cues):
            inverted = False
            nxt = cues[i + 1].start() if i + 1 < len(cues) else e
            word = m.group()
            lemma = _LEMMA.get(re.sub(r"\s+", " ", word.lower()), word.lower())
            if word.lower().startswith(("according", "as reported")):
                self._according(m, s, e, nxt)
                continue
            # '"…," X said' / '"…," said X': the quotation that ends just before.
            q = next((r for r in reversed(self.quotes) if s <= r[1] <= m.start()), None)
            gap = text[q[1] : m.start()] if q and not any(q[1] <= c.start() for c in cues[:i]) else "\n"
            appositive = gap.rstrip().endswith(",") and len(gap.split()) <= 25 and self._apposition(gap) is not None
            if q and (len(gap.split()) <= 9 or appositive) and not re.search(r"[;:!?\n]", gap) and not _full_stop(gap):
                who = self._clean_subject(gap) or self._after_subject(m.end(), e)
                if who and not self._plausible(who):
                    who = ""
                sid = self._resolve(who, m.start()) if who else last_speaker
                last_speaker = sid
                self._add(sid, q[0], self._quote_run(q[1], m.end()), word, who)
                continue
            if word.endswith("ing") or (lemma == "add" and text[m.start() - 2 : m.start()].strip() == ","):
                sid, who = last_speaker, ""
            else:
                who, sub_start = self._subject_before(s, m.start())
                inverted = bool(who) and self._post_posed(s, sub_start, m.end(), nxt, lemma)
                sid = None
            if (who or word.endswith("ing")) and not inverted:
                pending = who
                start = self._content_start(m.end(), nxt, lemma)
                if lemma in _OBJECT_CONTENT:
                    start = m.end() + len(text[m.end() : nxt]) - len(text[m.end() : nxt].lstrip())
                cstart, cend = start, self._content_end(start, nxt, cues[i + 1] if i + 1 < len(cues) else None, s)
                opened = bool(re.search(r"(?:\bthat|:)\s*$", text[m.end() : start])) or bool(_mark(text, start))
                if lemma in _OBJECT and not opened:
                    continue
                subject_next = re.match(r"(?:[A-Z]\w*|the|a|an|he|she|it|they|we|i|there|this)\b", text[start:cend])
                if lemma in _THOUGHT and not opened and not subject_next:
                    continue
                if sid is None and who:
                    sid = self._resolve(who, m.start())
                qr = self._in_quote(cstart)
                if qr and qr[1] > cend:
                    cend = qr[1]
                if len(text[cstart:cend].split()) >= 3 and not _NOT_CLAUSE.match(text, cstart):
                    last_speaker = sid
                    self._add(sid, cstart, cend, word, who)
                    continue
            if lemma in _OBJECT_CONTENT:
                continue
            # '…, X said.' / '…, said X.': the clause before, when nothing substantial follows.
            tail = text[m.end() : nxt]
            comma = text.rfind(",", s, m.start())
            short = len(re.sub(r"[^\w\s]", "", tail).split()) <= 10 and " that " not in tail
            if comma > s and (short or inverted):
                who = self._clean_subject(text[comma + 1 : m.start()])
                if not who:
                    who = self._after_subject(m.end(), e)
                if who and self._plausible(who):
                    prev_end = max([s] + [a.content[1] for a in self.found if s <= a.content[1] <= comma])
                    sid = self._resolve(who, m.start())
                    last_speaker = sid
                    self._add(sid, prev_end, comma, word, who)
        if pending or not cues:
            self._colon_intro(u, self._resolve(pending, s) if pending else None, pending)

    def _colon_intro(self, u: Unit, speaker: str | None, written: str) -> None:
        """'The senator made this comment:' followed by a quotation: the quotation is the subject's."""
        text = self.text
        if not text[u.start : u.end].rstrip().endswith(":"):
            return
        nxt = next((r for r in self.quotes if r[0] >= u.end), None)
        if nxt is None or text[u.end : nxt[0]].strip():
            return
        if speaker is None:
            verb = re.search(r"(?<=[\w.)])\s+[a-z]", text[u.start : u.end])
            written = self._subject_before(u.start, u.start + verb.start())[0] if verb else ""
            if not written or _OPENERS.match(written):
                return
            speaker = self._resolve(written, u.start)
        self._add(speaker, nxt[0], self._quote_run(nxt[1], nxt[1]), ":", written)

    def _quote_run(self, end: int, cue_end: int) -> int:
        """Where a quotation interrupted by its attribution ends: '"A," she said. "B." "C."' is one
        statement, up to the end of the paragraph's run of quotations."""
        text = self.text
        for r in self.quotes:
            if r[0] < end:
                continue
            between = text[end : r[0]]
            tail = text[max(end, cue_end) : r[0]]
            if "\n" in between or len(tail.split()) > 6 or (end < cue_end and len(between.split()) > 14):
                break
            if end >= cue_end and between.strip(" ,.;:—–-"):
                break
            end = max(end, r[1])
        return end

    def _post_posed(self, s: int, sub_start: int, ve: int, nxt: int, lemma: str) -> bool:
        """'<clause>, the ministry said in a statement, a lower figure ...': the content is before.

        True when a comma stands right before the subject, a clause of 6+ words that does not open
        with an introducer ('In a statement,', 'Asked about it,') precedes it, and no 'that' or
        quotation follows the verb."""
        lead = self.text[s:sub_start].rstrip()
        if not lead.endswith(",") or len(lead.split()) < 6 or _OPENERS.match(lead):
            return False
        if re.match(r"\s*(?:[A-Z]\w*(?:ing|ed)|To)\b", lead):
            return False  # 'Responding to the report, X said ...': a participle or purpose phrase
        start = self._content_start(ve, nxt, lemma)
        if re.match(r"(?:he|she|they|it|we|i|there)\b", self.text[start:nxt], re.I):
            return False  # the verb opens a clause of its own
        return not re.match(r"\s*(?:that\b|:|[“\"]|'')", self.text[ve:nxt]) and not self.text[
            start - 5 : start
        ].endswith(("that", ":"))

    def _after_subject(self, pos: int, e: int) -> str:
        """The subject after an inverted verb: '..., said Rep. Ann Lee, a Democrat, on Monday.'"""
        seg = re.split(r"[,;:—–(]", self.text[pos:e], maxsplit=1)[0]
        seg = re.sub(r"\.\s*(?:[”\"]|'')?\s*$", "", seg)
        seg = re.sub(r"\s+(?:in|on|at|during|to|after|before|while|from|of|about|when|as)\s.*$", "", seg)
        return self._clean_subject(seg)

    def _content_start(self, pos: int, end: int, lemma: str) -> int:
        """Skip what stands between the verb and its content: addressee, time, place, 'that', ':'."""
        text = self.text
        for _ in range(6):
            m = re.match(r"[\s,]+", text[pos:end])
            pos += m.end() if m else 0
            rest = text[pos:end]
            if re.match(r"that\b|:", rest):
                pos += 4 if rest.startswith("that") else 1
                return pos + len(text[pos:end]) - len(text[pos:end].lstrip())
            for pat in (_TIME, _PP):
                mm = pat.match(rest)
                if mm and (pat is _TIME or re.match(r"\s*(?:,|that\b|:|[“\"]|'')", rest[mm.end() :])):
                    pos += mm.end()
                    break
            else:
                if lemma in ("tell", "ask", "assure", "remind", "warn", "promise"):
                    mm = _ADDRESSEE.match(rest)
                    if mm and mm.end() < len(rest) - 8:
                        pos += mm.end()
                        lemma = ""
                        continue
                return pos
        return pos

    def _content_end(self, start: int, nxt: int, cue: re.Match[str] | None, s: int) -> int:
        if cue is None:
            return nxt
        # The next cue's subject belongs to the next attribution: "X said A, and Y said B".
        # A cue with no subject of its own ("federal and state law") or one nested in the content
        # ("he plans to spend what he says he raised") does not end it.
        who, sub_start = self._subject_before(start, cue.start())
        parallel = re.search(r"(?:[,;:—–]|\band|\bbut|[.!?])\s*$", self.text[start:sub_start])
        end = sub_start if who and sub_start > start and parallel else self._sentence_end(start)
        if cue.group().lower().startswith(("according", "as reported")) or (
            cue.group().endswith("ing") and self.text[: cue.start()].rstrip().endswith(",")
        ):
            end = cue.start()
        seg = self.text[start:end]
        trimmed = re.sub(r"(?:[\s,;]+(?:and|but|while|as|adding|saying))?[\s,;—–-]*$", "", seg)
        return start + len(trimmed)

    def _sentence_end(self, pos: int) -> int:
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.units[k].end if k >= 0 else len(self.text)

    def _according(self, m: re.Match[str], s: int, e: int, nxt: int) -> None:
        text = self.text
        np_m = re.match(r"\s*([^,.;:—–“”\"]{2,80})", text[m.end() : e])
        if not np_m:
            return
        who = self._clean_subject(np_m.group(1))
        if not self._plausible(who):
            return
        lead = text[s : m.start()].strip()
        if not lead or _LEADS.fullmatch(lead + " "):
            sid = self._resolve(who, m.start())
            self._add(sid, m.end() + np_m.end(), nxt, m.group(), who)
        elif len(lead.split()) >= 4:
            prev_end = max([s] + [a.content[1] for a in self.found if s <= a.content[1] <= m.start()])
            sid = self._resolve(who, m.start())
            self._add(sid, prev_end, m.start(), m.group(), who)

    def _headline(self, u: Unit) -> bool:
        """'Name: statement' (headline) and 'NAME: words' (transcript turn)."""
        text = self.text
        m = re.match(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s*:\s+(?=\S)", text[u.start : u.end])
        if not m:
            return False
        name = m.group(1)
        transcript = name.isupper() and len(name) > 2
        if not transcript and not (u.start == 0 or u.paragraph == 0):
            return False
        if not self._plausible(name) or _TIME.fullmatch(name):
            return False
        sid = self._resolve(name.title() if transcript else name, u.start)
        end = u.end
        if transcript:
            para_end = text.find("\n", u.start)
            end = len(text) if para_end < 0 else para_end
        self._add(sid, u.start + m.end(), end, ":", name)
        return True

    def _continuations(self) -> None:
        """A quotation no cue claimed continues the latest speaker of the same or previous paragraphs."""
        text = self.text
        for qs, qe in self.quotes:
            if any(a.content[0] <= qs + 1 and qe - 1 <= a.content[1] for a in self.found):
                continue
            if len(text[qs:qe].split()) < 4:
                continue
            if qs > 0 and not re.search(r"(?:\n|[.!?…:][”\"']*)\s*$", text[max(0, qs - 6) : qs]):
                continue  # only a quotation that opens a sentence stands alone ("… called it “a con”" does not)
            before = [a for a in self.found if a.content[1] <= qs and a.speaker]
            if not before:
                continue
            last = max(before, key=lambda a: a.content[1])
            if text.count("\n\n", last.content[1], qs) > 2 or qs - last.content[1] > 1500:
                continue
            self._add(last.speaker, qs, qe, "", last.written)
