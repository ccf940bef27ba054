"""AssistantService directly: loading, status, the narrow interface, hot swap, limits.

A real snapshot of the sample reports with the deterministic fake embedder: fast, and
the plumbing is what is tested here (the answers' quality is tested with the model).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.errors import NotFoundError, NotReadyError, QueryError
from assistant.interface import Assistant
from assistant.retrieve import MODES, Filters
from assistant.service import AssistantService
from index.build import build_index
from index.config import BuildConfig
from index.embed import FakeEmbedder
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> BuildConfig:
    root = tmp_path_factory.mktemp("service")
    sources = root / "reports"
    shutil.copytree(SAMPLES, sources)
    config = BuildConfig(sources=[sources], index_dir=root / "index")
    build_index(config, embedder=FakeEmbedder())
    return config


@pytest.fixture
def service(config: BuildConfig) -> AssistantService:
    service = AssistantService(config, embedder=FakeEmbedder(), max_top_k=20)
    assert service.load() is True
    return service


def test_not_ready_until_loaded(tmp_path: Path) -> None:
    service = AssistantService(BuildConfig(index_dir=tmp_path), embedder=FakeEmbedder())
    status = service.status()
    assert not status.ready and status.version is None
    assert service.load() is False
    status = service.status()
    assert "assistant index build" in (status.message or "")
    with pytest.raises(NotReadyError, match="assistant index build"):
        service.search("care")


def test_status_and_reports(service: AssistantService) -> None:
    status = service.status()
    assert status.ready and status.version and status.built_at
    assert status.documents == 18 and status.chunks and status.chunks > 18
    assert status.problems == () and status.reloads == 0
    reports, version = service.reports()
    assert version == status.version and len(reports) == status.documents
    dates = [r.date or "" for r in reports]
    assert dates == sorted(dates, reverse=True)
    assert all(r.text == "" for r in reports)  # the list never carries the texts


def test_search_every_mode_quotes_exactly(service: AssistantService) -> None:
    for mode in MODES:
        found = service.search("youth forum councils", 5, mode=mode)
        assert 1 <= len(found.passages) <= 5, mode
        for p in found.passages:
            doc, _ = service.document(p.document_id)
            assert doc.text[p.start : p.end] == p.text


def test_filters_reach_retrieval(service: AssistantService) -> None:
    only = "2024/youth-forum-dakar.txt"
    found = service.search("council", 10, Filters(document_ids=(only,)))
    assert found.passages and {p.document_id for p in found.passages} == {only}


def test_limits_and_errors_say_what_to_change(service: AssistantService) -> None:
    with pytest.raises(QueryError, match="from 1 to 20"):
        service.search("care", 21)
    with pytest.raises(QueryError, match="empty"):
        service.answer("   ")
    with pytest.raises(QueryError, match="at most 1000"):
        service.answer("x" * 1001)
    with pytest.raises(NotFoundError) as missing:
        service.document("no/such.txt")
    assert "/v1/" not in str(missing.value)


def test_answer_names_its_index_version(service: AssistantService) -> None:
    result = service.answer("What did the youth forum ask for?", 4, context=["youth"])
    assert result.index_version == service.status().version
    assert len(result.passages) <= 4


def test_reload_if_moved_swaps_only_when_current_moves(
    config: BuildConfig, service: AssistantService
) -> None:
    first = service.status().version
    assert service.reload_if_moved() is False  # nothing moved
    extra = Path(config.sources[0]) / "2025" / "extra-note.txt"
    extra.write_text("A short extra note\n\nThe board met again and agreed on a budget.")
    try:
        report = build_index(config, embedder=FakeEmbedder())
        assert report.snapshot_id != first
        assert service.reload_if_moved() is True
        assert service.status().version == report.snapshot_id
        assert service.status().reloads == 1
        assert service.reload_if_moved() is False
    finally:
        extra.unlink()


def test_the_service_is_what_adapters_see(service: AssistantService) -> None:
    adapter_view: Assistant = service  # mypy checks the structural match
    assert adapter_view.status().ready


# --- search hits are passage-sized, their matched words marked (issue 25, item 15) ---

# One paragraph of short sentences: its chunks overlap by whole sentences (the chunker
# repeats up to 30 tokens of them), and retrieval merges overlapping chunks into one.
LONG_REPORT = " ".join(
    f"Berth {i} pays the new harbour tariffs. The {['fishing', 'cargo', 'ferry'][i % 3]} "
    "boats there agreed."
    for i in range(1, 90)
)


def test_a_search_hit_is_a_passage_with_its_matches_marked(tmp_path: Path) -> None:
    from assistant.fuse import SEARCH_PASSAGE_CHARS
    from assistant.schemas import SearchResponse

    sources = tmp_path / "reports"
    sources.mkdir()
    (sources / "harbour-review.txt").write_text("Harbour tariffs review\n\n" + LONG_REPORT)
    config = BuildConfig(sources=[sources], index_dir=tmp_path / "index")
    build_index(config, embedder=FakeEmbedder())
    service = AssistantService(config, embedder=FakeEmbedder())
    assert service.load()
    doc, _ = service.document("harbour-review.txt")
    assert len(doc.text) > 3 * SEARCH_PASSAGE_CHARS

    found = service.search("harbour tariffs", 5)
    assert found.passages
    for hit in found.passages:
        assert 0 < len(hit.text) <= SEARCH_PASSAGE_CHARS
        assert doc.text[hit.start : hit.end] == hit.text
        assert hit.text == hit.text.strip()
        assert hit.highlights
        words = {hit.text[s:e].lower() for s, e in hit.highlights}
        assert words <= {"harbour", "tariffs"} and "tariffs" in words
        ends = [e for _, e in hit.highlights]
        assert ends == sorted(ends) and all(s < e for s, e in hit.highlights)
    out = SearchResponse.of(found).model_dump()["results"][0]
    first = found.passages[0]
    assert [tuple(h) for h in out["highlights"]] == list(first.highlights)
    assert out["passage"][out["highlights"][0][0] : out["highlights"][0][1]].lower() in {
        "harbour",
        "tariffs",
    }

    # What an answer reads (the same retrieval) is still the whole merged passage, and
    # each hit is the stretch of it around its best chunk.
    snapshot = service.state.snapshot
    vector, ml_vector, text = service.question_vectors(snapshot, "harbour tariffs")
    merged, _ = service.passages_for(snapshot, vector, ml_vector, text, 5, None, "harbour tariffs")
    assert len(merged[0].text) > 2 * SEARCH_PASSAGE_CHARS and merged[0].highlights == ()
    assert merged[0].start <= first.start and first.end <= merged[0].end
