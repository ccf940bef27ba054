from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from index.chunk import chunk_document, encoding, sentence_spans
from index.config import ChunkConfig
from index.models import Document, PageSpan


def _doc(text: str, pages: tuple[PageSpan, ...] = ()) -> Document:
    return Document(id="d", title="T", text=text, source="d.txt", pages=pages)


def test_sentence_spans_are_exact_and_respect_abbreviations() -> None:
    text = "Dr. Smith spoke first. He said “we agree.” Then J. Doe left!\nNew line here"
    spans = sentence_spans(text)
    pieces = [text[s:e] for s, e in spans]
    assert pieces == [
        "Dr. Smith spoke first.",
        "He said “we agree.”",
        "Then J. Doe left!",
        "New line here",
    ]


def test_chunks_cover_text_with_exact_offsets_and_overlap() -> None:
    sentences = [
        f"Sentence number {i} talks about councils and social dialogue." for i in range(80)
    ]
    text = " ".join(sentences)
    config = ChunkConfig(tokens=60, overlap=15)
    chunks = chunk_document(_doc(text), config)
    assert len(chunks) > 5
    enc = encoding(config.encoding)
    for i, c in enumerate(chunks):
        assert text[c.start : c.end] == c.text
        assert c.ordinal == i
        assert c.token_count == len(enc.encode_ordinary(c.text))
        assert c.token_count <= config.tokens
    # consecutive chunks overlap (sentence overlap) and move forward
    for a, b in itertools.pairwise(chunks):
        assert b.start < a.end and b.start > a.start
    assert chunks[0].start == 0 and chunks[-1].end == len(text)


def test_over_long_sentence_is_split_at_words() -> None:
    text = " ".join(["word"] * 1000)
    chunks = chunk_document(_doc(text), ChunkConfig(tokens=100, overlap=0))
    assert all(c.token_count <= 100 for c in chunks)
    assert " ".join(c.text for c in chunks) == text


def test_wordpiece_limit_splits_further() -> None:
    text = " ".join(f"Statement {i} is here." for i in range(200))

    def counter(texts):  # a tokenizer that counts 3 pieces per word
        return [3 * len(t.split()) + 2 for t in texts]

    config = ChunkConfig(tokens=150, overlap=0, max_wordpiece=100)
    chunks = chunk_document(_doc(text), config, counter)
    assert max(counter([c.text for c in chunks])) <= 100
    assert all(text[c.start : c.end] == c.text for c in chunks)


def test_pages_are_recorded() -> None:
    page1 = "First page sentence one. First page sentence two."
    page2 = "Second page sentence one. Second page sentence two."
    text = page1 + "\n\n" + page2
    pages = (PageSpan(1, 0, len(page1) + 2), PageSpan(2, len(page1) + 2, len(text)))
    chunks = chunk_document(_doc(text, pages), ChunkConfig(tokens=16, overlap=0))
    assert chunks[0].page_start == 1
    assert chunks[-1].page_end == 2


def test_empty_document_has_no_chunks() -> None:
    assert chunk_document(_doc("   \n\n "), ChunkConfig()) == []


@pytest.mark.slow
def test_real_model_window_never_exceeded(real_embedder, seed_dir: Path) -> None:  # type: ignore[no-untyped-def]
    # Cyrillic and number-heavy text costs more WordPiece tokens per tiktoken token.
    text = seed_dir.joinpath("000_c747f71a7a95dcaf.txt").read_text(encoding="utf-8")
    text += "\n" + " ".join(["Общественная палата Российской Федерации 2021-2022 гг."] * 120)
    doc = Document(id="s", title="A title", text=text, source="s.txt")
    config = ChunkConfig()
    chunks = chunk_document(
        doc, config, real_embedder.wordpiece_counts, prefix=lambda d: d.title + "\n"
    )
    counts = real_embedder.wordpiece_counts(["A title\n" + c.text for c in chunks])
    assert max(counts) <= config.max_wordpiece
    assert all(text[c.start : c.end] == c.text for c in chunks)
