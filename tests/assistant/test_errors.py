"""One error tree per package, translated once by the HTTP adapter: always JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

import assistant.errors
import index.errors
from assistant.api import create_app
from assistant.errors import AuthError, NotFoundError, NotReadyError, QueryError, ServeError
from assistant.settings import ServeConfig, Settings
from index.config import BuildConfig
from index.errors import AssistantError


class BrokenService:
    """Loads nothing and fails each call in its own way."""

    ready = True
    problems: list[str] = []  # noqa: RUF012
    last_error = None

    def load(self) -> bool:
        return False

    def answer(self, *args: Any) -> Any:
        raise AssertionError("citation [2] does not match document_text[10:20]")

    def search(self, *args: Any) -> Any:
        raise NotReadyError("no index is loaded from var/index; build one")

    def document(self, document_id: str) -> Any:
        raise NotFoundError(f"no document {document_id!r}")


def client(tmp_path: Path) -> TestClient:
    settings = Settings(
        index=BuildConfig(index_dir=tmp_path), serve=ServeConfig(reload_interval_s=0)
    )
    app = create_app(settings, BrokenService())  # type: ignore[arg-type]
    return TestClient(app, raise_server_exceptions=False)


def test_a_bug_is_a_json_500_without_the_traceback(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        r = c.post("/v1/answer", json={"question": "care"})
    assert r.status_code == 500
    error = r.json()["error"]
    assert error["code"] == "internal_error" and "log" in error["message"]
    assert "citation" not in r.text and "Traceback" not in r.text


def test_serve_errors_map_to_their_status(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        not_ready = c.post("/v1/search", json={"query": "care"})
        missing = c.get("/v1/documents/a.txt")
    assert not_ready.status_code == 503 and not_ready.headers["retry-after"] == "5"
    assert not_ready.json()["error"]["code"] == "not_ready"
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_one_tree_per_package() -> None:
    for cls in (QueryError, NotFoundError, NotReadyError, AuthError):
        assert issubclass(cls, ServeError) and issubclass(cls, AssistantError)
    serve_side = {"QueryError", "NotFoundError", "NotReadyError", "AuthError"}
    assert not serve_side & set(vars(index.errors))  # the build side holds none of them
    assert {c for c in vars(assistant.errors) if c.endswith("Error")} >= serve_side
