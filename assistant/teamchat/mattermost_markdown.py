"""An answer as a Mattermost post in Markdown: the statements with their ``[n]``, then the
citations as a numbered list (linked title, date, speaker, page, the quote shortened).

Mattermost renders Markdown (no HTML) and, for integrations' replies, also converts
Slack-style ``<!channel>`` and ``<url|label>``. Report text is therefore entity-escaped
(``&``, ``<``, ``>``: Markdown shows ``&lt;`` as ``<``, and nothing Slack-style is left
to convert), every Markdown punctuation character is backslash-escaped (CommonMark's
rule: an escaped character is literal), and its @-mentions are broken. The only links
are the ones built here, to http(s) addresses.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.schemas import AnswerResponse, CitationOut
from assistant.teamchat import text as parts
from assistant.teamchat.text import Line, Links

# Mattermost refuses a post longer than 16,383 characters (its MaxPostSize since
# server 5.0: "Message length" in the Mattermost docs); a margin for the server's own
# additions (the "(edited)" marker, a bot's display name).
MAX_CHARS = 16_000
# The punctuation that can start a Markdown construct anywhere in a line (emphasis,
# code, links, images, headings, tables, strike-through, escapes); a list marker or a
# numbered item only starts one at the start of a line.
_PUNCTUATION = re.compile(r"([\\`*_\[\]()#!|~])")
_BULLET = re.compile(r"^(\s*)([-+])(?=\s|$)", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def escape(text: str) -> str:
    """Report text for Mattermost's Markdown: entities for ``&<>``, a backslash before
    every other punctuation character, mentions broken."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = _NUMBERED.sub(r"\1\\\2", _BULLET.sub(r"\1\\\2", text))
    return parts.unmention(text)


def mattermost_text(answer: AnswerResponse, links: Links) -> str:
    """The post's text, within Mattermost's length limit: when the whole answer does not
    fit, its last statements give way to a line linking the chat page."""
    text = parts.fit(
        answer,
        lambda lines, left: _text(answer, lines, left, links),
        lambda text: len(text) <= MAX_CHARS,
    )
    return text[:MAX_CHARS]


def mattermost_reply(text: str, *, comment: bool) -> dict[str, Any]:
    """The JSON Mattermost takes back: a slash command's answer posts in the channel (in
    the thread it was typed in); an outgoing webhook's, as a reply to the triggering post.
    ``skip_slack_parsing`` keeps the text as written."""
    if comment:
        return {"text": text, "response_type": "comment"}
    return {"text": text, "response_type": "in_channel", "skip_slack_parsing": True}


def _text(answer: AnswerResponse, lines: list[Line], left: int, links: Links) -> str:
    pieces = []
    if answer.note:
        pieces.append(f"_{escape(answer.note)}_")
    pieces.append("\n".join(_line(line) for line in lines).strip())
    cited = parts.cited_by(lines, answer.citations)
    if cited:
        pieces.append("**Sources**\n" + "\n".join(_item(c, links) for c in cited))
    if left:
        chat = links.chat()
        where = f"[the chat page]({chat})" if chat else "the chat page"
        pieces.append(f"_{parts.goes_on(left, where)}_")
    return "\n\n".join(pieces)


def _line(line: Line) -> str:
    if not line.citations:
        return escape(line.text)
    # A blank line before a heading ends the list above it.
    heading = f"\n**{escape(line.heading)}**\n" if line.heading else ""
    return f"{heading}- {escape(line.text)} {parts.markers(line.citations)}"


def _item(c: CitationOut, links: Links) -> str:
    title = escape(parts.title_of(c))
    url = links.report(c)
    head = f"[{title}]({url})" if url else f"**{title}**"
    details = " · ".join(escape(part) for part in parts.meta(c))
    first = " · ".join(part for part in (head, details) if part)
    # Two spaces and a newline: a line break in CommonMark and in Mattermost alike.
    return f"{c.n}. {first}  \n    {escape(parts.quote_of(c))}"
