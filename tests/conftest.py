"""Shared fixtures: paths to ../shared (skip when absent), the real model once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "examples" / "reports"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (a user's fresh clone has none)")
    return SHARED


@pytest.fixture(scope="session")
def seed_dir(shared_dir: Path) -> Path:
    seed = shared_dir / "seed"
    if not seed.is_dir():
        pytest.skip("../shared/seed is absent")
    return seed


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the exported ONNX model, shared by every test of the session."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def real_embedder(model_cache: Path):  # type: ignore[no-untyped-def]
    from index.config import EmbedConfig
    from index.embed import load_embedder

    return load_embedder(EmbedConfig(), model_cache)
