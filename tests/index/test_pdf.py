"""PDFs as real reports are: our sample annual reports (tools/make_sample_pdfs.py),
made small at test time; extraction in the worker, tables, columns, titles, dates."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from assistant.retrieve import search
from index.build import build_index
from index.config import BuildConfig
from index.embed import Embedder, FakeEmbedder
from index.errors import LoadError
from index.layout import IndexDir
from index.load import load_sources
from index.models import Document, Failure
from index.naming import (
    ReportNames,
    explain,
    filing_title,
    find_period,
    name_text,
    question_years,
    readable_file_name,
    reads_as_title,
)
from index.pdf import PdfWorker
from index.snapshot import Snapshot

REPO = Path(__file__).resolve().parents[2]


def _samples() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_sample_pdfs", REPO / "tools" / "make_sample_pdfs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


samples = _samples()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """Four short annual reports: two companies, two fiscal years each."""
    folder = tmp_path_factory.mktemp("annual")
    made = {}
    for company in samples.COMPANIES[:2]:
        for year in (2021, 2022):
            report = samples.make_report(company, year, folder, pages=12)
            made[report.file] = (company, year, report)
    return folder, made


def load(folder: Path, **config: float) -> tuple[dict[str, Document], dict[str, str]]:
    docs: dict[str, Document] = {}
    failures: dict[str, str] = {}
    for item in load_sources([folder], BuildConfig.model_validate(config)):
        if isinstance(item, Failure):
            failures[item.path] = item.reason
        else:
            docs[item.id] = item
    return docs, failures


def test_sample_report_text_pages_tables_columns(reports: tuple[Path, dict]) -> None:
    folder, made = reports
    docs, failures = load(folder)
    assert failures == {}
    doc = docs["NORTHWIND_2022_ANNUAL.pdf"]
    _, _, report = made["NORTHWIND_2022_ANNUAL.pdf"]
    figures = samples.figures(samples.COMPANIES[0], 2022)
    # A table drawn column by column still reads row by row, each row on one line.
    row = f"Purchases of property and equipment | ({figures.capex:,.1f}) |"
    line = next(line for line in doc.text.split("\n") if line.startswith(row))
    assert line.count("|") == 3
    assert doc.page_at(doc.text.index(row)) == report.gold["capex"][1]
    assert doc.page_at(doc.text.index("Capital expenditures were")) == report.gold["capex"][0]
    # Two columns: the whole left column, then the right one.
    assert doc.text.index("Dear shareholders") < doc.text.index("Thank you for your trust")
    letter = doc.text[doc.text.index("Dear shareholders") : doc.text.index("Thank you")]
    assert "Dear shareholders" in letter and "\n\n" in letter
    # Running header and page numbers are gone; pages cover the text exactly.
    assert "| Annual Report 2022" not in doc.text and "\nPage 3\n" not in doc.text
    # Pages cover the text exactly, joined by a blank line, or by a space where a
    # sentence runs on to the next page (it is one sentence, not two paragraphs).
    joints = [doc.text[a.end : b.start] for a, b in zip(doc.pages, doc.pages[1:], strict=False)]
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    assert set(joints) == {"\n\n", " "}
    assert "intermodal\n\nbusiness" not in doc.text
    assert "intermodal business. The truckload segment reported" in doc.text
    # The scanned signature page has no text layer and is reported as such.
    assert doc.metadata["pages_without_text"] == [report.pages]
    assert report.pages not in [p.number for p in doc.pages]


def test_titles_and_dates_name_the_report(reports: tuple[Path, dict]) -> None:
    folder, _ = reports
    docs, _ = load(folder)
    # An accession number as metadata title: the cover's heading names the report.
    freight = docs["NORTHWIND_2021_ANNUAL.pdf"]
    assert freight.title == "NORTHWIND FREIGHT, INC."
    assert freight.metadata["title_source"] == "first heading of page 1"
    # The fiscal year end in capitals on the cover, not the market-value date after it.
    assert freight.date == "2021-12-31"
    assert freight.metadata["date_source"] == "period end stated in the text"
    assert freight.metadata["period"] == "fiscal year 2021 (ended 2021-12-31)"
    # "Microsoft Word - ….docx": not a title either; a June year end.
    foods = docs["HALDEN_2022_ANNUAL.pdf"]
    assert foods.title == "HALDEN FOODS CORPORATION" and foods.date == "2022-06-30"
    named = explain(foods.id, foods.title, foods.date, foods.metadata)
    assert named is not None and named["title_source"] == "first heading of page 1"
    assert named["date_source"] == "period end stated in the text"
    assert named["pages_without_text"] == foods.metadata["pages_without_text"]


def test_build_report_says_where_titles_and_dates_came_from(
    reports: tuple[Path, dict], tmp_path: Path
) -> None:
    folder, made = reports
    config = BuildConfig(sources=[folder], index_dir=tmp_path / "index")
    report = build_index(config, embedder=FakeEmbedder()).to_dict()
    named = {entry["id"]: entry for entry in report["naming"]}
    assert set(named) == set(made)
    assert named["NORTHWIND_2021_ANNUAL.pdf"] == {
        "id": "NORTHWIND_2021_ANNUAL.pdf",
        "title": "NORTHWIND FREIGHT, INC.",
        "title_source": "first heading of page 1",
        "date": "2021-12-31",
        "date_source": "period end stated in the text",
        "period": "fiscal year 2021 (ended 2021-12-31)",
        "pages_without_text": [made["NORTHWIND_2021_ANNUAL.pdf"][2].pages],
    }


def test_good_metadata_title_is_kept_and_file_name_is_the_last_resort(tmp_path: Path) -> None:
    meridian = samples.COMPANIES[3]
    samples.make_report(meridian, 2023, tmp_path, pages=6)
    docs, _ = load(tmp_path)
    doc = docs["MERIDIAN_2023_ANNUAL.pdf"]
    assert doc.title == "Meridian Health Systems Annual Report 2023"
    assert doc.metadata["title_source"] == "PDF metadata"


def test_worker_timeout_is_a_failure_and_the_next_file_loads(
    reports: tuple[Path, dict], tmp_path: Path
) -> None:
    folder, _ = reports
    with PdfWorker(timeout_s=0.001) as worker:
        with pytest.raises(LoadError, match=r"longer than 0\.001 s"):
            worker.extract(folder / "NORTHWIND_2021_ANNUAL.pdf")
        worker.timeout_s = 60
        assert len(worker.extract(folder / "NORTHWIND_2021_ANNUAL.pdf").pages) > 10
    docs, failures = load(folder, pdf_timeout_s=0.001)
    assert docs == {} and len(failures) == 4
    assert all("pdf_timeout_s" in reason for reason in failures.values())


def test_worker_reports_a_crash_and_restarts(
    reports: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = reports
    with PdfWorker(timeout_s=60) as worker:
        start = worker._start

        def dying_child() -> subprocess.Popen[bytes]:
            # As a reader that segfaults on the file: the child dies mid-request.
            worker._child = subprocess.Popen(
                [sys.executable, "-c", "import sys; sys.stdin.readline(); sys.exit(3)"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
            return worker._child

        monkeypatch.setattr(worker, "_start", dying_child)
        with pytest.raises(LoadError, match=r"crashed on this file \(exit code 3\)"):
            worker.extract(folder / "HALDEN_2021_ANNUAL.pdf")
        monkeypatch.setattr(worker, "_start", start)
        assert worker.extract(folder / "HALDEN_2021_ANNUAL.pdf").pages


@pytest.mark.slow
def test_question_that_names_a_report_ranks_it_first(
    reports: tuple[Path, dict], tmp_path: Path, real_embedder: Embedder
) -> None:
    """Four reports that say the same things of two companies and two years: only the
    names in the question tell them apart."""
    folder, made = reports
    config = BuildConfig(sources=[folder], index_dir=tmp_path / "index")
    embedder = real_embedder
    build_index(config, embedder=embedder)
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    snapshot = Snapshot.open(path)
    try:
        for file, (company, year, _) in made.items():
            for question in (
                f"What were {company.short}'s capital expenditures in fiscal {year}?",
                f"How many full-time employees did {company.short} have at the end of FY{year}?",
            ):
                vector = embedder.embed_query(question)
                passages = search(snapshot, vector, question, 10)
                assert passages[0].document_id == file, question
    finally:
        snapshot.close()


# --- naming, pure functions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0001018724-18-000005", False),
        ("Microsoft Word - draft3.docx", False),
        ("draft3", False),
        ("untitled", False),
        ("", False),
        ("nwf_10k_final_v3", False),
        ("The Hague, 23 September 2024", False),
        ("Annual review 2024", True),
        ("FORM 10-K", True),
        ("Seminar on a just transition", True),
    ],
)
def test_reads_as_title(value: str, expected: bool) -> None:
    assert reads_as_title(value) is expected


def test_readable_file_name() -> None:
    assert readable_file_name("AMAZON_2017_10K") == "Amazon 2017 10-K"
    assert readable_file_name("just-transition-seminar") == "Just transition seminar"
    assert readable_file_name("IMF_board_minutes") == "IMF board minutes"
    assert readable_file_name("0001018724-18-000005") is None


def test_find_period() -> None:
    assert find_period("FORM 10-K For the fiscal year ended JUNE 30, 2023") == (
        "fiscal year",
        "2023-06-30",
    )
    assert find_period("For the quarterly period ended April 1, 2023") == ("quarter", "2023-04-01")
    assert find_period("for the year ended 31 December 2022, revenue") == (
        "fiscal year",
        "2022-12-31",
    )
    assert find_period("The plenary met on 3 May 2024.") is None


def test_question_years() -> None:
    assert question_years("capex in FY2023 vs FY22 and fiscal 2021?") == {"2023", "2022", "2021"}
    assert question_years("What was said in 1995?") == {"1995"}


def test_report_names_weigh_company_and_year() -> None:
    names = ReportNames(
        {
            f"{company}-{year}": name_text(
                f"{company} Annual Report",
                f"{year}-12-31",
                f"{company.upper()}_{year}_10K.pdf",
                {
                    "title_source": "PDF metadata",
                    "period": f"fiscal year {year} (ended {year}-12-31)",
                },
            )
            for company in ("Northwind Freight", "Halden Foods", "Corvo Energy")
            for year in (2021, 2022, 2023)
        }
    )
    scores = names.scores("What were Halden Foods' capital expenditures in FY2022?")
    best = max(scores, key=lambda k: scores[k])
    assert best == "Halden Foods-2022" and scores[best] == pytest.approx(1.0)
    assert scores["Halden Foods-2021"] < 1.0 and scores["Corvo Energy-2022"] < 1.0
    assert names.scores("What about digital risks?") == {}


def test_filing_title_from_the_cover() -> None:
    cover = (
        "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\n\n"
        "FORM 10-K\n\n(Mark One)\nANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)\n"
        "For the fiscal year ended December 31, 2017\nor\nCommission File No. 000-22513\n\n"
        "AMAZON.COM, INC.\n(Exact name of registrant as specified in its charter)\n"
        "Delaware | 91-1646860"
    )
    assert filing_title(cover) == "AMAZON.COM, INC. Form 10-K, fiscal year 2017"
    quarterly = (
        "FORM 10-Q\nFor the quarterly period ended April 1, 2023\n"
        "Acme Widgets Corp. | (Exact name of registrant as specified in its charter)"
    )
    assert filing_title(quarterly) == "Acme Widgets Corp. Form 10-Q, quarter ended 2023-04-01"
    assert filing_title("Minutes of the board meeting of 3 May 2024") is None


def test_name_text_uses_the_file_name_of_a_file_not_of_a_jsonl_corpus() -> None:
    pdf = name_text("FORM 10-K", "2017-12-31", "filings/AMAZON_2017_10K.pdf", {"title_source": "x"})
    assert "Amazon 2017 10-K" in pdf and "December 2017" in pdf
    record = name_text("Arthur's Magazine", None, "data/corpus.jsonl", {})
    assert record == "Arthur's Magazine"
