"""int8 MiniLM: the guard's pass and fail paths, the settings, the manifest (real model,
real quantization; the failing model is a real badly quantized one, every op int8)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from index import quantize
from index.build import build_index
from index.config import BuildConfig, EmbedConfig
from index.embed import ModelFiles, OnnxEmbedder, int8_file, load_embedder, onnx_file
from index.layout import IndexDir
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def fp32(model_cache: Path) -> OnnxEmbedder:
    embedder = load_embedder(EmbedConfig(backend="onnx", precision="fp32"), model_cache)
    assert isinstance(embedder, OnnxEmbedder)
    return embedder


def _cache_with(tmp_path: Path, model_cache: Path, int8_maker: str) -> Path:
    """A model folder holding the fp32 export (and its record) and an int8 model made
    with MatMul-only per-channel quantization ("good") or onnxruntime's default over
    every op ("bad")."""
    files = ModelFiles.locate()
    cache = tmp_path / "models"
    cache.mkdir()
    source = onnx_file(files, model_cache)
    for path in (source, source.with_suffix(".json")):
        shutil.copy(path, cache / path.name)
    if int8_maker == "bad":
        from onnxruntime.quantization import quantize_dynamic

        quantize_dynamic(str(source), str(int8_file(files, cache)))
    return cache


def test_guard_passes_for_matmul_int8_and_is_kept_per_machine(
    model_cache: Path, fp32: OnnxEmbedder
) -> None:
    embedder = load_embedder(EmbedConfig(backend="onnx", precision="auto"), model_cache)
    record = embedder.precision_record  # type: ignore[attr-defined]
    guard = record["guard"]
    assert 0.9 < guard["min_cosine"] <= 1.0 and 0.0 < guard["ndcg10"] <= 1.0
    assert guard["passes"] == (
        guard["min_cosine"] >= quantize.MIN_COSINE and guard["ndcg10"] >= quantize.MIN_NDCG
    )
    assert record["precision"] == ("int8" if guard["passes"] else "fp32")
    assert guard["machine"] == quantize.machine_key()
    files = ModelFiles.locate()
    kept = int8_file(files, model_cache).with_name(
        f"{int8_file(files, model_cache).stem}.guard-{quantize.machine_key()}.json"
    )
    assert json.loads(kept.read_text())["min_cosine"] == guard["min_cosine"]
    # int8 keeps the model id: a server embedding questions in fp32 reads its snapshot
    assert embedder.model_id == fp32.model_id
    vectors = embedder.embed(list(quantize.PROBE_PASSAGES))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_guard_fails_for_every_op_int8_and_fp32_is_used(
    tmp_path: Path, model_cache: Path, fp32: OnnxEmbedder
) -> None:
    cache = _cache_with(tmp_path, model_cache, "bad")
    embedder = load_embedder(EmbedConfig(backend="onnx", precision="auto"), cache)
    record = embedder.precision_record  # type: ignore[attr-defined]
    assert record["precision"] == "fp32"
    assert record["guard"]["passes"] is False
    assert record["guard"]["min_cosine"] < quantize.MIN_COSINE
    assert "int8 guard failed" in record["reason"]
    # the fp32 vectors, not the bad int8 ones
    texts = list(quantize.PROBE_QUERIES)
    assert np.allclose(embedder.embed(texts), fp32.embed(texts), atol=1e-5)
    # forced, int8 is used and the manifest record says the guard did not pass
    forced = load_embedder(EmbedConfig(backend="onnx", precision="int8"), cache)
    assert forced.precision_record["precision"] == "int8"  # type: ignore[attr-defined]
    assert "did NOT pass" in forced.precision_record["reason"]  # type: ignore[attr-defined]
    # fp32 (the default): no int8 at all
    plain = load_embedder(EmbedConfig(backend="onnx"), cache)
    assert plain.precision_record == {  # type: ignore[attr-defined]
        "precision": "fp32",
        "reason": "set: index.embed.precision=fp32",
    }


def test_manifest_records_precision_and_int8_vectors_are_cached_apart(
    tmp_path: Path, model_cache: Path, fp32: OnnxEmbedder
) -> None:
    int8 = load_embedder(EmbedConfig(backend="onnx", precision="int8"), model_cache)
    reports = tmp_path / "reports"
    shutil.copytree(SAMPLES, reports)
    config = BuildConfig(sources=[reports], index_dir=tmp_path / "index")
    config.embed.multilingual = "off"
    first = build_index(config, embedder=fp32)
    second = build_index(config, embedder=int8)
    assert first.status == second.status == "built"
    # the int8 build embedded again: fp32's cached vectors are not int8's
    assert second.vectors_embedded == first.vectors_embedded > 0
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    manifest = json.loads((path / "manifest.json").read_text())
    minilm = manifest["embed_precision"]["minilm"]
    assert minilm["precision"] == "int8" and manifest["model"]["precision"] == "int8"
    assert {"min_cosine", "ndcg10", "min_cosine_bar", "ndcg10_bar", "passes"} <= set(
        minilm["guard"]
    )
    assert manifest["embed_precision"]["multilingual"] is None
    assert manifest["model"]["id"] == fp32.model_id
