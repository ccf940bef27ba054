#!/usr/bin/env python
"""The bars of "nothing found" for a question asked of one report, and for a question
whose words one statement says together.

    .venv/bin/python calibrate/calibrate_scoped_bar.py [--split train] [--meetings 30]

Over QMSum's development meetings (``../shared/datasets/qmsum_dev``; the index that
``eval/meetings.py --split SPLIT`` builds, built here if absent), every question is
asked twice with a ``document_ids`` filter: of its own meeting (it is answerable there:
the data marks the turns that answer it) and of a meeting of another kind (a product
design meeting's question asked of a parliamentary committee: off-topic there). For
each, the best statement's score (``assistant.answer.score.relevance``) and whether a statement
says every word of the question's topic (``Candidate.together``) are recorded, with
the bars set so low that nothing is refused. Prints the quantiles of each kind and, for
each bar, the share answered of each; writes the same to
``calibrate/results/calibrate_scoped_bar-<date>.json``.

Sets ``Weights.scoped_bar`` (``assistant.answer.weights``; own-meeting questions
answered, off-topic ones refused: the bar with the best balanced accuracy) and informs
``Weights.together_bar`` (the same for the questions one statement answers word for
word). Questions about a speaker are asked of their own meeting twice: as written, and
about another kind of meeting's topic; their figures check
``Weights.person_topic_bar`` in meetings. The service answers with its own
``Weights``, the bars at -10; the shipped value is never assigned.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from calibrate.record import write_results  # noqa: E402
from eval.meetings import DATA, build, load_questions, some_meetings, weights_of  # noqa: E402

BARS = tuple(round(0.1 + 0.05 * i, 2) for i in range(27))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("val", "train", "all"), default="train")
    parser.add_argument("--meetings", type=int, default=30, help="meetings drawn at random")
    parser.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="read with this field of Weights changed (repeatable; the bars stay at -10)",
    )
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA} is absent")
    questions = some_meetings(load_questions(args.split), args.meetings)
    files = sorted({q["file"] for q in questions})
    index_dir = REPO / "var" / "bench" / f"meetings-{args.split}-{args.meetings}"

    build(files, index_dir)
    os.environ["ASSISTANT_INDEX__INDEX_DIR"] = str(index_dir)
    os.environ["ASSISTANT_INDEX__EMBED__MULTILINGUAL"] = "off"

    import assistant.answer.select as select_stage
    import assistant.compose as compose
    import assistant.person_answers as person_answers
    from assistant.answer.weights import WEIGHTS
    from assistant.retrieve import Filters
    from assistant.service import AssistantService
    from assistant.settings import Settings

    shipped = {
        "scoped_bar": WEIGHTS.scoped_bar,
        "together_bar": WEIGHTS.together_bar,
        "person_topic_bar": WEIGHTS.person_topic_bar,
    }
    # refuse nothing; record the best statement's score and whether one says it all
    nothing_refused = replace(
        weights_of(args.weight), scoped_bar=-10.0, together_bar=-10.0, person_topic_bar=-10.0
    )
    seen: list[tuple[str, float, bool]] = []
    select = select_stage.select

    def recording(route: str):  # type: ignore[no-untyped-def]
        def record(ranked, *rest, **options):  # type: ignore[no-untyped-def]
            together = any(c.together or (route == "person" and c.overlap >= 1) for c in ranked)
            seen.append((route, max((c.score for c in ranked), default=0.0), together))
            return select(ranked, *rest, **options)

        return record

    compose.select = recording("general")  # type: ignore[attr-defined]
    person_answers.select = recording("person")  # type: ignore[attr-defined]
    service = AssistantService(Settings().index, weights=nothing_refused)
    if not service.load():
        sys.exit(f"no index in {index_dir}")
    ids = {Path(d.source).name: d.id for d in service.state.snapshot.documents()}
    meta = json.loads((DATA / "turns.json").read_text(encoding="utf-8"))
    chooser = random.Random(11)
    topics = [
        (q["domain"], found.group(1))
        for q in questions
        if (found := re.search(r"\babout (.{6,80}?)\??$", q["query"]))
    ]
    rows: dict[str, list[tuple[float, bool]]] = {
        f"{route} {kind}": [] for route in ("general", "person") for kind in ("own", "off-topic")
    }
    for q in questions:
        own = Filters(document_ids=(ids[q["file"]],))
        asked = [("own", q["query"], own)]
        if q.get("speaker"):
            # the same person, asked within their meeting about another kind's topic
            topic = chooser.choice([t for d, t in topics if d != q["domain"]])
            asked.append(("off-topic", f"What did {q['speaker']} say about {topic}?", own))
        else:
            others = [f for f in files if meta[f]["domain"] != q["domain"]]
            other = Filters(document_ids=(ids[chooser.choice(others)],))
            asked.append(("off-topic", q["query"], other))
        for kind, text, filters in asked:
            seen.clear()
            service.answer(text, filters=filters)
            if seen:
                route, score, together = seen[0]
                rows[f"{route} {kind}"].append((score, together))
    results: dict[str, Any] = {"questions": {k: len(v) for k, v in rows.items()}}
    for subset, keep in (("all", lambda t: True), ("together", lambda t: t[1])):
        table = {}
        for kind, values in rows.items():
            scores = sorted(s for s, together in values if keep((s, together)))
            if not scores:
                continue
            at = [scores[int(p * (len(scores) - 1))] for p in (0, 0.05, 0.1, 0.25, 0.5, 0.9)]
            print(f"{subset} {kind}: {len(scores)}; min p5 p10 p25 median p90:", end=" ")
            print(" ".join(f"{v:.3f}" for v in at))
            table[kind] = {"n": len(scores), "quantiles": [round(v, 4) for v in at]}
        by_bar = {}
        for bar in BARS:
            shares = {}
            for kind, values in rows.items():
                chosen = [s for s, together in values if keep((s, together))]
                shares[kind] = round(sum(s >= bar for s in chosen) / max(1, len(chosen)), 3)
            by_bar[f"{bar:.2f}"] = shares
            print(f"{subset} bar {bar:.2f}: answered {shares}")
        results[subset] = {"quantiles": table, "answered_at_bar": by_bar}
    write_results("calibrate_scoped_bar", shipped, results)


if __name__ == "__main__":
    main()
