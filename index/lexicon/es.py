"""Spanish and Catalan: the words of people's names, titles and roles, and of reported
speech (see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("de del la y i".split())
CONJUNCTION_PARTICLES = frozenset("y i".split())
TITLES = frozenset("sr sr. sra sra. srta srta. don".split())
COURTESY = frozenset("sr sr. sra sra. srta srta.".split())
BODY_WORDS = frozenset(
    "consejo comité comisión gobierno ministerio asamblea parlamento congreso senado".split()
)
ROLE_WORDS = frozenset(
    """presidente presidenta vicepresidente vicepresidenta consejero consejera ministro ministra
    secretario secretaria director directora portavoz representante miembro diputado diputada
    alcalde alcaldesa investigador investigadora tesorero tesorera""".split()
)
CHAIR_TITLES = frozenset("presidente presidenta".split())
SPEECH_VERBS = (
    # the preterite, as news reports write, and the present ("afirma X")
    r"dijo|afirmó|señaló|destacó|explicó|subrayó|indicó|añadió|propuso|advirtió|consideró"
    r"|aseguró|recordó|manifestó|expresó|sostuvo|planteó|insistió|concluyó|declaró|apuntó"
    r"|resaltó|reconoció|comentó",
    r"pidió|reclamó|exigió|solicitó|dice|afirma|señala|destaca|explica|subraya|indica|añade"
    r"|propone|advierte|considera|asegura|recuerda|sostiene|insiste|pide|reclama",
    # minutes: "Toma la palabra el Sr. X", "Interviene la Sra. Y"
    r"[Tt]oma\s+la\s+palabra|[Tt]omó\s+la\s+palabra|[Ii]nterviene|[Ii]ntervino|pregunta"
    r"|preguntó|responde|respondió|informa|informó|solicita|solicitó",
)
PART_VERBS = (
    r"presentó|abrió|clausuró|inauguró|describió|moderó|presidió|agradeció|defendió|criticó"
    r"|recomendó|abordó",
)
PRESENTING = ("presentó", "describió")
ATTENDANCE_LABELS = ("Asistentes|Presentes",)
# The months, January first, as dates write them (``index.clean`` reads them).
MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
PROCEDURE_WORDS = ("aplausos|risas|rumores",)

# Words of speech in a question about a person ("What did X say …?", "X's views", "Qu'a
# dit X ?"), as regular-expression alternatives: ``assistant.people`` reads a question
# with one as asking what was said.
ASKED_SPEECH = (
    r"dijo|dice|propuso|propone|afirmó|declaró|señaló|opina|opinión|según|pidió|pide|"
    r"reclamó|reclama|indicó|explicó|preguntó|respondió|planteó|destacó|subrayó|"
    r"advirtió|informó|comentó|manifestó|expresó|sostuvo|opinó",
)

# A question's words for a gathering, its articles, the words that open its topic after
# the gathering's name, and those that join the words of that name
# (``index.naming.ReportNames.gathering``).
GATHERING_WORDS = frozenset(
    """seminario reunión webinario debate conferencia
    taller foro audiencia asamblea cumbre sesión""".split()
)
ARTICLES = frozenset("el la los las un una este esta su".split())
TOPIC_MARKERS = frozenset("acerca respecto".split())
NAME_JOINERS = frozenset("de del y".split())
# A gathering's taking place ("¿Cuándo se celebró la asamblea?", "¿Dónde tuvo lugar el
# foro?"), as Snowball's stems (``index.lexicon.en.HAPPENING``).
HAPPENING = frozenset("celebr lug organiz acog".split())
# Nouns of an amount a question asks a figure for ("¿Cuál es el presupuesto para
# 2026?"), as regular-expression alternatives (``assistant.terms``).
AMOUNT_WORDS = (
    r"presupuestos?|ingresos|beneficios?|costos?|costes?|precios?|salarios?|dividendos?|"
    r"deuda|déficit|gastos?|población|ventas|margen|importe|cuotas?",
)
