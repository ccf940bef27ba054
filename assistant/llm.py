"""Fluent answers from the organisation's own language model, every sentence checked.

The extractive answer (``assistant.compose``) chooses the statements; each of its
citations becomes a numbered passage of the prompt (``prompts/llm.toml``: title, date,
speaker, role, the quoted span). The model's reply is read as it streams, cut into
sentences, and each sentence is checked (``assistant.verify``) before it is passed on:
kept sentences cite the exact spans of the statements that support them; the others
are dropped and counted. When too little survives, or the model cannot be reached,
is slow, or writes nothing usable, the answer is the extractive one, and it says so.

The client is the ``openai`` package (any OpenAI-compatible chat-completions endpoint:
vLLM, Ollama, llama.cpp's server, a cloud endpoint); nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib
import logging
import re
import threading
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from pydantic import BaseModel, ConfigDict

from assistant.settings import LLMConfig
from assistant.types import Answer, Citation, Statement
from assistant.verify import Evidence, Verdict, markers, verify
from index.models import Document, page_at
from index.snapshot import Snapshot

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

log = logging.getLogger("assistant.llm")

PROMPT_FILE = Path(__file__).resolve().parents[1] / "prompts" / "llm.toml"

# The model's answer stands when at least this share of its sentences is verified (and
# at least one is): an answer that loses most of its sentences has lost its thread, and
# the extractive answer says the same things with nothing left out.
MIN_KEPT_SHARE = 0.5
# Passages given to the model: the extractive answer's citations, in its order.
MAX_PASSAGES = 6
# A passage is cut to this many characters in the prompt (a merged run of sentences of
# one speaker can be long; a small model's context is ~2,000 tokens).
MAX_PASSAGE_CHARS = 900


class ModelFailure(Exception):
    """The model could not be reached, failed, was too slow, or was stopped."""


class LLMPrompt(BaseModel):
    """The texts of ``prompts/llm.toml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    system: str
    passage: str
    unknown: str
    undated: str
    user: str
    history: str
    history_item: str


@lru_cache(maxsize=4)
def load_prompt(path: Path = PROMPT_FILE) -> LLMPrompt:
    with path.open("rb") as f:
        return LLMPrompt.model_validate(tomllib.load(f))


@dataclass(frozen=True)
class ModelPassage:
    """One numbered passage of the prompt: an extractive citation and its statements."""

    n: int
    citation: Citation
    role: str | None
    text: str  # as shown to the model
    evidence: tuple[Evidence, ...]


def model_passages(
    answer: Answer, snapshot: Snapshot, prompt: LLMPrompt | None = None
) -> list[ModelPassage]:
    """The extractive answer's citations as numbered passages, with the sentence-layer
    statements inside each span (what a generated sentence may rest on)."""
    prompt = prompt or load_prompt()
    out = []
    for n, c in enumerate(answer.citations[:MAX_PASSAGES], start=1):
        stored = snapshot.sentences_in(c.document_id, c.start, c.end)
        role = next((s.record.role for s in stored if s.record.role), None)
        context = " ".join(x for x in (c.title, c.date or "", c.speaker or "", role or "") if x)
        evidence = tuple(
            Evidence(
                n,
                s.record,
                s.vector_row,
                c.passage[s.record.start - c.start : s.record.end - c.start],
                context,
            )
            for s in stored
            if s.record.statement and c.start <= s.record.start and s.record.end <= c.end
        )
        text = " ".join(c.passage.split())
        if len(text) > MAX_PASSAGE_CHARS:
            text = text[: MAX_PASSAGE_CHARS - 1].rsplit(" ", 1)[0] + "…"
        out.append(ModelPassage(n, c, role, text, evidence))
    return out


def build_messages(
    question: str,
    passages: Sequence[ModelPassage],
    history: Sequence[str] = (),
    prompt: LLMPrompt | None = None,
) -> list[dict[str, str]]:
    """The chat messages: the system rules, then the passages, the earlier questions of
    the conversation (bounded by the caller) and the question."""
    prompt = prompt or load_prompt()
    shown = "\n\n".join(
        prompt.passage.format(
            n=p.n,
            title=" ".join(p.citation.title.split()),
            date=p.citation.date or prompt.undated,
            speaker=p.citation.speaker or prompt.unknown,
            role=" ".join((p.role or prompt.unknown).split()),
            text=p.text,
        )
        for p in passages
    )
    earlier = [" ".join(q.split()) for q in history if q.strip()]
    lines = "\n".join(prompt.history_item.format(question=q) for q in earlier)
    context = prompt.history.format(questions=lines) if earlier else ""
    user = prompt.user.format(passages=shown, history=context, question=" ".join(question.split()))
    return [{"role": "system", "content": prompt.system}, {"role": "user", "content": user}]


class ChatModel:
    """An OpenAI-compatible chat-completions endpoint, streamed."""

    def __init__(self, config: LLMConfig) -> None:
        from openai import OpenAI

        if not config.base_url:
            raise ValueError("no language model is configured (ASSISTANT_LLM__BASE_URL)")
        self.config = config
        key = "none"  # the client wants one; endpoints without keys ignore it
        if config.api_key_file is not None:
            lines = config.api_key_file.read_text(encoding="utf-8").split()
            key = lines[0] if lines else key
        # connect, read (each chunk), write, pool: each bounded by timeout_s.
        self._client = OpenAI(
            base_url=config.base_url, api_key=key, timeout=config.timeout_s, max_retries=0
        )

    def stream(
        self, messages: list[dict[str, str]], stop: threading.Event | None = None
    ) -> Iterator[str]:
        """The reply's text as it arrives. Raises ``ModelFailure`` when the endpoint
        cannot be reached, answers an error, stalls for ``timeout_s`` or runs past it
        in all; closes the connection (which stops the model) when ``stop`` is set or
        the caller stops reading."""
        import openai

        deadline = time.monotonic() + self.config.timeout_s
        errors: tuple[type[Exception], ...] = (openai.OpenAIError, *_HTTP_ERRORS)
        try:
            stream = self._client.chat.completions.create(
                model=self.config.model,
                messages=cast("list[ChatCompletionMessageParam]", messages),
                max_tokens=self.config.max_tokens,
                temperature=0.0,
                stream=True,
            )
        except errors as exc:
            raise self._failure(exc, streaming=False) from None
        with stream:
            try:
                for chunk in stream:
                    if stop is not None and stop.is_set():
                        raise ModelFailure("the client went away; the model was stopped")
                    if time.monotonic() > deadline:
                        raise ModelFailure(
                            f"the model did not finish within {self.config.timeout_s:g} s"
                        )
                    for choice in chunk.choices or ():
                        text = choice.delta.content if choice.delta else None
                        if text:
                            yield text
            except errors as exc:
                raise self._failure(exc, streaming=True) from None

    def _failure(self, exc: Exception, streaming: bool) -> ModelFailure:
        """What went wrong, in words: opening the reply (``streaming`` False) or reading
        it. ``openai`` wraps errors while opening; the transport's pass through later."""
        import openai

        limit = f"{self.config.timeout_s:g} s"
        if isinstance(exc, openai.APITimeoutError) or "timeout" in type(exc).__name__.lower():
            if streaming:
                return ModelFailure(f"the model stalled: nothing came for {limit}")
            return ModelFailure(f"the model did not answer within {limit}")
        if streaming:
            return ModelFailure(f"the model's stream failed ({_short(exc)})")
        if isinstance(exc, openai.APIConnectionError):
            return ModelFailure(f"the model could not be reached ({_short(exc)})")
        if isinstance(exc, openai.APIStatusError):
            return ModelFailure(f"the model answered HTTP {exc.status_code}")
        return ModelFailure(f"the model call failed ({_short(exc)})")


def _http_errors() -> tuple[type[Exception], ...]:
    """The transport's errors while a stream is read (a read timeout, a dropped
    connection): ``openai`` passes them through. Its transport is ``httpx2`` in the
    versions installed here, ``httpx`` in older ones."""
    errors: list[type[Exception]] = []
    for name in ("httpx2", "httpx"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        errors += [module.HTTPError, module.StreamError]
    return tuple(errors)


_HTTP_ERRORS = _http_errors()


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


# --- sentences out of a stream ------------------------------------------------------

# The end of a sentence: its stop, optionally its markers (before or after the stop).
_END = re.compile(
    r"""(?:[.!?…]["'”’)]*\s*(?:\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]\s*)*"""
    r"""|(?:\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]\s*)+[.!?]?["'”’)]*)(?=\s)"""
)


def sentences(chunks: Iterable[str]) -> Iterator[str]:
    """Whole sentences out of streamed text, each as soon as the next one has begun (or
    the stream ends): a sentence ends after its stop and any ``[n]`` markers that
    follow, or after markers, at white space before anything but another marker."""
    buffer = ""
    for chunk in chunks:
        buffer += chunk
        while True:
            cut = _cut(buffer)
            if cut is None:
                break
            sentence, buffer = buffer[:cut].strip(), buffer[cut:]
            if sentence:
                yield sentence
    if buffer.strip():
        yield buffer.strip()


def _cut(buffer: str) -> int | None:
    for line_end in re.finditer(r"\n", buffer):  # a line break always ends a sentence
        if buffer[: line_end.start()].strip():
            first = _first_end(buffer[: line_end.start() + 1])
            return first if first is not None else line_end.end()
    return _first_end(buffer)


def _first_end(text: str) -> int | None:
    for m in _END.finditer(text):
        rest = text[m.end() :]
        following = rest.lstrip()
        if not following:
            if "\n" in rest:
                return m.end()
            return None  # the next chunk may bring a marker: wait
        if following[0] == "[":
            continue
        if re.match(r"\d", following) and text[m.end() - 1] == ".":
            continue
        words = text[: m.start() + 1].split()
        if (
            words
            and len(words[-1]) <= 3
            and words[-1].rstrip(".").isalpha()
            and words[-1][0].isupper()
        ):
            continue  # "Mr." "Dr." "St." an initial: not an end
        return m.end()
    return None


# --- the fluent answer --------------------------------------------------------------


@dataclass(frozen=True)
class Kept:
    """A verified sentence, ready to show: its statement and its own citations."""

    statement: Statement
    citations: tuple[Citation, ...]  # the new ones it brings (numbered in the answer)
    text: str  # the sentence with its [n] markers, renumbered


@dataclass
class Outcome:
    """What the model's reply came to."""

    answer: Answer
    mode: str  # "llm" or "extractive"
    reason: str | None
    generated: int
    dropped: int
    verdicts: list[Verdict] = field(default_factory=list)


def fluent(
    question: str,
    extractive: Answer,
    snapshot: Snapshot,
    model: ChatModel,
    embed: Callable[[str], np.ndarray],
    history: Sequence[str] = (),
    stop: threading.Event | None = None,
) -> Iterator[Kept | Outcome]:
    """Yields each verified sentence as soon as it is checked, then the ``Outcome``
    (always last, always yielded: the extractive answer when the model's fails)."""
    passages = model_passages(extractive, snapshot)
    evidence = [e for p in passages for e in p.evidence]
    speakers = [s.name for s in snapshot.speakers()]
    documents: dict[str, Document] = {}
    kept: list[Kept] = []
    numbers: dict[tuple[str, int, int], int] = {}
    citations: list[Citation] = []
    verdicts: list[Verdict] = []

    def fallback(reason: str, level: int = logging.INFO) -> Outcome:
        # WARNING when the model was asked and did not answer (down, slow, empty): the
        # people who run it should look; INFO when it answered but too little held.
        dropped = sum(not v.kept for v in verdicts)
        log.log(level, "extractive answer instead of the model's: %s", reason)
        return Outcome(extractive, "extractive", reason, len(verdicts), dropped, verdicts)

    messages = build_messages(question, passages, history)
    try:
        for sentence in sentences(model.stream(messages, stop)):
            verdict = verify(
                sentence,
                len(passages),
                evidence,
                embed,
                snapshot.sentence_vectors_of,
                speakers,
            )
            verdicts.append(verdict)
            if not verdict.kept:
                log.info("dropped a generated sentence: %s", verdict.reason)
                continue
            item = _kept(verdict, numbers, citations, documents, snapshot, passages)
            kept.append(item)
            yield item
    except ModelFailure as exc:
        gone = stop is not None and stop.is_set()  # the caller left: nothing to look at
        yield fallback(str(exc), logging.INFO if gone else logging.WARNING)
        return
    if not verdicts:
        yield fallback("the model wrote nothing", logging.WARNING)
        return
    if not kept:
        yield fallback(f"none of the model's {len(verdicts)} sentences could be verified")
        return
    if len(kept) < MIN_KEPT_SHARE * len(verdicts):
        yield fallback(
            f"only {len(kept)} of the model's {len(verdicts)} sentences could be verified"
        )
        return
    answer = Answer(
        text=" ".join(k.text for k in kept),
        citations=tuple(citations),
        found=True,
        statements=tuple(k.statement for k in kept),
    )
    check_answer(answer, documents)
    dropped = len(verdicts) - len(kept)
    yield Outcome(answer, "llm", None, len(verdicts), dropped, verdicts)


def _kept(
    verdict: Verdict,
    numbers: dict[tuple[str, int, int], int],
    citations: list[Citation],
    documents: dict[str, Document],
    snapshot: Snapshot,
    passages: Sequence[ModelPassage],
) -> Kept:
    """A verified sentence with its support as citations of exact statement spans."""
    new: list[Citation] = []
    used: list[int] = []
    for e in verdict.support:
        r = e.record
        key = (r.document_id, r.start, r.end)
        if key not in numbers:
            document = documents.get(r.document_id) or snapshot.document(r.document_id)
            if document is None:  # the snapshot is immutable: never happens
                raise AssertionError(f"document {r.document_id} vanished from the snapshot")
            documents[r.document_id] = document
            base = passages[e.passage - 1].citation
            numbers[key] = len(citations) + 1
            c = replace(
                base,
                n=numbers[key],
                page=page_at(document.pages, r.start),
                speaker=r.speaker,
                passage=document.text[r.start : r.end],
                start=r.start,
                end=r.end,
                score=round(verdict.cosine, 4),
            )
            citations.append(c)
            new.append(c)
        if numbers[key] not in used:
            used.append(numbers[key])
    claim = verdict.claim
    speakers = {e.record.speaker for e in verdict.support}
    speaker = next(iter(speakers)) if len(speakers) == 1 else None
    role = next((e.record.role for e in verdict.support if e.record.speaker == speaker), None)
    statement = Statement(verdict.support[0].record.document_id, claim, tuple(used), speaker, role)
    marks = "".join(f"[{n}]" for n in used)
    if claim and claim[-1] in ".!?…":
        text = f"{claim[:-1]} {marks}{claim[-1]}"
    else:
        text = f"{claim} {marks}"
    return Kept(statement, tuple(new), text)


def check_answer(answer: Answer, documents: dict[str, Document]) -> None:
    """DESIGN.md's invariants for a fluent answer: every citation quotes its document's
    span; the markers used are exactly 1..N, numbered in order of first use."""
    for c in answer.citations:
        if documents[c.document_id].text[c.start : c.end] != c.passage:
            raise AssertionError(f"citation [{c.n}] does not quote its document span")
    used = list(dict.fromkeys(markers(answer.text)))
    if used != list(range(1, len(answer.citations) + 1)):
        raise AssertionError(f"markers {used} do not match {len(answer.citations)} citations")


def describe(outcome: Outcome) -> dict[str, Any]:
    """The outcome's figures for logs and benchmarks (never the key, never the prompt)."""
    return {
        "mode": outcome.mode,
        "reason": outcome.reason,
        "generated": outcome.generated,
        "dropped": outcome.dropped,
    }
