#!/usr/bin/env python
"""Embedding throughput, torch vs onnx, on chunks of ~200 and ~50 WordPiece tokens.

Chunks are cut from the UN General Debate corpus in ../shared/datasets. Prints
chunks/s (best and median of --repeats) for each backend, thread count and batch
size, and the smallest cosine between the two backends' vectors.

    .venv/bin/python scripts/bench_embed.py
    .venv/bin/python scripts/bench_embed.py --threads 1,2 --batch-sizes 4,8,16,32,64
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.config import EmbedConfig  # noqa: E402
from index.embed import (  # noqa: E402
    Embedder,
    ModelFiles,
    OnnxEmbedder,
    TorchEmbedder,
    load_embedder,
    min_cosine,
)

DATASETS = ROOT.parent / "shared" / "datasets"
CORPUS = DATASETS / "un_general_debate_2015_2024" / "corpus.jsonl"


def counting_tokenizer(files: ModelFiles) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(files.path / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def make_chunks(files: ModelFiles, tokens: int, count: int) -> list[str]:
    """``count`` consecutive corpus spans of ``tokens`` WordPiece tokens ([CLS]/[SEP] included)."""
    tokenizer = counting_tokenizer(files)
    chunks: list[str] = []
    with CORPUS.open(encoding="utf-8") as corpus:
        for line in corpus:
            text = json.loads(line)["text"]
            offsets = tokenizer.encode(text, add_special_tokens=False).offsets
            body = tokens - 2
            for start in range(0, len(offsets) - body + 1, body):
                chunks.append(text[offsets[start][0] : offsets[start + body - 1][1]])
                if len(chunks) == count:
                    return chunks
    return chunks


def rate(embedder: Embedder, texts: list[str], repeats: int) -> tuple[float, float]:
    """Best and median chunks/s over ``repeats`` timed runs after one warm-up batch."""
    embedder.embed(texts[:16])
    rates = []
    for _ in range(repeats):
        t = time.perf_counter()
        embedder.embed(texts)
        rates.append(len(texts) / (time.perf_counter() - t))
    return max(rates), statistics.median(rates)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n200", type=int, default=256, help="chunks of ~200 tokens")
    parser.add_argument("--n50", type=int, default=768, help="chunks of ~50 tokens")
    parser.add_argument("--threads", default="0", help="comma list; 0 = one per core")
    parser.add_argument("--batch-sizes", default="16,32", help="comma list")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backends", default="torch,onnx")
    parser.add_argument(
        "--cache-dir", type=Path, default=ROOT / "var" / "bench" / "models", help="ONNX export"
    )
    parser.add_argument(
        "--torch-bf16",
        action="store_true",
        help="also measure torch under bf16 autocast (information only, never used to index)",
    )
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"benchmark corpus not found: {CORPUS} (expected ../shared/datasets beside the repo)")
        return 2

    files = ModelFiles.locate()
    sets = {"c200": make_chunks(files, 200, args.n200), "c50": make_chunks(files, 50, args.n50)}
    thread_list = [int(t) for t in args.threads.split(",")]
    batch_sizes = [int(b) for b in args.batch_sizes.split(",")]
    backends = args.backends.split(",")
    print(f"cpus={os.cpu_count()} loadavg={os.getloadavg()[0]:.2f} model={files.model_id}")
    for name, texts in sets.items():
        counts = [len(e.ids) for e in counting_tokenizer(files).encode_batch(texts)]
        print(f"{name}: {len(texts)} chunks, mean {np.mean(counts):.1f} WordPiece tokens")

    t = time.perf_counter()
    onnx_default = load_embedder(EmbedConfig(backend="onnx"), args.cache_dir)
    onnx_load = time.perf_counter() - t
    record_path = next(args.cache_dir.glob("*.json"))
    record = json.loads(record_path.read_text(encoding="utf-8"))
    print(
        f"onnx: load {onnx_load:.1f} s (export recorded {record['export_seconds']} s, "
        f"probe min cosine {record['min_cosine']}, matches={record['matches']})"
    )
    onnx_path = args.cache_dir / record["onnx"]

    results: list[tuple[str, int, int, str, float, float]] = []
    vectors: dict[tuple[str, str], np.ndarray] = {}
    for backend in backends:
        for threads in thread_list:
            for batch_size in batch_sizes:
                embedder: TorchEmbedder | OnnxEmbedder
                if backend == "torch":
                    embedder = TorchEmbedder(files, batch_size=batch_size, threads=threads)
                else:
                    embedder = OnnxEmbedder(
                        onnx_path,
                        files,
                        model_id=onnx_default.model_id,
                        batch_size=batch_size,
                        threads=threads,
                    )
                for name, texts in sets.items():
                    best, median = rate(embedder, texts, args.repeats)
                    results.append((backend, threads, batch_size, name, best, median))
                    print(
                        f"  {backend:5} threads={threads or 'cores'} batch={batch_size:3} "
                        f"{name}: best {best:6.1f}  median {median:6.1f} chunks/s",
                        flush=True,
                    )
                    vectors.setdefault((backend, name), embedder.embed(texts))
    if args.torch_bf16:
        bench_bf16(files, sets, vectors, args.repeats, batch_sizes[0])

    print("\nsummary (best chunks/s):")
    for name in sets:
        for backend in backends:
            rows = [r for r in results if r[0] == backend and r[3] == name]
            top = max(rows, key=lambda r: r[4])
            print(
                f"  {name} {backend:5}: {top[4]:6.1f} chunks/s "
                f"(threads={top[1] or 'cores'}, batch={top[2]})"
            )
        if ("torch", name) in vectors and ("onnx", name) in vectors:
            cosine = min_cosine(vectors["torch", name], vectors["onnx", name])
            print(f"  {name} min cosine onnx vs torch: {cosine:.7f}")
    print(f"loadavg at end {os.getloadavg()[0]:.2f} (other work on the machine skews numbers)")
    return 0


def bench_bf16(
    files: ModelFiles,
    sets: dict[str, list[str]],
    vectors: dict[tuple[str, str], np.ndarray],
    repeats: int,
    batch_size: int,
) -> None:
    """torch with bf16 autocast (AMX where the CPU has it): how fast, how far from fp32."""
    import torch

    embedder = TorchEmbedder(files, batch_size=batch_size)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        for name, texts in sets.items():
            best, median = rate(embedder, texts, repeats)
            line = f"  torch-bf16 batch={batch_size} {name}: best {best:6.1f}  median {median:6.1f}"
            if ("torch", name) in vectors:
                cosine = min_cosine(embedder.embed(texts), vectors["torch", name])
                line += f"  min cosine vs fp32 torch {cosine:.7f}"
            print(line, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
