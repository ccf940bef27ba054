"""The one percentile and the one free port every measurement uses."""

from __future__ import annotations

import socket

import pytest

from bench.harness import free_port, percentile


def test_nearest_rank_percentile() -> None:
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert percentile(values, 50) == 10.0
    assert percentile(values, 95) == 19.0  # 19 of 20 at or below it
    assert percentile(values, 100) == 20.0
    assert percentile(list(reversed(values)), 95) == 19.0  # order does not matter
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 95) == 0.0
    with pytest.raises(ValueError, match="q=0"):
        percentile(values, 0)


def test_free_port_can_be_bound() -> None:
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
