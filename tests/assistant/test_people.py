"""Which speakers a question names, in the languages of the sample reports."""

from __future__ import annotations

import pytest

from assistant.people import asks_what_was_asked, named_people, topic_of, who_is
from index.sentence_layer import name_key
from index.snapshot import SpeakerEntry


def entry(name: str) -> SpeakerEntry:
    return SpeakerEntry(name, name_key(name), None, ("doc",), 3)


SPEAKERS = [
    entry(n)
    for n in (
        "Sofía Herrera",
        "Pieter van Dijk",
        "Julien Mercier",
        "Алексей Громов",
        "Ирина Соколова",
        "陈志强",
        "王丽华",
    )
]


def named(question: str) -> list[str]:
    return [s.name for s in named_people(question, SPEAKERS).speakers]


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("What did sofia herrera say about cyber attacks?", "Sofía Herrera"),
        ("Qu'a dit Julien Mercier sur le compte de formation ?", "Julien Mercier"),
        ("Что сказал Алексей Громов?", "Алексей Громов"),
        ("Что предложила Соколова?", "Ирина Соколова"),
        ("陈志强说了什么？", "陈志强"),
        ("王丽华认为最迫切需要解决的问题是什么？", "王丽华"),
    ],
)
def test_a_question_names_a_speaker_in_its_language(question: str, name: str) -> None:
    assert named(question) == [name]


def test_the_topic_is_the_question_without_the_name_and_the_speech_words() -> None:
    question = "陈志强说了什么？"
    spans = named_people(question, SPEAKERS).spans
    assert "陈志强" not in topic_of(question, spans) and "说" not in topic_of(question, spans)
    question = "Qu'a dit Julien Mercier sur le compte de formation ?"
    topic = topic_of(question, named_people(question, SPEAKERS).spans)
    assert "Mercier" not in topic and "compte de formation" in topic


def test_a_fact_about_a_person_is_no_question_about_their_statements() -> None:
    # no verb or noun of speech: the ordinary search answers it, the name as words
    assert named("Когда родился Алексей Громов?") == []
    assert named("陈志强的年龄") == []


def test_a_near_miss_name_is_not_swapped_in_any_language() -> None:
    found = named_people("Что сказал Алексей Громовский?", SPEAKERS)
    assert found.speakers == ()


def with_role(name: str, role: str) -> SpeakerEntry:
    return SpeakerEntry(name, name_key(name), role, ("doc",), 3)


def test_a_speaker_is_named_by_a_role_of_one_or_two_words() -> None:
    speakers = [
        with_role("Sofía Herrera", "President of the Economic and Social Council of Chile"),
        with_role("Moussa Diallo", "Secretary General of the Association"),
        with_role("Amara Diallo", "Secretary General of the Council of Côte d'Ivoire"),
        with_role("Karim Benjelloun", "President of the Association"),
    ]

    def by_role(question: str) -> list[str]:
        return [s.name for s in named_people(question, speakers).speakers]

    assert by_role("What did the president of the Chilean council say?") == ["Sofía Herrera"]
    assert by_role("What did the Secretary General of the Association report?") == ["Moussa Diallo"]
    assert by_role("What did the president of the Association propose?") == ["Karim Benjelloun"]
    # "of" without "the": "the representative of Ghana", "the president of Chile's council"
    assert by_role("What did the president of Chile's council say?") == ["Sofía Herrera"]
    assert named_people("Which is older, Utne Reader or The Enterprise Report?", speakers) == (
        named_people("Which is older?", speakers)
    )
    assert by_role("What did the secretary general of the council say?") == ["Amara Diallo"]
    # two speakers hold the role and the phrase tells them apart by no word: nobody
    assert by_role("What did the secretary general of the organisation say?") == []


def test_a_role_alone_names_the_one_speaker_who_holds_it() -> None:
    speakers = [
        SpeakerEntry("Helen Marsh", "helen marsh", "Chief Executive Officer", ("a",), 2),
        SpeakerEntry("John Roe", "john roe", "Chief Financial Officer", ("a",), 2),
        SpeakerEntry("Ana Ferreira", "ana ferreira", "President of the Council", ("b",), 2),
        SpeakerEntry("Karim Benjelloun", "karim benjelloun", "President of the CESE", ("b",), 4),
        SpeakerEntry("Moussa Diallo", "moussa diallo", "Secretary General", ("b",), 3),
        SpeakerEntry("Amara Diallo", "amara diallo", "Secretary General of CESE", ("c",), 3),
    ]

    def match(question: str) -> tuple[list[str], tuple[str, ...]]:
        found = named_people(question, speakers)
        return [s.name for s in found.speakers], found.unknown

    assert match("What did the chief executive say about the new plant?") == (["Helen Marsh"], ())
    # two secretaries general: both are asked (it is no unknown name either: "Secretary
    # General does not speak in the reports" was answered)
    assert match("What did the Secretary General say about webinars?") == (
        ["Moussa Diallo", "Amara Diallo"],
        (),
    )
    # more holders than ROLE_HOLDERS: a kind of speaker, not a person
    presidents = [
        SpeakerEntry(f"P{i} Person", f"p{i} person", "President", ("d",), 1) for i in range(4)
    ]
    assert named_people("What did the president say?", presidents).speakers == ()
    assert match("What did the chief executive officer say?") == (["Helen Marsh"], ())
    # an abbreviation reads as the initials of the role's words
    assert match("What did the CFO say about margins?") == (["John Roe"], ())
    assert match("What did the CEO say?") == (["Helen Marsh"], ())
    alone = [SpeakerEntry("Ana Ferreira", "ana ferreira", "President of the Council", ("b",), 2)]
    assert [s.name for s in named_people("What did the president say?", alone).speakers] == [
        "Ana Ferreira"
    ]
    # a body's word before the office, which the role says too ("The union’s leader")
    union = [
        SpeakerEntry("Jean Martin", "jean martin", "The union’s leader", ("e",), 3),
        SpeakerEntry("Ana Lima", "ana lima", "leader of the employers", ("e",), 2),
    ]
    assert [s.name for s in named_people("What did the union leader say?", union).speakers] == [
        "Jean Martin"
    ]
    assert named_people("What did the union say?", union).speakers == ()


def test_a_surname_after_a_title_finds_a_speaker_the_record_names_so() -> None:
    # UN and US Congress records name speakers "Ms. Garcia", "Mr. Nebenzia"
    titled = [*SPEAKERS, entry("Ms. Garcia"), entry("Mr Speaker"), entry("Carlos García López")]
    found = named_people("What did Ms. Garcia say about broadband?", titled)
    assert [s.name for s in found.speakers] == ["Ms. Garcia"]
    topic = topic_of("What did Ms. Garcia say about broadband?", found.spans)
    assert "Ms" not in topic and "Garcia" not in topic and "broadband" in topic
    assert [s.name for s in named_people("What did Garcia say?", titled).speakers] == ["Ms. Garcia"]
    # a given name the record does not give is no match; a chair's title is no surname
    assert named_people("What did Maria Garcia say?", titled).speakers == ()
    assert [s.name for s in named_people("What did the speaker say?", titled).speakers] != [
        "Mr Speaker"
    ]


@pytest.mark.parametrize(
    "question",
    [
        "Qu'a demandé Moussa Ndiaye ?",
        "¿Qué pidió Moussa Ndiaye?",
        "Was fordert Moussa Ndiaye?",
        "Cosa ha chiesto Moussa Ndiaye?",
        "O que disse Moussa Ndiaye?",
    ],
)
def test_verbs_of_asking_for_in_other_languages_ask_for_statements(question: str) -> None:
    speakers = [*SPEAKERS, entry("Moussa Ndiaye")]
    assert [s.name for s in named_people(question, speakers).speakers] == ["Moussa Ndiaye"]


def test_a_delegation_named_by_its_country_is_its_speakers() -> None:
    # a UN verbatim record: "Mrs. Thomas-Greenfield (United States of America): …"
    record = [
        with_role("Mrs. Thomas-Greenfield", "United States of America"),
        with_role("Mr. Nebenzia", "Russian Federation"),
        with_role("Mr. Zhang Jun", "China"),
        entry("The President"),
    ]
    asked = {
        "What did the United States say about hospitals?": ["Mrs. Thomas-Greenfield"],
        "What did the Russian Federation say?": ["Mr. Nebenzia"],
        "What did China propose?": ["Mr. Zhang Jun"],
        "What did France say?": [],  # no French delegation speaks
        "What did the representative of China say?": ["Mr. Zhang Jun"],
        "What did the delegation of the Russian Federation propose?": ["Mr. Nebenzia"],
    }
    for question, names in asked.items():
        found = named_people(question, record)
        assert [s.name for s in found.speakers] == names, question
    found = named_people("What did the United States say about hospitals?", record)
    assert topic_of("What did the United States say about hospitals?", found.spans).split()[-1] == (
        "hospitals?"
    )
    assert "United" not in topic_of("What did the United States say about hospitals?", found.spans)


def test_a_speaker_the_record_names_by_the_office_holds_it() -> None:
    record = [entry("The President"), with_role("Ana Ferreira", "President of the council")]
    found = named_people("What did the President say about inflation?", record)
    assert {s.name for s in found.speakers} == {"The President", "Ana Ferreira"}


def test_who_is_a_speaker_by_name_or_by_role() -> None:
    record = [
        with_role("Helen Marsh", "Chief Executive Officer"),
        with_role("Sofía Herrera", "President of the Economic and Social Council of Chile"),
        with_role("Moussa Diallo", "Secretary General of the Association"),
        with_role("Ana Lima", "President of the Council of Portugal"),
    ]

    def asked(question: str) -> list[str]:
        return [s.name for s in who_is(question, record).speakers]

    assert asked("Who is Helen Marsh?") == ["Helen Marsh"]
    assert asked("Who is Herrera?") == ["Sofía Herrera"]
    assert asked("Who is the president of the Chilean council?") == ["Sofía Herrera"]
    # one chief executive: the company after "of" is the report's, in no role
    assert asked("Who is the chief executive of Harbour Tools?") == ["Helen Marsh"]
    assert asked("Qui est Moussa Diallo ?") == ["Moussa Diallo"]
    # an office's phrase is a noun phrase, however long its body's name
    record.append(with_role("Guo Jun", "vice president of the PRC ESS"))
    assert asked("Who is the vice president of the PRC Economic and Social Council?") == ["Guo Jun"]
    assert who_is("Who is the president of the Chilean council?", record).by_role
    assert not who_is("Who is Helen Marsh?", record).by_role
    # not an introduction: a comparison, a fact about them, no one of that name
    assert asked("Who is older, Helen Marsh or Ana Lima?") == []
    assert asked("Who is Helen Marsh's successor?") == []
    assert asked("Who is the chief executive of the company that bought Harbour Tools?") == []
    assert asked("Who is Piet van der Berg?") == []
    assert asked("What did Helen Marsh say?") == []


def test_a_first_name_a_transcript_labels_its_speaker_by() -> None:
    podcast = [*SPEAKERS, entry("Tom"), entry("Anna"), entry("Operator")]
    assert [s.name for s in named_people("What did Tom say about riders?", podcast).speakers] == [
        "Tom"
    ]
    # never swapped for a fuller name, nor a chair's label taken for a name
    found = named_people("What did Tom Hale say about riders?", podcast)
    assert found.speakers == () and found.unknown == ("Tom Hale",)
    assert named_people("What did the Operator say?", podcast).speakers == ()


def test_minutes_speakers_by_title_role_and_verb_in_other_languages() -> None:
    speakers = [
        SpeakerEntry("Luc Morel", "luc morel", "maire", ("pv",), 2),
        SpeakerEntry("Yann Le Goff", "yann le goff", None, ("pv",), 1),
        SpeakerEntry("Aylin Demir", "aylin demir", None, ("prot",), 1),
        SpeakerEntry("Dr. Petra Lang", "petra lang", "Vorsitzende", ("prot",), 1),
        SpeakerEntry("Ana Prieto", "ana prieto", "presidenta", ("acta",), 1),
        SpeakerEntry("Laura Kim", "laura kim", "Economist", ("wire",), 1),
    ]

    def match(question: str) -> list[str]:
        return [s.name for s in named_people(question, speakers).speakers]

    # "M." was read as a given name that is not Yann's
    assert match("Qu'a demandé M. Le Goff ?") == ["Yann Le Goff"]
    assert match("Was schlägt Frau Demir vor?") == ["Aylin Demir"]
    assert match("Was berichtete Dr. Lang?") == ["Dr. Petra Lang"]
    # a role after the language's article, written with or without its accents
    assert match("Qu'a dit le maire sur le budget ?") == ["Luc Morel"]
    assert match("Was sagte die Vorsitzende?") == ["Dr. Petra Lang"]
    assert match("¿Qué indicó la presidenta?") == ["Ana Prieto"]
    # a surname followed by another name is someone else's given name
    assert match("Wat zei Kim Putters?") == []
    assert match("What did Kim say?") == ["Laura Kim"]


def test_a_hearing_s_senators_and_an_italian_treasurer_by_role() -> None:
    speakers = [
        SpeakerEntry("Senator Wyden", "senator wyden", "Senator", ("h",), 2),
        SpeakerEntry("Chairman Crapo", "chairman crapo", "Chairman", ("h",), 1),
        SpeakerEntry("Sara Villa", "sara villa", "Tesoriera", ("v",), 1),
    ]

    def match(question: str) -> list[str]:
        return [s.name for s in named_people(question, speakers).speakers]

    assert match("What did the senator say about drug prices?") == ["Senator Wyden"]
    assert match("What did the chairman say?") == ["Chairman Crapo"]
    assert match("What did Wyden say?") == ["Senator Wyden"]
    assert match("Cosa ha detto la Tesoriera?") == ["Sara Villa"]


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What did Senator Warren ask?", True),
        ("What did the chair ask the witness about pay?", True),
        ("Was fragte Herr Braun?", True),
        # a request, not a question
        ("What did Helga Brandt ask members to do about their contributions?", False),
        ("What did the unions ask for?", False),
        ("What did Guo Jun say?", False),
    ],
)
def test_what_someone_asked(question: str, asked: bool) -> None:
    assert asks_what_was_asked(question) is asked


def test_a_speaker_named_with_any_verb_is_asked_about() -> None:
    # "conclude", "see", "prefer": no verb of speech, still a question about the person
    for question in (
        "What did Ana Ferreira conclude at the end of the meeting?",
        "Where does Ana Ferreira see room for cooperation?",
        "Why did Ana Ferreira prefer the second option?",
    ):
        found = named_people(question, [entry("Ana Ferreira")], any_verb=True)
        assert [s.name for s in found.speakers] == ["Ana Ferreira"], question
        assert not found.spoken
    # without ``any_verb`` (the old reading) and for "Who is X?" (its own answer): nobody
    assert named_people("Why did Ana Ferreira prefer it?", [entry("Ana Ferreira")]).speakers == ()
    who = named_people("Who is Ana Ferreira?", [entry("Ana Ferreira")], any_verb=True)
    assert who.speakers == ()
    # a name in no person's slot of such a question is a topic: no unknown person
    assert named_people("When was Utne Reader founded?", SPEAKERS, any_verb=True).unknown == ()


def test_a_transcript_s_role_labels_name_their_speakers() -> None:
    meeting = [entry(n) for n in ("Project Manager", "Marketing", "Industrial Designer")]
    meeting += [entry("User Interface"), entry("Professor B"), entry("PhD F")]

    def who(question: str) -> list[str]:
        return [s.name for s in named_people(question, meeting, any_verb=True).speakers]

    assert who("What did the industrial designer recommend for the case?") == [
        "Industrial Designer"
    ]
    assert who("Summarize the marketing expert's view of the market.") == ["Marketing"]
    assert who("What did the user interface designer propose?") == ["User Interface"]
    assert who("What did the professor think about clustering?") == ["Professor B"]
    assert who("What did F think about the data format?") == ["PhD F"]
    assert who("Why did Marketing prefer a spongy case?") == ["Marketing"]
    # a label's word as the topic of a question is no speaker
    assert who("What was the discussion about Marketing strategy?") == []
    # two professors: "the professor" names neither
    assert who_in([*meeting, entry("Professor D")], "What did the professor say?") == []


def who_in(speakers: list[SpeakerEntry], question: str) -> list[str]:
    return [s.name for s in named_people(question, speakers, any_verb=True).speakers]


def test_the_words_of_speech_in_a_question_are_the_lexicon_s() -> None:
    """Every language's ``ASKED_SPEECH`` (``index.lexicon``) reads a question as asking
    what was said; a question of fact does not."""
    from assistant.people import asks_what_was_said

    for question in (
        "What did Ana Lima say about pensions?",
        "Qu'a dit Julien Mercier sur la formation ?",
        "¿Qué propuso Pedro Gómez?",
        "Was sagte Anna Berg?",
        "Что сказал Иван Петров?",
        "Wat zei Jan de Vries?",
        "王丽华说了什么？",
    ):
        assert asks_what_was_said(question), question
    assert not asks_what_was_said("How many delegates attended the forum?")
    assert not asks_what_was_said("What did the Board decide?")


def test_letters_after_a_name_in_a_label_are_not_said_in_a_question() -> None:
    members = [
        entry("Kirsty Williams AM"),
        entry("Eluned Morgan AM"),
        entry("Huw Morris"),
        entry("PhD A"),
    ]
    for question in (
        "How did Kirsty Williams respond to university mergers?",
        "What did Kirsty Williams say about teacher recruitment?",
    ):
        found = named_people(question, members, any_verb=True)
        assert [s.name for s in found.speakers] == ["Kirsty Williams AM"], question
        assert not found.unknown
    # the letter that tells a voice apart is its name, not letters after one
    voice = named_people("What did PhD A think about the results?", members, any_verb=True)
    assert [s.name for s in voice.speakers] == ["PhD A"]


def test_a_place_after_from_is_no_unknown_person() -> None:
    """ "from" puts a person after a word of hearing only: "imports from Papua New
    Guinea" names a country, which the reports are asked about, not a speaker."""
    asked = "What was said about tuna imports from Papua New Guinea?"
    assert named_people(asked, SPEAKERS).unknown == ()
    heard = named_people("What were the remarks from Piet van der Berg?", SPEAKERS)
    assert heard.unknown == ("Piet van der Berg",)


def test_a_peer_or_a_lady_is_asked_about_by_title_and_surname() -> None:
    """ "Lady Ashton", "Baroness Ashton", "Lord Kerr": a title, not a given name that
    would make her someone else (as "Piet Herrera" is not Sofía Herrera)."""
    chamber = [*SPEAKERS, entry("Catherine Ashton"), entry("John Kerr")]
    for asked in ("Lady Ashton", "Baroness Ashton"):
        found = named_people(f"What did {asked} say about Belarus?", chamber)
        assert [s.name for s in found.speakers] == ["Catherine Ashton"], asked
    assert [s.name for s in named_people("What did Lord Kerr say?", chamber).speakers] == [
        "John Kerr"
    ]


def test_a_body_speaks_by_its_members() -> None:
    speakers = [
        with_role("Ana Ferreira", "President of the Economic and Social Council of Portugal"),
        with_role("Isabel Cardoso", "member of the Economic and Social Council of Portugal"),
        with_role(
            "Claire Dubois", "member of the Economic, Social and Environmental Council of France"
        ),
        with_role("Herman Van Rompuy", "President of the European Council"),
    ]

    def members(question: str) -> list[str]:
        return [s.name for s in named_people(question, speakers, any_verb=True).speakers]

    portugal = ["Ana Ferreira", "Isabel Cardoso"]
    assert members("What did the Economic and Social Council of Portugal say about rents?") == (
        portugal
    )
    assert members("What did the Council of Portugal say?") == portugal
    # an answer calls them by the body, as the question does
    found = named_people("What did the Council of Portugal say?", speakers, any_verb=True)
    assert found.body == "the Council of Portugal"
    # a name with commas, as bodies write theirs
    assert members(
        "What did the Economic, Social and Environmental Council of France say about care?"
    ) == ["Claire Dubois"]
    # the end of many bodies' names names none of them; whole words only
    assert members("What did the Economic and Social Council say about pensions?") == []
    assert members("What did the Council of Europe say?") == []
