"""The layouts of turn headers, in the order they are tried: the first whose reader
claims the first sentence of a paragraph gives its header (or refuses it for all).

The order is part of the rules: a question label before anything ("Q: …"), titles in
capitals before names ("Mr. SMITH." is the Congressional Record's, "THE WITNESS:" a
colon label's), a first name ("Anna:") and whole lines last, since they take what the
others leave. Adding a format: a module in ``layouts/`` with a ``read(text,
next_text)``, one entry here, one sample folder (docs/formats.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from index.attribution.layouts import (
    cjk,
    colon,
    committee,
    congress,
    earnings,
    europarl,
    french,
    hansard,
    iberian,
    italian,
    meeting,
    panel,
    qa,
    russian,
)
from index.attribution.model import Header, Refused
from index.attribution.procedure import is_credit_line

Reader = Callable[[str, str | None], Header | Refused | None]

# ``read(text, next_text)``: ``text`` opens a paragraph, ``next_text`` is the sentence
# after it in the same paragraph (None when it is a line of its own).
READERS: tuple[Reader, ...] = (
    qa.read,
    meeting.read_bracketed,
    europarl.read,
    congress.read,
    french.read,
    iberian.read,
    italian.read,
    russian.read,
    hansard.read,
    colon.read_capitals,
    colon.read_name,
    colon.read_numbered,
    cjk.read,
    colon.read_first_name,
    earnings.read,
    panel.read,
)
# What may follow a time stamp, a committee's question number or a bullet.
_AFTER_PREFIX = frozenset({"colon", "bracket", "line"})


def header_at(text: str, next_text: str | None) -> Header | None:
    """The header opening ``text`` (the first sentence of a paragraph), if any.
    ``next_text`` is the following sentence of the same paragraph (EP layout)."""
    if is_credit_line(text):
        return None  # "Interviewer: Paulo Mendes, newsletter editor." names, says nothing
    # a time stamp, a committee's question number, a list's bullet ("- **Ana Lima**: …" in
    # meeting notes) before the label
    stamp = _prefix(text)
    if stamp is not None:
        header = _read(text[stamp.end() :], next_text)
        if header is None or header.kind not in _AFTER_PREFIX:
            return None
        return replace(header, length=header.length + stamp.end())
    return _read(text, next_text)


def _prefix(text: str) -> re.Match[str] | None:
    return meeting.prefix(text) or committee.prefix(text) or meeting.bullet(text)


def _read(text: str, next_text: str | None) -> Header | None:
    for read in READERS:
        found = read(text, next_text)
        if found is not None:
            return None if isinstance(found, Refused) else found
    return None
