"""Calibrate the answer composer on the pipeline that serves answers.

    .venv/bin/python calibrate/calibrate_threshold.py [--index-dir var/calibrate]

Builds (incrementally) real indexes of (1) the sample reports and, when ../shared is
there, the seed report, and (2) the 36 European Parliament debates of 17-20 January 2011
(real verbatim transcripts, ../shared/datasets/europarl_debates_2011); asks the
questions of tests/data/answers.jsonl and tests/data/answers_europarl.jsonl (on-topic
questions written from the debates' titles, and off-topic ones in the same words)
through the real retrieval and the snapshots' sentence layers; then, for a grid of score
weights and windows, prints statement recall and precision, speaker accuracy and
"nothing found" accuracy, with the relevance bar put in the middle of the gap between
the weakest answerable question and the strongest unanswerable one of both sets.

Two halves of the set (odd and even lines) are scored apart: a setting that wins on one
half only is fitted to its questions, not to the kind of question. The constants in
assistant/answer/weights.py are the round values that win on both; this script's output for
them is in docs/decisions/. The table (best 15 rows) is also written to
calibrate/results/calibrate_threshold-<date>.json.

Sets ``assistant.answer.weights.Weights``: lexical, passage, coverage, paragraph,
answer_type, relative_window, voice_window and relevance_bar. Each point of the grid is
its own ``Weights`` value, passed down to the stages: nothing global is assigned.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant import compose  # noqa: E402
from assistant.answer.score import rank_statements  # noqa: E402
from assistant.answer.select import support  # noqa: E402
from assistant.answer.weights import WEIGHTS, Weights  # noqa: E402
from assistant.evaluate import (  # noqa: E402
    Labelled,
    answer_contains_gold,
    filters_of,
    load_labelled,
    score_labelled,
)
from assistant.people import named_people  # noqa: E402
from assistant.retrieve import allowed_documents  # noqa: E402
from assistant.service import AssistantService  # noqa: E402
from assistant.types import Answer, Passage  # noqa: E402
from calibrate.record import write_results  # noqa: E402
from index.build import build_index  # noqa: E402
from index.config import BuildConfig, EmbedConfig  # noqa: E402

LABELLED = REPO / "tests" / "data" / "answers.jsonl"
LABELLED_EUROPARL = REPO / "tests" / "data" / "answers_europarl.jsonl"
HOTPOT = REPO.parent / "shared" / "datasets" / "hotpotqa_dev_distractor_500"
EUROPARL = REPO.parent / "shared" / "datasets" / "europarl_debates_2011" / "reports"
SEED = REPO.parent / "shared" / "seed"


@dataclass
class Asked:
    item: Labelled
    passages: list[Passage]
    vector: Any
    allowed: Any
    embed_query: Any
    multilingual: Any = None  # assistant.answer.score.CrossLingual, as the service makes it


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / "var" / "calibrate")
    parser.add_argument("--hotpot-index", type=Path, default=REPO / "var" / "hotpot")
    args = parser.parse_args()
    sets = [
        ask_set(
            "samples",
            [REPO / "examples" / "reports"] + ([SEED] if SEED.is_dir() else []),
            LABELLED,
            args.index_dir / "samples",
        )
    ]
    if EUROPARL.is_dir():
        debates = sorted(p for p in EUROPARL.glob("ep-2011-01-*.txt") if p.name < "ep-2011-01-21")
        # English debates asked in English: multilingual statement vectors would only
        # score statements of other languages, so the chunks' are enough (and an hour
        # of embedding less on two cores)
        sets.append(
            ask_set(
                "europarl",
                debates,
                LABELLED_EUROPARL,
                args.index_dir / "europarl",
                EmbedConfig(multilingual="chunks"),
            )
        )
    hotpot = ask_hotpot(args.hotpot_index)
    # A first, wider grid (W_COVERAGE 0/0.4, W_PARAGRAPH 0/0.3, W_ANSWER_TYPE 0/0.2) put
    # 0.4, 0.3 and 0.2 first on both halves; they stay fixed here to keep the run short.
    grid = itertools.product(
        (0.2, 0.3),  # lexical
        (0.3, 0.6),  # passage
        (0.4,),  # coverage
        (0.3,),  # paragraph
        (0.2,),  # answer_type
        (0.2, 0.3, 0.38),  # relative_window
        (0.38, 0.45),  # voice_window
    )
    rows = []
    for params in grid:
        on, off = supports(sets, hotpot, weights_of(*params, bar=-99.0))
        bar = best_bar(on, off)
        weights = weights_of(*params, bar=bar)
        results = [score(asked, snapshot, weights) for asked, snapshot in sets]
        halves = [score(sets[0][0][k::2], sets[0][1], weights) for k in (0, 1)]
        hot = score_hotpot(*hotpot, weights) if hotpot is not None else {}
        answered = sum(v >= bar for v in on) / len(on)
        refused = sum(v < bar for v in off) / len(off)
        rows.append((params, bar, answered, refused, results, halves, hot))
    rows.sort(key=lambda r: -(objective(r[4][0]) + r[6].get("contains", 0.0)))
    print(
        "w_lex w_pass w_cov w_par w_typ windw voice   bar  answ  refu |"
        " samples: recall prec  spk   nf   | half A  half B | europarl nf | hotpot contains none"
    )
    for params, bar, answered, refused, results, halves, hot in rows[:15]:
        first = results[0]
        print(
            " ".join(f"{p:5.2f}" for p in params)
            + f" {bar:5.3f} {answered:.3f} {refused:.3f} |          "
            f"{first['statement_recall']:.3f} {first['statement_precision']:.3f} "
            f"{first['speaker_accuracy']:.3f} {first['nothing_found_accuracy']:.3f} | "
            f"{objective(halves[0]):.3f}   {objective(halves[1]):.3f} | "
            + " ".join(f"{r['nothing_found_accuracy']:.3f}" for r in results[1:])
            + (f"       | {hot['contains']:.3f}    {hot['nothing']:.3f}" if hot else "")
        )
    print(f"\nin assistant/answer/weights.py: {DEFAULTS}")
    names = list(DEFAULTS)[:-1]  # the grid's constants; relevance_bar is the bar
    write_results(
        "calibrate_threshold",
        DEFAULTS,
        {
            "rows": [
                {
                    "constants": dict(zip(names, params, strict=True)),
                    "relevance_bar": bar,
                    "answerable_answered": answered,
                    "unanswerable_refused": refused,
                    "sets": results,
                    "halves": halves,
                    "hotpot": hot,
                }
                for params, bar, answered, refused, results, halves, hot in rows[:15]
            ]
        },
    )


Hotpot = tuple[list[tuple[str, list[str], list[Passage], Any, Any]], Any]


def supports(
    sets: list[tuple[list[Asked], Any]], hotpot: Hotpot | None, weights: Weights
) -> tuple[list[float], list[float]]:
    """The best statement's support of each answerable question (``on``) and of each
    unanswerable one (``off``), questions about people aside (they have their own bar)."""
    on: list[float] = []
    off: list[float] = []
    for asked, snapshot in sets:
        for a in asked:
            people = named_people(a.item.question, snapshot.speakers())
            if people.speakers or people.unknown:
                continue  # questions about people have their own path and bar
            ranked = rank_statements(
                a.item.question, a.passages, a.vector, snapshot, a.multilingual, weights
            )
            (on if a.item.found else off).append(support([c.score for c in ranked]))
    if hotpot is not None:
        asked_hot, snap_hot = hotpot
        for question, _, passages, vector, multilingual in asked_hot:
            ranked = rank_statements(question, passages, vector, snap_hot, multilingual, weights)
            on.append(support([c.score for c in ranked]))
    return on, off


def best_bar(on: list[float], off: list[float]) -> float:
    """The bar with the best balanced accuracy (mean of the share of answerable questions
    answered and the share of unanswerable ones refused); the middle of the best run."""
    cuts = sorted(set(on) | set(off))
    candidates = [(a + b) / 2 for a, b in itertools.pairwise(cuts)]

    def balanced(bar: float) -> float:
        return sum(v >= bar for v in on) / len(on) + sum(v < bar for v in off) / len(off)

    top = max(balanced(b) for b in candidates)
    best = [b for b in candidates if balanced(b) == top]
    return round((min(best) + max(best)) / 2, 3)


def ask_hotpot(index_dir: Path) -> Hotpot | None:
    """HotpotQA-500 (all answerable; gold answers for containment), over its own index
    (README "Retrieval quality" builds it); None when absent."""
    queries = HOTPOT / "queries.jsonl"
    if not (index_dir / "current").exists() or not queries.is_file():
        print(f"hotpot: no index at {index_dir} (or no data set): skipped")
        return None
    service = AssistantService(BuildConfig(sources=[HOTPOT / "corpus.jsonl"], index_dir=index_dir))
    service.load()
    snapshot = service.state.snapshot
    asked = []
    for line in queries.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        vector, passages, multilingual = retrieve(service, snapshot, q["text"], None)
        asked.append((q["text"], q.get("answers", []), passages, vector, multilingual))
    print(f"hotpot: {len(asked)} questions, all answerable")
    return asked, snapshot


def score_hotpot(
    asked: list[tuple[str, list[str], list[Passage], Any, Any]], snapshot: Any, weights: Weights
) -> dict[str, float]:
    contains = nothing = 0
    for question, answers, passages, vector, multilingual in asked:
        result = compose.compose_answer(
            question, passages, vector, snapshot, multilingual=multilingual, weights=weights
        )
        contains += answer_contains_gold(result.text, answers) if result.found else 0
        nothing += not result.found
    return {"contains": contains / len(asked), "nothing": nothing / len(asked)}


def ask_set(
    name: str,
    sources: list[Path],
    labelled: Path,
    index_dir: Path,
    embed: EmbedConfig | None = None,
) -> tuple[list[Asked], Any]:
    """Build (incrementally) the index of ``sources`` and retrieve for each question."""
    config = BuildConfig(sources=sources, index_dir=index_dir, embed=embed or EmbedConfig())
    report = build_index(config)
    print(f"{name}: {report.documents} documents, {report.sentences} sentences ({report.status})")
    return ask_index(name, config, labelled)


def ask_index(name: str, config: BuildConfig, labelled: Path) -> tuple[list[Asked], Any]:
    """Retrieve for each question of ``labelled`` over the index ``config`` names."""
    service = AssistantService(config)
    service.load()
    snapshot = service.state.snapshot
    items = [i for i in load_labelled(labelled) if SEED.is_dir() or not i.needs_shared]
    asked = []
    for item in items:
        filters = filters_of(item)
        vector, passages, multilingual = retrieve(service, snapshot, item.question, filters)
        allowed = allowed_documents(snapshot, filters)
        asked.append(
            Asked(item, passages, vector, allowed, service.embedder.embed_query, multilingual)
        )
    answerable = sum(a.item.found for a in asked)
    print(f"{name}: {len(asked)} questions, {answerable} answerable")
    return asked, snapshot


def retrieve(service: Any, snapshot: Any, question: str, filters: Any) -> tuple[Any, Any, Any]:
    """The question's vector, its passages and the cross-lingual scorer, as
    ``AssistantService`` finds them (MiniLM, BM25 and, where the snapshot has them,
    multilingual vectors)."""
    vector, ml_vector, text = service.question_vectors(snapshot, question)
    passages, multilingual = service.passages_for(
        snapshot, vector, ml_vector, text, 8, filters, question
    )
    return vector, passages, multilingual


# The grid's constants, in the order of its tuples, then the bar.
GRID = (
    "lexical",
    "passage",
    "coverage",
    "paragraph",
    "answer_type",
    "relative_window",
    "voice_window",
    "relevance_bar",
)
DEFAULTS = {name: getattr(WEIGHTS, name) for name in GRID}


def weights_of(*params: float, bar: float) -> Weights:
    """The shipped weights with one point of the grid and ``bar`` in place."""
    return replace(WEIGHTS, **dict(zip(GRID, (*params, bar), strict=True)))  # type: ignore[arg-type]


def score(asked: list[Asked], snapshot: Any, weights: Weights) -> dict[str, Any]:
    by_id = {a.item.id: a for a in asked}

    def answer(item: Labelled) -> Answer:
        a = by_id[item.id]
        result = compose.compose_answer(
            item.question,
            a.passages,
            a.vector,
            snapshot,
            allowed=a.allowed,
            embed_query=a.embed_query,
            multilingual=a.multilingual,
            weights=weights,
        )
        return result

    return score_labelled([a.item for a in asked], answer)


def objective(result: dict[str, Any]) -> float:
    """The mean of the four rates the issue sets targets for."""
    keys = ("statement_recall", "statement_precision", "speaker_accuracy", "nothing_found_accuracy")
    return sum(result[k] or 0.0 for k in keys) / len(keys)


if __name__ == "__main__":
    main()
