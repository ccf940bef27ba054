"""What names a report: its title, its date and period, its file name.

Pure functions over strings. The load stage picks a title and a date with them and
records which source gave each (``title_source``, ``date_source`` in the document's
metadata, shown by ``index build --json``); retrieval weighs a question's names,
years and periods against ``name_text``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Mapping
from typing import Any

from index.clean import find_date
from index.language import primary, query_language
from index.lexical import (
    BIGRAM_LANGUAGES,
    DEFAULT_LANGUAGE,
    tokenize,
)  # the same stemmer and stopwords as BM25
from index.lexicon import DISCUSSION, GATHERINGS, of_language
from index.lexicon.scripts import CJK, CYRILLIC

# Titles written by the exporting tool, not by the author: a generator's default
# ("Enscript Output", "Untitled document", "Document1", "Slide 1", "(anonymous)"), an
# office suite's "Microsoft Word - x.docx", a file name with its extension. Such a
# title is no title: the report is named from its text instead (``metadata_title``).
_TOOL_TITLE = re.compile(
    r"^\W*(?:untitled(?: document| presentation| spreadsheet)?|document ?\d*|slide ?\d+"
    r"|presentation ?\d*|book ?\d*|enscript output|anonymous|no title|title"
    r"|powerpoint presentation)\W*$"
    r"|^microsoft \w+ - |\.(docx?|xlsx?|pptx?|pdf|rtf|odt|txt|html?|indd|qxd|ps)$",
    re.IGNORECASE,
)
# A path ("reports/2024/review", "/srv/x", "C:\\docs\\x", "notes/review.pdf"), not a
# title that writes "2024/25", "and/or" or "Q3/Q4".
_PATH = re.compile(r"\\|(?:^|\s)/\S|\S*/\S*/|\S/\S+\.\w{2,4}(?:\s|$)")
_MAX_TITLE_WORDS = 25


def reads_as_title(value: str | None) -> bool:
    """True for a human title; False for empty, tool-written ("Microsoft Word - x.docx"),
    id-like ("0001018724-18-000005", "nwf_10k_v3") or path-like values, and datelines."""
    if not value or not value.strip():
        return False
    value = " ".join(value.split())
    words = value.split()
    letters = sum(ch.isalpha() for ch in value)
    if _TOOL_TITLE.search(value) or _PATH.search(value) or "_" in value:
        return False
    if letters < 3 or letters < 0.5 * sum(not ch.isspace() for ch in value):
        return False  # an accession number, a hash, a page number
    if len(words) == 1 and any(ch.isdigit() for ch in value):
        return False  # "draft3", "v2"
    if len(words) <= 5 and find_date(value):
        return False  # a dateline: "The Hague, 23 September 2024"
    return len(words) <= _MAX_TITLE_WORDS


def metadata_title(value: str | None, stem: str) -> str | None:
    """A file's own title (PDF metadata, DOCX properties) when an author wrote it: None
    for what ``reads_as_title`` refuses (a generator's default) and for the file's name
    (``stem``) copied into the title by the tool that wrote the file."""
    value = " ".join((value or "").split())
    if not reads_as_title(value) or is_file_name(value, stem):
        return None
    return value


def is_file_name(value: str, stem: str) -> bool:
    """True when ``value`` is the file name ``stem`` whatever the case and separators
    ("Annual review 2024" for annual_review-2024.pdf; "x.pdf", with its extension, is
    refused by ``reads_as_title`` already)."""
    words = re.findall(r"[^\W_]+", value.casefold())
    return bool(words) and words == re.findall(r"[^\W_]+", stem.casefold())


# Form names as filings write them: "10K" in a file name is "10-K".
_FORMS = {"10k": "10-K", "10q": "10-Q", "8k": "8-K", "20f": "20-F", "40f": "40-F", "6k": "6-K"}
_ACRONYM_MAX = 3  # "UN", "IMF", "AGM" stay in capitals; "AMAZON" becomes "Amazon"


def readable_file_name(stem: str) -> str | None:
    """``AMAZON_2017_10K`` → ``Amazon 2017 10-K``; ``just-transition-seminar`` →
    ``Just transition seminar``; None when the name is an id with no word in it."""
    words = [w for w in re.split(r"[\s_\-.]+", stem) if w]
    out = []
    for word in words:
        lower = word.lower()
        if lower in _FORMS:
            out.append(_FORMS[lower])
        elif word.isupper() and word.isalpha() and len(word) > _ACRONYM_MAX:
            out.append(word.capitalize())
        else:
            out.append(word)
    if not any(re.search(r"[^\W\d_]{2}", w) for w in out):
        return None
    text = " ".join(out)
    return text[0].upper() + text[1:]


# "For the fiscal year ended June 30, 2023", "quarterly period ended April 1, 2023",
# "for the year ended 31 December 2022": the period a report covers ends on its date.
_PERIOD = re.compile(
    r"\b(fiscal year|financial year|year|quarterly period|quarter|three months|six months"
    r"|nine months|twelve months|period)\s+ended\b[\s:]*",
    re.IGNORECASE,
)
_PERIOD_KINDS = {
    "fiscal year": "fiscal year", "financial year": "fiscal year", "year": "fiscal year",
    "twelve months": "fiscal year", "quarterly period": "quarter", "quarter": "quarter",
    "three months": "quarter", "six months": "half year", "nine months": "nine months",
    "period": "period",
}  # fmt: skip
# The cover states the period; further on, "year ended" names comparison years.
_PERIOD_SEARCH_CHARS = 6000


def find_period(text: str) -> tuple[str, str] | None:
    """(kind, ISO end date) of the period the report covers, from its first pages."""
    head = text[:_PERIOD_SEARCH_CHARS]
    for match in _PERIOD.finditer(head):
        # The date follows the words at once: "ended June 30, 2023" (at most ~20 chars).
        date = find_date(head[match.end() : match.end() + _DATE_CHARS])
        if date:
            return _PERIOD_KINDS[match.group(1).lower()], date
    return None


_DATE_CHARS = 22


# The cover of an SEC filing names the company on the line above this caption.
_REGISTRANT = re.compile(
    r"\(\s*exact\s+name\s+of\s+registrant\s+as\s+specified\s+in\s+its\s+charter\s*\)",
    re.IGNORECASE,
)
_FORM = re.compile(r"\bform\s+(10-K|10-Q|20-F|40-F|8-K|6-K)\b", re.IGNORECASE)


def filing_title(text: str) -> str | None:
    """``Amazon.com, Inc. Form 10-K, fiscal year 2017`` from the cover of a filing:
    the registrant named above "(Exact name of registrant as specified in its
    charter)", the form, and the period the cover states."""
    head = text[:_PERIOD_SEARCH_CHARS]
    match = _REGISTRANT.search(head)
    if match is None:
        return None
    before = [line for line in head[: match.start()].split("\n") if line.strip()]
    if not before:
        return None
    cells = [cell.strip() for cell in before[-1].split("|") if cell.strip()]
    name = cells[-1] if cells else ""
    if not reads_as_title(name) or len(name.split()) > 8:
        return None
    parts = [name]
    form = _FORM.search(head)
    if form:
        parts.append(f"Form {form.group(1).upper()}")
    period = find_period(text)
    title = " ".join(parts)
    return f"{title}, {period_label(*period).split(' (')[0]}" if period else title


_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?!\d)")


def file_name_date(stem: str) -> str | None:
    match = _FILE_DATE.search(stem)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip


def period_label(kind: str, end: str) -> str:
    """``fiscal year``, ``2023-06-30`` → ``fiscal year 2023 (ended 2023-06-30)``."""
    year = end[:4]
    if kind == "fiscal year":
        return f"fiscal year {year} (ended {end})"
    return f"{kind} ended {end}"


def name_text(
    title: str, date: str | None, source: str, metadata: Mapping[str, Any] | None = None
) -> str:
    """The words that name a report: title, file name, period, date (year and month).

    Years are written the ways a question writes them ("2023", "FY2023", "fiscal 2023")
    once each, so a question that names the period matches whichever form it uses.
    """
    metadata = metadata or {}
    parts = [title]
    # A file's name names its report; a JSONL record's file holds many (no title_source).
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0] if "title_source" in metadata else ""
    readable = readable_file_name(stem) if stem else None
    if readable and readable.lower() != title.lower():
        parts.append(readable)
    period = metadata.get("period")
    if isinstance(period, str) and period:
        parts.append(period)
    if date:
        year, month = date[:4], int(date[5:7])
        fiscal = f"FY{year} FY{year[2:]}" if isinstance(period, str) and "fiscal" in period else ""
        parts.append(f"{_MONTH_NAMES[month - 1]} {year} {fiscal}".strip())
    return "\n".join(parts)


def explain(
    document_id: str, title: str, date: str | None, metadata: Mapping[str, Any]
) -> dict[str, Any] | None:
    """Which source gave a document its title and date (for the build report), when
    the loader recorded it."""
    if "title_source" not in metadata:
        return None
    out = {
        "id": document_id,
        "title": title,
        "title_source": metadata["title_source"],
        "date": date,
        "date_source": metadata.get("date_source"),
    }
    for key in ("period", "pages_without_text"):
        if key in metadata:
            out[key] = metadata[key]
    return out


# --- questions that name a report ----------------------------------------------------

_FISCAL_YEAR = re.compile(r"\bFY\s?'?(\d{2}|\d{4})\b", re.IGNORECASE)


def question_years(question: str) -> set[str]:
    """Years a question names in any form: "2023", "FY2023", "FY23", "FY 2023"."""
    years = set(re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", question))
    for match in _FISCAL_YEAR.finditer(question):
        year = match.group(1)
        years.add(year if len(year) == 4 else f"20{year}")
    return years


class ReportNames:
    """Which reports a question names, from each report's ``name_text``.

    A question names a report in up to two ways: by words (company, place, event
    type: the question's words that occur in some report's name) and by time (the
    years it states, in any form). A report's score is the mean over the ways the
    question uses of: the share of the naming words' weight it matches, each word
    weighted by its BM25 idf over the reports' names (a word in every name such as
    "fiscal" counts for little, a company's name for much); and 1 when its name holds
    a year the question names. Scores are in [0, 1]; reports matching nothing are absent.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self._names = dict(names)
        self._by_language: dict[str, dict[str, list[str]]] = {}
        self._postings = self._postings_in(DEFAULT_LANGUAGE)
        self._years: dict[str, list[str]] = {}
        for doc_id, name in self._names.items():
            for year in question_years(name):
                self._years.setdefault(year, []).append(doc_id)
        n = self._count = len(self._names)
        self._idf = {
            t: math.log(1 + (n - len(d) + 0.5) / (len(d) + 0.5)) for t, d in self._postings.items()
        }

    def scores(self, question: str) -> dict[str, float]:
        words = {w for w in tokenize([question])[0] if w in self._postings}
        years = {y for y in question_years(question) if y in self._years}
        total = sum(self._idf[w] for w in words)
        facets = (1 if total else 0) + (1 if years else 0)
        found: dict[str, float] = {}
        for word in words:
            for doc_id in self._postings[word]:
                found[doc_id] = found.get(doc_id, 0.0) + self._idf[word] / total / facets
        for doc_id in {d for year in years for d in self._years[year]}:
            found[doc_id] = found.get(doc_id, 0.0) + 1 / facets
        return found

    def naming(self, phrase: str) -> frozenset[str]:
        """The reports whose name holds every word of ``phrase`` ("Finland", "the
        European Union"); none when a word names no report."""
        words = {w for w in tokenize([phrase])[0] if not _TIME_TOKEN.match(w)}
        if not words or any(w not in self._postings for w in words):
            return frozenset()
        return frozenset.intersection(*(frozenset(self._postings[w]) for w in words))

    def gathering(self, question: str) -> tuple[frozenset[str], tuple[int, int]] | None:
        """The reports a question names as a gathering ("the debate on the High North",
        "the Rabat General Assembly", "the roundtable discussion on AI and work",
        "семинар в Ташкенте"), and where that name stands in
        ``question``; None when it names none, or too many.

        The name is the noun phrase around a word of a gathering (``GATHERINGS`` and
        ``DISCUSSION`` in English, each language's ``GATHERING_WORDS``) that some
        report's name holds: its modifiers before it (words of some report's name, an
        article, a word that joins two of them) and its complement after it (stopwords
        and words of a name, up to a word that opens the topic: "about", "regarding").
        Every word of that phrase that some report's name holds must be in the reports
        named, and one of them must be more than a gathering's ("the debate" names no
        debate). The words are read in the question's language, the reports' names
        too. Not for Chinese and Japanese: the Beijing workshop named so ("北京研讨会上
        讨论了哪些足球比赛？") was still answered once blanked, its rest held to the
        scoped bar (docs/decisions/2026-12-06-gatherings.md)."""
        language = _spaced_language(question)
        return None if language is None else self._gathering_in(question, language)

    def name_words(self, question: str, reports: frozenset[str]) -> list[tuple[int, int]]:
        """Where ``question`` says a word that every one of ``reports``' titles holds
        ("child labour" asked of the labour migration webinar): within those reports
        such a word is in every statement's context, and says nothing of what is asked.
        Titles only: a file name's words ("seminar-pensions-tashkent" for a report
        written in Russian) are not what its statements share."""
        language = _spaced_language(question)
        if language is None or not reports:
            return []
        postings = self._postings_in(language, titles=True)
        return [
            (start, end)
            for start, end, _, tokens in _words(question, language)
            if tokens and reports <= frozenset(postings.get(tokens[0], ()))
        ]

    def _gathering_in(
        self, question: str, language: str
    ) -> tuple[frozenset[str], tuple[int, int]] | None:
        postings = self._postings_in(language)
        if language == "en":
            stems = _GATHERING_STEMS
        else:
            stems = tuple(
                t
                for w in of_language("GATHERING_WORDS", language)
                for t in tokenize([w], language)[0]
            )
        if not stems:
            return None
        articles = of_language("ARTICLES", language)
        markers = of_language("TOPIC_MARKERS", language)
        joiners = of_language("NAME_JOINERS", language)
        words = _words(question, language)

        def gathers(tokens: list[str]) -> bool:
            # English stems are prefixes ("debat", "confer"); other languages' words are
            # stemmed whole, and one may be short ("foro": "for")
            if language == "en":
                return bool(tokens) and tokens[0].startswith(stems)
            return bool(tokens) and tokens[0] in stems

        def named(tokens: list[str]) -> bool:
            return bool(tokens) and (tokens[0] in postings or bool(_TIME_TOKEN.match(tokens[0])))

        for i, (_, _, _, tokens) in enumerate(words):
            if not gathers(tokens) or tokens[0] not in postings:
                continue  # "the discussion on the digital divide" names no discussion
            lo = i
            while lo > 0 and (
                named(words[lo - 1][3])
                or gathers(words[lo - 1][3])
                or words[lo - 1][2] in articles
                or (words[lo - 1][2] in joiners and lo > 1 and named(words[lo - 2][3]))
            ):
                lo -= 1
            hi = i + 1
            while (
                hi < len(words)
                and words[hi][2] not in markers
                and (not words[hi][3] or named(words[hi][3]) or gathers(words[hi][3]))
            ):
                hi += 1
            while hi > i + 1 and not named(words[hi - 1][3]):
                hi -= 1  # "… on the" before a word of no name: not the name's
            said = {t for w in words[lo:hi] for t in w[3][:1] if t in postings}
            if not any(not gathers([t]) for t in said):
                continue
            reports = frozenset.intersection(*(frozenset(postings[t]) for t in said))
            years = {y for w in words[lo:hi] for y in question_years(w[2])}
            for year in years:
                reports &= frozenset(self._years.get(year, ()))
            if reports and len(reports) <= _GATHERING_REPORTS and len(reports) < self._count:
                return reports, (words[lo][0], words[hi - 1][1])
        return None

    def _postings_in(self, language: str, titles: bool = False) -> dict[str, list[str]]:
        """The reports' names (``titles``: their titles, the names' first lines) as
        ``language`` reads them: each word's reports."""
        key = f"{language} titles" if titles else language
        found = self._by_language.get(key)
        if found is None:
            found = {}
            ids = list(self._names)
            texts = [self._names[i].split("\n", 1)[0] if titles else self._names[i] for i in ids]
            read = tokenize(texts, language) if texts else []
            for doc_id, tokens in zip(ids, read, strict=True):
                for token in set(tokens):
                    if not _TIME_TOKEN.match(token):
                        found.setdefault(token, []).append(doc_id)
            self._by_language[key] = found
        return found

    def __len__(self) -> int:
        return self._count


# A question that names more reports than this as its gathering names a kind of
# gathering ("the plenary debate"), not one.
_GATHERING_REPORTS = 3
_GATHERING_STEMS = tuple(sorted(GATHERINGS | DISCUSSION))
_CYRILLIC = re.compile(f"[{CYRILLIC}]")


_CJK = re.compile(f"[{CJK}]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@functools.lru_cache(maxsize=64)
def _words(question: str, language: str) -> list[tuple[int, int, str, list[str]]]:
    """(start, end, lower case, BM25 tokens in ``language``) of each word of
    ``question``; read once for ``gathering`` and ``name_words`` alike."""
    return [
        (m.start(), m.end(), m.group().lower(), tokenize([m.group()], language)[0])
        for m in _WORD.finditer(question)
    ]


def _spaced_language(question: str) -> str | None:
    """The language ``question`` is read in for the names of gatherings; None for
    Chinese and Japanese, written without spaces (no word to start a phrase from)."""
    detected = primary(query_language(question))
    if detected in BIGRAM_LANGUAGES or _CJK.search(question):
        return None
    # a short question's language may go undetected: its script tells Russian then
    return detected or ("ru" if _CYRILLIC.search(question) else "en")


# Years and fiscal years are the time facet, not words: "2023", "fy2023", "fy23".
_TIME_TOKEN = re.compile(r"^(?:fy)?\d{2}$|^(?:fy)?(?:19|20)\d\d$")
