"""Lines of a record that are no one's speech: the record's own narration ("(Applause)",
"The meeting rose at 12.40 p.m.") and credits ("Interviewer: Paulo Mendes, newsletter
editor.")."""

from __future__ import annotations

import re

from index.attribution.names import NAME_WORDS
from index.lexicon import PROCEDURE_WORDS

# "Interviewer: Paulo Mendes, newsletter editor.", "Moderated by Ana Ferreira."
_CREDIT_LINE = re.compile(
    r"^(?:(?:Interviewer|Moderator|Chair|Chairperson|Rapporteur|Photos?|Credits?|Text|Author"
    r"|Editor|Reporter)\s*:|(?:Interviewed|Moderated|Chaired|Written|Reported)\s+by)"
    rf"\s+{NAME_WORDS}(?:,\s+[^.!?]{{1,120}})?\.?$"
)
# Lines that are not speech in any of these records.
_PROCEDURE = re.compile(
    rf"^\s*[(\[]{PROCEDURE_WORDS}[^)\]]*[)\]]\.?\s*$",
    re.IGNORECASE,
)
# The record's own narration between speeches, without brackets (UN verbatim records):
# "The meeting rose at 12.40 p.m.", "The meeting was suspended at 1 p.m. and resumed at 3.10 p.m."
_PROCEDURE_LINE = re.compile(
    r"^\s*The\s+(?:meeting|sitting|session)\s+(?:rose|(?:was\s+)?(?:called\s+to\s+order"
    r"|suspended|resumed|opened|closed|adjourned))\b[^!?]{0,80}$"
)


def is_procedure(text: str) -> bool:
    """ "(Applause)", "[Laughter]", "(The sitting was closed at 11.30)", "The meeting rose
    at 12.40 p.m.": not speech."""
    return bool(_PROCEDURE.match(text) or _PROCEDURE_LINE.match(text))


def is_credit_line(text: str) -> bool:
    """ "Interviewer: Paulo Mendes, newsletter editor.": who took part, not what was said."""
    return bool(_CREDIT_LINE.match(text))
