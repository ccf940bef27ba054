"""German: the words of people's names (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("von zu und".split())
CONJUNCTION_PARTICLES = frozenset("und".split())
