"""The HTTP adapter: FastAPI routes over ``AssistantService``.

Errors leave here exactly once, as ``{"error": {"code", "message"}}`` with a 4xx
(or 503 while no index is loaded); never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import __version__
from assistant.auth import KeyStore
from assistant.deps import AdminKey, QueryKey, ServiceDep
from assistant.errors import AuthError, NotFoundError, NotReadyError, QueryError
from assistant.llm import Kept
from assistant.schemas import (
    AnswerRequest,
    AnswerResponse,
    DocumentOut,
    ErrorOut,
    ReadyOut,
    ReportListOut,
    ReportOut,
    ReportPage,
    SearchRequest,
    SearchResponse,
    SentenceEvent,
    explain,
    model_in,
    request_models,
)
from assistant.service import AnswerResult, AssistantService
from assistant.settings import Settings
from index.errors import AssistantError, ConfigError

log = logging.getLogger("assistant.api")

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body is not JSON (or not UTF-8)."},
    415: {"model": ErrorOut, "description": "The body is not sent as application/json."},
    401: {"model": ErrorOut, "description": "No API key, or a wrong one."},
    403: {"model": ErrorOut, "description": "The API key lacks the needed scope."},
    422: {"model": ErrorOut, "description": "A value is out of bounds; the message says which."},
    503: {"model": ErrorOut, "description": "No index is loaded yet."},
}

DESCRIPTION = """Answers questions about the organisation's reports and cites the exact
passages it answers from. Every citation's `passage` equals
`document_text[start:end]` of the document `GET /v1/documents/{document_id}` returns.

Authentication: `Authorization: Bearer <key>` (keys with scope `query` for questions,
`admin` for admin routes), unless the server runs without keys on loopback."""


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _is_json(content_type: str | None) -> bool:
    kind = (content_type or "").split(";")[0].strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


def _request_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """400 for a body that is not JSON, 415 for one not sent as JSON, else 422."""
    errors = exc.errors()
    broken = next((e for e in errors if e.get("type") == "json_invalid"), None)
    if broken is not None:
        position = broken.get("loc", ("body", "?"))[-1]
        reason = (broken.get("ctx") or {}).get("error", "JSON decode error")
        return _error(
            400,
            "invalid_json",
            f"the body is not valid JSON ({reason} at character {position}); send one JSON "
            'object, e.g. {"question": "What was said about digital risks?"}',
        )
    content_type = request.headers.get("content-type")
    if any(e.get("loc", ())[:1] == ("body",) for e in errors) and not _is_json(content_type):
        return _error(
            415,
            "unsupported_media_type",
            f"the body was sent as {content_type or 'no content type'!r}; send it as JSON "
            "with the header 'Content-Type: application/json'",
        )
    return _error(422, "invalid_request", explain(errors, roots=_validated_models(request)))


def _validated_models(request: Request) -> dict[str, type[BaseModel]]:
    """The models this request's route validates its body and query with, by location
    ("body", "query"), for the nearest field name when one is unknown."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    roots = {}
    for where, params in (("body", "body_params"), ("query", "query_params")):
        fields = getattr(dependant, params, None) or []
        model = model_in(fields[0].field_info.annotation) if len(fields) == 1 else None
        if model is not None:
            roots[where] = model
    return roots


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _request_error(request, exc)

    @app.exception_handler(AuthError)
    async def _auth(request: Request, exc: AuthError) -> JSONResponse:
        code = "unauthorized" if exc.status == 401 else "forbidden"
        response = _error(exc.status, code, str(exc))
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError) -> JSONResponse:
        return _error(422, "invalid_request", str(exc))

    @app.exception_handler(NotFoundError)
    async def _missing(request: Request, exc: NotFoundError) -> JSONResponse:
        return _error(404, "not_found", str(exc))

    @app.exception_handler(NotReadyError)
    async def _not_ready(request: Request, exc: NotReadyError) -> JSONResponse:
        response = _error(503, "not_ready", str(exc))
        response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {400: "invalid_request", 404: "not_found", 405: "method_not_allowed"}
        message = str(exc.detail)
        headers = dict(exc.headers or {})
        if exc.status_code == 404:
            message = f"no route {request.method} {request.url.path}; see /docs for the API"
        elif exc.status_code == 405:
            allowed = headers.get("Allow", "")
            message = (
                f"{request.url.path} does not take {request.method}; use {allowed or 'another'}"
                " (see /docs for the API)"
            )
        elif exc.status_code == 400:
            message = (
                f"the request body could not be read ({exc.detail}); send UTF-8 JSON with "
                "'Content-Type: application/json'"
            )
        response = _error(exc.status_code, codes.get(exc.status_code, "http_error"), message)
        response.headers.update(headers)
        return response

    @app.exception_handler(AssistantError)
    async def _other(request: Request, exc: AssistantError) -> JSONResponse:
        log.error("request failed: %s", exc)
        return _error(500, "internal_error", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # A bug (e.g. a failed citation check): JSON like every other error, the
        # traceback in the log under the request id, never in the response.
        log.error("unexpected %s: %s", type(exc).__name__, exc, exc_info=exc)
        return _error(
            500,
            "internal_error",
            "the server failed to answer this request; the error is in its log"
            + ". Try again, or tell the people who run it.",
        )


async def _watch(service: AssistantService, interval: float) -> None:
    """Every ``interval`` seconds, swap in a new ``current`` if its link moved."""
    while True:
        await asyncio.sleep(interval)
        try:
            await run_in_threadpool(service.reload_if_moved)
        except Exception:  # keep watching whatever one reload did
            log.exception("reload failed; still serving the previous snapshot")


def create_app(settings: Settings, service: AssistantService) -> FastAPI:
    """The JSON API around ``service`` (built by ``assistant.app``)."""
    keys = KeyStore.load(settings.serve.api_keys_file)
    extra_lifespans: list[Any] = []

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(service.load)
        watcher = None
        if settings.serve.reload_interval_s > 0:
            watcher = asyncio.create_task(_watch(service, settings.serve.reload_interval_s))
        async with contextlib.AsyncExitStack() as stack:
            for make in extra_lifespans:
                await stack.enter_async_context(make())
            try:
                yield
            finally:
                if watcher is not None:
                    watcher.cancel()

    app = FastAPI(
        title="Report assistant",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        servers=[{"url": "/"}],
        docs_url=None,  # served offline by assistant.docs
        redoc_url=None,
    )
    app.state.service = service
    app.state.keys = keys
    app.state.settings = settings
    app.state.extra_lifespans = extra_lifespans
    install_error_handlers(app)
    if settings.serve.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.serve.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    _routes(app, settings)
    return app


Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


def _body(model: type[BaseModel]) -> Callable[[Endpoint], Endpoint]:
    """Validate ``body`` with ``model``, a subclass (with other limits) of the declared type."""

    def use(endpoint: Endpoint) -> Endpoint:
        endpoint.__annotations__["body"] = model
        return endpoint

    return use


def _routes(app: FastAPI, settings: Settings) -> None:
    # The bodies carry the limits in force (settings), in validation and in OpenAPI.
    answer_body, search_body = request_models(settings.serve)

    @app.post(
        "/v1/answer",
        response_model=AnswerResponse,
        responses={
            **ERRORS,
            200: {
                "content": {
                    "text/event-stream": {
                        # Each event: `sentence` (data: SentenceEvent as JSON) or the
                        # last one, `answer` (data: AnswerResponse as JSON).
                        "schema": {
                            "type": "object",
                            "required": ["event", "data"],
                            "properties": {
                                "event": {"type": "string", "enum": ["sentence", "answer"]},
                                "data": {"type": "string", "description": "JSON"},
                            },
                        },
                        "example": 'event: sentence\ndata: {"text": "…", …}\n\n'
                        'event: answer\ndata: {"answer": "…", "mode": "llm", …}\n\n',
                    }
                }
            },
        },
        operation_id="answerQuestion",
        summary="Answer a question with exact citations",
        description="Retrieves passages from the reports and composes an answer in which "
        "every statement is marked [n], pointing to `citations[n-1]`. When the reports hold "
        "nothing relevant, `found` is false and `citations` is empty. With a language model "
        "configured, its sentences are checked one by one against the statements they cite "
        "(`mode`: `llm`); otherwise, or when too few hold, the answer is extractive. With "
        '`"stream": true` the answer comes as server-sent events (see `stream`).',
        response_description="The answer (or, with `stream`, a text/event-stream).",
        tags=["answers"],
    )
    @_body(answer_body)
    async def answer(body: AnswerRequest, service: ServiceDep, key: QueryKey) -> Any:
        filters = body.filters.to_filters() if body.filters else None
        args = (body.question, body.top_k, filters, body.conversation)
        if not body.stream:
            return AnswerResponse.of(await run_in_threadpool(service.answer, *args))
        stop = threading.Event()
        # The question is checked and the extractive answer composed here, so bad
        # input is a 4xx JSON error before the stream starts.
        events = await run_in_threadpool(service.answer_events, *args, stop)
        return StreamingResponse(
            _server_sent(events, stop),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    @app.post(
        "/v1/search",
        response_model=SearchResponse,
        responses=ERRORS,
        operation_id="searchReports",
        summary="Search the reports for passages",
        description="Hybrid (dense + BM25) search; returns ranked passages with the same "
        "provenance fields as citations.",
        tags=["answers"],
    )
    @_body(search_body)
    def search(body: SearchRequest, service: ServiceDep, key: QueryKey) -> SearchResponse:
        filters = body.filters.to_filters() if body.filters else None
        return SearchResponse.of(
            service.search(body.query, body.top_k, filters, segments=body.segments)
        )

    @app.get(
        "/v1/documents",
        response_model=ReportListOut,
        responses=ERRORS,
        operation_id="listDocuments",
        summary="List the reports the index holds: id, title, date, source, newest first",
        tags=["documents"],
    )
    def documents(
        page: Annotated[ReportPage, Query()], service: ServiceDep, key: QueryKey
    ) -> ReportListOut:
        reports, version = service.reports()
        return ReportListOut(
            total=len(reports),
            reports=[ReportOut.of(d) for d in reports[page.offset : page.offset + page.limit]],
            index_version=version,
        )

    @app.get(
        "/v1/documents/{document_id:path}",
        response_model=DocumentOut,
        responses={**ERRORS, 404: {"model": ErrorOut, "description": "No such document."}},
        operation_id="getDocument",
        summary="Fetch one report: metadata and the full stored text",
        tags=["documents"],
    )
    def document(document_id: str, service: ServiceDep, key: QueryKey) -> DocumentOut:
        doc, version = service.document(document_id)
        return DocumentOut.of(doc, version)

    @app.get("/healthz", operation_id="health", summary="The process is up", tags=["ops"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/readyz",
        response_model=ReadyOut,
        responses={503: {"model": ReadyOut, "description": "No index loaded."}},
        operation_id="ready",
        summary="An index is loaded: its version, build time and age",
        tags=["ops"],
    )
    def readyz(service: ServiceDep) -> Any:
        status = service.status()
        body = ReadyOut(
            ready=status.ready,
            index_version=status.version,
            built_at=status.built_at,
            age_s=status.age_s,
            documents=status.documents,
            chunks=status.chunks,
            problems=list(status.problems),
            message=status.message,
        )
        if not status.ready:
            return JSONResponse(body.model_dump(), status_code=503)
        return body

    @app.post(
        "/v1/admin/reload",
        response_model=ReadyOut,
        responses=ERRORS,
        operation_id="reloadIndex",
        summary="Load the current snapshot now (admin)",
        tags=["admin"],
    )
    def reload(service: ServiceDep, key: AdminKey) -> Any:
        service.load()
        return readyz(service)


async def _server_sent(
    events: Iterator[Kept | AnswerResult], stop: threading.Event
) -> AsyncIterator[str]:
    """The answer's events as server-sent events. Each step of ``events`` runs in a
    worker thread; when the client goes away the stream is cancelled, ``stop`` is set and
    the generator closed, which closes the connection to the model."""
    import anyio.to_thread

    end = object()
    try:
        while True:
            event = await anyio.to_thread.run_sync(next, events, end, abandon_on_cancel=True)
            if event is end:
                return
            if isinstance(event, Kept):
                yield f"event: sentence\ndata: {SentenceEvent.of(event).model_dump_json()}\n\n"
            elif isinstance(event, AnswerResult):
                yield f"event: answer\ndata: {AnswerResponse.of(event).model_dump_json()}\n\n"
    finally:
        stop.set()
        # A step still running in its thread sees ``stop`` at the model's next chunk.
        with contextlib.suppress(ValueError):
            events.close()  # type: ignore[attr-defined]


def check_bind(host: str, keys: KeyStore) -> None:
    """Without API keys the server only listens on loopback."""
    if keys.enabled:
        return
    if host not in {"127.0.0.1", "localhost", "::1"} and not host.startswith("127."):
        raise ConfigError(
            f"refusing to listen on {host} without API keys: create one with "
            "`assistant keys create --scope query` (and set ASSISTANT_SERVE__API_KEYS_FILE), "
            "or listen on 127.0.0.1"
        )


def static_dir() -> Path:
    return Path(__file__).parent / "static"
