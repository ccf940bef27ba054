#!/usr/bin/env python
"""Replicas on one snapshot: memory of 1, 2 and 4 server processes, requests/s of 1 vs 2.

Each replica is its own ``uvicorn assistant.app:from_environment --factory`` on its own
loopback port (as N hosts, or a systemd template, behind a load balancer), all reading
one index folder. Memory is read from ``/proc/PID/smaps_rollup`` after every replica
has answered the same searches: RSS counts shared pages once per process, PSS divides
them among the processes that map them; ``Pss_File`` is what comes from files (FAISS
vectors, sentence vectors, SQLite pages through the page cache), ``Pss_Anon`` what each
process holds alone (the model, Python, the lexical arrays). Load: ``--clients``
threads, each sending ``/v1/search`` requests round robin over the replicas.

    .venv/bin/python bench/bench_replicas.py --index-dir var/un300
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import free_port  # noqa: E402
from bench.machine import cpu_line  # noqa: E402

QUERIES = (
    "climate change and small island states",
    "nuclear disarmament",
    "refugees and migration",
    "sustainable development goals financing",
    "reform of the Security Council",
    "COVID-19 vaccines for all",
    "terrorism in the Sahel",
    "gender equality and women's rights",
)
FIELDS = ("Rss", "Pss", "Pss_Anon", "Pss_File", "Shared_Clean", "Private_Dirty")


@contextlib.contextmanager
def replicas(index_dir: Path, n: int) -> Iterator[list[tuple[subprocess.Popen[bytes], str]]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        HF_HUB_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
        ASSISTANT_INDEX__INDEX_DIR=str(index_dir),
        # the question threads of each replica: one core each when two share two cores
        ASSISTANT_INDEX__EMBED__THREADS="1",
    )
    started = []
    try:
        for _ in range(n):
            port = free_port()
            command = [
                sys.executable, "-m", "uvicorn", "assistant.app:from_environment", "--factory",
                "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
            ]  # fmt: skip
            process = subprocess.Popen(command, cwd=ROOT, env=env)
            started.append((process, f"http://127.0.0.1:{port}"))
        for process, url in started:
            deadline = time.monotonic() + 180
            while True:
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                        break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"replica {url} did not start")
                time.sleep(0.3)
        yield started
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            process.wait(timeout=30)


def smaps(pid: int) -> dict[str, int]:
    """kB of each FIELDS entry of ``/proc/PID/smaps_rollup``."""
    out = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        if name in FIELDS:
            out[name] = int(value.split()[0])
    return out


def search(client: httpx.Client, url: str, query: str) -> None:
    r = client.post(f"{url}/v1/search", json={"query": query, "top_k": 10}, timeout=60)
    r.raise_for_status()


def load(urls: list[str], clients: int, seconds: float) -> float:
    """Requests per second over ``seconds``, ``clients`` threads, round robin."""
    done = [0] * clients
    stop = time.monotonic() + seconds

    def run(i: int) -> None:
        with httpx.Client() as client:
            targets = itertools.cycle(urls[i % len(urls) :] + urls[: i % len(urls)])
            queries = itertools.cycle(QUERIES[i % len(QUERIES) :] + QUERIES)
            while time.monotonic() < stop:
                search(client, next(targets), next(queries))
                done[i] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=ROOT / "var" / "un300")
    parser.add_argument("--counts", default="1,2,4")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    print(f"CPU: {cpu_line()}; loadavg {os.getloadavg()[0]:.1f}")
    print(f"index: {args.index_dir} (current: {os.readlink(args.index_dir / 'current')})")
    print("\n| processes | RSS MB (sum) | PSS MB (sum) | PSS anon | PSS file | shared clean |")
    print("|---|---|---|---|---|---|")
    rates: dict[int, float] = {}
    for n in (int(c) for c in args.counts.split(",")):
        with replicas(args.index_dir, n) as running:
            with httpx.Client() as client:
                for (_, url), query in itertools.product(running, QUERIES):
                    search(client, url, query)  # every replica warm, its pages touched
            total = dict.fromkeys(FIELDS, 0)
            for process, _ in running:
                for name, kb in smaps(process.pid).items():
                    total[name] += kb
            mb = {k: v / 1024 for k, v in total.items()}
            print(
                f"| {n} | {mb['Rss']:.0f} | {mb['Pss']:.0f} | {mb['Pss_Anon']:.0f} | "
                f"{mb['Pss_File']:.0f} | {mb['Shared_Clean']:.0f} |"
            )
            if n <= 2:
                rates[n] = load([url for _, url in running], args.clients, args.seconds)
    print(f"\n/v1/search, top_k 10, {args.clients} clients, {args.seconds:.0f} s each:")
    for n, rate in rates.items():
        print(f"| {n} process{'es' if n > 1 else ''} | {rate:.1f} requests/s |")
    if 1 in rates and 2 in rates:
        print(f"2 processes / 1: {rates[2] / rates[1]:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
