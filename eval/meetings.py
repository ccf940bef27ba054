"""Answers on real meeting transcripts (QMSum's development meetings), beside three peers.

Reads ``../shared/datasets/qmsum_dev`` (skips with a message when it is absent): each
meeting a "Speaker: words" transcript, each question with the character ranges that
answer it and, for a question about one person, every label of that person. Builds an
index over the chosen meetings (multilingual vectors off: the meetings are English) into
``var/bench/meetings-<split>`` once, then asks every question scoped to its meeting (a
``document_ids`` filter, as a user who opens one meeting would) and prints, for the
assistant and for the peers on the same questions in the same run:

- answered: the share of questions not answered "nothing found" (all are answerable);
- hit: the share with at least one citation overlapping the answering ranges;
- precision: the share of citations overlapping them (over all citations);
- chars: characters cited per answered question;
- speaker cited: of the questions about one person, the share citing a turn of theirs;
  own: the share of the cited passages of those questions that are that person's;
- labels right: of the citations that name a speaker, the share naming the one whose
  turn holds the passage (the assistant only: the peers name no one);
- meeting first: unscoped, the share of questions whose first passage is their meeting's.

The peers: BM25 over turns (top 3), MiniLM over turns (top 3), and LangChain's default
pipeline: RecursiveCharacterTextSplitter(1000, 200) chunks embedded with MiniLM (top 4),
when ``langchain-text-splitters`` is installed (``pip install langchain-text-splitters``;
skipped otherwise).

    .venv/bin/python eval/meetings.py                  # the validation meetings (35)
    .venv/bin/python eval/meetings.py --split train --limit 300 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "datasets" / "qmsum_dev"


@dataclass
class Tally:
    """The figures of one system over the questions."""

    name: str
    asked: int = 0
    answered: int = 0
    hits: int = 0
    cited: int = 0
    cited_in_gold: int = 0
    chars: int = 0
    about_one: int = 0
    speaker_cited: int = 0
    own_cited: int = 0
    about_one_cited: int = 0
    labelled: int = 0
    labels_right: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)

    def add(
        self,
        q: dict[str, Any],
        spans: Sequence[tuple[int, int]],
        labels: Sequence[str | None] | None,
        turns: Sequence[tuple[str, int, int]],
    ) -> None:
        self.asked += 1
        gold = [tuple(g) for g in q["gold"]]
        kind = question_kind(q["query"])
        row = self.by_kind.setdefault(kind, [0, 0, 0])
        row[0] += 1
        if not spans:
            return
        self.answered += 1
        row[1] += 1
        inside = [any(s < ge and e > gs for gs, ge in gold) for s, e in spans]
        self.hits += any(inside)
        row[2] += any(inside)
        self.cited += len(spans)
        self.cited_in_gold += sum(inside)
        self.chars += sum(e - s for s, e in spans)
        owners = [owner(turns, s, e) for s, e in spans]
        if q.get("speaker_labels"):
            wanted = set(q["speaker_labels"])
            self.about_one += 1
            self.speaker_cited += any(o in wanted for o in owners)
            self.own_cited += sum(o in wanted for o in owners)
            self.about_one_cited += len(owners)
        if labels is not None:
            for label, true in zip(labels, owners, strict=True):
                if label is not None and true is not None:
                    self.labelled += 1
                    self.labels_right += same_speaker(label, true)

    def row(self) -> dict[str, Any]:
        def share(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "system": self.name,
            "questions": self.asked,
            "answered": share(self.answered, self.asked),
            "hit": share(self.hits, self.asked),
            "precision": share(self.cited_in_gold, self.cited),
            "chars": round(self.chars / self.answered) if self.answered else None,
            "speaker_cited": share(self.speaker_cited, self.about_one),
            "own": share(self.own_cited, self.about_one_cited),
            "labels_right": share(self.labels_right, self.labelled),
            "by_kind": {
                k: {"n": v[0], "answered": share(v[1], v[0]), "hit": share(v[2], v[0])}
                for k, v in sorted(self.by_kind.items())
            },
        }


def question_kind(query: str) -> str:
    lowered = query.lower()
    if lowered.startswith("summar"):
        return "summarize"
    if lowered.startswith("why"):
        return "why"
    if lowered.startswith("what did") and "discuss" in lowered:
        return "what was discussed"
    if lowered.startswith("what did") or lowered.startswith("what does"):
        return "what did X"
    return "other"


def owner(turns: Sequence[tuple[str, int, int]], start: int, end: int) -> str | None:
    """The speaker of the turn holding most of [start, end)."""
    best, most = None, 0
    for speaker, s, e in turns:
        overlap = min(e, end) - max(s, start)
        if overlap > most:
            best, most = speaker, overlap
    return best


def same_speaker(label: str, true: str) -> bool:
    """A cited label names the turn's speaker: the same words, or the label is the
    name inside the turn's label ("Anthony Rota" in "The Chair (Hon. Anthony Rota
    (…))")."""
    a = " ".join(label.lower().replace(".", " ").split())
    b = " ".join(true.lower().replace(".", " ").split())
    return a == b or (len(a) > 3 and a in b)


def turns_of(meta: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(t[1], t[2], t[3]) for t in meta["turns"]]


def load_questions(split: str) -> list[dict[str, Any]]:
    """The questions of ``split`` ("val", "train" or "all"), in the data's order."""
    questions = [
        json.loads(line)
        for line in (DATA / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [q for q in questions if split == "all" or q["split"] == split]


def some_meetings(questions: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """The questions of ``n`` of their meetings, drawn with a fixed seed (the draw of
    calibrate/calibrate_scoped_bar.py: its index serves both)."""
    meetings = sorted({q["file"] for q in questions})
    random.Random(7).shuffle(meetings)
    kept = set(meetings[:n])
    return [q for q in questions if q["file"] in kept]


def weights_of(changes: Sequence[str]) -> Any:
    """The shipped ``Weights`` with ``NAME=VALUE`` changes: a calibration passes its own
    value to the service, never assigns a module global."""
    from assistant.answer.weights import WEIGHTS

    fields = {}
    for change in changes:
        name, _, value = change.partition("=")
        kind = type(getattr(WEIGHTS, name))
        fields[name] = kind(float(value)) if kind is not bool else value == "true"
    return replace(WEIGHTS, **fields)


def build(files: Sequence[str], index_dir: Path) -> None:
    source = index_dir.parent / f"{index_dir.name}-src"
    source.mkdir(parents=True, exist_ok=True)
    wanted = set(files)
    for old in source.iterdir():
        if old.name not in wanted:
            old.unlink()
    for name in files:
        link = source / name
        if not link.exists():
            link.symlink_to(DATA / "transcripts" / name)
    env = dict(
        os.environ,
        ASSISTANT_INDEX__EMBED__MULTILINGUAL="off",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    tick = time.perf_counter()
    # the code of this checkout (a worktree of another commit measures that commit)
    command = [sys.executable, "-c", "from assistant.cli import app; app()", "index", "build"]
    done = subprocess.run(
        [*command, "--source", str(source), "--index-dir", str(index_dir)],
        env=env,
        cwd=REPO,
        check=False,
    )
    if done.returncode not in (0, 4):
        raise SystemExit(f"the index build failed ({done.returncode})")
    print(f"index: {index_dir} ({time.perf_counter() - tick:.0f} s)", file=sys.stderr)


def peers(
    questions: Sequence[dict[str, Any]],
    meta: dict[str, Any],
    texts: dict[str, str],
    embedder: Any,
) -> list[Tally]:
    """The three peers' figures; ``embedder`` is the assistant's own MiniLM."""
    import bm25s
    import numpy as np

    bm25 = Tally("BM25 over turns, top 3")
    dense = Tally("MiniLM over turns, top 3")
    chains = Tally("LangChain 1000/200 chunks, top 4")
    try:
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter: Any = RecursiveCharacterTextSplitter(
            chunk_size=1000, chunk_overlap=200, add_start_index=True
        )
    except ImportError:
        splitter = None
        print("langchain-text-splitters not installed: its peer is skipped", file=sys.stderr)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for q in questions:
        by_file.setdefault(q["file"], []).append(q)
    for name, asked in by_file.items():
        turns = turns_of(meta[name])
        text = texts[name]
        turn_texts = [text[s:e] for _, s, e in turns]
        retriever = bm25s.BM25()
        retriever.index(
            bm25s.tokenize(turn_texts, stopwords="en", show_progress=False), show_progress=False
        )
        turn_vectors = embedder.embed(turn_texts)
        chunks: list[tuple[int, int]] = []
        chunk_vectors = None
        if splitter is not None:
            for doc in splitter.create_documents([text]):
                s = doc.metadata["start_index"]
                chunks.append((s, s + len(doc.page_content)))
            chunk_vectors = embedder.embed([text[s:e] for s, e in chunks])
        for q in asked:
            tokens = bm25s.tokenize([q["query"]], stopwords="en", show_progress=False)
            found, _ = retriever.retrieve(tokens, k=min(3, len(turns)), show_progress=False)
            top = [turns[int(i)] for i in found[0]]
            bm25.add(q, [(s, e) for _, s, e in top], None, turns)
            vector = embedder.embed_query(q["query"])
            order = np.argsort(-(turn_vectors @ vector))[:3]
            dense.add(q, [(turns[i][1], turns[i][2]) for i in order], None, turns)
            if chunk_vectors is not None:
                order = np.argsort(-(chunk_vectors @ vector))[:4]
                chains.add(q, [chunks[i] for i in order], None, turns)
    return [bm25, dense] + ([chains] if splitter is not None else [])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("val", "train", "all"), default="val")
    parser.add_argument("--limit", type=int, default=0, help="at most this many questions")
    parser.add_argument("--index-dir", type=Path, default=None)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="write figures and answers here")
    parser.add_argument(
        "--meetings", type=int, default=0, help="only this many meetings, chosen as calibrate/ does"
    )
    parser.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="answer with this field of assistant.answer.weights.Weights changed (repeatable)",
    )
    parser.add_argument("--no-build", action="store_true", help="read the index as it is")
    parser.add_argument("--show", type=int, default=0, help="print this many answers")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"{DATA} is absent: nothing to measure", file=sys.stderr)
        return 0
    meta = json.loads((DATA / "turns.json").read_text(encoding="utf-8"))
    questions = load_questions(args.split)
    if args.meetings:
        questions = some_meetings(questions, args.meetings)
    if args.limit:
        questions = questions[: args.limit]
    files = sorted({q["file"] for q in questions})
    index_dir = args.index_dir or REPO / "var" / "bench" / f"meetings-{args.split}"
    if not args.no_build:
        build(files, index_dir)
    texts = {f: (DATA / "transcripts" / f).read_text(encoding="utf-8") for f in files}

    os.environ["ASSISTANT_INDEX__INDEX_DIR"] = str(index_dir)
    os.environ["ASSISTANT_INDEX__EMBED__MULTILINGUAL"] = "off"
    from assistant.app import build_service
    from assistant.evaluate import located
    from assistant.retrieve import Filters
    from assistant.settings import Settings

    service = build_service(Settings())
    service.weights = weights_of(args.weight)
    service.load()
    snapshot = service.state.snapshot
    ids = {Path(d.source).name: d.id for d in snapshot.documents()}
    docs = {d.id: d for d in snapshot.documents()}
    ours = Tally("report-assistant")
    first_right = 0
    shown = []
    tick = time.perf_counter()
    for q in questions:
        doc_id = ids[q["file"]]
        doc = docs[doc_id]
        result = service.answer(q["query"], filters=Filters(document_ids=(doc_id,)))
        answer = result.answer
        spans = [
            located(texts[q["file"]], c.passage, c.start, len(doc.text)) for c in answer.citations
        ]
        labels = [c.speaker for c in answer.citations]
        ours.add(q, spans if answer.found else [], labels, turns_of(meta[q["file"]]))
        unscoped = service.search(q["query"], top_k=1)
        first_right += bool(unscoped.passages) and unscoped.passages[0].document_id == doc_id
        gold = [tuple(g) for g in q["gold"]]
        hit = answer.found and any(s < ge and e > gs for s, e in spans for gs, ge in gold)
        shown.append(
            {
                "id": q["id"],
                "query": q["query"],
                "answer": answer.text,
                "hit": hit,
                "gold": gold,
                "cited": spans if answer.found else [],
                "length": len(texts[q["file"]]),
            }
        )
    took = time.perf_counter() - tick
    systems = [ours] + ([] if args.no_peers else peers(questions, meta, texts, service.embedder))
    rows = [s.row() for s in systems]
    rows[0]["meeting_first"] = round(first_right / len(questions), 3)
    rows[0]["ms_per_question"] = round(took * 1000 / len(questions))
    cpu = platform.processor() or platform.machine()
    print(f"meetings: {args.split}, {len(files)} meetings, {len(questions)} questions; {cpu}")
    head = "system", "answered", "hit", "precision", "chars", "speaker_cited", "own"
    print("| " + " | ".join(head) + " | labels_right |")
    print("|" + "---|" * (len(head) + 1))
    for r in rows:
        cells = [str(r[h]) for h in head] + [str(r["labels_right"])]
        print("| " + " | ".join(cells) + " |")
    print(f"meeting first (unscoped): {rows[0]['meeting_first']}")
    for kind, v in rows[0]["by_kind"].items():
        print(f"  {kind}: n={v['n']} answered {v['answered']} hit {v['hit']}")
    for s in shown[: args.show]:
        print(f"\n## {s['id']}: {s['query']}\n{s['answer']}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "answers": shown}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
