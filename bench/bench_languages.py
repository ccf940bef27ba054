"""Retrieval across languages on the UDHR (``../shared/datasets/udhr_multilingual``).

The Declaration's 31 units (preamble, Articles 1-30) are aligned across languages. For
each pair (question language → corpus language) an index holds the 31 units in the
corpus language, and each unit's first sentence in the question language is a
question whose one relevant document is the same unit. A same-language pair is easier
(the question's words are in its document); so each same-language pair is also run
over the units without their first sentence ("ru → ru-rest", units of one sentence left
out). Prints R@10 and nDCG@10 for MiniLM + BM25 as before ("hybrid-minilm"), MiniLM
alone, multilingual-e5 alone, and the served hybrid; then the build throughput of both
models on a UN General Debate subset, query latency, and the CPU.

    .venv/bin/python bench/bench_languages.py [--out var/bench-languages] [--un-chunks 120]
        [--skip-udhr]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.evaluate import ndcg_at, recall_at, unique_documents  # noqa: E402
from assistant.retrieve import search  # noqa: E402
from index.build import build_index  # noqa: E402
from index.chunk import chunk_document  # noqa: E402
from index.config import BuildConfig, EmbedConfig  # noqa: E402
from index.embed import Embedder, load_embedder  # noqa: E402
from index.layout import IndexDir  # noqa: E402
from index.load import load_sources  # noqa: E402
from index.models import Document  # noqa: E402
from index.multilingual import E5Embedder  # noqa: E402
from index.snapshot import Snapshot  # noqa: E402

SHARED = REPO.parent / "shared" / "datasets"
# UDHR file code → ISO 639-1 (the code our documents carry)
LANGUAGES = {
    "eng": "en",
    "rus": "ru",
    "cmn_hans": "zh",
    "fra": "fr",
    "arb": "ar",
    "spa": "es",
    "deu": "de",
}
PAIRS = [
    ("en", "ru"),
    ("ru", "en"),
    ("en", "zh"),
    ("zh", "en"),
    ("en", "fr"),
    ("fr", "en"),
    ("en", "ar"),
    ("ar", "en"),
    ("es", "en"),
    ("de", "en"),
    ("ru", "zh"),
    ("en", "en"),
    ("ru", "ru"),
    ("zh", "zh"),
    ("fr", "fr"),
    ("ar", "ar"),
    # same language, the question's sentence taken out of its document: the document must
    # be found by what the rest of it says
    ("en", "en-rest"),
    ("ru", "ru-rest"),
    ("zh", "zh-rest"),
    ("fr", "fr-rest"),
    ("ar", "ar-rest"),
]
MODES = ("hybrid-minilm", "dense", "multilingual", "hybrid")
_FIRST_SENTENCE = re.compile(r"^.+?[.!?;:。！？；：؟](?=\s|$)|^.+?[。！？；]", re.S)


def first_sentence(text: str) -> str:
    """The unit's first sentence (at most 300 characters): a question-sized text."""
    text = " ".join(text.split())
    match = _FIRST_SENTENCE.match(text)
    return (match.group(0) if match else text)[:300]


def load_units() -> dict[str, dict[str, str]]:
    """language → unit ("art07") → text, for the languages above."""
    units: dict[str, dict[str, str]] = {code: {} for code in LANGUAGES.values()}
    with (SHARED / "udhr_multilingual" / "corpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            lang_file, unit = record["_id"].split(":")
            if lang_file in LANGUAGES:
                units[LANGUAGES[lang_file]][unit] = record["text"]
    return units


def build_language(
    out: Path, corpus_key: str, units: dict[str, str], embedder: Embedder, e5: E5Embedder
) -> Snapshot:
    language = corpus_key.split("-")[0]
    folder = out / corpus_key
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for unit, text in sorted(units.items()):
            f.write(json.dumps({"_id": unit, "text": text, "language": language}) + "\n")
    config = BuildConfig(
        sources=[corpus],
        index_dir=folder / "index",
        embed=EmbedConfig(cache_dir=out / "models", multilingual="chunks"),
    )
    build_index(config, embedder=embedder, multilingual=e5)
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    return Snapshot.open(path)


def evaluate(
    snapshot: Snapshot,
    questions: dict[str, tuple[str, np.ndarray, np.ndarray]],
    mode: str,
) -> tuple[float, float]:
    """Mean R@10 and nDCG@10; ``questions``: unit → (text, MiniLM vector, e5 vector)."""
    ndcg, recall = [], []
    for unit, (text, vector, ml_vector) in questions.items():
        passages = search(snapshot, vector, text, 10, mode=mode, multilingual_vector=ml_vector)
        ranked = unique_documents([p.document_id for p in passages])
        ndcg.append(ndcg_at(ranked, {unit: 1}))
        recall.append(recall_at(ranked, {unit: 1}, 10))
    return statistics.fmean(recall), statistics.fmean(ndcg)


def cpu() -> str:
    try:
        lines = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return platform.processor()
    info = dict(line.split(":", 1) for line in lines.splitlines() if ":" in line)
    flags = info.get("Flags", "")
    simd = [f for f in ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile") if f in flags]
    name, cpus = info.get("Model name", "?").strip(), info.get("CPU(s)", "?").strip()
    return f"{name}, {cpus} CPUs, {' '.join(simd)}"


def throughput(embedder: Embedder, e5: E5Embedder, n_chunks: int) -> dict[str, float]:
    """Chunks/s of MiniLM and of e5 over the first ``n_chunks`` chunks of the UN corpus,
    one model after the other in this run."""
    from index.config import ChunkConfig

    corpus = SHARED / "un_general_debate_2015_2024" / "corpus.jsonl"
    texts: list[str] = []
    for item in load_sources([corpus], BuildConfig(sources=[corpus])):
        if not isinstance(item, Document):
            continue
        for chunk in chunk_document(item, ChunkConfig(), embedder.wordpiece_counts):
            texts.append(f"{item.title}\n{chunk.text}" if item.title else chunk.text)
        if len(texts) >= n_chunks:
            break
    texts = texts[:n_chunks]
    tick = time.perf_counter()
    embedder.embed(texts)
    minilm = len(texts) / (time.perf_counter() - tick)
    tick = time.perf_counter()
    e5.embed_passages(texts)
    multilingual = len(texts) / (time.perf_counter() - tick)
    latencies = {"minilm": [], "e5": []}  # type: dict[str, list[float]]
    for text in texts[:40]:
        question = text[:80]
        tick = time.perf_counter()
        embedder.embed_query(question)
        latencies["minilm"].append((time.perf_counter() - tick) * 1000)
        tick = time.perf_counter()
        e5.embed_query(question)
        latencies["e5"].append((time.perf_counter() - tick) * 1000)
    return {
        "chunks": len(texts),
        "minilm_chunks_per_s": round(minilm, 1),
        "e5_chunks_per_s": round(multilingual, 1),
        "minilm_query_ms_p50": round(float(np.median(latencies["minilm"])), 1),
        "e5_query_ms_p50": round(float(np.median(latencies["e5"])), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "var" / "bench-languages")
    parser.add_argument("--un-chunks", type=int, default=120, help="0: skip throughput")
    parser.add_argument("--skip-udhr", action="store_true", help="throughput only")
    args = parser.parse_args()
    if not (SHARED / "udhr_multilingual").is_dir():
        sys.exit(f"{SHARED / 'udhr_multilingual'} is absent")
    print(f"CPU: {cpu()}; {time.strftime('%Y-%m-%d %H:%M')}", flush=True)
    embedder = load_embedder(EmbedConfig(), args.out / "models")
    e5 = E5Embedder()
    if args.skip_udhr:
        print(json.dumps(throughput(embedder, e5, args.un_chunks)))
        return
    units = load_units()
    for lang in list(units):
        rest = {u: t[len(first_sentence(t)) :].strip() for u, t in units[lang].items()}
        units[f"{lang}-rest"] = {u: t for u, t in rest.items() if t}
    snapshots = {
        key: build_language(args.out, key, units[key], embedder, e5)
        for key in sorted({c for _, c in PAIRS})
    }
    header = " | ".join(f"{m} R@10 / nDCG@10" for m in MODES)
    print(f"| question → corpus | {header} |")
    print("|---|" + "---|" * len(MODES))
    results = {}
    asked: dict[str, dict[str, tuple[str, np.ndarray, np.ndarray]]] = {}
    for question_lang, corpus_lang in PAIRS:
        if question_lang not in asked:
            texts = {u: first_sentence(t) for u, t in units[question_lang].items()}
            asked[question_lang] = {
                u: (t, embedder.embed_query(t), e5.embed_query(t)) for u, t in texts.items()
            }
        # the units the corpus holds (a "-rest" corpus lacks the one-sentence units)
        questions = {u: q for u, q in asked[question_lang].items() if u in units[corpus_lang]}
        row = {m: evaluate(snapshots[corpus_lang], questions, m) for m in MODES}
        results[f"{question_lang}->{corpus_lang}"] = row
        cells = " | ".join(f"{r:.3f} / {n:.3f}" for r, n in row.values())
        print(f"| {question_lang} → {corpus_lang} | {cells} |", flush=True)
    if args.un_chunks:
        print(json.dumps(throughput(embedder, e5, args.un_chunks)))


if __name__ == "__main__":
    main()
