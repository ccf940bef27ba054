"""scripts/_install's two modes, run against a stand-in Python that records each pip
call: `run` (what scripts/run uses) installs prebuilt wheels only and never the local
model server; `test` builds llama-cpp-python once, portable, into a folder named by its
build flags; each mode's stamp makes a second call do nothing."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.conftest import REPO

INSTALL = REPO / "scripts" / "_install"
# Records `-m pip ARGS` with the CMAKE_ARGS it saw; `pip wheel … -w DIR` leaves a wheel.
FAKE_PYTHON = """#!/usr/bin/env bash
if [ "$1" = -m ] && [ "$2" = pip ]; then
  shift 2
  echo "$* | CMAKE_ARGS=${CMAKE_ARGS:-}" >> "$PIP_LOG"
  while [ $# -gt 0 ]; do
    if [ "$1" = -w ]; then
      mkdir -p "$2" && touch "$2/llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl"
    fi
    shift
  done
fi
exit 0
"""


def _install(tmp_path: Path, *mode: str) -> list[str]:
    """Run scripts/_install MODE; returns the pip calls it made."""
    log = tmp_path / "pip.log"
    log.unlink(missing_ok=True)
    env = {
        **os.environ,
        "VENV": str(tmp_path / "venv"),
        "WHEELS_ROOT": str(tmp_path / "wheels"),
        "PIP_LOG": str(log),
    }
    done = subprocess.run(
        [str(INSTALL), *mode], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return log.read_text().splitlines() if log.exists() else []


def _venv(tmp_path: Path) -> Path:
    python = tmp_path / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    return python.parent.parent


def test_run_installs_prebuilt_wheels_only_and_once(tmp_path: Path) -> None:
    venv = _venv(tmp_path)
    calls = _install(tmp_path, "run")
    assert calls[1].startswith("--disable-pip-version-check -q install torch==2.13.0 ")
    assert any(" install --only-binary :all: -e . " in c for c in calls), calls
    assert not [c for c in calls if "llama" in c or " wheel " in c or "dev" in c], calls
    assert {p.name.rsplit("-", 1)[0] for p in venv.glob(".installed-*")} == {".installed-run"}
    assert _install(tmp_path, "run") == []  # stamped: nothing to do
    assert _install(tmp_path) == []  # run is the default


def test_test_builds_the_model_server_portable_once(tmp_path: Path) -> None:
    venv = _venv(tmp_path)
    # A wheel built before the flags were set (-march=native) must not be reused.
    (tmp_path / "wheels").mkdir()
    (tmp_path / "wheels" / "llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl").touch()
    calls = _install(tmp_path, "test")
    assert calls[1].startswith("--disable-pip-version-check -q install torch==2.13.0 ")
    (wheel,) = [c for c in calls if " wheel " in c]
    assert "llama-cpp-python==0.3.36" in wheel
    assert f"-w {tmp_path / 'wheels' / 'x86-64-v3'} " in wheel
    flags = wheel.split("CMAKE_ARGS=")[1].split()
    assert "-DGGML_NATIVE=OFF" in flags and "-DGGML_AVX512=OFF" in flags
    assert any("-e .[dev,llm-local]" in c for c in calls), calls
    assert {p.name.rsplit("-", 1)[0] for p in venv.glob(".installed-*")} == {".installed-test"}
    assert _install(tmp_path, "test") == []
    assert _install(tmp_path, "run") == []  # a test install serves run too


def test_a_second_test_install_reuses_the_portable_wheel(tmp_path: Path) -> None:
    _venv(tmp_path)
    _install(tmp_path, "test")
    for stamp in (tmp_path / "venv").glob(".installed-*"):
        stamp.unlink()  # e.g. pyproject.toml changed
    calls = _install(tmp_path, "test")
    assert not [c for c in calls if " wheel " in c], calls
    assert any("--force-reinstall" in c and "llama-cpp-python==0.3.36" in c for c in calls)


def test_an_unknown_mode_is_refused(tmp_path: Path) -> None:
    _venv(tmp_path)
    env = {**os.environ, "VENV": str(tmp_path / "venv")}
    done = subprocess.run(
        [str(INSTALL), "all"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2 and "usage: scripts/_install [run|test]" in done.stderr


def test_run_and_test_use_their_modes() -> None:
    run = (REPO / "scripts" / "run").read_text()
    test = (REPO / "scripts" / "test").read_text()
    assert re.search(r"^\./scripts/_install run\b", run, re.M)
    assert re.search(r"^\./scripts/_install test$", test, re.M)
