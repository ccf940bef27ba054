"""Sentence splitting with exact character offsets into the stored document text.

One splitter for the whole project: chunking (``index.chunk``) and the sentence layer
of every snapshot (``index.sentence_layer``) cut the text into the same sentences.

Every ``Sentence`` satisfies ``text[start:end] == sentence.text``, so a citation built
from sentences can always quote ``document_text[start:end]``.

Rules, in order:
- A blank line always ends a sentence. A single line break ends one too, unless the
  next line plainly continues it (starts in lower case, or the line ends with a comma,
  an opening bracket or a word hyphen): scraped reports put one statement per line,
  PDFs wrap lines inside sentences.
- Inside a paragraph, ``. ! ? …`` and Arabic ``؟`` (with closing quotes or brackets
  after them) end a sentence when whitespace and a capital letter of any script
  ("Élodie", "Óscar", "Łukasz", "Юрий"), a letter of a script without case (Arabic,
  CJK), a digit, an opening quote or a bullet follow. So "vice president. of the PRC"
  and "“…,” she said." stay whole. The full-width ``。！？`` of Chinese and Japanese end
  a sentence with no space after them.
- A full stop after a title or common abbreviation ("Mr.", "Dr.", "e.g.", Russian
  "г.", "т.е."), after an initial ("J. Smith"), after a list number at the start of a
  line ("1. Item") or after a day before its month ("4. März") does not end a sentence.
  Decimals ("8.5") never have whitespace after the stop.
- A sentence longer than ``MAX_SENTENCE_CHARS`` is cut at a clause or word boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Over ~600 characters (~130 words) a "sentence" is a table row or a run-on PDF line;
# MiniLM reads only 256 WordPiece tokens and an answer line should stay readable.
MAX_SENTENCE_CHARS = 600

# Closing quotes and brackets that may follow a terminator: "… end.”" or "(… end.)".
_CLOSERS = "\"'”’»)\\]」』）"
_TERMINATOR = re.compile(rf"(?:[.!?…؟]+[{_CLOSERS}]*(?=\s)|[。！？]+[{_CLOSERS}]*)")
_FULL_WIDTH_STOPS = frozenset("。！？")
_NEXT_OPENER = re.compile(r"""\s+(?:["'“‘«„(\[「『]|[-–—•*]\s)""")
_NEXT_CHAR = re.compile(r"\s+(\w)")
_BULLET = re.compile(r"""\s*(?:[-–—•*▪●]\s|\d{1,3}[.)]\s|[a-z][.)]\s|["“‘«])""")
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.$")
_ACRONYM = re.compile(r"^(?:\w\.)+\w$")  # "e.g", "i.e", "U.S" (the final stop is cut off)
# A day's ordinal stop before a month, as German and the Nordic languages write dates:
# "Berlin, 4. März 2025", "am 1. Januar".
_MONTH_AFTER = re.compile(
    r"\s+(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober"
    r"|November|Dezember|januar|februar|marts|mars|april|maj|mai|juni|juli|august"
    r"|september|oktober|november|december|desember)\b"
)

_ABBREVIATIONS = frozenset(
    # titles
    "mr mrs ms mx dr prof sr jr st rev hon gen col lt sgt capt gov sen rep pres amb messrs"
    # references and business
    " vs cf al ca approx est no nos art fig figs vol pp para sect ch inc ltd co corp dept univ"
    # months
    " jan feb mar apr jun jul aug sep sept oct nov dec"
    # French, Spanish, German titles and references
    " mme mlle mm sra sres srta dra hr fr nr bzw"
    # Russian: "г." (year, city), "гг.", "т.е.", "т.д.", "т.п.", "др.", "им.", "ул.", "см."
    " г гг т.е т.д т.п т.к др им ул стр см руб млн млрд тыс".split()
)


@dataclass(frozen=True)
class Sentence:
    """``document_text[start:end] == text``; ``paragraph`` is the paragraph's start offset."""

    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str, start: int = 0, end: int | None = None) -> tuple[Sentence, ...]:
    """The sentences of ``text[start:end]`` in order, with offsets into ``text``."""
    stop = len(text) if end is None else min(end, len(text))
    out: list[Sentence] = []
    for p_start, p_end in _paragraphs(text, max(0, start), stop):
        for s_start, s_end in _split_paragraph(text, p_start, p_end):
            for c_start, c_end in _cap_length(text, s_start, s_end):
                out.append(Sentence(c_start, c_end, text[c_start:c_end], p_start))
    return tuple(out)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between sentence-ending line breaks."""
    spans: list[tuple[int, int]] = []
    p_start = start
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl < 0:
            break
        gap_end = nl + 1
        while gap_end < end and text[gap_end] in " \t\r\n\f\v\u00a0":
            gap_end += 1
        blank = "\n" in text[nl + 1 : gap_end]
        if blank or gap_end >= end or _line_break_ends_sentence(text, p_start, nl, gap_end):
            spans.append((p_start, nl))
            p_start = gap_end
        pos = gap_end
    spans.append((p_start, end))
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in spans) if e > s]


def _line_break_ends_sentence(text: str, p_start: int, nl: int, next_start: int) -> bool:
    before = text[p_start:nl].rstrip()
    if not before:
        return True
    if _BULLET.match(text, next_start):
        return True
    first = text[next_start]
    if first.islower():
        return False
    last = before[-1]
    hyphenated = last == "-" and len(before) > 1 and before[-2].isalpha()
    return last not in ",(" and not hyphenated


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    s_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        stop = match.end()
        full_width = match.group()[0] in _FULL_WIDTH_STOPS
        if not full_width and not _starts_sentence(text, stop, end):
            continue
        single_stop = match.group().startswith(".") and not match.group().startswith("..")
        if single_stop and _is_abbreviation(text, s_start, match.start()):
            continue
        spans.append(_strip(text, s_start, stop))
        s_start = stop
    spans.append(_strip(text, s_start, end))
    return [(s, e) for s, e in spans if e > s]


def _starts_sentence(text: str, pos: int, end: int) -> bool:
    """Whitespace, then what can open a sentence: an opening quote or bracket, a bullet,
    a digit, a capital of any script, or a letter of a script without case."""
    if _NEXT_OPENER.match(text, pos, end):
        return True
    found = _NEXT_CHAR.match(text, pos, end)
    if found is None:
        return False
    ch = found.group(1)
    return ch.isdigit() or ch.isupper() or (ch.isalpha() and not ch.islower())


def _is_abbreviation(text: str, s_start: int, dot: int) -> bool:
    found = _WORD_BEFORE_STOP.search(text, max(s_start, dot - 16), dot + 1)
    if found is None:
        return False
    word = found.group(1)
    token = word.lower()
    if token in _ABBREVIATIONS or _ACRONYM.match(token):
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    if word.isdigit() and len(word) <= 2 and _MONTH_AFTER.match(text, dot + 1):
        return True  # "4. März"
    # a list number at the start of the sentence: "1. Item"
    return word.isdigit() and len(word) <= 3 and found.start(1) == s_start


def _cap_length(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        cut = max(window.rfind("; "), window.rfind(", "))
        if cut < MAX_SENTENCE_CHARS // 3:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = MAX_SENTENCE_CHARS - 1
        pieces.append(_strip(text, start, start + cut + 1))
        start = _strip(text, start + cut + 1, end)[0]
    pieces.append((start, end))
    return [(s, e) for s, e in pieces if e > s]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
