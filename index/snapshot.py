"""The index snapshot: the contract between build and serve.

A snapshot is an immutable folder::

    manifest.json     model, dimension, tokenizer, chunk parameters, counts, checksums
    vectors.faiss     FAISS inner-product index; row i = chunk row i
    store.sqlite      documents and chunks (row = vector position)
    lexical/          BM25 arrays (bm25s), same rows

``write_snapshot`` fills a fresh folder; ``Snapshot.open`` reads one back and
checks every file against the manifest's checksums before it is trusted.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index import lexical
from index.errors import SnapshotError
from index.models import Chunk, Document, PageSpan
from index.naming import ReportNames, name_text

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
STORE = "store.sqlite"
LEXICAL = "lexical"

_SCHEMA = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, url TEXT,
    date TEXT, language TEXT, content_hash TEXT NOT NULL, text TEXT NOT NULL,
    pages TEXT NOT NULL, metadata TEXT NOT NULL
);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL
    REFERENCES documents(id), ordinal INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, token_count INTEGER NOT NULL,
    page_start INTEGER, page_end INTEGER, embed_hash TEXT NOT NULL
);
CREATE INDEX chunks_document ON chunks(document_id, ordinal);
"""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _snapshot_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            yield path


@dataclass(frozen=True)
class StoredChunk:
    """A chunk row as stored, with the hash of the text that was embedded."""

    row: int
    chunk: Chunk
    embed_hash: str


def write_snapshot(
    folder: Path,
    documents: Sequence[Document],
    chunks: Sequence[tuple[Chunk, str]],
    vectors: np.ndarray,
    lexical_texts: Sequence[str],
    manifest: dict[str, Any],
) -> dict[str, Any]:
    """Write a complete snapshot into the new, empty ``folder``; returns the manifest.

    ``chunks`` pairs each chunk with the hash of its embedded text; row i of
    ``vectors`` and of ``lexical_texts`` belong to chunk i.
    """
    if len(chunks) != len(vectors) or len(chunks) != len(lexical_texts):
        raise SnapshotError(
            f"{len(chunks)} chunks but {len(vectors)} vectors and {len(lexical_texts)} "
            "lexical rows; they must be equal"
        )
    folder.mkdir(parents=True)
    dim = int(manifest["model"]["dim"])
    index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(folder / VECTORS))
    _write_store(folder / STORE, documents, chunks)
    if lexical_texts:
        lexical.build(lexical_texts, folder / LEXICAL)
    else:
        (folder / LEXICAL).mkdir()
    manifest = {
        **manifest,
        "format_version": FORMAT_VERSION,
        "counts": {"documents": len(documents), "chunks": len(chunks)},
        "faiss_index": "IndexFlatIP",
        "files": {str(p.relative_to(folder)): file_sha256(p) for p in _snapshot_files(folder)},
    }
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    tmp.rename(folder / MANIFEST)
    return manifest


def _write_store(
    path: Path, documents: Sequence[Document], chunks: Sequence[tuple[Chunk, str]]
) -> None:
    db = sqlite3.connect(path)
    try:
        db.executescript(_SCHEMA)
        db.executemany(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    d.id,
                    d.title,
                    d.source,
                    d.url,
                    d.date,
                    d.language,
                    d.content_hash,
                    d.text,
                    json.dumps([[p.number, p.start, p.end] for p in d.pages]),
                    json.dumps(dict(d.metadata), ensure_ascii=False, default=str),
                )
                for d in documents
            ),
        )
        db.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    row,
                    c.id,
                    c.document_id,
                    c.ordinal,
                    c.start,
                    c.end,
                    c.text,
                    c.token_count,
                    c.page_start,
                    c.page_end,
                    embed_hash,
                )
                for row, (c, embed_hash) in enumerate(chunks)
            ),
        )
        db.commit()
    finally:
        db.close()


def _document(row: sqlite3.Row | tuple[Any, ...]) -> Document:
    pages = tuple(PageSpan(*p) for p in json.loads(row[8]))
    return Document(
        id=row[0],
        title=row[1],
        source=row[2],
        url=row[3],
        date=row[4],
        language=row[5],
        text=row[7],
        pages=pages,
        metadata=json.loads(row[9]),
    )


def _chunk(row: tuple[Any, ...]) -> StoredChunk:
    return StoredChunk(
        row=row[0],
        chunk=Chunk(
            document_id=row[2],
            ordinal=row[3],
            start=row[4],
            end=row[5],
            text=row[6],
            token_count=row[7],
            page_start=row[8],
            page_end=row[9],
        ),
        embed_hash=row[10],
    )


_CHUNK_COLUMNS = (
    'row, id, document_id, ordinal, start, "end", text, token_count, page_start, page_end,'
    " embed_hash"
)


class Snapshot:
    """A read-only, verified snapshot. Queries are thread-safe."""

    def __init__(self, folder: Path, manifest: dict[str, Any], vectors: Any) -> None:
        self.folder = folder
        self.manifest = manifest
        self.id: str = manifest["snapshot_id"]
        self.vectors = vectors
        self.chunk_count = int(manifest["counts"]["chunks"])
        self.document_count = int(manifest["counts"]["documents"])
        self.lexical = (
            lexical.LexicalIndex(folder / LEXICAL, self.chunk_count) if (self.chunk_count) else None
        )
        self._local = threading.local()
        # Per-row metadata kept in memory for filtering without touching SQLite.
        db = self._db()
        rows = db.execute(
            "SELECT c.row, c.document_id, d.date, d.source, d.language FROM chunks c "
            "JOIN documents d ON d.id = c.document_id ORDER BY c.row"
        ).fetchall()
        self.row_document = np.array([r[1] for r in rows], dtype=object)
        self.row_date = np.array([r[2] or "" for r in rows], dtype=object)
        self.row_source = np.array([r[3] for r in rows], dtype=object)
        self.row_language = np.array([r[4] or "" for r in rows], dtype=object)

    @classmethod
    def open(cls, folder: Path, *, verify: bool = True) -> Snapshot:
        """Open ``folder``; with ``verify`` every file must match its checksum."""
        folder = Path(folder)
        manifest_path = folder / MANIFEST
        if not manifest_path.is_file():
            raise SnapshotError(f"{folder}: no {MANIFEST}; the snapshot is incomplete")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SnapshotError(f"{manifest_path}: unreadable manifest ({exc})") from exc
        if manifest.get("format_version") != FORMAT_VERSION:
            raise SnapshotError(
                f"{folder}: format_version {manifest.get('format_version')!r}, this "
                f"version reads {FORMAT_VERSION}; rebuild the index with --full"
            )
        files: dict[str, str] = manifest.get("files", {})
        for name in (VECTORS, STORE):
            if name not in files or not (folder / name).is_file():
                raise SnapshotError(f"{folder}: {name} is missing")
        if verify:
            for name, expected in files.items():
                path = folder / name
                if not path.is_file():
                    raise SnapshotError(f"{folder}: {name} is missing")
                if file_sha256(path) != expected:
                    raise SnapshotError(
                        f"{folder}: {name} does not match its checksum in {MANIFEST} "
                        "(the file is corrupt or was changed after the build)"
                    )
        try:
            vectors = faiss.read_index(str(folder / VECTORS))
        except RuntimeError as exc:
            raise SnapshotError(f"{folder}: {VECTORS} cannot be read ({exc})") from exc
        snapshot = cls(folder, manifest, vectors)
        snapshot._check_counts()
        return snapshot

    def _check_counts(self) -> None:
        n_docs = self._db().execute("SELECT count(*) FROM documents").fetchone()[0]
        if self.vectors.ntotal != self.chunk_count or len(self.row_document) != self.chunk_count:
            raise SnapshotError(
                f"{self.folder}: manifest says {self.chunk_count} chunks, FAISS holds "
                f"{self.vectors.ntotal}, SQLite {len(self.row_document)}"
            )
        if n_docs != self.document_count:
            raise SnapshotError(
                f"{self.folder}: manifest says {self.document_count} documents, SQLite "
                f"holds {n_docs}"
            )
        if self.vectors.d != int(self.manifest["model"]["dim"]):
            raise SnapshotError(f"{self.folder}: vector dimension {self.vectors.d} != manifest")

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            uri = f"file:{self.folder / STORE}?mode=ro&immutable=1"
            try:
                db = sqlite3.connect(uri, uri=True, check_same_thread=False)
                db.execute("SELECT 1 FROM documents LIMIT 1")
            except sqlite3.Error as exc:
                raise SnapshotError(f"{self.folder}: {STORE} cannot be read ({exc})") from exc
            self._local.db = db
        return db

    # --- reading -----------------------------------------------------------------

    def document(self, document_id: str) -> Document | None:
        row = self._db().execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        return _document(row) if row else None

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        if ids is None:
            cursor = self._db().execute("SELECT * FROM documents ORDER BY id")
            yield from (_document(r) for r in cursor)
            return
        for document_id in ids:
            doc = self.document(document_id)
            if doc is not None:
                yield doc

    @cached_property
    def report_names(self) -> ReportNames:
        """What names each report (title, file name, period, date), for questions."""
        rows = self._db().execute("SELECT id, title, date, source, metadata FROM documents")
        return ReportNames({r[0]: name_text(r[1], r[2], r[3], json.loads(r[4])) for r in rows})

    def document_hashes(self) -> dict[str, str]:
        return dict(self._db().execute("SELECT id, content_hash FROM documents").fetchall())

    def chunks_of(self, document_id: str) -> list[StoredChunk]:
        rows = (
            self._db()
            .execute(
                f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE document_id = ? ORDER BY ordinal",
                (document_id,),
            )
            .fetchall()
        )
        return [_chunk(r) for r in rows]

    def chunk_rows(self, rows: Sequence[int]) -> list[StoredChunk]:
        if not rows:
            return []
        marks = ",".join("?" * len(rows))
        found = {
            r[0]: _chunk(r)
            for r in self._db().execute(
                f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE row IN ({marks})", list(rows)
            )
        }
        return [found[r] for r in rows if r in found]

    def vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        dim = self.vectors.d
        if not rows:
            return np.zeros((0, dim), dtype=np.float32)
        return np.vstack([self.vectors.reconstruct(int(r)) for r in rows]).astype(np.float32)

    def search_dense(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(row, cosine) best first, restricted to rows where ``allowed`` is True."""
        if self.chunk_count == 0:
            return []
        k = min(k, self.chunk_count)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            ids = np.flatnonzero(allowed).astype(np.int64)
            if len(ids) == 0:
                return []
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))  # type: ignore[call-arg]
        scores, rows = self.vectors.search(q, k, params=params)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None
