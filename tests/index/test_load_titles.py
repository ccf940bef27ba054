"""A title the generating tool wrote is no title: the report is named from its text.

Issue 25, item 6: a PDF made with enscript was titled "Enscript Output" from its
metadata. PDFs made with fpdf2 and Word files made with python-docx, as the tools write
them.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from index.naming import is_file_name, metadata_title, reads_as_title
from tests.index.test_load import PARAGRAPH, load, make_pdf

FIRST_LINE = "Budget talks of two councils"
PAGE = FIRST_LINE + "\n\nThe plenary met on 3 May 2024 to compare their budget opinions."

GENERATOR_DEFAULTS = [
    "Enscript Output",
    "Microsoft Word - budget talks.docx",
    "Microsoft PowerPoint - deck.pptx",
    "Untitled",
    "Untitled document",
    "Document1",
    "Document 2",
    "Presentation1",
    "Slide 1",
    "(anonymous)",
    "PowerPoint Presentation",
]


@pytest.mark.parametrize("title", GENERATOR_DEFAULTS)
def test_a_generator_default_is_no_title(title: str) -> None:
    assert metadata_title(title, "0042") is None


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("budget-talks-2024", "budget-talks-2024"),
        ("Budget talks 2024", "budget_talks_2024"),
        ("budget talks 2024.pdf", "budget talks 2024"),
    ],
)
def test_the_file_name_is_no_title(title: str, stem: str) -> None:
    assert is_file_name(title.removesuffix(".pdf"), stem)
    assert metadata_title(title, stem) is None


@pytest.mark.parametrize(
    "title",
    ["Annual review 2024", "Document management in councils", "Slides of the 2024 assembly"],
)
def test_an_authors_title_is_kept(title: str) -> None:
    assert metadata_title(f"  {title} ", "0042") == title


@pytest.mark.parametrize(
    "title", ["Enscript Output", "Untitled document", "(anonymous)", "Microsoft Word - x.docx"]
)
def test_pdf_with_a_generator_title_is_named_from_its_text(tmp_path: Path, title: str) -> None:
    (tmp_path / "0042.pdf").write_bytes(make_pdf([PAGE], title=title))
    docs, failures = load(tmp_path)
    assert failures == {}
    assert docs["0042.pdf"].title == FIRST_LINE


def test_pdf_titled_with_its_file_name_is_named_from_its_text(tmp_path: Path) -> None:
    (tmp_path / "minutes-7.pdf").write_bytes(make_pdf([PAGE], title="minutes-7"))
    docs, _ = load(tmp_path)
    assert docs["minutes-7.pdf"].title == FIRST_LINE


def test_pdf_with_an_authors_title_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "0042.pdf").write_bytes(make_pdf([PAGE], title="Budget talks, May 2024"))
    docs, _ = load(tmp_path)
    assert docs["0042.pdf"].title == "Budget talks, May 2024"


def _docx(path: Path, core_title: str) -> None:
    document = docx.Document()
    document.core_properties.title = core_title
    document.add_heading("Workshop on social dialogue", level=1)
    document.add_paragraph("Rome, 27 June 2024. " + PARAGRAPH)
    document.save(str(path))


@pytest.mark.parametrize(
    ("name", "core_title"),
    [
        ("notes.docx", "Microsoft Word - notes.docx"),
        ("notes.docx", "Document1"),
        ("notes.docx", "Untitled document"),
        ("workshop-notes.docx", "workshop notes"),
    ],
)
def test_docx_with_a_generator_title_is_named_from_its_heading(
    tmp_path: Path, name: str, core_title: str
) -> None:
    _docx(tmp_path / name, core_title)
    docs, failures = load(tmp_path)
    assert failures == {}
    assert docs[name].title == "Workshop on social dialogue"


def test_docx_with_an_authors_title_keeps_it(tmp_path: Path) -> None:
    _docx(tmp_path / "notes.docx", "Social dialogue workshop, Rome 2024")
    docs, _ = load(tmp_path)
    assert docs["notes.docx"].title == "Social dialogue workshop, Rome 2024"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("reports/2024/review", False),
        ("/srv/reports/review", False),
        ("C:\\docs\\review", False),
        ("notes/review.pdf", False),
        ("Skills and/or jobs", True),
        ("Q3/Q4 results review", True),
        ("Opinion 2024/25 on care work", True),
    ],
)
def test_a_path_is_no_title_but_a_slash_may_be(value: str, expected: bool) -> None:
    # DOCX titles go through the same rule as PDF ones now: one written with a slash
    # ("2024/25") keeps it; only a path is refused.
    assert reads_as_title(value) is expected
    assert (metadata_title(value, "notes") == value) is expected


def test_html_exported_untitled_is_named_from_its_text(tmp_path: Path) -> None:
    # a word processor's HTML export: no h1, the default <title>
    page = (
        "<html><head><title>Untitled document</title></head><body>"
        f"<p><b>{FIRST_LINE}</b></p><p>The plenary met on 3 May 2024 to compare their "
        "budget opinions.</p></body></html>"
    )
    (tmp_path / "export.html").write_text(page)
    (tmp_path / "titled.html").write_text(page.replace("Untitled document", "Budget talks"))
    docs, failures = load(tmp_path)
    assert failures == {}
    assert docs["export.html"].title == FIRST_LINE
    assert docs["titled.html"].title == "Budget talks"
