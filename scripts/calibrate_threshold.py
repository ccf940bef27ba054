"""Calibrate the answer composer on the pipeline that serves answers.

    .venv/bin/python scripts/calibrate_threshold.py [--index-dir var/calibrate]

Builds (incrementally) a real index of the sample reports and, when ../shared is there,
the seed report; asks every question of the labelled set (tests/data/answers.jsonl)
through the real service (hybrid retrieval, the snapshot's sentence layer); then, for a
grid of score weights and windows, prints statement recall and precision, speaker
accuracy and "nothing found" accuracy, with the relevance bar put in the middle of the
gap between the weakest answerable question and the strongest unanswerable one.

Two halves of the set (odd and even lines) are scored apart: a setting that wins on one
half only is fitted to its questions, not to the kind of question. The constants in
assistant/compose.py are the round values that win on both; this script's output for
them is in the README ("Answers").
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant import compose  # noqa: E402
from assistant.evaluate import Cited, Labelled, load_labelled, score_labelled  # noqa: E402
from assistant.people import named_people  # noqa: E402
from assistant.retrieve import Filters, allowed_documents, search  # noqa: E402
from assistant.service import AssistantService  # noqa: E402
from assistant.types import Passage  # noqa: E402
from index.build import build_index  # noqa: E402
from index.config import BuildConfig  # noqa: E402

LABELLED = REPO / "tests" / "data" / "answers.jsonl"
SEED = REPO.parent / "shared" / "seed"


@dataclass
class Asked:
    item: Labelled
    passages: list[Passage]
    vector: Any
    allowed: Any


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / "var" / "calibrate")
    args = parser.parse_args()
    sources = [REPO / "examples" / "reports"] + ([SEED] if SEED.is_dir() else [])
    config = BuildConfig(sources=sources, index_dir=args.index_dir)
    report = build_index(config)
    print(f"index: {report.documents} documents, {report.sentences} sentences ({report.status})")
    service = AssistantService(config)
    service.load()
    snapshot = service.state.snapshot
    items = [i for i in load_labelled(LABELLED) if SEED.is_dir() or not i.needs_shared]
    asked = []
    for item in items:
        filters = Filters(
            **{k: tuple(v) if isinstance(v, list) else v for k, v in item.filters.items()}
        )
        vector = service.embedder.embed_query(item.question)
        passages = search(snapshot, vector, item.question, 8, filters)
        asked.append(Asked(item, passages, vector, allowed_documents(snapshot, filters)))
    print(f"questions: {len(asked)} ({sum(a.item.found for a in asked)} answerable)\n")

    topic = [a for a in asked if not named_people(a.item.question, snapshot.speakers()).speakers]
    grid = itertools.product(
        (0.1, 0.2, 0.3),  # W_LEXICAL
        (0.3, 0.6),  # W_PASSAGE
        (0.0, 0.4),  # W_COVERAGE
        (0.0, 0.3),  # W_PARAGRAPH
        (0.0, 0.2),  # W_ANSWER_TYPE
        (0.15, 0.25, 0.38, 0.5),  # RELATIVE_WINDOW
    )
    rows = []
    for w_lex, w_pass, w_cov, w_par, w_type, window in grid:
        compose.W_ANSWER_TYPE = w_type
        set_constants(w_lex, w_pass, w_cov, w_par, window, bar=-99.0)
        supports = {
            a.item.id: compose.support(
                [
                    c.score
                    for c in compose.rank_sentences(a.item.question, a.passages, a.vector, snapshot)
                ]
            )
            for a in topic
        }
        on = [supports[a.item.id] for a in topic if a.item.found]
        off = [supports[a.item.id] for a in topic if not a.item.found]
        bar = round((min(on) + max(off)) / 2, 3) if on and off else 1.0
        set_constants(w_lex, w_pass, w_cov, w_par, window, bar=bar)
        halves = [score(asked[k::2], snapshot) for k in (0, 1)]
        whole = score(asked, snapshot)
        rows.append(
            ((w_lex, w_pass, w_cov, w_par, w_type, window), bar, min(on) - max(off), whole, halves)
        )
    rows.sort(key=lambda r: -objective(r[3]))
    head = "w_lex w_pass w_cov w_par w_typ window   bar   gap  | recall prec  spk   nf   | half A f  half B f"
    print(head)
    for params, bar, gap, whole, halves in rows[:15]:
        print(
            " ".join(f"{p:5.2f}" for p in params)
            + f" {bar:5.3f} {gap:+.3f} | {whole['statement_recall']:.3f} "
            f"{whole['statement_precision']:.3f} {whole['speaker_accuracy']:.3f} "
            f"{whole['nothing_found_accuracy']:.3f} | {objective(halves[0]):.3f}   "
            f"{objective(halves[1]):.3f}"
        )
    current = (compose.W_LEXICAL, compose.W_PASSAGE, compose.W_COVERAGE, compose.W_PARAGRAPH)
    print(
        f"\nin compose.py: weights {current}, window {compose.RELATIVE_WINDOW}, bar {compose.RELEVANCE_BAR}"
    )


DEFAULTS = {
    name: getattr(compose, name)
    for name in (
        "W_LEXICAL",
        "W_PASSAGE",
        "W_COVERAGE",
        "W_PARAGRAPH",
        "RELATIVE_WINDOW",
        "RELEVANCE_BAR",
    )
}


def set_constants(
    w_lex: float, w_pass: float, w_cov: float, w_par: float, window: float, bar: float
) -> None:
    compose.W_LEXICAL, compose.W_PASSAGE, compose.W_COVERAGE = w_lex, w_pass, w_cov
    compose.W_PARAGRAPH, compose.RELATIVE_WINDOW, compose.RELEVANCE_BAR = w_par, window, bar


def score(asked: list[Asked], snapshot: Any) -> dict[str, Any]:
    by_id = {a.item.id: a for a in asked}

    def answer(item: Labelled) -> tuple[bool, list[Cited]]:
        a = by_id[item.id]
        # compose reads the constants as defaults at call time through these keywords
        result = compose.compose_answer(
            item.question,
            a.passages,
            a.vector,
            snapshot,
            allowed=a.allowed,
        )
        return result.found, [Cited(c.source, c.passage, c.speaker) for c in result.citations]

    return score_labelled([a.item for a in asked], answer)


def objective(result: dict[str, Any]) -> float:
    """The mean of the four rates the issue sets targets for."""
    keys = ("statement_recall", "statement_precision", "speaker_accuracy", "nothing_found_accuracy")
    return sum(result[k] or 0.0 for k in keys) / len(keys)


if __name__ == "__main__":
    main()
