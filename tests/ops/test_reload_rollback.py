"""Hot reload and rollback: a polling server picks up a new ``current``; an admin
call forces a reload (admin key only); ``assistant index rollback`` is followed."""

from __future__ import annotations

import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from assistant.auth import create_key
from index.build import build_index
from index.config import BuildConfig
from index.layout import IndexDir
from tests.helpers import serve, settings_for
from tests.ops.conftest import assistant_cmd, run_cli, service_for, wait_for_version

pytestmark = pytest.mark.slow


def _cited(url: str, question: str, headers: dict[str, str] | None = None) -> set[str]:
    r = httpx.post(f"{url}/v1/answer", json={"question": question}, headers=headers, timeout=60)
    assert r.status_code == 200, r.text
    return {c["document_id"] for c in r.json()["citations"]}


def _rollback(index_dir: Path, env: dict[str, str]) -> dict[str, str]:
    done = run_cli(
        [*assistant_cmd(), "index", "rollback", "--json", "--index-dir", str(index_dir)], env
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, str] = json.loads(done.stdout)
    return result


def test_polling_server_follows_build_and_rollback(
    bench: ModuleType,
    index_copy: BuildConfig,
    changed: list[Path],
    real_embedder: Any,
    ops_env: dict[str, str],
) -> None:
    old = IndexDir(index_copy.index_dir).current_id()
    assert old is not None
    settings = settings_for(index_copy, reload_interval_s=0.2)
    with serve(settings, service_for(index_copy, real_embedder)) as url:
        assert bench.ADDED_NAME not in _cited(url, bench.ADDED_QUESTION)
        report = build_index(
            index_copy.model_copy(update={"sources": changed}), embedder=real_embedder
        )
        new = report.snapshot_id
        assert new is not None
        ready = wait_for_version(url, new, timeout=10)
        assert ready["built_at"] and ready["age_s"] >= 0
        assert bench.ADDED_NAME in _cited(url, bench.ADDED_QUESTION)

        assert _rollback(index_copy.index_dir, ops_env) == {"previous": new, "current": old}
        wait_for_version(url, old, timeout=10)
        assert bench.ADDED_NAME not in _cited(url, bench.ADDED_QUESTION)


def test_admin_reload_forces_it_and_needs_the_admin_scope(
    index_copy: BuildConfig,
    changed: list[Path],
    real_embedder: Any,
    ops_env: dict[str, str],
    tmp_path: Path,
) -> None:
    keys = tmp_path / "keys.json"
    query_key, _ = create_key(keys, ["query"], "reader")
    admin_key, _ = create_key(keys, ["admin"], "operator")
    old = IndexDir(index_copy.index_dir).current_id()
    settings = settings_for(index_copy, reload_interval_s=0, api_keys_file=keys)
    with serve(settings, service_for(index_copy, real_embedder)) as url:
        new = build_index(
            index_copy.model_copy(update={"sources": changed}), embedder=real_embedder
        ).snapshot_id
        time.sleep(0.5)
        assert httpx.get(f"{url}/readyz").json()["index_version"] == old  # no polling

        reload = f"{url}/v1/admin/reload"
        assert httpx.post(reload).status_code == 401
        as_reader = httpx.post(reload, headers={"Authorization": f"Bearer {query_key}"})
        assert as_reader.status_code == 403
        assert "admin" in as_reader.json()["error"]["message"]
        assert httpx.get(f"{url}/readyz").json()["index_version"] == old

        admin = {"Authorization": f"Bearer {admin_key}"}
        forced = httpx.post(reload, headers=admin, timeout=60)
        assert forced.status_code == 200
        assert forced.json()["index_version"] == new
        assert httpx.get(f"{url}/readyz").json()["index_version"] == new

        _rollback(index_copy.index_dir, ops_env)
        assert httpx.post(reload, headers=admin, timeout=60).json()["index_version"] == old
