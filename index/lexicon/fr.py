"""French: the words of people's names (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("de du la le".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
