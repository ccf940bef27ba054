#!/usr/bin/env python
"""int8 vs fp32 ONNX vs sentence-transformers: throughput on the same texts, the guard's
figures, and what int8 does to retrieval on a labelled set (HotpotQA-500, dense only).

Also quantizes every op (onnxruntime's default) to show what the guard rejects.
One run, one machine: the ratios are what carries over.

    .venv/bin/python bench/bench_int8.py              # ~5 minutes on 2 cores
    .venv/bin/python bench/bench_int8.py --hotpot 0   # skip the labelled set
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_embed import make_chunks  # noqa: E402
from bench.machine import cpu_line  # noqa: E402
from index.config import EmbedConfig  # noqa: E402
from index.embed import (  # noqa: E402
    ModelFiles,
    OnnxEmbedder,
    TorchEmbedder,
    int8_file,
    load_embedder,
    onnx_file,
)
from index.quantize import guard, quantize_int8  # noqa: E402

HOTPOT = ROOT.parent / "shared" / "datasets" / "hotpotqa_dev_distractor_500"


def rates(
    embedders: dict[str, Callable[[list[str]], np.ndarray]], texts: list[str], repeats: int
) -> dict[str, float]:
    """Best texts/s of each, the backends taking turns in every round (a neighbour's load
    then falls on all of them alike)."""
    best = dict.fromkeys(embedders, 0.0)
    for embed in embedders.values():
        embed(texts[:8])  # warm up
    for _ in range(repeats):
        for name, embed in embedders.items():
            t = time.perf_counter()
            embed(texts)
            best[name] = max(best[name], len(texts) / (time.perf_counter() - t))
    return best


def hotpot_ndcg(embedders: dict[str, OnnxEmbedder], limit: int) -> dict[str, float]:
    """Dense nDCG@10 (binary qrels) of each embedder, documents and questions its own;
    also int8 documents with fp32 questions (what a server on fp32 would see)."""
    corpus = [json.loads(line) for line in (HOTPOT / "corpus.jsonl").open(encoding="utf-8")]
    queries = [json.loads(line) for line in (HOTPOT / "queries.jsonl").open(encoding="utf-8")]
    queries = queries[:limit]
    qrels: dict[str, set[str]] = {}
    for line in (HOTPOT / "qrels.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        qid, doc, *rest = line.split("\t")
        if not rest or float(rest[-1]) > 0:
            qrels.setdefault(qid, set()).add(doc)
    ids = [d["_id"] for d in corpus]
    texts = [f"{d['title']}\n{d['text']}" for d in corpus]
    vectors = {}
    for name, embedder in embedders.items():
        t = time.perf_counter()
        docs = embedder.embed(texts)
        questions = embedder.embed([q["text"] for q in queries])
        print(f"  hotpot {name}: {len(texts)} paragraphs in {time.perf_counter() - t:.0f} s")
        vectors[name] = (docs, questions)
    discount = 1 / np.log2(np.arange(2, 12))

    def ndcg(docs: np.ndarray, questions: np.ndarray) -> float:
        out = []
        for q, vec in zip(queries, questions, strict=True):
            relevant = qrels.get(q["_id"], set())
            top = np.argsort(-(docs @ vec))[:10]
            dcg = sum(discount[i] for i, r in enumerate(top) if ids[r] in relevant)
            ideal = discount[: min(10, len(relevant))].sum()
            out.append(dcg / ideal if ideal else 0.0)
        return float(np.mean(out))

    result = {name: ndcg(*v) for name, v in vectors.items()}
    if "int8" in vectors and "fp32" in vectors:
        result["int8 docs, fp32 questions"] = ndcg(vectors["int8"][0], vectors["fp32"][1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "var" / "bench" / "models")
    parser.add_argument("--n200", type=int, default=96, help="UN chunks of ~200 tokens")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--hotpot", type=int, default=500, help="questions; 0 = skip")
    args = parser.parse_args()
    print(f"CPU: {cpu_line()}")
    files = ModelFiles.locate()
    fp32 = load_embedder(EmbedConfig(backend="onnx", precision="fp32"), args.cache_dir)
    assert isinstance(fp32, OnnxEmbedder)
    int8_path = int8_file(files, args.cache_dir)
    if not int8_path.exists():
        quantize_int8(onnx_file(files, args.cache_dir), int8_path)
    int8 = OnnxEmbedder(int8_path, files, model_id=f"{files.model_id}:int8")
    all_ops = args.cache_dir / "all-ops-int8.onnx"
    if not all_ops.exists():
        from onnxruntime.quantization import quantize_dynamic

        quantize_dynamic(str(onnx_file(files, args.cache_dir)), str(all_ops))
    bad = OnnxEmbedder(all_ops, files, model_id="all-ops")
    print("guard (int8, MatMul only, per channel):", json.dumps(guard(fp32, int8)))
    print("guard (int8, every op, onnxruntime's default):", json.dumps(guard(fp32, bad)))

    texts = make_chunks(files, 200, args.n200)
    torch_embedder = TorchEmbedder(files)
    measured = rates(
        {
            "sentence-transformers (torch fp32)": torch_embedder.embed,
            "onnx fp32": fp32.embed,
            "onnx int8": int8.embed,
        },
        texts,
        args.repeats,
    )
    base = measured["sentence-transformers (torch fp32)"]
    print(
        f"\nthroughput, {len(texts)} UN chunks of ~200 WordPiece tokens (best of {args.repeats}):"
    )
    print("| backend | chunks/s | vs sentence-transformers |")
    print("|---|---|---|")
    for name, value in measured.items():
        print(f"| {name} | {value:.1f} | {value / base:.2f}× |")
    if args.hotpot:
        print(f"\nHotpotQA-500 dense nDCG@10, {args.hotpot} questions:")
        for name, value in hotpot_ndcg({"fp32": fp32, "int8": int8}, args.hotpot).items():
            print(f"| {name} | {value:.4f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
