"""Plain records of the serve side: what retrieval returns and what an answer is."""

from __future__ import annotations

from dataclasses import dataclass

from index.models import PageSpan, page_at


@dataclass(frozen=True)
class Passage:
    """A retrieved span of one document: ``document_text[start:end] == text``."""

    chunk_id: str
    document_id: str
    title: str
    date: str | None
    url: str | None
    source: str
    language: str | None
    start: int
    end: int
    text: str
    score: float  # fused retrieval score (higher is better)
    dense_score: float  # cosine of the query and passage vectors
    lexical_score: float  # BM25 score (0 when the lexical side did not find it)
    document_text: str
    pages: tuple[PageSpan, ...] = ()
    # Search results only: the words that match the query, [start, end) in ``text``.
    highlights: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int | None:
        return page_at(self.pages, offset)


@dataclass(frozen=True)
class SegmentHit:
    """A topic segment of a transcript or minutes (``index.segments``) found by a search:
    ``text == document_text[start:end]``, the stretch of turns on one topic."""

    document_id: str
    title: str
    date: str | None
    url: str | None
    source: str
    ordinal: int  # the segment's place in its document, from 0
    start: int
    end: int
    text: str
    speakers: tuple[str, ...]  # in order of their first statement in it
    score: float  # cosine(query, segment) + the best cosine of a passage inside it


@dataclass(frozen=True)
class Citation:
    n: int
    document_id: str
    title: str
    date: str | None
    url: str | None
    source: str
    page: int | None
    speaker: str | None
    passage: str  # == document_text[start:end]
    start: int
    end: int
    score: float
    language: str | None = None  # the report's, ISO 639-1


@dataclass(frozen=True)
class Statement:
    """One line of an answer as data: what ``text`` renders, for clients that lay the
    answer out themselves (the chat page) instead of parsing it."""

    document_id: str
    text: str  # the statement as rendered, attribution included, without its marker
    citations: tuple[int, ...]  # the [n] it ends with
    speaker: str | None
    role: str | None


@dataclass(frozen=True)
class Answer:
    text: str  # with [n] markers; every [n] has a citation and every citation is used
    citations: tuple[Citation, ...]
    found: bool  # False: nothing relevant in the reports; text says so, no citations
    statements: tuple[Statement, ...] = ()  # the lines of ``text``, in order
    note: str | None = None  # what ``text`` says before the statements, if anything
