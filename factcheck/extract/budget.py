"""Metering and the spending budget of LLM requests: one article's usage, the run's --max-tokens /
--max-cost budget (reserved before a request is sent, settled with the real usage after)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any

from ..config import Settings
from ..errors import BudgetExceeded, ConfigError
from ..models import Usage
from .chunking import estimate_tokens


@dataclass
class Meter:
    """One article's spending and retry counts (threads of a sync client share it under a lock)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    transport_retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def usage(self, settings: Settings) -> Usage:
        return Usage(
            calls=self.calls,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            cost_usd=cost(settings, self.prompt_tokens, self.completion_tokens),
        )


def cost(settings: Settings, prompt_tokens: int, completion_tokens: int) -> float | None:
    price = settings.prices.get(settings.model)
    if price is None:
        return None
    return round((prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000, 6)


def estimate_request_tokens(kwargs: dict[str, Any]) -> tuple[int, int]:
    """(prompt, completion) token estimates for a request, before it is sent.

    The prompt is estimated per script (``chunking.estimate_tokens``: never below cl100k's count on
    the fixtures); the completion is the ``max_tokens`` the request sends, the most it can cost.
    """
    body = json.dumps(
        {k: kwargs.get(k) for k in ("messages", "tools", "response_format")}, ensure_ascii=False, default=str
    )
    prompt = estimate_tokens(body)
    cap = kwargs.get("max_tokens")
    return prompt, int(cap) if isinstance(cap, int) and cap > 0 else min(4096, max(512, prompt // 2))


class Budget:
    """The run's --max-tokens / --max-cost budget, shared by all articles (thread-safe).

    Each call reserves its estimate before it is sent; if the reservation would pass the limit,
    nothing is sent and BudgetExceeded is raised. Actual usage replaces the estimate afterwards.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.max_tokens = settings.max_tokens
        self.max_cost = settings.max_cost
        if self.max_cost is not None and settings.model not in settings.prices:
            raise ConfigError(
                f"--max-cost needs the price of model {settings.model!r}",
                hint=f'add prices."{settings.model}" = [USD per 1M input tokens, USD per 1M output tokens] '
                "to the config file, or use --max-tokens",
            )
        self._lock = threading.Lock()
        self.spent_tokens = 0
        self.reserved_tokens = 0
        self._spent_in = self._spent_out = self._reserved_in = self._reserved_out = 0
        self.exceeded: str | None = None

    def _cost(self, tokens_in: int, tokens_out: int) -> float:
        return cost(self.settings, tokens_in, tokens_out) or 0.0

    def check_open(self) -> None:
        if self.exceeded is not None:
            raise BudgetExceeded(f"not extracted: {self.exceeded}", hint=_BUDGET_HINT)

    def reserve(self, prompt: int, completion: int) -> tuple[int, int]:
        with self._lock:
            self.check_open()
            need = prompt + completion
            if self.max_tokens is not None and self.spent_tokens + self.reserved_tokens + need > self.max_tokens:
                self.exceeded = (
                    f"the --max-tokens budget of {self.max_tokens} would be exceeded by the next call "
                    f"(about {need} tokens; {self.spent_tokens} spent)"
                )
                raise BudgetExceeded(self.exceeded, spent=self.spent_tokens, hint=_BUDGET_HINT)
            if self.max_cost is not None:
                spent = self._spent_cost() + self._cost(prompt, completion)
                if spent > self.max_cost:
                    self.exceeded = (
                        f"the --max-cost budget of ${self.max_cost} would be exceeded by the next call "
                        f"(about ${self._cost(prompt, completion):.4f}; ${self._spent_cost():.4f} spent)"
                    )
                    raise BudgetExceeded(self.exceeded, spent=self._spent_cost(), hint=_BUDGET_HINT)
            self.reserved_tokens += need
            self._reserved_in += prompt
            self._reserved_out += completion
            return prompt, completion

    def _spent_cost(self) -> float:
        return self._cost(self._spent_in + self._reserved_in, self._spent_out + self._reserved_out)

    def settle(self, reservation: tuple[int, int], prompt: int, completion: int) -> None:
        with self._lock:
            self.reserved_tokens -= sum(reservation)
            self._reserved_in -= reservation[0]
            self._reserved_out -= reservation[1]
            self.spent_tokens += prompt + completion
            self._spent_in += prompt
            self._spent_out += completion


_BUDGET_HINT = "raise --max-tokens / --max-cost, or run on fewer articles (cached articles cost nothing)"
