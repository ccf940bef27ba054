"""Earnings calls and panel transcripts: the speaker on a line of their own, "Jane Doe
-- Chief Executive Officer", "Maria Lopez -- Northbridge Securities -- Analyst", a
chair's label alone ("Operator"), and meeting software's "Ana Ferreira   0:05"; the
speaker holds the floor until the next such line.

Refuses: a line that goes on into a sentence, a heading with a dash ("Supply Chain -
Principal Risks": its role has no role word), one word that names no chair."""

from __future__ import annotations

import re

from index.attribution.layouts.meeting import STAMP
from index.attribution.model import Header, Layout
from index.attribution.names import (
    LINE_CHAIRS,
    NAME_WORDS,
    ROLE_LINE_WORDS,
    as_written,
    label_role,
    plausible_name,
)

_LINE_HEADER = re.compile(
    rf"^(?P<name>{NAME_WORDS}|Speaker\s+\d{{1,2}})(?:\s+(?:--|–|—|-)\s+(?P<role>[^\n]{{2,120}}?))?"
    rf"(?P<stamp>\s+{STAMP})?\s*$"
)


def read(text: str, next_text: str | None) -> Header | None:
    found = _LINE_HEADER.match(text) if next_text is None else None
    if found is None or not _speaker_line(
        found.group("name"), found.group("role"), bool(found.group("stamp"))
    ):
        return None
    role = found.group("role")
    role = re.sub(r"\s+(?:--|–|—|-)\s+", ", ", role) if role else None
    return Header(as_written(found.group("name")), label_role(role), len(text), Layout.LINE)


def _speaker_line(name: str, role: str | None, stamped: bool = False) -> bool:
    """ "Jane Doe -- Chief Executive Officer", "Operator", and meeting software's "Ana
    Ferreira   0:05": a speaker's line of their own."""
    if stamped and role is None:
        return plausible_name(name) and (len(name.split()) >= 2 or name.lower() in LINE_CHAIRS)
    if role is None:
        return name.lower() in LINE_CHAIRS
    words = {w.lower() for w in re.findall(r"[\w'’-]+", role)}
    return len(name.split()) >= 2 and plausible_name(name) and bool(words & ROLE_LINE_WORDS)
