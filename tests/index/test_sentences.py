"""Sentence splitting: exact offsets, and the cases reports are full of."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.sentences import MAX_SENTENCE_CHARS, split_sentences

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_every_sentence_is_its_exact_span() -> None:
    text = "  First one.  Second one!\n\nThird “quoted.” Fourth?  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "First one.",
        "Second one!",
        "Third “quoted.”",
        "Fourth?",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_a_region_keeps_offsets_into_the_whole_text() -> None:
    text = "Before. Inside one. Inside two. After."
    start = text.index("Inside")
    sentences = split_sentences(text, start, text.index("After"))
    assert [s.text for s in sentences] == ["Inside one.", "Inside two."]
    assert sentences[0].start == start


def test_titles_abbreviations_and_initials_do_not_end_sentences() -> None:
    assert texts("Mr. Smith met Dr. Jones and Prof. Lee. They agreed.") == [
        "Mr. Smith met Dr. Jones and Prof. Lee.",
        "They agreed.",
    ]
    assert texts("J. K. Rowling wrote it. Next.") == ["J. K. Rowling wrote it.", "Next."]
    assert texts("Tools, e.g. Big data, help. The U.S. Congress voted.") == [
        "Tools, e.g. Big data, help.",
        "The U.S. Congress voted.",
    ]


def test_decimals_and_a_stray_stop_before_lower_case_do_not_end_sentences() -> None:
    assert texts("Growth was 8.5 percent in 2021. Then it fell.") == [
        "Growth was 8.5 percent in 2021.",
        "Then it fell.",
    ]
    one = "The economy grows, said Guo Jun, vice president. of the PRC ESS ."
    assert texts(one) == [one]


def test_quotes_end_sentences_only_before_a_new_sentence() -> None:
    assert texts("“We will win,” she said. He left.") == ["“We will win,” she said.", "He left."]
    assert texts("“It works.” He agreed.") == ["“It works.”", "He agreed."]
    assert texts("“It works.” she said.") == ["“It works.” she said."]
    assert texts('He said: "Go. Now." Then left.') == ['He said: "Go.', 'Now."', "Then left."]


def test_ellipsis_and_question_marks() -> None:
    assert texts("Wait... Then go? Yes! Done…") == ["Wait...", "Then go?", "Yes!", "Done…"]


def test_line_breaks_end_sentences_but_wrapped_lines_do_not() -> None:
    assert texts("A heading\nThe first paragraph.") == ["A heading", "The first paragraph."]
    assert texts("A sentence wrapped by the\npage width ends here.") == [
        "A sentence wrapped by the\npage width ends here."
    ]
    assert texts("Cut by a hyph-\nen here, then\n\nNew paragraph") == [
        "Cut by a hyph-\nen here, then",
        "New paragraph",
    ]


def test_list_items_are_sentences_and_keep_their_numbers() -> None:
    text = "Priorities:\n1. Care work.\n2. Youth employment.\n- Climate."
    assert texts(text) == ["Priorities:", "1. Care work.", "2. Youth employment.", "- Climate."]


def test_sentences_of_one_paragraph_share_its_start() -> None:
    sentences = split_sentences("One. Two.\n\nThree.")
    assert sentences[0].paragraph == sentences[1].paragraph == 0
    assert sentences[2].paragraph == sentences[2].start


def test_overlong_sentences_are_cut_at_clauses() -> None:
    text = "word, " * 300 + "end."
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in pieces)
    assert "".join(s.text for s in pieces).replace(" ", "") == text.replace(" ", "")


def test_seed_report_sentences() -> None:
    path = SEED / "000_c747f71a7a95dcaf.txt"
    if not path.is_file():
        pytest.skip("../shared/seed is absent")
    text = path.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
    found = [s.text for s in sentences]
    assert any(t.startswith("Lidia Mikheeva noted that despite") for t in found)
    # "vice president. of the PRC ESS" and "“…,” she said." stay inside their sentences
    assert any(t.endswith("vice president. of the PRC ESS .") for t in found)
    assert any(t.startswith("We highly appreciate") and t.endswith("she said.") for t in found)


def test_a_day_before_its_month_ends_no_sentence() -> None:
    text = "Berlin, 4. März 2025. Der Rat hat beraten. It was held in May 2024. April came."
    assert [s.text for s in split_sentences(text)] == [
        "Berlin, 4. März 2025.",
        "Der Rat hat beraten.",
        "It was held in May 2024.",
        "April came.",
    ]
