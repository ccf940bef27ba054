"""Microsoft Teams: an outgoing webhook at ``POST /chat/teams``.

Teams signs each request with HMAC-SHA256 over the raw body, keyed with the base64
security token it showed when the webhook was created, and sends it as
``Authorization: HMAC <base64 digest>``; the signature is checked in constant time
before anything else is read. The reply is synchronous (an outgoing webhook has no
other way to answer) and must come within 5 seconds: past ``reply_within_s`` the
webhook answers that the question is taking longer and points to the chat page.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import html
import json
import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from assistant.interface import Assistant
from assistant.settings import ServeConfig, TeamsConfig
from assistant.teamchat.common import ask, read_body, refuse
from assistant.teamchat.teams_card import teams_message, teams_notice
from assistant.teamchat.text import Links, one_line, read_secret
from index.errors import ConfigError

log = logging.getLogger("assistant.teamchat.teams")

_AT = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
SETTING = "ASSISTANT_CHAT__TEAMS__SECRET_FILE"


def teams_key(config: TeamsConfig) -> bytes | None:
    """The HMAC key (the decoded security token), or None while Teams is off."""
    if config.secret_file is None:
        return None
    token = read_secret(config.secret_file, "Teams security token")[0]
    try:
        return base64.b64decode(token, validate=True)
    except (binascii.Error, ValueError):
        raise ConfigError(
            f"the Teams security token in {config.secret_file} is not base64; paste the "
            "token Teams showed when the outgoing webhook was created"
        ) from None


def signature(key: bytes, body: bytes) -> str:
    """``HMAC <base64(HMAC-SHA256(key, body))>``: what Teams sends in Authorization."""
    digest = hmac.new(key, body, hashlib.sha256).digest()
    return "HMAC " + base64.b64encode(digest).decode()


def signed(key: bytes, body: bytes, authorization: str) -> bool:
    return hmac.compare_digest(signature(key, body).encode(), authorization.strip().encode())


def question_of(activity: Any) -> str:
    """The message's text without the webhook's @-mention and the HTML Teams wraps it in."""
    text = activity.get("text") if isinstance(activity, dict) else None
    if not isinstance(text, str):
        return ""
    return one_line(html.unescape(_TAG.sub(" ", _AT.sub(" ", text))))


def mount_teams(
    app: FastAPI, service: Assistant, config: TeamsConfig, serve: ServeConfig, links: Links
) -> None:
    key = teams_key(config)

    @app.post("/chat/teams", include_in_schema=False)
    async def teams(request: Request) -> Response:
        body = await read_body(request, "Microsoft Teams", key is not None, SETTING)
        if isinstance(body, Response):
            return body
        assert key is not None  # read_body refused the request while it is off
        if not signed(key, body, request.headers.get("authorization", "")):
            return refuse(
                401,
                "unauthorized",
                "the Authorization header is not the HMAC-SHA256 of this body with the "
                f"webhook's security token; check that {SETTING} holds the token Teams showed",
            )
        try:
            activity = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return refuse(400, "invalid_json", "the body is not the JSON activity Teams sends")
        return JSONResponse(await _reply(question_of(activity)))

    async def _reply(question: str) -> dict[str, Any]:
        try:
            answer = await asyncio.wait_for(
                run_in_threadpool(ask, service, question, serve), config.reply_within_s
            )
        except TimeoutError:
            log.warning("a Teams answer took longer than %.1f s", config.reply_within_s)
            return teams_notice(
                "This question takes longer than Teams waits for an answer; ask it on the "
                "chat page, or ask a narrower one.",
                links,
            )
        if isinstance(answer, str):
            return teams_notice(answer, links)
        return teams_message(answer, links)
