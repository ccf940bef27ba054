"""Generate long sample PDFs of our own: annual reports of fictional companies.

    .venv/bin/python tools/make_sample_pdfs.py --out var/sample-pdfs [--pages 110]

Writes one annual report per company and fiscal year (5 companies × 4 years = 20
files, ~110 pages each by default) and ``questions.jsonl``: questions that name a
company and a fiscal year, each with the file that answers it and the pages that
hold the answer. Every report has what real filings have: a running header and
page numbers, a cover that states the fiscal year end in capitals, a
two-column letter, financial tables (one drawn column by column, as some producers
do), a scanned signature page with no text layer, and metadata written by the
exporting tool (an accession number, "Microsoft Word - ….docx", nothing, or a good
title). Companies, people and figures are invented; the text is generated from
templates with a fixed seed, so the files are the same at every run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw

FIXED_TIME = dt.datetime(2024, 9, 30, 12, 0, tzinfo=dt.UTC)
YEARS = (2020, 2021, 2022, 2023)
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip


@dataclass(frozen=True)
class Company:
    name: str  # as the cover writes it
    short: str  # as a question names it
    file: str  # file name prefix
    fy_end: tuple[int, int]  # (month, day) the fiscal year ends
    industry: str
    segments: tuple[str, ...]
    products: tuple[str, ...]
    regions: tuple[str, ...]
    assets: str  # what capital expenditures buy
    revenue: float  # fiscal 2020 revenue, $ million
    metadata_title: str  # what the exporting tool wrote ("" = nothing)


COMPANIES = (
    Company(
        "NORTHWIND FREIGHT, INC.", "Northwind Freight", "NORTHWIND", (12, 31), "freight",
        ("truckload", "intermodal", "warehousing"), ("refrigerated trailers", "rail containers",
        "cross-dock services"), ("the Midwest", "the Gulf Coast", "the Pacific Northwest"),
        "tractors, trailers and new terminals", 2140.0, "0001493152-{yy}-004417",
    ),
    Company(
        "HALDEN FOODS CORPORATION", "Halden Foods", "HALDEN", (6, 30), "packaged food",
        ("dairy", "bakery", "frozen meals"), ("yogurt", "sandwich bread", "ready meals"),
        ("Scandinavia", "Germany", "the Baltic states"),
        "production lines and cold storage", 1385.0, "Microsoft Word - halden_ar_fy{yy}_final.docx",
    ),
    Company(
        "CORVO ENERGY HOLDINGS", "Corvo Energy", "CORVO", (9, 30), "renewable power",
        ("wind", "solar", "grid storage"), ("onshore wind farms", "solar parks",
        "battery systems"), ("Portugal", "Spain", "Morocco"),
        "turbines, solar modules and grid connections", 960.0, "",
    ),
    Company(
        "MERIDIAN HEALTH SYSTEMS", "Meridian Health", "MERIDIAN", (12, 31), "hospital",
        ("acute care", "outpatient clinics", "diagnostics"), ("surgical services",
        "imaging centres", "laboratory tests"), ("Ohio", "Kentucky", "Indiana"),
        "hospital beds, imaging equipment and clinic buildings", 3310.0,
        "Meridian Health Systems Annual Report {year}",
    ),
    Company(
        "TALON SOFTWARE GROUP", "Talon Software", "TALON", (3, 31), "software",
        ("cloud subscriptions", "licences", "professional services"), ("payroll software",
        "tax filing tools", "analytics dashboards"), ("North America", "the United Kingdom",
        "Australia"), "data centre servers and office fit-outs", 610.0, "untitled",
    ),
)  # fmt: skip


def fy_end(company: Company, year: int) -> dt.date:
    return dt.date(year, *company.fy_end)


def long_date(date: dt.date) -> str:
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


@dataclass(frozen=True)
class Figures:
    revenue: float
    capex: float
    employees: int
    dividend: float


def figures(company: Company, year: int) -> Figures:
    rng = random.Random(f"{company.file}-{year}")
    growth = (1 + rng.uniform(0.03, 0.14)) ** (year - YEARS[0])
    revenue = round(company.revenue * growth * rng.uniform(0.97, 1.03), 1)
    return Figures(
        revenue=revenue,
        capex=round(revenue * rng.uniform(0.06, 0.13), 1),
        employees=int(revenue * rng.uniform(2.1, 4.2)) * 10 + rng.randint(0, 9),
        dividend=round(rng.uniform(0.4, 2.4), 2),
    )


# --- prose ----------------------------------------------------------------------

SENTENCES = (
    "Demand for {product} in {region} {moved} during the year, and we adjusted capacity.",
    "Our {segment} segment depends on a small number of suppliers for {product}.",
    "A prolonged disruption at any of our facilities in {region} could reduce our revenue.",
    "We compete with regional and national providers of {product} on price, quality and service.",
    "Changes in interest rates could increase the cost of financing our investments in {assets}.",
    "We may not be able to recruit and keep the skilled staff that our {segment} business needs.",
    "Regulators in {region} continue to review rules that apply to the {industry} industry.",
    "Cyber attacks on our systems could interrupt operations and expose customer information.",
    "Inflation in wages and materials raised our costs in the {segment} segment.",
    "Management reviews the performance of each segment monthly against its budget.",
    "The {segment} segment reported higher volumes, partly offset by lower prices in {region}.",
    "We expect to continue investing in {assets} to support growth in {region}.",
    "Customers in {region} increasingly ask for {product} with a lower carbon footprint.",
    "Our contracts with large customers usually run for three to five years.",
    "Weather and seasonal patterns affect the timing of revenue in the {segment} segment.",
    "We hedge part of our exposure to foreign currencies with forward contracts.",
    "The integration of acquired businesses may take longer or cost more than we expect.",
    "Our ability to pay dividends depends on the cash generated by our subsidiaries.",
    "Litigation arising in the ordinary course of business is not expected to be material.",
    "We lease most of our offices and some of our facilities in {region}.",
    "Goodwill is tested for impairment at least once a year at the reporting unit level.",
    "Revenue from {product} is recognised when control passes to the customer.",
    "Estimates of useful lives of {assets} are reviewed at the end of each reporting period.",
    "Deferred tax assets are recognised to the extent that future taxable profit is probable.",
    "Energy prices in {region} were volatile and affected the margins of the {segment} business.",
    "New product launches in {product} contributed to growth in the second half of the year.",
)  # fmt: skip
MOVED = ("rose", "fell slightly", "recovered", "remained stable", "grew steadily")


class Writer:
    """Prose for one company: sentences from the templates, in a seeded order."""

    def __init__(self, company: Company, year: int) -> None:
        self.company = company
        self.rng = random.Random(f"prose-{company.file}-{year}")

    def paragraph(self) -> str:
        c, rng = self.company, self.rng
        return " ".join(
            rng.choice(SENTENCES).format(
                product=rng.choice(c.products),
                region=rng.choice(c.regions),
                segment=rng.choice(c.segments),
                assets=c.assets,
                industry=c.industry,
                moved=rng.choice(MOVED),
            )
            for _ in range(rng.randint(4, 7))
        )


# --- the PDF ----------------------------------------------------------------------


# Real filings embed subset fonts (Type 0 / CID with a ToUnicode map), which is where
# a pure-Python reader spends its time; the core Helvetica is the fallback.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class AnnualReport(FPDF):
    running_header = ""
    scanned = False  # the page being written is a scan: no header, no page number

    def __init__(self) -> None:
        super().__init__(format="letter")
        self.font = "Helvetica"
        if (FONT_DIR / "DejaVuSans.ttf").is_file():
            self.add_font("Sans", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("Sans", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.font = "Sans"

    def header(self) -> None:
        if self.page_no() > 1 and not self.scanned:
            self.set_font(self.font, size=8)
            self.cell(0, 6, self.running_header, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    def footer(self) -> None:
        if not self.scanned:
            self.set_y(-15)
            self.set_font(self.font, size=8)
            self.cell(0, 10, f"Page {self.page_no()}", align="C")


def _scan_image() -> bytes:
    """A grey page with dark strokes: a scanned signature page, no text layer."""
    image = Image.new("L", (420, 560), 235)
    draw = ImageDraw.Draw(image)
    rng = random.Random("scan")
    for row in range(40, 520, 22):
        x = 40
        while x < 380:
            width = rng.randint(10, 45)
            draw.rectangle((x, row, x + width, row + 7), fill=rng.randint(60, 120))
            x += width + rng.randint(6, 14)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


SCAN = _scan_image()


@dataclass
class Report:
    file: str
    pages: int
    gold: dict[str, list[int]]  # fact → pages that state it


def make_report(company: Company, year: int, out: Path, pages: int = 110) -> Report:
    """One annual report of about ``pages`` pages; returns where its facts are."""
    end = fy_end(company, year)
    f = figures(company, year)
    prev = figures(company, year - 1)
    writer = Writer(company, year)
    pdf = AnnualReport()
    pdf.set_creation_date(FIXED_TIME)
    title = company.metadata_title.format(yy=str(year)[2:], year=year)
    if title:
        pdf.set_title(title)
    pdf.set_creator("Sample generator")
    pdf.set_auto_page_break(True, margin=20)
    pdf.running_header = f"{company.name.title()} | Annual Report {year}"
    gold: dict[str, list[int]] = {}

    def heading(text: str, size: int = 14) -> None:
        pdf.set_font(pdf.font, "B", size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    def para(text: str) -> None:
        pdf.set_font(pdf.font, size=10)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    def fill(until: int) -> None:
        while pdf.page_no() < until:
            para(writer.paragraph())

    # Cover: the company in large type, the period in capitals, a date that is not it.
    pdf.add_page()
    pdf.set_font(pdf.font, "B", 24)
    pdf.ln(30)
    pdf.cell(0, 14, company.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.font, "B", 14)
    pdf.cell(0, 10, "ANNUAL REPORT", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.font, size=11)
    pdf.ln(6)
    pdf.cell(
        0, 7, f"For the fiscal year ended {long_date(end).upper()}", align="C",
        new_x="LMARGIN", new_y="NEXT",
    )  # fmt: skip
    midyear = end - dt.timedelta(days=182)
    para(
        f"The aggregate market value of the voting stock held by non-affiliates as of "
        f"{long_date(midyear)} was approximately ${f.revenue * 1.7:,.0f} million."
    )

    # A letter in two columns.
    pdf.add_page()
    heading("Letter to shareholders")
    top = pdf.get_y()
    pdf.set_font(pdf.font, size=10)
    left = (
        f"Dear shareholders, fiscal {year} was a year of steady progress for {company.short}. "
        + writer.paragraph()
    )
    right = writer.paragraph() + f" Thank you for your trust in {company.short}."
    pdf.set_xy(pdf.l_margin, top)
    pdf.multi_cell(90, 5, left)
    pdf.set_xy(pdf.l_margin + 100, top)
    pdf.multi_cell(90, 5, right)
    gold["letter"] = [pdf.page_no()]

    scale = pages / 110
    sections = [
        ("Part I. Item 1. Business", 14),
        ("Item 1A. Risk factors", 24),
        ("Item 2. Properties", 4),
        ("Item 3. Legal proceedings", 2),
    ]
    for name, n in sections:
        pdf.add_page()
        heading(name)
        fill(pdf.page_no() + max(1, round(n * scale)))

    # Results of operations: revenue, stated on the first lines of a page.
    pdf.add_page()
    heading("Item 7. Management's discussion and analysis: results of operations")
    change = (f.revenue / prev.revenue - 1) * 100
    para(
        f"Total revenue for fiscal {year} was ${f.revenue:,.1f} million, "
        f"{'an increase' if change >= 0 else 'a decrease'} of {abs(change):.1f}% from "
        f"${prev.revenue:,.1f} million in fiscal {year - 1}."
    )
    gold["revenue"] = [pdf.page_no()]
    fill(pdf.page_no() + max(1, round(6 * scale)))

    # Liquidity: capital expenditures.
    pdf.add_page()
    heading("Liquidity and capital resources")
    para(
        f"Capital expenditures were ${f.capex:,.1f} million in fiscal {year}, compared with "
        f"${prev.capex:,.1f} million in fiscal {year - 1}, mainly for {company.assets}."
    )
    gold["capex"] = [pdf.page_no()]
    fill(pdf.page_no() + max(1, round(5 * scale)))

    # Financial statements: operations row by row; cash flows column by column.
    pdf.add_page()
    heading("Item 8. Financial statements")
    years = [year, year - 1, year - 2]
    figs = [figures(company, y) for y in years]
    heading("Consolidated statements of operations (in millions)", 11)
    rows = [
        ["", *(f"Fiscal {y}" for y in years)],
        ["Total revenue", *(f"{x.revenue:,.1f}" for x in figs)],
        ["Cost of revenue", *(f"{x.revenue * 0.62:,.1f}" for x in figs)],
        ["Operating income", *(f"{x.revenue * 0.11:,.1f}" for x in figs)],
        ["Net income", *(f"{x.revenue * 0.07:,.1f}" for x in figs)],
    ]
    _table(pdf, rows, by_column=False)
    heading("Consolidated statements of cash flows (in millions)", 11)
    rows = [
        ["", *(f"Fiscal {y}" for y in years)],
        ["Net cash provided by operating activities", *(f"{x.revenue * 0.15:,.1f}" for x in figs)],
        ["Purchases of property and equipment", *(f"({x.capex:,.1f})" for x in figs)],
        ["Dividends paid", *(f"({x.dividend * 40:,.1f})" for x in figs)],
    ]
    _table(pdf, rows, by_column=True)
    gold["capex"].append(pdf.page_no())
    gold["statements"] = [pdf.page_no()]
    fill(pdf.page_no() + max(1, round(3 * scale)))

    # Human capital: employees at the end of the fiscal year.
    pdf.add_page()
    heading("Human capital")
    para(
        f"As of {long_date(end)}, {company.short} had {f.employees:,} full-time employees, "
        f"compared with {prev.employees:,} a year earlier."
    )
    gold["employees"] = [pdf.page_no()]
    fill(pdf.page_no() + max(1, round(3 * scale)))

    pdf.add_page()
    heading("Notes to the consolidated financial statements")
    fill(pdf.page_no() + max(1, round(40 * scale)))

    # Signatures: a scanned page, no text layer.
    pdf.scanned = True
    pdf.add_page()
    pdf.image(io.BytesIO(SCAN), x=20, y=30, w=170)
    gold["scan"] = [pdf.page_no()]

    name = f"{company.file}_{year}_ANNUAL.pdf"
    pdf.output(str(out / name))
    return Report(name, pdf.page_no(), gold)


def _table(pdf: AnnualReport, rows: list[list[str]], *, by_column: bool) -> None:
    """Label left, figures right-aligned in fixed columns; drawn row by row or column by
    column (the order some producers write, which naive extraction reads as one number
    per line)."""
    pdf.set_font(pdf.font, size=9)
    top = pdf.get_y()
    widths = [85, 30, 30, 30]
    cells = [(r, c) for c in range(4) for r in range(len(rows))] if by_column else [
        (r, c) for r in range(len(rows)) for c in range(4)
    ]  # fmt: skip
    for r, c in cells:
        pdf.set_xy(pdf.l_margin + sum(widths[:c]), top + r * 6)
        pdf.cell(widths[c], 6, rows[r][c], align="L" if c == 0 else "R")
    pdf.set_xy(pdf.l_margin, top + len(rows) * 6 + 4)


def questions(company: Company, year: int, report: Report) -> list[dict[str, object]]:
    rng = random.Random(f"q-{company.file}-{year}")
    fy = rng.choice([f"fiscal {year}", f"fiscal year {year}", f"FY{year}", f"FY {year}"])
    asked = {
        "capex": rng.choice([
            f"What were {company.short}'s capital expenditures in {fy}?",
            f"How much did {company.short} spend on capital expenditures in {fy}?",
        ]),
        "revenue": rng.choice([
            f"What was {company.short}'s total revenue for {fy}?",
            f"How much revenue did {company.short} report in {fy}?",
        ]),
        "employees": f"How many full-time employees did {company.short} have at the end of {fy}?",
    }  # fmt: skip
    # Held out: asked of the tables only, never used to choose a weight.
    held_out = rng.choice([
        f"What was {company.short}'s net income in {fy}?",
        f"What operating income did {company.short} report for {fy}?",
        f"How much cash did {company.short} generate from operating activities in {fy}?",
    ])  # fmt: skip
    # The figure each question asks for, as the report writes it (eval/filings.py looks
    # for it in the answer).
    f = figures(company, year)
    share = 0.07 if "net income" in held_out else 0.11 if "operating income" in held_out else 0.15
    answers = {
        "capex": f"{f.capex:,.1f}",
        "revenue": f"{f.revenue:,.1f}",
        "employees": f"{f.employees:,}",
        "statements": f"{f.revenue * share:,.1f}",
    }
    return [
        {"question": q, "document": report.file, "pages": report.gold[fact], "fact": fact,
         "set": "tuning", "answer": answers[fact]}
        for fact, q in asked.items()
    ] + [
        {"question": held_out, "document": report.file, "pages": report.gold["statements"],
         "fact": "statements", "set": "held-out", "answer": answers["statements"]}
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("var/sample-pdfs"))
    parser.add_argument("--pages", type=int, default=110, help="pages per report (about)")
    parser.add_argument("--companies", type=int, default=len(COMPANIES))
    parser.add_argument("--years", type=int, default=len(YEARS))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    asked = []
    for company in COMPANIES[: args.companies]:
        for year in YEARS[: args.years]:
            report = make_report(company, year, args.out, args.pages)
            asked += questions(company, year, report)
            print(f"{report.file}: {report.pages} pages")
    with (args.out / "questions.jsonl").open("w", encoding="utf-8") as f:
        for q in asked:
            f.write(json.dumps(q) + "\n")
    print(f"{len(asked)} questions in {args.out / 'questions.jsonl'}")


if __name__ == "__main__":
    main()
