"""UK Hansard and records like it: an office, then who holds it, before a colon: "The
Prime Minister (Boris Johnson): ", "The Secretary of State for Energy Security (Claire
Coutinho): ", "Mr. Heusgen (Germany) (spoke in French): ". A member's own label, "Ed
Miliband (Doncaster North) (Lab): ", is a colon label (``layouts.colon``).

Refuses: a bracket that holds no name ("The Committee (Report Stage): ")."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout
from index.attribution.names import NAME_WORDS, SPOKE_IN, label_role, plausible_name

# "The Prime Minister (Boris Johnson): " / "Mr. Heusgen (Germany) (spoke in French): "
# Hansard's offices: "The Secretary of State for Energy Security (Claire Coutinho): ".
_OFFICE = r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|the|on|to|in)){0,12}"
_ROLE_THEN_NAME = re.compile(
    rf"^(?P<role>The\s+(?:{NAME_WORDS}|[A-Z][a-z]+(?:\s+[a-z]+){{0,3}}(?:\s+{NAME_WORDS})?"
    rf"|{_OFFICE}))"
    rf"\s+\((?P<name>{NAME_WORDS})\){SPOKE_IN}\s*:\s+"
)
# US Congressional Record: "Mr. SMITH.", "Ms. JONES of Texas.", "The SPEAKER pro tempore.",
# "The PRESIDING OFFICER." as the first sentence of a paragraph.


def read(text: str, next_text: str | None) -> Header | None:
    found = _ROLE_THEN_NAME.match(text)
    if found is not None and plausible_name(found.group("name")):
        role = label_role(found.group("role"))
        return Header(found.group("name"), role, found.end(), Layout.HANSARD)
    return None
