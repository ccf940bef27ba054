"""The names in turn headers: what a speaker's label may be, and how it is written back
("MR. ANDREWS" → "Mr. Andrews"). Shared by the layouts of ``index.attribution.layouts``."""

from __future__ import annotations

import re

from index.lexicon import CHAIR_TITLES, NAME_PARTICLES, particle_pattern
from index.lexicon.scripts import LOWER, UPPER

# Names in a header: capitalised words, particles and initials, at most this many words
# (the longest EP names in the 2011 debates have six: "Maria do Céu Patrão Neves").
MAX_NAME_WORDS = 7
UP, LOW = UPPER, LOWER
WORD = rf"[{UP}][{LOW}{UP}'’.-]*"
# a name's particles ("van der", "della"), and "in", "the" of offices read as names
HEADER_PARTICLE = particle_pattern(NAME_PARTICLES | {"in", "the"})
NAME_WORDS = rf"{WORD}(?:\s+(?:{HEADER_PARTICLE}\s+)*{WORD}){{0,{MAX_NAME_WORDS - 1}}}"
PARTICLE_WORDS = frozenset(re.findall(r"[\w']+", HEADER_PARTICLE))
GROUP = r"\((?P<role>[^()\n]{1,120})\)"
SPOKE_IN = r"(?:\s*\((?:spoke|speaking|interpretation)\s+(?:in|from)\s+[^()]{1,30}\))?"
# Hansard's party after the constituency: "Ed Miliband (Doncaster North) (Lab):".
PARTY = r"(?:\s*\((?!spoke\b|speaking\b|interpretation\b)(?P<party>[^()\n]{1,40})\))?"

# Words that end a colon label that is a heading, not a person ("Background: …").
NOT_A_SPEAKER = frozenset(
    """background summary note notes agenda item items conclusion conclusions context
    decision decisions outcome outcomes result results source sources date dates time venue
    place participants speakers topic topics theme objective objectives purpose next steps
    recommendation recommendations question answer title subject key points see also
    contents introduction annex table figure chart photo photos update updates press release
    update contact location where when what why how programme program session panel opening
    closing remarks statement statements report reports minutes attendance present absent""".split()
)
# A label that opens with a preposition says for whom or when, and names no one: "For
# the Plaintiff: MS. RACHEL STEIN" in a transcript's appearances ("the" is also a name's
# particle).
PREPOSITIONS = frozenset("for by on in at to from with of per via under after before".split())

# The titles of whoever chairs a sitting, in the languages of the records above.
ROLE_NAMES = CHAIR_TITLES
LINE_CHAIRS = ROLE_NAMES | {"operator", "host", "interviewer", "facilitator"}
# A line header's role holds one of these words, so that a heading "Supply Chain -
# Principal Risks" is no speaker.
ROLE_LINE_WORDS = frozenset(
    """chief executive officer financial operating technology analyst president vice
    chairman chairwoman chair director minister secretary member head manager partner
    senator governor mayor ceo cfo coo cto founder treasurer relations spokesperson
    moderator host rapporteur commissioner ambassador delegate representative economist
    researcher professor adviser advisor""".split()
)

# One capitalised word before a colon that labels a form, not a voice (``layouts.colon``).

NOT_A_FIRST_NAME = NOT_A_SPEAKER | frozenset(
    """example examples tip tips warning caution important reminder step steps comment comments
    reply response status owner action actions deadline budget cost costs total name email
    phone tel fax address website link links tags tag category categories keywords abstract
    methods method findings finding discussion limitations goal goals aim aims target scope
    definition definitions requirement requirements input output lesson lessons problem
    solution issue issues risk risks impact priority priorities audience format duration
    language languages level type price author authors editor publisher year volume
    edition chapter section page article quote quotes caption figure note summary
    first second third fourth fifth sixth seventh eighth ninth tenth firstly secondly
    thirdly lastly finally next then also however yes no premièrement deuxièmement
    troisièmement erstens zweitens drittens primero segundo tercero""".split()
)


def is_chair(name: str) -> bool:
    """ "President", "Presidente", "Moderator": the title of whoever chairs the sitting."""
    return name.lower() in LINE_CHAIRS


def plausible_person(text: str) -> bool:
    """ "Ana Lima": two or more capitalised words, not a role or a heading."""
    words = text.split()
    return (
        2 <= len(words) <= MAX_NAME_WORDS
        and all(w[:1].isupper() or w.lower() in PARTICLE_WORDS for w in words)
        and plausible_name(text)
        and not any(w.lower() in ROLE_LINE_WORDS for w in words)
    )


def plausible_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    lowered = [w.lower().strip(".") for w in words]
    if lowered[-1] in NOT_A_SPEAKER or lowered[0] in NOT_A_SPEAKER or lowered[0] in PREPOSITIONS:
        return False
    if len(words) == 1:
        # One word: a chair's or an interviewer's title ("President", "Interviewer"); an
        # honorific name is two words.
        return lowered[0] in LINE_CHAIRS
    return True


def as_written(name: str) -> str:
    """A name in capitals in title case, any other as the record writes it ("McDonald")."""
    return title_case(name) if name.isupper() else name


def title_case(name: str) -> str:
    """ "MR. ANDREWS" → "Mr. Andrews", "THE WITNESS" → "The Witness", "THOMAS-GREENFIELD"
    → "Thomas-Greenfield", "O'NEILL" → "O'Neill"."""
    return re.sub(
        r"[^\W\d_]+", lambda m: m.group()[:1] + m.group()[1:].lower(), " ".join(name.split())
    )


def label_role(text: str | None) -> str | None:
    if not text:
        return None
    role = " ".join(text.replace("&amp;", "&").split()).strip(" ,.;:")
    return role or None
