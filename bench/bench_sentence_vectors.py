#!/usr/bin/env python
"""Two ways to give the sentence layer its vectors, compared on answers and on cost.

    .venv/bin/python bench/bench_sentence_vectors.py [--index-dir var/calibrate/samples]

- **alone** (what the build does): each statement, without its attribution words, is
  embedded as a text of its own: one more model pass over short texts.
- **pooled**: no extra model pass; the token states of the chunk pass (title + chunk, as
  embedded for retrieval) are mean-pooled over each sentence's span (averaged over the
  chunks that hold it, where chunks overlap).

Both are scored with the labelled set (tests/data/answers.jsonl) through the composer,
on one index of the sample reports (and the seed, when ../shared is there). The cost of
each is timed in the same run on this machine: embedding the statements for "alone";
the chunk pass with token states kept plus the pooling for "pooled" (in a build the
chunk pass is paid anyway, so pooling's extra cost is the pooling alone, also printed).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant import compose  # noqa: E402
from assistant.evaluate import Labelled, filters_of, load_labelled, score_labelled  # noqa: E402
from assistant.retrieve import allowed_documents, search  # noqa: E402
from assistant.types import Answer  # noqa: E402
from index.build import build_index  # noqa: E402
from index.chunk import title_prefix  # noqa: E402
from index.config import BuildConfig  # noqa: E402
from index.embed import OnnxEmbedder, load_embedder  # noqa: E402
from index.layout import IndexDir  # noqa: E402
from index.snapshot import Snapshot  # noqa: E402

LABELLED = REPO / "tests" / "data" / "answers.jsonl"
SEED = REPO.parent / "shared" / "seed"


def pooled_vectors(snapshot: Snapshot, embedder: OnnxEmbedder) -> tuple[np.ndarray, float, float]:
    """Statement vectors pooled from the chunk pass; (vectors, pass seconds, pool seconds)."""
    dim = snapshot.sentence_vectors.shape[1]
    sums = np.zeros((len(snapshot.sentence_vectors), dim), dtype=np.float64)
    counts = np.zeros(len(snapshot.sentence_vectors), dtype=np.int64)
    pass_s = pool_s = 0.0
    tokenizer = embedder._wordpiece.truncating
    session = embedder._session
    for document in snapshot.documents():
        head = title_prefix(document)
        statements = [s for s in snapshot.sentences_of(document.id) if s.vector_row >= 0]
        for stored in snapshot.chunks_of(document.id):
            chunk = stored.chunk
            tick = time.perf_counter()
            encoding = tokenizer.encode(head + chunk.text)
            ids = np.array([encoding.ids], dtype=np.int64)
            feeds = {
                "input_ids": ids,
                "attention_mask": np.ones_like(ids),
                "token_type_ids": np.zeros_like(ids),
            }
            hidden = session.run(["last_hidden_state"], feeds)[0][0]
            tock = time.perf_counter()
            pass_s += tock - tick
            # document offset of each token (special tokens and the title get -1)
            starts = np.array(
                [
                    chunk.start + a - len(head) if a >= len(head) and b > a else -1
                    for a, b in encoding.offsets
                ]
            )
            for s in statements:
                r = s.record
                if r.end <= chunk.start or r.start >= chunk.end:
                    continue
                inside = (starts >= r.start) & (starts < r.end)
                if inside.any():
                    sums[s.vector_row] += hidden[inside].mean(axis=0)
                    counts[s.vector_row] += 1
            pool_s += time.perf_counter() - tock
    vectors = sums / np.maximum(counts, 1)[:, None]
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return vectors.astype(np.float32), pass_s, pool_s


def evaluate(snapshot: Snapshot, embedder: Any, items: list[Labelled]) -> dict[str, Any]:
    def answer(item: Labelled) -> Answer:
        filters = filters_of(item)
        vector = embedder.embed_query(item.question)
        passages = search(snapshot, vector, item.question, 8, filters)
        result = compose.compose_answer(
            item.question,
            passages,
            vector,
            snapshot,
            allowed=allowed_documents(snapshot, filters),
            embed_query=embedder.embed_query,
        )
        return result

    return score_labelled(items, answer)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / "var" / "calibrate" / "samples")
    args = parser.parse_args()
    sources = [REPO / "examples" / "reports"] + ([SEED] if SEED.is_dir() else [])
    config = BuildConfig(sources=sources, index_dir=args.index_dir)
    build_index(config)
    embedder = load_embedder(
        config.embed, config.embed.cache_dir or IndexDir(args.index_dir).models
    )
    if not isinstance(embedder, OnnxEmbedder):
        print("the pooled variant needs the ONNX backend", file=sys.stderr)
        return 2
    path = IndexDir(args.index_dir).current_path()
    assert path is not None
    snapshot = Snapshot.open(path)
    items = [i for i in load_labelled(LABELLED) if SEED.is_dir() or not i.needs_shared]
    statements = [
        s.record.content
        for d in snapshot.documents()
        for s in snapshot.sentences_of(d.id)
        if s.vector_row >= 0
    ]
    tick = time.perf_counter()
    embedder.embed(statements)
    alone_s = time.perf_counter() - tick
    alone = evaluate(snapshot, embedder, items)
    pooled, pass_s, pool_s = pooled_vectors(snapshot, embedder)
    snapshot.sentence_vectors = pooled
    pooled_result = evaluate(snapshot, embedder, items)
    keys = ("statement_recall", "statement_precision", "speaker_accuracy", "nothing_found_accuracy")
    print(f"{len(statements)} statements, {snapshot.chunk_count} chunks")
    print(f"{'vectors':<8} " + " ".join(f"{k:>22}" for k in keys) + "   cost (s)")
    print(
        f"{'alone':<8} " + " ".join(f"{alone[k]:>22}" for k in keys) + f"   {alone_s:.2f} embedding"
    )
    print(
        f"{'pooled':<8} "
        + " ".join(f"{pooled_result[k]:>22}" for k in keys)
        + f"   {pool_s:.2f} pooling (+{pass_s:.2f} chunk pass, paid by the build anyway)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
