"""The extractor options shared by ``factcheck brief``/``extract`` and ``factcheck eval``.

One definition, so that eval cannot silently run another extractor than brief would (``eval --mode
json_schema`` once ran tools mode with a model named "json_schema"). Flags > FACTCHECK_*/OPENAI_*
environment > config file > profile > defaults (``config.load_settings``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .config import PROFILES, Settings, load_settings

_FLAG_SETTINGS = (
    "backend",
    "model",
    "base_url",
    "mode",
    "profile",
    "timeout",
    "deadline",
    "concurrency",
    "chunk_tokens",
    "max_answer_tokens",
    "max_cost",
    "max_tokens",
    "template_dir",
    "max_article_bytes",
    "max_articles",
    "lexicon_dir",
    "prompt_dir",
)


def add_extractor_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("extractor (flags > FACTCHECK_*/OPENAI_* env > config file > --profile > defaults)")
    g.add_argument("--backend", choices=["auto", "llm", "offline"], help="auto: LLM if a key or base URL is set")
    g.add_argument("--model", help="model name, e.g. gpt-4o-mini, qwen2.5:7b")
    g.add_argument("--base-url", help="OpenAI-compatible server, e.g. http://localhost:11434/v1")
    g.add_argument("--mode", choices=["tools", "json_schema", "json", "md_json"], help="instructor mode")
    g.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        help="local: timeouts, time budget, concurrency and part size for a CPU llama.cpp/Ollama server",
    )
    g.add_argument("--timeout", type=float, help="seconds per request (the whole answer, not each read)")
    g.add_argument("--deadline", type=float, help="seconds for the whole run's extraction (unfinished articles fail)")
    g.add_argument("--concurrency", type=int, help="articles (and parts of one article) extracted at once")
    g.add_argument("--chunk-tokens", type=int, help="token budget of one article part")
    g.add_argument("--max-answer-tokens", type=int, help="max_tokens of each answer (default: from the part size)")
    g.add_argument("--no-cache", action="store_true", help="neither read nor write the extraction cache")
    g.add_argument("--refresh", action="store_true", help="re-ask the LLM and overwrite its cache entries")
    g.add_argument("--max-cost", type=float, help="stop before spending more than this (USD)")
    g.add_argument("--max-tokens", type=int, help="stop before using more tokens than this")
    g.add_argument("--config", type=Path, help="config file (TOML), instead of ./factcheck.toml")
    g.add_argument("--max-article-bytes", type=int, help="skip (and name) input files larger than this")
    g.add_argument("--max-articles", type=int, help="refuse more inputs or records than this per run")
    g.add_argument("--lexicon-dir", type=Path, help="folder of your own lexicon entries (TOML, docs/lexicon.md)")
    g.add_argument("--prompt-dir", type=Path, help="folder of your own LLM prompts (docs/prompts.md)")


def settings_from_arguments(args: argparse.Namespace) -> Settings:
    flags: dict[str, Any] = {name: getattr(args, name, None) for name in _FLAG_SETTINGS}
    if getattr(args, "no_cache", False):
        flags["cache"] = False
    if getattr(args, "refresh", False):
        flags["refresh"] = True
    return load_settings(flags, config_file=getattr(args, "config", None))
