"""Fusion of the dense and lexical rankings: pure functions over (row, score) lists."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

import numpy as np

from index.lexicon.scripts import CJK

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


# --- search hits: a passage-sized window of a merged passage, its matched words marked

# A search hit is read at a glance: about one chunk (256 tokens, ~1,100 characters of
# English). Merged overlapping chunks can cover a whole report (3,391 characters as the
# first hit of /v1/search in issue 25), so a hit shows the best chunk's stretch of it.
SEARCH_PASSAGE_CHARS = 1200
# How far into a window's first and last fifth a sentence boundary is looked for: a hit
# starts and ends on a sentence when one is near, else on a word.
_EDGE_SHARE = 5
# A run of CJK characters (written without spaces: matched bigram by bigram, as BM25
# reads it), or another word.
_WORD = re.compile(rf"[{CJK}]+|(?:(?![{CJK}])\w)+")
_CJK_RUN = re.compile(f"[{CJK}]+")
_STOPS = ".!?…。！？"
_SENTENCE_START = re.compile(rf"(?<=[{_STOPS}])\s+|\n\s*")
_SENTENCE_END = re.compile(rf"[{_STOPS}](?=\s)")
_SPACE = re.compile(r"\s+")
_HEAD_CHARS = 3  # letters a word shares with its stem, for ``matched_words``

Span = tuple[int, int]


def matched_words(
    text: str,
    start: int,
    end: int,
    wanted: frozenset[str],
    tokens: Callable[[Sequence[str]], list[list[str]]],
) -> list[Span]:
    """The ``[start, end)`` offsets in ``text`` of the words of ``text[start:end]`` whose
    BM25 token (``tokens``: the lexical index's stemmer and stopwords) is ``wanted``; in
    a CJK run, each wanted bigram (overlapping ones as one span)."""
    if not wanted:
        return []
    found: list[Span] = []
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    # Only words that open like a wanted stem are stemmed (a stemmer changes a word's
    # ending, not its start): a passage's few hundred words cost a handful of calls.
    heads = {_head(w) for w in wanted}
    lowered = {text[s:e].lower() for s, e in words}
    plain = sorted(w for w in lowered if _head(w) in heads and not _CJK_RUN.fullmatch(w))
    stems = tokens(plain) if plain else []
    hit = {w for w, t in zip(plain, stems, strict=True) if wanted.intersection(t)}
    for s, e in words:
        word = text[s:e]
        if not _CJK_RUN.fullmatch(word):
            if word.lower() in hit:
                found.append((s, e))
            continue
        grams = [i for i in range(s, max(s + 1, e - 1)) if text[i : min(i + 2, e)] in wanted]
        for i in grams:
            stop = min(i + 2, e)
            if found and found[-1][1] >= i and found[-1][0] >= s:
                found[-1] = (found[-1][0], stop)
            else:
                found.append((i, stop))
    return found


def _head(word: str) -> str:
    """The first letters of a word or stem, without accents ("Über" and "uber" alike)."""
    if word.isascii():
        return word[:_HEAD_CHARS].lower()
    folded = unicodedata.normalize("NFKD", word[: _HEAD_CHARS + 2].casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))[:_HEAD_CHARS]


def search_window(
    text: str,
    start: int,
    end: int,
    anchor: Span,
    hits: Sequence[Span],
    limit: int = SEARCH_PASSAGE_CHARS,
) -> Span:
    """At most ``limit`` characters of the passage ``text[start:end]``: the best chunk
    (``anchor``) with what fits around it, evenly; or, of a chunk longer than ``limit``,
    the stretch with most matched words (``hits``). It starts and ends on a sentence
    boundary when one is near its edges, else on a word boundary."""
    if end - start <= limit:
        return start, end
    lo, hi = max(start, anchor[0]), min(end, anchor[1])
    if hi <= lo:
        lo, hi = start, end
    if hi - lo > limit:
        inside = [h for h in hits if lo <= h[0] and h[1] <= hi]
        # a window opens a fifth of its length before the first word it shows
        starts = [lo] + [min(max(lo, s - limit // _EDGE_SHARE), hi - limit) for s, _ in inside]
        best = max(starts, key=lambda w: (sum(w <= s and e <= w + limit for s, e in inside), -w))
        lo, hi = best, best + limit
    else:
        room = limit - (hi - lo)
        lo = max(start, lo - room // 2)
        hi = min(end, lo + limit)
        lo = max(start, hi - limit)
    return _on_boundaries(text, lo, hi, start, end)


def _on_boundaries(text: str, lo: int, hi: int, start: int, end: int) -> Span:
    edge = (hi - lo) // _EDGE_SHARE
    if lo > start and not _starts_sentence(text, lo):
        opening = _SENTENCE_START.search(text, lo, lo + edge)
        gap = _SPACE.search(text, lo, hi)
        if opening is not None:
            lo = opening.end()
        elif gap is not None and not text[lo - 1].isspace():
            lo = gap.end()
    if hi < end and not (text[hi - 1] in _STOPS and text[hi].isspace()):
        closing = [
            m.end()
            for m in _SENTENCE_END.finditer(text, max(lo, hi - edge), hi + 1)
            if m.end() <= hi
        ]
        spaces = [m.start() for m in _SPACE.finditer(text, lo, hi)]
        if closing:
            hi = closing[-1]
        elif spaces and not text[hi].isspace():
            hi = spaces[-1]
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _starts_sentence(text: str, i: int) -> bool:
    """True when ``text[i:]`` opens a sentence: after a line break or a full stop."""
    before = text[max(0, i - 80) : i]
    kept = before.rstrip()
    gap = before[len(kept) :]
    return not kept or "\n" in gap or (bool(gap) and kept[-1] in _STOPS)
