"""Regenerate the binary sample reports in ``examples/reports/``.

    .venv/bin/python tools/make_sample_reports.py

Writes ``2024/just-transition-seminar.pdf`` (four pages, running header and page
numbers, as a real report has) and ``2024/social-dialogue-workshop.docx`` (headings,
paragraphs and an agenda table). The people and statements in every sample report are
fictional; only the kind of text is real. The other samples are plain files, edited
by hand.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from fpdf import FPDF

OUT = Path(__file__).resolve().parents[1] / "examples" / "reports" / "2024"
# A fixed timestamp keeps the files' metadata from changing at every regeneration.
FIXED_TIME = dt.datetime(2024, 9, 30, 12, 0, tzinfo=dt.UTC)
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

PDF_TITLE = "Seminar on a just transition: climate policy that working people can support"
PDF_HEADER = "IAESCSI · Seminar on a just transition · The Hague 2024"
# One list per page: (kind, text) where kind is "h" (heading) or "p" (paragraph).
PDF_PAGES: list[list[tuple[str, str]]] = [
    [
        ("t", PDF_TITLE),
        (
            "p",
            "The Hague, 23 September 2024. The International Association of Economic and "
            "Social Councils and Similar Institutions held a seminar on a just transition to "
            "a low-carbon economy, hosted by the Social and Economic Council of the "
            "Netherlands. Fifty-two delegates from twenty-four member councils discussed how "
            "climate policy can protect the workers, regions and households that bear most "
            "of its costs.",
        ),
        ("h", "Opening session"),
        (
            "p",
            "Pieter van Dijk, Vice-Chair of the Social and Economic Council of the "
            "Netherlands, opened the seminar. He recalled that his council had brokered a "
            "national climate agreement between employers, trade unions, environmental "
            "organisations and local authorities, and that the negotiation had taken more "
            "than a year.",
        ),
        (
            "p",
            "“A climate plan that is negotiated slowly is implemented quickly. A plan that is "
            "imposed quickly is contested for years. That is the lesson we want to share,” "
            "he said.",
        ),
        (
            "p",
            "Karim Benjelloun, President of the Association, noted that almost every member "
            "council had adopted at least one opinion on climate policy in the last five "
            "years, but that few had followed up on how their recommendations were applied.",
        ),
    ],
    [
        ("h", "Panel 1: jobs and regions"),
        (
            "p",
            "Grace Mwangi, member of the National Economic and Social Council of Kenya, "
            "described the expansion of geothermal power in the Rift Valley. She explained "
            "that the new plants had created skilled jobs, but that local communities had "
            "at first been excluded from both the jobs and the decisions about land.",
        ),
        (
            "p",
            "“A just transition starts with the people who live where the project is built. "
            "If they only see fences and trucks, they will oppose even the cleanest energy,” "
            "she said.",
        ),
        (
            "p",
            "Tomasz Zielinski, adviser to the Social Dialogue Council of Poland, spoke about "
            "coal regions. He reported that about eighty thousand people still work in coal "
            "mining in his country, most of them in one region, and that retraining "
            "programmes only work when a new employer is already in place before the mine "
            "closes.",
        ),
        (
            "p",
            "Isabel Cardoso, member of the Economic and Social Council of Portugal, presented "
            "the council's opinion on the closure of two coal-fired power stations. She noted "
            "that the workers who found new jobs quickly were those who had been offered "
            "training while still employed.",
        ),
    ],
    [
        ("h", "Panel 2: households and prices"),
        (
            "p",
            "Claire Dubois, member of the Economic, Social and Environmental Council of "
            "France, addressed energy poverty. She argued that carbon pricing loses public "
            "support when households on low incomes cannot afford the alternatives, such as "
            "insulation, heat pumps or public transport in rural areas.",
        ),
        (
            "p",
            "“People accept paying for pollution when they have a choice. When they have no "
            "choice, a carbon tax feels like a punishment,” she said.",
        ),
        (
            "p",
            "Ahmed Benali, expert at the Economic, Social and Environmental Council of "
            "Morocco, presented the council's work on water scarcity and agriculture. He "
            "explained that small farmers were the first victims of drought and needed "
            "access to credit for efficient irrigation, not only advice.",
        ),
        (
            "p",
            "In the discussion, several delegates stressed that the transition must also "
            "create decent jobs for women, who remain under-represented in the energy and "
            "construction sectors.",
        ),
    ],
    [
        ("h", "Conclusions"),
        (
            "p",
            "Closing the seminar, Pieter van Dijk summarised three conclusions: councils "
            "should be consulted before climate measures are adopted, not after; every "
            "major measure should come with an assessment of its effects on jobs and on "
            "household incomes; and regions that depend on fossil fuels need a plan agreed "
            "with the social partners years before closures begin.",
        ),
        (
            "p",
            "The Association will prepare a collection of opinions on the just transition "
            "adopted by its members and present it at the next General Assembly.",
        ),
    ],
]

DOCX_TITLE = "Workshop on social dialogue in the platform economy"
DOCX_BODY: list[tuple[str, str]] = [
    ("h1", DOCX_TITLE),
    (
        "p",
        "Rome, 27 June 2024. Representatives of eighteen member councils met at the "
        "National Council for Economics and Labour of Italy for a workshop on social "
        "dialogue in the platform economy: ride-hailing, food delivery and online work "
        "paid by the task.",
    ),
    ("h2", "Opening"),
    (
        "p",
        "Giulia Romano, Vice-President of the National Council for Economics and Labour of "
        "Italy, opened the workshop. She noted that platform workers often have no employer "
        "to negotiate with and no union to represent them, and that the usual tools of "
        "social dialogue therefore need to be adapted.",
    ),
    (
        "p",
        "“Social dialogue needs two sides at the table. In the platform economy, one side "
        "is often an app and the other side is a crowd. Our job is to turn both into "
        "partners,” she said.",
    ),
    ("h2", "Experiences from member councils"),
    (
        "p",
        "Javier Morales, member of the Economic and Social Council of Spain, presented the "
        "agreement reached in his country between the government, employers and trade "
        "unions on delivery riders, which presumes that riders are employees unless the "
        "platform proves otherwise. He reported that several platforms had since hired "
        "their riders directly.",
    ),
    (
        "p",
        "Nadia Haddad, member of the Economic and Social Council of Tunisia, explained "
        "that most platform workers in her country are young graduates who work for "
        "foreign clients online. She called for rules on payment delays and for access to "
        "social security for people paid from abroad.",
    ),
    (
        "p",
        "“Our young people compete on a world market from their bedrooms, but when they "
        "fall ill they are alone,” she said.",
    ),
    (
        "p",
        "Guo Jun, Vice-President of the Economic and Social Council of the People's "
        "Republic of China, joined the workshop online. He described agreements in which "
        "large delivery platforms consulted rider representatives on the algorithms that "
        "set delivery times, and said that these consultations had reduced accidents.",
    ),
    (
        "p",
        "“An algorithm that sets the pace of work is a work rule. Work rules have always "
        "been a subject for dialogue, and algorithms should be no exception,” he said.",
    ),
    ("h2", "Programme"),
    ("table", ""),
    ("h2", "Follow-up"),
    (
        "p",
        "Participants agreed to exchange the opinions their councils have adopted on "
        "platform work and asked the secretariat to prepare a short comparative note by "
        "the end of 2024.",
    ),
]
DOCX_AGENDA = [
    ("Time", "Session", "Speaker"),
    ("09:30", "Opening", "Giulia Romano"),
    ("10:00", "Delivery riders: the Spanish agreement", "Javier Morales"),
    ("11:00", "Online work paid from abroad", "Nadia Haddad"),
    ("12:00", "Algorithms as work rules", "Guo Jun"),
]


class _ReportPdf(FPDF):
    def header(self) -> None:
        self.set_font(self.body_font, size=8)
        self.cell(0, 6, PDF_HEADER, align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.body_font, size=8)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    @property
    def body_font(self) -> str:
        return "DejaVu" if UNICODE_FONT.exists() else "Helvetica"


def _latin(text: str) -> str:
    """The core Helvetica font has no curly quotes or middle dots: fall back to ASCII."""
    table = str.maketrans({"“": '"', "”": '"', "’": "'", "·": "-"})
    return text.translate(table)


def make_pdf(path: Path) -> None:
    pdf = _ReportPdf(format="A4")
    fix: Callable[[str], str]
    if UNICODE_FONT.exists():
        pdf.add_font("DejaVu", "", str(UNICODE_FONT))
        fix = str
    else:
        fix = _latin
    pdf.set_title(PDF_TITLE)
    pdf.set_author("IAESCSI secretariat")
    pdf.set_creation_date(FIXED_TIME)
    for page in PDF_PAGES:
        pdf.add_page()
        for kind, text in page:
            size = {"t": 16, "h": 13}.get(kind, 11)
            pdf.set_font(pdf.body_font, size=size)
            pdf.multi_cell(0, size * 0.55, fix(text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))


def make_docx(path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = DOCX_TITLE
    document.core_properties.author = "IAESCSI secretariat"
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    for kind, text in DOCX_BODY:
        if kind == "table":
            table = document.add_table(rows=0, cols=3)
            for row in DOCX_AGENDA:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = value
        elif kind.startswith("h"):
            document.add_heading(text, level=int(kind[1:]))
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip_times(buffer.getvalue()))


def _fixed_zip_times(data: bytes) -> bytes:
    """The same DOCX bytes at every run: zip entries otherwise carry the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    make_pdf(OUT / "just-transition-seminar.pdf")
    make_docx(OUT / "social-dialogue-workshop.docx")


if __name__ == "__main__":
    main()
