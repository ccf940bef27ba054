"""What a question asks, worked out once: a frozen plan, and the route it takes.

Every later stage reads the plan instead of asking the question again with a predicate
of its own: who it names (``assistant.people``), whether it asks who someone is, what
kind of thing it wants (a person, a number, a date: ``assistant.terms.answer_type``),
whether it asks what was said, and whether it is asked of one report. ``ROUTES`` is the
one ordered table of where a question goes.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant import terms
from assistant.people import PeopleMatch, asks_what_was_said, named_people, topic_of, who_is
from index.language import primary, query_language
from index.lexicon import DISCUSSION, GATHERINGS, OVERVIEW, particle_pattern
from index.naming import question_years
from index.snapshot import SpeakerEntry


class Route(enum.Enum):
    PERSON = "person"  # names a speaker: their statements (the reports when none fits)
    UNKNOWN_PERSON = "unknown person"  # a person's name no speaker has: mentions, or none
    WHO_IS = "who is"  # "Who is X?": the statements that introduce X (else the reports)
    OVERVIEW = "overview"  # a whole meeting asked about: its main statements
    DISCUSSION = "discussion"  # a discussion asked about: its segments' voices
    REPORTS = "reports"  # the statements of the retrieved passages


@dataclass(frozen=True)
class Plan:
    """A question, read once."""

    question: str
    people: PeopleMatch  # the speakers it names, and names that match none
    asked_about: PeopleMatch  # whom a "Who is …?" asks about
    answer_type: str | None  # "person", "number", "date", … (``terms.answer_type``)
    subject: frozenset[str]  # whose thing a factoid asks for (``subject_terms``)
    thing: frozenset[str]  # what kind of thing it asks for ("hotel" in "Which hotel …")
    amount: frozenset[str]  # the amount a figure is asked for ("revenue", "net income")
    speech: bool  # asks what was said (a verb or noun of speech)
    scoped: bool  # asked of one report or a few (a filter)
    overview: bool  # asks about a meeting as a whole, no topic ("Summarize the meeting")
    discussion: bool  # asks about a discussion of a topic ("What was discussed about X?")
    route: Route


# The answer types of a factoid: one statement answers it (``terms.answer_type``).
FACTOIDS = frozenset({"person", "number", "date"})

# The first route whose test holds is taken; each falls back to REPORTS when it finds
# nothing (a person asked about with another verb than one of speech, a "Who is X?"
# no statement answers by introducing X).
ROUTES: tuple[tuple[Route, Callable[[Plan], bool]], ...] = (
    (Route.PERSON, lambda p: bool(p.people.speakers)),
    (Route.UNKNOWN_PERSON, lambda p: bool(p.people.unknown)),
    (Route.WHO_IS, lambda p: bool(p.asked_about.speakers)),
    (Route.OVERVIEW, lambda p: p.scoped and p.overview),
    # a factoid asked of a discussion ("How many people died in the floods, in the
    # debate on Pakistan?") wants the statement that says it, not the voices
    (Route.DISCUSSION, lambda p: p.discussion and not p.overview and p.answer_type not in FACTOIDS),
    (Route.REPORTS, lambda p: True),
)


def plan(
    question: str,
    speakers: Sequence[SpeakerEntry],
    *,
    scoped: bool = False,
    people: PeopleMatch | None = None,
) -> Plan:
    """The plan of ``question`` over the snapshot's ``speakers``; ``people`` when the
    caller has worked out whom it names already."""
    people = people if people is not None else named_people(question, speakers, any_verb=True)
    asked_about = who_is(question, speakers) if not people.speakers and not people.unknown else None
    draft = Plan(
        question=question,
        people=people,
        asked_about=asked_about or PeopleMatch((), (), ()),
        answer_type=terms.answer_type(question),
        subject=subject_terms(question) | years_counted(question),
        thing=asked_thing(question),
        amount=asked_amount(question),
        speech=asks_what_was_said(question),
        scoped=scoped,
        overview=asks_overview(question),
        discussion=asks_discussion(question),
        route=Route.REPORTS,
    )
    route = next(route for route, applies in ROUTES if applies(draft))
    return Plan(**{**draft.__dict__, "route": route})


# A capitalised word past a question's first, or an acronym: the names the thing a
# factoid asks for belongs to ("China", "Internet" in "How large was China's Internet
# economy in 2021?"; "PRC", "Economic", "Social", "Council" in "Who is the vice
# president of the PRC Economic and Social Council?").
_NAME_WORD = re.compile(r"(?<![\w'’])(?-i:[A-Z][\w'’-]*)")


# A clause that names the source of what is asked ("according to the 2001 census",
# "as reported by the Chinese council"), up to a comma or the question's end.
_SOURCE_CLAUSE = re.compile(
    r"\b(?:according\s+to|as\s+(?:reported|stated|said)\s+by)\b[^,?]*", re.IGNORECASE
)


# The mark of a fiscal period before its year or number: no name of a subject.
_PERIOD = re.compile(r"(?-i:\b(?:FY|Q[1-4]|H[12])(?=\s?\d))")


def subject_terms(question: str) -> frozenset[str]:
    """The stemmed words of the names a factoid question's thing belongs to: a
    statement that gives a figure or a name without them gives another subject's (the
    Russian Internet economy's volume for China's). English questions only: German
    capitalises every noun, and a question in another language than the reports'
    shares no word with them. None for a comparison ("Which is older, A or B?"): its
    names stand in two statements."""
    if primary(query_language(question)) not in (None, "en") or terms.compares(question):
        return frozenset()
    if re.search(r"\bor\s+(?-i:[A-Z])", question):
        return frozenset()  # "Who was born first, A or B": two subjects, one to choose
    # "…, according to the webinar with the Chinese council?": where the figure is
    # said, not whose it is
    question = _SOURCE_CLAUSE.sub(" ", question)
    # "FY 2020", "FY2023", "Q3 2024": a period, whose year ``years_counted`` reads
    question = _PERIOD.sub(" ", question)
    start = len(question) - len(question.lstrip())
    names = [m.group() for m in _NAME_WORD.finditer(question) if m.start() > start]
    kept = [w for w in names if w.lower() not in terms.ENGLISH.stopwords]
    return frozenset(terms.content_terms(" ".join(kept)))


def subject_spans(question: str, subject: frozenset[str]) -> list[tuple[int, int]]:
    """Where ``question`` says the names of its ``subject`` ("Talon Software" in "What
    risks does Talon Software face?"), not its years."""
    return [
        (m.start(), m.end())
        for m in _NAME_WORD.finditer(question)
        if (said := terms.content_terms(m.group()))
        and said <= subject
        and not any(t.isdigit() for t in said)
    ]


def years_counted(question: str) -> frozenset[str]:
    """The years a count or an amount is asked for ("How many webinars did the
    Association hold in 2019?", "What was the budget for 2023?"), in any language: a
    figure whose statement, paragraph, report title and report date name none of them
    is another year's (``score._named``). None for other questions and comparisons."""
    if terms.answer_type(question) != "number" or terms.compares(question):
        return frozenset()
    return frozenset(question_years(question))


# "How many robots …": the word after "how many" names what is counted (the question's
# focus, Li & Roth 2002), and a count says it ("forty robots", "300,000 young people").
# "Which hotel …", "What country …" name a class whose answer is often said without it
# ("They stayed at the Tour Hassan", "a French actor"): no check there.
_FOCUS = re.compile(r"^\s*how\s+many\s+([^\W\d_][\w'’-]*)", re.IGNORECASE)


def asked_thing(question: str) -> frozenset[str]:
    """The stem of what ``question`` counts ("robot" in "How many robots are in use
    …?"): a statement that answers it says that word. None for other questions, a
    comparison ("Which is older, A or B?") and questions in other languages than
    English."""
    if primary(query_language(question)) not in (None, "en") or terms.compares(question):
        return frozenset()
    found = _FOCUS.match(question)
    return frozenset(terms.content_terms(found.group(1))) if found else frozenset()


def asked_amount(question: str) -> frozenset[str]:
    """The stems of the amount a question asks a figure for ("What was Northwind's net
    income in 2022?", "How much did X spend on capital expenditures?"): of the figures
    on its subject and year, those that say it are the answer (``compose``), not the
    revenue and head count beside them. In English, French, Spanish, Portuguese,
    Italian, German and Russian (``index.lexicon``'s ``AMOUNT_WORDS``)."""
    if terms.answer_type(question) != "number" or terms.compares(question):
        return frozenset()
    return terms.amount_nouns(question)


def asks_discussion(question: str) -> bool:
    """Whether ``question`` asks about a discussion ("Summarize the discussion about
    X", "What did the group talk about …?", "the debate on …"): one of its words' stems
    opens a word (``index.lexicon``'s ``DISCUSSION``). Where the reports have topic
    segments (transcripts, minutes), the answer gives the voices of the stretches on
    the topic (``assistant.answer.discussion``)."""
    return bool(_DISCUSSION.search(question)) and not _REASON.match(question)


_DISCUSSION = re.compile(r"(?<!\w)" + particle_pattern(DISCUSSION), re.IGNORECASE)
# "Why did X object when discussing the budget?" asks for a reason, which one voice
# gives; its discussion is where to look, not what to answer (eval/meetings.py,
# 2026-12-06: the "why" questions hit 0.524 with the usual route, 0.429 with voices).
_REASON = re.compile(r"\s*(?:why|how come|for what reason)\b", re.IGNORECASE)


def asks_overview(question: str) -> bool:
    """Whether ``question`` asks about a meeting as a whole: its words, less those of
    speech (``people.topic_of``: "What was discussed?"), of the meeting itself and of an
    overview ("general", "main points", "summarize"), leave no topic. English; asked of
    one report, it is answered with that report's main statements
    (``assistant.answer.overview``), not refused for want of a topic."""
    return not topic_words(question)


def topic_words(question: str) -> frozenset[str]:
    """The stems of what ``question`` asks about: its content words less those of
    asking, of speech, of a meeting, of an overview, and of the kind of speaker it asks
    ("What did the witnesses say at the hearing?": whoever spoke there)."""
    words = terms.question_words(question)
    topic = terms.content_terms(topic_of(question, ()), words)
    return frozenset(topic - GATHERINGS - OVERVIEW - terms.speech_subject(question, words))
