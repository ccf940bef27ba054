"""Retrieval and answer quality on BEIR-format data sets.

Metrics follow the usual IR definitions (as in pytrec_eval / BEIR): nDCG@10 with
graded gains 2^rel − 1 and log2 discounts, Recall@k over the judged-relevant
documents, MRR@10 of the first relevant document.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.measure import percentile
from index.errors import ConfigError

Qrels = dict[str, dict[str, int]]


def ndcg_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    dcg = sum(
        (2 ** relevant.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:k])
    )
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2**rel - 1) / math.log2(i + 2) for i, rel in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int) -> float:
    wanted = {d for d, rel in relevant.items() if rel > 0}
    if not wanted:
        return 0.0
    return len(wanted & set(ranked[:k])) / len(wanted)


def mrr_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    for i, doc in enumerate(ranked[:k]):
        if relevant.get(doc, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


@dataclass(frozen=True)
class Dataset:
    queries: dict[str, dict[str, Any]]
    qrels: Qrels


def load_dataset(folder: Path) -> Dataset:
    queries_path = folder / "queries.jsonl"
    qrels_path = next(
        (p for p in (folder / "qrels.tsv", folder / "qrels" / "test.tsv") if p.is_file()), None
    )
    if not queries_path.is_file() or qrels_path is None:
        raise ConfigError(
            f"{folder} is not a BEIR data set: it needs queries.jsonl and qrels.tsv "
            "(or qrels/test.tsv)"
        )
    queries = {}
    for line in queries_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            queries[str(q["_id"])] = q
    qrels: Qrels = {}
    for i, line in enumerate(qrels_path.read_text(encoding="utf-8").splitlines()):
        parts = line.split("\t")
        if len(parts) < 3 or (i == 0 and not parts[2].strip().lstrip("-").isdigit()):
            continue  # header or blank line
        qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    return Dataset({k: v for k, v in queries.items() if k in qrels}, qrels)


def unique_documents(document_ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(document_ids))


def evaluate_retrieval(
    dataset: Dataset, retrieve: Callable[[str], Sequence[str]]
) -> dict[str, float]:
    """``retrieve(question) -> ranked document ids``; mean of each metric."""
    totals = {"ndcg@10": 0.0, "recall@10": 0.0, "recall@100": 0.0, "mrr@10": 0.0}
    latencies = []
    for qid, query in dataset.queries.items():
        tick = time.perf_counter()
        ranked = unique_documents(retrieve(query["text"]))
        latencies.append((time.perf_counter() - tick) * 1000)
        relevant = dataset.qrels[qid]
        totals["ndcg@10"] += ndcg_at(ranked, relevant)
        totals["recall@10"] += recall_at(ranked, relevant, 10)
        totals["recall@100"] += recall_at(ranked, relevant, 100)
        totals["mrr@10"] += mrr_at(ranked, relevant)
    n = max(len(dataset.queries), 1)
    result = {k: round(v / n, 4) for k, v in totals.items()}
    if latencies:
        result["p50_ms"] = round(percentile(latencies, 50), 2)
        result["p95_ms"] = round(percentile(latencies, 95), 2)
    result["queries"] = len(dataset.queries)
    return result


def answer_contains_gold(answer_text: str, answers: Sequence[str]) -> bool:
    lowered = answer_text.lower()
    return any(a.strip() and a.strip().lower() in lowered for a in answers)


def evaluate_answers(
    dataset: Dataset, answer: Callable[[str], tuple[str, Sequence[str]]]
) -> dict[str, float]:
    """``answer(question) -> (answer text, cited document ids)`` for QA sets."""
    with_gold = [(qid, q) for qid, q in dataset.queries.items() if q.get("answers")]
    if not with_gold:
        return {}
    contains = cites = both = 0
    no_answer = 0
    for qid, q in with_gold:
        text, cited = answer(q["text"])
        relevant = {d for d, rel in dataset.qrels[qid].items() if rel > 0}
        has = answer_contains_gold(text, q["answers"])
        gold_cited = bool(relevant & set(cited))
        contains += has
        cites += gold_cited
        both += has and gold_cited
        no_answer += not cited
    n = len(with_gold)
    return {
        "answer_contains_gold": round(contains / n, 4),
        "citations_include_gold": round(cites / n, 4),
        "answer_and_citation": round(both / n, 4),
        "answered_nothing": round(no_answer / n, 4),
        "questions": n,
    }
