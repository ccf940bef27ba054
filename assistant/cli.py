"""The ``assistant`` command: a thin adapter over the build and the service.

Errors are translated here exactly once: a message on stderr (or, under ``--json``,
``{"error": {"code", "message"}}`` on stdout) and one exit code from this table,
the same for every command:

    0  success
    1  failed: nothing was changed (no index, build failed, port taken, …)
    2  bad arguments or settings: nothing was touched
    3  another build holds the index lock
    4  built and switched, but some documents could not be read (listed)
"""

from __future__ import annotations

import errno
import json
import os
import socket
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant import __version__
from assistant.errors import NotReadyError, QueryError
from assistant.settings import Settings
from index.errors import AssistantError, BuildLockedError, ConfigError

EXIT_OK = 0
EXIT_ERROR = 1  # the command failed; nothing was changed
EXIT_USAGE = 2  # wrong arguments or settings (typer's own code too)
EXIT_LOCKED = 3  # another build holds the lock
EXIT_PARTIAL = 4  # built and switched, but some documents failed to load

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 failed, nothing changed; 2 bad arguments; "
    "3 another build is running; 4 built, but some documents failed (see the report)."
)
ERROR_CODES = {EXIT_ERROR: "failed", EXIT_USAGE: "bad_argument", EXIT_LOCKED: "locked"}

# Plain (click) help: typer's rich panels label every flag with a type (`--json <bool>`),
# which reads as if it took a value; `--json true` then fails. Plain help shows `--json`.
HELP_MODE = None

app = typer.Typer(
    help="Answers questions about your reports, citing the exact passages.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=HELP_MODE,
)
index_app = typer.Typer(
    help="Build and manage the index.", no_args_is_help=True, rich_markup_mode=HELP_MODE
)
app.add_typer(index_app, name="index")

# soft_wrap: long paths and ids stay whole (the terminal wraps, rich does not cut them).
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        print(f"assistant (report-assistant) {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Answers questions about your reports, citing the exact passages."""


def _settings(index_dir: Path | None = None, sources: list[Path] | None = None) -> Settings:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # The model's own loading bars: the build shows one progress display, or none.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        settings = Settings()
    except ValueError as exc:  # pydantic's ValidationError: an ASSISTANT_* value is wrong
        raise _fail(f"a setting is not valid: {exc}", EXIT_USAGE) from None
    updates: dict[str, Any] = {}
    if index_dir is not None:
        updates["index_dir"] = index_dir
    if sources:
        updates["sources"] = sources
    if updates:
        settings = settings.model_copy(update={"index": settings.index.model_copy(update=updates)})
    return settings


def _fail(message: str, code: int = EXIT_ERROR, as_json: bool = False) -> typer.Exit:
    """The one place a failure becomes output and an exit code (see the table above)."""
    if as_json:
        print(json.dumps({"error": {"code": ERROR_CODES.get(code, "failed"), "message": message}}))
    else:
        err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def _error_code(exc: AssistantError) -> int:
    if isinstance(exc, BuildLockedError):
        return EXIT_LOCKED
    if isinstance(exc, ConfigError | QueryError):
        return EXIT_USAGE
    return EXIT_ERROR


IndexDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--index-dir",
        help="Index directory (default: ASSISTANT_INDEX__INDEX_DIR or var/index).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


@index_app.command("build", help=f"Build or update the index incrementally. {EXIT_CODES_HELP}")
def index_build(
    source: Annotated[
        list[Path] | None,
        typer.Option("--source", help="A folder or file of reports; repeat for several."),
    ] = None,
    index_dir: IndexDirOpt = None,
    full: Annotated[
        bool, typer.Option("--full", help="Ignore the previous snapshot and cached vectors.")
    ] = False,
    as_json: JsonOpt = False,
    executor: Annotated[
        str | None,
        typer.Option(
            "--executor",
            help="Where the models run: local, or ray (a Ray cluster's actor pool; the [ray] "
            "extra). Default: ASSISTANT_INDEX__EXECUTOR, else local.",
        ),
    ] = None,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="With --executor ray: HOST:PORT of the cluster's head; unset = a new local Ray. "
            "Default: ASSISTANT_INDEX__RAY_ADDRESS.",
        ),
    ] = None,
    pause_at: Annotated[str | None, typer.Option("--pause-at", hidden=True)] = None,
) -> None:
    from index.build import build_index

    settings = _with_executor(_settings(index_dir, source), executor, ray_address, as_json)
    missing = [str(p) for p in settings.index.sources if not Path(p).exists()]
    if missing:
        where = "--source" if source else "ASSISTANT_INDEX__SOURCES"
        raise _fail(
            f"{where}: {', '.join(missing)} does not exist; give folders or files of reports",
            EXIT_USAGE,
            as_json,
        )
    if settings.index.index_dir.exists() and not settings.index.index_dir.is_dir():
        raise _fail(
            f"--index-dir {settings.index.index_dir} is a file; give a folder", EXIT_USAGE, as_json
        )
    try:
        if not as_json and err.is_terminal:
            with _progress() as bar:
                tasks: dict[str, Any] = {}

                def progress(stage: str, done: int, total: int) -> None:
                    if stage not in tasks:
                        tasks[stage] = bar.add_task(stage, total=total or None)
                    bar.update(tasks[stage], completed=done, total=total or None)

                report = build_index(settings.index, full=full, progress=progress)
        else:
            # Quiet: only the hidden --pause-at hook of the fault-injection tests speaks.
            def progress(stage: str, done: int, total: int) -> None:
                if stage.startswith("paused:"):
                    err.print(f"stage {stage}", highlight=False)
                    err.file.flush()

            report = build_index(settings.index, full=full, progress=progress, pause_at=pause_at)
    except AssistantError as exc:
        raise _fail(str(exc), _error_code(exc), as_json) from None
    if as_json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        _print_report(report.to_dict())
    if report.failed:
        raise typer.Exit(EXIT_PARTIAL)


def _with_executor(
    settings: Settings, executor: str | None, ray_address: str | None, as_json: bool
) -> Settings:
    """``--executor`` and ``--ray-address`` over the settings, checked by the same model."""
    updates = {
        k: v for k, v in (("executor", executor), ("ray_address", ray_address)) if v is not None
    }
    if not updates:
        return settings
    try:
        index = type(settings.index).model_validate({**settings.index.model_dump(), **updates})
    except ValueError:
        raise _fail(
            f"--executor {executor!r} is not one of local, ray", EXIT_USAGE, as_json
        ) from None
    return settings.model_copy(update={"index": index})


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _print_report(r: dict[str, Any]) -> None:
    status = {"built": "[green]built[/]", "unchanged": "[cyan]unchanged[/]"}.get(
        r["status"], r["status"]
    )
    out.print(f"Index {status}: snapshot [bold]{r['snapshot_id']}[/]", highlight=False)
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_row("documents", str(r["documents"]))
    table.add_row(
        "",
        f"{len(r['added'])} added, {len(r['changed'])} changed, {r['unchanged']} unchanged, "
        f"{len(r['removed'])} removed, {len(r['failed'])} failed",
    )
    table.add_row("chunks", str(r["chunks"]))
    table.add_row(
        "vectors",
        f"{r['vectors_embedded']} embedded, {r['vectors_reused']} reused ({r['embed_backend']})",
    )
    if r.get("multilingual_embedded") or r.get("multilingual_reused"):
        table.add_row(
            "multilingual",
            f"{r['multilingual_embedded']} embedded, {r['multilingual_reused']} reused (e5)",
        )
    table.add_row("seconds", f"{r['seconds'].get('total', 0):.1f}")
    out.print(table)
    for note in r["notes"]:
        out.print(f"[dim]note:[/] {note}", highlight=False)
    for named in r.get("naming", []):
        if named.get("pages_without_text"):
            pages = ", ".join(map(str, named["pages_without_text"]))
            out.print(
                f"[yellow]{named['id']}[/]: no text layer on page(s) {pages} (scanned?); "
                "run OCR on them to index their text",
                highlight=False,
            )
    if r["failed"]:
        out.print(f"[yellow]{len(r['failed'])} could not be read (not indexed):[/]")
        for f in r["failed"]:
            out.print(f"  [yellow]{f['path']}[/]: {f['reason']}", highlight=False)
    if r.get("skipped"):
        out.print(f"[dim]{len(r['skipped'])} skipped (not a report type):[/]")
        for f in r["skipped"]:
            out.print(f"  {f['path']}: {f['reason']}", highlight=False)


@index_app.command(
    "status",
    help="Show the current snapshot and the ones kept for rollback. Exit 1 if there is none.",
)
def index_status(index_dir: IndexDirOpt = None, as_json: JsonOpt = False) -> None:
    from index.status import index_status as status

    settings = _settings(index_dir)
    folder = settings.index.index_dir
    if not folder.is_dir():
        raise _fail(
            f"no index directory {folder}; build one with `assistant index build "
            f"--index-dir {folder}` or point --index-dir at an existing one",
            EXIT_ERROR,
            as_json,
        )
    try:
        info = status(folder)
    except AssistantError as exc:
        raise _fail(str(exc), _error_code(exc), as_json) from None
    cur = info["current"]
    if as_json:
        print(json.dumps(info, indent=2))
        if cur is None:
            raise typer.Exit(EXIT_ERROR)
        return
    if cur is None:
        out.print(f"No index in {info['index_dir']} yet: run `assistant index build`.")
    else:
        out.print(f"Current snapshot [bold]{cur['snapshot_id']}[/] built {cur['built_at']}")
        out.print(
            f"  {cur['documents']} documents, {cur['chunks']} chunks, model {cur['model']} "
            f"({cur['dim']} dims)"
        )
    for s in info["snapshots"]:
        mark = "*" if cur and s["snapshot_id"] == cur["snapshot_id"] else " "
        out.print(f" {mark} {s['snapshot_id']}  {s['documents']} documents  {s['built_at']}")
    if info.get("last_build"):
        lb = info["last_build"]
        out.print(f"Last build: {lb['status']} at {lb['finished_at']}, {len(lb['failed'])} failed")
    if cur is None:
        raise typer.Exit(EXIT_ERROR)


@index_app.command(
    "rollback", help="Point `current` at the previous snapshot. Exit 1 if there is none."
)
def index_rollback(index_dir: IndexDirOpt = None, as_json: JsonOpt = False) -> None:
    from index.status import rollback

    settings = _settings(index_dir)
    try:
        before, after = rollback(settings.index.index_dir)
    except AssistantError as exc:
        raise _fail(str(exc), _error_code(exc), as_json) from None
    if as_json:
        print(json.dumps({"previous": before, "current": after}))
    else:
        out.print(f"current: {before} → [bold]{after}[/]")


keys_app = typer.Typer(help="Manage API keys.", no_args_is_help=True, rich_markup_mode=HELP_MODE)
app.add_typer(keys_app, name="keys")


KeysFileOpt = Annotated[
    Path | None,
    typer.Option("--keys-file", help="Default: ASSISTANT_SERVE__API_KEYS_FILE or var/keys.json."),
]


def _keys_file(keys_file: Path | None) -> Path:
    return keys_file or _settings().serve.api_keys_file or Path("var/keys.json")


@keys_app.command(
    "create",
    help="Create an API key; it is printed once and stored hashed. A running server "
    "takes it from its next request. With --json: one object with id, name, scopes, "
    "keys_file and the secret.",
)
def keys_create(
    scope: Annotated[
        list[str], typer.Option("--scope", help="query or admin; repeat for both.")
    ] = ["query"],  # noqa: B006 - typer reads the default, never mutates it
    name: Annotated[str, typer.Option("--name", help="Who or what the key is for.")] = "",
    keys_file: KeysFileOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from assistant.auth import create_key

    path = _keys_file(keys_file)
    try:
        secret, record = create_key(path, scope, name)
    except AssistantError as exc:
        raise _fail(str(exc), _error_code(exc), as_json) from None
    if as_json:
        print(
            json.dumps(
                {
                    "id": record.id,
                    "name": record.name,
                    "scopes": sorted(record.scopes),
                    "keys_file": str(path),
                    "secret": secret,
                }
            )
        )
        return
    err.print(
        f"Created key {record.id} with scopes {sorted(record.scopes)} in {path}. "
        "It is shown once; store it now. Serve with "
        f"ASSISTANT_SERVE__API_KEYS_FILE={path}.",
        highlight=False,
    )
    print(secret)


@keys_app.command("list", help="List the keys (id, name, scopes, created); never the secrets.")
def keys_list(keys_file: KeysFileOpt = None, as_json: JsonOpt = False) -> None:
    from assistant.auth import list_keys

    path = _keys_file(keys_file)
    try:
        keys = list_keys(path)
    except AssistantError as exc:
        raise _fail(str(exc), _error_code(exc), as_json) from None
    if as_json:
        print(json.dumps({"keys_file": str(path), "keys": keys}, indent=2))
        return
    if not keys:
        out.print(f"No keys in {path}: create one with `assistant keys create`.", highlight=False)
        return
    table = Table("id", "name", "scopes", "created")
    for k in keys:
        scopes = k.get("scopes")
        table.add_row(
            str(k.get("id")),
            str(k.get("name") or ""),
            ", ".join(map(str, scopes)) if isinstance(scopes, list) else "",
            str(k.get("created_at") or ""),
        )
    out.print(table)


@keys_app.command(
    "revoke",
    help="Remove a key by id; a running server refuses it from its next request. "
    "Exit 2 if there is no such key.",
)
def keys_revoke(
    key_id: Annotated[str, typer.Argument(help="The key's id, as `keys list` shows it.")],
    keys_file: KeysFileOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from assistant.auth import revoke_key

    path = _keys_file(keys_file)
    try:
        removed = revoke_key(path, key_id)
    except AssistantError as exc:
        raise _fail(str(exc), _error_code(exc), as_json) from None
    if as_json:
        print(json.dumps({"revoked": removed}))
    else:
        err.print(f"Revoked key {key_id} from {path}.", highlight=False)


def _check_port(host: str, port: int) -> None:
    """Fail before loading anything when the port is taken, and say how to pick another."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise _fail(
                    f"port {port} on {host} is taken (is another server running?); choose "
                    f"another with --port {port + 1} or ASSISTANT_SERVE__PORT={port + 1}"
                ) from None
            raise _fail(f"cannot listen on {host}:{port}: {exc.strerror}") from None


@app.command(
    help="Serve the HTTP API, the chat page and MCP. Exit 1 when it cannot start "
    "(port taken, no API keys on a public address); 2 on a bad setting."
)
def serve(
    index_dir: IndexDirOpt = None,
    host: Annotated[str | None, typer.Option("--host", help="Default 127.0.0.1.")] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Default 8000 (ASSISTANT_SERVE__PORT).")
    ] = None,
) -> None:
    import uvicorn

    from assistant.api import check_bind
    from assistant.app import build_app
    from assistant.auth import KeyStore
    from assistant.observability import configure_logging

    settings = _settings(index_dir)
    host = host or settings.serve.host
    port = settings.serve.port if port is None else port
    try:
        check_bind(host, KeyStore.load(settings.serve.api_keys_file))
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    _check_port(host, port)
    try:
        application = build_app(settings)
        configure_logging()
    except AssistantError as exc:
        raise _fail(str(exc), _error_code(exc)) from None
    err.print(f"Serving on http://{host}:{port}/ (chat page), API docs at /docs", highlight=False)
    try:
        uvicorn.run(
            application, host=host, port=port, log_level="info", access_log=False, log_config=None
        )
    except SystemExit as exc:  # uvicorn exits 3 when it could not start (logged above)
        if exc.code not in (0, None):
            raise _fail(f"the server on {host}:{port} stopped: see the log above") from None


# The options of `ask` named as the API's fields (FiltersIn, AnswerRequest's conversation).
ASK_OPTIONS = {
    "filters.date_from": "--date-from",
    "filters.date_to": "--date-to",
    "filters.sources": "--source",
    "filters.languages": "--language",
    "filters.document_ids": "--document-id",
    "conversation": "--turn/--history",
    "top_k": "--top-k",
}


@app.command(
    help="Answer a question with cited passages, like POST /v1/answer: the filters and the "
    "earlier turns of a conversation are its fields. Exit 1 if no index is loaded, 2 on a "
    "bad option."
)
def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    index_dir: IndexDirOpt = None,
    top_k: Annotated[
        int | None,
        typer.Option(
            "--top-k", help="Passages to read (default ASSISTANT_SERVE__DEFAULT_TOP_K, 8)."
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="PREFIX",
            help="Only reports whose source path, or a folder in it, starts with this "
            "(e.g. 2024/); repeat for several.",
        ),
    ] = None,
    date_from: Annotated[
        str | None,
        typer.Option("--date-from", metavar="DATE", help="Earliest report date: YYYY[-MM[-DD]]."),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--date-to", metavar="DATE", help="Latest report date: YYYY[-MM[-DD]]."),
    ] = None,
    language: Annotated[
        list[str] | None,
        typer.Option(
            "--language", metavar="CODE", help="Only reports in this language (e.g. en); repeat."
        ),
    ] = None,
    document_id: Annotated[
        list[str] | None,
        typer.Option(
            "--document-id", metavar="ID", help="Only this report (a citation's id); repeat."
        ),
    ] = None,
    turn: Annotated[
        list[str] | None,
        typer.Option(
            "--turn",
            metavar="QUESTION",
            help="An earlier question of the conversation, oldest first; repeat. A "
            "follow-up such as 'And what did Guo Jun say?' keeps their topic.",
        ),
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option(
            "--history",
            metavar="FILE",
            help="A JSON file holding the earlier questions as a list of strings, oldest "
            "first (the API's `conversation`); --turn adds after them.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the /v1/answer body.")] = False,
) -> None:
    from pydantic import ValidationError

    from assistant.app import build_service
    from assistant.llm import Kept
    from assistant.schemas import AnswerResponse, explain, request_models
    from assistant.service import AnswerResult

    settings = _settings(index_dir)
    conversation = [*_history(history, as_json), *(turn or [])]
    answer_body, _ = request_models(settings.serve)
    fields: dict[str, Any] = {"question": question, "conversation": conversation}
    if top_k is not None:
        fields["top_k"] = top_k
    filters = {
        "date_from": date_from,
        "date_to": date_to,
        "sources": source or [],
        "languages": language or [],
        "document_ids": document_id or [],
    }
    if any(filters.values()):
        fields["filters"] = filters
    try:  # the API's own validation: the same limits and messages
        request = answer_body(**fields)
    except ValidationError as exc:
        message = explain(exc.errors(), drop=(), names=ASK_OPTIONS)
        raise _fail(message, EXIT_USAGE, as_json) from None
    chosen = request.filters.to_filters() if request.filters else None
    service = build_service(settings)
    streamed = 0
    try:
        service.load()
        result: AnswerResult | None = None
        # With a language model, each verified sentence is printed as soon as it is
        # checked (not under --json, which prints the final body only).
        events = service.answer_events(
            request.question, request.top_k, chosen, request.conversation
        )
        for event in events:
            if isinstance(event, Kept):
                if not as_json:
                    out.print(event.text, highlight=False)
                    streamed += 1
            else:
                result = event
    except AssistantError as exc:
        raise _fail(str(exc), _error_code(exc), as_json) from None
    if result is None:  # answer_events always ends with the answer
        raise _fail("the answer stream ended without an answer", 1, as_json)
    body = AnswerResponse.of(result)
    if as_json:
        print(body.model_dump_json(indent=2))
        return
    if body.mode == "extractive" and streamed:
        out.print(
            f"[dim](set aside: {body.reason}; the reports' own sentences instead)[/]",
            highlight=False,
        )
    if not streamed or body.mode == "extractive":
        out.print(body.answer, highlight=False)
    if body.citations:
        out.print()
        out.print("[bold]Sources[/]")
    for c in body.citations:
        where = c.url or c.source
        page = f", p. {c.page}" if c.page else ""
        date = f" ({c.date})" if c.date else ""
        out.print(f"[bold][{c.n}][/] {c.title}{date}{page} — {where}", highlight=False)
        quote = c.passage if len(c.passage) < 300 else c.passage[:297] + "…"
        out.print(f"    [dim]{escape(quoted(quote))}[/]", highlight=False)
    how = "language model, checked" if body.mode == "llm" else "extractive"
    dropped = f", {body.dropped} sentence(s) dropped" if body.dropped else ""
    out.print(f"[dim]index {body.index_version}, {how}{dropped}, {body.took_ms:.0f} ms[/]")


OPENING_QUOTES = "“„«‘\"'"


def quoted(passage: str) -> str:
    """``passage`` between “ ”, unless it opens with a quotation mark of its own (a
    quoted remark: “Cybersecurity is …,” she said.), which it then shows as is."""
    if passage.lstrip()[:1] in OPENING_QUOTES:
        return passage
    return f"“{passage}”"


def _history(path: Path | None, as_json: bool) -> list[str]:
    """The earlier turns in ``--history FILE``: a JSON list of strings."""
    if path is None:
        return []
    try:
        turns = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _fail(
            f"--history {path} cannot be read as JSON ({exc}); give a file holding a list "
            'of the earlier questions, e.g. ["What was said about care?"]',
            EXIT_USAGE,
            as_json,
        ) from None
    if not isinstance(turns, list) or not all(isinstance(t, str) for t in turns):
        raise _fail(
            f"--history {path} holds {type(turns).__name__}, not a list of strings; give the "
            'earlier questions, oldest first, e.g. ["What was said about care?"]',
            EXIT_USAGE,
            as_json,
        )
    return turns


@app.command("eval", help="Measure retrieval (nDCG@10, R@10, R@100, MRR@10) on a BEIR set.")
def eval_(
    dataset: Annotated[
        Path, typer.Option("--dataset", help="Folder with queries.jsonl, qrels.tsv.")
    ],
    index_dir: IndexDirOpt = None,
    mode: Annotated[
        list[str], typer.Option("--mode", help="hybrid, dense, lexical, rrf; repeat to compare.")
    ] = ["hybrid"],  # noqa: B006
    answers: Annotated[
        bool, typer.Option("--answers/--no-answers", help="Also score answers on QA sets.")
    ] = True,
    limit: Annotated[int, typer.Option("--limit", help="Use the first N queries; 0 = all.")] = 0,
    as_json: JsonOpt = False,
) -> None:
    from assistant.evaluate import Dataset, evaluate_answers, evaluate_retrieval, load_dataset
    from assistant.retrieve import MODES
    from assistant.service import AssistantService

    unknown = [m for m in mode if m not in MODES]
    if unknown:
        raise _fail(f"--mode {unknown[0]}: use one of {', '.join(MODES)}", EXIT_USAGE, as_json)
    settings = _settings(index_dir)
    if dataset.is_file():
        _eval_labelled(dataset, settings, as_json)
        return
    service = AssistantService(settings.index, max_top_k=1000, max_question_chars=10_000)
    try:
        data = load_dataset(dataset)
        service.load()
        version = service.status().version
        if version is None:
            raise NotReadyError(service.status().message or "no index is loaded")
    except AssistantError as exc:
        raise _fail(str(exc), _error_code(exc), as_json) from None
    if limit:
        kept = dict(list(data.queries.items())[:limit])
        data = Dataset(kept, {k: data.qrels[k] for k in kept})
    results: dict[str, Any] = {"dataset": str(dataset), "index_version": version}
    for m in mode:

        def retrieve(question: str, m: str = m) -> list[str]:
            found = service.search(question, 100, mode=m)
            return [p.document_id for p in found.passages]

        results[m] = evaluate_retrieval(data, retrieve)
    if answers:

        def answer(question: str) -> tuple[str, list[str]]:
            r = service.answer(question, 8)
            return r.answer.text, [c.document_id for c in r.answer.citations]

        qa = evaluate_answers(data, answer)
        if qa:
            results["answers"] = qa
    if as_json:
        print(json.dumps(results, indent=2))
        return
    table = Table("mode", "nDCG@10", "R@10", "R@100", "MRR@10", "p50 ms", "p95 ms")
    for m in mode:
        r = results[m]
        table.add_row(
            m,
            *(f"{r[k]:.3f}" for k in ("ndcg@10", "recall@10", "recall@100", "mrr@10")),
            f"{r.get('p50_ms', 0):.1f}",
            f"{r.get('p95_ms', 0):.1f}",
        )
    out.print(table)
    if "answers" in results:
        out.print(results["answers"])


def _eval_labelled(path: Path, settings: Settings, as_json: bool) -> None:
    """``--dataset FILE.jsonl``: the labelled answer set (tests/data/answers.jsonl)."""
    from assistant.evaluate import Labelled, filters_of, load_labelled, score_labelled
    from assistant.service import AssistantService
    from assistant.types import Answer

    service = AssistantService(settings.index)
    try:
        items = load_labelled(path)
        service.load()
        service.state  # noqa: B018 - raises when no index is loaded

        def answer(item: Labelled) -> Answer:
            return service.answer(item.question, 8, filters_of(item)).answer

        results = score_labelled(items, answer)
    except AssistantError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    table = Table("metric", "value")
    for key, value in results.items():
        if key != "misses":
            table.add_row(key, str(value))
    out.print(table)
    for miss in results["misses"]:
        out.print(miss, highlight=False)


@app.command(
    "mcp",
    help="Serve the MCP tools (search_reports, answer_question, get_document) over stdio "
    "for a desktop assistant; logs go to stderr. Exit 1 if no index is loaded.",
)
def mcp_stdio(index_dir: IndexDirOpt = None) -> None:
    from assistant.app import build_service
    from assistant.mcp_server import run_stdio

    settings = _settings(index_dir)
    try:
        run_stdio(build_service(settings), settings)
    except AssistantError as exc:
        raise _fail(str(exc)) from None


def main() -> None:  # pragma: no cover - console entry
    app()
