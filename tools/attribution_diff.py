"""Who says each sentence of the shared corpora, dumped and compared with the last dump.

A rule of attribution (``index.attribution``) written for one layout can
move sentences of another. Run this before and after a change: the first run writes
``var/attribution/<name>.jsonl.gz`` (one line per document: its id and, per sentence,
its start, speaker and role); ``--compare`` reads the previous dump and prints every
sentence whose speaker or role moved, with its text, then a count per corpus.

    .venv/bin/python tools/attribution_diff.py --out before
    # … change a rule …
    .venv/bin/python tools/attribution_diff.py --out after --compare before

Reads the documents the way a build does (``index.load``: the same cleaning, the same
BEIR lines) from ``../shared/seed``, ``../shared/datasets`` (Europarl debates, QMSum
meetings, UN speeches, HotpotQA paragraphs, the UDHR) and ``examples/reports``; a corpus
that is absent is skipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
CORPORA = {
    "examples": REPO / "examples" / "reports",
    "seed": SHARED / "seed",
    "europarl": SHARED / "datasets" / "europarl_debates_2011" / "reports",
    "qmsum": SHARED / "datasets" / "qmsum_dev" / "transcripts",
    "un": SHARED / "datasets" / "un_general_debate_2015_2024" / "corpus.jsonl",
    "hotpotqa": SHARED / "datasets" / "hotpotqa_dev_distractor_500" / "corpus.jsonl",
    "udhr": SHARED / "datasets" / "udhr_multilingual" / "corpus.jsonl",
}
OUT = REPO / "var" / "attribution"


def documents(path: Path) -> Iterator[object]:
    from index.config import BuildConfig
    from index.load import load_sources
    from index.models import Document

    for item in load_sources([path], BuildConfig()):
        if isinstance(item, Document):
            yield item


def dump(name: str, only: set[str]) -> dict[str, dict[str, list[list[object]]]]:
    from index.sentence_layer import sentence_records

    out: dict[str, dict[str, list[list[object]]]] = {}
    for corpus, path in CORPORA.items():
        if (only and corpus not in only) or not path.exists():
            continue
        tick = time.perf_counter()
        rows: dict[str, list[list[object]]] = {}
        texts: dict[str, str] = {}
        for doc in documents(path):
            records = sentence_records(doc)  # type: ignore[arg-type]
            key = doc.id  # type: ignore[attr-defined]
            rows[key] = [[r.start, r.end, r.speaker, r.role] for r in records]
            texts[key] = doc.text  # type: ignore[attr-defined]
        out[corpus] = rows
        took = time.perf_counter() - tick
        print(f"{corpus}: {len(rows)} documents ({took:.0f} s)", file=sys.stderr)
        _TEXTS[corpus] = texts
    OUT.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT / f"{name}.jsonl.gz", "wt", encoding="utf-8") as f:
        for corpus, rows in out.items():
            for key, sentences in rows.items():
                f.write(json.dumps({"corpus": corpus, "doc": key, "s": sentences}) + "\n")
    return out


_TEXTS: dict[str, dict[str, str]] = {}


def read(name: str) -> dict[str, dict[str, list[list[object]]]]:
    out: dict[str, dict[str, list[list[object]]]] = {}
    with gzip.open(OUT / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            out.setdefault(row["corpus"], {})[row["doc"]] = row["s"]
    return out


def compare(
    before: dict[str, dict[str, list[list[object]]]],
    after: dict[str, dict[str, list[list[object]]]],
    show: int,
) -> int:
    moved: Counter[str] = Counter()
    total: Counter[str] = Counter()
    shown = 0
    for corpus, docs in after.items():
        old_docs = before.get(corpus, {})
        for key, sentences in docs.items():
            total[corpus] += len(sentences)
            old = {(s[0], s[1]): s for s in old_docs.get(key, [])}
            for s in sentences:
                o = old.get((s[0], s[1]))
                if o is not None and o[2:] == s[2:]:
                    continue
                moved[corpus] += 1
                if shown < show:
                    shown += 1
                    text = _TEXTS.get(corpus, {}).get(key, "")[s[0] : s[1]][:100]  # type: ignore[index,misc]
                    was = "new sentence" if o is None else f"{o[2]!r} ({o[3]})"
                    print(f"{corpus} {key} @{s[0]}: {was} -> {s[2]!r} ({s[3]}): {text}")
    for corpus in after:
        print(f"{corpus}: {moved[corpus]} of {total[corpus]} sentences moved")
    return sum(moved.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="name of this dump")
    parser.add_argument("--compare", help="name of an earlier dump to compare with")
    parser.add_argument("--corpus", action="append", default=[], choices=sorted(CORPORA))
    parser.add_argument("--show", type=int, default=60, help="moved sentences to print")
    args = parser.parse_args()
    after = dump(args.out, set(args.corpus))
    if args.compare:
        compare(read(args.compare), after, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
