"""BM25 over chunk texts: stemming, stop words, masks, save and load."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index import lexical

TEXTS = [
    "The council consulted young people on digital skills.",
    "Councils consult trade unions and employers every year.",
    "A recipe for bread: flour, water and salt.",
    "Digital inequalities widen when broadband is scarce.",
]


def index(tmp_path: Path) -> lexical.LexicalIndex:
    folder = tmp_path / "lexical"
    lexical.build(TEXTS, folder)
    return lexical.LexicalIndex(folder, len(TEXTS))


def test_tokenize_stems_and_drops_stop_words() -> None:
    (tokens,) = lexical.tokenize(["The councils were consulting"])
    assert "the" not in tokens
    assert lexical.tokenize(["council"])[0][0] in tokens  # "councils" -> "council"


def test_search_ranks_by_bm25_and_survives_save_load(tmp_path: Path) -> None:
    bm25 = index(tmp_path)
    hits = bm25.search("consulting councils", 4)
    assert {row for row, _ in hits} == {0, 1}
    assert all(score > 0 for _, score in hits)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert bm25.search("digital", 1)[0][0] in (0, 3)


def test_unknown_words_and_stop_words_find_nothing(tmp_path: Path) -> None:
    bm25 = index(tmp_path)
    assert bm25.search("zorblat", 3) == []
    assert bm25.search("the and of", 3) == []


def test_mask_restricts_rows(tmp_path: Path) -> None:
    bm25 = index(tmp_path)
    allowed = np.array([False, True, False, True])
    hits = bm25.search("council digital", 4, allowed)
    assert hits and {row for row, _ in hits} <= {1, 3}


def test_k_larger_than_the_index(tmp_path: Path) -> None:
    assert len(index(tmp_path).search("council", 100)) == 2
