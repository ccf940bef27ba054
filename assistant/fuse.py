"""Fusion of the dense and lexical rankings: pure functions over (row, score) lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

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


def zscore_fusion(
    dense: Ranking, lexical: Ranking, dense_weight: float = 0.4
) -> list[tuple[int, float]]:
    """Weighted sum of per-query z-scores of each side's scores.

    Scores of the two sides live on different scales (cosine vs BM25), so each is
    standardised over the candidates it returned; a row one side did not return
    gets that side's lowest z-score rather than 0 (it ranked below all of them).
    A convex combination of normalised scores beats RRF when the weight is tuned
    (Bruch, Gai & Ingber, TOIS 2023, "An Analysis of Fusion Functions for Hybrid
    Retrieval"); z-scores were the best normalisation on HotpotQA-500 here
    (README, "Retrieval quality": 0.857 nDCG@10 vs 0.846 min-max, 0.826 RRF).
    """
    sides = []
    for ranking, weight in ((dense, dense_weight), (lexical, 1.0 - dense_weight)):
        if not ranking:
            continue
        values = np.array([s for _, s in ranking], dtype=np.float64)
        spread = float(values.std()) or 1.0
        z = {row: (s - float(values.mean())) / spread for row, s in ranking}
        sides.append((z, min(z.values()), weight))
    rows = dict.fromkeys([row for row, _ in dense] + [row for row, _ in lexical])
    fused = {row: sum(w * z.get(row, floor) for z, floor, w in sides) for row in rows}
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def language_fusion(
    dense: Ranking,
    lexical: Ranking,
    multilingual: Ranking,
    same_language: Callable[[int], bool],
    dense_weight: float = 0.4,
    multilingual_weight: float = 0.0,
) -> list[tuple[int, float]]:
    """``zscore_fusion`` of MiniLM and BM25 plus the multilingual model, by language.

    A row in the question's language is scored as ``zscore_fusion`` scores it, plus
    ``multilingual_weight`` × its multilingual z-score. A row in another language is one
    that BM25 and MiniLM cannot read (no shared words; MiniLM is English-only): it is
    scored by its multilingual z-score alone, times the same total weight
    (1 + ``multilingual_weight``): both kinds compete on z-scores. (Measured
    on the sample reports against two other ways to put them on one scale, fitting the
    fused score from the multilingual one by least squares and standardising the fused
    scores again: both let reports in other languages push out the question's own
    report, "农民工的社会保险有哪些问题？" no longer found the Chinese report first.)
    ``dense`` is whatever dense ranking reads the question's language best (MiniLM for
    English, the multilingual model's for other languages).
    """
    sides: list[tuple[dict[int, float], float]] = []
    for ranking in (dense, lexical, multilingual):
        if not ranking:
            sides.append(({}, 0.0))
            continue
        values = np.array([s for _, s in ranking], dtype=np.float64)
        spread = float(values.std()) or 1.0
        z = {row: (s - float(values.mean())) / spread for row, s in ranking}
        sides.append((z, min(z.values())))
    (zd, fd), (zl, fl), (zm, fm) = sides
    same_weights = (dense_weight if dense else 0.0, (1.0 - dense_weight) if lexical else 0.0)
    rows = dict.fromkeys(
        [r for r, _ in dense] + [r for r, _ in lexical] + [r for r, _ in multilingual]
    )
    same: dict[int, float] = {}
    other: dict[int, float] = {}
    for row in rows:
        ml = zm.get(row, fm) if multilingual else 0.0
        if same_language(row):
            same[row] = (
                same_weights[0] * zd.get(row, fd)
                + same_weights[1] * zl.get(row, fl)
                + multilingual_weight * ml
            )
        else:
            other[row] = (1.0 + multilingual_weight) * ml
    fused = {**same, **other}
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))
