"""Kill during build: SIGKILL a real `assistant index build` at four points.

The build is told to stop at a stage (hidden ``--pause-at``); once it says so on
stderr it is killed with SIGKILL (no handler, no cleanup). Then: ``current`` is the
same link as before, a running server kept answering from the old snapshot, and the
next build succeeds, switches, and leaves no half-written snapshot or temp link.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from index.config import BuildConfig
from index.layout import IndexDir
from tests.conftest import REPO
from tests.helpers import serve, settings_for
from tests.ops.conftest import (
    build_cmd,
    debris,
    run_cli,
    service_for,
    wait_for_line,
    wait_for_version,
)

pytestmark = pytest.mark.slow

QUESTION = "What did Guo Jun say about artificial intelligence and jobs?"


def _answer(url: str) -> dict[str, Any]:
    r = httpx.post(f"{url}/v1/answer", json={"question": QUESTION}, timeout=60)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


@pytest.mark.timeout(300)
@pytest.mark.parametrize("stage", ["load", "embed", "write", "switch"])
def test_sigkill_leaves_current_untouched(
    stage: str,
    index_copy: BuildConfig,
    changed: list[Path],
    ops_env: dict[str, str],
    real_embedder: Any,
) -> None:
    layout = IndexDir(index_copy.index_dir)
    before_id = layout.current_id()
    before_link = os.readlink(layout.current_link)
    settings = settings_for(index_copy, reload_interval_s=0.2)
    with serve(settings, service_for(index_copy, real_embedder)) as url:
        assert _answer(url)["index_version"] == before_id
        proc = subprocess.Popen(
            build_cmd(index_copy.index_dir, changed, "--pause-at", stage),
            cwd=REPO,
            env=ops_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_for_line(proc.stderr, f"stage paused:{stage}", timeout=180)  # type: ignore[arg-type]
            if stage == "write":
                assert list(layout.snapshots.glob(".building-*")), "nothing half-written?"
            if stage == "switch":
                assert len(layout.snapshot_ids()) == 2  # complete, not yet current
            assert _answer(url)["index_version"] == before_id  # serving while it builds
            proc.send_signal(signal.SIGKILL)
            assert proc.wait(timeout=30) == -signal.SIGKILL
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

        assert os.readlink(layout.current_link) == before_link
        for _ in range(3):  # over several reload polls: still the old snapshot
            assert _answer(url)["index_version"] == before_id
            time.sleep(0.3)

        done = run_cli(build_cmd(index_copy.index_dir, changed), ops_env)
        assert done.returncode == 0, done.stderr[-3000:]
        report = json.loads(done.stdout)
        assert report["status"] == "built"
        assert report["previous_snapshot_id"] == before_id
        notes = " ".join(report["notes"])
        assert "stale lock" in notes  # the dead build's lock was noticed and cleared
        if stage in ("write", "switch"):
            assert "removed what an interrupted build left" in notes
        if stage == "switch":
            # the complete snapshot that never became current is gone, and a
            # rollback returns to the snapshot that was served before
            assert layout.snapshot_ids() == sorted([before_id, report["snapshot_id"]])
            assert layout.previous_id() == before_id
        assert debris(index_copy.index_dir) == []
        assert layout.current_id() == report["snapshot_id"] != before_id
        wait_for_version(url, report["snapshot_id"])
        assert _answer(url)["index_version"] == report["snapshot_id"]
