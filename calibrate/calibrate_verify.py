#!/usr/bin/env python
"""The data behind the verifier's meaning bar (``assistant/verify.py``, MEANING_BAR).

    .venv/bin/python calibrate/calibrate_verify.py [--index-dir var/labelled]

Over the passages retrieved for the questions of the labelled set
(tests/data/answers.jsonl), with the snapshot's own sentence vectors (MiniLM):

- **same topic, other claim**: the cosine of a statement's vector with the vectors of
  the *other* statements of the same retrieved passage (same report, same topic, a
  different claim). A generated sentence whose best match scores like these only shares
  the topic with its passage.
- **same claim, other words**: the cosine of a statement's vector with the embedding of
  the line an answer renders for it (attribution and role added, "He" replaced by the
  name, quotes closed): the same claim in other words.

Prints percentiles of both and the bar between them, and writes them to
calibrate/results/calibrate_verify-<date>.json. The index is built from
examples/reports (+ ../shared/seed when present) when it is missing.

Sets ``assistant.verify.MEANING_BAR``: between the 97th percentile of the first and the
5th of the second.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.evaluate import filters_of, load_labelled  # noqa: E402
from assistant.service import AssistantService  # noqa: E402
from assistant.verify import MEANING_BAR  # noqa: E402
from calibrate.record import write_results  # noqa: E402
from index.build import build_index  # noqa: E402
from index.config import BuildConfig  # noqa: E402
from index.layout import IndexDir  # noqa: E402

LABELLED = REPO / "tests" / "data" / "answers.jsonl"
SEED = REPO.parent / "shared" / "seed"


def labelled_index(index_dir: Path) -> BuildConfig:
    """The index of the labelled set: the sample reports and the seed; built if missing."""
    sources = [REPO / "examples" / "reports"] + ([SEED] if SEED.is_dir() else [])
    config = BuildConfig(sources=sources, index_dir=index_dir)
    if IndexDir(index_dir).current_id() is None:
        print(f"building {index_dir} …", file=sys.stderr)
        build_index(config)
    return config


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / "var" / "labelled")
    args = parser.parse_args()
    service = AssistantService(labelled_index(args.index_dir))
    service.load()
    snapshot = service.state.snapshot
    items = [i for i in load_labelled(LABELLED) if not i.needs_shared or SEED.is_dir()]
    other: list[float] = []
    same: list[float] = []
    seen: set[tuple[str, int]] = set()
    for item in items:
        result = service.answer(item.question, 8, filters_of(item))
        for p in result.passages[:8]:
            stored = [s for s in snapshot.sentences_in(p.document_id, p.start, p.end)]
            rows = [s.vector_row for s in stored if s.vector_row >= 0]
            if len(rows) < 2:
                continue
            v = snapshot.sentence_vectors_of(rows)
            v = v / np.linalg.norm(v, axis=1, keepdims=True)
            sims = v @ v.T
            for i in range(len(rows)):
                for j in range(len(rows)):
                    if i != j and (p.document_id, rows[i] * 100_000 + rows[j]) not in seen:
                        seen.add((p.document_id, rows[i] * 100_000 + rows[j]))
                        other.append(float(sims[i, j]))
        for statement, citation in zip(
            result.answer.statements, result.answer.citations, strict=False
        ):
            stored = snapshot.sentences_in(citation.document_id, citation.start, citation.end)
            rows = [s.vector_row for s in stored if s.vector_row >= 0]
            if len(rows) != 1:  # a run of several sentences: no one vector to compare
                continue
            vector = snapshot.sentence_vectors_of(rows)[0]
            line = service.embedder.embed_query(statement.text)
            same.append(float(vector @ line / (np.linalg.norm(vector) * np.linalg.norm(line))))
    qs = [5, 50, 90, 95, 97, 99]
    print(f"questions {len(items)}; index {service.state.version}")
    print(
        f"same topic, other claim (n={len(other)}): "
        + ", ".join(f"p{q} {np.percentile(other, q):.3f}" for q in qs)
    )
    print(
        f"same claim, other words (n={len(same)}): "
        + ", ".join(f"p{q} {np.percentile(same, q):.3f}" for q in qs)
    )
    low, high = float(np.percentile(other, 97)), float(np.percentile(same, 5))
    print(f"bar between p97 of the first and p5 of the second: {(low + high) / 2:.3f}")
    write_results(
        "calibrate_verify",
        {"MEANING_BAR": MEANING_BAR},
        {
            "questions": len(items),
            "index": service.state.version,
            "same_topic_other_claim": {
                "n": len(other),
                **{f"p{q}": round(float(np.percentile(other, q)), 4) for q in qs},
            },
            "same_claim_other_words": {
                "n": len(same),
                **{f"p{q}": round(float(np.percentile(same, q)), 4) for q in qs},
            },
            "bar": round((low + high) / 2, 4),
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
