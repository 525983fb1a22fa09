"""Stance by content, the encoder's proposals and origins (factcheck/reconcile/stance.py, respond.py,
cluster.py). Rule tests use a fake encoder (fixed vectors), never the real weights; every sentence is
invented for these tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from factcheck.embed import Vectors
from factcheck.models import Article, Claim, CounterKind, CounterStatement, Extraction, Quote, Source, SourceKind
from factcheck.reconcile import reconcile
from factcheck.reconcile.cluster import repeats
from factcheck.reconcile.stance import (
    ANTONYMS,
    NEGATING_PREDICATES,
    NEGATORS,
    POSTPOSED_NUMBERS,
    ZERO_WORDS,
    Stance,
    counts,
    figures_conflict,
    opposite,
    stance,
)

# --- polarity, figures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "response", "expected"),
    [
        # a denial stated as a contradicting fact, no denial verb
        (
            "A case of measles was diagnosed in the district",
            "No case of measles has been diagnosed in the district so far",
            Stance.denial,
        ),
        (
            "تم تشخيص حالة إصابة بالحصبة في القرية",
            "لم يتم تشخيص أي حالة إصابة بالحصبة في القرية حتى الآن",
            Stance.denial,
        ),
        ("The bridge was damaged by the storm", "The bridge wasn't damaged by the storm", Stance.denial),
        # an antonymous predicate
        ("The northern crossing was opened to trucks", "The northern crossing is closed to trucks", Stance.denial),
        ("أغلقت السلطات المعبر الشمالي أمام الشاحنات", "فتحت السلطات المعبر الشمالي أمام الشاحنات", Stance.denial),
        ("Schools in the capital will close on Sunday", "Schools in the capital remain open on Sunday", Stance.denial),
        (
            "The singer died in hospital on Monday",
            "The singer is alive and well, his manager said on Monday",
            Stance.denial,
        ),
        # a negating predicate read like a negator
        (
            "Train fares for students will rise in March",
            "Train fares for students: the rise is cancelled",
            Stance.confirmation,
        ),
        # the same proposition, other words
        ("The singer died in hospital on Monday", "The singer died on Monday at the hospital", Stance.confirmation),
        # a negation elsewhere in the response, not on the shared content
        (
            "The ministry opened a new hospital in the south",
            "The ministry opened a new hospital in the south. There is no cause for alarm.",
            Stance.confirmation,
        ),
        # contradicting figures of the same counted thing
        ("Twelve people were killed in the fire", "40 people were killed in the fire", Stance.correction),
        ("75 إصابة في المدينة", "إصابة أربعة أشخاص في المدينة", Stance.correction),
    ],
)
def test_stance_by_content(claim: str, response: str, expected: Stance) -> None:
    assert stance(claim, response) == expected


def test_a_quantity_of_another_thing_is_no_conflict() -> None:
    # "one" counts weeks, "fifty" counts cases
    assert not figures_conflict(
        "Fifty cases were recorded in the city", "Fifty cases were recorded in one week in the city"
    )
    assert not figures_conflict("Fifty cases were recorded", "The clinic closed for one week")
    assert figures_conflict("Fifty cases were recorded", "Only three cases were recorded")
    assert not figures_conflict("Fifty cases were recorded", "Fifty cases were recorded, officials said")


def test_counts_name_what_they_count() -> None:
    (c,) = counts("Officials counted 75 cases")
    assert c.value == 75 and c.after == "cas"
    (c,) = counts("سجلت حالة واحدة")  # a number written after its noun
    assert c.value == 1 and c.before
    assert counts("In 2024 the plan failed") == []  # a year is a date, not a count


def test_opposite_needs_shared_content() -> None:
    assert not opposite("The minister visited the port", "No comment was given on the budget")


def test_every_lexicon_entry_has_an_example_that_uses_it() -> None:
    from factcheck.reconcile.stance import _words
    from factcheck.text.normalize import fold

    for table in (NEGATORS, NEGATING_PREDICATES, ZERO_WORDS, POSTPOSED_NUMBERS):
        for word, example in table.items():
            ws = _words(example)
            assert fold(word) in ws or (word == "n't" and "n't" in ws), (word, example)
    for a, b, example in ANTONYMS:
        assert a and b and example


# --- a fake encoder ------------------------------------------------------------------------------


class FakeEncoder:
    """Vectors by text: texts in the same group get the same direction (cos 1), others orthogonal."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self.groups = groups
        self.calls = 0

    @property
    def name(self) -> str:
        return "fake"

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        dim = len(self.groups) + len(texts) + 1
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for i, t in enumerate(texts):
            g = next((n for n, grp in enumerate(self.groups) if any(s in t for s in grp)), None)
            out[i, g if g is not None else len(self.groups) + i] = 1.0
        return out


def _article(aid: str, text: str, outlet: str, lang: str) -> Article:
    return Article(id=aid, text=text, outlet=outlet, language=lang)


def _claim(a: Article, cid: str, sentence: str, claimant: str | None, reported_by: str | None = None) -> Claim:
    s = a.text.index(sentence)
    return Claim(
        id=cid,
        article_id=a.id,
        quote=Quote(text=sentence, start=s, end=s + len(sentence)),
        statement=sentence,
        claimant=claimant,
        reported_by=reported_by,
        check_worthiness=0.9,
    )


def _x(a: Article, sources: list[Source], claims: list[Claim], counters: Sequence[CounterStatement] = ()) -> Extraction:
    return Extraction(article=a, sources=sources, claims=claims, counters=list(counters), extractor="offline")


def test_cross_lingual_reports_cluster_and_a_denial_without_denial_verb_is_linked() -> None:
    en = "The port authority said three cranes collapsed at the container terminal."
    ar = "ثلاث رافعات انهارت في محطة الحاويات."
    deny = "لم تنهار أي رافعة في محطة الحاويات حتى الآن."
    a1 = _article("a1", en, "Harbour Times", "en")
    a2 = _article("a2", "قالت هيئة الميناء إن " + ar, "صحيفة المرفأ", "ar")
    a3 = _article("a3", "وقالت شركة التشغيل إنه " + deny, "صحيفة الأمس", "ar")
    xs = [
        _x(
            a1,
            [Source(id="s1", name="The port authority", kind=SourceKind.government)],
            [_claim(a1, "c1", "three cranes collapsed at the container terminal.", "s1")],
        ),
        _x(a2, [Source(id="s1", name="هيئة الميناء", kind=SourceKind.government)], [_claim(a2, "c2", ar, "s1")]),
        _x(a3, [Source(id="s1", name="شركة التشغيل", kind=SourceKind.organisation)], [_claim(a3, "c3", deny, "s1")]),
    ]
    # The encoder puts the Arabic denial close to the Arabic report too (a claim and its own denial
    # score high): the polarity rule, not the encoder, makes it a denial.
    enc = FakeEncoder([["three cranes collapsed", "ثلاث رافعات انهارت", "لم تنهار أي رافعة"]])
    brief = reconcile(xs, encoder=enc)
    assert enc.calls == 1  # one batch per reconcile
    (both,) = [c for c in brief.clusters if {"c1", "c2"} <= set(c.claims)]
    denials = [k for k in brief.counters if k.kind == CounterKind.denial]
    assert [k.id for k in denials] == ["c3-denies"] and set(denials[0].targets) == {"c1", "c2"}
    assert "c3-denies" in both.counters
    # No encoder: the two languages stay apart.
    assert not [c for c in reconcile(xs, encoder=None).clusters if {"c1", "c2"} <= set(c.claims)]


def test_a_claim_and_its_own_denial_never_cluster_even_when_the_encoder_says_they_are_close() -> None:
    s1 = "A new bridge over the river was opened on Monday."
    s2 = "No new bridge over the river was opened on Monday."
    a1, a2 = _article("a1", s1, "Daily A", "en"), _article("a2", s2, "Daily B", "en")
    xs = [
        _x(a1, [Source(id="s1", name="The mayor", kind=SourceKind.official)], [_claim(a1, "c1", s1, "s1")]),
        _x(a2, [Source(id="s1", name="The council", kind=SourceKind.government)], [_claim(a2, "c2", s2, "s1")]),
    ]
    brief = reconcile(xs, encoder=FakeEncoder([["bridge over the river"]]))
    assert all(len(c.claims) == 1 for c in brief.clusters)
    assert [(k.id, k.kind, k.targets) for k in brief.counters] == [("c2-denies", CounterKind.denial, ["c1"])]


def _post(aid: str, text: str, outlet: str) -> Article:
    return _article(aid, text, outlet, "ar")


def test_responses_answer_the_claim_not_each_other_and_one_account_is_one_origin() -> None:
    rumour = "انفجار في مصفاة النفط الشمالية أدى إلى توقف الإنتاج بالكامل"
    r1 = "مصفاة النفط الشمالية تعمل بشكل طبيعي والإنتاج مستمر دون توقف"
    r2 = "عمال مصفاة النفط الشمالية أكملوا نوبتهم والإنتاج لم يتوقف اليوم"
    a0 = _post("a0", rumour, "@rumours")
    a1 = _post("a1", r1, "@energy_ministry")
    a2 = _post("a2", "RT @energy_ministry: " + r1, "@energy_ministry")
    a3 = _post("a3", r2, "@refinery_co")
    src = [Source(id="m", name="@energy_ministry", kind=SourceKind.social_account)]
    xs = [
        _x(a0, [Source(id="r", name="@rumours", kind=SourceKind.social_account)], [_claim(a0, "c0", rumour, "r")]),
        _x(a1, src, [_claim(a1, "c1", r1, "m", "m")]),
        _x(a2, src, [_claim(a2, "c2", r1, "m", "m")]),
        _x(
            a3,
            [Source(id="co", name="@refinery_co", kind=SourceKind.social_account)],
            [_claim(a3, "c3", r2, "co", "co")],
        ),
    ]
    # The encoder finds every post close to every other (one topic).
    brief = reconcile(xs, encoder=FakeEncoder([["مصفاة النفط الشمالية"]]))
    targets = {k.id: k.targets for k in brief.counters}
    # Each responding post answers the rumour (the earliest claim), never another response: the
    # company's post does not "confirm" the ministry's, though both say production goes on.
    assert targets["c1-denies"] == ["c0"] and targets["c3-denies"] == ["c0"]
    assert not [k for k in brief.counters if k.kind == CounterKind.confirmation]
    # The ministry's post and its own repost are one origin: alone, they corroborate nothing.
    alone = reconcile(xs[:3], encoder=FakeEncoder([["مصفاة النفط الشمالية"]]))
    assert not [f for f in alone.findings if f.kind.value == "corroborated"]
    assert [k.targets for k in alone.counters if k.kind == CounterKind.denial] == [["c0"], ["c0"]]


def test_a_counter_never_answers_its_own_sources_claim() -> None:
    claim = "The water company raised tariffs by ten percent."
    own = "The water company said the tariffs were not raised by ten percent."
    a1 = _article("a1", claim, "@watercompany", "en")
    a2 = _article("a2", own, "@watercompany", "en")
    w = Source(id="w", name="@watercompany", kind=SourceKind.social_account)
    k = CounterStatement(
        id="k1",
        article_id="a2",
        quote=Quote(text=own, start=0, end=len(own)),
        statement=own,
        speaker="w",
        kind=CounterKind.denial,
    )
    xs = [_x(a1, [w], [_claim(a1, "c1", claim, "w", "w")]), _x(a2, [w], [], [k])]
    brief = reconcile(xs, encoder=None)
    assert [c.targets for c in brief.counters] == [[]]


def test_repeats_are_one_report_but_independent_wording_is_not() -> None:
    from factcheck.text.normalize import fold

    def f(s: str) -> str:
        return fold(s, loose=True)

    base = "four members of one family were admitted to hospital with the new virus"
    assert repeats(f(base), f("RT @agency: #Capital: " + base + " #agency https://t.co/x"))
    assert not repeats(f(base), f("four members of one family were admitted to the city hospital with a new virus"))


def test_reconcile_is_deterministic_with_an_encoder() -> None:
    s1 = "The central bank cut its main interest rate to four percent."
    s2 = "البنك المركزي خفض سعر الفائدة الرئيسي إلى أربعة بالمئة."
    a1, a2 = _article("a1", s1, "Money Daily", "en"), _article("a2", s2, "صحيفة المال", "ar")
    xs = [
        _x(a1, [Source(id="b", name="The central bank", kind=SourceKind.government)], [_claim(a1, "c1", s1, "b")]),
        _x(a2, [Source(id="b", name="البنك المركزي", kind=SourceKind.government)], [_claim(a2, "c2", s2, "b")]),
    ]
    enc = FakeEncoder([["central bank cut", "البنك المركزي خفض"]])
    one = reconcile(xs, encoder=enc).model_dump_json()
    assert one == reconcile(xs, encoder=enc).model_dump_json()


def _two_reports(later_kind: SourceKind, about: str | None = None) -> list[Extraction]:
    s1 = "The council will close the central market for renovation next month."
    s2 = "The central market will close for renovation next month, the council confirmed today."
    a1, a2 = _article("a1", s1, "City Post", "en"), _article("a2", s2, "@someone", "en")
    c1 = _claim(a1, "c1", s1, "r").model_copy(update={"about": about})
    return [
        _x(a1, [Source(id="r", name="City Post", kind=SourceKind.news_outlet)], [c1]),
        _x(a2, [Source(id="p", name="Someone", kind=later_kind)], [_claim(a2, "c2", s2, "p")]),
    ]


def test_a_confirmation_comes_from_an_authority_not_from_a_private_person() -> None:
    enc = FakeEncoder([["central market"]])
    by_person = reconcile(_two_reports(SourceKind.person), encoder=enc)
    assert not [k for k in by_person.counters if k.kind == CounterKind.confirmation]
    by_council = reconcile(_two_reports(SourceKind.government), encoder=enc)
    assert [k.id for k in by_council.counters if k.kind == CounterKind.confirmation] == ["c2-confirms"]


def test_figures_of_another_thing_raise_no_correction() -> None:
    s1 = "Fifty cases of dengue fever were recorded in the northern province."
    s2 = "Within one week the northern province recorded fifty cases of dengue fever."
    s3 = "Only twelve cases of dengue fever were recorded in the northern province, the office said."
    a1, a2, a3 = (_article(f"a{i}", t, f"Paper {i}", "en") for i, t in enumerate((s1, s2, s3), 1))
    xs = [
        _x(a1, [Source(id="r", name="Paper 1", kind=SourceKind.news_outlet)], [_claim(a1, "c1", s1, "r")]),
        _x(a2, [Source(id="g", name="The health office", kind=SourceKind.government)], [_claim(a2, "c2", s2, "g")]),
        _x(a3, [Source(id="o", name="The health office", kind=SourceKind.government)], [_claim(a3, "c3", s3, "o")]),
    ]
    brief = reconcile(xs, encoder=None)
    kinds = {k.id: k.kind for k in brief.counters}
    # "one" counts weeks: the office's fifty cases confirm the report, no figure is contradicted.
    assert kinds.get("c2-confirms") == CounterKind.confirmation and "c2-corrects" not in kinds
    # Twelve cases against fifty cases: a correction by figures (or a discrepancy between versions).
    disputed = [f for f in brief.findings if f.kind.value in ("contested", "discrepancy")]
    assert disputed and all("c2" not in f.claims or "c3" in f.claims for f in disputed)
    assert "c2-confirms" not in {c for f in disputed for c in f.counters}


def test_versions_differing_in_a_number_of_another_thing_are_no_discrepancy() -> None:
    from factcheck.reconcile.compare import Version, differences

    def diff(a: str, b: str) -> list[str]:
        return [d.field for d in differences(Version(a, 0, None), Version(b, 0, None))]

    assert (
        diff(
            "Officials said fifty cases were recorded in the city",
            "Officials said one week passed and cases were recorded in the city",
        )
        == []
    )
    assert diff("الوزارة سجلت خمسين إصابة في المدينة", "الوزارة سجلت خلال أسبوع واحد إصابات في المدينة") == []
    assert diff(
        "Officials said fifty cases were recorded in the city", "Officials said twelve cases were recorded in the city"
    ) == ["number"]


def test_one_accounts_posts_quoting_its_own_people_are_one_origin() -> None:
    s1 = "The ministry will open three new schools in the eastern district next month."
    s2 = "Three new schools will open in the eastern district next month, the minister said."
    a1, a2 = _post("a1", s1, "@education_min"), _post("a2", s2, "@education_min")
    xs = [
        _x(a1, [Source(id="m", name="@education_min", kind=SourceKind.social_account)], [_claim(a1, "c1", s1, "m")]),
        _x(a2, [Source(id="p", name="the minister", kind=SourceKind.official)], [_claim(a2, "c2", s2, "p")]),
    ]
    brief = reconcile(xs, encoder=FakeEncoder([["schools"]]))
    assert any(set(c.claims) == {"c1", "c2"} for c in brief.clusters)
    assert not [f for f in brief.findings if f.kind.value == "corroborated"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # a translation keeps its negation: negated on one side only says the opposite
        ("Fuel prices will rise after the seizure.", "أسعار الوقود لن تتأثر بهذه الحادثة", True),
        ("A cholera case was recorded in the city.", "لم تسجل أي إصابة بالكوليرا في المدينة", True),
        ("The minister resigned on Monday.", "استقال الوزير يوم الاثنين", False),
        ("No cholera case was recorded in the city.", "لم تسجل أي إصابة بالكوليرا في المدينة", False),
    ],
)
def test_polarity_across_languages(a: str, b: str, expected: bool) -> None:
    from factcheck.reconcile.stance import opposite_across

    assert opposite_across(a, b) is expected


@pytest.mark.parametrize(
    "text",
    [
        "قُتِلَ ٥ أشخاصٍ وأُصيب ١٢ آخرون في ثلاثةِ أحياء",
        "The agency didn't count 40 cases; it's 12 deaths, not '7' #5 - see https://example.org/5 x",
        "They can\u064b't say 3 people died\u0640 in one week, 20 tonnes, 4 cases' worth, #8 'n't' 9",
        "ꟹ 4 cases",
        "café\u0301 reported 6 cases 'n 2 wards; ﻻ 9 shops ﷺ 11 homes",
        "حالة واحدة\u200c و٣ وفيات و 4 إصابات",
        "In " + "supercalifragilistic" * 4 + " 7 and " + "ب" * 60 + "، 8",
        "Officials-in-the-northern-district-confirmed-again 7 — " + "'#' " * 20 + "8 ... 9",
    ],
)
def test_counts_read_around_each_number_as_on_the_cut_text(text: str) -> None:
    """``count_at`` reads the words around a number off the text folded once (``_in_place``): the
    same words as folding the text before and after it apart, wherever the text is cut."""
    from factcheck.reconcile import stance as st
    from factcheck.text.normalize import fold

    mapped = st._in_place(text)
    if mapped is None:
        return
    for i in range(len(text) + 1):
        before_ws = st._words(text[:i])
        assert st._before(mapped, i) == (before_ws[-1] if before_ws else ""), i
        assert st._after(mapped, i) == [w for w in st._words(text[i:]) if not w.isdigit()][:2], i
        assert mapped[:i].replace(st.DROPPED, "").split() == fold(text[:i]).split()


def test_a_text_without_a_negating_word_negates_nothing() -> None:
    # ``opposite`` skips the negation count when neither text holds a negating word: the count is 0.
    from factcheck.reconcile import stance as st

    texts = [
        "The bridge was closed on Sunday.",
        "The bridge was not closed on Sunday. It reopened.",
        "No one was hurt; the minister didn't resign.",
        "لم يغلق الجسر يوم الأحد.",
        "أغلق الجسر يوم الأحد، وقال الوزير إنه سيفتح غدا.",
        "ليس هناك أي إصابات",
    ]
    for t in texts:
        every = st.lemmas(t) | frozenset(st._words(t))
        if not st._negating(t):
            assert st.negated(t, every) == 0, t
    assert st._negating(texts[1]) and st._negating(texts[3]) and not st._negating(texts[0])
