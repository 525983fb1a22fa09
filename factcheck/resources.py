"""Locate the Jinja prompt and brief templates.

In a wheel they live inside the package (``factcheck/prompts``, ``factcheck/templates``, copied
there by the build); in a source checkout they are the repository's top-level folders.
Users may point to their own template folder; files missing there fall back to the shipped ones.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from .errors import TemplateError

_PKG = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    for candidate in (_PKG / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise TemplateError(f"factcheck's {name}/ folder is missing", hint="reinstall factcheck")


def _env(dirs: tuple[Path, ...], autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        undefined=jinja2.StrictUndefined,
        # Templates are named brief.html.j2: match the inner extension too, or HTML would go unescaped.
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "html.j2", "htm.j2", "xml.j2"])
        if autoescape
        else False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


@lru_cache(maxsize=8)
def template_env(user_dir: Path | None = None) -> jinja2.Environment:
    """Environment for brief templates: the user's folder first (if given), then the shipped one."""
    dirs: tuple[Path, ...] = (data_dir("templates"),)
    if user_dir is not None:
        if not user_dir.is_dir():
            raise TemplateError(f"template folder {user_dir} does not exist", hint="check --template-dir")
        dirs = (user_dir, *dirs)
    return _env(dirs, autoescape=True)


@lru_cache(maxsize=1)
def prompt_env() -> jinja2.Environment:
    """Environment for LLM prompts (plain text, never HTML-escaped)."""
    return _env((data_dir("prompts"),), autoescape=False)


def render_prompt(name: str, **context: object) -> str:
    try:
        return prompt_env().get_template(name).render(**context)
    except jinja2.TemplateNotFound as err:
        raise TemplateError(f"prompt template {name!r} not found") from err
    except jinja2.UndefinedError as err:
        raise TemplateError(f"prompt template {name!r}: {err.message}") from err
