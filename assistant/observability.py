"""Metrics and structured logs for the web application.

``install_observability(app)`` adds three things to an app built by ``create_app``:

- ``GET /metrics`` in the Prometheus text format, from a ``CollectorRegistry`` of its
  own (never the process-global one, so several apps can live in one process);
- a middleware that counts and times every request by route *template* (never the
  raw path: a fuzzer's random URLs must not create series), counts answers without
  citations, and gives every request an id (``X-Request-ID``: kept when the caller
  sends a sane one, generated otherwise, echoed on the response);
- JSON-lines logs (``configure_logging()``, called once by the process's entry
  point), each line carrying the id of the request it was written for (a
  contextvar, copied into the worker threads the sync routes run in).

Series (all names start with ``assistant_``)::

    http_requests_total{method,route,status}                counter
    http_request_duration_seconds{method,route,status}      histogram
    http_requests_in_progress                               gauge
    answers_total{found}                                    counter (HTTP /v1/answer)
    answers_without_citations_total                         counter (found=false)
    index_ready                                             gauge 0/1
    index_snapshot_info{snapshot_id,built_at}               gauge 1
    index_age_seconds, index_documents, index_chunks         gauges
    index_loaded_timestamp_seconds                          gauge
    index_problems                                          gauge (unusable snapshots seen)
    index_reloads_total                                     counter (swaps after the first)
    last_build_duration_seconds                             gauge (INDEX_DIR/last_build.json)
    last_build_failed_documents                             gauge
    last_build_success                                      gauge 0/1
    last_build_timestamp_seconds                            gauge
    nightly_last_exit_code, nightly_last_run_timestamp_seconds  (INDEX_DIR/last_nightly.json)

The index and build series are read when Prometheus scrapes, so they are never stale.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from fastapi import FastAPI
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.interface import Assistant
from index.layout import IndexDir

log = logging.getLogger("assistant.access")

REQUEST_ID_HEADER = "X-Request-ID"
# What we accept from a caller as its request id: short, printable, no spaces, so
# it is safe in a log line and a header. Anything else is replaced by our own.
_SANE_ID = re.compile(r"^[A-Za-z0-9._:/+=-]{1,128}$")
# Requests range from ~1 ms (probes) to seconds (answers on a busy 2-core box).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
UNMATCHED = "unmatched"
ANSWER_ROUTE = "/v1/answer"
NIGHTLY_REPORT = "last_nightly.json"
_HANDLER_NAME = "assistant-json"

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)


# --- logs ---------------------------------------------------------------------------

_RECORD_FIELDS = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys()
    | {"message", "asctime", "taskName", "request_id", "color_message"}  # uvicorn's ANSI copy
)


class RequestIdFilter(logging.Filter):
    """Stamps every record with the id of the request being served (or None)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created)
            .astimezone()
            .isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in record.__dict__.items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time of each record (as logging's
    own last-resort handler does), so a replaced stderr (tests, daemons) is followed."""

    @property
    def stream(self) -> IO[str]:
        return sys.stderr

    @stream.setter
    def stream(self, value: IO[str]) -> None:
        pass


def json_log_handler(stream: IO[str] | None = None) -> logging.Handler:
    """A handler writing JSON lines with request ids to ``stream`` (default: stderr)."""
    handler: logging.Handler = (
        logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    )
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    return handler


def configure_logging(level: int | str = logging.INFO, stream: IO[str] | None = None) -> None:
    """Make this process log JSON lines with request ids: one handler on the root
    logger, at ``level``. For entry points (``assistant serve``), never for a library
    or a test: it replaces the root handlers, including any a library put there with
    ``logging.basicConfig`` (the MCP SDK installs a RichHandler when its server is
    built). Calling it again changes nothing but the level."""
    root = logging.getLogger()
    if not any(h.get_name() == _HANDLER_NAME for h in root.handlers):
        for handler in list(root.handlers):
            root.removeHandler(handler)
        handler = json_log_handler(stream)
        handler.set_name(_HANDLER_NAME)
        root.addHandler(handler)
    root.setLevel(level)


# --- metrics ------------------------------------------------------------------------


class HttpMetrics:
    """The series the middleware updates; one set per app, in the app's registry."""

    def __init__(self, registry: CollectorRegistry) -> None:
        labels = ("method", "route", "status")
        self.requests = Counter(
            "assistant_http_requests_total",
            "HTTP requests by route template and status.",
            labels,
            registry=registry,
        )
        self.latency = Histogram(
            "assistant_http_request_duration_seconds",
            "Time from the request's arrival to the end of its response.",
            labels,
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.in_progress = Gauge(
            "assistant_http_requests_in_progress",
            "Requests being served now.",
            registry=registry,
        )
        self.answers = Counter(
            "assistant_answers_total",
            "Answers returned by /v1/answer, by whether the reports held something relevant.",
            ("found",),
            registry=registry,
        )
        self.no_citation = Counter(
            "assistant_answers_without_citations_total",
            "Answers that cite nothing (found=false): the reports held nothing relevant.",
            registry=registry,
        )
        for found in ("true", "false"):
            self.answers.labels(found)  # both series exist from the start, at 0


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logging.getLogger("assistant.observability").warning("cannot read %s: %s", path, exc)
        return None
    return data if isinstance(data, dict) else None


def _epoch(stamp: Any) -> float | None:
    try:
        return datetime.fromisoformat(str(stamp)).timestamp()
    except ValueError:
        return None


class IndexCollector(Collector):
    """Index and build series, computed at scrape time from the service and files."""

    def __init__(self, service: Assistant) -> None:
        self.service = service

    def collect(self) -> Iterator[Any]:
        status = self.service.status()
        yield _gauge("assistant_index_ready", "1 when an index is loaded.", int(status.ready))
        yield _gauge(
            "assistant_index_problems",
            "Snapshots found unusable at the last (re)load; /readyz says why.",
            len(status.problems),
        )
        reloads = CounterMetricFamily(
            "assistant_index_reloads", "Snapshots swapped in after the first one."
        )
        reloads.add_metric([], status.reloads)
        yield reloads
        if status.ready:
            info = GaugeMetricFamily(
                "assistant_index_snapshot_info",
                "The snapshot being served (value 1).",
                labels=("snapshot_id", "built_at"),
            )
            info.add_metric([status.version or "", status.built_at or ""], 1)
            yield info
            yield _gauge(
                "assistant_index_age_seconds",
                "Seconds since the snapshot was built.",
                status.age_s or 0.0,
            )
            yield _gauge(
                "assistant_index_documents", "Documents in the snapshot.", status.documents or 0
            )
            yield _gauge("assistant_index_chunks", "Chunks in the snapshot.", status.chunks or 0)
            yield _gauge(
                "assistant_index_loaded_timestamp_seconds",
                "When this server swapped the snapshot in (Unix time).",
                status.loaded_at or 0.0,
            )
        layout = IndexDir(status.index_dir)
        yield from self._build(layout.report_file)
        yield from self._nightly(layout.root / NIGHTLY_REPORT)

    def _build(self, path: Path) -> Iterator[GaugeMetricFamily]:
        report = _read_json(path)
        if report is None:
            return
        seconds = report.get("seconds") or {}
        yield _gauge(
            "assistant_last_build_duration_seconds",
            "Wall time of the last index build (INDEX_DIR/last_build.json).",
            float(seconds.get("total", 0.0)),
        )
        yield _gauge(
            "assistant_last_build_failed_documents",
            "Documents the last build could not load (listed in last_build.json).",
            len(report.get("failed") or []),
        )
        yield _gauge(
            "assistant_last_build_success",
            "1 when the last build produced or kept a valid snapshot.",
            1 if report.get("status") in {"built", "unchanged"} else 0,
        )
        finished = _epoch(report.get("finished_at"))
        if finished is not None:
            yield _gauge(
                "assistant_last_build_timestamp_seconds",
                "When the last build finished (Unix time).",
                finished,
            )

    def _nightly(self, path: Path) -> Iterator[GaugeMetricFamily]:
        report = _read_json(path)
        if report is None:
            return
        nightly = report.get("nightly") or {}
        if "exit_code" in nightly:
            yield _gauge(
                "assistant_nightly_last_exit_code",
                "Exit code of the last scripts/nightly run (0 ok, 3 locked, 4 partial, "
                "124 timed out, 1 failed).",
                int(nightly["exit_code"]),
            )
        finished = _epoch(nightly.get("finished_at"))
        if finished is not None:
            yield _gauge(
                "assistant_nightly_last_run_timestamp_seconds",
                "When the last scripts/nightly run ended (Unix time).",
                finished,
            )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


# --- middleware ---------------------------------------------------------------------


def _route_template(scope: Scope, routes: Sequence[BaseRoute], probe: Scope) -> str:
    """The path template of the route that serves ``scope``, e.g.
    ``/v1/documents/{document_id:path}``; ``unmatched`` when none does.

    FastAPI sets ``scope["route"]`` for its own routes only, so the others (mounts,
    plain Starlette routes such as /openapi.json) are matched here, as the router does,
    against ``probe``: the request as it came in (a mount rewrites ``root_path`` in
    ``scope``, after which its own path no longer matches, e.g. ``/static/app.js``).
    """
    route = scope.get("route")
    if route is None:
        partial = None
        for candidate in routes:
            match, _ = candidate.matches(probe)
            if match is Match.FULL:
                route = candidate
                break
            if match is Match.PARTIAL and partial is None:
                partial = candidate  # the path matched, the method did not (405)
        route = route or partial
    path = getattr(route, "path", None)
    return str(path) if path is not None else UNMATCHED


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate: str = value.decode("latin-1").strip()
            if _SANE_ID.match(candidate):
                return candidate
            break
    return uuid.uuid4().hex


class ObservabilityMiddleware:
    """Pure ASGI (no BaseHTTPMiddleware): times, counts, logs and tags each request."""

    def __init__(
        self, app: ASGIApp, metrics: HttpMetrics, routes: Callable[[], Sequence[BaseRoute]]
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        token = request_id_var.set(request_id)
        start = time.perf_counter()
        status = 500
        answer_body: list[bytes] = []
        route = UNMATCHED
        probe = {
            "type": "http",
            "path": scope["path"],
            "root_path": scope.get("root_path", ""),
            "method": scope["method"],
        }

        async def send_wrapper(message: Message) -> None:
            nonlocal status, route
            if message["type"] == "http.response.start":
                status = int(message["status"])
                route = _route_template(scope, self.routes(), probe)
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"
                ]
                headers.append((b"x-request-id", request_id.encode("latin-1")))
                message = {**message, "headers": headers}
            elif (
                message["type"] == "http.response.body" and status == 200 and route == ANSWER_ROUTE
            ):
                answer_body.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._count_answer(b"".join(answer_body))
            await send(message)

        self.metrics.in_progress.inc()
        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            status = 500
            log.exception("unhandled error in %s %s", scope["method"], scope["path"])
            raise
        finally:
            elapsed = time.perf_counter() - start
            if route == UNMATCHED:  # no response was started
                route = _route_template(scope, self.routes(), probe)
            labels = (scope["method"], route, str(status))
            self.metrics.requests.labels(*labels).inc()
            self.metrics.latency.labels(*labels).observe(elapsed)
            self.metrics.in_progress.dec()
            log.info(
                "%s %s %d %.1f ms",
                scope["method"],
                scope["path"],
                status,
                elapsed * 1000,
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )
            request_id_var.reset(token)

    def _count_answer(self, body: bytes) -> None:
        try:
            found = bool(json.loads(body).get("found"))
        except (ValueError, AttributeError):
            return
        self.metrics.answers.labels("true" if found else "false").inc()
        if not found:
            self.metrics.no_citation.inc()


# --- wiring -------------------------------------------------------------------------


def install_observability(app: FastAPI) -> None:
    """Add ``/metrics`` and the request middleware (metrics, request ids, one access
    log line per request) to an app from ``create_app`` (it needs
    ``app.state.service``). Call it before the app starts. The log *format* is the
    process's business: ``configure_logging()`` in the entry point."""
    service: Assistant = app.state.service
    registry = CollectorRegistry()
    metrics = HttpMetrics(registry)
    registry.register(IndexCollector(service))
    app.state.metrics_registry = registry
    app.add_middleware(ObservabilityMiddleware, metrics=metrics, routes=lambda: app.routes)

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
