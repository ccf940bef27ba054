"""Benchmarks, run as scripts (``.venv/bin/python bench/bench_query.py``), and the
harness they share with the tests (``bench.harness``)."""
