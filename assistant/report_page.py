"""The report page: ``/r/{document_id}`` shows one report's whole text, the cited span
(``#start-end`` in the URL) highlighted and scrolled to. Each citation card of the chat
page links here.

Like the chat page, the page is static HTML, CSS and JavaScript (``assistant/static``,
nothing from elsewhere: it works offline) that reads the report from the JSON API,
``GET /v1/documents/{id}`` (``AssistantService.document``), with the API key the chat
page keeps in the browser tab. So the page needs a key exactly when the API does, and
the report's text reaches the page only through ``textContent``: no HTML from a report
is ever parsed, and the chat page's Content-Security-Policy makes any slip inert.

An unknown id is a 404: a page that says so to a browser, the API's JSON error to any
other client. On a server with API keys the id is checked by the page with the key
(the shell says nothing about which reports exist to a caller without one).
"""

from __future__ import annotations

import html

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from assistant.api import static_dir
from assistant.auth import KeyStore
from assistant.chat import PAGE_HEADERS
from assistant.errors import NotFoundError, NotReadyError
from assistant.interface import Assistant

router = APIRouter()

_NOT_FOUND = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>No such report · Report assistant</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/style.css">
  <link rel="stylesheet" href="/static/report.css">
</head>
<body class="report-page">
  <header class="topbar">
    <div class="brand"><p class="brand-name"><a href="/">Report assistant</a></p></div>
  </header>
  <main class="report">
    <section class="report-state notfound">
      <h1 class="state-title">No such report</h1>
      <p>The index holds no report {document_id}. The link may be older than the index
        (the reports are indexed again when they change) or cut short.</p>
      <p><a href="/">Back to the chat</a> to ask about the reports the index holds.</p>
      <p class="detail">{message}</p>
    </section>
  </main>
</body>
</html>
"""


@router.api_route("/r/{document_id:path}", methods=["GET", "HEAD"], include_in_schema=False)
def report_page(document_id: str, request: Request) -> Response:
    """The page (its script reads the report and the span from the URL)."""
    keys: KeyStore = request.app.state.keys
    service: Assistant = request.app.state.service
    if not keys.enabled:
        try:
            service.document(document_id)
        except NotFoundError as exc:
            return _not_found(request, document_id, str(exc))
        except NotReadyError:
            pass  # the page says the index is loading and tries again
    return FileResponse(static_dir() / "report.html", headers=PAGE_HEADERS)


def _not_found(request: Request, document_id: str, message: str) -> Response:
    if "text/html" in request.headers.get("accept", ""):
        body = _NOT_FOUND.replace("{document_id}", html.escape(document_id)).replace(
            "{message}", html.escape(message)
        )
        return HTMLResponse(body, status_code=404, headers=PAGE_HEADERS)
    return JSONResponse(
        {"error": {"code": "not_found", "message": message}},
        status_code=404,
        headers={"X-Content-Type-Options": "nosniff"},
    )
