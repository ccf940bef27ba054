"""The two helpers every measurement shares, so that the README's figures compare:
one percentile formula (``assistant eval``, ``scripts/bench_query.py``,
``scripts/bench_load.py``) and one way to find a free loopback port (the benchmarks
and the tests that start real servers)."""

from __future__ import annotations

import math
import socket
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``q``% of the values at
    or below it (``q`` in (0, 100]); 0.0 for no values. No interpolation, so a p95 is
    always a latency that was measured."""
    if not values:
        return 0.0
    if not 0 < q <= 100:
        raise ValueError(f"q={q}: give a percentage in (0, 100]")
    ordered = sorted(values)
    rank = max(1, math.ceil(len(ordered) * q / 100))
    return float(ordered[rank - 1])


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])
