#!/usr/bin/env python
"""The embedding stage local vs on Ray, on this machine's cores: the overhead of Ray,
and 1 vs 2 actors. Full builds of the first N UN General Debate speeches, each into an
empty index (nothing cached), the same driver-side model; the Ray snapshot's vectors
are compared with the local one's.

A projection for N machines is printed as a projection: measured here is one machine.

    .venv/bin/python bench/bench_ray.py [--limit 30] [--multilingual off|chunks|all]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bench.machine import cpu_line  # noqa: E402
from index.build import BuildReport, build_index  # noqa: E402
from index.config import BuildConfig, EmbedConfig  # noqa: E402
from index.embed import Embedder, load_embedder  # noqa: E402
from index.layout import IndexDir  # noqa: E402
from index.snapshot import Snapshot  # noqa: E402

CORPUS = ROOT.parent / "shared/datasets/un_general_debate_2015_2024/corpus.jsonl"


def first_speeches(limit: int, work: Path) -> Path:
    source = work / "corpus.jsonl"
    with CORPUS.open(encoding="utf-8") as f, source.open("w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i >= limit:
                break
            out.write(line)
    return source


def run(
    name: str, config: BuildConfig, embedder: Embedder, rows: list[dict[str, Any]]
) -> BuildReport:
    tick = time.perf_counter()
    report = build_index(config, embedder=embedder)
    total = time.perf_counter() - tick
    assert report.status == "built", report.error
    embed = report.seconds["embed"] + report.seconds.get("embed_multilingual", 0.0)
    rows.append(
        {
            "run": name,
            "embedded": report.vectors_embedded + report.multilingual_embedded,
            "embed_s": embed,
            "total_s": total,
        }
    )
    return report


def vectors(config: BuildConfig) -> np.ndarray:
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    snapshot = Snapshot.open(path)
    try:
        return snapshot.vectors_of(list(range(snapshot.chunk_count)))
    finally:
        snapshot.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=30, help="first N speeches")
    parser.add_argument("--multilingual", default="off", choices=["off", "chunks", "all"])
    parser.add_argument("--model-cache", type=Path, default=ROOT / "var/models")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"{CORPUS} is absent: this benchmark needs ../shared/datasets", file=sys.stderr)
        return 2
    import ray

    print(f"machine  {cpu_line()}; load average {os.getloadavg()[0]:.1f} at the start")
    print(f"ray      {ray.__version__}, local cluster on 127.0.0.1, num_cpus={os.cpu_count()}")
    work = Path(tempfile.mkdtemp(prefix="bench-ray-"))
    source = first_speeches(args.limit, work)

    def config(name: str, threads: int = 0, **kw: Any) -> BuildConfig:
        embed = EmbedConfig(
            cache_dir=args.model_cache, multilingual=args.multilingual, threads=threads
        )
        return BuildConfig(sources=[source], index_dir=work / name, embed=embed, **kw)

    embedder = load_embedder(config("x").embed, args.model_cache)  # exported once, untimed
    one_thread = load_embedder(config("x", threads=1).embed, args.model_cache)
    rows: list[dict[str, Any]] = []
    local = run("local, 2 threads (today's default)", config("local"), embedder, rows)
    run("local, 1 thread", config("local1", threads=1), one_thread, rows)
    tick = time.perf_counter()
    ray.init(
        address="local",
        num_cpus=os.cpu_count(),
        include_dashboard=False,
        _node_ip_address="127.0.0.1",
        logging_level=logging.ERROR,
        log_to_driver=False,
    )
    start_s = time.perf_counter() - tick
    try:
        for workers in (1, 2):
            cfg = config(f"ray{workers}", executor="ray", ray_workers=workers)
            run(f"ray, {workers} actor{'s' if workers > 1 else ''} x 1 thread", cfg, embedder, rows)
        diff = float(np.abs(vectors(config("local")) - vectors(config("ray2"))).max())
    finally:
        ray.shutdown()
    # run last as well: on shared cores the order of the runs shows in their figures
    run("local, 2 threads, again (last)", config("local-again"), embedder, rows)

    print(
        f"corpus   first {local.documents} UN speeches: {local.chunks} chunks, "
        f"{local.statements} statements; multilingual {args.multilingual}"
    )
    print(f"ray init {start_s:.1f} s (once per build when the build starts it; not in the table)")
    print("\n| run | texts embedded | embed stage s | texts/s | whole build s |")
    print("|---|---|---|---|---|")
    for r in rows:
        rate = r["embedded"] / r["embed_s"]
        print(
            f"| {r['run']} | {r['embedded']} | {r['embed_s']:.1f} | {rate:.1f} "
            f"| {r['total_s']:.1f} |"
        )
    print(f"\nmax |local - ray| over chunk vectors: {diff:.1e}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work on these cores)")
    by = {r["run"].split(" (")[0]: r for r in rows}
    base, one, two = (
        by["local, 2 threads"],
        by["ray, 1 actor x 1 thread"],
        by["ray, 2 actors x 1 thread"],
    )
    serial = base["total_s"] - base["embed_s"]
    print(f"ray 2 actors / local 2 threads, embed stage: {two['embed_s'] / base['embed_s']:.2f}x")
    speedup = one["embed_s"] / two["embed_s"]
    print(f"ray 2 actors vs 1 actor, embed stage:        {speedup:.2f}x faster")
    print(
        "PROJECTION (not measured): with M machines like this one, each running 2 actors, "
        f"the embed stage takes ~{two['embed_s']:.0f}/M s plus actor start-up, and the build "
        f"~{serial:.0f} s (load, chunk, write: serial, on the driver) + that."
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
