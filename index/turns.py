"""Speaker turns of verbatim records, minutes and interviews: the header that opens a turn.

A verbatim record gives every speech a header, and the speaker holds the floor until
the next header. The layouts handled (see ../shared/notes/speakers.md, section 2):

- European Parliament: ``Name (Group). – (XX) text`` and ``President. – text``; the
  splitter cuts "Name (Group)." off as a sentence of its own, and a role may follow as
  the next one ("– Member of the Commission.");
- colon labels: ``NAME: text``, ``Mr. Heusgen (Germany): …``, ``The President: …``,
  ``The Prime Minister (Boris Johnson): …``, ``THE WITNESS: …``, ``Sofía Herrera: …``,
  ``Interviewer: …``; UK Hansard's ``Ed Miliband (Doncaster North) (Lab): …`` and
  ``The Secretary of State for Energy Security (Claire Coutinho): …``; the Spanish and
  Portuguese parliaments' ``El señor GARCÍA LÓPEZ: …``, ``La señora MINISTRA DE VIVIENDA
  (Rodríguez Pérez): …``, ``O Sr. Presidente (Augusto Santos Silva): — …``;
- French parliamentary records: ``M. Jean Dupont. text``, ``Mme la présidente. text``,
  ``Mme Claire Martin, ministre du travail. text``;
- meeting-software transcripts (Zoom, Teams, Otter): a time before the label,
  ``[00:01:02] Ana Ferreira: …``, or after the name on a line of its own,
  ``Ana Ferreira   0:05``;
- bracketed labels on a line of their own: ``[Speaker: Name]``;
- earnings calls and panel transcripts: ``Jane Doe -- Chief Executive Officer`` or
  ``Operator`` on a line of its own;
- the US Congressional Record: ``Mr. SMITH.``, ``Ms. JONES of Texas.``, ``The SPEAKER
  pro tempore.`` opening a paragraph;
- interviews, depositions and press briefings: ``Q:``/``A:`` (also ``Q.``/``A.``,
  ``Question:``/``Answer:``, ``QUESTION:``, and the White House's ``Q Mr. President, …``),
  the interviewee being the person the introduction names ("Interview with X",
  "DEPOSITION OF X"), the interviewer whoever an ``Interviewer:`` line, "interviewed by
  X" or "EXAMINATION BY X:" names;
- UK select committees' numbered questions: ``Q12 Chair: …``, ``Q13 Rachel Blake: …``.

Pure functions over the first sentence(s) of a paragraph; ``index.speakers`` drives the
state (who holds the floor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexicon import NAME_PARTICLES, particle_pattern

# Names in a header: capitalised words, particles and initials, at most this many words
# (the longest EP names in the 2011 debates have six: "Maria do Céu Patrão Neves").
MAX_NAME_WORDS = 7
_UP = "A-ZÀ-ÖØ-ÞĀ-žА-ЯЁ"
_LOW = "a-zß-öø-ÿĀ-žа-яё"
_WORD = rf"[{_UP}][{_LOW}{_UP}'’.-]*"
# a name's particles ("van der", "della"), and "in", "the" of offices read as names
_PARTICLE = particle_pattern(NAME_PARTICLES | {"in", "the"})
_NAME_WORDS = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_WORD}){{0,{MAX_NAME_WORDS - 1}}}"
_PARTICLE_WORDS = frozenset(re.findall(r"[\w']+", _PARTICLE))
_GROUP = r"\((?P<role>[^()\n]{1,120})\)"
_SPOKE_IN = r"(?:\s*\((?:spoke|speaking|interpretation)\s+(?:in|from)\s+[^()]{1,30}\))?"
# Hansard's party after the constituency: "Ed Miliband (Doncaster North) (Lab):".
_PARTY = r"(?:\s*\((?!spoke\b|speaking\b|interpretation\b)(?P<party>[^()\n]{1,40})\))?"
# A time stamp of meeting software: "[00:01:02] ", "(1:02:03) ", "00:01:02 - ".
_STAMP = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?"
_STAMP_FIRST = re.compile(rf"^{_STAMP}\s+(?:[-–—|]\s+)?(?=\S)")
# UK select committees number the members' questions: "Q12 Chair: …", "Q13 Rachel Blake: …"
_QUESTION_NUMBER = re.compile(r"^Q\d{1,4}\s+(?=[A-Z])")

# "President." / "David Martin (S&D)." / "Mr Heusgen (Germany)." as a whole sentence.
_EP_HEADER = re.compile(rf"^(?P<name>{_NAME_WORDS})(?:\s*{_GROUP})?{_SPOKE_IN}\s*\.$")
# "– (EN) " / "- " at the start of the sentence after an EP header.
_EP_LEAD = re.compile(r"^[–—-]\s*(?:\([A-Z]{2}\)\s*)?")
# "The Prime Minister (Boris Johnson): " / "Mr. Heusgen (Germany) (spoke in French): "
# Hansard's offices: "The Secretary of State for Energy Security (Claire Coutinho): ".
_OFFICE = r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|the|on|to|in)){0,12}"
_ROLE_THEN_NAME = re.compile(
    rf"^(?P<role>The\s+(?:{_NAME_WORDS}|[A-Z][a-z]+(?:\s+[a-z]+){{0,3}}(?:\s+{_NAME_WORDS})?"
    rf"|{_OFFICE}))"
    rf"\s+\((?P<name>{_NAME_WORDS})\){_SPOKE_IN}\s*:\s+"
)
# US Congressional Record: "Mr. SMITH.", "Ms. JONES of Texas.", "The SPEAKER pro tempore.",
# "The PRESIDING OFFICER." as the first sentence of a paragraph.
_CR_HEADER = re.compile(
    r"^(?:(?:(?P<title>Mr\.|Mrs\.|Ms\.|Miss|Dr\.)|(?P<rank>Senator|Chairman|Chairwoman|Chair"
    r"|Representative|Secretary|Governor|Ambassador|General|Admiral|Judge|Commissioner|Mayor"
    r"|Ranking\s+Member|Vice\s+Chairman))\s+(?P<surname>[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+)?)"
    r"(?:\s+of\s+(?P<state>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?"
    r"|The\s+(?P<office>SPEAKER|PRESIDING\s+OFFICER|CHAIR(?:MAN|WOMAN)?|CLERK|CHIEF\s+JUSTICE"
    r"|VICE\s+PRESIDENT|ACTING\s+PRESIDENT|PRESIDENT)(?:\s+pro\s+tempore)?)\.$"
)
_NAME_COLON = re.compile(rf"^(?P<name>{_NAME_WORDS})(?:\s*{_GROUP}{_PARTY})?{_SPOKE_IN}\s*:\s+")
# Spain's and Portugal's records: "El señor GARCÍA LÓPEZ: ", "La señora MINISTRA DE
# VIVIENDA (Rodríguez Pérez): ", "O Sr. Presidente (Augusto Santos Silva): — ".
_IBERIAN_COLON = re.compile(
    r"^(?P<article>El|La|O|A)\s+(?P<title>señor|señora|Sr\.|Sra\.)\s+"
    rf"(?P<label>[{_UP}ÁÉÍÓÚÑÜÇÂÊÔÃÕ][\w'’. -]{{0,80}}?)"
    r"(?:\s*\((?P<paren>[^()\n]{2,80})\))?\s*:\s+(?:[—–-]\s*)?"
)
_IBERIAN_CHAIRS = frozenset(
    "presidente presidenta vicepresidente vicepresidenta secretario secretaria".split()
)
# France's records: "M. Jean Dupont.", "Mme la présidente.", "Mme Claire Martin, ministre
# du travail." opening a paragraph that goes on with the speech.
_FR_HEADER = re.compile(
    r"^(?P<name>(?:M\.|Mme|Mlle)\s+(?:(?:le|la)\s+[a-zà-ÿ'’ -]{3,60}?"
    rf"|{_NAME_WORDS}))(?:,\s+(?P<role>[^.!?\n]{{2,160}}?))?\s*\.$"
)
_CAPS_COLON = re.compile(r"^(?P<name>(?:[A-Z][A-Z.'’-]*\s+){0,4}[A-Z][A-Z.'’-]+):\s+")
# Chinese and Japanese transcripts: "王丽华：", "主持人：", "陈志强先生：", "司会：" (a name
# or an office of two to six characters, a full-width or ASCII colon, no space needed).
_CJK_COLON = re.compile(r"^(?P<name>[\u4e00-\u9fff\u3040-\u30ff]{2,6})\s*[：:]\s*(?=\S)")
# Labels of a record's head and of forms, not people: time, place, date, topic, agenda,
# note, attachment, participants, record, source, editor, content, conclusion, decision…
_CJK_LABEL_WORDS = re.compile(
    "时间|地点|日期|主题|议题|议程|备注|附件|会议|人员|出席|列席|参加|记录|整理|来源|编辑|摄影|题目"
    "|内容|结论|决定|决议|标题|作者|地址|电话|邮箱|联系|主办|承办|协办|单位|关键|摘要|说明|背景|目标"
    "|目的|问题|注意|要点|结果|附注|日時|場所|議題|出席者|参加者|記録|件名|日付|概要|備考"
)
_BULLET = re.compile(r"^[-*•▪◦–]\s+(?=\S)")
# A press interview's turn opens with a dash ("— Que proposez-vous ?", "—¿Qué propone?"):
# ``index.speakers`` reads such turns, ``assistant.render`` quotes a reply's question.
DASH_TURN = re.compile(r"^[—–]\s*")
_BRACKETED = re.compile(rf"^\[(?:Speaker:\s*)?(?P<name>{_NAME_WORDS})(?:,\s*(?P<role>[^\]]+))?\]:?")
# "Q: …" / "A: …", also in the words of other languages ("Question :", "Réponse :",
# "Вопрос:", "Pregunta:", "Frage:", "问：", "答："); single letters need a colon.
_QA = re.compile(
    r"^(?:(?P<q>Q|Question|QUESTION|Вопрос|Pregunta|Frage|Domanda|Pergunta)"
    r"|(?P<a>A|Answer|ANSWER|Réponse|Ответ|Respuesta|Antwort|Risposta|Resposta))\s*[.:]\s+"
    r"|^(?:(?P<q1>P|В|问)|(?P<a1>R|О|答))\s*[:：]\s*"
    # the White House's transcripts: "Q Mr. President, will you …?"
    r"|^(?P<q2>Q)\s+(?=[A-Z])"
)
_INTERVIEWER = re.compile(
    r"(?:\bInterviewer:\s*|\b(?i:propos\s+recueillis\s+par\s+|entrevista\s+realizada\s+por\s+)"
    r"|\b(?i:interviewed|interview(?:ed)?\s+conducted|(?:cross-)?examination"
    rf"|questioned|examined)\s+(?i:by)\s+)(?P<name>{_NAME_WORDS})"
)
# Whom a record questions: "Interview with Amara Diallo", "DEPOSITION OF KAREN WALSH",
# "Testimony of …", "Entretien avec …".
_INTERVIEWEE = re.compile(
    r"\b(?i:interview|deposition|testimony|examination|entretien|entrevista|intervista)"
    rf"\s+(?i:with|of|avec|con|com|mit|a)\s+(?P<name>{_NAME_WORDS})"
)
# A line that credits a person with a part in the record, and says nothing more:
# "Interviewer: Paulo Mendes, newsletter editor.", "Moderated by Ana Ferreira."
_CREDIT_LINE = re.compile(
    r"^(?:(?:Interviewer|Moderator|Chair|Chairperson|Rapporteur|Photos?|Credits?|Text|Author"
    r"|Editor|Reporter)\s*:|(?:Interviewed|Moderated|Chaired|Written|Reported)\s+by)"
    rf"\s+{_NAME_WORDS}(?:,\s+[^.!?]{{1,120}})?\.?$"
)
# Lines that are not speech in any of these records.
_PROCEDURE = re.compile(
    r"^\s*[(\[](?:applause|laughter|interruption|the\s+sitting|the\s+meeting|the\s+vote"
    r"|several|mixed|heckling|loud|protests?|cheers|inaudible|crosstalk"
    # the same in the records of other parliaments
    r"|beifall|heiterkeit|zurufe?|lachen|widerspruch|unruhe|applaudissements|rires|exclamations"
    r"|protestations|murmures|aplausos|risas|rumores|applausi|commenti|аплодисменты|оживление"
    r"|смех|шум)[^)\]]*[)\]]\.?\s*$",
    re.IGNORECASE,
)
# The record's own narration between speeches, without brackets (UN verbatim records):
# "The meeting rose at 12.40 p.m.", "The meeting was suspended at 1 p.m. and resumed at 3.10 p.m."
_PROCEDURE_LINE = re.compile(
    r"^\s*The\s+(?:meeting|sitting|session)\s+(?:rose|(?:was\s+)?(?:called\s+to\s+order"
    r"|suspended|resumed|opened|closed|adjourned))\b[^!?]{0,80}$"
)
# Germany's records put the office before the name: "Präsidentin Bärbel Bas: ".
_GERMAN_OFFICE = re.compile(
    r"^(?P<office>(?:Vize|Alters)?[Pp]räsident(?:in)?|Bundeskanzler(?:in)?|Bundesminister(?:in)?"
    r"|Staatsminister(?:in)?|Parl\.\s+Staatssekretär(?:in)?|Staatssekretär(?:in)?)\s+(?P<name>.+)$"
)
# Italy's records: "PRESIDENTE.", "MARIO ROSSI.", "GIULIA BIANCHI, Ministra del lavoro."
# opening a paragraph that goes on with the speech.
_CAPS_HEADER = re.compile(
    rf"^(?P<name>[{_UP}][{_UP}'’-]+(?:\s+[{_UP}][{_UP}'’.-]*){{0,{MAX_NAME_WORDS - 1}}})"
    r"(?:,\s+(?P<role>[^.!?\n]{2,160}?))?\s*\.$"
)
# Russia's records: "Председательствующий.", "Иванов И. П., фракция «Единая Россия».",
# "Петрова А. С. Мы поддерживаем …" (surname and initials open the paragraph).
_RU_HEADER = re.compile(
    r"^(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)"
    r"(?:,\s+(?P<role>[^.!?\n]{2,160}?)\.|(?=\s+[А-ЯЁ«\"]))\s*"
    r"|^(?P<chair>Председательствующий|Председатель)(?:\s*\((?P<holder>[^()\n]{2,60})\))?\.$"
)
# Words that end a colon label that is a heading, not a person ("Background: …").
_NOT_A_SPEAKER = frozenset(
    """background summary note notes agenda item items conclusion conclusions context
    decision decisions outcome outcomes result results source sources date dates time venue
    place participants speakers topic topics theme objective objectives purpose next steps
    recommendation recommendations question answer title subject key points see also
    contents introduction annex table figure chart photo photos update updates press release
    update contact location where when what why how programme program session panel opening
    closing remarks statement statements report reports minutes attendance present absent""".split()
)
# A label that opens with a preposition says for whom or when, and names no one: "For
# the Plaintiff: MS. RACHEL STEIN" in a transcript's appearances ("the" is also a name's
# particle).
_PREPOSITIONS = frozenset("for by on in at to from with of per via under after before".split())
# A colon label of capitals only that names no person: "NOTE:", "AGENDA:", "WHEREAS:".
_CAPS_NOT_A_SPEAKER = frozenset(
    "NOTE NOTES AGENDA WHEREAS RESOLVED SUMMARY BACKGROUND DECISION WARNING UPDATE".split()
)
_ROLE_NAMES = frozenset(
    "president chair chairman chairwoman chairperson speaker moderator clerk court".split()
    # a parliament's chair in the languages of the records above
    + "presidente presidenta président présidente präsident präsidentin председательствующий"
    " председатель".split()
)
# Earnings calls and panel transcripts: the speaker on a line of their own, "Jane Doe --
# Chief Executive Officer", "Maria Lopez -- Northbridge Securities -- Analyst", or a
# chair's label alone ("Operator"); the speaker holds the floor until the next such line.
_LINE_HEADER = re.compile(
    rf"^(?P<name>{_NAME_WORDS}|Speaker\s+\d{{1,2}})(?:\s+(?:--|–|—|-)\s+(?P<role>[^\n]{{2,120}}?))?"
    rf"(?P<stamp>\s+{_STAMP})?\s*$"
)
_LINE_CHAIRS = _ROLE_NAMES | {"operator", "host", "interviewer", "facilitator"}
# A line header's role holds one of these words, so that a heading "Supply Chain -
# Principal Risks" is no speaker.
_ROLE_LINE_WORDS = frozenset(
    """chief executive officer financial operating technology analyst president vice
    chairman chairwoman chair director minister secretary member head manager partner
    senator governor mayor ceo cfo coo cto founder treasurer relations spokesperson
    moderator host rapporteur commissioner ambassador delegate representative economist
    researcher professor adviser advisor""".split()
)


# A panel's transcript: the speaker's name in capitals on a line of its own, "SARA
# OKAFOR", "JAN DE VRIES" (a layout of its own, which counts only where a chair's line,
# "MODERATOR", speaks among them: headings in capitals are no speakers).
_CAPS_LINE = re.compile(
    rf"^(?P<name>[{_UP}][{_UP}'’.-]+(?:\s+(?:{_PARTICLE.upper()}|{_PARTICLE}|[{_UP}][{_UP}'’.-]+))"
    rf"{{1,{MAX_NAME_WORDS - 1}}})\s*$"
)


# Transcripts of focus groups and recordings number their voices: "Speaker 1:",
# "Participant 3:", "P2:", "Respondent 12:".
_NUMBERED = re.compile(
    r"^(?P<name>(?:Speaker|Participant|Respondent|Interviewee|Voice|Student|Delegate)\s+\d{1,3}"
    r"|[PR]\d{1,3})\s*:\s+"
)
# Informal transcripts (podcasts, interviews) label turns by first name: "Anna: …",
# "Tom: …". One capitalised word before a colon is also a label of a form ("Location:",
# "Example:"), so such a layout counts only where two names each open two turns or more
# (``index.speakers``), and words that label forms are none.
_FIRST_NAME = re.compile(rf"^(?P<name>[{_UP}][{_LOW}'’-]{{1,20}}):\s+")
_NOT_A_FIRST_NAME = _NOT_A_SPEAKER | frozenset(
    """example examples tip tips warning caution important reminder step steps comment comments
    reply response status owner action actions deadline budget cost costs total name email
    phone tel fax address website link links tags tag category categories keywords abstract
    methods method findings finding discussion limitations goal goals aim aims target scope
    definition definitions requirement requirements input output lesson lessons problem
    solution issue issues risk risks impact priority priorities audience format duration
    language languages level type price author authors editor publisher year volume
    edition chapter section page article quote quotes caption figure note summary
    first second third fourth fifth sixth seventh eighth ninth tenth firstly secondly
    thirdly lastly finally next then also however yes no premièrement deuxièmement
    troisièmement erstens zweitens drittens primero segundo tercero""".split()
)


@dataclass(frozen=True)
class Header:
    """A turn header at the start of a sentence: who speaks, and how much of the sentence
    is the header (``length`` characters; the whole sentence for a header line)."""

    name: str
    role: str | None
    length: int
    kind: str  # "ep" | "cr" | "fr" | "caps" | "ru" | "colon" | "first" | "bracket" | "line" | …


def header_at(text: str, next_text: str | None) -> Header | None:
    """The header opening ``text`` (the first sentence of a paragraph), if any.
    ``next_text`` is the following sentence of the same paragraph (EP layout)."""
    if is_credit_line(text):
        return None  # "Interviewer: Paulo Mendes, newsletter editor." names, says nothing
    # a time stamp, a committee's question number, a list's bullet ("- **Ana Lima**: …" in
    # meeting notes) before the label
    stamp = _STAMP_FIRST.match(text) or _QUESTION_NUMBER.match(text) or _BULLET.match(text)
    if stamp is not None:
        header = _header(text[stamp.end() :], next_text)
        if header is None or header.kind not in ("colon", "bracket", "line"):
            return None
        return Header(header.name, header.role, header.length + stamp.end(), header.kind)
    return _header(text, next_text)


def _header(text: str, next_text: str | None) -> Header | None:
    found = _QA.match(text)
    if found is not None:
        kind = _qa_kind(found)
        return Header(kind.upper(), None, found.end(), kind)
    found = _BRACKETED.match(text)
    if found is not None and _plausible_name(found.group("name")):
        return Header(found.group("name"), _role(found.group("role")), found.end(), "bracket")
    found = _EP_HEADER.match(text)
    if (
        found is not None
        and next_text is not None
        and _EP_LEAD.match(next_text)
        and _plausible_name(found.group("name"))
    ):
        return Header(found.group("name"), _role(found.group("role")), len(text), "ep")
    found = _CR_HEADER.match(text)
    if found is not None:
        if found.group("office"):
            office = " ".join(found.group(0).rstrip(".").split())
            return Header(
                _title_case(office).replace(" Pro Tempore", " pro tempore"), None, len(text), "cr"
            )
        # "Mr. SMITH." → "Mr. Smith"; a hearing's "Senator WARREN." → "Senator Warren",
        # whose office is their role ("What did the senator say?")
        rank = " ".join(found.group("rank").split()) if found.group("rank") else None
        name = f"{rank or found.group('title')} {_title_case(found.group('surname'))}"
        role = ", ".join(r for r in (rank, found.group("state")) if r) or None
        return Header(name, role, len(text), "cr")
    found = _FR_HEADER.match(text) if next_text is not None else None
    if found is not None and _plausible_name(found.group("name")):
        name = re.sub(r"^(?:M\.|Mme|Mlle)\s+(?=[A-Z])", "", found.group("name"))
        return Header(name, _role(found.group("role")), len(text), "fr")
    found = _IBERIAN_COLON.match(text)
    if found is not None:
        return _iberian(found)
    found = _CAPS_HEADER.match(text) if next_text is not None else None
    if found is not None and _plausible_name(found.group("name")):
        name = _title_case(found.group("name"))
        return Header(name, _role(found.group("role")), len(text), "caps")
    found = _RU_HEADER.match(text)
    if found is not None and found.group("chair"):
        if next_text is None:
            return None
        chair, holder = found.group("chair"), found.group("holder")
        # "Председательствующий (В. В. Володин)." names who chairs
        return Header(holder or chair, chair if holder else None, len(text), "ru")
    if found is not None:
        return Header(found.group("name"), _role(found.group("role")), found.end(), "ru")
    found = _ROLE_THEN_NAME.match(text)
    if found is not None and _plausible_name(found.group("name")):
        return Header(found.group("name"), _role(found.group("role")), found.end(), "colon")
    # "THE WITNESS:", "MR. ANDREWS:" before "Name:" (capitals are words of a name too)
    found = _CAPS_COLON.match(text)
    if found is not None and _caps_label(found.group("name")):
        return Header(_title_case(found.group("name")), None, found.end(), "colon")
    found = _NAME_COLON.match(text)
    if (
        found is not None
        and _plausible_name(found.group("name"))
        and (_caps_label if found.group("name").isupper() else _not_a_heading)(found.group("name"))
    ):
        return _named_label(found)
    found = _NUMBERED.match(text)
    if found is not None:
        return Header(" ".join(found.group("name").split()), None, found.end(), "colon")
    found = _CJK_COLON.match(text)
    if found is not None and not _CJK_LABEL_WORDS.search(found.group("name")):
        return Header(found.group("name"), None, found.end(), "colon")
    found = _FIRST_NAME.match(text)
    if found is not None and found.group("name").lower() not in _NOT_A_FIRST_NAME:
        return Header(found.group("name"), None, found.end(), "first")
    found = _LINE_HEADER.match(text) if next_text is None else None
    if found is not None and _speaker_line(
        found.group("name"), found.group("role"), bool(found.group("stamp"))
    ):
        role = found.group("role")
        role = re.sub(r"\s+(?:--|–|—|-)\s+", ", ", role) if role else None
        name = found.group("name")
        return Header(_as_written(name), _role(role), len(text), "line")
    found = _CAPS_LINE.match(text) if next_text is None else None
    if found is not None and _plausible_name(found.group("name")):
        # "SARA OKAFOR" on a line of its own, her words below (a panel's transcript)
        return Header(_title_case(found.group("name")), None, len(text), "capsline")
    return None


def _named_label(found: re.Match[str]) -> Header:
    """ "Ed Miliband (Doncaster North) (Lab): " → Ed Miliband, "Doncaster North, Lab";
    "Präsidentin Bärbel Bas: " → Bärbel Bas, "Präsidentin"."""
    name = _as_written(found.group("name"))  # "MR. NEBENZIA (Russian Federation):"
    roles = [found.group("role"), found.group("party")]
    if name.lower() in _LINE_CHAIRS and roles[0] and _plausible_person(roles[0]):
        # "Chair (Ana Lima): ", "Moderator (Jane Smith): ": the office, then who holds it
        name, roles[0] = roles[0], name
    office = _GERMAN_OFFICE.match(name)
    if office is not None and len(office.group("name").split()) >= 2:
        name = office.group("name")
        roles.insert(0, office.group("office"))
    return Header(name, _role(", ".join(r for r in roles if r)), found.end(), "colon")


def _iberian(found: re.Match[str]) -> Header | None:
    """ "El señor GARCÍA LÓPEZ" → García López; "La señora MINISTRA DE VIVIENDA
    (Rodríguez Pérez)" → Rodríguez Pérez, ministra de vivienda; "La señora PRESIDENTA" →
    La señora presidenta."""
    label = " ".join(found.group("label").split())
    paren = found.group("paren")
    if paren is not None and _plausible_name(paren) and paren[:1].isupper():
        return Header(paren, _role(label.lower()), found.end(), "colon")
    if label.lower() in _IBERIAN_CHAIRS:
        name = f"{found.group('article')} {found.group('title')} {label.lower()}"
        return Header(name, None, found.end(), "colon")
    if len(label.split()) > MAX_NAME_WORDS:
        return None
    return Header(_as_written(label), _role(paren), found.end(), "colon")


def _speaker_line(name: str, role: str | None, stamped: bool = False) -> bool:
    """ "Jane Doe -- Chief Executive Officer", "Operator", and meeting software's "Ana
    Ferreira   0:05": a speaker's line of their own."""
    if stamped and role is None:
        return _plausible_name(name) and (len(name.split()) >= 2 or name.lower() in _LINE_CHAIRS)
    if role is None:
        return name.lower() in _LINE_CHAIRS
    words = {w.lower() for w in re.findall(r"[\w'’-]+", role)}
    return len(name.split()) >= 2 and _plausible_name(name) and bool(words & _ROLE_LINE_WORDS)


def is_chair(name: str) -> bool:
    """ "President", "Presidente", "Moderator": the title of whoever chairs the sitting."""
    return name.lower() in _LINE_CHAIRS


def _plausible_person(text: str) -> bool:
    """ "Ana Lima": two or more capitalised words, not a role or a heading."""
    words = text.split()
    return (
        2 <= len(words) <= MAX_NAME_WORDS
        and all(w[:1].isupper() or w.lower() in _PARTICLE_WORDS for w in words)
        and _plausible_name(text)
        and not any(w.lower() in _ROLE_LINE_WORDS for w in words)
    )


def ep_lead_length(text: str) -> int:
    """Length of "– (EN) " at the start of the sentence after an EP header."""
    found = _EP_LEAD.match(text)
    return 0 if found is None else found.end()


def is_procedure(text: str) -> bool:
    """ "(Applause)", "[Laughter]", "(The sitting was closed at 11.30)", "The meeting rose
    at 12.40 p.m.": not speech."""
    return bool(_PROCEDURE.match(text) or _PROCEDURE_LINE.match(text))


def _qa_kind(found: re.Match[str]) -> str:
    """ "q" for a question heading of ``_QA``, "a" for an answer's."""
    return "q" if found.group("q") or found.group("q1") or found.group("q2") else "a"


def is_answer_turn(text: str) -> bool:
    """ "A: Because …": the first sentence of an interviewee's reply."""
    found = _QA.match(text)
    return found is not None and _qa_kind(found) == "a"


def is_question_turn(text: str) -> bool:
    """ "Q: Why did you …": the first sentence of an interviewer's question."""
    found = _QA.match(text)
    return found is not None and _qa_kind(found) == "q"


def is_credit_line(text: str) -> bool:
    """ "Interviewer: Paulo Mendes, newsletter editor.": who took part, not what was said."""
    return bool(_CREDIT_LINE.match(text))


def interviewer_in(text: str) -> str | None:
    found = _INTERVIEWER.search(text)
    return _as_written(found.group("name").rstrip(".")) if found else None


def interviewee_in(text: str) -> str | None:
    """The person a record's introduction says it questions ("Deposition of …")."""
    found = _INTERVIEWEE.search(text)
    if found is None or not _plausible_name(found.group("name")):
        return None
    return _as_written(found.group("name").rstrip("."))


# Words that join the words of a heading, not of a name: "THE EROSION OF DEMOCRACY:",
# "INVITATION TO SHAPE THE FUTURE TOGETHER:" (UN speeches set their sections so).
_HEADING_JOINS = frozenset("of to and for in on with at by from a an".split())


def _caps_label(name: str) -> bool:
    """ "THE WITNESS", "MR. ANDREWS", "JOHN SMITH": a speaker's label in capitals; not a
    heading ("CONCLUSION", "REFORMING GLOBAL GOVERNANCE", "THE EROSION OF DEMOCRACY")."""
    words = [w.strip(".").lower() for w in name.split()]
    if len(name) < 2 or name in _CAPS_NOT_A_SPEAKER or not words:
        return False
    if words[0] in _NOT_A_SPEAKER or words[-1] in _NOT_A_SPEAKER:
        return False
    if any(w in _HEADING_JOINS for w in words):
        return False
    return not (words[0].endswith("ing") and len(words[0]) > 5)  # "REFORMING …"


def _not_a_heading(name: str) -> bool:
    """ "Social And Economic Crisis: …" is a section in title case: names never join
    their words with a capitalised "And", "Of", "To"."""
    return not any(w.lower() in _HEADING_JOINS and w[:1].isupper() for w in name.split()[1:])


def _plausible_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    lowered = [w.lower().strip(".") for w in words]
    if lowered[-1] in _NOT_A_SPEAKER or lowered[0] in _NOT_A_SPEAKER or lowered[0] in _PREPOSITIONS:
        return False
    if len(words) == 1:
        # One word: a chair's or an interviewer's title ("President", "Interviewer"); an
        # honorific name is two words.
        return lowered[0] in _LINE_CHAIRS
    return True


def _as_written(name: str) -> str:
    """A name in capitals in title case, any other as the record writes it ("McDonald")."""
    return _title_case(name) if name.isupper() else name


def _title_case(name: str) -> str:
    """ "MR. ANDREWS" → "Mr. Andrews", "THE WITNESS" → "The Witness", "THOMAS-GREENFIELD"
    → "Thomas-Greenfield", "O'NEILL" → "O'Neill"."""
    return re.sub(
        r"[^\W\d_]+", lambda m: m.group()[:1] + m.group()[1:].lower(), " ".join(name.split())
    )


def _role(text: str | None) -> str | None:
    if not text:
        return None
    role = " ".join(text.replace("&amp;", "&").split()).strip(" ,.;:")
    return role or None


# A transcript's own turn labels, learned from the document rather than recognised by
# their look: "Marketing:", "Grad A:", "Postdoc A:", "Mr. Chris d'Entremont:", "The Chair
# (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.)):". A label is the text before the
# first colon of a paragraph (at most LABEL_MAX_WORDS words, no sentence inside it); a
# document's labels are those that open at least LABEL_MIN_TURNS paragraphs, when such
# repeated labels open at least LABEL_SHARE of the paragraphs from the first of them on
# and there are at least two of them: a small set of voices taking turns, which is what
# a transcript is, whatever its labels look like. Measured 2026-12-06 on QMSum's 197
# development meetings (eval/meetings.py): every meeting's labels are learned (share
# 0.93-1.0; "Marketing" had 0 of 2,903 sentences, "Grad A" and "Postdoc A" none, their
# words going to the previous speaker); a form or a news report repeats "Note:" or
# "Action:" far less often than half its paragraphs, and words that label forms
# (``_NOT_A_FIRST_NAME``) are never learned.
LABEL_MIN_TURNS = 2
LABEL_SHARE = 0.5
LABEL_MAX_WORDS = 12
_LABEL = re.compile(
    r"^(?P<label>[^\W\d_][^:：\n!?;]{0,119}?)(?:\s*\((?P<paren>(?:[^()\n]|\([^()\n]*\))+)\))?"
    r"\s*[:：]\s+(?=\S)"
)


def label_at(text: str) -> str | None:
    """The label before the first colon of a paragraph's first sentence, as written
    ("The Chair (Hon. Anthony Rota (…))"), when it can be a speaker's."""
    found = _LABEL.match(text)
    if found is None or is_credit_line(text):
        return None  # "Interviewer: Paulo Mendes, newsletter editor." credits, says nothing
    label = found.group("label").strip()
    words = label.split()
    if not words or len(words) + len((found.group("paren") or "").split()) > LABEL_MAX_WORDS:
        return None
    if re.search(r"[.!?]\s+[a-z]", label) or any(w.lower() in _NOT_A_FIRST_NAME for w in words):
        return None  # "It works. So the plan:" is speech; "Action:" labels a form
    return text[: found.end()].rstrip().rstrip(":：").rstrip()


def learned_labels(first_sentences: list[str]) -> frozenset[str]:
    """The labels a document's paragraphs (their first sentences, in order) take turns
    under; empty when it is no transcript (see ``LABEL_SHARE``)."""
    labels = [label_at(text) for text in first_sentences]
    counts: dict[str, int] = {}
    for label in labels:
        if label is not None:
            counts[label] = counts.get(label, 0) + 1
    repeated = {label for label, n in counts.items() if n >= LABEL_MIN_TURNS}
    if len(repeated) < 2:
        return frozenset()
    first = next(i for i, label in enumerate(labels) if label in repeated)
    opened = sum(label in repeated for label in labels[first:])
    if opened < LABEL_SHARE * len(labels[first:]):
        return frozenset()
    # in a transcript, a voice heard once is a turn too when its label is written as a
    # name is ("Kirsty Williams AM:", "Mr. Chris d'Entremont (West Nova, CPC):")
    return frozenset(repeated | {label for label in counts if _written_as_name(label)})


def _written_as_name(label: str) -> bool:
    """Every word capitalised, a name's particle, or "d'Entremont"."""
    words = re.sub(r"\s*\(.*$", "", label).split()
    return 1 <= len(words) <= MAX_NAME_WORDS and all(
        w[:1].isupper() or w.lower() in _PARTICLE_WORDS or re.match(r"^[a-z]['’][A-Z]", w)
        for w in words
    )


def learned_header(text: str) -> Header:
    """The header of a paragraph that opens with a learned label: "Mr. Brian Masse
    (Windsor West, NDP)" → Mr. Brian Masse, "Windsor West, NDP"; a chair's office before
    its holder, "The Chair (Hon. Anthony Rota (…))" → Anthony Rota, "The Chair"."""
    found = _LABEL.match(text)
    if found is None:
        raise ValueError(f"no label opens {text[:40]!r}")
    name, paren = found.group("label").strip(), found.group("paren")
    role = paren
    if paren is not None:
        holder = re.sub(r"\s*\([^()]*\)\s*$", "", paren).strip()
        holder = re.sub(r"^(?:Hon\.|The\s+Hon(?:ourable)?\.?)\s+", "", holder)
        office = re.sub(r"^The\s+", "", name)
        if office.lower() in _LINE_CHAIRS and _plausible_person(holder):
            name, role = holder, name
    return Header(_as_written(name), _role(role), found.end(), "colon")
