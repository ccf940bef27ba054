"""English: the words of people's names, titles and roles, and of reported speech (see
``index.lexicon``)."""

NAME_PARTICLES: frozenset[str] = frozenset()
CONJUNCTION_PARTICLES: frozenset[str] = frozenset()
# Titles before a name, as written ("Dr", "Dr.").
TITLES = frozenset("mr mr. mrs mrs. ms ms. mx dr dr. prof prof. sir dame madam hon".split())
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
