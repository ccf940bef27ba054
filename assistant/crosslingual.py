"""Sentence selection across languages: the multilingual model's cosines where MiniLM's
say nothing.

MiniLM reads English only, so the composer's sentence cosines (``assistant.compose``)
are noise for a statement of a Russian or Chinese report, and for any statement in
another language than the question's. Where the snapshot has multilingual vectors of
its statements (``index.multilingual``), such a statement is scored with those
instead, put on MiniLM's scale (``minilm_scale``) so the composer's weights and bar
still hold. Its words cannot match a question in another language, so it is credited
with what matching words typically add (``CROSS_LINGUAL_CREDIT``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from assistant.retrieve import question_language
from assistant.types import Passage
from index.multilingual import minilm_scale
from index.snapshot import Snapshot

if TYPE_CHECKING:
    from assistant.compose import Candidate

# What question-word overlap and coverage add to the score of an answering statement
# in the question's own language (W_LEXICAL × overlap + W_COVERAGE × coverage of the
# best statement of each answered question of the English labelled set; README
# "Languages"): a statement in another language cannot earn it from its words.
CROSS_LINGUAL_CREDIT = 0.0


@dataclass(frozen=True)
class CrossLingual:
    """The question in the multilingual model's space, and its statements' vectors."""

    language: str  # the question's ("en" when unsure)
    query: np.ndarray
    vectors_of: Callable[[Sequence[int]], np.ndarray]

    def reads(self, language: str | None) -> bool:
        """Whether a statement of this language is scored with multilingual vectors:
        when not English (MiniLM cannot read it) or not the question's language."""
        language = language or "en"
        return language != "en" or language != self.language

    def rescore(
        self, ranked: Sequence[Candidate], relevance: Callable[[Candidate, float], float]
    ) -> list[Candidate]:
        """``ranked`` with the statements MiniLM cannot read rescored, best first."""
        rows = [i for i, c in enumerate(ranked) if self.reads(c.source.language)]
        if not rows:
            return list(ranked)
        vectors = self.vectors_of([ranked[i].vector_row for i in rows])
        cosines = minilm_scale(vectors @ self.query)
        paragraphs: dict[tuple[str, int], list[int]] = {}
        for j, i in enumerate(rows):
            c = ranked[i]
            paragraphs.setdefault((c.source.document_id, c.sentence.paragraph), []).append(j)
        context = np.zeros(len(rows), dtype=np.float32)
        for members in paragraphs.values():
            centre = vectors[members].mean(axis=0)
            centre /= float(np.linalg.norm(centre)) or 1.0
            context[members] = minilm_scale(np.array([centre @ self.query]))[0]
        out = list(ranked)
        for j, i in enumerate(rows):
            c = replace(ranked[i], cosine=float(cosines[j]), context=float(context[j]))
            other = (c.source.language or "en") != self.language
            score = relevance(c, c.cosine) + (CROSS_LINGUAL_CREDIT if other else 0.0)
            out[i] = replace(c, score=score)
        return sorted(out, key=lambda c: -c.score)


def cross_lingual(
    question: str,
    passages: Sequence[Passage],
    snapshot: Snapshot,
    query: np.ndarray | None,
) -> CrossLingual | None:
    """A ``CrossLingual`` when the snapshot has multilingual statement vectors and a
    passage is one MiniLM cannot read; None otherwise (the composer as before)."""
    if query is None or snapshot.sentence_multilingual is None:
        return None
    language = question_language(snapshot, question)
    found = CrossLingual(language, query, snapshot.sentence_multilingual_of)
    return found if any(found.reads(p.language) for p in passages) else None
