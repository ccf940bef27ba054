"""An answer as a Slack message in Block Kit: the statements with their ``[n]``, then a
context block per citation (title linked, date, speaker, page, the quote shortened).

Report text goes into ``mrkdwn`` only escaped (``&``, ``<``, ``>``: Slack's own rule, so
no ``<!channel>``, ``<@U…>`` or ``<url|label>`` from a report is ever parsed) and with its
@-mentions broken; quotes and the citation's details are ``plain_text``, which Slack
never parses. The only links are the ones built here, to http(s) addresses.
"""

from __future__ import annotations

from typing import Any

from assistant.schemas import AnswerResponse, CitationOut
from assistant.teamchat import text as parts
from assistant.teamchat.text import Line, Links

# Slack refuses a message of more than 50 blocks and a section text of more than 3,000
# characters (Block Kit reference: "Blocks", "Section block").
MAX_BLOCKS = 50
SECTION_CHARS = 3000
# The top-level `text` is what notifications show; Slack truncates it past 40,000
# characters and advises keeping it under 4,000 (chat.postMessage, "Truncating content").
FALLBACK_CHARS = 3000

Block = dict[str, Any]


def escape(text: str) -> str:
    """Report text for ``mrkdwn``: Slack's three control characters escaped, mentions
    broken."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return parts.unmention(text)


def plain(text: str) -> Block:
    return {"type": "plain_text", "text": parts.unmention(text), "emoji": False}


def mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text}


def slack_message(answer: AnswerResponse, links: Links) -> dict[str, Any]:
    """``{"text", "blocks"}`` for chat.postMessage or a response_url, within Slack's
    limits: when the whole answer does not fit, its last statements give way to a line
    that says how many more there are and links to the chat page."""
    blocks = parts.fit(
        answer,
        lambda lines, left: _blocks(answer, lines, left, links),
        lambda blocks: len(blocks) <= MAX_BLOCKS,
    )
    return {"text": _fallback(answer), "blocks": blocks}


def notice(text: str) -> dict[str, Any]:
    """A short message of our own (usage, an error to fix), as text and one block."""
    return {"text": escape(text), "blocks": [{"type": "section", "text": mrkdwn(escape(text))}]}


def _fallback(answer: AnswerResponse) -> str:
    return escape(parts.shorten(answer.answer, FALLBACK_CHARS))


def _blocks(answer: AnswerResponse, lines: list[Line], left: int, links: Links) -> list[Block]:
    blocks: list[Block] = []
    if answer.note:
        blocks.append({"type": "section", "text": mrkdwn(f"_{escape(answer.note)}_")})
    blocks += _sections([_line(line) for line in lines])
    cited = parts.cited_by(lines, answer.citations)
    if cited:
        blocks.append({"type": "divider"})
        blocks += [_citation(c, links) for c in cited]
    if left:
        blocks.append(_more(left, links))
    return blocks


def _line(line: Line) -> str:
    # A statement longer than a section would be cut by Slack: shorten it ourselves, and
    # keep its markers.
    tail = parts.markers(line.citations)
    text = escape(parts.shorten(line.text, SECTION_CHARS - len(tail) - 400))
    if not line.citations:
        return text
    # A blank line before each report's heading but the first (sections are stripped).
    heading = f"\n*{escape(line.heading)}*\n" if line.heading else ""
    return f"{heading}• {text} {tail}"


def _sections(lines: list[str]) -> list[Block]:
    """Statements packed into as few section blocks as fit 3,000 characters each."""
    sections: list[Block] = []
    current = ""
    for line in lines:
        joined = f"{current}\n{line}" if current else line
        if len(joined) > SECTION_CHARS and current:
            sections.append({"type": "section", "text": mrkdwn(current)})
            joined = line
        current = joined
    if current:
        sections.append({"type": "section", "text": mrkdwn(current)})
    for section in sections:
        section["text"]["text"] = section["text"]["text"].strip("\n")
    return sections


def _citation(c: CitationOut, links: Links) -> Block:
    title = escape(parts.title_of(c))
    url = links.report(c)
    head = f"*[{c.n}]* <{url}|{title}>" if url else f"*[{c.n}]* {title}"
    elements = [mrkdwn(head)]
    details = parts.meta(c)
    if details:
        elements.append(plain(" · ".join(details)))
    elements.append(plain(parts.quote_of(c)))
    return {"type": "context", "elements": elements}


def _more(left: int, links: Links) -> Block:
    chat = links.chat()
    where = f"<{chat}|the chat page>" if chat else "the chat page"
    return {"type": "context", "elements": [mrkdwn(parts.goes_on(left, where))]}
