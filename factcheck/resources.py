"""The Jinja prompt and brief templates shipped inside the package (``factcheck/prompts``,
``factcheck/templates``), found through ``importlib.resources``: the same lookup in a source
checkout, an editable install and a wheel (a zip import included).

Users may point to their own template folder; files missing there fall back to the shipped ones.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import jinja2

from .errors import TemplateError

_PACKAGE = __package__ or "factcheck"


def data_dir(name: str) -> Traversable:
    """A data folder of the package ('prompts', 'templates'); TemplateError if the install lacks it."""
    folder = resources.files(_PACKAGE).joinpath(name)
    if not folder.is_dir():
        raise TemplateError(f"factcheck's {name}/ folder is missing", hint="reinstall factcheck")
    return folder


def read_prompt(name: str) -> bytes:
    """The bytes of one shipped prompt template (the extraction cache keys on them)."""
    return data_dir("prompts").joinpath(name).read_bytes()


def _env(loaders: list[jinja2.BaseLoader], autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
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


def _shipped(name: str) -> jinja2.BaseLoader:
    data_dir(name)  # a clear error when the folder is missing, not a TemplateNotFound later
    return jinja2.PackageLoader(_PACKAGE, name)


@lru_cache(maxsize=8)
def template_env(user_dir: Path | None = None) -> jinja2.Environment:
    """Environment for brief templates: the user's folder first (if given), then the shipped one."""
    loaders: list[jinja2.BaseLoader] = [_shipped("templates")]
    if user_dir is not None:
        if not user_dir.is_dir():
            raise TemplateError(f"template folder {user_dir} does not exist", hint="check --template-dir")
        loaders.insert(0, jinja2.FileSystemLoader(str(user_dir)))
    return _env(loaders, autoescape=True)


@lru_cache(maxsize=1)
def prompt_env() -> jinja2.Environment:
    """Environment for LLM prompts (plain text, never HTML-escaped)."""
    return _env([_shipped("prompts")], autoescape=False)


def render_prompt(name: str, **context: object) -> str:
    try:
        return prompt_env().get_template(name).render(**context)
    except jinja2.TemplateNotFound as err:
        raise TemplateError(f"prompt template {name!r} not found") from err
    except jinja2.UndefinedError as err:
        raise TemplateError(f"prompt template {name!r}: {err.message}") from err
