"""PDF text extraction with PDFium (pypdfium2), page by page, in reading order.

PDFium gives the text of a page as runs of characters with their boxes, in the
order the file draws them. Drawing order is not reading order: a table may be drawn
column by column, two columns of prose side by side. So the runs are laid out again
by position: runs that share a baseline form a line, read left to right, cells far
apart on one line are joined by `` | `` (a table row stays one line), a two-column
band of the page is read left column first, and a vertical gap larger than the
line spacing starts a new paragraph.

``extract_pdf`` runs in-process; ``PdfWorker`` runs it in a child process
(this module run as a script) with a time limit per file, so a pathological PDF costs one
``LoadError`` and never stalls or kills the build.
"""

from __future__ import annotations

import json
import os
import select
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from index.errors import LoadError

# Runs on one line further apart than this many line heights are cells of a table
# row (word spaces are ~0.3 of the font size; table columns are several).
_CELL_GAP = 1.5
# Runs closer than this share of a line height were split mid-word by the producer.
_GLUE_GAP = 0.1
# Lines further apart than this many times the usual line pitch start a paragraph.
_PARAGRAPH_GAP = 1.5
# A run at least this share of the page width, in one half of it, is a column of prose.
_COLUMN_MIN_WIDTH = 0.2
_COLUMN_MAX_WIDTH = 0.6
_COLUMN_MIN_RUNS = 3
# A line this much taller than the page's usual line is set in a heading size.
_HEADING_SIZE = 1.25


@dataclass(frozen=True)
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str
    size: float  # font size of its first character

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class PdfText:
    """What a PDF gives: one raw text per page, the first heading, metadata."""

    pages: list[str]
    heading: str | None = None  # the first line set larger than the text on page 1
    metadata: dict[str, str] = field(default_factory=dict)


def extract_pdf(data: bytes) -> PdfText:
    if b"%PDF-" not in data[:1024]:
        raise LoadError("not a PDF: the file does not start with a PDF header; check its type")
    if b"%%EOF" not in data[-1024:]:
        # A cut-off file would be rebuilt from what is left, losing pages silently.
        raise LoadError(
            "truncated PDF: its end-of-file marker is missing; download or export it again"
        )
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            reason = "encrypted PDF: it needs a password; index an unencrypted copy"
            raise LoadError(reason) from exc
        raise LoadError(f"corrupt PDF: {exc}") from exc
    try:
        if len(document) == 0:
            raise LoadError("corrupt PDF: it has no pages")
        metadata = {k: v.strip() for k, v in document.get_metadata_dict().items() if v.strip()}
        pages: list[str] = []
        heading = None
        for index in range(len(document)):
            page = document[index]
            try:
                lines = _page_lines(page)
            finally:
                page.close()
            if index == 0:
                heading = _heading(lines)
            pages.append(_page_text(lines))
    except pdfium.PdfiumError as exc:
        raise LoadError(f"corrupt PDF: {exc}") from exc
    finally:
        document.close()
    return PdfText(pages, heading, metadata)


@dataclass
class _Line:
    runs: list[_Run]
    paragraph: bool = False  # a paragraph starts here

    @property
    def top(self) -> float:
        return max(r.top for r in self.runs)

    @property
    def bottom(self) -> float:
        return min(r.bottom for r in self.runs)

    @property
    def height(self) -> float:
        return max(r.height for r in self.runs)

    @property
    def size(self) -> float:
        return max(r.size for r in self.runs)


def _runs(page: Any) -> list[_Run]:
    """The page's runs of text with their boxes.

    PDFium's text in drawing order breaks lines where the drawing moves to a new
    line; each such line is one run, boxed by PDFium for that range of characters
    (cheap). A line that covers several boxes (table cells drawn in one pass, a bold
    word) is split into one run per box, each box's text read by position.
    """
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count > 0 else ""
        if len(text) != count:  # characters outside the BMP: read every box by position
            return [
                _boxed_run(textpage, *textpage.get_rect(i)) for i in range(textpage.count_rects())
            ]
        runs = []
        for start, end in _stream_lines(text):
            boxes = textpage.count_rects(start, end - start)
            if boxes == 1:
                size = pdfium_c.FPDFText_GetFontSize(textpage, start)
                runs.append(_run(textpage.get_rect(0), text[start:end], size))
            else:
                rects = [textpage.get_rect(i) for i in range(boxes)]
                runs.extend(_boxed_run(textpage, *rect) for rect in rects)
        return [run for run in runs if run.text]
    finally:
        textpage.close()


def _stream_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of PDFium's text, ends trimmed."""
    spans = []
    start = 0
    for part in text.split("\r\n"):
        end = start + len(part)
        stripped = part.strip()
        if stripped:
            lead = len(part) - len(part.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
        start = end + 2
    return spans


def _run(rect: tuple[float, float, float, float], raw: str, size: float) -> _Run:
    left, bottom, right, top = rect
    # PDFium marks a hyphen that breaks a word at the line end as U+0002.
    text = " ".join(raw.replace("\x02", "-").split())
    return _Run(left, bottom, right, top, text, size or top - bottom)


def _boxed_run(textpage: Any, left: float, bottom: float, right: float, top: float) -> _Run:
    raw = textpage.get_text_bounded(left, bottom, right, top)
    index = textpage.get_index(left + min(1.0, (right - left) / 2), (top + bottom) / 2, 1.0, 1.0)
    size = pdfium_c.FPDFText_GetFontSize(textpage, index) if index is not None else 0.0
    return _run((left, bottom, right, top), raw, size)


def _group_lines(runs: list[_Run]) -> list[_Line]:
    """Runs whose vertical middles fall inside one another share a line."""
    lines: list[_Line] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        middle = (run.top + run.bottom) / 2
        for line in reversed(lines[-3:]):
            first = line.runs[0]
            first_middle = (first.top + first.bottom) / 2
            if first.bottom <= middle <= first.top or run.bottom <= first_middle <= run.top:
                line.runs.append(run)
                break
        else:
            lines.append(_Line([run]))
    for line in lines:
        line.runs.sort(key=lambda r: r.left)
    return lines


def _gutter(runs: list[_Run], width: float) -> float | None:
    """The x between two columns of prose, when the page has them."""
    half = width / 2
    wide = [r for r in runs if _COLUMN_MIN_WIDTH <= (r.right - r.left) / width <= _COLUMN_MAX_WIDTH]
    left = [r for r in wide if r.right <= 1.2 * half and r.left + r.right < width]
    right = [r for r in wide if r.left >= 0.8 * half and r.left + r.right >= width]
    if len(left) < _COLUMN_MIN_RUNS or len(right) < _COLUMN_MIN_RUNS:
        return None
    left_edge = max(r.right for r in left)
    right_edge = min(r.left for r in right)
    return (left_edge + right_edge) / 2 if left_edge < right_edge else None


def _reading_order(lines: list[_Line], gutter: float | None) -> list[_Line]:
    """Lines top to bottom; inside a band of two columns, the left column first."""
    if gutter is None:
        return lines
    ordered: list[_Line] = []
    band: list[_Line] = []

    def flush() -> None:
        left = [_Line([r for r in line.runs if r.right <= gutter]) for line in band]
        right = [_Line([r for r in line.runs if r.left >= gutter]) for line in band]
        left_lines = [line for line in left if line.runs]
        right_lines = [line for line in right if line.runs]
        if left_lines and right_lines:
            right_lines[0].paragraph = True
        ordered.extend(left_lines + right_lines)
        band.clear()

    for line in lines:
        if any(r.left < gutter < r.right for r in line.runs):
            flush()
            ordered.append(line)
        else:
            band.append(line)
    flush()
    return ordered


def _page_lines(page: Any) -> list[_Line]:
    runs = _runs(page)
    if not runs:
        return []
    lines = _reading_order(_group_lines(runs), _gutter(runs, page.get_width()))
    # Tops, not bottoms: descenders ("g", "p") move a run's bottom, capitals and
    # digits rarely leave its top.
    pitches = [a.top - b.top for a, b in pairwise(lines) if 0 < a.top - b.top < 3 * a.height]
    pitch = statistics.median(pitches) if pitches else 0.0
    for above, line in pairwise(lines):
        gap = above.top - line.top
        if pitch and (gap > _PARAGRAPH_GAP * pitch or gap < 0):
            line.paragraph = True
    return lines


def _line_text(line: _Line) -> str:
    height = statistics.median(r.size for r in line.runs)
    text = line.runs[0].text
    for before, run in pairwise(line.runs):
        gap = run.left - before.right
        if gap > _CELL_GAP * height:
            text += " | " + run.text
        elif gap < _GLUE_GAP * height:
            text += run.text
        else:
            text += " " + run.text
    return text


def _page_text(lines: list[_Line]) -> str:
    parts: list[str] = []
    for line in lines:
        if line.paragraph and parts:
            parts.append("")
        parts.append(_line_text(line))
    return "\n".join(parts)


def _heading(lines: list[_Line]) -> str | None:
    """The first line (with its wrapped continuation) set larger than the body text."""
    if not lines:
        return None
    body = statistics.median(r.size for line in lines for r in line.runs)
    for i, line in enumerate(lines):
        if line.size >= _HEADING_SIZE * body:
            parts = [_line_text(line)]
            for after in lines[i + 1 : i + 3]:
                if abs(after.size - line.size) > 0.1 * line.size or after.paragraph:
                    break
                parts.append(_line_text(after))
            return " ".join(parts)
    return None


# --- the worker process ------------------------------------------------------------


class PdfWorker:
    """Extracts PDFs in a child process, one at a time, each within ``timeout_s``.

    A file that takes longer, or crashes the child, becomes a ``LoadError``; the
    child is killed and a fresh one serves the next file.
    """

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._child: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> PdfWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extract(self, path: Path) -> PdfText:
        child = self._start()
        assert child.stdin is not None and child.stdout is not None
        try:
            child.stdin.write(json.dumps({"path": os.path.abspath(path)}).encode() + b"\n")
            child.stdin.flush()
            line = _read_line(child.stdout.fileno(), time.monotonic() + self.timeout_s)
        except TimeoutError:
            self.close()
            raise LoadError(
                f"PDF text extraction took longer than {self.timeout_s:g} s "
                "(pdf_timeout_s); the file was skipped. Raise the limit or check the file"
            ) from None
        except (BrokenPipeError, EOFError):
            code = self.close()
            raise LoadError(
                f"the PDF reader crashed on this file (exit code {code}); it was skipped"
            ) from None
        reply = json.loads(line)
        if "error" in reply:
            raise LoadError(reply["error"])
        return PdfText(**reply)

    def _start(self) -> subprocess.Popen[bytes]:
        if self._child is None or self._child.poll() is not None:
            # The child imports this package from where the parent did, installed or not.
            root = str(Path(__file__).resolve().parents[1])
            boot = (
                f"import sys, runpy; sys.path.insert(0, {root!r}); "
                "runpy.run_module('index.pdf', run_name='__main__')"
            )
            self._child = subprocess.Popen(
                [sys.executable, "-c", boot], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
        return self._child

    def close(self) -> int | None:
        child, self._child = self._child, None
        if child is None:
            return None
        if child.poll() is None:
            child.kill()
        code = child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()
        return code


def _read_line(fd: int, deadline: float) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise TimeoutError
        block = os.read(fd, 1 << 20)
        if not block:
            raise EOFError
        data += block
    return data


def _serve() -> None:
    """The child: one JSON request per line on stdin, one JSON reply per line."""
    for request in sys.stdin:
        try:
            data = Path(json.loads(request)["path"]).read_bytes()
            reply: dict[str, Any] = asdict(extract_pdf(data))
        except LoadError as exc:
            reply = {"error": str(exc)}
        except OSError as exc:
            reply = {"error": f"cannot read the file: {exc.strerror}"}
        except Exception as exc:  # any other failure of the reader is this file's
            reply = {"error": f"corrupt PDF: {type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    _serve()
