"""Dutch: the words of people's names and roles, and of reported speech (see
``index.lexicon``)."""

NAME_PARTICLES = frozenset("van der den ter op 't".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
ROLE_WORDS = frozenset(
    """voorzitter vicevoorzitter wethouder burgemeester econoom woordvoerder woordvoerster
    secretaris staatssecretaris hoogleraar onderzoeker onderzoekster bestuurder bestuurslid
    gedeputeerde kamerlid lid""".split()
)
SPEECH_VERBS = (
    # "zei X", "aldus X" (after a quote), "X pleitte voor …", "Zij wees erop dat …"
    r"zei|zegt|aldus|stelde|stelt|benadrukte|benadrukt|verklaarde|verklaart|pleitte|pleit"
    r"|waarschuwde|waarschuwt|wees\s+erop|wijst\s+erop|merkte\s+op|vond|vindt|voegde\s+toe"
    r"|onderstreepte|betoogde|riep\s+op|vroeg|antwoordde|erkende",
)
ATTENDANCE_LABELS = ("Aanwezig",)

# Words of speech in a question about a person ("What did X say …?", "X's views", "Qu'a
# dit X ?"), as regular-expression alternatives: ``assistant.people`` reads a question
# with one as asking what was said.
ASKED_SPEECH = (r"vroeg|zei|zegt|gezegd|vond|vindt|stelde|voorgesteld|volgens|standpunt",)
