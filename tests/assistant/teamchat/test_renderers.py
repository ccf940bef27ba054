"""The three renderers over the API's answer object: platform limits, links, and report
text that carries HTML, Slack and Markdown payloads rendered inert (fast: no model).

Markdown is checked the way a client would show it: rendered by a CommonMark parser
(markdown-it-py, HTML off as on both platforms) and the HTML read for links, images
and scripts."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from assistant.schemas import AnswerResponse, CitationOut, StatementOut
from assistant.teamchat.mattermost_markdown import MAX_CHARS, mattermost_reply, mattermost_text
from assistant.teamchat.slack_blocks import MAX_BLOCKS, SECTION_CHARS, slack_message
from assistant.teamchat.teams_card import MAX_BYTES, teams_message
from assistant.teamchat.text import Links, quote_of, shorten, web_url

PAYLOAD = (
    "<script>alert(1)</script> <!channel> <!here> @here @channel @all <@U123> "
    "<https://evil.example|click me> [click](javascript:alert(1)) "
    "![img](https://evil.example/x.png) [site](https://evil.example) "
    "<img src=x onerror=alert(1)> **bold** # heading"
)
PUBLIC = "https://assistant.example.org"


def citation(n: int, **changes: object) -> CitationOut:
    fields: dict[str, object] = {
        "n": n,
        "document_id": f"2024/report-{n}.md",
        "title": f"Report {n}",
        "date": "2024-03-01",
        "url": None,
        "source": f"examples/reports/2024/report-{n}.md",
        "page": 3,
        "speaker": "Mira Quell",
        "passage": f"Mira Quell said that tariffs would be cut ({n}).",
        "start": 10 * n,
        "end": 10 * n + 40,
        "score": 0.5,
    }
    fields.update(changes)
    return CitationOut(**fields)  # type: ignore[arg-type]


def answer(
    statements: list[str], citations: list[CitationOut], note: str | None = None
) -> AnswerResponse:
    lines = [
        StatementOut(document_id="d", text=t, citations=[i + 1], speaker=None, role=None)
        for i, t in enumerate(statements)
    ]
    text = "\n".join(f"{t} [{i + 1}]" for i, t in enumerate(statements))
    return AnswerResponse(
        answer=text,
        found=bool(citations),
        citations=citations,
        statements=lines,
        note=note,
        index_version="v1",
        took_ms=1.0,
    )


def nothing_found() -> AnswerResponse:
    return AnswerResponse(
        answer="The reports hold nothing about this.",
        found=False,
        citations=[],
        index_version="v1",
        took_ms=1.0,
    )


def hostile() -> AnswerResponse:
    bad = citation(1, title=PAYLOAD, url="javascript:alert(1)", passage=PAYLOAD, speaker=PAYLOAD)
    return answer([f"Mira Quell said: {PAYLOAD}"], [bad], note=PAYLOAD)


def long_answer(count: int) -> AnswerResponse:
    words = " ".join(["tariffs"] * 120)
    return answer(
        [f"Statement {i}: {words}" for i in range(count)],
        [citation(i + 1, passage=words * 3) for i in range(count)],
    )


class _Tags(HTMLParser):
    """Every tag and attribute of rendered HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def rendered_tags(markdown: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(MarkdownIt("commonmark", {"html": False}).render(markdown))
    return parser.tags


def assert_markdown_inert(markdown: str, allowed_links: set[str]) -> None:
    tags = rendered_tags(markdown)
    names = {tag for tag, _ in tags}
    assert not names & {"script", "img", "h1", "h2", "iframe"}, names
    links = {attrs.get("href") for tag, attrs in tags if tag == "a"}
    assert links <= allowed_links, links
    # No mention survives: every @ of the report is followed by a zero-width space.
    assert not re.search(r"(?<![\w.])@(here|channel|all)\b", markdown)


# --- Slack -----------------------------------------------------------------------------


def mrkdwn_texts(message: dict) -> list[str]:
    texts = []
    for block in message["blocks"]:
        if block.get("text", {}).get("type") == "mrkdwn":
            texts.append(block["text"]["text"])
        texts += [e["text"] for e in block.get("elements", []) if e["type"] == "mrkdwn"]
    return [*texts, message["text"]]


def test_slack_answer_is_statements_then_a_context_per_citation() -> None:
    message = slack_message(answer(["A said x.", "B said y."], [citation(1), citation(2)]), Links())
    kinds = [b["type"] for b in message["blocks"]]
    assert kinds == ["section", "divider", "context", "context"]
    assert message["blocks"][0]["text"]["text"] == "• A said x. [1]\n• B said y. [2]"
    first = message["blocks"][2]["elements"]
    assert first[0]["text"] == "*[1]* Report 1"  # no web URL and no public URL: no link
    assert first[1] == {
        "type": "plain_text",
        "text": "2024-03-01 · Mira Quell · p. 3",
        "emoji": False,
    }
    assert first[2]["text"].startswith("“Mira Quell said")


def test_statements_are_grouped_under_their_report() -> None:
    cited = [citation(1), citation(2, document_id="2024/report-1.md"), citation(3)]
    grouped = answer(["A.", "B.", "C."], cited)
    grouped.statements[1].document_id = grouped.statements[0].document_id = "2024/report-1.md"
    grouped.statements[2].document_id = "2024/report-3.md"
    section = slack_message(grouped, Links())["blocks"][0]["text"]["text"]
    assert section == (
        "*Report 1 (2024-03-01)*\n• A. [1]\n• B. [2]\n\n*Report 3 (2024-03-01)*\n• C. [3]"
    )
    markdown = mattermost_text(grouped, Links())
    html = MarkdownIt("commonmark", {"html": False}).render(markdown)
    assert html.startswith(
        "<p><strong>Report 1 (2024-03-01)</strong></p>\n<ul>\n<li>A. [1]</li>\n<li>B. [2]</li>\n"
        "</ul>\n<p><strong>Report 3 (2024-03-01)</strong></p>"
    )
    card = card_of(teams_message(grouped, Links()))
    headings = [e["text"] for e in card["body"] if e.get("weight") == "Bolder"]
    assert headings == ["Report 1 (2024-03-01)", "Report 3 (2024-03-01)", "Sources"]


def test_slack_links_to_the_report_page_with_the_span() -> None:
    message = slack_message(answer(["A."], [citation(1)]), Links(PUBLIC))
    head = message["blocks"][2]["elements"][0]["text"]
    assert head == f"*[1]* <{PUBLIC}/r/2024/report-1.md#10-50|Report 1>"


def test_slack_renders_a_hostile_report_inert() -> None:
    message = slack_message(hostile(), Links(PUBLIC))
    for text in mrkdwn_texts(message):
        # The only <…> left are our own links to the report page.
        for inner in re.findall(r"<([^>]*)>", text):
            assert inner.startswith(f"{PUBLIC}/r/"), inner
        assert "<!channel>" not in text and "<@U123>" not in text
        assert not re.search(r"(?<![\w.])@(here|channel|all)\b", text)
    plain = [
        e["text"]
        for b in message["blocks"]
        for e in b.get("elements", [])
        if e["type"] == "plain_text"
    ]
    assert plain and all("@here" not in p for p in plain)


def test_slack_message_over_the_limits_is_trimmed_with_a_link_to_the_chat() -> None:
    message = slack_message(long_answer(80), Links(PUBLIC))
    assert len(message["blocks"]) <= MAX_BLOCKS
    for block in message["blocks"]:
        if "text" in block:
            assert len(block["text"]["text"]) <= SECTION_CHARS
    last = message["blocks"][-1]["elements"][0]["text"]
    assert re.fullmatch(
        rf"The answer goes on: \d+ more statements on <{PUBLIC}/\|the chat page>\.", last
    )
    # every [n] of the kept statements has its context block, and no other is shown
    shown = {
        int(n)
        for b in message["blocks"]
        if b["type"] == "section"
        for n in re.findall(r"\[(\d+)\]", b["text"]["text"])
    }
    contexts = [b for b in message["blocks"] if b["type"] == "context"][:-1]
    assert {
        int(re.match(r"\*\[(\d+)\]", c["elements"][0]["text"]).group(1)) for c in contexts
    } == shown


def test_slack_nothing_found_is_said_as_such() -> None:
    message = slack_message(nothing_found(), Links(PUBLIC))
    assert [b["type"] for b in message["blocks"]] == ["section"]
    assert message["blocks"][0]["text"]["text"] == "The reports hold nothing about this."


# --- Teams -----------------------------------------------------------------------------


def card_of(message: dict) -> dict:
    assert message["type"] == "message"
    (attachment,) = message["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    return card


def card_markdown(card: dict) -> list[str]:
    texts = [e["text"] for e in card["body"] if e["type"] == "TextBlock"]
    for e in card["body"]:
        if e["type"] == "FactSet":
            texts += [f["title"] for f in e["facts"]] + [f["value"] for f in e["facts"]]
    return texts


def test_teams_card_has_statements_and_a_fact_per_citation() -> None:
    card = card_of(
        teams_message(answer(["A said x.", "B said y."], [citation(1), citation(2)]), Links(PUBLIC))
    )
    texts = [e["text"] for e in card["body"] if e["type"] == "TextBlock"]
    assert texts[:2] == ["• A said x. [1]", "• B said y. [2]"]
    (facts,) = [e["facts"] for e in card["body"] if e["type"] == "FactSet"]
    assert [f["title"] for f in facts] == ["[1]", "[2]"]
    assert facts[0]["value"].startswith(
        f"[Report 1]({PUBLIC}/r/2024/report-1.md#10-50) · 2024-03-01"
    )
    assert card["actions"] == [
        {"type": "Action.OpenUrl", "title": "Open the chat page", "url": f"{PUBLIC}/"}
    ]


def test_teams_renders_a_hostile_report_inert() -> None:
    card = card_of(teams_message(hostile(), Links(PUBLIC)))
    for text in card_markdown(card):
        assert_markdown_inert(text, {f"{PUBLIC}/r/2024/report-1.md#10-50"})


def test_teams_card_over_28_kb_is_trimmed() -> None:
    message = teams_message(long_answer(80), Links(PUBLIC))
    assert len(json.dumps(message).encode()) <= MAX_BYTES
    texts = card_markdown(card_of(message))
    assert any(t.startswith("The answer goes on:") for t in texts)


def test_teams_nothing_found_has_no_sources() -> None:
    card = card_of(teams_message(nothing_found(), Links()))
    assert [e["type"] for e in card["body"]] == ["TextBlock"]
    assert card["body"][0]["text"] == "The reports hold nothing about this."
    assert "actions" not in card  # no public URL: no link to a chat page


# --- Mattermost ------------------------------------------------------------------------


def test_mattermost_citations_are_a_numbered_list() -> None:
    text = mattermost_text(
        answer(["A said x.", "B said y."], [citation(1), citation(2)]), Links(PUBLIC)
    )
    html = MarkdownIt("commonmark", {"html": False}).render(text)
    assert html.split("<ol>")[1].split("</ol>")[0].count("<li>") == 2
    assert "- A said x. [1]" in text and "\n1. [Report 1](" in text and "\n2. [Report 2](" in text


def test_mattermost_renders_a_hostile_report_inert() -> None:
    text = mattermost_text(hostile(), Links(PUBLIC))
    assert_markdown_inert(text, {f"{PUBLIC}/r/2024/report-1.md#10-50"})
    assert "<!channel>" not in text and "<https://evil" not in text  # no Slack-style markup left


def test_mattermost_post_over_16383_characters_is_trimmed() -> None:
    text = mattermost_text(long_answer(80), Links(PUBLIC))
    assert len(text) <= MAX_CHARS
    assert f"on [the chat page]({PUBLIC}/)._" in text


def test_mattermost_reply_shapes() -> None:
    assert mattermost_reply("x", comment=True) == {"text": "x", "response_type": "comment"}
    slash = mattermost_reply("x", comment=False)
    assert slash["response_type"] == "in_channel" and slash["skip_slack_parsing"] is True


# --- shared ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("https://x.example/a b|c>d", "https://x.example/a%20b%7Cc%3Ed"),
        ("http://x.example/p?q=1#f", "http://x.example/p?q=1#f"),
        ("https:///nohost", None),
    ],
)
def test_only_web_addresses_become_links(url: str, expected: str | None) -> None:
    assert web_url(url) == expected


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("short", 12) == "short"


def test_a_quote_that_opens_with_its_own_mark_is_not_quoted_twice() -> None:
    assert quote_of(citation(1, passage="“We agree,” she said.")) == "“We agree,” she said."
    assert quote_of(citation(1, passage="We agree.")) == "“We agree.”"
