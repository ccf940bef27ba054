#!/usr/bin/env python3
"""Screenshots of one answer as each team chat shows it, for docs/team-chat.md.

Asks the real service one question over an index, renders the answer with the bots' own
renderers (Block Kit, Adaptive Card, Markdown), lays each out in a small HTML page that
looks roughly as Slack, Teams and Mattermost draw it, and has Debian's Chromium
(Playwright) save a PNG of each::

    .venv/bin/python tools/preview_team_chat.py --index-dir var/index

writes docs/images/team-chat-slack.png, team-chat-teams.png, team-chat-mattermost.png
(``--out`` elsewhere; ``--html`` keeps the pages too). The pages are a preview, not the
platforms: they draw the subset of each syntax the bots use, and they draw report
text as text, the way the platforms do once the renderers have escaped it.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

REPO = Path(__file__).resolve().parents[1]

from assistant.app import build_service  # noqa: E402
from assistant.schemas import AnswerResponse  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.teamchat.mattermost_markdown import mattermost_text  # noqa: E402
from assistant.teamchat.slack_blocks import slack_message  # noqa: E402
from assistant.teamchat.teams_card import teams_message  # noqa: E402
from assistant.teamchat.text import Links  # noqa: E402
from index.config import BuildConfig  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
QUESTION = "What did speakers say about artificial intelligence and work?"
ASKER = "Ada Lovelace"
BOT = "Report assistant"
# Neither platform renders HTML in Markdown; the preview does not either.
MARKDOWN = MarkdownIt("commonmark", {"html": False})

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>{css}</style></head>
<body class="{platform}"><main>{body}</main></body></html>"""

CSS = """
body { margin: 0; font: 15px/1.46 -apple-system, "Segoe UI", "Noto Sans", Lato, sans-serif; }
main { width: 760px; padding: 20px 24px; }
.msg { display: flex; gap: 10px; margin-bottom: 14px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; flex: none; color: #fff;
  display: flex; align-items: center; justify-content: center; font-weight: 700; }
.who { font-weight: 700; } .when { color: #777; font-size: 12px; margin-left: 6px; }
.tag { font-size: 10px; background: #ddd; border-radius: 3px; padding: 0 4px; margin-left: 4px; }
a { text-decoration: none; }
p { margin: 0 0 6px; }
/* Slack */
.slack { background: #fff; color: #1d1c1d; } .slack a { color: #1264a3; }
.slack .avatar.bot { background: #4a154b; } .slack .avatar.user { background: #2eb67d; }
.slack .section { white-space: pre-wrap; margin: 4px 0; }
.slack .divider { border-top: 1px solid #ddd; margin: 8px 0; }
.slack .context { color: #616061; font-size: 12.5px; margin: 6px 0; display: flex;
  flex-wrap: wrap; gap: 4px 8px; }
.slack .context a { font-weight: 600; } .slack .context b { color: #1d1c1d; }
.slack .thread { color: #1264a3; font-size: 13px; font-weight: 700; margin: 2px 0 12px 46px; }
/* Teams */
.teams { background: #f5f5f5; color: #242424; } .teams a { color: #5b5fc7; }
.teams .avatar { border-radius: 50%; } .teams .avatar.bot { background: #5b5fc7; }
.teams .avatar.user { background: #c4314b; }
.teams .bubble { background: #fff; border-radius: 6px; padding: 10px 14px;
  box-shadow: 0 1px 2px rgba(0,0,0,.12); width: 100%; }
.teams .card { border: 1px solid #e0e0e0; border-radius: 6px; padding: 12px; margin-top: 6px; }
.teams .tb { margin: 4px 0; } .teams .bolder { font-weight: 700; }
.teams .subtle { color: #707070; } .teams .separator { border-top: 1px solid #e0e0e0;
  padding-top: 8px; margin-top: 10px; }
.teams table { border-collapse: collapse; font-size: 13.5px; }
.teams td { vertical-align: top; padding: 3px 10px 3px 0; } .teams td.t { font-weight: 700; }
.teams .action { display: inline-block; margin-top: 10px; border: 1px solid #d1d1d1;
  border-radius: 4px; padding: 5px 12px; font-weight: 600; color: #242424; }
/* Mattermost */
.mattermost { background: #fff; color: #3f4350; } .mattermost a { color: #2389d7; }
.mattermost .avatar { border-radius: 50%; } .mattermost .avatar.bot { background: #1e325c; }
.mattermost .avatar.user { background: #3db887; }
.mattermost ul, .mattermost ol { margin: 2px 0 8px; padding-left: 22px; }
.mattermost li { margin: 2px 0; }
.mattermost .root { border-left: 2px solid #ccc; padding-left: 10px; color: #777;
  font-size: 13px; margin-bottom: 4px; }
"""


def asker(text: str) -> str:
    return (
        f'<div class="msg"><div class="avatar user">A</div><div><span class="who">{ASKER}'
        f'</span><span class="when">10:42</span><p>{html.escape(text)}</p></div></div>'
    )


def bot(body: str, label: str = "APP") -> str:
    return (
        f'<div class="msg"><div class="avatar bot">R</div><div style="flex:1">'
        f'<span class="who">{BOT}</span><span class="tag">{label}</span>'
        f'<span class="when">10:42</span>{body}</div></div>'
    )


# --- Slack: Block Kit ------------------------------------------------------------------

_SLACK_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")


def mrkdwn_html(text: str) -> str:
    """The mrkdwn our renderer writes: it is already entity-escaped (&, <, > as Slack
    wants), so only our links and *bold* / _italic_ become tags."""
    text = _SLACK_LINK.sub(lambda m: f'<a href="{html.escape(m.group(1))}">{m.group(2)}</a>', text)
    text = re.sub(r"(?<!\w)\*([^*\n]+)\*(?!\w)", r"<b>\1</b>", text)
    return re.sub(r"(?<!\w)_([^_\n]+)_(?!\w)", r"<i>\1</i>", text)


def element_html(element: dict[str, Any]) -> str:
    if element["type"] == "plain_text":
        return f"<span>{html.escape(element['text'])}</span>"
    return f"<span>{mrkdwn_html(element['text'])}</span>"


def slack_html(message: dict[str, Any], question: str) -> str:
    parts = []
    for block in message["blocks"]:
        if block["type"] == "section":
            parts.append(f'<div class="section">{mrkdwn_html(block["text"]["text"])}</div>')
        elif block["type"] == "divider":
            parts.append('<div class="divider"></div>')
        elif block["type"] == "context":
            inner = "".join(element_html(e) for e in block["elements"])
            parts.append(f'<div class="context">{inner}</div>')
    return asker(f"@{BOT} {question}") + bot("".join(parts))


# --- Teams: Adaptive Card --------------------------------------------------------------


def card_html(message: dict[str, Any], question: str) -> str:
    card = message["attachments"][0]["content"]
    parts = []
    for item in card["body"]:
        if item["type"] == "TextBlock":
            classes = ["tb"]
            classes += ["bolder"] if item.get("weight") == "Bolder" else []
            classes += ["subtle"] if item.get("isSubtle") else []
            classes += ["separator"] if item.get("separator") else []
            parts.append(f'<div class="{" ".join(classes)}">{MARKDOWN.render(item["text"])}</div>')
        elif item["type"] == "FactSet":
            rows = "".join(
                f'<tr><td class="t">{MARKDOWN.renderInline(f["title"])}</td>'
                f"<td>{MARKDOWN.render(f['value'])}</td></tr>"
                for f in item["facts"]
            )
            parts.append(f"<table>{rows}</table>")
    for action in card.get("actions", []):
        parts.append(f'<a class="action" href="{html.escape(action["url"])}">{action["title"]}</a>')
    card_body = f'<div class="card">{"".join(parts)}</div>'
    asked = f'<div class="bubble"><b>Ask</b> {html.escape(question)}</div>'
    return (
        f'<div class="msg"><div class="avatar user">A</div><div style="flex:1">'
        f'<span class="who">{ASKER}</span><span class="when">10:42</span>{asked}</div></div>'
        + bot(f'<div class="bubble">{card_body}</div>', "Webhook")
    )


# --- Mattermost: Markdown ----------------------------------------------------------------


def mattermost_html(text: str, question: str) -> str:
    root = f'<div class="root">Replying to {ASKER}: #ask {html.escape(question)}</div>'
    return asker(f"#ask {question}") + bot(root + MARKDOWN.render(text), "BOT")


def pages(answer: AnswerResponse, links: Links, question: str) -> dict[str, str]:
    bodies = {
        "slack": slack_html(slack_message(answer, links), question),
        "teams": card_html(teams_message(answer, links), question),
        "mattermost": mattermost_html(mattermost_text(answer, links), question),
    }
    return {p: PAGE.format(css=CSS, platform=p, body=b) for p, b in bodies.items()}


def screenshot(pages: dict[str, str], out: Path, keep_html: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        # No script runs on a preview page: report text must show as text, never run.
        page = browser.new_page(viewport={"width": 808, "height": 600}, java_script_enabled=False)
        for platform, markup in pages.items():
            folder = out if keep_html else Path(tmp)
            source = folder / f"team-chat-{platform}.html"
            source.write_text(markup, encoding="utf-8")
            page.goto(source.as_uri())
            png = out / f"team-chat-{platform}.png"
            page.locator("main").screenshot(path=str(png))
            written.append(png)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / "var" / "index")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--public-url", default="https://assistant.example.org")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    parser.add_argument("--html", action="store_true", help="keep the HTML pages beside the PNGs")
    args = parser.parse_args(argv)
    settings = Settings(index=BuildConfig(index_dir=args.index_dir))
    service = build_service(settings)
    if not service.load():
        print(f"no index in {args.index_dir}; build one with ./scripts/run", file=sys.stderr)
        return 1
    answer = AnswerResponse.of(service.answer(args.question, settings.serve.default_top_k))
    for png in screenshot(
        pages(answer, Links(args.public_url), args.question), args.out, args.html
    ):
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
