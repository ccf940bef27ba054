"""The index snapshot: the contract between build and serve.

A snapshot is an immutable folder::

    manifest.json     model, dimension, tokenizer, chunk parameters, counts, checksums
    vectors.faiss     FAISS inner-product index, exact or HNSW by size (manifest
                      "vector_index", index/vector_index.py); row i = chunk row i
    store.sqlite      documents and chunks (row = vector position)
    lexical/          BM25 arrays (bm25s), same rows
    sentences.npy     float16 vectors of the statements of the sentence layer
                      (the layer itself, spans and speakers, is a table of store.sqlite)
    multilingual.faiss, sentences_multilingual.npy
                      the same chunks and statements embedded with multilingual-e5
                      (only when the build had it on: manifest "multilingual")

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

import numpy as np

from index import lexical, vector_index
from index.config import VectorIndexConfig
from index.errors import SnapshotError
from index.models import Chunk, Document, PageSpan
from index.naming import ReportNames, name_text
from index.segments import Segment, segment_settings, topic_segments
from index.sentence_layer import SentenceRecord, name_key

FORMAT_VERSION = 3  # 2: the sentence layer; 3: multilingual vectors
MULTILINGUAL_VECTORS = "multilingual.faiss"
SENTENCE_MULTILINGUAL = "sentences_multilingual.npy"
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
STORE = "store.sqlite"
LEXICAL = "lexical"
SENTENCE_VECTORS = "sentences.npy"
SEGMENT_VECTORS = "segments.npy"

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
CREATE TABLE sentences (
    row INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    ordinal INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    paragraph INTEGER NOT NULL, speaker TEXT, role TEXT, speaker_key TEXT,
    statement INTEGER NOT NULL, tag_start INTEGER, tag_end INTEGER, content TEXT NOT NULL,
    vector_row INTEGER NOT NULL, layout TEXT, turn INTEGER, replies_to INTEGER
);
CREATE INDEX sentences_document ON sentences(document_id, start);
CREATE INDEX sentences_speaker ON sentences(speaker_key);
CREATE TABLE segments (
    row INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    ordinal INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    statements INTEGER NOT NULL, speakers TEXT NOT NULL
);
CREATE INDEX segments_document ON segments(document_id, start);
"""


# A sentence that asks: its words end with a question mark (before closing quotes).
_ASKS = "(rtrim(content, ' \"”»)') LIKE '%?' OR rtrim(content, ' \"”»)') LIKE '%？')"


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
    sentences: Sequence[SentenceRecord] = (),
    sentence_vectors: np.ndarray | None = None,
    multilingual_vectors: np.ndarray | None = None,
    sentence_multilingual: np.ndarray | None = None,
    vector_config: VectorIndexConfig | None = None,
) -> dict[str, Any]:
    """Write a complete snapshot into the new, empty ``folder``; returns the manifest.

    ``chunks`` pairs each chunk with the hash of its embedded text; row i of
    ``vectors`` and of ``lexical_texts`` belong to chunk i. ``sentence_vectors`` has
    one row per statement of ``sentences``, in order. ``multilingual_vectors`` and
    ``sentence_multilingual``, when given (``manifest["multilingual"]`` says their
    model), are the same rows embedded with the multilingual model. ``vector_config``
    chooses the FAISS index type of both (by size when not given).
    """
    vector_config = vector_config or VectorIndexConfig()
    statements = sum(1 for r in sentences if r.statement)
    dim = int(manifest["model"]["dim"])
    if sentence_vectors is None:
        sentence_vectors = np.zeros((0, dim), dtype=np.float32)
    if len(sentence_vectors) != statements:
        raise SnapshotError(
            f"{statements} statements but {len(sentence_vectors)} sentence vectors; "
            "they must be equal"
        )
    if len(chunks) != len(vectors) or len(chunks) != len(lexical_texts):
        raise SnapshotError(
            f"{len(chunks)} chunks but {len(vectors)} vectors and {len(lexical_texts)} "
            "lexical rows; they must be equal"
        )
    if (multilingual_vectors is not None and len(multilingual_vectors) != len(chunks)) or (
        sentence_multilingual is not None and len(sentence_multilingual) != statements
    ):
        raise SnapshotError(
            f"{len(chunks)} chunks and {statements} statements but "
            f"{len(multilingual_vectors) if multilingual_vectors is not None else 0} "
            "multilingual chunk vectors and "
            f"{len(sentence_multilingual) if sentence_multilingual is not None else 0} "
            "statement vectors; they must be equal"
        )
    folder.mkdir(parents=True)
    ml_index = None
    if multilingual_vectors is not None:
        ml_index = vector_index.write(
            folder / MULTILINGUAL_VECTORS, multilingual_vectors, vector_config
        )
    if sentence_multilingual is not None:
        np.save(folder / SENTENCE_MULTILINGUAL, np.asarray(sentence_multilingual, np.float16))
    if len(vectors) and vectors.shape[1] != dim:
        raise SnapshotError(f"vectors have {vectors.shape[1]} dimensions; the model has {dim}")
    chunk_index = vector_index.write(
        folder / VECTORS, np.asarray(vectors, np.float32).reshape(-1, dim), vector_config
    )
    segments, segment_vectors = topic_segments(sentences, np.asarray(sentence_vectors))
    _write_store(folder / STORE, documents, chunks, sentences, segments)
    np.save(folder / SENTENCE_VECTORS, np.asarray(sentence_vectors, dtype=np.float16))
    np.save(folder / SEGMENT_VECTORS, segment_vectors.astype(np.float16).reshape(-1, dim))
    language_of = {d.id: d.language for d in documents}
    languages = [language_of.get(c.document_id) for c, _ in chunks]
    if lexical_texts:
        lexical.build(lexical_texts, folder / LEXICAL, languages)
    else:
        (folder / LEXICAL).mkdir()
    manifest = {
        **manifest,
        "format_version": FORMAT_VERSION,
        "counts": {
            "documents": len(documents),
            "chunks": len(chunks),
            "sentences": len(sentences),
            "statements": statements,
            "segments": len(segments),
        },
        # Topic segments of the records with turns (index/segments.py).
        "segments": segment_settings(),
        "faiss_index": chunk_index["faiss"],
        # Index type by size, its reason and parameters (index/vector_index.py).
        "vector_index": chunk_index,
        "multilingual_vector_index": ml_index,
        # The tokenizers the lexical index was built with (index/lexical.py).
        "lexical_languages": sorted({lexical.tokenizer_language(lang) for lang in languages}),
        "files": {str(p.relative_to(folder)): file_sha256(p) for p in _snapshot_files(folder)},
    }
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    tmp.rename(folder / MANIFEST)
    return manifest


def _write_store(
    path: Path,
    documents: Sequence[Document],
    chunks: Sequence[tuple[Chunk, str]],
    sentences: Sequence[SentenceRecord],
    segments: Sequence[Segment] = (),
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
        db.executemany(
            "INSERT INTO sentences VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            _sentence_rows(sentences),
        )
        db.executemany(
            "INSERT INTO segments VALUES (?,?,?,?,?,?,?)",
            (
                (
                    row,
                    g.document_id,
                    g.ordinal,
                    g.start,
                    g.end,
                    g.statements,
                    json.dumps(list(g.speakers), ensure_ascii=False),
                )
                for row, g in enumerate(segments)
            ),
        )
        db.commit()
    finally:
        db.close()


def _sentence_rows(sentences: Sequence[SentenceRecord]) -> Iterator[tuple[Any, ...]]:
    vector_row = 0
    for row, r in enumerate(sentences):
        yield (
            row,
            r.document_id,
            r.ordinal,
            r.start,
            r.end,
            r.paragraph,
            r.speaker,
            r.role,
            name_key(r.speaker) if r.speaker else None,
            int(r.statement),
            r.tag_start,
            r.tag_end,
            r.content,
            vector_row if r.statement else -1,
            r.layout,
            r.turn,
            r.replies_to,
        )
        vector_row += int(r.statement)


_SENTENCE_COLUMNS = (
    'document_id, ordinal, start, "end", paragraph, speaker, role, statement, tag_start,'
    " tag_end, content, vector_row, layout, turn, replies_to"
)
# A snapshot written before the sentence layer stored turns (2026-12-06) has no
# ``layout``, ``turn`` or ``replies_to``: it reads as having none (a rebuild adds them;
# the layer's version changed, so an incremental build re-derives every layer).
_TURN_COLUMNS = ("layout", "turn", "replies_to")


@dataclass(frozen=True)
class StoredSentence:
    """A sentence of the layer as stored; ``vector_row`` is -1 for non-statements."""

    record: SentenceRecord
    vector_row: int


def _sentence(row: tuple[Any, ...]) -> StoredSentence:
    record = SentenceRecord(
        document_id=row[0],
        ordinal=row[1],
        start=row[2],
        end=row[3],
        paragraph=row[4],
        speaker=row[5],
        role=row[6],
        statement=bool(row[7]),
        tag_start=row[8],
        tag_end=row[9],
        content=row[10],
        layout=row[12],
        turn=row[13],
        replies_to=row[14],
    )
    return StoredSentence(record, row[11])


@dataclass(frozen=True)
class StoredSegment:
    """A topic segment as stored; ``row`` indexes its vector."""

    segment: Segment
    row: int


@dataclass(frozen=True)
class SpeakerEntry:
    """A person who speaks in the snapshot: name as the reports write it, the role
    given most often, and the documents with their statements."""

    name: str
    key: str
    role: str | None
    documents: tuple[str, ...]
    statements: int


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
        self.lexical = (
            # A snapshot written before tokenizers per language was tokenized in English.
            lexical.LexicalIndex(
                folder / LEXICAL, self.chunk_count, manifest.get("lexical_languages", ["en"])
            )
            if self.chunk_count
            else None
        )
        vectors_file = folder / SENTENCE_VECTORS
        self.sentence_vectors: np.ndarray = (
            np.load(vectors_file, mmap_mode="r")
            if vectors_file.is_file()
            else np.zeros((0, int(manifest["model"]["dim"])), dtype=np.float16)
        )
        # A snapshot written before topic segments (2026-12-06) has none: it reads as such.
        segments_file = folder / SEGMENT_VECTORS
        self.segment_vectors: np.ndarray = (
            np.load(segments_file, mmap_mode="r")
            if segments_file.is_file()
            else np.zeros((0, int(manifest["model"]["dim"])), dtype=np.float16)
        )
        self._speakers: list[SpeakerEntry] | None = None
        # The multilingual model's vectors of the same rows, when the build made them.
        self.multilingual_model: str | None = None
        self.multilingual: Any = None
        self.sentence_multilingual: np.ndarray | None = None
        ml = manifest.get("multilingual")
        if ml:
            self.multilingual_model = str(ml["id"])
            self.multilingual = vector_index.read(
                folder / MULTILINGUAL_VECTORS, manifest.get("multilingual_vector_index")
            )
            if ml.get("statements"):
                self.sentence_multilingual = np.load(folder / SENTENCE_MULTILINGUAL, mmap_mode="r")

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
        # Memory-mapped: replicas serving this snapshot share its pages (docs/scaling.md).
        vectors = vector_index.read(folder / VECTORS, manifest.get("vector_index"))
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
        statements = int(self.manifest["counts"].get("statements", 0))
        if len(self.sentence_vectors) != statements:
            raise SnapshotError(
                f"{self.folder}: manifest says {statements} statements, "
                f"{SENTENCE_VECTORS} holds {len(self.sentence_vectors)} vectors"
            )
        segments = int(self.manifest["counts"].get("segments", 0))
        if len(self.segment_vectors) != segments:
            raise SnapshotError(
                f"{self.folder}: manifest says {segments} segments, "
                f"{SEGMENT_VECTORS} holds {len(self.segment_vectors)} vectors"
            )
        if self.vectors.d != int(self.manifest["model"]["dim"]):
            raise SnapshotError(f"{self.folder}: vector dimension {self.vectors.d} != manifest")
        if self.multilingual is not None and self.multilingual.ntotal != self.chunk_count:
            raise SnapshotError(
                f"{self.folder}: {MULTILINGUAL_VECTORS} holds {self.multilingual.ntotal} "
                f"vectors; the manifest says {self.chunk_count} chunks"
            )
        if self.sentence_multilingual is not None and len(self.sentence_multilingual) != statements:
            raise SnapshotError(
                f"{self.folder}: {SENTENCE_MULTILINGUAL} holds "
                f"{len(self.sentence_multilingual)} vectors; the manifest says {statements} "
                "statements"
            )

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
    def languages(self) -> frozenset[str]:
        """The languages of the snapshot's reports (ISO 639-1)."""
        return frozenset(str(lang) for lang in set(self.row_language.tolist()) if lang)

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

    @cached_property
    def _sentence_columns(self) -> str:
        """``_SENTENCE_COLUMNS``, NULL for the turn columns an older snapshot lacks."""
        have = {row[1] for row in self._db().execute("PRAGMA table_info(sentences)")}
        if all(column in have for column in _TURN_COLUMNS):
            return _SENTENCE_COLUMNS
        return _SENTENCE_COLUMNS.replace(", ".join(_TURN_COLUMNS), "NULL, NULL, NULL")

    def _sentences(self, where: str, params: Sequence[Any]) -> list[StoredSentence]:
        query = f"SELECT {self._sentence_columns} FROM sentences WHERE {where}"
        return [_sentence(r) for r in self._db().execute(query, list(params)).fetchall()]

    def sentences_of(self, document_id: str) -> list[StoredSentence]:
        """The sentence layer of one document, in reading order."""
        return self._sentences("document_id = ? ORDER BY start", (document_id,))

    def sentences_in(self, document_id: str, start: int, end: int) -> list[StoredSentence]:
        """The sentences of ``document_id`` that overlap ``[start, end)``, in order."""
        return self._sentences(
            'document_id = ? AND start < ? AND "end" > ? ORDER BY start', (document_id, end, start)
        )

    def headings_of(self, document_ids: Sequence[str]) -> list[StoredSentence]:
        """The sentences of these documents that no answer quotes (headings, run-in
        headings, an interview's questions), in document order."""
        if not document_ids:
            return []
        marks = ",".join("?" * len(document_ids))
        return self._sentences(
            f"document_id IN ({marks}) AND statement = 0 ORDER BY document_id, start",
            document_ids,
        )

    def statements_by(self, keys: Sequence[str]) -> list[StoredSentence]:
        """Every statement of the speakers with these ``name_key``s, in document order."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        return self._sentences(
            f"speaker_key IN ({marks}) AND statement = 1 ORDER BY document_id, start", keys
        )

    def questions_by(self, keys: Sequence[str]) -> list[StoredSentence]:
        """Every question the speakers with these ``name_key``s ask (an examiner's "Q.
        When was …?", a senator's "What will the Fed do …?"), in document order. No
        answer quotes them as statements, and they have no vector."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        return self._sentences(
            f"speaker_key IN ({marks}) AND statement = 0 AND {_ASKS} ORDER BY document_id, start",
            keys,
        )

    def segments_of(self, document_ids: Sequence[str] | None = None) -> list[StoredSegment]:
        """The topic segments of these documents (all, when ``None``), in document order;
        none for a snapshot written before segments."""
        if not len(self.segment_vectors):
            return []
        query = 'SELECT row, document_id, ordinal, start, "end", statements, speakers FROM segments'
        params: list[str] = []
        if document_ids is not None:
            if not document_ids:
                return []
            query += f" WHERE document_id IN ({','.join('?' * len(document_ids))})"
            params = list(document_ids)
        rows = self._db().execute(query + " ORDER BY document_id, start", params).fetchall()
        return [
            StoredSegment(
                Segment(r[1], r[2], r[3], r[4], r[5], tuple(json.loads(r[6]))),
                r[0],
            )
            for r in rows
        ]

    def segment_vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        """float32 unit vectors of segments by row."""
        if not len(rows):
            return np.zeros((0, self.vectors.d), dtype=np.float32)
        return np.asarray(self.segment_vectors[np.asarray(rows, dtype=np.int64)], dtype=np.float32)

    def speakers(self) -> list[SpeakerEntry]:
        """Everyone the sentence layer gives statements or questions to (computed once,
        cached); ``statements`` counts the statements."""
        if self._speakers is None:
            rows = (
                self._db()
                .execute(
                    "SELECT speaker_key, speaker, role, document_id, sum(statement) "
                    "FROM sentences WHERE speaker_key IS NOT NULL "
                    f"AND (statement = 1 OR {_ASKS}) "
                    "GROUP BY speaker_key, speaker, role, document_id"
                )
                .fetchall()
            )
            by_key: dict[str, list[tuple[Any, ...]]] = {}
            for r in rows:
                by_key.setdefault(r[0], []).append(r)
            entries = []
            for key, group in by_key.items():
                names: dict[str, int] = {}
                roles: dict[str, int] = {}
                for _, name, role, _, n in group:
                    names[name] = names.get(name, 0) + n
                    if role:
                        roles[role] = roles.get(role, 0) + n
                entries.append(
                    SpeakerEntry(
                        name=max(names, key=lambda k: names[k]),
                        key=key,
                        role=max(roles, key=lambda k: roles[k]) if roles else None,
                        documents=tuple(sorted({g[3] for g in group})),
                        statements=sum(g[4] for g in group),
                    )
                )
            self._speakers = entries
        return self._speakers

    def sentence_vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        """float32 vectors of statements by ``vector_row``."""
        if not len(rows):
            return np.zeros((0, self.vectors.d), dtype=np.float32)
        return np.asarray(self.sentence_vectors[np.asarray(rows, dtype=np.int64)], dtype=np.float32)

    def sentence_multilingual_of(self, rows: Sequence[int]) -> np.ndarray:
        """float32 multilingual vectors of statements by ``vector_row``."""
        if self.sentence_multilingual is None:
            raise SnapshotError(f"{self.folder}: built without multilingual vectors")
        if not len(rows):
            return np.zeros((0, self.sentence_multilingual.shape[1]), dtype=np.float32)
        picked = self.sentence_multilingual[np.asarray(rows, dtype=np.int64)]
        return np.asarray(picked, dtype=np.float32)

    def vectors_of(self, rows: Sequence[int], *, multilingual: bool = False) -> np.ndarray:
        index = self.multilingual if multilingual else self.vectors
        if not rows:
            return np.zeros((0, index.d), dtype=np.float32)
        return np.vstack([index.reconstruct(int(r)) for r in rows]).astype(np.float32)

    def search_dense(
        self,
        query: np.ndarray,
        k: int,
        allowed: np.ndarray | None = None,
        *,
        multilingual: bool = False,
    ) -> list[tuple[int, float]]:
        """(row, cosine) best first, restricted to rows where ``allowed`` is True;
        ``multilingual``: over the multilingual model's vectors (``query`` is its)."""
        if self.chunk_count == 0:
            return []
        index = self.multilingual if multilingual else self.vectors
        if index is None:
            return []
        k = min(k, self.chunk_count)
        entry = self.manifest.get("multilingual_vector_index" if multilingual else "vector_index")
        exact_max_rows = int((entry or {}).get("exact_max_rows", 0))
        scores, rows = vector_index.search(index, query, k, allowed, exact_max_rows)
        return [(int(r), float(s)) for r, s in zip(rows, scores, strict=True) if r >= 0]

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None
