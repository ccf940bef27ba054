"""Rebuild under load: a real server, 16 clients for 30 s, a real rebuild meanwhile.

Proves: no request fails while a new snapshot is built and swapped in, and every
answer comes wholly from one snapshot (its ``index_version``): each citation's
document exists in that snapshot and its passage is that snapshot's text at the
given offsets; the added report is only ever cited by answers of the new snapshot;
once an answer from the new snapshot was received, no later request gets the old one.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from index.config import BuildConfig
from index.layout import IndexDir
from index.snapshot import Snapshot
from tests.ops.conftest import debris

pytestmark = pytest.mark.slow

DURATION_S = 30.0  # the figure: 16 clients for 30 s
CLIENTS = 16
REBUILD_AFTER_S = 2.0  # the build starts once the load is running
RELOAD_INTERVAL_S = 0.2


def _texts(snapshot: Snapshot) -> dict[str, str]:
    return {d.id: d.text for d in snapshot.documents()}


@pytest.mark.timeout(420)
def test_rebuild_under_load(
    bench: ModuleType,
    index_copy: BuildConfig,
    changed: list[Path],
    ops_env: dict[str, str],
    tmp_path: Path,
) -> None:
    layout = IndexDir(index_copy.index_dir)
    old_id = layout.current_id()
    assert old_id is not None
    env = {**ops_env, "ASSISTANT_SERVE__RELOAD_INTERVAL_S": str(RELOAD_INTERVAL_S)}
    rebuild = bench.Rebuild(index_copy.index_dir, changed, REBUILD_AFTER_S, env)
    questions = [*bench.QUESTIONS, bench.ADDED_QUESTION]
    with bench.serve_process(index_copy.index_dir, env, tmp_path / "server.log") as url:
        result = asyncio.run(bench.run_load(url, questions, CLIENTS, DURATION_S, during=rebuild))
        scraped = httpx.get(f"{url}/metrics", timeout=10)

    summary = result.summary()
    print(summary, f"rebuild {rebuild.seconds:.1f} s")
    assert rebuild.returncode == 0, rebuild.stderr[-3000:]
    assert rebuild.report is not None and rebuild.report["status"] == "built"
    new_id = rebuild.report["snapshot_id"]
    assert rebuild.report["added"] == [bench.ADDED_NAME]
    assert len(rebuild.report["changed"]) == 1
    assert debris(index_copy.index_dir) == []

    # Zero failed requests, and the load really spanned the swap.
    assert result.failed == [], summary["error_kinds"]
    assert len(result.samples) >= CLIENTS * 2, summary
    versions = {s.index_version for s in result.samples}
    assert versions == {old_id, new_id}, f"the swap was not seen under load: {summary}"

    # Every answer wholly from the snapshot it names.
    old = Snapshot.open(layout.snapshots / old_id)
    new = Snapshot.open(layout.snapshots / new_id)
    texts = {old_id: _texts(old), new_id: _texts(new)}
    added = set(texts[new_id]) - set(texts[old_id])
    assert added == {bench.ADDED_NAME}
    cited_added = 0
    for s in result.samples:
        docs = texts[str(s.index_version)]
        for document_id, start, end, passage in s.citations:
            assert document_id in docs, f"{document_id} is not in {s.index_version}"
            assert docs[document_id][start:end] == passage, (s.index_version, document_id)
            if document_id in added:
                assert s.index_version == new_id
                cited_added += 1
            if s.index_version == old_id:
                assert "Lighthouse Accord" not in passage  # the changed text is new-only
    assert cited_added > 0, "the added report was never cited after the swap"

    # Once the new snapshot answered, it answers everything asked afterwards.
    first_new = min(
        (s for s in result.samples if s.index_version == new_id),
        key=lambda s: s.started + s.latency_s,
    )
    seen_at = first_new.started + first_new.latency_s
    late_old = [s for s in result.samples if s.started > seen_at and s.index_version == old_id]
    assert late_old == []

    # The server's own count agrees with the clients', and it reloaded once.
    assert scraped.status_code == 200, "no /metrics: build_app must call install_observability"
    families = {f.name: f for f in text_string_to_metric_families(scraped.text)}
    answered = sum(
        sample.value
        for sample in families["assistant_http_requests"].samples
        if sample.name.endswith("_total")
        and sample.labels.get("route") == "/v1/answer"
        and sample.labels.get("status") == "200"
    )
    assert answered == len(result.samples)
    reloads = families["assistant_index_reloads"].samples[0].value
    assert reloads == 1
    info = families["assistant_index_snapshot_info"].samples[0]
    assert info.labels["snapshot_id"] == new_id
