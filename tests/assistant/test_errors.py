"""One error tree per package, translated once by the HTTP adapter: always JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
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

    def search(self, *args: Any, **kwargs: Any) -> Any:
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


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        (
            "/v1/search",
            {"query": "care", "filters": {"source": ["2024/"]}},
            "filters.source: is not a field; did you mean 'sources'? (the fields are "
            "date_from, date_to, sources, languages, document_ids)",
        ),
        (
            "/v1/answer",
            {"question": "care", "filters": {"document_id": ["a.txt"]}},
            "did you mean 'document_ids'?",
        ),
        (
            "/v1/answer",
            {"question": "care", "topk": 3},
            "topk: is not a field; did you mean 'top_k'?",
        ),
        ("/v1/answer", {"question": "care", "colour": "red"}, "colour: is not a field (the fields"),
        (
            "/v1/search",
            {"query": "care", "filters": {"date_from": "2024-13-45"}},
            "filters.date_from: '2024-13-45' is not a real date; use YYYY-MM-DD",
        ),
        (
            "/v1/search",
            {"query": "care", "filters": {"date_to": "2023-02-29"}},
            "filters.date_to: '2023-02-29' is not a real date; use YYYY-MM-DD",
        ),
        (
            "/v1/search",
            {"query": "care", "filters": {"date_from": "last year"}},
            "filters.date_from: 'last year' is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)",
        ),
        (
            "/v1/answer",
            {"question": "care", "conversation": ["care"] * 11},
            "conversation: at most 10 earlier turns; send the last 10",
        ),
        (
            "/v1/search",
            {"query": "care", "filters": {"sources": ["a"] * 21}},
            "filters.sources: should have at most 20 items, not 21",
        ),
    ],
)
def test_a_bad_field_is_a_422_that_names_the_fix(
    tmp_path: Path, path: str, body: dict[str, Any], message: str
) -> None:
    with client(tmp_path) as c:
        r = c.post(path, json=body)
    assert r.status_code == 422, r.text
    assert set(r.json()) == {"error"} and r.json()["error"]["code"] == "invalid_request"
    assert message in r.json()["error"]["message"], r.json()["error"]["message"]
    assert "pattern" not in r.text and "Extra inputs" not in r.text


def test_an_unknown_query_parameter_names_the_known_ones(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        r = c.get("/v1/documents", params={"limt": 5})
    assert r.status_code == 422
    assert "query.limt: is not a field; did you mean 'limit'?" in r.json()["error"]["message"]


def test_real_dates_are_fine(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        for date in ("2024", "2024-02", "2024-02-29"):
            r = c.post("/v1/search", json={"query": "care", "filters": {"date_from": date}})
            assert r.status_code == 503, r.text  # valid: on to the (unloaded) service
