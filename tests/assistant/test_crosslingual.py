"""The cross-lingual scorer: statements in another language than the question's."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from assistant import crosslingual, statements
from assistant.crosslingual import CrossLingual
from index.multilingual import minilm_scale
from index.sentence_layer import SentenceRecord


def _candidate(language: str, row: int) -> statements.Candidate:
    text = "Rain is scarce."
    record = SentenceRecord("d", row, 0, len(text), 0, None, None, True, None, None, text)
    source = statements.Source("d", "Report", None, None, "r.txt", text, language=language)
    return statements.Candidate(source, record, row)


def _vectors(rows: Sequence[int]) -> np.ndarray:
    return np.array([[1.0, 0.0] if r == 0 else [0.6, 0.8] for r in rows], dtype=np.float32)


def _plain(candidate: statements.Candidate, cosine: float) -> float:
    return cosine


def test_a_statement_in_another_language_is_scored_with_multilingual_cosines_and_credited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scorer = CrossLingual("fr", np.array([1.0, 0.0], dtype=np.float32), _vectors)
    english, french = _candidate("en", 0), _candidate("fr", 1)
    scored = {c.source.language: c for c in scorer.rescore([english, french], _plain)}
    expected = minilm_scale(np.array([1.0, 0.6]))
    # the French question's own language: e5's cosine, no credit
    assert scored["fr"].score == pytest.approx(float(expected[1]))
    # English: its words cannot match a French question, so it earns the credit
    credit = crosslingual.CROSS_LINGUAL_CREDIT
    assert scored["en"].score == pytest.approx(float(expected[0]) + credit)
    # the credit is read when scoring (calibrate/fit_multilingual_scale.py varies it)
    monkeypatch.setattr(crosslingual, "CROSS_LINGUAL_CREDIT", 0.0)
    again = {c.source.language: c for c in scorer.rescore([english, french], _plain)}
    assert again["en"].score == pytest.approx(float(expected[0]))
    assert scorer.rescore([english], _plain, credit=0.0)[0].score == pytest.approx(
        float(expected[0])
    )
