"""Who said each sentence: speaker attribution over sentences in document order.

Reports introduce a speaker in a few ways, all handled here:
- name before the verb: "Lidia Mikheeva noted that …", "Summarizing the event, Guo Jun
  noted that …", "…, Ilya Semin said.";
- role around the name: "Secretary of the Civic Chamber, Lidia Mikheeva, noted …",
  "Sergey Grebennikov, member of the Commission …, noted …";
- verb before the name: "…, said Guo Jun, vice president of …", "…, - a underlined
  Evgenia Dmitrieva, member of the Commission …", "according to Jane Doe, …";
- the role in the sentences after "X said.": "First Deputy Chairman of …";
- a pronoun tag, "“…,” she said.", which takes the person last named, and gives that
  person to the sentences of the same paragraph before it (the start of the quote).

A speaker carries over to the following sentences of the same paragraph, and to a
following paragraph that opens with a quotation mark, until another is named. A
sentence that names a person doing something else ("X invited …") is not a statement
of X, but makes X the person that a later "she said" refers to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from index import turns
from index.lexicon import CONJUNCTION_PARTICLES, NAME_PARTICLES, particle_pattern
from index.sentences import Sentence


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str | None = None


@dataclass(frozen=True)
class Attribution:
    """``speaker`` of one sentence; ``named``: the sentence's own text names the speaker;
    ``role_only``: the sentence only states the role of the speaker named before it;
    ``tag``: where the attribution words are in the sentence ("Lidia Mikheeva noted
    that", ", she said"), offsets into ``Sentence.text``; ``listed``: a line of a list
    of who attended ("Marta Okonkwo (Chair)" under "Present:"), no one's words but a
    fact an answer may cite ("Who chaired the committee?")."""

    speaker: Speaker | None = None
    named: bool = False
    role_only: bool = False
    tag: tuple[int, int] | None = None
    listed: bool = False


# Longest role kept: longer text next to a name is a clause, not a role.
MAX_ROLE_CHARS = 200

_FR_PARTICIPLE = (
    r"(?:déclaré|souligné|indiqué|affirmé|rappelé|expliqué|précisé|ajouté|estimé|noté|insisté"
    r"|annoncé|averti|conclu|dit|observé|relevé|proposé|plaidé|regretté|fait\s+valoir"
    r"|mis\s+en\s+avant|considéré|jugé|assuré|confié|martelé|reconnu|appelé|constaté"
    r"|signalé|résumé|poursuivi|répondu)"
)
_VERBS = (
    r"(?:said|says|noted|notes|stressed|stresses|underlined|underlines|underscored"
    r"|emphasi[sz]ed|emphasi[sz]es|added|adds|explained|explains|pointed\s+out|points\s+out"
    r"|stated|states|remarked|observed|recalled|recalls|declared|announced|highlighted"
    r"|urged|suggested|proposed|concluded|commented|argued|insisted|believes|believed"
    r"|told|replied|answered|continued|mentioned|warned|acknowledged|affirmed|asserted"
    r"|reminded|expressed|assured|indicated|reported|shared|spoke|summed\s+up|summari[sz]ed"
    r"|called\s+for|opined|asked|conceded|admitted|cautioned|tweeted|contended|countered"
    r"|responded|predicted(?=\s+that\b)"
    # French: the passé composé (the participle agrees with neither "il" nor "elle":
    # "a déclaré" for both) and the present; "s'est dite" agrees.
    r"|(?:a|avait)\s+(?:(?:également|aussi|encore|ensuite|notamment|enfin|quant\s+à\s+lui"
    rf"|quant\s+à\s+elle)\s+)*{_FR_PARTICIPLE}"
    r"|s['’]est\s+(?:dit|dite|déclaré|déclarée|félicité|félicitée|inquiété|inquiétée)"
    r"|déclare|souligne|indique|affirme|rappelle|explique|précise|ajoute|estime|insiste"
    r"|observe|constate|martèle|conclut"
    # minutes write in the present: "M. Benali demande si …", "M. le Maire répond que …"
    r"|expose|demande|répond|propose|informe|annonce|signale|remarque|suggère|souhaite"
    r"|regrette|interroge|[Ii]ntervient|[Pp]rend\s+la\s+parole"
    # Russian: past tense in three genders and the plural ("отметил", "отметила",
    # "отметили"), and the present.
    r"|(?:отметил|подчеркнул|заявил|сказал|сообщил|добавил|пояснил|напомнил|указал"
    r"|рассказал|призвал|предложил|выразил|констатировал|уточнил|признал|резюмировал"
    r"|подытожил|заметил|высказал|акцентировал|обратил\s+внимание|выступил|считал"
    r"|полагал|говорил|убеждён|убежден)(?:а|и|о)?"
    r"|отмечает|подчёркивает|подчеркивает|заявляет|говорит|считает|полагает|уверен|уверена"
    r"|поясняет|напоминает|указывает|призывает|предлагает"
    # Spanish and Portuguese (the preterite, as news reports write), Italian (the passato
    # prossimo), German (the Präteritum; verb second: "Anna Weber sagte, dass …").
    r"|dijo|afirmó|señaló|destacó|explicó|subrayó|indicó|añadió|propuso|advirtió|consideró"
    r"|aseguró|recordó|manifestó|expresó|sostuvo|planteó|insistió|concluyó|declaró|apuntó"
    r"|resaltó|reconoció|comentó|disse|afirmou|sublinhou|destacou|explicou|defendeu|propôs"
    r"|salientou|referiu|considerou|alertou|lembrou|acrescentou|declarou|observou|sustentou"
    r"|ha\s+(?:detto|affermato|sottolineato|spiegato|dichiarato|ricordato|proposto|osservato"
    r"|evidenziato|aggiunto|ribadito|precisato|avvertito)"
    r"|sagte|erklärte|betonte|forderte|warnte|unterstrich|meinte|bekräftigte|kritisierte"
    r"|mahnte|ergänzte|berichtete|verwies"
    # the same in the present, as news reports also write ("afirma X", "sagt X"), and
    # verbs of asking for ("pidió", "reclamó", "chiese")
    r"|pidió|reclamó|exigió|solicitó|dice|afirma|señala|destaca|explica|subraya|indica|añade"
    r"|propone|advierte|considera|asegura|recuerda|sostiene|insiste|pide|reclama|diz|pediu"
    r"|ha\s+chiesto|chiede|afferma|sottolinea|spiega|dichiara|ricorda|propone|osserva"
    r"|sagt|erklärt|betont|fordert|warnt|unterstreicht|meint|kritisiert|mahnt|verlangte"
    r"|verlangt"
    # German minutes: "Herr Braun fragt, ob …", "Frau Demir schlägt vor, …"
    r"|berichtet|fragt|fragte|schlägt\s+vor|schlug\s+vor|erläutert|erläuterte|informiert"
    r"|informierte|weist\s+darauf\s+hin|wies\s+darauf\s+hin|merkt\s+an|merkte\s+an|regt\s+an"
    r"|regte\s+an|bittet|bat|antwortet|antwortete|teilt\s+mit|teilte\s+mit|führt\s+aus"
    r"|führte\s+aus|stellt\s+fest|stellte\s+fest"
    # Spanish minutes: "Toma la palabra el Sr. X", "Interviene la Sra. Y"
    # Italian minutes: "La Tesoriera illustra il bilancio e precisa che …"
    r"|illustra|precisa|chiede|risponde|riferisce|comunica|evidenzia|segnala|interviene"
    r"|[Tt]oma\s+la\s+palabra|[Tt]omó\s+la\s+palabra|[Ii]nterviene|[Ii]ntervino|pregunta|preguntó"
    r"|responde|respondió|informa|informó|solicita|solicitó"
    # Dutch: "zei X", "aldus X" (after a quote), "X pleitte voor …", "Zij wees erop dat …"
    r"|zei|zegt|aldus|stelde|stelt|benadrukte|benadrukt|verklaarde|verklaart|pleitte|pleit"
    r"|waarschuwde|waarschuwt|wees\s+erop|wijst\s+erop|merkte\s+op|vond|vindt|voegde\s+toe"
    r"|onderstreepte|betoogde|riep\s+op|vroeg|antwoordde|erkende)"
)
_AUX = r"(?:(?:has|had|have|also|further|then|again)\s+)*"
# Upper and lower case letters of Latin-1, Latin Extended-A and Cyrillic ("Léa",
# "Sofía", "Łukasz"); Extended-A mixes cases, so it counts as both.
_UP = "A-ZÀ-ÖØ-ÞĀ-žА-ЯЁ"
_LOW = "a-zß-öø-ÿĀ-žа-яё"
_TOKEN = rf"(?:[{_UP}][{_LOW}'’]+(?:-[{_UP}]?[{_LOW}'’]+)*|[{_UP}]\.)"
# a name's particles, not those that are also a conjunction ("Ana Lima y Pedro Gómez")
_PARTICLES = NAME_PARTICLES - CONJUNCTION_PARTICLES
_PARTICLE = particle_pattern(_PARTICLES)
# A name starts where no letter precedes it, or inside a glued photo caption
# ("Sergey-GrebennikovSergey Grebennikov"), where a lower-case letter does.
# Honorifics before a name, up to two ("Frau Dr. Keller"): English, French ("M.", "Mme"),
# Spanish ("Sr.", "Sra."), German ("Herr", "Frau").
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Prof|Mme|Mlle|Sra|Srta|Sr|Herr|Frau|M(?=\.))\.?"
_NAME = (
    rf"(?:(?<![\w'’-])|(?<=[{_LOW}]))"
    rf"(?P<name>(?:{_HONORIFIC}\s+){{0,2}}{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_TOKEN}){{0,4}})"
)
# A role between commas after the name ("X, member of …, media and …, noted"), after the
# age news agencies give ("Ana Lima, 61, said", "John Smith, 45, a teacher, said").
_AGE = r"(?:,\s+\d{1,3}(?=,))?"
_ROLE_BETWEEN = rf"{_AGE}(?:,\s+(?P<role_mid>[^;“”\"]{{3,200}}?),|,)?"

_NAME_THEN_VERB = re.compile(rf"{_NAME}{_ROLE_BETWEEN}\s+{_AUX}{_VERBS}\b")
# A role between the article and the name: "sagte die Vorsitzende Petra Lange", "según la
# consejera Lucía Ramos" (its last word must be a role word, ``_ROLE_WORDS``).
_ROLE_PRE = (
    r"(?:(?:the|die|der|la|el|le|il|o|a)\s+(?P<role_pre>[\w'’-]+(?:\s+[\w'’-]+){0,2}?),?\s+"
    # an article before an honorific: "Toma la palabra el Sr. Javier Ruiz"
    r"|(?:el|la|le|der|die)\s+(?=(?:Sr|Sra|Srta|M|Mme|Herr|Frau)\.?\s)"
    # Dutch writes a role in lower case before the name, with no article ("volgens
    # wethouder Sanne de Boer", "zei minister Jansen")
    r"|(?P<role_bare>[a-zß-öø-ÿ]+)\s+(?=[A-Z]))?"
)
_VERB_THEN_NAME = re.compile(
    rf"\b{_VERBS}\s+(?:by\s+)?{_ROLE_PRE}{_NAME}(?P<after>,\s+|\s*[.;]|\s*$)"
)
# "according to X", "selon X", "d'après X", "по словам X" (a Russian name in the genitive
# there: "по словам Ивана Петрова"; _speaker_from finds the person named before).
_ACCORDING = (
    r"(?:\b[Aa]ccording\s+to|\b[Ss]elon|\b[Dd]['’]après|(?<!\w)[Пп]о\s+словам|\b[Ss]egún"
    r"|\b[Ss]econdo|\b[Ll]aut|\b[Vv]olgens)"
)
_ACCORDING_TO = re.compile(rf"{_ACCORDING}\s+{_ROLE_PRE}{_NAME}(?P<after>,\s+|\s*[.;]|\s*$)")
_PRONOUN_TAG = re.compile(
    rf"(?:\b(?:[Ss]he|[Hh]e)\s+{_AUX}{_VERBS}\b|\b{_VERBS}\s+(?:she|he)\b"
    r"|\b[Aa]ccording\s+to\s+(?:her|him)\b"
    # "Elle a souligné que", "a-t-il déclaré", "déclare-t-elle", "selon elle"
    rf"|\b(?:[Ii]l|[Ee]lle)\s+{_VERBS}(?!\w)|\ba-t-(?:il|elle)\s+{_FR_PARTICIPLE}(?!\w)"
    r"|\b\w+-t-(?:il|elle)\b|\b(?:[Ss]elon|[Dd]['’]après)\s+(?:elle|lui)\b"
    # "Она подчеркнула, что", "— отметил он", "по её словам"
    rf"|(?<!\w)(?:[Оо]н|[Оо]на)\s+(?:также\s+)?{_VERBS}(?!\w)|(?<!\w){_VERBS}\s+(?:он|она)(?!\w)"
    r"|(?<!\w)[Пп]о\s+(?:её|ее|его)\s+словам(?!\w)"
    # "Ella afirmó", "Ele disse", "Er betonte", "Lei ha detto"
    rf"|\b(?:[Ee]lla|[Éé]l|[Ee]le|[Ee]la|Er|Sie|[Ll]ui|[Ll]ei|[Hh]ij|[Zz]ij)\s+{_VERBS}(?!\w)"
    # "zei hij", "aldus zij"
    rf"|\b{_VERBS}\s+(?:hij|zij)\b)"
)
# "X invited …", "Opening the meeting, X, President of …, welcomed …": X acts.
# "Mayor Pieter Jansen of Den Helder welcomed …": the place a role's holder is of
_OF_PLACE = r"(?P<of_place>\s+of\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})?"
_ACTS = rf"{_NAME}{_OF_PLACE}{_ROLE_BETWEEN}\s+{_AUX}[a-z]+(?:ed|s)\b"
_PRONOUN_SUBJECT = re.compile(rf"^(?:He|She)\s+{_AUX}[a-z]+")  # "She presented figures …"
_SUBJECT_ACTS = (
    re.compile(rf"^[“\"‘']?{_ACTS}"),
    re.compile(rf"^[^,“”\"]{{0,60}},\s+{_ACTS}"),
)
# Verbs of a part taken in a meeting: "X presented a study", "X focused on …", "X
# invited …". Such a sentence is X's contribution, as a speech verb is; "X attended",
# "X was elected" are not.
_DISCOURSE = (
    r"(?:presented|focused|focussed|addressed|spoke|opened|closed|welcomed|invited|encouraged"
    r"|described|outlined|introduced|raised|thanked|congratulated|led|chaired|moderated"
    r"|reviewed|discussed|defended|criticised|criticized|questioned|challenged|recommended"
    r"|appealed|pleaded|listed|cited|quoted|presents|focuses|addresses|describes|invites"
    # "Julien Mercier, représentant …, a présenté l'expérience …" and its kin
    r"|(?:a|avait)\s+(?:(?:également|aussi|ensuite|enfin)\s+)*(?:présenté|ouvert|clos|clôturé"
    r"|accueilli|invité|décrit|abordé|présidé|animé|défendu|critiqué|recommandé|évoqué|cité"
    r"|remercié|exposé|détaillé|introduit|pris\s+la\s+parole)"
    r"|представил[аи]?|открыл[аи]?|описал[аи]?|приветствовал[аи]?|поблагодарил[аи]?"
    r"|presentó|abrió|clausuró|inauguró|describió|moderó|presidió|agradeció|defendió|criticó"
    r"|recomendó|abordó|apresentou|abriu|encerrou|descreveu|moderou|presidiu|agradeceu"
    r"|ha\s+(?:presentato|aperto|chiuso|descritto|moderato|presieduto|ringraziato)"
    r"|stellte|eröffnete|begrüßte|beschrieb|moderierte|leitete|dankte)"
)
# Of those, the verbs that announce what the speaker goes on to say: "X presented the
# survey. According to her, …", "X addressed artificial intelligence and jobs. She
# presented a study …": the sentence after is what X said about it. (3 of the 161
# attributed statements of the sample index open with "addressed", "focused on" or
# "spoke about", each followed by what the speaker said, 2026-12-02.)
_PRESENTS = re.compile(
    r"^\s*(?:(?:has\s+|had\s+)?(?:presented|outlined|described|introduced|addressed"
    r"|spoke\s+(?:about|on)|focused\s+on|turned\s+to)"
    r"|a\s+(?:présenté|exposé|décrit|détaillé)|представил[аи]?|описал[аи]?"
    r"|presentó|describió|apresentou|descreveu|ha\s+(?:presentato|descritto)|stellte|beschrieb)"
    r"(?!\w)"
)
_SPEAKS = rf"{_NAME}{_ROLE_BETWEEN}\s+{_AUX}(?:{_VERBS}|{_DISCOURSE})\b"
_SUBJECT_SPEAKS = (
    re.compile(rf"^[“\"‘']?{_SPEAKS}"),
    re.compile(rf"^[^,“”\"]{{0,60}},\s+{_SPEAKS}"),
)
_PERSON = re.compile(_NAME)
# Chinese news style: "劳动者代表陈志强强调，…" (role, name, verb), "王丽华在开幕致辞中指出，…"
# ("in her opening speech"), and "她说，…" / "…。”她说。" for the person named before. A
# name is a common surname and one or two more characters; a role, when there is one,
# ends in a word for a representative or an office.
_ZH_VERB = (
    r"(?:强调|指出|表示|说|认为|提出|介绍|建议|谈到|提到|呼吁|补充|坦言|透露|总结|回应|解释"
    r"|称|主张|警告|承认|希望|重申)"
)
_ZH_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
_ZH_ROLE_END = (
    r"(?:代表|主席|会长|理事长|秘书长|主任|部长|局长|教授|委员|专家|负责人|院长|所长|经理|先生"
    r"|女士|大使|研究员|总干事|主持人)"
)
_ZH_ADVERB = r"(?:也|还|则|进一步|同时|再次)?"
# A foreign name is written in syllables joined by a middle dot ("托马斯·恩科西"); "X介绍了
# 南非的经验" (presented the experience of …) is X's part as "X presented …" is.
_ZH_FOREIGN_NAME = r"[\u4e00-\u9fff]{2,6}[·・•][\u4e00-\u9fff]{1,8}"
_ZH_SPEAKS = re.compile(
    rf"^(?P<role>[^，。：；“”]{{0,24}}?{_ZH_ROLE_END})?"
    rf"(?P<name>{_ZH_FOREIGN_NAME}|[{_ZH_SURNAMES}][\u4e00-\u9fff]{{1,2}})"
    rf"(?:在[^，。；]{{1,24}}?[中上时])?{_ZH_ADVERB}"
    rf"(?:{_ZH_VERB}(?:道)?[，：:,]|(?:介绍|分享|阐述|发表|提出|谈)了)"
)
# Japanese news: "評議会の田中一郎議長は「…」と述べた。", "佐藤美咲氏は、…と指摘した。": the
# subject (a name, a role or an honorific after it, what it is "of" before it) opens the
# sentence with は, and a verb of saying after と ends it.
_JA_ROLE_SUFFIX = (
    r"(?:副議長|議長|会長|副会長|代表|委員長|理事長|事務局長|局長|社長|教授|大臣|知事|市長|部長"
    r"|所長|理事|委員|氏|さん)"
)
_JA_SPEAKS = re.compile(
    r"^(?P<of>[^。「」、]{1,30}?の)?(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff\u3040-\u30ff]{1,5}?)"
    rf"(?P<role>{_JA_ROLE_SUFFIX})?は"
)
_JA_SAID = re.compile(
    r"と(?:述べ|語っ|指摘し|強調し|説明し|話し|訴え|明らかにし|主張し|提案し|発言し|答え|呼びかけ"
    r"|報告し|警告し)た。?$"
)
_JA_HONORIFICS = frozenset({"氏", "さん"})
_JA_BODIES = tuple("政府 省 庁 会 党 社 国 府 県 市 局 組合 連合 銀行 大学 機関 団体 企業".split())
_ZH_PRONOUN = re.compile(rf"^[”」]?\s*(?:他|她){_ZH_ADVERB}{_ZH_VERB}(?:道)?(?P<end>[，：:,]|。?$)")
_FIRST_PERSON = re.compile(
    r"\b(?:I|[Ww]e|[Oo]ur|[Mm]y|us|me|[Jj]e|[Nn]ous|[Nn]os|[Nn]otre|[Яя]|[Мм]ы|[Нн]аш[а-я]*)\b"
)
# Minutes list who attended, with the roles they hold there: "Present: Ana Lima (Chair),
# Ben Okoro, Carla Smith (Treasurer)". "The Chair proposed …" is then Ana Lima.
# Committees list their witnesses so ("Witnesses: Dr Helen Price, Chief Economist, Debt
# Advice Trust; Martin Cole, …"), and minutes give initials that the minutes then write
# for the person ("Priya Shah (PS), Finance Director; …" and "PS presented …").
_ATTENDANCE = re.compile(
    r"^(?:Present|Attendees|Attending|In\s+attendance|Members\s+present|Participants"
    r"|Also\s+present|Witnesses|Panel(?:lists)?|Présents|Présent\(?e\)?s|Étaient\s+présents"
    r"|Anwesend|Teilnehmende|Asistentes|Presentes|Aanwezig|Presenti)\s*:\s*(?P<list>.+)$",
    re.I | re.S,
)
# The same label alone, its list on the lines below.
_ATTENDANCE_LABEL = re.compile(
    _ATTENDANCE.pattern.replace(r"\s*:\s*(?P<list>.+)$", r"\s*:\s*$"), re.I
)
_ATTENDEE = re.compile(
    rf"^\s*{_NAME}\s*(?:\((?P<paren>[^()]{{1,60}})\))?\s*(?:,\s*(?P<after>[^;]{{2,160}}?))?\s*\.?\s*$"
)
_INITIALS = re.compile(r"[A-Z]{2,4}")
# "PS presented the rent proposal.", "DO reported that …": initials an attendance list
# gave, acting
_INITIALS_SUBJECT = re.compile(rf"^(?P<initials>[A-Z]{{2,4}})\s+{_AUX}(?:{_VERBS}|[a-z]+ed)\b")
# "The Chair proposed …", "The Treasurer presented …": a role as the subject, acting.
_ROLE_SUBJECT = re.compile(
    r"^(?:The|Der|Die|Le|La|El|Il|O|A|M\.\s+le|Mme\s+la|Monsieur\s+le|Madame\s+la)\s+"
    rf"(?P<role>(?:[\w-]+\s+){{0,2}}[\w-]+)\s+{_AUX}(?:{_VERBS}|{_DISCOURSE}|[a-z]+ed)(?!\w)"
)
# Sentences about the meeting or other people, not the paragraph's speaker.
_NARRATION = re.compile(
    r"^(?:In\s+(?:the\s+discussion|conclusion|response|reply)|Several|Participants|Delegates"
    r"|Delegations|Members|Many|Some|Others?\b|Both|All|Everyone|Nobody|No\s+one|Speakers"
    r"|The\s+(?:Board|secretariat|Association|General\s+Assembly|delegates|participants"
    r"|meeting|seminar|webinar|forum|workshop|hearing|conference|session|outgoing|next|other"
    r"|audience|chair|moderator|organisers|organizers)\b|It\s+was\b|There\s+(?:was|were|is|are)\b"
    # the body itself acts, in the languages of the news above: "El Consejo presentó …"
    r"|(?:El|La|Le|Der|Die|Das|Il|O|A)\s+(?:Consejo|Conseil|Consiglio|Conselho|Rat|Comité"
    r"|Comisión|Commission|Gobierno|Gouvernement|Governo|Regierung|Asamblea|Assemblée"
    r"|Secretaría|Secrétariat|Sekretariat)\b)"
)
_OPENING_QUOTE = re.compile(r"""^\s*["“‘«„]""")
_OPENS_QUOTE = re.compile(r"""[“«„]|^\s*["‘]|\s"(?=\w)""")
_ANY_VERB = re.compile(rf"\b{_VERBS}\b")
# "noted that", "said:", "a souligné que", "qu'", "отметил, что"
_THAT = re.compile(r"(?:,?\s+(?:that\b|que\b|qu['’]|что\b|dass\b|daß\b|che\b))?[\s,:]*")
_LEAD_IN = re.compile(r"[\s,;“”„«»\"'\-–—]*(?:\b[a-z]\s+)?$")  # ", - a underlined", ",” she said"

# The courtesy titles a name drops when a given name follows ("M. Paul Girard", "Frau
# Aylin Demir" are Paul Girard and Aylin Demir); English records keep "Dr Helen Price".
_COURTESY = frozenset("m. mme mme. mlle mlle. sr sr. sra sra. srta srta. herr frau".split())
_TITLES = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof.".split()) | _COURTESY
_ROLE_WORDS = frozenset(
    """secretary chairman chairwoman chairperson chair president vice deputy first member head
    director minister ambassador representative rapporteur adviser advisor executive general
    ceo professor expert coordinator manager officer commissioner governor mayor senator
    spokesperson spokesman spokeswoman founder chief leader secretary-general vice-president
    vice-chairman vice-chair co-chair delegate envoy counsellor councillor councilor president-elect
    treasurer dean rector analyst economist researcher moderator
    président présidente vice-président vice-présidente secrétaire directeur directrice
    ministre membre rapporteur rapporteure rapporteuse conseiller conseillère délégué
    déléguée représentant représentante porte-parole maire chef cheffe coordinatrice
    chercheur chercheuse économiste
    председатель заместитель секретарь член директор министр руководитель глава президент
    эксперт представитель советник депутат ректор профессор сопредседатель координатор
    председателя заместителя секретаря члена директора министра руководителя главы
    presidente presidenta vicepresidente vicepresidenta consejero consejera ministro ministra
    secretario secretaria director directora portavoz representante miembro diputado diputada
    alcalde alcaldesa investigador investigadora segretario segretaria direttore direttrice
    portavoce rappresentante membro sindaco consigliere consigliera secretário secretária
    diretor diretora porta-voz conselheiro conselheira deputado deputada
    vorsitzende vorsitzender präsident präsidentin vizepräsident vizepräsidentin ministerin
    bundesminister bundesministerin sprecher sprecherin geschäftsführer geschäftsführerin
    direktor direktorin vertreter vertreterin gewerkschaftsvertreter gewerkschaftsvertreterin
    abgeordnete abgeordneter bürgermeister bürgermeisterin staatssekretär staatssekretärin
    mitglied leiter leiterin generalsekretär generalsekretärin expertin ökonom ökonomin
    voorzitter vicevoorzitter wethouder burgemeester econoom woordvoerder woordvoerster
    secretaris staatssecretaris hoogleraar onderzoeker onderzoekster bestuurder bestuurslid
    gedeputeerde kamerlid lid adjoint adjointe conseillère tesoriere tesoriera tesoureiro
    tesoureira tesorero tesorera trésorier trésorière""".split()
)
# Capitalised words that begin sentences or name places and bodies, never a person.
_NOT_NAMES = frozenset(
    """the this that these those it he she they we i you our their his her its in on at
    for from with by as during after before today yesterday however according summarizing
    summarising speaking addressing also and but so then there here when while a an all both
    each many most some such what which who why how internet commission council chamber
    committee association federation union government ministry organization organisation
    parliament assembly forum group company institute university bank agency republic office
    board secretariat department centre center society economic social digital
    since if although though whereas unless until once yet thus therefore moreover
    furthermore indeed finally first second third lastly next now again meanwhile
    nevertheless nonetheless instead likewise similarly otherwise perhaps recently earlier
    later last every like unlike despite given under over through without within among
    between across against following regarding concerning where whether
    united nations states rights human international national global world agenda action
    weapons islands island archipelago force forces manifesto declaration convention treaty
    charter programme program agreement conference summit north south east west african
    caribbean pacific arab islamic transparency watch amnesty court security development
    goals fund initiative alliance coalition partnership framework strategy plan report
    network foundation party movement front league army police media press news
    le la les un une des il elle ils elles nous je selon enfin ensuite puis lors dans
    pour avec sur par en au aux du de ce cette ces son sa ses leur leurs
    он она они мы я по в на с для при после также кроме однако затем итоги
    участники это этот эта
    consejo conseil consiglio conselho comité comisión comissão gobierno gouvernement
    governo regierung ministerio ministère asamblea assemblée parlamento parlement bundestag
    congreso senado sénat""".split()
)
_ROLE_MODIFIERS = frozenset("the a an former acting honorary senior".split())
_ROLE_FUNCTION_WORDS = frozenset(
    "of for and the on in at to de du la a an del des der di della do da dos y e und von".split()
)
_ROLE_CLAUSE_START = re.compile(
    r"^(?:who|which|that|and|but|in|at|on|during|as|when|while|adding|saying|stressing|"
    r"noting|because|if|after|before|with|to)\b"
)
# A speech opens by addressing the chair ("Madam President, ladies and gentlemen, …",
# "Mr President, in 2012, we …"), or speaks in the first person (``_FIRST_PERSON``): the
# role words then are whom it speaks to. Read as the
# speaker's role, they took 221 of the 370 roles of 36 European Parliament debates, and
# the first sentence of each of those speeches out of what answers may quote.
_ADDRESS = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Madam|Madame|Mister)\.?\s+)?(?:President|Chair(?:man|woman|person)?"
    r"|Speaker|Commissioner|Vice-President|President-in-Office)\s*,"
)


def presents(said: str) -> bool:
    """Whether the words after a speaker's name announce what they said next ("presented
    the results of the survey")."""
    return bool(_PRESENTS.match(said))


def attribute(sentences: Sequence[Sentence], turns_too: bool = True) -> tuple[Attribution, ...]:
    """One ``Attribution`` per sentence; ``sentences`` are consecutive, in document order.

    A record whose paragraphs open with turn headers (``index.turns``: at least
    ``MIN_HEADERS`` of one layout) is read as a verbatim record from its first header
    on: the speaker named by a header holds the floor until the next one, and no
    news-style cue inside a speech ("as Mr Smith said") takes it away. Everything else,
    and the text before the first header, is read as a news report. ``turns_too=False``
    reads no turns: one speech whose record names its speaker (a UN speech's sections
    "Social and Economic Crisis: …", "Environmental Crisis: …" are no speakers).
    """
    state = _State()
    out: list[Attribution] = [Attribution()] * len(sentences)
    spans = _paragraph_spans(sentences)
    headers = _active_headers(sentences, spans) if turns_too else {}
    first_header = min(headers, default=len(sentences))
    floor: Speaker | None = None
    qa = _QaSpeakers(sentences[:first_header], state) if headers else None
    listed = _listed_attendance(sentences, state)
    for i, j in spans:
        if all(k in listed for k in range(i, j)):
            out[i:j] = [listed[k] for k in range(i, j)]
            continue
        if i < first_header:
            _paragraph(sentences[i:j], out, i, state)
            continue
        header = headers.get(i)
        start = i
        if header is not None:
            floor = _floor(header, qa, state)
            start = _header_sentences(sentences, i, j, header, floor, out, state)
            floor = out[i].speaker if out[i].speaker is not None else floor
        for k in range(start, j):
            if floor is not None and not turns.is_procedure(sentences[k].text):
                out[k] = Attribution(floor)
    return tuple(out)


# A layout counts when a record has at least this many headers of it: one "Note:" line
# or one "John Smith." sentence in a news report is not a verbatim record.
MIN_HEADERS = 2


def _paragraph_spans(sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    spans = []
    i = 0
    while i < len(sentences):
        j = i
        while j < len(sentences) and sentences[j].paragraph == sentences[i].paragraph:
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _active_headers(
    sentences: Sequence[Sentence], spans: Sequence[tuple[int, int]]
) -> dict[int, turns.Header]:
    found: dict[int, turns.Header] = {}
    learned = turns.learned_labels([sentences[i].text for i, _ in spans])
    for i, j in spans:
        following = sentences[i + 1].text if i + 1 < j else None
        header = turns.header_at(sentences[i].text, following)
        if turns.label_at(sentences[i].text) in learned and (
            header is None or header.kind == "first"
        ):
            # a label the transcript takes turns under, whatever it looks like
            header = turns.learned_header(sentences[i].text)
        if header is not None:
            found[i] = header
    if not any(h.kind in ("q", "a") for h in found.values()):
        dialogue = _dash_dialogue(sentences, spans)
        if not dialogue.keys() & found.keys():  # "Interviewer:" / "Maria Santos:" label theirs
            found.update(dialogue)
    layouts: dict[str, int] = {}
    for header in found.values():
        layout = _layout(header.kind)
        layouts[layout] = layouts.get(layout, 0) + 1
    if not any(turns.is_chair(h.name) for h in found.values() if h.kind == "caps"):
        layouts.pop("caps", None)  # "MAIN RISKS. …" run-in headings, not Italy's "PRESIDENTE."
    if not any(turns.is_chair(h.name) for h in found.values() if h.kind == "line"):
        layouts.pop("capsline", None)  # "EXECUTIVE SUMMARY" lines, not a panel's "JAN DE VRIES"
    turns_by_name: dict[str, int] = {}
    for h in found.values():
        if h.kind == "first":
            turns_by_name[h.name] = turns_by_name.get(h.name, 0) + 1
    if sum(n >= MIN_HEADERS for n in turns_by_name.values()) < 2:
        layouts.pop("first", None)  # "Location: …" once and "Example: …" once: a form
    if "qa" in layouts and any(n >= MIN_HEADERS for layout, n in layouts.items() if layout != "qa"):
        layouts["qa"] = MIN_HEADERS  # one "QUESTION:" from the floor of a briefing
    if layouts.get("qa", 0) >= MIN_HEADERS and any(
        h.kind == "colon" and sentences[i].text[: h.length].isupper() for i, h in found.items()
    ):
        # a deposition's one "MR. GRADY: Objection; form.": a lawyer's, not the witness's
        layouts["colon"] = MIN_HEADERS
    return {i: h for i, h in found.items() if layouts.get(_layout(h.kind), 0) >= MIN_HEADERS}


# A press interview in French, Spanish, Italian or Russian sets its turns apart with a
# dash, the questions ending with a question mark: "— Que proposez-vous ?" / "— Nous
# proposons …". Read so only under an introduction that names an interview ("Entretien
# avec …", "Propos recueillis par …"): news in those languages quotes with dashes too.
# A web page's interview sets its questions in bold, lost with the markup: under a
# title that names the interview ("Interview with Amara Okonjo, Director of …"), a short
# paragraph that asks is a question, the paragraphs up to the next one the answer.
_INTRO_PARAGRAPHS = 3
_QUESTION_WORDS = 60


def _dash_dialogue(
    sentences: Sequence[Sentence], spans: Sequence[tuple[int, int]]
) -> dict[int, turns.Header]:
    """The turns of an interview without labels: "q" where a paragraph asks, "a"
    where the reply to it starts (``Header.length`` 0 when no dash opens it)."""
    paragraphs = [" \n".join(sentences[k].text for k in range(i, j)) for i, j in spans]
    intro = " \n".join(paragraphs[:_INTRO_PARAGRAPHS])
    if turns.interviewee_in(intro) is None and turns.interviewer_in(intro) is None:
        return {}

    def asks(n: int) -> bool:
        return sentences[spans[n][1] - 1].text.rstrip(' "”»').endswith(("?", "？"))

    out = {}
    dashes = {
        n: d for n, (i, _) in enumerate(spans) if (d := turns.DASH_TURN.match(sentences[i].text))
    }
    dashed = bool(dashes)
    if dashed:
        for n, dash in dashes.items():
            kind = "q" if asks(n) else "a"
            out[spans[n][0]] = turns.Header(kind.upper(), None, dash.end(), kind)
    elif turns.interviewee_in(paragraphs[0]) is not None:
        questions = [
            n
            for n in range(1, len(spans))
            if asks(n) and len(paragraphs[n].split()) <= _QUESTION_WORDS
        ]
        for n in questions:
            if n + 1 < len(spans) and n + 1 not in questions:
                out[spans[n][0]] = turns.Header("Q", None, 0, "q")
                out[spans[n + 1][0]] = turns.Header("A", None, 0, "a")
    kinds = [h.kind for h in out.values()]
    return out if kinds.count("q") >= (1 if dashed else 2) and "a" in kinds else {}


def _layout(kind: str) -> str:
    return {"q": "qa", "a": "qa", "bracket": "colon"}.get(kind, kind)


class _QaSpeakers:
    """Who "Q:" and "A:" are: the interviewer an introduction names ("Interviewer: X",
    "interviewed by X"), and the first other person it names; else no label for A."""

    def __init__(self, intro: Sequence[Sentence], state: _State) -> None:
        # the whole introduction: "EXAMINATION" and "BY MS. STEIN:" are two lines
        interviewer = turns.interviewer_in("\n".join(s.text for s in intro))
        default = Speaker("Interviewer")
        self.interviewer = state.remember(Speaker(interviewer)) if interviewer else default
        self.interviewee: Speaker | None = None
        intro_named = next(
            ((s.text, n) for s in intro if (n := turns.interviewee_in(s.text))), None
        )
        if intro_named is not None:
            text, named = intro_named
            # "Entretien avec Claire Moreau, présidente du Conseil …": her role
            after = re.match(
                r",\s+([^;“”\"\n]{3,200}?)[.]?$", text[text.find(named) + len(named) :]
            )
            role = (
                after.group(1)
                if after and _looks_like_role(after.group(1), allow_title_case=False)
                else None
            )
            self.interviewee = state.remember(Speaker(named, _clean_role(role) if role else None))
            return
        for sentence in intro:
            for match in _overlapping(_PERSON, sentence.text):
                name = match.group("name")
                if interviewer and name in interviewer:
                    continue
                found = _speaker_from(name, (), state)
                if found is not None and len(found.name.split()) >= 2:
                    role = _role_after(sentence.text[match.end() :])
                    self.interviewee = state.remember(Speaker(found.name, role or found.role))
                    return


def _role_after(text: str) -> str | None:
    """ "X, president of …, …": the appositive after a name."""
    found = re.match(r",\s+([^;“”\"]{3,200}?),\s+[a-z]", text)
    if found and _looks_like_role(found.group(1), allow_title_case=False):
        return _clean_role(found.group(1))
    return None


def _floor(header: turns.Header, qa: _QaSpeakers | None, state: _State) -> Speaker | None:
    if header.kind == "q":
        return qa.interviewer if qa else None
    if header.kind == "a":
        return qa.interviewee if qa else None
    if header.name.lower() == "interviewer" and qa is not None:
        return qa.interviewer  # "Interviewer: …", named where the introduction says
    if header.role is None and header.name.lower() in state.by_role:
        return state.by_role[header.name.lower()]  # "Chair: …" whom "Present:" names so
    return state.remember(Speaker(header.name, header.role))


def _header_sentences(
    sentences: Sequence[Sentence],
    i: int,
    j: int,
    header: turns.Header,
    floor: Speaker | None,
    out: list[Attribution],
    state: _State,
) -> int:
    """Attribute the header sentence (and an EP role line after it); returns the index
    of the first sentence that is plain speech."""
    text = sentences[i].text
    if header.length == 0:
        out[i] = Attribution(floor)  # a turn no label opens: a web interview's question
        return i + 1
    if header.length < len(text):
        out[i] = Attribution(floor, named=True, tag=(0, header.length))
        return i + 1
    out[i] = Attribution(floor, role_only=True)  # "David Martin (S&D)." alone
    if i + 1 >= j or floor is None:
        return i + 1
    following = sentences[i + 1].text
    lead = turns.ep_lead_length(following)
    rest = following[lead:]
    if header.kind == "ep" and _looks_like_role(rest, allow_title_case=False):
        # "John Dalli. – Member of the Commission. - Madam President, …"
        with_role = state.remember(Speaker(floor.name, _clean_role(rest)))
        out[i] = Attribution(with_role, role_only=True)
        out[i + 1] = Attribution(with_role, role_only=True)
        for k in range(i + 2, j):
            out[k] = Attribution(with_role, tag=(0, turns.ep_lead_length(sentences[k].text)))
        return j
    out[i + 1] = Attribution(floor, tag=(0, lead) if lead else None)
    return i + 2


class _State:
    """What one pass over a document knows so far (local to one ``attribute`` call)."""

    def __init__(self) -> None:
        self.known: dict[str, Speaker] = {}  # by name; the role once the report gave it
        self.by_role: dict[str, Speaker] = {}  # "chair": whom an attendance list names so
        self.by_initials: dict[str, Speaker] = {}  # "PS": Priya Shah (PS) of the list
        self.current: Speaker | None = None  # the person a pronoun tag refers to
        self.last_paragraph: Speaker | None = None  # speaker of the previous paragraph

    def remember(self, speaker: Speaker) -> Speaker:
        old = self.known.get(speaker.name)
        if speaker.role is None and old is not None:
            return old
        self.known[speaker.name] = speaker
        return speaker


def _paragraph(
    sentences: Sequence[Sentence], out: list[Attribution], offset: int, state: _State
) -> None:
    speaker: Speaker | None = None
    reported = False  # the speaker's last words were reported speech ("X noted that …")
    pending: list[int] = []  # sentences whose speaker a later tag may give
    awaiting_role: Speaker | None = None  # "X said." was read; the role may follow
    role_texts: list[str] = []
    quote_depth = 0
    for k, sentence in enumerate(sentences):
        index = offset + k
        text = sentence.text
        in_quote = quote_depth > 0 or bool(_OPENING_QUOTE.match(text))
        quote_depth = _quote_depth_after(text, quote_depth)
        if awaiting_role is not None and _looks_like_role(text, allow_title_case=bool(role_texts)):
            role_texts.append(text)
            role = _clean_role(" ".join(role_texts))
            with_role = state.remember(Speaker(awaiting_role.name, role))
            speaker = state.current = with_role
            for m in range(offset, index):
                before = out[m].speaker
                if before is not None and before.name == with_role.name:
                    out[m] = Attribution(with_role, out[m].named, out[m].role_only)
            out[index] = Attribution(with_role, role_only=True)
            continue
        awaiting_role, role_texts = None, []
        if turns.is_credit_line(text):
            out[index] = Attribution(role_only=True)  # no one's statement
            continue
        if _attendance(text, state):
            out[index] = Attribution(listed=True)  # who attended: a fact, no one's words
            continue
        tag = _named_speaker(text, state)
        if tag is None:
            tag = _chinese_pronoun_tag(text, speaker, state.last_paragraph)
        by_initials = _INITIALS_SUBJECT.match(text) if tag is None else None
        if by_initials is not None and by_initials.group("initials") in state.by_initials:
            person = state.by_initials[by_initials.group("initials")]
            tag = _Tag(person, True, False, (0, by_initials.end("initials")))
        by_role = _ROLE_SUBJECT.match(text) if tag is None else None
        if by_role is not None and by_role.group("role").split()[-1].lower() in _ROLE_WORDS:
            # someone named by a role acts ("The Chair proposed …"): whom the attendance
            # list gives the role, or the one person named with it; never the speaker of
            # the sentence before
            holder = _role_holder(by_role.group("role"), state)
            speaker = state.current = holder
            reported = holder is not None
            if holder is not None:
                out[index] = Attribution(holder, named=True, tag=(0, by_role.end("role")))
            else:
                pending.append(index)
            continue
        if tag is None and state.current is not None:
            tag = _pronoun_tag(text, state.current)
        if tag is not None:
            speaker = state.current = tag.speaker
            reported = not _OPENS_QUOTE.search(text)
            out[index] = Attribution(speaker, named=tag.named, tag=tag.span)
            if tag.trailing:
                # "“…. …,” she said.": the quote began in the sentences before
                run = _open_quote_run(sentences, offset, index, pending)
                if (
                    not run
                    and _whole_paragraph(offset, index, pending)
                    and state.last_paragraph == speaker
                ):
                    # a paragraph of speech without quote marks, ", he said." at
                    # its end, after a paragraph of the same speaker
                    run = list(pending)
                for m in run:
                    out[m] = Attribution(speaker)
            pending = []
            if tag.ends_with_verb and speaker.role is None:
                awaiting_role = speaker
        elif speaker is not None and in_quote:
            out[index] = Attribution(speaker)
        else:
            acting = _subject(text, state, _SUBJECT_SPEAKS)
            if acting is not None:
                # "Sofía Herrera, President of …, focused on cybersecurity.": her part
                speaker = state.current = acting[0]
                reported = True
                out[index] = Attribution(acting[0], named=True, tag=acting[1])
                continue
            acts = _subject(text, state, _SUBJECT_ACTS)
            mentioned = acts[0] if acts else _mentioned(text, state)
            if (
                speaker is not None
                and reported
                and mentioned is None
                and not _NARRATION.match(text)
                and not _FIRST_PERSON.search(text)
            ):
                # "He explained that … . Among them were …": the paragraph goes on with
                # what its speaker said, until someone else or the meeting is the subject.
                # Not a sentence in the first person outside quotes: in a speech that
                # quotes someone ("Nelson Mandela said, …"), "We could not …" is the
                # speaker's own, and a report's narration never says "we".
                out[index] = Attribution(speaker)
                continue
            if mentioned is not None:
                state.current = mentioned
            pending.append(index)
    if (
        pending
        and pending[0] == offset
        and state.last_paragraph is not None
        and _OPENING_QUOTE.match(sentences[0].text)
    ):
        # a quote paragraph right after a speaker's paragraph continues that speaker
        for m in pending:
            out[m] = Attribution(state.last_paragraph)
        speaker = state.last_paragraph
    state.last_paragraph = speaker


def _role_holder(role: str, state: _State) -> Speaker | None:
    """Who holds ``role`` ("Chair", "Minister"): the attendance list's, else the one
    person named so far whose role has all its words."""
    if role.lower() in state.by_role:
        return state.by_role[role.lower()]
    words = role.lower().split()
    holders = {
        s.name: s
        for s in state.known.values()
        if s.role and set(words) <= set(re.findall(r"[\w-]+", s.role.lower()))
    }
    return next(iter(holders.values())) if len(holders) == 1 else None


def _listed_attendance(sentences: Sequence[Sentence], state: _State) -> dict[int, Attribution]:
    """The lines of attendance lists on lines of their own ("Present:" then "Marta
    Okonkwo (Chair)", "Piet Janssen (Harbour Master)", …, one a line), their roles
    remembered as a one-line list's are; by sentence index."""
    out: dict[int, Attribution] = {}
    for i, sentence in enumerate(sentences):
        if not _ATTENDANCE_LABEL.match(sentence.text):
            continue
        j = i + 1
        while j < len(sentences) and _ATTENDEE.match(sentences[j].text):
            j += 1
        if j - i < 2:
            continue
        _attendance(f"{sentence.text} {'; '.join(s.text for s in sentences[i + 1 : j])}", state)
        out[i] = Attribution(role_only=True)
        out.update((k, Attribution(listed=True)) for k in range(i + 1, j))
    return out


def _attendance(text: str, state: _State) -> bool:
    """Whether ``text`` lists who attended; their roles are remembered."""
    found = _ATTENDANCE.match(text)
    if found is None:
        return False
    listed = found.group("list")
    # "Ana Lima (Chair), Ben Okoro" or, where a role follows a name after a comma,
    # "Priya Shah (PS), Finance Director; Tom Fletcher, Board member"
    items = listed.split(";") if ";" in listed else re.split(r",\s*(?![^()]*\))", listed)
    for item in items:
        attendee = _ATTENDEE.match(item)
        if attendee is None or not _could_be_name(attendee.group("name").split()):
            continue
        name, paren, after = attendee.group("name", "paren", "after")
        name = _without_courtesy(name)
        initials = paren is not None and _are_initials(paren, name)
        role = after if initials or paren is None else paren
        if role is not None and not _looks_like_role(role, allow_title_case=paren is not None):
            role = None
        if role is None and not initials and len(name.split()) < 2:
            continue
        person = state.remember(Speaker(name, _clean_role(role) if role else None))
        if initials:
            state.by_initials[paren] = person
        if role is not None:
            state.by_role[person.role.lower() if person.role else role.lower()] = person
    return True


def _are_initials(text: str, name: str) -> bool:
    """ "PS" for Priya Shah, "JdV" is no initials here (two to four capitals)."""
    letters = [w[0] for w in name.split() if w[0].isupper() and w.lower() not in _TITLES]
    return bool(_INITIALS.fullmatch(text)) and text == "".join(letters)[: len(text)]


@dataclass(frozen=True)
class _Tag:
    """A speaker tag found in a sentence."""

    speaker: Speaker
    named: bool  # the sentence names the speaker (not "she said")
    trailing: bool  # the tag ends the sentence: what came before is the speaker's
    span: tuple[int, int]  # the attribution words in the sentence
    ends_with_verb: bool = False  # "…, Ilya Semin said." (the role may follow)


def _named_speaker(text: str, state: _State) -> _Tag | None:
    """The first speaker a sentence names."""
    tags: list[tuple[int, _Tag]] = []
    japanese = _JA_SPEAKS.match(text) if _JA_SAID.search(text) else None
    if japanese is not None:
        return _japanese_tag(japanese, state)
    chinese = _ZH_SPEAKS.match(text)
    if chinese is not None:
        said_by = state.remember(Speaker(chinese.group("name"), chinese.group("role")))
        return _Tag(said_by, True, False, (0, chinese.end()))
    for match in _overlapping(_NAME_THEN_VERB, text):
        role_mid = match.group("role_mid")
        if role_mid is not None and not _looks_like_role(role_mid, allow_title_case=False):
            continue  # "Russian Federation, Lidia Mikheeva, noted": the name is further on
        role_before = _role_before(text[: match.start("name")])
        found = _speaker_from(match.group("name"), (role_mid, role_before), state)
        if found is not None:
            ends = text[match.end() :].strip() in ("", ".")
            start = match.start("name") - (len(role_before) + 2 if role_before else 0)
            end = len(text) if ends else _after_that(text, match.end())
            tags.append((match.start(), _Tag(found, True, ends, (start, end), ends)))
            break
    for pattern in (_VERB_THEN_NAME, _ACCORDING_TO):
        for match in _overlapping(pattern, text):
            role_pre = match.group("role_pre") or match.group("role_bare")
            if role_pre is not None and role_pre.split()[-1].lower() not in _ROLE_WORDS:
                continue  # "said the report Ana Lima wrote", "said in Brussels"
            after = text[match.end() :]
            age = _AGE_AFTER.match(after) if match.group("after").startswith(",") else None
            after = after[age.end() :] if age else after  # "said Maria Gonzalez, 54, a nurse …"
            end = len(text)
            if pattern is _ACCORDING_TO:
                # "according to X, president of Y, the economy …": the role ends at the
                # comma, what X says follows it
                cut = after.find(",")
                after, end = (after[:cut], match.end() + cut + 1) if cut >= 0 else (after, end)
            relative = _RELATIVE.search(after) if pattern is _VERB_THEN_NAME else None
            if relative is not None:
                # "Toma la palabra el Sr. X, representante de …, quien señala que …"
                after, end = after[: relative.start()], match.end() + relative.end()
            has_role = match.group("after").startswith(",") and _looks_like_role(
                after, allow_title_case=False
            )
            roles = (after if has_role else None, role_pre)
            found = _speaker_from(match.group("name"), roles, state)
            if found is not None:
                trailing = (has_role and relative is None) or not match.group("after").startswith(
                    ","
                )
                start = _lead_in_start(text, match.start())
                span = (start, end if has_role else match.end())
                tags.append((match.start(), _Tag(found, True, trailing, span)))
                break
    return min(tags, key=lambda t: t[0])[1] if tags else None


def _japanese_tag(found: re.Match[str], state: _State) -> _Tag | None:
    name, suffix, of = found.group("name", "role", "of")
    parts = [of[:-1] if of else "", suffix if suffix and suffix not in _JA_HONORIFICS else ""]
    role = "".join(parts) or None
    if name in ("彼", "彼女"):  # "彼は「…」と語った": the person named before
        return _Tag(state.current, False, True, (0, found.end())) if state.current else None
    # a surname alone ("佐藤氏は") is the one person named before whose name begins so
    known = [s for s in state.known.values() if s.name.startswith(name) and s.name != name]
    if len(known) == 1:
        return _Tag(
            state.remember(Speaker(known[0].name, role or known[0].role)),
            True,
            True,
            (0, found.end()),
        )
    if suffix is None and (len(name) < 3 or name.endswith(_JA_BODIES)):
        return None  # "日本は", "日本政府は": a place or a body, no one named
    return _Tag(state.remember(Speaker(name, role)), True, True, (0, found.end()))


_AGE_AFTER = re.compile(r"\d{1,3},\s+")
# The relative clause after a speaker's role says what they said: "…, quien señala que",
# "…, qui indique que", "…, who said that".
_RELATIVE = re.compile(r",\s+(?:quien|quienes|who|qui|che|der|die)\s")


# A pronoun that is the subject of a clause the sentence reports ("I was saddened to hear
# President Obama say that he proposed …") is not the sentence's speaker (a UN speech gave
# that sentence to the president it quoted three paragraphs before).
_REPORTED = re.compile(r"(?:\bthat|\bque|\bdass|\bche|что),?\s+$", re.I)


def _pronoun_tag(text: str, current: Speaker) -> _Tag | None:
    match = next(
        (m for m in _PRONOUN_TAG.finditer(text) if not _REPORTED.search(text[: m.start()])),
        None,
    ) or _PRONOUN_SUBJECT.match(text)
    if match is None:
        return None
    trailing = text[match.end() :].strip() in ("", ".")
    start = _lead_in_start(text, match.start())
    end = len(text) if trailing else _after_that(text, match.end())
    return _Tag(current, False, trailing, (start, end))


def _chinese_pronoun_tag(text: str, speaker: Speaker | None, before: Speaker | None) -> _Tag | None:
    """ "她说，…": the speaker of this paragraph; "”她说。" after a quote: also the speaker
    of the paragraph before (a quote paragraph after their words). Chinese pronouns do not
    reach across paragraphs otherwise: "他认为" after an unnamed "来自非洲成员理事会的代表"
    is not the person named earlier."""
    match = _ZH_PRONOUN.match(text)
    if match is None:
        return None
    trailing = match.group("end") not in ("，", "：", ":", ",")
    who = speaker or (before if trailing else None)
    if who is None:
        return None
    return _Tag(who, False, trailing, (0, len(text) if trailing else match.end()))


def _lead_in_start(text: str, pos: int) -> int:
    """Where the punctuation before a tag starts: ", - a underlined", ",” she said"."""
    match = _LEAD_IN.search(text, 0, pos)
    return pos if match is None else match.start()


def _after_that(text: str, pos: int) -> int:
    """The end of "that" after a speech verb: "noted that ", "said: "."""
    match = _THAT.match(text, pos)
    return pos if match is None else match.end()


def _quote_depth_after(text: str, depth: int) -> int:
    # „…“ (Russian, German): “ closes a „ that opened before it
    low = min(text.count("„"), text.count("“"))
    depth += text.count("“") + text.count("„") + text.count("«") - 2 * low
    depth -= text.count("”") + text.count("»")
    if text.count('"') % 2:
        depth = 0 if depth > 0 else 1
    return max(depth, 0)


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        yield match
        pos = match.start() + 1


def _open_quote_run(
    sentences: Sequence[Sentence], offset: int, index: int, pending: Sequence[int]
) -> list[int]:
    """The sentences right before a trailing tag that its quote spans: back from the tag
    to the sentence that opens the quote. None when the tag's own sentence opens it, or
    when no opening mark is found (narration before a quote is not the quote)."""
    if _OPENS_QUOTE.search(sentences[index - offset].text):
        return []
    run: list[int] = []
    expected = index - 1
    for m in reversed(pending):
        if m != expected:
            break
        run.append(m)
        if _OPENS_QUOTE.search(sentences[m - offset].text):
            return run
        expected -= 1
    return []


def _whole_paragraph(offset: int, index: int, pending: Sequence[int]) -> bool:
    return list(pending) == list(range(offset, index))


def _subject(
    text: str, state: _State, patterns: Sequence[re.Pattern[str]]
) -> tuple[Speaker, tuple[int, int]] | None:
    """The person a sentence opens with, acting ("X, ROLE, presented …"), and the span of
    the name and role (the attribution words of the sentence)."""
    for pattern in patterns:
        match = pattern.match(text)
        if match is not None:
            found = _speaker_from(match.group("name"), (match.group("role_mid"),), state)
            if found is not None:
                end = match.end("role_mid") + 1 if match.group("role_mid") else match.end("name")
                of_place = match.groupdict().get("of_place")
                led = match.group("name").split()[0].lower() in _ROLE_WORDS
                if of_place and led and found.role and not match.group("role_mid"):
                    # "Mayor Pieter Jansen of Den Helder": Mayor of Den Helder
                    found = state.remember(Speaker(found.name, f"{found.role} {of_place.strip()}"))
                    end = match.end("of_place")
                return found, (match.start("name"), end)
    return None


def _mentioned(text: str, state: _State) -> Speaker | None:
    # "The General Assembly elected Karim Benjelloun …": a person named before
    mentioned = [
        state.known[m.group("name")]
        for m in _overlapping(_PERSON, text)
        if m.group("name") in state.known
    ]
    return mentioned[-1] if mentioned else None


def _speaker_from(raw_name: str, role_texts: Sequence[str | None], state: _State) -> Speaker | None:
    """A ``Speaker`` from a matched name; role words before the name move to the role."""
    tokens = raw_name.split()
    lead: list[str] = []
    if len(tokens) > 1 and tokens[0].endswith(("'s", "’s")):
        tokens.pop(0)  # "Allmusic's Stephen Thomas Erlewine"
    while (
        tokens
        and tokens[0].lower() not in _TITLES
        and (
            tokens[0].lower() in _NOT_NAMES
            or tokens[0].lower() in _ROLE_WORDS
            or _is_demonym(tokens[0])
        )
    ):
        lead.append(tokens.pop(0))
    if not tokens or not _could_be_name(tokens):
        return None
    role = next(
        (_clean_role(r) for r in role_texts if r and _looks_like_role(r, allow_title_case=False)),
        None,
    )
    if role is None and any(t.lower() in _ROLE_WORDS for t in lead):
        role = " ".join(t for t in lead if t.lower() not in _NOT_NAMES) or None
    declined = _declined(tokens, state)
    if declined is not None:
        return state.remember(Speaker(declined.name, role or declined.role))
    titles = 0
    while titles < len(tokens) and tokens[titles].lower() in _TITLES:
        titles += 1
    if titles == len(tokens):
        return None
    titled = titles > 0 or any(t.lower() in _ROLE_WORDS for t in lead)
    rest = tokens[titles:]
    if all(t.lower() in _PARTICLES for t in rest[:-1]):
        # a surname alone ("Okafor", "Le Goff"): the person the report named before, or
        # one given a title
        surname = " ".join(rest)
        matches = {
            s.name
            for s in state.known.values()
            if s.name == surname or s.name.endswith(" " + surname)
        }
        if len(matches) == 1:
            return state.remember(Speaker(matches.pop(), role))
        if not titled:
            return None
        return state.remember(Speaker(" ".join(tokens), role))  # "Ms. Ortiz", "Herr Braun"
    return state.remember(Speaker(_without_courtesy(" ".join(tokens)), role))


def _could_be_name(tokens: Sequence[str]) -> bool:
    """No word of a body, a role or a sentence's start, no possessive ("Dr de Gay's
    works", "Bangladesh’s Father"); a particle is a name's, in lower case or inside it
    ("Jan de Vries", "Ana de la Cruz", "Yann Le Goff")."""
    return not any(
        (
            (t.lower() in _NOT_NAMES or t.lower() in _ROLE_WORDS)
            and not t.islower()
            and not (0 < i < len(tokens) - 1 and t.lower() in _PARTICLES)
        )
        or t.endswith(("'s", "’s"))
        for i, t in enumerate(tokens)
    )


def _without_courtesy(name: str) -> str:
    """ "M. Paul Girard" → "Paul Girard", "Frau Dr. Martina Keller" → "Dr. Martina Keller";
    "Dr Helen Price" and "Herr Braun" (no given name) as they are."""
    tokens = name.split()
    while len(tokens) > 2 and tokens[0].lower() in _COURTESY:
        tokens.pop(0)
    if len(tokens) == 2 and tokens[0].lower() in _COURTESY and tokens[1].lower() not in _TITLES:
        return name  # a surname after a title
    return " ".join(tokens)


_CYRILLIC = re.compile(r"[а-яё]", re.I)


def _declined(tokens: Sequence[str], state: _State) -> Speaker | None:
    """A Russian name in another case than the one it was introduced in ("по словам
    Ивана Петрова" after "Иван Петров отметил"): the one person named before whose
    every word, less its ending, begins the matching word here."""
    if not _CYRILLIC.search(tokens[-1]) or " ".join(tokens) in state.known:
        return None

    def stem(word: str) -> str:
        return word[:-1] if len(word) > 3 and word[-1].lower() in "аяйьео" else word

    found = {
        s.name: s
        for s in state.known.values()
        if len(s.name.split()) == len(tokens)
        and all(
            t.startswith(stem(k)) and len(t) - len(k) <= 3
            for k, t in zip(s.name.split(), tokens, strict=True)
        )
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _role_before(prefix: str) -> str | None:
    """ "Secretary of the Civic Chamber, " before a name: the role, if it is one."""
    prefix = prefix.rstrip()
    if not prefix.endswith(","):
        return None
    clause = prefix[:-1].rsplit(";", 1)[-1].strip(" “”\"'")
    return clause if _starts_with_role(clause.split()) else None


def _is_demonym(token: str) -> bool:
    # "Russian President Vladimir Putin": nationality adjectives go with the role
    return token.endswith(("ian", "ese", "ish", "can")) and token.lower() not in _ROLE_WORDS


def _looks_like_role(text: str, *, allow_title_case: bool) -> bool:
    stripped = text.strip(" \t\n,.-–—")
    if not stripped or len(stripped) > MAX_ROLE_CHARS or _ROLE_CLAUSE_START.match(stripped):
        return False
    if _ADDRESS.match(stripped) or _FIRST_PERSON.search(stripped):
        return False
    if _ANY_VERB.search(stripped):
        return False
    words = re.findall(r"[\w'’-]+", stripped)
    if _starts_with_role(words):
        return True
    # the tail of a role cut by a stray full stop: "Federation for Economic Development"
    return allow_title_case and all(
        w[0].isupper() or w.lower() in _ROLE_FUNCTION_WORDS for w in words
    )


def _starts_with_role(words: Sequence[str]) -> bool:
    """ "member of …", "the head of …", "former Chinese Ambassador …"."""
    rest = list(words)
    while rest and rest[0].lower() in _ROLE_MODIFIERS:
        rest.pop(0)
    if rest and _is_demonym(rest[0]):
        rest.pop(0)
    # "member of …", "youth delegate of …", "Secretary General of …"
    return any(w.lower() in _ROLE_WORDS for w in rest[:2])


def _clean_role(text: str) -> str:
    role = re.sub(r"\s+", " ", text).strip()
    role = re.split(r",\s+(?:who|which|where)\b", role, maxsplit=1)[0]
    role = re.sub(r"\.\s+(?=[a-z])", " ", role)  # "vice president. of the PRC" (a stray stop)
    role = re.sub(r"\s+([,.])", r"\1", role)
    return role.strip(" ,.;:-–—")
