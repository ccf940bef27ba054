#!/usr/bin/env python
"""Build-speed benchmark: index the UN General Debate corpus (1,938 speeches).

Prints documents/s, embedding chunks/s, total seconds, peak RSS, index size on
disk, and the time of a no-change rebuild. Reads the corpus from
../shared/datasets (exits with a message when it is absent).

    .venv/bin/python bench/bench_build.py [--limit N] [--backend onnx|torch] [--index-dir DIR]
    .venv/bin/python bench/bench_build.py --compare [--limit N]

``--compare`` times, in one run on the same speeches, LangChain's default pipeline
(RecursiveCharacterTextSplitter 1000/200, the same MiniLM through sentence-transformers,
vectors in a flat FAISS index: what its quick-start builds), then our build with the
multilingual vectors off and with the default settings, each full and again with no
change, and prints each one's time as a multiple of LangChain's.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
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
    parser.add_argument(
        "--compare", action="store_true", help="LangChain, MULTILINGUAL=off and default"
    )
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
    if args.compare:
        compare(source, work, args.model_cache)
        shutil.rmtree(work, ignore_errors=True)
        return 0
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


def langchain_build(source: Path) -> tuple[float, int]:
    """LangChain's quick-start over the same speeches: split, embed, a flat index.
    Seconds (the model loaded before the clock starts, as for our build) and chunks."""
    import json

    import faiss
    from langchain_text_splitters import RecursiveCharacterTextSplitter
    from sentence_transformers import SentenceTransformer

    from index.embed import ModelFiles

    model = SentenceTransformer(str(ModelFiles.locate().path), device="cpu")
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    tick = time.perf_counter()
    texts = [json.loads(line)["text"] for line in source.open(encoding="utf-8")]
    chunks = [c for t in texts for c in splitter.split_text(t)]
    vectors = model.encode(chunks, batch_size=32, normalize_embeddings=True)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    return time.perf_counter() - tick, len(chunks)


def compare(source: Path, work: Path, model_cache: Path) -> None:
    """The three builds of ``--compare`` in one run, as a table."""
    from bench.machine import cpu_line
    from index.embed import load_embedder

    print(f"machine: {cpu_line()}")
    rows = []
    try:
        seconds, chunks = langchain_build(source)
        rows.append(("LangChain 1000/200 + MiniLM (sentence-transformers)", seconds, None, chunks))
    except ImportError as exc:
        print(f"LangChain's pipeline skipped: {exc}", file=sys.stderr)
    for multilingual in ("off", "all"):
        embed = EmbedConfig(cache_dir=model_cache, multilingual=multilingual)
        config = BuildConfig(sources=[source], index_dir=work / multilingual, embed=embed)
        embedder = load_embedder(config.embed, model_cache)
        tick = time.perf_counter()
        report = build_index(config, embedder=embedder)
        total = time.perf_counter() - tick
        tick = time.perf_counter()
        build_index(config, embedder=embedder)
        again = time.perf_counter() - tick
        stages = ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items())
        print(f"MULTILINGUAL={multilingual}: {total:.1f} s ({stages}); no change {again:.1f} s")
        rows.append((f"report-assistant, MULTILINGUAL={multilingual}", total, again, report.chunks))
    base = rows[0][1] if rows and rows[0][0].startswith("LangChain") else None
    print("\n| build | chunks | full (s) | × LangChain | no change (s) |")
    print("|---|---|---|---|---|")
    for name, seconds, again, chunks in rows:
        ratio = f"{seconds / base:.2f}" if base else "-"
        repeat = f"{again:.1f}" if again is not None else "-"
        print(f"| {name} | {chunks} | {seconds:.1f} | {ratio} | {repeat} |")


def _avg_tokens(config: BuildConfig) -> float:
    import sqlite3

    db = sqlite3.connect(config.index_dir / "current" / "store.sqlite")
    (avg,) = db.execute("SELECT avg(token_count) FROM chunks").fetchone()
    db.close()
    return float(avg or 0)


if __name__ == "__main__":
    sys.exit(main())
