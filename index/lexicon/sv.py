"""Swedish and Norwegian: the words of people's names
(see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("af av".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
