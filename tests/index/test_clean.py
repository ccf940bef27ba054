"""The clean stage: what is removed, what is kept exactly as the source wrote it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.clean import (
    DATE_HEAD,
    clean_text,
    find_date,
    guess_title,
    html_to_text,
    iso_date,
    markdown_to_text,
    repeated_lines,
    unwrap_lines,
    without_line_numbers,
)

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"

PARAGRAPH = (
    "Ana Ferreira, President of the Economic and Social Council of Portugal, noted that "
    "consultation can be fast without being superficial."
)
QUOTE = "“We called on employers, trade unions and civil society,” she said."


# --- characters and whitespace ------------------------------------------------------


def test_clean_prose_is_returned_unchanged() -> None:
    text = f"A title line\n\n{PARAGRAPH}\n{QUOTE}\n\n{PARAGRAPH}"
    assert clean_text(text) == text


def test_unicode_is_normalised() -> None:
    raw = (
        "Cafe\u0301 in\u00a0Lisbon,\u202fwith\u200b zero\u200dwidth\ufeff and\x07 bells\x1b."
        "\r\nThen more."
    )
    assert clean_text(raw) == "Café in Lisbon, with zerowidth and bells.\nThen more."


def test_whitespace_runs_collapse_and_paragraph_breaks_survive() -> None:
    raw = f"  {PARAGRAPH}   \n\n\n\n\n{QUOTE}\t \n \n  \n{PARAGRAPH}\n\n"
    assert clean_text(raw) == f"{PARAGRAPH}\n\n{QUOTE}\n\n{PARAGRAPH}"
    assert clean_text("justified    PDF  line   with gaps") == "justified PDF line with gaps"


def test_hyphenated_line_breaks_are_joined_but_compounds_are_not() -> None:
    assert clean_text("in the digi-\ntal economy.") == "in the digital economy."
    assert clean_text("between Russia-\nChina and") == "between Russia-\nChina and"
    assert clean_text("a long-term plan") == "a long-term plan"


# --- page furniture ---------------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "Select your language",
        "Choose language",
        "English | Français | Español | Русский | 中文",
        "fb\u00a0 \u00a0twitter",
        "Share",
        "Print",
        "Share on Facebook",
        "Back to top",
        "Home   About   News   Members   Contact",
        "This website uses cookies to improve your experience. Accept",
        "We use cookies. By continuing you consent to our cookie policy.",
        "Page 3 of 12",
        "- 4 -",
        "17",
        "© 2024 International Association of Economic and Social Councils",
    ],
)
def test_furniture_lines_are_removed(furniture: str) -> None:
    assert clean_text(f"{PARAGRAPH}\n\n{furniture}\n\n{QUOTE}") == f"{PARAGRAPH}\n\n{QUOTE}"


def test_lone_lower_case_section_words_are_removed_only_as_a_paragraph() -> None:
    assert (
        clean_text(f"{PARAGRAPH}\n\n\u00a0ecosoc ilo\u00a0\n\n{QUOTE}") == f"{PARAGRAPH}\n\n{QUOTE}"
    )
    assert clean_text("digital economy") == "digital economy"  # the whole text
    wrapped = "The council adopted an opinion on\nmigrant workers\nin agriculture last year."
    assert clean_text(wrapped) == wrapped


def test_a_text_about_cookies_is_not_a_cookie_notice() -> None:
    text = "The bakers' federation said that sales of cookies fell by a tenth in 2023."
    assert clean_text(text) == text


def test_short_lines_repeated_many_times_are_running_headers() -> None:
    header = "IAESCSI Bulletin No. 4"
    raw = "\n\n".join(f"{header}\n{PARAGRAPH} ({n})" for n in range(3))
    cleaned = clean_text(raw)
    assert header not in cleaned
    assert cleaned.count("Ana Ferreira") == 3


def test_site_banner_above_a_menu_is_dropped_but_the_title_is_kept() -> None:
    raw = (
        "International Association of Economic and Social Councils and Similar Institutions\n\n"
        "Select your language\n\nBoard meets in Lisbon\n\n\n" + PARAGRAPH
    )
    assert clean_text(raw) == f"Board meets in Lisbon\n\n{PARAGRAPH}"


def test_a_title_above_ordinary_text_is_never_taken_for_a_banner() -> None:
    raw = f"Board meets in Lisbon\n\n{PARAGRAPH}\n\nShare"
    assert clean_text(raw) == f"Board meets in Lisbon\n\n{PARAGRAPH}"


def test_a_speaker_label_repeated_in_a_transcript_is_kept() -> None:
    raw = "\n\n".join(f"Guo Jun\n{PARAGRAPH}\n\nSofía Herrera\n{QUOTE}" for _ in range(3))
    assert clean_text(raw) == raw


def test_extra_lines_to_drop() -> None:
    assert clean_text(f"Running head\n{PARAGRAPH}", drop_lines={"Running head"}) == PARAGRAPH


def test_truncated_teaser_at_the_foot_is_dropped() -> None:
    raw = f'{PARAGRAPH}\n\n"You have to find a happy medium without forgettin...'
    assert clean_text(raw) == PARAGRAPH
    for ending in ("“We will see…” she said.", "Topics: trade, jobs, climate, etc..."):
        assert clean_text(f"{PARAGRAPH}\n\n{ending}") == f"{PARAGRAPH}\n\n{ending}"


# --- photo captions ----------------------------------------------------------------


def test_caption_naming_the_speaker_of_its_paragraph_is_dropped() -> None:
    raw = "Maria-LopezMaria Lopez, President of the council, noted that jobs matter."
    assert clean_text(raw) == "Maria Lopez, President of the council, noted that jobs matter."


def test_caption_fused_with_other_text_is_put_on_its_own_line() -> None:
    raw = "Jean-Luc-MarchandEconomic cooperation is growing, the delegate said."
    assert (
        clean_text(raw) == "Jean Luc Marchand\nEconomic cooperation is growing, the delegate said."
    )


def test_hyphenated_names_in_running_text_are_not_captions() -> None:
    text = "Bat-Erdene Gansukh said that\nJean-Luc Marchand agreed. Jean-Luc MarchandX"
    assert clean_text(text) == text


# --- PDF helpers -------------------------------------------------------------------


def test_repeated_lines_finds_running_headers_across_pages() -> None:
    body = "\n".join([PARAGRAPH, QUOTE, PARAGRAPH, "Guo Jun", PARAGRAPH, QUOTE, PARAGRAPH])
    pages = [f"Annual Report 2024\n{body}\nPage {n}" for n in range(1, 5)]
    pages[2] = f"Annual  Report\u00a02024\n{body}"
    # The header is found despite odd spaces; neither a sentence nor a line in the
    # middle of the pages ("Guo Jun") is taken for one.
    assert repeated_lines(pages, 3) == {"Annual Report 2024"}


def test_unwrap_lines_rejoins_wrapped_paragraphs() -> None:
    wrapped = (
        "Seminar on a just transition: climate policy that\n"
        "can support\n"
        "The Hague, 23 September 2024. The Association held a seminar on a just\n"
        "transition to a low-carbon economy, hosted by the Social and Economic Council\n"
        "of the Netherlands.\n"
        "Opening session\n"
        "- first point of a list\n"
        "- second point"
    )
    assert unwrap_lines(wrapped) == (
        "Seminar on a just transition: climate policy that can support\n\n"
        "The Hague, 23 September 2024. The Association held a seminar on a just "
        "transition to a low-carbon economy, hosted by the Social and Economic Council "
        "of the Netherlands.\n\n"
        "Opening session\n"
        "- first point of a list\n"
        "- second point"
    )
    table = "Time | Session\n09:30 | Opening\n10:00 | Riders"
    assert unwrap_lines(table) == table


# --- title, date, language ---------------------------------------------------------


def test_guess_title_takes_the_first_heading_like_line() -> None:
    assert guess_title(f"# Youth Forum in Dakar\n\n{PARAGRAPH}") == "Youth Forum in Dakar"
    assert guess_title(f"12 March 2024\n\nBoard meets in Lisbon\n\n{PARAGRAPH}") == (
        "Board meets in Lisbon"
    )


def test_guess_title_never_takes_a_line_below_the_first_paragraph() -> None:
    text = f"{PARAGRAPH} It went on for a long while, as such meetings do.\n\nhe said so"
    assert guess_title(text) == (
        "Ana Ferreira, President of the Economic and Social Council of Portugal, noted that "
        "consultation can…"
    )
    assert guess_title("") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On April 1, 2022, a joint webinar was organised.", "2022-04-01"),
        ("The forum met on 12 March 2024 in Dakar.", "2024-03-12"),
        ("Published 2024-03-12 by the secretariat.", "2024-03-12"),
        ("It met in Rabat on 12 and 13 October 2023.", "2023-10-12"),
        ("Held on the 3rd of May 2021.", "2021-05-03"),
        ("Le 1er avril 2022, le Conseil s'est réuni.", "2022-04-01"),
        ("1 апреля 2022 года состоялся вебинар.", "2022-04-01"),
        ("Moscow, 05.03.2024. The chamber met.", "2024-03-05"),
        ("2025年6月10日，协会在北京举办研讨会。", "2025-06-10"),
        ("Lisbon, 17 November 2022. Drafts are due by 15 December 2022.", "2022-11-17"),
        ("Madrid, 3 de junio de 2025. El Consejo presentó su memoria.", "2025-06-03"),
        ("Lisboa, 5 de maio de 2025. O Conselho reuniu-se.", "2025-05-05"),
        ("Roma, 12 maggio 2025. Il Consiglio si è riunito.", "2025-05-12"),
        ("Berlin, 4. März 2025. Der Rat hat beraten.", "2025-03-04"),
        ("On 31 February 2024 nothing happened.", None),
        ("Growth reached 3% in the last quarter.", None),
    ],
)
def test_find_date(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


def test_a_date_without_a_year_takes_the_only_year_the_text_names() -> None:
    assert find_date("On April 1, the council met. Its 2022 plan was adopted.") == "2022-04-01"


def test_a_date_without_a_year_is_not_completed_by_guessing() -> None:
    assert find_date("On April 1, the council met.") is None
    assert find_date("On April 1, the council met. In 2020-2021 trade grew.") is None
    assert find_date("Guo Jun, vice president, said so in 2022.") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05T16:30:00+01:00", "2024-03-05"),
        ("2024-03-05", "2024-03-05"),
        ("D:20240930120000Z", "2024-09-30"),
        ("yesterday", None),
        (None, None),
        ("2024-13-01", None),
    ],
)
def test_iso_date(value: str | None, expected: str | None) -> None:
    assert iso_date(value) == expected


# --- markup ------------------------------------------------------------------------


def test_markdown_front_matter_headings_and_inline_markup() -> None:
    markdown = (
        '---\ntitle: "Roundtable: AI and work"\ndate: 2025-02-18\n---\n\n'
        "# Roundtable on AI\n\n*News · Webinars*\n\n"
        "The **Association** met with [the council](https://example.org) and `AI` experts.\n\n"
        "![photo](img.jpg)\n\n---\n\n> “Transparency is the minimum,” she said.\n"
    )
    title, text, meta = markdown_to_text(markdown)
    assert title == "Roundtable: AI and work"
    assert meta == {"title": "Roundtable: AI and work", "date": "2025-02-18"}
    assert text == (
        "Roundtable on AI\n\nNews · Webinars\n\n"
        "The Association met with the council and AI experts.\n\n"
        "“Transparency is the minimum,” she said."
    )


def test_markdown_title_is_the_first_level_one_heading() -> None:
    title, text, meta = markdown_to_text(f"Intro line\n\n# The title\n\n## Sub\n\n{PARAGRAPH}")
    assert (title, meta) == ("The title", {})
    assert text == f"Intro line\n\nThe title\n\nSub\n\n{PARAGRAPH}"


PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><title>Webinar on data | IAESCSI</title>
<meta property="og:site_name" content="IAESCSI">
<meta property="article:published_time" content="2024-03-05T16:30:00+01:00">
<link rel="canonical" href="https://example.org/news/webinar">
<script>var tracking = 1;</script></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<p>Select your language</p><ul><li>English</li><li>Français</li></ul></header>
<article><h1>Webinar on the data economy</h1>
<p>On March 5, 2024, the Association held a webinar on the data economy with more than
150 participants from member councils.</p>
<p><span>Guo-Jun</span>Guo Jun, Vice-President of the council, noted that data has become
a factor of production.</p>
<p>“Whoever writes the rules for data writes the terms of trade,” he said.</p>
</article>
<div class="share">Share <a>fb</a> <a>twitter</a></div>
<footer><p>This website uses cookies to improve your experience. Accept</p></footer>
</body></html>"""


def test_html_to_text_keeps_the_article_and_its_metadata() -> None:
    title, text, meta = html_to_text(PAGE)
    assert title == "Webinar on the data economy"
    assert meta == {"url": "https://example.org/news/webinar", "date": "2024-03-05", "lang": "en"}
    assert text.split("\n\n") == [
        "Webinar on the data economy",
        "On March 5, 2024, the Association held a webinar on the data economy with more than "
        "150 participants from member councils.",
        "Guo Jun, Vice-President of the council, noted that data has become a factor of "
        "production.",
        "“Whoever writes the rules for data writes the terms of trade,” he said.",
    ]


def test_html_title_falls_back_to_title_without_the_site_name() -> None:
    page = (
        "<html><head><title>Youth forum report | IAESCSI</title></head><body><p>x</p></body></html>"
    )
    assert html_to_text(page)[0] == "Youth forum report"


def test_html_fallback_when_the_extractor_finds_no_article() -> None:
    page = (
        "<html><body><aside><p>The council met on 3 May 2024 in\n   Dakar.</p>"
        "<p>It adopted two opinions.<br>Both passed.</p></aside></body></html>"
    )
    title, text, meta = html_to_text(page)
    assert (
        text == "The council met on 3 May 2024 in Dakar.\n\nIt adopted two opinions.\nBoth passed."
    )
    assert title is None and meta == {}


def test_html_that_is_not_a_page() -> None:
    assert html_to_text("") == (None, "", {})
    assert html_to_text(
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Hello there.</p></body></html>'
    )[1] == ("Hello there.")


# --- the real scraped report ---------------------------------------------------------


@pytest.fixture(scope="module")
def seed_text() -> str:
    path = SEED / "000_c747f71a7a95dcaf.txt"
    if not path.exists():
        pytest.skip(f"seed report not found at {path}")
    return path.read_text(encoding="utf-8")


def test_seed_report_is_cleaned(seed_text: str) -> None:
    text = clean_text(seed_text)
    assert guess_title(text) == "Russia and China: Hand in hand on the path to a digital future"
    assert text.startswith("Russia and China: Hand in hand")
    assert "Select your language" not in text
    assert "twitter" not in text and not re.search(r"^fb\b", text, re.MULTILINE)
    assert "ecosoc" not in text
    assert "SeminEconomic" not in text
    assert not re.search(r"Semin[A-ZА-Я]", text)
    assert not re.search(r"Grebennikov[A-Z]", text)
    assert "Ilya Semin said" in text and "Sergey Grebennikov, member of" in text


def test_seed_report_keeps_the_speakers_sentences_intact(seed_text: str) -> None:
    text = clean_text(seed_text)
    # Every sentence of the speakers' paragraphs reads exactly as in the source.
    for name in ("Lidia Mikheeva", "Evgenia Dmitrieva"):
        source_lines = [line.strip() for line in seed_text.splitlines() if name in line]
        assert source_lines
        for line in source_lines:
            assert line in text
    assert find_date(text) is None  # "On April 1" and two different years elsewhere


def test_a_date_past_the_head_of_the_text_is_not_its_own() -> None:
    # a UN speech names no date of its own; deep in it, the Charter's
    speech = "Mr. President, allow me to congratulate you on your election. " * 20
    history = "The Charter was signed in San Francisco on 26 June 1945."
    assert len(speech) > DATE_HEAD
    assert find_date(speech + history, DATE_HEAD) is None
    assert find_date(speech + history) == "1945-06-26"  # the whole text, when asked
    report = "On 5 March 2024 the council met in Rabat. " + speech + history
    assert find_date(report, DATE_HEAD) == "2024-03-05"


def test_a_date_after_today_is_not_the_report_s_own() -> None:
    # the only year a wire story names is the one its union looks forward to
    wire = (
        "ROTTERDAM, June 12 (Reuters) - Dock workers walked out. "
        "They want a job guarantee until 2030."
    )
    assert find_date(wire) is None
    # a date still to come is passed over for the report's own
    assert find_date("The summit of 3 March 2090 was prepared on 5 May 2025.") == "2025-05-05"


def test_a_title_in_a_script_without_case_is_kept() -> None:
    # it was dropped as a row of footer links (a short paragraph "in lower case")
    text = (
        "評議会シンポジウムの報告\n\n評議会の山本健太会長は「雇用の質が問われている」と述べた。\n"
    )
    assert clean_text(text).startswith("評議会シンポジウムの報告")
    assert clean_text("Report\n\necosoc ilo\n\nThe council met.\n") == "Report\n\nThe council met."


def test_a_line_naming_the_kind_of_text_is_no_title() -> None:
    release = (
        "PRESS RELEASE\nFor immediate release – 5 May 2025\n\n"
        "Blue River Energy opens its first offshore wind farm\n\nText."
    )
    assert guess_title(release) == "Blue River Energy opens its first offshore wind farm"
    assert guess_title("Communiqué de presse\n\nLe conseil adopte son avis\n") == (
        "Le conseil adopte son avis"
    )


COURT_PAGE = """                                                   Page 12
 1               UNITED STATES DISTRICT COURT
 2
 3            VIDEOTAPED DEPOSITION OF DANIEL OKOYE
 4   BY MS. STEIN:
 5        Q.   Were you responsible for patching the servers
 6   that Harbour Logistics used?
 7        A.   My team was. We had a monthly patch cycle, but
 8   the Harbour servers were on a quarterly schedule from
 9   2023.
10             MR. GRADY:  Objection; form.
11        Q.   Why not earlier?
12        A.   Because Harbour had frozen all changes until
13   after the holiday season.
                                                   Page 13
 1             (Recess taken.)
"""


def test_a_transcript_s_line_numbers_go_and_its_turns_read_whole() -> None:
    text = clean_text(COURT_PAGE)
    assert text.split("\n\n") == [
        "UNITED STATES DISTRICT COURT\nVIDEOTAPED DEPOSITION OF DANIEL OKOYE\nBY MS. STEIN:",
        "Q. Were you responsible for patching the servers that Harbour Logistics used?",
        "A. My team was. We had a monthly patch cycle, but the Harbour servers were on a "
        "quarterly schedule from 2023.",
        "MR. GRADY: Objection; form.",
        "Q. Why not earlier?",
        "A. Because Harbour had frozen all changes until after the holiday season.",
        "(Recess taken.)",
    ]
    # the court is no title: the record it names is
    assert guess_title(text) == "VIDEOTAPED DEPOSITION OF DANIEL OKOYE"


@pytest.mark.parametrize(
    "lines",
    [
        # a numbered list, an agenda, a table's rows: numbers that do not count lines
        [f"{n}. Item number {n} of the agenda" for n in range(1, 15)],
        [f"{n} members voted for the motion in round {n}" for n in (12, 40, 7, 3, 25) * 3],
        ["Prose without numbers, one line.", "Another line of prose."] * 8,
        # numbered paragraphs, a blank line between them
        [line for n in range(1, 15) for line in (f"{n} The world is in danger.", "")],
    ],
)
def test_text_whose_lines_are_not_numbered_is_left_as_it_is(lines: list[str]) -> None:
    assert without_line_numbers(lines) == lines


def test_the_body_and_the_kind_of_text_above_the_title_are_not_it() -> None:
    opinion = (
        "European Economic and Social Committee\n\nOPINION\n\n"
        "Platform work and social protection\n\nRapporteur: Maria Lindqvist\n\n"
        "1.1 The Committee welcomes the directive."
    )
    assert guess_title(opinion) == "Platform work and social protection"
    release = "City of Rotterdam\nPress release\nPort opens a new terminal\n\nThe port opened."
    assert guess_title(release) == "Port opens a new terminal"
    # a report whose first line is its title keeps it
    assert guess_title("Annual report 2024\n\nRevenue rose.") == "Annual report 2024"
