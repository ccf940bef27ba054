"""The extractive answer over a real snapshot: citations, invariants, "nothing found",
speakers, questions about people, coverage, quotes that close.

A small index of reports written here is built once with the real bundled model (the
sentence layer is computed at build time, as in production); ``ask`` then goes through
the real retrieval and the composer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from assistant.answer import candidates, complete, render, score, select
from assistant.answer.render import (
    load_answer_texts,
)
from assistant.answer.weights import WEIGHTS
from assistant.compose import compose_answer
from assistant.retrieve import Filters, allowed_documents, search
from assistant.service import AssistantService
from assistant.types import Answer
from index.build import build_index
from index.config import BuildConfig, EmbedConfig
from index.embed import Embedder
from index.layout import IndexDir
from index.sentence_layer import SentenceRecord
from index.snapshot import Snapshot

pytestmark = pytest.mark.slow

TEXTS = load_answer_texts()

DIGITAL = (
    "\n\n".join(
        [
            "Digital week: councils discuss the risks of technology",
            ("On 1 April 2024 the Association held a webinar on digital technology and its risks."),
            (
                "Anna Berg, President of the Council of Sweden, noted that digital technology "
                "brings new risks for privacy and new risks for workers."
            ),
            (
                "“Digital risks grow every year. Councils must study digital risks closely,” she "
                "said."
            ),
            "The weather in the city was sunny and warm during the whole week.",
            (
                "Anna Berg announced that the Swedish council would publish a guide on data "
                "protection for employers in June."
            ),
            (
                "Tom Hale, member of the Council of Ireland, said that dairy farming needs rain "
                "[3]. He added that rain for dairy farming had been scarce in the west of the "
                "country for three summers."
            ),
        ]
    )
    + "\n"
)

HEARING = (
    "\n\n".join(
        [
            "Transcript of the hearing on pensions, 2 May 2025",
            (
                "Lena Kask (Chair): Welcome to this hearing on pensions. I give the floor to our "
                "speakers."
            ),
            (
                "Piotr Nowicki (Poland): Thank you. In Poland one pensioner in four lives on less"
                " than the minimum wage. We propose a minimum pension financed from taxes."
            ),
            "Lena Kask (Chair): Thank you. The hearing is closed.",
        ]
    )
    + "\n"
)

INTERVIEW = (
    "\n\n".join(
        [
            "Interview: pensions for market traders",
            (
                "Mariam Koné, President of the Council of Mali, spoke to the newsletter after the"
                " Board meeting. Interviewer: Paul Weber."
            ),
            "Q: What did your council propose?",
            (
                "A: We proposed a pension scheme for market traders, with small contributions "
                "paid by mobile phone. Traders' associations helped us design it."
            ),
        ]
    )
    + "\n"
)

NEWS = (
    "\n\n".join(
        [
            "Council of Malta elects a new president",
            (
                "The plenary of the Council of Malta elected Joseph Camilleri as its president on"
                " 3 March 2025. The ceremony was attended by the Prime Minister, Robert Abela, "
                "who did not speak."
            ),
            (
                "Maria Vella, member of the Council of Malta, spoke about housing. She noted "
                "that rents in Valletta had doubled in five years."
            ),
            "The plenary also approved the council's budget for 2025 without a vote.",
        ]
    )
    + "\n"
)

# A filing: sections under heading lines, run-in headings, one quote of its chief.
FILING = (
    "\n\n".join(
        [
            "Harbour Tools plc: annual report 2024",
            (
                "2024 was a good year for Harbour Tools. Revenue rose 9% to 310 million "
                "pounds, and the Group opened a plant in Porto."
            ),
            (
                '"We are closer to our customers than ever," said Ruth Ellis, Chief Executive '
                "Officer."
            ),
            # a table as the PDF, DOCX and HTML readers write one: a row a line, cells
            # joined by " | ", its caption and column heads above
            "\n".join(
                [
                    "Consolidated income statement (in millions of pounds)",
                    "FY2024 | FY2023",
                    "Revenue | 310.0 | 284.4",
                    "Operating profit | 41.2 | 35.9",
                    "Net income | 28.6 | 24.1",
                ]
            ),
            "\n".join(
                ["Workforce", "Year | Employees | Sites", "2024 | 1,450 | 6", "2023 | 1,320 | 5"]
            ),
            "Principal risks",
            (
                "Supply chain. The Group depends on a small number of suppliers for specialised "
                "steel. A disruption at one of these suppliers could delay production for "
                "several weeks."
            ),
            (
                "Currency. A third of sales are invoiced in euros, and the Group hedges half of "
                "them a year ahead."
            ),
        ]
    )
    + "\n"
)

# A forum whose title names its topic; two of its speakers say what the risks are in
# words of their own ("cyber attacks", "injured"), none of the question's.
FORUM = (
    "\n\n".join(
        [
            "Port cities forum: councils weigh the risks of automation",
            "On 4 June 2025 the Association held a forum in Rotterdam on automated ports.",
            (
                "Karin Holm, President of the Council of Denmark, said that the automation of "
                "container terminals brings new risks for dock workers."
            ),
            "“Automation risks must be negotiated with the unions,” she said.",
            (
                "Luis Ortega, member of the Council of Panama, spoke about cyber attacks. He "
                "noted that a single attack had halted the canal's booking system for three "
                "days."
            ),
            (
                "Aiko Mori, expert at the Council of Japan, addressed safety. She explained "
                "that remote-controlled cranes had injured two technicians last year."
            ),
        ]
    )
    + "\n"
)


# A role written with stray stops, as the seed writes Guo Jun's ("vice president. of
# the PRC ESS ."), and the speaker in another office in a second report.
FISHERIES = (
    "\n\n".join(
        [
            "Webinar on coastal fisheries",
            (
                '"Coastal fishing villages need cold storage before anything else," said '
                "Li Wei, vice president. of the PRC ESS ."
            ),
            "Li Wei (Chair): Thank you all for joining the webinar on fisheries today.",
            # a Markdown table: each row opens with "|", a rule line under the heads
            "\n".join(
                [
                    "Fish landed by port (tonnes)",
                    "| Port | 2024 | 2023 |",
                    "|---|---|---|",
                    "| Qingdao | 1,200 | 1,100 |",
                    "| Ningbo | 800 | 750 |",
                ]
            ),
        ]
    )
    + "\n"
)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for name, text in {
        "digital-week.txt": DIGITAL,
        "hearing.txt": HEARING,
        "interview.txt": INTERVIEW,
        "malta.txt": NEWS,
        "harbour-tools-2024.txt": FILING,
        "port-forum.txt": FORUM,
        "fisheries-webinar.txt": FISHERIES,
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def config(
    reports: Path,
    tmp_path_factory: pytest.TempPathFactory,
    real_embedder: Embedder,
    model_cache: Path,
) -> BuildConfig:
    config = BuildConfig(
        sources=[reports],
        index_dir=tmp_path_factory.mktemp("index"),
        embed=EmbedConfig(cache_dir=model_cache),
    )
    build_index(config, embedder=real_embedder)
    return config


@pytest.fixture(scope="module")
def snapshot(config: BuildConfig) -> Iterator[Snapshot]:
    path = IndexDir(config.index_dir).current_path()
    assert path is not None
    snap = Snapshot.open(path)
    yield snap
    snap.close()


@pytest.fixture(scope="module")
def ask(snapshot: Snapshot, real_embedder: Embedder) -> Any:
    def run(question: str, filters: Filters | None = None, **kw: Any) -> Answer:
        vector = real_embedder.embed_query(question)
        passages = search(snapshot, vector, question, 8, filters)
        return compose_answer(
            question,
            passages,
            vector,
            snapshot,
            allowed=allowed_documents(snapshot, filters),
            embed_query=real_embedder.embed_query,
            **kw,
        )

    return run


def assert_invariants(answer: Answer, snapshot: Snapshot) -> None:
    """Numbers 1..N used once each in order; each quote is its document's span."""
    numbers = [c.n for c in answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    markers = [int(m) for m in re.findall(r"\[(\d+)\]", answer.text)]
    assert markers == numbers
    for citation in answer.citations:
        document = snapshot.document(citation.document_id)
        assert document is not None
        assert document.text[citation.start : citation.end] == citation.passage


def test_answer_cites_exact_spans_with_speakers(ask: Any, snapshot: Snapshot) -> None:
    answer = ask("What was said about digital risks?")
    assert answer.found
    assert_invariants(answer, snapshot)
    by = {c.speaker for c in answer.citations}
    assert "Anna Berg" in by
    anna = [c for c in answer.citations if c.speaker == "Anna Berg"]
    assert any("new risks for privacy" in c.passage for c in anna)
    assert all(c.title == "Digital week: councils discuss the risks of technology" for c in anna)
    assert "President of the Council of Sweden" in answer.text  # the role, once
    assert answer.text.count("President of the Council of Sweden") == 1
    assert "weather" not in answer.text  # never padded with unrelated sentences
    assert "dairy" not in answer.text


def test_the_voices_of_a_meeting_the_question_names_are_heard(ask: Any) -> None:
    # the report's title names the topic: each speaker's best statement is an answer,
    # though only Karin Holm uses the question's words
    answer = ask("What was said about the risks of automation?")
    voices = {c.speaker for c in answer.citations}
    assert {"Karin Holm", "Luis Ortega", "Aiko Mori"} <= voices
    assert any("halted the canal's booking system" in c.passage for c in answer.citations)
    # a topic the title does not name is answered from what is said about it only
    unions = ask("What was said about negotiations with unions?")
    assert {c.speaker for c in unions.citations} == {"Karin Holm"}


def test_answer_adds_only_connecting_words_and_attributions(ask: Any) -> None:
    answer = ask("What was said about digital risks?")
    rest = answer.text
    for c in answer.citations:
        rest = rest.replace(f"[{c.n}]", "").replace(c.title, "").replace(c.date or "\0", "")
        quote = " ".join(re.sub(r"\[\d+\]", "", c.passage).split())
        rest = rest.replace(quote, "", 1)
        rest = rest.replace(c.speaker or "\0", "")
    rest = rest.replace("President of the Council of Sweden", "")
    literal = "".join(template.format_map(_Blank()) for template in TEXTS.model_dump().values())
    assert set(rest) <= set(literal) | {"\n", " ", "“", "”"}, rest


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


@pytest.mark.parametrize(
    "question",
    ["What is the recipe for lasagna?", "Who won the 2018 World Cup?", "How do I reset my router?"],
)
def test_nothing_found_cites_nothing(ask: Any, question: str) -> None:
    answer = ask(question)
    assert answer == Answer(text=TEXTS.nothing_found, citations=(), found=False)


def test_a_fact_stated_once_is_answered(ask: Any) -> None:
    answer = ask("Who was elected president of the Council of Malta?")
    assert answer.found
    assert any("elected Joseph Camilleri" in c.passage for c in answer.citations)


def test_footnote_markers_in_reports_do_not_read_as_citations(ask: Any, snapshot: Snapshot) -> None:
    answer = ask("What did Tom Hale say about dairy farming and rain?")
    assert answer.found
    assert {c.speaker for c in answer.citations} == {"Tom Hale"}
    assert "[3]" not in answer.text
    assert_invariants(answer, snapshot)


def test_max_sentences_caps_the_statements(ask: Any) -> None:
    answer = ask("What was said about digital risks?", max_sentences=1)
    assert len(answer.citations) == 1


def test_templates_come_from_the_texts_given(ask: Any) -> None:
    texts = TEXTS.model_copy(update={"nothing_found": "Nothing.", "line": "* {statement} [{n}]"})
    assert ask("What is the recipe for lasagna?", texts=texts).text == "Nothing."
    answer = ask("What was said about digital risks?", texts=texts)
    assert all(line.startswith(("In ", "* ")) for line in answer.text.splitlines())


# --- questions about people ------------------------------------------------------------


def test_what_did_x_say_lists_their_statements_in_a_verbatim_record(ask: Any) -> None:
    answer = ask("What did Piotr Nowicki say?")
    assert answer.found
    assert {c.speaker for c in answer.citations} == {"Piotr Nowicki"}
    assert any("minimum pension financed from taxes" in c.passage for c in answer.citations)


def test_a_name_without_accents_or_case_finds_the_speaker(ask: Any) -> None:
    answer = ask("what did mariam kone say about pensions?")
    assert answer.found
    assert {s.speaker for s in answer.statements} == {"Mariam Koné"}
    assert any("paid by mobile phone" in c.passage for c in answer.citations)


def test_a_surname_alone_finds_the_speaker(ask: Any) -> None:
    answer = ask("What did Berg say?")
    assert {c.speaker for c in answer.citations} == {"Anna Berg"}


def test_a_near_miss_name_is_never_swapped(ask: Any) -> None:
    answer = ask("What did Piotr Nowak propose?")
    assert not answer.found and answer.citations == ()
    assert "Piotr Nowak" in answer.text


def test_a_person_who_is_only_mentioned_is_said_to_be(ask: Any, snapshot: Snapshot) -> None:
    answer = ask("What did Robert Abela say?")
    assert answer.text.startswith(TEXTS.only_mentioned.format(name="Robert Abela"))
    assert answer.citations and all("Robert Abela" in c.passage for c in answer.citations)
    assert_invariants(answer, snapshot)


def test_a_person_asked_about_a_topic_they_never_raised(ask: Any) -> None:
    answer = ask("What did Anna Berg say about football?")
    assert not answer.found and answer.citations == ()


def test_the_interviewee_answers_and_the_interviewer_asks(snapshot: Snapshot) -> None:
    doc = next(d for d in snapshot.documents() if d.source.endswith("interview.txt"))
    said = {
        doc.text[s.record.start : s.record.end][:12]: s.record.speaker
        for s in snapshot.sentences_of(doc.id)
    }
    assert said["A: We propos"] == "Mariam Koné"
    assert said["Q: What did "] == "Paul Weber"


def test_an_interview_reply_is_given_with_its_question(ask: Any, snapshot: Snapshot) -> None:
    answer = ask("What did Mariam Koné propose for market traders?")
    assert answer.found, answer.text
    assert "asked “What did your council propose?”: We proposed a pension scheme" in answer.text
    # the question is its asker's words, cited on its own before the reply it explains
    question, reply = answer.citations[:2]
    assert question.passage.startswith("Q: What did your council propose?")
    assert question.speaker == "Paul Weber" and "A: We proposed" not in question.passage
    assert reply.passage.startswith("A: We proposed") and reply.speaker == "Mariam Koné"
    assert answer.statements[0].citations == (1, 2)
    assert "propose?”: We proposed a pension scheme for market traders" in answer.text
    assert_invariants(answer, snapshot)


def test_person_statements_respect_filters(ask: Any) -> None:
    kept = ask("What did Anna Berg say?", Filters(date_to="2024-12-31"))
    assert kept.found
    hidden = ask("What did Piotr Nowicki say?", Filters(date_to="2024-12-31"))
    assert not hidden.found and hidden.citations == ()


# --- how statements read ----------------------------------------------------------------


def test_a_pronoun_statement_reads_with_the_speakers_name(snapshot: Snapshot) -> None:
    doc = next(d for d in snapshot.documents() if d.source.endswith("digital-week.txt"))
    record = next(
        s.record for s in snapshot.sentences_of(doc.id) if s.record.content.startswith("rain")
    )
    run = [candidates.Candidate(candidates.Source.of_document(doc), record, -1)]
    line = render._statement(run, TEXTS, introduced=set())
    assert line.startswith("Tom Hale (member of the Council of Ireland) added that rain"), line
    assert render._statement(run, TEXTS, introduced={"Tom Hale"}).startswith("Tom Hale added")


def test_footnotes_leave_no_gap(ask: Any) -> None:
    answer = ask("What did Tom Hale say about dairy farming and rain?")
    assert "needs rain ." not in answer.text and "needs rain." in answer.text


def _candidate(snapshot: Snapshot, opening: str) -> candidates.Candidate:
    """The statement of the snapshot whose text starts with ``opening``."""
    for document in snapshot.documents():
        for s in snapshot.sentences_of(document.id):
            if document.text[s.record.start : s.record.end].startswith(opening):
                return candidates.Candidate(
                    candidates.Source.of_document(document), s.record, s.vector_row
                )
    raise AssertionError(opening)


def test_a_quote_of_two_sentences_is_cited_whole(snapshot: Snapshot) -> None:
    opening = _candidate(snapshot, "“Digital risks grow every year.")
    closing = _candidate(snapshot, "Councils must study digital risks closely")
    for chosen in ([opening], [closing]):
        whole = complete.whole_quotes(chosen, snapshot)
        assert sorted(c.sentence.start for c in whole) == [
            opening.sentence.start,
            closing.sentence.start,
        ]
    # a whole sentence brings nothing
    alone = _candidate(snapshot, "The weather in the city was sunny")
    assert complete.whole_quotes([alone], snapshot) == [alone]


def test_a_lead_in_brings_what_the_speaker_said_next(ask: Any, snapshot: Snapshot) -> None:
    lead_in = _candidate(snapshot, "Maria Vella, member of the Council of Malta, spoke about")
    said = _candidate(snapshot, "She noted that rents in Valletta")
    assert said.sentence.speaker == lead_in.sentence.speaker == "Maria Vella"
    followed = complete.with_what_follows([lead_in], snapshot)
    assert [c.sentence.start for c in followed] == [lead_in.sentence.start, said.sentence.start]
    # a statement that says something brings nothing, nor does the last of a paragraph
    full = _candidate(snapshot, "Anna Berg, President of the Council of Sweden, noted")
    assert complete.with_what_follows([full], snapshot) == [full]
    assert complete.with_what_follows([said], snapshot) == [said]
    answer = ask("What did Maria Vella say?")
    assert any("rents in Valletta had doubled" in c.passage for c in answer.citations)
    assert_invariants(answer, snapshot)


def test_a_question_for_a_number_keeps_only_statements_with_one(snapshot: Snapshot) -> None:
    base = _candidate(snapshot, "The weather in the city was sunny")
    best = replace(base, score=1.9, typed=False)  # the best statement always stays
    number = replace(base, score=1.6, typed=True)  # within typed_window of the best typed
    far = replace(base, score=1.6 - WEIGHTS.typed_window - 0.01, typed=True)
    plain = replace(base, score=1.85, typed=False)  # close to the best, but no number
    kept = select.typed_answers([best, plain, number, far])
    assert kept == [best, number]


def test_what_was_said_is_answered_with_what_someone_said(snapshot: Snapshot) -> None:
    said = replace(_candidate(snapshot, "Anna Berg, President of the Council of Sweden"), score=1.9)
    near = 1.9 - WEIGHTS.relative_window + WEIGHTS.unattributed / 2  # in the window
    narrated = replace(_candidate(snapshot, "On 1 April 2024 the Association held"), score=near)
    assert said.sentence.speaker == "Anna Berg" and narrated.sentence.speaker is None
    # a question for what was said: a speaker's statement outranks the narrator's
    assert select.select([said, narrated], 6, snapshot, bar=1.0, speech=True) == [said]
    # a question for a fact, or no speaker among the candidates: the narrator is heard
    assert narrated in select.select([said, narrated], 6, snapshot, bar=1.0)
    assert select.select([narrated], 6, snapshot, bar=1.0, speech=True) == [narrated]
    # a report that mostly speaks for itself (a filing quoting its chief executive once):
    # its sentences are its statements
    weather = replace(_candidate(snapshot, "The weather in the city was sunny"), score=near)
    kept = select.select([said, narrated, weather], 6, snapshot, bar=1.0, speech=True)
    assert narrated in kept and weather in kept


def test_a_filing_is_read_under_its_headings_and_its_chief_by_role(ask: Any) -> None:
    # no sentence says "supply" or "risk": the run-in heading and the section above do
    answer = ask("What did the company say about supply chain risks?")
    assert any("could delay production" in c.passage for c in answer.citations), answer.text
    assert not any("invoiced in euros" in c.passage for c in answer.citations), answer.text
    answer = ask("What did the chief executive say?")
    assert [c.passage for c in answer.citations] == [
        '"We are closer to our customers than ever," said Ruth Ellis, Chief Executive Officer.'
    ]


def test_a_question_a_section_heading_answers(ask: Any) -> None:
    # every word of the question is in the heading "Principal risks": the section is the
    # answer, though none of its sentences says "principal" or "risk"
    answer = ask("What are the principal risks?")
    assert answer.found, answer.text
    cited = [c.passage for c in answer.citations if c.document_id == "harbour-tools-2024.txt"]
    assert any("could delay production" in p for p in cited), answer.text
    assert any("invoiced in euros" in p for p in cited), answer.text
    assert not any("Revenue rose" in p for p in cited), answer.text


def test_an_amount_is_answered_by_the_sentence_that_holds_it(ask: Any) -> None:
    # "2024 was a good year for Harbour Tools." says the question's name and year, and
    # no amount: a year is no number
    answer = ask("What was the revenue of Harbour Tools in 2024?")
    assert any("310 million pounds" in c.passage for c in answer.citations), answer.text


def test_a_table_row_answers_the_figure_its_label_names(ask: Any) -> None:
    # every row shares the caption and the heads; the row whose label the question
    # names is the answer, shown with its heads, the citation quoting the row itself
    answer = ask("What was Harbour Tools' net income in FY2023?")
    assert [c.passage for c in answer.citations] == ["Net income | 28.6 | 24.1"], answer.text
    assert "Net income: FY2024 28.6; FY2023 24.1" in answer.text
    answer = ask("What operating profit did Harbour Tools report for 2024?")
    assert [c.passage for c in answer.citations] == ["Operating profit | 41.2 | 35.9"]
    # a year no statement, table head or report date gives is another year's figure
    assert not ask("What was Harbour Tools' net income in 2019?").found
    # whatever the question's kind: a row whose heads give other years holds none for it
    answer = ask("What does the income statement show for net income in 2019?")
    assert not any("|" in c.passage for c in answer.citations), answer.text
    # a Markdown row: its label is its first cell, after the opening "|"
    answer = ask("How many tonnes of fish were landed in Qingdao in 2023?")
    assert [c.passage for c in answer.citations] == ["| Qingdao | 1,200 | 1,100 |"], answer.text
    # a row labelled by its year, under heads that name its figures
    answer = ask("How many employees did Harbour Tools have in 2023?")
    assert [c.passage for c in answer.citations] == ["2023 | 1,320 | 5"], answer.text
    assert "Workforce. 2023: Employees 1,320; Sites 5" in answer.text


def test_a_company_a_report_speaks_for_is_no_unknown_person(
    config: BuildConfig, real_embedder: Embedder
) -> None:
    # "Harbour Tools" speaks nowhere, its annual report's title names it: the report
    # speaks for it, not "Harbour Tools does not speak in the reports"
    service = AssistantService(config, embedder=real_embedder)
    assert service.load()
    answer = service.answer("What did Harbour Tools say about its steel suppliers?").answer
    assert answer.found and answer.note is None, answer.text
    assert any("specialised steel" in c.passage for c in answer.citations), answer.text
    # a person no report names is still one who does not speak
    answer = service.answer("What did Piet van der Berg say about steel?").answer
    assert not any("specialised steel" in c.passage for c in answer.citations), answer.text


def test_a_company_its_report_is_about_is_no_topic_there(ask: Any) -> None:
    # within its own report every statement is the company's: its name, said only in
    # the report's opening line, is where to look, not what the risks are
    answer = ask("What risks does Harbour Tools face?")
    assert answer.found, answer.text
    cited = [c.passage for c in answer.citations]
    assert any("could delay production" in p for p in cited), answer.text
    assert not any("a good year for Harbour Tools" in p for p in cited), answer.text


def test_an_amount_said_only_without_a_figure_is_no_other_figure(ask: Any) -> None:
    # the report says the budget was approved, never how large it is: the dates and
    # shares of its other statements are no answer to how large it was
    answer = ask("What was the budget of the Council of Malta in 2025?")
    assert not answer.found and answer.citations == (), answer.text


def test_what_a_person_announced_is_what_they_are_reported_to_have_announced(
    ask: Any,
) -> None:
    # the verb of the question names what kind of statement it asks for: the one the
    # report says she announced, not her main statements
    answer = ask("What did Anna Berg announce?")
    assert [c.passage for c in answer.citations] == [
        "Anna Berg announced that the Swedish council would publish a guide on data "
        "protection for employers in June."
    ], answer.text
    # "say" names no kind: her main statements; nor does a kind she is reported with
    # no statement of ("promise"): her main statements, not "nothing found"
    said = ask("What did Anna Berg say?").citations
    assert len(said) > 1
    assert ask("What did Anna Berg promise?").citations == said


def test_a_count_of_another_thing_is_no_answer(ask: Any) -> None:
    # the report counts suppliers, plants and pounds, never robots
    answer = ask("How many robots does Harbour Tools use in Porto?")
    assert not answer.found and answer.citations == (), answer.text
    assert ask("How many plants did Harbour Tools open in 2024?").found


def test_who_holds_a_role_is_in_the_attribution_words(ask: Any) -> None:
    # '"…," said Ruth Ellis, Chief Executive Officer.': her name and role are the
    # attribution, not the statement's own words
    answer = ask("Who is the chief executive of Harbour Tools?")
    assert any("Ruth Ellis" in c.passage for c in answer.citations), answer.text


def test_who_is_a_speaker_is_answered_by_the_sentence_that_introduces_them(ask: Any) -> None:
    for question in ("Who is Ruth Ellis?", "Who is Tom Hale?"):
        answer = ask(question)
        assert answer.found, question
        name = question[7:-1]
        assert all(name in c.passage for c in answer.citations), answer.text
    assert "Chief Executive Officer" in ask("Who is Ruth Ellis?").text


def test_who_holds_an_office_is_introduced_in_that_office(ask: Any) -> None:
    # the role as the text writes it, stray stops and all; not the turns where the
    # same person speaks in another office (the chair of the webinar)
    answer = ask("Who is the vice president of the PRC Economic and Social Council?")
    assert [c.speaker for c in answer.citations] == ["Li Wei"], answer.text
    assert "cold storage" in answer.citations[0].passage


def test_answer_quotes_are_whole(ask: Any) -> None:
    answer = ask("What did Anna Berg say about digital risks?")
    assert answer.citations
    for citation in answer.citations:
        assert citation.passage.count("“") == citation.passage.count("”"), citation.passage


def test_a_citation_that_does_not_quote_its_span_is_refused(ask: Any, snapshot: Snapshot) -> None:
    question = "What was said about digital risks?"
    answer = ask(question)
    chosen = [
        candidates.Candidate(
            candidates.Source.of_document(snapshot.document(c.document_id)),  # type: ignore[arg-type]
            next(
                s.record for s in snapshot.sentences_of(c.document_id) if s.record.start == c.start
            ),
            -1,
        )
        for c in answer.citations
    ]
    first = replace(answer.citations[0], start=0)
    broken = replace(answer, citations=(first, *answer.citations[1:]))
    with pytest.raises(AssertionError):
        render._check(broken, chosen)
    with pytest.raises(AssertionError):
        render._check(replace(answer, text=answer.text + " [9]"), chosen)


def test_a_verb_of_speech_alone_is_no_topic(ask: Any) -> None:
    """ "What did X call for?" lists X's statements (held-out set: it was refused)."""
    answer = ask("What did Piotr Nowicki call for?")
    assert answer.found
    assert any("minimum pension financed from taxes" in c.passage for c in answer.citations)


def test_a_comparison_credits_each_statement_with_its_partners_words() -> None:
    def said(doc: str, text: str) -> candidates.Candidate:
        record = SentenceRecord(doc, 0, 0, len(text), 0, None, None, True, None, None, text)
        source = candidates.Source(doc, doc, None, None, f"{doc}.txt", text)
        return candidates.Candidate(source, record, 0)

    burnett = said("a", "Charles Burnett is a film director.")
    pakula = said("b", "Alan J. Pakula was a film director.")
    also_burnett = said("a", "Burnett was born in Vicksburg.")
    words = [{"charl", "burnett", "director"}, {"alan", "pakula", "director"}, {"burnett"}]
    weight = dict.fromkeys(("charl", "burnett", "alan", "pakula", "director"), 1.0)
    own = [3 / 5, 3 / 5, 1 / 5]
    credited = score._with_partner([burnett, pakula, also_burnett], words, weight, 5.0, own)
    # each is credited with the two names the other report's statement adds
    assert credited[:2] == [pytest.approx(1.0), pytest.approx(1.0)]
    # a partner comes from another report: the second Burnett sentence is no partner
    assert credited[2] == pytest.approx(1 / 5 + 3 / 5)


def test_a_factoid_is_answered_by_the_one_sentence_that_names_its_subject(ask: Any) -> None:
    # the Council of Malta's president, not the Council of Sweden's or Ireland's people
    answer = ask("Who is the president of the Council of Malta?")
    assert [c.passage for c in answer.citations] == [
        "The plenary of the Council of Malta elected Joseph Camilleri as its president on"
        " 3 March 2025."
    ], answer.text


def test_a_figure_for_another_subject_is_no_answer(ask: Any) -> None:
    # the digital week's report gives three summers of scarce rain in the west of Ireland
    # and speaks of Sweden elsewhere: none for Sweden
    assert not ask("For how many summers has rain been scarce in Sweden?").found
    answer = ask("For how many summers has rain been scarce in Ireland?")
    assert any("three summers" in c.passage for c in answer.citations), answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "What did Piotr Nowicki conclude at the end of the hearing?",
            "We propose a minimum pension financed from taxes.",
        ),
        ("How did Lena Kask open the hearing?", "Welcome to this hearing on pensions."),
    ],
)
def test_where_in_a_meeting_a_person_spoke_is_answered_by_position(
    ask: Any, question: str, said: str
) -> None:
    answer = ask(question)
    assert len(answer.citations) == 1, answer.text
    assert said in answer.citations[0].passage, answer.text


def test_a_meeting_asked_about_as_a_whole_is_answered_with_its_main_statements(
    ask: Any,
) -> None:
    # "Summarize the hearing" names no topic a statement could match: asked of the
    # hearing (a document_ids filter), its speakers' main statements, not "nothing found"
    only = Filters(document_ids=("hearing.txt",))
    answer = ask("Summarize the hearing", only, scoped=True)
    assert answer.found, answer.text
    assert {c.document_id for c in answer.citations} == {"hearing.txt"}
    assert {"Lena Kask", "Piotr Nowicki"} <= {c.speaker for c in answer.citations}, answer.text
