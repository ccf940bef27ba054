"""Language detection (py3langid, offline) for reports and questions."""

from __future__ import annotations

import pytest

from index.language import document_language, primary, query_language

PARAGRAPH = (
    "The General Assembly of the Association met in Rabat and adopted a declaration on "
    "the care economy. Delegations from thirty-one member councils took part."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PARAGRAPH, "en"),
        ("Le Conseil a adopté un avis sur la transition et les emplois dans les régions.", "fr"),
        ("Общественная палата провела вебинар о цифровой экономике и сотрудничестве.", "ru"),
        ("中国经济社会理事会与俄罗斯联邦公民院举行了数字经济网络研讨会。", "zh"),
        (
            "El Consejo Económico y Social aprobó un dictamen sobre el empleo juvenil. Los "
            "jóvenes de las zonas rurales tienen menos oportunidades de formación.",
            "es",
        ),
        ("Der Wirtschafts- und Sozialrat hat eine Stellungnahme zur Pflege verabschiedet.", "de"),
        (
            "اعتمد المجلس الاقتصادي والاجتماعي رأيا بشأن تشغيل الشباب في المناطق الريفية. "
            "وقال رئيس المجلس إن البطالة بين الشباب ما زالت مرتفعة.",
            "ar",
        ),
        ("12 345 678 — 2024", None),
        ("", None),
    ],
)
def test_document_language(text: str, expected: str | None) -> None:
    assert document_language(text) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What was said about digital risks?", "en"),
        ("Qu'a-t-on dit sur les risques numériques ?", "fr"),
        ("Что говорилось о цифровых рисках?", "ru"),
        ("关于数字风险说了什么？", "zh"),
        ("¿Qué se dijo sobre los riesgos digitales?", "es"),
        ("Lidia Mikheeva", None),  # a bare name is no language
    ],
)
def test_query_language(question: str, expected: str | None) -> None:
    assert query_language(question) == expected


def test_primary_subtag() -> None:
    assert primary("fr-CA") == "fr"
    assert primary("zh_Hans") == "zh"
    assert primary("EN") == "en"
    assert primary("") is None and primary(None) is None


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Qu'a demandé Moussa Ndiaye ?", "fr"),  # the model: no language over 0.5
        ("¿Qué pidió Antón Costas?", "es"),
        ("Wer ist Petra Lange?", "de"),
        ("Quem é João Santos?", "pt"),
        ("Who is Lidia Mikheeva?", None),  # English: the default
        ("Was fordert Petra Lange?", None),  # "Was" opens English questions too
    ],
)
def test_a_short_question_is_known_by_its_first_word(question: str, language: str | None) -> None:
    assert query_language(question) == language
