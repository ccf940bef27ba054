"""The words of a question and what it asks for."""

from __future__ import annotations

import Stemmer

from assistant.terms import (
    acronyms,
    answer_type,
    content_terms,
    has_answer_type,
    spelled_out,
    term_weights,
)

STEM = Stemmer.Stemmer("english")


def test_content_terms_drop_question_and_speech_words() -> None:
    assert content_terms("What did Guo Jun say about digital risks?", STEM) == {
        "guo",
        "jun",
        "digit",
        "risk",
    }


def test_an_acronym_matches_the_words_it_stands_for() -> None:
    known = acronyms("What was said about artificial intelligence and work?", STEM)
    assert spelled_out("The first effect of AI is that every job changes.", known) == {
        "artifici",
        "intellig",
    }
    assert spelled_out("No acronym here.", known) == set()


def test_rare_words_weigh_more() -> None:
    said = [{"digit", "risk"}, {"digit"}, {"digit"}, {"digit"}]
    weights = term_weights({"digit", "risk"}, said)
    assert weights["risk"] > weights["digit"] > 0
    assert term_weights({"digit", "risk"}, said, idf=False) == {"digit": 1.0, "risk": 1.0}


def test_answer_types() -> None:
    assert answer_type("Who chaired the hearing?") == "person"
    assert answer_type("How many members does the Association have?") == "number"
    assert answer_type("When was the declaration adopted?") == "date"
    assert answer_type("What was said about pensions?") is None
    assert has_answer_type("The Association now has seventy-four members.", "number")
    assert has_answer_type("It was chaired by Ana Ferreira, President of the Council.", "person")
    assert not has_answer_type("The General Assembly met in Rabat.", "person")
    assert has_answer_type("The seminar took place in March 2023.", "date")
