"""Interviews, depositions and press briefings: ``Q:``/``A:`` (also ``Q.``/``A.``,
``Question:``/``Answer:``, ``QUESTION:``, other languages' words, and the White House's
``Q Mr. President, …``). The interviewee is the person the introduction names
("Interview with X", "DEPOSITION OF X"), the interviewer whoever an ``Interviewer:``
line, "interviewed by X" or "EXAMINATION BY X:" names.

Refuses: a single letter without a colon or a stop ("A new plan …" opens no answer);
in a record of another layout, one "QUESTION:" from the floor does not make the record
an interview (``index.attribution.verbatim``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.attribution.model import Header, Layout, Speaker
from index.attribution.names import NAME_WORDS, as_written, plausible_name
from index.attribution.persons import (
    PERSON,
    clean_role,
    looks_like_role,
    overlapping,
    role_after,
    speaker_from,
)
from index.attribution.state import State
from index.sentences import Sentence

# "Q: …" / "A: …", also in the words of other languages ("Question :", "Réponse :",
# "Вопрос:", "Pregunta:", "Frage:", "问：", "答："); single letters need a colon.
QA_LABEL = re.compile(
    r"^(?:(?P<q>Q|Question|QUESTION|Вопрос|Pregunta|Frage|Domanda|Pergunta)"
    r"|(?P<a>A|Answer|ANSWER|Réponse|Ответ|Respuesta|Antwort|Risposta|Resposta))\s*[.:]\s+"
    r"|^(?:(?P<q1>P|В|问)|(?P<a1>R|О|答))\s*[:：]\s*"
    # the White House's transcripts: "Q Mr. President, will you …?"
    r"|^(?P<q2>Q)\s+(?=[A-Z])"
)
_INTERVIEWER = re.compile(
    r"(?:\bInterviewer:\s*|\b(?i:propos\s+recueillis\s+par\s+|entrevista\s+realizada\s+por\s+)"
    r"|\b(?i:interviewed|interview(?:ed)?\s+conducted|(?:cross-)?examination"
    rf"|questioned|examined)\s+(?i:by)\s+)(?P<name>{NAME_WORDS})"
)
# Whom a record questions: "Interview with Amara Diallo", "DEPOSITION OF KAREN WALSH",
# "Testimony of …", "Entretien avec …".
_INTERVIEWEE = re.compile(
    r"\b(?i:interview|deposition|testimony|examination|entretien|entrevista|intervista)"
    rf"\s+(?i:with|of|avec|con|com|mit|a)\s+(?P<name>{NAME_WORDS})"
)
# A line that credits a person with a part in the record, and says nothing more:


def read(text: str, next_text: str | None) -> Header | None:
    found = QA_LABEL.match(text)
    if found is None:
        return None
    kind = qa_kind(found)
    return Header(kind.upper(), None, found.end(), Layout.QA, asks=kind == "q")


def qa_kind(found: re.Match[str]) -> str:
    """ "q" for a question heading of ``QA_LABEL``, "a" for an answer's."""
    return "q" if found.group("q") or found.group("q1") or found.group("q2") else "a"


def is_answer_turn(text: str) -> bool:
    """ "A: Because …": the first sentence of an interviewee's reply."""
    found = QA_LABEL.match(text)
    return found is not None and qa_kind(found) == "a"


def is_question_turn(text: str) -> bool:
    """ "Q: Why did you …": the first sentence of an interviewer's question."""
    found = QA_LABEL.match(text)
    return found is not None and qa_kind(found) == "q"


def interviewer_in(text: str) -> str | None:
    found = _INTERVIEWER.search(text)
    return as_written(found.group("name").rstrip(".")) if found else None


def interviewee_in(text: str) -> str | None:
    """The person a record's introduction says it questions ("Deposition of …")."""
    found = _INTERVIEWEE.search(text)
    if found is None or not plausible_name(found.group("name")):
        return None
    return as_written(found.group("name").rstrip("."))


class QaSpeakers:
    """Who "Q:" and "A:" are: the interviewer an introduction names ("Interviewer: X",
    "interviewed by X"), and the first other person it names; else no label for A."""

    def __init__(self, intro: Sequence[Sentence], state: State) -> None:
        # the whole introduction: "EXAMINATION" and "BY MS. STEIN:" are two lines
        interviewer = interviewer_in("\n".join(s.text for s in intro))
        default = Speaker("Interviewer")
        self.interviewer = state.remember(Speaker(interviewer)) if interviewer else default
        self.interviewee: Speaker | None = None
        intro_named = next(((s.text, n) for s in intro if (n := interviewee_in(s.text))), None)
        if intro_named is not None:
            text, named = intro_named
            # "Entretien avec Claire Moreau, présidente du Conseil …": her role
            after = re.match(
                r",\s+([^;“”\"\n]{3,200}?)[.]?$", text[text.find(named) + len(named) :]
            )
            role = (
                after.group(1)
                if after and looks_like_role(after.group(1), allow_title_case=False)
                else None
            )
            self.interviewee = state.remember(Speaker(named, clean_role(role) if role else None))
            return
        for sentence in intro:
            for match in overlapping(PERSON, sentence.text):
                name = match.group("name")
                if interviewer and name in interviewer:
                    continue
                found = speaker_from(name, (), state)
                if found is not None and len(found.name.split()) >= 2:
                    role = role_after(sentence.text[match.end() :])
                    self.interviewee = state.remember(Speaker(found.name, role or found.role))
                    return
