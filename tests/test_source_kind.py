"""Sources that are sources: a common noun for a class of people, a document or a medium
(analysts, reports, a post; محللون، تقارير) is typed as what it is (a generic class, a social
account), never as a person or an outlet, and an interview is no source at all; a state's name
that speaks is a government. Every sentence here is invented for these tests; the word lists are
lexicon data (generic_source, feminine_name)."""

from __future__ import annotations

import pytest

from factcheck.extract.offline import extract_offline
from factcheck.extract.source_kind import generic_kind, is_country
from factcheck.ingest import article_from_text
from factcheck.models import SourceKind


def _kinds(text: str) -> dict[str, SourceKind]:
    ext = extract_offline(article_from_text(text, outlet="Example Daily"))
    return {s.name: s.kind for s in ext.sources if s.name != "Example Daily"}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("قال محللون إن أسعار الذهب سترتفع قبل نهاية العام.", "محللون", SourceKind.generic),
        ("ذكرت تقارير استخباراتية أن السفينة غادرت الميناء ليلا.", "تقارير استخباراتية", SourceKind.generic),
        ("قال سكان إن المياه لم تصل إلى الحي منذ أسبوع.", "سكان", SourceKind.generic),
        ("زعم منشور على فيسبوك أن الجسر انهار.", "منشور", SourceKind.social_account),
        ("نفت تونس أن تكون قد أغلقت معبرها الجنوبي.", "تونس", SourceKind.government),
        ("Analysts said the bank would cut rates in March.", "Analysts", SourceKind.generic),
        ("Opposition lawmakers said the vote had been rigged.", "Opposition lawmakers", SourceKind.generic),
        ("Residents said the river rose overnight.", "Residents", SourceKind.generic),
        (
            "A post shared thousands of times claimed the bridge had collapsed.",
            "A post shared thousands of times",
            SourceKind.social_account,
        ),
    ],
)
def test_generic_nouns_are_typed_as_what_they_are(text: str, name: str, kind: SourceKind) -> None:
    kinds = _kinds(text)
    assert any(n.startswith(name) and k is kind for n, k in kinds.items()), kinds


def test_a_titled_name_stays_a_person_though_its_title_is_a_generic_plural() -> None:
    kinds = _kinds("Lawmaker Jane Doe said the bill would pass on Friday.")
    assert kinds.get("Jane Doe") is SourceKind.official


def test_an_interview_is_not_a_source() -> None:
    ext = extract_offline(
        article_from_text("The mayor wanted the park closed, according to the interview.", outlet="Example Daily")
    )
    assert not [s for s in ext.sources if "interview" in s.name.lower()]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("محللين في شؤون الطاقة", "generic"),
        ("والخبراء", "generic"),
        ("experts", "generic"),
        ("Several independent analysts", "generic"),
        ("A Facebook page", "social_account"),
        ("the interview", "none"),
        ("Experts Panel Chair Ann Lee", None),  # a name follows the noun: not its head
        ("Ministry of Water experts", None),  # a named body before it: left to the body rules
        ("وزارة المياه", None),
        ("Jane Doe", None),
    ],
)
def test_generic_head(name: str, value: str | None) -> None:
    assert generic_kind(name) == value


def test_country_names_are_lexicon_data() -> None:
    assert is_country("مصر") and is_country("وتركيا")
    assert not is_country("مصر الجديدة للتأمين") and not is_country("العراق")  # masculine: not listed


@pytest.mark.parametrize(
    "text",
    ["Analysts said the bank would cut rates in March.", "قال محللون إن أسعار الذهب سترتفع قبل نهاية العام."],
)
def test_a_class_speaks_for_itself(text: str) -> None:
    """Unnamed officials quoted by an outlet make the outlet the claimant (it vouches for them, and
    the claim rests on unnamed sources); a class named by a generic noun voices its own view: it is
    the claimant, and the claim is not one resting on anonymous sources."""
    ext = extract_offline(article_from_text(text, outlet="Example Daily"))
    names = {s.id: s for s in ext.sources}
    claim = ext.claims[0]
    assert names[claim.claimant or ""].kind is SourceKind.generic and not claim.anonymous
    officials = extract_offline(article_from_text("Officials said the bank would cut rates.", outlet="Example Daily"))
    assert {s.id: s.name for s in officials.sources}[officials.claims[0].claimant or ""] == "Example Daily"
    assert officials.claims[0].anonymous
