"""Speeches whose records name their speaker (as the UN General Debate corpus does): who
says each sentence, and a question that names a country as its speaker.

A real index (the bundled model) of three speeches written here, one JSONL record each,
with the speaker and post in ``metadata`` and never in the text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.people import named_people
from assistant.retrieve import Filters, with_named_speaker
from assistant.service import AssistantService
from index.build import build_index
from index.config import BuildConfig, EmbedConfig
from index.embed import Embedder
from index.snapshot import Snapshot

pytestmark = pytest.mark.slow

PADDING = "We thank the President of the Assembly for his able leadership of this session. " * 12

SPEECHES = [
    (
        "FIN",
        "Finland",
        "Ms. Aino Virtanen",
        "President",
        [
            "Climate change is the defining challenge of our time, and our forests are already "
            "burning in summers that were once cool.",
            "We will cut our emissions by half by 2030 and we ask every Member State to do the "
            "same.",
            "The Charter was signed in San Francisco on 26 June 1945.",
        ],
    ),
    (
        "CHL",
        "Chile",
        "Mr. Tomás Rojas",
        "Minister for Foreign Affairs",
        [
            "Climate change brings drought to our central valleys and fire to our southern "
            "forests.",
            "Chile asks the developed countries to keep their promises of climate finance.",
        ],
    ),
    (
        "INT",
        "an interview with Lena Berg",
        "Lena Berg",
        "forester",
        [
            "Our forests store more carbon than all the cars of the country emit in a decade.",
            "Every summer the fires come earlier, and the young trees do not survive them.",
        ],
    ),
    (
        "CUB",
        "Cuba",
        "Mr. Ramón Pérez",
        "President",
        [
            "The embargo imposed on our people for more than fifty years must end.",
            "Climate change threatens our coasts and our coral reefs.",
        ],
    ),
]


@pytest.fixture(scope="module")
def service(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder, model_cache: Path
) -> AssistantService:
    root = tmp_path_factory.mktemp("speeches")
    lines = []
    for code, country, speaker, post, sentences in SPEECHES:
        record = {
            "_id": f"{code}_70_2015",
            "title": f"General Debate, session 70 (2015): {country}"
            if code != "INT"
            else country.capitalize(),
            "text": (PADDING + "\n\n" if code != "INT" else "") + "\n\n".join(sentences),
            "metadata": {"speaker": speaker, "post": post, "country": country, "year": 2015},
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    (root / "speeches.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = BuildConfig(
        sources=[root / "speeches.jsonl"],
        index_dir=root / "index",
        embed=EmbedConfig(cache_dir=model_cache, multilingual="off"),
    )
    build_index(config, embedder=real_embedder)
    service = AssistantService(config, embedder=real_embedder)
    assert service.load()
    return service


def narrowed(
    snapshot: Snapshot, question: str, filters: Filters | None
) -> tuple[Filters | None, str | None]:
    people = named_people(question, snapshot.speakers())
    return with_named_speaker(snapshot, question, filters, people)


def test_each_sentence_is_the_records_speaker_and_no_date_is_invented(
    service: AssistantService,
) -> None:
    answer = service.answer("What did Ms. Aino Virtanen say about climate change?").answer
    assert answer.found
    assert {c.speaker for c in answer.citations} == {"Ms. Aino Virtanen"}
    # the only date in the text is the Charter's, deep in the speech: not the speech's
    documents = {d.id: d for d in service.reports()[0]}
    assert documents["FIN_70_2015"].date is None


def test_a_country_as_speaker_answers_from_its_speech(service: AssistantService) -> None:
    # Finland and Chile say more about climate than Cuba does: without the speaker's
    # name read as a speaker, their sentences came first
    question = "What did Cuba say about climate change?"
    answer = service.answer(question).answer
    assert answer.found
    assert {c.document_id for c in answer.citations} == {"CUB_70_2015"}
    assert any("coral reefs" in c.passage for c in answer.citations)
    snapshot = service.state.snapshot
    # narrowed to Cuba's speech; a request filtered to other reports keeps its filter
    assert narrowed(snapshot, question, None) == (
        Filters(document_ids=("CUB_70_2015",)),
        "Cuba",
    )
    elsewhere = Filters(document_ids=("FIN_70_2015",))
    assert narrowed(snapshot, question, elsewhere) == (elsewhere, None)
    # a name no report carries, or a question that is no speech question: unchanged
    assert narrowed(snapshot, "What did Norway say about climate?", None) == (None, None)
    assert narrowed(snapshot, "Why is Cuba warm?", None) == (None, None)


def test_a_person_named_in_a_reports_title_is_asked_as_a_person(
    service: AssistantService,
) -> None:
    # "What did Lena Berg say?" once read as "What did say?" within her interview
    snapshot = service.state.snapshot
    assert narrowed(snapshot, "What did Lena Berg say?", None) == (None, None)
    answer = service.answer("What did Lena Berg say?").answer
    assert answer.found and {c.speaker for c in answer.citations} == {"Lena Berg"}
