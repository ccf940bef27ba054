"""France's parliamentary records: "M. Jean Dupont.", "Mme la présidente.", "Mme Claire
Martin, ministre du travail." opening a paragraph that goes on with the speech.

Refuses: such a sentence alone in its paragraph (no speech follows it), and a name that
is a heading word."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout
from index.attribution.names import NAME_WORDS, label_role, plausible_name

# du travail." opening a paragraph that goes on with the speech.
_FR_HEADER = re.compile(
    r"^(?P<name>(?:M\.|Mme|Mlle)\s+(?:(?:le|la)\s+[a-zà-ÿ'’ -]{3,60}?"
    rf"|{NAME_WORDS}))(?:,\s+(?P<role>[^.!?\n]{{2,160}}?))?\s*\.$"
)


def read(text: str, next_text: str | None) -> Header | None:
    found = _FR_HEADER.match(text) if next_text is not None else None
    if found is None or not plausible_name(found.group("name")):
        return None
    name = re.sub(r"^(?:M\.|Mme|Mlle)\s+(?=[A-Z])", "", found.group("name"))
    return Header(name, label_role(found.group("role")), len(text), Layout.FRENCH)
