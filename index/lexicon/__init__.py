"""Language data, one module per language, read by attribution (``index.attribution``)
and by the questions about people (``assistant.people``) alike, so
that the lists cannot drift apart again: three copies of the name particles did, and
"Maria do Céu Patrão Neves said …" lost "Maria do", "Giulia della Rovere said …" its
speaker.

Each module holds what its language puts in people's names, titles and roles, and the
verbs of its reported speech; this package joins them (``scripts``: the CJK characters).
Chinese and Japanese (``zh``, ``ja``), written without spaces, keep their own lists for
the patterns of their own (``index.attribution.news_cjk``): they join no other's.
"""

from __future__ import annotations

import re

from index.lexicon import ar, de, en, es, fr, it, ja, nl, pt, ru, sv, zh

_LANGUAGES = (en, fr, ru, es, pt, it, de, nl, sv, ar)


def _union(name: str) -> frozenset[str]:
    return frozenset().union(*(getattr(m, name, frozenset()) for m in _LANGUAGES))


def _alternatives(name: str) -> str:
    """The regular-expression alternatives of every language, as one group."""
    return "(?:" + "|".join(a for m in _LANGUAGES for a in getattr(m, name, ())) + ")"


# Words inside a name that are never one on their own: "van", "da", "della", "bin".
NAME_PARTICLES = _union("NAME_PARTICLES")
# Particles that are also a conjunction of their language ("y", "i", "und"): between two
# names in running text they join two people ("Ana Lima y Pedro Gómez dijeron …").
CONJUNCTION_PARTICLES = _union("CONJUNCTION_PARTICLES")
# Titles before a name, as written ("Dr", "Dr.", "Mme", "Herr"), and those of them a
# name drops when a given name follows ("M. Paul Girard" is Paul Girard; English
# records keep "Dr Helen Price").
TITLES = _union("TITLES")
COURTESY = _union("COURTESY")
# Words of a role ("member of …", "présidente", "Vorsitzende"), lower case.
ROLE_WORDS = _union("ROLE_WORDS")
# Words of bodies and events, never of a person's name ("Council", "Gobierno").
BODY_WORDS = _union("BODY_WORDS")
# Titles of whoever chairs a sitting ("President", "Präsidentin", "Председатель").
CHAIR_TITLES = _union("CHAIR_TITLES")
# Verbs of reported speech ("said", "a souligné", "отметил", "dijo", "sagte", "zei") and
# of a part taken in a meeting ("presented", "a ouvert"), as regular-expression groups.
SPEECH_VERBS = _alternatives("SPEECH_VERBS")
PART_VERBS = _alternatives("PART_VERBS")
# Words of speech in a question about a person ("What did X say …?", "Qu'a dit X ?",
# "Что сказал X?"), as one group of alternatives: whole words in the spaced languages
# (``ASKED_SPEECH``), anywhere in Chinese and Japanese (``ASKED_SPEECH_CJK``).
ASKED_SPEECH = _alternatives("ASKED_SPEECH")
# Nouns of an amount in the languages other than English ("budget", "presupuesto",
# "Umsatz"; English's are ``assistant.terms._AMOUNT``), as one group of alternatives.
AMOUNT_WORDS = _alternatives("AMOUNT_WORDS")
ASKED_SPEECH_CJK = "(?:" + "|".join((*zh.ASKED_SPEECH, *ja.ASKED_SPEECH)) + ")"
# Stems of where in a meeting a question asks about, and of the meeting itself.
AT_THE_END = _union("AT_THE_END")
AT_THE_START = _union("AT_THE_START")
GATHERINGS = _union("GATHERINGS")
OVERVIEW = _union("OVERVIEW")
DISCUSSION = _union("DISCUSSION")
HAPPENING = _union("HAPPENING")
SAYING = _union("SAYING")
# What a record notes between speeches, in brackets ("(Applause)", "(Beifall)").
PROCEDURE_WORDS = _alternatives("PROCEDURE_WORDS")
# Labels of a list of who attended ("Present:", "Présents :", "Anwesend:").
ATTENDANCE_LABELS = _alternatives("ATTENDANCE_LABELS")
# Verbs after a speaker's name that announce what the speaker goes on to say: "X
# presented the survey. According to her, …", "X addressed artificial intelligence and
# jobs. She presented a study …": the sentence after is what X said about it (3 of the
# 161 attributed statements of the sample index open with "addressed", "focused on" or
# "spoke about", each followed by what the speaker said, 2026-12-02).
PRESENTING = re.compile(r"^\s*" + _alternatives("PRESENTING") + r"(?!\w)")


_BY_CODE = {m.__name__.rsplit(".", 1)[1]: m for m in (*_LANGUAGES, zh, ja)}


def of_language(name: str, code: str | None) -> frozenset[str]:
    """One language's own list ``name`` ("GATHERING_WORDS", "ARTICLES"), as words;
    empty for a language that has none."""
    module = _BY_CODE.get(code or "")
    return frozenset(getattr(module, name, ())) if module is not None else frozenset()


def announces_more(said: str) -> bool:
    """Whether the words after a speaker's name announce what they said next ("presented
    the results of the survey"): read by attribution and by the answers that quote the
    sentence after."""
    return bool(PRESENTING.match(said))


def particle_pattern(particles: frozenset[str]) -> str:
    """A regular expression group that matches one of ``particles`` (longest first)."""
    return "(?:" + "|".join(sorted(particles, key=lambda p: (-len(p), p))) + ")"


__all__ = [
    "AMOUNT_WORDS",
    "ASKED_SPEECH",
    "ASKED_SPEECH_CJK",
    "ATTENDANCE_LABELS",
    "AT_THE_END",
    "AT_THE_START",
    "BODY_WORDS",
    "CHAIR_TITLES",
    "CONJUNCTION_PARTICLES",
    "COURTESY",
    "DISCUSSION",
    "GATHERINGS",
    "HAPPENING",
    "NAME_PARTICLES",
    "OVERVIEW",
    "PART_VERBS",
    "PRESENTING",
    "PROCEDURE_WORDS",
    "ROLE_WORDS",
    "SAYING",
    "SPEECH_VERBS",
    "TITLES",
    "announces_more",
    "of_language",
    "particle_pattern",
]
