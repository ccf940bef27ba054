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

A written report of a meeting (news of a webinar, minutes in prose) has no segments: it
is short and about its event, so the best report is read whole as one segment, with the
reports whose best statement is within ``Weights.written_window`` of it (at most
``Weights.discussion_segments``), when their voices are at least two; else (one voice,
or none) the usual route answers (``None``). On the blind discussion set
(``tests/data/answers_discussions.jsonl``, 13 summaries of a discussion in a written
report, 2026-12-06) this alone took recall from 0.40 to 0.56 (precision 0.629 →
0.625); with the gatherings a question names (``index.naming.ReportNames.gathering``)
0.54 / 0.711.
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
    if any(s.segment.document_id == ranked[0].source.document_id for s in segments):
        queues = [
            _voices(
                question,
                sources[s.segment.document_id],
                (s.segment.start, s.segment.end),
                float(layer.segment_vectors_of([s.row])[0] @ query),
                query,
                layer,
                weights,
            )
            for s in _best_segments(segments, ranked, query, layer, weights)
        ]
    else:
        queues = _written_voices(question, ranked, segments, query, layer, weights)
        if sum(len({c.sentence.speaker for c in q} - {None}) for q in queues) < 2:
            return None  # one voice, or none: the usual route's statements
    out: list[Candidate] = []
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


def _written_voices(
    question: str,
    ranked: Sequence[Candidate],
    segments: Sequence[StoredSegment],
    query: np.ndarray,
    layer: SentenceLayer,
    weights: Weights,
) -> list[list[Candidate]]:
    """A written report of a meeting (news of a webinar, minutes in prose) has no topic
    segments: it is short and on its event, so the whole report is read as one, and the
    reports that answer best (their best statement within ``written_window`` of the
    best, at most ``discussion_segments``) give each speaker's key statements."""
    best: dict[str, Candidate] = {}
    with_segments = {s.segment.document_id for s in segments}
    for c in ranked:  # best first
        if c.source.document_id not in with_segments:
            best.setdefault(c.source.document_id, c)
    top = ranked[0].score
    kept = [c.source for c in best.values() if c.score >= top - weights.written_window]
    queues = []
    for source in kept[: weights.discussion_segments]:
        rows = [
            s.vector_row
            for s in layer.sentences_in(source.document_id, 0, len(source.text) + 1)
            if s.record.statement and s.vector_row >= 0
        ]
        if not rows:
            continue
        centroid = layer.sentence_vectors_of(rows).mean(axis=0)
        cosine = float(centroid @ query) / max(float(np.linalg.norm(centroid)), 1e-12)
        queues.append(
            _voices(question, source, (0, len(source.text)), cosine, query, layer, weights)
        )
    return queues


def _voices(
    question: str,
    source: Source,
    span: tuple[int, int],
    cosine: float,
    query: np.ndarray,
    layer: SentenceLayer,
    weights: Weights,
) -> list[Candidate]:
    """Each speaker's best statements in ``span`` of ``source`` (a segment, or a
    written report whole; ``cosine``: the question's with it): every voice's best first
    (the best voices first), then every voice's second best."""
    passage = _as_passage(span[0], span[1], source, cosine)
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
