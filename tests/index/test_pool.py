"""Statement vectors pooled from the chunk pass (index/pool.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.build import build_index
from index.config import BuildConfig, EmbedConfig
from index.embed import FakeEmbedder, TokenStates
from index.layout import IndexDir
from index.models import Chunk
from index.pool import Pooling, choose, document_spans, plan_document, pooled_batches
from index.sentence_layer import SentenceRecord
from index.snapshot import Snapshot
from tests.conftest import SAMPLES


def _config(tmp_path: Path, mode: str, name: str = "index") -> BuildConfig:
    embed = EmbedConfig(sentence_vectors=mode, multilingual="off")  # type: ignore[arg-type]
    return BuildConfig(sources=[SAMPLES], index_dir=tmp_path / name, embed=embed)


def _open(config: BuildConfig) -> Snapshot:
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    return Snapshot.open(path)


# --- the span → token mapping and the choice of chunk, on hand-made offsets ----------


def test_tokens_map_to_document_offsets_past_the_title_line() -> None:
    # pass text "T\nab cd" = title line (2 characters) + a chunk starting at offset 10
    offsets = [(0, 0), (0, 1), (2, 4), (5, 7), (0, 0)]  # [CLS] T ab cd [SEP]
    spans = document_spans(offsets, prefix=2, chunk_start=10)
    assert spans.tolist() == [[-1, -1], [-1, -1], [10, 12], [13, 15], [-1, -1]]


def _spans(*starts: int) -> np.ndarray:
    """A chunk's tokens, each a word of 4 characters starting at ``starts``."""
    return np.array([[-1, -1]] + [[s, s + 4] for s in starts] + [[-1, -1]])


def test_a_statement_across_a_boundary_takes_the_chunk_holding_most_of_it() -> None:
    # statement [100, 130): 6 words at 100, 105, ... 125
    first = _spans(80, 85, 90, 95, 100, 105)  # holds 2 of its words
    second = _spans(110, 115, 120, 125, 130)  # holds 4
    assert choose(100, 130, [first, second], visible=24) == (1, (1, 2, 3, 4))


def test_a_statement_held_whole_by_two_chunks_takes_the_earlier() -> None:
    first = _spans(90, 95, 100, 105)
    second = _spans(100, 105, 110)
    assert choose(100, 109, [first, second], visible=8) == (0, (3, 4))


def test_a_statement_a_truncated_window_holds_less_than_half_of_is_not_pooled() -> None:
    cut = _spans(90, 95, 100)  # the window ends after the statement's first word
    assert choose(100, 130, [cut], visible=24) is None
    assert choose(100, 130, [], visible=24) is None


def test_the_attribution_words_are_left_out_unless_nothing_else_is_there() -> None:
    chunk = _spans(100, 105, 110, 115)
    assert choose(100, 119, [chunk], visible=16, skip=(100, 109)) == (0, (3, 4))
    assert choose(100, 109, [chunk], visible=8, skip=(100, 109)) == (0, (1, 2))


def _record(start: int, end: int, statement: bool = True) -> SentenceRecord:
    return SentenceRecord("d", 0, start, end, 0, None, None, statement, None, None, "")


def test_a_document_s_plan_names_the_chunk_and_skips_non_statements() -> None:
    text = "one two three. four five six."
    chunks = [Chunk("d", 0, 0, 14, text[:14], 3), Chunk("d", 1, 15, 29, text[15:], 3)]
    embedder = FakeEmbedder()
    offsets = embedder.token_offsets(["T\n" + c.text for c in chunks])
    records = [_record(0, 14), _record(15, 29, statement=False), _record(15, 29)]
    plan = plan_document(text, chunks, ["h0", "h1"], 2, offsets, records)
    assert plan == [Pooling("h0", (1, 2, 3)), Pooling("h1", (1, 2, 3))]
    assert plan[0] is not None and plan[0].key != Pooling("h0", (1, 2)).key


def test_one_pass_gives_the_chunk_and_its_statements_and_the_rest_is_embedded_alone() -> None:
    passes: list[list[str]] = []
    states = [TokenStates(np.eye(4, dtype=np.float32)[:3] * 2, [(0, 1), (2, 3), (4, 5)])]

    def token_states(texts: Any) -> list[TokenStates]:
        passes.append(list(texts))
        return states

    a = Pooling("chunk", (0,))
    b = Pooling("chunk", (1, 2))
    batches = pooled_batches(
        token_states, FakeEmbedder(4).embed, {"chunk": "x y z"}, [a, b], size=8
    )
    out = dict(
        pair
        for keys, vectors in batches([(b.key, ""), ("chunk", "x y z"), ("h", "alone")])
        for pair in zip(keys, vectors, strict=True)
    )
    assert passes == [["x y z"]]  # one pass for the chunk and its statements
    assert set(out) == {"chunk", b.key, "h"}  # only what was asked for
    np.testing.assert_allclose(out["chunk"], np.array([1, 1, 1, 0]) / np.sqrt(3), rtol=1e-6)
    np.testing.assert_allclose(out[b.key], np.array([0, 1, 1, 0]) / np.sqrt(2), rtol=1e-6)


# --- the build, with the fake model (fast) --------------------------------------------


def test_a_pooled_build_records_the_setting_and_a_changed_one_rebuilds(tmp_path: Path) -> None:
    embedder = FakeEmbedder()
    alone = build_index(_config(tmp_path, "alone"), embedder=embedder)
    assert alone.statements_pooled == 0
    config = _config(tmp_path, "pooled")
    pooled = build_index(config, embedder=embedder)
    assert pooled.status == "built" and pooled.changed  # a changed setting rebuilds
    assert pooled.statements_pooled + pooled.statements_alone_fallback == pooled.statements
    assert pooled.statements_pooled > 0.9 * pooled.statements
    # chunk vectors come from the cache; only the pooled vectors are new
    assert pooled.vectors_reused >= pooled.chunks
    assert 0 < pooled.vectors_embedded <= pooled.statements_pooled
    snapshot = _open(config)
    assert snapshot.manifest["sentence_layer"]["vectors"].startswith("pooled")
    snapshot.close()
    assert build_index(config, embedder=embedder).status == "unchanged"
    back = build_index(_config(tmp_path, "alone"), embedder=embedder)
    assert back.status == "built" and back.vectors_embedded > 0  # alone keys: not pooled ones


def test_the_ray_executor_refuses_pooled_vectors(tmp_path: Path) -> None:
    from index.errors import BuildError

    config = _config(tmp_path, "pooled").model_copy(update={"executor": "ray"})
    with pytest.raises(BuildError, match="SENTENCE_VECTORS=alone"):
        build_index(config, embedder=FakeEmbedder())


# --- the real model ---------------------------------------------------------------


@pytest.mark.slow
def test_pooled_vectors_of_the_real_model_sit_near_their_statements(
    tmp_path: Path, real_embedder: Any
) -> None:
    config = _config(tmp_path, "pooled", "pooled")
    report = build_index(config, embedder=real_embedder)
    assert report.statements_pooled == report.statements  # the samples fit their windows
    build_index(_config(tmp_path, "alone", "alone"), embedder=real_embedder)
    pooled, alone = _open(config), _open(_config(tmp_path, "alone", "alone"))
    assert pooled.manifest["sentence_layer"]["vectors"].startswith("pooled")
    p, a = pooled.sentence_vectors, alone.sentence_vectors
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-5)
    # The chunk pass gives the chunks the vectors the alone build embeds.
    n = pooled.chunk_count
    cosines = np.sum(pooled.vectors.reconstruct_n(0, n) * alone.vectors.reconstruct_n(0, n), 1)
    assert cosines.min() > 0.999
    # A statement read in its chunk is still nearest its own words: 82 % of the 278
    # statements of the samples are nearest their own alone vector (2026-12-06), and
    # 92 % have it among the three nearest; shuffled rows give ~0.
    sims = p @ a.T
    own = np.diag(sims)
    assert (sims.argmax(axis=1) == np.arange(len(a))).mean() > 0.75
    assert ((sims > own[:, None]).sum(axis=1) < 3).mean() > 0.85
    pooled.close()
    alone.close()
