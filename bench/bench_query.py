#!/usr/bin/env python
"""Query-latency benchmark: /v1/answer and /v1/search over a real server.

Builds (or reuses) an index of the UN General Debate corpus (all of it, or its first
``--documents`` speeches), starts `assistant serve` on a loopback port, and measures
p50/p95 latency and requests/s for 1 client and for 8 concurrent clients. Every
question is asked once: ``unseen_questions`` composes at least 200 distinct questions
(topics × forms × countries), so no answer comes from a warm cache. It also prints the
CPU, and what the sentence layer costs the snapshot on disk.

    .venv/bin/python bench/bench_query.py [--index-dir var/bench-un] [--seconds 20]
        [--documents 400] [--against REF]

With ``--against REF`` it first serves the code of git commit REF beside this one on the
same index and asks each question of both in turn: on a machine whose speed drifts
(shared cores), only figures taken side by side compare.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # bench.harness, when run as a script

from bench.harness import free_port, percentile  # noqa: E402

CORPUS = REPO.parent / "shared/datasets/un_general_debate_2015_2024/corpus.jsonl"
WARM_UP = [
    "What was said about climate change and small island states?",
    "Which countries called for reform of the Security Council?",
    "What did speakers say about the COVID-19 pandemic and vaccines?",
    "How did leaders describe the risks of new digital technologies?",
    "What was said about refugees and migration in the Mediterranean?",
    "Who spoke about nuclear disarmament?",
    "What did the Prime Minister of Fiji say about rising sea levels?",
    "What was said about the Sustainable Development Goals and financing?",
    "Which speakers mentioned cybercrime?",
    "What was said about the war in Syria?",
]


TOPICS = [
    "climate change",
    "rising sea levels",
    "reform of the Security Council",
    "the COVID-19 pandemic",
    "vaccines",
    "nuclear disarmament",
    "refugees",
    "migration",
    "terrorism",
    "the Sustainable Development Goals",
    "development finance",
    "debt relief",
    "food security",
    "poverty",
    "gender equality",
    "education",
    "human rights",
    "peacekeeping",
    "cybersecurity",
    "artificial intelligence",
    "trade",
    "oceans",
    "water",
    "energy",
    "youth unemployment",
]
FORMS = [
    "What was said about {topic}?",
    "What did speakers say about {topic}?",
    "Which countries raised {topic}?",
    "How did leaders describe {topic}?",
    "What did the representative of {country} say about {topic}?",
    "What was proposed on {topic}?",
    "What commitments were made on {topic}?",
    "Why does {topic} matter to {country}?",
]
COUNTRIES = ["Fiji", "France", "Kenya", "Brazil", "India", "Norway", "Chile", "Japan", "Egypt"]


def unseen_questions(n: int) -> list[str]:
    """``n`` distinct questions (at least 200 can be made), in a fixed shuffled order."""
    import random

    made = [
        form.format(topic=topic, country=COUNTRIES[(i + j) % len(COUNTRIES)])
        for i, topic in enumerate(TOPICS)
        for j, form in enumerate(FORMS)
    ]
    unique = list(dict.fromkeys(made))
    random.Random(7).shuffle(unique)
    if n > len(unique):
        raise ValueError(f"only {len(unique)} distinct questions can be made, not {n}")
    return unique[:n]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"{line.split(':', 1)[1].strip()} × {os.cpu_count()}"
    except OSError:
        pass
    return f"unknown CPU × {os.cpu_count()}"


def run_load(
    url: str, path: str, clients: int, seconds: float, questions: list[str]
) -> dict[str, float]:
    """Each client takes the next question not yet asked, until time or questions run out."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    queue = iter(questions)

    def client(i: int) -> None:
        nonlocal errors
        with httpx.Client(timeout=30) as http:
            while time.monotonic() < stop:
                with lock:
                    q = next(queue, None)
                if q is None:
                    break
                body = {"question": q} if path == "/v1/answer" else {"query": q, "top_k": 10}
                tick = time.perf_counter()
                r = http.post(url + path, json=body)
                took = (time.perf_counter() - tick) * 1000
                with lock:
                    if r.status_code == 200:
                        latencies.append(took)
                    else:
                        errors += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / "var/bench-un")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument(
        "--documents", type=int, default=0, help="index only the first N speeches (0 = all)"
    )
    parser.add_argument(
        "--against",
        metavar="REF",
        help="also serve the code of this git commit (a worktree under var/) on the same "
        "index, and ask both servers each question in turn (1 client): a baseline in the "
        "same run, under the same load from elsewhere on the machine",
    )
    args = parser.parse_args()
    print(f"CPU: {cpu_model()}")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    env["ASSISTANT_INDEX__EMBED__CACHE_DIR"] = str(REPO / "var/models")
    assistant = str(REPO / ".venv/bin/assistant")
    if not (args.index_dir / "current").exists():
        if not CORPUS.is_file():
            print(f"{CORPUS} is absent: this benchmark needs ../shared/datasets", file=sys.stderr)
            return 2
        print(f"building {args.index_dir} (takes a while the first time)…", file=sys.stderr)
        source = CORPUS
        if args.documents:
            args.index_dir.mkdir(parents=True, exist_ok=True)
            source = args.index_dir / f"first-{args.documents}.jsonl"
            lines = CORPUS.read_text(encoding="utf-8").splitlines()[: args.documents]
            source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tick = time.perf_counter()
        subprocess.run(
            [
                assistant,
                "index",
                "build",
                "--source",
                str(source),
                "--index-dir",
                str(args.index_dir),
            ],
            check=True,
            env=env,
        )
        print(f"build: {time.perf_counter() - tick:.1f} s")
    report_layer(args.index_dir)
    servers: list[subprocess.Popen[bytes]] = []
    try:
        url = serve(servers, assistant, args.index_dir, env, REPO)
        if url is None:
            return 1
        if args.against:
            tree = worktree(args.against)
            before = {**env, "PYTHONPATH": str(tree)}
            other = serve(servers, assistant, args.index_dir, before, tree)
            if other is None:
                return 1
            compare(url, other, args.against, WARM_UP, unseen_questions(200))
            baseline = servers.pop()  # the load runs below are this code's alone
            baseline.terminate()
            baseline.wait(timeout=30)
        ready = httpx.get(url + "/readyz").json()
        print(
            f"index {ready['index_version']}: {ready['documents']} documents, "
            f"{ready['chunks']} chunks"
        )
        for q in WARM_UP:  # loads the model and the index files, not these questions
            httpx.post(url + "/v1/answer", json={"question": q}, timeout=30)
        print(
            f"{'route':<12} {'clients':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'errors':>6} {'asked':>6}"
        )
        fresh = unseen_questions(200)
        for path in ("/v1/answer", "/v1/search"):
            for clients in (1, 8):
                r = run_load(url, path, clients, args.seconds, fresh)
                print(
                    f"{path:<12} {clients:>7} {r['rps']:>7.1f} {r['p50']:>7.1f} "
                    f"{r['p95']:>7.1f} {r['errors']:>6} {r['requests']:>6}"
                )
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    return 0


def serve(
    servers: list[subprocess.Popen[bytes]],
    assistant: str,
    index_dir: Path,
    env: dict[str, str],
    cwd: Path,
) -> str | None:
    """Starts `assistant serve` (the code found from ``cwd`` and ``env``) on a free
    loopback port; its URL once ready, None if it never was."""
    port = free_port()
    server = subprocess.Popen(
        [assistant, "serve", "--index-dir", str(index_dir.resolve()), "--port", str(port)],
        env=env,
        cwd=cwd,
        stderr=subprocess.DEVNULL,
    )
    servers.append(server)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(url + "/readyz").status_code == 200:
                return url
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            print("the server did not become ready", file=sys.stderr)
            return None
        time.sleep(0.2)


def worktree(ref: str) -> Path:
    """A checkout of ``ref`` under var/ (made once), whose packages a server imports."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", ref], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.strip()
    tree = REPO / "var" / f"bench-against-{commit}"
    if not tree.is_dir():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), commit], cwd=REPO, check=True
        )
    return tree


def compare(url: str, other: str, ref: str, warm_up: list[str], questions: list[str]) -> None:
    """Each question to both servers, one after the other (which goes first alternates),
    one client: both see the same questions under the same load."""
    with httpx.Client(timeout=30) as http:
        for q in warm_up:
            for base in (url, other):
                http.post(base + "/v1/answer", json={"question": q})
        for path in ("/v1/answer", "/v1/search"):
            latencies: dict[str, list[float]] = {"now": [], ref: []}
            for i, q in enumerate(questions):
                body = {"question": q} if path == "/v1/answer" else {"query": q, "top_k": 10}
                pair = [("now", url), (ref, other)]
                for name, base in pair if i % 2 == 0 else pair[::-1]:
                    tick = time.perf_counter()
                    r = http.post(base + path, json=body)
                    if r.status_code == 200:
                        latencies[name].append((time.perf_counter() - tick) * 1000)
            for name, found in latencies.items():
                print(
                    f"{path:<12} {name:>12}: p50 {percentile(found, 50):6.1f} ms, "
                    f"p95 {percentile(found, 95):6.1f} ms ({len(found)} answered, 1 client, "
                    "asked in turn)"
                )


def report_layer(index_dir: Path) -> None:
    """What the sentence layer adds to the snapshot: its vectors file and its table."""
    import json
    import sqlite3

    current = (index_dir / "current").resolve()
    manifest = json.loads((current / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    vectors = (current / "sentences.npy").stat().st_size
    db = sqlite3.connect(f"file:{current / 'store.sqlite'}?mode=ro", uri=True)
    try:
        table = db.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name IN "
            "('sentences', 'sentences_document', 'sentences_speaker')"
        ).fetchone()[0]
    except sqlite3.Error:
        table = None
    finally:
        db.close()
    total = sum(p.stat().st_size for p in current.rglob("*") if p.is_file())
    layer = vectors + (table or 0)
    print(
        f"snapshot: {counts['documents']} documents, {counts['chunks']} chunks, "
        f"{counts.get('sentences', 0)} sentences ({counts.get('statements', 0)} statements); "
        f"{total / 2**20:.1f} MiB on disk, of which the sentence layer "
        f"{layer / 2**20:.1f} MiB (vectors {vectors / 2**20:.1f} MiB"
        + (f", table {table / 2**20:.1f} MiB)" if table is not None else ")")
    )


if __name__ == "__main__":
    sys.exit(main())
