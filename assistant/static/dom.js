// What the chat page (app.js) and the report page (report.js) both need, loaded before
// either: report text reaches the page only as Text nodes, a link is made only from an
// absolute http(s) URL, and the tab's storage may be switched off.
"use strict";

window.ReportAssistantDom = Object.freeze({
  // An element with a class and children; a string child becomes a Text node, never HTML.
  el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child);
    }
    return node;
  },

  // An absolute http(s) URL as written, else null (relative URLs throw: only absolute pass).
  safeUrl(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch {
      return null;
    }
  },

  // Offsets from the server count Unicode code points (Python); JavaScript strings
  // count UTF-16 units. A code-point offset of ``text`` as a UTF-16 index.
  unitIndex(text, codePoints) {
    if (!/[\uD800-\uDFFF]/.test(text)) return codePoints;
    let i = 0;
    for (let n = 0; n < codePoints && i < text.length; n += 1) {
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    }
    return i;
  },

  // This tab's sessionStorage, or null when storage is disabled (the page still works).
  storage() {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  },
});
