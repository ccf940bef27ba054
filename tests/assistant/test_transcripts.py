"""Transcripts as meeting software and parliaments write them, asked about their speakers.

A real index (the bundled model) of records written here: a Teams-style meeting
transcript (the name and a time on a line of their own), a Zoom-style one (a time before
"Name:"), a US Congressional Record page ("Ms. GARCIA of Texas."), a UN Security Council
record ("Mr. Nebenzia (Russian Federation) (spoke in Russian): …") and White House
remarks ("THE PRESIDENT: …", "Q Mr. President, …"), whose speakers a question names by
full name, by surname, by title and surname, by their country or by their office.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.service import AssistantService
from assistant.types import Answer
from index.embed import Embedder
from tests.helpers import build_test_index

pytestmark = pytest.mark.slow

RECORDS = {
    "pensions-working-group.txt": """Working group on pensions: recording transcript

Ana Ferreira   0:05
Good morning everyone. Let us begin with the survey of member councils on pension reform.

Ben Okoro   0:21
Nineteen councils answered the survey. Most of them expect the retirement age to rise
to sixty-seven within ten years.

Carla Smith   1:10
We should ask what happens to workers in physically demanding jobs. Bricklayers and nurses
cannot work until sixty-seven.
""",
    "budget-board-call.txt": """Board call on the travel budget

[00:00:05] Ana Ferreira: Good morning, let us start with the travel budget for next year.
[00:00:12] Ben Okoro: The travel budget was overspent by twelve percent this year. I propose
that we hold two of the four regional meetings online.
[00:01:02] Ana Ferreira: Thank you. The proposal to hold two regional meetings online is adopted.
""",
    "congressional-record.txt": """CONGRESSIONAL RECORD — HOUSE

The SPEAKER pro tempore. The Chair recognizes the gentleman from Ohio for 5 minutes.

Mr. MILLER of Ohio. Madam Speaker, more than a third of the bridges in my district are rated
structurally deficient. We cannot keep postponing these repairs.

Ms. GARCIA of Texas. Madam Speaker, rural broadband is infrastructure too. Rural students in my
district still do their homework in parking lots to get a signal.

The SPEAKER pro tempore. The gentlewoman's time has expired.
""",
    "interview-maria-santos.txt": """Interview with Maria Santos, chief economist of the council

Interviewer: How has inflation affected low-income households?

Maria Santos: Food prices rose faster than any other item, and food takes the largest share
of a poor household's budget.

Interviewer: What should the government do about prices?

Maria Santos: Targeted transfers work better than general price caps. A price cap helps the
rich as much as the poor.
""",
    "commons-energy-prices.txt": """House of Commons: Energy Prices

Mr Speaker: Order. I call the Secretary of State.

The Secretary of State for Energy Security (Claire Coutinho): Energy bills have fallen by a
third since their peak.

Ed Miliband (Doncaster North) (Lab): Families are still paying hundreds of pounds more than
before the crisis. Why will the Government not introduce a proper windfall tax?

Claire Coutinho: We already have one of the highest levies on oil and gas profits in the
world.
""",
    "security-council-9999.txt": """Security Council, 9999th meeting

The President: I thank Ms. DiCarlo for her briefing. I now give the floor to the members.

Mr. Nebenzia (Russian Federation) (spoke in Russian): The humanitarian situation continues
to deteriorate, and sanctions only make matters worse for ordinary people.

Mrs. Thomas-Greenfield (United States of America): The United States condemns the attacks
on civilian infrastructure. Hospitals and schools must never be targets.

The meeting rose at 12.40 p.m.
""",
    "deposition-rosa-mendez.txt": """DEPOSITION OF ROSA MENDEZ

EXAMINATION BY MS. HARTLEY:
Q. When were the containers inspected?
A. The containers were inspected on the morning of May 2, before the ship left the port.
Q. Who ordered the inspection?
A. The harbour master ordered it after an anonymous warning about undeclared chemicals.
""",
    "committee-rural-transport.txt": """Oral evidence: Rural transport

Members present: Iain Ross (Chair); Nadia Khan.

Witnesses: Paul Greer, Director, Bus Users Network; Ana Silva, Transport Economist.

Q10 Chair: Mr Greer, are rural bus services being cut?
Paul Greer: Yes. One rural route in four has disappeared since 2019.
Q11 Nadia Khan: What would help councils keep their bus routes?
Ana Silva: Longer funding settlements. Councils cannot plan bus routes on one-year grants.
""",
    "housing-board-minutes.txt": """Minutes of the Board of the Housing Association

Present: Hugo Lindqvist (HL), Chair; Mona Farah (MF), Treasurer; Ivo Petrov (IP).

2. Accounts
MF presented the accounts. She noted that the reserves had fallen by a tenth because of
repairs to damp homes.
IP asked whether the audit fee would rise next year.
RESOLVED: The Board approved the accounts for 2024 and a new audit tender.
""",
    "raad-pensioenen.txt": """Raad bespreekt pensioenen

Voorzitter Anouk Visser zei dat het pensioenstelsel eerlijker moet voor jongeren.
"Jongeren betalen nu te veel premie," aldus Visser.
""",
    "kaigi-houkoku.txt": """評議会シンポジウムの報告

評議会の山本健太会長は「雇用の質が問われている」と述べた。

学生代表の中村さくら氏は、奨学金が足りないと指摘した。
""",
    "survey-call-2025-05-12.vtt": """WEBVTT

c1
00:00:03.120 --> 00:00:07.480
<v Lena Park>Good morning. Let us begin with the survey of member councils.</v>

c2
00:00:07.480 --> 00:00:12.000
<v Omar Haddad>Most councils want their opinions published in plain language,
so that citizens can read them without a lawyer.</v>
""",
    "hearing-drug-prices.txt": """HEARING BEFORE THE COMMITTEE ON FINANCE

    Chairman CRAPO. The Committee will come to order. We will hear about drug prices.

    Senator WYDEN. Thank you, Mr. Chairman. Seniors pay more for insulin every year, and
many of them skip doses because they cannot afford it.

    Dr. MENSAH. Thank you, Senator. Insulin prices rose nine percent last year.
""",
    "remarks-on-the-economy.txt": """Remarks by the President on the Economy

THE PRESIDENT: Thank you. Inflation has fallen for six months in a row, and wages are now
rising faster than prices.

Q Mr. President, will you extend the gas tax holiday?

THE PRESIDENT: We are looking at it. No decision on the gas tax has been made yet.
""",
    # a court reporter's pages: every line numbered in the margin, turns wrapped
    "deposition-okoye.txt": """                                              Page 1
 1            UNITED STATES DISTRICT COURT
 2            SOUTHERN DISTRICT OF NEW YORK
 3
 4          VIDEOTAPED DEPOSITION OF DANIEL OKOYE
 5                 Tuesday, April 8, 2025
 6   APPEARANCES:
 7   For the Plaintiff: MS. RACHEL STEIN
 8   For the Defendant: MR. TOM GRADY
 9                    EXAMINATION
10   BY MS. STEIN:
11        Q.   Were you responsible for patching the servers
12   that Harbour Logistics used?
13        A.   My team was. We had a monthly patch cycle, but
14   the Harbour servers were on a quarterly schedule
15   because the client asked us not to restart them.
16        Q.   When was the vulnerability that was exploited
17   published?
18        A.   The vendor published it on October 30, 2023.
19   We applied the patch to Harbour's servers on
20   January 15, 2024.
21             MR. GRADY:  Objection; form.
                                              Page 2
 1        Q.   Why not earlier?
 2        A.   Because Harbour had frozen all changes until
 3   after the holiday season.
""",
    "roundtable-zh.txt": """经济社会理事会圆桌会议记录

时间：2025年6月10日
地点：北京

主持人：各位好，欢迎参加今天的圆桌会议。首先请王丽华女士发言。

王丽华：谢谢主持人。我认为，社会保险关系的跨地区转移接续是农民工最迫切需要解决的问题。

陈志强：企业愿意承担更多责任，但是政府应该减轻中小企业的社保负担。
""",
    "entretien-moreau.txt": """Entretien avec Claire Moreau, présidente du Conseil de la jeunesse

Propos recueillis par Julien Petit.

— Pourquoi le conseil s'intéresse-t-il au logement des jeunes ?

— Parce que la moitié des apprentis de notre région renoncent à une formation faute de logement.

— Que proposez-vous ?

— Nous proposons de réserver un quart des logements sociaux neufs aux jeunes.
""",
    "interview-okonjo.html": """<html><head><title>Interview with Amara Okonjo, Director of the \
Lagos Labour Institute</title></head><body><article>
<h1>Interview with Amara Okonjo, Director of the Lagos Labour Institute</h1>
<p>Amara Okonjo has studied informal work in West Africa for twenty years.</p>
<p><strong>Why do so few informal workers have a pension?</strong></p>
<p>Because the schemes were designed for people with a monthly salary.</p>
<p><strong>What would change that?</strong></p>
<p>Mobile payments. In Ghana, traders can now pay a few cedis by phone whenever they have a
good day. Membership tripled in two years.</p>
</article></body></html>
""",
    "working-group-notes.md": """# Working group meeting notes, 3 March 2025

Attendees: Ana Lima (chair), Ben Okoro, Carla Smith

## Travel budget

- **Ana Lima**: proposed cutting the travel budget by 20% and holding half of the regional
  meetings online.
- **Ben Okoro**: disagreed; regional meetings only work in person, because members from small
  councils do not speak up online.
""",
}


@pytest.fixture(scope="module")
def service(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder, model_cache: Path
) -> AssistantService:
    root = tmp_path_factory.mktemp("transcripts")
    for name, text in RECORDS.items():
        (root / name).write_text(text, encoding="utf-8")
    config = build_test_index(root / "index", model_cache, [root], embedder=real_embedder)
    service = AssistantService(config, embedder=real_embedder)
    assert service.load()
    return service


def assert_replies_cited_apart(answer: Answer, speaker: str) -> None:
    """Each statement's own citation is ``speaker``'s; a question put to them before it
    is cited apart, as someone else's, and holds none of the reply."""
    by_n = {c.n: c for c in answer.citations}
    for statement in answer.statements:
        *asked, own = statement.citations
        assert by_n[own].speaker == speaker, answer.text
        for n in asked:
            assert by_n[n].speaker != speaker, answer.text
            assert by_n[n].end <= by_n[own].start, answer.text


def answered_by(service: AssistantService, question: str, speaker: str, words: str) -> Answer:
    """The answer to ``question``, checked: found, every statement ``speaker``'s (a
    question put to them cited apart, as its asker's), one citation holding ``words``."""
    answer = service.answer(question).answer
    assert answer.found, answer.text
    assert {s.speaker for s in answer.statements} == {speaker}, answer.text
    assert_replies_cited_apart(answer, speaker)
    assert any(words in c.passage for c in answer.citations), answer.text
    return answer


def test_a_speaker_on_a_line_with_a_time_holds_the_floor(service: AssistantService) -> None:
    answered_by(
        service,
        "What did Carla Smith say about the retirement age?",
        "Carla Smith",
        "Bricklayers and nurses",
    )


def test_a_time_before_the_name_is_no_part_of_the_statement(service: AssistantService) -> None:
    answer = service.answer("What did Ben Okoro propose about regional meetings?").answer
    assert answer.found
    cited = [c for c in answer.citations if "regional meetings online" in c.passage]
    assert cited and {c.speaker for c in cited} == {"Ben Okoro"}
    assert not any("[00:" in c.passage for c in answer.citations)
    assert "[00:" not in answer.text


def test_a_title_and_surname_name_a_congressional_speaker(service: AssistantService) -> None:
    for question in ("What did Ms. Garcia say about broadband?", "What did Garcia say?"):
        answer = service.answer(question).answer
        assert answer.found, question
        assert {c.speaker for c in answer.citations} == {"Ms. Garcia"}, question
        assert any("rural broadband" in c.passage for c in answer.citations), question
    answer = service.answer("What did Mr. Miller say about bridges?").answer
    assert {c.speaker for c in answer.citations} == {"Mr. Miller"}


def test_a_country_names_its_delegation_in_a_verbatim_record(service: AssistantService) -> None:
    answer = answered_by(
        service,
        "What did the United States say about hospitals?",
        "Mrs. Thomas-Greenfield",
        "Hospitals and schools",
    )
    assert "does not speak" not in answer.text


def test_the_office_a_record_names_its_speaker_by(service: AssistantService) -> None:
    answer = answered_by(
        service,
        "What did the President say about inflation?",
        "The President",
        "Inflation has fallen",
    )
    # the press's question is not the President's
    answer = service.answer("What did the President say about the gas tax?").answer
    assert answer.found
    assert all("will you extend" not in c.passage for c in answer.citations)


def test_a_reply_in_a_labelled_interview_is_given_with_its_question(
    service: AssistantService,
) -> None:
    answer = service.answer("What did Maria Santos say about price caps?").answer
    assert answer.found
    assert {s.speaker for s in answer.statements} == {"Maria Santos"}
    assert_replies_cited_apart(answer, "Maria Santos")
    assert "asked “What should the government do about prices?”" in answer.text, answer.text


def test_a_minister_is_asked_about_what_a_member_asked_her(service: AssistantService) -> None:
    # her reply says "levies on oil and gas profits"; the question above it says what it
    # is about
    answer = service.answer("What did Claire Coutinho say about a windfall tax?").answer
    assert answer.found, answer.text
    assert any("highest levies" in c.passage for c in answer.citations), answer.text
    assert {s.speaker for s in answer.statements} == {"Claire Coutinho"}
    assert_replies_cited_apart(answer, "Claire Coutinho")
    assert "The Secretary of State for Energy Security" in answer.text


def test_a_deposition_answer_is_the_witness_s_with_the_question_asked(
    service: AssistantService,
) -> None:
    answer = answered_by(
        service,
        "What did Rosa Mendez say about the inspection?",
        "Rosa Mendez",
        "harbour master ordered",
    )
    # the question is quoted without its "Q." label, the reply without its "A."
    assert "asked “Who ordered the inspection?”" in answer.text, answer.text
    assert "A. The harbour master" not in answer.text


def test_a_transcript_with_numbered_lines_reads_as_turns(service: AssistantService) -> None:
    answer = answered_by(
        service,
        "When did Daniel Okoye's team patch Harbour's servers?",
        "Daniel Okoye",
        "We applied the patch to Harbour's servers on January 15, 2024.",
    )
    # the margin's numbers are no part of what he said, nor of the question he was asked
    assert not any(re.search(r"\b(19|20) ", c.passage) for c in answer.citations), answer.text
    assert all(c.title == "VIDEOTAPED DEPOSITION OF DANIEL OKOYE" for c in answer.citations)
    # the question he was asked reads whole, across the line it was wrapped at
    answer = answered_by(
        service, "When was the vulnerability published?", "Daniel Okoye", "October 30, 2023"
    )
    assert "asked “When was the vulnerability that was exploited published?”" in answer.text
    # the label of the appearances ("For the Plaintiff:") is nobody
    other = service.answer("Why were the servers not patched earlier?").answer
    assert "For the Plaintiff" not in {c.speaker for c in other.citations}, other.text


def test_what_an_examiner_asked(service: AssistantService) -> None:
    # her questions are no statements: she was "a name that speaks nowhere"
    answer = answered_by(service, "What did Ms. Stein ask?", "Ms. Stein", "Why not earlier?")
    assert len(answer.citations) == 3, answer.text
    assert "Q." not in answer.text
    answer = answered_by(
        service,
        "What did Ms. Stein ask about the vulnerability?",
        "Ms. Stein",
        "When was the vulnerability that was exploited published?",
    )
    assert len(answer.citations) == 1, answer.text
    answered_by(service, "What did Nadia Khan ask?", "Nadia Khan", "What would help councils")
    # what someone asked for is what they said
    answered_by(service, "What did Ana Silva ask for?", "Ana Silva", "one-year grants")


def test_a_committee_s_numbered_questions_and_witness_roles(service: AssistantService) -> None:
    answer = answered_by(
        service, "What did Ana Silva say about funding?", "Ana Silva", "one-year grants"
    )
    assert "Transport Economist" in answer.text
    # "Q11 Nadia Khan:" asked the question; it was Paul Greer's before
    answer = service.answer("What did Paul Greer say?").answer
    assert all("What would help" not in c.passage for c in answer.citations), answer.text


def test_minutes_initials_name_the_member(service: AssistantService) -> None:
    answered_by(
        service, "What did Mona Farah say about the reserves?", "Mona Farah", "fallen by a tenth"
    )


def test_a_dutch_question_about_a_person(service: AssistantService) -> None:
    answer = answered_by(service, "Wat zei Anouk Visser?", "Anouk Visser", "Jongeren betalen")
    assert answer.text.startswith("In „Raad bespreekt pensioenen”"), answer.text


def test_a_japanese_question_about_a_speaker(service: AssistantService) -> None:
    answer = service.answer("山本健太会長は何と述べましたか？").answer
    assert answer.found, answer.text
    assert {c.speaker for c in answer.citations} == {"山本健太"}
    # framed in Japanese, the role not repeated inside the sentence that gives it
    assert answer.text.startswith("『評議会シンポジウムの報告』より："), answer.text
    assert "（評議会会長）" not in answer.text


def test_a_caption_file_from_meeting_software(service: AssistantService) -> None:
    answer = service.answer("What did Omar Haddad say about plain language?").answer
    assert answer.found, answer.text
    assert {c.speaker for c in answer.citations} == {"Omar Haddad"}
    cited = answer.citations[0]
    assert "without a lawyer" in cited.passage
    assert "-->" not in cited.passage and "<v" not in cited.passage
    assert cited.title == "Survey call" and cited.date == "2025-05-12"


def test_what_the_board_decided(service: AssistantService) -> None:
    # was refused: no sentence says "decide", and the question's vector is far from any
    answer = service.answer("What did the board decide?").answer
    assert answer.found, answer.text
    assert any("RESOLVED: The Board approved" in c.passage for c in answer.citations)


def test_a_senator_at_a_hearing(service: AssistantService) -> None:
    answer = answered_by(
        service, "What did the senator say about insulin?", "Senator Wyden", "skip doses"
    )
    assert "(Senator)" not in answer.text  # the name says the office already


def test_a_chinese_transcript_and_a_french_press_interview(service: AssistantService) -> None:
    answered_by(service, "王丽华说了什么？", "王丽华", "社会保险关系的跨地区转移接续")
    answered_by(service, "陈志强对社保负担有什么看法？", "陈志强", "减轻中小企业的社保负担")
    answer = answered_by(
        service, "Qu'a proposé Claire Moreau ?", "Claire Moreau", "réserver un quart"
    )
    # each reply with the question it answers, the dashes no part of either
    assert "« Que proposez-vous ? » : Nous proposons" in answer.text, answer.text
    assert "présidente du Conseil de la jeunesse" in answer.text


def test_a_web_interview_s_replies_are_the_interviewee_s(service: AssistantService) -> None:
    answered_by(
        service,
        "What did Amara Okonjo say about mobile payments?",
        "Amara Okonjo",
        "pay a few cedis by phone",
    )


def test_meeting_notes_in_markdown_name_each_bullet_s_speaker(service: AssistantService) -> None:
    answered_by(
        service,
        "What did Ben Okoro say about online meetings?",
        "Ben Okoro",
        "do not speak up online",
    )
