#!/usr/bin/env python
"""Two ways to give the sentence layer its vectors, compared on build time and answers.

    .venv/bin/python bench/bench_sentence_vectors.py build --corpus samples [--out var/sv]
    .venv/bin/python bench/bench_sentence_vectors.py build --corpus meetings --multilingual off
    .venv/bin/python bench/bench_sentence_vectors.py answers --index-dir DIR \\
        --dataset tests/data/answers.jsonl [--dataset ...] [--weights pooled]

- **alone** (``ASSISTANT_INDEX__EMBED__SENTENCE_VECTORS=alone``): each statement, without
  its attribution words, is embedded as a text of its own: a second model pass.
- **pooled**: no second pass; the token states of the chunk pass (title + chunk, as
  embedded for retrieval) are mean-pooled over each statement's tokens (index/pool.py).

``build`` builds the corpus from nothing ``--repeat`` times per setting, alone and pooled
in turn (the order swapped each time), in one run on this machine (the models loaded once
before, so neither build pays for loading), and prints each build's stages' seconds; the
indexes stay under ``--out`` for ``answers``. Corpora: ``samples`` = examples/reports +
../shared/seed; ``meetings`` = the 35 validation meetings (var/bench/meetings-val-src,
which ``eval/meetings.py`` links). ``answers`` scores labelled sets (``.jsonl``) and BEIR
folders with answers (HotpotQA) as ``assistant eval`` does (``AssistantService.answer``, 8
passages), with the shipped ``Weights`` or those fitted for pooled vectors
(calibrate/pooled_weights.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench.machine import cpu_line  # noqa: E402
from index.build import build_index  # noqa: E402
from index.config import BuildConfig, EmbedConfig  # noqa: E402
from index.embed import load_embedder  # noqa: E402
from index.load import load_sources  # noqa: E402
from index.multilingual import load_multilingual  # noqa: E402

SEED = REPO.parent / "shared" / "seed"
CORPORA = {
    "samples": [REPO / "examples" / "reports", SEED],
    "meetings": [REPO / "var" / "bench" / "meetings-val-src"],
}
STAGES = ("load", "chunk", "embed", "embed_multilingual", "write", "validate", "total")


def build(corpus: str, multilingual: list[str], out: Path, models: Path, repeat: int) -> None:
    sources = [s for s in CORPORA[corpus] if s.exists()]
    print(f"{cpu_line()}; {corpus}: {', '.join(map(str, sources))}")
    embedder = load_embedder(EmbedConfig(), models)
    e5 = load_multilingual(beside=embedder.backend)
    sum(1 for _ in load_sources(sources, BuildConfig(sources=sources)))  # files in page cache
    header = f"{'multilingual':<12} {'vectors':<7} " + " ".join(f"{s:>18}" for s in STAGES)
    print(header + "  statements pooled/alone-fallback")
    for ml, run in ((ml, run) for ml in multilingual for run in range(repeat)):
        # a second run takes the other order: the one measured first may find cooler cores
        for mode in ("alone", "pooled") if run % 2 == 0 else ("pooled", "alone"):
            index_dir = out / f"{corpus}-{ml}-{mode}"
            shutil.rmtree(index_dir, ignore_errors=True)
            embed = EmbedConfig(multilingual=ml, sentence_vectors=mode)  # type: ignore[arg-type]
            config = BuildConfig(sources=sources, index_dir=index_dir, embed=embed)
            r = build_index(config, embedder=embedder, multilingual=e5, full=True)
            seconds = " ".join(f"{r.seconds.get(s, 0.0):>18.2f}" for s in STAGES)
            print(
                f"{ml:<12} {mode:<7} {seconds}  {r.statements} "
                f"{r.statements_pooled}/{r.statements_alone_fallback} ({r.chunks} chunks)",
                flush=True,
            )


def answers(index_dir: Path, datasets: list[Path], weights_name: str) -> None:
    from assistant.answer.weights import WEIGHTS
    from assistant.evaluate import (
        evaluate_answers,
        filters_of,
        load_dataset,
        load_labelled,
        score_labelled,
    )
    from assistant.service import AssistantService
    from assistant.settings import Settings
    from calibrate.pooled_weights import POOLED_WEIGHTS

    weights = POOLED_WEIGHTS if weights_name == "pooled" else WEIGHTS
    settings = Settings()
    config = settings.index.model_copy(update={"index_dir": index_dir})
    service = AssistantService(config, max_top_k=1000, max_question_chars=10_000, weights=weights)
    service.load()
    vectors = service.state.snapshot.manifest["sentence_layer"]["vectors"].split(":")[0]
    print(f"{index_dir} ({vectors}), weights {weights_name}")
    for path in datasets:
        result: dict[str, Any]
        if path.is_file():
            items = load_labelled(path)
            result = score_labelled(
                items, lambda i: service.answer(i.question, 8, filters_of(i)).answer
            )
            result.pop("misses", None)
        else:

            def answer(question: str) -> tuple[str, list[str]]:
                r = service.answer(question, 8)
                return r.answer.text, [c.document_id for c in r.answer.citations]

            result = evaluate_answers(load_dataset(path), answer)
        print(json.dumps({"dataset": path.name, **result}), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="time the builds, alone then pooled")
    b.add_argument("--corpus", choices=sorted(CORPORA), default="samples")
    b.add_argument("--multilingual", action="append", choices=("all", "chunks", "off"))
    b.add_argument("--out", type=Path, default=REPO / "var" / "sv")
    b.add_argument("--models", type=Path, default=REPO / "var" / "models")
    b.add_argument("--repeat", type=int, default=1, help="builds of each setting")
    a = commands.add_parser("answers", help="score answers over one index")
    a.add_argument("--index-dir", type=Path, required=True)
    a.add_argument("--dataset", type=Path, action="append", required=True)
    a.add_argument("--weights", choices=("shipped", "pooled"), default="shipped")
    args = parser.parse_args()
    tick = time.perf_counter()
    if args.command == "build":
        build(args.corpus, args.multilingual or ["all", "off"], args.out, args.models, args.repeat)
    else:
        answers(args.index_dir, args.dataset, args.weights)
    print(f"({time.perf_counter() - tick:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
