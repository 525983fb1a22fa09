"""Report building blocks shared by the story report and the quote-set report."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, computed_field


class _M(BaseModel):
    # "ignore": the JSON carries computed values (value, f1), and a saved report must load back.
    model_config = ConfigDict(extra="ignore")


class Ratio(_M):
    """``hit`` of ``total``; ``value`` is None when there is nothing to score (total 0)."""

    hit: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(hit=self.hit + other.hit, total=self.total + other.total)

    def show(self) -> str:
        return f"{self.hit}/{self.total}" if self.total else "-"
