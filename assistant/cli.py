"""The ``assistant`` command: a thin adapter over the build and the service.

Errors are translated here exactly once: a message on stderr and an exit code.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.settings import Settings
from index.errors import AssistantError, BuildError, BuildLockedError, ConfigError

# Exit codes (documented in --help of each command).
EXIT_OK = 0
EXIT_ERROR = 1  # the command failed; nothing was changed
EXIT_USAGE = 2  # wrong arguments (typer's own code)
EXIT_LOCKED = 3  # another build holds the lock
EXIT_PARTIAL = 4  # built and switched, but some documents failed to load

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 failed, current index untouched; 2 bad arguments; "
    "3 another build is running; 4 built, but some documents failed (see the report)."
)

app = typer.Typer(
    help="Answers questions about your reports, citing the exact passages.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
index_app = typer.Typer(help="Build and manage the index.", no_args_is_help=True)
app.add_typer(index_app, name="index")

err = Console(stderr=True)
out = Console()


def _settings(index_dir: Path | None = None, sources: list[Path] | None = None) -> Settings:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    settings = Settings()
    updates: dict[str, Any] = {}
    if index_dir is not None:
        updates["index_dir"] = index_dir
    if sources:
        updates["sources"] = sources
    if updates:
        settings = settings.model_copy(update={"index": settings.index.model_copy(update=updates)})
    return settings


def _fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


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
    pause_at: Annotated[str | None, typer.Option("--pause-at", hidden=True)] = None,
) -> None:
    from index.build import build_index

    settings = _settings(index_dir, source)
    show_bar = not as_json and err.is_terminal
    try:
        if show_bar:
            with _progress() as bar:
                tasks: dict[str, Any] = {}

                def progress(stage: str, done: int, total: int) -> None:
                    if stage not in tasks:
                        tasks[stage] = bar.add_task(stage, total=total or None)
                    bar.update(tasks[stage], completed=done, total=total or None)

                report = build_index(settings.index, full=full, progress=progress)
        else:

            def progress(stage: str, done: int, total: int) -> None:
                if stage.startswith("paused:") or (done == 0 and stage != "load"):
                    print(f"stage {stage}", file=sys.stderr, flush=True)

            report = build_index(settings.index, full=full, progress=progress, pause_at=pause_at)
    except BuildLockedError as exc:
        raise _fail(str(exc), EXIT_LOCKED) from None
    except (BuildError, ConfigError) as exc:
        raise _fail(str(exc)) from None
    if as_json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        _print_report(report.to_dict())
    if report.failed:
        raise typer.Exit(EXIT_PARTIAL)


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
    out.print(f"Index {status}: snapshot [bold]{r['snapshot_id']}[/]")
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
        out.print(f"[yellow]{len(r['failed'])} skipped:[/]")
        for f in r["failed"]:
            out.print(f"  [yellow]{f['path']}[/]: {f['reason']}", highlight=False)


@index_app.command("status", help="Show the current snapshot and the ones kept for rollback.")
def index_status(index_dir: IndexDirOpt = None, as_json: JsonOpt = False) -> None:
    from index.status import index_status as status

    settings = _settings(index_dir)
    try:
        info = status(settings.index.index_dir)
    except AssistantError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        print(json.dumps(info, indent=2))
        return
    cur = info["current"]
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


@index_app.command(
    "rollback", help="Point `current` at the previous snapshot. Exit 1 if there is none."
)
def index_rollback(index_dir: IndexDirOpt = None, as_json: JsonOpt = False) -> None:
    from index.status import rollback

    settings = _settings(index_dir)
    try:
        before, after = rollback(settings.index.index_dir)
    except AssistantError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        print(json.dumps({"previous": before, "current": after}))
    else:
        out.print(f"current: {before} → [bold]{after}[/]")


keys_app = typer.Typer(help="Manage API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("create", help="Create an API key; it is printed once and stored hashed.")
def keys_create(
    scope: Annotated[
        list[str], typer.Option("--scope", help="query or admin; repeat for both.")
    ] = ["query"],  # noqa: B006 - typer reads the default, never mutates it
    name: Annotated[str, typer.Option("--name", help="Who or what the key is for.")] = "",
    keys_file: Annotated[
        Path | None,
        typer.Option(
            "--keys-file", help="Default: ASSISTANT_SERVE__API_KEYS_FILE or var/keys.json."
        ),
    ] = None,
) -> None:
    from assistant.auth import create_key

    settings = _settings()
    path = keys_file or settings.serve.api_keys_file or Path("var/keys.json")
    try:
        secret, record = create_key(path, scope, name)
    except AssistantError as exc:
        raise _fail(str(exc)) from None
    err.print(
        f"Created key {record.id} with scopes {sorted(record.scopes)} in {path}. "
        "It is shown once; store it now. Serve with "
        f"ASSISTANT_SERVE__API_KEYS_FILE={path}.",
        highlight=False,
    )
    print(secret)


@app.command(help="Serve the HTTP API, the chat page and MCP. Exit 1 on a refused bind.")
def serve(
    index_dir: IndexDirOpt = None,
    host: Annotated[str | None, typer.Option("--host", help="Default 127.0.0.1.")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Default 8000.")] = None,
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
        application = build_app(settings)
        configure_logging()
    except AssistantError as exc:
        raise _fail(str(exc)) from None
    err.print(f"Serving on http://{host}:{port}/ (chat page), API docs at /docs", highlight=False)
    uvicorn.run(
        application, host=host, port=port, log_level="info", access_log=False, log_config=None
    )


@app.command(help="Answer a question with cited passages. Exit 1 if no index is loaded.")
def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    index_dir: IndexDirOpt = None,
    top_k: Annotated[int, typer.Option("--top-k", help="Passages to retrieve.")] = 8,
    as_json: Annotated[bool, typer.Option("--json", help="Print the /v1/answer body.")] = False,
) -> None:
    from assistant.schemas import AnswerResponse
    from assistant.service import AssistantService

    settings = _settings(index_dir)
    service = AssistantService(
        settings.index,
        max_top_k=settings.serve.max_top_k,
        max_question_chars=settings.serve.max_question_chars,
    )
    try:
        service.load()
        result = service.answer(question, top_k)
    except AssistantError as exc:
        raise _fail(str(exc)) from None
    body = AnswerResponse.of(result)
    if as_json:
        print(body.model_dump_json(indent=2))
        return
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
        out.print(f"    [dim]“{quote}”[/]", highlight=False)
    out.print(f"[dim]index {body.index_version}, {body.took_ms:.0f} ms[/]")


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
    from assistant.retrieve import MODES, search
    from assistant.service import AssistantService

    settings = _settings(index_dir)
    service = AssistantService(settings.index, max_top_k=1000, max_question_chars=10_000)
    try:
        data = load_dataset(dataset)
        service.load()
        snapshot = service.state.snapshot
    except AssistantError as exc:
        raise _fail(str(exc)) from None
    if limit:
        kept = dict(list(data.queries.items())[:limit])
        data = Dataset(kept, {k: data.qrels[k] for k in kept})
    results: dict[str, Any] = {"dataset": str(dataset), "index_version": snapshot.id}
    for m in mode:
        if m not in MODES:
            raise _fail(f"--mode {m}: use one of {', '.join(MODES)}", EXIT_USAGE)

        def retrieve(question: str, m: str = m) -> list[str]:
            vector = service.embedder.embed_query(question)
            passages = search(snapshot, vector, question, 100, mode=m)
            return [p.document_id for p in passages]

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


@app.command(
    "mcp",
    help="Serve the MCP tools (search_reports, answer_question, get_document) over stdio "
    "for a desktop assistant; logs go to stderr. Exit 1 if no index is loaded.",
)
def mcp_stdio(index_dir: IndexDirOpt = None) -> None:
    from assistant.mcp_server import run_stdio

    settings = _settings(index_dir)
    try:
        run_stdio(settings)
    except AssistantError as exc:
        raise _fail(str(exc)) from None


def main() -> None:  # pragma: no cover - console entry
    app()
