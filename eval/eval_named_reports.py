#!/usr/bin/env python
"""Questions that name a report: is that report first, is the answer's page in the top 10?

    .venv/bin/python tools/make_sample_pdfs.py --out var/sample-pdfs
    .venv/bin/python eval/eval_named_reports.py --pdfs var/sample-pdfs --index-dir var/named

Builds an index of the sample annual reports (once; ``--rebuild`` to redo it), then
asks every question of ``questions.jsonl`` (a company and a fiscal year named in each)
and counts, for each ``name_weight`` (0 = the report's name is not weighed, as before)
and each set of questions (``tuning``: the weight was chosen on these; ``held-out``:
questions on the financial tables, never used to choose it): the right report ranked
first, and a passage of the right report on the page that holds the answer among the
first 10 passages.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from assistant.retrieve import NAME_WEIGHT, search
from assistant.service import AssistantService
from assistant.types import Passage
from index.build import build_index
from index.config import BuildConfig, EmbedConfig


def passage_pages(p: Passage) -> set[int]:
    first, last = p.page_at(p.start), p.page_at(p.end - 1)
    return set(range(first, last + 1)) if first and last else set()


def read_questions(pdfs: Path) -> list[dict[str, Any]] | None:
    """The questions ``tools/make_sample_pdfs.py`` wrote beside the reports; None, with a
    message, when they are missing."""
    questions_file = pdfs / "questions.jsonl"
    if not questions_file.is_file():
        print(f"{questions_file} missing: run tools/make_sample_pdfs.py", file=sys.stderr)
        return None
    return [json.loads(line) for line in questions_file.read_text().splitlines() if line]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=Path, default=Path("var/sample-pdfs"))
    parser.add_argument("--index-dir", type=Path, default=Path("var/named-reports"))
    parser.add_argument("--model-cache", type=Path, default=Path("var/models"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--weights", default=f"0,{NAME_WEIGHT}", help="name weights to compare")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    questions = read_questions(args.pdfs)
    if questions is None:
        return 2
    config = BuildConfig(
        sources=[args.pdfs], index_dir=args.index_dir, embed=EmbedConfig(cache_dir=args.model_cache)
    )
    if args.rebuild or not (args.index_dir / "current").exists():
        report = build_index(config, full=True)
        seconds = report.seconds
        print(f"built: {report.documents} documents, {report.chunks} chunks; seconds {seconds}")
        load_share = seconds["load"] / seconds["total"]
        print(f"load (PDF extraction + cleaning) share of the build: {load_share:.1%}")
        for named in report.naming[:3]:
            print(json.dumps(named))
    service = AssistantService(config, max_top_k=100)
    service.load()
    snapshot = service.state.snapshot
    vectors = {q["question"]: service.embedder.embed_query(q["question"]) for q in questions}
    print(f"{len(questions)} questions over {snapshot.document_count} reports")
    sets = sorted({q.get("set", "tuning") for q in questions}, reverse=True)
    for weight in (float(w) for w in args.weights.split(",")):
        for name in sets:
            asked = [q for q in questions if q.get("set", "tuning") == name]
            first = on_page = 0
            for q in asked:
                question = q["question"]
                passages = search(snapshot, vectors[question], question, 10, name_weight=weight)
                right = bool(passages) and passages[0].document_id == q["document"]
                pages = set().union(
                    *(passage_pages(p) for p in passages if p.document_id == q["document"])
                )
                hit = bool(pages & set(q["pages"]))
                first += right
                on_page += hit
                if args.show_misses and not (right and hit):
                    print(f"  miss w={weight}: {question} -> {passages[0].document_id}")
            n = len(asked)
            print(
                f"name_weight {weight:g}, {name} ({n} questions): right report first "
                f"{first / n:.2f}; answer page in top 10 {on_page / n:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
