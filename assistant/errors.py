"""The serve side's errors: what a question, a document or a caller got wrong.

They extend the project's base ``AssistantError`` (``index/errors.py``, which holds the
build side's). Every message states the value and the fix. Each adapter translates
them exactly once: the CLI to an exit code and a message, HTTP (``api.py``) to a status
and ``{"error": {"code", "message"}}``, MCP (``mcp_server.py``) to a tool error.
"""

from __future__ import annotations

from index.errors import AssistantError


class ServeError(AssistantError):
    """Base of the errors raised while answering."""


class QueryError(ServeError):
    """A question, filter or parameter is out of bounds (HTTP 422, CLI exit 2)."""


class NotFoundError(ServeError):
    """A document or snapshot id does not exist (HTTP 404)."""


class NotReadyError(ServeError):
    """No index is loaded yet (HTTP 503, CLI exit 1)."""


class AuthError(ServeError):
    """401: no or wrong key; 403: the key lacks the scope."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status
