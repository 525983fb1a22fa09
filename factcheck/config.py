"""Configuration in one place.

Order, highest first: explicit arguments / CLI flags > environment > config file > defaults.

Environment: ``OPENAI_API_KEY``, ``OPENAI_BASE_URL`` and ``FACTCHECK_<FIELD>`` for every field below
(e.g. ``FACTCHECK_MODEL``, ``FACTCHECK_BACKEND``, ``FACTCHECK_LEXICON_DIR``; ``FACTCHECK_API_KEY`` and
``FACTCHECK_BASE_URL`` win over the OPENAI_ ones). Config file: ``FACTCHECK_CONFIG``, else
``./factcheck.toml``, else ``<user config dir>/factcheck/config.toml``; a TOML table of the same
field names (a ``[factcheck]`` table or top level). The API key is never written anywhere.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

from .errors import ConfigError, first_problem

Backend = Literal["auto", "llm", "offline"]
Mode = Literal["tools", "json_schema", "json", "md_json"]
Profile = Literal["hosted", "local"]

# Defaults of ``--profile local``, for a model on a CPU llama.cpp/Ollama server (measured on 2 cores:
# prompt 130-255 tokens/s, answer 5-56 tokens/s; one 3,000-token Arabic part took 220-285 s). Any
# setting given by flag, environment or config file wins over these.
PROFILES: dict[str, dict[str, Any]] = {
    "hosted": {},
    "local": {
        "timeout": 600.0,  # one part's whole answer
        "article_time_budget": 3600.0,
        "concurrency": 1,  # llama-server -np 1 answers one request at a time
        "chunk_tokens": 1500,  # short parts: shorter answers, fewer cut off, fits -c 4096 with room to answer
        "max_retries": 1,
        "transport_retries": 2,
    },
}


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    backend: Backend = "auto"
    model: str = "gpt-4o-mini"
    base_url: str | None = None
    api_key: SecretStr | None = Field(default=None, repr=False, exclude=True)
    mode: Mode = Field(
        default="tools",
        description="instructor mode: tools (OpenAI tool calling), json_schema (response_format with a "
        "JSON schema: OpenAI, vLLM, llama-server), json (JSON mode), md_json (JSON in markdown: last resort).",
    )
    timeout: float = 60.0
    concurrency: int = Field(default=4, ge=1, le=64)
    max_retries: int = Field(default=2, ge=0, description="Validation re-asks per chunk.")
    transport_retries: int = Field(default=4, ge=0, description="Retries on 429/5xx/timeouts.")
    article_time_budget: float = Field(default=300.0, gt=0, description="Seconds per article, all retries.")
    deadline: float | None = Field(
        default=None, gt=0, description="Seconds for the whole run's LLM extraction; articles not done by then fail."
    )
    chunk_tokens: int = Field(default=8000, ge=200, description="Token budget of one article part (cl100k estimate).")
    max_answer_tokens: int | None = Field(
        default=None, ge=64, description="max_tokens of each answer; default: derived from the part's size."
    )
    profile: Profile | None = Field(
        default=None,
        description="local: timeouts, budget, concurrency and part size for a CPU llama.cpp/Ollama server.",
    )
    temperature: float = 0.0
    cache: bool = True
    refresh: bool = Field(default=False, description="Re-ask the LLM and overwrite its cache entries.")
    cache_dir: Path | None = None
    max_cost: float | None = Field(default=None, ge=0, description="USD; stop before spending more.")
    max_tokens: int | None = Field(default=None, ge=0, description="Total tokens; stop before spending more.")
    prices: dict[str, tuple[float, float]] = Field(
        default_factory=dict, description="model -> (USD per 1M input tokens, USD per 1M output tokens)."
    )
    template_dir: Path | None = None
    prompt_dir: Path | None = Field(
        default=None,
        description="Folder of the newsroom's own LLM prompts (system.j2, user.j2; docs/prompts.md): each file "
        "there replaces the shipped one; the prompt version in the cache key covers the texts used.",
    )
    max_article_bytes: int = Field(default=10_000_000, gt=0, description="Bytes; a larger input file fails.")
    max_articles: int = Field(default=500, gt=0, description="Inputs or records per brief.")
    lexicon_dir: Path | None = Field(
        default=None,
        description="Folder of the newsroom's own lexicon files (TOML, docs/lexicon.md): their entries are "
        "added to the shipped cue words of the offline extractor.",
    )
    embeddings: str = Field(
        default="local",
        description="sentence encoder proposing claim/counter pairs: local (bundled multilingual USE), "
        "none (lexical rules only), or a model name served at embeddings_base_url (OpenAI-compatible).",
    )
    embeddings_base_url: str | None = Field(default=None, description="/v1/embeddings server; default: base_url.")

    @model_validator(mode="before")
    @classmethod
    def _profile_defaults(cls, data: Any) -> Any:
        """A profile fills the settings not given explicitly (flags, environment, config file)."""
        if isinstance(data, dict) and data.get("profile") in PROFILES:
            return {**PROFILES[data["profile"]], **data}
        return data

    def llm_configured(self) -> bool:
        return self.api_key is not None or self.base_url is not None

    def resolved_backend(self) -> Literal["llm", "offline"]:
        if self.backend == "auto":
            return "llm" if self.llm_configured() else "offline"
        return self.backend


_FIELDS = tuple(Settings.model_fields)


def _config_file(env: Mapping[str, str]) -> Path | None:
    if env.get("FACTCHECK_CONFIG"):
        path = Path(env["FACTCHECK_CONFIG"]).expanduser()
        if not path.is_file():
            raise ConfigError(f"config file {path} does not exist", hint="fix or unset FACTCHECK_CONFIG")
        return path
    local = Path("factcheck.toml")
    if local.is_file():
        return local
    from platformdirs import user_config_dir

    user = Path(user_config_dir("factcheck")) / "config.toml"
    return user if user.is_file() else None


def _from_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read config file {path}: {err}", hint="fix the TOML syntax") from err
    table = data.get("factcheck", data)
    unknown = sorted(set(table) - set(_FIELDS))
    if unknown:
        raise ConfigError(
            f"unknown setting(s) in {path}: {', '.join(unknown)}", hint=f"known settings: {', '.join(_FIELDS)}"
        )
    return dict(table)


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if env.get("OPENAI_API_KEY"):
        out["api_key"] = env["OPENAI_API_KEY"]
    if env.get("OPENAI_BASE_URL"):
        out["base_url"] = env["OPENAI_BASE_URL"]
    for name in _FIELDS:
        value = env.get(f"FACTCHECK_{name.upper()}")
        if value is None or value == "":
            continue
        if name in ("cache", "refresh"):
            out[name] = value.lower() not in ("0", "false", "no", "off")
        elif name == "prices":
            continue  # a table: config file only
        else:
            out[name] = value
    return out


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Resolve settings: ``overrides`` (flags; None values ignored) > env > config file > defaults."""
    env = os.environ if env is None else env
    merged: dict[str, Any] = {}
    path = config_file or _config_file(env)
    if path is not None:
        merged.update(_from_file(path))
    merged.update(_from_env(env))
    merged.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return Settings.model_validate(merged)
    except ValidationError as err:
        where, msg = first_problem(err)
        raise ConfigError(
            f"invalid setting {where!r}: {msg}",
            hint=f"check the flag, FACTCHECK_{where.upper()} or the config file",
        ) from err


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("FACTCHECK_CACHE_DIR"):
        return Path(env["FACTCHECK_CACHE_DIR"]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("factcheck"))
