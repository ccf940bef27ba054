#!/usr/bin/env python
"""Query-latency benchmark: /v1/answer and /v1/search over a real server.

Builds (or reuses) an index of the UN General Debate corpus, starts
`assistant serve` on a loopback port, and measures p50/p95 latency and
requests/s for 1 client and for 8 concurrent clients.

    .venv/bin/python scripts/bench_query.py [--index-dir var/bench-un] [--seconds 20]
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

from assistant.measure import free_port, percentile

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared/datasets/un_general_debate_2015_2024/corpus.jsonl"
QUESTIONS = [
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


def run_load(url: str, path: str, clients: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        nonlocal errors
        with httpx.Client(timeout=30) as http:
            n = i
            while time.monotonic() < stop:
                q = QUESTIONS[n % len(QUESTIONS)]
                n += 1
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
    args = parser.parse_args()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    env["ASSISTANT_INDEX__EMBED__CACHE_DIR"] = str(REPO / "var/models")
    assistant = str(REPO / ".venv/bin/assistant")
    if not (args.index_dir / "current").exists():
        if not CORPUS.is_file():
            print(f"{CORPUS} is absent: this benchmark needs ../shared/datasets", file=sys.stderr)
            return 2
        print(f"building {args.index_dir} (takes a while the first time)…", file=sys.stderr)
        subprocess.run(
            [
                assistant,
                "index",
                "build",
                "--source",
                str(CORPUS),
                "--index-dir",
                str(args.index_dir),
            ],
            check=True,
            env=env,
        )
    port = free_port()
    server = subprocess.Popen(
        [assistant, "serve", "--index-dir", str(args.index_dir), "--port", str(port)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(url + "/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                print("the server did not become ready", file=sys.stderr)
                return 1
            time.sleep(0.2)
        ready = httpx.get(url + "/readyz").json()
        print(
            f"index {ready['index_version']}: {ready['documents']} documents, "
            f"{ready['chunks']} chunks"
        )
        for q in QUESTIONS:  # warm up caches once
            httpx.post(url + "/v1/answer", json={"question": q}, timeout=30)
        print(
            f"{'route':<12} {'clients':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}"
        )
        for path in ("/v1/answer", "/v1/search"):
            for clients in (1, 8):
                r = run_load(url, path, clients, args.seconds)
                print(
                    f"{path:<12} {clients:>7} {r['rps']:>7.1f} {r['p50']:>7.1f} "
                    f"{r['p95']:>7.1f} {r['errors']:>6}"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
