"""The select stage on hand-made candidates: the bar, the windows, maximal marginal
relevance, new voices, and weights passed in rather than read from globals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from assistant.answer.candidates import Candidate, Source
from assistant.answer.select import mmr, select, typed_answers
from assistant.answer.weights import WEIGHTS, Weights
from index.sentence_layer import SentenceRecord

TEXT = "x" * 5_000


class _Vectors:
    """A sentence layer that knows only the statements' vectors (row → vector)."""

    def __init__(self, vectors: dict[int, Sequence[float]]) -> None:
        self.vectors = vectors

    def sentence_vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        return np.array([self.vectors[r] for r in rows], dtype=np.float32)


def _said(
    row: int, score: float, speaker: str | None = "Ana Lima", document: str = "m", **kw: bool
) -> Candidate:
    """A statement of ``speaker`` in report ``document``: sentence ``row``, 100 characters."""
    start = row * 100
    record = SentenceRecord(
        document, row, start, start + 100, row, speaker, None, True, None, None, ""
    )
    source = Source(document, document, None, None, f"{document}.txt", TEXT)
    return replace(Candidate(source, record, row), score=score, **kw)


def _layer(*directions: Sequence[float]) -> _Vectors:
    return _Vectors(dict(enumerate(directions)))


def test_nothing_is_selected_when_the_best_statement_misses_the_bar() -> None:
    layer = _layer([1, 0], [0, 1])
    ranked = [_said(0, 1.2), _said(1, 1.1, "Ben Okafor")]
    assert select(ranked, 6, layer) == []  # under relevance_bar (1.287)
    assert select(ranked, 6, layer, bar=1.0) == ranked
    # a calibration's own weights decide, not a global
    assert select(ranked, 6, layer, weights=Weights(relevance_bar=1.0)) == ranked


def test_statements_past_the_window_of_the_best_are_left_out() -> None:
    layer = _layer([1, 0], [0, 1], [0.6, 0.8])
    best, near, far = _said(0, 2.0), _said(1, 1.7, "Ben Okafor"), _said(2, 1.5, "Chen Wei")
    kept = select([best, near, far], 6, layer, bar=1.0)
    assert kept == [best, near]  # 2.0 - 1.5 > relative_window (0.38)
    wide = replace(WEIGHTS, relative_window=0.6, voice_window=0.6)
    assert far in select([best, near, far], 6, layer, bar=1.0, weights=wide)


def test_mmr_never_keeps_two_statements_that_say_the_same_thing() -> None:
    same = [1.0, 0.0]
    layer = _layer(same, same, [0.0, 1.0])
    first, copy, other = _said(0, 2.0), _said(1, 1.95, "Ben Okafor"), _said(2, 1.8, "Chen Wei")
    assert mmr([first, copy, other], 3, layer) == [first, other]


def test_mmr_prefers_a_new_voice_to_a_close_second_statement_of_the_first() -> None:
    layer = _layer([1, 0], [0.8, 0.6], [0.0, 1.0])
    first = _said(0, 2.0)
    again = _said(1, 1.9)  # the same speaker, close in meaning
    new = _said(2, 1.75, "Ben Okafor")  # another speaker, another point
    assert mmr([first, again, new], 2, layer) == [first, new]
    # without redundancy or a voice bonus, plain score order
    plain = Weights(mmr_redundancy=0.0, new_voice_bonus=0.0)
    assert mmr([first, again, new], 2, layer, weights=plain) == [first, again]


def test_typed_answers_keep_only_statements_holding_what_is_asked() -> None:
    best = _said(0, 2.0)
    number = _said(1, 1.8, typed=True)
    plain = _said(2, 1.9)
    far = _said(3, 1.8 - WEIGHTS.typed_window - 0.01, typed=True)
    assert typed_answers([best, plain, number, far]) == [best, number]


def test_a_count_is_answered_only_by_statements_that_hold_one() -> None:
    """ "How many robots are in use in Austrian care homes?": "sensors and robots should
    support care workers" is the closest statement and holds no count: no answer. A
    statement of another kind keeps its best ("When does a later retirement make
    sense?" is answered by a condition, no date)."""
    robots = _said(0, 2.0)
    count = _said(1, 1.8, typed=True)
    assert typed_answers([robots], kind="number") == []
    assert typed_answers([robots, count], kind="number") == [count]
    assert typed_answers([robots], kind="date") == [robots]


def test_a_titled_meeting_s_voices_are_heard_in_place_of_the_narrator() -> None:
    """ "What was said about X?" over a report whose title names X: each of its speakers
    not yet quoted is heard with their best statement, in place of a narrator's."""
    layer = _layer([1, 0], [0.9, 0.1], [0.0, 1.0])
    quoted = _said(0, 2.0, titled=True)
    narrator = _said(1, 1.95, None, titled=True)
    quiet = _said(2, 1.2, "Ben Okafor", titled=True)  # far outside the window
    kept = select([quoted, narrator, quiet], 2, layer, bar=1.287, speech=True)
    assert kept == [quoted, quiet]


def test_a_factoid_keeps_the_statement_that_names_its_subject() -> None:
    """ "Who is the vice president of the X Council?": the sentence that names the
    council; other councils' presidents hold a name too, and are left out."""
    best = _said(0, 2.0, typed=True)
    other_council = replace(_said(1, 1.9, typed=True), named=False)
    assert typed_answers([best, other_council], kind="person") == [best]
    # no subject named: every statement is ``named`` and the window alone decides
    plain = _said(1, 1.9, typed=True)
    assert typed_answers([best, plain], kind="person") == [best, plain]


def test_a_figure_of_another_subject_is_no_answer() -> None:
    """ "How large was China's Internet economy?" over a report on Russia and China whose
    only figure is Russia's: the figure's sentence leaves out a name its report says."""
    russia = replace(_said(0, 1.9, typed=True), named=False, elsewhere=True)
    mention = replace(_said(1, 1.7), named=False)
    assert typed_answers([russia, mention], kind="number") == []
    # a figure whose report never says the name may be the second hop of the question
    hop = replace(russia, elsewhere=False)
    assert typed_answers([hop, mention], kind="number") == [hop]


def test_a_figure_that_shares_a_name_with_a_statement_on_the_subject_is_its_second_hop() -> None:
    """ "What is the population of the city where the X Library is?": the best names the
    library, the year it opened and its city; the population's sentence the city only."""
    library = replace(_said(0, 2.0, typed=True), names=frozenset({"addi", "ababa"}))
    population = replace(_said(1, 1.8, typed=True), named=False, names=frozenset({"addi"}))
    unrelated = replace(_said(2, 1.8, typed=True), named=False, names=frozenset({"pari"}))
    kept = typed_answers([library, population, unrelated], kind="number")
    assert kept == [library, population]
    # a person asked for is named in the best statement: no second hop
    assert typed_answers([library, population], kind="person") == [library]


def test_a_person_asked_for_by_role_is_the_one_that_says_most_of_the_question() -> None:
    # "Who is the vice president of the council?": a higher-scored statement names the
    # council's secretary; the one that names its vice president says more of the question
    intro = _said(0, 2.0, None, named=True, overlap=0.6)  # the best, and names no one
    secretary = _said(1, 1.9, typed=True, named=True, overlap=0.5)
    vice = _said(2, 1.6, "Guo Jun", typed=True, named=True, overlap=0.9)
    other = _said(3, 1.8, "Ana Lima", typed=True, named=False, overlap=0.9)
    kept = typed_answers([intro, secretary, other, vice], kind="person")
    assert vice in kept and secretary not in kept and other not in kept


def test_a_figure_for_the_year_asked_leaves_out_other_years_figures() -> None:
    """ "What operating income did Talon report for FY2023?": a 2019-2021 table's row is
    another year's figure when a statement gives 2023's; with none, the window decides."""
    this_year = _said(0, 1.9, typed=True)
    other_year = _said(1, 2.0, typed=True, other_year=True)
    assert typed_answers([other_year, this_year], kind="number") == [this_year]
    assert typed_answers([other_year], kind="number") == [other_year]
