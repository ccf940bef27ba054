"""The golden samples: one folder per layout (``Layout`` values) and per convention that
is no layout of its own (time stamps of meeting software, a committee's question
numbers, minutes, news), each sample a short text of our own beside a ``.expected``
file, one line per sentence in reading order: ``speaker | sentence`` (``-`` for none,
the sentence with its whitespace folded). Adding a format: a module in
``index/attribution/layouts/`` and a folder here (docs/formats.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.attribution import Layout
from index.models import Document
from index.sentence_layer import sentence_records

SAMPLES = Path(__file__).parent / "samples"
CASES = sorted(SAMPLES.glob("*/*.txt"))
# Folders of conventions that are no layout of their own.
CONVENTIONS = {"meeting", "committee", "minutes", "news"}


def expected(sample: Path) -> list[tuple[str | None, str]]:
    out = []
    for line in sample.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        speaker, sentence = line.split(" | ", 1)
        out.append((None if speaker == "-" else speaker, sentence))
    return out


@pytest.mark.parametrize("sample", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_sentence_of_a_sample_has_its_speaker(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    records = sentence_records(Document(sample.name, sample.stem, text, sample.name))
    got = [(r.speaker, " ".join(text[r.start : r.end].split())) for r in records]
    assert got == expected(sample)
    if sample.parent.name not in CONVENTIONS:
        # the folder's layout opens at least one of its turns
        assert sample.parent.name in {r.layout for r in records}


def test_every_layout_has_a_sample_folder_and_every_folder_a_sample() -> None:
    folders = {p.name for p in SAMPLES.iterdir() if p.is_dir()}
    assert folders == {layout.value for layout in Layout} | CONVENTIONS
    for folder in folders:
        texts = list((SAMPLES / folder).glob("*.txt"))
        assert texts and all(t.with_suffix(".expected").is_file() for t in texts), folder
