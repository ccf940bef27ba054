"""A scripted OpenAI-compatible chat-completions server for tests.

A real HTTP server on a loopback port (``http.server``, a thread per connection) that
answers ``POST /v1/chat/completions`` with whatever the test scripts: a reply streamed
in chunks (server-sent events, as the OpenAI API streams), an HTTP error, a reply that
comes too late, a stream that stalls. It records the requests it got and whether the
client went away before the stream ended::

    with ScriptedModel() as model:
        model.script = Script(["Guo Jun proposed a library [1]."])
        ...  # point ASSISTANT_LLM__BASE_URL at model.base_url
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bench.harness import free_port


@dataclass
class Script:
    """What the next requests get."""

    chunks: list[str] = field(default_factory=list)  # the reply, streamed piece by piece
    status: int = 200  # anything else: an error body instead of a reply
    delay_s: float = 0.0  # before the response starts
    chunk_delay_s: float = 0.0  # between chunks
    stall_after: int | None = None  # stop sending (keep the connection open) after N chunks
    stall_s: float = 30.0

    @classmethod
    def words(cls, text: str, **kw: Any) -> Script:
        """``text`` streamed a word at a time, as a model does."""
        pieces = [w + " " for w in text.split(" ")]
        pieces[-1] = pieces[-1].rstrip(" ")
        return cls(pieces, **kw)


class ScriptedModel:
    def __init__(self) -> None:
        self.script = Script(["The reports do not say."])
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.client_went_away = threading.Event()
        self.finished = threading.Event()  # a stream was sent to its end
        self.port = free_port("127.0.0.1")
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> ScriptedModel:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self, script: Script) -> None:
        self.script = script
        self.requests.clear()
        self.headers.clear()
        self.client_went_away.clear()
        self.finished.clear()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                owner.requests.append(body)
                owner.headers.append({k.lower(): v for k, v in self.headers.items()})
                script = owner.script
                if script.delay_s:
                    time.sleep(script.delay_s)
                if script.status != 200:
                    self._json(script.status, {"error": {"message": "scripted failure"}})
                    return
                if not body.get("stream"):
                    text = "".join(script.chunks)
                    self._json(200, _completion(text))
                    return
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("cache-control", "no-cache")
                self.send_header("connection", "close")
                self.end_headers()
                try:
                    for i, piece in enumerate(script.chunks):
                        if script.stall_after is not None and i >= script.stall_after:
                            time.sleep(script.stall_s)
                            return
                        self._event(_chunk(piece))
                        if script.chunk_delay_s:
                            time.sleep(script.chunk_delay_s)
                    self._event(_chunk(None, finish="stop"))
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                    owner.finished.set()
                except (BrokenPipeError, ConnectionResetError):
                    owner.client_went_away.set()
                self.close_connection = True

            def _event(self, data: dict[str, Any]) -> None:
                self.wfile.write(f"data: {json.dumps(data)}\n\n".encode())
                self.wfile.flush()

            def _json(self, status: int, data: dict[str, Any]) -> None:
                raw = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        return Handler


def _chunk(text: str | None, finish: str | None = None) -> dict[str, Any]:
    delta = {"content": text} if text is not None else {}
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "scripted",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _completion(text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 0,
        "model": "scripted",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }
