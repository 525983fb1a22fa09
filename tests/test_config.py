"""config.py and the shared extractor options: precedence, validation, and every command reading them alike."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from factcheck._options import settings_from_arguments
from factcheck.cli import build_parser
from factcheck.config import Settings, default_cache_dir, load_settings
from factcheck.errors import ConfigError
from factcheck.evaluate import add_eval_arguments


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "factcheck.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_flags_win_over_environment_over_file_over_profile_over_defaults(tmp_path: Path) -> None:
    cfg = _file(tmp_path, '[factcheck]\nmodel = "from-file"\ntimeout = 5\nconcurrency = 3\nprofile = "local"\n')
    env = {"FACTCHECK_MODEL": "from-env", "FACTCHECK_TIMEOUT": "7"}
    s = load_settings({"model": "from-flag", "chunk_tokens": None}, env=env, config_file=cfg)
    assert (s.model, s.timeout, s.concurrency) == ("from-flag", 7.0, 3)
    assert s.chunk_tokens == 1500  # the local profile's, nothing more specific was given
    assert load_settings(env={}, config_file=None).model == Settings().model


def test_a_top_level_table_works_like_the_factcheck_table(tmp_path: Path) -> None:
    assert load_settings(env={}, config_file=_file(tmp_path, 'model = "m"\n')).model == "m"


def test_unknown_settings_and_bad_values_are_config_errors_naming_them(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no_such_thing"):
        load_settings(env={}, config_file=_file(tmp_path, "no_such_thing = 1\n"))
    with pytest.raises(ConfigError, match="'concurrency'") as err:
        load_settings(env={"FACTCHECK_CONCURRENCY": "0"})
    assert "FACTCHECK_CONCURRENCY" in (err.value.hint or "")
    with pytest.raises(ConfigError, match="TOML"):
        load_settings(env={}, config_file=_file(tmp_path, "model = \n"))
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(env={"FACTCHECK_CONFIG": str(tmp_path / "missing.toml")})


def test_environment_switches_and_keys() -> None:
    env = {"FACTCHECK_CACHE": "off", "FACTCHECK_REFRESH": "1", "OPENAI_API_KEY": "sk-a", "FACTCHECK_API_KEY": "sk-b"}
    s = load_settings(env=env)
    assert s.cache is False and s.refresh is True
    assert s.api_key is not None and s.api_key.get_secret_value() == "sk-b"  # FACTCHECK_ wins over OPENAI_
    assert "sk-b" not in repr(s) and "api_key" not in s.model_dump()
    assert load_settings(env={"FACTCHECK_PRICES": "x"}).prices == {}  # a table: config file only


def test_the_template_dir_comes_from_the_environment_or_the_file(tmp_path: Path) -> None:
    assert load_settings(env={"FACTCHECK_TEMPLATE_DIR": "t"}).template_dir == Path("t")
    assert load_settings(env={}, config_file=_file(tmp_path, 'template_dir = "u"\n')).template_dir == Path("u")


def test_the_backend_resolves_from_what_is_configured() -> None:
    assert Settings().resolved_backend() == "offline"
    assert Settings(base_url="http://localhost:8080/v1").resolved_backend() == "llm"
    assert Settings(backend="offline", base_url="http://x").resolved_backend() == "offline"


def test_the_cache_dir_follows_the_environment(tmp_path: Path) -> None:
    assert default_cache_dir({"FACTCHECK_CACHE_DIR": str(tmp_path)}) == tmp_path


@pytest.mark.parametrize("command", ["brief", "eval"])
def test_every_command_reads_config_and_mode_alike(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("FACTCHECK_MODEL", "FACTCHECK_MODE", "FACTCHECK_CONFIG", "FACTCHECK_CACHE"):
        monkeypatch.delenv(var, raising=False)
    cfg = _file(tmp_path, 'model = "from-file"\nchunk_tokens = 900\n')
    argv = ["--config", str(cfg), "--mode", "json_schema", "--no-cache", "x"]
    if command == "eval":
        parser = argparse.ArgumentParser()
        add_eval_arguments(parser)
        args = parser.parse_args(argv)
    else:
        args = build_parser().parse_args([command, *argv])
    s = settings_from_arguments(args)
    assert (s.model, s.mode, s.chunk_tokens, s.cache) == ("from-file", "json_schema", 900, False)
