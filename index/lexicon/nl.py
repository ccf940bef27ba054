"""Dutch: the words of people's names and of reported speech (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("van der den ter op 't".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
PRESENTING: tuple[str, ...] = ()
