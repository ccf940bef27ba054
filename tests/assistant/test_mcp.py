"""The MCP plugin through the real ``mcp`` client: streamable HTTP and stdio."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from assistant.auth import create_key
from tests.conftest import REPO, SAMPLES
from tests.helpers import build_test_index, serve, settings_for

pytestmark = pytest.mark.slow

TOOLS = {"search_reports", "answer_question", "get_document"}
QUESTION = "What did Guo Jun say about artificial intelligence and jobs?"


@pytest.fixture(scope="module")
def index_config(tmp_path_factory: pytest.TempPathFactory, model_cache: Path) -> Any:
    folder = tmp_path_factory.mktemp("mcp")
    return build_test_index(folder / "index", model_cache, [SAMPLES])


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    keys = tmp_path_factory.mktemp("keys") / "keys.json"
    key, _ = create_key(keys, ["query"], "mcp test")
    return key, keys


@pytest.fixture(scope="module")
def base_url(index_config: Any, secret: tuple[str, Path]) -> Iterator[str]:
    with serve(settings_for(index_config, api_keys_file=secret[1])) as url:
        yield url


def _http(url: str, key: str | None, statuses: list[int] | None = None) -> Client:
    headers = {"Authorization": f"Bearer {key}"} if key else {}

    async def record(response: httpx2.Response) -> None:
        if statuses is not None:
            statuses.append(response.status_code)

    client = httpx2.AsyncClient(
        headers=headers, timeout=httpx2.Timeout(60.0), event_hooks={"response": [record]}
    )
    return Client(streamable_http_client(f"{url}/mcp", http_client=client))


def _stdio(index_config: Any, model_cache: Path) -> Client:
    script = Path(sys.executable).with_name("assistant")
    command, args = (
        (str(script), ["mcp"])
        if script.exists()
        else (sys.executable, ["-c", "from assistant.cli import app; app()", "mcp"])
    )
    env = {
        "ASSISTANT_INDEX__EMBED__CACHE_DIR": str(model_cache),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "PATH": os.environ.get("PATH", ""),
    }
    params = StdioServerParameters(
        command=command,
        args=[*args, "--index-dir", str(index_config.index_dir)],
        env=env,
        cwd=str(REPO),
    )
    return Client(params, read_timeout_seconds=120)


async def _exercise(client: Client) -> dict[str, Any]:
    """List the tools, call each, check the citations against the documents."""
    async with client:
        listed = await client.list_tools()
        tools = {t.name: t for t in listed.tools}
        assert set(tools) == TOOLS
        for tool in tools.values():
            assert tool.description and len(tool.description) > 80, tool.name
            assert tool.output_schema, f"{tool.name} declares no output schema"
        assert "filters" in tools["answer_question"].input_schema["properties"]
        assert "top_k" in tools["search_reports"].input_schema["properties"]

        answer = await client.call_tool("answer_question", {"question": QUESTION})
        assert not answer.is_error, answer.content
        body = answer.structured_content
        assert body["found"] is True
        assert body["citations"], body
        for c in body["citations"]:
            assert f"[{c['n']}]" in body["answer"]
        assert any(
            "Guo Jun" in c["passage"] or c["speaker"] == "Guo Jun" for c in body["citations"]
        )

        found = await client.call_tool(
            "search_reports",
            {
                "query": "digital divide internet access",
                "top_k": 3,
                "filters": {"languages": ["en"]},
            },
        )
        assert not found.is_error, found.content
        results = found.structured_content["results"]
        assert 1 <= len(results) <= 3
        assert found.structured_content["segments"] is None

        # the Santiago board's verbatim record is a meeting: its topic segment, with voices
        stretch = await client.call_tool(
            "search_reports",
            {"query": "pension reform comparative study", "top_k": 2, "segments": True},
        )
        assert not stretch.is_error, stretch.content
        segments = stretch.structured_content["segments"]
        assert segments and "Sofía Herrera" in segments[0]["speakers"], segments
        results = [*results, *segments]

        documents: dict[str, str] = {}
        for item in [*body["citations"], *results]:
            doc_id = item["document_id"]
            if doc_id not in documents:
                doc = await client.call_tool("get_document", {"document_id": doc_id})
                assert not doc.is_error, doc.content
                assert doc.structured_content["document_id"] == doc_id
                documents[doc_id] = doc.structured_content["text"]
            # The offset invariant: the quote is exactly the document's text there.
            assert documents[doc_id][item["start"] : item["end"]] == item["passage"]

        missing = await client.call_tool("get_document", {"document_id": "no/such/report.txt"})
        assert missing.is_error
        assert "no document" in missing.content[0].text
        assert "/v1/" not in missing.content[0].text  # MCP terms, not the HTTP routes

        # Errors name the tool and the argument, without pydantic's codes and links.
        bad = await client.call_tool("search_reports", {"query": "x", "top_k": 500})
        assert bad.is_error
        text = bad.content[0].text
        assert "search_reports" in text and "top_k: should be less than or equal to 50" in text
        assert "errors.pydantic.dev" not in text and "type=" not in text
        dates = {"date_from": "2025", "date_to": "2024"}
        backwards = await client.call_tool(
            "answer_question", {"question": QUESTION, "filters": dates}
        )
        assert backwards.is_error
        assert "date_from 2025 is after date_to 2024" in backwards.content[0].text

        # A follow-up keeps the topic through `conversation`, as in the API.
        assert "conversation" in tools["answer_question"].input_schema["properties"]
        follow = await client.call_tool(
            "answer_question",
            {"question": "And what did Guo Jun say?", "conversation": [QUESTION]},
        )
        assert not follow.is_error, follow.content
        assert follow.structured_content["found"] is True
        return body


def test_streamable_http(base_url: str, secret: tuple[str, Path]) -> None:
    body = anyio.run(_exercise, _http(base_url, secret[0]))
    # The same citations as the JSON API.
    api = httpx.post(
        f"{base_url}/v1/answer",
        json={"question": QUESTION},
        headers={"Authorization": f"Bearer {secret[0]}"},
    ).json()
    assert api["citations"] == body["citations"]
    assert api["answer"] == body["answer"]


def test_wrong_or_missing_key_is_refused(base_url: str) -> None:
    for key in ("ra_not_a_key", None):
        statuses: list[int] = []

        async def connect(key: str | None = key, statuses: list[int] = statuses) -> None:
            async with _http(base_url, key, statuses) as client:
                await client.list_tools()

        # The SDK reports the refusal as its own error; the HTTP status says why.
        with pytest.raises(Exception):  # noqa: B017
            anyio.run(connect)
        assert statuses and set(statuses) == {401}, statuses

    r = httpx.post(f"{base_url}/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["error"]["code"] == "unauthorized"


def test_stdio(index_config: Any, model_cache: Path) -> None:
    anyio.run(_exercise, _stdio(index_config, model_cache))


def test_stdio_without_index_fails_clearly(tmp_path: Path) -> None:
    import subprocess

    script = Path(sys.executable).with_name("assistant")
    if not script.exists():
        pytest.skip("the console script is not installed")
    done = subprocess.run(
        [str(script), "mcp", "--index-dir", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert done.stdout == ""  # stdout is the protocol's: nothing else goes there
    assert "assistant index build" in done.stderr


def test_openapi_declares_bearer_auth(base_url: str) -> None:
    spec = httpx.get(f"{base_url}/openapi.json").json()
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["bearerAuth"]["description"],
    }
    assert spec["security"] == [{"bearerAuth": []}]
    ops = {op["operationId"]: op for path in spec["paths"].values() for op in path.values()}
    assert {"answerQuestion", "searchReports", "getDocument"} <= set(ops)
    assert ops["health"]["security"] == []
    assert "security" not in ops["answerQuestion"]  # the global requirement applies
    for name in ("answerQuestion", "searchReports", "getDocument"):
        assert ops[name].get("description") or ops[name].get("summary")
    assert "/mcp" not in spec["paths"]


def test_tool_limits_come_from_the_settings(tmp_path: Path) -> None:
    from assistant.mcp_server import build_mcp
    from assistant.service import AssistantService
    from assistant.settings import ServeConfig
    from index.config import BuildConfig

    service = AssistantService(BuildConfig(index_dir=tmp_path))  # never loaded: schemas only
    limits = ServeConfig(max_top_k=200, max_question_chars=2000, max_conversation=3)
    server = build_mcp(service, limits)
    tools = {t.name: t.input_schema for t in anyio.run(server.list_tools)}
    search = tools["search_reports"]["properties"]
    assert search["top_k"]["maximum"] == 200 and search["query"]["maxLength"] == 2000
    answer = tools["answer_question"]["properties"]
    assert answer["conversation"]["maxItems"] == 3
    assert answer["question"]["maxLength"] == 2000
