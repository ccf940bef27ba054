"""Russian: the words of people's names and of reported speech (see ``index.lexicon``)."""

NAME_PARTICLES: frozenset[str] = frozenset()
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
PRESENTING = (r"представил[аи]?", r"описал[аи]?")
