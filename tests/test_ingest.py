from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from factcheck.errors import EncodingError, InputError
from factcheck.ingest import article_from_text, detect_language, load_article, load_articles

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures" / "ingest"
SEED0 = ROOT / "fixtures" / "seeds" / "000_7a755da794561b55.txt"
SEED2 = ROOT / "fixtures" / "seeds" / "002_bb4ab9c79788da7a.txt"
AR = (FIX / "ar_utf8.txt").read_text(encoding="utf-8").strip()


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("ar_utf8.txt", "utf-8"),
        ("ar_utf8_bom.txt", "utf-8-sig"),
        ("ar_utf16.txt", "utf-16"),
        ("ar_cp1256.txt", "cp1256"),
        ("ar_iso8859_6.txt", "iso8859-6"),
    ],
)
def test_every_encoding_decodes_to_the_arabic_text(name: str, encoding: str) -> None:
    [article] = load_article(FIX / name)
    assert article.text == AR
    assert article.encoding == encoding
    assert article.language == "ar"


@pytest.mark.parametrize("text", ["قال الوزير", "سيصل غداً وفد من تونس", "نفت الرئاسة السورية وجود تعاون."])
@pytest.mark.parametrize("encoding", ["cp1256", "iso8859-6", "utf-16-le", "utf-16-be"])
def test_short_texts_in_every_encoding(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    [article] = load_article(path)
    assert article.text == text


def test_explicit_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(AR.encode("cp1256"))
    [article] = load_article(path, encoding="windows-1256")
    assert article.text == AR
    with pytest.raises(EncodingError, match="unknown encoding"):
        load_article(path, encoding="klingon")
    with pytest.raises(EncodingError, match="not valid utf-8"):
        load_article(path, encoding="utf-8")


def test_latin1_misread_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(AR.encode("cp1256"))
    with pytest.raises(EncodingError) as err:
        load_article(path, encoding="latin-1")
    assert "mojibake" in str(err.value)
    assert "--encoding cp1256" in str(err.value)


def test_mojibake_saved_as_utf8_is_repaired_or_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(AR.encode("utf-8").decode("cp1252", errors="ignore"), encoding="utf-8")
    try:
        [article] = load_article(path)
    except EncodingError as err:
        assert "mojibake" in str(err)
    else:  # repaired: never the Latin-1 gibberish itself
        assert not any("\u00c0" <= c <= "\u00ff" for c in article.text)
        assert any("repaired mojibake" in n for n in article.notes)
    path.write_text(AR.encode("cp1256").decode("latin-1"), encoding="utf-8")
    [article] = load_article(path)
    assert article.text == AR


def test_undecodable_bytes_raise_encoding_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(range(0x80, 0xA0)) * 3)
    with pytest.raises(EncodingError) as err:
        load_article(path)
    assert err.value.hint and "UTF-8" in err.value.hint


def test_cp1252_english(tmp_path: Path) -> None:
    text = "Café owners said the “new rules” are naïve. ÉCOLE"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("cp1252"))
    [article] = load_article(path)
    assert article.text == text
    assert article.language == "en"


# --- cleaning ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed0() -> object:
    return load_article(SEED0)[0]


@pytest.fixture(scope="module")
def seed2() -> object:
    return load_article(SEED2)[0]


def test_seed0_furniture(seed0: object) -> None:
    from factcheck.models import Article

    assert isinstance(seed0, Article)
    text = seed0.text
    assert "كلمات دلالية" not in text
    assert "مقالات مشابهة" not in text
    assert "•" not in text
    assert "الولایات المتحدة نیویورک تایمز" not in text  # tag cloud contents
    # The related article embedded after "إقرأ أيضاً" is content and stays.
    assert "إقرأ أيضاً:" in text
    assert "نيويورك تايمز تزعم أن الشرع متعاون مع واشنطن منذ سنوات" in text
    assert "قد تبايع التنظيم مستقبلًا إذا توفرت الظروف المناسبة" in text
    assert text.rstrip().endswith("”.")
    assert "المصدر: عربي21" in text
    assert seed0.outlet == "عربي21"
    assert "\u00a0" not in text and "\u200b" not in text
    assert "????" in text
    notes = " | ".join(seed0.notes)
    assert "removed tag cloud (1 line)" in notes
    assert "removed related-headlines list" in notes
    assert "no-break" in notes


def test_seed2_cookie_banner_and_dates(seed0: object, seed2: object) -> None:
    from factcheck.models import Article

    assert isinstance(seed0, Article) and isinstance(seed2, Article)
    assert "Cookie" not in seed2.text
    assert seed2.text.startswith("توضيح:")
    assert "removed cookie banner (1 line)" in seed2.notes
    assert seed2.outlet is None
    assert seed0.published == dt.date(2025, 11, 14)
    assert seed2.published == dt.date(2025, 11, 15)
    assert any("estimated from embedded post dates" in n for n in seed2.notes)
    embeds = [d for d in seed2.dates if d.origin == "embed"]
    assert [d.date.day for d in embeds] == [15, 14, 14, 13]
    for d in seed2.dates:
        assert d.quote is not None
        assert seed2.text[d.quote.start : d.quote.end] == d.quote.text
    assert seed0.language == seed2.language == "ar"
    assert seed0.title is None and seed2.title is None


def test_normalisation() -> None:
    raw = (
        "  Hello\u00a0world\u200b  again \r\n\r\n\r\n\r\nRTL\u200f mark\u202b here\u202c\n"
        "\u0627\u0644\u0633\u0644\u0627\u0645\u200d\n👨\u200d👩\u200d👧 family"
    )
    article = article_from_text(raw)
    assert article.text == "Hello world again\n\nRTL mark here\nالسلام\n👨\u200d👩\u200d👧 family"
    assert any("zero-width" in n for n in article.notes)


def test_related_headlines_rules_are_general() -> None:
    body = "The minister said on Monday that the talks would resume next week, officials confirmed."
    listed = f"{body}\n\nRelated articles:\n- Talks stall again\n- Minister visits Paris\n\nTags: politics, talks"
    article = article_from_text(listed)
    assert article.text == body
    assert "removed related-headlines list under 'Related articles' (3 lines)" in article.notes
    assert "removed tag cloud (1 line)" in article.notes
    embedded = (
        f"{body}\n\nRead also:\n\nMinister visits Paris\n\n"
        "The minister arrived in Paris on Tuesday for two days of meetings with his counterpart."
    )
    assert article_from_text(embedded).text == embedded
    banner = "This site uses cookies to improve your experience.\nAccept\n" + body
    article = article_from_text(banner)
    assert article.text == body
    assert "removed cookie banner (2 lines)" in article.notes


def test_ids_are_stable_content_hashes() -> None:
    a = article_from_text("نص  المقال\u00a0هنا.")
    b = article_from_text("نص المقال هنا.\n\n\n")
    assert a.id == b.id == "a" + hashlib.sha256("نص المقال هنا.".encode()).hexdigest()[:12]
    assert load_article(SEED0)[0].id == load_article(SEED0)[0].id


def test_language_detection() -> None:
    assert detect_language("قال الوزير إن the talks") == "ar"
    assert detect_language("The minister said قال") == "en"
    assert detect_language("Привет мир") == "und"
    assert detect_language("12345 ...") == "und"


def test_empty_after_cleaning_fails() -> None:
    with pytest.raises(InputError, match="no article text left"):
        article_from_text("هذا الموقع يستخدم ملفات تعريف الارتباط Cookie\n\u200b\n")


def test_text_header_block(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Title: Talks resume\nDate: 14 November 2025\nSource: Example Wire\n\nThe talks resumed.", encoding="utf-8"
    )
    [article] = load_article(path)
    assert (article.title, article.outlet, article.published) == ("Talks resume", "Example Wire", dt.date(2025, 11, 14))
    assert article.text == "The talks resumed."


# --- HTML, JSON, stdin -------------------------------------------------------------------------


def test_html_via_trafilatura() -> None:
    [article] = load_article(FIX / "article.html")
    assert article.title == "دمشق تنفي تقارير عن تعاون مع التحالف الدولي"
    assert article.outlet == "أخبار المشرق"
    assert article.url == "https://example.org/news/2025/11/14/damascus-denies"
    assert article.published == dt.date(2025, 11, 14)
    assert "نفت الرئاسة السورية" in article.text
    for furniture in ("الرئيسية", "تكنولوجيا", "جميع الحقوق محفوظة", "خبر أول عن الطقس"):
        assert furniture not in article.text
    assert article.dates[0].origin == "metadata"


def test_json_record() -> None:
    [article] = load_article(FIX / "record.json")
    assert article.title == "الصحة تسجل 12 إصابة جديدة"
    assert article.outlet == "وكالة الأنباء"
    assert article.published == dt.date(2025, 11, 14)
    assert article.url == "https://example.org/a/1"
    assert article.input_name == str(FIX / "record.json")


def test_json_list_keeps_good_records_and_fails_bad_ones() -> None:
    articles, failures = load_articles([FIX / "records.json"])
    assert [a.input_name.rsplit("/", 1)[-1] for a in articles if a.input_name] == [
        "records.json#1",
        "records.json#2",
        "records.json#3",
    ]
    assert articles[1].published == dt.date(2025, 11, 14) and articles[1].language == "en"
    assert articles[2].outlet == "Record Outlet"  # record field wins over the page's site name
    assert "Home | News" not in articles[2].text
    assert [f.input_name.rsplit("/", 1)[-1] for f in failures] == ["records.json#4"]
    with pytest.raises(InputError, match="no 'text' or 'html'"):
        load_article(FIX / "records.json")


def test_jsonl() -> None:
    articles, failures = load_articles([FIX / "records.jsonl"])
    assert len(articles) == 2 and len(failures) == 1
    assert failures[0].input_name.endswith("records.jsonl#3")
    assert "malformed JSON" in failures[0].error


def test_bad_record_fields(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"text": "نص", "published": "someday"}', encoding="utf-8")
    with pytest.raises(InputError, match="cannot read the date"):
        load_article(path)
    path.write_text('{"text": 5}', encoding="utf-8")
    with pytest.raises(InputError, match="must be a string"):
        load_article(path)


@pytest.mark.parametrize(
    ("data", "check"),
    [
        ((FIX / "article.html").read_bytes(), lambda a: a.outlet == "أخبار المشرق"),
        ((FIX / "record.json").read_bytes(), lambda a: a.title == "الصحة تسجل 12 إصابة جديدة"),
        (AR.encode("cp1256"), lambda a: a.text == AR and a.encoding == "cp1256"),
        (b"[Updated] The talks resumed on Monday.", lambda a: a.text.startswith("[Updated]")),
    ],
)
def test_stdin_is_sniffed(data: bytes, check: object) -> None:
    [article] = load_article("-", stdin=data)
    assert callable(check) and check(article)
    assert article.input_name == "-"


def test_one_broken_input_among_good_ones(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 10)
    inputs = [SEED0, FIX / "broken.json", SEED2, tmp_path / "missing.txt", garbage, SEED0]
    articles, failures = load_articles(inputs)
    assert [a.published for a in articles] == [dt.date(2025, 11, 14), dt.date(2025, 11, 15)]
    assert len(failures) == 3
    assert all(f.stage == "ingest" and " - " in f.error for f in failures)  # every error carries a hint
    assert any("duplicate input" in n for n in articles[0].notes)


def test_pdf_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.7 ...")
    with pytest.raises(InputError, match="PDF"):
        load_article(path)


def test_emoji_with_variation_selectors_and_zwj_survive_cleaning() -> None:
    # U+FE0F made normalize.fold recurse forever; furniture checks must cope with it.
    text = "❤️ شكرا للجميع 👍🏽\n🏳️\u200d🌈 Tags: ❤️"
    article = article_from_text(text)
    assert article.text == "❤️ شكرا للجميع 👍🏽\n🏳️\u200d🌈 Tags: ❤️"


def test_eval_stories_all_load() -> None:
    paths = sorted((ROOT / "fixtures" / "eval" / "aured-dev").glob("*/*.txt"))
    articles, failures = load_articles(paths)
    assert failures == []
    assert len(articles) + sum("duplicate input" in n for a in articles for n in a.notes) == len(paths)


def test_empty_json_list_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "empty.json"
    p.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError, match="no article records"):
        load_article(p)


def test_language_field_must_be_a_code(tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text('{"text": "The minister said the budget will rise.", "language": "{% raw %}x"}', encoding="utf-8")
    with pytest.raises(InputError, match="language code"):
        load_article(p)


def test_a_bare_link_gets_a_note_not_a_fetch() -> None:
    art = article_from_text("https://example.com/news/1234")
    assert any("does not fetch" in n for n in art.notes)


def test_latin_script_that_is_not_english_is_undetermined() -> None:
    german = article_from_text("Die Regierung hat am Montag bekannt gegeben, dass alle Schulen geschlossen werden.")
    assert german.language == "und"
    assert article_from_text("The government said on Monday that all schools will close.").language == "en"


def _double_encoded(word: str) -> str:
    """``word`` as a UTF-8 -> Latin-1 misreading applied twice would leave it."""
    once = word.encode("utf-8").decode("latin-1")
    return once.encode("utf-8").decode("latin-1")


_EN_BODY = (
    "The regional council met on Thursday to discuss the new water plan for the valley towns. "
    "Members said the reservoir would be repaired before the summer and that the pipes in the old "
    "quarter would be replaced over two years. The mayor told reporters that the budget was agreed "
    "with the national government and that residents would not pay more for their water. "
) * 3 + "A consultant, Emre Erdo\u011fan, reviewed the plan. "  # not Latin-1: no whole-text repair


def test_one_double_encoded_name_does_not_cost_the_article(tmp_path: Path) -> None:
    bad = _double_encoded("Ren\u00e9e")
    assert any("\x80" <= c <= "\x9f" for c in bad)  # C1 controls: what made ingest refuse it
    quote = f"{bad} Marchetti, the council's engineer, said the work would start in May"
    path = tmp_path / "a.txt"
    path.write_text(_EN_BODY + quote + ".\n", encoding="utf-8")
    [article] = load_article(path)
    note = next(n for n in article.notes if "mojibake" in n)
    assert "1 word(s)" in note and "Marchetti" not in note and "Erdo" not in note
    from factcheck.text.grounding import locate

    q = locate(article.text, quote)  # the raw words stay findable in the cleaned text
    assert q is not None and article.text[q.start : q.end] == q.text


def test_mojibake_that_is_more_than_local_is_still_refused(tmp_path: Path) -> None:
    names = [_double_encoded(n) for n in ("Ren\u00e9e", "Jos\u00e9", "Fran\u00e7ois", "M\u00fcller", "Zo\u00eb")]
    path = tmp_path / "a.txt"
    path.write_text(_EN_BODY + " ".join(f"{n} said so." for n in names) + "\n", encoding="utf-8")
    with pytest.raises(EncodingError, match="mojibake"):
        load_article(path)
    short = tmp_path / "b.txt"  # two bad words in a short text are not "a small local fraction"
    short.write_text(f"{names[0]} and {names[1]} met Emre Erdo\u011fan on Monday.\n", encoding="utf-8")
    with pytest.raises(EncodingError, match="mojibake"):
        load_article(short)


def test_a_text_misread_twice_is_repaired_to_the_original(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "Ren\u00e9e Marchetti, the council's engineer, said the work would start in May."
    path.write_text(_double_encoded(text), encoding="utf-8")
    [article] = load_article(path)
    assert article.text == text
    assert any("repaired mojibake" in n for n in article.notes)


def test_a_plain_text_headline_becomes_the_title_as_written() -> None:
    text = "Bridge reopens after two-year repair\n\nThe river bridge reopened on Sunday, the city said.\n"
    a = article_from_text(text, input_name="bridge.txt")
    assert a.title == "Bridge reopens after two-year repair" and a.title in a.text
    assert any("title taken from the first line" in n for n in a.notes)
    arabic = "افتتاح الجسر بعد عامين من الإصلاح\n\nأعلنت البلدية افتتاح الجسر يوم الأحد.\n"
    assert article_from_text(arabic, input_name="jisr.txt").title == "افتتاح الجسر بعد عامين من الإصلاح"


@pytest.mark.parametrize(
    "text",
    [
        "The river bridge reopened on Sunday, the city said.\n\nTraffic was light.\n",  # a sentence, not a headline
        "Bridge reopens after two-year repair\nThe river bridge reopened on Sunday.\n",  # no blank line after it
        "Bridge reopens after two-year repair\n\n",  # nothing after it
        "Bridge\n\nThe river bridge reopened on Sunday, the city said.\n",  # one word
    ],
)
def test_no_title_is_invented_from_a_line_that_is_not_a_headline(text: str) -> None:
    try:
        a = article_from_text(text, input_name="x.txt")
    except Exception:  # an article with nothing left is refused elsewhere; no title either way
        return
    assert a.title is None
