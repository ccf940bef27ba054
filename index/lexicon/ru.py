"""Russian: the words of people's roles and of reported speech (see ``index.lexicon``)."""

NAME_PARTICLES: frozenset[str] = frozenset()
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
ROLE_WORDS = frozenset(
    """председатель заместитель секретарь член директор министр руководитель глава президент
    эксперт представитель советник депутат ректор профессор сопредседатель координатор
    председателя заместителя секретаря члена директора министра руководителя главы""".split()
)
CHAIR_TITLES = frozenset("председательствующий председатель".split())
SPEECH_VERBS = (
    # the past tense in three genders and the plural ("отметил", "отметила", "отметили")
    r"(?:отметил|подчеркнул|заявил|сказал|сообщил|добавил|пояснил|напомнил|указал"
    r"|рассказал|призвал|предложил|выразил|констатировал|уточнил|признал|резюмировал"
    r"|подытожил|заметил|высказал|акцентировал|обратил\s+внимание|выступил|считал"
    r"|полагал|говорил|убеждён|убежден)(?:а|и|о)?",
    r"отмечает|подчёркивает|подчеркивает|заявляет|говорит|считает|полагает|уверен|уверена"
    r"|поясняет|напоминает|указывает|призывает|предлагает",
)
PART_VERBS = (r"представил[аи]?|открыл[аи]?|описал[аи]?|приветствовал[аи]?|поблагодарил[аи]?",)
PRESENTING = (r"представил[аи]?", r"описал[аи]?")
# The months, January first, as dates write them (``index.clean`` reads them).
MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
    "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
PROCEDURE_WORDS = ("аплодисменты|оживление|смех|шум",)

# Words of speech in a question about a person ("What did X say …?", "X's views", "Qu'a
# dit X ?"), as regular-expression alternatives: ``assistant.people`` reads a question
# with one as asking what was said.
ASKED_SPEECH = (
    r"сказал[аи]?|говорил[аи]?|заявил[аи]?|предложил[аи]?|отметил[аи]?|"
    r"подчеркнул[аи]?|считает|думает|предлагает|мнение|позиция|по\s+словам|"
    r"спросил[аи]?|говорилось|обсуждалось|сказано",
)

# A question's words for a gathering, its articles, the words that open its topic after
# the gathering's name, and those that join the words of that name
# (``index.naming.ReportNames.gathering``).
GATHERING_WORDS = frozenset(
    """семинар совещание вебинар дебаты конференция форум
    слушания заседание ассамблея саммит сессия встреча""".split()
)
ARTICLES = frozenset("этот эта это этом этой".split())
TOPIC_MARKERS = frozenset("относительно касательно".split())
NAME_JOINERS = frozenset("и".split())
# Nouns of an amount a question asks a figure for ("Каков бюджет Ассоциации на 2026
# год?"), as regular-expression alternatives (``assistant.terms``).
AMOUNT_WORDS = (
    r"бюджет\w*|выручк\w*|прибыл\w*|доход\w*|расход\w*|стоимост\w*|цен[аыуе]|зарплат\w*|"
    r"дивиденд\w*|долг\w*|дефицит\w*|населени\w*|продаж\w*|маржа",
)
