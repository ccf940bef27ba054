"""The load stage on real files: every format, every kind of bad input."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from index.config import BuildConfig
from index.load import load_sources
from index.models import Document, Failure, Skipped

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "examples" / "reports"
SEED = REPO.parent / "shared" / "seed"

PARAGRAPH = (
    "Ana Ferreira, President of the Economic and Social Council of Portugal, noted that "
    "consultation can be fast without being superficial."
)


def make_config(**fields: int) -> BuildConfig:
    return BuildConfig.model_validate(fields)


def load(*sources: Path, **config: int) -> tuple[dict[str, Document], dict[str, str]]:
    """Documents by id and failure reasons by path."""
    docs: dict[str, Document] = {}
    failures: dict[str, str] = {}
    for item in load_sources(list(sources), make_config(**config)):
        if isinstance(item, Failure):
            failures[item.path] = item.reason
        elif isinstance(item, Document):
            docs[item.id] = item
    return docs, failures


def make_pdf(pages: list[str], title: str | None = None, header: str | None = None) -> bytes:
    class Report(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", size=8)
                self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Report()
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for paragraph in text.split("\n\n"):
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())


def encrypt(pdf: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- the bundled sample reports ---------------------------------------------------------

EXPECTED_SAMPLES = {
    "2022/board-meeting-lisbon.txt": "2022-11-17",
    "2022/labour-migration-webinar.txt": "2022-06-09",
    "2023/care-economy-seminar.md": "2023-03-08",
    "2023/general-assembly-rabat.md": "2023-10-12",
    "2024/just-transition-seminar.pdf": "2024-09-23",
    "2024/social-dialogue-workshop.docx": "2024-06-27",
    "2024/webinar-digital-economy.html": "2024-03-05",
    "2024/youth-forum-dakar.txt": "2024-05-14",
    "2025/ai-and-work-roundtable.md": "2025-02-18",
    "2025/board-meeting-santiago-verbatim.txt": "2025-04-03",
    "2025/bureau-adult-training-paris.fr.md": "2025-09-23",
    "2025/hearing-care-workers-transcript.txt": "2025-09-10",
    "2025/interview-amara-diallo.txt": "2025-04-15",
    "2025/seminar-pensions-tashkent.ru.md": "2025-03-18",
    "2025/workshop-rural-migrant-workers-beijing.zh.md": "2025-06-10",
    "news-2024-001": "2024-01-29",
    "news-2024-002": "2024-05-14",
    "news-2024-003": "2024-10-29",
}


# Detected from the text (index/language.py): no sample says its language.
SAMPLE_LANGUAGES = {
    "2025/bureau-adult-training-paris.fr.md": "fr",
    "2025/seminar-pensions-tashkent.ru.md": "ru",
    "2025/workshop-rural-migrant-workers-beijing.zh.md": "zh",
}


def test_sample_reports_all_load_with_title_and_date() -> None:
    docs, failures = load(SAMPLES)
    assert failures == {}
    assert {doc_id: doc.date for doc_id, doc in docs.items()} == EXPECTED_SAMPLES
    for doc in docs.values():
        # Chinese is written without spaces: its title counts characters.
        size = len(doc.title) if doc.language == "zh" else len(doc.title.split())
        assert 3 <= size <= 20 or (doc.language == "zh" and size <= 40), doc.title
        assert "Select your language" not in doc.text
        assert not doc.title.startswith("International Association")
        assert doc.language == SAMPLE_LANGUAGES.get(doc.id, "en"), doc.id
        assert doc.text.strip() == doc.text and "\n\n\n" not in doc.text
    assert docs["2024/webinar-digital-economy.html"].title == (
        "Digital economy webinar: councils weigh the risks of the digital transition"
    )
    assert docs["2022/board-meeting-lisbon.txt"].title == (
        "Board meets in Lisbon to prepare the 2023 work programme"
    )
    assert docs["2024/social-dialogue-workshop.docx"].title == (
        "Workshop on social dialogue in the platform economy"
    )


def test_sample_boilerplate_is_gone_and_speakers_remain() -> None:
    docs, _ = load(SAMPLES)
    web = docs["2024/webinar-digital-economy.html"]
    assert web.url == "https://www.example.org/en/news/2024/webinar-digital-economy"
    assert "cookies" not in web.text and "twitter" not in web.text
    assert "Guo-Jun" not in web.text and "Guo Jun, Vice-President" in web.text
    pdf = docs["2024/just-transition-seminar.pdf"]
    assert len(pdf.pages) == 4
    assert "The Hague 2024" not in pdf.text and "Page 1 of 4" not in pdf.text
    board = docs["2022/board-meeting-lisbon.txt"]
    assert board.text.startswith("Board meets in Lisbon") and not board.text.endswith("Print")


def test_sample_files_are_small() -> None:
    for path in SAMPLES.rglob("*"):
        assert path.is_dir() or path.stat().st_size < 200_000, path


# --- folders, ids and paths ----------------------------------------------------------


def test_folder_walk_ids_paths_and_ignored_files(tmp_path: Path) -> None:
    root = tmp_path / "reports"
    (root / "2024" / "nested").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b.txt").write_text(f"Second report\n\n{PARAGRAPH}")
    (root / "2024" / "nested" / "a.md").write_text(f"# First report\n\n{PARAGRAPH}")
    (root / ".git" / "hidden.txt").write_text(PARAGRAPH)
    (root / ".draft.txt").write_text(PARAGRAPH)
    (root / "~$lock.docx").write_bytes(b"\x00lock")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00binary")
    (root / "notes.csv").write_text("a,b\n1,2\n")
    items = list(load_sources([root], make_config()))
    assert [(i.id, i.source) for i in items if isinstance(i, Document)] == [
        ("2024/nested/a.md", str(root / "2024" / "nested" / "a.md")),
        ("b.txt", str(root / "b.txt")),
    ]
    # Files of other types are listed as skipped, with their type; hidden ones are not.
    skipped = {i.path: i.reason for i in items if isinstance(i, Skipped)}
    assert skipped == {
        str(root / "notes.csv"): "not read: .csv files are not a report type",
        str(root / "photo.jpg"): "not read: .jpg files are not a report type",
    }
    assert not [i for i in items if isinstance(i, Failure)]


def test_single_file_source_is_named_by_its_file_name(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "report.txt"
    path.parent.mkdir()
    path.write_text(f"A report\n\n{PARAGRAPH}")
    docs, failures = load(path)
    assert failures == {} and list(docs) == ["report.txt"]
    assert docs["report.txt"].source == str(path)
    assert docs["report.txt"].url is None and docs["report.txt"].pages == ()


def test_missing_source_and_unsupported_single_file(tmp_path: Path) -> None:
    (tmp_path / "table.xlsx").write_bytes(b"PK\x03\x04")
    docs, failures = load(tmp_path / "nowhere", tmp_path / "table.xlsx")
    assert docs == {}
    assert "does not exist" in failures[str(tmp_path / "nowhere")]
    assert "unsupported file type '.xlsx'" in failures[str(tmp_path / "table.xlsx")]


def test_duplicate_document_ids_keep_the_first(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(f"Report from {name}\n\n{PARAGRAPH}")
    docs, failures = load(tmp_path / "one", tmp_path / "two")
    assert docs["report.txt"].title == "Report from one"
    reason = failures[str(tmp_path / "two" / "report.txt")]
    assert "duplicate document id 'report.txt'" in reason
    assert str(tmp_path / "one" / "report.txt") in reason


def test_a_folder_named_like_a_file_is_walked(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").mkdir()
    (tmp_path / "odd.txt" / "inner.txt").write_text(f"Inner report\n\n{PARAGRAPH}")
    docs, failures = load(tmp_path)
    assert failures == {} and list(docs) == ["odd.txt/inner.txt"]


# --- bad input: each one a failure with a reason, the rest loads ------------------------


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A folder that always holds one good report beside the bad one under test."""
    (tmp_path / "good.txt").write_text(f"A good report\n\n{PARAGRAPH}")
    return tmp_path


def assert_only_failure(folder: Path, name: str, *words: str, **config: int) -> str:
    docs, failures = load(folder, **config)
    assert list(docs) == ["good.txt"]
    assert list(failures) == [str(folder / name)]
    reason = failures[str(folder / name)]
    for word in words:
        assert word in reason
    return reason


def test_empty_and_whitespace_files(good: Path) -> None:
    (good / "empty.md").write_bytes(b"")
    assert_only_failure(good, "empty.md", "empty file")
    (good / "empty.md").write_text("  \n\n\t \n")
    assert_only_failure(good, "empty.md", "empty file")


def test_a_file_of_page_furniture_only(good: Path) -> None:
    (good / "menu.txt").write_text("Select your language\n\nEnglish\n\nfb  twitter\n\nShare\n")
    assert_only_failure(good, "menu.txt", "no text left")


def test_binary_files_with_text_extensions(good: Path) -> None:
    (good / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert_only_failure(good, "image.txt", "binary file", "NUL")
    (good / "image.txt").unlink()
    (good / "blob.html").write_bytes(bytes(range(1, 32)) * 40)
    assert_only_failure(good, "blob.html", "binary file")


def test_file_over_the_size_limit(good: Path) -> None:
    (good / "huge.txt").write_text("x" * 5000)
    assert_only_failure(good, "huge.txt", "5000 bytes", "max_file_bytes", max_file_bytes=4096)


def test_a_fifo_is_reported_without_blocking(good: Path) -> None:
    os.mkfifo(good / "pipe.txt")
    assert_only_failure(good, "pipe.txt", "not a regular file", "FIFO")


def test_a_file_whose_read_fails(good: Path) -> None:
    # Reading /proc/self/mem at offset 0 fails with EIO, even for root.
    if not Path("/proc/self/mem").exists():
        pytest.skip("no /proc on this system")
    (good / "mem.txt").symlink_to("/proc/self/mem")
    assert_only_failure(good, "mem.txt", "cannot read the file", "Input/output error")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission(good: Path) -> None:
    (good / "secret.txt").write_text(PARAGRAPH)
    (good / "secret.txt").chmod(0)
    assert_only_failure(good, "secret.txt", "Permission denied")


def test_broken_and_self_looping_symlinks(good: Path) -> None:
    (good / "broken.md").symlink_to(good / "gone.md")
    assert_only_failure(good, "broken.md", "broken symlink", "gone.md")
    (good / "broken.md").unlink()
    (good / "loop.txt").symlink_to(good / "loop.txt")
    assert_only_failure(good, "loop.txt", "symlink loop")
    (good / "loop.txt").unlink()
    (good / "ignored.png").symlink_to(good / "gone.png")  # not a report type: silent
    assert load(good)[1] == {}


def test_a_symlink_back_to_a_parent_folder_is_not_followed(good: Path) -> None:
    (good / "sub").mkdir()
    (good / "sub" / "inner.txt").write_text(f"Inner report\n\n{PARAGRAPH}")
    (good / "sub" / "up").symlink_to(good, target_is_directory=True)
    docs, failures = load(good)
    assert sorted(docs) == ["good.txt", "sub/inner.txt"]
    assert list(failures) == [str(good / "sub" / "up")]
    assert "symlink loop" in failures[str(good / "sub" / "up")]


def test_a_second_symlink_to_a_folder_is_not_read_twice(good: Path) -> None:
    (good / "a").mkdir()
    (good / "a" / "inner.txt").write_text(f"Inner report\n\n{PARAGRAPH}")
    (good / "b-link").symlink_to(good / "a", target_is_directory=True)
    docs, failures = load(good)
    assert sorted(docs) == ["a/inner.txt", "good.txt"]
    assert "already read" in failures[str(good / "b-link")]


# --- encodings -------------------------------------------------------------------------

RUSSIAN = (
    "Общественная палата Российской Федерации провела вебинар о цифровой экономике.\n\n"
    "Секретарь палаты отметила, что сотрудничество между странами успешно развивается, "
    "а цифровые технологии создают новые возможности и новые риски для граждан."
)
FRENCH = (
    "Le Conseil économique, social et environnemental a adopté un avis sur la transition "
    "énergétique. « Nous devons protéger les travailleurs des régions concernées », a déclaré "
    "la présidente. Les délégués ont également évoqué la précarité énergétique des ménages."
)


@pytest.mark.parametrize(
    ("name", "text", "encoding", "language"),
    [
        ("russian.txt", RUSSIAN, "cp1251", "ru"),
        ("french.txt", FRENCH, "latin-1", "fr"),
        ("french.md", FRENCH, "utf-16", "fr"),
        ("bom.txt", FRENCH, "utf-8-sig", "fr"),
    ],
)
def test_legacy_encodings_load_silently(
    tmp_path: Path, name: str, text: str, encoding: str, language: str
) -> None:
    (tmp_path / name).write_bytes(text.encode(encoding))
    docs, failures = load(tmp_path)
    assert failures == {}
    assert docs[name].text == text
    assert docs[name].language == language


# --- PDF -------------------------------------------------------------------------------

PDF_PAGES = [
    "Annual review of the council\n\nThe plenary met on 3 May 2024 to adopt three opinions.",
    "Second page text: the opinion on care work was adopted unanimously.",
    "Third page text: the opinion on platform work was adopted with two abstentions.",
]


def test_pdf_pages_spans_and_running_header(tmp_path: Path) -> None:
    (tmp_path / "review.pdf").write_bytes(
        make_pdf(PDF_PAGES, title="Annual review 2024", header="COUNCIL REVIEW 2024")
    )
    docs, failures = load(tmp_path)
    assert failures == {}
    doc = docs["review.pdf"]
    assert doc.title == "Annual review 2024"
    assert doc.date == "2024-05-03"
    assert [page.number for page in doc.pages] == [1, 2, 3]
    page_texts = [doc.text[page.start : page.end] for page in doc.pages]
    assert page_texts == [
        "Annual review of the council\n\nThe plenary met on 3 May 2024 to adopt three opinions.",
        PDF_PAGES[1],
        PDF_PAGES[2],
    ]
    # The pages cover the whole text, in order, separated by one blank line.
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    assert "\n\n".join(page_texts) == doc.text
    assert "COUNCIL REVIEW" not in doc.text and "Page 2 of 3" not in doc.text
    assert doc.page_at(doc.text.index("platform work")) == 3


def test_pdf_title_from_the_first_line_without_metadata(tmp_path: Path) -> None:
    (tmp_path / "untitled.pdf").write_bytes(make_pdf(PDF_PAGES[:1]))
    docs, _ = load(tmp_path)
    assert docs["untitled.pdf"].title == "Annual review of the council"


def test_pdf_encrypted_with_a_password(good: Path) -> None:
    (good / "locked.pdf").write_bytes(encrypt(make_pdf(PDF_PAGES), "secret"))
    assert_only_failure(good, "locked.pdf", "encrypted PDF", "password")


def test_pdf_with_only_an_owner_password_opens(tmp_path: Path) -> None:
    (tmp_path / "owner.pdf").write_bytes(encrypt(make_pdf(PDF_PAGES), ""))
    docs, failures = load(tmp_path)
    assert failures == {} and "platform work" in docs["owner.pdf"].text


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a PDF at all, just some words",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog",
        "truncated",
    ],
)
def test_corrupt_pdfs(good: Path, content: bytes | str) -> None:
    whole = make_pdf(PDF_PAGES)
    data = whole[: len(whole) // 2] if content == "truncated" else content
    assert isinstance(data, bytes)
    (good / "broken.pdf").write_bytes(data)
    assert_only_failure(good, "broken.pdf", "PDF")


def test_random_bytes_named_pdf_are_not_a_pdf(good: Path) -> None:
    (good / "x.pdf").write_bytes(bytes(range(256)) * 8)
    reason = assert_only_failure(good, "x.pdf", "not a PDF")
    assert "%%" not in reason


def test_pdf_without_a_text_layer(good: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)  # a drawing, like a scanned page: no text to extract
    (good / "scan.pdf").write_bytes(bytes(pdf.output()))
    assert_only_failure(good, "scan.pdf", "no text layer")


# --- DOCX ------------------------------------------------------------------------------


def make_docx(path: Path, core_title: str | None) -> None:
    document = docx.Document()
    document.core_properties.title = core_title or ""
    document.add_paragraph("Internal draft")
    document.add_heading("Workshop on social dialogue", level=1)
    document.add_paragraph("Rome, 27 June 2024. " + PARAGRAPH)
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(
        table.rows, [("Time", "Speaker"), ("09:30", "Giulia Romano")], strict=True
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.save(str(path))


def test_docx_title_text_and_tables(tmp_path: Path) -> None:
    make_docx(tmp_path / "heading.docx", core_title=None)
    make_docx(tmp_path / "core.docx", core_title="Workshop report, Rome 2024")
    docs, failures = load(tmp_path)
    assert failures == {}
    assert docs["heading.docx"].title == "Workshop on social dialogue"
    assert docs["core.docx"].title == "Workshop report, Rome 2024"
    assert docs["heading.docx"].text == (
        "Internal draft\n\nWorkshop on social dialogue\n\nRome, 27 June 2024. "
        + PARAGRAPH
        + "\n\nTime | Speaker\n09:30 | Giulia Romano"
    )
    assert docs["heading.docx"].date == "2024-06-27"


def test_corrupt_docx(good: Path) -> None:
    (good / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    assert_only_failure(good, "broken.docx", "not a valid DOCX")


# --- HTML and Markdown -------------------------------------------------------------------


def test_html_metadata_and_text(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        '<html lang="fr"><head><title>Avis | CESE</title>'
        '<meta name="date" content="2023-06-01"></head><body><article>'
        "<h1>Avis sur la transition</h1><p>Le Conseil a adopté un avis sur la transition "
        "énergétique et les emplois dans les régions.</p></article></body></html>",
        encoding="utf-8",
    )
    docs, _ = load(tmp_path)
    doc = docs["page.html"]
    assert (doc.title, doc.date, doc.language, doc.url) == (
        "Avis sur la transition",
        "2023-06-01",
        "fr",
        None,
    )
    assert doc.text.startswith("Avis sur la transition\n\nLe Conseil a adopté")


def test_markdown_front_matter_gives_title_date_and_url(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text(
        "---\ntitle: Board note\ndate: 2024-02-01\nurl: https://example.org/note\n---\n\n"
        f"# Heading\n\n{PARAGRAPH}\n"
    )
    doc = load(tmp_path)[0]["note.md"]
    assert (doc.title, doc.date, doc.url) == (
        "Board note",
        "2024-02-01",
        "https://example.org/note",
    )


def test_no_date_is_invented(tmp_path: Path) -> None:
    (tmp_path / "undated.txt").write_text(f"Undated note\n\nOn April 1, {PARAGRAPH}")
    assert load(tmp_path)[0]["undated.txt"].date is None


# --- JSONL -------------------------------------------------------------------------------


def test_jsonl_loads_good_lines_and_reports_bad_ones(good: Path) -> None:
    lines = [
        json.dumps(
            {
                "_id": "n1",
                "title": "  New member  joins ",
                "text": PARAGRAPH,
                "url": "https://example.org/n1",
                "date": "2024-01-29T09:00:00Z",
                "language": "en",
                "metadata": {"category": "members"},
            }
        ),
        "",
        '{"_id": "n2", "text": "broken',
        json.dumps({"title": "No id", "text": PARAGRAPH}),
        json.dumps({"_id": "n4", "title": "No text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"_id": 5, "text": "On 2 May 2024 the Board met. " + PARAGRAPH}),
        json.dumps({"_id": "n1", "text": "The same id again."}),
    ]
    (good / "news.jsonl").write_text("\n".join(lines) + "\n")
    docs, failures = load(good)
    assert sorted(docs) == ["5", "good.txt", "n1"]
    first = docs["n1"]
    assert (first.title, first.url, first.date, first.language) == (
        "New member joins",
        "https://example.org/n1",
        "2024-01-29",
        "en",
    )
    assert first.source == str(good / "news.jsonl")
    assert dict(first.metadata) == {"category": "members"}
    assert docs["5"].date == "2024-05-02" and docs["5"].title == "On 2 May 2024 the Board met."
    where = f"{good / 'news.jsonl'}:"
    assert {path.removeprefix(where): reason for path, reason in failures.items()} == {
        "3": "line 3: not valid JSON: Unterminated string starting at (column 23)",
        "4": "line 4: no '_id' (every line needs a non-empty '_id' and 'text')",
        "5": "line 5: document 'n4' has no 'text'",
        "6": "line 6: a JSON list, not an object with '_id' and 'text'",
        "8": failures[f"{where}8"],
    }
    assert re.match(r"duplicate document id 'n1': also in .*news\.jsonl:1;", failures[f"{where}8"])


# --- the real scraped report -------------------------------------------------------------


def test_seed_report_loads_with_a_human_title(tmp_path: Path) -> None:
    path = SEED / "000_c747f71a7a95dcaf.txt"
    if not path.exists():
        pytest.skip(f"seed report not found at {path}")
    docs, failures = load(path)
    assert failures == {}
    doc = docs["000_c747f71a7a95dcaf.txt"]
    assert doc.title == "Russia and China: Hand in hand on the path to a digital future"
    assert doc.language == "en" and doc.date is None
    assert "SeminEconomic" not in doc.text and "Select your language" not in doc.text
    assert not re.search(r"Semin[A-Z]", doc.text)


def test_a_sentence_that_runs_on_to_the_next_page_is_joined() -> None:
    from index.load import _join_pages

    text, pages = _join_pages(
        ["Estimates of useful lives of turbines,", "solar modules are reviewed.", "",
         "Net income | 166.3 | 157.7", "and the next page.", "A new page."]
    )  # fmt: skip
    # one sentence over two pages; a page left blank has no span; a table row and a
    # full stop end what they end
    assert text == (
        "Estimates of useful lives of turbines, solar modules are reviewed.\n\n"
        "Net income | 166.3 | 157.7\n\nand the next page.\n\nA new page."
    )
    assert [p.number for p in pages] == [1, 2, 4, 5, 6]
    assert text[pages[1].start : pages[1].end] == "solar modules are reviewed."
