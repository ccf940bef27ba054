"""Italian: the words of people's names and of reported speech (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("di del della da".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
PRESENTING = (r"ha\s+(?:presentato|descritto)",)
