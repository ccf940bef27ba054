"""The chat page adapter: ``/`` serves one static page, ``/static/*`` its assets.

The page is plain HTML, CSS and JavaScript shipped in ``assistant/static`` (no CDN,
no fonts from elsewhere: it works offline). It talks to the same JSON API as any
integrator, so it shows exactly the citations ``/v1/answer`` returns. Report text is
only ever put on the page with ``textContent``; the Content-Security-Policy below
makes any slip inert anyway (no inline script, no foreign origin).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.answer.render import PROMPTS_FILE, load_answer_texts
from assistant.api import static_dir
from assistant.auth import KeyStore

# Scripts, styles, images and calls only from this origin; no inline script or style,
# no plugins, no framing, no <base> or form posts elsewhere.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}


class NothingFoundOut(BaseModel):
    """How an answer that found nothing reads in one language (``prompts/answer*.toml``)."""

    language: str = Field(..., description="ISO 639-1 code of the texts.")
    heading: str = Field(..., description="The heading the page shows above such an answer.")
    answers: list[str] = Field(
        ...,
        description="The texts such an answer is, `{name}` where a person's name goes: the "
        "page shows the heading of the language whose text the answer is.",
    )


def nothing_found_texts(path: Path = PROMPTS_FILE) -> list[NothingFoundOut]:
    """The nothing-found texts of every language of ``prompts/``, English first: an answer
    is in the question's language (``render.texts_for``), so the page, which does not know
    that language, knows it from the answer's text."""
    out = []
    for file in sorted(path.parent.glob(f"{path.stem}*{path.suffix}"), key=lambda f: f.name):
        language = file.name.removeprefix(path.stem).removesuffix(path.suffix).strip(".")
        texts = load_answer_texts(file)
        out.append(
            NothingFoundOut(
                language=language or "en",
                heading=texts.nothing_found_heading,
                answers=[
                    texts.nothing_found,
                    texts.nothing_by_person,
                    texts.nothing_on_topic_by_person,
                ],
            )
        )
    return sorted(out, key=lambda t: t.language != "en")


class ConfigOut(BaseModel):
    auth_required: bool = Field(
        ..., description="True when calls need 'Authorization: Bearer <key>'."
    )
    max_question_chars: int = Field(..., description="Longest question (and turn) accepted.")
    max_top_k: int = Field(..., description="Most passages a request may ask for.")
    default_top_k: int = Field(..., description="Passages an answer reads unless told.")
    max_conversation: int = Field(..., description="Earlier questions a follow-up may send.")
    llm: bool = Field(
        False,
        description="True when a language model writes the answers (checked sentence by "
        'sentence); the page then asks with `"stream": true`.',
    )
    nothing_found: list[NothingFoundOut] = Field(
        default_factory=list,
        description="The texts of an answer that found nothing, by language, with the "
        "heading to show above it in that language.",
    )


class _StaticHeaders:
    """Adds the page's security headers to every asset response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in PAGE_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def mount_chat(app: FastAPI) -> None:
    """Serve the chat page at ``/`` and its assets at ``/static``."""
    folder = static_dir()
    keys: KeyStore = app.state.keys
    serve = app.state.settings.serve
    nothing_found = nothing_found_texts()

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(folder / "index.html", headers=PAGE_HEADERS)

    @app.get(
        "/v1/config",
        response_model=ConfigOut,
        operation_id="getConfig",
        summary="What a client needs to know before asking: whether a key is needed, limits",
        tags=["ops"],
    )
    def config() -> ConfigOut:
        return ConfigOut(
            auth_required=keys.enabled,
            max_question_chars=serve.max_question_chars,
            max_top_k=serve.max_top_k,
            default_top_k=min(serve.default_top_k, serve.max_top_k),
            max_conversation=serve.max_conversation,
            llm=app.state.settings.llm.enabled,
            nothing_found=nothing_found,
        )

    app.mount("/static", _StaticHeaders(StaticFiles(directory=folder)), name="static")
