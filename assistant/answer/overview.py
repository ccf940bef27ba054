"""Answers about a meeting as a whole: its main statements.

"Summarize the meeting", "What was the general discussion of the meeting?", "What was
discussed?", asked of one report (``Plan.overview``, ``Route.OVERVIEW``), have no topic
a statement could match, and were refused ("nothing found") for want of one. The answer
is the report's main statements: those closest to what its statements say together,
varied by maximal marginal relevance (a new voice earns its bonus), as "What did X say?"
gives a person's (``main_statements``, shared with ``assistant.person_answers``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from assistant.answer.candidates import Candidate, SentenceLayer, Source, unit
from assistant.answer.complete import completed
from assistant.answer.render import AnswerTexts, render
from assistant.answer.select import mmr
from assistant.answer.weights import Weights
from assistant.types import Answer, Passage


def overview_answer(
    passages: Sequence[Passage],
    layer: SentenceLayer,
    max_sentences: int,
    texts: AnswerTexts,
    weights: Weights,
) -> Answer:
    """The main statements of the reports the passages come from (a scoped question's:
    one report, or a few)."""
    sources: dict[str, Source] = {}
    for p in passages:
        sources.setdefault(p.document_id, Source.of_passage(p))
    candidates = [
        Candidate(source, stored.record, stored.vector_row)
        for doc, source in sources.items()
        for stored in layer.sentences_in(doc, 0, len(source.text) + 1)
        if stored.record.statement and stored.vector_row >= 0
    ]
    if not candidates:
        return Answer(text=texts.nothing_found, citations=(), found=False)
    vectors = layer.sentence_vectors_of([c.vector_row for c in candidates])
    main = main_statements(candidates, vectors, max_sentences, layer, weights)
    return render(completed(main, layer), texts)


def main_statements(
    candidates: Sequence[Candidate],
    vectors: np.ndarray,
    k: int,
    layer: SentenceLayer,
    weights: Weights,
) -> list[Candidate]:
    """In each report, the statements closest to what they say there together (the
    centroid of ``candidates`` in that report: a person's, for "What did X say?", or
    every statement of a meeting asked about as a whole), a report's sum-ups ("X noted
    that …") first, the reports taking turns, most recent first, until ``k`` are
    chosen."""
    by_document: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        by_document.setdefault(c.source.document_id, []).append(i)
    queues = []
    for rows in by_document.values():
        centre = unit(vectors[rows].mean(axis=0))
        scored = [
            replace(
                candidates[i],
                score=float(vectors[i] @ centre)
                + weights.digest_bonus * (candidates[i].sentence.tag_start is not None),
            )
            for i in rows
        ]
        queues.append(mmr(sorted(scored, key=lambda c: -c.score), k, layer, weights=weights))
    queues.sort(key=lambda q: q[0].source.date or "", reverse=True)
    chosen: list[Candidate] = []
    while len(chosen) < k and any(queues):
        for queue in queues:
            if queue and len(chosen) < k:
                chosen.append(queue.pop(0))
    return chosen
