"""Questions about people: which speakers of the snapshot a question names.

A question names a person by full name ("What did Sofía Herrera say?"), by surname
when only one speaker has it ("Herrera's proposal"), with or without accents, case or
titles ("dr sofia herrera"), or by role ("the president of the Chilean council"). A
name that is close to a speaker's but not theirs ("Piet van der Berg" for "Pieter van
Dijk") matches nobody: a surname must be equal, never similar.

Pure functions over the snapshot's speaker list (``Snapshot.speakers``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.terms import ENGLISH, Words, named_subject
from index.lexicon import (
    ASKED_SPEECH,
    ASKED_SPEECH_CJK,
    BODY_WORDS,
    NAME_PARTICLES,
    SAYING,
    TITLES,
)
from index.lexicon.scripts import CJK, HANGUL, UPPER
from index.sentence_layer import name_key, plain_text
from index.snapshot import SpeakerEntry

# Name particles: never a surname on their own ("van", "de").
_PARTICLES = NAME_PARTICLES
# Titles before a name, as the lexicon lists them for attribution, without their stops.
_TITLES = frozenset(t.rstrip(".") for t in TITLES)
# Words that open a question or a name-like run but are no person.
_NOT_NAMES = frozenset(
    """what who whom whose which when where why how did does do has have had is are was
    were will would could should can the a an and or of in on at for from with about by
    according tell give list summarise summarize show find any all""".split()
)
# A question about what someone said: a verb or noun of speech.
# Words of speech in a question (``index.lexicon``'s ``ASKED_SPEECH``, every language's):
# whole words in the spaced languages, anywhere in Chinese and Japanese.
_SPEECH = re.compile(rf"\b{ASKED_SPEECH}\b|{ASKED_SPEECH_CJK}", re.I)
# Where a question puts a person: "did X …", "according to X", "X's view", "X said".
# "did Marketing …", "did the Project Manager …" (a role a transcript labels a speaker by)
# "from" puts a person only after a word of hearing ("we heard from", "the remarks
# from"): "imports from Papua New Guinea" names a country.
_PERSON_BEFORE = re.compile(
    r"\b(?:did|does|has|had|according\s+to|by|"
    r"(?:hear|heard|remarks?|comments?|statements?|views?|words?|message|speech)\s+from)"
    r"\s+(?:the\s+)?$",
    re.I,
)
_PERSON_AFTER = re.compile(r"(?:['’]s\b|\s+(?:say|said|says|think|thinks|propose|proposed))")
# Words of bodies and events, never of a person's name (``index.lexicon``).
_BODIES = BODY_WORDS
# "What did <Name> say/propose/…": the subject of a speech question.
_UP = UPPER
_NAME_RUN = re.compile(
    rf"(?<![\w'’])(?P<name>(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[{_UP}][\w'’-]+"
    rf"(?:\s+(?:(?:{'|'.join(sorted(_PARTICLES))})\s+)*[{_UP}][\w'’-]+){{1,4}})"
)
# A Chinese, Japanese or Korean name of two to four characters ("陈志强", "王丽华").
_CJK_NAME = re.compile(f"[{CJK}{HANGUL}]{{2,4}}")
_ROLE_HEADS = frozenset(
    """president vice-president chair chairman chairwoman chairperson secretary
    secretary-general director minister ambassador rapporteur commissioner member expert
    delegate representative head moderator economist researcher adviser advisor chief
    executive officer ceo cfo coo cto cio governor mayor spokesperson spokesman spokeswoman
    manager founder chancellor treasurer leader
    maire president presidente ministre secretaire directeur directrice representant
    representante adjoint adjointe alcalde alcaldesa presidenta ministro ministra secretario
    secretaria directora consejero consejera vorsitzende vorsitzender prasident prasidentin
    ministerin burgermeister burgermeisterin direktor direktorin sprecher sprecherin
    voorzitter burgemeester wethouder tesoriere tesoriera tesoureiro tesoureira tesorero
    tesorera tresorier tresoriere segretario segretaria direttore direttrice sindaco
    senator""".split()
)
# A role without its body ("the Secretary General") names its holders when there are at
# most this many; past that it names a kind of speaker, which the ordinary search serves.
# Holders of a role word, 2026-12-04: the sample reports + seed "president" 6, "member"
# 11, "secretary" 5, "Secretary General" 2; UN-300 "president" 104, "minister" 119,
# "chief executive" 1; European Parliament debates "president" 223. A person's role,
# not a kind, is held by one to three.
ROLE_HOLDERS = 3
# Role abbreviations read as the initials of a role's words ("the CFO").
_ABBREVIATIONS = frozenset("ceo cfo coo cto cio".split())
_ROLE_MODIFIERS = frozenset("general vice deputy prime first acting interim".split())
# Every word of a role named without a person ("the Secretary General").
_ROLE_TERMS = _ROLE_HEADS | _ROLE_MODIFIERS
# Words after "the president of the" that may name the body ("Chilean council").
_ROLE_PHRASE_WORDS = 8
# Words of a body a question may put before an office ("the union leader", "the council
# president"), each of which the holder's role must say too.
_BODY_WORDS = 2
# Shared prefix for two words to count as one in a role ("Chilean" ~ "Chile").
_ROLE_PREFIX = 5


@dataclass(frozen=True)
class PeopleMatch:
    """Speakers a question names, and names it gives that match no speaker."""

    speakers: tuple[SpeakerEntry, ...]
    unknown: tuple[str, ...]  # "Piet van der Berg": looks like a person, speaks nowhere
    spans: tuple[tuple[int, int], ...]  # where the question names them (to drop for topic)
    # whether the question asks what was said (a verb or noun of speech): a question
    # that names a speaker with another verb ("What did X conclude?", "Where does X see
    # …?") is answered from their statements when one fits, else by the ordinary search
    spoken: bool = True
    # whether they were named by an office ("the rapporteur", "the president of the
    # council") rather than by name: an office is held in many reports, and when none of
    # its holders' statements fits the question, the reports answer it
    by_role: bool = False
    # the body they were named by, as the question names it ("Economic and Social
    # Council of Portugal"): what an answer calls them
    body: str | None = None


def named_people(
    question: str, speakers: Sequence[SpeakerEntry], *, any_verb: bool = False
) -> PeopleMatch:
    """The speakers ``question`` names, when it asks what someone said; see the module
    docstring. With ``any_verb``, also the speakers a question names by name whatever
    its verb ("What did Guo Jun conclude …?", "Where does Ilya Semin see …?", "Why did
    Marketing …?"), with ``spoken`` False when it has no verb of speech: then a name
    that matches no speaker is no unknown person (it may be a place or a film), roles
    name no one, and "Who is X?" is left to its own answer. Without ``any_verb`` such a
    question matches nobody."""
    spoken = asks_what_was_said(question)
    if not spoken and (not any_verb or _WHO_IS.match(question)):
        return PeopleMatch((), (), ())
    words = _words(question)
    found: dict[str, SpeakerEntry] = {}
    spans: list[tuple[int, int]] = []
    by_surname: dict[str, list[SpeakerEntry]] = {}
    said = [_name_tokens(entry) for entry in speakers]  # as a question says each name
    for entry, tokens in zip(speakers, said, strict=True):
        if len(tokens) >= 2 or _titled_surname(entry):
            # "President", "Interviewer": a title is not a surname; "Ms. Garcia" (UN and
            # US Congress records) is known by hers
            by_surname.setdefault(tokens[-1], []).append(entry)
    for entry, tokens in zip(speakers, said, strict=True):
        if _CJK_NAME.fullmatch(entry.key):
            # "陈志强说了什么？": a name written without spaces, found inside the run
            offset = question.find(entry.name)
            if offset >= 0:
                found[entry.key] = entry
                spans.append((offset, offset + len(entry.name)))
            continue
        if len(tokens) < 2:
            continue
        at = _find(words, tokens)
        if at is not None:
            found[entry.key] = entry
            spans.append((words[at][1], words[at + len(tokens) - 1][2]))
    claimed = {i for span in spans for i, w in enumerate(words) if span[0] <= w[1] < span[1]}
    for i, (word, start, end, capital) in enumerate(words):
        if i in claimed or not capital or word in _PARTICLES or word in _NOT_NAMES:
            continue
        owners = by_surname.get(word, [])
        if len(owners) != 1 or owners[0].key in found:
            continue
        given = _given_name_before(words, i)
        if given is not None and given not in owners[0].key.split():
            continue  # "Piet Herrera" is not "Sofía Herrera"
        following = words[i + 1] if i + 1 < len(words) else None
        if (
            following is not None
            and following[3]
            and following[0] not in _NOT_NAMES
            and not _SPEECH.fullmatch(following[0])
        ):
            # "Tom Hale" is not the podcast's "Tom", "Kim Putters" not Laura Kim: a given
            # name before another name
            continue
        found[owners[0].key] = owners[0]
        if i > 0 and words[i - 1][0] in _TITLES:
            start = words[i - 1][1]  # "Ms. Garcia": the title names her too
        spans.append((start, end))
    if not found:
        label = _by_label(words, speakers)
        if label is not None:
            found[label[0].key] = label[0]
            spans.append(label[1])
    if not spoken:
        # with another verb, a name counts where a question puts a person ("What did X
        # conclude", "Where does X see", "X's plan"): "a movie starring Arnold
        # Schwarzenegger", "the discussion about Marketing strategy" ask about something
        # else (HotpotQA-500: 3 answers lost to a speaker's statements without this)
        kept = [
            (entry, span)
            for entry, span in zip(found.values(), spans, strict=True)
            if _in_person_slot(question, *span)
        ]
        return PeopleMatch(
            tuple(e for e, _ in kept), (), tuple(sorted(s for _, s in kept)), spoken=False
        )
    role = _by_role(question, speakers) if not found else None
    if role is None and not found:
        role = _by_delegation(question, speakers)
    body = _by_body(question, speakers) if role is None and not found else None
    for match in (role, body):
        if match is not None:
            found.update((entry.key, entry) for entry in match[0])
            spans.append(match[1])
    unknown = _unknown_names(question, spans, speakers)
    return PeopleMatch(
        tuple(found.values()),
        unknown,
        tuple(sorted(spans)),
        by_role=role is not None,
        body=None if body is None else _with_article(question, *body[1]),
    )


# Letters after a name in a record's label: "Kirsty Williams AM", "Jane Doe MP", "John
# Smith QC", "Mary Roe MSP", "Seán Ó Dubh TD" (capitals only, two to four of them).
_POST_NOMINAL = re.compile(r"[A-Z]{2,4}")


def _name_tokens(entry: SpeakerEntry) -> list[str]:
    """The words of a speaker's name key as a question says them: without the letters
    a record writes after the name ("Kirsty Williams AM" is asked about as "Kirsty
    Williams"), two words kept at least."""
    tokens = entry.key.split()
    letters = {name_key(t) for t in entry.name.split() if _POST_NOMINAL.fullmatch(t)}
    while len(tokens) > 2 and tokens[-1] in letters:
        tokens.pop()
    return tokens


def _in_person_slot(question: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` stands where a question puts a person: "did
    Marketing …", "according to Marketing", "Marketing's"."""
    return bool(_PERSON_BEFORE.search(question[:start]) or _PERSON_AFTER.match(question[end:]))


def _by_label(
    words: Sequence[tuple[str, int, int, bool]], speakers: Sequence[SpeakerEntry]
) -> tuple[SpeakerEntry, tuple[int, int]] | None:
    """ "the industrial designer", "the marketing expert", "the professor": a speaker a
    transcript labels by a role ("Industrial Designer:", "Marketing:", "Professor B:"),
    named by the words of that label after "the", when one speaker's label has them
    (a letter that tells voices apart, "B", need not be said). ``words``: the
    question's, as ``_words`` gives them."""
    best: list[tuple[int, SpeakerEntry, tuple[int, int]]] = []
    for entry in speakers:
        label = [t for t in entry.key.split() if len(t) > 1]
        if not label or (len(label) == len(entry.key.split()) and len(label) >= 2):
            continue  # a name of two words is found whole ("Ana Lima"), never in part
        if entry.key in _NO_ONE or is_title(entry.name.split()[0]) or _titled_role(entry):
            continue  # "Mr Speaker", "The President": offices, which ``_by_role`` reads
        n = len(label)
        for i in range(1, len(words) - n + 1):
            if words[i - 1][0] == "the" and [w[0] for w in words[i : i + n]] == label:
                best.append((n, entry, (words[i - 1][1], words[i + n - 1][2])))
                break
    if not best:
        return None
    best.sort(key=lambda t: -t[0])
    if len(best) > 1 and best[1][0] == best[0][0]:
        return None  # "the professor" of a meeting with two professors: no one
    return best[0][1], best[0][2]


# Labels of a turn that name no one: the floor's chair and the voices of a transcript.
_NO_ONE = frozenset("operator host interviewer facilitator moderator question".split())


def _titled_surname(entry: SpeakerEntry) -> bool:
    """ "Ms. Garcia", "Mr Nebenzia": a surname after a personal title, not "Mr Speaker";
    and a first name a transcript labels its speaker by ("Anna: …")."""
    first = name_key(entry.name.split()[0]) if entry.name.split() else ""
    return (
        len(entry.key.split()) == 1
        and ((first in _TITLES and entry.key != first) or entry.name[:1].isupper())
        and entry.key not in _ROLE_TERMS
        and entry.key not in _NO_ONE
    )


def is_title(word: str) -> bool:
    """ "Mr", "Mme", "Dr.": a personal title, no word of a topic."""
    return name_key(word) in _TITLES


# What someone asked, not what they asked for: "What did Senator Warren ask (Powell
# about housing)?", "What did the examiner ask?"; not "What did X ask members to do?"
# ("Qu'a demandé … ?" is both, and stays a request).
_ASKED = re.compile(
    r"\b(?:ask(?:ed|s)?(?!\s+for\b)(?!(?:\s+\w+){1,2}\s+to\b)|question(?:ed|s)?\s+\w+\s+about|inquired|enquired"
    r"|fragte|fragt|preguntó|спросил[аи]?|vroeg)\b",
    re.I,
)


def asks_what_was_asked(question: str) -> bool:
    """Whether ``question`` asks what someone asked ("What did X ask?")."""
    return _ASKED.search(question) is not None


def asks_what_was_said(question: str) -> bool:
    """Whether ``question`` asks what was said (a verb or noun of speech), not a fact."""
    return _SPEECH.search(question) is not None


def without_spans(question: str, spans: Sequence[tuple[int, int]]) -> str:
    """The question with the names cut out: what it asks about the person."""
    out, pos = [], 0
    for start, end in sorted(spans):
        out.append(question[pos:start])
        pos = end
    out.append(question[pos:])
    return " ".join("".join(out).split())


def topic_of(question: str, spans: Sequence[tuple[int, int]]) -> str:
    """What a question about a person asks about: without the names and the words of
    speech ("What did X call for?" asks for all X called for; "What did X say about
    pensions?" is about pensions)."""
    return " ".join(_SPEECH.sub(" ", without_spans(question, spans)).split())


def speech_acts(question: str, words: Words = ENGLISH) -> frozenset[str]:
    """The stems of the words of speech ``question`` asks with that name a kind of thing
    said ("propose", "announce", "recommend", "warn"), not whatever was said ("say",
    "think", "views": ``SAYING``)."""
    return acts_in(" ".join(m.group() for m in _SPEECH.finditer(question)), words)


def acts_in(text: str, words: Words = ENGLISH) -> frozenset[str]:
    """The stems of the words of ``text`` that may name a kind of thing said: its words
    but stopwords and ``SAYING`` (the stopword list holds "propose" and "suggest":
    asked without a topic, such a question lists what was said; here they name the
    kind)."""
    said = [w.lower() for w in re.findall(r"\w+", text)]
    kept = [w for w in said if w not in words.stopwords or w.startswith(("propos", "suggest"))]
    return frozenset(words.stemmer.stemWords(kept)) - SAYING


def _words(text: str) -> list[tuple[str, int, int, bool]]:
    """(normalised word, start, end, written with a capital) of ``text``."""
    out = []
    for match in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text):
        raw = match.group()
        if raw.lower().endswith(("'s", "’s")):
            raw = raw[:-2]
        key = name_key(raw)
        if key:
            out.append((key, match.start(), match.start() + len(raw), raw[0].isupper()))
    return out


def _find(words: Sequence[tuple[str, int, int, bool]], tokens: Sequence[str]) -> int | None:
    keys = [w[0] for w in words]
    n = len(tokens)
    for i in range(len(keys) - n + 1):
        if keys[i : i + n] == list(tokens):
            return i
    return None


def _given_name_before(words: Sequence[tuple[str, int, int, bool]], i: int) -> str | None:
    """The capitalised word right before a surname, unless it is a title or particle."""
    j = i - 1
    while j >= 0 and words[j][0] in _PARTICLES:
        j -= 1
    if j < 0 or not words[j][3]:
        return None
    word = words[j][0]
    if word in _TITLES or word in _NOT_NAMES:
        return None
    return word


def _by_role(
    question: str, speakers: Sequence[SpeakerEntry]
) -> tuple[tuple[SpeakerEntry, ...], tuple[int, int]] | None:
    """ "the president of the Chilean council": the one speaker whose role has the role
    word and the most other words of the phrase (by a shared prefix)."""
    lowered = question.lower()
    # one or two words before "of": "the president of the …", "the secretary general of
    # the …", "the vice president of the …", "the representative of Ghana"
    for head in re.finditer(r"\bthe\s+((?:[\w-]+\s+)?[\w-]+)\s+of\s+(?:the\s+)?", lowered):
        heads = head.group(1).split()
        if not any(h in _ROLE_HEADS for h in heads):
            continue
        words = list(re.finditer(r"[\w-]+", lowered[head.end() :]))[:_ROLE_PHRASE_WORDS]
        best: list[tuple[int, int, SpeakerEntry]] = []
        for entry in speakers:
            role = (entry.role or "").lower()
            role_words = [w for w in re.findall(r"[\w-]+", role) if len(w) > 2]
            if any(h not in role_words for h in heads):
                continue
            matched = [
                m.end()
                for m in words
                if m.group() not in _NOT_NAMES and any(_same_stem(m.group(), r) for r in role_words)
            ]
            if matched:
                best.append((len(matched), max(matched), entry))
        best.sort(key=lambda t: -t[0])
        if best and (len(best) == 1 or best[0][0] > best[1][0]):
            return (best[0][2],), (head.start(), head.end() + best[0][1])
    return _by_role_alone(lowered, speakers)


def _by_role_alone(
    lowered: str, speakers: Sequence[SpeakerEntry]
) -> tuple[tuple[SpeakerEntry, ...], tuple[int, int]] | None:
    """ "What did the chief executive say?": the role words after "the" name whoever
    holds a role with all of them, when at most ``ROLE_HOLDERS`` do ("the Secretary
    General": the Association's and a council's); more ("the president" of a dozen
    councils) are a kind of speaker, not a person, and name no one."""
    plain = plain_text(lowered)
    lowered = plain if len(plain) == len(lowered) else lowered
    for the in _ARTICLE.finditer(lowered):
        role: list[re.Match[str]] = []
        body = 0  # words of a body before the office: "the union leader"
        for word in re.finditer(r"[\w-]+", lowered[the.end() :]):
            if word.group() not in _ROLE_TERMS:
                if body == _BODY_WORDS or any(w.group() in _ROLE_HEADS for w in role):
                    break
                body += 1
            role.append(word)
        while role and role[-1].group() not in _ROLE_TERMS:
            role.pop()  # "the union said": no office
        if not any(w.group() in _ROLE_HEADS for w in role):
            continue
        if lowered[the.end() + role[-1].end() :].lstrip().startswith(_OF):
            continue  # "the secretary general of the organisation": a body no role names
        holders = {
            entry.key: entry
            for entry in speakers
            if all(_holds(w.group(), entry.role or "") for w in role)
            # a record that names the speaker by the office ("THE PRESIDENT:")
            or (_titled_role(entry) and all(_holds(w.group(), entry.key) for w in role))
        }
        if 1 <= len(holders) <= ROLE_HOLDERS:
            return tuple(holders.values()), (the.start(), the.end() + role[-1].end())
    return None


# "Who is Helen Marsh?", "Who is the chief executive of Harbour Tools?", "Qui est …",
# "Quién es …", "Wer ist …": a question about who a speaker is.
_WHO_IS = re.compile(
    r"^\s*(?:who\s+(?:is|was)|qui\s+est|quién\s+es|quem\s+é|chi\s+è|wer\s+ist)\s+"
    r"(?P<who>[^?？]+?)\s*[?？]?\s*$",
    re.I,
)


# A relative clause in a "Who is …?" phrase: it asks about something else than the
# holder of an office.
_CLAUSE = re.compile(r"\b(?:that|which|who|whom|whose|where|when)\b", re.I)


def who_is(question: str, speakers: Sequence[SpeakerEntry]) -> PeopleMatch:
    """The speakers a "Who is …?" question asks about: by name ("Who is Helen Marsh?"),
    or by the role they speak in ("Who is the president of the Chilean council?"; "the
    chief executive of Harbour Tools" when one speaker holds that role, whatever body
    follows: a report names its own company nowhere in its chief's role)."""
    found = _WHO_IS.match(question)
    if found is None:
        return PeopleMatch((), (), ())
    who = found.group("who")
    span = ((found.start("who"), found.end("who")),)
    if "," in who or _CLAUSE.search(who):
        # "Who is older, A or B?", "Who is the director of the film that starred X?":
        # no one's introduction; an office's phrase is a noun phrase, however long the
        # name of its body ("the vice president of the PRC Economic and Social Council")
        return PeopleMatch((), (), ())
    asked = f"What did {who} say?"
    by_name = named_people(asked, speakers)
    named = [asked[a:b] for a, b in by_name.spans]
    if by_name.speakers and " ".join(named) == who.strip():
        # the whole phrase is their name, or their office
        return PeopleMatch(by_name.speakers, (), span, by_role=by_name.by_role)
    if not who.lower().startswith("the "):
        return PeopleMatch((), (), ())
    role = _by_role(who, speakers)
    if role is None:
        office, _, body = who.lower().partition(" of ")
        role = _by_role_alone(office, speakers)
        if role is not None and body:
            # "the president of the Council of Malta" is none of the presidents whose
            # roles name another council; a chief whose role names no body may be it
            role = (tuple(e for e in role[0] if not _names_a_body(e.role)), role[1])
    if role is None or not role[0]:
        return PeopleMatch((), (), ())
    return PeopleMatch(role[0], (), span, by_role=True)


def _names_a_body(role: str | None) -> bool:
    """Whether a role says whose office it is ("President of the Council of Chile")."""
    lowered = f" {role or ''} ".lower()
    return any(f" {of}" in lowered for of in _OF)


def _titled_role(entry: SpeakerEntry) -> bool:
    """ "The President", "Mr Speaker": a speaker a record names by the office alone."""
    return all(t in _ROLE_TERMS or t in _TITLES or t == "speaker" for t in entry.key.split())


def _by_delegation(
    question: str, speakers: Sequence[SpeakerEntry]
) -> tuple[tuple[SpeakerEntry, ...], tuple[int, int]] | None:
    """ "What did the United States say …?" over a verbatim record that writes "Mrs.
    Thomas-Greenfield (United States of America):": the speakers whose role is the name
    in the question's subject slot (the whole role, or its start before "of"). All of
    them: a delegation speaks for its country whoever holds the floor."""
    envoy = _ENVOY.search(question)
    subject = envoy.group("who") if envoy else named_subject(question)
    if subject is None:
        return None
    wanted = name_key(subject)
    if not wanted or wanted.split()[0] in _ROLE_TERMS:
        return None
    holders = tuple(entry for entry in speakers if _speaks_for(entry.role, wanted))
    if not holders:
        return None
    if envoy is not None:
        return holders, envoy.span()
    start = question.find(subject)
    return holders, (start, start + len(subject))


def _by_body(
    question: str, speakers: Sequence[SpeakerEntry]
) -> tuple[tuple[SpeakerEntry, ...], tuple[int, int]] | None:
    """ "What did the Economic and Social Council of Portugal say …?": a body speaks by
    its members, the speakers whose role is an office of it ("President of the Economic
    and Social Council of Portugal": every word of the name in what the role is of;
    whole words: the Council of Europe is not the European Council). The name must be
    one body's: "the Economic and Social Council" is the end of many councils' names,
    and names none of them. Not a body named by its kind alone ("the Board":
    ``named_subject``), nor a country (``_by_delegation``)."""
    subject = named_subject(question)
    if subject is None:
        return None
    words = [w for w in re.findall(r"[\w-]+", plain_text(subject.lower())) if w not in _JOINERS]
    if not any(w in _BODIES for w in words):
        return None
    holders: dict[str, list[SpeakerEntry]] = {}
    for entry in speakers:
        role = plain_text((entry.role or "").lower())
        of = re.search(r"\bof\s+(?:the\s+)?(?P<body>.+)$", role)
        if of is None:
            continue
        if set(words) <= set(re.findall(r"[\w-]+", of.group("body"))):
            holders.setdefault(of.group("body"), []).append(entry)
    if len(holders) != 1:
        return None
    start = question.find(subject)
    return tuple(next(iter(holders.values()))), (start, start + len(subject))


def _with_article(question: str, start: int, end: int) -> str:
    """The name at ``question[start:end]`` with the article before it ("the Council of
    Portugal"), as an answer's sentence can say it."""
    before = question[:start].rstrip()
    if before.lower().endswith(" the"):
        start = len(before) - 3
    return question[start:end]


# Words that join the words of a body's name ("Economic and Social Council of Portugal").
_JOINERS = frozenset("of and for the".split())


# "the representative of France", "the delegation of the Russian Federation": a country
# by the one who speaks for it.
_ENVOY = re.compile(
    r"\bthe\s+(?:representative|delegate|delegation|ambassador|envoy|permanent\s+representative)"
    r"\s+of\s+(?:the\s+)?(?P<who>[A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’-]*){0,5})"
)


def _speaks_for(role: str | None, name: str) -> bool:
    """Whether a speaker's role is the delegation ``name`` ("united states" for "United
    States of America"), both as ``name_key`` writes them."""
    if not role:
        return False
    key = name_key(role)
    return key == name or key.startswith(f"{name} of ")


# "the", and the articles of the other languages a role follows ("le maire", "la
# presidenta", "die Vorsitzende", "de voorzitter", "l'adjointe")
_ARTICLE = re.compile(r"\b(?:the|le|la|el|der|die|den|dem|het|de)\s+|\bl['’]")
_OF = ("of ", "de ", "du ", "des ", "del ", "von ", "van ", "der ")


def _holds(word: str, role: str) -> bool:
    """Whether ``role`` has ``word``, or the words ``word`` abbreviates ("cfo": "Chief
    Financial Officer")."""
    words = re.findall(r"[\w-]+", plain_text(role))
    if word in words or any(_office_of(word, w) for w in words):
        return True
    initials = "".join(w[0] for w in words)
    return word in _ABBREVIATIONS and word in initials


def _office_of(a: str, b: str) -> bool:
    """Whether one word is the office named after the body the other is ("Commissioner",
    "Member of the Commission"; "councillor", "council"): the longer begins with the
    shorter, of six letters at least ("expert" is not "experience")."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 6 and short != long and long.startswith(short)


def _same_stem(a: str, b: str) -> bool:
    if a == b:
        return True
    return (
        len(a) >= _ROLE_PREFIX and len(b) >= _ROLE_PREFIX and a[:_ROLE_PREFIX] == b[:_ROLE_PREFIX]
    )


def _unknown_names(
    question: str, spans: Sequence[tuple[int, int]], speakers: Sequence[SpeakerEntry]
) -> tuple[str, ...]:
    """Runs of two or more capitalised words that look like a person's name and are
    not a matched speaker: "Piet van der Berg"."""
    out = []
    for match in _NAME_RUN.finditer(question):
        if any(s <= match.start() < e for s, e in spans):
            continue
        before = question[: match.start()]
        after = question[match.end() :]
        if not (_PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after)):
            continue  # "the European Commission", "the Youth Forum": not in a person's slot
        tokens = name_key(match.group("name")).split()
        if not tokens or any(t in _NOT_NAMES or t in _BODIES for t in tokens):
            continue
        if all(t in _ROLE_TERMS for t in tokens):
            continue  # "the Secretary General", "the Chief Executive": a role, no name
        if any(tokens == e.key.split() for e in speakers):
            continue
        out.append(match.group("name"))
    return tuple(out)
