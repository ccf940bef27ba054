#!/usr/bin/env python
"""Build-speed benchmark: index the UN General Debate corpus (1,938 speeches).

Prints documents/s, embedding chunks/s, total seconds, peak RSS, index size on
disk, and the time of a no-change rebuild. Reads the corpus from
../shared/datasets (exits with a message when it is absent).

    .venv/bin/python bench/bench_build.py [--limit N] [--backend onnx|torch] [--index-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from index.build import build_index
from index.config import BuildConfig, EmbedConfig

CORPUS = (
    Path(__file__).resolve().parents[1].parent
    / "shared/datasets/un_general_debate_2015_2024/corpus.jsonl"
)


def disk_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N speeches only")
    parser.add_argument("--backend", default="auto", choices=["auto", "onnx", "torch"])
    parser.add_argument("--index-dir", type=Path, default=None)
    parser.add_argument("--model-cache", type=Path, default=Path("var/models"))
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"{CORPUS} is absent: this benchmark needs ../shared/datasets", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    source = CORPUS
    if args.limit:
        source = work / "corpus.jsonl"
        with CORPUS.open(encoding="utf-8") as f, source.open("w", encoding="utf-8") as out:
            for i, line in enumerate(f):
                if i >= args.limit:
                    break
                out.write(line)
    index_dir = args.index_dir or work / "index"
    if index_dir.exists():
        shutil.rmtree(index_dir)
    config = BuildConfig(
        sources=[source],
        index_dir=index_dir,
        embed=EmbedConfig(backend=args.backend, cache_dir=args.model_cache),
    )
    # Load (and on first use export) the model before the clock starts: it is a
    # one-time cost per machine, not a cost of the build.
    from index.embed import load_embedder

    embedder = load_embedder(config.embed, args.model_cache)
    tick = time.perf_counter()
    report = build_index(config, embedder=embedder)
    total = time.perf_counter() - tick
    tick = time.perf_counter()
    again = build_index(config, embedder=embedder)
    rebuild = time.perf_counter() - tick
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    s = report.seconds
    print(f"corpus            {source.name} ({report.documents} documents, {report.chunks} chunks)")
    print(f"backend           {report.embed_backend}, threads={os.cpu_count()}")
    print(f"documents/s       {report.documents / total:.1f}")
    print(f"embedding chunks/s {report.vectors_embedded / s['embed']:.1f}")
    avg_tokens = _avg_tokens(config)
    print(f"tokens/chunk      {avg_tokens:.0f} cl100k (mean)")
    print(
        f"stage seconds     load {s['load']:.1f}, chunk {s['chunk']:.1f}, embed {s['embed']:.1f}, "
        f"write {s['write']:.1f}, validate {s['validate']:.1f}"
    )
    print(f"total seconds     {total:.1f}")
    print(f"peak RSS          {peak_mb:.0f} MiB")
    print(f"index on disk     {disk_size(index_dir / 'snapshots') / 2**20:.1f} MiB (snapshot)")
    print(
        f"no-change rebuild {rebuild:.1f} s ({again.status}, {again.vectors_embedded} embedded), "
        f"{100 * rebuild / total:.1f}% of the full build"
    )
    if not args.index_dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _avg_tokens(config: BuildConfig) -> float:
    import sqlite3

    db = sqlite3.connect(config.index_dir / "current" / "store.sqlite")
    (avg,) = db.execute("SELECT avg(token_count) FROM chunks").fetchone()
    db.close()
    return float(avg or 0)


if __name__ == "__main__":
    sys.exit(main())
