"""Atomic file writes: a reader, or a crash, never sees a half-written brief, report or cache entry."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder and a rename.

    The rename is atomic on POSIX and Windows, so ``path`` holds either its previous content or the
    new one, never a truncated mix: a run killed mid-write leaves yesterday's brief intact. The
    temporary file is removed on any failure. An existing file keeps its permission bits.
    """
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    if path.exists() and not path.is_file():
        # /dev/null, /dev/stdout, a FIFO: a rename would replace the device itself (as root, even
        # /dev/null); these are written in place, where atomicity has no meaning anyway.
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
