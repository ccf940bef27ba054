"""Germany's records put the office before the name in a colon label: "Präsidentin
Bärbel Bas: ", "Bundesminister Dr. Robert Habeck: " (read by ``layouts.colon``, which
hands the label here).

Refuses: an office before one word ("Präsident Macron:" stays a name)."""

from __future__ import annotations

import re

# Germany's records put the office before the name: "Präsidentin Bärbel Bas: ".
GERMAN_OFFICE = re.compile(
    r"^(?P<office>(?:Vize|Alters)?[Pp]räsident(?:in)?|Bundeskanzler(?:in)?|Bundesminister(?:in)?"
    r"|Staatsminister(?:in)?|Parl\.\s+Staatssekretär(?:in)?|Staatssekretär(?:in)?)\s+(?P<name>.+)$"
)
# Italy's records: "PRESIDENTE.", "MARIO ROSSI.", "GIULIA BIANCHI, Ministra del lavoro."


def office_and_name(label: str) -> tuple[str, str] | None:
    """ "Präsidentin Bärbel Bas" → ("Präsidentin", "Bärbel Bas"); None when the label
    opens with no office or one word follows it."""
    office = GERMAN_OFFICE.match(label)
    if office is None or len(office.group("name").split()) < 2:
        return None
    return office.group("office"), office.group("name")
