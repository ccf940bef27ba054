"""The embedding stage: the fake, then both real backends against sentence-transformers."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.config import EmbedConfig
from index.embed import (
    MIN_COSINE,
    FakeEmbedder,
    ModelFiles,
    OnnxEmbedder,
    TorchEmbedder,
    load_embedder,
    min_cosine,
    onnx_file,
    physical_cores,
)
from index.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]

# Far past the 256-token window: everything after it must be ignored, the same way.
LONG = " ".join(
    f"In session {i}, the delegate of country {i} spoke on debt, climate and peace."
    for i in range(60)
)
TEXTS = [
    "What was said about digital risks?",
    "The President of the Economic and Social Council opened the meeting in Brussels.",
    "Le Conseil économique, social et environnemental a accueilli la délégation.",
    "Участники обсудили роль гражданского общества в устойчивом развитии.",
    "会议讨论了数字经济和就业问题。",
    "Photo: © AICESIS 2023 | Share on Facebook · Twitter · LinkedIn",
    "x",
    LONG[:900],
    LONG,
]


# --- FakeEmbedder: no model -------------------------------------------------------


def test_fake_shapes_dtype_and_unit_rows() -> None:
    fake = FakeEmbedder(dim=64)
    vectors = fake.embed([*TEXTS, ""])
    assert vectors.shape == (len(TEXTS) + 1, 64)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert fake.model_id == "fake-64" and fake.backend == "fake" and fake.dim == 64
    assert fake.embed_query("digital risks").shape == (64,)


def test_fake_is_deterministic_and_texts_sharing_words_are_closer() -> None:
    a, b = FakeEmbedder(), FakeEmbedder()
    np.testing.assert_array_equal(a.embed(TEXTS), b.embed(TEXTS))
    q, near, far = a.embed(["digital risks", "the risks of digital tools", "banana bread"])
    assert q @ near > q @ far


def test_fake_empty_input_and_single_string() -> None:
    fake = FakeEmbedder()
    empty = fake.embed([])
    assert empty.shape == (0, 384) and empty.dtype == np.float32
    assert fake.wordpiece_counts([]) == []
    with pytest.raises(TypeError, match="embed_query"):
        fake.embed("one text, not a list")


def test_fake_wordpiece_count_approximates() -> None:
    fake = FakeEmbedder()
    assert fake.wordpiece_count("") == 2
    assert fake.wordpiece_count("ten words " * 5) == 15
    assert fake.wordpiece_counts(["a b", "c"]) == [fake.wordpiece_count("a b"), 3]


def test_physical_cores_is_positive() -> None:
    assert physical_cores() >= 1


# --- the real model ---------------------------------------------------------------


@pytest.fixture(scope="module")
def torch_embedder(model_cache: Path) -> Any:
    return load_embedder(EmbedConfig(backend="torch"), model_cache)


@pytest.fixture(scope="module")
def onnx_embedder(model_cache: Path) -> Any:
    # fp32: these tests hold ONNX to torch's vectors (int8: tests/index/test_int8.py)
    return load_embedder(EmbedConfig(backend="onnx", precision="fp32"), model_cache)


@pytest.fixture(scope="module")
def st_model(torch_embedder: Any) -> Any:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(ModelFiles.locate().path), device="cpu")


def _onnx_file(model_cache: Path) -> Path:
    return onnx_file(ModelFiles.locate(), model_cache)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["torch_embedder", "onnx_embedder"])
def test_shapes_dtype_normalised(name: str, request: pytest.FixtureRequest) -> None:
    embedder = request.getfixturevalue(name)
    assert embedder.backend == name.split("_")[0]
    assert (embedder.dim, embedder.max_wordpiece) == (384, 256)
    vectors = embedder.embed(TEXTS)
    assert vectors.shape == (len(TEXTS), 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    query = embedder.embed_query(TEXTS[0])
    assert query.shape == (384,) and query.dtype == np.float32
    np.testing.assert_allclose(query, vectors[0], atol=1e-5)
    empty = embedder.embed([])
    assert empty.shape == (0, 384) and empty.dtype == np.float32
    with pytest.raises(TypeError):
        embedder.embed("a string, not a list")


@pytest.mark.slow
def test_torch_backend_is_sentence_transformers(torch_embedder: Any, st_model: Any) -> None:
    expected = st_model.encode(TEXTS, convert_to_numpy=True)
    np.testing.assert_allclose(torch_embedder.embed(TEXTS), expected, atol=1e-6)


@pytest.mark.slow
def test_onnx_matches_torch(onnx_embedder: Any, torch_embedder: Any) -> None:
    assert onnx_embedder.model_id == torch_embedder.model_id
    assert min_cosine(onnx_embedder.embed(TEXTS), torch_embedder.embed(TEXTS)) >= MIN_COSINE


@pytest.mark.slow
@pytest.mark.parametrize("name", ["torch_embedder", "onnx_embedder"])
def test_truncation_at_256_wordpieces(name: str, request: pytest.FixtureRequest) -> None:
    embedder = request.getfixturevalue(name)
    assert embedder.wordpiece_count(LONG) > 2 * embedder.max_wordpiece
    other_tail = LONG + " Bananas, volcanoes and quantum chromodynamics." * 20
    full, changed = embedder.embed([LONG, other_tail])
    assert float(full @ changed) > 0.999999


@pytest.mark.slow
def test_wordpiece_count_is_the_models_tokenizer(torch_embedder: Any, st_model: Any) -> None:
    texts = [*TEXTS, "", "  spaces  around  ", "Tab\tand\nnewline", LONG * 3]
    expected = [len(st_model.tokenizer(t)["input_ids"]) for t in texts]
    assert [torch_embedder.wordpiece_count(t) for t in texts] == expected
    assert torch_embedder.wordpiece_counts(texts) == expected
    assert expected[-1] > 512  # counted without truncation


@pytest.mark.slow
@pytest.mark.parametrize("name", ["torch_embedder", "onnx_embedder"])
def test_order_preserved_with_mixed_lengths(name: str, request: pytest.FixtureRequest) -> None:
    embedder = request.getfixturevalue(name)
    mixed = [LONG, "x", TEXTS[7], TEXTS[0], LONG[:300], TEXTS[4], "digital risks"]
    together = embedder.embed(mixed)
    alone = np.stack([embedder.embed([t])[0] for t in mixed])
    assert min_cosine(together, alone) > 0.99999


@pytest.mark.slow
def test_auto_uses_onnx_and_records_the_probe(real_embedder: Any, model_cache: Path) -> None:
    assert real_embedder.backend == "onnx"
    record = json.loads(_onnx_file(model_cache).with_suffix(".json").read_text())
    assert record["matches"] is True and record["min_cosine"] >= MIN_COSINE
    assert record["model_id"] == real_embedder.model_id == ModelFiles.locate().model_id


@pytest.mark.slow
def test_second_load_reuses_the_export(onnx_embedder: Any, model_cache: Path) -> None:
    onnx_path = _onnx_file(model_cache)
    before = (onnx_path.stat().st_mtime_ns, onnx_path.with_suffix(".json").read_text())
    again = load_embedder(EmbedConfig(backend="auto"), model_cache)
    assert isinstance(again, OnnxEmbedder)
    assert (onnx_path.stat().st_mtime_ns, onnx_path.with_suffix(".json").read_text()) == before
    assert [p.name for p in model_cache.iterdir() if p.name.startswith(".")] == []


@pytest.mark.slow
def test_a_later_load_does_not_import_torch(onnx_embedder: Any, model_cache: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from index.config import EmbedConfig; "
        "from index.embed import load_embedder; "
        f"e = load_embedder(EmbedConfig(), Path({str(model_cache)!r})); "
        "v = e.embed_query('digital risks'); "
        "print(e.backend, v.shape[0], 'torch' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["onnx", "384", "False"]


@pytest.mark.slow
def test_missing_record_is_probed_again_without_export(
    onnx_embedder: Any, model_cache: Path, tmp_path: Path
) -> None:
    source = _onnx_file(model_cache)
    copy = tmp_path / source.name
    shutil.copy2(source, copy)  # as if killed after the export, before the record
    mtime = copy.stat().st_mtime_ns
    embedder = load_embedder(EmbedConfig(backend="auto"), tmp_path)
    assert embedder.backend == "onnx"
    assert copy.stat().st_mtime_ns == mtime
    assert json.loads(copy.with_suffix(".json").read_text())["matches"] is True


@pytest.mark.slow
def test_export_failure(
    torch_embedder: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("")
    with pytest.raises(ConfigError, match="backend 'torch'"):
        load_embedder(EmbedConfig(backend="onnx"), not_a_dir)
    with caplog.at_level(logging.WARNING, logger="index.embed"):
        fallback = load_embedder(EmbedConfig(backend="auto"), not_a_dir)
    assert isinstance(fallback, TorchEmbedder)
    assert "embedding with torch" in caplog.text


@pytest.mark.slow
def test_a_mismatching_export_is_not_mixed_with_torch_vectors(
    onnx_embedder: Any, model_cache: Path, tmp_path: Path
) -> None:
    source = _onnx_file(model_cache)
    shutil.copy2(source, tmp_path / source.name)
    record = json.loads(source.with_suffix(".json").read_text())
    record.update(matches=False, min_cosine=0.99)  # as if the probe had failed
    (tmp_path / source.name).with_suffix(".json").write_text(json.dumps(record))
    auto = load_embedder(EmbedConfig(backend="auto"), tmp_path)
    assert isinstance(auto, TorchEmbedder)
    forced = load_embedder(EmbedConfig(backend="onnx"), tmp_path)
    assert isinstance(forced, OnnxEmbedder)
    assert forced.model_id == f"{auto.model_id}:onnx"
