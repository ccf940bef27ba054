#!/usr/bin/env python
"""Each FAISS index type at several sizes: recall@10 vs exact, p50/p95 search, memory, build.

The vectors are our own: every MiniLM vector a UN-300 build cached (chunks and
statements of the first 300 UN General Debate speeches, ``var/un300``; build it with
``ASSISTANT_INDEX__EMBED__MULTILINGUAL=off``). Past their number the rows are
perturbed copies: row i = normalise(real[i mod n] + noise), the noise Gaussian with
norm ``--noise`` (0.5: cosine ~0.89 to its source). Isotropic noise spreads the copies
over all 384 dimensions, which makes neighbours harder to find than in real text
(a conservative recall). Queries are vectors of another corpus (Europarl debates,
``var/ep36``), never in the index. Exact search (``IndexFlatIP``) is the reference.

    .venv/bin/python bench/bench_index_types.py --sizes 29501,100000,300000
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import cpu_line  # noqa: E402
from index import vector_index  # noqa: E402
from index.config import VectorIndexConfig  # noqa: E402

MODEL_KEY = "all-MiniLM-L6-v2:53aa51172d14|text-v2"


def cached_vectors(index_dir: Path) -> np.ndarray:
    db = sqlite3.connect(f"file:{index_dir / 'cache' / 'vectors.sqlite'}?mode=ro", uri=True)
    blobs = db.execute(
        "SELECT vector FROM vectors WHERE model = ? ORDER BY hash", (MODEL_KEY,)
    ).fetchall()
    db.close()
    if not blobs:
        raise SystemExit(f"no cached MiniLM vectors in {index_dir}; build it first")
    return np.stack([np.frombuffer(b, dtype=np.float32) for (b,) in blobs])


def grow(real: np.ndarray, size: int, noise: float, seed: int = 7) -> np.ndarray:
    if size <= len(real):
        return real[:size].copy()
    rng = np.random.default_rng(seed)
    out = np.empty((size, real.shape[1]), dtype=np.float32)
    out[: len(real)] = real
    for start in range(len(real), size, 50_000):
        n = min(50_000, size - start)
        src = real[np.arange(start, start + n) % len(real)]
        e = rng.standard_normal(src.shape).astype(np.float32)
        e *= noise / np.linalg.norm(e, axis=1, keepdims=True)
        part = src + e
        out[start : start + n] = part / np.linalg.norm(part, axis=1, keepdims=True)
    return out


def timed_search(
    index: object, queries: np.ndarray, k: int, **kw: object
) -> tuple[np.ndarray, float, float]:
    rows = np.empty((len(queries), k), dtype=np.int64)
    times = []
    for i, q in enumerate(queries):
        t = time.perf_counter()
        _, r = vector_index.search(index, q, k, **kw)  # type: ignore[arg-type]
        times.append((time.perf_counter() - t) * 1000)
        rows[i, : len(r)] = r
        rows[i, len(r) :] = -1
    times.sort()
    return rows, statistics.median(times), times[int(0.95 * (len(times) - 1))]


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    hits = [
        len(set(f[f >= 0]) & set(t[t >= 0])) / max(1, (t >= 0).sum())
        for f, t in zip(found, truth, strict=True)
    ]
    return float(np.mean(hits))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, default=ROOT / "var" / "un300")
    parser.add_argument("--queries", type=Path, default=ROOT / "var" / "ep36")
    parser.add_argument("--sizes", default="29501,100000,300000")
    parser.add_argument("--ef-search", default="32,64,96,128,192")
    parser.add_argument("--m", type=int, default=32)
    parser.add_argument("--ef-construction", type=int, default=80)
    parser.add_argument("--noise", type=float, default=0.5)
    parser.add_argument("--n-queries", type=int, default=300)
    parser.add_argument("--filters", default="0.01,0.1,0.5", help="allowed fractions")
    args = parser.parse_args()
    import faiss

    print(f"CPU: {cpu_line()}; faiss {faiss.__version__}, {faiss.omp_get_max_threads()} threads")
    real = cached_vectors(args.base)
    queries = cached_vectors(args.queries)[: args.n_queries]
    print(f"{len(real)} real vectors from {args.base}, {len(queries)} queries from {args.queries}")
    k = 10
    efs = [int(x) for x in args.ef_search.split(",")]
    print("| type | rows | params | build s | file MB | p50 ms | p95 ms | recall@10 |")
    print("|---|---|---|---|---|---|---|---|")
    rng = np.random.default_rng(3)
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            data = grow(real, size, args.noise)
            results = {}
            for kind in ("flat", "hnsw"):
                config = VectorIndexConfig(
                    type=kind,
                    hnsw_m=args.m,
                    hnsw_ef_construction=args.ef_construction,
                    hnsw_ef_search=efs[0],
                )
                path = Path(tmp) / f"{kind}-{size}.faiss"
                t = time.perf_counter()
                choice = vector_index.write(path, data, config)
                build_s = time.perf_counter() - t
                index = vector_index.read(path, choice)
                mb = os.path.getsize(path) / 1e6
                if kind == "flat":
                    truth, p50, p95 = timed_search(
                        index, queries, k, allowed=None, exact_max_rows=0
                    )
                    results["flat"] = index
                    print(
                        f"| flat | {size} | — | {build_s:.1f} | {mb:.0f} | "
                        f"{p50:.2f} | {p95:.2f} | 1 |"
                    )
                    continue
                for ef in efs:
                    index.hnsw.efSearch = ef
                    found, p50, p95 = timed_search(
                        index, queries, k, allowed=None, exact_max_rows=0
                    )
                    print(
                        f"| hnsw | {size} | M={args.m} efC={args.ef_construction} efS={ef} | "
                        f"{build_s:.1f} | {mb:.0f} | {p50:.2f} | {p95:.2f} | "
                        f"{recall(found, truth):.4f} |"
                    )
                results["hnsw"] = index
            # Filtered searches: HNSW through vector_index.search vs exact with the filter.
            hnsw = results["hnsw"]
            hnsw.hnsw.efSearch = VectorIndexConfig().hnsw_ef_search
            for fraction in (float(f) for f in args.filters.split(",")):
                mask = rng.random(size) < fraction
                exact_rows, _, _ = timed_search(
                    results["flat"], queries[:100], k, allowed=mask, exact_max_rows=0
                )
                for limit in (0, VectorIndexConfig().exact_max_rows):
                    found, p50, p95 = timed_search(
                        hnsw, queries[:100], k, allowed=mask, exact_max_rows=limit
                    )
                    print(
                        f"| hnsw filtered {fraction:.0%} (exact up to {limit}) | {size} | "
                        f"efS={hnsw.hnsw.efSearch} | — | — | {p50:.2f} | {p95:.2f} | "
                        f"{recall(found, exact_rows):.4f} |"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
