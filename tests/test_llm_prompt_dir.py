"""Newsroom-owned prompts: a prompt folder overrides the shipped prompts file by file, changes what the
server receives and the cache key, and a prompt that is broken stops the run before any call."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from llm_helpers import ROOT, llm_settings, point_at, seed_articles
from llm_server import seed_responder, serve

from factcheck.cli import main
from factcheck.errors import TemplateError
from factcheck.extract.cache import cache_root
from factcheck.extract.llm import extract_llm_many, prompt_version

HOUSE = "House rule: name every unnamed source as such."


def _override(folder: Path, name: str = "system.j2", extra: str = HOUSE) -> Path:
    folder.mkdir(exist_ok=True)
    text = (ROOT / "factcheck" / "prompts" / name).read_text(encoding="utf-8")
    (folder / name).write_text(f"{text}\n{extra}\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_prompt_folder_changes_what_the_server_receives_and_the_cache_key(tmp_path: Path) -> None:
    article = seed_articles()[0]
    prompts = _override(tmp_path / "prompts")
    with serve(seed_responder()) as srv:
        shipped = llm_settings(srv.url, cache=True)
        own = llm_settings(srv.url, cache=True, prompt_dir=prompts)
        first, _ = extract_llm_many([article], shipped)
        assert srv.calls == 1 and HOUSE not in srv.requests[0]["messages"][0]["content"]
        second, _ = extract_llm_many([article], own)  # not served the shipped prompt's cached answer
        assert srv.calls == 2 and HOUSE in srv.requests[1]["messages"][0]["content"]
        # the user prompt was not overridden: the shipped one is still sent
        assert srv.requests[1]["messages"][1]["content"] == srv.requests[0]["messages"][1]["content"]
        extract_llm_many([article], own)
        assert srv.calls == 2  # and its own answer is cached under its own key
    assert len(list(cache_root(own).rglob("*.json"))) == 2
    assert prompt_version(prompts) != prompt_version() == first[0].prompt_version
    assert second[0].prompt_version == prompt_version(prompts)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "extra", "message"),
    [
        ("user.j2", "Desk: {{ desk_name }}", "'desk_name' is undefined"),  # a variable no one passes
        ("system.j2", "{% if guide %}", "line"),  # a syntax error
    ],
)
def test_a_broken_prompt_stops_the_run_before_any_call(tmp_path: Path, name: str, extra: str, message: str) -> None:
    prompts = _override(tmp_path / "p", name, extra)
    with serve(seed_responder()) as srv:
        with pytest.raises(TemplateError, match=message):
            extract_llm_many(seed_articles(), llm_settings(srv.url, prompt_dir=prompts))
        assert srv.calls == 0


@pytest.mark.slow
def test_a_user_prompt_without_the_article_or_a_misspelt_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "user.j2").write_text("Extract the claims.\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    shutil.copy(ROOT / "factcheck" / "prompts" / "system.j2", tmp_path / "b" / "sytem.j2")
    with serve(seed_responder()) as srv:
        with pytest.raises(TemplateError, match="never passes the article on"):
            extract_llm_many(seed_articles(), llm_settings(srv.url, prompt_dir=tmp_path / "a"))
        with pytest.raises(TemplateError, match="unknown prompt file"):
            extract_llm_many(seed_articles(), llm_settings(srv.url, prompt_dir=tmp_path / "b"))
        assert srv.calls == 0


@pytest.mark.slow
def test_prompt_dir_from_the_flag_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = _override(tmp_path / "prompts")
    seed = str(ROOT / "fixtures" / "seeds" / "000_7a755da794561b55.txt")
    with serve(seed_responder()) as srv:
        point_at(monkeypatch, srv.url)
        assert (
            main(["brief", seed, "--prompt-dir", str(prompts), "--no-cache", "-q", "-o", str(tmp_path / "a.json")]) == 0
        )
        monkeypatch.setenv("FACTCHECK_PROMPT_DIR", str(prompts))
        assert main(["brief", seed, "--no-cache", "-q", "-o", str(tmp_path / "b.json")]) == 0
        assert all(HOUSE in r["messages"][0]["content"] for r in srv.requests) and srv.calls == 2
        monkeypatch.setenv("FACTCHECK_PROMPT_DIR", str(tmp_path / "missing"))
        assert main(["brief", seed, "-q"]) == 2
    assert "prompt folder" in capsys.readouterr().err
