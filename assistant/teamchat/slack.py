"""Slack: the official Bolt for Python app, in HTTP mode, mounted at ``/chat/slack/*``.

``POST /chat/slack/events`` takes the Events API (its ``url_verification`` handshake,
mentions of the bot, direct messages and replies in a thread the bot answered in);
``POST /chat/slack/commands`` takes the ``/ask`` slash command. Every request's
signature (HMAC-SHA256 of ``v0:timestamp:body`` with the app's signing secret) and
timestamp (at most 5 minutes old: an older one is a replay) are checked here, in
constant time, before Bolt sees the request (Bolt checks them again), so a refused
request gets a JSON message that says what to fix and costs no work.

Slack wants an acknowledgement within 3 seconds: each listener acknowledges at once and
answers in a Bolt *lazy* listener (a worker thread), which posts the answer with
``chat.postMessage`` in the thread (mentions, direct messages) or to the command's
``response_url``. A reply in a thread passes the thread's earlier questions to the
answer as its conversation, as the chat page does with its earlier turns.
"""

from __future__ import annotations

import hmac
import html
import logging
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier

from assistant.interface import Assistant
from assistant.settings import ServeConfig, SlackConfig
from assistant.teamchat.common import USAGE, ask, read_body, refuse
from assistant.teamchat.slack_blocks import notice, slack_message
from assistant.teamchat.text import Links, one_line, read_secret

log = logging.getLogger("assistant.teamchat.slack")

SETTINGS = "ASSISTANT_CHAT__SLACK__SIGNING_SECRET_FILE and ASSISTANT_CHAT__SLACK__BOT_TOKEN_FILE"
# Slack's rule ("Verifying requests from Slack"): refuse a request whose timestamp is more
# than five minutes from the local clock, so a captured request cannot be replayed.
MAX_AGE_S = 5 * 60
# A thread's earlier messages read for the conversation: Slack's page size for
# conversations.replies is at most 1,000; a thread the bot answers in is far shorter.
THREAD_MESSAGES = 200
# Seconds a call to Slack's Web API may take from a lazy listener before it gives up.
API_TIMEOUT_S = 10

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_LABELLED = re.compile(r"<[^>|]+\|([^>]+)>")
_BARE = re.compile(r"<([^>]+)>")


def request_problem(
    secret: str, headers: Mapping[str, str], body: bytes, now: float | None = None
) -> str | None:
    """What is wrong with a request's signature or timestamp, or None when it is Slack's."""
    stamp = headers.get("x-slack-request-timestamp", "")
    given = headers.get("x-slack-signature", "")
    if not stamp or not given:
        return "the request has no X-Slack-Signature and X-Slack-Request-Timestamp headers"
    if not stamp.isdigit():
        return f"X-Slack-Request-Timestamp {stamp[:20]!r} is not a Unix time"
    age = (time.time() if now is None else now) - int(stamp)
    if abs(age) > MAX_AGE_S:
        return (
            f"the request's timestamp is {abs(age):.0f} s off the server's clock; Slack's "
            f"requests older than "
            f"{MAX_AGE_S // 60} minutes are refused as replays (check the server's clock)"
        )
    expected = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body) or ""
    if not hmac.compare_digest(expected.encode(), given.encode()):
        return (
            "X-Slack-Signature does not match the body; check that "
            "ASSISTANT_CHAT__SLACK__SIGNING_SECRET_FILE holds the app's Signing Secret"
        )
    return None


def question_of(text: str) -> str:
    """A message's question: mentions dropped, links and channels as their labels,
    Slack's three escapes undone."""
    text = _BARE.sub(r"\1", _LABELLED.sub(r"\1", _MENTION.sub(" ", text or "")))
    return one_line(html.unescape(text))


def mount_slack(
    app: FastAPI, service: Assistant, config: SlackConfig, serve: ServeConfig, links: Links
) -> None:
    """``/chat/slack/events`` and ``/chat/slack/commands``; 404 until both files are set."""
    bolt = build_bolt(config, service, serve, links) if _configured(config) else None
    secret = (
        read_secret(config.signing_secret_file, "Slack signing secret")[0]
        if bolt and config.signing_secret_file
        else ""
    )

    async def handle(request: Request) -> Response:
        body = await read_body(request, "Slack", bolt is not None, SETTINGS)
        if isinstance(body, Response):
            return body
        assert bolt is not None  # read_body refused the request while it is off
        problem = request_problem(secret, request.headers, body)
        if problem is not None:
            return refuse(401, "unauthorized", problem)
        if request.headers.get("x-slack-retry-num"):
            # Slack sends an event again when it missed the acknowledgement; the first
            # delivery is being answered already, so this one is acknowledged, not redone.
            return Response(status_code=200, headers={"X-Slack-No-Retry": "1"})
        try:
            bolt_request = to_bolt_request(request, body)
        except UnicodeDecodeError:
            return refuse(400, "invalid_request", "the body is not UTF-8, as Slack sends it")
        return to_starlette_response(await run_in_threadpool(bolt.dispatch, bolt_request))

    app.add_api_route("/chat/slack/events", handle, methods=["POST"], include_in_schema=False)
    app.add_api_route("/chat/slack/commands", handle, methods=["POST"], include_in_schema=False)


def _configured(config: SlackConfig) -> bool:
    if (config.signing_secret_file is None) != (config.bot_token_file is None):
        missing = "SIGNING_SECRET_FILE" if config.signing_secret_file is None else "BOT_TOKEN_FILE"
        log.warning("Slack stays off: ASSISTANT_CHAT__SLACK__%s is not set", missing)
    return config.signing_secret_file is not None and config.bot_token_file is not None


def build_bolt(config: SlackConfig, service: Assistant, serve: ServeConfig, links: Links) -> App:
    """The Bolt app: the answer's listeners, Slack's Web API at ``api_base_url``. The token
    is checked on the first request (``auth.test``), not at start, so the server starts
    without reaching Slack."""
    assert config.signing_secret_file is not None and config.bot_token_file is not None
    token = read_secret(config.bot_token_file, "Slack bot token")[0]
    client = WebClient(token=token, base_url=config.api_base_url, timeout=API_TIMEOUT_S)
    bolt = App(
        signing_secret=read_secret(config.signing_secret_file, "Slack signing secret")[0],
        client=client,
        token_verification_enabled=False,
        logger=log,
    )
    listeners = Listeners(service, serve, links)
    bolt.command(re.compile(r"^/"))(ack=listeners.ack_command, lazy=[listeners.command])
    bolt.event("app_mention")(ack=listeners.ack, lazy=[listeners.mention])
    bolt.event("message")(ack=listeners.ack, lazy=[listeners.message])
    return bolt


class Listeners:
    """Bolt's listeners, closed over the service: each acknowledges at once (``ack_*``),
    then answers in a lazy listener."""

    def __init__(self, service: Assistant, serve: ServeConfig, links: Links) -> None:
        self.service = service
        self.serve = serve
        self.links = links

    def ack(self, ack: Callable[..., Any]) -> None:
        ack()

    def ack_command(self, ack: Callable[..., Any], command: dict[str, Any]) -> None:
        question = question_of(command.get("text", ""))
        ack(text="Looking in the reports…" if question else USAGE)

    def command(self, command: dict[str, Any], respond: Callable[..., Any]) -> None:
        """``/ask question``: the answer goes to the command's response_url, in the channel."""
        question = question_of(command.get("text", ""))
        if question:
            respond(**self._message(question, ()), response_type="in_channel")

    def mention(self, event: dict[str, Any], client: WebClient, context: Any) -> None:
        """``@bot question`` in a channel: answered in its thread."""
        self._answer_in_thread(event, client, context, self._thread(event, client, context))

    def message(self, event: dict[str, Any], client: WebClient, context: Any) -> None:
        """A direct message, or a reply in a channel thread the bot answered in."""
        if event.get("subtype") or event.get("bot_id"):
            return  # edits, joins, other bots: not questions
        bot = getattr(context, "bot_user_id", None) or ""
        if bot and f"<@{bot}" in event.get("text", ""):
            return  # a mention: app_mention answers it
        thread = self._thread(event, client, context)
        if event.get("channel_type") == "im" or any(_is_bot(m, context) for m in thread):
            self._answer_in_thread(event, client, context, thread)

    def _answer_in_thread(
        self, event: dict[str, Any], client: WebClient, context: Any, thread: list[dict[str, Any]]
    ) -> None:
        earlier = [
            question_of(m.get("text", ""))
            for m in thread
            if m.get("ts") != event.get("ts") and not _is_bot(m, context)
        ]
        message = self._message(question_of(event.get("text", "")), earlier)
        try:
            client.chat_postMessage(
                channel=event["channel"],
                thread_ts=event.get("thread_ts") or event["ts"],
                unfurl_links=False,
                unfurl_media=False,
                **message,
            )
        except SlackApiError as exc:
            log.error("chat.postMessage failed: %s", exc.response.get("error"))

    def _thread(
        self, event: dict[str, Any], client: WebClient, context: Any
    ) -> list[dict[str, Any]]:
        """The thread's messages before this one (none outside a thread)."""
        if not event.get("thread_ts"):
            return []
        try:
            replies = client.conversations_replies(
                channel=event["channel"], ts=event["thread_ts"], limit=THREAD_MESSAGES
            )
        except SlackApiError as exc:
            log.error("conversations.replies failed: %s", exc.response.get("error"))
            return []
        messages = replies.get("messages") or []
        return [m for m in messages if float(m.get("ts", 0)) < float(event.get("ts", 0))]

    def _message(self, question: str, conversation: Any) -> dict[str, Any]:
        answer = ask(self.service, question, self.serve, list(conversation))
        return notice(answer) if isinstance(answer, str) else slack_message(answer, self.links)


def _is_bot(message: Mapping[str, Any], context: Any) -> bool:
    """The bot's own message (or any app's): not a question of the conversation."""
    bot_user = getattr(context, "bot_user_id", None)
    return bool(message.get("bot_id")) or (bot_user is not None and message.get("user") == bot_user)
