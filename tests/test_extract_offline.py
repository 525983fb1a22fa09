"""The offline extractor on the seeds, on the development set and on small cases written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract.offline import extract_offline
from factcheck.extract.sources import skeleton
from factcheck.ingest import article_from_text, load_article
from factcheck.models import CounterKind, Extraction, SourceKind
from factcheck.text.grounding import ungrounded

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = FIXTURES / "seeds"


def _extract(name: str) -> Extraction:
    (article,) = load_article(SEEDS / name)
    return extract_offline(article)


@pytest.fixture(scope="module")
def a000() -> Extraction:
    return _extract("000_7a755da794561b55.txt")


@pytest.fixture(scope="module")
def a002() -> Extraction:
    return _extract("002_bb4ab9c79788da7a.txt")


def _source(ex: Extraction, sid: str | None) -> str:
    return next(s.name for s in ex.sources if s.id == sid) if sid else ""


def test_report_claim_has_outlet_claimant_and_anonymous_backing(a000: Extraction) -> None:
    claim = next(c for c in a000.claims if "كان يتعاون سراً مع التحالف الدولي" in c.quote.text)
    assert "نيويورك تايمز" in _source(a000, claim.claimant)
    kinds = {s.kind for s in a000.sources if s.id in claim.based_on}
    assert kinds == {SourceKind.anonymous}
    assert claim.anonymous
    assert claim.check_worthiness >= 0.5


def test_quoted_words_become_the_quote(a000: Extraction) -> None:
    claim = next(c for c in a000.claims if "وقّع رسمياً على إعلان للتعاون السياسي والعسكري" in c.quote.text)
    assert "نيويورك تايمز" in _source(a000, claim.claimant)  # "وقالت الصحيفة" resolves back


def test_minister_claim_with_apposition(a000: Extraction) -> None:
    claim = next(c for c in a000.claims if "وقّع إعلان تعاون سياسي" in c.quote.text)
    src = next(s for s in a000.sources if s.id == claim.claimant)
    assert src.kind == SourceKind.official
    assert src.role and "وزير" in src.role


def test_presidency_denial_is_a_counter(a000: Extraction) -> None:
    denials = [c for c in a000.counters if c.kind == CounterKind.denial]
    quotes = " ".join(c.quote.text for c in denials)
    assert "غير صحيحة" in quotes
    assert "وجود تعاون بين الرئيس السوري" in quotes
    speakers = {_source(a000, c.speaker) for c in denials}
    assert any("الرئاسة" in s or "مديرية" in s for s in speakers)


def test_hedged_claim_is_less_check_worthy(a000: Extraction) -> None:
    hedged = next(c for c in a000.claims if "قد تكون فصيلًا" in c.quote.text)
    assert hedged.check_worthiness < 0.5


def test_attribution_denial_linked_to_the_interview_it_disowns(a002: Extraction) -> None:
    denial = next(c for c in a002.counters if c.kind == CounterKind.attribution_denial)
    assert denial.targets, "the denial names The Media Line: it must target that report"
    target = next(c for c in a002.claims if c.id == denial.targets[0])
    assert "interest-based cooperation" in target.quote.text
    assert "@maabdwalshamee1" in next(s.handles for s in a002.sources if s.id == denial.speaker)


def test_embedded_post_label_names_the_speaker(a002: Extraction) -> None:
    # "مديرية الإعلام ... للإخبارية:" opens the post: the directorate speaks, the channel relays.
    c = next(
        c
        for c in a002.counters
        if "نؤكد" in a002.article.text[c.quote.start - 6 : c.quote.end] or c.quote.text.startswith("عدم صحة المعلومات")
    )
    assert "مديرية" in _source(a002, c.speaker)


def test_headline_list_left_no_items(a000: Extraction) -> None:
    # ingest removed the related-headlines list; nothing may be extracted from it.
    assert not any("تنفي تعاون أحمد الشرع مع واشنطن" in c.quote.text for c in [*a000.claims, *a000.counters])


@pytest.mark.parametrize(
    "path",
    # fixtures/bad holds inputs ingest must refuse (tests/test_bad_inputs.py), not articles
    sorted(p for p in FIXTURES.rglob("*.txt") if p.relative_to(FIXTURES).parts[0] != "bad"),
    ids=lambda p: str(p.relative_to(FIXTURES)),
)
def test_every_quote_is_grounded(path: Path) -> None:
    for article in load_article(path):
        ex = extract_offline(article)
        assert ungrounded(ex) == []
        assert len({c.id for c in ex.claims}) == len(ex.claims)


def test_deterministic() -> None:
    (article,) = load_article(SEEDS / "000_7a755da794561b55.txt")
    assert extract_offline(article).model_dump_json() == extract_offline(article).model_dump_json()


ENGLISH = (
    "Officials who spoke on condition of anonymity said the ministry had paid $4 million to the contractor. "
    '"We never made such a payment," the Ministry of Finance said in a statement. '
    "According to Reuters, the contract was signed in March 2024.\n\n"
    "Jane Doe, the ministry's spokeswoman, told The Daily Star that the audit would be published."
)


def test_english_attributions_denials_and_anonymity() -> None:
    ex = extract_offline(article_from_text(ENGLISH, outlet="Example News"))
    by_quote = {c.quote.text: c for c in ex.claims}
    anon = next(c for q, c in by_quote.items() if "paid $4 million" in q)
    assert anon.anonymous
    reuters = next(c for q, c in by_quote.items() if "contract was signed" in q)
    assert _source(ex, reuters.claimant) == "Reuters"
    denial = next(c for c in ex.counters)
    assert denial.kind == CounterKind.denial
    assert "never made such a payment" in denial.quote.text
    assert "Ministry of Finance" in _source(ex, denial.speaker)
    spokes = next(c for q, c in by_quote.items() if "audit would be published" in q)
    assert "Jane Doe" in _source(ex, spokes.claimant)


def test_english_attribution_denial() -> None:
    text = 'In a post on Sunday, the senator said: "I never gave that interview to the Gazette."'
    ex = extract_offline(article_from_text(text))
    assert [c.kind for c in ex.counters] == [CounterKind.attribution_denial]


def test_cross_script_name_skeleton() -> None:
    assert skeleton("مظهر الويس") == skeleton("Mazhar al-Wais")
    assert skeleton("توم براك") == skeleton("Tom Barrack")
    assert skeleton("أحمد") != skeleton("Mazhar")


def test_english_post_posed_attribution_and_split_quotes() -> None:
    text = (
        "Flash floods killed at least 42 people in the north, the civil defence directorate said on Tuesday.\n\n"
        '"I never gave that interview. I have not spoken to any newspaper," Helena Marsh said in a statement.'
    )
    ex = extract_offline(article_from_text(text, outlet="Herald"))
    claim = next(c for c in ex.claims if "42 people" in c.quote.text)
    assert "civil defence directorate" in _source(ex, claim.claimant)
    (denial,) = ex.counters
    assert denial.kind == CounterKind.attribution_denial
    assert denial.quote.text.startswith("I never gave that interview. I have not spoken")
    assert _source(ex, denial.speaker) == "Helena Marsh"


def test_span_containment_index_agrees_with_a_scan_of_every_span() -> None:
    # The extractor's "is this quote inside one already kept?" test, indexed so that a long article
    # is not quadratic: same answers as comparing with every kept span.
    import random

    from factcheck.extract.spans import Spans

    rng = random.Random(7)
    for _ in range(200):
        index, kept = Spans(), []
        for _ in range(40):
            s = rng.randrange(0, 300)
            e = s + rng.choice([rng.randrange(1, 20), rng.randrange(1, 200)])
            expected = any(ks <= s and e <= ke for ks, ke in kept)
            assert index.covers(s, e) == expected
            if not expected:
                index.add(s, e)
                kept.append((s, e))


def test_quote_before_matches_as_its_backtracking_form() -> None:
    # QUOTE_BEFORE's speaker part is possessive so that a long line of words after a quotation is not
    # backtracked through every split; it must find the same matches as the plain form.
    import random
    import re

    from factcheck.extract.patterns import QUOTE_BEFORE

    plain = re.compile(r"[\"“]([^\"”]{8,600})[,.]?[\"”]\s*,?\s*(?P<who>(?:[\w.'’,-]+\s*){0,9})$")
    words = ["ab", "said", "x", ",", ".", "O'Neil", "al-X", "’s", "قال", "  ", " , "]
    rng = random.Random(3)
    for _ in range(3000):
        s = (
            rng.choice(["", "he ", 'x "'])
            + rng.choice(['"', "“"])
            + "quoted words here"
            + rng.choice(["", ",", "."])
            + rng.choice(['"', "”"])
            + rng.choice(["", " ", ",", " , "])
            + " ".join(rng.choice(words) for _ in range(rng.randrange(0, 13)))
        )
        a, b = plain.search(s), QUOTE_BEFORE.search(s)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), s
