"""Stage 4: render a Brief as Markdown, standalone HTML or JSON.

JSON is the model itself. Markdown and HTML come from Jinja templates (``templates/brief.md.j2``,
``templates/brief.html.j2`` and their partials) fed with a view (``view.py``, built by ``build.py``):
one ``Part`` per language, holding the sections of the design note in order, already sorted and
labelled, so templates only lay things out. Every sentence the brief generates comes from one table
of codes and parameters (``i18n.py``). Everything is derived from the brief alone (no clock, no
locale), so the same brief gives byte-identical output.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Literal

import jinja2

from ..diff import changes_views
from ..errors import ConfigError, GroundingError, TemplateError
from ..models import Brief
from ..resources import template_env
from ..text.grounding import ungrounded
from . import i18n
from .build import build_view
from .view import Part, md_escape

Format = Literal["md", "html", "json"]


@contextmanager
def _template_errors(name: str) -> Iterator[None]:
    """Turn Jinja's errors (loading or rendering, shipped or custom templates) into TemplateError."""
    try:
        yield
    except jinja2.UndefinedError as err:
        raise TemplateError(
            f"brief template {name!r}: {err.message}",
            hint="a custom template uses a name the view does not have; see factcheck.render.Part",
        ) from err
    except jinja2.TemplateNotFound as err:
        raise TemplateError(
            f"brief template {err.name!r} not found",
            hint="add it to your --template-dir or remove the line that includes it",
        ) from err
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(
            f"brief template {err.name or name!r} line {err.lineno}: {err.message}",
            hint="fix the Jinja syntax",
        ) from err


@lru_cache(maxsize=8)
def _brief_env(template_dir: Path | None) -> jinja2.Environment:
    """The template environment with the brief's filters: an overlay made once per folder, so the
    shared (cached) environment is never changed by a render() call."""
    env = template_env(template_dir).overlay()
    env.filters = {**env.filters, "md": md_escape}  # an overlay shares its parent's dicts: a new one
    return env


def _check(brief: Brief, format: str, langs: tuple[str, ...], digits: str) -> None:
    problems = ungrounded(brief)
    if problems:
        raise GroundingError(
            f"the brief holds {len(problems)} quote(s) not verbatim in their article, e.g. {problems[0]}",
            quote=problems[0],
        )
    if format not in ("md", "html", "json"):
        raise ConfigError(f"unknown brief format {format!r}", hint="use md, html or json")
    bad = [lang for lang in langs if lang not in i18n.LANGS]
    if bad or not langs:
        raise ConfigError(f"unknown brief language(s) {bad or list(langs)!r}", hint="use ar, en or both")
    if digits not in i18n.DIGITS:
        raise ConfigError(f"unknown digits {digits!r}", hint="use latin (0-9) or arabic (٠-٩)")


def render(
    brief: Brief,
    *,
    format: Format = "md",
    langs: Sequence[str] = ("ar", "en"),
    template_dir: Path | None = None,
    digits: str = "latin",
) -> str:
    """The brief as ``md`` (GitHub-flavoured), standalone ``html`` or ``json``; ``langs`` picks the parts.

    A brief read from a file is checked first: a quote that is not verbatim at its span is never shown.
    """
    if format == "json":
        _check(brief, format, ("ar",), "latin")
        return brief.model_dump_json(indent=2)
    langs = tuple(dict.fromkeys(langs))
    _check(brief, format, langs, digits)
    env = _brief_env(Path(template_dir) if template_dir is not None else None)
    name = f"brief.{format}.j2"
    with _template_errors(name):
        return env.get_template(name).render(
            parts=build_view(brief, langs, digits), langs=langs, brief=brief, changes=changes_views(brief, langs)
        )


__all__ = ["Format", "Part", "build_view", "md_escape", "render"]
