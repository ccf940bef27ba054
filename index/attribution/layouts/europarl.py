"""European Parliament: ``Name (Group). – (XX) text`` and ``President. – text``. The
splitter cuts "Name (Group)." off as a sentence of its own, and a role may follow as the
next one ("– Member of the Commission.").

Refuses: a sentence "Name." with no dash opening the next one ("John Smith." in a news
report), a name that is a heading word ("Conclusion.")."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout
from index.attribution.names import GROUP, NAME_WORDS, SPOKE_IN, label_role, plausible_name

# "President." / "David Martin (S&D)." / "Mr Heusgen (Germany)." as a whole sentence.
_EP_HEADER = re.compile(rf"^(?P<name>{NAME_WORDS})(?:\s*{GROUP})?{SPOKE_IN}\s*\.$")
# "– (EN) " / "- " at the start of the sentence after an EP header.
_EP_LEAD = re.compile(r"^[–—-]\s*(?:\([A-Z]{2}\)\s*)?")


def read(text: str, next_text: str | None) -> Header | None:
    """ "David Martin (S&D)." before "– (EN) Madam President, …"."""
    found = _EP_HEADER.match(text)
    if (
        found is not None
        and next_text is not None
        and _EP_LEAD.match(next_text)
        and plausible_name(found.group("name"))
    ):
        role = label_role(found.group("role"))
        return Header(found.group("name"), role, len(text), Layout.EUROPARL)
    return None


def ep_lead_length(text: str) -> int:
    """Length of "– (EN) " at the start of the sentence after an EP header."""
    found = _EP_LEAD.match(text)
    return 0 if found is None else found.end()
