"""Place the relevance bar again for statement vectors pooled from the chunk pass.

    .venv/bin/python calibrate/calibrate_pooled.py --indexes SAMPLES EUROPARL HOTPOT \\
        [--indexes SAMPLES EUROPARL HOTPOT]

Reads (does not build) three indexes built with one ``ASSISTANT_INDEX__EMBED__SENTENCE_VECTORS``
setting: the sample reports and the seed, the 36 European Parliament debates of 17-20
January 2011, and HotpotQA-500 (bench/bench_sentence_vectors.py and docs/quality.md have
the commands). With every other constant of ``WEIGHTS`` as shipped, it puts the bar
where ``calibrate_threshold.py`` does (the middle of the run of bars with the best
balanced accuracy over the questions of the three corpora) and prints it beside the shipped
one, with the share of answerable questions answered and of unanswerable ones refused at
each. Give it "alone" indexes (it should find the shipped bar) and "pooled" ones; the
second bar goes to ``calibrate/pooled_weights.py``. The figures are also written to
calibrate/results/calibrate_pooled-<date>.json.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.answer.weights import WEIGHTS  # noqa: E402
from calibrate.calibrate_threshold import (  # noqa: E402
    LABELLED,
    LABELLED_EUROPARL,
    ask_hotpot,
    ask_index,
    best_bar,
    supports,
)
from calibrate.record import write_results  # noqa: E402
from index.config import BuildConfig  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--indexes",
        nargs=3,
        type=Path,
        action="append",
        required=True,
        metavar=("SAMPLES", "EUROPARL", "HOTPOT"),
        help="three indexes built with one setting (repeat for the other)",
    )
    args = parser.parse_args()
    results = [fit(*dirs) for dirs in args.indexes]
    write_results("calibrate_pooled", {"relevance_bar": WEIGHTS.relevance_bar}, {"runs": results})


def fit(samples: Path, europarl: Path, hotpot: Path) -> dict[str, Any]:
    """The bar fitted over three indexes of one setting, beside the shipped one."""
    sets = [
        ask_index("samples", BuildConfig(index_dir=samples), LABELLED),
        ask_index("europarl", BuildConfig(index_dir=europarl), LABELLED_EUROPARL),
    ]
    vectors = sets[0][1].manifest["sentence_layer"]["vectors"]
    vectors = "pooled" if vectors.startswith("pooled") else "alone"
    on, off = supports(sets, ask_hotpot(hotpot), WEIGHTS)
    result: dict[str, Any] = {"vectors": vectors, "indexes": [str(samples), str(europarl)]}
    for name, bar in (("shipped", WEIGHTS.relevance_bar), ("fitted", best_bar(on, off))):
        answered = sum(v >= bar for v in on) / len(on)
        refused = sum(v < bar for v in off) / len(off)
        result[name] = {"relevance_bar": bar, "answered": answered, "refused": refused}
        print(
            f"{vectors}: {name} bar {bar:.3f}: answerable answered {answered:.3f}, "
            f"unanswerable refused {refused:.3f} ({len(on)} and {len(off)} questions)"
        )
    return result


if __name__ == "__main__":
    main()
