"""The composition root: the one place the service and the web application are built.

``build_service`` makes the service for every entry point (``serve``, ``ask``,
``mcp``); ``build_app`` wires the API, chat page, docs, MCP endpoint and metrics
around it. ``from_environment`` is the factory for an ASGI server that starts the
app itself, once per worker process (``uvicorn assistant.app:from_environment
--factory --workers N``; docs/scaling.md).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from assistant import report_page
from assistant.api import create_app
from assistant.chat import mount_chat
from assistant.docs import mount_docs
from assistant.mcp_server import mount_mcp
from assistant.observability import install_observability
from assistant.service import AssistantService
from assistant.settings import Settings
from assistant.teamchat import mount_team_chat

# Routes anyone may call without a key (probes and the page's first look).
PUBLIC_OPERATIONS = {"health", "ready", "getConfig"}


def build_service(settings: Settings) -> AssistantService:
    """The service with the limits of ``settings``; the index loads on ``load()``."""
    return AssistantService(
        settings.index,
        max_top_k=settings.serve.max_top_k,
        max_question_chars=settings.serve.max_question_chars,
        llm=settings.llm,
    )


def build_app(settings: Settings, service: AssistantService | None = None) -> FastAPI:
    service = service or build_service(settings)
    app = create_app(settings, service)
    mount_chat(app)
    mount_team_chat(app, service, settings)  # /chat/slack/*, /chat/teams, /chat/mattermost
    app.include_router(report_page.router)  # /r/{id}: a report, the cited span marked
    mount_docs(app)
    mount_mcp(app)
    install_observability(app)
    _declare_bearer_auth(app)
    return app


def from_environment() -> FastAPI:
    """The app of the ``ASSISTANT_*`` settings, logging JSON lines: one per replica
    process. Refuses a public ``ASSISTANT_SERVE__HOST`` without API keys, as ``serve``."""
    from assistant.api import check_bind
    from assistant.auth import KeyStore
    from assistant.observability import configure_logging

    settings = Settings()
    check_bind(settings.serve.host, KeyStore.load(settings.serve.api_keys_file))
    configure_logging()
    return build_app(settings)


def _declare_bearer_auth(app: FastAPI) -> None:
    """OpenAPI with the bearer scheme, so the API imports as a GPT Action as is.

    The scheme is global; the public probes override it with an empty requirement.
    """

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            servers=app.servers,
        )
        components = schema.setdefault("components", {})
        components.setdefault("securitySchemes", {})["bearerAuth"] = {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key from `assistant keys create --scope query`.",
        }
        schema["security"] = [{"bearerAuth": []}]
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                if operation.get("operationId") in PUBLIC_OPERATIONS:
                    operation["security"] = []
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
