"""The score stage: the headings a statement is read under, the multilingual cosines
of a statement MiniLM cannot read, and the bar of the select stage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import FrozenInstanceError, replace
from typing import Any

import numpy as np
import pytest

from assistant.answer import candidates, score, select
from assistant.answer.weights import WEIGHTS, Weights
from assistant.terms import ENGLISH, content_terms
from index.models import Document
from index.multilingual import minilm_scale
from index.sentence_layer import SentenceRecord, sentence_records
from index.snapshot import StoredSentence

REPORT = """Annual Report 2024

Principal risks and uncertainties

Supply chain. The Group depends on a small number of suppliers for specialised resins. \
A disruption at one of these suppliers could delay production for several weeks.

Cybersecurity. A successful cyber attack could stop production and expose customer data.

Dividend

The Board proposes a final dividend of 14.2 pence per share.
"""


class _Layer:
    def __init__(self, records: list[SentenceRecord]) -> None:
        self.records = records

    def headings_of(self, document_ids: list[str]) -> list[StoredSentence]:
        return [
            StoredSentence(r, -1)
            for r in self.records
            if not r.statement and r.document_id in document_ids
        ]


def _candidates() -> tuple[list[candidates.Candidate], Any]:
    document = Document("d", "Annual Report 2024", REPORT, "report.txt")
    records = sentence_records(document)
    source = candidates.Source.of_document(document)
    chosen = [candidates.Candidate(source, r, 0) for r in records if r.statement]
    return chosen, _Layer(records)


def test_a_statement_is_read_under_its_headings() -> None:
    found, layer = _candidates()
    read = score.heading_terms(found, layer, ENGLISH)

    def heads(opening: str) -> set[str]:
        return next(h for c, h in zip(found, read, strict=True) if c.text.startswith(opening))

    # the section heading above and the run-in heading of its own paragraph
    disruption = heads("A disruption")
    assert content_terms("Principal risks and uncertainties Supply chain", ENGLISH) == disruption
    attack = heads("A successful cyber attack")
    assert content_terms("Principal risks Cybersecurity", ENGLISH) <= attack
    assert "chain" not in attack  # another paragraph's run-in heading is not its own
    # the last heading above only; the report's title, the same for every sentence, never
    assert heads("The Board proposes") == content_terms("Dividend", ENGLISH)


def _scored(starts_scores: list[tuple[int, float]], **flags: bool) -> list[candidates.Candidate]:
    """Hand-made candidates of one report: (sentence start, score), 100 characters each."""
    document = Document("m", "Meeting", "x" * 20_000, "meeting.txt")
    source = candidates.Source.of_document(document)
    return [
        candidates.Candidate(
            source,
            SentenceRecord(
                "m", i, start, start + 100, start, "Ana Lima", None, True, None, None, ""
            ),
            i,
            score=score,
            **flags,
        )
        for i, (start, score) in enumerate(starts_scores)
    ]


def test_the_bar_is_lower_for_one_report_and_for_a_statement_that_says_it_all() -> None:
    plain = _scored([(0, 1.1)])
    assert select.answer_bar(plain) == WEIGHTS.relevance_bar
    # asked of one meeting, refused only when off-topic there
    assert select.answer_bar(plain, scoped=True) == WEIGHTS.scoped_bar
    assert WEIGHTS.scoped_bar < 1.1 < WEIGHTS.relevance_bar
    # every word of the topic said together in one statement
    assert select.answer_bar(_scored([(0, 1.1)], together=True)) == WEIGHTS.together_bar


def _language_candidate(language: str, row: int) -> candidates.Candidate:
    text = "Rain is scarce."
    record = SentenceRecord("d", row, 0, len(text), 0, None, None, True, None, None, text)
    source = candidates.Source("d", "Report", None, None, "r.txt", text, language=language)
    return candidates.Candidate(source, record, row)


def _vectors(rows: Sequence[int]) -> np.ndarray:
    return np.array([[1.0, 0.0] if r == 0 else [0.6, 0.8] for r in rows], dtype=np.float32)


def _plain(candidate: candidates.Candidate, cosine: float, weights: Weights) -> float:
    return cosine


def test_a_statement_in_another_language_is_scored_with_multilingual_cosines_and_credited() -> None:
    scorer = score.CrossLingual("fr", np.array([1.0, 0.0], dtype=np.float32), _vectors)
    english, french = _language_candidate("en", 0), _language_candidate("fr", 1)
    credit = WEIGHTS.cross_lingual_credit
    rescored = scorer.rescore([english, french], WEIGHTS, credit, _plain)
    scored = {c.source.language: c for c in rescored}
    expected = minilm_scale(np.array([1.0, 0.6]))
    # the French question's own language: e5's cosine, no credit
    assert scored["fr"].score == pytest.approx(float(expected[1]))
    # English: its words cannot match a French question, so it earns the credit
    assert scored["en"].score == pytest.approx(float(expected[0]) + credit)
    # the credit is the caller's (calibrate/fit_multilingual_scale.py varies it)
    assert scorer.rescore([english], WEIGHTS, 0.0, _plain)[0].score == pytest.approx(
        float(expected[0])
    )


def test_relevance_reads_the_weights_it_is_given() -> None:
    """A calibration passes its own ``Weights``: nothing global moves."""
    (c,) = _scored([(0, 0.0)])
    c = replace(c, context=0.5, overlap=1.0, coverage=1.0, typed=True)
    shipped = score.relevance(c, 0.4)
    assert shipped == pytest.approx(
        0.4 + WEIGHTS.paragraph * 0.5 + WEIGHTS.lexical + WEIGHTS.coverage + WEIGHTS.answer_type
    )
    words_only = Weights(paragraph=0.0, passage=0.0, coverage=0.0, answer_type=0.0, section=0.0)
    assert score.relevance(c, 0.4, words_only) == pytest.approx(0.4 + words_only.lexical)
    assert score.relevance(c, 0.4) == shipped  # the shipped value is untouched
    with pytest.raises(FrozenInstanceError):
        WEIGHTS.relevance_bar = 0.0  # type: ignore[misc]


def test_a_statement_that_leaves_out_the_subject_its_report_names_is_another_s() -> None:
    """A figure whose paragraph leaves out the subject speaks of another one, unless the
    report's title names the subject and the statement no other of the title's names."""
    # "Russia and China: …": "the Russian segment of the Internet" asked for China's
    title = {"russia", "china", "hand", "digit", "futur"}
    assert score._elsewhere({"china"}, frozenset({"russian"}), title, {"china", "internet"})
    # "Youth Forum in Dakar: …": "The delegates adopted …" is the forum's
    dakar = {"youth", "forum", "dakar", "young", "peopl"}
    assert not score._elsewhere({"dakar"}, frozenset(), dakar, {"youth", "forum", "dakar"})
    # a title that does not name the subject: the report speaks of it elsewhere only
    assert score._elsewhere({"china"}, frozenset(), {"annual", "report"}, {"china"})
    assert score._akin("chines", "china") and not score._akin("council", "countri")


def test_a_report_s_own_abbreviation_names_what_it_stands_for() -> None:
    from assistant import terms
    from assistant.answer.score import abbreviations, names_in

    text = (
        "A webinar was organised by the Civic Chamber and the Economic and Social Council "
        "(ESS) of the PRC, with the International Labour Organization (ILO). Guo Jun, vice "
        "president of the PRC ESS, opened it."
    )
    defined = abbreviations(text, terms.ENGLISH)
    assert defined["ESS"] == {"econom", "social", "council"}
    assert defined["ILO"] == {"internat", "labour", "organiz"}
    said = "Guo Jun, vice president of the PRC ESS, opened it."
    assert {"econom", "social", "council"} <= names_in(said, terms.ENGLISH, defined)
    assert "council" not in names_in(said, terms.ENGLISH)  # without the report's own
    # an abbreviation whose letters start no word before it defines nothing
    assert abbreviations("He met the Board (XYZ) in March.", terms.ENGLISH) == {}


_AXES = {"цифровых": 0, "digital": 0, "рисках": 1, "risks": 1, "футболе": 2}


class _Words:
    """A multilingual model of a few words: a word and its translation share an axis."""

    def _vector(self, word: str) -> np.ndarray:
        v = np.full(4, 0.05, dtype=np.float32)
        v[_AXES.get(word, 3)] = 1.0
        return v

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.vstack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


def test_a_statement_says_a_foreign_question_s_words_when_the_model_matches_them() -> None:
    def said(row: int, content: str) -> candidates.Candidate:
        record = SentenceRecord(
            "r", row, row * 50, row * 50 + 40, 0, None, None, True, None, None, content
        )
        source = candidates.Source("r", "r", None, None, "r.txt", "x" * 500, language="en")
        return candidates.Candidate(source, record, row, score=1.0 - row / 10)

    both = said(0, "Digital technologies create new risks.")
    half = said(1, "Digital technologies change work.")
    model = score.CrossLingual(
        "ru", np.zeros(4, np.float32), lambda rows: np.zeros((0, 4)), _Words()
    )  # type: ignore[arg-type]
    marked = model.said_together("Что говорилось о цифровых рисках?", [both, half])
    assert [c.together for c in marked] == [True, False]
    # a word that no statement says (football) leaves every statement unmarked
    none = model.said_together("Что говорилось о цифровых футболе?", [both, half])
    assert not any(c.together for c in none)
    # without the model nothing is matched
    bare = score.CrossLingual("ru", np.zeros(4, np.float32), lambda rows: np.zeros((0, 4)))
    assert not any(c.together for c in bare.said_together("Что о цифровых рисках?", [both]))
