"""Retrieval: dense (FAISS) and lexical (BM25) over one snapshot, fused, merged.

Read-only over an immutable snapshot, so any number of threads may call it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from assistant import terms as terms_
from assistant.errors import QueryError
from assistant.fuse import language_fusion, reciprocal_rank_fusion, zscore_fusion
from assistant.people import PeopleMatch
from assistant.types import Passage, SegmentHit
from index.language import query_language
from index.lexical import BIGRAM_LANGUAGES, SNOWBALL
from index.multilingual import minilm_scale
from index.snapshot import Snapshot, StoredSegment

# Each side returns this many candidates per requested passage before fusion:
# enough depth for fusion to promote a passage one side ranks low.
CANDIDATES_PER_RESULT = 5
MIN_CANDIDATES = 50
# Weight of the dense side in the z-score fusion, chosen on HotpotQA-500 with
# `assistant eval` (README "Retrieval quality"): 0.3 … 0.5 are within 0.002.
DENSE_WEIGHT = 0.4
# A question that names a report (company, place, event type; year or fiscal period)
# adds this much, times how well the report's name matches (0…1, see
# index.naming.ReportNames), to the fused z-score of that report's passages. Chosen on
# the 60 tuning questions of eval/eval_named_reports.py (right report first 0.53 at
# 0, 0.88 at 2, 0.98 at 3; held-out 20: 1.00 at 3) and checked on HotpotQA-500 (nDCG@10
# 0.855 at 0, 0.859 at 3); README "PDF reports".
NAME_WEIGHT = 3.0
# The reports named best (up to this many) are also searched on their own, so their
# passages are candidates even when the whole index holds better-worded ones.
NAMED_REPORTS_SEARCHED = 3
# With multilingual vectors in the snapshot (index/multilingual.py): the weight of their
# z-score added to a row in the question's language. HotpotQA-500 nDCG@10 (English,
# eval/eval_multilingual_weight.py, 2026-12-01): 0 → 0.860 (as without them), 0.2 →
# 0.877, 0.5 → 0.890, 1 → 0.899, 2 → 0.904 (R@100 0.988 < 0.992), e5 alone 0.897.
# 1: past it the gain is small and the recall at 100 falls. For English questions only
# (see search).
MULTILINGUAL_WEIGHT = 1.0
# hybrid-minilm: the hybrid of MiniLM and BM25 alone (as before multilingual vectors);
# multilingual: the multilingual model's dense ranking alone. Both for evaluation.
MODES = ("hybrid", "dense", "lexical", "rrf", "multilingual", "hybrid-minilm")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filters:
    date_from: str | None = None  # inclusive, "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    date_to: str | None = None
    # A source path matches when one of these starts it or starts one of its path
    # parts: "2024/" matches "examples/reports/2024/webinar.html".
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    document_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value):
                raise QueryError(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")

    @property
    def empty(self) -> bool:
        return not (
            self.date_from or self.date_to or self.sources or self.languages or self.document_ids
        )


def source_matches(source: str, wanted: tuple[str, ...]) -> bool:
    return any(source.startswith(w) or f"/{w.lstrip('/')}" in source for w in wanted)


def allowed_rows(snapshot: Snapshot, filters: Filters) -> np.ndarray | None:
    """Boolean mask over chunk rows, or None when nothing is filtered."""
    if filters.empty:
        return None
    mask = np.ones(snapshot.chunk_count, dtype=bool)
    dates = snapshot.row_date
    if filters.date_from:
        # A date compares as text; "2024" as a lower bound is "2024" <= date.
        mask &= np.array([bool(d) and d >= filters.date_from for d in dates], dtype=bool)
    if filters.date_to:
        upper = filters.date_to + "\uffff"  # "2024" as an upper bound includes 2024-12-31
        mask &= np.array([bool(d) and d <= upper for d in dates], dtype=bool)
    if filters.sources:
        mask &= np.array(
            [source_matches(s, filters.sources) for s in snapshot.row_source], dtype=bool
        )
    if filters.languages:
        mask &= np.isin(snapshot.row_language, list(filters.languages))
    if filters.document_ids:
        mask &= np.isin(snapshot.row_document, list(filters.document_ids))
    return mask


def with_named_speaker(
    snapshot: Snapshot, question: str, filters: Filters | None, people: PeopleMatch
) -> tuple[Filters | None, str | None]:
    """``filters`` narrowed to the reports a speech question names as its speaker ("What
    did Finland say about …" over UN General Debate speeches titled "…: Finland": the
    words of the name in a report's name, ``index.naming.ReportNames``), and that name.
    Unchanged, and no name, when it names a person (``people``, the question's
    ``assistant.people.named_people``), no report, every report, or none the filters
    keep."""
    if people.speakers or people.unknown:
        return filters, None  # a person: their statements are found by speaker
    who = terms_.named_subject(question)
    named = snapshot.report_names.naming(who) if who else frozenset()
    if not who or not named or len(named) >= len(snapshot.report_names):
        return filters, None
    filters = filters or Filters()
    if filters.document_ids:
        named = named & set(filters.document_ids)
        if not named:
            return filters, None
    return replace(filters, document_ids=tuple(sorted(named))), who


def with_named_gathering(
    snapshot: Snapshot, question: str, filters: Filters | None
) -> tuple[Filters | None, str]:
    """``filters`` narrowed to the reports ``question`` names as a gathering ("What was
    said about whaling in the debate on the High North?": that debate,
    ``index.naming.ReportNames.gathering``), and the question with that name, and any
    other word of those reports' names, blanked out (spaces, so that offsets into it
    still hold): the name says where to look, and its words, which every statement
    there shares, are no topic. Unchanged when it names none, or none the filters
    keep."""
    found = snapshot.report_names.gathering(question)
    if found is None:
        return filters, question
    named, (start, end) = found
    filters = filters or Filters()
    if filters.document_ids:
        named = named & set(filters.document_ids)
    keep = allowed_documents(snapshot, filters)
    if keep is not None:
        named = frozenset(d for d in named if keep(d))
    if not named:
        return filters, question
    # the words of its name said elsewhere in the question ("… about child labour" of
    # the labour migration webinar) are in every statement's context there too
    asked = question
    for lo, hi in [(start, end), *snapshot.report_names.name_words(question, named)]:
        asked = asked[:lo] + " " * (hi - lo) + asked[hi:]
    return replace(filters, document_ids=tuple(sorted(named))), asked


def allowed_documents(snapshot: Snapshot, filters: Filters | None) -> Callable[[str], bool] | None:
    """Which documents ``filters`` keep, as a predicate; None when nothing is filtered.
    The mask over all rows is worked out on the first call only: most answers (all but
    questions about a person) never ask."""
    filters = filters or Filters()
    if filters.empty:
        return None
    kept: frozenset[str] | None = None

    def allowed(document_id: str) -> bool:
        nonlocal kept
        if kept is None:
            mask = allowed_rows(snapshot, filters)
            rows = snapshot.row_document if mask is None else snapshot.row_document[mask]
            kept = frozenset(rows.tolist())
        return document_id in kept

    return allowed


@dataclass
class _Hit:
    row: int
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    rows: list[int] = field(default_factory=list)


def search(
    snapshot: Snapshot,
    query_vector: np.ndarray,
    query_text: str,
    top_k: int,
    filters: Filters | None = None,
    *,
    mode: str = "hybrid",
    name_weight: float = NAME_WEIGHT,
    multilingual_vector: np.ndarray | Callable[[], np.ndarray | None] | None = None,
) -> list[Passage]:
    """The ``top_k`` best passages, overlapping chunks of one document merged.

    ``mode``: "hybrid" (default); "dense", "lexical", "rrf", "multilingual" or
    "hybrid-minilm" (for evaluation). ``name_weight``: how much a report that the
    question names is preferred (0: not). ``multilingual_vector``: the question
    embedded by the snapshot's multilingual model, when it has one: reports in other
    languages than the question's are then found by it (``fuse.language_fusion``); or a
    function that gives it, called once MiniLM's and BM25's candidates are in (the
    service embeds the question with the multilingual model meanwhile).
    """
    if top_k < 1:
        raise QueryError(f"top_k={top_k}; ask for at least 1 passage")
    filters = filters or Filters()
    allowed = allowed_rows(snapshot, filters)
    depth = max(MIN_CANDIDATES, top_k * CANDIDATES_PER_RESULT)
    hybrid = mode in ("hybrid", "hybrid-minilm")
    named = snapshot.report_names.scores(query_text) if name_weight and hybrid else {}
    reads_ml = snapshot.multilingual is not None and mode in ("hybrid", "multilingual")
    dense, lexical = _candidates(snapshot, query_vector, query_text, depth, allowed, mode)
    ml_query = multilingual_vector if reads_ml else None
    if callable(ml_query):
        ml_query = ml_query()
    ml = _multilingual_candidates(snapshot, ml_query, depth, allowed)
    best = _best_named(named)
    if best:
        mask = np.isin(snapshot.row_document, best)
        within = mask if allowed is None else mask & allowed
        extra = _candidates(snapshot, query_vector, query_text, depth, within, mode)
        dense, lexical, ml = (
            _union(dense, extra[0]),
            _union(lexical, extra[1]),
            _union(ml, _multilingual_candidates(snapshot, ml_query, depth, within)),
        )
    language = question_language(snapshot, query_text) if ml_query is not None else "en"
    if mode == "dense":
        fused = list(dense)
    elif mode == "lexical":
        fused = list(lexical)
    elif mode == "multilingual":
        fused = list(ml)
    elif mode == "rrf":
        fused = reciprocal_rank_fusion([dense, lexical])
    elif ml_query is None:
        fused = zscore_fusion(dense, lexical, DENSE_WEIGHT)
    else:
        languages = snapshot.row_language
        fused = language_fusion(
            # MiniLM reads English only: in another language the multilingual vectors
            # are the dense side.
            dense if language == "en" else ml,
            lexical,
            ml,
            lambda row: (languages[row] or "en") == language,
            DENSE_WEIGHT,
            # measured on English questions; in another language e5 is the dense side
            # already, and counted twice it let the one Chinese sample report outrank the
            # English report a Chinese question asks about
            MULTILINGUAL_WEIGHT if language == "en" else 0.0,
        )
    if named:
        documents = snapshot.row_document
        fused = sorted(
            ((row, score + name_weight * named.get(documents[row], 0.0)) for row, score in fused),
            key=lambda item: (-item[1], item[0]),
        )
    dense_of = dict(dense)
    lexical_of = dict(lexical)
    # Rows only one side found still need their cosine for the answer composer.
    missing = [row for row, _ in fused[: top_k * 3] if row not in dense_of]
    if missing:
        vectors = snapshot.vectors_of(missing)
        dense_of.update(zip(missing, (vectors @ query_vector).tolist(), strict=True))
    if ml_query is not None:
        # A passage in another language than the question's, or any passage of a
        # question not in English: its MiniLM cosine says nothing (MiniLM reads English);
        # the composer reads the multilingual cosine, on MiniLM's scale.
        other = [
            row
            for row, _ in fused[: top_k * 3]
            if language != "en" or (snapshot.row_language[row] or "en") != language
        ]
        if other:
            cosines = snapshot.vectors_of(other, multilingual=True) @ ml_query
            dense_of.update(zip(other, minilm_scale(cosines).tolist(), strict=True))
    hits = [
        _Hit(row, score, dense_of.get(row, 0.0), lexical_of.get(row, 0.0), [row])
        for row, score in fused[: top_k * 3]
    ]
    return _merge(snapshot, hits, top_k)


Ranking = list[tuple[int, float]]


def rank_segments(
    snapshot: Snapshot, query_vector: np.ndarray, passages: Sequence[Passage], top_k: int
) -> list[SegmentHit]:
    """The topic segments of the reports ``passages`` come from (the search's, filters
    applied), best first: the cosine of the query with the segment (the mean of its
    statement vectors) plus the best dense cosine of a found passage that starts inside
    it. A report without segments (not a transcript) gives none."""
    documents = list(dict.fromkeys(p.document_id for p in passages))
    segments = snapshot.segments_of(documents)
    if not segments:
        return []
    query = query_vector / max(float(np.linalg.norm(query_vector)), 1e-12)
    cosines = snapshot.segment_vectors_of([s.row for s in segments]) @ query
    found = [(q.document_id, q.start, q.dense_score) for q in passages]
    texts = {p.document_id: p for p in passages}
    hits = []
    for stored, score in zip(segments, segment_scores(segments, cosines, found), strict=True):
        g = stored.segment
        p = texts[g.document_id]
        hits.append(
            SegmentHit(
                g.document_id,
                p.title,
                p.date,
                p.url,
                p.source,
                g.ordinal,
                g.start,
                g.end,
                p.document_text[g.start : g.end],
                g.speakers,
                round(score, 4),
            )
        )
    return sorted(hits, key=lambda h: -h.score)[:top_k]


def segment_scores(
    segments: Sequence[StoredSegment],
    cosines: np.ndarray,
    found: Sequence[tuple[str, int, float]],
) -> list[float]:
    """Each segment's score: its cosine with the question (``cosines``, in order) plus
    the best score of what was found inside it (``found``: document, start offset,
    score; a passage of the search, a statement of the answer), 0 when nothing was."""
    scores = []
    for stored, cosine in zip(segments, cosines.tolist(), strict=True):
        g = stored.segment
        inside = [x for doc, at, x in found if doc == g.document_id and g.start <= at < g.end]
        scores.append(cosine + max(inside, default=0.0))
    return scores


def question_language(snapshot: Snapshot, text: str) -> str:
    """The question's language when we know it as a language of reports (one with a
    tokenizer, or one the index holds); English otherwise, as the lexical side reads
    it: py3langid gives 2 of HotpotQA's 500 English questions to Nigerian Pidgin."""
    found = query_language(text)
    if found and (found in SNOWBALL or found in BIGRAM_LANGUAGES or found in snapshot.languages):
        return found
    return "en"


def _candidates(
    snapshot: Snapshot,
    query_vector: np.ndarray,
    query_text: str,
    depth: int,
    allowed: np.ndarray | None,
    mode: str,
) -> tuple[Ranking, Ranking]:
    dense = (
        snapshot.search_dense(query_vector, depth, allowed)
        if mode not in ("lexical", "multilingual")
        else []
    )
    lexical = (
        snapshot.lexical.search(query_text, depth, allowed)
        if mode not in ("dense", "multilingual") and snapshot.lexical is not None
        else []
    )
    return dense, lexical


def _multilingual_candidates(
    snapshot: Snapshot, vector: np.ndarray | None, depth: int, allowed: np.ndarray | None
) -> Ranking:
    if vector is None:
        return []
    return snapshot.search_dense(vector, depth, allowed, multilingual=True)


def _best_named(named: dict[str, float]) -> list[str]:
    """The reports the question names best, when few enough to search on their own."""
    if not named:
        return []
    top = max(named.values())
    best = [doc_id for doc_id, score in named.items() if score >= top - 1e-9]
    return best if len(best) <= NAMED_REPORTS_SEARCHED else []


def _union(
    first: list[tuple[int, float]], second: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    """Both candidate lists, best first, each row once (scores are on one scale)."""
    scores = dict(first)
    scores.update(second)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def _merge(snapshot: Snapshot, hits: Sequence[_Hit], top_k: int) -> list[Passage]:
    """Overlapping or touching chunks of one document become one passage."""
    stored = {s.row: s for s in snapshot.chunk_rows([h.row for h in hits])}
    spans: list[tuple[str, int, int, _Hit]] = []
    for hit in hits:
        chunk = stored[hit.row].chunk
        for i, (doc_id, start, end, kept) in enumerate(spans):
            if doc_id == chunk.document_id and chunk.start <= end and chunk.end >= start:
                kept.dense = max(kept.dense, hit.dense)
                kept.lexical = max(kept.lexical, hit.lexical)
                start, end = min(start, chunk.start), max(end, chunk.end)
                # The grown span may now reach later (lower-ranked) spans of the same
                # document: fold them in, so that no two passages overlap.
                while reached := [
                    t for t in spans[i + 1 :] if t[0] == doc_id and t[1] <= end and t[2] >= start
                ]:
                    for later in reached:
                        start, end = min(start, later[1]), max(end, later[2])
                        kept.dense = max(kept.dense, later[3].dense)
                        kept.lexical = max(kept.lexical, later[3].lexical)
                        spans.remove(later)
                spans[i] = (doc_id, start, end, kept)
                break
        else:
            if len(spans) < top_k:
                spans.append((chunk.document_id, chunk.start, chunk.end, hit))
    documents = {d.id: d for d in snapshot.documents(dict.fromkeys(s[0] for s in spans))}
    passages = []
    for doc_id, start, end, hit in spans:
        doc = documents[doc_id]
        passages.append(
            Passage(
                chunk_id=stored[hit.row].chunk.id,
                document_id=doc_id,
                title=doc.title,
                date=doc.date,
                url=doc.url,
                source=doc.source,
                language=doc.language,
                start=start,
                end=end,
                text=doc.text[start:end],
                score=round(hit.score, 6),
                dense_score=round(hit.dense, 6),
                lexical_score=round(hit.lexical, 6),
                document_text=doc.text,
                pages=doc.pages,
            )
        )
    return passages
