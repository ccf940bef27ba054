// The chat page: vanilla JavaScript over the JSON API, no framework, no CDN.
//
// Safety rule: text from the server (answers, titles, passages, messages) is only
// ever put on the page with textContent / Text nodes, never as HTML, and a link is
// made only from an absolute http(s) URL. The page's Content-Security-Policy
// (script-src 'self') is the second line of defence.
//
// Follow-ups: the conversation lives in this tab (sessionStorage), never on the
// server. Each question is sent with the earlier questions of the conversation as
// `conversation`; the service mixes them into the query (see
// AssistantService._query), so "And what did Guo Jun say?" keeps the earlier topic.
"use strict";

(() => {
  const { el, safeUrl, storage, unitIndex } = window.ReportAssistantDom;
  const KEY_STORE = "ra.apiKey";
  const TURNS_STORE = "ra.conversation";
  // Characters of report text shown around a quote: about two lines either side.
  const CONTEXT_CHARS = window.matchMedia("(max-width: 560px)").matches ? 110 : 180;
  const RETRY_MS = 5000;
  const MAX_RETRIES = 36; // ~3 minutes of "still loading" before giving up

  const $ = (id) => document.getElementById(id);
  const form = $("ask-form");
  const box = $("question");
  const send = $("send");
  const conversation = $("conversation");
  const welcome = $("welcome");
  const banner = $("banner");
  const keyDialog = $("key-dialog");
  const keyInput = $("key-input");
  const keyReason = $("key-reason");
  const keyButton = $("key-button");

  let turns = [];
  let busy = false;
  // Limits come from GET /v1/config (the server's settings); these are its defaults.
  let config = {
    auth_required: false, max_question_chars: 1000, default_top_k: 8, max_conversation: 10,
    llm: false,
  };
  let configDone;
  const configLoaded = new Promise((resolve) => { configDone = resolve; });
  let indexInfo = null; // from /readyz: { documents, built_at }
  const documents = new Map(); // document id -> Promise of the document (or null)

  // ---- small DOM helpers (text only; el, safeUrl, storage are dom.js's) ----------

  function link(url, text) {
    const a = el("a", "", text);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function announce(text) {
    const node = $("announce");
    node.textContent = "";
    window.setTimeout(() => { node.textContent = text; }, 50);
  }

  function showBanner(text, kind, detail) {
    banner.replaceChildren(el("span", "", text), detail ? el("span", "detail", detail) : null);
    banner.className = "banner " + (kind || "info");
    banner.hidden = false;
  }

  function hideBanner() {
    banner.hidden = true;
    banner.textContent = "";
  }

  const sleep = (ms) => new Promise((resolve) => window.setTimeout(resolve, ms));

  // ---- storage -------------------------------------------------------------------

  function getKey() {
    const s = storage();
    return s ? s.getItem(KEY_STORE) : null;
  }

  function setKey(value) {
    const s = storage();
    if (!s) return;
    if (value) s.setItem(KEY_STORE, value);
    else s.removeItem(KEY_STORE);
    if (value) showReports(); // the list needs a key on a server that asks for one
  }

  function saveTurns() {
    const s = storage();
    if (!s) return;
    try {
      s.setItem(TURNS_STORE, JSON.stringify(turns.filter((t) => t.state !== "pending")));
    } catch {
      // quota: keep going in memory
    }
  }

  function loadTurns() {
    const s = storage();
    if (!s) return [];
    try {
      const data = JSON.parse(s.getItem(TURNS_STORE) || "[]");
      return Array.isArray(data) ? data : [];
    } catch {
      return [];
    }
  }

  // ---- the API -------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, code, message, retryAfter) {
      super(message);
      this.status = status;
      this.code = code;
      this.retryAfter = retryAfter;
    }
  }

  async function api(path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const key = getKey();
    if (key) headers.Authorization = "Bearer " + key;
    let response;
    try {
      response = await fetch(path, {
        method: body === undefined ? "GET" : "POST",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "omit",
        cache: "no-store",
      });
    } catch (err) {
      throw new ApiError(0, "network", "Cannot reach the server (" + err.message + "). Check that it is running.");
    }
    return jsonBody(response);
  }

  // The JSON body of a response, or an ApiError with the server's message.
  async function jsonBody(response) {
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok) {
      const error = data && data.error ? data.error : {};
      const seconds = Number(response.headers.get("Retry-After"));
      throw new ApiError(
        response.status,
        String(error.code || "http_" + response.status),
        String(error.message || "The server answered HTTP " + response.status + "."),
        Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : RETRY_MS,
      );
    }
    return data;
  }

  // POST with "stream": true: server-sent events, read from the response body (fetch,
  // so the page's connect-src 'self' covers it). `onSentence` gets each verified
  // sentence as it comes; the promise resolves to the last event's body, the same as
  // a non-streamed answer. A server without a model sends only that last event.
  async function apiStream(path, body, onSentence) {
    const headers = { Accept: "text/event-stream", "Content-Type": "application/json" };
    const key = getKey();
    if (key) headers.Authorization = "Bearer " + key;
    let response;
    try {
      response = await fetch(path, {
        method: "POST", headers, body: JSON.stringify(body), credentials: "omit", cache: "no-store",
      });
    } catch (err) {
      throw new ApiError(0, "network", "Cannot reach the server (" + err.message + "). Check that it is running.");
    }
    const kind = response.headers.get("Content-Type") || "";
    if (!response.ok || !kind.startsWith("text/event-stream") || !response.body) {
      return jsonBody(response);
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let last = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let name = "message";
        const data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        }
        if (!data.length) continue;
        let parsed;
        try {
          parsed = JSON.parse(data.join("\n"));
        } catch {
          continue;
        }
        if (name === "sentence") onSentence(parsed);
        else if (name === "answer") last = parsed;
      }
      if (done) break;
    }
    if (!last) throw new ApiError(0, "stream", "The answer stopped before it was complete. Try again.");
    return last;
  }

  function fetchDocument(id) {
    if (!documents.has(id)) {
      const pending = api("/v1/documents/" + encodeURIComponent(id)).catch(() => null);
      documents.set(id, pending);
      if (documents.size > 50) documents.delete(documents.keys().next().value);
    }
    return documents.get(id);
  }

  // ---- auth ----------------------------------------------------------------------

  let keyPrompt = null; // one dialog at a time; later askers wait for the same answer

  function askForKey(reason) {
    if (reason || !keyPrompt) {
      keyReason.textContent = reason ||
        "This server asks for an API key. It is kept in this browser tab only and forgotten when you close it.";
    }
    if (keyPrompt) return keyPrompt;
    keyPrompt = new Promise((resolve) => {
      keyInput.value = getKey() || "";
      $("key-forget").hidden = !getKey();
      const done = () => {
        keyDialog.removeEventListener("close", done);
        keyPrompt = null;
        box.focus();
        resolve(keyDialog.returnValue === "save" && Boolean(getKey()));
      };
      keyDialog.returnValue = "";
      keyDialog.addEventListener("close", done);
      keyDialog.showModal();
      keyInput.focus();
    });
    return keyPrompt;
  }

  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = keyInput.value.trim();
    if (!value) {
      keyInput.setCustomValidity("Paste the API key here.");
      keyInput.reportValidity();
      return;
    }
    keyInput.setCustomValidity("");
    setKey(value);
    keyDialog.close("save");
  });
  keyInput.addEventListener("input", () => keyInput.setCustomValidity(""));
  $("key-cancel").addEventListener("click", () => keyDialog.close("cancel"));
  $("key-forget").addEventListener("click", () => {
    setKey(null);
    keyInput.value = "";
    keyDialog.close("forget");
  });
  keyButton.addEventListener("click", () => askForKey());

  // ---- filters -------------------------------------------------------------------

  const filterInputs = ["f-date-from", "f-date-to", "f-source", "f-language"].map($);

  function readFilters() {
    const split = (value) => value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    const filters = {};
    if ($("f-date-from").value) filters.date_from = $("f-date-from").value;
    if ($("f-date-to").value) filters.date_to = $("f-date-to").value;
    const sources = split($("f-source").value);
    if (sources.length) filters.sources = sources;
    const languages = split($("f-language").value.toLowerCase());
    if (languages.length) filters.languages = languages;
    return Object.keys(filters).length ? filters : null;
  }

  function describeFilters(filters) {
    if (!filters) return "";
    const parts = [];
    if (filters.date_from) parts.push("from " + filters.date_from);
    if (filters.date_to) parts.push("to " + filters.date_to);
    if (filters.sources) parts.push("source " + filters.sources.join(", "));
    if (filters.languages) parts.push("language " + filters.languages.join(", "));
    return "Filters: " + parts.join(" · ");
  }

  function updateFilterCount() {
    const filters = readFilters();
    const count = filters ? Object.keys(filters).length : 0;
    const badge = $("filter-count");
    badge.textContent = count ? String(count) + " on" : "";
    badge.hidden = !count;
  }

  for (const input of filterInputs) input.addEventListener("input", updateFilterCount);
  $("clear-filters").addEventListener("click", () => {
    for (const input of filterInputs) input.value = "";
    updateFilterCount();
    box.focus();
  });

  // ---- rendering -----------------------------------------------------------------

  // Keep the report's line breaks (shown with white-space: pre-line), drop the rest.
  function squash(text) {
    return text.replace(/[^\S\n]+/g, " ").replace(/ ?\n[\s]*/g, "\n");
  }

  // The cited span, exactly as the report has it, highlighted paragraph by paragraph: a
  // highlight across a blank line (an interview's "Q: …" and "A: …") would paint the
  // empty line as a bar.
  function cited(passage) {
    const span = el("span", "cited");
    for (const part of passage.split(/(\n\s*\n)/)) {
      if (part) span.append(/^\s*$/.test(part) ? part : el("mark", "", part));
    }
    return span;
  }

  function quoteWithContext(citation, doc) {
    const quote = el("blockquote", "quote");
    const mark = cited(citation.passage);
    if (doc && typeof doc.text === "string") {
      const text = doc.text;
      const start = unitIndex(text, citation.start);
      const end = unitIndex(text, citation.end);
      if (text.slice(start, end) === citation.passage) {
        let before = text.slice(Math.max(0, start - CONTEXT_CHARS), start);
        let after = text.slice(end, end + CONTEXT_CHARS);
        if (start > CONTEXT_CHARS) before = "…" + before.replace(/^\S*\s/, "");
        if (end + CONTEXT_CHARS < text.length) after = after.replace(/\s\S*$/, "") + "…";
        quote.append(el("span", "context", squash(before)), mark, el("span", "context", squash(after)));
        quote.classList.add("in-context");
        return quote;
      }
    }
    quote.append(mark);
    return quote;
  }

  // The report page with the cited span marked (/r/{id}#start-end, assistant/report_page.py),
  // in a new tab that gets a copy of this tab's storage (the API key): same origin, so
  // the opener link is safe.
  function reportLink(citation) {
    const path = "/r/" + citation.document_id.split("/").map(encodeURIComponent).join("/");
    const a = el("a", "report-link", "Read it in the report");
    a.href = path + "#" + citation.start + "-" + citation.end;
    a.target = "_blank";
    a.rel = "opener";
    a.setAttribute("aria-label", "Read source " + citation.n + " in the whole report (new tab)");
    return a;
  }

  function citationCard(turn, citation) {
    const card = el("li", "card");
    card.id = "c-" + turn.id + "-" + citation.n;
    card.tabIndex = -1;
    const url = safeUrl(citation.url);
    const title = citation.title || citation.source || citation.document_id;
    const head = el("p", "card-title", el("span", "card-n", "[" + citation.n + "]"), " ");
    head.append(url ? link(url, title) : el("span", "", title));
    card.append(head);

    const meta = [];
    if (citation.date) meta.push(el("span", "", citation.date));
    if (citation.speaker) meta.push(el("span", "speaker", citation.speaker));
    if (citation.page) meta.push(el("span", "", "page " + citation.page));
    if (citation.language) meta.push(el("span", "language", citation.language));
    if (meta.length) {
      const line = el("p", "card-meta");
      meta.forEach((part, i) => {
        if (i) line.append(el("span", "sep", " · "));
        line.append(part);
      });
      card.append(line);
    }

    const quote = quoteWithContext(citation, null);
    card.append(quote);
    fetchDocument(citation.document_id).then((doc) => {
      if (doc) quote.replaceWith(quoteWithContext(citation, doc));
    });

    card.append(el("p", "card-report", reportLink(citation)));

    const source = el("p", "card-source", "Source: ");
    if (url) source.append(link(url, url));
    else if (citation.url) source.append(el("span", "unsafe-url", citation.url + " (not a web link)"));
    if (citation.source && citation.source !== citation.url) {
      if (url || citation.url) source.append(el("span", "sep", " · "));
      source.append(el("code", "path", citation.source));
    }
    card.append(source);
    return card;
  }

  // Put one line of answer text into `parent`, turning known [n] markers into links.
  function appendInline(parent, turn, line, citations) {
    let last = 0;
    for (const match of line.matchAll(/\[(\d+)\]/g)) {
      const n = Number(match[1]);
      const c = citations.find((x) => x.n === n);
      if (!c) continue;
      parent.append(line.slice(last, match.index));
      const target = "c-" + turn.id + "-" + n;
      const a = el("a", "cite", "[" + n + "]");
      a.href = "#" + target;
      a.dataset.target = target;
      a.setAttribute("aria-label", "source " + n + (c.title ? ": " + c.title : ""));
      parent.append(a);
      last = match.index + match[0].length;
    }
    parent.append(line.slice(last));
  }

  // The composer writes plain text: lines, and "- " lines for the statements of one
  // report. Lines become paragraphs, "- " runs become a list; nothing else is parsed.
  function answerText(turn, text, citations) {
    const wrapper = el("div", "answer-text");
    let list = null;
    for (const raw of text.split("\n")) {
      const line = raw.trimEnd();
      if (!line.trim()) {
        list = null;
        continue;
      }
      const bullet = /^\s*[-*•]\s+/.exec(line);
      if (bullet) {
        if (!list) {
          list = el("ul");
          wrapper.append(list);
        }
        const li = el("li");
        appendInline(li, turn, line.slice(bullet[0].length), citations);
        list.append(li);
      } else {
        list = null;
        const p = el("p");
        appendInline(p, turn, line, citations);
        wrapper.append(p);
      }
    }
    return wrapper;
  }

  // What staff can read from the footer: how much was searched and how fresh it is,
  // not the index's internal id.
  function footnote(r) {
    const parts = [];
    if (indexInfo && indexInfo.documents) {
      parts.push("Searched " + indexInfo.documents + " report" + (indexInfo.documents === 1 ? "" : "s"));
      const built = formatDate(indexInfo.built_at);
      if (built) parts.push("index updated " + built);
    }
    if (r.mode === "llm") {
      parts.push("written by the language model, every sentence checked against its source"
        + (r.dropped ? " (" + r.dropped + " unsupported sentence" + (r.dropped === 1 ? "" : "s") + " left out)" : ""));
    } else if (r.mode === "extractive" && r.generated) {
      parts.push("the reports' own sentences: " + (r.reason || "the language model's answer could not be checked"));
    } else if (r.mode === "extractive" && modelWasAsked(r)) {
      parts.push("the reports' own sentences: the language model was asked and did not answer ("
        + (r.reason || "no reason given") + ")");
    }
    parts.push(Math.round(r.took_ms) + " ms");
    return parts.join(" · ");
  }

  // Whether the server asked its language model for this answer: it does when one is
  // configured, the reports hold an answer and the answer is not a list of mentions
  // (AssistantService._events); the answer then says why it is extractive in `reason`.
  function modelWasAsked(r) {
    return Boolean(config.llm && r.found && !r.note);
  }

  function formatDate(value) {
    if (typeof value !== "string" || !value) return "";
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return "";
    return date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
  }

  // The statements as the API gives them (text, citation numbers, report): grouped
  // under each report's title and date, each ending with its [n] links. Nothing in the
  // answer's text is parsed, so editing prompts/answer.toml cannot break the page.
  function statementsView(turn, r) {
    const wrapper = el("div", "answer-text");
    if (r.note) wrapper.append(el("p", "", r.note));
    let current = null;
    let list = null;
    for (const s of r.statements) {
      if (s.document_id !== current) {
        current = s.document_id;
        const c = r.citations.find((x) => x.n === s.citations[0]);
        const title = c ? c.title || c.source : s.document_id;
        wrapper.append(el("p", "report-title", title + (c && c.date ? " (" + c.date + ")" : "")));
        list = el("ul");
        wrapper.append(list);
      }
      const li = el("li");
      li.append(s.text + " ");
      appendInline(li, turn, s.citations.map((n) => "[" + n + "]").join(""), r.citations);
      list.append(li);
    }
    return wrapper;
  }

  // A language model's answer (mode "llm"): its checked sentences as one paragraph,
  // each ending with its [n] links.
  function fluentView(turn, r) {
    const wrapper = el("div", "answer-text fluent");
    const p = el("p");
    for (const s of r.statements) {
      p.append(s.text + " ");
      appendInline(p, turn, s.citations.map((n) => "[" + n + "]").join("") + " ", r.citations);
    }
    wrapper.append(p);
    return wrapper;
  }

  // The texts (prompts/answer.<language>.toml, from /v1/config) of the language an answer
  // that found nothing is written in: the answer is one of them, a person's name put in.
  function nothingFoundTexts(answer) {
    for (const texts of config.nothing_found || []) {
      for (const template of texts.answers || []) {
        const parts = template.split("{name}").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
        if (new RegExp("^" + parts.join("[\\s\\S]+") + "$").test(answer || "")) return texts;
      }
    }
    return null;
  }

  function nothingFoundHeading(r) {
    const texts = nothingFoundTexts(r.answer);
    return texts ? texts.heading : "Nothing found in the reports";
  }

  function renderAnswer(turn) {
    const r = turn.response;
    if (!r.found) {
      const texts = nothingFoundTexts(r.answer);
      const reply = el(
        "div",
        "reply notfound",
        el("p", "state-title", nothingFoundHeading(r)),
        el("p", "", r.answer || "The reports hold nothing relevant to this question."),
        turn.filters
          ? el("p", "hint", "Only reports matching the filters were searched (" +
            describeFilters(turn.filters).replace("Filters: ", "") + "); clear them to search all.")
          : null,
      );
      if (texts) reply.lang = texts.language;
      return reply;
    }
    const reply = el("div", "reply found");
    reply.append(
      r.mode === "llm" && r.statements && r.statements.length
        ? fluentView(turn, r)
        : r.statements && r.statements.length
          ? statementsView(turn, r)
          : answerText(turn, r.answer, r.citations),
    );
    if (r.citations.length) {
      const heading = el("h3", "sources-title", "Sources");
      heading.id = "s-" + turn.id;
      const list = el("ol", "citations");
      list.setAttribute("aria-labelledby", heading.id);
      for (const c of r.citations) list.append(citationCard(turn, c));
      reply.append(heading, list);
    }
    reply.append(el("p", "footnote", footnote(r)));
    return reply;
  }

  function renderError(turn) {
    const e = turn.error;
    const retry = el("button", "secondary small", "Ask again");
    retry.type = "button";
    retry.addEventListener("click", () => {
      if (busy) return;
      turn.state = "pending";
      turn.error = null;
      renderTurn(turn);
      run(turn);
    });
    const reply = el(
      "div",
      "reply error",
      el("p", "state-title", e.status === 401 || e.status === 403
        ? "The server refused the API key"
        : "The question could not be answered"),
      el("p", "", e.message),
      el("p", "footnote", e.status ? "HTTP " + e.status + " · " + e.code : e.code),
      retry,
    );
    reply.setAttribute("role", "alert");
    return reply;
  }

  function renderTurn(turn) {
    let node = $("t-" + turn.id);
    const fresh = !node;
    if (fresh) node = el("article", "turn");
    node.id = "t-" + turn.id;
    node.replaceChildren();
    const q = el("div", "question", el("p", "visually-hidden", "You asked:"), el("p", "question-text", turn.question));
    if (turn.filters) q.append(el("p", "question-filters", describeFilters(turn.filters)));
    node.append(q);
    if (turn.state === "pending" && turn.partial && turn.partial.length) {
      // Sentences of the model's answer, each shown once it is checked.
      const p = el("p");
      for (const s of turn.partial) p.append(s.text + " ");
      const reply = el("div", "reply pending streaming", el("div", "answer-text fluent", p));
      reply.setAttribute("aria-busy", "true");
      node.append(reply);
    } else if (turn.state === "pending") {
      const reply = el("div", "reply pending", el("p", "", turn.waiting || "Searching the reports…"));
      reply.setAttribute("aria-busy", "true");
      node.append(reply);
    } else if (turn.state === "error") {
      node.append(renderError(turn));
    } else {
      node.append(renderAnswer(turn));
    }
    if (fresh) conversation.append(node);
    welcome.hidden = turns.length > 0;
    return node;
  }

  // Follow a [n] marker to its card inside the scrolling conversation.
  conversation.addEventListener("click", (event) => {
    const a = event.target.closest("a.cite");
    if (!a) return;
    const card = $(a.dataset.target);
    if (!card) return;
    event.preventDefault();
    for (const old of conversation.querySelectorAll(".card.active")) old.classList.remove("active");
    card.classList.add("active");
    card.scrollIntoView({ block: "start", behavior: "smooth" });
    card.focus({ preventScroll: true });
    history.replaceState(null, "", "#" + card.id);
  });

  // ---- asking --------------------------------------------------------------------

  function earlierQuestions(turn) {
    if (config.max_conversation <= 0) return [];
    return turns
      .filter((t) => t !== turn && t.state === "done")
      .map((t) => t.question.slice(0, config.max_question_chars))
      .slice(-config.max_conversation);
  }

  function setBusy(value) {
    busy = value;
    send.disabled = value;
    form.setAttribute("aria-busy", String(value));
  }

  async function run(turn) {
    setBusy(true);
    await configLoaded; // a question asked at once is asked as the server wants (stream, limits)
    const body = {
      question: turn.question, top_k: config.default_top_k, conversation: turn.conversation,
    };
    if (turn.filters) body.filters = turn.filters;
    for (let attempt = 0; ; attempt += 1) {
      try {
        if (config.llm) {
          turn.partial = [];
          turn.response = await apiStream("/v1/answer", { ...body, stream: true }, (sentence) => {
            turn.partial.push(sentence);
            renderTurn(turn);
          });
          turn.partial = null;
        } else {
          turn.response = await api("/v1/answer", body);
        }
        turn.state = "done";
        turn.waiting = null;
        hideBanner();
        break;
      } catch (err) {
        turn.partial = null;
        if (err.status === 503 && attempt < MAX_RETRIES) {
          turn.waiting = "The server is still loading the reports index. Trying again in "
            + Math.round(err.retryAfter / 1000) + " s…";
          showBanner("The server is still loading the reports index.", "warn", err.message);
          renderTurn(turn);
          await sleep(err.retryAfter);
          continue;
        }
        if (err.status === 401 && attempt < 3) {
          setKey(null);
          keyButton.hidden = false;
          if (await askForKey(err.message)) continue;
        }
        turn.state = "error";
        turn.error = { status: err.status || 0, code: err.code || "error", message: err.message };
        break;
      }
    }
    const node = renderTurn(turn);
    saveTurns();
    setBusy(false);
    node.scrollIntoView({ block: "start", behavior: "smooth" });
    if (turn.state === "done") {
      const n = turn.response.citations.length;
      announce(turn.response.found
        ? "Answer ready with " + n + (n === 1 ? " source." : " sources.")
        : nothingFoundHeading(turn.response) + ".");
    } else {
      announce("The question could not be answered: " + turn.error.message);
    }
  }

  function ask(question) {
    question = question.trim();
    if (!question || busy) return;
    const turn = {
      id: Date.now().toString(36) + Math.random().toString(36).slice(2, 6),
      question,
      filters: readFilters(),
      state: "pending",
    };
    turn.conversation = earlierQuestions(turn);
    turns.push(turn);
    box.value = "";
    renderTurn(turn).scrollIntoView({ block: "start", behavior: "smooth" });
    box.focus();
    run(turn);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ask(box.value);
    box.focus();
  });

  box.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing) return;
    if (event.shiftKey) return; // Shift+Enter: a new line
    event.preventDefault();
    ask(box.value);
  });

  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", () => ask(button.textContent));
  }

  $("new-chat").addEventListener("click", () => {
    if (busy) return;
    turns = [];
    saveTurns();
    for (const node of conversation.querySelectorAll(".turn")) node.remove();
    welcome.hidden = false;
    history.replaceState(null, "", location.pathname);
    box.value = "";
    box.focus();
  });

  // ---- start ---------------------------------------------------------------------

  async function checkReady() {
    try {
      const response = await fetch("/readyz", { cache: "no-store" });
      if (response.ok) {
        const ready = await response.json().catch(() => null);
        if (ready) indexInfo = { documents: ready.documents, built_at: ready.built_at };
        if (!busy) hideBanner();
        showReports();
        return;
      }
      let message = "";
      try {
        message = (await response.json()).message || "";
      } catch {
        message = "";
      }
      showBanner("The server is still loading the reports index; answers will come once it "
        + "is ready.", "warn", message);
    } catch {
      showBanner("Cannot reach the server. Checking again…", "error");
    }
    window.setTimeout(checkReady, RETRY_MS);
  }

  // The reports the index holds, in the welcome panel: what staff can ask about.
  async function showReports() {
    const panel = $("reports");
    if (!panel || panel.dataset.loaded) return;
    let data;
    try {
      data = await api("/v1/documents?limit=200");
    } catch {
      return; // no key yet, or an older server: the panel stays hidden
    }
    panel.dataset.loaded = "1";
    const list = $("reports-list");
    list.replaceChildren();
    for (const d of data.reports) {
      const item = el("li", "", el("span", "report-title", d.title || d.document_id));
      if (d.date) item.append(el("span", "report-date", " · " + d.date));
      list.append(item);
    }
    const more = data.total - data.reports.length;
    $("reports-count").textContent = data.total + " report" + (data.total === 1 ? "" : "s");
    $("reports-more").textContent = more > 0 ? "… and " + more + " more." : "";
    panel.hidden = data.total === 0;
  }

  async function start() {
    const announcer = el("p", "visually-hidden");
    announcer.id = "announce";
    announcer.setAttribute("aria-live", "polite");
    document.body.append(announcer);

    for (const turn of loadTurns()) {
      if (!turn || typeof turn.question !== "string" || !turn.id) continue;
      if (turn.state === "done" && !turn.response) continue;
      turns.push(turn);
      renderTurn(turn);
    }
    updateFilterCount();
    box.focus();
    try {
      config = { ...config, ...(await api("/v1/config")) };
      box.maxLength = config.max_question_chars;
      // Answers kept from before the reload that found nothing: their heading in their language.
      for (const turn of turns) if (turn.state === "done" && !turn.response.found) renderTurn(turn);
    } catch {
      // An older server without /v1/config: a 401 on the first question asks for a key.
    }
    configDone();
    if (config.auth_required) {
      keyButton.hidden = false;
      if (!getKey()) await askForKey();
    }
    checkReady();
  }

  start();
})();
