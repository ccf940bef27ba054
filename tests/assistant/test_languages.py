"""Reports and questions in Russian, Chinese and French, through the service with the
real model: the language each report is stored with, same-language retrieval, the
language filter, and the answer's own words in the question's language."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from assistant.retrieve import Filters
from assistant.service import AssistantService
from index.build import build_index
from index.config import BuildConfig, EmbedConfig
from tests.conftest import SAMPLES

RU = "2025/seminar-pensions-tashkent.ru.md"
ZH = "2025/workshop-rural-migrant-workers-beijing.zh.md"
FR = "2025/bureau-adult-training-paris.fr.md"


@pytest.fixture(scope="module")
def service(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Any, model_cache: Any
) -> AssistantService:
    root = tmp_path_factory.mktemp("languages")
    shutil.copytree(SAMPLES, root / "reports")
    config = BuildConfig(
        sources=[root / "reports"],
        index_dir=root / "index",
        embed=EmbedConfig(cache_dir=model_cache),
    )
    build_index(config, embedder=real_embedder)
    service = AssistantService(config, embedder=real_embedder)
    assert service.load() is True
    return service


def test_each_report_is_stored_with_its_language(service: AssistantService) -> None:
    reports, _ = service.reports()
    languages = {r.id: r.language for r in reports}
    assert (languages[RU], languages[ZH], languages[FR]) == ("ru", "zh", "fr")
    assert {lang for doc, lang in languages.items() if doc not in (RU, ZH, FR)} == {"en"}


@pytest.mark.parametrize(
    ("question", "report"),
    [
        ("Что говорилось о повышении пенсионного возраста?", RU),
        ("Какие рекомендации приняли участники семинара о пенсионных системах?", RU),
        ("农民工的社会保险有哪些问题？", ZH),
        ("研讨会对农民工子女的教育提出了什么看法？", ZH),
        ("Qu'a-t-on dit sur la formation professionnelle des adultes ?", FR),
        ("Que proposent les employeurs pour l'apprentissage ?", FR),
    ],
)
def test_a_question_finds_the_report_of_its_language_first(
    service: AssistantService, question: str, report: str
) -> None:
    found = service.search(question, 5)
    assert found.passages and found.passages[0].document_id == report
    assert found.passages[0].language == report.split(".")[-2]


def test_the_language_filter_keeps_only_that_language(service: AssistantService) -> None:
    for language, report in (("ru", RU), ("zh", ZH), ("fr", FR)):
        found = service.search("council", 10, Filters(languages=(language,)))
        assert {p.document_id for p in found.passages} <= {report}
    question = "Что говорилось о пенсионном возрасте?"
    english = service.search(question, 10, Filters(languages=("en",)))
    assert all(p.language == "en" for p in english.passages)
    both = service.search("пенсионный возраст 农民工", 10, Filters(languages=("ru", "zh")))
    assert {p.document_id for p in both.passages} == {RU, ZH}


@pytest.mark.parametrize(
    ("question", "report", "header"),
    [
        ("Что говорилось о пенсионном возрасте?", RU, "В отчёте «"),
        pytest.param(
            "农民工的社会保险有哪些问题？",
            ZH,
            "在《",
            marks=pytest.mark.xfail(
                strict=True,
                reason="MiniLM reads Chinese poorly and the composer's word overlap takes a run "
                "of Chinese characters for one word, so no statement clears the bar calibrated "
                "on English: it says nothing found, in Chinese (the multilingual model of the "
                "next part of issue 12 is the fix)",
            ),
        ),
        ("Qu'a-t-on dit sur la formation professionnelle des adultes ?", FR, "Dans « "),
    ],
)
def test_an_answer_speaks_the_questions_language(
    service: AssistantService, question: str, report: str, header: str
) -> None:
    result = service.answer(question)
    answer = result.answer
    assert answer.found and answer.citations
    assert answer.citations[0].document_id == report
    assert answer.text.startswith(header)
    for c in answer.citations:
        doc, _ = service.document(c.document_id)
        assert doc.text[c.start : c.end] == c.passage


def test_nothing_found_in_the_questions_language(service: AssistantService) -> None:
    answer = service.answer("Quelle est la recette des lasagnes à la bolognaise ?").answer
    assert not answer.found and answer.text.startswith("Je n'ai rien trouvé")


def test_citations_carry_the_reports_language(service: AssistantService) -> None:
    answer = service.answer("Что говорилось о пенсионном возрасте?").answer
    assert answer.citations and all(c.language == "ru" for c in answer.citations)
