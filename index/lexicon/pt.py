"""Portuguese: the words of people's names and of reported speech (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("da do dos das de".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
PRESENTING = ("apresentou", "descreveu")
