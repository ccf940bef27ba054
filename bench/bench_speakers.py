#!/usr/bin/env python
"""Speaker attribution against the true speaker of every span of real transcripts.

    .venv/bin/python bench/bench_speakers.py [--files N]

Reads ../shared/datasets/europarl_debates_2011 (293 European Parliament debates in
verbatim-report layout, with ``turns.jsonl`` giving the speaker of every span), splits
each debate with ``index.sentences`` and attributes it with ``index.attribution`` exactly
as a build does, and scores each sentence against the turn it starts in
(../shared/notes/speakers.md, section 4):

- speech accuracy: sentences inside speeches whose speaker is the true one (abstaining
  counts as a miss), over all sentences inside speeches;
- label precision: correct labels over all labels given (a label on a sentence outside
  any speech is wrong).

Names match after removing case, accents and titles (``index.sentence_layer.name_key``).
Header lines ("David Martin (S&D).") are not statements and are not scored.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from index.attribution import attribute  # noqa: E402
from index.sentence_layer import name_key  # noqa: E402
from index.sentences import split_sentences  # noqa: E402

DATA = REPO.parent / "shared" / "datasets" / "europarl_debates_2011"


def score(files: int) -> dict[str, float]:
    turns: dict[str, list[dict[str, object]]] = collections.defaultdict(list)
    for line in (DATA / "turns.jsonl").read_text(encoding="utf-8").splitlines():
        turn = json.loads(line)
        turns[str(turn["file"])].append(turn)
    in_speech = correct = labels = sentences = 0
    wrong: collections.Counter[tuple[str, str | None]] = collections.Counter()
    tick = time.perf_counter()
    for name in sorted(turns)[: files or None]:
        text = (DATA / "reports" / name).read_text(encoding="utf-8")
        spans = sorted(turns[name], key=lambda t: int(str(t["start"])))
        starts = [int(str(t["start"])) for t in spans]
        split = split_sentences(text)
        for sentence, attribution in zip(split, attribute(split), strict=True):
            if attribution.role_only:
                continue
            sentences += 1
            i = bisect.bisect_right(starts, sentence.start) - 1
            gold = None
            if i >= 0 and sentence.start < int(str(spans[i]["end"])):
                gold = str(spans[i]["speaker"])
            said = attribution.speaker.name if attribution.speaker else None
            in_speech += gold is not None
            if said is not None:
                labels += 1
                if gold is not None and name_key(said) == name_key(gold):
                    correct += 1
                else:
                    wrong[(said, gold)] += 1
    seconds = time.perf_counter() - tick
    print("most frequent errors (said, true):", wrong.most_common(5))
    return {
        "debates": files or len(turns),
        "sentences": sentences,
        "speech_accuracy": round(correct / in_speech, 4) if in_speech else 0.0,
        "label_precision": round(correct / labels, 4) if labels else 0.0,
        "abstained": round(1 - labels / sentences, 4) if sentences else 0.0,
        "sentences_per_s": round(sentences / seconds, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=0, help="the first N debates (0 = all)")
    args = parser.parse_args()
    if not (DATA / "turns.jsonl").is_file():
        print(f"{DATA} is absent: this benchmark needs ../shared/datasets", file=sys.stderr)
        return 2
    print(json.dumps(score(args.files), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
