from __future__ import annotations

import pytest

from assistant.evaluate import mrr_at, ndcg_at, recall_at
from assistant.fuse import reciprocal_rank_fusion, zscore_fusion


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
