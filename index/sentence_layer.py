"""The sentence layer of a snapshot: every sentence of every document, in reading order,
with its exact span, who says it (speaker and role, where the report says so) and
whether it is a statement an answer may quote.

Worked out once per document at build time, over the whole text, so a passage cut in
the middle of a speech still knows its speaker and a question about a person has the
person's statements to search. Statements get a vector (the sentence embedded alone,
without its attribution words: "Lidia Mikheeva, Secretary of …, noted that" would
otherwise weigh in it); answers then embed nothing but the question.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from index.attribution import (
    DASH_TURN,
    Attribution,
    Speaker,
    attribute,
    header_at,
    is_answer_turn,
    is_credit_line,
    is_question_turn,
)
from index.clean import CELLS
from index.lexicon.scripts import CJK
from index.models import Document
from index.sentences import Sentence, split_sentences


@lru_cache(maxsize=1)
def layer_version() -> str:
    """A hash of the code that derives the layer (splitting, attribution and its language
    data, this module): a snapshot built by other code re-derives the layer of every
    document. It costs a regex pass; the vectors come back from the cache (keyed by
    text)."""
    from index import attribution, lexicon, sentences

    files = [Path(str(sentences.__file__)), Path(str(sys.modules[__name__].__file__))]
    for package in (attribution, lexicon):
        files += sorted(Path(str(package.__file__)).parent.rglob("*.py"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# Sentences shorter than this many words are headings, captions, menu items or
# header lines ("President."): kept in the layer (for offsets), never quoted alone.
MIN_WORDS = 5

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Han ideographs and kana, written without spaces: a word of Chinese is one to three
# characters (two on average in running text), so two characters count as one word.
_CJK_CHAR = re.compile(f"[{CJK}]")
_TERMINATED = re.compile(r"""[.!?…。！？؟]["'”’»)\]」』）]*$""")
_QUESTION = re.compile(r"""[?？؟]["'”’»)\]」』）]*$""")
_TITLES = frozenset("mr mrs ms mx dr prof sir dame madam mme m hon rt the".split())


@dataclass(frozen=True)
class SentenceRecord:
    """One sentence of a document: ``document.text[start:end]`` is its text."""

    document_id: str
    ordinal: int
    start: int
    end: int
    paragraph: int  # start offset of the paragraph
    speaker: str | None
    role: str | None
    statement: bool  # an answer may quote it
    tag_start: int | None  # the attribution words, offsets into the document text
    tag_end: int | None
    content: str  # the sentence without its attribution words (see ``embedded_texts``)
    # In a verbatim record: the layout of the turn header (``index.attribution.Layout``
    # value), the start offset of the sentence that opens the turn, and where the turn
    # this sentence opens replies to starts (the question put to it: ``replies_to``).
    layout: str | None = None
    turn: int | None = None
    replies_to: int | None = None

    @property
    def tag(self) -> tuple[int, int] | None:
        """The attribution words as offsets into the sentence's own text."""
        if self.tag_start is None or self.tag_end is None:
            return None
        return self.tag_start - self.start, self.tag_end - self.start


def sentence_records(document: Document) -> list[SentenceRecord]:
    """The sentence layer of one document, in reading order."""
    sentences = split_sentences(document.text)
    voice = document_speaker(document)
    attributions = attribute(sentences, turns_too=voice is None)
    records = []
    for i, (sentence, attribution) in enumerate(zip(sentences, attributions, strict=True)):
        speaker = attribution.speaker or voice
        tag = attribution.tag
        row = table_row(sentences, i)
        records.append(
            SentenceRecord(
                document_id=document.id,
                ordinal=i,
                start=sentence.start,
                end=sentence.end,
                paragraph=sentence.paragraph,
                speaker=speaker.name if speaker else None,
                role=speaker.role if speaker else None,
                statement=row is not None or _is_statement(sentences, i, attribution),
                tag_start=sentence.start + tag[0] if tag else None,
                tag_end=sentence.start + tag[1] if tag else None,
                content=row or content_text(sentence.text, tag),
                layout=attribution.layout.value if attribution.layout else None,
                turn=sentences[attribution.turn].start if attribution.turn is not None else None,
            )
        )
    return [
        replace(r, replies_to=_question_before(records, i, document.text))
        for i, r in enumerate(records)
    ]


def document_speaker(document: Document) -> Speaker | None:
    """Whose speech the whole document is, when its record says so (a JSONL record's
    ``metadata.speaker``, with ``metadata.post`` or ``metadata.role``): a speech at the
    UN General Debate names its speaker nowhere in its text. The text's own attributions
    ("“No country can face this alone,” said Pedro Mora") still come first."""
    name = document.metadata.get("speaker")
    if not isinstance(name, str) or not name.strip():
        return None
    role = document.metadata.get("post") or document.metadata.get("role")
    return Speaker(" ".join(name.split()), role.strip() if isinstance(role, str) else None)


# A sentence that opens with a pronoun or a demonstrative for a thing leans on the one
# before it: "Among them were a public register of recruitment agencies …" says what
# was recommended only with "… before making its recommendations", and "It was chaired
# by Ana Ferreira" is about the hearing of the sentence before. Such a statement is
# embedded together with the previous sentence of its paragraph (its words stay its
# own: overlap and display use the sentence alone). Not "He"/"She": the speaker's own
# next point ("He noted that most care is done by women") is whole, and embedding it
# with the sentence before diluted it (labelled sets: recall on tests/data/
# answers_heldout2.jsonl 0.60 → 0.52 with them, tests/data/answers.jsonl 0.82 → 0.86
# either way). English, French and Russian openers.
_LEANS_BACK = re.compile(
    r"""^["“«„]?(?:It|They|This|These|Those|That|Such|Its|Their|Both
    |Among\s+(?:them|these|those)|Of\s+(?:them|these|those)|In\s+(?:this|that|doing\s+so)
    |Ils|Elles|Ce|Cette|Ces|Parmi\s+(?:eux|elles|celles-ci|ceux-ci)
    |Оно|Они|Это|Эти|Этот|Эта|Среди\s+них)\b""",
    re.VERBOSE,
)


def embedded_texts(document: Document, records: list[SentenceRecord]) -> list[str]:
    """What is embedded for each statement of ``records`` (one document's layer, in
    reading order): its content, after the previous sentence's content when it leans
    back on it (``_LEANS_BACK``) in the same paragraph."""
    out = []
    for i, r in enumerate(records):
        if not r.statement:
            continue
        text = document.text[r.start : r.end]
        said = text[after_turn_header(text, r.tag) :].lstrip()
        previous = records[i - 1] if i > 0 else None
        if previous is None or previous.paragraph != r.paragraph:
            out.append(r.content)
        elif _LEANS_BACK.match(said):
            out.append(f"{previous.content} {r.content}")
        elif opening := _short_opening(document, previous, r):
            out.append(f"{opening} {r.content}")
        else:
            out.append(r.content)
    return out


def _short_opening(document: Document, previous: SentenceRecord, r: SentenceRecord) -> str:
    """A reply's short first words after its turn header, no statement alone, that the
    next sentence goes on from ("" if none): "Ana Silva: Longer funding settlements.
    Councils cannot plan …". Only after a header: in a news report's quote ("Automation
    is not new. What is new is the speed.") the short sentence is a point of its own, and
    lent its words to the next one's vector it answered a held-out question about
    autonomous weapons."""
    text = document.text[previous.start : previous.end]
    header = after_turn_header(text, previous.tag)
    said = " ".join(text[header:].split())
    opens = (
        header > 0
        and not previous.statement
        and previous.speaker is not None
        and previous.speaker == r.speaker
        and 0 < word_count(said) < MIN_WORDS
        and not _QUESTION.search(text)
        and not _COURTESY.match(said.strip(" –—-"))
    )
    return said if opens else ""


# Words of address and thanks that open a turn and say nothing of its subject ("Mr
# President.", "Thank you, Chair."): 1,390 European Parliament statements would have
# carried them in their vectors.
_COURTESY = re.compile(
    r"^(?:\([A-Z]{2}\)\s*)?(?:(?:Mr|Mrs|Ms|Madam|Madame|Mister|Monsieur|Herr|Frau|Señor|Señora)\.?"
    r"\s+(?:the\s+)?(?:President|Chair\w*|Speaker|Commissioner|Président\w*|Präsident\w*"
    r"|Presidente?a?)|Thank\s+you|Thanks|Merci|Danke|Gracias|Obrigad[oa]|Grazie"
    r"|Good\s+(?:morning|afternoon|evening)|Bonjour|Hello|Hi)\b",
    re.I,
)


_FIGURE = re.compile(r"\d")
_YEAR_LABEL = re.compile(r"(?:19|20)\d\d(?:\s*[–/-]\s*\d{2,4})?")
_LABEL = re.compile(r"[^\W\d_]{2,}")


def table_row(sentences: tuple[Sentence, ...], i: int) -> str | None:
    """A table row that gives figures ("Net income | 166.3 | 157.7 | 147.3"), read as a
    statement with its table's caption and column heads: "Consolidated statements of
    operations (in millions). Net income: Fiscal 2022 166.3; Fiscal 2021 157.7; Fiscal
    2020 147.3". Its words are what a question about it asks ("net income", "fiscal
    2022"), which the bare row lacks. None for any other sentence, and for a table's
    first row (its heads)."""
    cells = table_cells(sentences[i].text)
    if len(cells) < 2 or not any(_FIGURE.search(c) for c in cells[1:]):
        return None
    # the table: its lines (a Markdown rule line "|---|---|" under the heads is one of
    # them, no row); its heads, the first, when it is not this one
    first = i
    while first > 0 and _in_table(sentences[first - 1].text):
        first -= 1
    if first == i and i + 1 < len(sentences) and _in_table(sentences[i + 1].text):
        return None  # the heads of the rows below
    heads = table_cells(sentences[first].text) if first < i else []
    # a label of words ("Net income"), or a year under heads of words ("2023 | 74 | 9"
    # under "Year | Members | Webinars")
    if not _LABEL.search(cells[0]) and not (
        _YEAR_LABEL.fullmatch(cells[0]) and any(_LABEL.search(h) for h in heads[1:])
    ):
        return None
    if len(heads) == len(cells):
        heads = heads[1:]  # the first head names the labels' column
    values = cells[1:]
    if len(heads) == len(values):
        said = "; ".join(f"{head} {value}" for head, value in zip(heads, values, strict=True))
    else:
        said = ", ".join(values)
    caption = sentences[first - 1].text.strip() if first > 0 else ""
    caption = caption if caption and word_count(caption) <= _CAPTION_WORDS else ""
    lead = f"{caption.rstrip('.:')}. " if caption else ""
    return f"{lead}{cells[0]}: {said}"


# A caption is a short line above a table ("Consolidated statements of cash flows (in
# millions)"); a longer sentence there is running text.
_CAPTION_WORDS = 15


def table_cells(text: str) -> list[str]:
    """The cells of a table row ("| Net income | 166.3 |" in Markdown too); none for a
    line that is no row."""
    if CELLS not in text:
        return []
    return [c.strip() for c in text.strip().strip("|").split(CELLS.strip())]


def _in_table(text: str) -> bool:
    """A row of a table, or the rule line under a Markdown table's heads."""
    return CELLS in text or bool(_RULE.fullmatch(text.strip()))


_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")


def _is_statement(sentences: tuple[Sentence, ...], i: int, attribution: Attribution) -> bool:
    """Not a role line, a heading, a caption, a menu item, a courtesy after a turn header
    ("Jean-Luc Marchand (France): Thank you, Madam Chair.") or a question (an
    interviewer's or a rhetorical question asks, it does not state)."""
    sentence = sentences[i]
    if is_credit_line(sentence.text) or attribution.listed:
        # "Rapporteur: Maria Lindqvist" answers "Who was the rapporteur?", "Marta Okonkwo
        # (Chair)" under "Present:" "Who chaired the committee?"
        return True
    said = sentence.text[after_turn_header(sentence.text, attribution.tag) :]
    if attribution.role_only or word_count(said) < MIN_WORDS:
        return False
    if _QUESTION.search(sentence.text):
        return False
    alone = (i == 0 or sentences[i - 1].paragraph != sentence.paragraph) and (
        i + 1 == len(sentences) or sentences[i + 1].paragraph != sentence.paragraph
    )
    return not (alone and not _TERMINATED.search(sentence.text))


def word_count(text: str) -> int:
    """Words of ``text``; a run of Chinese or Japanese counts one word per two characters."""
    cjk = len(_CJK_CHAR.findall(text))
    return len(_WORD.findall(_CJK_CHAR.sub(" ", text))) + cjk // 2


def after_turn_header(text: str, tag: tuple[int, int] | None) -> int:
    """Where the words of a sentence begin after a turn header at its start ("Name
    (Group): ", "A: ", "– (EN) "), given its attribution span; 0 without one. A news-style
    attribution ("Lidia Mikheeva noted that") is part of the sentence and stays."""
    if tag is None or tag[0] != 0:
        return 0
    head = text[: tag[1]].strip()
    labelled = head.endswith(":") or head.startswith(("–", "-", "—"))
    # "Q. ", "A. " of a deposition, "Q " of a press briefing
    return tag[1] if labelled or is_answer_turn(text) or is_question_turn(text) else 0


def content_text(text: str, tag: tuple[int, int] | None) -> str:
    """The sentence without its attribution words, whitespace normalised; the whole
    sentence when too little would remain."""
    if tag is not None:
        start, end = tag
        rest = f"{text[:start]} {text[end:]}"
        if word_count(rest) >= MIN_WORDS:
            text = rest
    return " ".join(text.split())


def plain_text(text: str) -> str:
    """Lower case, no accents: "Sofía" ~ "sofia", "présidente" ~ "presidente"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """A person's name for matching: no accents, case, titles or initials' stops.
    "Dr. Sofía  Herrera" → "sofia herrera"."""
    plain = plain_text(name).replace("ł", "l").replace("ø", "o")
    words = [w for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", plain)]
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return " ".join(words)


# The turn before a reply, looked back for within this many characters.
REPLY_WINDOW = 2000
# A question quoted before the reply that answers it is of a question's length: the end
# of the turn before, as many of its last sentences as fit QUESTION_CHARS. A witness's
# 2,000-character statement that ends "…, don't you think?" was shown whole as the
# question put to the member who replied in one line (committee hearings of QMSum).
QUESTION_CHARS = 400
_QUESTION_END = re.compile(r"""[?？]["'”’»)\]]*\s*$""")


def _question_before(records: list[SentenceRecord], i: int, text: str) -> int | None:
    """Where the question that ``records[i]`` replies to starts, when it opens a reply:
    the "Q:" paragraph before an "A:" reply (or a dash question before a dash answer);
    or, in a transcript labelled by name ("Interviewer: What should the government
    do?" then "Maria Santos: Targeted transfers …"), another speaker's turn ending with
    a question mark right before the turn it opens (its header "Name:", or a line "Name
    0:21" just before it), as many of its last sentences as fit ``QUESTION_CHARS``."""
    s = records[i]
    if s.speaker is None:
        return None
    own = text[s.start : s.end]
    dashed = s.start == s.paragraph and DASH_TURN.match(own) is not None
    answer = is_answer_turn(own) or dashed
    if not answer and s.start != s.paragraph:
        return None
    before = _within_window(records, i)
    if answer:
        return _asked_before(before, s, text, dashed)
    # a turn the sentence layer gave a header to ("Marketing: …", a label the
    # transcript itself taught) opens a turn too
    opens_turn = header_at(own, None) is not None or s.tag_start == s.start
    while before and before[-1].speaker == s.speaker and not before[-1].statement:
        line = text[before[-1].start : before[-1].end]
        opens_turn = opens_turn or header_at(line, None) is not None
        before.pop()  # "Maria Santos   0:21": her header line
    if not opens_turn or not before:
        return None
    last = before[-1]
    if last.speaker in (None, s.speaker) or not _QUESTION_END.search(text[last.start : last.end]):
        return None
    turn = [r for r in before if r.paragraph == last.paragraph]
    kept = [turn.pop()]
    while turn and kept[-1].end - turn[-1].start <= QUESTION_CHARS:
        kept.insert(0, turn.pop())
    return kept[0].start


def _within_window(records: list[SentenceRecord], i: int) -> list[SentenceRecord]:
    """The sentences before ``records[i]`` that end within ``REPLY_WINDOW`` of it."""
    start = records[i].start
    j = i
    while j > 0 and records[j - 1].end > start - REPLY_WINDOW:
        j -= 1
    return [r for r in records[j:i] if r.end <= start]


def _asked_before(
    before: list[SentenceRecord], s: SentenceRecord, text: str, dashed: bool
) -> int | None:
    """The start of the question turn right before an answer's turn ("Q:", or a dash
    turn that ends with a question mark), when another speaker asks it."""
    if not before:
        return None
    turn = [r for r in before if r.paragraph == before[-1].paragraph]
    first = turn[0]
    asks = (
        DASH_TURN.match(text[first.start : first.end]) is not None
        and _QUESTION_END.search(text[turn[-1].start : turn[-1].end]) is not None
        if dashed
        else is_question_turn(text[first.start : first.end])
    )
    if first.speaker == s.speaker or (dashed and first.speaker is None) or not asks:
        return None
    return first.start
