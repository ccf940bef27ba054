"""Test helpers shared by the HTTP, MCP and browser tests.

``serve(settings)`` runs the real application under a real uvicorn server on a free
loopback port, in a background thread, and yields its base URL::

    with serve(settings) as base_url:
        httpx.get(f"{base_url}/readyz")
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn

from bench.harness import free_port

if TYPE_CHECKING:
    from fastapi import FastAPI

    from assistant.service import AssistantService
    from assistant.settings import Settings
    from index.config import BuildConfig


@contextlib.contextmanager
def serve_app(app: FastAPI, host: str = "127.0.0.1", timeout: float = 60.0) -> Iterator[str]:
    """Serve any ASGI app until the block ends; the lifespan runs as in production."""
    port = free_port(host)
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn:{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError(f"the test server on port {port} did not start (see the log)")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise TimeoutError(f"the test server on port {port} did not start in {timeout} s")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@contextlib.contextmanager
def serve(settings: Settings, service: AssistantService | None = None) -> Iterator[str]:
    """The whole application (API, chat page, MCP) for ``settings``; yields its base URL."""
    from assistant.app import build_app

    with serve_app(build_app(settings, service), host=settings.serve.host) as base_url:
        yield base_url


def build_test_index(
    index_dir: Path,
    model_cache: Path,
    sources: Sequence[Path],
    multilingual: str = "off",
    embedder: Any = None,
    **build: Any,
) -> BuildConfig:
    """Build a real index (real model, cached in ``model_cache``) and return its config.
    Without the multilingual model unless asked (tests of languages do): it costs a
    minute of embedding on 2 cores that tests of other things need not pay."""
    from index.build import build_index
    from index.config import BuildConfig, EmbedConfig

    config = BuildConfig(
        sources=list(sources),
        index_dir=index_dir,
        embed=EmbedConfig(cache_dir=model_cache, multilingual=multilingual),
        **build,
    )
    build_index(config, embedder=embedder)
    return config


def serve_reports(
    root: Path, reports: dict[str, str], model_cache: Path, embedder: Any
) -> AssistantService:
    """A loaded service over an index of ``reports`` (file name → text, written under
    ``root``), built with the real model ``embedder``."""
    from assistant.service import AssistantService

    for name, text in reports.items():
        (root / name).write_text(text, encoding="utf-8")
    config = build_test_index(root / "index", model_cache, [root], embedder=embedder)
    service = AssistantService(config, embedder=embedder)
    assert service.load()
    return service


def settings_for(config: BuildConfig, **serve: Any) -> Settings:
    """Settings for a test server over ``config``'s index; no environment leaks in."""
    from assistant.settings import ServeConfig, Settings

    return Settings(index=config, serve=ServeConfig(**{"reload_interval_s": 0, **serve}))
