"""The FAISS index of a snapshot's vectors: its type chosen by size, written, read, searched.

Up to ``VectorIndexConfig.exact_max_rows`` rows the index is exact (``IndexFlatIP``).
Above it, HNSW (``IndexHNSWFlat``, inner product): its graph finds the nearest rows in
a few hundred distance computations instead of all of them, and it keeps every vector
in full, so ``reconstruct`` and an exact search over any subset stay possible. The
choice, with its reason and parameters, goes into the manifest (``vector_index``).

A filtered search never loses a row the filter allows: over at most ``exact_max_rows``
allowed rows it is exact (a scan of those rows, as cheap as an exact index of that
size); over more, HNSW searches with the filter and a widened beam, and when it still
returns fewer rows than asked (and allowed) the search is done again exactly.

Both types are read memory-mapped (``IO_FLAG_MMAP_IFC``): the vectors and the graph
stay in the page cache, shared by every process that serves the same snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.config import VectorIndexConfig
from index.errors import SnapshotError

FLAT = "flat"
HNSW = "hnsw"
# The beam of a filtered HNSW search is widened by 1 / (allowed fraction), up to this
# many times the configured efSearch: with a quarter of the rows allowed, the beam
# visits about as many allowed rows as an unfiltered one (bench/bench_index_types.py
# measures the filtered recall).
MAX_FILTER_WIDENING = 16


def choose(rows: int, config: VectorIndexConfig) -> dict[str, Any]:
    """The index type for ``rows`` vectors under ``config``, as the manifest records it."""
    if config.type == FLAT or (config.type == "auto" and rows <= config.exact_max_rows):
        reason = (
            "forced by the setting index.vectors.type=flat"
            if config.type == FLAT
            else f"{rows} rows <= exact_max_rows {config.exact_max_rows}: exact search"
        )
        return {"type": FLAT, "faiss": "IndexFlatIP", "rows": rows, "reason": reason}
    reason = (
        "forced by the setting index.vectors.type=hnsw"
        if config.type == HNSW
        else f"{rows} rows > exact_max_rows {config.exact_max_rows}: approximate search"
    )
    return {
        "type": HNSW,
        "faiss": "IndexHNSWFlat",
        "rows": rows,
        "reason": reason,
        "exact_max_rows": config.exact_max_rows,
        "params": {
            "M": config.hnsw_m,
            "efConstruction": config.hnsw_ef_construction,
            "efSearch": config.hnsw_ef_search,
        },
    }


def build(vectors: np.ndarray, choice: dict[str, Any]) -> Any:
    """A FAISS index of ``vectors`` (unit rows, so inner product = cosine) of ``choice``."""
    dim = int(vectors.shape[1])
    data = np.ascontiguousarray(vectors, dtype=np.float32)
    if choice["type"] == FLAT:
        index: Any = faiss.IndexFlatIP(dim)
    else:
        params = choice["params"]
        index = faiss.IndexHNSWFlat(dim, int(params["M"]), faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = int(params["efConstruction"])
        index.hnsw.efSearch = int(params["efSearch"])
    if len(data):
        index.add(data)
    return index


def write(path: Path, vectors: np.ndarray, config: VectorIndexConfig) -> dict[str, Any]:
    """Write the index of ``vectors`` to ``path``; returns its manifest entry."""
    choice = choose(len(vectors), config)
    faiss.write_index(build(vectors, choice), str(path))
    return choice


def read(path: Path, entry: dict[str, Any] | None) -> Any:
    """Read an index written by ``write`` (memory-mapped), configured as ``entry`` says.

    ``entry`` None: a snapshot from before the manifest recorded the type (flat).
    """
    try:
        index: Any = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
    except RuntimeError as exc:
        raise SnapshotError(f"{path.parent}: {path.name} cannot be read ({exc})") from exc
    kind = (entry or {}).get("type", FLAT)
    expected = "IndexHNSWFlat" if kind == HNSW else "IndexFlatIP"
    if type(index).__name__ != expected:
        raise SnapshotError(
            f"{path.parent}: {path.name} holds a {type(index).__name__}; the manifest says "
            f"{expected}; rebuild the index with --full"
        )
    if kind == HNSW:
        index.hnsw.efSearch = int((entry or {})["params"]["efSearch"])
    return index


@dataclass(frozen=True)
class _Allowed:
    """A filter as FAISS reads it; ``bits`` must live as long as ``selector``."""

    ids: np.ndarray
    bits: np.ndarray
    selector: Any


def _allowed(mask: np.ndarray) -> _Allowed:
    ids = np.flatnonzero(mask).astype(np.int64)
    bits = np.packbits(mask.astype(np.uint8), bitorder="little")
    selector = faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bits))
    return _Allowed(ids, bits, selector)


def search(
    index: Any, query: np.ndarray, k: int, allowed: np.ndarray | None, exact_max_rows: int
) -> tuple[np.ndarray, np.ndarray]:
    """(scores, rows) of the ``k`` best rows of ``index`` for one ``query``, best first,
    only rows where ``allowed`` (a boolean mask over the rows) is True; -1 pads a short
    result. See the module's note on filters."""
    q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    if allowed is None:
        scores, rows = index.search(q, k)
        return scores[0], rows[0]
    sel = _allowed(allowed)
    if len(sel.ids) == 0:
        return np.zeros(0, np.float32), np.zeros(0, np.int64)
    hnsw = isinstance(index, faiss.IndexHNSW)
    if hnsw and len(sel.ids) > exact_max_rows:
        fraction = len(sel.ids) / index.ntotal
        ef = index.hnsw.efSearch
        params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]
        params.sel = sel.selector
        params.efSearch = max(k, min(int(ef / fraction), ef * MAX_FILTER_WIDENING))
        scores, rows = index.search(q, k, params=params)
        if int((rows[0] >= 0).sum()) >= min(k, len(sel.ids)):
            return scores[0], rows[0]
    # Exact: every allowed row scored (HNSW keeps the full vectors in its storage).
    flat = faiss.downcast_index(index.storage) if hnsw else index
    params = faiss.SearchParameters()
    params.sel = sel.selector
    scores, rows = flat.search(q, k, params=params)
    return scores[0], rows[0]
