"""The FAISS index type chosen by size or by setting, in the manifest, and filters that
lose nothing on an approximate index (real FAISS; the fake embedder for the builds)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import pytest

from assistant.retrieve import Filters, search
from index import vector_index
from index.build import build_index
from index.config import BuildConfig, VectorIndexConfig
from index.embed import FakeEmbedder
from index.errors import SnapshotError
from index.layout import IndexDir
from index.snapshot import Snapshot
from tests.conftest import SAMPLES


def _clustered(rows: int, dim: int = 64, seed: int = 1) -> np.ndarray:
    """Unit vectors around 50 centres: neighbours exist, as in text."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((50, dim))
    data = centres[rng.integers(0, 50, rows)] + 0.6 * rng.standard_normal((rows, dim))
    unit: np.ndarray = (data / np.linalg.norm(data, axis=1, keepdims=True)).astype(np.float32)
    return unit


def _exact(data: np.ndarray, query: np.ndarray, k: int, mask: np.ndarray | None) -> list[int]:
    scores = data @ query
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    order = np.argsort(-scores, kind="stable")[:k]
    return [int(r) for r in order if np.isfinite(scores[r])]


def test_type_by_size_and_by_setting() -> None:
    config = VectorIndexConfig(exact_max_rows=1000)
    small = vector_index.choose(1000, config)
    large = vector_index.choose(1001, config)
    assert (small["type"], small["faiss"]) == ("flat", "IndexFlatIP")
    assert "1000 rows <= exact_max_rows 1000" in small["reason"]
    assert (large["type"], large["faiss"]) == ("hnsw", "IndexHNSWFlat")
    assert large["params"] == {"M": 32, "efConstruction": 80, "efSearch": 768}
    forced = vector_index.choose(10, VectorIndexConfig(type="hnsw", hnsw_m=8))
    assert forced["type"] == "hnsw" and forced["params"]["M"] == 8
    assert "forced" in forced["reason"]
    assert vector_index.choose(10**7, VectorIndexConfig(type="flat"))["type"] == "flat"


def test_written_index_reads_back_memory_mapped(tmp_path: Path) -> None:
    data = _clustered(3000)
    for kind, cls in (("flat", faiss.IndexFlatIP), ("hnsw", faiss.IndexHNSWFlat)):
        path = tmp_path / f"{kind}.faiss"
        entry = vector_index.write(path, data, VectorIndexConfig(type=kind, hnsw_ef_search=40))
        index: Any = vector_index.read(path, entry)
        assert isinstance(index, cls) and index.ntotal == 3000
        # the vectors come back whole (the composer reads them by row)
        assert np.allclose(index.reconstruct(17), data[17])
        if kind == "hnsw":
            assert index.hnsw.efSearch == 40  # type: ignore[union-attr]
        # a type the manifest does not name is refused, not searched
        wrong = {"type": "flat"} if kind == "hnsw" else {"type": "hnsw", "params": {}}
        with pytest.raises(SnapshotError, match="the manifest says"):
            vector_index.read(path, wrong)


def test_filtered_search_on_hnsw_returns_what_exact_returns(tmp_path: Path) -> None:
    data = _clustered(4000)
    # A deliberately weak graph (M=4, beam 8): unfiltered, it misses neighbours, so a
    # filter that trusted it would lose results.
    config = VectorIndexConfig(type="hnsw", hnsw_m=4, hnsw_ef_construction=8, hnsw_ef_search=8)
    path = tmp_path / "weak.faiss"
    index = vector_index.read(path, vector_index.write(path, data, config))
    rng = np.random.default_rng(5)
    queries = _clustered(20, seed=9)
    misses = sum(
        len(set(_exact(data, q, 10, None)) - set(vector_index.search(index, q, 10, None, 0)[1]))
        for q in queries
    )
    assert misses > 0, "the weak graph should miss some neighbours unfiltered"
    few = np.zeros(len(data), bool)
    few[rng.choice(len(data), 6, replace=False)] = True
    for mask, limit in (
        (rng.random(len(data)) < 0.005, 1000),
        (rng.random(len(data)) < 0.3, 2000),
        (few, 0),  # fewer allowed rows than asked: every one of them, in order
    ):
        for q in queries:
            _, found = vector_index.search(index, q, 10, mask, limit)
            got = [int(r) for r in found if r >= 0]
            assert all(mask[r] for r in got)
            want = _exact(data, q, 10, mask)
            # exact over the allowed rows (few enough, or HNSW came back short)
            assert got == want
    # Over more allowed rows than exact_max_rows, a sound graph searches with the filter
    # and a widened beam: full results, allowed rows only, as good as unfiltered.
    path = tmp_path / "sound.faiss"
    config = VectorIndexConfig(type="hnsw", hnsw_m=16, hnsw_ef_construction=40, hnsw_ef_search=32)
    index = vector_index.read(path, vector_index.write(path, data, config))
    mask = rng.random(len(data)) < 0.3
    filtered, unfiltered = [], []
    for q in queries:
        got = [int(r) for r in vector_index.search(index, q, 10, mask, 100)[1] if r >= 0]
        assert len(got) == 10 and all(mask[r] for r in got)
        filtered.append(len(set(got) & set(_exact(data, q, 10, mask))) / 10)
        plain = vector_index.search(index, q, 10, None, 100)[1]
        unfiltered.append(len(set(plain.tolist()) & set(_exact(data, q, 10, None))) / 10)
    assert float(np.mean(filtered)) >= min(0.9, float(np.mean(unfiltered)) - 0.05)
    # nothing allowed: nothing found
    assert len(vector_index.search(index, queries[0], 10, np.zeros(4000, bool), 0)[1]) == 0


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(SAMPLES, folder)
    return folder


def _build(tmp_path: Path, reports: Path, name: str, vectors: VectorIndexConfig) -> Snapshot:
    config = BuildConfig(sources=[reports], index_dir=tmp_path / name, vectors=vectors)
    config.embed.multilingual = "off"
    assert build_index(config, embedder=FakeEmbedder()).status == "built"
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    return Snapshot.open(path)


def test_build_writes_the_type_in_the_manifest_and_filters_hold(
    tmp_path: Path, reports: Path
) -> None:
    flat = _build(tmp_path, reports, "flat", VectorIndexConfig())
    hnsw = _build(tmp_path, reports, "hnsw", VectorIndexConfig(exact_max_rows=5, hnsw_ef_search=16))
    assert flat.manifest["vector_index"]["type"] == "flat"
    assert flat.manifest["faiss_index"] == "IndexFlatIP"
    entry = hnsw.manifest["vector_index"]
    assert entry["type"] == "hnsw" and hnsw.manifest["faiss_index"] == "IndexHNSWFlat"
    assert entry["rows"] == hnsw.chunk_count and "> exact_max_rows 5" in entry["reason"]
    assert isinstance(hnsw.vectors, faiss.IndexHNSWFlat)
    embedder = FakeEmbedder()
    document = sorted(flat.row_document.tolist())[0]
    for question in ("economic and social councils", "digital risks", "youth employment"):
        vector = embedder.embed_query(question)
        filters = Filters(document_ids=(document,))
        want = search(flat, vector, question, 5, filters, mode="dense")
        got = search(hnsw, vector, question, 5, filters, mode="dense")
        assert [p.chunk_id for p in got] == [p.chunk_id for p in want]
        assert all(p.document_id == document for p in got)


def test_changed_type_setting_writes_a_new_snapshot(tmp_path: Path, reports: Path) -> None:
    config = BuildConfig(sources=[reports], index_dir=tmp_path / "index")
    config.embed.multilingual = "off"
    first = build_index(config, embedder=FakeEmbedder())
    assert build_index(config, embedder=FakeEmbedder()).status == "unchanged"
    config.vectors.type = "hnsw"
    again = build_index(config, embedder=FakeEmbedder())
    assert again.status == "built" and again.snapshot_id != first.snapshot_id
    assert again.vectors_embedded == 0  # every vector reused from the cache
