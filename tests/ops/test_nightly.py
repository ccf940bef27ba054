"""scripts/nightly as cron runs it: exit codes, the run report, the log."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from index.config import BuildConfig
from index.layout import IndexDir
from tests.conftest import REPO
from tests.ops.conftest import debris

pytestmark = pytest.mark.slow

NIGHTLY = REPO / "scripts" / "nightly"


def _nightly(
    config: BuildConfig,
    sources: list[Path],
    ops_env: dict[str, str],
    *args: str,
    timeout_s: int = 600,
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    env = {
        **ops_env,
        "ASSISTANT_INDEX__INDEX_DIR": str(config.index_dir),
        "ASSISTANT_INDEX__SOURCES": json.dumps([str(s) for s in sources]),
        "NIGHTLY_TIMEOUT_S": str(timeout_s),
    }
    done = subprocess.run(
        [str(NIGHTLY), *args],
        cwd="/",  # cron's working directory is not the repository
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout_s + 120,
        check=False,
    )
    report = json.loads((config.index_dir / "last_nightly.json").read_text())
    return done, report


def test_nightly_builds_then_finds_nothing_to_do(
    index_copy: BuildConfig, changed: list[Path], ops_env: dict[str, str]
) -> None:
    before = IndexDir(index_copy.index_dir).current_id()
    done, report = _nightly(index_copy, changed, ops_env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # quiet on success: cron mails nothing
    nightly, build = report["nightly"], report["build"]
    assert nightly["outcome"] == "ok" and nightly["exit_code"] == 0
    assert nightly["index_dir"] == str(index_copy.index_dir)
    assert build["status"] == "built" and build["previous_snapshot_id"] == before
    assert build["added"] and build["changed"]
    assert IndexDir(index_copy.index_dir).current_id() == build["snapshot_id"]
    reports = sorted((index_copy.index_dir / "reports").glob("*.json"))
    assert len(reports) == 1 and json.loads(reports[0].read_text()) == report

    done, report = _nightly(index_copy, changed, ops_env)
    assert done.returncode == 0
    assert report["build"]["status"] == "unchanged"
    assert report["build"]["vectors_embedded"] == 0
    log = (index_copy.index_dir / "logs" / "nightly.log").read_text()
    assert log.count(" start: ") == 2 and log.count("done: outcome=ok exit=0") == 2


def test_nightly_locked(
    index_copy: BuildConfig, changed: list[Path], ops_env: dict[str, str]
) -> None:
    with IndexDir(index_copy.index_dir).build_lock():
        done, report = _nightly(index_copy, changed, ops_env)
    assert done.returncode == 3
    assert report["nightly"]["outcome"] == "locked"
    assert "another build is running" in report["error"]
    assert "outcome=locked" in done.stderr


def test_nightly_partial(
    index_copy: BuildConfig, changed: list[Path], ops_env: dict[str, str]
) -> None:
    (changed[0] / "broken.pdf").write_bytes(b"%PDF-1.7 this is not a PDF")
    done, report = _nightly(index_copy, changed, ops_env)
    assert done.returncode == 4, done.stderr
    assert report["nightly"]["outcome"] == "partial"
    assert report["build"]["status"] == "built"
    assert [f["path"].endswith("broken.pdf") for f in report["build"]["failed"]] == [True]
    assert report["build"]["failed"][0]["reason"]


def test_nightly_failed_keeps_current(
    index_copy: BuildConfig, ops_env: dict[str, str], tmp_path: Path
) -> None:
    before = IndexDir(index_copy.index_dir).current_id()
    empty = tmp_path / "empty"
    empty.mkdir()
    done, report = _nightly(index_copy, [empty], ops_env)
    assert done.returncode == 1
    assert report["nightly"]["outcome"] == "failed"
    assert "no document could be loaded" in report["error"]
    assert report["build"]["status"] == "failed"
    assert IndexDir(index_copy.index_dir).current_id() == before


def test_nightly_timed_out_keeps_current(
    index_copy: BuildConfig, changed: list[Path], ops_env: dict[str, str]
) -> None:
    before = IndexDir(index_copy.index_dir).current_id()
    done, report = _nightly(index_copy, changed, ops_env, "--pause-at", "write", timeout_s=20)
    assert done.returncode == 124, done.stderr
    assert report["nightly"]["outcome"] == "timed_out"
    assert "untouched" in report["error"]
    assert IndexDir(index_copy.index_dir).current_id() == before
    # The next run cleans up what the stopped build left and succeeds.
    done, report = _nightly(index_copy, changed, ops_env)
    assert done.returncode == 0, done.stderr
    assert report["build"]["status"] == "built"
    assert debris(index_copy.index_dir) == []
