"""Vectors already computed, keyed by (model id, hash of the embedded text).

A SQLite file beside the snapshots. Each batch is committed as it is embedded, so
a build killed while embedding loses at most one batch and the next build resumes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

_BATCH = 500  # SQLite's default limit on bound parameters is 999 (older builds)


class VectorCache:
    def __init__(self, path: Path, model_id: str, dim: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, hash TEXT NOT NULL,"
            " vector BLOB NOT NULL, PRIMARY KEY (model, hash)) WITHOUT ROWID"
        )
        self._db.commit()
        self.model_id = model_id
        self.dim = dim

    def get_many(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(hashes))
        for i in range(0, len(unique), _BATCH):
            part = unique[i : i + _BATCH]
            marks = ",".join("?" * len(part))
            for h, blob in self._db.execute(
                f"SELECT hash, vector FROM vectors WHERE model = ? AND hash IN ({marks})",
                [self.model_id, *part],
            ):
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape == (self.dim,):
                    found[h] = vector
        return found

    def put_many(self, hashes: Sequence[str], vectors: np.ndarray) -> None:
        rows = (
            (self.model_id, h, np.ascontiguousarray(v, dtype=np.float32).tobytes())
            for h, v in zip(hashes, vectors, strict=True)
        )
        self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?,?,?)", rows)
        self._db.commit()

    def keep_only(self, hashes: Iterable[str]) -> int:
        """Drop every vector of this model not in ``hashes``; returns how many went."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (hash TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM keep")
        self._db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((h,) for h in hashes))
        cursor = self._db.execute(
            "DELETE FROM vectors WHERE model = ? AND hash NOT IN (SELECT hash FROM keep)",
            (self.model_id,),
        )
        self._db.commit()
        return cursor.rowcount

    def clear(self) -> None:
        self._db.execute("DELETE FROM vectors WHERE model = ?", (self.model_id,))
        self._db.commit()

    def close(self) -> None:
        self._db.close()
