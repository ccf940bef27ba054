"""The lexical index: BM25 (bm25s) over the same chunks as the vectors.

Row ``i`` of the lexical index is row ``i`` of the FAISS index and of the
``chunks`` table. Saved as numpy arrays and JSON (no pickle) in its own folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

# Robertson & Zaragoza's usual k1=1.5, b=0.75; English stopwords and the Snowball
# English stemmer: the configuration bm25s documents and BENCHMARKS.md measured.
K1, B = 1.5, 0.75
STOPWORDS = "en"


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    tokens = bm25s.tokenize(
        list(texts),
        stopwords=STOPWORDS,
        stemmer=_stemmer(),
        return_ids=False,
        show_progress=False,
    )
    return [list(t) for t in tokens]


def build(texts: Sequence[str], folder: Path) -> None:
    retriever = bm25s.BM25(k1=K1, b=B)
    tokens = bm25s.tokenize(
        list(texts), stopwords=STOPWORDS, stemmer=_stemmer(), show_progress=False
    )
    retriever.index(tokens, show_progress=False)
    retriever.save(str(folder), show_progress=False)


class LexicalIndex:
    def __init__(self, folder: Path, size: int) -> None:
        self._bm25 = bm25s.BM25.load(str(folder), mmap=False)
        self._vocab = self._bm25.vocab_dict
        self.size = size

    def search(
        self, query: str, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(row, score) best first; ``allowed`` is a boolean mask over rows."""
        words = [w for w in tokenize([query])[0] if w in self._vocab]
        if not words or self.size == 0:
            return []
        ids = [self._vocab[w] for w in words]
        scores = self._bm25.get_scores(ids)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(r), float(scores[r])) for r in top if scores[r] > 0]
