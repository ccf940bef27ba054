#!/usr/bin/env python
"""The bar a person's statement must clear to answer "What did X say about <topic>?".

    .venv/bin/python calibrate/calibrate_person_bar.py --index-dir DIR

DIR is an index built over the European Parliament debates of ../shared (README
"Answer quality" has the command; any subset of them will do). For each debate whose
title names a topic, its three speakers with the most statements are asked about the
debate's topic ("What did Nigel Farage say about Conclusions of the European Council
meeting …?") and about one of eight topics no debate of January 2011 touches ("volcano
tourism", "jazz festivals", …). The questions are made from titles and the fixed list
before any answer is read. Prints the best statement's score for each kind (quantiles)
and, for each bar, how many of each kind would be answered, and writes the same to
calibrate/results/calibrate_person_bar-<date>.json.

Sets ``assistant.answer.weights.Weights.person_topic_bar``: the lowest round bar that keeps every
debate-topic question answered and answers fewest of the unrelated ones.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from calibrate.record import write_results  # noqa: E402

OFF_TOPICS = (
    "football transfers",
    "chocolate cake recipes",
    "the discovery of exoplanets",
    "jazz festivals",
    "ancient Egyptian pyramids",
    "mobile phone games",
    "the Olympic marathon",
    "volcano tourism",
)
BARS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--speakers", type=int, default=3, help="Asked per debate.")
    args = parser.parse_args()
    os.environ["ASSISTANT_INDEX__INDEX_DIR"] = str(args.index_dir)

    import assistant.person_answers as person_answers
    from assistant.answer.weights import WEIGHTS
    from assistant.service import AssistantService
    from assistant.settings import Settings

    service = AssistantService(Settings().index)
    if not service.load():
        sys.exit(f"no index in {args.index_dir}")
    snapshot = service.state.snapshot
    best: list[float] = []
    select = person_answers.select  # type: ignore[attr-defined]

    def recording(scored, *rest, **options):  # type: ignore[no-untyped-def]
        best.append(max((c.score for c in scored), default=0.0))
        return select(scored, *rest, **options)

    person_answers.select = recording  # type: ignore[attr-defined,assignment]
    chooser = random.Random(1)
    scores: dict[str, list[float]] = {"debate topic": [], "unrelated topic": []}
    for document in snapshot.documents():
        topic = document.title.split(": ", 1)[-1]
        if "President" in topic or len(topic) < 12:
            continue  # "Statement by the President", "Agenda": no topic
        counts: dict[str, int] = {}
        for sentence in snapshot.sentences_of(document.id):
            record = sentence.record
            if record.statement and record.speaker and len(record.speaker.split()) >= 2:
                counts[record.speaker] = counts.get(record.speaker, 0) + 1
        ranked = sorted(counts.items(), key=lambda t: -t[1])[: args.speakers]
        for name, _ in (t for t in ranked if t[1] >= 3):
            for kind, asked in (
                ("debate topic", topic),
                ("unrelated topic", chooser.choice(OFF_TOPICS)),
            ):
                best.clear()
                service.answer(f"What did {name} say about {asked}?")
                if best:
                    scores[kind].append(best[0])
    quantiles: dict[str, list[float]] = {}
    for kind, values in scores.items():
        ordered = sorted(values)
        at = [ordered[int(q * (len(ordered) - 1))] for q in (0, 0.1, 0.25, 0.5, 0.75, 0.9, 1)]
        quantiles[kind] = [round(v, 4) for v in at]
        print(f"{kind}: {len(values)} questions; min p10 p25 median p75 p90 max:", end=" ")
        print(" ".join(f"{v:.3f}" for v in at))
    answered: dict[str, dict[str, int]] = {}
    for bar in BARS:
        kept = {kind: sum(v >= bar for v in values) for kind, values in scores.items()}
        answered[f"{bar:.2f}"] = kept
        print(f"bar {bar:.2f}: answered " + ", ".join(f"{k} {n}" for k, n in kept.items()))
    write_results(
        "calibrate_person_bar",
        {"person_topic_bar": WEIGHTS.person_topic_bar},
        {
            "questions": {kind: len(values) for kind, values in scores.items()},
            "quantiles_min_p10_p25_p50_p75_p90_max": quantiles,
            "answered_at_bar": answered,
        },
    )


if __name__ == "__main__":
    main()
