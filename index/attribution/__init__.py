"""Who said each sentence of a document (``attribute``): verbatim records by their turn
headers, one layout a module (``layouts/``, ordered in ``registry``), the rest by the
cues of news reports (``news``)."""

from __future__ import annotations

from index.attribution.driver import attribute
from index.attribution.layouts.interview import DASH_TURN
from index.attribution.layouts.learned import label_at, learned_header, learned_labels
from index.attribution.layouts.qa import is_answer_turn, is_question_turn
from index.attribution.model import Attribution, Header, Layout, Refused, Speaker
from index.attribution.procedure import is_credit_line, is_procedure
from index.attribution.registry import READERS, header_at

__all__ = [
    "DASH_TURN",
    "READERS",
    "Attribution",
    "Header",
    "Layout",
    "Refused",
    "Speaker",
    "attribute",
    "header_at",
    "is_answer_turn",
    "is_credit_line",
    "is_procedure",
    "is_question_turn",
    "label_at",
    "learned_header",
    "learned_labels",
]
