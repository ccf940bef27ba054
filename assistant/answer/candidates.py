"""The candidates stage: the statements that may answer a question.

A statement is a sentence of the snapshot's sentence layer (``index.sentence_layer``):
its span, its speaker and role and its vector were worked out at build time, so no
stage after retrieval embeds anything. ``gather`` takes the statements inside the
retrieved passages; ``assistant.person_answers`` takes a named speaker's statements
across reports. ``assistant.answer.score`` scores them, ``assistant.answer.select``
picks among them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.types import Passage
from index.clean import CELLS
from index.models import Document, PageSpan
from index.sentence_layer import SentenceRecord
from index.snapshot import SpeakerEntry, StoredSegment, StoredSentence

_FOOTNOTE = re.compile(r"\s*\[\d+\]")  # "[3]" in report text would read as a citation marker


class SentenceLayer(Protocol):
    """What the composer reads from a snapshot (``index.snapshot.Snapshot``)."""

    def sentences_in(self, document_id: str, start: int, end: int) -> list[StoredSentence]: ...

    def statements_by(self, keys: Sequence[str]) -> list[StoredSentence]: ...

    def questions_by(self, keys: Sequence[str]) -> list[StoredSentence]: ...

    def headings_of(self, document_ids: Sequence[str]) -> list[StoredSentence]: ...

    def speakers(self) -> list[SpeakerEntry]: ...

    def sentence_vectors_of(self, rows: Sequence[int]) -> np.ndarray: ...

    def document(self, document_id: str) -> Document | None: ...

    def segments_of(self, document_ids: Sequence[str] | None = None) -> list[StoredSegment]: ...

    def segment_vectors_of(self, rows: Sequence[int]) -> np.ndarray: ...


@dataclass(frozen=True)
class Source:
    """The report a statement comes from (a passage's document, or any document)."""

    document_id: str
    title: str
    date: str | None
    url: str | None
    source: str
    text: str
    pages: tuple[PageSpan, ...] = ()
    passage_cosine: float = 0.0
    language: str | None = None

    @classmethod
    def of_passage(cls, p: Passage) -> Source:
        return cls(
            p.document_id,
            p.title,
            p.date,
            p.url,
            p.source,
            p.document_text,
            p.pages,
            p.dense_score,
            p.language,
        )

    @classmethod
    def of_document(cls, d: Document) -> Source:
        return cls(d.id, d.title, d.date, d.url, d.source, d.text, d.pages, language=d.language)


@dataclass(frozen=True)
class Candidate:
    """A statement that may answer the question, and how relevant it is."""

    source: Source
    sentence: SentenceRecord
    vector_row: int
    overlap: float = 0.0  # share of the question's content words in the sentence
    coverage: float = 0.0  # share of the question's content words in all the candidates
    cosine: float = 0.0  # cosine(question, sentence)
    context: float = 0.0  # cosine(question, the sentence's paragraph)
    typed: bool = False  # holds what the question asks for (a person, a number, a date)
    section: bool = False  # read under a heading that holds every word of the question
    titled: bool = False  # its report's title holds every word of the question's topic
    together: bool = False  # it says every word of the question's topic itself
    named: bool = True  # it names whom the thing a factoid asks for belongs to (``Plan.subject``)
    # the names it says that the question does not (stems of its capitalised words): a
    # statement that shares one with the best bridges to it (``select.typed_answers``)
    names: frozenset[str] = frozenset()
    # it leaves out a word of the subject that its report says elsewhere: what it holds
    # is another subject's (``select.typed_answers``)
    elsewhere: bool = False
    # it, its paragraph, its report's title and date name none of the years a count or
    # an amount is asked for (``Plan.subject``): its figure is another year's
    other_year: bool = False
    score: float = 0.0  # see ``relevance``
    # An interview reply's question: where its turn starts, where its words start (after
    # "Q: "), where it ends (document offsets); see ``with_their_question``.
    asked: tuple[int, int, int] | None = None
    asker: str | None = None  # who put that question (its turn's speaker)

    @property
    def text(self) -> str:
        return self.source.text[self.sentence.start : self.sentence.end]

    @property
    def row(self) -> bool:
        """Whether the statement is a table row (read with its table's caption and
        column heads: ``index.sentence_layer.table_row``)."""
        return CELLS in self.text and self.sentence.content != self.text

    @property
    def wording(self) -> str:
        """What the statement says as read: its text, a table row with its heads."""
        return self.sentence.content if self.row else self.text


def gather(passages: Sequence[Passage], layer: SentenceLayer) -> list[Candidate]:
    """The statements inside ``passages``, each once (the first passage that holds it
    gives its context), in the passages' order; the same sentence in two reports is one
    (``unique_texts``)."""
    found: dict[tuple[str, int], Candidate] = {}
    for p in passages:
        source = Source.of_passage(p)
        for stored in layer.sentences_in(p.document_id, p.start, p.end):
            key = (p.document_id, stored.record.start)
            if stored.record.statement and key not in found:
                found[key] = Candidate(source, stored.record, stored.vector_row)
    return unique_texts(list(found.values()))


def unique_texts(candidates: list[Candidate]) -> list[Candidate]:
    """The same sentence in two reports (a press release and its copy) is one statement:
    the first, from the better passage, is kept."""
    seen: set[str] = set()
    out = []
    for c in candidates:
        key = " ".join(clean(c.text).lower().split())
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def unit(vector: np.ndarray) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float32).reshape(-1)
    return v / (float(np.linalg.norm(v)) or 1.0)


def clean(text: str) -> str:
    return " ".join(_FOOTNOTE.sub("", text).split())
