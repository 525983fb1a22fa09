"""schema.org ClaimReview JSON-LD for the claims a brief finds in dispute or corroborated.

Fact-check aggregators and CMSs read ClaimReview (schema.org/ClaimReview; the fields follow what
search engines document for it). One review per claim cluster whose status is contested,
attribution disputed or corroborated. What the markup says is what the brief says, nothing more:

- ``claimReviewed``: the claim's own words (its first quote), cut at a word to 75 characters;
- ``itemReviewed``: a ``Claim`` with its ``author`` (the claimant, when the articles name one),
  ``appearance`` (the articles' URLs, when known) and ``datePublished`` (the earliest article date);
- ``reviewRating.alternateName``: the brief's own status words in the chosen language. There is no
  numeric rating: the brief reports how the articles agree, it does not rate truth;
- ``author``: the publishing organisation (given by the caller: the newsroom), ``url`` and
  ``datePublished`` of the brief.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from ..ingest import detect_language
from ..models import Brief, ClaimCluster, ClaimStatus, SourceKind
from . import i18n

REVIEWED = (ClaimStatus.attribution_disputed, ClaimStatus.contested, ClaimStatus.corroborated)
MAX_CLAIM_CHARS = 75
_PEOPLE = {SourceKind.person, SourceKind.official}


def _cut(text: str, limit: int = MAX_CLAIM_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,.،:؛") + "…"


def _entity(brief: Brief, source_id: str | None, lang: str) -> dict[str, Any] | None:
    src = next((s for s in brief.sources if s.id == source_id), None)
    if src is None:
        return None
    name = src.name_en if lang == "en" and src.name_en else src.name
    entity: dict[str, Any] = {"@type": "Person" if src.kind in _PEOPLE else "Organization", "name": name}
    if src.role:
        entity["jobTitle"] = src.role
    return entity


def _review(brief: Brief, cluster: ClaimCluster, lang: str) -> dict[str, Any]:
    claims = [c for c in brief.claims if c.id in cluster.claims]
    articles = {a.id: a for a in brief.articles}
    first = claims[0]
    item: dict[str, Any] = {"@type": "Claim"}
    author = _entity(brief, cluster.claimant or first.claimant, lang)
    if author is not None:
        item["author"] = author
    urls = sorted({u for c in claims if (u := articles[c.article_id].url)})
    if urls:
        item["appearance"] = [{"@type": "CreativeWork", "url": u} for u in urls]
    dates = sorted(d for c in claims if (d := articles[c.article_id].published) is not None)
    if dates:
        item["datePublished"] = dates[0].isoformat()
    # The quote's own language: an Arabic article may quote an English interview verbatim.
    language = detect_language(first.quote.text)
    if language not in i18n.LANGS:
        language = articles[first.article_id].language
    return {
        "claimReviewed": _cut(first.quote.text),
        "inLanguage": language if language in i18n.LANGS else lang,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "alternateName": i18n.status_label(cluster.status, lang)},
    }


def claim_reviews(
    brief: Brief,
    *,
    publisher: str,
    publisher_url: str | None = None,
    url: str | None = None,
    date_published: dt.date | None = None,
    lang: str = "en",
) -> list[dict[str, Any]]:
    """One ClaimReview object per claim cluster in dispute or corroborated (brief order)."""
    if lang not in i18n.LANGS:
        raise ValueError(f"lang must be one of {', '.join(i18n.LANGS)}, not {lang!r}")
    if not publisher.strip():
        raise ValueError("a ClaimReview needs the publishing organisation's name (publisher)")
    author: dict[str, Any] = {"@type": "Organization", "name": publisher.strip()}
    if publisher_url:
        author["url"] = publisher_url
    out = []
    for cluster in brief.clusters:
        if cluster.status not in REVIEWED or not cluster.claims:
            continue
        review: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview", "author": author}
        if url:
            review["url"] = f"{url}#{cluster.id}"
        review["datePublished"] = (date_published or dt.date.today()).isoformat()
        review.update(_review(brief, cluster, lang))
        out.append(review)
    return out


def render_claimreview(brief: Brief, *, publisher: str, langs: Sequence[str] = ("en",), **kwargs: Any) -> str:
    """The reviews as a JSON-LD document (a list), one set per language asked for."""
    reviews = [r for lang in langs for r in claim_reviews(brief, publisher=publisher, lang=lang, **kwargs)]
    return json.dumps(reviews, ensure_ascii=False, indent=2)
