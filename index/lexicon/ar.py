"""Arabic: the words of people's names (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("bin ibn al el".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
