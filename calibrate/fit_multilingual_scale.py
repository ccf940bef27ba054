"""The constants that let the composer read multilingual-e5 cosines (README "Languages").

Over the English labelled set (tests/data/answers.jsonl) and an index of the sample
reports and the seed built with multilingual vectors, for every statement the served
pipeline scores (the statements of each question's passages):

- the line that puts e5's cosine on MiniLM's scale: it matches the mean and standard
  deviation of both models' cosines over the same (question, statement) pairs
  (``index.multilingual.SCALE_SLOPE`` / ``SCALE_INTERCEPT``), with their correlation;
- what question-word overlap and coverage add to the best statement of each question
  the English pipeline answers (lexical x overlap + coverage x coverage): the
  credit a statement in another language than the question's gets in their place
  (``Weights.cross_lingual_credit``, ``assistant.answer.weights``); then, with the fitted line, the
  cross-lingual labelled set (tests/data/answers_crosslingual.jsonl: French, Russian and
  Chinese questions over the English reports) is scored for credits from 0 to that
  median, to choose it.

Sets ``index.multilingual.SCALE_SLOPE`` and ``SCALE_INTERCEPT`` (printed as fitted) and
``Weights.cross_lingual_credit`` (chosen from the sweep: the service answers with a
``Weights`` of each credit); writes what it
prints to calibrate/results/fit_multilingual_scale-<date>.json.

    .venv/bin/assistant index build --source examples/reports --source ../shared/seed \\
        --index-dir var/labelled
    .venv/bin/python calibrate/fit_multilingual_scale.py --index-dir var/labelled
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.answer.score import rank_sentences  # noqa: E402
from assistant.answer.weights import WEIGHTS  # noqa: E402
from assistant.evaluate import filters_of, load_labelled, score_labelled  # noqa: E402
from assistant.retrieve import search  # noqa: E402
from assistant.service import AssistantService  # noqa: E402
from calibrate.record import write_results  # noqa: E402
from index import multilingual  # noqa: E402
from index.config import BuildConfig  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / "var" / "labelled")
    data = REPO / "tests" / "data"
    parser.add_argument("--dataset", type=Path, default=data / "answers.jsonl")
    parser.add_argument("--crosslingual", type=Path, default=data / "answers_crosslingual.jsonl")
    parser.add_argument("--credits", default="0,0.2,0.3,0.4,0.5,0.6,0.7")
    args = parser.parse_args()
    service = AssistantService(BuildConfig(index_dir=args.index_dir))
    if not service.load():
        sys.exit(f"no index in {args.index_dir}")
    snapshot = service.state.snapshot
    if snapshot.sentence_multilingual is None:
        sys.exit(
            "the index has no multilingual statement vectors: build it with multilingual 'all'"
        )
    minilm, e5, credits = [], [], []
    for item in load_labelled(args.dataset):
        question = item.question
        vector = service.embedder.embed_query(question)
        ml = service.multilingual.embed_query(question)
        passages = search(snapshot, vector, question, 8, filters_of(item))
        ranked = rank_sentences(question, passages, vector, snapshot)
        english = [c for c in ranked if (c.source.language or "en") == "en"]
        if not english:
            continue
        rows = [c.vector_row for c in english]
        minilm += [c.cosine for c in english]
        e5 += (snapshot.sentence_multilingual_of(rows) @ ml).tolist()
        best = english[0]
        if best.score >= WEIGHTS.relevance_bar:
            words = WEIGHTS.lexical * best.overlap + WEIGHTS.coverage * best.coverage
            credits.append(words)
    a, b = np.array(minilm), np.array(e5)
    slope = float(a.std() / b.std())
    intercept = float(a.mean() - slope * b.mean())
    print(
        f"pairs {len(a)}: MiniLM mean {a.mean():.4f} sd {a.std():.4f}; "
        f"e5 mean {b.mean():.4f} sd {b.std():.4f}"
    )
    print(f"correlation {np.corrcoef(a, b)[0, 1]:.3f}")
    print(f"SCALE_SLOPE = {slope:.3f}, SCALE_INTERCEPT = {intercept:.3f}")
    print(
        f"answered questions {len(credits)}: lexical part of the best statement median "
        f"{statistics.median(credits):.3f}, mean {statistics.fmean(credits):.3f}, "
        f"quartiles {np.percentile(credits, [25, 75]).round(3).tolist()}"
    )
    shipped = {
        "SCALE_SLOPE": multilingual.SCALE_SLOPE,
        "SCALE_INTERCEPT": multilingual.SCALE_INTERCEPT,
        "cross_lingual_credit": WEIGHTS.cross_lingual_credit,
    }
    multilingual.SCALE_SLOPE, multilingual.SCALE_INTERCEPT = round(slope, 3), round(intercept, 3)
    items = load_labelled(args.crosslingual)
    sweep = []
    for credit in (float(c) for c in args.credits.split(",")):
        service.weights = replace(WEIGHTS, cross_lingual_credit=credit)
        scored = score_labelled(
            items, lambda item: service.answer(item.question, 8, filters_of(item)).answer
        )
        print(
            f"credit {credit:.2f}: recall {scored['statement_recall']}, precision "
            f"{scored['statement_precision']}, nothing found right "
            f"{scored['nothing_found_accuracy']}, citations on unanswerable "
            f"{scored['citations_on_unanswerable']}",
            flush=True,
        )
        sweep.append({"credit": credit, **scored})
    write_results(
        "fit_multilingual_scale",
        shipped,
        {
            "pairs": len(a),
            "minilm": {"mean": round(float(a.mean()), 4), "sd": round(float(a.std()), 4)},
            "e5": {"mean": round(float(b.mean()), 4), "sd": round(float(b.std()), 4)},
            "correlation": round(float(np.corrcoef(a, b)[0, 1]), 4),
            "SCALE_SLOPE": round(slope, 3),
            "SCALE_INTERCEPT": round(intercept, 3),
            "answered_questions": len(credits),
            "lexical_part_median": round(statistics.median(credits), 4),
            "lexical_part_mean": round(statistics.fmean(credits), 4),
            "credit_sweep": sweep,
        },
    )


if __name__ == "__main__":
    main()
