"""What the adapters (HTTP routes, MCP tools, metrics) may ask of the service.

``AssistantService`` is the one implementation; the composition root (``app.py`` and
``create_app``) holds it and runs its loading and reload polling. The adapters are
typed against this narrower view, so mypy keeps them off the snapshot, the embedder
and the index layout.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Protocol

from assistant.llm import Kept
from assistant.retrieve import Filters
from assistant.service import AnswerResult, IndexStatus, SearchResult
from index.models import Document


class Assistant(Protocol):
    def answer(
        self,
        question: str,
        top_k: int = ...,
        filters: Filters | None = ...,
        context: Sequence[str] = ...,
    ) -> AnswerResult: ...

    def answer_events(
        self,
        question: str,
        top_k: int = ...,
        filters: Filters | None = ...,
        context: Sequence[str] = ...,
        stop: threading.Event | None = ...,
    ) -> Iterator[Kept | AnswerResult]: ...

    def search(
        self,
        query: str,
        top_k: int = ...,
        filters: Filters | None = ...,
        mode: str = ...,
        segments: bool = ...,
    ) -> SearchResult: ...

    def document(self, document_id: str) -> tuple[Document, str]: ...

    def reports(self) -> tuple[tuple[Document, ...], str]: ...

    def status(self) -> IndexStatus: ...

    def load(self) -> bool:
        """Load ``current`` now (the admin reload)."""
        ...
