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
