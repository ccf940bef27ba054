"""English: the words of people's names and of reported speech (see ``index.lexicon``)."""

NAME_PARTICLES: frozenset[str] = frozenset()
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
# Verbs after a speaker's name that announce what they go on to say ("X presented the
# survey. According to her, …"); regular-expression alternatives.
PRESENTING = (
    r"(?:has\s+|had\s+)?(?:presented|outlined|described|introduced|addressed"
    r"|spoke\s+(?:about|on)|focused\s+on|turned\s+to)",
)
