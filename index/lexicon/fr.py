"""French: the words of people's names and of reported speech (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("de du la le".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
PRESENTING = (r"a\s+(?:présenté|exposé|décrit|détaillé)",)
