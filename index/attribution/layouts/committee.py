"""UK select committees number the members' questions: "Q12 Chair: …", "Q13 Rachel
Blake: …". The number is a prefix before a colon label (``layouts.colon``).

Refuses: a number before anything but a colon label, a bracketed label or a speaker's
line (``index.attribution.registry``)."""

from __future__ import annotations

import re

# UK select committees number the members' questions: "Q12 Chair: …", "Q13 Rachel Blake: …"
_QUESTION_NUMBER = re.compile(r"^Q\d{1,4}\s+(?=[A-Z])")


def prefix(text: str) -> re.Match[str] | None:
    return _QUESTION_NUMBER.match(text)
