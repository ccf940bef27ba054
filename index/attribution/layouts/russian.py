"""Russia's records: "Председательствующий.", "Иванов И. П., фракция «Единая Россия».",
"Петрова А. С. Мы поддерживаем …" (surname and initials open the paragraph).

Refuses: the chair's title as a line of its own ("Председатель." with no speech after
it in the paragraph): no later layout reads it."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout, Refused
from index.attribution.names import label_role

# "Петрова А. С. Мы поддерживаем …" (surname and initials open the paragraph).
_RU_HEADER = re.compile(
    r"^(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)"
    r"(?:,\s+(?P<role>[^.!?\n]{2,160}?)\.|(?=\s+[А-ЯЁ«\"]))\s*"
    r"|^(?P<chair>Председательствующий|Председатель)(?:\s*\((?P<holder>[^()\n]{2,60})\))?\.$"
)


def read(text: str, next_text: str | None) -> Header | Refused | None:
    found = _RU_HEADER.match(text)
    if found is None:
        return None
    if found.group("chair"):
        if next_text is None:
            return Refused("the chair's title alone")
        chair, holder = found.group("chair"), found.group("holder")
        # "Председательствующий (В. В. Володин)." names who chairs
        return Header(holder or chair, chair if holder else None, len(text), Layout.RUSSIAN)
    return Header(found.group("name"), label_role(found.group("role")), found.end(), Layout.RUSSIAN)
