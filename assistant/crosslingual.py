"""Sentence selection across languages: the multilingual model's cosines where MiniLM's
say nothing.

MiniLM reads English only, so the composer's sentence cosines (``assistant.compose``)
are noise for a statement in another language than the question's, and for any
statement when the question is not in English. Where the snapshot has multilingual
vectors of its statements (``index.multilingual``), such a statement is scored with
those instead, put on MiniLM's scale (``minilm_scale``) so the
composer's weights and bar still hold. Its words cannot match the question's, so it is
credited with what matching words typically add (``CROSS_LINGUAL_CREDIT``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from assistant.retrieve import question_language
from index.multilingual import minilm_scale
from index.snapshot import Snapshot

if TYPE_CHECKING:
    from assistant.statements import Candidate

# What a statement in another language than the question's is credited with in place
# of question-word overlap and coverage, which its words cannot earn. In English, those
# add 0.70 to the best statement of the median answered question of the labelled set
# (W_LEXICAL x overlap + W_COVERAGE x coverage; quartiles 0.61 and 0.70). Over the 34
# French, Russian and Chinese questions of tests/data/answers_crosslingual.jsonl (20
# answerable from the English reports, 14 not), calibrate/fit_multilingual_scale.py
# (2026-12-02, with the scale refitted the same day):
#   credit     0.3   0.4   0.45  0.5   0.55  0.6   0.7
#   recall     0.38  0.38  0.48  0.55  0.55  0.66  0.69
#   precision  0.33  0.35  0.38  0.43  0.43  0.42  0.41
#   citations on unanswerable questions  0 0 0 0 4 11 22
# Up to 0.5 nothing is cited for an unanswerable question (DESIGN: nothing found cites
# nothing); at 0.55 the first off-topic question is answered. 0.45 keeps half of that
# step as a margin for questions we have not seen; README "Languages". (Until
# 2026-12-02 the script's sweep did not reach ``rescore``, whose default credit was
# bound when the module loaded: the table it printed then was of an older pipeline.)
CROSS_LINGUAL_CREDIT = 0.45


@dataclass(frozen=True)
class CrossLingual:
    """The question in the multilingual model's space, and its statements' vectors."""

    language: str  # the question's ("en" when unsure)
    query: np.ndarray
    vectors_of: Callable[[Sequence[int]], np.ndarray]

    def reads(self, language: str | None) -> bool:
        """Whether a statement of this language is scored with multilingual vectors: when
        it is not in the question's language, and every statement of a question not in
        English. MiniLM's cosines between a French question and French statements are
        mostly shared word pieces: on 15 questions of our own about the French, Russian
        and Chinese sample reports (written before reading the answers; README
        "Languages") they gave precision 0.39 and cited statements for 2 of 3
        unanswerable questions; with e5's cosines, and the question's words read in its
        own language (``assistant.terms.words_for``), see the README's table."""
        return self.language != "en" or (language or "en") != self.language

    def rescore(
        self,
        ranked: Sequence[Candidate],
        relevance: Callable[[Candidate, float], float],
        credit: float | None = None,
    ) -> list[Candidate]:
        """``ranked`` with the statements MiniLM cannot read rescored, best first; those
        in another language than the question's get ``credit`` (default
        ``CROSS_LINGUAL_CREDIT``, read at call time so that
        calibrate/fit_multilingual_scale.py can vary it) for the words they cannot share
        with it."""
        credit = CROSS_LINGUAL_CREDIT if credit is None else credit
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
            score = relevance(c, c.cosine) + (credit if other else 0.0)
            out[i] = replace(c, score=score)
        return sorted(out, key=lambda c: -c.score)


def cross_lingual(
    question: str, snapshot: Snapshot, query: np.ndarray | None
) -> CrossLingual | None:
    """A ``CrossLingual`` when the snapshot has multilingual statement vectors; None
    otherwise (the composer reads MiniLM's cosines only)."""
    if query is None or snapshot.sentence_multilingual is None:
        return None
    return CrossLingual(
        question_language(snapshot, question), query, snapshot.sentence_multilingual_of
    )
