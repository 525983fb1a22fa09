"""Shared test set-up: environment isolation and a network guard (tests never leave loopback)."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_REAL_CONNECT = socket.socket.connect
_REAL_CONNECT_EX = socket.socket.connect_ex


def _allowed(address: Any) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _allowed(address):
        raise OSError(f"tests must not touch the network (tried to connect to {address!r})")
    return _REAL_CONNECT(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> Any:
    if not _allowed(address):
        raise OSError(f"tests must not touch the network (tried to connect to {address!r})")
    return _REAL_CONNECT_EX(self, address)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "FACTCHECK_")) and name != "FACTCHECK_TEST_LLAMA_URL":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user config file leaks in
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    yield


@pytest.fixture
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Backoff sleeps return at once (the retries themselves still happen and are counted)."""
    from factcheck.extract import client as client_mod

    async def no_sleep(seconds: float) -> None:
        return None

    monkeypatch.setattr(client_mod, "_sleep_async", no_sleep)


ROOT = Path(__file__).resolve().parent.parent


def _extract_folders(folders: list[Path]) -> list[list[Any]]:
    from factcheck.extract import extract_all
    from factcheck.ingest import load_articles

    out = []
    for folder in folders:
        articles, _ = load_articles(sorted(str(p) for p in folder.iterdir() if p.suffix == ".txt"))
        out.append(extract_all(articles)[0])
    return out


@pytest.fixture(scope="session")
def own_stories() -> list[list[Any]]:
    """The offline extractions of the seeds and of each own fixture story (read-only: shared)."""
    return _extract_folders([ROOT / "fixtures/seeds", *sorted((ROOT / "fixtures/stories").iterdir())])


@pytest.fixture(scope="session")
def aured_stories() -> list[list[Any]]:
    """The offline extractions of each AuRED dev story of the fixtures (read-only: shared)."""
    return _extract_folders(sorted((ROOT / "fixtures/eval/aured-dev").iterdir()))
