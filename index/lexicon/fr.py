"""French: the words of people's names, titles and roles, and of reported speech (see
``index.lexicon``)."""

NAME_PARTICLES = frozenset("de du la le".split())
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
TITLES = frozenset("m. mme mme. mlle mlle.".split())
# Titles a name drops when a given name follows ("M. Paul Girard" is Paul Girard).
COURTESY = TITLES
BODY_WORDS = frozenset("conseil comité gouvernement ministère assemblée parlement sénat".split())
ROLE_WORDS = frozenset(
    """président présidente vice-président vice-présidente secrétaire directeur directrice
    ministre membre rapporteur rapporteure rapporteuse conseiller conseillère délégué
    déléguée représentant représentante porte-parole maire chef cheffe coordinatrice
    chercheur chercheuse économiste adjoint adjointe trésorier trésorière""".split()
)
CHAIR_TITLES = frozenset("président présidente".split())
# The participles of the passé composé ("a déclaré", the same for "il" and "elle").
PARTICIPLES = (
    r"déclaré|souligné|indiqué|affirmé|rappelé|expliqué|précisé|ajouté|estimé|noté|insisté"
    r"|annoncé|averti|conclu|dit|observé|relevé|proposé|plaidé|regretté|fait\s+valoir"
    r"|mis\s+en\s+avant|considéré|jugé|assuré|confié|martelé|reconnu|appelé|constaté"
    r"|signalé|résumé|poursuivi|répondu"
)
SPEECH_VERBS = (
    r"(?:a|avait)\s+(?:(?:également|aussi|encore|ensuite|notamment|enfin|quant\s+à\s+lui"
    rf"|quant\s+à\s+elle)\s+)*(?:{PARTICIPLES})",
    r"s['’]est\s+(?:dit|dite|déclaré|déclarée|félicité|félicitée|inquiété|inquiétée)",
    r"déclare|souligne|indique|affirme|rappelle|explique|précise|ajoute|estime|insiste"
    r"|observe|constate|martèle|conclut",
    # minutes write in the present: "M. Benali demande si …", "M. le Maire répond que …"
    r"expose|demande|répond|propose|informe|annonce|signale|remarque|suggère|souhaite"
    r"|regrette|interroge|[Ii]ntervient|[Pp]rend\s+la\s+parole",
)
PART_VERBS = (
    r"(?:a|avait)\s+(?:(?:également|aussi|ensuite|enfin)\s+)*(?:présenté|ouvert|clos|clôturé"
    r"|accueilli|invité|décrit|abordé|présidé|animé|défendu|critiqué|recommandé|évoqué|cité"
    r"|remercié|exposé|détaillé|introduit|pris\s+la\s+parole)",
)
PRESENTING = (r"a\s+(?:présenté|exposé|décrit|détaillé)",)
ATTENDANCE_LABELS = (r"Présents|Présent\(?e\)?s|Étaient\s+présents",)
# The months, January first, as dates write them (``index.clean`` reads them).
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
PROCEDURE_WORDS = ("applaudissements|rires|exclamations|protestations|murmures",)

# Words of speech in a question about a person ("What did X say …?", "X's views", "Qu'a
# dit X ?"), as regular-expression alternatives: ``assistant.people`` reads a question
# with one as asking what was said.
ASKED_SPEECH = (
    r"dit|déclaré|proposé|propose|pense|estimé|affirmé|souligné|expliqué|recommandé|"
    r"suggéré|avis|position|propositions?|selon|demandé|réclamé|réclame|revendiqué|"
    r"revendique|répondu|indiqué|précisé|annoncé|exposé|souhaité",
)

# A question's words for a gathering, its articles, the words that open its topic after
# the gathering's name, and those that join the words of that name
# (``index.naming.ReportNames.gathering``).
GATHERING_WORDS = frozenset(
    """séminaire réunion webinaire débat conférence
    atelier forum audition assemblée sommet session""".split()
)
ARTICLES = frozenset("le la les un une ce cet cette ces son sa ses leur".split())
TOPIC_MARKERS = frozenset("concernant propos sujet".split())
NAME_JOINERS = frozenset("de du des et".split())
# A gathering's taking place ("Quand la réunion s'est-elle tenue ?", "Où a eu lieu le
# forum ?"), as Snowball's stems (``index.lexicon.en.HAPPENING``).
HAPPENING = frozenset("tenu lieu déroul organis accueil".split())
# Nouns of an amount a question asks a figure for ("Quel est le budget de l'Association
# pour 2026 ?"), as regular-expression alternatives (``assistant.terms``).
AMOUNT_WORDS = (
    r"budgets?|recettes|chiffre\s+d['’]affaires|bénéfices?|revenus?|coûts?|prix|salaires?|"
    r"dividendes?|dette|déficit|dépenses|population|ventes|trésorerie|marge|montant|"
    r"cotisations?",
)
