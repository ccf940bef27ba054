"""Interviews without labels: a press interview's dash turns ("— Que proposez-vous ?" /
"— Nous proposons …") and a web page's interview whose questions were set in bold, lost
with the markup.

Refuses: dashes in a document whose introduction names no interview (news in French,
Spanish, Italian or Russian quotes with dashes too), a record where labels ("Q:",
"Interviewer:") already mark the turns."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.attribution.layouts.qa import interviewee_in, interviewer_in
from index.attribution.model import Header, Layout
from index.sentences import Sentence

# A press interview's turn opens with a dash ("— Que proposez-vous ?", "—¿Qué propone?"):
# ``index.attribution`` reads such turns, ``assistant.answer.complete`` quotes a reply's question.
DASH_TURN = re.compile(r"^[—–]\s*")


# A press interview in French, Spanish, Italian or Russian sets its turns apart with a
# dash, the questions ending with a question mark: "— Que proposez-vous ?" / "— Nous
# proposons …". Read so only under an introduction that names an interview ("Entretien
# avec …", "Propos recueillis par …"): news in those languages quotes with dashes too.
# A web page's interview sets its questions in bold, lost with the markup: under a
# title that names the interview ("Interview with Amara Okonjo, Director of …"), a short
# paragraph that asks is a question, the paragraphs up to the next one the answer.
_INTRO_PARAGRAPHS = 3
_QUESTION_WORDS = 60


def dash_dialogue(
    sentences: Sequence[Sentence], spans: Sequence[tuple[int, int]]
) -> dict[int, Header]:
    """The turns of an interview without labels: "q" where a paragraph asks, "a"
    where the reply to it starts (``Header.length`` 0 when no dash opens it)."""
    paragraphs = [" \n".join(sentences[k].text for k in range(i, j)) for i, j in spans]
    intro = " \n".join(paragraphs[:_INTRO_PARAGRAPHS])
    if interviewee_in(intro) is None and interviewer_in(intro) is None:
        return {}

    def asks(n: int) -> bool:
        return sentences[spans[n][1] - 1].text.rstrip(' "”»').endswith(("?", "？"))

    out = {}
    dashes = {n: d for n, (i, _) in enumerate(spans) if (d := DASH_TURN.match(sentences[i].text))}
    dashed = bool(dashes)
    if dashed:
        for n, dash in dashes.items():
            kind = "q" if asks(n) else "a"
            out[spans[n][0]] = Header(kind.upper(), None, dash.end(), Layout.INTERVIEW, kind == "q")
    elif interviewee_in(paragraphs[0]) is not None:
        questions = [
            n
            for n in range(1, len(spans))
            if asks(n) and len(paragraphs[n].split()) <= _QUESTION_WORDS
        ]
        for n in questions:
            if n + 1 < len(spans) and n + 1 not in questions:
                out[spans[n][0]] = Header("Q", None, 0, Layout.INTERVIEW, asks=True)
                out[spans[n + 1][0]] = Header("A", None, 0, Layout.INTERVIEW)
    kinds = [h.kind for h in out.values()]
    return out if kinds.count("q") >= (1 if dashed else 2) and "a" in kinds else {}
