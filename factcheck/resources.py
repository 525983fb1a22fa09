"""The Jinja prompt and brief templates (the project's top-level ``prompts/`` and ``templates/``, shipped
inside the wheel as ``factcheck/prompts`` and ``factcheck/templates``; in a checkout those two are
symlinks), found through ``importlib.resources``: the same lookup in a source checkout, an editable
install and a wheel (a zip import included).

Users may point to their own template or prompt folder; files missing there fall back to the shipped ones.
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


PROMPTS = ("system.j2", "user.j2")  # the prompt files a newsroom may override, one by one


def _user_prompts(user_dir: Path | None) -> Path | None:
    """The newsroom's prompt folder, checked: it exists and holds no misspelt prompt file."""
    if user_dir is None:
        return None
    if not user_dir.is_dir():
        raise TemplateError(f"prompt folder {user_dir} does not exist", hint="check --prompt-dir")
    unknown = sorted(p.name for p in user_dir.glob("*.j2") if p.name not in PROMPTS)
    if unknown:  # a misspelt override would silently leave the shipped prompt in use
        raise TemplateError(
            f"prompt folder {user_dir}: unknown prompt file(s) {', '.join(unknown)}",
            hint=f"the prompts are {', '.join(PROMPTS)} (docs/prompts.md)",
        )
    return user_dir


@lru_cache(maxsize=8)
def prompt_env(user_dir: Path | None = None) -> jinja2.Environment:
    """Environment for LLM prompts (plain text, never HTML-escaped): the user's folder first, if given."""
    loaders: list[jinja2.BaseLoader] = [_shipped("prompts")]
    own = _user_prompts(user_dir)
    if own is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(own)))
    return _env(loaders, autoescape=False)


def prompt_files(user_dir: Path | None = None) -> dict[str, Traversable]:
    """The file each prompt is read from: the newsroom's when its folder has it, else the shipped one."""
    own = _user_prompts(user_dir)
    shipped = data_dir("prompts")
    return {name: own / name if own is not None and (own / name).is_file() else shipped / name for name in PROMPTS}


def render_prompt(name: str, prompt_dir: Path | None = None, **context: object) -> str:
    """Render one prompt; a variable the prompt uses but is not given is an error (StrictUndefined)."""
    try:
        return prompt_env(prompt_dir).get_template(name).render(**context)
    except jinja2.TemplateNotFound as err:
        raise TemplateError(f"prompt template {name!r} not found") from err
    except jinja2.UndefinedError as err:
        raise TemplateError(
            f"prompt template {name!r}: {err.message}", hint="the variables each prompt receives: docs/prompts.md"
        ) from err
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(f"prompt template {err.name or name!r} line {err.lineno}: {err.message}") from err
