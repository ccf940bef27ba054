"""The chat page in real Chromium against a real server over the sample reports.

Screenshots land in tests/artifacts/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import REPO, SAMPLES
from tests.helpers import build_test_index, serve, settings_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
XSS = REPO / "tests" / "fixtures" / "xss"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

FIRST = "What did speakers say about artificial intelligence and work?"
FOLLOW_UP = "And what did Guo Jun say?"
NOTHING = "What is the recipe for a chocolate soufflé with raspberries?"
HOSTILE = "What did the Zorblat Harbour Commission decide about harbour tariffs?"


@pytest.fixture(scope="module")
def index_config(tmp_path_factory: pytest.TempPathFactory, model_cache: Path) -> Any:
    folder = tmp_path_factory.mktemp("chat-page")
    return build_test_index(folder / "index", model_cache, [SAMPLES, XSS])


@pytest.fixture(scope="module")
def base_url(index_config: Any) -> Iterator[str]:
    with serve(settings_for(index_config)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """What a page did that it must never do: dialogs, script errors, CSP violations."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.requests: list[dict[str, Any]] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on(
            "console",
            lambda msg: self.console.append(msg.text) if msg.type == "error" else None,
        )
        page.on("request", self._request)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request: Any) -> None:
        if request.url.endswith("/v1/answer"):
            self.requests.append(
                {"body": json.loads(request.post_data or "{}"), "headers": request.headers}
            )

    def check(self) -> None:
        assert not self.dialogs, f"a dialog opened: {self.dialogs}"
        assert not self.errors, f"script errors: {self.errors}"
        csp = [m for m in self.console if "Content Security Policy" in m]
        assert not csp, f"CSP violations: {csp}"


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport=DESKTOP)
    yield ctx
    ctx.close()


def _open(context: Any, url: str) -> tuple[Any, Watch]:
    page = context.new_page()
    watch = Watch(page)
    page.goto(url)
    page.wait_for_selector("#question")
    return page, watch


def _ask(page: Any, question: str, state: str = "found") -> Any:
    """Type a question, press Enter, return the new turn once it shows ``state``."""
    before = page.locator(".turn").count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    turn = page.locator(".turn").nth(before)
    turn.locator(f".reply.{state}").wait_for(timeout=60_000)
    return turn


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def test_ask_follow_citation_follow_up_and_nothing_found(context: Any, base_url: str) -> None:
    page, watch = _open(context, base_url)
    assert page.title() == "Report assistant"
    assert page.evaluate("document.activeElement.id") == "question"

    # Shift+Enter adds a line; it does not send.
    page.fill("#question", "first line")
    page.press("#question", "Shift+Enter")
    assert "\n" in page.input_value("#question")
    assert page.locator(".turn").count() == 0

    turn = _ask(page, FIRST)
    assert page.evaluate("document.activeElement.id") == "question", "focus left the box"
    assert page.input_value("#question") == ""

    # The page shows exactly the citations the API returns.
    api = httpx.post(f"{base_url}/v1/answer", json={"question": FIRST, "top_k": 8}).json()
    assert api["found"] and api["citations"]
    cards = turn.locator(".card")
    assert cards.count() == len(api["citations"])
    answer_text = turn.locator(".answer-text").inner_text()
    for i, c in enumerate(api["citations"]):
        assert f"[{c['n']}]" in answer_text
        card = cards.nth(i)
        assert c["title"] in card.locator(".card-title").inner_text()
        assert card.locator(".cited").text_content() == c["passage"]
        if c["date"]:
            assert c["date"] in card.locator(".card-meta").inner_text()
        if c["language"]:
            assert c["language"] in card.locator(".card-meta .language").inner_text()
        assert c["source"] in card.locator(".card-source").inner_text()
    # Each quote is shown inside some of its surrounding text from /v1/documents.
    turn.locator(".quote.in-context").first.wait_for()
    assert turn.locator(".quote.in-context .context").count() >= 1

    # Follow a citation: the marker leads to its card.
    marker = turn.locator("a.cite").first
    target = marker.get_attribute("data-target")
    marker.click()
    card = page.locator(f"#{target}")
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id", arg=target
    )
    assert "active" in (card.get_attribute("class") or "")
    assert page.evaluate("location.hash") == f"#{target}"
    # ...and scrolls the conversation so that the card's top is in view.
    page.wait_for_function(
        """id => {
            const card = document.getElementById(id).getBoundingClientRect();
            const view = document.getElementById("conversation").getBoundingClientRect();
            return card.top >= view.top - 1 && card.top < view.top + 60;
        }""",
        arg=target,
    )
    _shot(page, "chat-desktop-citation.png")

    # A follow-up carries the earlier question as context.
    follow = _ask(page, FOLLOW_UP)
    sent = watch.requests[-1]["body"]
    assert sent["question"] == FOLLOW_UP
    assert sent["conversation"] == [FIRST]
    shown = follow.locator(".reply").inner_text()
    assert "Guo Jun" in shown
    follow.scroll_into_view_if_needed()
    _shot(page, "chat-desktop-follow-up.png")

    # Nothing relevant: a clear state and no citation cards.
    empty = _ask(page, NOTHING, state="notfound")
    assert "Nothing found in the reports" in empty.inner_text()
    assert empty.locator(".card").count() == 0
    _shot(page, "chat-desktop-nothing-found.png")

    # The conversation is kept in the tab: a reload shows it again.
    page.reload()
    page.locator(".turn .reply.notfound").wait_for()
    assert page.locator(".turn").count() == 3
    page.click("#new-chat")
    assert page.locator(".turn").count() == 0
    watch.check()


def test_screenshots_desktop_and_phone(browser: Any, base_url: str) -> None:
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        ctx = browser.new_context(viewport=viewport, device_scale_factor=1)
        try:
            page, watch = _open(ctx, base_url)
            _shot(page, f"chat-{name}-welcome.png")
            turn = _ask(page, FIRST)
            turn.locator(".quote.in-context").first.wait_for()
            page.locator(".turn").first.scroll_into_view_if_needed()
            _shot(page, f"chat-{name}-answer.png")
            turn.locator("a.cite").nth(1).click()
            page.wait_for_timeout(700)  # the smooth scroll to the card
            _shot(page, f"chat-{name}-citation.png")
            page.click("#filters summary")
            _shot(page, f"chat-{name}-filters.png")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name}: the page scrolls sideways by {overflow}px"
            watch.check()
        finally:
            ctx.close()


def test_an_interview_citation_is_highlighted_paragraph_by_paragraph(
    context: Any, base_url: str
) -> None:
    # the question a reply answers is its own citation, before the reply's: each card
    # highlights its own turn, and no blank line is painted as an empty highlight
    page, watch = _open(context, base_url)
    turn = _ask(page, "What did Amara Diallo say about trust?")
    assert "asked “" in turn.locator(".answer-text").inner_text()
    question, reply = turn.locator(".card").all()[:2]
    asked = question.locator("mark").all_text_contents()
    said = reply.locator("mark").all_text_contents()
    assert asked and asked[0].startswith("Q: ") and not any("A: " in m for m in asked)
    assert said and said[0].startswith("A: ")
    assert all(m.strip() and "\n\n" not in m for m in asked + said)
    watch.check()


def test_filters_are_sent(context: Any, base_url: str) -> None:
    page, watch = _open(context, base_url)
    page.click("#filters summary")
    page.fill("#f-date-from", "2025-01-01")
    page.fill("#f-language", "en")
    assert page.locator("#filter-count").inner_text() == "2 on"
    turn = _ask(page, FIRST)
    sent = watch.requests[-1]["body"]
    assert sent["filters"] == {"date_from": "2025-01-01", "languages": ["en"]}
    for date in turn.locator(".card-meta").all_inner_texts():
        assert date[:4] >= "2025"
    watch.check()


def test_hostile_report_renders_inert(context: Any, base_url: str) -> None:
    page, watch = _open(context, base_url)
    turn = _ask(page, HOSTILE)
    turn.locator(".quote.in-context").first.wait_for()
    shown = turn.inner_text()
    _shot(page, "chat-xss.png")

    assert page.evaluate("window.__xss") is None
    assert watch.dialogs == []
    # The markup is on the page as text, and none of it became elements.
    assert "<script>" in shown or "<img src=x" in shown, shown
    # the page's own scripts only, none made from the report's markup
    assert page.locator("script").evaluate_all("els => els.map(s => s.getAttribute('src'))") == [
        "/static/dom.js",
        "/static/app.js",
    ]
    assert page.locator("img, svg, iframe, object, embed").count() == 0
    assert page.locator('a[href^="javascript:" i]').count() == 0
    for href in page.locator(".conversation a").evaluate_all("els => els.map(a => a.href)"):
        assert href.startswith(("http://", "https://")), href
    # A javascript: source URL is shown as text, not made a link.
    assert "javascript:" in turn.locator(".card-source").all_inner_texts().__str__()
    # Hovering and clicking the hostile text runs nothing either.
    for mark in turn.locator("mark").all():
        mark.hover()
        mark.click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    watch.check()


def test_csp_header_and_assets(base_url: str) -> None:
    page = httpx.get(base_url + "/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert '<script src="/static/app.js"' in page.text
    assert "<script>" not in page.text  # no inline script for the CSP to allow
    assert "http" not in page.text.replace("http-equiv", "")  # nothing from elsewhere
    for asset in ("dom.js", "app.js", "style.css", "favicon.svg"):
        r = httpx.get(f"{base_url}/static/{asset}")
        assert r.status_code == 200, asset
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "url(http" not in httpx.get(f"{base_url}/static/style.css").text


def test_server_still_loading_then_ready(browser: Any, index_config: Any, tmp_path: Path) -> None:
    # A server whose index folder does not exist yet: /readyz answers 503.
    late = tmp_path / "late-index"
    config = index_config.model_copy(update={"index_dir": late})
    with serve(settings_for(config, reload_interval_s=0.2)) as url:
        assert httpx.get(f"{url}/readyz").status_code == 503
        ctx = browser.new_context(viewport=DESKTOP)
        try:
            page, watch = _open(ctx, url)
            banner = page.locator("#banner")
            banner.wait_for(state="visible")
            assert "still loading" in banner.inner_text()
            page.fill("#question", FIRST)
            page.press("#question", "Enter")
            page.locator(".reply.pending", has_text="still loading").wait_for(timeout=10_000)
            _shot(page, "chat-loading.png")
            # The index arrives (atomically, as a build would leave it).
            staging = tmp_path / "staging"
            shutil.copytree(index_config.index_dir, staging, symlinks=True)
            staging.rename(late)
            page.locator(".turn .reply.found").wait_for(timeout=30_000)
            assert banner.is_hidden()
            watch.check()
        finally:
            ctx.close()


def test_api_key_is_asked_and_sent(browser: Any, index_config: Any, tmp_path: Path) -> None:
    from assistant.auth import create_key

    keys = tmp_path / "keys.json"
    secret, _ = create_key(keys, ["query"], "chat test")
    with serve(settings_for(index_config, api_keys_file=keys)) as url:
        assert httpx.get(f"{url}/v1/config").json()["auth_required"] is True
        ctx = browser.new_context(viewport=DESKTOP)
        try:
            page, watch = _open(ctx, url)
            dialog = page.locator("#key-dialog")
            dialog.wait_for(state="visible")
            _shot(page, "chat-key-dialog.png")
            page.fill("#key-input", "ra_wrong_key")
            page.click("#key-save")
            # The wrong key is refused by the server; the page asks again with the reason.
            page.fill("#question", FIRST)
            page.press("#question", "Enter")
            dialog.wait_for(state="visible")
            assert "not valid" in page.locator("#key-reason").inner_text()
            page.fill("#key-input", secret)
            page.click("#key-save")
            page.locator(".turn .reply.found").wait_for(timeout=60_000)
            assert watch.requests[-1]["headers"]["authorization"] == f"Bearer {secret}"
            # With the key, the page can list the reports too.
            # (a locator, not wait_for_function with an expression: under the page's CSP
            # an expression that has to be polled is evaluated with eval and refused)
            page.locator("#reports[data-loaded='1']").wait_for(state="attached")
            stored = page.evaluate("sessionStorage.getItem('ra.apiKey')")
            assert stored == secret
            assert page.evaluate("localStorage.length") == 0
            watch.check()
        finally:
            ctx.close()


def test_lists_the_reports_and_footer_says_what_was_searched(context: Any, base_url: str) -> None:
    page, watch = _open(context, base_url)
    ready = httpx.get(f"{base_url}/readyz").json()
    listed = httpx.get(f"{base_url}/v1/documents").json()
    assert listed["total"] == ready["documents"] == len(listed["reports"])
    page.locator("#reports").wait_for()
    assert page.locator("#reports-count").inner_text() == f"{listed['total']} reports"
    page.click("#reports summary")
    items = page.locator("#reports-list li")
    assert items.count() == listed["total"]
    newest = listed["reports"][0]
    assert newest["title"] in items.first.inner_text()
    assert newest["date"] in items.first.inner_text()

    turn = _ask(page, FIRST)
    footer = turn.locator(".footnote").inner_text()
    assert f"Searched {ready['documents']} reports" in footer
    assert "index updated" in footer and " ms" in footer
    assert ready["index_version"] not in footer  # no internal ids for staff
    watch.check()


@pytest.mark.parametrize(
    ("path", "selector"),
    [("/docs", ".swagger-ui .info .title"), ("/redoc", "[role=search], .api-info h1")],
)
def test_api_docs_render_with_the_network_off(
    context: Any, base_url: str, path: str, selector: str
) -> None:
    page = context.new_page()
    watch = Watch(page)
    foreign: list[str] = []

    def only_this_server(route: Any) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            foreign.append(f"{route.request.resource_type} {route.request.url}")
            route.abort("internetdisconnected")

    page.route("**/*", only_this_server)
    page.goto(base_url + path)
    page.locator(selector).first.wait_for(timeout=30_000)
    assert "Report assistant" in page.locator("body").inner_text()
    # Scripts, styles and fonts all come from this server. (ReDoc's footer still shows
    # its vendor's logo from the web: an image, whose absence changes nothing.)
    assert all(f.startswith("image ") for f in foreign), f"{path} needed the network: {foreign}"
    assert not watch.errors, watch.errors


def test_streamed_answer_of_a_language_model(index_config: Any, context: Any) -> None:
    """With a language model configured, the page asks with "stream": true, shows each
    checked sentence as it comes, then the final answer: one paragraph with its [n]
    links and sources, and a footer that says the model wrote it (here a scripted
    OpenAI-compatible server on a loopback port; a sentence it invents is left out)."""
    from assistant.settings import LLMConfig
    from tests.scripted_llm import Script, ScriptedModel

    with ScriptedModel() as model:
        settings = settings_for(index_config)
        settings = settings.model_copy(
            update={"llm": LLMConfig(base_url=model.base_url, timeout_s=10)}
        )
        with serve(settings) as url:
            # The statements the model is given: an answer without the model's help.
            plain = httpx.post(f"{url}/v1/answer", json={"question": FOLLOW_UP}).json()
            assert plain["mode"] == "extractive"  # the model said nothing usable yet
            first = re.split(r"(?<=[.!?])\s+", plain["citations"][0]["passage"])[0]
            invented = "Guo Jun also said that 97 councils will close by 2031 [1]."
            model.reset(Script.words(f"{first} [1] {invented}", chunk_delay_s=0.02))
            page, watch = _open(context, url)
            turn = _ask(page, FOLLOW_UP)
            text = turn.locator(".answer-text.fluent").inner_text()
            assert first.split(" ")[0] in text and "2031" not in text
            assert turn.locator(".answer-text.fluent a").count() >= 1  # [1] as a link
            assert turn.locator("ol.citations li").count() == 1
            footer = turn.locator(".footnote").inner_text()
            assert "language model" in footer and "1 unsupported sentence left out" in footer
            body = watch.requests[-1]["body"]
            assert body["stream"] is True
            _shot(page, "chat-llm-stream.png")
            watch.check()


# --- the report page (/r/{id}#start-end) -------------------------------------------------


def _in_viewport(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            """sel => {
                const box = document.querySelector(sel).getBoundingClientRect();
                const bar = document.querySelector(".topbar").getBoundingClientRect();
                return box.height > 0 && box.top >= bar.bottom
                    && box.bottom <= window.innerHeight + 1;
            }""",
            selector,
        )
    )


def _only_this_server(page: Any, base_url: str) -> list[str]:
    """Abort any request that leaves the server (the page must work offline)."""
    foreign: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base_url):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort("internetdisconnected")

    page.route("**/*", route)
    return foreign


def test_citation_opens_the_report_with_the_span_marked(browser: Any, base_url: str) -> None:
    shots = {"desktop": "/tmp/report_page.png", "phone": "/tmp/report_page_phone.png"}
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        ctx = browser.new_context(viewport=viewport, device_scale_factor=1)
        try:
            page, watch = _open(ctx, base_url)
            turn = _ask(page, FIRST)
            card = turn.locator(".card").nth(1 if turn.locator(".card").count() > 1 else 0)
            link = card.locator("a.report-link")
            assert link.get_attribute("target") == "_blank"
            with ctx.expect_page() as opened:
                link.click()
            report = opened.value
            report_watch = Watch(report)
            foreign = _only_this_server(report, base_url)
            report.locator("#cited mark").first.wait_for(timeout=30_000)

            match = re.search(r"/r/(.+)#(\d+)-(\d+)$", report.url)
            assert match, report.url
            doc_id, start, end = match.group(1), int(match.group(2)), int(match.group(3))
            doc = httpx.get(f"{base_url}/v1/documents/{doc_id}").json()
            passage = doc["text"][start:end]
            assert card.locator(".cited").text_content() == passage
            assert report.locator("#cited").text_content() == passage
            marks = "".join(report.locator("#cited mark").all_text_contents())
            assert marks == "".join(re.split(r"\n\s*\n", passage))
            # the whole text, the title, date and source
            assert report.locator("#report-text").text_content() == doc["text"]
            assert report.locator("#report-title").inner_text() == doc["title"]
            assert doc["date"] in report.locator("#report-meta").inner_text()
            assert doc["source"] in report.locator("#report-source").inner_text()
            assert report.title().startswith(doc["title"])
            assert _in_viewport(report, "#cited mark"), f"{name}: the passage is off screen"
            overflow = report.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name}: the report page scrolls sideways by {overflow}px"
            report.screenshot(path=shots[name])
            report.evaluate("window.scrollTo(0, 0)")
            report.screenshot(path=shots[name].replace(".png", "_top.png"))
            assert foreign == []
            report_watch.check()
            watch.check()
        finally:
            ctx.close()


def test_report_page_escapes_the_report(context: Any, base_url: str) -> None:
    listed = httpx.get(f"{base_url}/v1/documents", params={"limit": 200}).json()["reports"]
    hostile = next(r for r in listed if "zorblat-harbour" in r["source"])
    doc = httpx.get(f"{base_url}/v1/documents/{hostile['document_id']}").json()
    start = doc["text"].index("<")
    page = context.new_page()
    watch = Watch(page)
    page.goto(f"{base_url}/r/{hostile['document_id']}#{start}-{start + 40}")
    page.locator("#cited mark").first.wait_for()
    assert page.locator("#report-text").text_content() == doc["text"]
    assert page.locator("#cited").text_content() == doc["text"][start : start + 40]
    assert page.evaluate("window.__xss") is None
    _shot(page, "report-xss.png")
    assert page.locator("script").evaluate_all("els => els.map(s => s.getAttribute('src'))") == [
        "/static/dom.js",
        "/static/report.js",
    ]
    assert page.locator("#report-text *:not(mark):not(span)").count() == 0
    watch.check()


def test_report_page_of_an_unknown_id_is_a_404(context: Any, base_url: str) -> None:
    as_json = httpx.get(f"{base_url}/r/no-such-report.md")
    assert as_json.status_code == 404
    assert as_json.json()["error"]["code"] == "not_found"
    assert "no-such-report.md" in as_json.json()["error"]["message"]
    hostile = "<img src=x onerror=alert(1)>"
    as_page = httpx.get(f"{base_url}/r/{hostile}", headers={"Accept": "text/html"})
    assert as_page.status_code == 404
    assert as_page.headers["content-type"].startswith("text/html")
    assert "No such report" in as_page.text and "<img" not in as_page.text
    assert "default-src 'none'" in as_page.headers["content-security-policy"]
    page = context.new_page()
    watch = Watch(page)
    response = page.goto(f"{base_url}/r/no-such-report.md")
    assert response is not None and response.status == 404
    assert "No such report" in page.locator("h1").inner_text()
    assert "no-such-report.md" in page.locator("main").inner_text()
    _shot(page, "report-not-found.png")
    watch.check()


def test_report_page_asks_for_the_key_the_api_needs(
    browser: Any, index_config: Any, tmp_path: Path
) -> None:
    from assistant.auth import create_key

    keys = tmp_path / "keys.json"
    secret, _ = create_key(keys, ["query"], "report page test")
    with serve(settings_for(index_config, api_keys_file=keys)) as url:
        # Without a key the server says nothing about which reports exist.
        assert httpx.get(f"{url}/r/no-such-report.md").status_code == 200
        listed = httpx.get(
            f"{url}/v1/documents", headers={"Authorization": f"Bearer {secret}"}
        ).json()["reports"]
        doc_id = listed[0]["document_id"]
        ctx = browser.new_context(viewport=DESKTOP)
        try:
            # Opened on its own (a bookmark): the page asks for the key, then shows it.
            page = ctx.new_page()
            watch = Watch(page)
            page.goto(f"{url}/r/{doc_id}#0-20")
            page.locator("#key-form").wait_for(state="visible")
            assert page.locator("#report").is_hidden()
            assert "asks for an API key" in page.locator("#key-reason").inner_text()
            _shot(page, "report-key.png")
            page.fill("#key-input", "ra_wrong_key")
            page.press("#key-input", "Enter")
            page.locator("#key-reason", has_text="not valid").wait_for()
            assert page.locator("#key-form").is_visible()
            page.fill("#key-input", secret)
            page.press("#key-input", "Enter")
            page.locator("#cited mark").wait_for()
            # With the key, an unknown id is said so by the page (from the API's 404).
            page.goto(f"{url}/r/no-such-report.md")
            state = page.locator(".report-state.notfound")
            state.wait_for()
            assert "No such report" in state.locator("h1").inner_text()
            assert "no-such-report.md" in state.inner_text()
            watch.check()
            page.close()

            # From the chat page: the report opens with the key of the chat's tab.
            chat, chat_watch = _open(ctx, url)
            chat.evaluate(f"sessionStorage.setItem('ra.apiKey', {json.dumps(secret)})")
            chat.reload()
            turn = _ask(chat, FIRST)
            with ctx.expect_page() as opened:
                turn.locator("a.report-link").first.click()
            report = opened.value
            report.locator("#cited mark").first.wait_for(timeout=30_000)
            assert report.locator("#key-form").is_hidden()
            chat_watch.check()
        finally:
            ctx.close()


# --- the nothing-found heading in the answer's language -----------------------------------

NOTHING_IN = {
    "fr": ("Quelle est la recette du soufflé au chocolat aux framboises ?", "Rien trouvé"),
    "ru": ("Какой рецепт шоколадного суфле с малиной?", "ничего не найдено"),
}


@pytest.mark.parametrize("language", sorted(NOTHING_IN))
def test_nothing_found_heading_is_in_the_answers_language(
    context: Any, base_url: str, language: str
) -> None:
    question, heading = NOTHING_IN[language]
    api = httpx.post(f"{base_url}/v1/answer", json={"question": question}).json()
    assert api["found"] is False
    page, watch = _open(context, base_url)
    turn = _ask(page, question, state="notfound")
    title = turn.locator(".state-title").inner_text()
    assert heading in title and "Nothing found" not in title
    assert turn.locator(".reply.notfound").get_attribute("lang") == language
    assert api["answer"] in turn.inner_text()
    _shot(page, f"chat-nothing-found-{language}.png")
    # English stays English.
    english = _ask(page, NOTHING, state="notfound")
    assert english.locator(".state-title").inner_text() == "Nothing found in the reports"
    watch.check()


# --- the footer when the language model was asked and did not answer ----------------------


@pytest.mark.parametrize(
    ("script", "said"),
    [({"status": 500}, "500"), ({"chunks": []}, "the model wrote nothing")],
)
def test_footer_says_the_model_did_not_answer(
    index_config: Any, context: Any, script: dict[str, Any], said: str
) -> None:
    from assistant.settings import LLMConfig
    from tests.scripted_llm import Script, ScriptedModel

    with ScriptedModel() as model:
        model.reset(Script(**script))
        settings = settings_for(index_config)
        settings = settings.model_copy(
            update={"llm": LLMConfig(base_url=model.base_url, timeout_s=5)}
        )
        with serve(settings) as url:
            plain = httpx.post(f"{url}/v1/answer", json={"question": FOLLOW_UP}).json()
            assert plain["mode"] == "extractive" and plain["generated"] == 0
            assert said in (plain["reason"] or "")
            page, watch = _open(context, url)
            turn = _ask(page, FOLLOW_UP)
            footer = turn.locator(".footnote").inner_text()
            assert "the language model was asked and did not answer" in footer, footer
            assert plain["reason"] in footer
            assert model.requests, "the model was never asked"
            turn.locator(".footnote").scroll_into_view_if_needed()
            _shot(page, "chat-llm-failed.png")
            watch.check()
