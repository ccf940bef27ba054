"""Mattermost: a slash command and an outgoing webhook, both at ``POST /chat/mattermost``.

Mattermost sends either as a form (the slash command, and an outgoing webhook set to
``application/x-www-form-urlencoded``) or as JSON (an outgoing webhook set to
``application/json``); each carries the token Mattermost showed when the integration
was created. The token is compared in constant time with every token of the file
(a slash command and a webhook have one each) before anything else is read. The
answer is the response itself: a slash command's posts in the channel (in the thread
it was typed in), an outgoing webhook's is a reply to the post that triggered it.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from assistant.interface import Assistant
from assistant.settings import MattermostConfig, ServeConfig
from assistant.teamchat.common import ask, read_body, refuse
from assistant.teamchat.mattermost_markdown import escape, mattermost_reply, mattermost_text
from assistant.teamchat.text import Links, one_line, read_secret

SETTING = "ASSISTANT_CHAT__MATTERMOST__TOKEN_FILE"


def known_token(tokens: list[str], given: str) -> bool:
    """Constant-time comparison with every configured token (no early exit, so the time
    says nothing about which one nearly matched)."""
    found = False
    for token in tokens:
        found |= hmac.compare_digest(token.encode(), given.encode())
    return found


def fields_of(content_type: str, body: bytes) -> dict[str, str] | None:
    """The request's fields from a form or a JSON object; None when it is neither."""
    kind = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
        if kind == "application/json":
            data = json.loads(text)
            if not isinstance(data, dict):
                return None
            return {str(k): v if isinstance(v, str) else "" for k, v in data.items()}
        if kind == "application/x-www-form-urlencoded":
            return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return None


def question_of(fields: Mapping[str, str]) -> str:
    """A slash command's text, or an outgoing webhook's text without its trigger word."""
    text = fields.get("text", "")
    trigger = fields.get("trigger_word", "")
    if trigger and text.startswith(trigger):
        text = text[len(trigger) :]
    return one_line(text)


def mount_mattermost(
    app: FastAPI, service: Assistant, config: MattermostConfig, serve: ServeConfig, links: Links
) -> None:
    tokens = (
        read_secret(config.token_file, "Mattermost token") if config.token_file is not None else []
    )

    @app.post("/chat/mattermost", include_in_schema=False)
    async def mattermost(request: Request) -> Response:
        body = await read_body(request, "Mattermost", bool(tokens), SETTING)
        if isinstance(body, Response):
            return body
        fields = fields_of(request.headers.get("content-type", ""), body)
        if fields is None:
            return refuse(
                415,
                "unsupported_media_type",
                "send the fields as application/x-www-form-urlencoded or as a JSON object, "
                "the way Mattermost's slash commands and outgoing webhooks do",
            )
        if not known_token(tokens, fields.get("token", "")):
            return refuse(
                401,
                "unauthorized",
                "the token is not one of this server's Mattermost tokens; put the token "
                f"Mattermost shows for the integration in {SETTING}",
            )
        answer = await run_in_threadpool(ask, service, question_of(fields), serve)
        text = escape(answer) if isinstance(answer, str) else mattermost_text(answer, links)
        return JSONResponse(_reply(text, fields))

    def _reply(text: str, fields: Mapping[str, str]) -> dict[str, Any]:
        # A slash command's request names its command; an outgoing webhook's does not.
        return mattermost_reply(text, comment=not fields.get("command"))
