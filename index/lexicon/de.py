"""German: the words of people's names, titles and roles, and of reported speech (see
``index.lexicon``)."""

NAME_PARTICLES = frozenset("von zu und".split())
CONJUNCTION_PARTICLES = frozenset("und".split())
TITLES = frozenset("herr frau".split())
COURTESY = TITLES
BODY_WORDS = frozenset("regierung bundestag".split())
ROLE_WORDS = frozenset(
    """vorsitzende vorsitzender präsident präsidentin vizepräsident vizepräsidentin ministerin
    bundesminister bundesministerin sprecher sprecherin geschäftsführer geschäftsführerin
    direktor direktorin vertreter vertreterin gewerkschaftsvertreter gewerkschaftsvertreterin
    abgeordnete abgeordneter bürgermeister bürgermeisterin staatssekretär staatssekretärin
    mitglied leiter leiterin generalsekretär generalsekretärin expertin ökonom
    ökonomin""".split()
)
CHAIR_TITLES = frozenset("präsident präsidentin".split())
SPEECH_VERBS = (
    # the Präteritum (verb second: "Anna Weber sagte, dass …") and the present
    r"sagte|erklärte|betonte|forderte|warnte|unterstrich|meinte|bekräftigte|kritisierte"
    r"|mahnte|ergänzte|berichtete|verwies",
    r"sagt|erklärt|betont|fordert|warnt|unterstreicht|meint|kritisiert|mahnt|verlangte"
    r"|verlangt",
    # minutes: "Herr Braun fragt, ob …", "Frau Demir schlägt vor, …"
    r"berichtet|fragt|fragte|schlägt\s+vor|schlug\s+vor|erläutert|erläuterte|informiert"
    r"|informierte|weist\s+darauf\s+hin|wies\s+darauf\s+hin|merkt\s+an|merkte\s+an|regt\s+an"
    r"|regte\s+an|bittet|bat|antwortet|antwortete|teilt\s+mit|teilte\s+mit|führt\s+aus"
    r"|führte\s+aus|stellt\s+fest|stellte\s+fest",
)
PART_VERBS = (r"stellte|eröffnete|begrüßte|beschrieb|moderierte|leitete|dankte",)
PRESENTING = ("stellte", "beschrieb")
ATTENDANCE_LABELS = ("Anwesend|Teilnehmende",)
# The months, January first, as dates write them (``index.clean`` reads them).
MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember",
)  # fmt: skip
PROCEDURE_WORDS = ("beifall|heiterkeit|zurufe?|lachen|widerspruch|unruhe",)

# Words of speech in a question about a person ("What did X say …?", "X's views", "Qu'a
# dit X ?"), as regular-expression alternatives: ``assistant.people`` reads a question
# with one as asking what was said.
ASKED_SPEECH = (
    r"sagte|sagt|gesagt|schlug|vorgeschlagen|meint|meinte|erklärte|betonte|forderte|"
    r"fordert|verlangte|verlangt|berichtete|berichtet|schlägt|fragte|fragt|"
    r"kritisierte|warnte|erklärt",
)

# A question's words for a gathering, its articles, the words that open its topic after
# the gathering's name, and those that join the words of that name
# (``index.naming.ReportNames.gathering``).
GATHERING_WORDS = frozenset(
    """seminar sitzung webinar debatte konferenz workshop
    forum anhörung versammlung gipfel tagung treffen""".split()
)
ARTICLES = frozenset("der die das den dem des ein eine einer einem diese dieser".split())
TOPIC_MARKERS = frozenset("bezüglich hinsichtlich".split())
NAME_JOINERS = frozenset("und für".split())
# Nouns of an amount a question asks a figure for ("Was war der Umsatz 2024?"), as
# regular-expression alternatives (``assistant.terms``).
AMOUNT_WORDS = (
    r"budget|haushalt|umsatz|umsätze|gewinne?|kosten|preise?|gehälter|gehalt|löhne|lohn|"
    r"dividenden?|schulden|defizit|ausgaben|bevölkerung|einnahmen|marge|betrag",
)
