"""What the three platforms' endpoints share: asking the service the one way every adapter
does, and the JSON errors of a request that is refused before any work."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from fastapi import Request
from fastapi.responses import JSONResponse

from assistant.errors import NotReadyError, QueryError
from assistant.interface import Assistant
from assistant.schemas import AnswerResponse
from assistant.settings import ServeConfig

log = logging.getLogger("assistant.teamchat")

USAGE = "Ask a question about the reports, e.g. “What was said about digital risks?”"
FAILED = (
    "The assistant failed to answer this question; the error is in its log. Try again, "
    "or tell the people who run it."
)
# A platform's request is a few kilobytes (a message and its metadata); a body past this
# is no platform's and is refused before it is read further.
MAX_BODY_BYTES = 1 << 20


def refuse(status: int, code: str, message: str) -> JSONResponse:
    """The API's error shape, ``{"error": {"code", "message"}}``."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def not_set_up(platform: str, settings: str) -> JSONResponse:
    return refuse(
        404,
        "not_found",
        f"{platform} is not set up on this server: set {settings} "
        "(docs/team-chat.md), then restart it",
    )


async def read_body(
    request: Request, platform: str, on: bool, settings: str
) -> bytes | JSONResponse:
    """The raw body (signatures are over its bytes); a 404 while the platform is off
    (``on`` false: its ``settings`` unset), a 413 once the body grows past what any
    platform sends, whatever its Content-Length says."""
    if not on:
        return not_set_up(platform, settings)
    refusal = refuse(413, "too_large", f"the body is larger than any {platform} request")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        return refusal
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return refusal
        chunks.append(chunk)
    return b"".join(chunks)


def ask(
    service: Assistant, question: str, serve: ServeConfig, conversation: Sequence[str] = ()
) -> AnswerResponse | str:
    """The answer, as the API returns it, or what to tell the person instead: how to ask
    (an empty question) or the service's own message (too long, no index yet). Runs in
    a worker thread; the answer is the same object ``POST /v1/answer`` returns."""
    if not question:
        return USAGE
    # The thread's last turns, each cut to what the service takes (a chat message cannot be
    # sent again shorter, as an API caller's can).
    turns = [t[: serve.max_question_chars] for t in conversation if t]
    turns = turns[-serve.max_conversation :] if serve.max_conversation else []
    top_k = min(serve.default_top_k, serve.max_top_k)
    try:
        return AnswerResponse.of(service.answer(question, top_k, None, turns))
    except (QueryError, NotReadyError) as exc:
        return str(exc)
    except Exception:  # a bug: the person is told, the traceback goes to the log
        log.exception("a team chat answer failed")
        return FAILED
