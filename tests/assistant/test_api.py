"""The HTTP API over a real server on loopback, the real model and a real index."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from assistant.api import check_bind
from assistant.auth import KeyStore, create_key, hash_key
from assistant.cli import app as cli
from assistant.settings import LLMConfig
from index.config import BuildConfig
from index.errors import ConfigError
from tests.conftest import SAMPLES, SHARED
from tests.helpers import build_test_index, serve, settings_for

pytestmark = pytest.mark.slow

SEED = SHARED / "seed"
OFF_TOPIC = [
    "What is the recipe for lasagna?",
    "Who won the 2018 FIFA World Cup?",
    "How do I reset my router password?",
    "What is the boiling point of mercury?",
]


@pytest.fixture(scope="module")
def index_config(tmp_path_factory: pytest.TempPathFactory, model_cache: Path) -> BuildConfig:
    root = tmp_path_factory.mktemp("api-index")
    sources = [SAMPLES] + ([SEED] if SEED.is_dir() else [])
    return build_test_index(root / "index", model_cache, sources)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, index_config: BuildConfig) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("api")
    config = index_config
    keys_file = root / "keys.json"
    query_key, _ = create_key(keys_file, ["query"], "tests")
    admin_key, _ = create_key(keys_file, ["admin"], "ops")
    settings = settings_for(config, api_keys_file=keys_file)
    with serve(settings) as base_url:
        yield {
            "url": base_url,
            "query": {"Authorization": f"Bearer {query_key}"},
            "admin": {"Authorization": f"Bearer {admin_key}"},
            "keys_file": keys_file,
        }


def post(server: dict, path: str, body: object, key: str = "query") -> httpx.Response:
    headers = server.get(key, {})
    return httpx.post(server["url"] + path, json=body, headers=headers, timeout=60)


def assert_error(response: httpx.Response, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["message"]
    for word in words:
        assert word in body["error"]["message"]


def check_citations(server: dict, body: dict) -> None:
    """Every [n] has a citation, every citation is used, every quote is exact."""
    numbers = {c["n"] for c in body["citations"]}
    assert numbers == set(range(1, len(body["citations"]) + 1))
    for n in numbers:
        assert f"[{n}]" in body["answer"]
    for c in body["citations"]:
        doc = httpx.get(
            f"{server['url']}/v1/documents/{c['document_id']}", headers=server["query"]
        ).json()
        assert doc["text"][c["start"] : c["end"]] == c["passage"]
        assert c["title"] == doc["title"]


def test_answer_has_exact_citations(server: dict) -> None:
    r = post(server, "/v1/answer", {"question": "What did the youth forum ask councils for?"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["found"] is True and body["citations"]
    assert body["index_version"] and body["took_ms"] >= 0
    check_citations(server, body)
    # the same lines as data: each statement's text is in the answer, with its marker
    assert body["statements"]
    for s in body["statements"]:
        assert all(f"{s['text']} [{n}]" in body["answer"] for n in s["citations"])
    used = sorted(n for s in body["statements"] for n in s["citations"])
    assert used == [c["n"] for c in body["citations"]]


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is absent")
def test_digital_risks_on_the_seed_report(server: dict) -> None:
    r = post(server, "/v1/answer", {"question": "What was said about digital risks?"})
    body = r.json()
    check_citations(server, body)
    seed = [c for c in body["citations"] if c["document_id"] == "000_c747f71a7a95dcaf.txt"]
    mikheeva = [c for c in seed if "not fully aware" in c["passage"]]
    dmitrieva = [c for c in seed if "cybercrime" in c["passage"]]
    assert mikheeva and dmitrieva, body
    assert mikheeva[0]["speaker"] == "Lidia Mikheeva"
    assert dmitrieva[0]["speaker"] == "Evgenia Dmitrieva"
    assert "Evgenia Dmitrieva" in body["answer"]


@pytest.mark.parametrize(
    "filters", [{"sources": ["2025/"]}, {"date_from": "2025"}, {"date_from": "2025-02-01"}]
)
def test_a_filter_keeps_what_it_should(server: dict, filters: dict) -> None:
    """The unfiltered answer cites the 2025 roundtable; with a filter that keeps it, the
    answer still finds it (a filter never turns an answer into "nothing found")."""
    question = "What was said at the roundtable on artificial intelligence and work?"
    plain = post(server, "/v1/answer", {"question": question}).json()
    assert any("ai-and-work" in c["source"] for c in plain["citations"])
    body = post(server, "/v1/answer", {"question": question, "filters": filters}).json()
    assert body["found"] is True, body
    assert any("ai-and-work" in c["source"] for c in body["citations"])
    assert all(c["date"] >= "2025" for c in body["citations"])


def test_questions_about_people(server: dict) -> None:
    body = post(server, "/v1/answer", {"question": "What did Amara Diallo say?"}).json()
    # her statements; a question put to her is cited apart, as its asker's
    assert body["found"] and {s["speaker"] for s in body["statements"]} == {"Amara Diallo"}
    own = {s["citations"][-1] for s in body["statements"]}
    assert {c["speaker"] for c in body["citations"] if c["n"] in own} == {"Amara Diallo"}
    asked = [c for c in body["citations"] if c["n"] not in own]
    assert all(c["speaker"] != "Amara Diallo" for c in asked)
    assert len({c["document_id"] for c in body["citations"]}) == 2  # the record, the interview
    check_citations(server, body)
    near = post(server, "/v1/answer", {"question": "What did Piet van der Berg propose?"}).json()
    assert near["found"] is False and near["citations"] == []
    assert "Pieter van Dijk" not in near["answer"]


@pytest.mark.parametrize("question", OFF_TOPIC)
def test_off_topic_questions_cite_nothing(server: dict, question: str) -> None:
    body = post(server, "/v1/answer", {"question": question}).json()
    assert body["found"] is False
    assert body["citations"] == []
    assert "[1]" not in body["answer"]


def test_search_returns_ranked_passages(server: dict) -> None:
    r = post(server, "/v1/search", {"query": "care economy declaration", "top_k": 5})
    body = r.json()
    assert r.status_code == 200 and 1 <= len(body["results"]) <= 5
    assert [p["rank"] for p in body["results"]] == list(range(1, len(body["results"]) + 1))
    top3 = [p["document_id"] for p in body["results"][:3]]
    assert "2023/general-assembly-rabat.md" in top3
    scores = [p["score"] for p in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_filters(server: dict) -> None:
    query = {"query": "what did the council presidents say", "top_k": 20}
    dated = post(server, "/v1/search", {**query, "filters": {"date_from": "2024-01-01"}}).json()
    assert dated["results"] and all(p["date"] >= "2024-01-01" for p in dated["results"])
    upto = post(server, "/v1/search", {**query, "filters": {"date_to": "2022"}}).json()
    assert upto["results"] and all(p["date"] <= "2022-12-31" for p in upto["results"])
    src = post(server, "/v1/search", {**query, "filters": {"sources": ["2023/"]}}).json()
    assert src["results"] and all("/2023/" in p["source"] for p in src["results"])
    one = "2024/youth-forum-dakar.txt"
    doc = post(server, "/v1/search", {**query, "filters": {"document_ids": [one]}}).json()
    assert doc["results"] and {p["document_id"] for p in doc["results"]} == {one}
    french = "2025/bureau-adult-training-paris.fr.md"  # its language is detected at build
    fr = {"query": "formation professionnelle des adultes", "filters": {"languages": ["fr"]}}
    lang = post(server, "/v1/search", fr).json()
    assert lang["results"] and {p["document_id"] for p in lang["results"]} == {french}
    assert all(p["language"] == "fr" for p in lang["results"])
    en = post(server, "/v1/search", {**query, "filters": {"languages": ["en"]}}).json()
    assert en["results"] and all(p["language"] == "en" for p in en["results"])
    none = post(server, "/v1/search", {**query, "filters": {"languages": ["de"]}}).json()
    assert none["results"] == []
    answer = post(
        server, "/v1/answer", {"question": "digital risks", "filters": {"sources": ["2025/"]}}
    ).json()
    assert all("/2025/" in c["source"] for c in answer["citations"])


def test_auth(server: dict) -> None:
    url = server["url"]
    r = httpx.post(f"{url}/v1/answer", json={"question": "care"})
    assert_error(r, 401, "Authorization: Bearer")
    assert r.headers["www-authenticate"] == "Bearer"
    r = httpx.post(
        f"{url}/v1/search", json={"query": "care"}, headers={"Authorization": "Bearer nope"}
    )
    assert_error(r, 401, "not valid")
    assert_error(post(server, "/v1/admin/reload", {}, "query"), 403, "admin")
    r = post(server, "/v1/admin/reload", {}, "admin")
    assert r.status_code == 200 and r.json()["ready"] is True
    assert httpx.get(f"{url}/healthz").json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"question": "x" * 1001}, ["question", "1000"]),
        ({"question": "care", "filters": {"colour": "red"}}, ["colour"]),
        ({"question": "care", "top_k": 0}, ["top_k"]),
        ({"question": "care", "top_k": 500}, ["top_k", "50"]),
        ({"question": "care", "filters": {"date_from": "last year"}}, ["date_from"]),
        ({"question": ""}, ["question"]),
        ({"question": 42}, ["question"]),
        ({}, ["question"]),
        ({"question": "care", "filters": {"sources": ["a"] * 21}}, ["sources"]),
        (
            {"question": "care", "filters": {"date_from": "2025", "date_to": "2024-06"}},
            ["date_from 2025 is after date_to 2024-06"],
        ),
        ({"question": "care", "conversation": ["x" * 160_000]}, ["conversation.0", "1000"]),
        ({"question": "care", "conversation": ["care"] * 11}, ["conversation", "10"]),
    ],
)
def test_bad_input_is_a_422_that_says_what_to_change(
    server: dict, body: object, words: list[str]
) -> None:
    assert_error(post(server, "/v1/answer", body), 422, *words)


def test_not_json_and_unknown_routes(server: dict) -> None:
    r = httpx.post(
        f"{server['url']}/v1/answer",
        content=b'{"question": "care",',
        headers={**server["query"], "Content-Type": "application/json"},
    )
    assert_error(r, 400, "not valid JSON", "character 20")
    assert r.json()["error"]["code"] == "invalid_json"
    r = httpx.post(
        f"{server['url']}/v1/answer",
        content=b'{"question": "care"}',
        headers={**server["query"], "Content-Type": "text/plain"},
    )
    assert_error(r, 415, "'text/plain'", "Content-Type: application/json")
    assert_error(httpx.get(f"{server['url']}/v1/nothing-here"), 404, "/docs")
    r = httpx.get(f"{server['url']}/v1/documents/no-such-doc", headers=server["query"])
    assert_error(r, 404, "no-such-doc")


def test_wrong_method_is_a_json_405_with_the_allowed_methods(server: dict) -> None:
    r = httpx.get(f"{server['url']}/v1/answer", headers=server["query"])
    assert_error(r, 405, "does not take GET", "POST")
    assert r.headers["allow"] == "POST"
    r = httpx.delete(f"{server['url']}/")
    assert_error(r, 405, "GET")
    assert "GET" in r.headers["allow"]
    assert httpx.head(f"{server['url']}/").status_code == 200


def test_date_range_within_one_year_is_fine(server: dict) -> None:
    body = {"query": "council", "filters": {"date_from": "2024", "date_to": "2024-06"}}
    assert post(server, "/v1/search", body).status_code == 200


def test_documents_are_named_by_document_id_and_listed(server: dict) -> None:
    listed = httpx.get(f"{server['url']}/v1/documents", headers=server["query"]).json()
    assert listed["total"] >= 10 and len(listed["reports"]) == listed["total"]
    dates = [r["date"] or "" for r in listed["reports"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    first = listed["reports"][0]
    assert "text" not in first
    doc = httpx.get(
        f"{server['url']}/v1/documents/{first['document_id']}", headers=server["query"]
    ).json()
    assert doc["document_id"] == first["document_id"] and "id" not in doc
    assert doc["title"] == first["title"]
    page = httpx.get(
        f"{server['url']}/v1/documents", params={"limit": 2, "offset": 1}, headers=server["query"]
    ).json()
    assert page["reports"] == listed["reports"][1:3]
    assert httpx.get(f"{server['url']}/v1/documents").status_code == 401


def test_readyz_and_openapi(server: dict) -> None:
    ready = httpx.get(f"{server['url']}/readyz").json()
    assert ready["ready"] is True and ready["index_version"] and ready["documents"] >= 10
    spec = httpx.get(f"{server['url']}/openapi.json").json()
    ops = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {"answerQuestion", "searchReports", "getDocument"} <= ops


def test_no_keys_means_loopback_only(tmp_path: Path) -> None:
    none = KeyStore.load(tmp_path / "absent.json")
    check_bind("127.0.0.1", none)
    with pytest.raises(ConfigError, match="without API keys"):
        check_bind("0.0.0.0", none)
    create_key(tmp_path / "k.json", ["query"])
    check_bind("0.0.0.0", KeyStore.load(tmp_path / "k.json"))


def test_keys_create_prints_once_and_stores_a_hash(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.json"
    result = CliRunner().invoke(
        cli, ["keys", "create", "--scope", "admin", "--keys-file", str(keys_file)]
    )
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip().splitlines()[-1]
    stored = json.loads(keys_file.read_text())["keys"][0]
    assert secret not in keys_file.read_text()
    assert stored["sha256"] == hash_key(secret)
    assert set(stored["scopes"]) == {"admin", "query"}
    bad = CliRunner().invoke(
        cli, ["keys", "create", "--scope", "root", "--keys-file", str(keys_file)]
    )
    assert bad.exit_code == 2  # a bad argument


def test_limits_come_from_the_settings(index_config: BuildConfig) -> None:
    settings = settings_for(
        index_config, max_top_k=200, max_question_chars=2000, default_top_k=5, max_conversation=3
    )
    with serve(settings) as url:
        config = httpx.get(f"{url}/v1/config").json()
        limits = {
            "auth_required": False,
            "max_question_chars": 2000,
            "max_top_k": 200,
            "default_top_k": 5,
            "max_conversation": 3,
            "llm": False,
        }
        assert {k: config.get(k) for k in limits} == limits  # (the page's texts beside)
        r = httpx.post(f"{url}/v1/search", json={"query": "council " * 200, "top_k": 150})
        assert r.status_code == 200, r.text  # 1,600 characters and 150 passages: allowed
        assert_error(httpx.post(f"{url}/v1/search", json={"query": "x", "top_k": 201}), 422, "200")
        turns = {"question": "care", "conversation": ["care"] * 4}
        assert_error(httpx.post(f"{url}/v1/answer", json=turns), 422, "conversation", "3")
        spec = httpx.get(f"{url}/openapi.json").json()["components"]["schemas"]
        assert spec["SearchRequest"]["properties"]["top_k"]["maximum"] == 200
        assert spec["AnswerRequest"]["properties"]["top_k"]["default"] == 5
        assert spec["AnswerRequest"]["properties"]["question"]["maxLength"] == 2000


def test_report_list_refuses_unknown_query_parameters(server: dict) -> None:
    r = httpx.get(f"{server['url']}/v1/documents?colour=red", headers=server["query"])
    assert_error(r, 422, "colour")
    r = httpx.get(f"{server['url']}/v1/documents?limit=0", headers=server["query"])
    assert_error(r, 422, "limit")


def test_a_new_key_works_and_a_revoked_one_stops_without_a_restart(server: dict) -> None:
    keys_file = server["keys_file"]
    created = CliRunner().invoke(cli, ["keys", "create", "--keys-file", str(keys_file)])
    secret = created.stdout.strip().splitlines()[-1]
    headers = {"Authorization": f"Bearer {secret}"}
    assert post(
        {"url": server["url"], "k": headers}, "/v1/search", {"query": "care"}, "k"
    ).is_success
    key_id = secret.split("_")[1]
    revoked = CliRunner().invoke(cli, ["keys", "revoke", key_id, "--keys-file", str(keys_file)])
    assert revoked.exit_code == 0, revoked.output
    r = post({"url": server["url"], "k": headers}, "/v1/search", {"query": "care"}, "k")
    assert_error(r, 401, f"key {key_id} was revoked")
    assert post(server, "/v1/search", {"query": "care"}).is_success  # the others still work


def test_a_model_that_does_not_answer_is_a_warning_and_the_reason_is_in_the_answer(
    index_config: BuildConfig, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = settings_for(index_config).model_copy(
        update={"llm": LLMConfig(base_url=f"http://127.0.0.1:{port}/v1", timeout_s=2)}
    )
    with caplog.at_level(logging.INFO, logger="assistant"), serve(settings) as url:
        question = {"question": "What did the youth forum ask councils for?"}
        body = httpx.post(f"{url}/v1/answer", json=question, timeout=60).json()
    assert body["found"] and body["mode"] == "extractive"
    assert "the model could not be reached" in body["reason"], body["reason"]
    warned = [r for r in caplog.records if r.name == "assistant.llm" and "instead" in r.message]
    assert [r.levelno for r in warned] == [logging.WARNING], warned
    assert body["reason"] in warned[0].getMessage()
