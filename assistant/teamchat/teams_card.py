"""An answer as a Microsoft Teams message with one Adaptive Card: the statements with
their ``[n]``, then the citations as a FactSet (``[n]`` → linked title, date, speaker,
page, the quote shortened).

Adaptive Cards render Markdown in TextBlocks and facts, never HTML. Report text is
made inert with zero-width spaces placed where Markdown syntax would start (after
``[``, ``]``, ``!``, ``<``, ``*``, ``_``, `````, ``~``, ``#``): invisible to the reader,
and no link, image, emphasis or heading can form, whatever Markdown dialect a Teams
client uses. The only links are the ones built here, to http(s) addresses.
"""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.schemas import AnswerResponse, CitationOut
from assistant.teamchat import text as parts
from assistant.teamchat.text import ZWSP, Line, Links

# Teams refuses a message larger than about 28 KB (Microsoft's "Format cards in Teams"
# and bot message limits); 26,000 bytes of JSON leaves room for the envelope Teams adds.
MAX_BYTES = 26_000
# Card schema 1.4: what every Teams client renders (Teams supports up to 1.5 on desktop
# and web, 1.4 everywhere; "Adaptive Cards in Teams").
VERSION = "1.4"
_SYNTAX = re.compile(r"([\[\]!<*_`~#\\])")

Element = dict[str, Any]


def escape(text: str) -> str:
    """Report text for a card's Markdown: syntax characters followed by a zero-width
    space (so none starts a construct), mentions broken."""
    return parts.unmention(_SYNTAX.sub(lambda m: m.group(1) + ZWSP, text))


def teams_message(answer: AnswerResponse, links: Links) -> dict[str, Any]:
    """The outgoing webhook's reply: a message whose one attachment is the card, within
    Teams' size limit (the last statements give way to a line linking the chat page)."""
    return parts.fit(
        answer,
        lambda lines, left: _message(_body(answer, lines, left, links), links),
        lambda message: len(json.dumps(message).encode()) <= MAX_BYTES,
    )


def teams_notice(text: str, links: Links) -> dict[str, Any]:
    """A short message of our own (usage, an error to fix, still working) as a card."""
    return _message([_text(escape(text))], links)


def _message(body: list[Element], links: Links) -> dict[str, Any]:
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }
    chat = links.chat()
    if chat:  # outgoing webhooks allow no card action but openUrl
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open the chat page", "url": chat}]
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
        ],
    }


def _text(text: str, **style: Any) -> Element:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _body(answer: AnswerResponse, lines: list[Line], left: int, links: Links) -> list[Element]:
    body: list[Element] = []
    if answer.note:
        body.append(_text(escape(answer.note), isSubtle=True))
    for line in lines:
        if line.heading:
            body.append(_text(escape(line.heading), weight="Bolder", spacing="Medium"))
        body.append(_text(_line(line)))
    cited = parts.cited_by(lines, answer.citations)
    if cited:
        body.append(_text("Sources", weight="Bolder", separator=True, spacing="Medium"))
        body.append({"type": "FactSet", "facts": [_fact(c, links) for c in cited]})
    if left:
        body.append(_text(parts.goes_on(left, "the chat page"), isSubtle=True))
    return body


def _line(line: Line) -> str:
    if not line.citations:
        return escape(line.text)
    return f"• {escape(line.text)} {parts.markers(line.citations)}"


def _fact(c: CitationOut, links: Links) -> Element:
    title = escape(parts.title_of(c))
    url = links.report(c)
    head = f"[{title}]({url})" if url else title
    details = " · ".join(escape(part) for part in parts.meta(c))
    value = " · ".join(part for part in (head, details) if part)
    return {"title": f"[{c.n}]", "value": f"{value}  \n{escape(parts.quote_of(c))}"}
