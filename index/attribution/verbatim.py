"""Verbatim records, minutes and interviews: which turn headers a record is written in
(a layout counts where at least ``MIN_HEADERS`` headers of it open paragraphs), who
holds the floor under each, and the header sentences themselves."""

from __future__ import annotations

from collections.abc import Sequence

from index.attribution.layouts.europarl import ep_lead_length
from index.attribution.layouts.interview import dash_dialogue
from index.attribution.layouts.learned import label_at, learned_header, learned_labels
from index.attribution.layouts.qa import QaSpeakers
from index.attribution.model import Attribution, Header, Speaker
from index.attribution.names import is_chair
from index.attribution.persons import clean_role, looks_like_role
from index.attribution.registry import header_at
from index.attribution.state import State
from index.sentences import Sentence

# A layout counts when a record has at least this many headers of it: one "Note:" line
# or one "John Smith." sentence in a news report is not a verbatim record.
MIN_HEADERS = 2


def paragraph_spans(sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    spans = []
    i = 0
    while i < len(sentences):
        j = i
        while j < len(sentences) and sentences[j].paragraph == sentences[i].paragraph:
            j += 1
        spans.append((i, j))
        i = j
    return spans


def active_headers(
    sentences: Sequence[Sentence], spans: Sequence[tuple[int, int]]
) -> dict[int, Header]:
    found: dict[int, Header] = {}
    learned = learned_labels([sentences[i].text for i, _ in spans])
    for i, j in spans:
        following = sentences[i + 1].text if i + 1 < j else None
        header = header_at(sentences[i].text, following)
        if label_at(sentences[i].text) in learned and (header is None or header.kind == "first"):
            # a label the transcript takes turns under, whatever it looks like
            header = learned_header(sentences[i].text)
        if header is not None:
            found[i] = header
    if not any(h.kind in ("q", "a") for h in found.values()):
        dialogue = dash_dialogue(sentences, spans)
        if not dialogue.keys() & found.keys():  # "Interviewer:" / "Maria Santos:" label theirs
            found.update(dialogue)
    layouts: dict[str, int] = {}
    for header in found.values():
        layout = _layout(header.kind)
        layouts[layout] = layouts.get(layout, 0) + 1
    if not any(is_chair(h.name) for h in found.values() if h.kind == "caps"):
        layouts.pop("caps", None)  # "MAIN RISKS. …" run-in headings, not Italy's "PRESIDENTE."
    if not any(is_chair(h.name) for h in found.values() if h.kind == "line"):
        layouts.pop("capsline", None)  # "EXECUTIVE SUMMARY" lines, not a panel's "JAN DE VRIES"
    turns_by_name: dict[str, int] = {}
    for h in found.values():
        if h.kind == "first":
            turns_by_name[h.name] = turns_by_name.get(h.name, 0) + 1
    if sum(n >= MIN_HEADERS for n in turns_by_name.values()) < 2:
        layouts.pop("first", None)  # "Location: …" once and "Example: …" once: a form
    if "qa" in layouts and any(n >= MIN_HEADERS for layout, n in layouts.items() if layout != "qa"):
        layouts["qa"] = MIN_HEADERS  # one "QUESTION:" from the floor of a briefing
    if layouts.get("qa", 0) >= MIN_HEADERS and any(
        h.kind == "colon" and sentences[i].text[: h.length].isupper() for i, h in found.items()
    ):
        # a deposition's one "MR. GRADY: Objection; form.": a lawyer's, not the witness's
        layouts["colon"] = MIN_HEADERS
    return {i: h for i, h in found.items() if layouts.get(_layout(h.kind), 0) >= MIN_HEADERS}


def _layout(kind: str) -> str:
    return {"q": "qa", "a": "qa", "bracket": "colon"}.get(kind, kind)


def floor_speaker(header: Header, qa: QaSpeakers | None, state: State) -> Speaker | None:
    if header.kind == "q":
        return qa.interviewer if qa else None
    if header.kind == "a":
        return qa.interviewee if qa else None
    if header.name.lower() == "interviewer" and qa is not None:
        return qa.interviewer  # "Interviewer: …", named where the introduction says
    if header.role is None and header.name.lower() in state.by_role:
        return state.by_role[header.name.lower()]  # "Chair: …" whom "Present:" names so
    return state.remember(Speaker(header.name, header.role))


def header_sentences(
    sentences: Sequence[Sentence],
    i: int,
    j: int,
    header: Header,
    floor: Speaker | None,
    out: list[Attribution],
    state: State,
) -> int:
    """Attribute the header sentence (and an EP role line after it); returns the index
    of the first sentence that is plain speech."""
    text = sentences[i].text
    if header.length == 0:
        out[i] = Attribution(floor)  # a turn no label opens: a web interview's question
        return i + 1
    if header.length < len(text):
        out[i] = Attribution(floor, named=True, tag=(0, header.length))
        return i + 1
    out[i] = Attribution(floor, role_only=True)  # "David Martin (S&D)." alone
    if i + 1 >= j or floor is None:
        return i + 1
    following = sentences[i + 1].text
    lead = ep_lead_length(following)
    rest = following[lead:]
    if header.kind == "ep" and looks_like_role(rest, allow_title_case=False):
        # "John Dalli. – Member of the Commission. - Madam President, …"
        with_role = state.remember(Speaker(floor.name, clean_role(rest)))
        out[i] = Attribution(with_role, role_only=True)
        out[i + 1] = Attribution(with_role, role_only=True)
        for k in range(i + 2, j):
            out[k] = Attribution(with_role, tag=(0, ep_lead_length(sentences[k].text)))
        return j
    out[i + 1] = Attribution(floor, tag=(0, lead) if lead else None)
    return i + 2
