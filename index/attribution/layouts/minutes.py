"""Minutes and attendance lists: "Present: Ana Lima (Chair), Ben Okoro", the label on a
line of its own with one name a line below it, witnesses' lists, initials the minutes
then write for a person ("PS presented …"), and a role as the subject ("The Chair
proposed …").

Refuses: list items that are no names ("Apologies", "Item 3"), initials that are not
the person's ("JdV")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.attribution.model import Attribution, Speaker
from index.attribution.persons import (
    NAME,
    TITLES,
    clean_role,
    could_be_name,
    looks_like_role,
    without_courtesy,
)
from index.attribution.speech import AUX, DISCOURSE, VERBS
from index.attribution.state import State
from index.lexicon import ATTENDANCE_LABELS
from index.sentences import Sentence

# Ben Okoro, Carla Smith (Treasurer)". "The Chair proposed …" is then Ana Lima.
# Committees list their witnesses so ("Witnesses: Dr Helen Price, Chief Economist, Debt
# Advice Trust; Martin Cole, …"), and minutes give initials that the minutes then write
# for the person ("Priya Shah (PS), Finance Director; …" and "PS presented …").
_ATTENDANCE = re.compile(rf"^{ATTENDANCE_LABELS}\s*:\s*(?P<list>.+)$", re.I | re.S)
# The same label alone, its list on the lines below.
_ATTENDANCE_LABEL = re.compile(
    _ATTENDANCE.pattern.replace(r"\s*:\s*(?P<list>.+)$", r"\s*:\s*$"), re.I
)
_ATTENDEE = re.compile(
    rf"^\s*{NAME}\s*(?:\((?P<paren>[^()]{{1,60}})\))?\s*(?:,\s*(?P<after>[^;]{{2,160}}?))?\s*\.?\s*$"
)
_INITIALS = re.compile(r"[A-Z]{2,4}")
# "PS presented the rent proposal.", "DO reported that …": initials an attendance list
# gave, acting
INITIALS_SUBJECT = re.compile(rf"^(?P<initials>[A-Z]{{2,4}})\s+{AUX}(?:{VERBS}|[a-z]+ed)\b")
# "The Chair proposed …", "The Treasurer presented …": a role as the subject, acting.
ROLE_SUBJECT = re.compile(
    r"^(?:The|Der|Die|Le|La|El|Il|O|A|M\.\s+le|Mme\s+la|Monsieur\s+le|Madame\s+la)\s+"
    rf"(?P<role>(?:[\w-]+\s+){{0,2}}[\w-]+)\s+{AUX}(?:{VERBS}|{DISCOURSE}|[a-z]+ed)(?!\w)"
)


def listed_attendance(sentences: Sequence[Sentence], state: State) -> dict[int, Attribution]:
    """The lines of attendance lists on lines of their own ("Present:" then "Marta
    Okonkwo (Chair)", "Piet Janssen (Harbour Master)", …, one a line), their roles
    remembered as a one-line list's are; by sentence index."""
    out: dict[int, Attribution] = {}
    for i, sentence in enumerate(sentences):
        if not _ATTENDANCE_LABEL.match(sentence.text):
            continue
        j = i + 1
        while j < len(sentences) and _ATTENDEE.match(sentences[j].text):
            j += 1
        if j - i < 2:
            continue
        attendance(f"{sentence.text} {'; '.join(s.text for s in sentences[i + 1 : j])}", state)
        out[i] = Attribution(role_only=True)
        out.update((k, Attribution(listed=True)) for k in range(i + 1, j))
    return out


def attendance(text: str, state: State) -> bool:
    """Whether ``text`` lists who attended; their roles are remembered."""
    found = _ATTENDANCE.match(text)
    if found is None:
        return False
    listed = found.group("list")
    # "Ana Lima (Chair), Ben Okoro" or, where a role follows a name after a comma,
    # "Priya Shah (PS), Finance Director; Tom Fletcher, Board member"
    items = listed.split(";") if ";" in listed else re.split(r",\s*(?![^()]*\))", listed)
    for item in items:
        attendee = _ATTENDEE.match(item)
        if attendee is None or not could_be_name(attendee.group("name").split()):
            continue
        name, paren, after = attendee.group("name", "paren", "after")
        name = without_courtesy(name)
        initials = paren is not None and _are_initials(paren, name)
        role = after if initials or paren is None else paren
        if role is not None and not looks_like_role(role, allow_title_case=paren is not None):
            role = None
        if role is None and not initials and len(name.split()) < 2:
            continue
        person = state.remember(Speaker(name, clean_role(role) if role else None))
        if initials:
            state.by_initials[paren] = person
        if role is not None:
            state.by_role[person.role.lower() if person.role else role.lower()] = person
    return True


def _are_initials(text: str, name: str) -> bool:
    """ "PS" for Priya Shah, "JdV" is no initials here (two to four capitals)."""
    letters = [w[0] for w in name.split() if w[0].isupper() and w.lower() not in TITLES]
    return bool(_INITIALS.fullmatch(text)) and text == "".join(letters)[: len(text)]
