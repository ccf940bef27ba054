"""Italy's records: "PRESIDENTE.", "MARIO ROSSI.", "GIULIA BIANCHI, Ministra del lavoro."
opening a paragraph that goes on with the speech. A record is read so only where a
chair speaks among such headers (``index.attribution.verbatim``).

Refuses: such a sentence alone in its paragraph; run-in headings in capitals ("MAIN
RISKS.") in a record where no chair speaks."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout
from index.attribution.names import MAX_NAME_WORDS, UP, label_role, plausible_name, title_case

# opening a paragraph that goes on with the speech.
_CAPS_HEADER = re.compile(
    rf"^(?P<name>[{UP}][{UP}'’-]+(?:\s+[{UP}][{UP}'’.-]*){{0,{MAX_NAME_WORDS - 1}}})"
    r"(?:,\s+(?P<role>[^.!?\n]{2,160}?))?\s*\.$"
)
# Russia's records: "Председательствующий.", "Иванов И. П., фракция «Единая Россия».",


def read(text: str, next_text: str | None) -> Header | None:
    found = _CAPS_HEADER.match(text) if next_text is not None else None
    if found is None or not plausible_name(found.group("name")):
        return None
    name = title_case(found.group("name"))
    return Header(name, label_role(found.group("role")), len(text), Layout.ITALIAN)
