"""The observability pieces without a model: logs, request ids, build series (fast)."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from assistant.api import create_app
from assistant.observability import (
    JsonFormatter,
    RequestIdFilter,
    configure_logging,
    install_observability,
    json_log_handler,
    request_id_var,
)
from assistant.service import AssistantService
from assistant.settings import ServeConfig, Settings
from index.config import BuildConfig


def _app(index_dir: Path) -> FastAPI:
    settings = Settings(
        index=BuildConfig(index_dir=index_dir), serve=ServeConfig(reload_interval_s=0)
    )
    # No index in the folder: the service stays unready and never loads a model.
    app = create_app(settings, AssistantService(settings.index))
    if not any(getattr(r, "path", None) == "/metrics" for r in app.routes):
        install_observability(app)
    return app


def _metrics(client: TestClient) -> dict[str, float]:
    text = client.get("/metrics").text
    return {
        s.name + json.dumps(s.labels, sort_keys=True): s.value
        for f in text_string_to_metric_families(text)
        for s in f.samples
    }


def test_json_lines_carry_the_request_id() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("assistant.test-observability")
    handler = json_log_handler(stream)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        token = request_id_var.set("abc-1")
        logger.info("hello %s", "world", extra={"route": "/x"})
        request_id_var.reset(token)
        logger.warning("outside")
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    first, second, third = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "hello world" and first["request_id"] == "abc-1"
    assert first["route"] == "/x" and first["level"] == "INFO"
    assert first["logger"] == "assistant.test-observability" and first["ts"]
    assert second["request_id"] is None
    assert "ValueError: boom" in third["exception"]


def test_configure_logging_makes_the_root_logger_json_once() -> None:
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    stream = io.StringIO()
    try:
        logging.basicConfig(force=True)  # a library's own handler, as the MCP SDK's
        configure_logging("INFO", stream)
        configure_logging("INFO", stream)  # idempotent
        assert len(root.handlers) == 1
        logging.getLogger("some.library").info("from a library")
        logging.getLogger("assistant.x").debug("not at INFO")
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved_handlers:
            root.addHandler(handler)
        root.setLevel(saved_level)
    (line,) = stream.getvalue().splitlines()
    assert json.loads(line)["logger"] == "some.library"


def test_formatter_and_filter_work_alone() -> None:
    record = logging.LogRecord("assistant", logging.INFO, __file__, 1, "x=%d", (1,), None)
    assert RequestIdFilter().filter(record)
    assert json.loads(JsonFormatter().format(record))["message"] == "x=1"


def test_request_ids_and_metrics_without_an_index(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    (index_dir / "last_build.json").write_text(
        json.dumps(
            {
                "status": "failed",
                "seconds": {"total": 12.5},
                "failed": [{"path": "a.pdf", "reason": "bad"}, {"path": "b", "reason": "x"}],
                "finished_at": "2025-01-02T03:04:05+00:00",
            }
        )
    )
    (index_dir / "last_nightly.json").write_text(
        json.dumps({"nightly": {"exit_code": 124, "finished_at": "2025-01-02T03:05:00+00:00"}})
    )
    with TestClient(_app(index_dir)) as client:
        r = client.get("/readyz", headers={"X-Request-ID": "probe-7"})
        assert r.status_code == 503 and r.headers["x-request-id"] == "probe-7"
        assert client.post("/v1/answer", json={"question": "hi"}).status_code == 503
        bad = client.get("/healthz", headers={"X-Request-ID": "has space"})
        assert bad.headers["x-request-id"] != "has space"
        m = _metrics(client)
    assert m["assistant_index_ready{}"] == 0
    assert (
        m['assistant_http_requests_total{"method": "GET", "route": "/readyz", "status": "503"}']
        == 1
    )
    assert (
        m['assistant_http_requests_total{"method": "POST", "route": "/v1/answer", "status": "503"}']
        == 1
    )
    assert m['assistant_answers_total{"found": "true"}'] == 0  # 503s are not answers
    assert m["assistant_last_build_duration_seconds{}"] == 12.5
    assert m["assistant_last_build_failed_documents{}"] == 2
    assert m["assistant_last_build_success{}"] == 0
    assert m["assistant_last_build_timestamp_seconds{}"] == 1735787045
    assert m["assistant_nightly_last_exit_code{}"] == 124
    assert m["assistant_index_reloads_total{}"] == 0


def test_two_apps_in_one_process_have_their_own_registries(tmp_path: Path) -> None:
    with TestClient(_app(tmp_path)) as one, TestClient(_app(tmp_path)) as two:
        one.get("/healthz")
        one.get("/healthz")
        two.get("/healthz")
        key = 'assistant_http_requests_total{"method": "GET", "route": "/healthz", "status": "200"}'
        assert _metrics(one)[key] == 2
        assert _metrics(two)[key] == 1
