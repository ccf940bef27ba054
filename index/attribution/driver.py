"""Who said each sentence: speaker attribution over sentences in document order, the
verbatim part of a record (``index.attribution.verbatim``, its layouts in
``index.attribution.registry``) and the news-style rest (``index.attribution.news``)."""

from __future__ import annotations

from collections.abc import Sequence

from index.attribution.layouts.minutes import listed_attendance
from index.attribution.layouts.qa import QaSpeakers
from index.attribution.model import Attribution, Layout, Speaker
from index.attribution.news import read_paragraph
from index.attribution.procedure import is_procedure
from index.attribution.state import State
from index.attribution.verbatim import (
    active_headers,
    floor_speaker,
    header_sentences,
    paragraph_spans,
)
from index.sentences import Sentence


def attribute(sentences: Sequence[Sentence], turns_too: bool = True) -> tuple[Attribution, ...]:
    """One ``Attribution`` per sentence; ``sentences`` are consecutive, in document order.

    A record whose paragraphs open with turn headers (``index.attribution.registry``: at least
    ``MIN_HEADERS`` of one layout) is read as a verbatim record from its first header
    on: the speaker named by a header holds the floor until the next one, and no
    news-style cue inside a speech ("as Mr Smith said") takes it away. Everything else,
    and the text before the first header, is read as a news report. ``turns_too=False``
    reads no turns: one speech whose record names its speaker (a UN speech's sections
    "Social and Economic Crisis: …", "Environmental Crisis: …" are no speakers).
    Each sentence of a verbatim record's turns also carries the turn it is in
    (``Attribution.turn``, ``Attribution.layout``).
    """
    state = State()
    out: list[Attribution] = [Attribution()] * len(sentences)
    spans = paragraph_spans(sentences)
    headers = active_headers(sentences, spans) if turns_too else {}
    first_header = min(headers, default=len(sentences))
    floor: Speaker | None = None
    qa = QaSpeakers(sentences[:first_header], state) if headers else None
    listed = listed_attendance(sentences, state)
    turn, layout = None, None
    for i, j in spans:
        if all(k in listed for k in range(i, j)):
            out[i:j] = [listed[k] for k in range(i, j)]
            continue
        if i < first_header:
            read_paragraph(sentences[i:j], out, i, state)
            continue
        header = headers.get(i)
        start = i
        if header is not None:
            turn, layout = i, header.layout
            floor = floor_speaker(header, qa, state)
            start = header_sentences(sentences, i, j, header, floor, out, state)
            floor = out[i].speaker if out[i].speaker is not None else floor
            out[i:start] = [_in_turn(a, turn, layout) for a in out[i:start]]
        for k in range(start, j):
            speaks = floor is not None and not is_procedure(sentences[k].text)
            out[k] = Attribution(floor if speaks else None, False, False, None, False, turn, layout)
    return tuple(out)


def _in_turn(a: Attribution, turn: int, layout: Layout) -> Attribution:
    """``a`` in the turn a header at sentence ``turn`` opens (the snapshot stores it, so
    the serve side need not re-parse turns)."""
    return Attribution(a.speaker, a.named, a.role_only, a.tag, a.listed, turn, layout)
