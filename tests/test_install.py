"""A non-editable install works away from the source tree.

Builds the wheel, installs it with pip (no ``-e``) into a fresh virtual environment
whose dependencies come from this one (a ``.pth`` line: nothing is downloaded), and
runs ``assistant index build``, ``ask`` and ``serve`` from another directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import httpx
import pytest

from bench.harness import free_port
from tests.conftest import REPO, SAMPLES

pytestmark = pytest.mark.slow


def _run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, **kwargs
    )  # type: ignore[call-overload]
    assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done  # type: ignore[no-any-return]


@pytest.mark.timeout(600)  # the build embeds with both models (README "Languages")
def test_wheel_installs_and_runs_from_another_directory(tmp_path: Path, model_cache: Path) -> None:
    # Built from a copy of what the project ships: an in-tree build/ left by an earlier
    # build would otherwise hide a file missing from the package configuration.
    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md"):
        source.mkdir(exist_ok=True)
        shutil.copy(REPO / name, source / name)
    for name in ("index", "assistant", "prompts"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
        "-w", dist, source,
    )  # fmt: skip
    (wheel,) = dist.glob("report_assistant-*.whl")

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel)
    site = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        ).stdout.strip()
    )
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_report_assistant_deps.pth").write_text("\n".join(sorted(deps)) + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        **os.environ,
        "ASSISTANT_INDEX__EMBED__CACHE_DIR": str(model_cache),
        # the multilingual model loads from the installed wheel and embeds the chunks
        # and the question; its statement vectors would only add minutes here
        "ASSISTANT_INDEX__EMBED__MULTILINGUAL": "chunks",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    env.pop("PYTHONPATH", None)
    where = _run(
        python, "-c", "import assistant.answer.render as c; print(c.__file__, c.PROMPTS_FILE)",
        cwd=elsewhere, env=env,
    ).stdout  # fmt: skip
    assert str(REPO) not in where and str(venv) in where, where

    assistant = venv / "bin" / "assistant"
    assert "report-assistant" in _run(assistant, "--version", cwd=elsewhere, env=env).stdout
    _run(
        assistant,
        "index",
        "build",
        "--source",
        SAMPLES,
        "--index-dir",
        "idx",
        cwd=elsewhere,
        env=env,
    )
    answer = _run(
        assistant, "ask", "How do councils consult young people?", "--index-dir", "idx", "--json",
        cwd=elsewhere, env=env,
    ).stdout  # fmt: skip
    assert '"found": true' in answer

    port = free_port()
    server = subprocess.Popen(
        [str(assistant), "serve", "--index-dir", "idx", "--port", str(port)],
        cwd=elsewhere, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the installed server did not get ready"
            time.sleep(0.5)
        for path in ("/", "/static/app.js", "/docs", "/static-docs/swagger-ui-bundle.js"):
            assert httpx.get(base + path).status_code == 200, path
    finally:
        server.terminate()
        server.wait(timeout=30)
