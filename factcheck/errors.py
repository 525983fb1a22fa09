"""All of factcheck's exceptions. Each carries the context needed to act on it; the CLI and the
GitHub Action turn them into messages (``str(err)`` names the fix), the library never prints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError


class FactcheckError(Exception):
    """Base class. ``hint`` tells the user what to do about it."""

    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} - {self.hint}" if self.hint else self.message


class InputError(FactcheckError):
    """An input (article file, record, extraction or brief JSON) cannot be read or parsed."""

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None) -> None:
        super().__init__(f"{source}: {message}" if source else message, hint=hint)
        self.source = source


class EncodingError(InputError):
    """The bytes cannot be decoded without guessing (which would risk mojibake)."""


class ConfigError(FactcheckError):
    """Configuration is missing or inconsistent (no key, bad base URL, unknown backend ...)."""


class TemplateError(FactcheckError):
    """A prompt or brief template is missing or refers to something undefined."""


class GroundingError(FactcheckError):
    """A quote is not found verbatim in its article."""

    hint = "re-run `factcheck reconcile` on the extractions, or fix the quote and its span in the JSON"

    def __init__(self, message: str, *, quote: str, article_id: str | None = None) -> None:
        super().__init__(message)
        self.quote = quote
        self.article_id = article_id


class ExtractionError(FactcheckError):
    """An extractor failed for one article; carries what was tried and spent."""

    def __init__(
        self,
        message: str,
        *,
        article_id: str | None = None,
        attempts: int = 0,
        last_response: Any = None,
        usage: Any = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.article_id = article_id
        self.attempts = attempts
        self.last_response = last_response
        self.usage = usage


class LLMError(ExtractionError):
    """The LLM service failed (transport, HTTP status, or validation retries exhausted)."""


class BudgetExceeded(FactcheckError):
    """A --max-cost / --max-tokens budget would be exceeded; nothing more was spent."""

    def __init__(self, message: str, *, spent: Any = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.spent = spent


class EvalError(FactcheckError):
    """A gold file or evaluation story is malformed."""


class LexiconError(ConfigError):
    """A lexicon file (shipped or a newsroom's ``--lexicon-dir``) is malformed; names file and line."""

    def __init__(self, message: str, *, path: str, line: int | None = None, hint: str | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}", hint=hint)
        self.path = path
        self.line = line


def first_problem(err: ValidationError) -> tuple[str, str]:
    """(where, message) of a pydantic ValidationError's first problem, for one-line error messages."""
    first = err.errors()[0]
    return ".".join(str(x) for x in first["loc"]), str(first["msg"])
