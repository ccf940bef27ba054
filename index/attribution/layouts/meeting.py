"""Meeting-software transcripts (Zoom, Teams, Otter) and meeting notes: a time before
the label, ``[00:01:02] Ana Ferreira: …`` (a prefix, ``PREFIX``, before a colon label, a
bracketed label or a speaker's line), a bullet before it (``- **Ana Lima**: …``), and
bracketed labels on a line of their own, ``[Speaker: Name]``. The time after a name on
a line of its own, ``Ana Ferreira   0:05``, is a speaker's line (``layouts.earnings``).

Refuses: a bracket that holds a heading word ("[Summary]")."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout
from index.attribution.names import NAME_WORDS, label_role, plausible_name

# A time stamp of meeting software: "[00:01:02] ", "(1:02:03) ", "00:01:02 - ".
STAMP = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?"
_STAMP_FIRST = re.compile(rf"^{STAMP}\s+(?:[-–—|]\s+)?(?=\S)")

_BULLET = re.compile(r"^[-*•▪◦–]\s+(?=\S)")

_BRACKETED = re.compile(rf"^\[(?:Speaker:\s*)?(?P<name>{NAME_WORDS})(?:,\s*(?P<role>[^\]]+))?\]:?")


def prefix(text: str) -> re.Match[str] | None:
    """A time stamp or a list's bullet before a label ("[00:01:02] ", "- ")."""
    return _STAMP_FIRST.match(text)


def bullet(text: str) -> re.Match[str] | None:
    return _BULLET.match(text)


def read_bracketed(text: str, next_text: str | None) -> Header | None:
    """ "[Speaker: Ana Lima]", "[Ana Lima, Chair]"."""
    found = _BRACKETED.match(text)
    if found is None or not plausible_name(found.group("name")):
        return None
    return Header(found.group("name"), label_role(found.group("role")), found.end(), Layout.BRACKET)
