"""API keys on a running server (real uvicorn): keys created or revoked while it runs
take effect at the next request; a revoked key is told so."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from typer.testing import CliRunner

from assistant.api import create_app
from assistant.auth import KeyStore, create_key, revoke_key
from assistant.cli import app as cli
from assistant.settings import ServeConfig, Settings
from index.config import BuildConfig
from tests.assistant.test_errors import BrokenService
from tests.helpers import serve_app


def _search(url: str, secret: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return httpx.post(f"{url}/v1/search", json={"query": "care"}, headers=headers, timeout=30)


def _server_settings(tmp_path: Path, keys_file: Path) -> Settings:
    return Settings(
        index=BuildConfig(index_dir=tmp_path / "index"),
        serve=ServeConfig(reload_interval_s=0, api_keys_file=keys_file),
    )


def test_a_key_created_while_the_server_runs_is_asked_for_at_once(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.json"  # named in the settings, not there yet
    app = create_app(_server_settings(tmp_path, keys_file), BrokenService())  # type: ignore[arg-type]
    with serve_app(app) as url:
        assert _search(url).status_code == 503  # open on loopback; no index: not ready
        created = CliRunner().invoke(
            cli, ["keys", "create", "--keys-file", str(keys_file), "--json"]
        )
        assert created.exit_code == 0, created.output
        secret = json.loads(created.stdout)["secret"]
        refused = _search(url)
        assert refused.status_code == 401, refused.text
        assert "Authorization: Bearer" in refused.json()["error"]["message"]
        assert _search(url, secret).status_code == 503  # past the key check
        assert _search(url, "ra_nope_nope").status_code == 401


def test_a_revoked_key_is_told_it_was_revoked(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.json"
    kept, _ = create_key(keys_file, ["query"], "kept")
    gone, record = create_key(keys_file, ["query"], "laptop")
    app = create_app(_server_settings(tmp_path, keys_file), BrokenService())  # type: ignore[arg-type]
    with serve_app(app) as url:
        assert _search(url, gone).status_code == 503
        revoke_key(keys_file, record.id)
        r = _search(url, gone)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        message = r.json()["error"]["message"]
        assert f"key {record.id} was revoked" in message and "not valid" not in message
        assert "not valid" in _search(url, "ra_0000_wrong").json()["error"]["message"]
        assert _search(url, kept).status_code == 503
        revoke_key(keys_file, KeyStore.load(keys_file).keys[0].id)
        assert _search(url).status_code == 401  # no key left: still closed, never open
    listed = json.loads(keys_file.read_text())
    assert listed["keys"] == [] and {k["name"] for k in listed["revoked"]} == {"kept", "laptop"}
    assert all("secret" not in k for k in listed["revoked"])
