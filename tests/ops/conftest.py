"""Fixtures of the operations tests: one real index built once, copied per test.

The copies carry the vector cache, so a rebuild after a change embeds only the
changed chunks. Subprocesses (builds, servers) share the exported model through
``ASSISTANT_INDEX__EMBED__CACHE_DIR``.
"""

from __future__ import annotations

import importlib.util
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import IO, Any

import httpx
import pytest

from assistant.service import AssistantService
from index.config import BuildConfig
from index.layout import IndexDir
from tests.conftest import REPO, SAMPLES
from tests.helpers import build_test_index


@pytest.fixture(scope="session")
def bench() -> ModuleType:
    """``bench/bench_load.py``: its server process, load loop and change maker."""
    path = REPO / "bench" / "bench_load.py"
    spec = importlib.util.spec_from_file_location("bench_load", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def ops_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ops-sources") / "reports"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture(scope="session")
def base_index(
    tmp_path_factory: pytest.TempPathFactory, model_cache: Path, ops_sources: Path
) -> BuildConfig:
    """A real index (real model) over the sample reports; never modified by a test."""
    folder = tmp_path_factory.mktemp("ops-index")
    return build_test_index(folder / "index", model_cache, [ops_sources])


def copy_index(base: BuildConfig, dest: Path) -> BuildConfig:
    shutil.copytree(base.index_dir, dest, symlinks=True)
    return base.model_copy(update={"index_dir": dest})


@pytest.fixture
def index_copy(base_index: BuildConfig, tmp_path: Path) -> BuildConfig:
    return copy_index(base_index, tmp_path / "index")


@pytest.fixture
def changed(bench: ModuleType, ops_sources: Path, tmp_path: Path) -> list[Path]:
    """The sample reports with one report added and one changed (see bench_load)."""
    return list(bench.changed_sources([ops_sources], tmp_path / "changed"))


@pytest.fixture(scope="session")
def ops_env(model_cache: Path) -> dict[str, str]:
    """Environment of the subprocesses: offline, the shared model cache, no stray settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
        ASSISTANT_INDEX__EMBED__CACHE_DIR=str(model_cache),
        # operations, not languages: the builds skip the multilingual model (as base_index)
        ASSISTANT_INDEX__EMBED__MULTILINGUAL="off",
    )
    return env


def assistant_cmd() -> list[str]:
    script = Path(sys.executable).with_name("assistant")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from assistant.cli import app; app()"]


def build_cmd(index_dir: Path, sources: list[Path], *extra: str) -> list[str]:
    args = [*assistant_cmd(), "index", "build", "--json", "--index-dir", str(index_dir)]
    for source in sources:
        args += ["--source", str(source)]
    return [*args, *extra]


def run_cli(args: list[str], env: dict[str, str], timeout: float = 300) -> Any:
    return subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def wait_for_line(stream: IO[str], wanted: str, timeout: float) -> list[str]:
    """Read ``stream`` until a line equals ``wanted``; returns the lines read."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise TimeoutError(f"no {wanted!r} in {timeout} s; read: {seen[-20:]}") from None
        if line is None:
            raise RuntimeError(f"the process ended before {wanted!r}; read: {seen[-20:]}")
        seen.append(line)
        if line == wanted:
            return seen


def wait_for_version(url: str, version: str, timeout: float = 15.0) -> dict[str, Any]:
    """Poll /readyz until the server serves ``version``; returns the /readyz body."""
    deadline = time.monotonic() + timeout
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        body = httpx.get(f"{url}/readyz", timeout=10).json()
        if body.get("index_version") == version:
            return body
        time.sleep(0.1)
    raise AssertionError(f"the server still serves {body.get('index_version')}, not {version}")


def debris(index_dir: Path) -> list[str]:
    layout = IndexDir(index_dir)
    found = [p.name for p in layout.snapshots.glob(".building-*")]
    return found + [p.name for p in index_dir.glob(".current-*")]


def service_for(config: BuildConfig, embedder: Any) -> AssistantService:
    """A service that reuses the session's loaded model (no second load per server)."""
    return AssistantService(config, embedder=embedder)
