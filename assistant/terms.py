"""The words of a question and what it asks for: pure functions over text.

- ``content_terms``: stemmed content words (stopwords and question words out); Chinese
  and Japanese, written without spaces, as overlapping character bigrams;
- ``acronyms`` / ``spelled_out``: "AI" in a sentence matches "artificial intelligence"
  in the question;
- ``term_weights``: inverse document frequency of the question's words over candidates;
- ``answer_type`` / ``has_answer_type``: "Who …" wants a person's name, "How many …" a
  number, "When …" a date (the coarse classes of factoid QA, Li & Roth, COLING 2002).
- ``compares``: "What do A and B have in common?", "Which is older, A or B?".
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import Stemmer

from index.language import primary, query_language
from index.lexical import BIGRAM_LANGUAGES, SNOWBALL, stopwords
from index.lexicon import AMOUNT_WORDS
from index.lexicon.scripts import CJK
from index.sentence_layer import name_key

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves
    said say says tell told mention mentioned discussed discuss talk talked speak spoke
    anything something someone anyone please know report reports meeting many much
    propose proposed suggest suggested think thinks view views position opinion main point
    points statement statements argue argued""".split()
)
# Han ideographs and kana: a run of them is not one word but a phrase, read as its
# overlapping character bigrams (Lucene's ``cjk_bigram``, as index/lexical.py reads the
# same text for BM25).
_CJK_RUN = re.compile(f"[{CJK}]+")
# Function characters and question words: a bigram holding one says nothing of the topic
# ("的" of, "哪些" which, "什么" what, "如何" how, "是否" whether).
_CJK_STOP = frozenset("的了是在有和与及或对把被都也还而之其这那哪些什么吗呢吧如何怎样为是否")
# The question words of each kind, in the languages the assistant answers in: English,
# French, Spanish, Portuguese, Italian, German, Russian, Chinese. "Who" only opens a
# question ("qui", "chi" are also relative pronouns mid-sentence); "谁", "多少" and
# "什么时候" ask wherever they stand.
_START = r"^\s*[¿]?"
# Nouns of an amount of money or people, which a figure answers.
_AMOUNT = (
    r"(?:revenue|revenues|turnover|profit|profits|income|earnings|budget|cost|costs|price"
    r"|salary|wage|wages|dividend|dividends|population|deficit|debt|spending|sales"
    r"|expenditure|expenditures|expenses|assets|liabilities|margin|ebitda|cash)"
)
# What asks for an amount named by its noun (``AMOUNT_WORDS``, one word may stand
# between) in other languages than English, each with its article: "Quel est le budget
# …", "¿Cuál es el presupuesto …?", "Qual é o orçamento …", "Qual è il bilancio …", "Was
# war der Umsatz …?".
_ASKED_AMOUNT = (
    "(?:"
    + "|".join(
        (
            r"quel(?:le)?s?\s+(?:est|était|sont|étaient|a\s+été|ont\s+été|sera)\s+"
            r"(?:le|la|les|l['’])\s*",
            r"cuál(?:es)?\s+(?:es|era|fue|son|eran|fueron|será)\s+(?:el|la|los|las)\s+",
            r"qua(?:l|is)\s+(?:é|era|foi|são|eram|foram|será)\s+(?:o|a|os|as)\s+",
            r"qual(?:e|i)?\s+(?:è|era|sono|erano|sarà)\s+(?:il|lo|la|i|gli|le|l['’])\s*",
            r"was\s+(?:ist|war|sind|waren)\s+(?:der|die|das)\s+",
        )
    )
    + ")"
)
_AUXILIARY = (
    r"(?:was|were|is|are|did|do|does|will|would|has|have|had|can|could|should|shall|may"
    r"|might|must)"
)
_ANSWER_TYPES = (
    (
        "person",
        re.compile(
            _START + r"(?:who|whom|whose|qui|quién|quiénes|quem|chi|wer|wem|wessen|кто|кого|кем)\b"
            r"|谁",
            re.I,
        ),
    ),
    (
        "number",
        re.compile(
            r"\bhow\s+(?:many|much|big|large|long|old|often|high|low|fast|quickly|far)\b"
            r"|\bwhat\s+(?:share|percentage|proportion|number|amount|volume|size)\b"
            # an amount named by its noun: "What was Northwind's revenue in 2024?", "What
            # was Northwind Freight's net income …?", "What operating income did X report?"
            r"|\bwhat\s+(?:was|were|is|are)\s+(?:the\s+|its\s+|their\s+)?"
            r"(?:(?:[\w-]+\s+){0,3}[\w-]+(?:['’]s|s['’])\s+)?(?:[\w-]+\s+)?" + _AMOUNT + r"\b"
            r"|\bwhat\s+(?:[\w-]+\s+)?" + _AMOUNT + r"\s+(?:did|does|do|was|were|is|are|has|have)\b"
            # the same in other languages ("Quel est le budget …", "Каков бюджет …?")
            r"|\b" + _ASKED_AMOUNT + r"(?:[\w-]+\s+)?" + AMOUNT_WORDS + r"\b"
            r"|\bкаков[аоы]?\s+(?:[\w-]+\s+)?"
            + AMOUNT_WORDS
            + r"|\bcombien\b|\bcuánt[oa]s?\b|\bquant[oa]s?\b|\bquant[ie]\b"
            r"|\bwie\s+(?:viele?|hoch|groß|lange|oft)\b|\bсколько\b"
            r"|多少|几[个位名次家年]",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            # English "when" asks a date with an auxiliary after it ("When was …",
            # "When did …"); "When discussing the budget, what did X think?" and "When
            # the chair closed, …" are clauses that place a question, not ask a date
            _START + r"(?:when(?:\s+exactly|\s+and\s+where)?\s+" + _AUXILIARY + r"|when['’]s"
            r"|quand|cuándo|quando|wann|когда)\b"
            r"|\b(?:what|which)\s+(?:date|year|day|month)s?\b"
            r"|\b(?:en|in|em)\s+(?:quelle|qué|que|che|welchem)\s+(?:année|año|ano|anno|jahr)\b"
            r"|\bв\s+каком\s+году\b|什么时候|何时|哪一年|哪年|哪天",
            re.I,
        ),
    ),
    (
        # "What did the board decide?", "What was agreed?", "Qu'a décidé le Bureau ?"
        "decision",
        # Only where deciding is what the question asks ("… software that decides on
        # hiring" asks what was said about the software).
        re.compile(
            r"\b(?:did|do|does|has|have|had|will)\s+(?:[\w'’-]+\s+){1,6}?"
            r"(?:decide|agree|approve|adopt|resolve)\b"
            r"|\b(?:was|were|is|are|been)\s+(?:\w+\s+)?(?:decided|agreed|adopted|approved|resolved)\b"
            r"|\b(?:what|which)\s+(?:decisions?|resolutions?)\b"
            r"|\bqu['’](?:a|ont)\s+(?:\w+\s+)?(?:décidé|adopté|approuvé)|\bquelles?\s+décisions?"
            r"|\b(?:a|ont)\s+été\s+(?:décidé|adopté|approuvé)"
            r"|\bqué\s+(?:decidió|decidieron|acordó|acordaron|aprobó|aprobaron|decisiones)"
            r"|\bse\s+(?:decidió|acordó|aprobó)"
            r"|\b(?:hat|haben|wurde|wurden)\s+(?:[\w-]+\s+){0,4}?(?:beschlossen|entschieden)"
            r"|\bwelche\s+beschlüsse"
            r"|(?<!\w)что\s+(?:решил[аи]?|было\s+решено)|(?<!\w)какие\s+решения"
            r"|决定了什么|通过了什么|做出了什么决定|什么决定",
            re.I,
        ),
    ),
)
# What a decision says: a verb of deciding in the past or the present ("The Board
# approved …", "Le conseil adopte …") or the label minutes set before one ("RESOLVED:").
_DECISION = re.compile(
    r"\b(?:decided|decides|approved|approves|adopted|adopts|agreed|agrees|resolved|resolves"
    r"|endorsed|endorses|(?-i:RESOLVED|DECISION|DECIDED|AGREED)|décide|décidé|adopte|adopté"
    r"|adoptée|approuve|approuvé|approuvée|decidió|aprueba|aprobó|aprobado|acuerda"
    r"|acordó|beschließt|beschloss|beschlossen|billigt|billigte|verabschiedet|решил[аи]?"
    r"|принял[аи]?|утвердил[аи]?|одобрил[аи]?)\b|决定|通过",
    re.I,
)
_PERSON_NAME = re.compile(
    r"(?<!^)(?<![.!?]\s)\b[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+)+"
)
# A sentence that opens with a name and its role in apposition ("Guo Jun,
# Vice-President of the Economic and Social Council of China, joined the workshop"):
# ``_PERSON_NAME`` skips a sentence's first words (any sentence starts with a capital),
# but two or more capitalised words then a comma are a name.
_OPENING_NAME = re.compile(r"^\s*[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+)+(?=,)")
# Beginnings of the words of bodies, events and places' names, never of a person's.
_BODY_WORDS = tuple(
    """commission council chamber committee associat federat union government ministr
    organi parliament assembl forum group compan institut universit bank agenc republic
    office board secretariat department centre center societ nation declaration day
    international general european world economic social similar seminar webinar
    conference summit programme program""".split()
)
# A number in words, by the language of the statement (English, French, Spanish,
# Portuguese, Italian, German, Russian; whole words: "семи" is seven, not the start of
# "семинар"; "un", "uno" and "один" also mean "a", "due" is English too), and Chinese
# numerals with a measure word ("十二个", "五十二名") or a share ("百分之"). Digits count
# in any language.
_NUMBER_WORDS = {
    "en": """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty
    fifty sixty seventy eighty ninety hundred thousand million billion trillion half third
    quarter dozen percent doubled tripled""",
    "fr": """deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze
    seize vingt trente quarante cinquante soixante cent mille million millions milliard
    milliards moitié tiers quart""",
    "es": """dos tres cuatro cinco seis siete ocho nueve diez once doce quince veinte treinta
    cuarenta cincuenta sesenta setenta ochenta noventa cien ciento mil millón millones
    mitad""",
    "pt": """dois duas três quatro cinco seis sete oito nove dez onze doze quinze vinte trinta
    quarenta cinquenta cem mil milhão milhões metade""",
    "it": """due tre quattro cinque sei sette otto nove dieci undici dodici quindici venti
    trenta quaranta cinquanta cento mille milione milioni metà""",
    "de": """zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig
    fünfzig hundert tausend Million Millionen Milliarde Hälfte Drittel Prozent""",
    "ru": r"""два две двух три трёх трех четыре четырёх пять пяти шесть шести семь семи
    восемь восьми девять девяти десять десяти \w+надцат\w* двадцат\w* тридцат\w* сорок\w*
    пятьдесят\w* шестьдесят\w* семьдесят\w* восемьдесят\w* девяност\w* сто ста сотн\w*
    тысяч\w* миллион\w* миллиард\w* половин\w* треть\w* процент\w*""",
}
_CHINESE_NUMBER = r"[零一二三四五六七八九十百千万亿两]+[个位名家项次倍]|百分之"


@lru_cache(maxsize=16)
def _number(language: str | None) -> re.Pattern[str]:
    code = primary(language) or "en"
    if code in BIGRAM_LANGUAGES:
        return re.compile(rf"\d|{_CHINESE_NUMBER}")
    words = "|".join(_NUMBER_WORDS.get(code, _NUMBER_WORDS["en"]).split())
    return re.compile(rf"\d|\b(?:{words})\b", re.I)


# A year (also "2025年"), a month's name (English capitalised: "may" is a verb; French,
# Spanish, German and Russian as written in a date), or a Chinese month or day number.
_DATE = re.compile(
    r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|\b(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b"
    r"|\b(?:janvier|février|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre"
    r"|diciembre|Januar|Februar|März|Juni|Juli|Oktober|Dezember|января|февраля|марта"
    r"|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\b"
    r"|\d{1,2}\s*[月日]"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")
_YEAR = re.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?!\d|[.,]\d|\s*%)")
# A day of a month ("March 5", "5 March", "le 5 mars", "5. März"): a date, no count.
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre"
    r"|octubre|noviembre|diciembre|Januar|Februar|März|Juni|Juli|Oktober|Dezember)"
)
_DAY_OF_MONTH = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?{_MONTHS}\b"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
)


class Words(NamedTuple):
    """How the words of one language are read: its Snowball stemmer, its stopwords (with
    the English ones: reports in other languages quote English names and terms), and
    whether an elided article or pronoun is cut off ("l'association" → "association")."""

    stemmer: Stemmer.Stemmer
    stopwords: frozenset[str]
    elision: bool = False


# Question and speech words the nltk lists leave out: like the English ones above, they
# say what is asked, not about what ("Qu'a dit X sur …", "¿Qué dijo X?", "Что сказал X?"),
# and "during", which English lists ("… lors de la réunion du Bureau à Paris ?" asked
# of that report was refused: "lors" was its one topic word, and no statement says it).
_ASKING = {
    "fr": "dit dire disent parlé quoi quel quels quelle quelles pourquoi comment combien quand"
    " où proposé propose pense pensent avis position lors pendant durant",
    "es": "dijo dicho dice qué cuál cuáles cómo cuántos cuántas cuándo dónde propuso opina",
    "pt": "disse dito diz qual quais como quantos quantas quando onde propôs durante",
    "it": "detto dice cosa quale quali come quanti quante quando dove perché proposto durante",
    "de": "sagte gesagt sagt welche welcher welches warum wann wo wie viele vorgeschlagen",
    "nl": "zei gezegd zegt wat welke welk waarom wanneer waar hoe hoeveel voorgesteld vond vindt"
    " tijdens",
    "ru": "сказал сказала сказали говорил говорила говорили говорилось какие какой какая"
    " почему когда сколько предложил предложила считает",
}
# Languages that elide before a vowel: "l'", "d'", "qu'", "dell'", "s'".
_ELIDING = frozenset({"fr", "it", "ca"})


@lru_cache(maxsize=32)
def words_for(language: str | None) -> Words:
    """How text of ``language`` is read (English when it has no stemmer)."""
    code = primary(language)
    code = code if code in SNOWBALL else "en"
    own = stopwords(code) if code != "en" else frozenset()  # English: _STOPWORDS
    asking = frozenset(_ASKING.get(code, "").split())
    return Words(Stemmer.Stemmer(SNOWBALL[code]), _STOPWORDS | own | asking, code in _ELIDING)


ENGLISH = words_for("en")


def question_words(question: str) -> Words:
    """How a question's words are read: as its language, when we can tell it."""
    return words_for(query_language(question))


# The subject slot of a speech question (English forms): "What did the company say
# about …", "What did participants say …" (a common noun: who was asked about, not about
# what), "What did Finland say about …", "What did the European Union propose …" (a
# name, which may name the reports that are that speaker's).
_SUBJECT = re.compile(
    r"\b(?:did|does|do|has|have|had)\s+(?:the\s+|our\s+|its\s+)?"
    r"(?P<who>(?-i:[a-z][\w-]*)"
    r"|(?-i:[A-Z][\w'’.-]*)(?:(?:,|\s+(?:(?:of|and|for)\s+(?:the\s+)?)?)\s*(?-i:[A-Z][\w'’.-]*))*)"
    r"\s+(?:say|said|state|stated|propose|suggest|think|report|recommend|argue|mention"
    r"|disclose|announce|write|warn|tell|claim|note|stress|call|ask|want|demand|offer"
    r"|pledge|promise)\b",
    re.I,
)


# A body named by its kind, capitalised as reports write it: "What dividend does the
# Board propose?" names no report (it narrowed an annual report's question to the two
# reports of Board meetings, and was refused).
_KINDS_OF_BODY = frozenset(
    """board group company council commission committee government ministry parliament
    assembly chamber union federation association secretariat bank agency management
    authority court bureau organisation organization firm corporation""".split()
)


def named_subject(question: str) -> str | None:
    """The name a speech question puts in its subject slot ("Finland"); not a body named
    by its kind ("the Board")."""
    match = _SUBJECT.search(question)
    if match is None or not match.group("who")[0].isupper():
        return None
    who = match.group("who")
    return None if who.lower() in _KINDS_OF_BODY else who


def speech_subject(question: str, words: Words = ENGLISH) -> set[str]:
    """The term of the common noun a speech question asks about as its speaker."""
    match = _SUBJECT.search(question)
    if match is None or match.group("who")[0].isupper():
        return set()
    return content_terms(match.group("who"), words)


def content_terms(text: str, words: Words = ENGLISH) -> set[str]:
    """Stemmed words of ``text`` minus stopwords and question words; CJK runs as
    bigrams."""
    return set(_content_terms(text, words))


# What a meeting decided is said with one of several verbs: "What did the Board decide?"
# is answered by "The Board approved the accounts …", "Qu'a décidé le Bureau ?" by
# "… a adopté …". Their stems (Snowball's, in English, French, Spanish, German and
# Russian) count as one word (no labelled set or HotpotQA-500 figure moves; 2026-12-04).
_DECIDED = frozenset(
    """decid decis approv adopt agre resolv endors décid décis approuv decision aprob acord
    beschloss beschluss verabschied реш решен одобр утверд""".split()
)


# An answer reads the terms of ~125 statements; the same statements come back for the
# next questions on a topic (a quarter of an answer's composing time, 2026-12-02).
@lru_cache(maxsize=50_000)
def _content_terms(text: str, words: Words) -> frozenset[str]:
    # a typographic apostrophe is the apostrophe: "union’s" is "union's", stemmed "union"
    found = [w.lower().replace("’", "'") for w in _WORD.findall(_CJK_RUN.sub(" ", text))]
    if words.elision:
        found = [re.split(r"['’]", w)[-1] for w in found]
    kept = [w for w in found if w not in words.stopwords and len(w) > 1]
    stems = words.stemmer.stemWords(kept)
    # minutes list who attended under "Present:": the line says "attend" for the
    # question "Who attended the meeting?"
    attended = {"attend"} if _ATTENDANCE_LABEL.match(text) else set()
    return frozenset("decid" if t in _DECIDED else t for t in stems) | cjk_bigrams(text) | attended


_ATTENDANCE_LABEL = re.compile(
    r"^\s*(?:Present|Attendees|Attending|In\s+attendance|Members\s+present|Also\s+present"
    r"|Présents?|Étaient\s+présents|Anwesend|Asistentes|Presentes|Aanwezig|Presenti)\s*:",
    re.I,
)


def cjk_bigrams(text: str) -> set[str]:
    """Overlapping character bigrams of the CJK runs of ``text``, none holding a function
    character: "农民工的社会保险" → {"农民", "民工", "社会", "会保", "保险"}."""
    out = set()
    for run in _CJK_RUN.findall(text):
        for a, b in itertools.pairwise(run):
            if a not in _CJK_STOP and b not in _CJK_STOP:
                out.add(a + b)
    return out


def acronyms(question: str, words: Words = ENGLISH) -> dict[str, set[str]]:
    """Initials of each run of 2-4 content words of the question, and the stemmed words:
    "artificial intelligence" → {"AI": {"artifici", "intellig"}}, so that a sentence
    saying "AI" matches a question saying it in full."""
    kept = [w for w in _WORD.findall(question) if w.lower() not in words.stopwords and len(w) > 1]
    out: dict[str, set[str]] = {}
    for n in (2, 3, 4):
        for i in range(len(kept) - n + 1):
            run = kept[i : i + n]
            out["".join(w[0] for w in run).upper()] = set(
                words.stemmer.stemWords([w.lower() for w in run])
            )
    return out


def spelled_out(
    text: str, acronyms: dict[str, set[str]], pattern: re.Pattern[str] = _ACRONYM
) -> set[str]:
    """The question words that ``text`` says with their initials ("AI", "ILO"): the
    words of each of its tokens that ``pattern`` reads as an acronym."""
    found: set[str] = set()
    for token in pattern.findall(text):
        found |= acronyms.get(token, set())
    return found


def term_weights(terms: set[str], said: Sequence[set[str]], idf: bool = True) -> dict[str, float]:
    """Inverse document frequency of each question term over the candidates (with
    ``idf``; else 1): "digital" in every statement of a digital webinar says little,
    "risk" in three says much (Sparck Jones 1972)."""
    if not idf:
        return dict.fromkeys(terms, 1.0)
    n = len(said)
    return {t: math.log(1.0 + n / (1.0 + sum(t in s for s in said))) for t in terms}


def answer_type(question: str) -> str | None:
    """What kind of thing the question asks for, when it says: a person ("Who …"), a
    number ("How many …", "What share …") or a date ("When …") — the coarse classes of
    factoid question answering (Li & Roth, COLING 2002) — or, as minutes are asked, a
    decision ("What did the board decide?")."""
    for kind, pattern in _ANSWER_TYPES:
        if pattern.search(question):
            # "Which case was decided first, A or B?" compares, it asks no decision
            return None if kind == "decision" and compares(question) else kind
    return None


# A question that compares two things: "What do A and B have in common?", "Were A and
# B of the same nationality?", "Which is older, A or B?", "Are A and B both …?"
_COMPARES = re.compile(
    r"\b(?:in\s+common|both|the\s+same|compared?\s+(?:to|with))\b"
    r"|,\s*(?-i:[A-Z\"“'])[^,?]*\bor\s+(?-i:[A-Z\"“'])[^,?]*\?\s*$",
    re.I,
)


def amount_nouns(question: str) -> frozenset[str]:
    """The stems of the nouns of an amount a question names ("revenue", "capital
    expenditures", "net income", "budget", "presupuesto"), read in its language: the
    figure it asks for is that amount's."""
    said = _AMOUNT_WORD.findall(question) + _OTHER_AMOUNT_WORD.findall(question)
    return frozenset(content_terms(" ".join(said), question_words(question)))


_AMOUNT_WORD = re.compile(r"\b" + _AMOUNT + r"\b", re.I)
_OTHER_AMOUNT_WORD = re.compile(r"\b" + AMOUNT_WORDS + r"\b", re.I)


def compares(question: str) -> bool:
    """Whether ``question`` compares two things (see ``_COMPARES``)."""
    return bool(_COMPARES.search(question))


def has_answer_type(text: str, kind: str, language: str | None = "en") -> bool:
    """Whether ``text`` (in ``language``) holds a thing of ``kind``: a person's name, a
    number, a date."""
    if kind == "person":
        return any(
            not any(w.startswith(_BODY_WORDS) for w in name_key(m.group()).split())
            for m in (*_PERSON_NAME.finditer(text), *_OPENING_NAME.finditer(text))
        )
    if kind == "number":
        # a year alone is a date, no count or amount: "2024 was a year of recovery"
        return bool(_number(language).search(_YEAR.sub(" ", _DAY_OF_MONTH.sub(" ", text))))
    if kind == "decision":
        return bool(_DECISION.search(text))
    return bool(_DATE.search(text))
