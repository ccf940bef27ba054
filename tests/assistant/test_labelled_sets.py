"""The labelled answer sets stay true to the reports they are about: every question
loads, and every statement they name is a sentence of the report they name (an edit of
a sample report that breaks a label fails here, not silently in a benchmark)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluate import Expected, load_labelled, score_labelled
from assistant.types import Answer, Citation
from index.config import BuildConfig
from index.load import load_sources
from index.models import Document

DATA = Path(__file__).resolve().parents[1] / "data"
REPO = DATA.parents[1]
SETS = sorted(DATA.glob("answers*.jsonl"))
ON_SAMPLES = [
    "answers.jsonl",
    "answers_discussions.jsonl",
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


def test_a_statement_labelled_by_its_span_matches_the_citations_that_overlap_it(
    tmp_path: Path,
) -> None:
    """Labels of reports in ``../shared`` name sentences by character range, not by
    their words: a citation counts when it overlaps the range in the source file, also
    when the loader's text is shifted (the passage is found where it was)."""
    source = tmp_path / "debate.txt"
    first, second = "Ms Keller. – We must act on feed safety now.", "Mr Ortiz. – I disagree."
    text = f"Debate\n\n{first}\n\n{second}\n"
    source.write_text(text, encoding="utf-8")
    at = text.index("We must")
    line = (
        '{"id": "q", "question": "What did Ms Keller say?", "found": true, '
        f'"must": [{{"doc": "debate", "span": [{at}, {at + 33}], "speaker": "Ms Keller"}}], '
        '"ok": [], "must_not": []}'
    )
    labels = tmp_path / "set.jsonl"
    labels.write_text(line + "\n", encoding="utf-8")
    items = load_labelled(labels)

    def cite(passage: str, start: int, speaker: str) -> Answer:
        citation = Citation(
            n=1,
            document_id="d",
            title="Debate",
            date=None,
            url=None,
            source=str(source),
            page=None,
            speaker=speaker,
            passage=passage,
            start=start,
            end=start + len(passage),
            score=1.0,
        )
        return Answer(text=f"{passage} [1]", citations=(citation,), found=True)

    right = score_labelled(
        items, lambda _: cite("We must act on feed safety now.", at - 3, "Ms Keller")
    )
    assert right["statement_recall"] == 1.0
    assert right["statement_precision"] == 1.0
    assert right["speaker_accuracy"] == 1.0
    wrong = score_labelled(items, lambda _: cite("I disagree.", text.index("I dis"), "Mr Ortiz"))
    assert wrong["statement_recall"] == 0.0
    assert wrong["statement_precision"] == 0.0
    assert wrong["misses"][0]["missed"] == [f"debate[{at}:{at + 33}]"]


def test_every_span_label_is_a_sentence_of_its_speaker() -> None:
    """The Europarl set names sentences by range: each range is within the debate, and
    within a speech of the speaker it names (the corpus' own ``turns.jsonl``)."""
    corpus = REPO.parent / "shared" / "datasets" / "europarl_debates_2011"
    if not corpus.is_dir():
        pytest.skip("../shared/datasets/europarl_debates_2011 is absent")
    turns: dict[str, list[tuple[str, int, int]]] = {}
    for line in (corpus / "turns.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        turns.setdefault(Path(t["file"]).stem, []).append((t["speaker"], t["start"], t["end"]))
    wrong = []
    for item in load_labelled(DATA / "answers_europarl_speakers.jsonl"):
        for e in (*item.must, *item.ok):
            assert e.span is not None, item.id
            text = (corpus / "reports" / f"{e.doc}.txt").read_text(encoding="utf-8")
            start, end = e.span
            sentence = text[start:end]
            if not (0 <= start < end <= len(text)) or sentence != sentence.strip():
                wrong.append(f"{item.id}: {e.doc}[{start}:{end}] is not a sentence")
            elif e.check_speaker and e.speaker is not None:
                said = any(
                    who == e.speaker and a <= start and end <= b for who, a, b in turns[e.doc]
                )
                if not said:
                    wrong.append(f"{item.id}: {e.doc}[{start}:{end}] is not {e.speaker}'s")
    assert not wrong, "\n".join(wrong)
