"""The ``assistant`` command through typer's runner: exit codes, messages, --json."""

from __future__ import annotations

import json
import socket
from importlib import metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app as cli
from assistant.cli import quoted
from tests.conftest import SAMPLES


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), env=env)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert metadata.version("report-assistant") in result.stdout


def test_one_version_everywhere(tmp_path: Path) -> None:
    """`--version`, OpenAPI's info.version and the MCP server's: the package's."""
    from fastapi.testclient import TestClient

    from assistant.app import build_app
    from assistant.mcp_server import build_mcp
    from assistant.settings import ServeConfig, Settings
    from index.config import BuildConfig
    from tests.assistant.test_errors import BrokenService

    version = metadata.version("report-assistant")
    assert version == "1.1.0"  # pyproject.toml's
    assert run("--version").stdout.split()[-1] == version
    settings = Settings(index=BuildConfig(index_dir=tmp_path), serve=ServeConfig())
    app = build_app(settings, BrokenService())  # type: ignore[arg-type]
    assert TestClient(app).get("/openapi.json").json()["info"]["version"] == version
    assert build_mcp(BrokenService()).version == version  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "command", [["ask"], ["index", "build"], ["index", "status"], ["keys", "create"], ["eval"]]
)
def test_flags_show_as_flags_in_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "--json" in result.stdout
    assert "<bool>" not in result.stdout, result.stdout


def test_ask_takes_json_as_a_flag(tmp_path: Path) -> None:
    result = run("ask", "--json", "What was said about care?", "--index-dir", str(tmp_path))
    assert result.exit_code == 1, result.output  # parsed: no index there
    assert "the index has not been built yet" in json.loads(result.stdout)["error"]["message"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--date-from", "2024-13-45"], ["--date-from", "not a real date; use YYYY-MM-DD"]),
        (["--date-to", "June"], ["--date-to", "use YYYY-MM-DD"]),
        (["--date-from", "2025", "--date-to", "2024"], ["is after date_to"]),
        (["--turn", "care"] * 11, ["--turn/--history", "at most 10 earlier turns"]),
        (["--source", "x"] * 21, ["--source", "at most 20"]),
        (["--top-k", "0"], ["--top-k"]),
    ],
)
def test_ask_options_are_checked_like_the_api(
    tmp_path: Path, args: list[str], words: list[str]
) -> None:
    result = run("ask", "care", "--index-dir", str(tmp_path), "--json", *args)
    assert result.exit_code == 2, result.output
    message = json.loads(result.stdout)["error"]["message"]
    for word in words:
        assert word in message, message


def test_ask_history_must_be_a_json_list_of_questions(tmp_path: Path) -> None:
    history = tmp_path / "history.json"
    history.write_text('{"question": "care"}')
    result = run("ask", "And then?", "--history", str(history), "--index-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "not a list of strings" in result.stderr
    history.write_text("[oops")
    result = run("ask", "And then?", "--history", str(history), "--index-dir", str(tmp_path))
    assert result.exit_code == 2 and "cannot be read as JSON" in result.stderr


def test_a_quoted_passage_gets_no_second_opening_mark() -> None:
    said = "“Cybersecurity is now a social question … lose their jobs,” she said."
    assert quoted(said) == said
    assert quoted("Attacks had doubled.") == "“Attacks had doubled.”"


def test_help_lists_the_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Exit codes: 0 success; 1 failed" in " ".join(result.stdout.split())


def test_build_from_a_missing_source_is_a_usage_error_and_touches_nothing(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    result = run(
        "index", "build", "--source", "/no/such/dir", "--index-dir", str(index_dir), "--json"
    )
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "bad_argument"
    assert "/no/such/dir does not exist" in error["message"]
    assert not index_dir.exists()
    plain = run("index", "build", "--source", "/no/such/dir", "--index-dir", str(index_dir))
    assert plain.exit_code == 2 and plain.stdout == ""
    assert "does not exist" in plain.stderr
    assert not index_dir.exists()


def test_status_of_a_missing_folder_fails(tmp_path: Path) -> None:
    missing = tmp_path / "nothing"
    result = run("index", "status", "--index-dir", str(missing))
    assert result.exit_code == 1
    assert "no index directory" in result.stderr and "assistant index build" in result.stderr
    as_json = run("index", "status", "--index-dir", str(missing), "--json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["error"]["code"] == "failed"
    assert not missing.exists()


def test_rollback_without_snapshots_fails(tmp_path: Path) -> None:
    result = run("index", "rollback", "--index-dir", str(tmp_path), "--json")
    assert result.exit_code == 1
    assert "nothing to roll back to" in json.loads(result.stdout)["error"]["message"]


def test_keys_create_json(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.json"
    args = ["--name", "ci", "--scope", "admin", "--keys-file", str(keys_file), "--json"]
    created = run("keys", "create", *args)
    assert created.exit_code == 0, created.output
    body = json.loads(created.stdout)
    assert set(body) == {"id", "name", "scopes", "keys_file", "secret"}
    assert body["name"] == "ci" and body["scopes"] == ["admin", "query"]
    assert body["secret"].startswith(f"ra_{body['id']}_") and body["keys_file"] == str(keys_file)
    assert body["secret"] not in keys_file.read_text()
    bad = run("keys", "create", "--scope", "root", "--keys-file", str(keys_file), "--json")
    assert bad.exit_code == 2 and json.loads(bad.stdout)["error"]["code"] == "bad_argument"


def test_keys_create_list_revoke(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.json"
    created = run("keys", "create", "--name", "ci", "--keys-file", str(keys_file))
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[-1]
    listed = run("keys", "list", "--keys-file", str(keys_file), "--json")
    assert listed.exit_code == 0
    keys = json.loads(listed.stdout)["keys"]
    assert [(k["name"], k["scopes"]) for k in keys] == [("ci", ["query"])]
    assert "sha256" not in keys[0] and secret not in listed.stdout
    table = run("keys", "list", "--keys-file", str(keys_file))
    assert keys[0]["id"] in table.stdout and "ci" in table.stdout

    unknown = run("keys", "revoke", "nope", "--keys-file", str(keys_file))
    assert unknown.exit_code == 2
    assert "no key 'nope'" in unknown.stderr and keys[0]["id"] in unknown.stderr
    revoked = run("keys", "revoke", keys[0]["id"], "--keys-file", str(keys_file))
    assert revoked.exit_code == 0, revoked.output
    assert json.loads(keys_file.read_text())["keys"] == []
    empty = run("keys", "list", "--keys-file", str(keys_file))
    assert "No keys" in empty.stdout

    bad_scope = run("keys", "create", "--scope", "root", "--keys-file", str(keys_file))
    assert bad_scope.exit_code == 2


def test_serve_on_a_taken_port_says_so(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--index-dir", str(tmp_path), "--port", str(port))
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is taken" in result.stderr
    assert "--port" in result.stderr and "ASSISTANT_SERVE__PORT" in result.stderr
    assert "Serving on" not in result.output


def test_serve_on_a_public_address_without_keys_is_refused(tmp_path: Path) -> None:
    result = run("serve", "--index-dir", str(tmp_path), "--host", "0.0.0.0")
    assert result.exit_code == 1
    assert "without API keys" in result.stderr


def test_ask_an_empty_question_is_a_usage_error(tmp_path: Path) -> None:
    result = run("ask", "   ", "--index-dir", str(tmp_path), "--json")
    assert result.exit_code in (1, 2)
    assert "error" in json.loads(result.stdout)


@pytest.mark.slow
def test_build_reports_unreadable_and_skipped_files_quietly(
    tmp_path: Path, model_cache: Path
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "forum.txt").write_text((SAMPLES / "2024" / "youth-forum-dakar.txt").read_text())
    (reports / "x.pdf").write_bytes(bytes(range(256)) * 4)
    (reports / "sheet.csv").write_text("a,b\n1,2\n")
    index_dir = tmp_path / "index"
    env = {
        "ASSISTANT_INDEX__EMBED__CACHE_DIR": str(model_cache),
        "ASSISTANT_INDEX__EMBED__MULTILINGUAL": "off",  # tests/assistant/test_languages.py
    }
    args = ["index", "build", "--source", str(reports), "--index-dir", str(index_dir)]

    result = run(*args, "--json", env=env)
    assert result.exit_code == 4, result.output
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["failed"]] == [str(reports / "x.pdf")]
    assert "not a PDF" in report["failed"][0]["reason"]
    assert report["skipped"] == [
        {"path": str(reports / "sheet.csv"), "reason": "not read: .csv files are not a report type"}
    ]
    # Quiet without a terminal: no model-loading bars, no stage lines.
    assert "Loading" not in result.stderr and "stage" not in result.stderr, result.stderr

    again = run(*args, env=env)
    assert again.exit_code == 4
    text = again.stdout
    assert "1 could not be read" in text and "not a PDF" in text
    assert "1 skipped (not a report type)" in text
    # Paths stay whole on their line, however narrow the terminal (the runner's is 80).
    assert len(str(reports / "sheet.csv")) > 40
    assert any(line.strip().startswith(str(reports / "sheet.csv")) for line in text.splitlines())

    status = run("index", "status", "--index-dir", str(index_dir))
    assert status.exit_code == 0, status.output


def test_status_of_a_broken_snapshot_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "snapshots" / "20260101T000000Z"
    broken.mkdir(parents=True)
    (broken / "manifest.json").write_text("{")
    result = run("index", "status", "--index-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "manifest.json cannot be read" in result.stderr
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def webinar_index(tmp_path_factory: pytest.TempPathFactory, model_cache: Path) -> Path:
    """A real index of two sample reports; one quotes a speaker (“Cybersecurity is …”)."""
    from tests.helpers import build_test_index

    root = tmp_path_factory.mktemp("cli-ask")
    reports = root / "reports"
    for name in ("webinar-digital-economy.html", "youth-forum-dakar.txt"):
        (reports / "2024").mkdir(parents=True, exist_ok=True)
        (reports / "2024" / name).write_bytes((SAMPLES / "2024" / name).read_bytes())
    return build_test_index(root / "index", model_cache, [reports]).index_dir


@pytest.mark.slow
def test_ask_prints_a_quoted_passage_with_one_opening_mark(webinar_index: Path) -> None:
    question = "What did Sofía Herrera say about cybersecurity?"
    result = run("ask", question, "--index-dir", str(webinar_index))
    assert result.exit_code == 0, result.output
    assert "“Cybersecurity is now a social question" in result.stdout, result.stdout
    assert "““" not in result.stdout


@pytest.mark.slow
def test_ask_takes_the_filters_and_the_conversation_of_the_api(
    webinar_index: Path, tmp_path: Path
) -> None:
    base = ["--index-dir", str(webinar_index), "--json"]
    webinar = "2024/webinar-digital-economy.html"

    def cited(*args: str) -> set[str]:
        result = run("ask", *args, *base)
        assert result.exit_code == 0, result.output
        return {c["document_id"] for c in json.loads(result.stdout)["citations"]}

    question = "What did young people ask councils for?"
    assert cited(question) - {webinar}  # unfiltered: the youth forum
    assert cited(question, "--document-id", webinar) <= {webinar}
    assert cited(question, "--source", "2024/webinar") <= {webinar}
    assert cited(question, "--date-from", "2030") == set()
    assert cited(question, "--language", "fr") == set()
    history = tmp_path / "history.json"
    history.write_text(json.dumps(["What did Sofía Herrera say about cybersecurity?"]))
    assert webinar in cited("And what did she say about hospitals?", "--history", str(history))
    assert webinar in cited(
        "And about hospitals?", "--turn", "What did Sofía Herrera say about cybersecurity?"
    )
