"""The embedding stage on a real Ray cluster (loopback, 2 CPUs), with the real MiniLM.

A Ray build and a local build of the same reports give the same snapshot; a worker
killed on its first batch is restarted and the build finishes; a cluster that is not
there fails the build with ``current`` untouched.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from assistant.cli import app as cli
from bench.harness import free_port
from index.build import BuildReport, build_index
from index.config import BuildConfig, EmbedConfig
from index.layout import IndexDir
from index.snapshot import Snapshot
from tests.conftest import SAMPLES

ray = pytest.importorskip("ray", reason="Ray is an extra: pip install report-assistant[ray]")

pytestmark = pytest.mark.slow

# Three short reports (~10 kB of text): enough rows for several batches per worker.
REPORTS = (
    "2022/board-meeting-lisbon.txt",
    "2023/care-economy-seminar.md",
    "2025/ai-and-work-roundtable.md",
)
# ONNX on one thread (a Ray actor) and on two (this process) sum in another order:
# measured differences are ~1e-7; anything near 1e-3 would be another model.
ATOL = 1e-5


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    """A real local Ray: GCS, raylet and workers on 127.0.0.1, two CPUs."""
    ray.init(
        address="local",  # a new cluster, never one `ray start` left on this machine
        num_cpus=2,
        include_dashboard=False,
        _node_ip_address="127.0.0.1",
        logging_level=logging.ERROR,
        log_to_driver=False,
    )
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    for name in REPORTS:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def _config(tmp_path: Path, reports: Path, model_cache: Path, name: str, **kw: Any) -> BuildConfig:
    embed = EmbedConfig(cache_dir=model_cache, multilingual=kw.pop("multilingual", "off"))
    return BuildConfig(sources=[reports], index_dir=tmp_path / name, embed=embed, **kw)


def _contents(config: BuildConfig) -> dict[str, Any]:
    """What a snapshot holds, in row order: ids, chunk and statement vectors."""
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    snapshot = Snapshot.open(path)
    try:
        rows = list(range(snapshot.chunk_count))
        documents = sorted((d.id, d.content_hash) for d in snapshot.documents())
        statements = [
            (s.record.document_id, s.record.start, s.record.end, s.vector_row)
            for doc_id, _ in documents
            for s in snapshot.sentences_of(doc_id)
        ]
        vector_rows = [row for *_, row in statements if row >= 0]
        multilingual = snapshot.manifest.get("multilingual")
        return {
            "documents": documents,
            "chunks": [c.chunk.id for c in snapshot.chunk_rows(rows)],
            "statements": statements,
            "vectors": snapshot.vectors_of(rows),
            "statement_vectors": snapshot.sentence_vectors_of(vector_rows),
            "multilingual": snapshot.vectors_of(rows, multilingual=True) if multilingual else None,
        }
    finally:
        snapshot.close()


def _same_snapshot(a: dict[str, Any], b: dict[str, Any]) -> None:
    for key in ("documents", "chunks", "statements"):
        assert a[key] == b[key], key
    for key in ("vectors", "statement_vectors", "multilingual"):
        if a[key] is None:
            assert b[key] is None
            continue
        assert a[key].shape == b[key].shape and len(a[key]) > 0, key
        np.testing.assert_allclose(a[key], b[key], atol=ATOL, err_msg=key)


def _built(report: BuildReport) -> None:
    assert report.status == "built", report.error
    assert report.failed == []


def test_ray_build_gives_the_local_snapshot(
    cluster: None, tmp_path: Path, reports: Path, model_cache: Path, real_embedder: Any
) -> None:
    """Same ids, same vectors within tolerance, both models, two actors."""
    local = _config(tmp_path, reports, model_cache, "local", multilingual="chunks")
    on_ray = _config(
        tmp_path, reports, model_cache, "ray", multilingual="chunks", executor="ray", ray_workers=2
    )
    local_report = build_index(local, embedder=real_embedder)
    ray_report = build_index(on_ray, embedder=real_embedder)
    _built(local_report)
    _built(ray_report)
    assert ray_report.embed_backend == f"{local_report.embed_backend} on ray"
    assert ray_report.vectors_embedded == local_report.vectors_embedded > 50  # several batches
    assert ray_report.multilingual_embedded == local_report.multilingual_embedded > 0
    _same_snapshot(_contents(local), _contents(on_ray))

    # the vectors went into the cache: a second Ray build embeds nothing
    (reports / REPORTS[0]).write_text(
        (reports / REPORTS[0]).read_text(encoding="utf-8") + "\nThe board adjourned.\n",
        encoding="utf-8",
    )
    again = build_index(on_ray, embedder=real_embedder)
    _built(again)
    assert 0 < again.vectors_embedded < 10 and again.vectors_reused > 50


def test_a_worker_killed_mid_build_is_restarted(
    cluster: None, tmp_path: Path, reports: Path, model_cache: Path, real_embedder: Any
) -> None:
    """The first actor to embed a batch dies (os._exit); Ray restarts it, retries the
    batch, and the snapshot is the local build's."""
    marker = tmp_path / "crashed"
    on_ray = _config(tmp_path, reports, model_cache, "ray", executor="ray", ray_workers=1)
    report = build_index(on_ray, embedder=real_embedder, ray_crash_once=marker)
    _built(report)
    assert marker.exists()  # a worker did die
    local = _config(tmp_path, reports, model_cache, "local")
    _built(build_index(local, embedder=real_embedder))
    _same_snapshot(_contents(local), _contents(on_ray))


def test_an_unreachable_cluster_fails_and_keeps_current(
    tmp_path: Path, reports: Path, model_cache: Path
) -> None:
    """Built locally once; a Ray build pointed at a port nobody listens on exits non-zero,
    says which address, and ``current`` is the local build's snapshot."""
    index_dir = tmp_path / "index"
    env = {
        "ASSISTANT_INDEX__EMBED__CACHE_DIR": str(model_cache),
        "ASSISTANT_INDEX__EMBED__MULTILINGUAL": "off",
    }
    args = ["index", "build", "--source", str(reports), "--index-dir", str(index_dir), "--json"]
    first = CliRunner().invoke(cli, args, env=env)
    assert first.exit_code == 0, first.output
    before = IndexDir(index_dir).current_id()
    assert before == json.loads(first.stdout)["snapshot_id"]

    address = f"127.0.0.1:{free_port('127.0.0.1')}"
    result = CliRunner().invoke(
        cli, [*args, "--full", "--executor", "ray", "--ray-address", address], env=env
    )
    assert result.exit_code == 1, result.output
    message = json.loads(result.stdout)["error"]["message"]
    assert f"no Ray cluster answers at {address}" in message
    assert IndexDir(index_dir).current_id() == before
    last = json.loads(IndexDir(index_dir).report_file.read_text(encoding="utf-8"))
    assert last["status"] == "failed" and address in last["error"]

    wrong = CliRunner().invoke(cli, [*args, "--executor", "spark"], env=env)
    assert wrong.exit_code == 2 and "'spark' is not one of local, ray" in wrong.stdout
    bad = CliRunner().invoke(cli, [*args, "--executor", "ray", "--ray-address", "head"], env=env)
    assert bad.exit_code == 2 and "'head' is not HOST:PORT" in bad.stdout
    assert IndexDir(index_dir).current_id() == before


def _cached(cache: Path) -> int:
    if not cache.exists():
        return 0
    db = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT count(*) FROM vectors").fetchone()[0])
    except sqlite3.OperationalError:  # the table is not there yet
        return 0
    finally:
        db.close()


def test_a_cluster_lost_mid_build_fails_and_keeps_current(
    tmp_path: Path, reports: Path, model_cache: Path, real_embedder: Any
) -> None:
    """A head started with `ray start`; a build with 13 new reports joins it, and the
    head is killed once the first batch is cached. The build exits non-zero, ``current``
    is the previous snapshot, and the next (local) build reuses what the lost one cached."""
    config = _config(tmp_path, reports, model_cache, "index")
    before = build_index(config, embedder=real_embedder).snapshot_id
    cache = IndexDir(config.index_dir).cache
    cache.unlink()  # from here on, a cached vector is one the Ray build embedded
    shutil.copytree(SAMPLES, reports, dirs_exist_ok=True)  # ~16 reports: many batches
    port = free_port("127.0.0.1")
    ray_bin = Path(sys.executable).with_name("ray")
    # its own temp dir (short: Ray's Unix sockets live there), so the address file it
    # writes is not /tmp/ray's, which a later `ray.init()` on this machine would read
    temp_dir = tempfile.mkdtemp(prefix="ray-")
    head_argv = [str(ray_bin), "start", "--head", "--block", f"--port={port}", "--num-cpus=1"]
    loopback = ["--node-ip-address=127.0.0.1", "--include-dashboard=false"]
    head = subprocess.Popen(
        [*head_argv, *loopback, f"--temp-dir={temp_dir}"],
        env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its processes go with it (killed by group id below)
    )
    env = {
        **os.environ,
        "ASSISTANT_INDEX__EMBED__CACHE_DIR": str(model_cache),
        "ASSISTANT_INDEX__EMBED__MULTILINGUAL": "off",
        "ASSISTANT_INDEX__EMBED__BATCH_SIZE": "8",  # 64 texts a batch: several batches
        # how long a driver waits for a lost head before it gives up (Ray's default: 60 s)
        "RAY_gcs_rpc_server_reconnect_timeout_s": "5",
        # `ray start` turns Ray's token authentication on when ~/.ray/auth_token exists
        # (Ray 2.60); a driver joining it must say so (docs/scaling.md "Ray")
        "RAY_AUTH_MODE": "token",
    }
    build = None
    try:
        _wait_for_port(port, head)
        assistant = str(Path(sys.executable).with_name("assistant"))
        where = ["--source", str(reports), "--index-dir", str(config.index_dir)]
        on_ray = ["--executor", "ray", "--ray-address", f"127.0.0.1:{port}"]
        build = subprocess.Popen(
            [assistant, "index", "build", "--json", *where, *on_ray],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 90
        while _cached(cache) == 0 and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert build.poll() is None, build.communicate()  # still embedding
        assert _cached(cache) > 0
    finally:
        os.killpg(head.pid, signal.SIGKILL)  # the whole head: GCS, raylet, its workers
        head.wait(timeout=30)
        shutil.rmtree(temp_dir, ignore_errors=True)
    assert build is not None
    out, err = build.communicate(timeout=120)
    assert build.returncode != 0, out
    # Ray's driver ends the process once the head is gone past its reconnect timeout
    # ("Failed to connect to GCS … The program will terminate."), or the stage fails first
    assert b"Failed to connect to GCS" in err or b"Ray embedding stage failed" in out, err
    assert IndexDir(config.index_dir).current_id() == before
    resumed = build_index(config, embedder=real_embedder)
    _built(resumed)
    assert resumed.vectors_reused > 0  # what the lost build cached was kept


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"`ray start --head` did not listen on {port} (exit {process.poll()})")
