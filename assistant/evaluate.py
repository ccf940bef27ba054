"""Retrieval and answer quality on BEIR-format data sets.

Metrics follow the usual IR definitions (as in pytrec_eval / BEIR): nDCG@10 with
graded gains 2^rel − 1 and log2 discounts, Recall@k over the judged-relevant
documents, MRR@10 of the first relevant document.
"""

from __future__ import annotations

import functools
import json
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.retrieve import Filters
from assistant.types import Answer, Citation
from index.errors import ConfigError

Qrels = dict[str, dict[str, int]]


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``q``% of the values at
    or below it (``q`` in (0, 100]); 0.0 for no values. No interpolation, so a p95 is
    always a latency that was measured. The one formula of ``assistant eval`` and of the
    benchmarks (``bench.harness`` re-exports it), so that the README's figures compare."""
    if not values:
        return 0.0
    if not 0 < q <= 100:
        raise ValueError(f"q={q}: give a percentage in (0, 100]")
    ordered = sorted(values)
    rank = max(1, math.ceil(len(ordered) * q / 100))
    return float(ordered[rank - 1])


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


# --- the labelled answer set (tests/data/answers.jsonl) ---------------------------


@dataclass(frozen=True)
class Expected:
    """A statement named by a labelled question: ``text`` is a piece of the sentence,
    or ``span`` its character range in the source file (for reports in ``../shared``,
    whose text the repository does not copy); ``doc`` a piece of the report's source
    path; ``speaker`` where it is checked."""

    doc: str
    text: str
    speaker: str | None = None
    check_speaker: bool = False
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Labelled:
    id: str
    question: str
    found: bool
    must: tuple[Expected, ...]
    ok: tuple[Expected, ...]
    must_not: tuple[Expected, ...]
    filters: dict[str, Any]
    needs_shared: bool = False


def filters_of(item: Labelled) -> Filters:
    """The request filters a labelled question is asked with."""
    raw = item.filters
    return Filters(
        date_from=raw.get("date_from"),
        date_to=raw.get("date_to"),
        sources=tuple(raw.get("sources", ())),
        languages=tuple(raw.get("languages", ())),
        document_ids=tuple(raw.get("document_ids", ())),
    )


def load_labelled(path: Path) -> list[Labelled]:
    """The labelled questions of a JSON Lines file (format: tests/data/README.md)."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            items.append(
                Labelled(
                    id=raw["id"],
                    question=raw["question"],
                    found=bool(raw["found"]),
                    must=tuple(_expected(e) for e in raw.get("must", [])),
                    ok=tuple(_expected(e) for e in raw.get("ok", [])),
                    must_not=tuple(_expected(e) for e in raw.get("must_not", [])),
                    filters=dict(raw.get("filters", {})),
                    needs_shared=bool(raw.get("needs_shared", False)),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{n}: not a labelled question ({exc})") from exc
    return items


def _expected(raw: Mapping[str, Any]) -> Expected:
    span = raw.get("span")
    if span is not None:
        start, end = (int(x) for x in span)
        return Expected(raw["doc"], "", raw.get("speaker"), "speaker" in raw, (start, end))
    return Expected(raw["doc"], raw["text"], raw.get("speaker"), "speaker" in raw)


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


@functools.lru_cache(maxsize=64)
def _file_text(source: str) -> str:
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def located(file_text: str, passage: str, start: int, doc_length: int) -> tuple[int, int]:
    """A passage's span in its source file's own offsets: ``start`` is its offset in the
    loaded text, which the loader may have normalised (then the passage is looked up near
    where it was, or placed in proportion)."""
    if file_text.startswith(passage, start):
        return start, start + len(passage)
    at = file_text.find(passage, max(0, start - 2000))
    if at < 0:
        at = file_text.find(passage)
    if at < 0:
        at = int(start * len(file_text) / max(1, doc_length))
    return at, at + len(passage)


def _matches(expected: Expected, citation: Citation) -> bool:
    if expected.doc not in citation.source:
        return False
    if expected.span is None:
        return _squash(expected.text) in _squash(citation.passage)
    text = _file_text(citation.source)
    if not text:
        return False
    start, end = located(text, citation.passage, citation.start, len(text))
    return start < expected.span[1] and end > expected.span[0]


def _label(expected: Expected) -> str:
    if expected.span is None:
        return expected.text
    return f"{expected.doc}[{expected.span[0]}:{expected.span[1]}]"


def score_labelled(
    items: Sequence[Labelled],
    answer: Callable[[Labelled], Answer],
) -> dict[str, Any]:
    """Statement recall and precision, speaker accuracy and "nothing found" accuracy of
    ``answer(item) -> Answer`` over ``items``.

    - recall: the ``must`` statements some citation quotes, over all of them;
    - precision: citations that quote a ``must`` or ``ok`` statement, over all citations
      of answerable questions (a citation quoting a ``must_not`` one never counts); the
      question put to a reply, cited on its own before it (``Statement.citations``), is
      read with its reply, not counted apart;
    - speaker accuracy: over cited ``must`` statements whose speaker is labelled;
    - nothing-found accuracy: questions whose ``found`` is as labelled; the citations
      given to unanswerable questions are counted on their own.
    """
    must = hit = cited = relevant = speakers = speakers_ok = right = forbidden = 0
    unanswerable_citations = 0
    misses: list[dict[str, Any]] = []
    for item in items:
        given = answer(item)
        found, citations = given.found, given.citations
        right += found == item.found
        bad = [c for c in citations for e in item.must_not if _matches(e, c)]
        forbidden += len(bad)
        if not item.found:
            unanswerable_citations += len(citations)
        missed = []
        for e in item.must:
            quoting = [c for c in citations if _matches(e, c)]
            must += 1
            if quoting:
                hit += 1
                if e.check_speaker:
                    speakers += 1
                    speakers_ok += quoting[0].speaker == e.speaker
            else:
                missed.append(_label(e))
        extra = []
        questions = {n for s in given.statements for n in s.citations[:-1]}
        if item.found:
            for c in citations:
                if c.n in questions:
                    continue
                cited += 1
                good = any(_matches(e, c) for e in (*item.must, *item.ok))
                good = good and c not in bad
                relevant += good
                if not good:
                    extra.append(c.passage[:80])
        if missed or extra or found != item.found or bad:
            misses.append({"id": item.id, "found": found, "missed": missed, "unexpected": extra})
    return {
        "questions": len(items),
        "statement_recall": round(hit / must, 4) if must else None,
        "statement_precision": round(relevant / cited, 4) if cited else None,
        "speaker_accuracy": round(speakers_ok / speakers, 4) if speakers else None,
        "nothing_found_accuracy": round(right / len(items), 4) if items else None,
        "citations_on_unanswerable": unanswerable_citations,
        "must_not_cited": forbidden,
        "misses": misses,
    }
