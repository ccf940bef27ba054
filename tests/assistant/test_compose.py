"""The extractive answer: citations, invariants, "nothing found", speakers.

Fast tests use a deterministic bag-of-words embedder; the ``slow`` ones use the real
bundled model on the seed report.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant import compose
from assistant.compose import (
    AnswerTexts,
    Embed,
    SentenceVectorCache,
    compose_answer,
    load_answer_texts,
)
from assistant.types import Answer, Passage
from index.models import PageSpan

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"
TEXTS = load_answer_texts()

REPORT = (
    "Digital week: councils discuss the risks of technology\n\n"
    "On 1 April the Association held a webinar on digital technology.\n\n"
    "Anna Berg, President of the Council of Sweden, noted that digital technology brings "
    "new risks for privacy and new risks for workers.\n\n"
    "“Digital risks grow every year. Councils must study digital risks closely,” she said.\n\n"
    "The weather in the city was sunny and warm during the whole week.\n\n"
    "Tom Hale, member of the Council of Ireland, said that dairy farming needs rain [3]. "
    "Dairy farming in Ireland needs rain for grass, and rain for dairy farming is scarce.\n"
)


def fake_embed(texts: Sequence[str]) -> np.ndarray:
    """Bag of lower-cased words hashed into 384 dimensions, L2-normalised."""
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in re.findall(r"\w+", text.lower()):
            if word not in compose._STOPWORDS:
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 384] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


def passage(text: str, start: int, end: int, *, embed: Callable = fake_embed, **kw) -> Passage:
    vector_of = embed([text[start:end]])[0]
    fields = {
        "chunk_id": f"c{start}",
        "document_id": "doc-1",
        "title": "Digital week",
        "date": "2024-04-01",
        "url": "https://example.org/digital-week",
        "source": "digital-week.txt",
        "language": "en",
        "start": start,
        "end": end,
        "text": text[start:end],
        "score": 0.5,
        "dense_score": float(vector_of @ vector_of),  # replaced by the caller's cosine
        "lexical_score": 0.0,
        "document_text": text,
    }
    fields.update(kw)
    return Passage(**fields)  # type: ignore[arg-type]


def ask(question: str, text: str = REPORT, **kw) -> Answer:
    query = fake_embed([question])[0]
    cut = text.index("The weather")
    passages = [
        passage(text, 0, cut, dense_score=float(fake_embed([text[:cut]])[0] @ query)),
        passage(text, cut, len(text), dense_score=float(fake_embed([text[cut:]])[0] @ query)),
    ]
    passages.sort(key=lambda p: -p.dense_score)
    return compose_answer(question, passages, query, fake_embed, **kw)


def assert_invariants(answer: Answer, text: str | dict[str, str]) -> None:
    """Numbers 1..N used once each in order; each quote is its document's span."""
    texts = text if isinstance(text, dict) else {c.document_id: text for c in answer.citations}
    numbers = [c.n for c in answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    markers = [int(m) for m in re.findall(r"\[(\d+)\]", answer.text)]
    assert markers == numbers
    for citation in answer.citations:
        document = texts[citation.document_id]
        assert document[citation.start : citation.end] == citation.passage


def residue(answer: Answer) -> str:
    """The answer text minus quoted report text, speakers, titles and markers."""
    rest = answer.text
    for c in answer.citations:
        if c.speaker:
            rest = re.sub(rf"{re.escape(c.speaker)} \([^)]*\)", c.speaker, rest)
    for c in answer.citations:
        quote = " ".join(re.sub(r"\[\d+\]", "", c.passage).split())
        assert quote in rest, quote
        rest = rest.replace(quote, "", 1)
    for c in answer.citations:
        rest = rest.replace(f"[{c.n}]", "").replace(c.title, "").replace(c.date or "", "")
        rest = rest.replace(c.speaker or "\0", "")
    return rest


def test_answer_cites_exact_spans_with_speakers() -> None:
    answer = ask("What was said about digital risks?")
    assert answer.found
    assert_invariants(answer, REPORT)
    (citation,) = answer.citations  # her statement and her quote, adjacent: one citation
    assert citation.speaker == "Anna Berg"
    assert citation.passage.startswith("Anna Berg, President of the Council of Sweden, noted")
    assert citation.passage.endswith("Councils must study digital risks closely,” she said.")
    assert (citation.title, citation.date, citation.url, citation.source) == (
        "Digital week",
        "2024-04-01",
        "https://example.org/digital-week",
        "digital-week.txt",
    )
    assert "President of the Council of Sweden" in answer.text  # the role, once
    assert answer.text.count("President of the Council of Sweden") == 1
    assert "weather" not in answer.text  # never padded with unrelated sentences


def test_answer_adds_only_connecting_words_and_attributions() -> None:
    answer = ask("What was said about digital risks?")
    literal = "".join(
        template.format_map(_Blank())
        for template in TEXTS.model_dump().values()
        if template != TEXTS.nothing_found
    )
    assert set(residue(answer)) <= set(literal) | {"\n", " "}


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def test_nothing_found_cites_nothing() -> None:
    answer = ask("What is the recipe for lasagna?")
    assert answer == Answer(text=TEXTS.nothing_found, citations=(), found=False)


def test_no_passages_is_nothing_found() -> None:
    query = fake_embed(["anything"])[0]
    answer = compose_answer("What about anything?", [], query, fake_embed)
    assert not answer.found and answer.citations == ()


def test_sentences_of_different_speakers_are_separate_citations() -> None:
    text = REPORT.replace("“Digital risks grow", "Tom Hale said: “Digital risks grow")
    answer = ask("What was said about digital risks?", text=text)
    assert [c.speaker for c in answer.citations] == ["Anna Berg", "Tom Hale"]
    assert_invariants(answer, text)


def test_statements_are_grouped_by_report_and_numbered_in_order_of_use() -> None:
    other = (
        "Second report\n\n"
        "Mia Kerr, member of the Council of Scotland, said that digital risks for children "
        "grow fast and digital risks for schools too.\n"
    )
    question = "What was said about digital risks?"
    query = fake_embed([question])[0]
    first = passage(REPORT, 0, len(REPORT), dense_score=0.55)
    second = passage(
        other, 0, len(other), dense_score=0.5, document_id="doc-2", title="Second report", date=None
    )
    answer = compose_answer(question, [first, second], query, fake_embed)
    assert_invariants(answer, {"doc-1": REPORT, "doc-2": other})
    headers = [line for line in answer.text.splitlines() if line.startswith("In ")]
    assert sorted(headers) == ['In "Digital week" (2024-04-01):', 'In "Second report":']
    by_document: dict[str, list[int]] = {}
    for c in answer.citations:
        by_document.setdefault(c.document_id, []).append(c.n)
    # each report's statements are consecutive, under its header
    assert all(ns == list(range(ns[0], ns[0] + len(ns))) for ns in by_document.values())
    assert {c.speaker for c in answer.citations} == {"Anna Berg", "Mia Kerr"}


def test_the_same_sentence_in_two_reports_is_cited_once() -> None:
    question = "What was said about digital risks?"
    query = fake_embed([question])[0]
    first = passage(REPORT, 0, len(REPORT), dense_score=0.55)
    copy = passage(REPORT, 0, len(REPORT), dense_score=0.5, document_id="doc-copy")
    answer = compose_answer(question, [first, copy], query, fake_embed)
    assert {c.document_id for c in answer.citations} == {"doc-1"}


def test_max_sentences_caps_the_statements() -> None:
    answer = ask("What was said about digital risks?", max_sentences=1)
    assert len(answer.citations) == 1
    assert_invariants(answer, REPORT)


def test_footnote_markers_in_reports_do_not_read_as_citations() -> None:
    answer = ask("What did Tom Hale say about dairy farming and rain?")
    assert answer.found
    assert answer.citations[0].speaker == "Tom Hale"
    assert answer.citations[0].passage.endswith("needs rain [3].")
    assert "[3]" not in answer.text
    assert_invariants(answer, REPORT)


def test_a_question_naming_a_speaker_keeps_that_speakers_sentences() -> None:
    text = REPORT.replace("dairy farming needs rain", "digital risks need rules")
    answer = ask("What did Tom Hale say about digital risks?", text=text)
    assert [c.speaker for c in answer.citations] == ["Tom Hale"]


def test_pages_come_from_the_passage() -> None:
    query = fake_embed(["digital risks"])[0]
    pages = (PageSpan(1, 0, 100), PageSpan(2, 100, len(REPORT)))
    p = passage(REPORT, 0, len(REPORT), dense_score=0.6, pages=pages)
    answer = compose_answer("What was said about digital risks?", [p], query, fake_embed)
    assert answer.found
    for c in answer.citations:
        assert c.page == p.page_at(c.start) == (1 if c.start < 100 else 2)


def test_templates_come_from_the_texts_given() -> None:
    texts = TEXTS.model_copy(update={"nothing_found": "Nothing.", "line": "* {statement} [{n}]"})
    assert ask("What is the recipe for lasagna?", texts=texts).text == "Nothing."
    answer = ask("What was said about digital risks?", texts=texts)
    assert all(line.startswith(("In ", "* ")) for line in answer.text.splitlines())


def test_prompts_file_loads(tmp_path: Path) -> None:
    assert isinstance(TEXTS, AnswerTexts) and "{statement}" in TEXTS.line
    bad = tmp_path / "answer.toml"
    bad.write_text('nothing_found = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError):
        load_answer_texts(bad)


def test_a_citation_that_does_not_quote_its_span_is_refused() -> None:
    answer = ask("What was said about digital risks?")
    query = fake_embed(["What was said about digital risks?"])[0]
    chosen = compose.select(
        compose.rank_sentences(
            "What was said about digital risks?",
            [passage(REPORT, 0, len(REPORT), dense_score=0.6)],
            query,
            fake_embed,
        ),
        6,
    )
    broken = replace(
        answer, citations=(replace(answer.citations[0], start=0), *answer.citations[1:])
    )
    with pytest.raises(AssertionError):
        compose._check(broken, chosen)
    with pytest.raises(AssertionError):
        compose._check(replace(answer, text=answer.text + " [9]"), chosen)


def test_sentence_vector_cache_embeds_each_text_once() -> None:
    calls: list[list[str]] = []

    def counting(texts: Sequence[str]) -> np.ndarray:
        calls.append(list(texts))
        return fake_embed(texts)

    cache = SentenceVectorCache(counting, maxsize=2)
    first = cache(["a b", "c d", "a b"])
    assert calls == [["a b", "c d"]]
    assert np.allclose(first[0], first[2]) and np.allclose(first, fake_embed(["a b", "c d", "a b"]))
    cache(["c d"])
    assert len(calls) == 1
    cache(["e f"])  # evicts "a b", the least recently used
    cache(["a b"])
    assert calls[-1] == ["a b"]


# --- with the real model ---------------------------------------------------------------


@pytest.fixture(scope="module")
def real_embed(request: pytest.FixtureRequest) -> Callable[[Sequence[str]], np.ndarray]:
    """The bundled model through ``index.embed`` (the session's ``real_embedder``)."""
    embedder = request.getfixturevalue("real_embedder")
    return embedder.embed


def seed_texts() -> list[str]:
    path = SEED / "000_c747f71a7a95dcaf.txt"
    if not path.is_file():
        pytest.skip("../shared/seed is absent")
    raw = path.read_text(encoding="utf-8")
    try:
        from index.clean import clean_text
    except ImportError:
        return [raw]
    return [raw, clean_text(raw)]


def seed_passages(
    text: str, question: str, embed: Callable[[Sequence[str]], np.ndarray]
) -> tuple[list[Passage], np.ndarray]:
    """~800-character windows of the seed, ranked by cosine with the question."""
    starts = list(range(0, len(text), 700))
    spans = [(s, min(len(text), s + 800)) for s in starts]
    vectors = embed([text[s:e] for s, e in spans])
    query = embed([question])[0]
    cosines = vectors @ query
    order = np.argsort(-cosines)[:8]
    passages = [
        Passage(
            chunk_id=f"seed:{spans[i][0]}",
            document_id="seed-000",
            title="Russia and China: Hand in hand on the path to a digital future",
            date="2022-04-01",
            url=None,
            source="000_c747f71a7a95dcaf.txt",
            language="en",
            start=spans[i][0],
            end=spans[i][1],
            text=text[spans[i][0] : spans[i][1]],
            score=float(cosines[i]),
            dense_score=float(cosines[i]),
            lexical_score=0.0,
            document_text=text,
        )
        for i in order
    ]
    return passages, query


@pytest.mark.slow
@pytest.mark.parametrize("cleaned", [False, True], ids=["raw", "cleaned"])
def test_seed_digital_risks(real_embed: Embed, cleaned: bool) -> None:
    texts = seed_texts()
    if cleaned and len(texts) < 2:
        pytest.skip("index.clean is not available")
    text = texts[int(cleaned)]
    question = "What was said about digital risks?"
    passages, query = seed_passages(text, question, real_embed)
    answer = compose_answer(question, passages, query, SentenceVectorCache(real_embed))
    assert answer.found
    assert_invariants(answer, text)
    said = {(c.speaker, c.passage) for c in answer.citations}
    assert any(
        who == "Lidia Mikheeva" and "the world is not fully aware of the many risks" in quote
        for who, quote in said
    )
    assert any(
        who == "Evgenia Dmitrieva" and "digital inequalities, cybercrime, bullying" in quote
        for who, quote in said
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "What is the recipe for lasagna?",
        "Who won the 2018 World Cup?",
        "How do I reset my router password?",
        "What is the digital camera market share of Canon?",
    ],
)
def test_seed_questions_the_reports_cannot_answer(real_embed: Embed, question: str) -> None:
    text = seed_texts()[-1]
    passages, query = seed_passages(text, question, real_embed)
    answer = compose_answer(question, passages, query, real_embed)
    assert not answer.found and answer.citations == ()
    assert answer.text == TEXTS.nothing_found


@pytest.mark.slow
def test_seed_answer_time_with_warm_sentence_vectors(real_embed: Embed) -> None:
    text = seed_texts()[-1]
    question = "What did Guo Jun say about the digital economy?"
    passages, query = seed_passages(text, question, real_embed)
    cache = SentenceVectorCache(real_embed)
    compose_answer(question, passages, query, cache)
    started = time.perf_counter()
    answer = compose_answer(question, passages, query, cache)
    elapsed = time.perf_counter() - started
    assert {c.speaker for c in answer.citations} == {"Guo Jun"}
    assert elapsed < 0.1, f"{elapsed * 1000:.0f} ms without embedding"
