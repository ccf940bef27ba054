"""Language data, one module per language, read by attribution (``index.turns``,
``index.speakers``) and by the questions about people (``assistant.people``) alike, so
that the lists cannot drift apart again: three copies of the name particles did, and
"Maria do Céu Patrão Neves said …" lost "Maria do", "Giulia della Rovere said …" its
speaker.

Each module holds what its language puts in people's names; this package joins them.
"""

from __future__ import annotations

from index.lexicon import ar, de, es, fr, it, nl, pt, sv

_LANGUAGES = (ar, de, es, fr, it, nl, pt, sv)

# Words inside a name that are never one on their own: "van", "da", "della", "bin".
NAME_PARTICLES: frozenset[str] = frozenset().union(*(m.NAME_PARTICLES for m in _LANGUAGES))
# Particles that are also a conjunction of their language ("y", "i", "und"): between two
# names in running text they join two people ("Ana Lima y Pedro Gómez dijeron …").
CONJUNCTION_PARTICLES: frozenset[str] = frozenset().union(
    *(m.CONJUNCTION_PARTICLES for m in _LANGUAGES)
)


def particle_pattern(particles: frozenset[str]) -> str:
    """A regular expression group that matches one of ``particles`` (longest first)."""
    return "(?:" + "|".join(sorted(particles, key=lambda p: (-len(p), p))) + ")"


__all__ = ["CONJUNCTION_PARTICLES", "NAME_PARTICLES", "particle_pattern"]
