"""Replicas on one snapshot: a snapshot opens read-only (SQLite ``mode=ro``, FAISS
memory-mapped), and two uvicorn worker processes serve it and both follow a new
``current`` (a real ``uvicorn --workers 2`` on a loopback port, the real model)."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from bench.harness import free_port
from index.build import build_index
from index.config import BuildConfig
from index.layout import IndexDir
from index.snapshot import STORE, VECTORS, Snapshot
from tests.conftest import REPO

pytestmark = pytest.mark.slow

_INFO = re.compile(
    r'^assistant_index_snapshot_info\{built_at="[^"]*",snapshot_id="([^"]+)"\}', re.M
)
_LOADED = re.compile(r"^assistant_index_loaded_timestamp_seconds (\S+)$", re.M)


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        path.chmod(mode)


def test_a_snapshot_opens_read_only_and_memory_mapped(
    index_copy: BuildConfig, tmp_path: Path
) -> None:
    current = IndexDir(index_copy.index_dir).current_path()
    assert current is not None
    folder = tmp_path / "volume" / current.name
    shutil.copytree(current, folder)
    _read_only(folder)  # as a read-only volume shows it
    try:
        snapshot = Snapshot.open(folder)
        assert snapshot.chunk_count > 0
        hits = snapshot.search_dense(snapshot.vectors_of([0])[0], 3)
        assert hits[0][0] == 0 and hits[0][1] > 0.99
        assert snapshot.document(snapshot.row_document[0]) is not None
        maps = Path(f"/proc/{os.getpid()}/maps").read_text()
        # FAISS reads the vectors from the file's pages (shared by every replica);
        # SQLite opened the store without taking a write lock
        assert str(folder / VECTORS) in maps
        with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only"):
            snapshot._db().execute("CREATE TABLE t (x)")
        assert not (folder / f"{STORE}-journal").exists()
        snapshot.close()
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def _workers_seen(url: str, tries: int = 200) -> dict[str, str]:
    """Each worker's snapshot, keyed by when it loaded it (one value per process): new
    connections each time, so the kernel hands them to either worker."""
    seen: dict[str, str] = {}
    for _ in range(tries):
        with httpx.Client() as client:
            text = client.get(f"{url}/metrics", timeout=10).text
        loaded, info = _LOADED.search(text), _INFO.search(text)
        if loaded and info:
            seen[loaded.group(1)] = info.group(1)
        if len(seen) >= 2 and tries > 40:
            tries = 40  # both answered: a few more looks, then stop
    return seen


def test_two_workers_serve_one_snapshot_and_follow_current(
    bench: ModuleType,
    index_copy: BuildConfig,
    changed: list[Path],
    real_embedder: Any,
    ops_env: dict[str, str],
) -> None:
    port = free_port()
    env = {
        **ops_env,
        "ASSISTANT_INDEX__INDEX_DIR": str(index_copy.index_dir),
        "ASSISTANT_SERVE__RELOAD_INTERVAL_S": "0.3",
    }
    command = [
        sys.executable, "-m", "uvicorn", "assistant.app:from_environment", "--factory",
        "--workers", "2", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=REPO, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, "uvicorn exited"
            assert time.monotonic() < deadline, "the workers did not get ready in 120 s"
            time.sleep(0.3)
        old = IndexDir(index_copy.index_dir).current_id()
        before = _workers_seen(url)
        assert len(before) == 2 and set(before.values()) == {old}, before

        report = build_index(
            index_copy.model_copy(update={"sources": changed}), embedder=real_embedder
        )
        new = report.snapshot_id
        assert new is not None and new != old
        deadline = time.monotonic() + 30
        while True:
            after = _workers_seen(url)
            # both workers (two load times, neither of them the old ones) serve the new one
            if len(after) == 2 and set(after.values()) == {new}:
                break
            assert time.monotonic() < deadline, f"workers still at {after}"
            time.sleep(0.5)
        assert not set(after) & set(before)
        answer = httpx.post(
            f"{url}/v1/answer", json={"question": bench.ADDED_QUESTION}, timeout=60
        ).json()
        assert bench.ADDED_NAME in {c["document_id"] for c in answer["citations"]}
    finally:
        server.terminate()
        server.wait(timeout=30)
