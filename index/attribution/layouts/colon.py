"""Colon labels: ``NAME: text``, ``Mr. Heusgen (Germany): …``, ``The President: …``,
``THE WITNESS: …``, ``Sofía Herrera: …``, ``Interviewer: …``, Hansard's ``Ed Miliband
(Doncaster North) (Lab): …``, voices numbered by a transcript (``Speaker 1:``, ``P2:``)
and informal transcripts' first names (``Anna: …``).

Refuses: labels of headings and forms ("Background:", "NOTE:", "THE EROSION OF
DEMOCRACY:", "Social And Economic Crisis:", "Location:"), labels that say for whom ("For
the Plaintiff: …"). A first name counts only where two names each open two turns
(``index.attribution.verbatim``)."""

from __future__ import annotations

import re

from index.attribution.layouts.german import office_and_name
from index.attribution.model import Header, Layout
from index.attribution.names import (
    GROUP,
    LINE_CHAIRS,
    LOW,
    NAME_WORDS,
    NOT_A_FIRST_NAME,
    NOT_A_SPEAKER,
    PARTY,
    SPOKE_IN,
    UP,
    as_written,
    label_role,
    plausible_name,
    plausible_person,
    title_case,
)

_CAPS_COLON = re.compile(r"^(?P<name>(?:[A-Z][A-Z.'’-]*\s+){0,4}[A-Z][A-Z.'’-]+):\s+")

_NAME_COLON = re.compile(rf"^(?P<name>{NAME_WORDS})(?:\s*{GROUP}{PARTY})?{SPOKE_IN}\s*:\s+")

# A colon label of capitals only that names no person: "NOTE:", "AGENDA:", "WHEREAS:".
_CAPS_NOT_A_SPEAKER = frozenset(
    "NOTE NOTES AGENDA WHEREAS RESOLVED SUMMARY BACKGROUND DECISION WARNING UPDATE".split()
)

# Transcripts of focus groups and recordings number their voices: "Speaker 1:",
# "Participant 3:", "P2:", "Respondent 12:".
_NUMBERED = re.compile(
    r"^(?P<name>(?:Speaker|Participant|Respondent|Interviewee|Voice|Student|Delegate)\s+\d{1,3}"
    r"|[PR]\d{1,3})\s*:\s+"
)
# Informal transcripts (podcasts, interviews) label turns by first name: "Anna: …",
# "Tom: …". One capitalised word before a colon is also a label of a form ("Location:",
# "Example:"), so such a layout counts only where two names each open two turns or more
# (``index.attribution.verbatim``), and words that label forms are none.
_FIRST_NAME = re.compile(rf"^(?P<name>[{UP}][{LOW}'’-]{{1,20}}):\s+")


# Words that join the words of a heading, not of a name: "THE EROSION OF DEMOCRACY:",
# "INVITATION TO SHAPE THE FUTURE TOGETHER:" (UN speeches set their sections so).
_HEADING_JOINS = frozenset("of to and for in on with at by from a an".split())


def _caps_label(name: str) -> bool:
    """ "THE WITNESS", "MR. ANDREWS", "JOHN SMITH": a speaker's label in capitals; not a
    heading ("CONCLUSION", "REFORMING GLOBAL GOVERNANCE", "THE EROSION OF DEMOCRACY")."""
    words = [w.strip(".").lower() for w in name.split()]
    if len(name) < 2 or name in _CAPS_NOT_A_SPEAKER or not words:
        return False
    if words[0] in NOT_A_SPEAKER or words[-1] in NOT_A_SPEAKER:
        return False
    if any(w in _HEADING_JOINS for w in words):
        return False
    return not (words[0].endswith("ing") and len(words[0]) > 5)  # "REFORMING …"


def _not_a_heading(name: str) -> bool:
    """ "Social And Economic Crisis: …" is a section in title case: names never join
    their words with a capitalised "And", "Of", "To"."""
    return not any(w.lower() in _HEADING_JOINS and w[:1].isupper() for w in name.split()[1:])


def read_capitals(text: str, next_text: str | None) -> Header | None:
    """ "THE WITNESS:", "MR. ANDREWS:" (read before "Name:": capitals are words of a name
    too)."""
    found = _CAPS_COLON.match(text)
    if found is None or not _caps_label(found.group("name")):
        return None
    return Header(title_case(found.group("name")), None, found.end(), Layout.COLON)


def read_name(text: str, next_text: str | None) -> Header | None:
    """ "Sofía Herrera: ", "Mr. Heusgen (Germany) (spoke in French): "."""
    found = _NAME_COLON.match(text)
    if (
        found is not None
        and plausible_name(found.group("name"))
        and (_caps_label if found.group("name").isupper() else _not_a_heading)(found.group("name"))
    ):
        return _named_label(found)
    return None


def read_numbered(text: str, next_text: str | None) -> Header | None:
    """ "Speaker 1: ", "P2: "."""
    found = _NUMBERED.match(text)
    if found is None:
        return None
    return Header(" ".join(found.group("name").split()), None, found.end(), Layout.COLON)


def read_first_name(text: str, next_text: str | None) -> Header | None:
    """ "Anna: ", not "Location: "."""
    found = _FIRST_NAME.match(text)
    if found is None or found.group("name").lower() in NOT_A_FIRST_NAME:
        return None
    return Header(found.group("name"), None, found.end(), Layout.FIRST_NAME)


def _named_label(found: re.Match[str]) -> Header:
    """ "Ed Miliband (Doncaster North) (Lab): " → Ed Miliband, "Doncaster North, Lab";
    "Präsidentin Bärbel Bas: " → Bärbel Bas, "Präsidentin" (``layouts.german``)."""
    name = as_written(found.group("name"))  # "MR. NEBENZIA (Russian Federation):"
    roles = [found.group("role"), found.group("party")]
    if name.lower() in LINE_CHAIRS and roles[0] and plausible_person(roles[0]):
        # "Chair (Ana Lima): ", "Moderator (Jane Smith): ": the office, then who holds it
        name, roles[0] = roles[0], name
    layout = Layout.COLON
    german = office_and_name(name)
    if german is not None:
        roles.insert(0, german[0])
        name, layout = german[1], Layout.GERMAN
    return Header(name, label_role(", ".join(r for r in roles if r)), found.end(), layout)
