"""The labelled answer sets stay true to the reports they are about: every question
loads, and every statement they name is a sentence of the report they name (an edit of
a sample report that breaks a label fails here, not silently in a benchmark)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluate import Expected, load_labelled
from index.config import BuildConfig
from index.load import load_sources
from index.models import Document

DATA = Path(__file__).resolve().parents[1] / "data"
REPO = DATA.parents[1]
SETS = sorted(DATA.glob("answers*.jsonl"))
ON_SAMPLES = [
    "answers.jsonl",
    "answers_heldout.jsonl",
    "answers_heldout2.jsonl",
    "answers_samelang.jsonl",
]


@pytest.fixture(scope="module")
def sample_reports() -> list[Document]:
    sources = [REPO / "examples" / "reports"]
    seed = REPO.parent / "shared" / "seed"
    if seed.is_dir():
        sources.append(seed)
    config = BuildConfig(sources=sources, index_dir=REPO / "var" / "unused")
    return [d for d in load_sources(sources, config) if isinstance(d, Document)]


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_question_loads(path: Path) -> None:
    items = load_labelled(path)
    assert items
    assert len({i.id for i in items}) == len(items), "ids repeat"
    for item in items:
        assert item.question.strip()
        if not item.found:
            assert not item.must and not item.ok, item.id


@pytest.mark.parametrize("name", ON_SAMPLES)
def test_every_labelled_statement_is_in_its_report(
    name: str, sample_reports: list[Document]
) -> None:
    def quoted(e: Expected) -> bool:
        texts = [d.text for d in sample_reports if e.doc in d.source]
        return any(_squash(e.text) in _squash(t) for t in texts)

    missing = []
    for item in load_labelled(DATA / name):
        if item.needs_shared and not (REPO.parent / "shared" / "seed").is_dir():
            continue
        for e in (*item.must, *item.ok, *item.must_not):
            if e.text and not quoted(e):
                missing.append(f"{item.id}: {e.doc}: {e.text!r}")
    assert not missing, "\n".join(missing)
