"""The HTTP API's JSON: pydantic models at the edge, documented for OpenAPI."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    create_model,
    field_validator,
    model_validator,
)

from assistant.llm import Kept
from assistant.retrieve import Filters
from assistant.service import AnswerResult, SearchResult
from assistant.settings import ServeConfig
from assistant.types import Citation, Passage, SegmentHit, Statement
from index.models import Document

# Documents the date format in OpenAPI; `check_date` also refuses a day the month lacks.
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
# At least one character that is not white space as Python's str.strip() sees it (the
# service strips questions): spelled out, because JSON Schema's \s (ECMA-262) differs.
NOT_BLANK = (
    r"[^\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a"
    r"\u2028\u2029\u202f\u205f\u3000]"
)


def explain(
    errors: Sequence[Any],
    drop: tuple[str, ...] = ("body",),
    roots: Mapping[str, type[BaseModel]] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """Pydantic's errors as one line that names each field and what it should be,
    without pydantic's type codes and links: what HTTP, MCP and CLI callers read.
    ``roots`` are the models validated, by where they sit (``{"body": AnswerRequest}``),
    to name the field an unknown one may have meant; ``names`` renames fields (the CLI
    says ``--date-from`` for ``filters.date_from``)."""
    parts = []
    for e in errors:
        loc = tuple(e.get("loc", ()))
        where = ".".join(str(p) for p in loc if p not in drop) or "the body"
        where = (names or {}).get(where, where)
        message = str(e.get("msg", "is not valid"))
        kind = e.get("type")
        if kind == "value_error":  # our own validators: the message says it all
            message = message.removeprefix("Value error, ")
        elif kind == "missing":
            message = "is required"
        elif kind == "extra_forbidden" and loc:
            message = _unknown_field(str(loc[-1]), _model_at(roots or {}, loc[:-1]))
        elif kind == "too_long" and loc[-1:] == ("conversation",):
            most = (e.get("ctx") or {}).get("max_length", 0)
            message = (
                f"at most {most} earlier turns; send the last {most}"
                if most
                else "this server takes no earlier turns; leave it out"
            )
        else:
            message = re.sub(r"^(Input|String|List) should", "should", message)
            message = message.replace(" after validation,", ",")
        parts.append(f"{where}: {message}")
    return "; ".join(parts) or "the request is not valid"


def _unknown_field(name: str, model: type[BaseModel] | None) -> str:
    """'is not a field; did you mean 'sources'? …' (the nearest name, by difflib)."""
    if model is None:
        return "is not a field here; leave it out"
    fields = list(model.model_fields)
    near = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
    known = f"(the fields are {', '.join(fields)})"
    if near:
        return f"is not a field; did you mean '{near[0]}'? {known}"
    return f"is not a field {known}; leave it out"


def _model_at(roots: Mapping[str, type[BaseModel]], path: Sequence[Any]) -> type[BaseModel] | None:
    """The model that validated the object at ``path`` (a pydantic error's loc)."""
    model = None
    for i, part in enumerate(path):
        if i == 0 and str(part) in roots:
            model = roots[str(part)]
        elif not isinstance(part, int):  # an index into a list: the same model
            field = model.model_fields.get(str(part)) if model is not None else None
            # Without the root (an MCP tool's arguments) a nested object is known by name.
            model = model_in(field.annotation) if field else NESTED.get(str(part))
    return model


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``FiltersIn | None``, ``list[Model]`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = model_in(arg)
            if found is not None:
                return found
    return None


_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def check_date(value: str | None) -> str | None:
    """``value`` if it is YYYY, YYYY-MM or a real YYYY-MM-DD date, else a ValueError
    whose message says the format (never a regular expression)."""
    if value is None:
        return None
    m = _DATE.fullmatch(value)
    if m is None:
        raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)")
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date; use YYYY-MM-DD") from None
    return value


class FiltersIn(BaseModel):
    """Restrict retrieval; all given conditions must hold."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"date_from": "2024-01-01", "languages": ["en"]}]},
    )

    # The format is documented as a pattern and checked by `check_date`, whose message
    # says YYYY-MM-DD and refuses dates that do not exist (2024-13-45).
    date_from: str | None = Field(
        None,
        json_schema_extra={"pattern": DATE_PATTERN},
        description="Earliest report date (inclusive): YYYY[-MM[-DD]].",
    )
    date_to: str | None = Field(
        None,
        json_schema_extra={"pattern": DATE_PATTERN},
        description="Latest report date (inclusive): YYYY[-MM[-DD]].",
    )
    sources: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Only documents whose source path, or a folder in it, starts with one of "
        "these, e.g. '2024/' or 'examples/reports/2024/'.",
    )
    languages: list[str] = Field(
        default_factory=list, max_length=20, description="Language codes, e.g. ['en']."
    )
    document_ids: list[str] = Field(
        default_factory=list, max_length=100, description="Only these documents."
    )

    @field_validator("date_from", "date_to")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return check_date(value)

    @model_validator(mode="after")
    def _range(self) -> Self:
        # "2024" means all of 2024: compare the earliest day of date_from with the
        # latest day of date_to, so date_from="2024", date_to="2024-03" is fine.
        if self.date_from and self.date_to:
            earliest = self.date_from + "-01-01"[len(self.date_from) - 4 :]
            latest = self.date_to + "-12-31"[len(self.date_to) - 4 :]
            if earliest > latest:
                raise ValueError(
                    f"date_from {self.date_from} is after date_to {self.date_to}; "
                    "swap them or leave one out"
                )
        return self

    def to_filters(self) -> Filters:
        return Filters(
            date_from=self.date_from,
            date_to=self.date_to,
            sources=tuple(s[:500] for s in self.sources),
            languages=tuple(self.languages),
            document_ids=tuple(self.document_ids),
        )


# Nested request objects by the name they go by, for `explain` when it has no root model.
NESTED: dict[str, type[BaseModel]] = {"filters": FiltersIn}

# The limits below come from ServeConfig: these classes carry its defaults (for typing
# and for code that builds a request by hand), and `request_models(serve)` derives the
# ones the adapters validate with from the settings actually in force.
_DEFAULTS = ServeConfig()


def _text(max_chars: int, description: str) -> Any:
    return Field(
        ...,
        min_length=1,
        max_length=max_chars,
        description=description,
        # Documented, checked by the service with a clearer message than pydantic's.
        json_schema_extra={"pattern": NOT_BLANK},
    )


def _top_k(default: int, max_top_k: int, description: str) -> Any:
    return Field(min(default, max_top_k), ge=1, le=max_top_k, description=description)


def _conversation(max_items: int) -> Any:
    return Field(
        default_factory=list,
        max_length=max_items,
        description="Earlier questions of the same conversation, oldest first; lets a "
        "follow-up such as 'And what did Guo Jun say?' keep the topic.",
    )


def _item(max_chars: int) -> Any:
    return list[Annotated[str, Field(max_length=max_chars)]]


ANSWER_TOP_K = "Passages to retrieve before answering."
SEARCH_TOP_K = "How many passages to return."
SEARCH_DEFAULT_TOP_K = 10


class AnswerRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"question": "What was said about digital risks?", "top_k": 8}]
        },
    )

    question: str = _text(_DEFAULTS.max_question_chars, "The question.")
    top_k: int = _top_k(_DEFAULTS.default_top_k, _DEFAULTS.max_top_k, ANSWER_TOP_K)
    filters: FiltersIn | None = None
    conversation: _item(_DEFAULTS.max_question_chars) = _conversation(  # type: ignore[valid-type]
        _DEFAULTS.max_conversation
    )
    stream: bool = Field(
        False,
        strict=True,
        description="Answer as server-sent events (text/event-stream): a `sentence` event "
        "for each verified sentence of the language model's answer as soon as it is "
        "checked, with its citations, then one `answer` event whose data is the body a "
        "non-streamed request returns. Without a language model only `answer` comes.",
    )


class SearchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"query": "digital inequalities", "top_k": 5}]},
    )

    query: str = _text(_DEFAULTS.max_question_chars, "Words to look for.")
    top_k: int = _top_k(SEARCH_DEFAULT_TOP_K, _DEFAULTS.max_top_k, SEARCH_TOP_K)
    filters: FiltersIn | None = None
    segments: bool = Field(
        False,
        description="Also return the topic segments of transcripts and minutes on the "
        "query (`segments`): the stretches of turns about one topic, with their speakers.",
    )


def request_models(serve: ServeConfig) -> tuple[type[AnswerRequest], type[SearchRequest]]:
    """The request bodies with the limits of ``serve`` (question length, top_k, turns)."""
    answer = create_model(
        "AnswerRequest",
        __base__=AnswerRequest,
        question=(str, _text(serve.max_question_chars, "The question.")),
        top_k=(int, _top_k(serve.default_top_k, serve.max_top_k, ANSWER_TOP_K)),
        conversation=(_item(serve.max_question_chars), _conversation(serve.max_conversation)),
    )
    search = create_model(
        "SearchRequest",
        __base__=SearchRequest,
        query=(str, _text(serve.max_question_chars, "Words to look for.")),
        top_k=(int, _top_k(SEARCH_DEFAULT_TOP_K, serve.max_top_k, SEARCH_TOP_K)),
    )
    return answer, search


class CitationOut(BaseModel):
    n: int = Field(..., description="The number used as [n] in the answer.")
    document_id: str
    title: str
    date: str | None = Field(None, description="Report date, YYYY-MM-DD.")
    url: str | None = Field(None, description="Link to the source, when it has one.")
    source: str = Field(..., description="Path of the source file (or JSONL line).")
    page: int | None = Field(None, description="PDF page of the passage's start.")
    speaker: str | None = Field(None, description="Who said it, when the report says.")
    passage: str = Field(..., description="Exactly document_text[start:end].")
    start: int = Field(..., description="Character offset into the document text.")
    end: int
    score: float
    language: str | None = Field(
        None, description="The report's language (ISO 639-1), detected when the source gives none."
    )

    @classmethod
    def of(cls, c: Citation) -> CitationOut:
        return cls(**{name: getattr(c, name) for name in cls.model_fields})


class StatementOut(BaseModel):
    """One line of the answer as data, for clients that lay it out themselves."""

    document_id: str
    text: str = Field(..., description="The statement as in `answer`, without its marker.")
    citations: list[int] = Field(..., description="The `n` of the citations it ends with.")
    speaker: str | None
    role: str | None

    @classmethod
    def of(cls, s: Statement) -> StatementOut:
        return cls(
            document_id=s.document_id,
            text=s.text,
            citations=list(s.citations),
            speaker=s.speaker,
            role=s.role,
        )


class AnswerResponse(BaseModel):
    answer: str = Field(..., description="Every statement ends with [n] markers.")
    found: bool = Field(..., description="False when the reports hold nothing relevant.")
    citations: list[CitationOut]
    statements: list[StatementOut] = Field(
        default_factory=list,
        description="The lines of `answer` as data (grouped by report, in order); empty "
        "when nothing was found.",
    )
    note: str | None = Field(
        None,
        description="What `answer` says before its statements (e.g. that a person "
        "is only mentioned), if anything.",
    )
    mode: Literal["llm", "extractive"] = Field(
        "extractive",
        description="`llm`: sentences the organisation's language model wrote, each checked "
        "against the statement it cites (citations quote those statements); `extractive`: "
        "the report's own sentences.",
    )
    reason: str | None = Field(
        None, description="Why the answer is extractive (no model, model failed, …)."
    )
    generated: int = Field(0, description="Sentences the language model wrote.")
    dropped: int = Field(
        0, description="Of those, how many were not shown: they failed verification."
    )
    index_version: str
    took_ms: float

    @classmethod
    def of(cls, r: AnswerResult) -> AnswerResponse:
        return cls(
            answer=r.answer.text,
            found=r.answer.found,
            citations=[CitationOut.of(c) for c in r.answer.citations],
            statements=[StatementOut.of(s) for s in r.answer.statements],
            note=r.answer.note,
            mode="llm" if r.mode == "llm" else "extractive",
            reason=r.reason,
            generated=r.generated,
            dropped=r.dropped,
            index_version=r.index_version,
            took_ms=r.took_ms,
        )


class SentenceEvent(BaseModel):
    """The data of a streamed `sentence` event: one verified sentence of the model's
    answer. Its citation numbers are those of the final answer when `mode` is `llm`;
    when the final `answer` event says `extractive`, it replaces what was streamed."""

    text: str = Field(..., description="The sentence with its [n] markers.")
    statement: StatementOut
    citations: list[CitationOut] = Field(
        ..., description="The citations this sentence adds (earlier ones are not repeated)."
    )

    @classmethod
    def of(cls, k: Kept) -> SentenceEvent:
        return cls(
            text=k.text,
            statement=StatementOut.of(k.statement),
            citations=[CitationOut.of(c) for c in k.citations],
        )


class PassageOut(BaseModel):
    rank: int
    document_id: str
    title: str
    date: str | None
    url: str | None
    source: str
    page: int | None
    passage: str = Field(..., description="Exactly document_text[start:end].")
    start: int
    end: int
    score: float = Field(..., description="Fused score, higher is better.")
    dense_score: float
    lexical_score: float
    language: str | None = Field(
        None, description="The report's language (ISO 639-1), detected when the source gives none."
    )
    highlights: list[tuple[int, int]] = Field(
        default_factory=list,
        description="The words of `passage` that match the query, as `[start, end)` offsets "
        "into `passage` (`passage[start:end]` is the word; add the hit's `start` for offsets "
        "into the document text). A passage is at most about 1,200 characters: the best "
        "matching stretch of the report.",
    )

    @classmethod
    def of(cls, rank: int, p: Passage) -> PassageOut:
        return cls(
            rank=rank,
            **_report_of(p),
            page=p.page_at(p.start),
            passage=p.text,
            start=p.start,
            end=p.end,
            score=p.score,
            dense_score=p.dense_score,
            lexical_score=p.lexical_score,
            language=p.language,
            highlights=list(p.highlights),
        )


class SegmentOut(BaseModel):
    rank: int
    document_id: str
    title: str
    date: str | None
    url: str | None
    source: str
    ordinal: int = Field(..., description="The segment's place in its report, from 0.")
    passage: str = Field(..., description="Exactly document_text[start:end]: its turns.")
    start: int
    end: int
    speakers: list[str] = Field(..., description="Who speaks in it, in order of first turn.")
    score: float = Field(
        ..., description="cosine(query, segment) + the best cosine of a passage inside it."
    )

    @classmethod
    def of(cls, rank: int, s: SegmentHit) -> SegmentOut:
        return cls(
            rank=rank,
            **_report_of(s),
            ordinal=s.ordinal,
            passage=s.text,
            start=s.start,
            end=s.end,
            speakers=list(s.speakers),
            score=s.score,
        )


def _report_of(found: Passage | SegmentHit) -> dict[str, Any]:
    """The fields that say which report a passage or a segment is from."""
    return {
        "document_id": found.document_id,
        "title": found.title,
        "date": found.date,
        "url": found.url,
        "source": found.source,
    }


class SearchResponse(BaseModel):
    results: list[PassageOut]
    index_version: str
    took_ms: float
    segments: list[SegmentOut] | None = Field(
        None,
        description="With `segments: true`: the topic segments of transcripts and minutes, "
        "best first (none for written reports).",
    )

    @classmethod
    def of(cls, r: SearchResult) -> SearchResponse:
        return cls(
            results=[PassageOut.of(i + 1, p) for i, p in enumerate(r.passages)],
            index_version=r.index_version,
            took_ms=r.took_ms,
            segments=None
            if r.segments is None
            else [SegmentOut.of(i + 1, s) for i, s in enumerate(r.segments)],
        )


class PageOut(BaseModel):
    number: int
    start: int
    end: int


class DocumentOut(BaseModel):
    document_id: str = Field(..., description="The id citations and search results give.")
    title: str
    date: str | None
    url: str | None
    source: str
    language: str | None
    pages: list[PageOut]
    text: str = Field(..., description="The stored text every citation offset refers to.")
    index_version: str

    @classmethod
    def of(cls, d: Document, version: str) -> DocumentOut:
        return cls(
            document_id=d.id,
            title=d.title,
            date=d.date,
            url=d.url,
            source=d.source,
            language=d.language,
            pages=[PageOut(number=p.number, start=p.start, end=p.end) for p in d.pages],
            text=d.text,
            index_version=version,
        )


class ReportOut(BaseModel):
    document_id: str
    title: str
    date: str | None
    url: str | None
    source: str
    language: str | None

    @classmethod
    def of(cls, d: Document) -> ReportOut:
        return cls(
            document_id=d.id,
            title=d.title,
            date=d.date,
            url=d.url,
            source=d.source,
            language=d.language,
        )


class ReportPage(BaseModel):
    """Query parameters of the report list; unknown ones are refused."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(100, ge=1, le=1000, description="How many to return.")
    offset: int = Field(0, ge=0, description="How many to skip.")


class ReportListOut(BaseModel):
    total: int = Field(..., description="Reports in the index.")
    reports: list[ReportOut] = Field(..., description="Newest first, from `offset`.")
    index_version: str


class ErrorBody(BaseModel):
    code: str = Field(..., description="Stable machine-readable code.")
    message: str = Field(..., description="What was wrong and what to change.")


class ErrorOut(BaseModel):
    error: ErrorBody


class ReadyOut(BaseModel):
    ready: bool
    index_version: str | None = None
    built_at: str | None = None
    age_s: float | None = None
    documents: int | None = None
    chunks: int | None = None
    problems: list[str] = Field(default_factory=list)
    message: str | None = None
