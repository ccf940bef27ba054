"""What the three renderers share: the answer's parts as plain data, links, shortening
and the neutralising of mentions.

Report text is data, never markup: each renderer escapes it for its platform's syntax
(Slack mrkdwn, Adaptive Card Markdown, Mattermost Markdown), and all of them first
break the @-mentions a report may hold (``@here``, ``@channel``, ``@all``, a user's
name), which Mattermost would otherwise turn into notifications.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urlsplit

from assistant.schemas import AnswerResponse, CitationOut
from index.errors import ConfigError

# U+200B ZERO WIDTH SPACE: invisible, and not a word character, so "@\u200bhere" is no
# mention on any of the three platforms, and "]\u200b(" no Markdown link.
ZWSP = "\u200b"
# An @ that starts a word (not the one inside an e-mail address) followed by a name.
_MENTION = re.compile(r"(?<![\w.])@(?=\w)")
# Quotes shown under a citation: about three lines of a chat client (~100 characters a
# line at the default width of Slack's and Mattermost's message pane).
QUOTE_CHARS = 300
_SPACES = re.compile(r"\s+")
_OPENING_QUOTES = set("“\"«„‘'「『")


@dataclass(frozen=True)
class Links:
    """Where links in a reply point. ``public_url`` is the server as users reach it;
    without it a citation links to the report's own URL, when that is a web address."""

    public_url: str | None = None

    def report(self, c: CitationOut) -> str | None:
        """The report page with the cited span marked, else the report's own web URL."""
        if self.public_url:
            path = quote(c.document_id, safe="/")
            return f"{self.public_url.rstrip('/')}/r/{path}#{c.start}-{c.end}"
        return web_url(c.url)

    def chat(self) -> str | None:
        """The chat page, where an answer too long for a chat message reads in full."""
        return f"{self.public_url.rstrip('/')}/" if self.public_url else None


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address (never ``javascript:`` or a file path), with
    the characters that end a link in Slack or Markdown percent-encoded."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#[]@!$&'*+,;=%~")


def unmention(text: str) -> str:
    """Break every @-mention so that no platform notifies anyone."""
    return _MENTION.sub("@" + ZWSP, text)


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: max(limit - 1, 0)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def markers(numbers: list[int] | tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in numbers)


@dataclass(frozen=True)
class Line:
    """One line of a reply: a statement and the citations it ends with; the first line
    of each report carries that report's title and date, as the answer's text does."""

    text: str
    citations: tuple[int, ...]
    heading: str | None = None


# A report's title in a heading or a citation: the sample reports' longest is ~120
# characters; a longer one is cut so a heading stays on one or two lines.
TITLE_CHARS = 150


def lines_of(answer: AnswerResponse) -> list[Line]:
    """The answer's statements (the same lines ``answer`` holds), grouped under their
    report as the answer's text is; when there are none (nothing found), its text."""
    if not answer.statements:
        return [Line(answer.answer, ())]
    reports = {c.document_id: c for c in reversed(answer.citations)}  # first citation wins
    lines, previous = [], None
    for s in answer.statements:
        report = reports.get(s.document_id) if s.document_id != previous else None
        heading = None
        if report is not None:
            title = title_of(report)
            heading = f"{title} ({report.date})" if report.date else title
        lines.append(Line(s.text, tuple(s.citations), heading))
        previous = s.document_id
    return lines


Made = TypeVar("Made")


def fit(
    answer: AnswerResponse,
    build: Callable[[list[Line], int], Made],
    fits: Callable[[Made], bool],
) -> Made:
    """The reply ``build`` makes of the most statements that ``fits`` the platform's
    limit; ``build`` is told how many statements it leaves out, to say so and link to
    the chat page. Never refused by the platform: at worst one statement is left."""
    lines = lines_of(answer)
    for keep in range(len(lines), 0, -1):
        made = build(lines[:keep], len(lines) - keep)
        if fits(made):
            break
    return made


def goes_on(left: int, where: str) -> str:
    """The line that replaces the statements a platform's limit left out."""
    statements = "statement" if left == 1 else "statements"
    return f"The answer goes on: {left} more {statements} on {where}."


def title_of(c: CitationOut) -> str:
    return shorten(c.title, TITLE_CHARS) or "untitled"


def cited_by(lines: list[Line], citations: list[CitationOut]) -> list[CitationOut]:
    """The citations ``lines`` use, as a prefix (numbers stay 1..m, so a numbered list
    reads the same numbers as the markers)."""
    most = max((n for line in lines for n in line.citations), default=0)
    return [c for c in citations if c.n <= most]


def meta(c: CitationOut) -> list[str]:
    """Date, speaker and page of a citation, where it has them."""
    parts = [c.date or "", c.speaker or "", f"p. {c.page}" if c.page is not None else ""]
    return [p for p in parts if p]


def quote_of(c: CitationOut, limit: int = QUOTE_CHARS) -> str:
    """The passage shortened, in quotation marks unless it opens with its own."""
    text = shorten(c.passage, limit)
    return text if text[:1] in _OPENING_QUOTES else f"“{text}”"


def read_secret(path: Path, what: str) -> list[str]:
    """The non-empty lines of a secret file; a file with none stops the server at start."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    found = [line for line in lines if line]
    if not found:
        raise ConfigError(f"the {what} file {path} is empty; put the {what} on its first line")
    return found
