"""The US Congressional Record and hearings: "Mr. SMITH.", "Ms. JONES of Texas.", "The
SPEAKER pro tempore.", "Senator WARREN." as the first sentence of a paragraph.

Refuses nothing it matches: a title and a surname in capitals alone as a sentence are a
header in any record."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout
from index.attribution.names import title_case

_CR_HEADER = re.compile(
    r"^(?:(?:(?P<title>Mr\.|Mrs\.|Ms\.|Miss|Dr\.)|(?P<rank>Senator|Chairman|Chairwoman|Chair"
    r"|Representative|Secretary|Governor|Ambassador|General|Admiral|Judge|Commissioner|Mayor"
    r"|Ranking\s+Member|Vice\s+Chairman))\s+(?P<surname>[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+)?)"
    r"(?:\s+of\s+(?P<state>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?"
    r"|The\s+(?P<office>SPEAKER|PRESIDING\s+OFFICER|CHAIR(?:MAN|WOMAN)?|CLERK|CHIEF\s+JUSTICE"
    r"|VICE\s+PRESIDENT|ACTING\s+PRESIDENT|PRESIDENT)(?:\s+pro\s+tempore)?)\.$"
)


def read(text: str, next_text: str | None) -> Header | None:
    found = _CR_HEADER.match(text)
    if found is None:
        return None
    if found.group("office"):
        office = " ".join(found.group(0).rstrip(".").split())
        name = title_case(office).replace(" Pro Tempore", " pro tempore")
        return Header(name, None, len(text), Layout.CONGRESS)
    # "Mr. SMITH." → "Mr. Smith"; a hearing's "Senator WARREN." → "Senator Warren",
    # whose office is their role ("What did the senator say?")
    rank = " ".join(found.group("rank").split()) if found.group("rank") else None
    name = f"{rank or found.group('title')} {title_case(found.group('surname'))}"
    role = ", ".join(r for r in (rank, found.group("state")) if r) or None
    return Header(name, role, len(text), Layout.CONGRESS)
