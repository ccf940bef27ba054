"""Italian: the words of people's names and roles, and of reported speech (see
``index.lexicon``)."""

NAME_PARTICLES = frozenset("di del della da".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
BODY_WORDS = frozenset("consiglio governo parlamento".split())
ROLE_WORDS = frozenset(
    """segretario segretaria direttore direttrice portavoce rappresentante membro sindaco
    consigliere consigliera tesoriere tesoriera""".split()
)
SPEECH_VERBS = (
    r"ha\s+(?:detto|affermato|sottolineato|spiegato|dichiarato|ricordato|proposto|osservato"
    r"|evidenziato|aggiunto|ribadito|precisato|avvertito)",
    r"ha\s+chiesto|chiede|afferma|sottolinea|spiega|dichiara|ricorda|propone|osserva",
    # minutes: "La Tesoriera illustra il bilancio e precisa che …"
    r"illustra|precisa|chiede|risponde|riferisce|comunica|evidenzia|segnala|interviene",
)
PART_VERBS = (r"ha\s+(?:presentato|aperto|chiuso|descritto|moderato|presieduto|ringraziato)",)
PRESENTING = (r"ha\s+(?:presentato|descritto)",)
ATTENDANCE_LABELS = ("Presenti",)
# The months, January first, as dates write them (``index.clean`` reads them).
MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
    "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip
PROCEDURE_WORDS = ("applausi|commenti",)

# Words of speech in a question about a person ("What did X say …?", "X's views", "Qu'a
# dit X ?"), as regular-expression alternatives: ``assistant.people`` reads a question
# with one as asking what was said.
ASKED_SPEECH = (r"detto|proposto|chiesto",)

# A question's words for a gathering, its articles, the words that open its topic after
# the gathering's name, and those that join the words of that name
# (``index.naming.ReportNames.gathering``).
GATHERING_WORDS = frozenset(
    """seminario riunione webinar dibattito conferenza
    laboratorio forum audizione assemblea vertice sessione""".split()
)
ARTICLES = frozenset("il lo la i gli le un una questo questa".split())
TOPIC_MARKERS = frozenset("riguardo merito".split())
NAME_JOINERS = frozenset("di del della e".split())
# Nouns of an amount a question asks a figure for ("Qual è il bilancio per il 2026?"),
# as regular-expression alternatives (``assistant.terms``).
AMOUNT_WORDS = (
    r"bilancio|budget|ricavi|entrate|utili|profitti?|costi|prezzi?|salari|stipendi|"
    r"dividendi|debito|deficit|spese|popolazione|vendite|margine|importo",
)
