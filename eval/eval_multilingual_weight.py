"""HotpotQA-500 with the multilingual vectors: e5 alone, and the served hybrid with e5's
z-score added to English rows at several weights (``assistant.retrieve.MULTILINGUAL_WEIGHT``).

Each question is embedded once by each model; then every variant ranks with the same
vectors. Needs an index of HotpotQA built with multilingual vectors (``chunks`` is
enough):

    ASSISTANT_INDEX__EMBED__MULTILINGUAL=chunks .venv/bin/assistant index build \\
        --source ../shared/datasets/hotpotqa_dev_distractor_500/corpus.jsonl --index-dir var/hotpot
    .venv/bin/python eval/eval_multilingual_weight.py --index-dir var/hotpot --weights 0,0.2,0.4
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant import retrieve  # noqa: E402
from assistant.evaluate import evaluate_retrieval, load_dataset  # noqa: E402
from assistant.service import AssistantService  # noqa: E402
from index.config import BuildConfig  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / "var" / "hotpot")
    parser.add_argument(
        "--dataset",
        type=Path,
        default=REPO.parent / "shared" / "datasets" / "hotpotqa_dev_distractor_500",
    )
    parser.add_argument("--weights", default="0,0.2,0.4")
    args = parser.parse_args()
    service = AssistantService(BuildConfig(index_dir=args.index_dir))
    if not service.load():
        sys.exit(f"no index in {args.index_dir}")
    snapshot = service.state.snapshot
    if snapshot.multilingual is None:
        sys.exit("the index has no multilingual vectors")
    dataset = load_dataset(args.dataset)
    vectors = {
        q["text"]: (
            service.embedder.embed_query(q["text"]),
            service.multilingual.embed_query(q["text"]),
        )
        for q in dataset.queries.values()
    }

    def ranked(mode: str) -> Callable[[str], list[str]]:
        def run(text: str) -> list[str]:
            vector, ml = vectors[text]
            passages = retrieve.search(
                snapshot, vector, text, 100, mode=mode, multilingual_vector=ml
            )
            return [p.document_id for p in passages]

        return run

    print("e5 alone", evaluate_retrieval(dataset, ranked("multilingual")), flush=True)
    print("MiniLM + BM25", evaluate_retrieval(dataset, ranked("hybrid-minilm")), flush=True)
    for weight in (float(w) for w in args.weights.split(",")):
        retrieve.MULTILINGUAL_WEIGHT = weight
        print(f"hybrid + {weight} x e5", evaluate_retrieval(dataset, ranked("hybrid")), flush=True)


if __name__ == "__main__":
    main()
