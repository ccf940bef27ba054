"""Answers about a discussion: the stretches of a meeting on the topic, and in each,
every speaker's key statements in order.

"Summarize the discussion about the scroll wheel" or "What did the group discuss about
the budget?" (``Plan.discussion``, ``Route.DISCUSSION``) is answered by a stretch of
turns, not by the one best sentence. The build splits records with turns into topic
segments (``index.segments``); here:

1. the segments of the reports that answer (the best ranked statement's, which must
   have segments, and those within ``Weights.relative_window`` of it) are scored: the cosine
   of the question with the segment (the mean of its statement vectors) plus the best
   score of a ranked statement inside it (what retrieval and the score stage found);
2. the best segment is kept, and the next ones within ``Weights.segment_window`` of it,
   at most ``Weights.discussion_segments``;
3. in each, its statements are scored as any answer scores them
   (``score.rank_sentences``, the segment read as one passage), and every speaker's
   best statement is kept within ``Weights.segment_voice_window`` of the segment's
   best three (their mean), then each one's second best: the best voices first, the segments taking
   turns, until the answer's statements are chosen; they are rendered in the order
   they were said.

A report without segments (news, a written report) leaves the question to the usual
route (``None``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.answer.candidates import Candidate, SentenceLayer, Source
from assistant.answer.score import rank_sentences
from assistant.answer.weights import Weights
from assistant.retrieve import segment_scores
from assistant.types import Passage
from index.snapshot import StoredSegment

# Statements of one speaker a segment may give (their best, then their second best).
PER_SPEAKER = 2


def discussion_statements(
    question: str,
    ranked: Sequence[Candidate],
    query: np.ndarray,
    layer: SentenceLayer,
    max_sentences: int,
    weights: Weights,
) -> list[Candidate] | None:
    """The statements that answer a question about a discussion, best voices first;
    ``None`` when the reports of ``ranked`` have no topic segments."""
    if not ranked:
        return None
    # the reports that answer: the best statement's, and those whose best statement is
    # within the usual window of it; the best one must have segments (a news report
    # that answers best is not left for a transcript that answers worse)
    sources: dict[str, Source] = {}
    for c in ranked:
        if c.score >= ranked[0].score - weights.relative_window:
            sources.setdefault(c.source.document_id, c.source)
    segments = layer.segments_of(list(sources))
    if not any(s.segment.document_id == ranked[0].source.document_id for s in segments):
        return None
    chosen = _best_segments(segments, ranked, query, layer, weights)
    out: list[Candidate] = []
    queues = [_voices(question, s, sources, query, layer, weights) for s in chosen]
    while len(out) < max_sentences and any(queues):
        for queue in queues:
            if queue and len(out) < max_sentences:
                out.append(queue.pop(0))
    return out


def _best_segments(
    segments: Sequence[StoredSegment],
    ranked: Sequence[Candidate],
    query: np.ndarray,
    layer: SentenceLayer,
    weights: Weights,
) -> list[StoredSegment]:
    cosines = layer.segment_vectors_of([s.row for s in segments]) @ query
    found = [(c.source.document_id, c.sentence.start, c.score) for c in ranked]
    scores = segment_scores(segments, cosines, found)
    order = sorted(range(len(segments)), key=lambda i: -scores[i])
    best = scores[order[0]]
    return [
        segments[i]
        for i in order[: weights.discussion_segments]
        if scores[i] >= best - weights.segment_window
    ]


def _voices(
    question: str,
    segment: StoredSegment,
    sources: dict[str, Source],
    query: np.ndarray,
    layer: SentenceLayer,
    weights: Weights,
) -> list[Candidate]:
    """Each speaker's best statements in ``segment``: every voice's best first (the best
    voices first), then every voice's second best."""
    g = segment.segment
    cosine = float(layer.segment_vectors_of([segment.row])[0] @ query)
    passage = _as_passage(g.start, g.end, sources[g.document_id], cosine)
    scored = rank_sentences(question, [passage], query, layer, weights)
    if not scored:
        return []
    # under the segment's usual best, not under its one best: a turn that restates the
    # question ("The next item is the football tournament") would leave no other voice
    floor = float(np.mean([c.score for c in scored[:3]])) - weights.segment_voice_window
    by_speaker: dict[str | None, list[Candidate]] = {}
    for c in scored:  # best first
        if c.score >= floor and len(by_speaker.setdefault(c.sentence.speaker, [])) < PER_SPEAKER:
            by_speaker[c.sentence.speaker].append(c)
    rounds = [[own[i] for own in by_speaker.values() if len(own) > i] for i in range(PER_SPEAKER)]
    return [c for r in rounds for c in sorted(r, key=lambda c: -c.score)]


def _as_passage(start: int, end: int, source: Source, cosine: float) -> Passage:
    """A segment read as one passage of its report (``cosine``: the question's with the
    segment)."""
    return Passage(
        chunk_id=f"{source.document_id}:{start}-{end}",
        document_id=source.document_id,
        title=source.title,
        date=source.date,
        url=source.url,
        source=source.source,
        language=source.language,
        start=start,
        end=end,
        text=source.text[start:end],
        score=0.0,
        dense_score=cosine,
        lexical_score=0.0,
        document_text=source.text,
        pages=source.pages,
    )


__all__ = ["discussion_statements"]
