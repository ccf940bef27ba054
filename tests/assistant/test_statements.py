"""How statements are read for scoring: the headings they stand under."""

from __future__ import annotations

from typing import Any

from assistant import statements
from assistant.terms import ENGLISH, content_terms
from index.models import Document
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


def _candidates() -> tuple[list[statements.Candidate], Any]:
    document = Document("d", "Annual Report 2024", REPORT, "report.txt")
    records = sentence_records(document)
    source = statements.Source.of_document(document)
    chosen = [statements.Candidate(source, r, 0) for r in records if r.statement]
    return chosen, _Layer(records)


def test_a_statement_is_read_under_its_headings() -> None:
    candidates, layer = _candidates()
    read = statements.heading_terms(candidates, layer, ENGLISH)

    def heads(opening: str) -> set[str]:
        return next(h for c, h in zip(candidates, read, strict=True) if c.text.startswith(opening))

    # the section heading above and the run-in heading of its own paragraph
    disruption = heads("A disruption")
    assert content_terms("Principal risks and uncertainties Supply chain", ENGLISH) == disruption
    attack = heads("A successful cyber attack")
    assert content_terms("Principal risks Cybersecurity", ENGLISH) <= attack
    assert "chain" not in attack  # another paragraph's run-in heading is not its own
    # the last heading above only; the report's title, the same for every sentence, never
    assert heads("The Board proposes") == content_terms("Dividend", ENGLISH)


def _scored(starts_scores: list[tuple[int, float]], **flags: bool) -> list[statements.Candidate]:
    """Hand-made candidates of one report: (sentence start, score), 100 characters each."""
    document = Document("m", "Meeting", "x" * 20_000, "meeting.txt")
    source = statements.Source.of_document(document)
    return [
        statements.Candidate(
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
    assert statements.answer_bar(plain) == statements.RELEVANCE_BAR
    # asked of one meeting, refused only when off-topic there
    assert statements.answer_bar(plain, scoped=True) == statements.SCOPED_BAR
    assert statements.SCOPED_BAR < 1.1 < statements.RELEVANCE_BAR
    # every word of the topic said together in one statement
    assert statements.answer_bar(_scored([(0, 1.1)], together=True)) == statements.TOGETHER_BAR
