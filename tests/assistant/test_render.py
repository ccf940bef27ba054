"""Rendering chosen statements: the answer texts of prompts/ in every language, how
sentences join, how a pronoun or "according to him" reads with the speaker's name, and
quotes kept balanced. Pure functions over hand-made statements (no model, no index)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answer import candidates, render
from assistant.answer.render import (
    PROMPTS_FILE,
    AnswerTexts,
    balance_quotes,
    load_answer_texts,
    texts_for,
)
from index.sentence_layer import SentenceRecord

TEXTS = load_answer_texts()


def test_prompts_file_loads(tmp_path: Path) -> None:
    assert isinstance(TEXTS, AnswerTexts) and "{statement}" in TEXTS.line
    bad = tmp_path / "answer.toml"
    bad.write_text('nothing_found = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError):
        load_answer_texts(bad)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Qu'a-t-on dit sur la formation des adultes ?", "fr"),
        ("Что говорилось о пенсионном возрасте?", "ru"),
        ("农民工的社会保障有哪些问题？", "zh"),
        ("What was said about digital risks?", None),
        ("¿Qué se dijo sobre los riesgos digitales?", "es"),
        ("Was wurde über digitale Risiken gesagt?", "de"),
        ("ما الذي قيل عن المخاطر الرقمية؟", "ar"),
        ("Wat werd er gezegd over digitale risico's?", "nl"),
        ("Cosa è stato detto sui rischi digitali?", "it"),
        ("O que foi dito sobre os riscos digitais?", "pt"),
        ("デジタルリスクについて何が述べられましたか？", "ja"),
        ("Hvad blev der sagt om digitale risici?", None),  # no Danish texts
        ("Lidia Mikheeva", None),
    ],
)
def test_texts_in_the_questions_language(question: str, language: str | None) -> None:
    texts = texts_for(question)
    path = PROMPTS_FILE.with_name(f"answer.{language}.toml") if language else PROMPTS_FILE
    assert texts == load_answer_texts(path)
    assert (texts == TEXTS) == (language is None)


@pytest.mark.parametrize("path", sorted(PROMPTS_FILE.parent.glob("answer.*.toml")))
def test_every_language_has_every_text_with_the_same_placeholders(path: Path) -> None:
    def placeholders(texts: AnswerTexts) -> dict[str, set[str]]:
        return {k: set(re.findall(r"{(\w+)}", v)) for k, v in texts.model_dump().items()}

    assert placeholders(load_answer_texts(path)) == placeholders(TEXTS)


def test_chinese_sentences_join_without_spaces_and_pronouns_read_as_the_name() -> None:
    joined = render._joined(["重要。", "他指出，如果孩子不能上学。"])
    assert joined == "重要。他指出，如果孩子不能上学。"
    joined = render._joined(["“Rain is scarce.”", "He added more."])
    assert joined == "“Rain is scarce.” He added more."
    assert render._PRONOUN_START.match("她说，问题很紧迫。") is not None


@pytest.mark.parametrize(
    ("text", "language", "reads"),
    [
        ("Il a rappelé que le salaire minimum protège les jeunes.", "fr", "Mario Rossi a rappelé"),
        ("Il lavoro povero è cresciuto in tutto il Mezzogiorno.", "it", "Mario Rossi: Il lavoro"),
        ("Lui ha ricordato che il salario minimo protegge i giovani.", "it", "Mario Rossi ha"),
        ("Er betonte, dass die Mieten steigen.", "de", "Mario Rossi betonte"),
    ],
)
def test_only_a_pronoun_of_the_reports_language_reads_as_the_name(
    text: str, language: str, reads: str
) -> None:
    source = candidates.Source("d", "Record", None, None, "d.txt", text, language=language)
    record = SentenceRecord("d", 0, 0, len(text), 0, "Mario Rossi", None, True, None, None, text)
    line = render._statement([candidates.Candidate(source, record, -1)], TEXTS, introduced=set())
    assert line.startswith(reads), line


def test_quotes_are_balanced() -> None:
    assert balance_quotes("“The first effect is that every job changes.") == (
        "“The first effect is that every job changes.”"
    )
    assert balance_quotes("it will stay,” she said.") == "“it will stay,” she said."
    assert balance_quotes("“Whole.”") == "“Whole.”"
    # a report that opens with a straight mark and closes with a curly one
    mixed = '"We should act together,” he said.'
    assert balance_quotes(mixed) == mixed
    closed = '“We should act together," he said.'
    assert balance_quotes(closed) == closed


def test_according_to_him_reads_with_the_speakers_name() -> None:
    for said, expected in (
        ("According to him, rain is scarce.", "According to Tom Hale (member of the Council), "),
        ("Selon lui, la pluie est rare.", "Selon Tom Hale (member of the Council), la pluie"),
        ("Según ella, la lluvia escasea.", "Según Tom Hale (member of the Council), la lluvia"),
        ("По его словам, дождей мало.", "Tom Hale (member of the Council): По его словам,"),
    ):
        record = SentenceRecord(
            "d", 0, 0, len(said), 0, "Tom Hale", "member of the Council", True, None, None, said
        )
        source = candidates.Source("d", "Report", None, None, "report.txt", said)
        line = render._statement([candidates.Candidate(source, record, -1)], TEXTS, set())
        assert line.startswith(expected), line
