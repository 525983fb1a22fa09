"""resources.py: the shipped prompts and templates are found through the package, overridable per file."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck
from factcheck.errors import TemplateError
from factcheck.resources import data_dir, prompt_env, prompt_files, render_prompt, template_env

PACKAGE = Path(factcheck.__file__).resolve().parent


@pytest.mark.parametrize("name", ["prompts", "templates"])
def test_data_folders_are_found_through_the_package(name: str) -> None:
    # The project's top-level prompts/ and templates/ (symlinked into the package in a checkout, copied
    # into it in the wheel: tests/test_wheel.py) are what the package lookup finds.
    folder = data_dir(name)
    assert folder.is_dir() and Path(str(folder)).resolve() == (PACKAGE.parent / name).resolve()


def test_a_missing_data_folder_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="nothing_here"):
        data_dir("nothing_here")


def test_prompt_files_are_the_shipped_ones_unless_overridden(tmp_path: Path) -> None:
    shipped = prompt_files()
    assert shipped["system.j2"].read_bytes() == (PACKAGE / "prompts" / "system.j2").read_bytes()
    (tmp_path / "user.j2").write_text("{{ article }}", encoding="utf-8")
    own = prompt_files(tmp_path)
    assert own["user.j2"].read_bytes() == b"{{ article }}" and own["system.j2"] == shipped["system.j2"]


def test_prompts_are_plain_text_and_only_html_templates_are_escaped() -> None:
    assert prompt_env().autoescape is False
    escape = template_env().autoescape
    assert callable(escape) and escape("brief.html.j2") and not escape("brief.md.j2")


def test_user_templates_override_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text("own", encoding="utf-8")
    env = template_env(tmp_path)
    assert env.get_template("brief.md.j2").render() == "own"
    assert env.get_template("brief.html.j2").filename != str(tmp_path / "brief.html.j2")  # falls back


def test_a_missing_user_folder_and_a_missing_prompt_are_template_errors(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="does not exist"):
        template_env(tmp_path / "nope")
    with pytest.raises(TemplateError, match="not found"):
        render_prompt("nope.j2")
