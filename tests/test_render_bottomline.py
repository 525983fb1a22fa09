"""The first screen (bottom line), response cards, Arabic agreement and the notes in each language."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from render_support import build_brief

from factcheck.models import Article, CounterKind, CounterStatement, Quote, SourceKind
from factcheck.render import build_view, i18n, render
from factcheck.render._bottomline import response_span, responses
from factcheck.render._notes_i18n import note_views
from factcheck.render.agreement import agreement_ar


def split_html(html: str) -> dict[str, str]:
    i = html.index('<section class="part" id="part-en"')
    return {"ar": html[:i], "en": html[i:]}


def _quote(text: str, words: str) -> Quote:
    start = text.index(words)
    return Quote(text=words, start=start, end=start + len(words))


# ------------------------------------------------------------------------------------------ bottom line


def test_bottom_line_comes_first_and_says_who_claims_who_denies_and_origins() -> None:
    html = render(build_brief(), format="html")
    for lang, part in split_html(html).items():
        heading = i18n.LABELS["heading_bottom"][lang]
        # the bottom line comes before every section and before the articles table
        assert part.index(heading) < part.index(f'id="{lang}-dispute"')
        assert part.index(heading) < part.index('class="articles"')
        bottom = part[part.index('<ul class="bottom">') : part.index("</ul>", part.index('<ul class="bottom">'))]
        assert bottom.count("<li>") == 3  # C1 and C2 in dispute, C3/C4 versions
    en = split_html(html)["en"]
    bottom = en[en.index('<ul class="bottom">') :]
    assert "citing unnamed sources" in bottom and "all from one origin" in bottom
    assert "denies it" in bottom and "denies having said it" in bottom
    ar = split_html(html)["ar"]
    assert "نقلًا عن مصادر غير مسمّاة" in ar and "أصل واحد" in ar and "تنفي ذلك" in ar


def test_bottom_line_versions_name_who_holds_which_version() -> None:
    md = render(build_brief(), format="md")
    en = md[md.index('<div dir="ltr" lang="en">') :]
    line = next(x for x in en.splitlines() if x.startswith("- **C3"))
    assert "Versions differ in scope" in line and "The New York Times" in line
    assert "Hamza al-Mastfa _(transliterated)_" in line  # no Latin form in the articles: transliterated
    assert "وزير الإعلام السوري" in line  # the holder's role, as written
    table_head = next(x for x in en.splitlines() if x.startswith("| Version A"))
    assert "Version A — The New York Times" in table_head
    assert 'Version B — Hamza al-Mastfa _(transliterated)_ (<span dir="rtl" lang="ar">وزير' in table_head


def test_counts_are_one_compact_line_and_articles_table_has_no_paths_or_ids() -> None:
    brief = build_brief()
    _ar, en = build_view(brief)
    assert en.counts_line.startswith("Articles: 2 · Claims:") and "\n" not in en.counts_line
    html = render(brief, format="html")
    table = html[
        html.index('<table class="articles">') : html.index("</table>", html.index('<table class="articles">'))
    ]
    assert brief.articles[0].id not in table and ".txt" not in table
    method = html[html.index('id="en-method"') :]
    assert brief.articles[0].id in method and "000_7a755da794561b55.txt" in method


# ------------------------------------------------------------------------------------------- responses


def test_a_response_span_is_widened_back_to_its_cue() -> None:
    text = "وفي بيان مقتضب نفت الوزارة وجود أي اتفاق سري مع الشركة. وأضاف البيان أن التحقيق مستمر."
    start, end, cue = response_span(text, _quote(text, "وجود أي اتفاق سري مع الشركة"), CounterKind.denial)
    assert text[start:end] == "نفت الوزارة وجود أي اتفاق سري مع الشركة" and cue
    english = "The mayor's office on Friday denied that any contract had been signed. Talks go on."
    start, end, cue = response_span(english, _quote(english, "that any contract had been signed"), CounterKind.denial)
    assert english[start:end] == "denied that any contract had been signed" and cue
    # a cue in an earlier sentence is not this response's cue
    text2 = "نفى المتحدث ذلك. وقال إن الاجتماع عقد في موعده."
    start, _, cue = response_span(text2, _quote(text2, "الاجتماع عقد في موعده"), CounterKind.denial)
    assert start == text2.index("الاجتماع") and not cue


def test_one_quote_per_responder_the_shortest_that_carries_the_denial() -> None:
    text = (
        'نفت الهيئة ما نشرته الصحيفة عن إغلاق المصنع. وقالت الهيئة إن "خبر الإغلاق غير صحيح". '
        "وأضافت أن المصنع يعمل بكامل طاقته منذ الشهر الماضي وأن العمال في مواقعهم."
    )
    art = Article(id="a000000000001", text=text, language="ar")

    def counter(i: int, words: str) -> CounterStatement:
        return CounterStatement(
            id=f"k{i}",
            article_id=art.id,
            quote=_quote(text, words),
            statement=words,
            speaker="S1",
            kind=CounterKind.denial,
        )

    items = [
        counter(1, "ما نشرته الصحيفة عن إغلاق المصنع"),
        counter(2, "خبر الإغلاق غير صحيح"),
        counter(3, "المصنع يعمل بكامل طاقته منذ الشهر الماضي وأن العمال في مواقعهم"),
    ]
    [only] = responses(items, {art.id: text}, [art.id])
    assert only.quote.text == "خبر الإغلاق غير صحيح"
    assert text[only.quote.start : only.quote.end] == only.quote.text


def test_cards_show_each_response_once_with_its_cue() -> None:
    html = render(build_brief(), format="html")
    en = split_html(html)["en"]
    card = en[en.index('id="en-dispute"') : en.index('id="en-versions"')]
    assert card.count("أنفي ما تم تداوله") == 1  # the attribution denial, with its verb
    assert card.count('class="resp"') == 2  # one response per responder


# ---------------------------------------------------------------------------------------- Arabic grammar


@pytest.mark.parametrize(
    ("name", "kind", "feminine"),
    [
        ("الرئاسة السورية", SourceKind.government, True),
        ("وزارة الخارجية", SourceKind.government, True),
        ("مجلس الأمن الدولي", SourceKind.organisation, False),
        ("صحيفة الأخبار", SourceKind.news_outlet, True),
        ("Daily Courier", SourceKind.news_outlet, True),  # implied صحيفة
        ("الشروق", SourceKind.news_outlet, True),  # an outlet's own name: قالت الشروق
        ("موقع المدينة نيوز", SourceKind.news_outlet, False),  # a masculine head noun: قال موقع …
        ("حمزة العلي", SourceKind.official, False),  # a man's name ending in ة
        ("وزيرة الصحة", SourceKind.official, True),
        ("المتحدثة باسم الوزارة", SourceKind.official, True),
        ("د.سامر الخطيب", SourceKind.person, False),
    ],
)
def test_arabic_subject_gender(name: str, kind: SourceKind, feminine: bool) -> None:
    agreement = agreement_ar(name, kind)
    assert agreement == ("f" if feminine else "m")
    verb = i18n.counter_kind_label(CounterKind.denial, "ar", agreement=agreement)
    assert verb == ("تنفي" if feminine else "ينفي")


@pytest.mark.parametrize(
    ("name", "kind", "role", "agreement", "verb"),
    [
        ("تونس", SourceKind.government, None, "f", "تنفي"),  # a state: feminine without ة (lexicon)
        ("الجزائر", SourceKind.government, None, "f", "تنفي"),
        ("العراق", SourceKind.government, None, "m", "ينفي"),  # one of the masculine state names
        ("مسؤولون محليون", SourceKind.anonymous, None, "p", "ينفون"),  # sound masculine plural
        ("خبراء", SourceKind.generic, None, "p", "ينفون"),  # human broken plural (lexicon)
        ("محللين", SourceKind.generic, None, "p", "ينفون"),
        ("تقارير صحفية", SourceKind.generic, None, "f", "تنفي"),  # non-human plural: feminine singular
        ("مصادر مطلعة", SourceKind.anonymous, None, "f", "تنفي"),
        ("أحد المسؤولين", SourceKind.anonymous, None, "m", "ينفي"),
        ("سلوى الراشد", SourceKind.official, "مديرة المدرسة", "f", "تنفي"),  # the role's title decides
        ("نادر الراشد", SourceKind.official, "مدير المدرسة", "m", "ينفي"),
    ],
)
def test_arabic_subject_agreement(name: str, kind: SourceKind, role: str | None, agreement: str, verb: str) -> None:
    """Invented subjects; generated Arabic verbs agree in gender and number with each."""
    assert agreement_ar(name, kind, role) == agreement
    assert i18n.counter_kind_label(CounterKind.denial, "ar", agreement=agreement) == verb
    key = "resp_denial" if agreement == "m" else f"resp_denial_{agreement}"
    assert verb in i18n.SENTENCES[key]["ar"]


# ----------------------------------------------------------------------------------- notes and dates


class _ArabicProse(HTMLParser):
    """Text of the Arabic part outside quotes, names and technical values (paths, ids, models)."""

    SKIP = ("q", "bdi", "style", "title", "script")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.text.append(data)


def test_no_english_sentence_inside_the_arabic_part() -> None:
    brief = build_brief()
    brief.articles[0].notes += [
        "published date estimated from embedded post dates (the latest, 2025-11-14): an article cannot predate it",
        "replaced 3 no-break space(s) with spaces",
        "some future note nobody has translated yet, in English",
    ]
    ar = split_html(render(brief, format="html"))["ar"]
    ar = ar[ar.index('<section class="part"') :]
    prose = _ArabicProse()
    prose.feed(ar)
    text = " ".join(prose.text)
    assert not re.search(r"[A-Za-z]{2,}(?:\W+[A-Za-z]{2,}){2,}", text), re.findall(
        r"[A-Za-z][A-Za-z ,.'()-]{12,}", text
    )
    assert "تاريخ النشر تقديري" in ar and "ملاحظات تقنية لم تُترجم" in ar
    assert "(تقديري)" in ar  # the articles table marks the estimated date
    en = split_html(render(brief, format="html"))["en"]
    assert "some future note nobody has translated yet" in en and "(estimated)" in en


def test_notes_of_several_articles_are_shown_once_with_their_labels() -> None:
    notes = [
        ("a000000000001", "removed cookie banner (1 line)"),
        ("a000000000002", "removed cookie banner (1 line)"),
        (None, "offline extractor (deterministic rules; no LLM configured): restates the method lines"),
    ]
    labels = {"a000000000001": "A1", "a000000000002": "A2"}
    for lang in ("ar", "en"):
        [view] = note_views(notes, labels, lang)
        assert view.labels == ("A1", "A2") and view.known
    est = "published date estimated from embedded post dates (the latest, 2025-11-14): an article cannot…"
    [dated] = note_views([("a000000000001", est)], labels, "ar")
    assert "14 تشرين الثاني/نوفمبر 2025" in dated.text  # dates written out in each language
    [prefixed] = note_views([(None, "a000000000002: dropped 2 claims whose quote is not in the article")], labels, "ar")
    assert prefixed.labels == ("A2",) and "استُبعد" in prefixed.text


def test_failure_reasons_in_arabic_are_arabic() -> None:
    ar = split_html(render(build_brief(), format="html"))["ar"]
    failures = ar[ar.index(i18n.LABELS["failures"]["ar"]) :]
    assert "تعذّر فك ترميز الملف" in failures and "not valid UTF-8" not in failures


def test_dates_are_written_in_each_language() -> None:
    assert i18n.format_date(dt.date(2025, 11, 14), "ar") == "14 تشرين الثاني/نوفمبر 2025"
    assert i18n.format_date(dt.date(2025, 11, 14), "en") == "14 November 2025"


# ------------------------------------------------------------------------------------------- Markdown


def test_markdown_renders_as_commonmark_with_tables() -> None:
    """Parsed by a CommonMark renderer with GFM tables: every table row has its header's cell count,
    the parts keep their direction, and no article text turns into a link or an image."""
    from markdown_it import MarkdownIt

    brief = build_brief(hostile=True)
    md = render(brief, format="md")
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert '<div dir="rtl" lang="ar">' in html and '<div dir="ltr" lang="en">' in html
    assert "<h2>الخلاصة</h2>" in html and "<h2>Bottom line</h2>" in html
    assert "<a href" not in html and "<img" not in html and "<script>" not in html
    tables = 0
    cells: list[int] = []
    for tok in tokens:
        if tok.type == "table_open":
            tables += 1
        elif tok.type == "tr_open":
            cells.append(0)
        elif tok.type in ("th_open", "td_open"):
            cells[-1] += 1
        elif tok.type == "table_close":
            assert len(set(cells)) == 1, cells  # a stray "|" in article text would add a cell
            cells = []
    versions = sum(1 for f in brief.findings if f.versions and f.kind.value == "discrepancy")
    assert tables == 2 * (3 + versions)  # per part: each versions table, claims, sources, articles


def test_arabic_indic_digits_as_configured_only_in_generated_arabic_text() -> None:
    from factcheck.errors import ConfigError

    brief = build_brief()
    md = render(brief, format="md", digits="arabic")
    ar, en = md[: md.index('<div dir="ltr" lang="en">')], md[md.index('<div dir="ltr" lang="en">') :]
    assert "١٤ تشرين الثاني/نوفمبر ٢٠٢٥" in ar and "14 تشرين الثاني/نوفمبر 2025" not in ar
    assert "14 November 2025" in en and "١" not in en
    quote = brief.claims[0].quote.text
    assert re.search(r"\d", quote) and quote in md  # article words keep their own digits
    assert "**C1**" in ar and "A1" in ar  # ids are ids, not numbers to localise
    assert render(brief, format="md") == render(brief, format="md", digits="latin")
    with pytest.raises(ConfigError):
        render(brief, format="md", digits="roman")


@pytest.mark.slow
def test_no_arabic_script_in_english_prose_outside_names_and_quotes() -> None:
    """Arabic in the English part is only quoted article text or a name without a Latin form, isolated."""
    from factcheck import generate_brief

    seeds = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "seeds").glob("*.txt"))
    for brief in (build_brief(), generate_brief(seeds)):
        en = split_html(render(brief, format="html"))["en"]
        prose = _ArabicProse()
        prose.feed(en)
        text = " ".join(prose.text)
        assert not re.search(r"[\u0600-\u06ff]", text), re.findall(r".{20}[\u0600-\u06ff]+.{20}", text)[:3]


def test_a_source_with_nothing_attached_is_not_listed() -> None:
    from factcheck.models import Source

    brief = build_brief()
    brief.sources.append(Source(id="idle", name="مصدر بلا ادعاء", kind=SourceKind.person))
    html = render(brief, format="html")
    assert "مصدر بلا ادعاء" not in html
    assert "مصدر بلا ادعاء" in render(brief, format="json")  # the data keeps it


def test_bottom_line_with_the_llm_gives_the_english_reader_the_machine_rendering() -> None:
    md = render(build_brief(llm=True), format="md")
    en = md[md.index('<div dir="ltr" lang="en">') :]
    bottom = en[en.index("## Bottom line") : en.index("## 1.")]
    assert "“Al-Sharaa secretly cooperated with the coalition since 2016.” _(machine rendering)_" in bottom
    ar = md[: md.index('<div dir="ltr" lang="en">')]
    assert "«مقابلة منسوبة إلى الويس» _(صياغة آلية)_" in ar[: ar.index("## 1.")]
