"""Portuguese: the words of people's names, titles and roles, and of reported speech
(see ``index.lexicon``)."""

NAME_PARTICLES = frozenset("da do dos das de".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
TITLES = frozenset("dona".split())
BODY_WORDS = frozenset("conselho comissão governo parlamento senado".split())
ROLE_WORDS = frozenset(
    """secretário secretária diretor diretora porta-voz conselheiro conselheira deputado
    deputada tesoureiro tesoureira""".split()
)
SPEECH_VERBS = (
    r"disse|afirmou|sublinhou|destacou|explicou|defendeu|propôs|salientou|referiu|considerou"
    r"|alertou|lembrou|acrescentou|declarou|observou|sustentou|diz|pediu",
)
PART_VERBS = (r"apresentou|abriu|encerrou|descreveu|moderou|presidiu|agradeceu",)
PRESENTING = ("apresentou", "descreveu")
# The months, January first, as dates write them (``index.clean`` reads them).
MONTHS = (
    "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
    "setembro", "outubro", "novembro", "dezembro",
)  # fmt: skip

# Words of speech in a question about a person ("What did X say …?", "X's views", "Qu'a
# dit X ?"), as regular-expression alternatives: ``assistant.people`` reads a question
# with one as asking what was said.
ASKED_SPEECH = (r"disse|propôs|pediu",)

# A question's words for a gathering, its articles, the words that open its topic after
# the gathering's name, and those that join the words of that name
# (``index.naming.ReportNames.gathering``).
GATHERING_WORDS = frozenset(
    """seminário reunião webinar debate conferência
    oficina fórum audiência assembleia cúpula sessão""".split()
)
ARTICLES = frozenset("o a os as um uma este esta seu sua".split())
TOPIC_MARKERS = frozenset("acerca respeito".split())
NAME_JOINERS = frozenset("de do da e".split())
# Nouns of an amount a question asks a figure for ("Qual é o orçamento para 2026?"), as
# regular-expression alternatives (``assistant.terms``).
AMOUNT_WORDS = (
    r"orçamentos?|receitas?|lucros?|custos?|preços?|salários?|dividendos?|dívida|défice|"
    r"déficit|despesas?|população|vendas|margem|montante",
)
