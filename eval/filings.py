#!/usr/bin/env python
"""Figures asked of annual reports: does the answer give the figure the question asks for?

    .venv/bin/python tools/make_sample_pdfs.py --out var/sample-pdfs
    .venv/bin/python eval/filings.py --pdfs var/sample-pdfs --index-dir var/named-reports

Builds (or brings up to date) an index of the sample annual reports, MiniLM only (they
are English; ``--multilingual`` to change it), then asks every question of
``questions.jsonl`` unscoped, as a reader of all the filings would, and prints per set
(``tuning``: figures the reports state in sentences; ``held-out``: figures only their
financial tables give) the share of answers that hold the figure asked for (as the
report writes it, ``answer`` in the file), that answer without it, and that say
"nothing found"; and the citations per answer. ``--json FILE`` keeps every answer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=Path, default=REPO / "var" / "sample-pdfs")
    parser.add_argument("--index-dir", type=Path, default=REPO / "var" / "named-reports")
    parser.add_argument("--model-cache", type=Path, default=REPO / "var" / "models")
    parser.add_argument("--multilingual", choices=("all", "chunks", "off"), default="off")
    parser.add_argument("--json", type=Path, help="write every answer to this file")
    args = parser.parse_args()
    from eval_named_reports import read_questions

    questions = read_questions(args.pdfs)
    if questions is None:
        return 2
    if any("answer" not in q for q in questions):
        print(f"{args.pdfs} has questions without answers: run tools/make_sample_pdfs.py again")
        return 2
    os.environ["ASSISTANT_INDEX__INDEX_DIR"] = str(args.index_dir)
    os.environ["ASSISTANT_INDEX__EMBED__MULTILINGUAL"] = args.multilingual
    from assistant.app import build_service
    from assistant.settings import Settings
    from index.build import build_index
    from index.config import BuildConfig, EmbedConfig

    embed = EmbedConfig(cache_dir=args.model_cache, multilingual=args.multilingual)
    report = build_index(BuildConfig(sources=[args.pdfs], index_dir=args.index_dir, embed=embed))
    print(f"index: {report.documents} reports, {report.chunks} chunks ({report.status})")
    service = build_service(Settings())
    service.load()
    rows = []
    tick = time.perf_counter()
    for q in questions:
        answer = service.answer(q["question"]).answer
        right = answer.found and q["answer"] in answer.text
        rows.append({**q, "found": answer.found, "right": right, "text": answer.text,
                     "citations": len(answer.citations)})  # fmt: skip
    took = time.perf_counter() - tick
    from bench.bench_query import cpu_model

    cpu = cpu_model()
    print(f"{len(questions)} questions; {cpu}; {took * 1000 / len(questions):.0f} ms a question")
    print("| set | questions | figure in the answer | answered without it | nothing found "
          "| citations per answer | one citation |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for name in [*sorted({q["set"] for q in questions}, reverse=True), "all"]:
        asked = [r for r in rows if name in ("all", r["set"])]
        n = len(asked)
        answered = [r for r in asked if r["found"]]
        cited = Counter(r["citations"] for r in answered)
        print(
            f"| {name} | {n} | {sum(r['right'] for r in asked) / n:.3f} "
            f"| {sum(r['found'] and not r['right'] for r in asked) / n:.3f} "
            f"| {sum(not r['found'] for r in asked) / n:.3f} "
            f"| {sum(r['citations'] for r in answered) / max(len(answered), 1):.1f} "
            f"| {cited[1] / max(len(answered), 1):.2f} |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
