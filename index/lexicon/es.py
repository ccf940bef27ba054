"""Spanish and Catalan: the words of people's names and of reported speech
(see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("de del la y i".split())
CONJUNCTION_PARTICLES = frozenset("y i".split())
PRESENTING = ("presentó", "describió")
