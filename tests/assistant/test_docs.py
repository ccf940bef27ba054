"""The API docs pages, /docs and /redoc: served whole by this server, offline; neither
page (nor a script it loads) asks another host for anything, e.g. ReDoc's vendor logo."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.docs import mount_docs
from assistant.settings import ServeConfig, Settings
from index.config import BuildConfig
from tests.assistant.test_errors import BrokenService
from tests.helpers import serve_app

CHROMIUM = Path("/usr/bin/chromium")
# What a page loads: src="…", href="…", and the URLs a script names in quotes.
LOADED = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
ASSET = re.compile(r"""["'](https?://[^"'\s]+\.(?:svg|png|jpe?g|gif|css|js|woff2?))["']""")


def docs_app(tmp_path: Path) -> FastAPI:
    settings = Settings(
        index=BuildConfig(index_dir=tmp_path), serve=ServeConfig(reload_interval_s=0)
    )
    app = create_app(settings, BrokenService())  # type: ignore[arg-type]
    mount_docs(app)
    return app


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_and_their_scripts_name_no_other_host(tmp_path: Path, page: str) -> None:
    with TestClient(docs_app(tmp_path)) as client:
        html = client.get(page)
        assert html.status_code == 200
        loaded = LOADED.findall(html.text)
        assert loaded and all(url.startswith("/") for url in loaded), loaded
        for url in loaded:
            asset = client.get(url)
            assert asset.status_code == 200, url
            if url.endswith(".js"):
                # Images, styles and scripts a bundle would fetch (its links to
                # documentation or XML namespaces are no requests).
                assert ASSET.findall(asset.text) == [], url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize(("page", "shown"), [("/docs", ".swagger-ui"), ("/redoc", ".api-content")])
def test_docs_pages_request_nothing_from_another_host(
    tmp_path: Path, browser: Any, page: str, shown: str
) -> None:
    with serve_app(docs_app(tmp_path)) as base_url:
        tab = browser.new_page()
        requested: list[str] = []
        tab.on("request", lambda request: requested.append(request.url))
        tab.goto(base_url + page)
        tab.wait_for_selector(shown, timeout=30_000)
        tab.wait_for_load_state("networkidle")
        tab.close()
    elsewhere = [u for u in requested if u.startswith("http") and not u.startswith(base_url)]
    assert requested and elsewhere == []
