"""The index directory: snapshots, the ``current`` pointer, the build lock.

::

    INDEX_DIR/
      current -> snapshots/<id>     symlink, replaced atomically (rename)
      snapshots/<id>/               immutable snapshots, ids sort by build time
      snapshots/.building-<id>/     a build in progress (debris if the build died)
      cache/vectors.sqlite          vectors by (model, text hash)
      models/                       exported ONNX model
      build.lock                    held (flock) by the running build
      last_build.json               the report of the last build
      history                       ids that became current, oldest first
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.errors import BuildLockedError, SnapshotError

BUILDING_PREFIX = ".building-"


class IndexDir:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.snapshots = self.root / "snapshots"
        self.current_link = self.root / "current"
        self.cache = self.root / "cache" / "vectors.sqlite"
        self.models = self.root / "models"
        self.lock_file = self.root / "build.lock"
        self.report_file = self.root / "last_build.json"
        self.history_file = self.root / "history"

    def current_id(self) -> str | None:
        try:
            target = os.readlink(self.current_link)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SnapshotError(f"{self.current_link} is not a snapshot link ({exc})") from exc
        return Path(target).name

    def current_path(self) -> Path | None:
        snapshot_id = self.current_id()
        return self.snapshots / snapshot_id if snapshot_id else None

    def snapshot_ids(self) -> list[str]:
        """Complete snapshots, oldest first."""
        if not self.snapshots.is_dir():
            return []
        return sorted(
            p.name
            for p in self.snapshots.iterdir()
            if p.is_dir() and not p.name.startswith(".") and (p / "manifest.json").is_file()
        )

    def building_path(self, snapshot_id: str) -> Path:
        return self.snapshots / f"{BUILDING_PREFIX}{snapshot_id}"

    def switch(self, snapshot_id: str) -> None:
        """Point ``current`` at ``snapshot_id`` atomically: readers see old or new.

        The id is first appended to ``history`` (the snapshots that were ever
        current, in order), which is what rollback walks back through.
        """
        if not (self.snapshots / snapshot_id / "manifest.json").is_file():
            raise SnapshotError(f"snapshot {snapshot_id} does not exist in {self.snapshots}")
        with self.history_file.open("a", encoding="utf-8") as f:
            f.write(snapshot_id + "\n")
            f.flush()
            os.fsync(f.fileno())
        tmp = self.root / f".current-{os.getpid()}"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(Path("snapshots") / snapshot_id)
        os.replace(tmp, self.current_link)
        _fsync_dir(self.root)

    def history(self) -> list[str]:
        try:
            lines = self.history_file.read_text(encoding="utf-8").split()
        except FileNotFoundError:
            return []
        return [line for line in lines if line]

    def previous_id(self) -> str | None:
        """The newest older snapshot that was once current and still exists.

        Walks ``history`` back, so a snapshot that was built but never switched to
        (a build killed just before its switch) is never a rollback target.
        """
        existing = set(self.snapshot_ids())
        current = self.current_id()
        history = self.history()
        if current in history:
            before = history[: len(history) - 1 - history[::-1].index(current)]
            for snapshot_id in reversed(before):
                # Older builds only: a second rollback goes further back, not
                # forth to the snapshot the first rollback left.
                if current is not None and snapshot_id < current and snapshot_id in existing:
                    return snapshot_id
            return None
        older = [i for i in sorted(existing) if current is None or i < current]
        return older[-1] if older else None

    def prune(self, keep: int) -> list[str]:
        """Keep ``keep`` snapshots: ``current``, then the one a rollback goes to (after
        ``index rollback`` and a build, the snapshot rolled back to, however old), then
        the newest others; delete the rest. Never deletes ``current``."""
        ids = self.snapshot_ids()
        current = self.current_id()
        first = [i for i in (current, self.previous_id()) if i is not None]
        ranked = first + [i for i in reversed(ids) if i not in first]
        kept = set(ranked[: max(keep, 1)]) | {current}
        doomed = [i for i in ids if i not in kept]
        for snapshot_id in doomed:
            shutil.rmtree(self.snapshots / snapshot_id, ignore_errors=True)
        return doomed

    def remove_debris(self) -> list[str]:
        """Remove what a killed build left: half-written snapshots, temp links, and
        complete snapshots that were never switched to (killed just before it)."""
        removed = []
        if self.snapshots.is_dir():
            for p in self.snapshots.iterdir():
                if p.name.startswith(BUILDING_PREFIX):
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p.name)
        history = set(self.history())
        current = self.current_id()
        if history:
            for snapshot_id in self.snapshot_ids():
                if snapshot_id not in history and snapshot_id != current:
                    shutil.rmtree(self.snapshots / snapshot_id, ignore_errors=True)
                    removed.append(snapshot_id)
        if self.root.is_dir():
            for p in self.root.glob(".current-*"):
                p.unlink(missing_ok=True)
                removed.append(p.name)
        return removed

    @contextmanager
    def build_lock(self) -> Iterator[str | None]:
        """Hold the build lock; yields a note if a dead build's lock was cleared.

        ``flock`` is released by the kernel when its holder dies, so a lock file
        left by a killed build is stale by construction: we detect it (the file
        names a pid that no longer runs) and say so.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                raise BuildLockedError(
                    f"another build is running on {self.root} ({holder}); wait for it to "
                    "finish, or stop it, then run this command again"
                ) from None
            previous = _read_holder(fd)
            note = None
            if previous:
                note = f"cleared the stale lock of a build that did not finish ({previous})"
            os.ftruncate(fd, 0)
            os.pwrite(
                fd,
                json.dumps({"pid": os.getpid(), "started": time.time()}).encode(),
                0,
            )
            try:
                yield note
            finally:
                os.ftruncate(fd, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _read_holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode() or "{}")
    except ValueError:
        return ""
    if not info:
        return ""
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(info.get("started", 0)))
    return f"pid {info.get('pid')}, started {started}"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
