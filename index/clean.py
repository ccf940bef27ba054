"""Clean stage: turn extracted or scraped text into the text we store and cite.

Pure functions over strings. Every citation offset points into the text returned
here, so the rules only remove whole lines of page furniture, normalise whitespace
and invisible characters, and split a photo caption off the sentence it was glued
to; they never reword a sentence.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from itertools import pairwise
from typing import Any

import trafilatura
from lxml import etree, html
from lxml_html_clean import Cleaner

from index.lexicon import de, en, es, fr, it, pt, ru

# --- characters -----------------------------------------------------------------

# Spaces that look like " " but break word matching and tokenisation.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
# Zero-width characters and soft hyphens are invisible in the source but split words.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2060\ufeff]")
# C0/C1 control characters other than newline come from broken extractions.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# A word broken at a line end by typesetting ("digi-\ntal"): both sides lower case, so
# real compounds that start a line with a capital ("Russia-\nChina") are left alone.
_HYPHEN_BREAK = re.compile(r"(?<=[a-zß-öø-ÿа-яё])-\n(?=[a-zß-öø-ÿа-яё])")
_CAP = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_LOW = "a-zß-öø-ÿа-яё"
# A photo caption, the person's name written as a file name ("Ilya-Semin"), glued to
# the first word of the next sentence ("Ilya-SeminEconomic ...") by the scraper.
_FUSED_CAPTION = re.compile(rf"^([{_CAP}][{_LOW}]+(?:-[{_CAP}][{_LOW}]+)+)(?=[{_CAP}][{_LOW}])")

# --- page furniture -------------------------------------------------------------

_LANGUAGE_PROMPT = re.compile(
    r"^(select|choose|change)( your| the)? language\b|^languages?:?$", re.IGNORECASE
)
_LANGUAGE_NAMES = {
    "english", "français", "francais", "español", "espanol", "русский", "中文", "العربية",
    "deutsch", "italiano", "português", "portugues", "en", "fr", "es", "ru", "zh", "ar",
    "de", "it", "pt",
}  # fmt: skip
_SOCIAL_WORDS = {
    "fb", "facebook", "twitter", "x", "linkedin", "instagram", "youtube", "whatsapp",
    "telegram", "vk", "email", "e-mail", "mail", "share", "print", "tweet", "rss",
}  # fmt: skip
_SITE_NAV_WORDS = {
    "home", "about", "us", "news", "events", "members", "contact", "menu", "search",
    "login", "log", "in", "sign", "subscribe", "next", "previous", "back", "to", "top",
    "read", "more", "skip", "main", "content", "follow", "this", "page", "on",
}  # fmt: skip
_SEPARATORS = re.compile(r"[|·•/›»>,;:–—-]+")
_COOKIES = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_ACTION = re.compile(
    r"\b(accept|consent|we use|this (web)?site uses|cookie (policy|settings))\b", re.IGNORECASE
)
_COPYRIGHT = re.compile(r"^(©|\(c\)\s|copyright\b)", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.IGNORECASE
)
# The longest furniture is a cookie notice of a few sentences; a longer line is prose.
_FURNITURE_MAX_CHARS = 600
_SENTENCE_END = re.compile(r"[.!?…:;\"”»)]$")
# Short lines seen this often in one text are running headers or menus, not prose.
_REPEATED_LINE_MIN = 3
_SHORT_LINE_WORDS = 12


def _tokens(line: str) -> list[str]:
    return _SEPARATORS.sub(" ", line.lower()).split()


def _is_language_menu(line: str) -> bool:
    tokens = _tokens(line)
    return bool(_LANGUAGE_PROMPT.search(line)) or (
        bool(tokens) and all(t in _LANGUAGE_NAMES for t in tokens)
    )


def _is_site_menu(line: str) -> bool:
    """A row of site sections ("Home About News"): the end of a page header."""
    tokens = _tokens(line)
    return len(tokens) >= 2 and all(t in _SITE_NAV_WORDS for t in tokens)


def _is_furniture(line: str) -> bool:
    """Menus, share buttons, cookie notices and page numbers: never report text."""
    if len(line) > _FURNITURE_MAX_CHARS:
        return False
    tokens = _tokens(line)
    if tokens and all(t in _SOCIAL_WORDS or t in _SITE_NAV_WORDS for t in tokens):
        return True
    if _COOKIES.search(line) and _COOKIE_ACTION.search(line) and len(tokens) < 60:
        return True
    if _COPYRIGHT.match(line) and len(tokens) <= _SHORT_LINE_WORDS:
        return True
    return _is_language_menu(line) or bool(_PAGE_NUMBER.match(line))


def _is_lone_section_words(lines: list[str], i: int) -> bool:
    """A paragraph of a few lower-case words without punctuation (" ecosoc ilo "): a
    row of footer links. Only a whole paragraph, so a wrapped line of prose that
    happens to be short is never taken for one."""
    line = lines[i]
    alone = (i == 0 or not lines[i - 1]) and (i + 1 == len(lines) or not lines[i + 1])
    if not alone or len(line) > 80 or line != line.lower():
        return False
    if not any(ch.islower() for ch in line):
        return False  # a script without case (Chinese, Japanese, Arabic): a title, no links
    words = [word for word in line.split() if not _SEPARATORS.fullmatch(word)]
    return 1 <= len(words) <= 4 and all(map(str.isalpha, words))


def _is_short(line: str) -> bool:
    return len(line.split()) <= _SHORT_LINE_WORDS and not _SENTENCE_END.search(line)


def _split_caption(line: str) -> list[str]:
    """``Ilya-SeminEconomic cooperation …`` → ``Economic cooperation …``.

    The caption is dropped when the paragraph names the same person (it adds
    nothing); otherwise it is kept on its own line with spaces for hyphens.
    """
    match = _FUSED_CAPTION.match(line)
    if not match:
        return [line]
    name = match.group(1).replace("-", " ")
    rest = line[match.end() :]
    return [rest] if name in rest else [name, rest]


def normalize_characters(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


# Running headers and footers sit in the first or last few lines of a page.
_PAGE_EDGE_LINES = 3


def repeated_lines(pages: Iterable[str], min_count: int) -> set[str]:
    """Short lines at the top or bottom of at least ``min_count`` pages: running
    headers and footers. A line in the middle of a page (a speaker's name in a
    transcript) is never one."""
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [" ".join(line.split()) for line in normalize_characters(page).split("\n")]
        lines = [line for line in lines if line]
        edges = lines[:_PAGE_EDGE_LINES] + lines[-_PAGE_EDGE_LINES:]
        counts.update({line for line in edges if _is_short(line)})
    return {line for line, n in counts.items() if n >= min_count}


def _is_name_label(line: str) -> bool:
    """A name alone on a line ("Guo Jun", "Mr. Ilya Semin"): a speaker label in a
    transcript, repeated because the person speaks often, not a running header."""
    words = line.split()
    return 1 <= len(words) <= 3 and all(
        word[0].isupper() and word.rstrip(".").replace("-", "").isalpha() for word in words
    )


def clean_text(raw: str, drop_lines: Collection[str] = ()) -> str:
    """Clean scraped or extracted text; ``drop_lines`` are extra lines to remove
    (e.g. the running header found on every page of a PDF)."""
    text = normalize_characters(raw)
    # Runs of spaces are layout (justified PDF lines, indentation), not content.
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = without_line_numbers(lines)
    lines = _HYPHEN_BREAK.sub("", "\n".join(lines)).split("\n")

    counts = Counter(line for line in lines if line and _is_short(line))
    # A text of one short paragraph is content, whatever it looks like.
    several = sum(1 for line in lines if line) > 1
    drop = {
        i
        for i, line in enumerate(lines)
        if line
        and (
            _is_furniture(line)
            or (several and _is_lone_section_words(lines, i))
            or line in drop_lines
            or (counts[line] >= _REPEATED_LINE_MIN and not _is_name_label(line))
        )
    }
    drop |= _header_before_menu(lines, drop)

    kept: list[str] = []
    for i, line in enumerate(lines):
        if i in drop:
            continue
        if not line:
            # Keep paragraph breaks as exactly one blank line.
            if kept and kept[-1]:
                kept.append("")
            continue
        kept.extend(_split_caption(line))
    paragraphs = "\n".join(kept).strip().split("\n\n")
    if len(paragraphs) > 1 and _is_teaser(paragraphs[-1]):
        paragraphs.pop()
    return "\n\n".join(paragraphs)


# A court, deposition or hearing transcript numbers the lines of each page in its
# margin (1 to 25, or 28) and wraps every turn at a narrow width: "20  Q. Good morning,
# Mr. Okoye. Could you state your" / "21  position at Seagate …". Read as they are, the
# numbers split sentences and no turn has a speaker. Such a text is one where most
# lines open with a number that counts up by one, or starts again at 1 on a new page.
_LINE_NUMBER = re.compile(r"^(\d{1,2})(?: (.*))?$")
_LINE_NUMBERED_MIN = 10
_LINE_NUMBERED_SHARE = 0.8
# Where a turn of such a transcript starts: "Q." / "A.", "BY MS. STEIN:", "MR. GRADY:",
# "THE WITNESS:", a line in capitals ("EXAMINATION"), a note of the record "(Recess
# taken.)". Any other line goes on from the one before.
_TURN = re.compile(
    r"^(?:[QA][.:](?: |$)|\(|(?:BY )?(?:(?:MR|MRS|MS|DR)\. )?[A-Z][A-Z'’ .-]*:(?: |$)"
    r"|(?=[^a-z]*[A-Z]{2})[^a-z]+$)"  # capitals: "EXAMINATION", not a wrapped "2023."
)


def without_line_numbers(lines: list[str]) -> list[str]:
    """``lines`` with a transcript's margin line numbers removed and each turn's
    wrapped lines joined into one paragraph; any other text as it is."""
    body = [line for line in lines if line and not _PAGE_NUMBER.match(line)]
    numbers = [m for m in map(_LINE_NUMBER.match, body) if m and int(m.group(1)) <= 30]
    if len(numbers) < _LINE_NUMBERED_MIN or len(numbers) < _LINE_NUMBERED_SHARE * len(body):
        return lines
    values = [int(m.group(1)) for m in numbers]
    counting = sum(b == a + 1 or b == 1 for a, b in pairwise(values))
    if counting < _LINE_NUMBERED_SHARE * (len(values) - 1):
        return lines
    # every line is numbered, so numbered lines follow one another; numbered paragraphs
    # ("1 I bring you greetings …", a blank line, "2 The world is …") are not line numbers
    numbered = [bool(line) and _LINE_NUMBER.match(line) is not None for line in lines]
    following = sum(a and b for a, b in pairwise(numbered))
    if following < _LINE_NUMBERED_SHARE * len(numbers):
        return lines
    out: list[str] = []
    in_turn = False
    for line in lines:
        if _PAGE_NUMBER.match(line):
            continue  # a page's number between two lines of one turn
        match = _LINE_NUMBER.match(line)
        words = (match.group(2) or "") if match else line
        turn = _TURN.match(words) is not None
        if not words:
            in_turn = False
            out.append("")
        elif in_turn and not turn:
            out[-1] += " " + words
        else:
            # each turn its own paragraph: a PDF's unwrapping never joins two turns
            starts = turn and not words.isupper()
            if starts or in_turn:
                out.append("")
            out.append(words)
            in_turn = starts
    return out


# The foot of a scraped page often carries a teaser of another article: a quote
# opened and cut off mid-word by an ellipsis ('"You have to find … forgettin...').
# It is not part of this report and no complete statement to cite.
_TEASER = re.compile(r"[^\W\d_](\.\.\.|…)$")
_TEASER_MAX_WORDS = 25


def _is_teaser(paragraph: str) -> bool:
    unclosed_quote = paragraph.count('"') % 2 == 1 or paragraph.count("“") > paragraph.count("”")
    return (
        len(paragraph.split()) <= _TEASER_MAX_WORDS
        and unclosed_quote
        and bool(_TEASER.search(paragraph))
    )


# A site banner sits above the menu; only a page's first few lines can be header.
_HEADER_LINES = 8


def _header_before_menu(lines: list[str], dropped: set[int]) -> set[int]:
    """The lines above a language or site menu at the top of a page are its banner
    ("International Association of … Institutions"): not the title, not content."""
    seen = 0
    menu_at = -1
    for i, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > _HEADER_LINES or (i not in dropped and not _is_short(line)):
            break
        if _is_language_menu(line) or _is_site_menu(line):
            menu_at = i
    return {i for i in range(menu_at) if lines[i] and _is_short(lines[i])}


def unwrap_lines(text: str) -> str:
    """Join the lines a PDF wrapped at its margin back into paragraphs.

    A line at least 80% as long as the longest line of its block ended at the margin,
    and so did one followed by a lower-case word (a wrapped heading in a larger font):
    the text goes on. Any other line ends a paragraph or a heading. Blocks with no
    line of prose length (50 characters) are lists or tables and stay as they are, and
    so does a table row (cells joined by `` | ``): one row, one line.
    """
    paragraphs = []
    for block in text.split("\n\n"):
        lines = block.split("\n")
        width = max(len(line) for line in lines)
        if width < 50:
            paragraphs.append(block)
            continue
        out = lines[0]
        for previous, line in pairwise(lines):
            if _LIST_ITEM.match(line) or CELLS in line or CELLS in previous:
                out += "\n" + line
            elif len(previous) >= 0.8 * width or _CONTINUES.match(line):
                out += " " + line
            else:
                out += "\n\n" + line
        paragraphs.append(out)
    return "\n\n".join(paragraphs)


_CONTINUES = re.compile(f"[{_LOW}]")
CELLS = " | "  # how the PDF, DOCX and HTML readers join the cells of a table row
_LIST_ITEM = re.compile(r"^(?:[•▪◦*–-]|\d{1,2}[.)])\s")

# --- title, date ------------------------------------------------------------

_MAX_TITLE_WORDS = 20
_MAX_TITLE_CHARS = 200
# A line that says what kind of text follows, not what it is about.
_KIND_LINE = re.compile(
    r"^(?:press\s+release|news\s+release|media\s+release|communiqué\s+de\s+presse"
    r"|pressemitteilung|nota\s+de\s+prensa|comunicado\s+de\s+prensa|comunicato\s+stampa"
    r"|persbericht|(?:(?:own-initiative|exploratory|information)\s+)?(?:opinion|report)"
    r"|avis|dictamen|stellungnahme|parere|parecer|advies|resolution|résolution|resolución"
    r"|rapport|informe|bericht|declaration|déclaration|declaración)\W*$"
    r"|^for\s+immediate\s+release\b",
    re.I,
)
# A kind line is read among a text's first lines only.
_KIND_HEAD = 4


# A court transcript opens with its court ("UNITED STATES DISTRICT COURT", "SOUTHERN
# DISTRICT OF NEW YORK") and the parties, and says which record it is a few lines on
# ("VIDEOTAPED DEPOSITION OF DANIEL OKOYE", "TRANSCRIPT OF PROCEEDINGS"): that is its title.
_COURT_LINE = re.compile(r"\bCOURT\b")
_RECORD_LINE = re.compile(
    r"\b(?:DEPOSITION|TRANSCRIPT|PROCEEDINGS|HEARING|TESTIMONY|EXAMINATION)\b.*\w"
)
_COURT_HEADER_LINES = 15


def _record_line(lines: list[str]) -> str | None:
    """The line that names the record, under a court's name in capitals."""
    if not lines or not lines[0].isupper() or not _COURT_LINE.search(lines[0]):
        return None
    for line in lines[1:_COURT_HEADER_LINES]:
        if line.isupper() and _RECORD_LINE.search(line) and len(line.split()) <= _MAX_TITLE_WORDS:
            return line
    return None


def guess_title(text: str) -> str | None:
    """The first line that reads like a heading; else the start of the first sentence.

    Only lines before the first paragraph of prose are candidates, so a short line
    further down ("he said.") is never taken for a title.
    """
    lines = [line.strip().lstrip("#").strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    record = _record_line(lines)
    if record is not None:
        return record
    # "European Economic and Social Committee" / "OPINION" / "Platform work and social
    # protection": the body that issues it, the kind of text, then what it is about
    kind = next((k for k, line in enumerate(lines[:_KIND_HEAD]) if _KIND_LINE.match(line)), 0)
    for line in lines[kind:]:
        words = line.split()
        if len(words) < 2 or (len(words) <= 5 and find_date(line)) or _KIND_LINE.match(line):
            continue  # a dateline, a lone word or "PRESS RELEASE" is not a title
        if (
            len(words) <= _MAX_TITLE_WORDS
            and len(line) <= _MAX_TITLE_CHARS
            and not (line.endswith(".") and len(words) > 12)
        ):
            return line
        break
    if not lines:
        return None
    first = re.split(r"(?<=[.!?])\s", lines[0], maxsplit=1)[0]
    return first if len(first) <= 100 else first[:100].rsplit(" ", 1)[0] + "…"


_EN_MONTHS = en.MONTHS
_FR_MONTHS = fr.MONTHS
_RU_MONTHS = ru.MONTHS
_ES_MONTHS = es.MONTHS
_PT_MONTHS = pt.MONTHS
_IT_MONTHS = it.MONTHS
_DE_MONTHS = de.MONTHS
_LOWER_CASE_MONTHS = (_FR_MONTHS, _ES_MONTHS, _PT_MONTHS, _IT_MONTHS)
_MONTHS = {
    name: i + 1
    for names in (_EN_MONTHS, _RU_MONTHS, _DE_MONTHS, *_LOWER_CASE_MONTHS)
    for i, name in enumerate(names)
}
# "Madrid, 3 de Junio de 2025": some write them with a capital
_MONTHS |= {m.capitalize(): i + 1 for names in _LOWER_CASE_MONTHS for i, m in enumerate(names)}
_MONTHS |= {name[:3] + ".": i + 1 for i, name in enumerate(_EN_MONTHS)}
_MONTHS |= {"Sept.": 9}
# Covers and headings set dates in capitals ("DECEMBER 31, 2022").
_MONTHS |= {m.upper(): i + 1 for names in (_EN_MONTHS, _FR_MONTHS) for i, m in enumerate(names)}
_MONTH = "(" + "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True)) + ")"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|er|º|\.)?"  # "1st", "1er", "1º", German "1."
_DAY_RANGE = rf"{_DAY}(?:\s*(?:-|–|and|to|et|и)\s*\d{{1,2}}(?:st|nd|rd|th)?)?"
_YEAR = r"((?:19|20)\d\d)"
_DATE_PATTERNS = [  # (pattern, the indexes of its day, month and year groups)
    # "3 March 2025", "3rd of March, 2025", "3 de junio de 2025", "4. März 2025"
    (re.compile(rf"\b{_DAY_RANGE}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b"), (0, 1, 2)),
    (re.compile(rf"\b{_MONTH}\s+{_DAY_RANGE},?\s+{_YEAR}\b"), (1, 0, 2)),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (2, 1, 0)),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b"), (0, 1, 2)),
    (re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), (2, 1, 0)),  # zh, ja
]
_YEARLESS_PATTERNS = [
    (re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_MONTH}\b(?!,?\s*(?:de\s+)?\d)"), (0, 1)),
    (re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d)"), (1, 0)),
]
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _make_date(day: str, month: str, year: str | int) -> str | None:
    try:
        number = _MONTHS[month] if month in _MONTHS else int(month)
        return dt.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


# A report states its own date at its head: the first date of our 18 sample reports
# stands at most 250 characters in, of 36 European Parliament debates 27; in 20 of the
# first 60 UN General Debate speeches the first date stands 1,076 to 17,204 characters
# in, and is always one of history ("24 October 1945"), never the speech's. Past
# DATE_HEAD characters a date says when something else happened (2026-12-04).
DATE_HEAD = 800


def find_date(text: str, within: int | None = None) -> str | None:
    """The first full date the text states (in its first ``within`` characters), as
    ``YYYY-MM-DD``.

    A date without a year ("On April 1") takes its year only from a document that
    names exactly one year; with none or several, guessing would invent a date.
    """
    head = text if within is None else text[:within]
    found: list[tuple[int, str]] = []
    # a report is dated at the latest today: a later date is one it looks forward to
    # ("a job guarantee until 2030", "the summit of 3 March 2030")
    today = dt.date.today().isoformat()
    for pattern, (d, m, y) in _DATE_PATTERNS:
        for match in pattern.finditer(head):
            groups = match.groups()
            iso = _make_date(groups[d], groups[m], groups[y])
            if iso and iso <= today:
                found.append((match.start(), iso))
                break
    if found:
        return min(found)[1]
    years = set(_ANY_YEAR.findall(text))
    if len(years) != 1:
        return None
    (year,) = years
    for pattern, (d, m) in _YEARLESS_PATTERNS:
        for match in pattern.finditer(head):
            iso = _make_date(match.group(d + 1), match.group(m + 1), year)
            if iso and iso <= today:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else None


def iso_date(value: Any) -> str | None:
    """``2024-03-05``, ``2024-03-05T16:30:00+01:00`` or a PDF ``D:20240305…`` → ISO."""
    match = re.match(r"^(?:D:)?(\d{4})-?(\d{2})-?(\d{2})", str(value or "").strip())
    return _make_date(match.group(3), match.group(2), match.group(1)) if match else None


# --- markup -------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_MD_RULES = [  # markup → the text a reader sees
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE), ""),  # rules
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)"), r"\1"),  # italic
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
]


def markdown_to_text(markdown: str) -> tuple[str | None, str, dict[str, str]]:
    """(title, cleaned text, front-matter fields) of a Markdown report."""
    meta: dict[str, str] = {}
    match = _FRONT_MATTER.match(markdown)
    if match:
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and value.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        markdown = markdown[match.end() :]
    heading = re.search(r"^ {0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$", markdown, re.MULTILINE)
    title = meta.get("title") or (heading.group(1) if heading else None)
    for pattern, replacement in _MD_RULES:
        markdown = pattern.sub(replacement, markdown)
    return title, clean_text(markdown), meta


_BLOCK_TAGS = (
    "p", "div", "section", "article", "main", "header", "footer", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th",
    "dt", "dd", "figcaption", "address",
)  # fmt: skip
_DATE_META = (
    "article:published_time", "datePublished", "date", "dc.date", "dcterms.date",
    "dc.date.issued", "citation_date", "pubdate",
)  # fmt: skip
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—-]|::)\s+")


def html_to_text(page: str) -> tuple[str | None, str, dict[str, str]]:
    """(title, cleaned text, metadata: url, date, lang) of an HTML page.

    trafilatura finds the article among menus and footers; when it finds nothing
    (a page that is all table, a tiny page) every block of the page is kept instead.
    """
    # lxml refuses str input that declares a byte encoding or holds control characters.
    page = _CONTROL.sub("", re.sub(r"^\s*<\?xml[^>]*\?>", "", page))
    try:
        tree = html.fromstring(page)
    except (etree.ParserError, ValueError):
        return None, "", {}
    meta = _html_metadata(tree)
    extracted = trafilatura.bare_extraction(
        page, include_comments=False, include_tables=True, with_metadata=False
    )
    body = getattr(extracted, "body", None)
    text = _trafilatura_blocks(body) if body is not None else ""
    if not text.strip():
        text = _all_blocks(tree)
    return _html_title(tree, meta.pop("site_name", None)), clean_text(text), meta


def _first(tree: Any, xpath: str) -> str | None:
    for value in tree.xpath(xpath):
        value = " ".join(str(value).split())
        if value:
            return value
    return None


def _html_metadata(tree: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    url = _first(tree, "//link[@rel='canonical']/@href") or _first(
        tree, "//meta[@property='og:url']/@content"
    )
    if url:
        meta["url"] = url
    for name in _DATE_META:
        value = _first(
            tree, f"//meta[@property='{name}' or @name='{name}' or @itemprop='{name}']/@content"
        )
        date = iso_date(value)
        if date:
            meta["date"] = date
            break
    else:
        date = iso_date(_first(tree, "//time/@datetime"))
        if date:
            meta["date"] = date
    lang = _first(tree, "/html/@lang")
    if lang:
        meta["lang"] = lang.split("-")[0].lower()
    site = _first(tree, "//meta[@property='og:site_name']/@content")
    if site:
        meta["site_name"] = site
    return meta


def _html_title(tree: Any, site_name: str | None) -> str | None:
    """og:title, else the first h1, else <title> without the site name; never the
    site name itself."""
    title = _first(tree, "//meta[@property='og:title']/@content")
    if not title or title == site_name:
        heading = tree.xpath("//h1")
        title = " ".join(heading[0].text_content().split()) if heading else None
    if not title:
        title = _first(tree, "//title/text()") or ""
        parts = _TITLE_SEPARATORS.split(title)
        if site_name in parts:
            parts.remove(site_name)
        elif " | " in title:  # "Article | Site" is the common order
            parts = title.split(" | ")
        else:
            parts = [title]
        title = parts[0] if parts else ""
    return title if title and title != site_name else None


def _trafilatura_blocks(body: Any) -> str:
    """trafilatura's XML body (<head>, <p>, <list>, <table>, <quote>) as paragraphs."""
    for br in body.iter("lb"):
        br.tail = "\n" + (br.tail or "")
    blocks = []
    for block in body:
        if block.tag == "list":
            rows = [_inline(item) for item in block.iter("item")]
        elif block.tag == "table":
            rows = [
                CELLS.join(_inline(cell) for cell in row.iter("cell")) for row in block.iter("row")
            ]
        else:
            rows = [_inline(block)]
        blocks.append("\n".join(row for row in rows if row))
    return "\n\n".join(block for block in blocks if block)


def _inline(element: Any) -> str:
    return "\n".join(" ".join(part.split()) for part in "".join(element.itertext()).split("\n"))


def _all_blocks(tree: Any) -> str:
    cleaner = Cleaner(
        scripts=True, javascript=True, style=True, comments=True, forms=True, kill_tags={"nav"}
    )
    tree = cleaner.clean_html(tree)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        # Whitespace in HTML source is layout; block edges and <br> are the breaks.
        text = re.sub(r"\s+", " ", element.text or "")
        tail = re.sub(r"\s+", " ", element.tail or "")
        if element.tag in _BLOCK_TAGS:
            text, tail = "\n\n" + text, "\n\n" + tail
        elif element.tag == "br":
            tail = "\n" + tail
        element.text, element.tail = text or None, tail or None
    return str(tree.text_content())
