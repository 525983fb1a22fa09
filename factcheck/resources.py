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


PROMPTS = ("system.j2", "user.j2")  # the prompt files a newsroom may override, one by one


def _prompt_dirs(user_dir: Path | None) -> tuple[Path, ...]:
    shipped = data_dir("prompts")
    if user_dir is None:
        return (shipped,)
    if not user_dir.is_dir():
        raise TemplateError(f"prompt folder {user_dir} does not exist", hint="check --prompt-dir")
    unknown = sorted(p.name for p in user_dir.glob("*.j2") if p.name not in PROMPTS)
    if unknown:  # a misspelt override would silently leave the shipped prompt in use
        raise TemplateError(
            f"prompt folder {user_dir}: unknown prompt file(s) {', '.join(unknown)}",
            hint=f"the prompts are {', '.join(PROMPTS)} (docs/prompts.md)",
        )
    return (user_dir, shipped)


@lru_cache(maxsize=8)
def prompt_env(user_dir: Path | None = None) -> jinja2.Environment:
    """Environment for LLM prompts (plain text, never HTML-escaped): the user's folder first, if given."""
    return _env(_prompt_dirs(user_dir), autoescape=False)


def prompt_files(user_dir: Path | None = None) -> dict[str, Path]:
    """The file each prompt is read from: the newsroom's when its folder has it, else the shipped one."""
    dirs = _prompt_dirs(user_dir)
    return {name: next(d / name for d in dirs if (d / name).is_file()) for name in PROMPTS}


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
