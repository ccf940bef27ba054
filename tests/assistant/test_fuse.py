from __future__ import annotations

from collections.abc import Sequence

import pytest

from assistant.evaluate import mrr_at, ndcg_at, recall_at
from assistant.fuse import language_fusion, reciprocal_rank_fusion, zscore_fusion


def test_rrf_rewards_agreement() -> None:
    fused = reciprocal_rank_fusion([[(1, 0.9), (2, 0.8)], [(2, 12.0), (3, 11.0)]])
    assert [row for row, _ in fused] == [2, 1, 3]
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)


def test_zscore_fusion_scales_and_weights() -> None:
    dense = [(1, 0.80), (2, 0.70), (3, 0.60)]
    lexical = [(3, 30.0), (4, 20.0), (1, 10.0)]
    fused = dict(zscore_fusion(dense, lexical, dense_weight=0.5))
    assert set(fused) == {1, 2, 3, 4}
    # row 2 was not returned lexically: it takes the lexical side's lowest z-score
    assert fused[2] == pytest.approx(fused[1] - 0.5 * (1.2247449 - 0.0))
    only_dense = zscore_fusion(dense, lexical, dense_weight=1.0)
    assert [row for row, _ in only_dense][:3] == [1, 2, 3]
    only_lexical = zscore_fusion(dense, lexical, dense_weight=0.0)
    assert [row for row, _ in only_lexical][:3] == [3, 4, 1]


def test_zscore_fusion_with_one_empty_side() -> None:
    assert [r for r, _ in zscore_fusion([], [(5, 2.0), (6, 1.0)])] == [5, 6]
    assert zscore_fusion([], []) == []


def test_ir_metrics() -> None:
    relevant = {"a": 1, "b": 1}
    assert ndcg_at(["a", "b", "c"], relevant) == pytest.approx(1.0)
    assert ndcg_at(["c", "a"], relevant) == pytest.approx((1 / 1.5849625) / (1 + 1 / 1.5849625))
    assert recall_at(["c", "a"], relevant, 10) == 0.5
    assert recall_at(["c", "x"], relevant, 1) == 0.0
    assert mrr_at(["c", "x", "b"], relevant) == pytest.approx(1 / 3)
    assert mrr_at(["c"], relevant) == 0.0


def test_language_fusion_keeps_the_question_languages_order_and_adds_other_languages() -> None:
    dense = [(1, 0.9), (2, 0.7), (3, 0.5)]
    lexical = [(2, 14.0), (1, 9.0), (4, 3.0)]
    multilingual = [(7, 0.92), (1, 0.88), (2, 0.86), (8, 0.80)]
    english = {1, 2, 3, 4}  # rows 7 and 8 are in another language

    fused = language_fusion(dense, lexical, multilingual, english.__contains__, 0.4, 0.0)
    # weight 0: the rows of the question's language score exactly as zscore_fusion says
    expected = dict(zscore_fusion(dense, lexical, 0.4))
    assert all(score == pytest.approx(expected[row]) for row, score in fused if row in english)
    # a row in another language competes with its multilingual z-score: the best one (7)
    # ranks among the question-language rows, the worst (8) below them
    order = [row for row, _ in fused]
    assert order.index(7) < order.index(3) and order.index(8) > order.index(1)

    weighted = dict(language_fusion(dense, lexical, multilingual, english.__contains__, 0.4, 1.0))
    # weight 1: e5's z-score is added in the question's language, doubled for the others
    assert weighted[7] == pytest.approx(2 * dict(fused)[7])
    assert weighted[1] > dict(fused)[1]


# --- search hits: passage-sized windows with the matched words ---------------------------


def _words(text: str, wanted: set[str]) -> list[tuple[int, int]]:
    from assistant.fuse import matched_words

    return matched_words(
        text, 0, len(text), frozenset(wanted), lambda ws: [[w.lower().rstrip("s")] for w in ws]
    )


def test_matched_words_are_exact_spans() -> None:
    text = "Harbour tariffs rose. The tariff for boats, and harbours' dues."
    spans = _words(text, {"harbour", "tariff"})
    assert [text[s:e] for s, e in spans] == ["Harbour", "tariffs", "tariff", "harbours"]


def test_matched_words_in_chinese_by_bigram() -> None:
    from assistant.fuse import matched_words

    text = "农民工的社会保险问题"
    spans = matched_words(text, 0, len(text), frozenset({"社会", "会保", "保险"}), lambda ws: [])
    assert [text[s:e] for s, e in spans] == ["社会保险"]


def test_search_window_keeps_a_short_passage_whole() -> None:
    from assistant.fuse import search_window

    text = "One. Two three. Four."
    assert search_window(text, 0, len(text), (5, 15), [], limit=100) == (0, len(text))


def test_search_window_is_the_best_chunk_and_its_surroundings() -> None:
    from assistant.fuse import search_window

    sentences = [f"Sentence {i} says something about item {i}." for i in range(60)]
    text = " ".join(sentences)
    anchor = (text.index("Sentence 30"), text.index("Sentence 34"))
    start, end = search_window(text, 0, len(text), anchor, [], limit=400)
    assert end - start <= 400
    assert start <= anchor[0] and anchor[1] <= end
    window = text[start:end]
    assert window.startswith("Sentence ") and window.endswith(".")


def test_search_window_in_a_long_chunk_follows_the_matches() -> None:
    from assistant.fuse import search_window

    filler = "Nothing to see in this sentence at all. " * 40
    text = filler + "The harbour tariffs rose and harbour dues fell. " + filler
    hits = [(m, m + 7) for m in (text.index("harbour"), text.rindex("harbour"))]
    start, end = search_window(text, 0, len(text), (0, len(text)), hits, limit=300)
    assert end - start <= 300
    assert all(start <= s and e <= end for s, e in hits)
    assert text[start:end] == text[start:end].strip()


def test_matched_words_stems_only_words_that_open_like_a_wanted_stem() -> None:
    from assistant.fuse import matched_words

    asked: list[str] = []

    def stems(words: Sequence[str]) -> list[list[str]]:
        asked.extend(words)
        return [["uberwach"] if w.startswith("über") else [w] for w in words]

    text = "Die Überwachung der Arbeit und die überwachten Daten."
    spans = matched_words(text, 0, len(text), frozenset({"uberwach"}), stems)
    assert [text[s:e] for s, e in spans] == ["Überwachung", "überwachten"]
    assert sorted(asked) == ["überwachten", "überwachung"]  # not "die", "arbeit", …
