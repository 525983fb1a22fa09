"""Render: section order in both languages, direction, escaping, honesty about translation, determinism."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from render_support import HOSTILE, build_brief

from factcheck.errors import ConfigError, GroundingError, TemplateError
from factcheck.models import Brief, ClaimStatus, FindingKind, Quote, RunInfo, Source, SourceKind
from factcheck.render import build_view, i18n, render
from factcheck.render.view import md_escape
from factcheck.text.grounding import ungrounded

HEADINGS = {
    lang: [i18n.LABELS[f"heading_{k}"][lang] for k in ("dispute", "versions", "origin", "claims", "sources", "method")]
    for lang in ("ar", "en")
}


@pytest.fixture(scope="module")
def brief() -> Brief:
    b = build_brief()
    assert ungrounded(b) == []
    return b


@pytest.fixture(scope="module")
def hostile() -> Brief:
    b = build_brief(hostile=True)
    assert ungrounded(b) == []
    return b


def split_html(html: str) -> dict[str, str]:
    i = html.index('<section class="part" id="part-en"')
    return {"ar": html[:i], "en": html[i:]}


def split_md(md: str) -> dict[str, str]:
    i = md.index('<div dir="ltr" lang="en">')
    return {"ar": md[:i], "en": md[i:]}


class _Collect(HTMLParser):
    """Sections (attrs) and quotes (attrs, text without <mark>) of a rendered brief."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict[str, str | None]] = []
        self.quotes: list[tuple[dict[str, str | None], str]] = []
        self._quote: dict[str, str | None] | None = None
        self._text: list[str] = []
        self.html_attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        if tag == "section":
            self.sections.append(a)
        if tag == "q" and "quote" in (a.get("class") or ""):
            self._quote, self._text = a, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "q" and self._quote is not None:
            self.quotes.append((self._quote, "".join(self._text)))
            self._quote = None

    def handle_data(self, data: str) -> None:
        if self._quote is not None:
            self._text.append(data)


def collect(html: str) -> _Collect:
    c = _Collect()
    c.feed(html)
    return c


# ----------------------------------------------------------------------------------------------- json


def test_json_is_the_model_and_deterministic(brief: Brief) -> None:
    out = render(brief, format="json")
    assert out == brief.model_dump_json(indent=2)
    assert Brief.model_validate_json(out) == brief
    assert render(build_brief(), format="json") == out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_byte_identical_for_the_same_brief(fmt: str) -> None:
    assert render(build_brief(), format=fmt) == render(build_brief(), format=fmt)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------ structure


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_sections_in_order_in_both_languages(brief: Brief, fmt: str) -> None:
    out = render(brief, format=fmt)  # type: ignore[arg-type]
    parts = split_md(out) if fmt == "md" else split_html(out)
    assert out.index(i18n.LABELS["title"]["ar"]) < out.index(i18n.LABELS["title"]["en"])  # ar first by default
    for lang, text in parts.items():
        marker = "## " if fmt == "md" else "<h2 "
        found = [h for h in re.findall(rf"{re.escape(marker)}[^\n]*", text) if re.search(r"\d\. ", h)]
        assert len(found) == 6, found
        for n, (line, heading) in enumerate(zip(found, HEADINGS[lang], strict=True), 1):
            assert f"{n}. {heading}" in line
    other = {"ar": "en", "en": "ar"}
    for lang, text in parts.items():  # the other language's headings do not leak in
        assert HEADINGS[other[lang]][3] not in text


def test_same_claim_numbers_in_both_languages(brief: Brief) -> None:
    for fmt in ("md", "html"):
        parts = render(brief, format=fmt)  # type: ignore[arg-type]
        split = split_md(parts) if fmt == "md" else split_html(parts)
        ids = {lang: re.findall(r"\bC\d+\b", text) for lang, text in split.items()}
        assert ids["ar"] == ids["en"]
        assert set(ids["en"]) == {c.id for c in brief.clusters}


def test_html_direction_and_language(brief: Brief) -> None:
    html = render(brief, format="html")
    c = collect(html)
    assert c.html_attrs == {"lang": "ar", "dir": "rtl"}
    parts = [(s.get("lang"), s.get("dir")) for s in c.sections]
    assert parts == [("ar", "rtl"), ("en", "ltr")]
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # standalone: no external assets
    en = split_html(html)["en"]
    # an Arabic quote inside the English part keeps its own language and direction
    assert re.search(r'<q class="quote" lang="ar" dir="rtl"', en)
    # handles and ids are isolated so they cannot reorder the surrounding line
    assert '<bdi dir="ltr">@maabdwalshamee1</bdi>' in split_html(html)["ar"]
    assert "@media print" in html and "break-before: page" in html


def test_langs_selects_one_part(brief: Brief) -> None:
    en = render(brief, format="html", langs=("en",))
    assert collect(en).html_attrs == {"lang": "en", "dir": "ltr"}
    assert HEADINGS["ar"][0] not in en and HEADINGS["en"][0] in en
    ar = render(brief, format="md", langs=["ar"])
    assert HEADINGS["en"][0] not in ar and HEADINGS["ar"][5] in ar


def test_bad_format_or_language_is_a_clear_error(brief: Brief) -> None:
    with pytest.raises(ConfigError, match="format"):
        render(brief, format="pdf")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="language") as err:
        render(brief, langs=("fr",))
    assert err.value.hint


# ------------------------------------------------------------------------------------------- escaping


def test_html_escapes_article_text(hostile: Brief) -> None:
    html = render(hostile, format="html")
    assert "<script>" not in html and "<img src=x" not in html and "<b>evil" not in html
    assert "&lt;script&gt;alert(" in html
    quotes = [text for _, text in collect(html).quotes]
    assert HOSTILE in quotes  # shown (escaped in the source), not dropped


def test_markdown_escapes_article_text(hostile: Brief) -> None:
    md = render(hostile, format="md")
    for raw in ("<script>", "<img", "<b>", "[رابط]", "*نجمة*", "_خط_", "$x$"):
        assert not re.search(r"(?<!\\)" + re.escape(raw), md), raw
    assert "\\<script\\>" in md and "\\| \\# \\*نجمة\\*" in md
    assert "@\u200bsomeone" in md  # no GitHub @mention notification
    row = next(line for line in md.splitlines() if line.startswith("| **C6**"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 7  # the quote's "|" does not add table cells
    title_row = next(line for line in md.splitlines() if line.startswith("| **A1**"))
    assert "مع التحالف \\| تقرير" in title_row and len(re.findall(r"(?<!\\)\|", title_row)) == 5  # four columns


def test_md_escape_unit() -> None:
    assert md_escape("a|b") == "a\\|b"
    assert md_escape("# title") == "\\# title"
    assert md_escape("1. item") == "1\\. item"
    assert md_escape("- item") == "\\- item"
    assert md_escape("two\nlines\r\n here") == "two lines here"
    assert md_escape("<x> *y* _z_ [l](u) `c`") == "\\<x\\> \\*y\\* \\_z\\_ \\[l\\](u) \\`c\\`"


def test_markdown_wraps_arabic_in_rtl_div(brief: Brief) -> None:
    md = render(brief, format="md")
    assert md.startswith('<div dir="rtl" lang="ar">\n\n')
    assert md.count("</div>") == 2 and "\n\n</div>" in md
    parts = split_md(md)
    # text in the other direction is isolated (GitHub keeps dir on <span>), so file names do not scramble
    assert '<span dir="ltr">000\\_7a755da794561b55.txt</span>' in parts["ar"]
    assert '<span dir="rtl" lang="ar">«كان يتعاون' in parts["en"]
    assert '<span dir="ltr" lang="en">“In an interview' in parts["ar"]
    row = "".join(x for x in parts["en"].splitlines() if x.startswith("| **A1**"))
    assert '| <span dir="rtl" lang="ar">سوريا تنفي' in row  # an Arabic title is isolated in the English part
    assert ".txt" not in row  # file names only in the method section


# ------------------------------------------------------------------------------- honesty and grounding


def test_every_quote_shown_is_verbatim_at_its_span(hostile: Brief) -> None:
    texts = {a.id: a.text for a in hostile.articles}
    quotes = collect(render(hostile, format="html")).quotes
    assert len(quotes) >= 2 * len(hostile.clusters)
    for attrs, text in quotes:
        start, end = (int(x) for x in (attrs["data-span"] or "").split("-"))
        assert texts[attrs["data-article"] or ""][start:end] == text


def test_english_part_shows_untranslated_original_offline(brief: Brief) -> None:
    en = split_md(render(brief, format="md"))["en"]
    c1 = brief.claims[0].quote.text
    cards = [x for x in en.splitlines() if x.startswith("  - Claim:")]
    assert c1 in cards[0] and "original Arabic, not translated" in cards[0]
    assert "machine rendering" not in en
    assert "Offline mode: nothing is translated" in en
    # the English quote of an Arabic article is shown as is in the English part, marked in the Arabic one
    media_line = brief.claims[4].quote.text
    assert media_line in cards[1] and "not translated" not in cards[1]
    ar = split_md(render(brief, format="md"))["ar"]
    ar_card = [x for x in ar.splitlines() if x.startswith("  - الادعاء:")][1]
    assert media_line in ar_card and "النص الأصلي بالإنجليزية، غير مترجم" in ar_card
    # the claims table is an overview: the part says once that nothing is translated
    row = next(x for x in en.splitlines() if x.startswith("| **C1**"))
    assert "not translated" not in row


def test_machine_rendering_is_labelled_and_keeps_the_original() -> None:
    b = build_brief(llm=True)
    parts = split_html(render(b, format="html"))
    en = parts["en"]
    assert "machine rendering: Al-Sharaa secretly cooperated" in en
    assert "original Arabic:" in en and b.claims[0].quote.text in en
    assert "صياغة آلية: مقابلة منسوبة إلى الويس" in parts["ar"]
    assert "Offline mode" not in en


def test_statuses_and_finding_kinds_are_words_in_each_language(brief: Brief) -> None:
    parts = split_html(render(brief, format="html"))
    for lang, text in parts.items():
        for cluster in brief.clusters:
            assert i18n.status_label(cluster.status, lang) in text
        # badge and text never repeat each other: the badge says the status, no finding label echoes it
        for kind in (FindingKind.contested, FindingKind.attribution_disputed):
            badge = f'st-{kind.value}">{i18n.status_label(ClaimStatus(kind.value), lang)}</span>'
            assert badge in text
            assert f"{badge} {i18n.finding_label(kind, lang)}" not in text
    assert 'class="badge st-contested">contested<' in parts["en"]


def test_every_label_exists_in_both_languages() -> None:
    assert i18n.check_complete() == []
    for status in ClaimStatus:
        assert {i18n.status_label(status, lang) for lang in ("ar", "en")} - {""}
    for kind in FindingKind:
        assert i18n.finding_label(kind, "ar") != i18n.finding_label(kind, "en")


# ---------------------------------------------------------------------------------------- the content


def test_dispute_line_says_who_claims_who_denies_and_when(brief: Brief) -> None:
    parts = split_md(render(brief, format="md"))
    en = parts["en"][parts["en"].index("## 1.") :]
    en_line = next(x for x in en.splitlines() if x.startswith("- **C1**"))
    assert "The New York Times" in en_line and "14 November 2025" in en_line
    assert "Media Directorate of the Syrian Presidency **denies**" in en
    assert "Mazhar al-Wais **denies the attribution**" in en
    ar = parts["ar"][parts["ar"].index("## 1.") :]
    ar_line = next(x for x in ar.splitlines() if x.startswith("- **C1**"))
    assert "نيويورك تايمز" in ar_line and "تشرين الثاني/نوفمبر 2025" in ar_line
    # a directorate (مديرية …) is feminine: تنفي, never ينفي
    assert "مديرية الإعلام في الرئاسة السورية **تنفي**" in ar and "**ينفي**" not in ar
    assert brief.counters[0].quote.text in parts["ar"]


def test_versions_side_by_side_with_differing_words_marked(brief: Brief) -> None:
    html = render(brief, format="html")
    assert "<mark>السياسي والعسكري</mark>" in html and "<mark>سياسي</mark>" in html
    md = render(brief, format="md")
    assert "**السياسي والعسكري**" in md
    header = next(x for x in split_md(md)["en"].splitlines() if x.startswith("| Version A"))
    assert "Version B" in header and "A1" in header


def test_origin_single_and_anonymous(brief: Brief) -> None:
    parts = split_md(render(brief, format="md"))
    assert "It appears in 2 articles, all from one origin, The New York Times" in parts["en"]
    assert "Arabi21 citing The New York Times citing _Unnamed Syrian officials" in parts["en"]
    assert "(unnamed source)" in parts["en"] and "(named source)" in parts["en"]
    assert "يرد في مقالين ويعود كله إلى أصل واحد هو نيويورك تايمز" in parts["ar"]


def test_sources_kinds_and_names(brief: Brief) -> None:
    parts = split_html(render(brief, format="html"))
    assert "government body" in parts["en"] and "جهة حكومية" in parts["ar"]
    # no English name known and no Latin form in the articles: transliterated and marked, never guessed
    assert 'Hamza al-Mastfa</bdi> <span class="mr">(transliterated)</span>' in parts["en"]
    assert "حمزة المصطفى" in parts["ar"] and "Hamza" not in parts["ar"]
    assert "The New York Times" in parts["en"] and "The New York Times" not in parts["ar"]


def test_header_articles_and_consistent_values(brief: Brief) -> None:
    en = split_md(render(brief, format="md"))["en"]
    assert "000\\_7a755da794561b55.txt" in en and "14 November 2025" in en and "abb4ab9c79788" in en
    assert "Consistent values written differently" in en and "The two dates are written differently" in en


def test_method_names_failures_notes_and_limits(brief: Brief) -> None:
    en = split_md(render(brief, format="md"))["en"]
    assert "offline rules (no language model)" in en and "no language model was called" in en
    assert "broken.html (reading): bytes are not valid UTF-8 \\| cannot decode" in en
    assert "dropped 1 claim" in en
    assert "does not judge whether any claim is true" in en and "no web search" in en
    llm = split_md(render(build_brief(llm=True), format="md"))["en"]
    for needle in ("gpt-4o-mini", "extract-v1", "2 calls", "5800 total tokens", "$0.0012"):
        assert needle in llm.replace("\\$", "$")


def test_empty_brief_renders_with_nothing_messages() -> None:
    empty = Brief(
        articles=[],
        sources=[],
        claims=[],
        counters=[],
        clusters=[],
        findings=[],
        run=RunInfo(factcheck_version="0.1.0"),
    )
    for fmt in ("md", "html"):
        out = render(empty, format=fmt)  # type: ignore[arg-type]
        assert i18n.LABELS["nothing_dispute"]["en"] in out and i18n.LABELS["nothing_claims"]["ar"] in out


# -------------------------------------------------------------------------------------------- templates


def test_user_template_dir_overrides_shipped_files(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "part.md.j2").write_text("PART {{ part.lang }} {{ part.claims | length }}\n")
    out = render(brief, format="md", template_dir=tmp_path)
    assert out.startswith("PART ar 5\n") and "PART en 5\n" in out  # shipped brief.md.j2, user partial
    html = render(brief, format="html", template_dir=tmp_path)  # files not overridden fall back
    assert HEADINGS["en"][0] in html
    own = tmp_path / "own"
    own.mkdir()
    (own / "brief.html.j2").write_text("<p>{{ parts[0].claims[-1].quote.text }}</p>")
    custom = render(build_brief(hostile=True), format="html", template_dir=own)
    assert custom.startswith("<p>") and "&lt;script&gt;" in custom  # user HTML templates are autoescaped too


def test_user_template_errors_are_template_errors(brief: Brief, tmp_path: Path) -> None:
    cases = {
        "undefined": ("{{ part_that_does_not_exist.x }}", "brief.md.j2"),
        "missing": ('{% include "partials/missing.md.j2" %}', "missing.md.j2"),
        "syntax": ("{% for x in %}", "line 1"),
    }
    for name, (text, needle) in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "brief.md.j2").write_text(text)
        with pytest.raises(TemplateError) as err:
            render(brief, format="md", template_dir=folder)
        assert needle in str(err.value) and err.value.hint, name
    with pytest.raises(TemplateError, match="does not exist"):
        render(brief, format="md", template_dir=tmp_path / "nope")


def test_cluster_with_several_dispute_findings_is_one_item() -> None:
    b = build_brief()
    extra = b.findings[0].model_copy(update={"id": "f7", "explanation_en": "A second denial finding."})
    b.findings.append(extra)
    b.clusters[0].findings.append("f7")
    en = split_md(render(b, format="md"))["en"]
    section = en[en.index("## 1.") : en.index("## 2.")]
    assert len(re.findall(r"^- \*\*C1\*\*", section, re.M)) == 1
    assert section.count("**denies**") == 1


def test_a_tampered_brief_is_refused_not_rendered() -> None:
    brief = build_brief()
    claim = brief.claims[0]
    fake = "Z" * len(claim.quote.text)
    brief.claims[0] = claim.model_copy(update={"quote": Quote(text=fake, start=claim.quote.start, end=claim.quote.end)})
    for fmt in ("md", "html", "json"):
        with pytest.raises(GroundingError):
            render(brief, format=fmt)  # type: ignore[arg-type]


def test_md_escape_defuses_autolinks_and_bidi_overrides() -> None:
    out = md_escape("Read HTTPS://phish.example/login or www.phish.example now \u202eevil\u202c")
    assert "HTTPS://" not in out and "www." not in out  # GitHub would make these live links
    assert "HTTPS\u200b://phish.example/login" in out and "www\u200b.phish.example" in out
    assert "\u202e" not in out and "\u202c" not in out and "evil" in out
    assert md_escape("wwwhat a show: httpd runs") == "wwwhat a show: httpd runs"  # not links: untouched


def test_english_names_from_a_model_are_labelled_machine_renderings(brief: Brief) -> None:
    named = [s for s in brief.sources if s.name_en and s.name_en != s.name]
    assert named  # the fixture has English names (a person's, from the gold file)
    llm = brief.model_copy(update={"run": brief.run.model_copy(update={"extractors": ["llm"]})})
    for fmt in ("md", "html"):
        assert "machine rendering" not in render(brief, format=fmt, langs=("en",)).split("Method")[0]
        assert f"{named[0].name_en}" in render(llm, format=fmt, langs=("en",))
        out = render(llm, format=fmt, langs=("en",))
        assert out.count("machine rendering") >= len({s.name_en for s in named if s.name_en in out})


def test_render_leaves_the_shared_template_environment_alone(brief: Brief) -> None:
    """The Markdown filter lives on an overlay made once per template folder, not on the cached
    environment every render() call used to change."""
    from factcheck.resources import template_env

    render(brief, format="md")
    assert "md" not in template_env(None).filters


def test_view_records_are_keyword_only() -> None:
    from factcheck.render.view import SourceRef

    with pytest.raises(TypeError):
        SourceRef("s1", "name", "ar", "rtl", "person", False)  # type: ignore[misc]
    assert SourceRef(id="s1", name="n", lang="ar", dir="rtl", kind_label="k", anonymous=False).name == "n"


def test_the_source_count_counts_the_sources_listed(brief: Brief) -> None:
    """A source with nothing attached is not listed, nor counted."""
    extra = brief.model_copy(
        update={"sources": [*brief.sources, Source(id="idle", name="مصدر بلا شيء", kind=SourceKind.person)]}
    )
    for part in build_view(extra):
        assert dict(part.counts)[part.L["count_sources"]] == len(part.sources)
        assert all(row.source.id != "idle" for row in part.sources)
