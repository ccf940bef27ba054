"""/metrics against a real server, after a few requests; request ids and JSON logs."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from assistant.observability import json_log_handler
from index.build import build_index
from index.config import BuildConfig
from index.layout import IndexDir
from tests.helpers import serve, settings_for
from tests.ops.conftest import service_for

pytestmark = pytest.mark.slow

QUESTIONS = (
    "What did Guo Jun say about artificial intelligence and jobs?",
    "What was said about digital risks?",
    "What is the recipe for a chocolate cake with raspberries?",
)


def _samples(text: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out.setdefault(sample.name, []).append(sample)
    return out


def _value(samples: dict[str, list[Any]], name: str, **labels: str) -> float:
    matching = [s.value for s in samples.get(name, []) if labels.items() <= s.labels.items()]
    assert matching, f"no {name}{labels} in /metrics"
    return float(sum(matching))


def test_metrics_after_a_few_requests(index_copy: BuildConfig, real_embedder: Any) -> None:
    layout = IndexDir(index_copy.index_dir)
    current = layout.current_id()
    last_build = json.loads(layout.report_file.read_text())
    with serve(settings_for(index_copy), service_for(index_copy, real_embedder)) as url:
        found = []
        for question in QUESTIONS:
            r = httpx.post(f"{url}/v1/answer", json={"question": question}, timeout=60)
            assert r.status_code == 200
            found.append(r.json()["found"])
        assert httpx.post(f"{url}/v1/search", json={"query": "care economy"}).status_code == 200
        assert httpx.get(f"{url}/v1/documents/no/such.txt").status_code == 404
        assert httpx.get(f"{url}/no/such/route/123").status_code == 404
        assert httpx.post(f"{url}/v1/answer", json={"question": ""}).status_code == 422
        assert httpx.get(f"{url}/static/app.js").status_code == 200
        assert httpx.get(f"{url}/static-docs/swagger-ui.css").status_code == 200
        response = httpx.get(f"{url}/metrics")
    assert response.status_code == 200, "no /metrics: build_app must call install_observability"
    assert response.headers["content-type"].startswith("text/plain")
    m = _samples(response.text)

    requests = "assistant_http_requests_total"
    assert _value(m, requests, route="/v1/answer", status="200", method="POST") == 3
    assert _value(m, requests, route="/v1/answer", status="422") == 1
    assert _value(m, requests, route="/v1/search", status="200") == 1
    assert _value(m, requests, route="/v1/documents/{document_id:path}", status="404") == 1
    assert _value(m, requests, route="unmatched", status="404") == 1
    assert _value(m, requests, route="/static", status="200") == 1  # the mount, not a path
    assert _value(m, requests, route="/static-docs", status="200") == 1
    routes = {s.labels["route"] for s in m[requests]}
    assert not any("no/such" in r for r in routes)  # raw paths never become labels
    latency = "assistant_http_request_duration_seconds_count"
    assert _value(m, latency, route="/v1/answer", status="200") == 3
    assert _value(m, "assistant_http_request_duration_seconds_bucket", le="+Inf") >= 7

    assert found.count(True) >= 1
    assert _value(m, "assistant_answers_total", found="true") == found.count(True)
    assert _value(m, "assistant_answers_total", found="false") == found.count(False)
    assert _value(m, "assistant_answers_without_citations_total") == found.count(False)

    assert _value(m, "assistant_index_ready") == 1
    assert _value(m, "assistant_index_snapshot_info", snapshot_id=str(current)) == 1
    assert _value(m, "assistant_index_age_seconds") >= 0
    counts = json.loads((layout.current_path() / "manifest.json").read_text())["counts"]  # type: ignore[operator]
    assert _value(m, "assistant_index_documents") == counts["documents"]
    assert _value(m, "assistant_index_chunks") == counts["chunks"]
    assert _value(m, "assistant_index_reloads_total") == 0
    assert _value(m, "assistant_index_problems") == 0
    assert _value(m, "assistant_last_build_duration_seconds") == last_build["seconds"]["total"]
    assert _value(m, "assistant_last_build_failed_documents") == len(last_build["failed"])
    assert _value(m, "assistant_last_build_success") == 1
    assert _value(m, "assistant_last_build_timestamp_seconds") > 1.7e9


def test_request_id_on_every_log_line_of_a_request(
    index_copy: BuildConfig, changed: list[Path], real_embedder: Any
) -> None:
    stream = io.StringIO()
    handler = json_log_handler(stream)
    loggers = [logging.getLogger("assistant"), logging.getLogger("index")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        settings = settings_for(index_copy, reload_interval_s=0)
        with serve(settings, service_for(index_copy, real_embedder)) as url:
            new = build_index(
                index_copy.model_copy(update={"sources": changed}), embedder=real_embedder
            ).snapshot_id
            stream.truncate(0)
            stream.seek(0)
            r = httpx.post(f"{url}/v1/admin/reload", headers={"X-Request-ID": "reload-42"})
            assert r.status_code == 200 and r.json()["index_version"] == new
            assert r.headers["x-request-id"] == "reload-42"
            generated = httpx.get(f"{url}/healthz").headers["x-request-id"]
            assert len(generated) == 32 and int(generated, 16) >= 0
            unsafe = httpx.get(f"{url}/healthz", headers={"X-Request-ID": "x" * 500})
            assert unsafe.headers["x-request-id"] != "x" * 500
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    reload_lines = [line for line in lines if line["request_id"] == "reload-42"]
    by_logger = {line["logger"] for line in reload_lines}
    # The service's line about the swap (written in a worker thread) and the access line.
    assert {"assistant.service", "assistant.access"} <= by_logger, lines
    assert any(f"serving snapshot {new}" in line["message"] for line in reload_lines)
    access = next(line for line in reload_lines if line["logger"] == "assistant.access")
    assert access["route"] == "/v1/admin/reload" and access["status"] == 200
    assert access["duration_ms"] > 0
    assert all(line["request_id"] for line in lines if line["logger"] == "assistant.access")
