"""German: the words of people's names and of reported speech (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("von zu und".split())
CONJUNCTION_PARTICLES = frozenset("und".split())
PRESENTING = ("stellte", "beschrieb")
