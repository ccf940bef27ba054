"""What is in an index directory, and rolling ``current`` back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from index.errors import SnapshotError
from index.layout import IndexDir


def _summary(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return {
            "snapshot_id": manifest["snapshot_id"],
            "built_at": manifest.get("built_at"),
            "documents": manifest["counts"]["documents"],
            "chunks": manifest["counts"]["chunks"],
            "model": manifest["model"]["id"],
            "dim": manifest["model"]["dim"],
            "path": str(folder),
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SnapshotError(
            f"{folder}/manifest.json cannot be read ({exc!r}); remove that snapshot folder "
            "or rebuild with `assistant index build --full`"
        ) from exc


def index_status(index_dir: Path) -> dict[str, Any]:
    layout = IndexDir(index_dir)
    snapshots = [_summary(layout.snapshots / i) for i in layout.snapshot_ids()]
    current_id = layout.current_id()
    current = next((s for s in snapshots if s["snapshot_id"] == current_id), None)
    last_build = None
    if layout.report_file.is_file():
        last_build = json.loads(layout.report_file.read_text(encoding="utf-8"))
    return {
        "index_dir": str(index_dir),
        "current": current,
        "snapshots": list(reversed(snapshots)),
        "last_build": last_build,
    }


def rollback(index_dir: Path) -> tuple[str | None, str]:
    """Switch ``current`` to the snapshot before it; returns (before, after)."""
    layout = IndexDir(index_dir)
    before = layout.current_id()
    previous = layout.previous_id()
    if previous is None:
        raise SnapshotError(
            f"no snapshot older than {before or 'nothing'} in {layout.snapshots}; "
            "nothing to roll back to"
        )
    with layout.build_lock():
        layout.switch(previous)
    return before, previous
