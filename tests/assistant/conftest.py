"""Fixtures of the language-model tests: a real index of the sample reports plus a report
that carries a prompt injection, built once per session with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.config import BuildConfig
from tests.conftest import REPO, SAMPLES
from tests.helpers import build_test_index

INJECTION = REPO / "tests" / "fixtures" / "injection"


@pytest.fixture(scope="session")
def llm_index(tmp_path_factory: pytest.TempPathFactory, model_cache: Path) -> BuildConfig:
    root = tmp_path_factory.mktemp("llm-index")
    return build_test_index(root / "index", model_cache, [SAMPLES, INJECTION])
