"""Portuguese: the words of people's names (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("da do dos das de".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
