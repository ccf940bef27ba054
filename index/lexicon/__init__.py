"""Language data, one module per language, read by attribution (``index.attribution``)
and by the questions about people (``assistant.people``) alike, so
that the lists cannot drift apart again: three copies of the name particles did, and
"Maria do Céu Patrão Neves said …" lost "Maria do", "Giulia della Rovere said …" its
speaker.

Each module holds what its language puts in people's names; this package joins them.
"""

from __future__ import annotations

import re

from index.lexicon import ar, de, en, es, fr, it, nl, pt, ru, sv

_LANGUAGES = (en, fr, ru, es, pt, it, de, nl, sv, ar)

# Words inside a name that are never one on their own: "van", "da", "della", "bin".
NAME_PARTICLES: frozenset[str] = frozenset().union(*(m.NAME_PARTICLES for m in _LANGUAGES))
# Particles that are also a conjunction of their language ("y", "i", "und"): between two
# names in running text they join two people ("Ana Lima y Pedro Gómez dijeron …").
CONJUNCTION_PARTICLES: frozenset[str] = frozenset().union(
    *(m.CONJUNCTION_PARTICLES for m in _LANGUAGES)
)


# Verbs after a speaker's name that announce what the speaker goes on to say: "X
# presented the survey. According to her, …", "X addressed artificial intelligence and
# jobs. She presented a study …": the sentence after is what X said about it (3 of the
# 161 attributed statements of the sample index open with "addressed", "focused on" or
# "spoke about", each followed by what the speaker said, 2026-12-02).
PRESENTING = re.compile(
    r"^\s*(?:" + "|".join(v for m in _LANGUAGES for v in m.PRESENTING) + r")(?!\w)"
)


def announces_more(said: str) -> bool:
    """Whether the words after a speaker's name announce what they said next ("presented
    the results of the survey"): read by attribution and by the answers that quote the
    sentence after."""
    return bool(PRESENTING.match(said))


def particle_pattern(particles: frozenset[str]) -> str:
    """A regular expression group that matches one of ``particles`` (longest first)."""
    return "(?:" + "|".join(sorted(particles, key=lambda p: (-len(p), p))) + ")"


__all__ = [
    "CONJUNCTION_PARTICLES",
    "NAME_PARTICLES",
    "PRESENTING",
    "announces_more",
    "particle_pattern",
]
