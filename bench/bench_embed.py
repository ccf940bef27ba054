#!/usr/bin/env python
"""Embedding throughput, torch vs onnx, on chunks of ~200 and ~50 WordPiece tokens.

Chunks are cut from the UN General Debate corpus in ../shared/datasets. Prints
chunks/s (best and median of --repeats rounds) for each backend, thread count and
batch size, and the smallest cosine between each backend's vectors and torch's.

    .venv/bin/python bench/bench_embed.py
    .venv/bin/python bench/bench_embed.py --threads 1,2 --batch-sizes 4,8,16,32,64 --torch-bf16
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.config import EmbedConfig  # noqa: E402
from index.embed import (  # noqa: E402
    ModelFiles,
    OnnxEmbedder,
    TorchEmbedder,
    load_embedder,
    min_cosine,
    onnx_file,
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


@dataclass
class Candidate:
    """One backend setting under test; ``embed`` sets what it needs (threads, autocast)."""

    label: str
    backend: str
    embed: Callable[[list[str]], np.ndarray]
    rates: dict[str, list[float]] = field(default_factory=dict)


def torch_candidate(files: ModelFiles, batch_size: int, threads: int, bf16: bool) -> Candidate:
    import torch

    embedder = TorchEmbedder(files, batch_size=batch_size, threads=threads)

    def embed(texts: list[str]) -> np.ndarray:
        torch.set_num_threads(threads or os.cpu_count() or 1)  # process-wide: set per run
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            return embedder.embed(texts)

    name = "torch-bf16" if bf16 else "torch"
    return Candidate(f"{name:10} threads={threads or 'cores'} batch={batch_size:3}", name, embed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n200", type=int, default=128, help="chunks of ~200 tokens")
    parser.add_argument("--n50", type=int, default=512, help="chunks of ~50 tokens")
    parser.add_argument("--threads", default="0", help="comma list; 0 = one per core")
    parser.add_argument("--batch-sizes", default="8,32", help="comma list")
    parser.add_argument("--repeats", type=int, default=3, help="rounds over every setting")
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
        print(
            f"benchmark corpus not found: {CORPUS} (expected ../shared/datasets beside the repo)",
            file=sys.stderr,
        )
        return 2

    files = ModelFiles.locate()
    sets = {"c200": make_chunks(files, 200, args.n200), "c50": make_chunks(files, 50, args.n50)}
    print(f"cpus={os.cpu_count()} loadavg={os.getloadavg()[0]:.2f} model={files.model_id}")
    for name, texts in sets.items():
        counts = [len(e.ids) for e in counting_tokenizer(files).encode_batch(texts)]
        print(f"{name}: {len(texts)} chunks, mean {np.mean(counts):.1f} WordPiece tokens")

    t = time.perf_counter()
    onnx_default = load_embedder(EmbedConfig(backend="onnx"), args.cache_dir)
    print(f"onnx load_embedder: {time.perf_counter() - t:.1f} s")
    onnx_path = onnx_file(files, args.cache_dir)
    record = json.loads(onnx_path.with_suffix(".json").read_text(encoding="utf-8"))
    print(
        f"onnx record: export {record['export_seconds']} s, probe min cosine "
        f"{record['min_cosine']}, matches={record['matches']}"
    )

    candidates: list[Candidate] = []
    for backend in args.backends.split(","):
        for threads in (int(t) for t in args.threads.split(",")):
            for batch_size in (int(b) for b in args.batch_sizes.split(",")):
                if backend == "torch":
                    candidates.append(torch_candidate(files, batch_size, threads, bf16=False))
                    continue
                onnx = OnnxEmbedder(
                    onnx_path,
                    files,
                    model_id=onnx_default.model_id,
                    batch_size=batch_size,
                    threads=threads,
                )
                label = f"{'onnx':10} threads={threads or 'cores'} batch={batch_size:3}"
                candidates.append(Candidate(label, "onnx", onnx.embed))
    if args.torch_bf16:
        batch_size = int(args.batch_sizes.split(",")[0])
        candidates.append(torch_candidate(files, batch_size, 0, bf16=True))

    # Rounds over every setting, so a burst of other work on the machine hits all alike.
    vectors: dict[tuple[str, str], np.ndarray] = {}
    for candidate in candidates:
        for name, texts in sets.items():
            vectors.setdefault((candidate.backend, name), candidate.embed(texts))  # + warm-up
    for round_ in range(args.repeats):
        for candidate in candidates:
            for name, texts in sets.items():
                t = time.perf_counter()
                candidate.embed(texts)
                rate = len(texts) / (time.perf_counter() - t)
                candidate.rates.setdefault(name, []).append(rate)
        print(f"round {round_ + 1}/{args.repeats} done, loadavg {os.getloadavg()[0]:.2f}")

    print("\nchunks/s, best and median of the rounds:")
    for candidate in candidates:
        cells = [
            f"{name} {max(r):6.1f} / {statistics.median(r):6.1f}"
            for name, r in candidate.rates.items()
        ]
        print(f"  {candidate.label}  " + "   ".join(cells))
    print("\nmin cosine against torch (sentence-transformers, fp32):")
    for backend in dict.fromkeys(c.backend for c in candidates if c.backend != "torch"):
        for name in sets:
            if ("torch", name) in vectors:
                cosine = min_cosine(vectors[backend, name], vectors["torch", name])
                print(f"  {backend:10} {name}: {cosine:.7f}")
    print(f"loadavg at end {os.getloadavg()[0]:.2f} (other work on the machine skews numbers)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
