"""A newsroom's own lexicon entries (--lexicon-dir, FACTCHECK_LEXICON_DIR, lexicon_dir): they add to
the shipped ones, a malformed file is refused with its file, line and fix, and the patterns are
built once per folder content."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import lexicon
from factcheck.cli import main
from factcheck.config import Settings, load_settings
from factcheck.errors import LexiconError
from factcheck.extract import extract
from factcheck.extract import patterns as P
from factcheck.ingest import article_from_text

HINTED = "ألمح الوزير إلى أن الضرائب على الوقود سترتفع في العام المقبل."
ARTICLE = f"تقرير من العاصمة\n\n{HINTED}\n\nوتأتي هذه التصريحات بعد أسبوع من الاحتجاجات على غلاء الأسعار."
OWN = """lang = "ar"

[[entry]]
category = "report_verb"
text = "ألمح"
present = "يلمح"
example = "ألمحت المديرة إلى أن المدرسة قد تغلق أبوابها في الصيف."
"""


def _folder(tmp_path: Path, text: str = OWN, name: str = "newsroom.toml") -> Path:
    d = tmp_path / "lexicon"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return d


def test_own_entries_add_to_the_shipped_ones(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    lex = lexicon.load(folder)
    assert len(lex.entries) == len(lexicon.shipped().entries) + 1
    assert {e.text for e in lexicon.shipped().of("report_verb", "ar")} < {e.text for e in lex.of("report_verb", "ar")}
    article = article_from_text(ARTICLE)
    assert not extract(article, Settings(backend="offline")).claims  # the shipped lexicon lacks ألمح
    claims = extract(article, Settings(backend="offline", lexicon_dir=folder)).claims
    assert claims and "الضرائب" in claims[0].quote.text
    sources = extract(article, Settings(backend="offline", lexicon_dir=folder)).sources
    assert any("الوزير" in s.name for s in sources)
    assert lexicon.active() is lexicon.shipped()  # the run's lexicon does not leak into the next one
    assert not extract(article, Settings(backend="offline")).claims


def test_patterns_are_built_once_per_folder_content(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = lexicon.load(folder)
    assert lexicon.load(folder) is first
    assert P.compiled(first) is P.compiled(first)
    (folder / "newsroom.toml").write_text(OWN.replace("ألمحت المديرة", "ألمح المدير"), encoding="utf-8")
    assert lexicon.load(folder) is not first


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('lang = "ar"\n\n[[entry]]\ncategory = "report_verb\n', 4, "TOML"),
        ('lang = "fr"\n', 1, 'lang = "ar"'),
        ('lang = "ar"\n\n[[entry]]\ncategory = "rumour"\ntext = "x"\nexample = "a b"\n', 3, "report_verb"),
        ('lang = "ar"\n\n[[entry]]\ncategory = "denial"\ntext = "مختلق"\n', 3, "example"),
        (
            'lang = "ar"\n[[entry]]\ncategory = "denial"\ntext = "مختلق"\ncolour = "red"\nexample = "خبر مختلق"\n',
            2,
            "keys",
        ),
        (
            'lang = "ar"\n\n\n[[entry]]\ncategory = "denial"\ntext = "مختلق"\nexample = "قال إن الخبر كاذب"\n',
            4,
            "example",
        ),
        (
            'lang = "ar"\n[[entry]]\ncategory = "anaphora"\ntext = "الصحيفة"\nvalue = "government"\n'
            'example = "وقالت الصحيفة إن الخبر صحيح"\n',
            2,
            "cannot replace",
        ),
        ('lang = "ar"\n[[entry]]\ncategory = "stopword"\ntext = "لدى"\nexample = "لدى الجيران حديقة"\n', 2, "shipped"),
    ],
)
def test_a_malformed_file_names_file_line_and_fix(tmp_path: Path, text: str, line: int, words: str) -> None:
    folder = _folder(tmp_path, text, name="bad.toml")
    with pytest.raises(LexiconError) as err:
        lexicon.load(folder)
    message = str(err.value)
    assert f"bad.toml:{line}:" in message and words in message and err.value.hint


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="not a folder"):
        lexicon.load(tmp_path / "nowhere")


def test_lexicon_dir_resolves_flag_then_env_then_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "factcheck.toml"
    cfg.write_text('lexicon_dir = "from-file"\n', encoding="utf-8")
    env = {"FACTCHECK_LEXICON_DIR": "from-env"}
    assert load_settings(env={}, config_file=cfg).lexicon_dir == Path("from-file")
    assert load_settings(env=env, config_file=cfg).lexicon_dir == Path("from-env")
    assert load_settings({"lexicon_dir": Path("from-flag")}, env=env, config_file=cfg).lexicon_dir == Path("from-flag")
    assert Settings().lexicon_dir is None


def test_cli_flag_uses_the_folder_and_reports_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "x.json"
    assert (
        main(["extract", str(article), "--backend", "offline", "--lexicon-dir", str(_folder(tmp_path)), "-o", str(out)])
        == 0
    )
    assert "الضرائب" in out.read_text(encoding="utf-8")
    bad = _folder(tmp_path, 'lang = "ar"\n[[entry]]\ncategory = "nope"\ntext = "x"\nexample = "a b"\n', "bad.toml")
    assert main(["extract", str(article), "--backend", "offline", "--lexicon-dir", str(bad)]) == 2
    assert "bad.toml:2" in capsys.readouterr().err


def test_the_parsed_copy_of_the_shipped_lexicon_equals_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import resources

    from factcheck.lexicon import LANGS, _parsed_cache, parse

    monkeypatch.setattr("platformdirs.user_cache_dir", lambda name: str(tmp_path / name))
    texts = [resources.files("factcheck.lexicon").joinpath(f"{lang}.toml").read_bytes() for lang in LANGS]
    parsed = tuple(
        e for lang, t in zip(LANGS, texts, strict=True) for e in parse(t.decode(), f"factcheck/lexicon/{lang}.toml")
    )
    assert _parsed_cache(texts) is None  # nothing kept yet
    _parsed_cache(texts, parsed)
    assert _parsed_cache(texts) == parsed
    for f in (tmp_path / "factcheck" / "lexicon").iterdir():
        f.write_bytes(b"not marshal")
    assert _parsed_cache(texts) is None  # a corrupt copy is ignored: the files are parsed again


@pytest.mark.slow
def test_help_loads_no_lexicon() -> None:
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "factcheck", "--help"],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == 0 and "factcheck.cli" in r.stderr  # the probe sees imports at all
    assert "factcheck.lexicon" not in r.stderr


def test_eval_takes_the_flag_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _folder(tmp_path, 'lang = "en"\n[[entry]]\ncategory = "nope"\ntext = "x"\nexample = "a b"\n', "bad.toml")
    story = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "interview-denied"
    assert main(["eval", str(story), "--backend", "offline", "--lexicon-dir", str(bad)]) == 2
    assert "bad.toml:2" in capsys.readouterr().err


def test_own_group_modifiers_and_trailing_attributions_extend_the_constructions(tmp_path: Path) -> None:
    """The words around an unnamed group and after a trailing comma are extendable (docs/lexicon.md)."""
    from factcheck.extract import patterns as P

    folder = _folder(
        tmp_path,
        'lang = "en"\n\n[[entry]]\ncategory = "group_modifier"\ntext = "regional"\n'
        'example = "Regional officials said the road had reopened."\n\n'
        '[[entry]]\ncategory = "trailing_attribution"\ntext = "citing"\n'
        'example = "The road reopened on Sunday, citing the transport office."\n',
    )
    assert not P.GROUP_START.match("Regional officials") and not P.TRAIL_ATTR.search("It reopened, citing X.")
    with lexicon.use(lexicon.load(folder)):
        assert P.GROUP_START.match("Regional officials")
        assert P.TRAIL_ATTR.search("It reopened, citing the transport office.")
        assert P.GROUP_START.match("Two senior officials")  # the shipped words stay


def test_rule_lists_are_not_extendable(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        'lang = "en"\n\n[[entry]]\ncategory = "speech_verb"\ntext = "opine"\n'
        'example = "The critic opined that the film was too long."\n',
    )
    with pytest.raises(LexiconError, match="shipped lexicon only"):
        lexicon.load(folder)
