"""Topic segments of verbatim records: the stretches of a meeting that are about one
thing, found at build time from its turns and its statement vectors.

"Summarize the discussion about the scroll wheel" is answered by a stretch of turns, not
by one sentence; a segment is such a stretch, so an answer can give the voices of the
stretch in order and ``/v1/search`` can return it whole.

How (TextTiling, Hearst 1997, over sentence vectors instead of word counts):
1. the statements of a document with turns (a transcript, minutes with speakers), in
   order; a gap between two statements is a candidate boundary only where a turn starts
   (a boundary never cuts a speaker's turn);
2. at each gap, the cosine between the mean vector of the ``WINDOW`` statements before
   and of the ``WINDOW`` after: a change of topic is a dip in it;
3. each gap's depth: how far the cosine falls from the highest point on either side
   before it rises no more;
4. the deepest gaps past the cut (mean depth minus half its standard deviation, the
   paper's liberal cut) become boundaries, the deepest first, none closer than
   ``MIN_STATEMENTS`` statements to another or to either end.

The cut is relative, as in the paper: a record of ``2 * MIN_STATEMENTS`` statements or
more is always cut at least once, at its deepest change, even when it keeps to one
topic (its segments are then stretches of it). Documents without turns (news, written
reports) get no segments: their passages and
paragraphs already are the units. A short record is one segment.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from index.sentence_layer import SentenceRecord

# The window and the shortest segment, in statements. Measured on the 35 QMSum validation
# meetings (../shared/datasets/qmsum_dev, 2026-12-06; the question spans are the only
# truth about topics there): windows of 8 with segments of at least 12 statements give
# 691 segments, median 2,233 characters, and the segment that scores best for a question
# holds a piece of its answering turns for 0.460 of the 237 questions (the best two 0.641);
# 12 and 20 give 427 segments, median 3,826 characters (the answering turns: median
# 2,808), best 0.536, best two 0.692; fixed stretches of 40 statements (median 5,463)
# 0.612 / 0.781, only by being longer. 12 and 20: segments about the size of what answers.
WINDOW = 12
MIN_STATEMENTS = 20
# A record with fewer turns than this is one conversation, not a meeting of topics.
MIN_TURNS = 6


def segment_settings() -> dict[str, int]:
    """What the manifest records (a change writes a new snapshot, every vector reused)."""
    return {"window": WINDOW, "min_statements": MIN_STATEMENTS, "min_turns": MIN_TURNS}


@dataclass(frozen=True)
class Segment:
    """A stretch of one document: ``text[start:end]``, from the start of its first
    statement's turn to the end of its last statement."""

    document_id: str
    ordinal: int  # its place in the document, from 0
    start: int
    end: int
    statements: int
    speakers: tuple[str, ...]  # in order of their first statement in it


def topic_segments(
    sentences: Sequence[SentenceRecord], sentence_vectors: np.ndarray
) -> tuple[list[Segment], np.ndarray]:
    """The segments of every document of ``sentences`` (the snapshot's layer, documents
    contiguous, in order; ``sentence_vectors`` one row per statement) and one unit
    vector per segment: the mean of its statements' vectors."""
    segments: list[Segment] = []
    vectors: list[np.ndarray] = []
    row = 0
    for records in _by_document(sentences):
        statements = [r for r in records if r.statement]
        own = np.asarray(sentence_vectors[row : row + len(statements)], dtype=np.float32)
        row += len(statements)
        if not _has_turns(statements):
            continue
        for k, (a, b) in enumerate(_spans(statements, own)):
            part = statements[a:b]
            speakers = tuple(dict.fromkeys(r.speaker for r in part if r.speaker))
            first = part[0]
            segments.append(
                Segment(
                    document_id=first.document_id,
                    ordinal=k,
                    start=first.turn if first.turn is not None else first.start,
                    end=part[-1].end,
                    statements=len(part),
                    speakers=speakers,
                )
            )
            vectors.append(_unit(own[a:b].mean(axis=0)))
    dim = sentence_vectors.shape[1] if sentence_vectors.ndim == 2 else 0
    stacked = np.vstack(vectors) if vectors else np.zeros((0, dim), dtype=np.float32)
    return segments, stacked.astype(np.float32)


def _by_document(sentences: Sequence[SentenceRecord]) -> Iterator[list[SentenceRecord]]:
    group: list[SentenceRecord] = []
    for r in sentences:
        if group and r.document_id != group[0].document_id:
            yield group
            group = []
        group.append(r)
    if group:
        yield group


def _has_turns(statements: Sequence[SentenceRecord]) -> bool:
    turns = {r.turn for r in statements if r.turn is not None}
    speakers = {r.speaker for r in statements if r.speaker}
    return len(turns) >= MIN_TURNS and len(speakers) >= 2


def _spans(statements: Sequence[SentenceRecord], vectors: np.ndarray) -> list[tuple[int, int]]:
    """[a, b) ranges of ``statements``, one per segment, covering them all in order."""
    n = len(statements)
    gaps = [g for g in range(1, n) if statements[g].turn != statements[g - 1].turn]
    if n < 2 * MIN_STATEMENTS or not gaps:
        return [(0, n)]
    depth = _depths(_gap_cosines(vectors), n)
    depths = np.array([depth[g] for g in gaps])
    cut = float(depths.mean() - depths.std() / 2)
    chosen: list[int] = []
    for g in sorted(gaps, key=lambda g: -depth[g]):
        if depth[g] < cut:
            break
        if MIN_STATEMENTS <= g <= n - MIN_STATEMENTS and all(
            abs(g - c) >= MIN_STATEMENTS for c in chosen
        ):
            chosen.append(g)
    cuts = [0, *sorted(chosen), n]
    return list(pairwise(cuts))


def _gap_cosines(vectors: np.ndarray) -> np.ndarray:
    """At gap g (before statement g): the cosine of the windows on either side."""
    n = len(vectors)
    sums = np.vstack([np.zeros((1, vectors.shape[1]), np.float32), np.cumsum(vectors, axis=0)])
    cosines = np.zeros(n, dtype=np.float32)
    for g in range(1, n):
        before = sums[g] - sums[max(0, g - WINDOW)]
        after = sums[min(n, g + WINDOW)] - sums[g]
        cosines[g] = float(_unit(before) @ _unit(after))
    return cosines


def _depths(cosines: np.ndarray, n: int) -> np.ndarray:
    """How deep each gap's cosine lies below the peaks on its left and on its right."""
    depth = np.zeros(n, dtype=np.float32)
    for g in range(1, n):
        left = g
        while left > 1 and cosines[left - 1] >= cosines[left]:
            left -= 1
        right = g
        while right < n - 1 and cosines[right + 1] >= cosines[right]:
            right += 1
        depth[g] = (cosines[left] - cosines[g]) + (cosines[right] - cosines[g])
    return depth


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


__all__ = ["Segment", "segment_settings", "topic_segments"]
