"""Word sets and tables that other modules define at import but fill from the lexicon on first
use, so that importing them (``factcheck --help``) reads no lexicon file."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from typing import Any, TypeVar, overload

V = TypeVar("V")
T = TypeVar("T")


class LazySet(Set[str]):
    """A frozen set of strings built on first use."""

    def __init__(self, make: Callable[[], frozenset[str]]) -> None:
        self._make = make
        self._value: frozenset[str] | None = None

    def value(self) -> frozenset[str]:
        """The set itself (for hot loops: a frozenset's ``in`` is native)."""
        if self._value is None:
            self._value = self._make()
        return self._value

    _get = value

    def __contains__(self, item: object) -> bool:
        v = self._value  # one call per lookup once filled: the reconciler asks millions of times
        return item in (v if v is not None else self._get())

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


class LazyMap(Mapping[str, V]):
    """A read-only table built on first use; ``a | b`` gives a plain dict, as for dicts."""

    def __init__(self, make: Callable[[], dict[str, V]]) -> None:
        self._make = make
        self._value: dict[str, V] | None = None

    def _get(self) -> dict[str, V]:
        if self._value is None:
            self._value = self._make()
        return self._value

    def __getitem__(self, key: str) -> V:
        v = self._value
        return (v if v is not None else self._get())[key]

    def __contains__(self, key: object) -> bool:  # Mapping's would raise and catch KeyError
        v = self._value
        return key in (v if v is not None else self._get())

    @overload
    def get(self, key: str, /) -> V | None: ...

    @overload
    def get(self, key: str, /, default: V | T) -> V | T: ...

    def get(self, key: str, /, default: object = None) -> object:
        v = self._value
        return (v if v is not None else self._get()).get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __or__(self, other: Mapping[str, Any]) -> dict[str, Any]:
        return {**self._get(), **other}

    def __ror__(self, other: Mapping[str, Any]) -> dict[str, Any]:
        return {**other, **self._get()}


class LazyList(Sequence[V]):
    """A read-only list built on first use."""

    def __init__(self, make: Callable[[], list[V]]) -> None:
        self._make = make
        self._value: list[V] | None = None

    def _get(self) -> list[V]:
        if self._value is None:
            self._value = self._make()
        return self._value

    @overload
    def __getitem__(self, i: int) -> V: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[V]: ...
    def __getitem__(self, i: int | slice) -> V | Sequence[V]:
        return self._get()[i]

    def __len__(self) -> int:
        return len(self._get())


def words(category: str, lang: str | None = None) -> list[str]:
    """The written forms of a category in the shipped lexicon."""
    from .lexicon import shipped

    return shipped().words(category, lang)


def values(category: str, lang: str | None = None) -> dict[str, Any]:
    from .lexicon import shipped

    return shipped().values(category, lang)


def table(category: str, lang: str | None = None) -> dict[str, str]:
    """{written forms joined by "|": example} of a category in the shipped lexicon, in file order."""
    from .lexicon import shipped

    return shipped().table(category, lang)
