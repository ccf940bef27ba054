"""Load stage: read report files into cleaned ``Document`` records.

Every source is a folder (walked recursively in name order, hidden entries skipped)
or a single file. A file that cannot be turned into a document becomes a
``Failure`` with a reason a maintainer can act on, and loading goes on.
"""

from __future__ import annotations

import errno
import io
import json
import math
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import charset_normalizer
import docx
from docx.table import Table

from index.captions import caption_text
from index.clean import (
    CELLS,
    DATE_HEAD,
    clean_text,
    find_date,
    guess_title,
    html_to_text,
    iso_date,
    markdown_to_text,
    repeated_lines,
    unwrap_lines,
)
from index.config import BuildConfig
from index.errors import LoadError
from index.language import document_language, primary
from index.models import Document, Failure, PageSpan, Skipped
from index.naming import (
    file_name_date,
    filing_title,
    find_period,
    is_file_name,
    metadata_title,
    period_label,
    readable_file_name,
    reads_as_title,
)
from index.pdf import PdfText, PdfWorker

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".jsonl", ".vtt", ".srt")
# Dot files and Office lock files ("~$report.docx") are never reports.
_HIDDEN_PREFIXES = (".", "~$")
# Decoded text with more control characters than this is a binary file in disguise.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# A short line on at least this share of a PDF's pages is a running header or footer.
_RUNNING_LINE_SHARE = 0.6

Item = Document | Failure | Skipped


def load_sources(sources: Sequence[Path], config: BuildConfig) -> Iterator[Item]:
    """Yield a ``Document`` for every report under ``sources`` and a ``Failure`` for
    every file that could not be read, in a stable order."""
    seen: dict[str, str] = {}
    with PdfWorker(config.pdf_timeout_s) as pdf_worker:
        for source in sources:
            for item, where in _load_source(Path(source), config, pdf_worker):
                if isinstance(item, Document):
                    if item.id in seen:
                        item = Failure(
                            where,
                            f"duplicate document id {item.id!r}: also in {seen[item.id]}; "
                            "rename one of them or list only one of their folders in sources",
                        )
                    else:
                        seen[item.id] = where
                yield item


def _load_source(
    source: Path, config: BuildConfig, pdf_worker: PdfWorker
) -> Iterator[tuple[Item, str]]:
    shown = str(source)
    try:
        info = source.stat()
    except OSError as exc:
        if source.is_symlink():
            yield Failure(shown, _symlink_reason(exc, source)), shown
        else:
            yield Failure(shown, "source does not exist; check the path in sources"), shown
        return
    if stat.S_ISDIR(info.st_mode):
        visited = {os.path.realpath(source): shown}
        for found in _walk(source, Path(), visited):
            if isinstance(found, Failure | Skipped):
                yield found, found.path
            else:
                yield from _load_file(*found, config, pdf_worker)
    elif source.suffix.lower() in SUPPORTED_SUFFIXES:
        yield from _load_file(source, shown, source.name, config, pdf_worker)
    else:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        reason = f"unsupported file type {source.suffix!r}; supported: {supported}"
        yield Failure(shown, reason), shown


def _walk(
    root: Path, rel: Path, visited: dict[str, str]
) -> Iterator[tuple[Path, str, str] | Failure | Skipped]:
    """(path, shown path, document id) of each supported file below ``root / rel``.

    ``visited`` maps the real path of every folder walked so far to its shown path:
    a symlink back to one of them is a loop (or a second copy), reported, not followed.
    """
    folder = root / rel
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(str(folder), f"cannot list the folder: {exc.strerror}")
        return
    for entry in entries:
        if entry.name.startswith(_HIDDEN_PREFIXES):
            continue
        path = Path(entry.path)
        shown = str(root / rel / entry.name)
        suffix = path.suffix.lower()
        try:
            info = os.stat(path)  # follows symlinks
        except OSError as exc:
            if suffix in SUPPORTED_SUFFIXES or not suffix:
                reason = _symlink_reason(exc, path) if entry.is_symlink() else exc.strerror
                yield Failure(shown, str(reason))
            continue
        if stat.S_ISDIR(info.st_mode):
            real = os.path.realpath(path)
            if real in visited:
                yield Failure(shown, _revisit_reason(real, visited[real], folder))
                continue
            visited[real] = shown
            yield from _walk(root, rel / entry.name, visited)
        elif suffix in SUPPORTED_SUFFIXES:
            yield path, shown, (rel / entry.name).as_posix()
        elif stat.S_ISREG(info.st_mode):
            kind = f"{suffix} files" if suffix else "files without an extension"
            yield Skipped(shown, f"not read: {kind} are not a report type")


def _revisit_reason(real: str, first_shown: str, folder: Path) -> str:
    here = os.path.realpath(folder)
    if here == real or here.startswith(real + os.sep):
        return f"symlink loop: it points back to {first_shown!r}, which contains it; not followed"
    return f"symlink to {first_shown!r}, a folder already read; not followed, to load it once"


def _symlink_reason(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link resolves to itself; fix or remove it"
    if exc.errno == errno.ENOENT:
        return f"broken symlink: its target {os.readlink(path)!r} does not exist"
    return f"cannot follow the symlink: {exc.strerror}"


def _load_file(
    path: Path, shown: str, doc_id: str, config: BuildConfig, pdf_worker: PdfWorker
) -> Iterator[tuple[Item, str]]:
    try:
        data = _read_bytes(path, config.max_file_bytes)
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from _load_jsonl(decode_text(data), shown)
        elif suffix == ".pdf":
            # In the worker process: a PDF that hangs or crashes the reader fails alone.
            yield _document(doc_id, shown, **_read_pdf(pdf_worker.extract(path), path.stem)), shown
        else:
            yield _load_document(suffix, data, doc_id, shown), shown
    except LoadError as exc:
        yield Failure(shown, str(exc)), shown


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(
            f"not a regular file ({_file_kind(info.st_mode)}); it cannot be read as a report"
        )
    if info.st_size > max_bytes:
        raise LoadError(
            f"file is {info.st_size} bytes, over the {max_bytes}-byte limit (max_file_bytes); "
            "raise the limit or split the file"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror}") from exc
    if not data.strip():
        raise LoadError("empty file")
    return data


def _file_kind(mode: int) -> str:
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a device"}
    return next((name for test, name in kinds.items() if test(mode)), "not a plain file")


def decode_text(data: bytes) -> str:
    """UTF-8 when it is, else the encoding charset-normalizer detects (cp1251, latin-1…)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif b"\x00" in data:
        raise LoadError("binary file: it contains NUL bytes, so it is not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _detect_and_decode(data)
    if not text or len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise LoadError("binary file: its bytes are not text in any known encoding")
    return text


# On a short text, rare code pages (ISO-8859-10, CP775) can edge out the one that was
# really used; files in the wild are in these, so among near-equal guesses they win.
_COMMON_ENCODINGS = (
    "cp1252", "cp1251", "latin_1", "iso8859_15", "cp1250", "koi8_r", "gb18030", "big5",
    "shift_jis", "euc_jp", "euc_kr", "cp1256", "cp1253", "cp1254", "cp1257",
)  # fmt: skip
_CHAOS_MARGIN = 0.02


def _detect_and_decode(data: bytes) -> str:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return ""
    close = [m for m in matches if m.chaos <= best.chaos + _CHAOS_MARGIN]
    for encoding in _COMMON_ENCODINGS:
        if any(encoding in m.could_be_from_charset for m in close):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return str(best)


def _load_document(suffix: str, data: bytes, doc_id: str, shown: str) -> Document:
    if suffix == ".docx":
        fields = _read_docx(data, Path(doc_id).stem)
    elif suffix in (".vtt", ".srt"):
        fields = _read_captions(decode_text(data), Path(doc_id).stem)
    else:
        fields = _read_markup(suffix, decode_text(data), Path(doc_id).stem)
    return _document(doc_id, shown, **fields)


def _read_captions(raw: str, stem: str) -> dict[str, Any]:
    """A meeting's caption file as its transcript, titled by its file name (a caption
    file has no title; its first line is the first thing said)."""
    text = clean_text(caption_text(raw))
    if not text:
        raise LoadError("no captions: the file has no cue with words (not WebVTT or SubRip?)")
    date = find_date(stem)  # "board-call-2025-05-12.vtt": a call of that day
    undated = re.sub(r"\d{4}-\d{2}-\d{2}", " ", stem) if date else stem
    title = readable_file_name(undated) or readable_file_name(stem)
    return {
        "title": title,
        "title_source": "file name" if title else None,
        "text": text,
        "date": date,
        "date_source": "file name" if date else None,
    }


def _read_markup(suffix: str, raw: str, stem: str) -> dict[str, Any]:
    if not raw.strip():
        raise LoadError("empty file")
    if suffix in (".html", ".htm"):
        title, text, meta = html_to_text(raw)
        title = metadata_title(title, stem)  # an exported "Untitled document" is none
        source = "HTML page title"
    elif suffix == ".md":
        title, text, meta = markdown_to_text(raw)
        source = "front matter or first heading"
    else:
        title, text, meta = None, clean_text(raw), {}
        source = None
    date = iso_date(meta.get("date")) or find_date(meta.get("date", ""))
    return {
        "title": title,
        "title_source": source if title else None,
        "text": text,
        "url": meta.get("url"),
        "date": date,
        "date_source": "page metadata" if date else None,
        "language": meta.get("lang") or meta.get("language"),
    }


def _read_pdf(pdf: PdfText, stem: str) -> dict[str, Any]:
    """Cleaned text with exact page spans, and the title and date that name the report
    (the report's own date first: the period it covers, the first date it states)."""
    raw_pages = pdf.pages
    running: set[str] = set()
    if len(raw_pages) >= 2:
        running = repeated_lines(raw_pages, max(2, math.ceil(_RUNNING_LINE_SHARE * len(raw_pages))))
    page_texts = [unwrap_lines(clean_text(raw, running)) for raw in raw_pages]
    text, pages = _join_pages(page_texts)
    if not text:
        raise LoadError("PDF has no text layer (scanned images?); run OCR on it first")
    metadata: dict[str, Any] = {}
    # Scanned pages (nothing but a running header at most): their text is missing from
    # the index until someone runs OCR on them; the build report lists them.
    empty = [number for number, page in enumerate(page_texts, start=1) if not page]
    if empty:
        metadata["pages_without_text"] = empty
    title, title_source = _pdf_title(pdf, stem, text)
    date, date_source = None, None
    period = find_period(text)
    if period is not None:
        date, date_source = period[1], "period end stated in the text"
        metadata["period"] = period_label(*period)
    elif date := find_date(text, DATE_HEAD):
        date_source = "first date stated at the head of the text"
    elif date := file_name_date(stem):
        date_source = "file name"
    elif date := iso_date(pdf.metadata.get("CreationDate")):
        date_source = "PDF metadata (creation date: the file's, not the report's)"
    return {
        "title": title,
        "title_source": title_source,
        "text": text,
        "pages": pages,
        "date": date,
        "date_source": date_source,
        "metadata": metadata,
    }


def _pdf_title(pdf: PdfText, stem: str, text: str) -> tuple[str | None, str | None]:
    """The metadata title when an author wrote it (``metadata_title``), else the
    registrant, form and period on the cover of a filing, else the first heading of page
    1, else the file name made readable (unless the tool wrote it as the title: then it
    names nothing); else (None) the first line of the text."""
    written = pdf.metadata.get("Title", "")
    meta = metadata_title(written, stem)
    if meta:
        return meta, "PDF metadata"
    filing = filing_title(text)
    if filing:
        return filing, "registrant, form and period on the filing's cover"
    if pdf.heading and reads_as_title(pdf.heading):
        return pdf.heading, "first heading of page 1"
    readable = readable_file_name(stem)
    if readable and reads_as_title(readable) and not is_file_name(written, stem):
        return readable, "file name"
    return None, None


def _join_pages(page_texts: list[str]) -> tuple[str, tuple[PageSpan, ...]]:
    """Pages joined by a blank line, or by a space where a sentence runs on from one page
    to the next (``_runs_on``); a page with no text has no span."""
    text = ""
    spans: list[PageSpan] = []
    for number, page_text in enumerate(page_texts, start=1):
        if not page_text:
            continue
        if text:
            text += " " if _runs_on(text, page_text) else "\n\n"
        spans.append(PageSpan(number, len(text), len(text) + len(page_text)))
        text += page_text
    return text, tuple(spans)


def _runs_on(before: str, after: str) -> bool:
    """Whether the page ``after`` goes on with the sentence that ``before`` leaves open:
    its last line ends with no stop ("Estimates of useful lives of turbines,") and is no
    table row, and the next page opens in lower case ("solar modules and grid
    connections are reviewed …"). Joined by a blank line, the two halves were two
    paragraphs, each quoted as a statement of its own."""
    last = before.rstrip().rsplit("\n", 1)[-1]
    return bool(_OPEN_END.search(last)) and after.lstrip()[:1].islower() and "|" not in last


# The end of a line that leaves its sentence open: a word, a comma, a semicolon.
_OPEN_END = re.compile(r"[\w,;(-]$")


def _read_docx(data: bytes, stem: str) -> dict[str, Any]:
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        heading = None
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                blocks.append("\n".join(_table_row(row.cells) for row in block.rows))
                continue
            style = block.style.name if block.style is not None else ""
            if heading is None and block.text.strip() and style.startswith(("Heading", "Title")):
                heading = block.text
            blocks.append(block.text)
        core_title = metadata_title(document.core_properties.title, stem)
    except Exception as exc:  # python-docx raises zip, XML and key errors on a damaged file
        raise LoadError(f"not a valid DOCX file: {exc}") from exc
    return {
        "title": core_title or heading,
        "title_source": "DOCX properties" if core_title else "first heading" if heading else None,
        "text": clean_text("\n\n".join(blocks)),
    }


def _table_row(cells: Sequence[Any]) -> str:
    texts: list[str] = []
    for cell in cells:
        text = " ".join(cell.text.split())
        if text and (not texts or texts[-1] != text):  # a merged cell repeats its text
            texts.append(text)
    return CELLS.join(texts)


def _load_jsonl(content: str, shown: str) -> Iterator[tuple[Item, str]]:
    """One document per line in the BEIR corpus format; a bad line fails alone."""
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{shown}:{number}"
        try:
            yield _jsonl_document(line, shown), where
        except LoadError as exc:
            yield Failure(where, f"line {number}: {exc}"), where


def _jsonl_document(line: str, shown: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LoadError(f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise LoadError(f"a JSON {type(record).__name__}, not an object with '_id' and 'text'")
    doc_id = record.get("_id")
    if not isinstance(doc_id, str | int) or not str(doc_id).strip():
        raise LoadError("no '_id' (every line needs a non-empty '_id' and 'text')")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LoadError(f"document {doc_id!r} has no 'text'")
    meta = record.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    title = record.get("title")
    return _document(
        str(doc_id).strip(),
        shown,
        title=" ".join(title.split()) if isinstance(title, str) else None,
        text=clean_text(text),
        url=_str_or_none(record.get("url") or meta.get("url")),
        date=iso_date(record.get("date") or meta.get("date")),
        language=_str_or_none(record.get("language") or meta.get("language")),
        metadata=meta,
        explain=False,
    )


def _str_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _document(
    doc_id: str,
    source: str,
    *,
    title: str | None,
    text: str,
    url: str | None = None,
    date: str | None = None,
    language: str | None = None,
    pages: tuple[PageSpan, ...] = (),
    metadata: Mapping[str, Any] | None = None,
    title_source: str | None = None,
    date_source: str | None = None,
    explain: bool = True,
) -> Document:
    """``explain``: record in the metadata which source gave the title and the date
    (``index build --json`` lists them); off for JSONL records, whose fields are given."""
    if not text:
        raise LoadError("no text left after removing menus, share links and page furniture")
    if not title:
        title, title_source = guess_title(text), "first line of the text"
    if not title:
        title, title_source = Path(doc_id).stem.replace("-", " "), "file name"
    if not date:
        date = find_date(text, DATE_HEAD)
        date_source = "first date stated at the head of the text" if date else None
    fields = dict(metadata or {})
    if explain:
        fields = {"title_source": title_source, "date_source": date_source, **fields}
    return Document(
        id=doc_id,
        title=title,
        text=text,
        source=source,
        url=url,
        date=date,
        language=primary(language) or document_language(text),
        pages=pages,
        metadata=MappingProxyType(fields),
    )
