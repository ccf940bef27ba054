"""A question that names a gathering ("the roundtable on housing for young workers") is
asked of that report, and what it asks about is the rest of the question; a discussion
in a written report is answered with each speaker's key statements.

A real index (the bundled model) of three short news reports of meetings, written here:
a roundtable on housing, a webinar on water and farming, a Board meeting in Oslo.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.service import AssistantService
from index.embed import Embedder
from index.naming import ReportNames
from tests.helpers import serve_reports

HOUSING = """Roundtable on housing for young workers

On 12 May 2026 the Association held a roundtable on housing for young workers, hosted \
by the Economic and Social Council of Portugal.

Inês Carvalho, President of the Economic and Social Council of Portugal, said that \
rents in Lisbon had doubled in ten years while the wages of young workers had barely \
moved. She asked councils to publish every year the share of income that young people \
spend on rent.

Tomasz Zielinski, expert at the Social Dialogue Council of Poland, explained that \
employers in his country had started to build dormitories for apprentices, and warned \
that housing tied to a job leaves the worker unable to change employer.

Amina Diop, youth delegate of the Economic, Social and Environmental Council of \
Senegal, argued that young workers in Dakar spend three hours a day in transport \
because cheap housing is only found far from the places of work.

Participants agreed that the secretariat should compare the opinions on housing adopted \
by member councils.
"""

WATER = """Webinar on water scarcity and farming

On 3 June 2026 the Association held a webinar on water scarcity and farming.

Karim Haddad, member of the Economic, Social and Environmental Council of Morocco, said \
that farmers in the south of his country now pump groundwater from wells twice as deep \
as twenty years ago, and that 4,000 new wells were dug there in 2025.

Lucía Romero, President of the Economic and Social Council of Spain, explained that her \
council had recommended that irrigation water be priced by volume, with a free \
allowance for small farms.

Jonas Berg, economist at a Nordic council of social partners, warned that droughts \
would raise food prices everywhere, and that households with low incomes would pay \
most of the cost.
"""

OSLO = """Board meets in Oslo

The Board of the Association met in Oslo on 14 and 15 September 2026 to adopt the \
budget for 2027.

Ingrid Solheim, Secretary General of the Association, presented a budget that keeps \
membership fees unchanged for a sixth year.

The Board approved the budget and chose Rabat for the next General Assembly. Its own \
next meeting will be held in March 2027.
"""


@pytest.fixture(scope="module")
def service(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder, model_cache: Path
) -> AssistantService:
    reports = {"housing-roundtable.md": HOUSING, "water-webinar.md": WATER, "oslo-board.md": OSLO}
    return serve_reports(tmp_path_factory.mktemp("gatherings"), reports, model_cache, real_embedder)


NAMES = {
    "housing": "Roundtable on housing for young workers housing-roundtable",
    "water": "Webinar on water scarcity and farming water-webinar",
    "oslo": "Board meets in Oslo oslo-board",
    "digital": "Digital economy webinar: the risks of the digital transition",
    "tashkent": "Семинар в Ташкенте: старение населения и будущее пенсионных систем\n"
    "Seminar pensions tashkent ru",
    "paris": "Réunion du Bureau à Paris : la formation des adultes",
}


@pytest.mark.parametrize(
    ("question", "reports", "name"),
    [
        (
            "What was said about rents at the roundtable on housing for young workers?",
            {"housing"},
            "the roundtable on housing for young workers",
        ),
        ("Summarize the water webinar.", {"water"}, "the water webinar"),
        (
            "What was said at the Oslo Board meeting about the budget?",
            {"oslo"},
            "the Oslo Board meeting",
        ),
        (
            "What was said about whaling at the webinar on water and farming?",
            {"water"},
            "the webinar on water and farming",
        ),
        # in the question's language, the names read in it too
        (
            "Что говорилось о футболе на семинаре в Ташкенте?",
            {"tashkent"},
            "семинаре в Ташкенте",
        ),
        (
            "Qu'a-t-on dit du budget à la réunion du Bureau à Paris ?",
            {"paris"},
            "la réunion du Bureau à Paris",
        ),
        # a gathering's word that no report's name holds names no gathering
        ("Summarize the discussion on the digital divide.", None, None),
        # "the webinar" is two of them
        ("What was said at the webinar about prices?", None, None),
        # no gathering at all
        ("What was said about housing?", None, None),
    ],
)
def test_a_question_names_the_gathering_it_asks_about(
    question: str, reports: set[str] | None, name: str | None
) -> None:
    found = ReportNames(NAMES).gathering(question)
    if reports is None:
        assert found is None
        return
    assert found is not None
    named, (start, end) = found
    assert set(named) == reports
    assert question[start:end] == name


def test_the_words_of_a_named_gatherings_name_are_found_anywhere_in_the_question() -> None:
    names = ReportNames(NAMES)
    question = "What was said at the water webinar about child labour on farms?"
    spans = names.name_words(question, frozenset({"water"}))
    assert [question[a:b] for a, b in spans] == ["water", "webinar", "farms"]
    assert names.name_words(question, frozenset({"water", "digital"})) == [(27, 34)]
    # a title's words only: the Russian report's file name says "pensions" in English,
    # its statements say it in Russian
    asked = "What did the Tashkent seminar say about pension systems?"
    assert names.name_words(asked, frozenset({"tashkent"})) == []


@pytest.mark.slow
def test_a_topic_the_named_gathering_never_discussed_is_not_answered(
    service: AssistantService,
) -> None:
    """The roundtable's own words (housing, young workers) are in every one of its
    statements: what the question asks about is the rest, fishing quotas, which it
    never discussed."""
    answer = service.answer(
        "What was said about fishing quotas at the roundtable on housing for young workers?"
    ).answer
    assert not answer.found
    # a word of the gathering's name said in the topic says nothing there either: the
    # roundtable never spoke of refugees, though every statement there is on housing
    refugees = service.answer(
        "What was said at the roundtable on housing for young workers about housing for refugees?"
    ).answer
    assert not refugees.found
    industry = service.answer("What was discussed at the water webinar about water for industry?")
    assert not industry.answer.found
    asked = service.answer(
        "What was said at the roundtable on housing for young workers about rents?"
    ).answer
    assert asked.found
    assert all(c.source.endswith("housing-roundtable.md") for c in asked.citations)
    assert any("rents in Lisbon" in c.passage for c in asked.citations)


@pytest.mark.slow
def test_a_summary_of_a_named_gathering_gives_its_speakers(service: AssistantService) -> None:
    answer = service.answer("Give me a summary of the roundtable on housing for young workers.")
    assert answer.answer.found
    citations = answer.answer.citations
    assert all(c.source.endswith("housing-roundtable.md") for c in citations)
    assert {"Inês Carvalho", "Tomasz Zielinski", "Amina Diop"} <= {c.speaker for c in citations}
    # the kind of speaker a question asks is no topic: whoever spoke there
    answer = service.answer(
        "What did the speakers say at the roundtable on housing for young workers?"
    )
    assert answer.answer.found, answer.answer.text
    assert {"Inês Carvalho", "Tomasz Zielinski"} <= {c.speaker for c in answer.answer.citations}


@pytest.mark.slow
def test_a_question_about_the_gathering_itself_is_answered(service: AssistantService) -> None:
    """Blanked out, the gathering's name leaves "On which days was … held?": a factoid
    about the gathering, asked of its report."""
    answer = service.answer("On which days was the Oslo Board meeting held?").answer
    assert answer.found
    assert any("14 and 15 September" in c.passage for c in answer.citations)
    # asked of its taking place, it is asked whole: blanked, "When was the held?" is
    # the next meeting's "will be held in March 2027"
    answer = service.answer("When was the Oslo Board meeting held?").answer
    cited = [c.passage for c in answer.citations]
    assert any("14 and 15 September" in p for p in cited), answer.text
    assert not any("March 2027" in p for p in cited), answer.text


@pytest.mark.slow
def test_a_discussion_in_a_written_report_gives_each_speakers_key_statement(
    service: AssistantService,
) -> None:
    """No gathering named, no topic segments (a news report): the report that answers
    is read whole, and every speaker's statement on the topic is given."""
    answer = service.answer("Summarize the discussion on water scarcity and farming.").answer
    assert answer.found
    assert all(c.source.endswith("water-webinar.md") for c in answer.citations)
    speakers = {c.speaker for c in answer.citations}
    assert {"Karim Haddad", "Lucía Romero", "Jonas Berg"} <= speakers


@pytest.mark.slow
def test_a_count_for_a_year_no_report_gives_is_not_another_years(
    service: AssistantService,
) -> None:
    """The webinar gives the wells dug in 2025: that is no answer for 2018."""
    asked = service.answer("How many new wells were dug in the south of Morocco in 2025?")
    assert asked.answer.found
    assert any("4,000 new wells" in c.passage for c in asked.answer.citations)
    other = service.answer("How many new wells were dug in the south of Morocco in 2018?")
    assert not other.answer.found


@pytest.mark.slow
def test_what_a_person_said_at_a_gathering_is_what_they_said_there(
    service: AssistantService,
) -> None:
    """Less the person and the gathering, "What did X say at the Oslo Board meeting?"
    asks nothing more: their statements there, not "nothing X said about this"."""
    answer = service.answer("What did Ingrid Solheim say at the Oslo Board meeting?").answer
    assert answer.found
    assert {c.speaker for c in answer.citations} == {"Ingrid Solheim"}
    assert any("membership fees" in c.passage for c in answer.citations)
