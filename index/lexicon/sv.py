"""Swedish and Norwegian: the words of people's names and of reported speech
(see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("af av".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
PRESENTING: tuple[str, ...] = ()
