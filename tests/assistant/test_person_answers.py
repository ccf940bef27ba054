"""Answers about one person: where in a meeting they spoke (``_position``, ``_at``)."""

from __future__ import annotations

from assistant import person_answers
from assistant.answer.candidates import Candidate, Source
from assistant.terms import content_terms
from index.sentence_layer import SentenceRecord

REPORT = (
    "Guo Jun opened the webinar. Work rules have always been a subject for dialogue. "
    "Summing up, Guo Jun said that the benefits and the risks were shared by all. "
    "Guo Jun thanked the hosts."
)


def _statement(text: str, content: str, document: str = "r", date: str = "2024-03-05") -> Candidate:
    start = REPORT.index(text)
    record = SentenceRecord(
        document, start, start, start + len(text), 0, "Guo Jun", None, True, None, None, content
    )
    return Candidate(Source(document, "Webinar", date, None, "r.txt", REPORT), record, 0)


OPENED = _statement("Guo Jun opened the webinar.", "opened the webinar.")
RULES = _statement(
    "Work rules have always been a subject for dialogue.",
    "Work rules have always been a subject for dialogue.",
)
SUMMED = _statement(
    "Summing up, Guo Jun said that the benefits and the risks were shared by all.",
    "the benefits and the risks were shared by all.",
)
THANKS = _statement("Guo Jun thanked the hosts.", "thanked the hosts.")


def test_a_question_that_asks_only_where_in_the_meeting_has_a_position() -> None:
    def position(topic: str) -> str | None:
        return person_answers._position(content_terms(topic))

    assert position("conclude at the end of the event") == "end"
    assert position("say in closing the session") == "end"
    assert position("open the meeting") == "start"
    # a topic besides the position is a topic: "What did X conclude about pensions?"
    assert position("conclude about pensions") is None
    assert position("say about digital risks") is None


def test_a_statement_the_report_frames_as_closing_answers_the_end() -> None:
    """ "Summing up, Guo Jun said that …" answers "What did Guo Jun conclude?", though
    he thanked the hosts after it; with no framed statement, his last one does."""
    said = [OPENED, RULES, SUMMED, THANKS]
    assert person_answers._at(said, "end", 6) == [SUMMED]
    assert person_answers._at([OPENED, RULES, THANKS], "end", 6) == [THANKS]
    assert person_answers._at([RULES, THANKS], "start", 6) == [RULES]
