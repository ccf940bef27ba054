"""A panel's transcript: the speaker's name in capitals on a line of its own, "SARA
OKAFOR", "JAN DE VRIES", the words below. It counts only where a chair's line
("MODERATOR") speaks among them (``index.attribution.verbatim``).

Refuses: headings in capitals ("EXECUTIVE SUMMARY") in a record where no chair speaks;
a line that is a heading word."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout
from index.attribution.names import (
    HEADER_PARTICLE,
    MAX_NAME_WORDS,
    UP,
    plausible_name,
    title_case,
)

# A panel's transcript: the speaker's name in capitals on a line of its own, "SARA
# OKAFOR", "JAN DE VRIES" (a layout of its own, which counts only where a chair's line,
# "MODERATOR", speaks among them: headings in capitals are no speakers).
_CAPS_LINE = re.compile(
    rf"^(?P<name>[{UP}][{UP}'’.-]+(?:\s+(?:{HEADER_PARTICLE.upper()}|{HEADER_PARTICLE}|[{UP}][{UP}'’.-]+))"
    rf"{{1,{MAX_NAME_WORDS - 1}}})\s*$"
)


def read(text: str, next_text: str | None) -> Header | None:
    found = _CAPS_LINE.match(text) if next_text is None else None
    if found is None or not plausible_name(found.group("name")):
        return None
    return Header(title_case(found.group("name")), None, len(text), Layout.PANEL)
