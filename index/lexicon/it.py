"""Italian: the words of people's names (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("di del della da".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
