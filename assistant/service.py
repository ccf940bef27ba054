"""The one service object every adapter calls: HTTP, MCP, chat page and CLI.

It holds the open snapshot and the query embedder. A new ``current`` snapshot is
opened and verified off to the side, then swapped in with one assignment: a
request reads ``self._state`` once and finishes on the snapshot it started with.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.answer.question import topic_words
from assistant.answer.score import CrossLingual, WordVectors, cross_lingual
from assistant.answer.weights import WEIGHTS, Weights
from assistant.compose import compose_answer
from assistant.errors import NotFoundError, NotReadyError, QueryError
from assistant.fuse import SEARCH_PASSAGE_CHARS, matched_words, search_window
from assistant.llm import ChatModel, Kept, Outcome, fluent
from assistant.people import PeopleMatch, named_people, without_spans
from assistant.retrieve import (
    Filters,
    allowed_documents,
    rank_segments,
    search,
    with_named_gathering,
    with_named_speaker,
)
from assistant.settings import LLMConfig
from assistant.terms import answer_type, content_terms, question_words
from assistant.types import Answer, Passage, SegmentHit
from index.config import BuildConfig
from index.embed import Embedder, load_embedder, physical_cores
from index.errors import SnapshotError
from index.layout import IndexDir
from index.lexical import tokenize
from index.lexicon import HAPPENING
from index.models import Document
from index.multilingual import MultilingualEmbedder, load_multilingual
from index.snapshot import Snapshot, SpeakerEntry

# Threads of the multilingual model for one question (see ``multilingual``).
QUESTION_THREADS = min(2, physical_cores())

log = logging.getLogger("assistant.service")
# Passages a segment search reads: a transcript's segments are scored by the passages
# found inside them, and 20 passages reach the segments of a few meetings.
SEGMENT_PASSAGES = 20


@dataclass(frozen=True)
class LoadedIndex:
    snapshot: Snapshot
    loaded_at: float
    _words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def version(self) -> str:
        return self.snapshot.id

    @property
    def built_at(self) -> str:
        return str(self.snapshot.manifest.get("built_at", ""))

    @cached_property
    def reports(self) -> tuple[Document, ...]:
        docs = [replace(d, text="") for d in self.snapshot.documents()]
        docs.sort(key=lambda d: (d.date or "", d.title), reverse=True)
        return tuple(docs)

    def words_of(self, document_id: str) -> frozenset[str]:
        """The stems of a report's content words (``terms.content_terms``), the report
        read and its words worked out once for each report asked about (none for an id
        the snapshot lacks)."""
        words = self._words.get(document_id)
        if words is None:
            document = self.snapshot.document(document_id)
            text = document.text if document is not None else ""
            words = self._words[document_id] = frozenset(content_terms(text))
        return words

    @property
    def age_s(self) -> float:
        try:
            built = datetime.fromisoformat(self.built_at)
        except ValueError:
            return 0.0
        return max(0.0, (datetime.now(UTC) - built).total_seconds())


@dataclass(frozen=True)
class IndexStatus:
    """What adapters may know about the index being served (``/readyz``, ``/metrics``)."""

    ready: bool
    version: str | None
    built_at: str | None
    age_s: float | None
    loaded_at: float | None
    documents: int | None
    chunks: int | None
    problems: tuple[str, ...]
    message: str | None
    reloads: int
    index_dir: Path


@dataclass(frozen=True)
class AnswerResult:
    answer: Answer
    passages: tuple[Passage, ...]
    index_version: str
    took_ms: float
    mode: str = "extractive"  # "llm": the model's verified sentences; "extractive"
    reason: str | None = None  # why the answer is extractive (None when it is the model's)
    generated: int = 0  # sentences the model wrote
    dropped: int = 0  # of those, how many failed verification


@dataclass(frozen=True)
class SearchResult:
    passages: tuple[Passage, ...]
    index_version: str
    took_ms: float
    segments: tuple[SegmentHit, ...] | None = None  # when asked for


class AssistantService:
    def __init__(
        self,
        config: BuildConfig,
        *,
        embedder: Embedder | None = None,
        multilingual: MultilingualEmbedder | None = None,
        max_top_k: int = 50,
        max_question_chars: int = 1000,
        llm: LLMConfig | None = None,
        weights: Weights = WEIGHTS,
    ) -> None:
        self.config = config
        # every weight, bar and window of an answer; a calibration passes its own
        self.weights = weights
        self.llm = llm or LLMConfig()
        self._model: ChatModel | None = None
        self.layout = IndexDir(config.index_dir)
        self.max_top_k = max_top_k
        self.max_question_chars = max_question_chars
        self._embedder = embedder
        self._multilingual = multilingual
        # Runs the multilingual model's question embedding beside MiniLM's (``question_vectors``)
        self._beside = ThreadPoolExecutor(max_workers=8, thread_name_prefix="multilingual")
        self._state: LoadedIndex | None = None
        self._swap_lock = threading.Lock()
        self.last_error: str | None = None
        self.problems: list[str] = []
        self.reloads = 0  # snapshots swapped in after the first (a metric)
        self._seen_current: str | None = None  # `current` as reload_if_moved last saw it

    # --- loading and swapping ------------------------------------------------------

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(
                self.config.embed, self.config.embed.cache_dir or self.layout.models
            )
        return self._embedder

    @property
    def multilingual(self) -> MultilingualEmbedder:
        """The multilingual model (loaded at first use: only snapshots built with it ask)."""
        if self._multilingual is None:
            # Two threads a question, waiting passively: the engine's OpenMP threads
            # otherwise spin between its ~100 parallel steps, which took p50 903 ms a
            # question on a 2-core machine busy with other work (2026-12-01). Passive,
            # a 16-word question took 20 ms on 2 threads and 34 ms on one on an idle
            # 2-core Xeon, 33 and 45 ms while a build ran beside it (2026-12-01, third
            # session); README "Query speed".
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            self._multilingual = load_multilingual(QUESTION_THREADS, beside=self.embedder.backend)
        return self._multilingual

    @cached_property
    def word_vectors(self) -> WordVectors:
        """Single words in the multilingual model, kept (``CrossLingual.said_together``)."""
        return WordVectors(self.multilingual)

    def multilingual_query(self, snapshot: Snapshot, text: str) -> np.ndarray | None:
        return self.multilingual.embed_query(text) if snapshot.multilingual is not None else None

    def question_vectors(
        self, snapshot: Snapshot, question: str, context: Sequence[str] = ()
    ) -> tuple[np.ndarray, Callable[[], np.ndarray | None], str]:
        """The question's MiniLM vector (earlier turns mixed in), a function that gives
        its multilingual vector (None when the snapshot has no multilingual index), and
        its lexical text. The multilingual model runs in a thread (its engine releases
        the GIL) while MiniLM embeds and BM25 and FAISS search: the model costs ~20 ms a
        question whatever its length on a 2-core machine, MiniLM and the searches ~10 ms
        (README "Query speed")."""
        text = self._query_text(question, context)
        if snapshot.multilingual is None:
            return self._query_vector(question, context), lambda: None, text
        later = self._beside.submit(self.multilingual.embed_query, text)
        return self._query_vector(question, context), later.result, text

    def passages_for(
        self,
        snapshot: Snapshot,
        vector: np.ndarray,
        ml_vector: Callable[[], np.ndarray | None],
        query_text: str,
        top_k: int,
        filters: Filters | None,
        question: str,
    ) -> tuple[list[Passage], CrossLingual | None]:
        """The passages an answer reads (hybrid retrieval, multilingual vectors where the
        snapshot has them) and the scorer of its statements in other languages."""
        passages = search(
            snapshot, vector, query_text, top_k, filters, multilingual_vector=ml_vector
        )
        return passages, cross_lingual(question, snapshot, ml_vector(), self.word_vectors)

    @property
    def state(self) -> LoadedIndex:
        state = self._state
        if state is None:
            raise NotReadyError(
                self.last_error
                or f"no index is loaded from {self.config.index_dir}; build one with "
                "`assistant index build`"
            )
        return state

    @property
    def ready(self) -> bool:
        return self._state is not None

    def load(self) -> bool:
        """(Re)load ``current``; on a corrupt one fall back to the newest valid
        snapshot. Returns True when a different snapshot was swapped in."""
        with self._swap_lock:
            current = self._state.version if self._state else None
            wanted = self.layout.current_id()
            if wanted is not None and wanted == current:
                return False
            candidates = [wanted] if wanted else []
            candidates += [i for i in reversed(self.layout.snapshot_ids()) if i != wanted]
            problems = []
            for snapshot_id in candidates:
                if snapshot_id == current:
                    # The running snapshot stays if `current` points at something broken.
                    break
                try:
                    snapshot = Snapshot.open(self.layout.snapshots / snapshot_id)
                    self._check_model(snapshot)
                except SnapshotError as exc:
                    problems.append(str(exc))
                    log.error("snapshot %s is not usable: %s", snapshot_id, exc)
                    continue
                if snapshot_id != wanted:
                    log.warning("serving %s instead of current=%s", snapshot_id, wanted)
                if self._state is not None:
                    self.reloads += 1
                self._state = LoadedIndex(snapshot, time.time())
                self._seen_current = wanted
                self.problems = problems
                self.last_error = None
                log.info("serving snapshot %s", snapshot_id)
                return True
            self.problems = problems
            if self._state is None:
                self.last_error = (
                    f"no valid snapshot in {self.config.index_dir}: "
                    + ("; ".join(problems) or "the index has not been built yet")
                    + ". Run `assistant index build`."
                )
            return False

    def reload_if_moved(self) -> bool:
        """Load ``current`` if its link changed since the last look (one readlink).

        Only a change of the link triggers a load: a ``current`` found unusable is not
        verified (and logged) again at every poll; ``load`` (the admin reload) retries
        it. Returns True when a different snapshot was swapped in."""
        target = self.layout.current_id()
        if target == self._seen_current:
            return False
        self._seen_current = target
        if target == (self._state.version if self._state else None):
            return False
        return self.load()

    def status(self) -> IndexStatus:
        state = self._state
        return IndexStatus(
            ready=state is not None,
            version=state.version if state else None,
            built_at=state.built_at if state else None,
            age_s=round(state.age_s, 1) if state else None,
            loaded_at=state.loaded_at if state else None,
            documents=state.snapshot.document_count if state else None,
            chunks=state.snapshot.chunk_count if state else None,
            problems=tuple(self.problems),
            message=None if state else self.last_error,
            reloads=self.reloads,
            index_dir=self.layout.root,
        )

    def warm_up(self) -> None:
        """Load the model now rather than at the first question."""
        self.embedder.embed_query("warm up")
        state = self._state
        if state is not None and state.snapshot.multilingual is not None:
            self.multilingual.embed_query("warm up")

    def _check_model(self, snapshot: Snapshot) -> None:
        built_with = snapshot.manifest["model"]["id"]
        if built_with != self.embedder.model_id:
            raise SnapshotError(
                f"snapshot {snapshot.id} was built with {built_with} but this server "
                f"embeds with {self.embedder.model_id}; rebuild with `assistant index build --full`"
            )
        ml = snapshot.multilingual_model
        if ml is not None and ml != self.multilingual.model_id:
            raise SnapshotError(
                f"snapshot {snapshot.id} was built with {ml} but this server embeds "
                f"questions with {self.multilingual.model_id}; rebuild with "
                "`assistant index build --full`"
            )

    # --- queries -------------------------------------------------------------------

    def _check(self, text: str, top_k: int, what: str = "question") -> str:
        text = text.strip()
        if not text:
            raise QueryError(f"the {what} is empty; send some words to look for")
        if len(text) > self.max_question_chars:
            raise QueryError(
                f"the {what} has {len(text)} characters; send at most {self.max_question_chars}"
            )
        if not 1 <= top_k <= self.max_top_k:
            raise QueryError(f"top_k={top_k}; use a value from 1 to {self.max_top_k}")
        return text

    def search(
        self,
        query: str,
        top_k: int = 10,
        filters: Filters | None = None,
        mode: str = "hybrid",
        segments: bool = False,
    ) -> SearchResult:
        """``mode``: hybrid (served), or dense, lexical, rrf (for ``assistant eval``).
        ``segments``: also the topic segments of transcripts the passages fall in (read
        from the best ``SEGMENT_PASSAGES`` passages, at most ``top_k``)."""
        tick = time.perf_counter()
        query = self._check(query, top_k, "query")
        state = self.state
        vector, ml_vector, _ = self.question_vectors(state.snapshot, query)
        passages = search(
            state.snapshot, vector, query, top_k, filters, mode=mode, multilingual_vector=ml_vector
        )
        words = _QueryWords(query)
        hits = tuple(_search_hit(state.snapshot, p, words) for p in passages)
        found = None
        if segments:
            wider = passages
            if top_k < SEGMENT_PASSAGES:
                wider = search(
                    state.snapshot,
                    vector,
                    query,
                    SEGMENT_PASSAGES,
                    filters,
                    mode=mode,
                    multilingual_vector=ml_vector,
                )
            found = tuple(rank_segments(state.snapshot, vector, wider, top_k))
        took = (time.perf_counter() - tick) * 1000
        return SearchResult(hits, state.version, round(took, 1), found)

    def answer(
        self,
        question: str,
        top_k: int = 8,
        filters: Filters | None = None,
        context: Sequence[str] = (),
    ) -> AnswerResult:
        """The answer: the model's verified sentences when a model is configured and
        enough of them hold, else the extractive one (``mode`` and ``reason`` say)."""
        result: AnswerResult | None = None
        for event in self.answer_events(question, top_k, filters, context):
            if isinstance(event, AnswerResult):
                result = event
        if result is None:  # answer_events always ends with one
            raise AssertionError("the answer stream ended without an answer")
        return result

    def answer_events(
        self,
        question: str,
        top_k: int = 8,
        filters: Filters | None = None,
        context: Sequence[str] = (),
        stop: threading.Event | None = None,
    ) -> Iterator[Kept | AnswerResult]:
        """Each verified sentence of the model's answer as soon as it is checked, then
        the ``AnswerResult`` (always last). The question is checked and the extractive
        answer composed before this returns, so bad input raises here, not mid-stream.
        Setting ``stop`` (a client went away) closes the model's connection."""
        tick = time.perf_counter()
        extractive = self._extractive(question, top_k, filters, context)
        return self._events(question, extractive, context, stop, tick)

    def _extractive(
        self, question: str, top_k: int, filters: Filters | None, context: Sequence[str]
    ) -> AnswerResult:
        tick = time.perf_counter()
        question = self._check(question, top_k)
        if self_contained(question):
            context = ()  # earlier turns never decide whether it is answered
        state = self.state
        people = named_people(question, self._speakers(state.snapshot, filters), any_verb=True)
        people = _reports_not_people(state.snapshot, people)
        filters, speaker = with_named_speaker(state.snapshot, question, filters, people)
        # "… in the debate on the High North": that debate, and the rest is the topic
        scoped, asked = with_named_gathering(state.snapshot, question, filters)
        if asked != question and _of_the_gathering(asked):
            asked = question  # within the gathering's report, asked whole
        answer, passages = self._compose(
            state.snapshot, question, asked, top_k, scoped, context, people, speaker
        )
        if not answer.found and asked != question and _about_gathering(state, asked, scoped):
            # what is left of the question is said in the gathering's report ("On which
            # days was [the Rabat assembly] held?" asks about the gathering itself)
            answer, passages = self._compose(
                state.snapshot, question, question, top_k, scoped, context, people, speaker
            )
        took = (time.perf_counter() - tick) * 1000
        return AnswerResult(answer, tuple(passages), state.version, round(took, 1))

    def _compose(
        self,
        snapshot: Snapshot,
        question: str,
        asked: str,
        top_k: int,
        filters: Filters | None,
        context: Sequence[str],
        people: PeopleMatch,
        speaker: str | None,
    ) -> tuple[Answer, list[Passage]]:
        """The extractive answer to ``question`` within ``filters``, and the passages
        read; ``asked``: the question with the name of the gathering it names blanked
        out (``with_named_gathering``), what the reports are searched with."""
        vector, ml_vector, query_text = self.question_vectors(snapshot, asked, context)
        passages, multilingual = self.passages_for(
            snapshot, vector, ml_vector, query_text, top_k, filters, asked
        )
        if not people.speakers and not people.unknown and passages:
            people = self._office_holders(snapshot, question, passages, people)
        if (
            (people.speakers or people.unknown)
            and asked != question
            and topic_words(without_spans(asked, people.spans))
        ):
            # a person's topic is read without their name, and the gathering's name
            # says when ("when closing the seminar"); with nothing else to ask ("What
            # did X say at [the webinar]?") it asks for what they said there
            asked = question
            vector = self._query_vector(question, context)
        if speaker is not None:
            # within the speaker's reports their name says nothing: every sentence that
            # names their country would look relevant ("the full support of Finland")
            asked = " ".join(asked.replace(speaker, " ").split())
            vector = self.embedder.embed_query(asked)
        answer = compose_answer(
            asked,
            passages,
            vector,
            snapshot,
            allowed=allowed_documents(snapshot, filters),
            embed_query=self.embedder.embed_query,
            multilingual=multilingual,
            embed_multilingual=lambda text: self.multilingual_query(snapshot, text),
            # worked out above for the question as asked (not for one cut of its speaker)
            people=people if speaker is None else None,
            scoped=speaker is not None or _scoped(filters),
            weights=self.weights,
        )
        return answer, passages

    @staticmethod
    def _office_holders(
        snapshot: Snapshot, question: str, passages: Sequence[Passage], people: PeopleMatch
    ) -> PeopleMatch:
        """An office held in many reports ("the Commissioner", "the chair" of every
        meeting) names too many people to be anyone; in the report the question finds
        best (its first passage's) it names the one who holds it there (the Commission
        member of the debate on dioxin). ``people`` when it names no one there either."""
        first = passages[0].document_id
        local = [s for s in snapshot.speakers() if first in s.documents]
        found = named_people(question, local, any_verb=True)
        return found if found.speakers and found.by_role else people

    @staticmethod
    def _speakers(snapshot: Snapshot, filters: Filters | None) -> list[SpeakerEntry]:
        """The speakers of the reports ``filters`` keep: within one meeting, "F" is the
        one "PhD F" who speaks there, not one of the index's many."""
        speakers = snapshot.speakers()
        allowed = allowed_documents(snapshot, filters)
        if allowed is None:
            return speakers
        return [s for s in speakers if any(allowed(d) for d in s.documents)]

    def _events(
        self,
        question: str,
        extractive: AnswerResult,
        context: Sequence[str],
        stop: threading.Event | None,
        tick: float,
    ) -> Iterator[Kept | AnswerResult]:
        def done(result: AnswerResult, **change: object) -> AnswerResult:
            took = round((time.perf_counter() - tick) * 1000, 1)
            return replace(result, took_ms=took, **change)  # type: ignore[arg-type]

        if not self.llm.enabled:
            yield done(extractive, reason="no language model is configured")
            return
        if not extractive.answer.found:
            yield done(extractive, reason="the reports hold nothing that answers this")
            return
        if extractive.answer.note is not None:
            yield done(extractive, reason="the answer lists mentions; the model was not asked")
            return
        state = self.state
        history = [c.strip() for c in context if c.strip()][-self.llm.max_history :]
        if self.llm.max_history == 0:
            history = []
        for event in fluent(
            question.strip(),
            extractive.answer,
            state.snapshot,
            self.model,
            self.embedder.embed_query,
            history=[h[: self.max_question_chars] for h in history],
            stop=stop,
        ):
            if isinstance(event, Outcome):
                yield done(
                    extractive,
                    answer=event.answer,
                    mode=event.mode,
                    reason=event.reason,
                    generated=event.generated,
                    dropped=event.dropped,
                )
                return
            yield event

    @property
    def model(self) -> ChatModel:
        if self._model is None:
            self._model = ChatModel(self.llm)
        return self._model

    def _query_text(self, question: str, context: Sequence[str]) -> str:
        """The lexical text a question is searched with: with the words of the earlier
        turns of a conversation (``_query_vector``)."""
        return " ".join([*_earlier_turns(context), question])

    def _query_vector(self, question: str, context: Sequence[str]) -> np.ndarray:
        """The vector a question is searched with.

        Follow-ups ("And what did Guo Jun say?") lean on earlier turns: the
        earlier questions are embedded too and mixed into the query vector with
        a smaller weight, and their words join the lexical query, so the topic
        of the conversation carries over while the new question leads.
        """
        vector = self.embedder.embed_query(question)
        earlier = _earlier_turns(context)
        if not earlier:
            return vector
        # Weight 0.5 for the last turn, 0.25 for the one before: the new question
        # dominates, the topic stays. (Query expansion by history, as in
        # conversational search baselines, e.g. TREC CAsT "all previous turns".)
        weights = [0.25, 0.5][-len(earlier) :]
        mixed = vector.copy()
        for w, text in zip(weights, earlier, strict=True):
            mixed += w * self.embedder.embed_query(text[: self.max_question_chars])
        mixed /= np.linalg.norm(mixed) or 1.0
        return mixed.astype(np.float32)

    def reports(self) -> tuple[tuple[Document, ...], str]:
        """Every report of the loaded index without its text, newest first (cached)."""
        state = self.state
        return state.reports, state.version

    def document(self, document_id: str) -> tuple[Document, str]:
        state = self.state
        doc = state.snapshot.document(document_id)
        if doc is None:
            raise NotFoundError(
                f"no document {document_id!r} in index version {state.version}; "
                "take document ids from citations or search results"
            )
        return doc, state.version


class _QueryWords:
    """A query's BM25 tokens in each report language, and the tokens of the words of the
    passages found, each word tokenized once per search (``matched_words``)."""

    def __init__(self, query: str) -> None:
        self.query = query
        self._wanted: dict[str | None, frozenset[str]] = {}
        self._seen: dict[str | None, dict[str, list[str]]] = {}

    def wanted(self, language: str | None) -> frozenset[str]:
        if language not in self._wanted:
            self._wanted[language] = frozenset(tokenize([self.query], language)[0])
        return self._wanted[language]

    def tokens(self, language: str | None) -> Callable[[Sequence[str]], list[list[str]]]:
        seen = self._seen.setdefault(language, {})

        def tokens(words: Sequence[str]) -> list[list[str]]:
            new = [w for w in words if w not in seen]
            if new:
                seen.update(zip(new, tokenize(new, language), strict=True))
            return [seen[w] for w in words]

        return tokens


def _search_hit(snapshot: Snapshot, passage: Passage, query: _QueryWords) -> Passage:
    """A search result as a reader sees it: at most ``SEARCH_PASSAGE_CHARS`` of the merged
    passage around its best chunk, with the words that match the query marked. (Only
    search results: an answer reads the whole merged passages.)"""
    text, language = passage.document_text, passage.language
    wanted, tokens = query.wanted(language), query.tokens(language)

    def words(start: int, end: int) -> list[tuple[int, int]]:
        return matched_words(text, start, end, wanted, tokens)

    best = next(
        (
            (max(c.chunk.start, passage.start), min(c.chunk.end, passage.end))
            for c in snapshot.chunks_of(passage.document_id)
            if c.chunk.id == passage.chunk_id
        ),
        (passage.start, passage.end),
    )
    # the matches steer the window only inside a best chunk longer than a window
    steer = words(*best) if best[1] - best[0] > SEARCH_PASSAGE_CHARS else []
    start, end = search_window(text, passage.start, passage.end, best, steer)
    marked = tuple((s - start, e - start) for s, e in words(start, end))
    return replace(passage, start=start, end=end, text=text[start:end], highlights=marked)


# A question with at least this many content words of its own says what it asks
# about: "Что говорилось о цифровых рисках?" was refused asked alone and answered after
# English questions, a French question answered alone was refused after six others.
# Follow-ups that lean on the conversation have fewer ("Why?", "And in 2023?", "What
# about her?").
SELF_CONTAINED_WORDS = 2


def self_contained(question: str) -> bool:
    """Whether ``question`` says what it asks about without the conversation."""
    return len(content_terms(question, question_words(question))) >= SELF_CONTAINED_WORDS


def _earlier_turns(context: Sequence[str]) -> list[str]:
    """The last two earlier turns of a conversation that say something: what a
    follow-up question is searched with besides its own words and vector."""
    return [c.strip() for c in context if c.strip()][-2:]


# A question asked of at most this many reports (``Filters.document_ids``) is asked of
# them: it is refused only when off-topic there (``assistant.answer.select.answer_bar``).
SCOPED_REPORTS = 3


def _scoped(filters: Filters | None) -> bool:
    return filters is not None and 1 <= len(filters.document_ids) <= SCOPED_REPORTS


def _reports_not_people(snapshot: Snapshot, people: PeopleMatch) -> PeopleMatch:
    """``people`` without the names that no speaker has and some reports' names hold
    ("What did Northwind Freight say about fuel prices?" over its annual reports, which
    speak for it and name it only on their covers): those reports are its word
    (``retrieve.with_named_speaker``), not "Northwind Freight does not speak in the
    reports". A name every report's name holds names none of them."""
    names = snapshot.report_names
    if people.speakers or not people.unknown:
        return people
    if all(0 < len(names.naming(name)) < len(names) for name in people.unknown):
        return PeopleMatch((), (), ())
    return people


def _of_the_gathering(asked: str) -> bool:
    """Whether a question, once the gathering it names is blanked out (``asked``), asks
    only about that gathering's taking place ("When was [the Rabat General Assembly]
    held?", "Where did [the Youth Forum] take place?"): blanked, "When was the held?"
    matched "The next General Assembly will be held in 2025." of the Rabat report, and
    "Where did the take place?" nothing of the Dakar one."""
    topic = topic_words(asked)
    return bool(topic) and topic <= HAPPENING


def _about_gathering(state: LoadedIndex, asked: str, filters: Filters | None) -> bool:
    """Whether what is left of a question once the gathering it names is blanked out
    (``asked``) asks about the gathering itself: a factoid ("On which days was [the
    Rabat assembly] held?"), or words of its own topic (less those of asking, of speech,
    of a gathering and of an overview) that one of the reports ``filters`` keep says
    every one of ("What came out of [the hearing]? Go through what each council
    said."). "… [the AI and work roundtable] on taxing robots" is not: the roundtable
    never says tax."""
    if answer_type(asked) is not None:
        return True
    topic = topic_words(asked)
    if not topic or filters is None:
        return False
    return any(topic <= state.words_of(d) for d in filters.document_ids)
