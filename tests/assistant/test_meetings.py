"""Meeting transcripts asked about as a user who opens one meeting asks: scoped to it.

A real index (the bundled model) of two transcripts written here in the layout of
recorded meetings, "Speaker: words" a paragraph: a product design meeting whose speakers
are roles ("Marketing", "Industrial Designer") and a committee hearing whose members
carry their constituency and whose chair is named by office ("The Chair (Hon. …)").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.retrieve import Filters
from assistant.service import AssistantService
from index.embed import Embedder
from tests.helpers import serve_reports

pytestmark = pytest.mark.slow

DESIGN = """Remote control design meeting, conceptual design

Project Manager: Okay, good morning. Today we decide the concept: the case, the buttons and \
the price. Let us start with the case.

Industrial Designer: Right. For the case we have three materials: hard plastic, rubber and \
titanium. Titanium is too expensive for a twenty-five euro remote.

Marketing: Um, our trend watchers say the young market wants something soft and spongy. \
Fruit and vegetable colours are in fashion this year.

Industrial Designer: A rubber case can be soft, and it survives being dropped. I would \
recommend a rubber case with a plastic frame inside.

User Interface: If the case is rubber we cannot print the labels on it, so the buttons need \
their own labels.

Marketing: Yeah, and a yellow or lemon green case would stand out in the shop.

Project Manager: So rubber, with a bright colour. Let us move on to the buttons.

User Interface: I want as few buttons as possible: power, channel, volume and a menu button.\
 The rest goes into the menu on the screen.

Marketing: People hate the remote with forty buttons. Fewer buttons sell.

Industrial Designer: Then we can use a simple chip, which is cheaper. A scroll wheel would \
need the advanced chip.

User Interface: The scroll wheel is nice for the menu, but it adds cost. I would drop it.

Project Manager: Agreed, no scroll wheel. Now the price: we must stay under twelve euro \
fifty to produce it.

Industrial Designer: With rubber, the simple chip and a normal battery we come to about \
eleven euros.

Marketing: Good. Then we can still afford a little light when the remote is lost, it beeps \
or glows.

Project Manager: Fine. I will write the minutes and send them round. Thank you all.
"""

HEARING = """Standing committee on fisheries, evidence

The Chair (Hon. Ruth Alder (Lakeshore North, Lib.)): I call the meeting to order. We welcome\
 Dr. Samir Haddad from the coastal research institute.

Dr. Samir Haddad: Thank you, Madam Chair. Our institute has counted the cod stock along the \
northern coast every spring for twenty years, always with the same boats, the same nets and \
the same stations, so that one year can be compared with the next. The counts fell by a \
third between 2015 and 2020 and have not recovered since, even in the two years when the \
fishery was closed in March and April. We believe that warmer water at the bottom has moved \
the young fish further north, out of the area where they are counted, and that the quota \
rules have not taken that into account. We have shared these figures with the department \
twice, in 2021 and again last autumn, and we have asked for the survey area to be extended \
to the north. We also recommend that the quota be set each year from the latest survey \
rather than from a five-year average, which hides a decline until it is too late to act. The\
 fishers we work with see the same thing on their own boats, so surely the committee would \
agree that the rules should follow the fish?

Mr. Paul d'Aubigny (Coastal West, CPC): I agree, and I will put that to the minister.

Ms. Lena Okafor: Dr. Haddad, how many stations does the survey have today?

Dr. Samir Haddad: Forty-two, all south of the fifty-second parallel.

The Chair (Hon. Ruth Alder (Lakeshore North, Lib.)): Thank you. We will now suspend.
"""


MINUTES = """Harbour Safety Committee – Minutes

Date: 3 April 2025
Present: Jonas Berg (Port Authority), Marta Okonkwo (Chair), Samuel Diaz (Dockworkers' \
Union), Ines Moreau (Fire Service), Lena Fischer (Secretary)
Apologies: Tom Hale

1. Crane incidents
Marta Okonkwo opened the meeting and reported two crane incidents since February. She \
proposed that all crane operators take a refresher course before the summer season.
"""


@pytest.fixture(scope="module")
def service(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder, model_cache: Path
) -> AssistantService:
    reports = {
        "design-meeting.txt": DESIGN,
        "fisheries-hearing.txt": HEARING,
        "harbour-minutes.txt": MINUTES,
    }
    return serve_reports(tmp_path_factory.mktemp("meetings"), reports, model_cache, real_embedder)


def scope(service: AssistantService, name: str) -> Filters:
    (doc,) = [d for d in service.state.snapshot.documents() if d.source.endswith(name)]
    return Filters(document_ids=(doc.id,))


def test_a_role_label_is_a_speaker_asked_about_by_its_words(service: AssistantService) -> None:
    filters = scope(service, "design-meeting.txt")
    answer = service.answer(
        "What did the industrial designer recommend for the case?", filters=filters
    ).answer
    assert answer.found, answer.text
    assert {c.speaker for c in answer.citations} == {"Industrial Designer"}, answer.text
    assert any("rubber case with a plastic frame" in c.passage for c in answer.citations)
    answer = service.answer("What did Marketing think about the colours?", filters=filters).answer
    assert answer.found, answer.text
    assert {c.speaker for c in answer.citations} == {"Marketing"}, answer.text
    # the label is the speaker's, never part of the words quoted
    assert not any(c.passage.startswith("Marketing:") for c in answer.citations), answer.text


def test_a_person_asked_about_within_one_meeting_is_answered_with_their_words(
    service: AssistantService,
) -> None:
    """ "How did Marketing feel about the materials?": Marketing never says
    "materials", and none of its statements clears the person bar; the meeting
    discusses them (its statements clear the scoped bar), so the answer is what
    Marketing said on them, not every speaker's."""
    filters = scope(service, "design-meeting.txt")
    answer = service.answer("How did Marketing feel about the materials?", filters=filters)
    assert answer.answer.found, answer.answer.text
    assert {c.speaker for c in answer.answer.citations} == {"Marketing"}
    assert any("soft and spongy" in c.passage for c in answer.answer.citations)


def test_a_discussion_in_one_meeting_is_answered_from_its_stretch(
    service: AssistantService,
) -> None:
    filters = scope(service, "design-meeting.txt")
    answer = service.answer(
        "Summarize the discussion about the scroll wheel and the buttons.", filters=filters
    ).answer
    assert answer.found, answer.text
    # asked of one meeting in its own spoken words: answered, by the voices of that stretch
    assert len({c.speaker for c in answer.citations}) >= 2, answer.text
    assert any("scroll wheel" in c.passage for c in answer.citations), answer.text
    assert not any("titanium" in c.passage.lower() for c in answer.citations), answer.text


def test_an_off_topic_question_about_one_meeting_is_refused(service: AssistantService) -> None:
    filters = scope(service, "design-meeting.txt")
    answer = service.answer("What was said about volcano tourism in Iceland?", filters=filters)
    assert not answer.answer.found, answer.answer.text
    assert answer.answer.citations == ()


def test_a_question_quoted_before_a_reply_is_of_question_length(
    service: AssistantService,
) -> None:
    filters = scope(service, "fisheries-hearing.txt")
    answer = service.answer(
        "What did Mr. Paul d'Aubigny say he would put to the minister?", filters=filters
    ).answer
    assert answer.found, answer.text
    (statement,) = [s for s in answer.statements if "put that to the minister" in s.text]
    question, reply = (next(c for c in answer.citations if c.n == n) for n in statement.citations)
    # the witness's 1,400-character statement is not shown whole as "the question"
    assert len(question.passage) < 600, question.passage
    assert "the rules should follow the fish?" in question.passage
    assert question.speaker != reply.speaker == "Mr. Paul d'Aubigny", answer.text


def test_earlier_turns_do_not_decide_a_self_contained_question(
    service: AssistantService,
) -> None:
    question = "What did the committee hear about the cod stock?"
    alone = service.answer(question).answer
    after = service.answer(
        question, context=["Which colours are in fashion?", "How many buttons will it have?"]
    ).answer
    assert alone.found
    assert (after.found, after.text) == (alone.found, alone.text)


def test_who_chaired_is_answered_from_the_attendance_list(service: AssistantService) -> None:
    # "Present: …, Marta Okonkwo (Chair), …" on a line of its own, no full stop: it was
    # no statement, and the question found nothing
    answer = service.answer("Who chaired the harbour safety committee?").answer
    assert answer.found, answer.text
    assert any("Marta Okonkwo (Chair)" in c.passage for c in answer.citations), answer.text
