"""Plain records that flow through the build and into the snapshot.

Frozen dataclasses: change one with ``dataclasses.replace``. Every offset is a
character offset into ``Document.text``, the cleaned text that is stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PageSpan:
    """Page ``number`` (1-based) covers ``Document.text[start:end]``."""

    number: int
    start: int
    end: int


def page_at(pages: tuple[PageSpan, ...], offset: int) -> int | None:
    """The number of the page that holds character ``offset``, if the text has pages."""
    for page in pages:
        if page.start <= offset < page.end:
            return page.number
    return None


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    text: str
    source: str  # path of the file (relative to its source root) or the JSONL line ref
    url: str | None = None
    date: str | None = None  # ISO 8601 date, "YYYY-MM-DD"
    language: str | None = None
    pages: tuple[PageSpan, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def content_hash(self) -> str:
        """Hash of everything that ends up in the snapshot for this document."""
        parts = [self.title, self.text, self.url or "", self.date or "", self.language or ""]
        parts += [f"{p.number}:{p.start}:{p.end}" for p in self.pages]
        # whose speech it is (``index.sentence_layer.document_speaker``), when a record says
        speech = [self.metadata.get(k) for k in ("speaker", "post", "role")]
        if any(isinstance(v, str) for v in speech):
            parts += [v if isinstance(v, str) else "" for v in speech]
        return sha256_hex("\x1f".join(parts))

    def page_at(self, offset: int) -> int | None:
        return page_at(self.pages, offset)


@dataclass(frozen=True)
class Failure:
    """A source that could not be turned into a document: reported, skipped."""

    path: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    """A file in a source folder that is not a report type we read: listed, not an error."""

    path: str
    reason: str


@dataclass(frozen=True)
class Chunk:
    """``document.text[start:end] == text``."""

    document_id: str
    ordinal: int
    start: int
    end: int
    text: str
    token_count: int
    page_start: int | None = None
    page_end: int | None = None

    @property
    def id(self) -> str:
        # Content-derived: the same text at the same place of the same document
        # always gets the same id, so duplicates collapse and vectors are reused.
        return sha256_hex(f"{self.document_id}\x1f{self.start}\x1f{self.end}\x1f{self.text}")[:32]

    @property
    def text_hash(self) -> str:
        return sha256_hex(self.text)
