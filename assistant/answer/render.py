"""The render stage: an answer's text and citations from the completed statements.

The statements (completed as an answer quotes them: ``assistant.answer.complete``) are
grouped by report in order of position, adjacent sentences of one speaker merged into
one citation, and rendered with the templates of ``prompts/answer.toml``
(``answer.<language>.toml`` for a question in another language).

Invariants, checked before returning (``_check``): every citation quotes
``document_text[start:end]``; the ``[n]`` markers in the text are exactly 1..N, in
order of first use, one per citation.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from assistant.answer.candidates import Candidate, clean
from assistant.types import Answer, Citation, Statement
from index.language import query_language
from index.lexicon.scripts import CJK, HAN
from index.models import page_at
from index.sentence_layer import after_turn_header

PROMPTS_FILE = Path(__file__).resolve().parents[2] / "prompts" / "answer.toml"

_MARKER = re.compile(r"\[(\d+)\]")
# Pronouns that open a statement and are replaced by the speaker's name in the answer
# ("He described …" → "Guo Jun described …"; "Elle a souligné …", "Он отметил …", "Ella
# afirmó …", "Sie betonte …").
_PRONOUN_START = re.compile(
    r"^(?:He|She|Il|Elle|Он|Она|Él|Ella|Ele|Ela|Er|Sie|Lui|Lei)\s+(?=[a-zß-ÿа-яё])"
    rf"|^(?:他|她)(?=[{HAN}])"  # "她说，…" → "王丽华（主办方代表）说，…"
)
# Whose pronouns they are: "Il lavoro povero …" is Italian's article, not French's "he".
_PRONOUN_LANGUAGE = {
    **dict.fromkeys(("he", "she"), "en"),
    **dict.fromkeys(("il", "elle"), "fr"),
    **dict.fromkeys(("он", "она"), "ru"),
    **dict.fromkeys(("él", "ella"), "es"),
    **dict.fromkeys(("ele", "ela"), "pt"),
    **dict.fromkeys(("er", "sie"), "de"),
    **dict.fromkeys(("lui", "lei"), "it"),
    **dict.fromkeys(("他", "她"), "zh"),
}
# "According to him, …" and its kin in the languages whose preposition takes the name as
# it is: "Selon lui, le dispositif …" → "Selon Julien Mercier (…), le dispositif …".
# (Russian "По его словам" and German "Ihm zufolge" would need the name declined: the
# statement keeps them, after the name.)
_ACCORDING = re.compile(
    r"^(According to|Selon|Según|Segundo|Secondo)\s+(?:him|her|lui|elle|él|ella|ele|ela|lei)"
    r"(?=\s*,)"
)


class AnswerTexts(BaseModel):
    """The fixed texts of ``prompts/answer.toml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    nothing_found: str
    nothing_found_heading: str = "Nothing found in the reports"  # the chat page's (chat.py)
    nothing_by_person: str
    nothing_on_topic_by_person: str
    only_mentioned: str
    document_header: str
    document_header_undated: str
    line: str
    speaker_with_role: str
    speaker_plain: str
    attributed: str
    answered: str


def load_answer_texts(path: Path = PROMPTS_FILE) -> AnswerTexts:
    with path.open("rb") as f:
        return AnswerTexts.model_validate(tomllib.load(f))


@lru_cache(maxsize=16)
def _default_texts(path: Path) -> AnswerTexts:
    return load_answer_texts(path)


def texts_for(question: str, path: Path = PROMPTS_FILE) -> AnswerTexts:
    """The fixed texts in the question's language: ``answer.<language>.toml`` beside
    ``path`` when there is one (``answer.fr.toml``), else ``path`` (English)."""
    language = query_language(question)
    localized = path.with_name(f"{path.stem}.{language}{path.suffix}") if language else None
    return _default_texts(localized if localized and localized.is_file() else path)


def render(chosen: Sequence[Candidate], texts: AnswerTexts) -> Answer:
    best: dict[str, float] = {}
    for c in chosen:
        best[c.source.document_id] = max(best.get(c.source.document_id, -1e9), c.score)
    documents = sorted(best, key=lambda d: -best[d])
    lines: list[str] = []
    citations: list[Citation] = []
    statements: list[Statement] = []
    introduced: set[str] = set()
    for document_id in documents:
        in_document = sorted(
            (c for c in chosen if c.source.document_id == document_id),
            key=lambda c: c.sentence.start,
        )
        source = in_document[0].source
        title = clean(source.title) or source.source
        header = texts.document_header if source.date else texts.document_header_undated
        lines.append(header.format(title=title, date=source.date))
        for run in _runs(in_document):
            numbers: tuple[int, ...] = ()
            if run[0].asked is not None:
                # the question put to a reply is its asker's words: a citation of its own
                numbers = (len(citations) + 1,)
                citations.append(_question_citation(numbers[0], run))
            n = len(citations) + 1
            citations.append(_citation(n, run))
            numbers += (n,)
            said = _statement(run, texts, introduced)
            line = texts.line.format(statement=said, n=n)
            if len(numbers) > 1:  # "… [3][4]": the question's marker before the reply's
                at = line.rindex(f"[{n}]")
                line = f"{line[:at]}[{numbers[0]}]{line[at:]}"
            lines.append(line)
            first = run[0].sentence
            statements.append(Statement(document_id, said, numbers, first.speaker, first.role))
    answer = Answer("\n".join(lines), tuple(citations), True, tuple(statements))
    _check(answer, chosen)
    return answer


def _runs(in_document: list[Candidate]) -> list[list[Candidate]]:
    """Adjacent sentences of one speaker in one paragraph, merged into one citation."""
    runs: list[list[Candidate]] = []
    for c in in_document:
        if runs:
            last = runs[-1][-1].sentence
            if (
                last.ordinal + 1 == c.sentence.ordinal
                and last.paragraph == c.sentence.paragraph
                and last.speaker == c.sentence.speaker
                and c.sentence.ordinal > 0
            ):
                runs[-1].append(c)
                continue
        runs.append([c])
    return runs


def _citation(n: int, run: list[Candidate]) -> Citation:
    return _cited(n, run, run[0].sentence.start, run[-1].sentence.end, run[0].sentence.speaker)


def _question_citation(n: int, run: list[Candidate]) -> Citation:
    """The turn a reply answers, cited as its asker's (``Candidate.asked``)."""
    asked = run[0].asked
    if asked is None:
        raise AssertionError("a question citation for a statement that answers none")
    return _cited(n, run, asked[0], asked[2], run[0].asker)


def _cited(n: int, run: list[Candidate], start: int, end: int, speaker: str | None) -> Citation:
    source = run[0].source
    return Citation(
        n=n,
        document_id=source.document_id,
        title=source.title,
        date=source.date,
        url=source.url,
        source=source.source,
        page=page_at(source.pages, start),
        speaker=speaker,
        passage=source.text[start:end],
        start=start,
        end=end,
        score=round(max(c.score for c in run), 4),
        language=source.language,
    )


def _statement(run: list[Candidate], texts: AnswerTexts, introduced: set[str]) -> str:
    quote = balance_quotes(_joined([clean(_shown(c)) for c in run]))
    first = run[0].sentence
    if first.speaker is None:
        return quote
    name = first.speaker
    role = clean(first.role or "")
    with_role = (
        bool(role)
        and name not in introduced
        and not _says_role(quote, role)
        and squash(role) not in squash(name)  # "Senator Warren", no "(Senator)"
    )
    introduced.add(name)
    label = (
        texts.speaker_with_role.format(name=name, role=role)
        if with_role
        else texts.speaker_plain.format(name=name)
    )
    if name in quote:  # the report names the speaker: the role goes after the name
        return quote.replace(name, label, 1)
    asked = run[0].asked
    if asked is not None:
        question = clean(run[0].source.text[asked[1] : asked[2]])
        return texts.answered.format(speaker=label, question=question, quote=quote)
    according = _ACCORDING.match(quote)
    if according is not None:
        return f"{according.group(1)} {label}{quote[according.end() :]}"
    pronoun = _PRONOUN_START.match(quote)
    language = run[0].source.language
    if pronoun is not None and language not in (
        None,
        _PRONOUN_LANGUAGE[pronoun.group().strip().lower()],
    ):
        pronoun = None
    if pronoun is not None:  # "He described …" → "Guo Jun (…) described …"
        space = "" if pronoun.group() in ("他", "她") else " "  # Chinese has no spaces
        return f"{label}{space}{quote[pronoun.end() :]}"
    return texts.attributed.format(speaker=label, quote=quote)


def _joined(sentences: Sequence[str]) -> str:
    """Sentences one after the other: with a space, but none after Chinese or Japanese
    full stops ("重要。他指出，…")."""
    out = ""
    for text in sentences:
        out += text if not out or out.rstrip("”」").endswith(("。", "！", "？")) else f" {text}"
    return out


def _shown(candidate: Candidate) -> str:
    """The sentence as an answer line shows it: without a turn header at its start
    ("A: ", "Jean-Luc Marchand (France): ", "– (HR) "), which the attribution replaces.
    The citation still quotes the whole span."""
    text = candidate.text
    if candidate.row:
        return candidate.wording  # with its table's caption and column heads
    skip = after_turn_header(text, candidate.sentence.tag)
    return text[skip:] if skip < len(text) else text


def balance_quotes(text: str) -> str:
    """A statement whose quotation opens or closes outside it gets the missing mark,
    so no answer line leaves a quote open: "“The first effect … changes." →
    "“The first effect … changes.”"."""
    guillemets = text.count("«") - text.count("»")  # French and Russian « »
    if guillemets:
        return text + "»" * guillemets if guillemets > 0 else "«" * -guillemets + text
    low = text.count("„")  # „…“: the “ closes it
    opened = text.count("“") - text.count("”") - 2 * min(low, text.count("“")) + low
    if opened and text.count('"') % 2 and _straight_pairs(text, opened):
        return text  # '"We should … regulation,” he said.': one straight, one curly mark
    if opened > 0:
        return text + ("“" if low else "”") * opened
    if opened < 0:
        return "“" * -opened + text
    if text.count('"') % 2:
        return text + '"' if text.lstrip().startswith('"') else '"' + text
    return text


def _straight_pairs(text: str, opened: int) -> bool:
    """Whether the one unmatched curly mark of ``text`` pairs with a straight one: a
    straight mark before a lone closing mark, or after a lone opening one."""
    if abs(opened) != 1:
        return False
    straight = text.index('"')
    return straight < text.index("”") if opened < 0 else straight > text.rindex("“")


def _check(answer: Answer, chosen: Sequence[Candidate]) -> None:
    """The citation invariants of DESIGN.md; a failure here is a bug, never bad input."""
    documents = {c.source.document_id: c.source.text for c in chosen}
    for citation in answer.citations:
        if documents[citation.document_id][citation.start : citation.end] != citation.passage:
            raise AssertionError(f"citation [{citation.n}] does not quote its document span")
    markers = [int(m) for m in _MARKER.findall(answer.text)]
    expected = list(range(1, len(answer.citations) + 1))
    if list(dict.fromkeys(markers)) != expected or len(markers) != len(expected):
        raise AssertionError(f"markers {markers} do not match citations {expected}")


def _says_role(quote: str, role: str) -> bool:
    """Whether the quote gives the role already: its words in a row, or, written without
    spaces (Chinese, Japanese), each of its characters ("評議会の田中一郎議長は" for
    評議会議長)."""
    if squash(role) in squash(quote):
        return True
    return bool(_CJK.search(role)) and set(squash(role)) <= set(quote)


_CJK = re.compile(f"[{CJK}]")


def squash(text: str) -> str:
    """Letters and digits only: "vice president. of the PRC ESS ." ~ its cleaned role."""
    return "".join(ch for ch in text.lower() if ch.isalnum())
