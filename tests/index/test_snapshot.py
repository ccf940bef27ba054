"""A snapshot folder: symmetric write/open, checksums, counts, reads and dense search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from index.build import build_index
from index.config import BuildConfig
from index.embed import FakeEmbedder
from index.errors import SnapshotError
from index.layout import IndexDir
from index.snapshot import Snapshot
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("snapshot")
    config = BuildConfig(sources=[SAMPLES], index_dir=root / "index")
    build_index(config, embedder=FakeEmbedder())
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    return path


def copy(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def test_open_reads_what_the_build_wrote(folder: Path) -> None:
    snap = Snapshot.open(folder)
    assert snap.id == folder.name == snap.manifest["snapshot_id"]
    docs = list(snap.documents())
    assert len(docs) == snap.document_count == 18
    rows = 0
    for doc in docs:
        assert snap.document(doc.id) == doc
        for stored in snap.chunks_of(doc.id):
            assert doc.text[stored.chunk.start : stored.chunk.end] == stored.chunk.text
            rows += 1
    assert rows == snap.chunk_count == snap.vectors.ntotal
    assert snap.document("no/such.txt") is None
    assert set(snap.document_hashes()) == {d.id for d in docs}


def test_dense_search_and_masks(folder: Path) -> None:
    snap = Snapshot.open(folder)
    vector = snap.vectors_of([0])[0]
    hits = snap.search_dense(vector, 3)
    assert hits[0][0] == 0 and hits[0][1] == pytest.approx(1.0, abs=1e-5)
    allowed = np.zeros(snap.chunk_count, dtype=bool)
    allowed[[2, 5]] = True
    assert {row for row, _ in snap.search_dense(vector, 10, allowed)} == {2, 5}
    assert snap.search_dense(vector, 10, np.zeros(snap.chunk_count, dtype=bool)) == []
    assert snap.vectors_of([]).shape == (0, snap.vectors.d)


def test_a_changed_file_fails_its_checksum(folder: Path, tmp_path: Path) -> None:
    broken = copy(folder, tmp_path)
    store = next(p for p in broken.iterdir() if p.suffix == ".sqlite")
    with store.open("ab") as f:
        f.write(b"\0")
    with pytest.raises(SnapshotError, match="checksum"):
        Snapshot.open(broken)
    Snapshot.open(broken, verify=False)  # the build's quick look skips checksums


def test_missing_manifest_or_wrong_format(folder: Path, tmp_path: Path) -> None:
    broken = copy(folder, tmp_path)
    manifest = json.loads((broken / "manifest.json").read_text())
    manifest["format_version"] = -1
    (broken / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SnapshotError, match="rebuild the index with --full"):
        Snapshot.open(broken)
    (broken / "manifest.json").unlink()
    with pytest.raises(SnapshotError, match="incomplete"):
        Snapshot.open(broken)


def test_the_layer_keeps_each_turn_and_an_older_layer_reads_without(
    folder: Path, tmp_path: Path
) -> None:
    import sqlite3

    from index.sentence_layer import sentence_records

    snap = Snapshot.open(folder)
    interview = snap.document("2025/interview-amara-diallo.txt")
    assert interview is not None
    stored = [s.record for s in snap.sentences_of(interview.id)]
    assert stored == sentence_records(interview)  # turns and replies as derived
    replies = [r for r in stored if r.replies_to is not None]
    assert replies and all(r.layout == "qa" and r.turn is not None for r in replies)
    # a snapshot written before the layer stored turns still opens, with none
    older = copy(folder, tmp_path)
    db = sqlite3.connect(older / "store.sqlite")
    for column in ("layout", "turn", "replies_to"):
        db.execute(f"ALTER TABLE sentences DROP COLUMN {column}")
    db.commit()
    db.close()
    read = [s.record for s in Snapshot.open(older, verify=False).sentences_of(interview.id)]
    assert [(r.start, r.speaker) for r in read] == [(r.start, r.speaker) for r in stored]
    assert all(r.turn is None and r.replies_to is None and r.layout is None for r in read)
