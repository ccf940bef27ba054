"""The team chat bots over a real server on loopback, the real model and a real index of
the sample reports and the hostile ones (tests/fixtures/xss).

Requests are signed the way each platform signs them: Slack's ``v0`` HMAC-SHA256 of
``v0:timestamp:body`` with the signing secret, Teams' HMAC-SHA256 of the body with the
base64-decoded security token, Mattermost's token field. What the bot sends to Slack's
Web API (auth.test, conversations.replies, chat.postMessage) and to a slash command's
``response_url`` goes to a recording HTTP server on loopback, whose address is the
``api_base_url`` setting and the ``response_url`` of the request. The service is the
real one, observed (its ``answer`` calls are recorded, then passed through), so a test
can see which conversation a thread gave the answer.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from assistant.app import build_service
from assistant.service import AnswerResult, AssistantService
from assistant.settings import (
    ChatConfig,
    MattermostConfig,
    ServeConfig,
    Settings,
    SlackConfig,
    TeamsConfig,
)
from assistant.teamchat.mattermost_markdown import MAX_CHARS
from assistant.teamchat.slack_blocks import MAX_BLOCKS, SECTION_CHARS
from assistant.teamchat.teams_card import MAX_BYTES
from index.config import BuildConfig
from tests.assistant.teamchat.test_renderers import assert_markdown_inert
from tests.conftest import REPO, SAMPLES
from tests.helpers import build_test_index, serve

pytestmark = pytest.mark.slow

XSS = REPO / "tests" / "fixtures" / "xss"
PUBLIC = "https://assistant.example.org"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # the shape of a Slack signing secret
BOT_TOKEN = "xoxb-test-token"
TEAMS_TOKEN = base64.b64encode(b"teams outgoing webhook key, 32 b").decode()
MM_TOKENS = ["slashcommandtoken0000000000", "outgoingwebhooktoken00000000"]
BOT_USER = "UBOT0001"

QUESTION = "What was said about AI and jobs?"
FOLLOW_UP = "And what did Guo Jun say?"
HOSTILE = "What about cargo ships in Zorblat harbour?"
NOTHING = "What is the recipe for lasagna?"


# --- the recording server: Slack's Web API and response_url ----------------------------


class Recorder:
    """What the bot sent out, and the threads conversations.replies answers with."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.threads: dict[str, list[dict[str, Any]]] = {}
        self.changed = threading.Condition()

    def record(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> None:
        with self.changed:
            self.calls.append({"path": path, "body": body, "headers": headers})
            self.changed.notify_all()

    def posted(self, path: str) -> list[dict[str, Any]]:
        return [c["body"] for c in self.calls if c["path"] == path]

    def wait(
        self,
        path: str,
        match: Callable[[dict[str, Any]], bool] = lambda _: True,
        timeout: float = 60,
    ) -> list[dict[str, Any]]:
        """The bodies sent to ``path`` that ``match``, once there is one."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while not (found := [b for b in self.posted(path) if match(b)]):
                left = deadline - time.monotonic()
                assert left > 0, f"nothing sent to {path} in {timeout} s: {self.calls}"
                self.changed.wait(left)
            return found

    def reply(self, path: str, query: dict[str, str]) -> dict[str, Any]:
        if path == "/api/auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER,
                "bot_id": "BBOT",
                "team_id": "T1",
                "user": "asker",
            }
        if path == "/api/conversations.replies":
            return {"ok": True, "messages": self.threads.get(query.get("ts", ""), [])}
        if path == "/api/chat.postMessage":
            return {"ok": True, "ts": f"{time.time():.6f}"}
        return {"ok": True}


@contextlib.contextmanager
def recording_server() -> Iterator[tuple[str, Recorder]]:
    recorder = Recorder()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, body: dict[str, Any]) -> None:
            path = urlsplit(self.path).path
            query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            recorder.record(path, {**query, **body}, dict(self.headers))
            data = json.dumps(recorder.reply(path, {**query, **body})).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._answer({})

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            if self.headers.get("Content-Type", "").startswith("application/json"):
                self._answer(json.loads(raw or "{}"))
            else:
                self._answer({k: v[0] for k, v in parse_qs(raw).items()})

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", recorder
    finally:
        server.shutdown()
        server.server_close()


# --- the server ----------------------------------------------------------------------


class ObservedService(AssistantService):
    """The real service; each ``answer`` call's question and conversation are kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asked: list[tuple[str, list[str]]] = []

    def answer(self, question: str, *args: Any, **kwargs: Any) -> AnswerResult:
        context = kwargs.get("context", args[2] if len(args) > 2 else ())
        self.asked.append((question, list(context)))
        return super().answer(question, *args, **kwargs)


@pytest.fixture(scope="module")
def index_config(tmp_path_factory: pytest.TempPathFactory, model_cache: Path) -> BuildConfig:
    root = tmp_path_factory.mktemp("team-chat-index")
    return build_test_index(root / "index", model_cache, [SAMPLES, XSS])


@pytest.fixture(scope="module")
def chat(tmp_path_factory: pytest.TempPathFactory, index_config: BuildConfig) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("team-chat")
    files = {
        "slack_secret": SIGNING_SECRET,
        "slack_token": BOT_TOKEN,
        "teams": TEAMS_TOKEN,
        "mattermost": "\n".join(MM_TOKENS),
    }
    for name, value in files.items():
        (root / name).write_text(value + "\n")
    with recording_server() as (api, recorder):
        settings = Settings(
            index=index_config,
            serve=ServeConfig(reload_interval_s=0),
            chat=ChatConfig(
                public_url=PUBLIC,
                slack=SlackConfig(
                    signing_secret_file=root / "slack_secret",
                    bot_token_file=root / "slack_token",
                    api_base_url=f"{api}/api/",
                ),
                teams=TeamsConfig(secret_file=root / "teams"),
                mattermost=MattermostConfig(token_file=root / "mattermost"),
            ),
        )
        service = ObservedService(index_config, llm=settings.llm)
        with serve(settings, service) as url:
            yield {"url": url, "api": api, "recorder": recorder, "service": service}


def api_answer(chat: dict, question: str, conversation: Sequence[str] = ()) -> dict:
    body = {"question": question, "conversation": list(conversation)}
    response = httpx.post(f"{chat['url']}/v1/answer", json=body, timeout=60)
    assert response.status_code == 200, response.text
    return dict(response.json())


# --- Slack ---------------------------------------------------------------------------


def slack_headers(body: bytes, secret: str = SIGNING_SECRET, at: float | None = None) -> dict:
    stamp = str(int(time.time() if at is None else at))
    base = b"v0:" + stamp.encode() + b":" + body
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}


def mention_of(ts: str, question: str = QUESTION) -> dict[str, Any]:
    """An app_mention event as Slack sends it, in channel C1."""
    return {
        "type": "app_mention",
        "user": "U1",
        "text": f"<@{BOT_USER}> {question}",
        "ts": ts,
        "channel": "C1",
    }


def work_done(chat: dict) -> tuple[int, int]:
    """Calls out to Slack, and questions put to the service, so far."""
    return len(chat["recorder"].calls), len(chat["service"].asked)


def slack_event(
    chat: dict, event: dict[str, Any], extra: dict[str, str] | None = None, **sign: Any
) -> httpx.Response:
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T1",
            "api_app_id": "A1",
            "event": event,
            "event_id": f"Ev{time.time_ns()}",
            "event_time": int(time.time()),
        }
    ).encode()
    headers = {"Content-Type": "application/json", **slack_headers(body, **sign), **(extra or {})}
    return httpx.post(f"{chat['url']}/chat/slack/events", content=body, headers=headers, timeout=30)


def check_slack_message(message: dict[str, Any]) -> None:
    """chat.postMessage's documented shape: text (the notification), at most 50 blocks,
    a section's text at most 3,000 characters, a context's elements at most 10."""
    assert isinstance(message["text"], str) and message["text"]
    assert 0 < len(message["blocks"]) <= MAX_BLOCKS
    for block in message["blocks"]:
        assert block["type"] in {"section", "context", "divider"}
        if block["type"] == "section":
            assert block["text"]["type"] == "mrkdwn" and len(block["text"]["text"]) <= SECTION_CHARS
        if block["type"] == "context":
            assert 0 < len(block["elements"]) <= 10
            assert all(e["type"] in {"mrkdwn", "plain_text"} for e in block["elements"])


def cited_numbers(message: dict[str, Any]) -> list[int]:
    """The [n] of the context blocks (one per citation), in order."""
    heads = [b["elements"][0]["text"] for b in message["blocks"] if b["type"] == "context"]
    return [int(m.group(1)) for h in heads if (m := re.match(r"\*\[(\d+)\]\*", h))]


def test_url_verification_handshake(chat: dict) -> None:
    body = json.dumps(
        {"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV", "type": "url_verification"}
    )
    headers = {"Content-Type": "application/json", **slack_headers(body.encode())}
    response = httpx.post(f"{chat['url']}/chat/slack/events", content=body, headers=headers)
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV"}


@pytest.mark.parametrize(
    ("sign", "words"),
    [
        ({"secret": "not-the-signing-secret"}, ["X-Slack-Signature", "SIGNING_SECRET_FILE"]),
        ({"at": time.time() - 6 * 60}, ["replays", "5 minutes"]),
    ],
    ids=["wrong-signature", "stale-timestamp"],
)
def test_slack_refuses_a_bad_or_replayed_request_before_any_work(
    chat: dict, sign: dict, words: list[str]
) -> None:
    before = work_done(chat)
    response = slack_event(chat, mention_of("1700000000.000100"), **sign)
    assert response.status_code == 401
    message = response.json()["error"]["message"]
    assert all(word in message for word in words), message
    time.sleep(0.5)  # a lazy listener, had one started, would have called out by now
    assert work_done(chat) == before


def test_slack_retry_of_an_event_is_acknowledged_not_answered_twice(chat: dict) -> None:
    before = work_done(chat)
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    response = slack_event(chat, mention_of("1700000400.000100"), retry)
    assert response.status_code == 200 and response.headers["X-Slack-No-Retry"] == "1"
    time.sleep(0.5)
    assert work_done(chat) == before


def test_slack_unsigned_request_is_refused(chat: dict) -> None:
    response = httpx.post(f"{chat['url']}/chat/slack/commands", data={"text": QUESTION})
    assert response.status_code == 401
    assert "X-Slack-Signature" in response.json()["error"]["message"]


def test_mention_is_answered_in_its_thread_and_a_follow_up_keeps_the_conversation(
    chat: dict,
) -> None:
    recorder: Recorder = chat["recorder"]
    root = "1700000100.000100"
    mention = mention_of(root)
    response = slack_event(chat, mention)
    assert response.status_code == 200 and response.text == ""  # the ack, before the answer
    (first,) = recorder.wait("/api/chat.postMessage", lambda m: m["thread_ts"] == root)
    check_slack_message(first)
    assert first["channel"] == "C1"
    expected = api_answer(chat, QUESTION)
    assert expected["found"] and cited_numbers(first) == [c["n"] for c in expected["citations"]]
    links = re.findall(r"<(https://[^|>]+)\|", json.dumps(first["blocks"]))
    c1 = expected["citations"][0]
    assert links[0] == f"{PUBLIC}/r/{c1['document_id']}#{c1['start']}-{c1['end']}"

    # A reply in the thread, without a mention: the bot answered in this thread, so it
    # answers again, with the thread's earlier question as the conversation.
    reply_ts = "1700000200.000100"
    recorder.threads[root] = [
        {"type": "message", "user": "U1", "text": mention["text"], "ts": root},
        {
            "type": "message",
            "user": BOT_USER,
            "bot_id": "BBOT",
            "text": first["text"],
            "ts": "1700000150.000100",
            "thread_ts": root,
        },
        {"type": "message", "user": "U1", "text": FOLLOW_UP, "ts": reply_ts, "thread_ts": root},
    ]
    follow = {
        "type": "message",
        "channel_type": "channel",
        "user": "U1",
        "text": FOLLOW_UP,
        "ts": reply_ts,
        "thread_ts": root,
        "channel": "C1",
    }
    assert slack_event(chat, follow).status_code == 200
    posted = recorder.wait(
        "/api/chat.postMessage", lambda m: m["thread_ts"] == root and m is not first
    )
    (second,) = posted
    check_slack_message(second)
    assert (FOLLOW_UP, [QUESTION]) in chat["service"].asked
    followed = api_answer(chat, FOLLOW_UP, [QUESTION])
    assert cited_numbers(second) == [c["n"] for c in followed["citations"]]
    assert "Guo Jun" in json.dumps(second["blocks"])


def test_direct_message_is_answered_in_a_thread(chat: dict) -> None:
    ts = "1700000300.000100"
    dm = {
        "type": "message",
        "channel_type": "im",
        "user": "U2",
        "text": QUESTION,
        "ts": ts,
        "channel": "D1",
    }
    assert slack_event(chat, dm).status_code == 200
    (message,) = chat["recorder"].wait("/api/chat.postMessage", lambda m: m["thread_ts"] == ts)
    assert message["channel"] == "D1"
    check_slack_message(message)


def slash_command(chat: dict, text: str, hook: str) -> httpx.Response:
    body = urlencode(
        {
            "token": "legacy",
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": "U1",
            "command": "/ask",
            "text": text,
            "response_url": f"{chat['api']}/hooks/{hook}",
            "trigger_id": "1.2.3",
        }
    ).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", **slack_headers(body)}
    return httpx.post(f"{chat['url']}/chat/slack/commands", content=body, headers=headers)


def test_slash_command_acks_then_answers_at_the_response_url(chat: dict) -> None:
    response = slash_command(chat, QUESTION, "cmd-1")
    assert response.status_code == 200
    assert response.text == "Looking in the reports…"  # Slack shows a plain-text ack to its asker
    (reply,) = chat["recorder"].wait("/hooks/cmd-1")
    assert reply["response_type"] == "in_channel"
    check_slack_message(reply)


def test_slash_command_nothing_found_is_said_as_such(chat: dict) -> None:
    assert slash_command(chat, NOTHING, "cmd-2").status_code == 200
    (reply,) = chat["recorder"].wait("/hooks/cmd-2")
    expected = api_answer(chat, NOTHING)
    assert not expected["found"]
    assert [b["type"] for b in reply["blocks"]] == ["section"]
    assert reply["blocks"][0]["text"]["text"] == expected["answer"]


def test_slash_command_without_a_question_says_how_to_ask(chat: dict) -> None:
    response = slash_command(chat, "   ", "cmd-3")
    assert response.status_code == 200 and "Ask a question" in response.text


def test_slack_renders_a_hostile_report_inert(chat: dict) -> None:
    assert slash_command(chat, HOSTILE, "cmd-4").status_code == 200
    (reply,) = chat["recorder"].wait("/hooks/cmd-4")
    expected = api_answer(chat, HOSTILE)
    assert any("<script>" in c["title"] for c in expected["citations"]), "the fixture is cited"
    # Report text is either plain_text (never parsed by Slack) or escaped mrkdwn, in which
    # the only <…> are our links to the report page: no <!channel>, <@U…>, <url|label>.
    texts = [b.get("text", {}) for b in reply["blocks"]]
    texts += [e for b in reply["blocks"] for e in b.get("elements", [])]
    assert {t["type"] for t in texts if t} <= {"mrkdwn", "plain_text"}
    mrkdwn = [t["text"] for t in texts if t and t["type"] == "mrkdwn"] + [reply["text"]]
    assert any("&lt;script&gt;" in t for t in mrkdwn)
    for text in mrkdwn:
        for inner in re.findall(r"<([^>]*)>", text):
            assert inner.startswith(f"{PUBLIC}/r/"), inner


# --- Microsoft Teams -----------------------------------------------------------------


def teams_post(chat: dict, text: str, key: str = TEAMS_TOKEN) -> httpx.Response:
    body = json.dumps(
        {
            "type": "message",
            "id": "1",
            "text": f"<at>Ask</at>&nbsp;{text}",
            "from": {"id": "29:1", "name": "Ada"},
            "conversation": {"id": "19:c@thread.skype"},
        }
    ).encode()
    digest = hmac.new(base64.b64decode(key), body, hashlib.sha256).digest()
    headers = {
        "Content-Type": "application/json",
        "Authorization": "HMAC " + base64.b64encode(digest).decode(),
    }
    return httpx.post(f"{chat['url']}/chat/teams", content=body, headers=headers, timeout=30)


def card(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    message = response.json()
    assert message["type"] == "message" and len(response.content) <= MAX_BYTES
    (attachment,) = message["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    content = attachment["content"]
    assert content["type"] == "AdaptiveCard" and content["body"]
    return dict(content)


def test_teams_answers_with_an_adaptive_card(chat: dict) -> None:
    content = card(teams_post(chat, QUESTION))
    assert (QUESTION, []) in chat["service"].asked  # the mention and &nbsp; are gone
    (facts,) = [e["facts"] for e in content["body"] if e["type"] == "FactSet"]
    expected = api_answer(chat, QUESTION)
    assert [f["title"] for f in facts] == [f"[{c['n']}]" for c in expected["citations"]]
    assert f"]({PUBLIC}/r/" in facts[0]["value"]


def test_teams_nothing_found_and_hostile_report(chat: dict) -> None:
    empty = card(teams_post(chat, NOTHING))
    assert [e["type"] for e in empty["body"]] == ["TextBlock"]
    assert empty["body"][0]["text"] == api_answer(chat, NOTHING)["answer"]
    hostile = card(teams_post(chat, HOSTILE))
    texts = [e["text"] for e in hostile["body"] if e["type"] == "TextBlock"]
    texts += [f["value"] for e in hostile["body"] if e["type"] == "FactSet" for f in e["facts"]]
    allowed = {link for t in texts for link in re.findall(rf"\]\(({PUBLIC}/r/[^)]+)\)", t)}
    for text in texts:
        assert_markdown_inert(text, allowed)


@pytest.mark.parametrize("key", [base64.b64encode(b"another webhook's key").decode(), None])
def test_teams_refuses_a_wrong_or_missing_signature(chat: dict, key: str | None) -> None:
    before = len(chat["service"].asked)
    if key is None:
        response = httpx.post(f"{chat['url']}/chat/teams", json={"text": QUESTION})
    else:
        response = teams_post(chat, QUESTION, key)
    assert response.status_code == 401
    assert "HMAC-SHA256" in response.json()["error"]["message"]
    assert len(chat["service"].asked) == before


# --- Mattermost ----------------------------------------------------------------------


def mattermost_post(chat: dict, fields: dict[str, str], as_json: bool = False) -> httpx.Response:
    url = f"{chat['url']}/chat/mattermost"
    if as_json:
        return httpx.post(url, json=fields, timeout=30)
    return httpx.post(url, data=fields, timeout=30)


def test_mattermost_slash_command_answers_in_markdown(chat: dict) -> None:
    response = mattermost_post(
        chat,
        {
            "token": MM_TOKENS[0],
            "command": "/ask",
            "text": QUESTION,
            "channel_id": "c1",
            "user_name": "ada",
        },
    )
    assert response.status_code == 200
    reply = response.json()
    assert reply["response_type"] == "in_channel" and reply["skip_slack_parsing"] is True
    assert len(reply["text"]) <= MAX_CHARS
    expected = api_answer(chat, QUESTION)
    numbered = re.findall(r"^(\d+)\. \[", reply["text"], re.MULTILINE)
    assert [int(n) for n in numbered] == [c["n"] for c in expected["citations"]]


def test_mattermost_outgoing_webhook_replies_in_the_thread(chat: dict) -> None:
    fields = {
        "token": MM_TOKENS[1],
        "trigger_word": "#ask",
        "text": f"#ask {HOSTILE}",
        "post_id": "p1",
        "channel_id": "c1",
    }
    response = mattermost_post(chat, fields, as_json=True)
    assert response.status_code == 200
    reply = response.json()
    assert reply["response_type"] == "comment"  # a reply to the triggering post
    allowed = set(re.findall(rf"\]\(({PUBLIC}/r/[^)]+)\)", reply["text"]))
    assert allowed, "the hostile report is cited"
    assert_markdown_inert(reply["text"], allowed)


def test_mattermost_nothing_found_and_a_question_too_long(chat: dict) -> None:
    empty = mattermost_post(chat, {"token": MM_TOKENS[0], "command": "/ask", "text": NOTHING})
    assert empty.json()["text"] == api_answer(chat, NOTHING)["answer"]
    long = mattermost_post(chat, {"token": MM_TOKENS[0], "command": "/ask", "text": "care " * 400})
    assert long.status_code == 200 and "1000" in long.json()["text"]


def test_mattermost_refuses_a_wrong_token_and_an_unknown_body(chat: dict) -> None:
    before = len(chat["service"].asked)
    wrong = mattermost_post(chat, {"token": "nottoken", "command": "/ask", "text": QUESTION})
    assert wrong.status_code == 401 and "TOKEN_FILE" in wrong.json()["error"]["message"]
    other = httpx.post(
        f"{chat['url']}/chat/mattermost", content=b"hello", headers={"Content-Type": "text/plain"}
    )
    assert other.status_code == 415 and "x-www-form-urlencoded" in other.json()["error"]["message"]
    assert len(chat["service"].asked) == before


# --- every platform off until configured; Teams' deadline ------------------------------


def test_every_platform_is_off_until_its_secret_file_is_set(index_config: BuildConfig) -> None:
    settings = Settings(index=index_config, serve=ServeConfig(reload_interval_s=0))
    with serve(settings, build_service(settings)) as url:
        for path, setting in [
            ("/chat/slack/events", "SLACK__SIGNING_SECRET_FILE"),
            ("/chat/slack/commands", "SLACK__BOT_TOKEN_FILE"),
            ("/chat/teams", "TEAMS__SECRET_FILE"),
            ("/chat/mattermost", "MATTERMOST__TOKEN_FILE"),
        ]:
            response = httpx.post(url + path, json={"text": QUESTION})
            assert response.status_code == 404, path
            assert setting in response.json()["error"]["message"]


def test_teams_answers_in_time_when_the_answer_is_late(
    tmp_path: Path, index_config: BuildConfig
) -> None:
    """Past reply_within_s the webhook still answers, pointing to the chat page, so Teams
    never shows its own timeout error (here the deadline is shorter than any answer)."""
    (tmp_path / "teams").write_text(TEAMS_TOKEN)
    teams = TeamsConfig(secret_file=tmp_path / "teams", reply_within_s=0.001)
    settings = Settings(
        index=index_config,
        serve=ServeConfig(reload_interval_s=0),
        chat=ChatConfig(public_url=PUBLIC, teams=teams),
    )
    with serve(settings, build_service(settings)) as url:
        content = card(teams_post({"url": url}, QUESTION))
    assert "takes longer than Teams waits" in content["body"][0]["text"]
    assert content["actions"][0]["url"] == f"{PUBLIC}/"
