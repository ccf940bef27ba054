"""English: the words of people's names, titles and roles, and of reported speech (see
``index.lexicon``)."""

NAME_PARTICLES: frozenset[str] = frozenset()
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
# Titles before a name, as written ("Dr", "Dr.").
TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. sir dame madam hon lady lord
    baroness baron""".split()
)
COURTESY: frozenset[str] = frozenset()
# Words of a role ("member of the Commission", "Secretary-General").
# Words of bodies and events, never of a person's name ("the Council", "Youth Forum").
BODY_WORDS = frozenset(
    """commission council chamber committee association federation union government ministry
    organization organisation parliament assembly forum group company institute university
    bank agency republic office board secretariat department centre center society nations
    economic social digital national european international world youth seminar webinar""".split()
)
ROLE_WORDS = frozenset(
    """secretary chairman chairwoman chairperson chair president vice deputy first member head
    director minister ambassador representative rapporteur adviser advisor executive general
    ceo professor expert coordinator manager officer commissioner governor mayor senator
    spokesperson spokesman spokeswoman founder chief leader secretary-general vice-president
    vice-chairman vice-chair co-chair delegate envoy counsellor councillor councilor
    president-elect treasurer dean rector analyst economist researcher moderator""".split()
)
# Titles of whoever chairs a sitting, as a turn header writes them alone ("President.").
CHAIR_TITLES = frozenset(
    "president chair chairman chairwoman chairperson speaker moderator clerk court".split()
)
# Verbs of reported speech (regular-expression alternatives).
SPEECH_VERBS = (
    r"said|says|noted|notes|stressed|stresses|underlined|underlines|underscored"
    r"|emphasi[sz]ed|emphasi[sz]es|added|adds|explained|explains|pointed\s+out|points\s+out"
    r"|stated|states|remarked|observed|recalled|recalls|declared|announced|highlighted"
    r"|urged|suggested|proposed|concluded|commented|argued|insisted|believes|believed"
    r"|told|replied|answered|continued|mentioned|warned|acknowledged|affirmed|asserted"
    r"|reminded|expressed|assured|indicated|reported|shared|spoke|summed\s+up|summari[sz]ed"
    r"|called\s+for|opined|asked|conceded|admitted|cautioned|tweeted|contended|countered"
    r"|responded|predicted(?=\s+that\b)",
)
# Verbs of a part taken in a meeting ("X presented a study", "X invited …").
PART_VERBS = (
    r"presented|focused|focussed|addressed|spoke|opened|closed|welcomed|invited|encouraged"
    r"|described|outlined|introduced|raised|thanked|congratulated|led|chaired|moderated"
    r"|reviewed|discussed|defended|criticised|criticized|questioned|challenged|recommended"
    r"|appealed|pleaded|listed|cited|quoted|presents|focuses|addresses|describes|invites",
)
# Of those, the verbs that announce what the speaker goes on to say.
PRESENTING = (
    r"(?:has\s+|had\s+)?(?:presented|outlined|described|introduced|addressed"
    r"|spoke\s+(?:about|on)|focused\s+on|turned\s+to)",
)
# Labels of a list of who attended ("Present:", "Witnesses:").
ATTENDANCE_LABELS = (
    r"Present|Attendees|Attending|In\s+attendance|Members\s+present|Participants"
    r"|Also\s+present|Witnesses|Panel(?:lists)?",
)
# The months, January first, as dates write them (``index.clean`` reads them).
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
# What a record notes between speeches, in brackets: "(Applause)", "[Laughter]".
PROCEDURE_WORDS = (
    r"applause|laughter|interruption|the\s+sitting|the\s+meeting|the\s+vote"
    r"|several|mixed|heckling|loud|protests?|cheers|inaudible|crosstalk",
)

# Words of speech in a question about a person ("What did X say …?", "X's views", "Qu'a
# dit X ?"), as regular-expression alternatives: ``assistant.people`` reads a question
# with one as asking what was said.
ASKED_SPEECH = (
    r"say|said|says|saying|tell|told|propos(?:e|ed|es|al|als)|suggest(?:ed|s|ion|"
    r"ions)?|think|thinks|thought|argu(?:e|ed|es|ment|ments)|stated|statements?|"
    r"mention(?:ed|s)?|claim(?:ed|s)?|recommend(?:ed|s|ation|ations)?|warn(?:ed|s|ing|"
    r"ings)?|call(?:ed|s)?\s+for|ask(?:ed|s)?|question(?:ed|s)?\s+\w+\s+about|"
    r"believe[sd]?|views?|opinions?|speech(?:es)?|remarks?|stance|talk(?:ed|"
    r"s)?\s+about|speak|speaks|spoke|comment(?:ed|s)?|explain(?:ed|s)?|noted|"
    r"stress(?:ed|es)|emphasi[sz](?:e|ed|es)|announc(?:e|ed|es)|highlight(?:ed|s)|"
    r"expressed|describ(?:e|ed|es)|answer(?:ed|s)?|repl(?:y|ied)|point(?:ed|s)?\s+out|"
    r"insist(?:ed|s)?|urg(?:e|ed|es)|declared|promis(?:e|ed|es)|pledg(?:e|ed|es)|"
    r"criticis(?:e|ed)|criticiz(?:e|"
    r"ed)|quot(?:e|ed|es)|present(?:ed|s)?|address(?:ed|es)?|focus(?:ed|es)?\s+on|"
    r"reported|(?-i:report)(?:\s+on)?(?=\s*\?)|discuss(?:ed)?|inquired|enquired",
)

# Words of speech that ask for whatever a person said ("What did X say?", "X's views"),
# as stems; the others name what kind of thing was said ("What did X propose /
# announce / recommend / warn?"): statements said with that verb
# (``assistant.person_answers``).
SAYING = frozenset(
    """say said tell told think thought speak spoke talk view opinion statement remark
    comment mention stanc believ speech quot discuss answer repli express report""".split()
)

# Where in a meeting a question asks about ("What did X conclude at the end of the
# event?", "How did X open the session?"), as the stems of the question's words
# (``assistant.terms.content_terms``, Snowball): its close, its opening, and the
# meeting itself, which is no topic there (``assistant.person_answers``).
AT_THE_END = frozenset("end conclud conclus close closing clos final last summar sum wrap".split())
AT_THE_START = frozenset("open begin start first introduc outset".split())
GATHERINGS = frozenset(
    """event meet session webinar seminar confer debat hear discuss workshop forum
    roundtabl assembl summit panel""".split()
)
# Words that open what a question asks about, after the gathering it names ("What was
# said at the Rabat assembly about amendments?"): the name of the gathering ends there
# (``index.naming.ReportNames.gathering``; each language has its own).
TOPIC_MARKERS = frozenset("about regarding concerning re".split())
# Words that open a gathering's name before its modifiers ("the Rabat General
# Assembly", "this year's forum").
ARTICLES = frozenset("the a an this that last its their our".split())
# Words that join the words of a gathering's name before it ("the AI and work
# roundtable", "the Ministry of Labour seminar").
NAME_JOINERS = frozenset("and of for".split())
# Words of a discussion ("Summarize the discussion about …", "What did the group talk
# about …?", "the debate on …", "their exchange on …"), as stems: such a question is
# answered by the voices of the stretches of a meeting on its topic
# (``assistant.answer.discussion``).
DISCUSSION = frozenset("discuss discus talk debat convers exchang deliber".split())
# A gathering's taking place, as stems: what a factoid asks of the gathering itself
# once its name is blanked out ("When was [the Rabat General Assembly] held?", "Where
# did [the forum] take place?", "Who hosted [the seminar]?").
HAPPENING = frozenset("held hold take took place met meet organis organiz conven host".split())
# Words a question about a whole meeting asks with, beside the meeting's own
# (``GATHERINGS``): "What was the general discussion of the meeting?", "Summarize the
# meeting", "What were the main points of the session?" (stems; ``assistant.answer``).
OVERVIEW = frozenset(
    """general overal main whole summar summari overview recap topic point key highlight
    happen outcom came rais give tell go walk""".split()
)
