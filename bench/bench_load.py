#!/usr/bin/env python3
"""Load test of ``POST /v1/answer`` on loopback: N concurrent clients for T seconds.

Against a running server::

    .venv/bin/python bench/bench_load.py --url http://127.0.0.1:8000 --api-key ra_...

Or over an index directory (starts ``assistant serve`` itself on a free loopback port)::

    .venv/bin/python bench/bench_load.py --index-dir var/index --clients 16 --seconds 30

``--rebuild-during`` (with ``--index-dir``) copies the index directory, serves the
copy, and after ``--rebuild-after`` seconds runs a real ``assistant index build`` over
a copy of the sources with one report added and one changed: the server swaps
snapshots under load (the load goes on until the rebuild ends, plus 5 s). It prints
requests/s, latency percentiles, errors, and how many answers each snapshot served.
``--json`` prints one JSON object instead.

Exit status: 0 when no request failed (and the rebuild, if any, succeeded and was
served), 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # bench.harness, when run as a script

from bench.harness import free_port, percentile  # noqa: E402

QUESTIONS = (
    "What was said about digital risks?",
    "What did Guo Jun say about artificial intelligence and jobs?",
    "What did the Board decide about the 2023 work programme?",
    "How should councils address the informal economy?",
    "What was said about long-term care and ageing societies?",
    "What is a just transition to a low-carbon economy?",
    "What did young people ask for at the youth forum?",
    "What did speakers say about labour migration?",
)
# The report --rebuild-during adds, and a question only it answers.
ADDED_NAME = "bench-added-tidal-cooperatives.md"
ADDED_QUESTION = "What is the Lighthouse Accord on tidal energy cooperatives?"
ADDED_REPORT = """---
title: "Seminar: the Lighthouse Accord on tidal energy cooperatives"
date: 2025-06-12
---

# Seminar: the Lighthouse Accord on tidal energy cooperatives

The Association held a seminar on 12 June 2025 on tidal energy cooperatives in coastal
regions. Participants discussed the Lighthouse Accord, a charter signed by fishing
communities, energy cooperatives and port authorities.

Marta Quintela, President of the Coastal Economic Council, presented the Lighthouse
Accord. She explained that the Accord gives fishing communities a share of the revenue
of every tidal turbine installed in their waters, and a seat on the board of the
cooperative that operates it.

"The Lighthouse Accord on tidal energy cooperatives proves that the energy transition
can pay the people who live from the sea, instead of pushing them aside," she said.

Ibrahim Sesay, member of the Maritime Workers Committee, asked that the jobs created
by maintaining the turbines go first to former fishers, with paid training.
"""
CHANGED_NOTE = (
    "\n\nAddendum: the secretariat later confirmed that the Lighthouse Accord on tidal "
    "energy cooperatives would be discussed at the next Board meeting.\n"
)


# --- a server process ---------------------------------------------------------------


def assistant_command() -> list[str]:
    script = Path(sys.executable).with_name("assistant")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from assistant.cli import app; app()"]


def offline_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    env.update(extra or {})
    return env


@contextlib.contextmanager
def serve_process(
    index_dir: Path,
    env: dict[str, str] | None = None,
    log_file: Path | None = None,
    ready_timeout: float = 240.0,
) -> Iterator[str]:
    """Run ``assistant serve`` over ``index_dir`` on a free loopback port; yields its URL.

    The server's output goes to ``log_file`` (a temporary file by default). It is
    stopped with SIGTERM (then SIGKILL) when the block ends.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with contextlib.ExitStack() as stack:
        if log_file is None:
            log_file = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "server.log"
        log = stack.enter_context(log_file.open("ab"))
        proc = subprocess.Popen(
            [*assistant_command(), "serve", "--index-dir", str(index_dir), "--port", str(port)],
            cwd=REPO,
            env=offline_env(env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + ready_timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"the server exited with {proc.returncode} before it was ready; "
                        f"see {log_file}:\n{log_file.read_text(errors='replace')[-3000:]}"
                    )
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the server at {url} was not ready in {ready_timeout} s")
                time.sleep(0.25)
            yield url
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


# --- the load -----------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One request: when it started (seconds into the run), how long, and its answer."""

    started: float
    latency_s: float
    status: int  # 0 = no HTTP response (connection error, timeout)
    error: str | None
    question: str
    index_version: str | None = None
    found: bool | None = None
    citations: tuple[tuple[str, int, int, str], ...] = ()  # (document_id, start, end, passage)


@dataclass
class LoadResult:
    clients: int
    seconds: float
    samples: list[Sample] = field(default_factory=list)

    @property
    def failed(self) -> list[Sample]:
        return [s for s in self.samples if s.status != 200]

    def percentile_ms(self, q: float) -> float:
        latencies = [s.latency_s for s in self.samples if s.status == 200]
        return round(percentile(latencies, q) * 1000, 1)

    def summary(self) -> dict[str, Any]:
        ok = len(self.samples) - len(self.failed)
        versions = Counter(s.index_version for s in self.samples if s.index_version)
        errors = Counter(s.error or f"HTTP {s.status}" for s in self.failed)
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 1),
            "requests": len(self.samples),
            "ok": ok,
            "errors": len(self.failed),
            "error_kinds": dict(errors.most_common(5)),
            "requests_per_s": round(len(self.samples) / self.seconds, 1) if self.seconds else 0,
            "p50_ms": self.percentile_ms(50),
            "p95_ms": self.percentile_ms(95),
            "p99_ms": self.percentile_ms(99),
            "answers_by_index_version": dict(versions),
            "answers_found": sum(1 for s in self.samples if s.found),
        }


def _sample(started: float, latency: float, question: str, response: httpx.Response) -> Sample:
    if response.status_code != 200:
        return Sample(started, latency, response.status_code, response.text[:200], question)
    body = response.json()
    citations = tuple(
        (c["document_id"], c["start"], c["end"], c["passage"]) for c in body["citations"]
    )
    return Sample(
        started, latency, 200, None, question, body["index_version"], body["found"], citations
    )


@dataclass
class _Clock:
    """When the clients stop: ``seconds`` after the start, and never while the side
    task (a rebuild) still runs; then ``tail_s`` more, so the new snapshot is loaded too.
    ``max_seconds`` bounds it all."""

    t0: float
    deadline: float
    hard_stop: float
    side_running: bool = False

    def running(self) -> bool:
        now = time.monotonic()
        return now < self.hard_stop and (self.side_running or now < self.deadline)


async def _client(
    http: httpx.AsyncClient,
    url: str,
    questions: Sequence[str],
    offset: int,
    clock: _Clock,
    out: list[Sample],
) -> None:
    i = offset
    while clock.running():
        question = questions[i % len(questions)]
        i += 1
        tick = time.monotonic()
        try:
            response = await http.post(f"{url}/v1/answer", json={"question": question})
            sample = _sample(tick - clock.t0, time.monotonic() - tick, question, response)
        except (httpx.HTTPError, ValueError, KeyError) as exc:
            sample = Sample(tick - clock.t0, time.monotonic() - tick, 0, repr(exc), question)
        out.append(sample)


async def run_load(
    url: str,
    questions: Sequence[str] = QUESTIONS,
    clients: int = 16,
    seconds: float = 30.0,
    api_key: str | None = None,
    during: Callable[[], Any] | None = None,
    tail_s: float = 5.0,
    max_seconds: float = 300.0,
) -> LoadResult:
    """``clients`` concurrent loops of POST /v1/answer for ``seconds``.

    ``during`` (a blocking callable, e.g. a rebuild) runs in a worker thread while
    the load runs; the load lasts at least until it ends plus ``tail_s``, so that a
    slow rebuild still happens under load and its snapshot is queried too.
    """
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    samples: list[Sample] = []
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=120.0) as http:
        t0 = time.monotonic()
        clock = _Clock(t0, t0 + seconds, t0 + max(seconds, max_seconds), during is not None)

        async def side() -> None:
            if during is None:
                return
            try:
                await asyncio.to_thread(during)
            finally:
                clock.side_running = False
                clock.deadline = max(clock.deadline, time.monotonic() + tail_s)

        await asyncio.gather(
            side(), *(_client(http, url, questions, n, clock, samples) for n in range(clients))
        )
        elapsed = time.monotonic() - t0
    return LoadResult(clients, elapsed, sorted(samples, key=lambda s: s.started))


def warm_up(url: str, questions: Sequence[str], api_key: str | None = None) -> None:
    """Ask each question once, one at a time, before the measured run."""
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    with httpx.Client(headers=headers, timeout=120.0) as http:
        for question in questions:
            http.post(f"{url}/v1/answer", json={"question": question})


# --- a rebuild with changes ---------------------------------------------------------


def changed_sources(sources: Sequence[Path], dest: Path) -> list[Path]:
    """Copy each source into ``dest`` (document ids, relative to their source root,
    stay the same), add one report beside the first folder's files and append a
    paragraph to one text report. Returns the copied sources."""
    copies = []
    for i, source in enumerate(sources):
        target = dest / str(i) / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
        copies.append(target)
    folder = next((c for c in copies if c.is_dir()), None)
    if folder is None:
        folder = dest / "added"
        folder.mkdir()
        copies.append(folder)
    (folder / ADDED_NAME).write_text(ADDED_REPORT, encoding="utf-8")
    for path in sorted(folder.rglob("*")):
        if path.suffix in {".txt", ".md"} and path.name != ADDED_NAME:
            with path.open("a", encoding="utf-8") as f:
                f.write(CHANGED_NOTE)
            break
    return copies


@dataclass
class Rebuild:
    index_dir: Path
    sources: Sequence[Path]
    after_s: float
    env: dict[str, str] | None = None
    returncode: int | None = None
    report: dict[str, Any] | None = None
    stderr: str = ""
    started: float = 0.0
    seconds: float = 0.0

    def __call__(self) -> None:
        time.sleep(self.after_s)
        self.started = time.monotonic()
        proc = subprocess.run(
            [
                *assistant_command(),
                "index",
                "build",
                "--json",
                "--index-dir",
                str(self.index_dir),
                *(arg for s in self.sources for arg in ("--source", str(s))),
            ],
            cwd=REPO,
            env=offline_env(self.env),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        self.seconds = time.monotonic() - self.started
        self.returncode = proc.returncode
        self.stderr = proc.stderr
        with contextlib.suppress(ValueError):
            self.report = json.loads(proc.stdout)


def _manifest_sources(index_dir: Path) -> list[Path]:
    manifest = json.loads((index_dir / "current" / "manifest.json").read_text(encoding="utf-8"))
    return [Path(s) for s in manifest.get("sources", [])]


# --- command line -------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="A running server, e.g. http://127.0.0.1:8000")
    where.add_argument("--index-dir", type=Path, help="Start `assistant serve` over this index.")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent clients (16).")
    parser.add_argument("--seconds", type=float, default=30.0, help="Duration (30).")
    parser.add_argument(
        "--api-key",
        default=os.environ.get("ASSISTANT_API_KEY"),
        help="A query key, when the server has keys (default: $ASSISTANT_API_KEY).",
    )
    parser.add_argument("--questions", type=Path, help="A file of questions, one per line.")
    parser.add_argument(
        "--rebuild-during",
        action="store_true",
        help="Rebuild a copy of the index, with one report added and one changed, "
        "while the load runs (needs --index-dir).",
    )
    parser.add_argument(
        "--rebuild-after", type=float, default=None, help="Seconds into the load (T/6)."
    )
    parser.add_argument(
        "--source", type=Path, action="append", help="Sources to rebuild from (default: manifest)."
    )
    parser.add_argument(
        "--reload-interval",
        type=float,
        default=0.2,
        help="The started server's ASSISTANT_SERVE__RELOAD_INTERVAL_S (0.2).",
    )
    parser.add_argument(
        "--no-warmup",
        action="store_false",
        dest="warmup",
        help="Skip asking each question once before the clock starts (the first answers "
        "embed the corpus sentences they quote; later ones reuse those vectors).",
    )
    parser.add_argument("--json", action="store_true", dest="as_json", help="Print JSON.")
    args = parser.parse_args(argv)
    if args.rebuild_during and args.index_dir is None:
        parser.error("--rebuild-during needs --index-dir (it rebuilds a copy of it)")
    questions: Sequence[str] = QUESTIONS
    if args.questions:
        questions = [q.strip() for q in args.questions.read_text().splitlines() if q.strip()]
    if args.rebuild_during:
        questions = [*questions, ADDED_QUESTION]

    result: LoadResult
    rebuild: Rebuild | None = None
    if args.url:
        if args.warmup:
            warm_up(args.url, questions, args.api_key)
        result = asyncio.run(
            run_load(args.url, questions, args.clients, args.seconds, args.api_key)
        )
    else:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            index_dir = args.index_dir.resolve()
            env = {"ASSISTANT_SERVE__RELOAD_INTERVAL_S": str(args.reload_interval)}
            if (index_dir / "models").is_dir():
                env.setdefault("ASSISTANT_INDEX__EMBED__CACHE_DIR", str(index_dir / "models"))
            if args.rebuild_during:
                copy = Path(tmp) / "index"
                shutil.copytree(
                    index_dir, copy, symlinks=True, ignore=shutil.ignore_patterns("models")
                )
                sources = args.source or _manifest_sources(index_dir)
                changed = changed_sources([s.resolve() for s in sources], Path(tmp) / "sources")
                after = args.seconds / 6 if args.rebuild_after is None else args.rebuild_after
                rebuild = Rebuild(copy, changed, after, env)
                index_dir = copy
            with serve_process(index_dir, env, Path(tmp) / "server.log") as url:
                if args.warmup:
                    warm_up(url, questions, args.api_key)
                result = asyncio.run(
                    run_load(url, questions, args.clients, args.seconds, args.api_key, rebuild)
                )
    summary = result.summary()
    if rebuild is not None:
        new = (rebuild.report or {}).get("snapshot_id")
        served = [s.started for s in result.samples if new and s.index_version == new]
        summary["rebuild"] = {
            "exit_code": rebuild.returncode,
            "started_at_s": round(rebuild.after_s, 1),
            "seconds": round(rebuild.seconds, 1),
            "snapshot_id": new,
            "stages_s": (rebuild.report or {}).get("seconds"),
            "first_answer_from_new_snapshot_at_s": round(min(served), 1) if served else None,
            "error": None if rebuild.returncode == 0 else rebuild.stderr[-2000:],
        }
    if args.as_json:
        print(json.dumps(summary, indent=2))
    else:
        _print(summary)
    ok = summary["errors"] == 0
    if rebuild is not None:
        ok = (
            ok
            and rebuild.returncode == 0
            and bool(summary["rebuild"]["first_answer_from_new_snapshot_at_s"])
        )
    return 0 if ok else 1


def _print(s: dict[str, Any]) -> None:
    print(
        f"{s['clients']} clients, {s['seconds']} s: {s['requests']} requests, {s['errors']} errors"
    )
    print(f"  {s['requests_per_s']} requests/s")
    print(f"  latency p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, p99 {s['p99_ms']} ms")
    print(f"  {s['answers_found']} answers found something to cite")
    for version, n in s["answers_by_index_version"].items():
        print(f"  {n} answers from snapshot {version}")
    for kind, n in s["error_kinds"].items():
        print(f"  {n} × {kind}")
    if "rebuild" in s:
        r = s["rebuild"]
        first = r["first_answer_from_new_snapshot_at_s"]
        print(
            f"  rebuild: exit {r['exit_code']} in {r['seconds']} s "
            f"(started at {r['started_at_s']} s), new snapshot {r['snapshot_id']} "
            f"served from {first} s"
        )
        if r["error"]:
            print(r["error"])


if __name__ == "__main__":
    sys.exit(main())
