"""Fusion of the dense and lexical rankings: pure functions over (row, score) lists."""

from __future__ import annotations

from collections.abc import Sequence

Ranking = Sequence[tuple[int, float]]

# Cormack, Clarke & Büttcher (SIGIR 2009), "Reciprocal Rank Fusion outperforms
# Condorcet and individual rank learning methods": k=60.
RRF_K = 60


def reciprocal_rank_fusion(rankings: Sequence[Ranking], k: int = RRF_K) -> list[tuple[int, float]]:
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, (row, _) in enumerate(ranking):
            scores[row] = scores.get(row, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def convex_fusion(
    dense: Ranking, lexical: Ranking, dense_weight: float = 0.5
) -> list[tuple[int, float]]:
    """Weighted sum of min-max normalised scores (Bruch, Gai & Ingber, TOIS 2023,
    "An Analysis of Fusion Functions for Hybrid Retrieval": a tuned convex
    combination beats RRF). A side that did not return a row contributes 0."""
    fused: dict[int, float] = {}
    for ranking, weight in ((dense, dense_weight), (lexical, 1.0 - dense_weight)):
        if not ranking:
            continue
        values = [s for _, s in ranking]
        low, high = min(values), max(values)
        span = high - low or 1.0
        for row, score in ranking:
            fused[row] = fused.get(row, 0.0) + weight * (score - low) / span
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))
