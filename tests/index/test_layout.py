"""The index folder: the atomic `current` link, history, rollback target, pruning,
debris of killed builds and the build lock."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index.errors import BuildLockedError, SnapshotError
from index.layout import IndexDir


def snapshot(layout: IndexDir, snapshot_id: str) -> None:
    folder = layout.snapshots / snapshot_id
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"snapshot_id": snapshot_id}))


def test_switch_points_current_and_records_history(tmp_path: Path) -> None:
    layout = IndexDir(tmp_path)
    assert layout.current_id() is None and layout.snapshot_ids() == []
    for i in ("a1", "a2"):
        snapshot(layout, i)
        layout.switch(i)
    assert layout.current_id() == "a2"
    assert os.readlink(layout.current_link) == "snapshots/a2"  # relative: the folder moves
    assert layout.history() == ["a1", "a2"]
    assert layout.previous_id() == "a1"
    with pytest.raises(SnapshotError, match="does not exist"):
        layout.switch("nope")


def test_previous_skips_snapshots_never_switched_to(tmp_path: Path) -> None:
    layout = IndexDir(tmp_path)
    for i in ("a1", "a2", "a3"):
        snapshot(layout, i)
    layout.switch("a1")
    layout.switch("a3")  # a2 was built but never current (killed before its switch)
    assert layout.previous_id() == "a1"
    layout.switch("a1")  # a rollback
    assert layout.previous_id() is None  # nothing older than a1 was ever current


def test_prune_keeps_current_and_the_newest(tmp_path: Path) -> None:
    layout = IndexDir(tmp_path)
    for i in ("a1", "a2", "a3", "a4"):
        snapshot(layout, i)
    layout.switch("a1")
    assert layout.prune(2) == ["a2", "a3"]
    assert layout.snapshot_ids() == ["a1", "a4"]
    assert layout.prune(1) == ["a4"] and layout.snapshot_ids() == ["a1"]


def test_prune_after_a_rollback_keeps_the_snapshot_rolled_back_to(tmp_path: Path) -> None:
    layout = IndexDir(tmp_path)
    for i in ("a1", "a2", "a3"):
        snapshot(layout, i)
        layout.switch(i)
    layout.switch("a2")  # `index rollback`, twice
    layout.switch("a1")
    snapshot(layout, "a4")  # the next build
    layout.switch("a4")
    assert layout.previous_id() == "a1"
    assert layout.prune(3) == ["a2"]  # of the two rolled away from, the older goes
    assert layout.snapshot_ids() == ["a1", "a3", "a4"]
    assert layout.prune(2) == ["a3"]
    assert layout.snapshot_ids() == ["a1", "a4"] and layout.previous_id() == "a1"


def test_remove_debris(tmp_path: Path) -> None:
    layout = IndexDir(tmp_path)
    snapshot(layout, "a1")
    layout.switch("a1")
    snapshot(layout, "a2")  # complete, never switched to
    layout.building_path("a3").mkdir()
    (tmp_path / ".current-123").symlink_to("snapshots/a2")
    removed = layout.remove_debris()
    assert set(removed) == {"a2", layout.building_path("a3").name, ".current-123"}
    assert layout.snapshot_ids() == ["a1"] and layout.current_id() == "a1"


def test_build_lock_is_exclusive_and_notes_a_stale_holder(tmp_path: Path) -> None:
    layout = IndexDir(tmp_path / "index")
    with layout.build_lock() as note:
        assert note is None
        second = IndexDir(tmp_path / "index")
        with pytest.raises(BuildLockedError, match="another build is running"), second.build_lock():
            pass
    # A holder that died without cleaning up: flock is free, the file still names it.
    layout.lock_file.write_text(json.dumps({"pid": 999999, "started": 0}))
    with layout.build_lock() as note:
        assert note and "stale lock" in note and "999999" in note
    assert layout.lock_file.read_text() == ""
