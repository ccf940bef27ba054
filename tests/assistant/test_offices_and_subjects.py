"""A question about a person holds to the subject it names, and an office names whoever
holds it where the subject is discussed.

A real index (the bundled model) of two plenary debates written here in the verbatim
layout of a parliament ("Name (role). – text"): a speaker of the rail debate speaks of
floods that cut his rail lines, never of the Tagus valley; the flood debate's rapporteur
is not labelled as one, the rail debate's is; four members of the Commission speak across the three.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.score import in_reports_naming
from assistant.people import named_people
from assistant.service import AssistantService
from index.embed import Embedder
from tests.helpers import serve_reports

pytestmark = pytest.mark.slow

FLOODS = """Parliamentary debate 2026-03-02: Floods in the Tagus valley (debate)

President. – The next item is the debate on the floods in the Tagus valley.

Marta Silva. – Madam President, the floods in the Tagus valley destroyed four bridges \
and flooded two thousand homes in a single night. The flood defences built in the \
nineteen-seventies were never raised, although the river has risen faster every winter. \
We ask the Commission to fund new dykes and an early-warning system along the whole valley.

Henrik Dahl (Member of the Commission). – Madam President, the Solidarity Fund can pay \
for the repair of the bridges. The Commission will assess the application from Portugal \
within six weeks.

Ana Costa. – Madam President, farmers in the valley lost their whole harvest. Crop \
insurance paid them nothing, because floods were excluded from their contracts.
"""

RAIL = """Parliamentary debate 2026-03-03: Rail freight corridors (debate)

President. – The next item is the report by Jonas Weber on rail freight corridors.

Jonas Weber (rapporteur). – Madam President, freight trains still wait for hours at \
borders because each country keeps its own signalling system. My report asks for one \
signalling standard on every corridor by 2030.

Pieter Claes. – Madam President, the crisis in rail freight is a crisis of investment. \
Floods washed away the tracks of three freight lines last winter, and the repairs are \
still not funded. Road haulage keeps winning because it is cheaper.

Eva Lindqvist (Member of the Commission). – Madam President, the Commission will publish \
the corridor timetable in the spring and will fund the signalling on two corridors.
"""

QUOTAS = """Parliamentary debate 2026-03-04: Fishing quotas in the Baltic Sea (debate)

President. – The next item is the Commission statement on Baltic fishing quotas.

Tomas Berzins (Member of the Commission). – Madam President, the cod stock in the eastern \
Baltic has collapsed, and the Commission proposes to close the fishery for one year.

Karin Holm (Member of the Commission). – Madam President, the fishermen who lose their \
income will be compensated from the maritime fund.

Lars Eriksen. – Madam President, a closure without compensation would ruin the small \
harbours of the coast.
"""


@pytest.fixture(scope="module")
def service(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder, model_cache: Path
) -> AssistantService:
    reports = {"floods.txt": FLOODS, "rail.txt": RAIL, "quotas.txt": QUOTAS}
    return serve_reports(tmp_path_factory.mktemp("debates"), reports, model_cache, real_embedder)


def test_a_speaker_is_not_answered_with_statements_about_another_subject(
    service: AssistantService,
) -> None:
    """Pieter Claes speaks of floods that washed away rail lines: that is no answer to
    what he said about the floods in the Tagus valley, which his debate never names."""
    answer = service.answer("What did Pieter Claes say about the floods in the Tagus valley?")
    assert not answer.answer.found
    assert "Pieter Claes" in answer.answer.text
    on_rail = service.answer("What did Pieter Claes say about the crisis in rail freight?")
    assert on_rail.answer.found
    assert all(c.speaker == "Pieter Claes" for c in on_rail.answer.citations)


def test_an_office_whose_holders_never_spoke_of_the_subject_is_left_to_the_reports(
    service: AssistantService,
) -> None:
    """ "The rapporteur" is Jonas Weber's label; the flood debate names no rapporteur, so
    what was said there about the flood defences is the answer, not "Jonas Weber said
    nothing about this"."""
    question = "What did the rapporteur say about the flood defences in the Tagus valley?"
    people = named_people(question, service.state.snapshot.speakers())
    assert [p.name for p in people.speakers] == ["Jonas Weber"]
    assert people.by_role
    answer = service.answer(question).answer
    assert answer.found
    assert any("flood defences" in c.passage for c in answer.citations)
    assert all("floods.txt" in c.source for c in answer.citations)
    # named by name, he is asked about himself: nothing he said is about the floods
    named = service.answer("What did Jonas Weber say about the flood defences?").answer
    assert not named.found


def test_an_office_held_in_many_reports_names_its_holder_where_the_answer_is(
    service: AssistantService,
) -> None:
    """Four members of the Commission speak: "the Commissioner" alone names none of
    them, but in the flood debate, which the question finds, it is Henrik Dahl."""
    question = "What did the Commissioner say about the repair of the bridges?"
    assert not named_people(question, service.state.snapshot.speakers()).speakers
    answer = service.answer(question).answer
    assert answer.found
    assert {c.speaker for c in answer.citations} == {"Henrik Dahl"}


def test_an_office_is_the_body_it_belongs_to() -> None:
    from assistant.people import _office_of

    assert _office_of("commissioner", "commission")
    assert _office_of("councillor", "council")
    assert not _office_of("expert", "experience")
    assert not _office_of("member", "member")


def test_statements_are_kept_only_from_reports_that_name_the_subject(
    service: AssistantService,
) -> None:
    from assistant.answer.candidates import Candidate, Source
    from assistant.terms import ENGLISH, content_terms

    snapshot = service.state.snapshot
    candidates = []
    for document in snapshot.documents():
        source = Source.of_document(document)
        stored = snapshot.sentences_of(document.id)[1]
        candidates.append(Candidate(source, stored.record, stored.vector_row))
    tagus = frozenset(content_terms("Tagus"))
    kept = in_reports_naming(candidates, tagus, ENGLISH)
    assert [c.source.source.endswith("floods.txt") for c in kept] == [True]
    assert in_reports_naming(candidates, frozenset(), ENGLISH) == candidates
