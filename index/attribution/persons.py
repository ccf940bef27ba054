"""People named in running text: the pattern of a name ("Dr. Sofía Herrera", "Jan van
der Berg"), the roles written next to it ("member of the Commission"), and the
``Speaker`` a match makes (a surname alone is the person named before)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from index import lexicon
from index.attribution.model import Speaker
from index.attribution.names import LOW, UP
from index.attribution.speech import VERBS
from index.attribution.state import State
from index.lexicon import CONJUNCTION_PARTICLES, NAME_PARTICLES, particle_pattern

# Longest role kept: longer text next to a name is a clause, not a role.
MAX_ROLE_CHARS = 200

_TOKEN = rf"(?:[{UP}][{LOW}'’]+(?:-[{UP}]?[{LOW}'’]+)*|[{UP}]\.)"
# a name's particles, not those that are also a conjunction ("Ana Lima y Pedro Gómez")
PARTICLES = NAME_PARTICLES - CONJUNCTION_PARTICLES
NAME_PARTICLE = particle_pattern(PARTICLES)
# A name starts where no letter precedes it, or inside a glued photo caption
# ("Sergey-GrebennikovSergey Grebennikov"), where a lower-case letter does.
# Honorifics before a name, up to two ("Frau Dr. Keller"): English, French ("M.", "Mme"),
# Spanish ("Sr.", "Sra."), German ("Herr", "Frau").
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Prof|Mme|Mlle|Sra|Srta|Sr|Herr|Frau|M(?=\.))\.?"
NAME = (
    rf"(?:(?<![\w'’-])|(?<=[{LOW}]))"
    rf"(?P<name>(?:{_HONORIFIC}\s+){{0,2}}{_TOKEN}(?:\s+(?:{NAME_PARTICLE}\s+)*{_TOKEN}){{0,4}})"
)
# A role between commas after the name ("X, member of …, media and …, noted"), after the
# age news agencies give ("Ana Lima, 61, said", "John Smith, 45, a teacher, said").
AGE = r"(?:,\s+\d{1,3}(?=,))?"
ROLE_BETWEEN = rf"{AGE}(?:,\s+(?P<role_mid>[^;“”\"]{{3,200}}?),|,)?"

PERSON = re.compile(NAME)

FIRST_PERSON = re.compile(
    r"\b(?:I|[Ww]e|[Oo]ur|[Mm]y|us|me|[Jj]e|[Nn]ous|[Nn]os|[Nn]otre|[Яя]|[Мм]ы|[Нн]аш[а-я]*)\b"
)

ANY_VERB = re.compile(rf"\b{VERBS}\b")

# The titles before a name, and those a name drops when a given name follows ("M. Paul
# Girard", "Frau Aylin Demir" are Paul Girard and Aylin Demir); English records keep
# "Dr Helen Price". Role words (``index.lexicon``).
COURTESY = lexicon.COURTESY
TITLES = lexicon.TITLES | COURTESY
ROLE_WORDS = lexicon.ROLE_WORDS
# Capitalised words that begin sentences or name places and bodies, never a person.
NOT_NAMES = lexicon.BODY_WORDS | frozenset(
    """the this that these those it he she they we i you our their his her its in on at
    for from with by as during after before today yesterday however according summarizing
    summarising speaking addressing also and but so then there here when while a an all both
    each many most some such what which who why how internet
    since if although though whereas unless until once yet thus therefore moreover
    furthermore indeed finally first second third lastly next now again meanwhile
    nevertheless nonetheless instead likewise similarly otherwise perhaps recently earlier
    later last every like unlike despite given under over through without within among
    between across against following regarding concerning where whether
    united states rights human global agenda action
    weapons islands island archipelago force forces manifesto declaration convention treaty
    charter programme program agreement conference summit north south east west african
    caribbean pacific arab islamic transparency watch amnesty court security development
    goals fund initiative alliance coalition partnership framework strategy plan report
    network foundation party movement front league army police media press news
    le la les un une des il elle ils elles nous je selon enfin ensuite puis lors dans
    pour avec sur par en au aux du de ce cette ces son sa ses leur leurs
    он она они мы я по в на с для при после также кроме однако затем итоги
    участники это этот эта""".split()
)
_ROLE_MODIFIERS = frozenset("the a an former acting honorary senior".split())
_ROLE_FUNCTION_WORDS = frozenset(
    "of for and the on in at to de du la a an del des der di della do da dos y e und von".split()
)
_ROLE_CLAUSE_START = re.compile(
    r"^(?:who|which|that|and|but|in|at|on|during|as|when|while|adding|saying|stressing|"
    r"noting|because|if|after|before|with|to)\b"
)
# A speech opens by addressing the chair ("Madam President, ladies and gentlemen, …",
# "Mr President, in 2012, we …"), or speaks in the first person (``FIRST_PERSON``): the
# role words then are whom it speaks to. Read as the
# speaker's role, they took 221 of the 370 roles of 36 European Parliament debates, and
# the first sentence of each of those speeches out of what answers may quote.
_ADDRESS = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Madam|Madame|Mister)\.?\s+)?(?:President|Chair(?:man|woman|person)?"
    r"|Speaker|Commissioner|Vice-President|President-in-Office)\s*,"
)


def role_after(text: str) -> str | None:
    """ "X, president of …, …": the appositive after a name."""
    found = re.match(r",\s+([^;“”\"]{3,200}?),\s+[a-z]", text)
    if found and looks_like_role(found.group(1), allow_title_case=False):
        return clean_role(found.group(1))
    return None


def overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        yield match
        pos = match.start() + 1


def speaker_from(raw_name: str, role_texts: Sequence[str | None], state: State) -> Speaker | None:
    """A ``Speaker`` from a matched name; role words before the name move to the role."""
    tokens = raw_name.split()
    lead: list[str] = []
    if len(tokens) > 1 and tokens[0].endswith(("'s", "’s")):
        tokens.pop(0)  # "Allmusic's Stephen Thomas Erlewine"
    while (
        tokens
        and tokens[0].lower() not in TITLES
        and (
            tokens[0].lower() in NOT_NAMES
            or tokens[0].lower() in ROLE_WORDS
            or _is_demonym(tokens[0])
        )
    ):
        lead.append(tokens.pop(0))
    if not tokens or not could_be_name(tokens):
        return None
    role = next(
        (clean_role(r) for r in role_texts if r and looks_like_role(r, allow_title_case=False)),
        None,
    )
    if role is None and any(t.lower() in ROLE_WORDS for t in lead):
        role = " ".join(t for t in lead if t.lower() not in NOT_NAMES) or None
    declined = _declined(tokens, state)
    if declined is not None:
        return state.remember(Speaker(declined.name, role or declined.role))
    titles = 0
    while titles < len(tokens) and tokens[titles].lower() in TITLES:
        titles += 1
    if titles == len(tokens):
        return None
    titled = titles > 0 or any(t.lower() in ROLE_WORDS for t in lead)
    rest = tokens[titles:]
    if all(t.lower() in PARTICLES for t in rest[:-1]):
        # a surname alone ("Okafor", "Le Goff"): the person the report named before, or
        # one given a title
        surname = " ".join(rest)
        matches = {
            s.name
            for s in state.known.values()
            if s.name == surname or s.name.endswith(" " + surname)
        }
        if len(matches) == 1:
            return state.remember(Speaker(matches.pop(), role))
        if not titled:
            return None
        return state.remember(Speaker(" ".join(tokens), role))  # "Ms. Ortiz", "Herr Braun"
    return state.remember(Speaker(without_courtesy(" ".join(tokens)), role))


def could_be_name(tokens: Sequence[str]) -> bool:
    """No word of a body, a role or a sentence's start, no possessive ("Dr de Gay's
    works", "Bangladesh’s Father"); a particle is a name's, in lower case or inside it
    ("Jan de Vries", "Ana de la Cruz", "Yann Le Goff")."""
    return not any(
        (
            (t.lower() in NOT_NAMES or t.lower() in ROLE_WORDS)
            and not t.islower()
            and not (0 < i < len(tokens) - 1 and t.lower() in PARTICLES)
        )
        or t.endswith(("'s", "’s"))
        for i, t in enumerate(tokens)
    )


def without_courtesy(name: str) -> str:
    """ "M. Paul Girard" → "Paul Girard", "Frau Dr. Martina Keller" → "Dr. Martina Keller";
    "Dr Helen Price" and "Herr Braun" (no given name) as they are."""
    tokens = name.split()
    while len(tokens) > 2 and tokens[0].lower() in COURTESY:
        tokens.pop(0)
    if len(tokens) == 2 and tokens[0].lower() in COURTESY and tokens[1].lower() not in TITLES:
        return name  # a surname after a title
    return " ".join(tokens)


_CYRILLIC = re.compile(r"[а-яё]", re.I)


def _declined(tokens: Sequence[str], state: State) -> Speaker | None:
    """A Russian name in another case than the one it was introduced in ("по словам
    Ивана Петрова" after "Иван Петров отметил"): the one person named before whose
    every word, less its ending, begins the matching word here."""
    if not _CYRILLIC.search(tokens[-1]) or " ".join(tokens) in state.known:
        return None

    def stem(word: str) -> str:
        return word[:-1] if len(word) > 3 and word[-1].lower() in "аяйьео" else word

    found = {
        s.name: s
        for s in state.known.values()
        if len(s.name.split()) == len(tokens)
        and all(
            t.startswith(stem(k)) and len(t) - len(k) <= 3
            for k, t in zip(s.name.split(), tokens, strict=True)
        )
    }
    return next(iter(found.values())) if len(found) == 1 else None


def role_before_name(prefix: str) -> str | None:
    """ "Secretary of the Civic Chamber, " before a name: the role, if it is one."""
    prefix = prefix.rstrip()
    if not prefix.endswith(","):
        return None
    clause = prefix[:-1].rsplit(";", 1)[-1].strip(" “”\"'")
    return clause if _starts_with_role(clause.split()) else None


def _is_demonym(token: str) -> bool:
    # "Russian President Vladimir Putin": nationality adjectives go with the role
    return token.endswith(("ian", "ese", "ish", "can")) and token.lower() not in ROLE_WORDS


def looks_like_role(text: str, *, allow_title_case: bool) -> bool:
    stripped = text.strip(" \t\n,.-–—")
    if not stripped or len(stripped) > MAX_ROLE_CHARS or _ROLE_CLAUSE_START.match(stripped):
        return False
    if _ADDRESS.match(stripped) or FIRST_PERSON.search(stripped):
        return False
    if ANY_VERB.search(stripped):
        return False
    words = re.findall(r"[\w'’-]+", stripped)
    if _starts_with_role(words):
        return True
    # the tail of a role cut by a stray full stop: "Federation for Economic Development"
    return allow_title_case and all(
        w[0].isupper() or w.lower() in _ROLE_FUNCTION_WORDS for w in words
    )


def _starts_with_role(words: Sequence[str]) -> bool:
    """ "member of …", "the head of …", "former Chinese Ambassador …"."""
    rest = list(words)
    while rest and rest[0].lower() in _ROLE_MODIFIERS:
        rest.pop(0)
    if rest and _is_demonym(rest[0]):
        rest.pop(0)
    # "member of …", "youth delegate of …", "Secretary General of …"
    return any(w.lower() in ROLE_WORDS for w in rest[:2])


def clean_role(text: str) -> str:
    role = re.sub(r"\s+", " ", text).strip()
    role = re.split(r",\s+(?:who|which|where)\b", role, maxsplit=1)[0]
    role = re.sub(r"\.\s+(?=[a-z])", " ", role)  # "vice president. of the PRC" (a stray stop)
    role = re.sub(r"\s+([,.])", r"\1", role)
    return role.strip(" ,.;:-–—")
