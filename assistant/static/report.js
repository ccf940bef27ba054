// The report page (/r/{document_id}#start-end): one report's whole text from
// GET /v1/documents/{id}, the cited span [start, end) highlighted and scrolled to.
//
// Same rules as the chat page (app.js): report text only ever reaches the page as Text
// nodes (textContent), a link is made only from an absolute http(s) URL, and the API
// key is the one the chat page keeps in this tab (sessionStorage; the chat page opens
// this page with the tab's storage).
"use strict";

(() => {
  const { el, safeUrl, storage, unitIndex } = window.ReportAssistantDom;
  const KEY_STORE = "ra.apiKey";
  const RETRY_MS = 5000;
  const MAX_RETRIES = 36;

  const $ = (id) => document.getElementById(id);
  const state = $("state");
  const keyForm = $("key-form");
  const keyInput = $("key-input");
  const article = $("report");
  const textBox = $("report-text");
  const toPassage = $("to-passage");

  let doc = null;

  // The id is the path after /r/, as the chat page wrote it (each segment encoded).
  function documentId() {
    return location.pathname.replace(/^\/r\//, "").split("/").map(decodeURIComponent).join("/");
  }

  // "#120-245": characters [120, 245) of the text, counted in code points (Python's).
  function citedSpan() {
    const m = /^#(\d+)-(\d+)$/.exec(location.hash);
    return m ? { start: Number(m[1]), end: Number(m[2]) } : null;
  }

  function showState(kind, title, ...lines) {
    article.hidden = true;
    keyForm.hidden = true;
    state.className = "report-state " + kind;
    state.replaceChildren(el("h1", "state-title", title), ...lines.map((l) => el("p", "", l)));
    state.hidden = false;
    if (kind !== "loading") document.title = title + " · Report assistant";
  }

  function backToChat() {
    const a = el("a", "", "Back to the chat");
    a.href = "/";
    return el("span", "", a, " to ask about the reports the index holds.");
  }

  async function load(attempt = 0) {
    const headers = { Accept: "application/json" };
    const s = storage();
    const key = s ? s.getItem(KEY_STORE) : null;
    if (key) headers.Authorization = "Bearer " + key;
    const path = "/v1/documents/" + documentId().split("/").map(encodeURIComponent).join("/");
    let response;
    let body = null;
    try {
      response = await fetch(path, { headers, credentials: "omit", cache: "no-store" });
      body = await response.json().catch(() => null);
    } catch (err) {
      showState("error", "Cannot reach the server", "(" + err.message + ") Check that it is running, then reload this page.");
      return;
    }
    const message = body && body.error ? String(body.error.message || "") : "";
    if (response.ok && body && typeof body.text === "string") {
      doc = body;
      render();
    } else if (response.status === 401 || response.status === 403) {
      // No key yet: the page's own words; a key refused: the server's reason.
      if (key && s) s.removeItem(KEY_STORE);
      askForKey(key ? message : "");
    } else if (response.status === 404) {
      showState(
        "notfound",
        "No such report",
        "The index holds no report " + documentId() + ". The link may be older than the "
          + "index (the reports are indexed again when they change) or cut short.",
        backToChat(),
      );
      if (message) state.append(el("p", "detail", message));
    } else if (response.status === 503 && attempt < MAX_RETRIES) {
      showState("loading", "The server is still loading the reports index…", "Trying again in a few seconds.");
      window.setTimeout(() => load(attempt + 1), RETRY_MS);
    } else {
      showState("error", "The report could not be shown", message || "The server answered HTTP " + response.status + ".");
    }
  }

  function askForKey(reason) {
    state.hidden = true;
    article.hidden = true;
    if (reason) $("key-reason").textContent = reason;
    keyForm.hidden = false;
    keyInput.focus();
  }

  keyForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = keyInput.value.trim();
    if (!value) return;
    const s = storage();
    if (s) s.setItem(KEY_STORE, value);
    keyForm.hidden = true;
    showState("loading", "Loading the report…");
    load();
  });

  function render() {
    document.title = (doc.title || doc.document_id) + " · Report assistant";
    $("report-title").textContent = doc.title || doc.document_id;
    $("bar-title").textContent = doc.title || doc.document_id;
    if (doc.language) article.lang = doc.language;

    const meta = [];
    if (doc.date) meta.push(doc.date);
    if (doc.language) meta.push("language " + doc.language);
    meta.push(Array.from(doc.text).length.toLocaleString("en") + " characters");
    $("report-meta").textContent = meta.join(" · ");

    const source = $("report-source");
    source.replaceChildren("Source: ");
    const url = safeUrl(doc.url);
    if (url) {
      const a = el("a", "", url);
      a.href = url;
      a.rel = "noopener noreferrer";
      source.append(a);
    } else if (doc.url) {
      source.append(el("span", "", doc.url + " (not a web link)"));
    }
    if (doc.source && doc.source !== doc.url) {
      if (doc.url) source.append(" · ");
      source.append(el("code", "path", doc.source));
    }

    state.hidden = true;
    article.hidden = false;
    highlight();
  }

  // The text with the cited span marked paragraph by paragraph (a highlight across a
  // blank line would paint the empty line), then scrolled into view.
  function highlight() {
    if (!doc) return;
    const text = doc.text;
    const note = $("report-note");
    note.hidden = true;
    toPassage.hidden = true;
    const span = citedSpan();
    const length = Array.from(text).length;
    if (!span) {
      textBox.replaceChildren(text);
      return;
    }
    if (span.start >= span.end || span.end > length) {
      textBox.replaceChildren(text);
      note.textContent = "The link points at characters " + span.start + "–" + span.end
        + ", which this report's text (" + length + " characters) does not hold: it may come "
        + "from an older index. The whole report is shown.";
      note.hidden = false;
      return;
    }
    const start = unitIndex(text, span.start);
    const end = unitIndex(text, span.end);
    const cited = el("span", "cited");
    cited.id = "cited";
    for (const part of text.slice(start, end).split(/(\n\s*\n)/)) {
      if (part) cited.append(/^\s*$/.test(part) ? part : el("mark", "", part));
    }
    textBox.replaceChildren(text.slice(0, start), cited, text.slice(end));
    const page = (doc.pages || []).find((p) => p.start <= span.start && span.start < p.end);
    toPassage.textContent = page ? "Cited passage (page " + page.number + ")" : "Cited passage";
    toPassage.href = location.hash;
    toPassage.hidden = false;
    scrollToPassage();
  }

  function scrollToPassage() {
    const first = textBox.querySelector("#cited mark") || $("cited");
    if (!first) return;
    const cited = $("cited").getBoundingClientRect();
    // A passage that fits shows whole in the middle of the window; a longer one from its start.
    const fits = cited.height < window.innerHeight * 0.7;
    first.scrollIntoView({ block: fits ? "center" : "start" });
    $("cited").tabIndex = -1;
    $("cited").focus({ preventScroll: true });
  }

  toPassage.addEventListener("click", (event) => {
    event.preventDefault();
    scrollToPassage();
  });
  window.addEventListener("hashchange", highlight);

  load();
})();
