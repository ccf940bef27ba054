"""The MCP adapter: three tools over ``AssistantService`` for AI assistants.

One ``MCPServer`` (official ``mcp`` SDK 2.x) is built per service. It is served two
ways: over streamable HTTP at ``/mcp`` of the web app, behind the same API keys as
the JSON API (scope ``query``), and over stdio by ``assistant mcp`` for desktop
assistants that start the server themselves. The tools return the HTTP API's own
pydantic models, so the SDK fills ``structuredContent`` with exactly the citations
``/v1/answer`` returns (``passage == document_text[start:end]``).
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import FastAPI
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant import __version__
from assistant.auth import KeyStore
from assistant.deps import bearer_key
from assistant.errors import AuthError
from assistant.interface import Assistant
from assistant.schemas import AnswerResponse, DocumentOut, FiltersIn, SearchResponse, explain
from assistant.service import AssistantService
from assistant.settings import ServeConfig, Settings
from index.errors import AssistantError

log = logging.getLogger("assistant.mcp")


def _flow(text: str) -> str:
    """One paragraph per blank-line block: clients show descriptions as they are."""
    return "\n\n".join(" ".join(block.split()) for block in text.split("\n\n"))


INSTRUCTIONS = """\
This server answers questions from a collection of reports of an international
association of economic and social councils (meetings, seminars, news): who spoke, in
what role, and what they said. Prefer `answer_question` for a question; use
`search_reports` to explore or to gather more passages; use `get_document` to read a
whole report. Quote and cite the returned passages: every citation carries the report
title, date, link or path, page, speaker and the exact quoted text. If `found` is false,
tell the user the reports do not cover it instead of answering from memory."""

SEARCH_DESCRIPTION = """\
Search the reports for passages about a topic, person or event (hybrid semantic and
keyword search). Returns up to `top_k` passages, best first, each with document_id,
title, date, url (or source path), page and the exact passage text with its character
offsets into the document. Use it to explore, to compare what several reports say, or
when `answer_question` found too little. Write the query as keywords or a short
question in the reports' language (mostly English). With `segments` true it also returns
the topic segments of meeting transcripts and minutes on the query: each a stretch of
turns about one topic, with its speakers (for "what was discussed about X")."""

ANSWER_DESCRIPTION = """\
Answer a question from the reports with exact citations. Returns `answer`, a short
answer in which every statement ends with [n] markers: report sentences (`mode`
"extractive"), or, where a language model is configured, its sentences, each checked
against the report statement it cites (`mode` "llm"), and `citations`, where citation
n gives the report title, date, url or source path, page, the speaker when the report
names one, and the quoted `passage`.
Show the user the [n] markers with their sources. When `found` is false the reports
hold nothing relevant: say so, do not guess. For a follow-up question, pass the
earlier questions of the conversation, oldest first, as `conversation` (or restate the
topic in the question itself, e.g. "What did Guo Jun say about AI and jobs?")."""

DOCUMENT_DESCRIPTION = """\
Fetch one whole report by the `document_id` taken from a citation or search result:
title, date, url, source path, language, page spans and the full stored `text`. Every
citation's `passage` equals `text[start:end]`, so you can read what surrounds a quote."""

Filters = Annotated[
    FiltersIn | None,
    Field(description="Optional: restrict by date range, source path prefix, language."),
]


Tool = TypeVar("Tool", bound=Callable[..., Any])


def _arguments(**types: Any) -> Callable[[Tool], Tool]:
    """Give a tool's arguments the types (with the limits in force) the SDK validates
    and publishes; the signature keeps the plain types for the type checker."""

    def use(tool: Tool) -> Tool:
        tool.__annotations__.update(types)
        return tool

    return use


class ReportServer(MCPServer):
    """``MCPServer`` whose argument errors read as a fix for the calling model:
    the tool and argument named, no pydantic type codes or links."""

    async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None) -> Any:
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as exc:
            cause = exc.__cause__
            if not isinstance(cause, ValidationError):
                raise
            raise ToolError(
                f"{name} was called with invalid arguments: {explain(cause.errors())}; "
                "fix them and call it again"
            ) from cause


def build_mcp(service: Assistant, limits: ServeConfig | None = None) -> MCPServer:
    """The three tools, closed over one service (no globals), with the limits in force."""
    limits = limits or ServeConfig()
    max_chars, max_k = limits.max_question_chars, limits.max_top_k
    default_k = min(limits.default_top_k, max_k)
    top_k_type = Annotated[
        int, Field(ge=1, le=max_k, description=f"How many passages to return (1-{max_k}).")
    ]
    query_type = Annotated[
        str, Field(min_length=1, max_length=max_chars, description="What to find.")
    ]
    question_type = Annotated[
        str, Field(min_length=1, max_length=max_chars, description="The question, in full.")
    ]
    conversation_type = Annotated[
        list[Annotated[str, Field(max_length=max_chars)]],
        Field(
            max_length=limits.max_conversation,
            description="Optional: the earlier questions of this conversation, oldest first "
            f"(at most {limits.max_conversation}); a follow-up such as 'And what did Guo "
            "Jun say?' keeps their topic.",
        ),
    ]
    server = ReportServer(
        name="report-assistant",
        title="Report assistant",
        instructions=_flow(INSTRUCTIONS),
        version=__version__,
    )

    def call(fn: Callable[[], Any]) -> Any:
        # The service's errors carry a message that says what to change: the model
        # reads it as a tool error and can retry (one translation, here).
        try:
            return fn()
        except AssistantError as exc:
            raise ToolError(str(exc)) from None

    @server.tool(
        name="search_reports", title="Search the reports", description=_flow(SEARCH_DESCRIPTION)
    )
    @_arguments(query=query_type, top_k=top_k_type)
    def search_reports(
        query: str, top_k: int = default_k, filters: Filters = None, segments: bool = False
    ) -> SearchResponse:
        f = filters.to_filters() if filters else None
        found = call(lambda: service.search(query, top_k, f, segments=segments))
        return SearchResponse.of(found)

    @server.tool(
        name="answer_question", title="Answer with citations", description=_flow(ANSWER_DESCRIPTION)
    )
    @_arguments(question=question_type, conversation=conversation_type)
    def answer_question(
        question: str,
        filters: Filters = None,
        conversation: list[str] = [],  # noqa: B006 - pydantic copies defaults
    ) -> AnswerResponse:
        f = filters.to_filters() if filters else None
        result = call(lambda: service.answer(question, default_k, f, conversation))
        return AnswerResponse.of(result)

    @server.tool(
        name="get_document", title="Read a whole report", description=_flow(DOCUMENT_DESCRIPTION)
    )
    def get_document(
        document_id: Annotated[
            str, Field(min_length=1, max_length=2000, description="A citation's document_id.")
        ],
    ) -> DocumentOut:
        doc, version = call(lambda: service.document(document_id))
        return DocumentOut.of(doc, version)

    return server


class RequireQueryKey:
    """ASGI wrapper: the MCP endpoint takes the same bearer keys as the JSON API."""

    def __init__(self, app: ASGIApp, keys: KeyStore) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            try:
                bearer_key(Request(scope), self.keys, "query")
            except AuthError as exc:
                code = "unauthorized" if exc.status == 401 else "forbidden"
                headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
                response = JSONResponse(
                    {"error": {"code": code, "message": str(exc)}},
                    status_code=exc.status,
                    headers=headers,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def mount_mcp(app: FastAPI) -> MCPServer:
    """Serve the tools over streamable HTTP at ``/mcp`` (stateless, JSON responses)."""
    service: AssistantService = app.state.service
    settings: Settings = app.state.settings
    server = build_mcp(service, settings.serve)
    # Stateless + JSON: any API replica answers any call, no session to pin.
    # `host` turns on the SDK's DNS-rebinding guard when we listen on loopback.
    mcp_app = server.streamable_http_app(
        streamable_http_path="/mcp",
        stateless_http=True,
        json_response=True,
        host=settings.serve.host,
    )
    # Stateless mode opens and closes a transport per request; the SDK logs each at INFO.
    logging.getLogger("mcp.server.streamable_http").setLevel(logging.WARNING)
    guarded = RequireQueryKey(mcp_app, app.state.keys)
    # A route (not a mount) so that `/mcp` itself answers, without a redirect to `/mcp/`.
    app.router.routes.append(Route("/mcp", endpoint=guarded, include_in_schema=False))

    @contextlib.asynccontextmanager
    async def session_manager() -> AsyncIterator[None]:
        # A mounted app's own lifespan never runs: the web app's lifespan enters this.
        async with server.session_manager.run():
            yield

    app.state.extra_lifespans.append(session_manager)
    app.state.mcp = server
    return server


def run_stdio(service: AssistantService, settings: Settings) -> None:
    """Load the index and serve the tools on stdin/stdout until the client hangs up.

    stdout carries the protocol only: logs go to stderr, and anything a library
    prints while the model and index load is sent to stderr too.
    """
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(message)s")
    with contextlib.redirect_stdout(sys.stderr):
        service.load()
        status = service.status()
        if not status.ready:
            raise AssistantError(status.message or "no index is loaded")
        service.warm_up()
    server = build_mcp(service, settings.serve)
    log.info("serving MCP on stdio, index %s", status.version)
    anyio.run(server.run_stdio_async)
