"""Retrieval over a real snapshot (fake embedder): modes, filters, merging, offsets."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.errors import QueryError
from assistant.retrieve import MODES, Filters, allowed_rows, search, source_matches
from index.build import build_index
from index.config import BuildConfig
from index.embed import FakeEmbedder
from index.layout import IndexDir
from index.multilingual import FakeMultilingual
from index.snapshot import Snapshot
from tests.conftest import SAMPLES

EMBEDDER = FakeEmbedder()
MULTILINGUAL = FakeMultilingual()


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    root = tmp_path_factory.mktemp("retrieve")
    config = BuildConfig(sources=[SAMPLES], index_dir=root / "index")
    build_index(config, embedder=EMBEDDER)
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    return Snapshot.open(path)


def ask(snapshot: Snapshot, text: str, k: int = 5, **kwargs: object) -> list:  # type: ignore[type-arg]
    vectors = {"multilingual_vector": MULTILINGUAL.embed_query(text)}
    return search(snapshot, EMBEDDER.embed_query(text), text, k, **vectors, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", MODES)
def test_every_mode_returns_exact_ranked_passages(snapshot: Snapshot, mode: str) -> None:
    passages = ask(snapshot, "youth forum Dakar councils", 5, mode=mode)
    assert 1 <= len(passages) <= 5
    for p in passages:
        assert p.document_text[p.start : p.end] == p.text
    if mode != "rrf":
        assert "2024/youth-forum-dakar.txt" in {p.document_id for p in passages[:3]}


def test_overlapping_chunks_of_one_document_merge(snapshot: Snapshot) -> None:
    passages = ask(snapshot, "council", 20)
    spans: dict[str, list[tuple[int, int]]] = {}
    for p in passages:
        for start, end in spans.get(p.document_id, []):
            assert p.end < start or p.start > end, "overlapping passages were not merged"
        spans.setdefault(p.document_id, []).append((p.start, p.end))


def test_filters(snapshot: Snapshot) -> None:
    dated = ask(snapshot, "council", 20, filters=Filters(date_from="2024", date_to="2024-12"))
    assert dated and all(p.date and "2024" <= p.date <= "2024-12-31" for p in dated)
    folder = ask(snapshot, "council", 20, filters=Filters(sources=("2023/",)))
    assert folder and all("/2023/" in p.source for p in folder)
    assert ask(snapshot, "council", 5, filters=Filters(languages=("xx",))) == []


def test_allowed_rows_and_source_matching(snapshot: Snapshot) -> None:
    assert allowed_rows(snapshot, Filters()) is None
    one = "2022/board-meeting-lisbon.txt"
    mask = allowed_rows(snapshot, Filters(document_ids=(one,)))
    assert mask is not None and mask.sum() == np.sum(snapshot.row_document == one) > 0
    assert source_matches("examples/reports/2024/webinar.html", ("2024/",))
    assert not source_matches("examples/reports/2024/webinar.html", ("2023/",))


def test_bad_values_say_what_to_change() -> None:
    with pytest.raises(QueryError, match="YYYY"):
        Filters(date_from="last year")


def test_top_k_below_one(snapshot: Snapshot) -> None:
    with pytest.raises(QueryError, match="at least 1"):
        ask(snapshot, "council", 0)
