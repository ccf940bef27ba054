"""The plan of a question: read once, one route."""

from __future__ import annotations

from assistant.answer.question import ROUTES, Route, plan, subject_spans
from index.snapshot import SpeakerEntry

SPEAKERS = [
    SpeakerEntry("Ana Ferreira", "ana ferreira", "President of the Council", ("a",), 4),
    SpeakerEntry("Marketing", "marketing", None, ("m",), 9),
]


def test_each_question_takes_one_route() -> None:
    assert plan("What did Ana Ferreira say about pensions?", SPEAKERS).route is Route.PERSON
    assert plan("Why did Ana Ferreira prefer it?", SPEAKERS).route is Route.PERSON
    assert plan("What did Piet van der Berg say?", SPEAKERS).route is Route.UNKNOWN_PERSON
    assert plan("Who is Ana Ferreira?", SPEAKERS).route is Route.WHO_IS
    assert plan("What was said about digital risks?", SPEAKERS).route is Route.REPORTS
    # a label's word as a topic is no speaker; a discussion asked about is one
    strategy = plan("What was the discussion about Marketing strategy?", SPEAKERS)
    assert strategy.route is Route.DISCUSSION and not strategy.people.speakers
    assert plan("Summarize the debate on pensions.", SPEAKERS).route is Route.DISCUSSION
    assert plan("What did the group talk about the budget?", SPEAKERS).route is (Route.DISCUSSION)
    # a reason is one voice's: "when discussing" says where, not what to answer
    why = plan("Why did the group reject the case when discussing materials?", SPEAKERS)
    assert why.route is Route.REPORTS
    # a factoid asked of a debate wants the statement that says it, not the voices
    count = plan("How many people died in the floods, in the debate on Pakistan?", SPEAKERS)
    assert count.discussion and count.route is Route.REPORTS
    # a role a transcript labels a speaker by, after "did the", is that speaker
    asked = plan("Why did the Marketing object to the price?", SPEAKERS)
    assert asked.route is Route.PERSON
    assert [s.name for s in asked.people.speakers] == ["Marketing"]
    assert ROUTES[-1][0] is Route.REPORTS  # the fallback of every route comes last


def test_the_plan_holds_what_later_stages_read() -> None:
    read = plan("How many delegates came to Rabat?", SPEAKERS, scoped=True)
    assert (read.answer_type, read.scoped, read.speech) == ("number", True, False)
    spoken = plan("What did Marketing say about the case?", SPEAKERS)
    assert spoken.speech and spoken.people.spoken
    assert [s.name for s in spoken.people.speakers] == ["Marketing"]


def test_a_question_about_a_meeting_as_a_whole_asks_an_overview() -> None:
    from assistant.answer.question import asks_overview

    for question in (
        "Summarize the meeting",
        "What was the general discussion of the meeting?",
        "What were the main points of the session?",
        "What was discussed?",
    ):
        assert asks_overview(question), question
    for question in (
        "Summarize the discussion about product quotation.",
        "What did the team think about their progress?",
        "How many delegates attended?",
    ):
        assert not asks_overview(question), question


def test_a_count_asks_for_what_it_counts() -> None:
    from assistant.answer.question import asked_thing

    assert asked_thing("How many robots are in use in Austrian care homes?") == {"robot"}
    assert asked_thing("How many young people enter the labour market?") == {"young"}
    # a class asked for by "which"/"what" is often answered without its word
    assert asked_thing("Which country is the band from?") == frozenset()
    assert asked_thing("How many more, A or B?") == frozenset()  # a comparison
    assert asked_thing("Combien de robots ?") == frozenset()


def test_a_source_clause_names_no_subject() -> None:
    """ "…, according to the webinar with the Chinese council?" says where the figure
    is said: the figure is the Russian Internet economy's."""
    asked = plan(
        "How big was the Russian internet economy in 2021, according to the webinar "
        "with the Chinese council?",
        [],
    )
    assert "russian" in asked.subject
    assert not {"chines", "council"} & asked.subject
    # a year a count is asked for is part of its subject; not for other questions
    assert "2021" in asked.subject
    assert "2021" not in plan("What was said about the budget in 2021?", []).subject


def test_an_amount_asked_for_and_its_period() -> None:
    """A filing's questions: the amount is the figure's noun, "FY 2020" its year."""
    asked = plan("What was Northwind Freight's net income in FY 2020?", [])
    assert asked.answer_type == "number"
    assert asked.amount == {"incom"}
    # the period's mark is no name of the subject; its year is
    assert asked.subject == {"northwind", "freight", "2020"}
    assert plan("What operating income did Halden Foods report for FY2023?", []).amount
    spent = plan("How much did Corvo Energy spend on capital expenditures in 2021?", [])
    assert spent.amount == {"expenditur"} and spent.subject == {"corvo", "energi", "2021"}
    # only a figure asked for has an amount
    assert plan("What was said about income inequality?", []).amount == frozenset()
    # in other languages too, read as the question's language reads it
    for question, amount in (
        ("Quel est le budget de l'Association pour 2026 ?", "budget"),
        ("¿Cuál es el presupuesto de la Asociación para 2026?", "presupuest"),
        ("Was war der Umsatz von Corvo Energy 2022?", "umsatz"),
        ("Каков бюджет Ассоциации на 2026 год?", "бюджет"),
    ):
        asked = plan(question, [])
        assert asked.answer_type == "number" and asked.amount == {amount}, question
    assert plan("Quel est le thème du séminaire ?", []).answer_type is None


def test_where_a_question_says_its_subject() -> None:
    """The names of the subject, to read the question without them within the
    subject's own reports; its years stay."""
    question = "What risks did Talon Software face in 2021?"
    asked = plan(question, [])
    spans = subject_spans(question, asked.subject)
    assert [question[a:b] for a, b in spans] == ["Talon", "Software"]
    assert subject_spans("What was said about the budget?", frozenset()) == []
