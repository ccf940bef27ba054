"""What the sentence layer embeds for each statement."""

from __future__ import annotations

from index.models import Document
from index.sentence_layer import QUESTION_CHARS, embedded_texts, sentence_records

TEXT = (
    "Youssef Amrani, member of the Council of Morocco, presented his council's opinion on "
    "seasonal workers. He explained that the council had heard employers and unions before "
    "making its recommendations. Among them were a public register of recruitment agencies "
    "and a ban on fees.\n\n"
    "It was the first opinion of the council on migration that the government accepted in "
    "full.\n\n"
    "The hearing was organised by the working group on care. It was chaired by Ana Ferreira, "
    "President of the Council of Portugal."
)


def _embedded() -> dict[str, str]:
    document = Document(id="d", title="T", text=TEXT, source="d.txt")
    records = sentence_records(document)
    statements = [r for r in records if r.statement]
    texts = embedded_texts(document, records)
    assert len(texts) == len(statements)
    return {TEXT[r.start : r.end][:20]: t for r, t in zip(statements, texts, strict=True)}


def test_a_statement_that_leans_back_is_embedded_with_the_sentence_before() -> None:
    embedded = _embedded()
    among = embedded["Among them were a pu"]
    assert "before making its recommendations. Among them" in among
    assert among.endswith("a ban on fees.")
    chaired = embedded["It was chaired by An"]
    assert chaired.startswith("The hearing was organised by the working group on care.")


def test_a_whole_statement_is_embedded_alone() -> None:
    embedded = _embedded()
    # "He explained that …": the speaker's own next point, embedded without the one before
    assert "presented" not in embedded["He explained that th"]
    assert "seasonal" not in embedded["He explained that th"]
    # a pronoun at the start of a paragraph has no sentence before it in the paragraph
    assert embedded["It was the first opi"].startswith("It was the first opinion")


def test_a_record_that_names_its_speaker_gives_them_every_unattributed_sentence() -> None:
    speech = (
        "We meet at a time of great danger for the planet. Our islands may disappear "
        "within this century.\n\n"
        "“No country can face this alone,” said Pedro Mora, President of Costa Verde."
    )
    metadata = {"speaker": "Ms.  Ana  Ruiz", "post": "Prime minister", "country": "Atlantis"}
    document = Document(id="d", title="T", text=speech, source="d.jsonl", metadata=metadata)
    records = sentence_records(document)
    assert [(r.speaker, r.role) for r in records[:2]] == [("Ms. Ana Ruiz", "Prime minister")] * 2
    # the text's own attribution comes first
    assert records[2].speaker == "Pedro Mora"
    # a record that names no speaker: sentences stay unattributed, and the content hash
    # of such a record is what it was before speakers were read from records
    plain = Document(id="d", title="T", text=speech, source="d.jsonl")
    assert [r.speaker for r in sentence_records(plain)[:2]] == [None, None]
    assert document.content_hash != plain.content_hash
    other = Document(id="d", title="T", text=speech, source="d.jsonl", metadata={"year": 2015})
    assert other.content_hash == plain.content_hash


def test_a_speech_whose_record_names_its_speaker_has_sections_not_turns() -> None:
    # a UN speech sets its sections as "Heading: text"; read as turn headers, they were
    # the speakers of every sentence below them
    speech = (
        "Mr. President, I bring the greetings of our people.\n"
        "Social And Economic Crisis: Sensitivity to needs and responsibility for decisions.\n"
        "The pandemic showed how fragile our economies are.\n"
        "Environmental Crisis: The planet cannot wait any longer for our decisions.\n"
        "Our glaciers are melting faster every year.\n"
    )
    metadata = {"speaker": "Ana Ruiz", "post": "President"}
    document = Document(id="d", title="T", text=speech, source="d.jsonl", metadata=metadata)
    speakers = {r.speaker for r in sentence_records(document)}
    assert speakers == {"Ana Ruiz"}


def test_a_reply_s_short_first_words_go_with_the_next_sentence() -> None:
    text = (
        "Hearing on rural transport\n\n"
        "Chair: What would help councils keep their routes?\n\n"
        "Ana Silva: Longer funding settlements. Councils cannot plan bus routes on one-year "
        "grants.\n\n"
        "Paul Greer: Thank you, Chair. Councils have cut one rural route in four.\n\n"
        "Chair: Thank you both. The session is closed for today.\n"
    )
    document = Document(id="d", title="T", text=text, source="d.txt")
    records = sentence_records(document)
    embedded = {
        text[r.start : r.end][:20]: t
        for r, t in zip(
            [r for r in records if r.statement], embedded_texts(document, records), strict=True
        )
    }
    # "Longer funding settlements." is no statement alone (three words): its words are
    # what the reply is about
    assert embedded["Councils cannot plan"].startswith("Longer funding settlements.")
    # thanks and addresses say nothing of the subject
    assert embedded["Councils have cut on"].startswith("Councils have cut")
    # nor does a news report's short sentence lend its words (a point of its own)
    news = Document(
        id="n",
        title="T",
        text='"Automation is not new. What is new is the speed of it all," she said.',
        source="n.txt",
    )
    news_records = sentence_records(news)
    assert all(not t.startswith("Automation") for t in embedded_texts(news, news_records))


def test_a_credit_line_is_a_statement_of_no_one() -> None:
    text = (
        "Platform work and social protection\n\n"
        "Rapporteur: Maria Lindqvist\n\n"
        "The Committee welcomes the directive on platform work."
    )
    records = sentence_records(Document(id="d", title="T", text=text, source="d.txt"))
    said = {text[r.start : r.end]: (r.statement, r.speaker) for r in records}
    # "Who was the rapporteur?" is answered by it; a heading is still no statement
    assert said["Rapporteur: Maria Lindqvist"] == (True, None)
    assert said["Platform work and social protection"] == (False, None)


def test_a_reply_knows_the_question_it_answers_and_news_has_no_turns() -> None:
    text = (
        "Interview with Lena Okafor, chair of the harbour cooperative\n\n"
        "Q: Why did the cooperative buy its own cranes?\n\n"
        "A: Because renting them cost more every season. We paid them off in four years.\n\n"
        "Q: Will you buy more?\n\n"
        "A: Only if the port grows.\n"
    )
    records = sentence_records(Document("i", "Interview", text, "i.txt"))
    at = {text[r.start : r.end]: r for r in records}
    question = at["Q: Why did the cooperative buy its own cranes?"]
    reply = at["A: Because renting them cost more every season."]
    after = at["We paid them off in four years."]
    assert (reply.layout, reply.turn, reply.replies_to) == ("qa", reply.start, question.start)
    # the reply's second sentence is in the same turn and opens no reply of its own
    assert (after.turn, after.replies_to) == (reply.start, None)
    assert question.replies_to is None and question.turn == question.start
    assert at["A: Only if the port grows."].replies_to == at["Q: Will you buy more?"].start
    news = "Lena Okafor said that the cooperative paid its cranes off in four years."
    (said,) = sentence_records(Document("n", "News", news, "n.txt"))
    assert said.speaker == "Lena Okafor"
    assert (said.layout, said.turn, said.replies_to) == (None, None, None)


def test_a_labelled_reply_quotes_the_end_of_a_long_question() -> None:
    long_turn = " ".join(
        f"Point {n} of the survey was about rents in the harbour." for n in range(12)
    )
    text = (
        f"Interviewer: {long_turn} What should the council do about rents?\n\n"
        "Maria Santos: Cap the rents of the harbour flats for five years.\n"
    )
    records = sentence_records(Document("t", "Transcript", text, "t.txt"))
    reply = records[-1]
    asked = next(r for r in records if r.start == reply.replies_to)
    # only the last sentences of the question, within QUESTION_CHARS
    assert reply.layout == "colon" and reply.speaker == "Maria Santos"
    question = records[-2]
    assert text[question.start : question.end] == "What should the council do about rents?"
    before = records[records.index(asked) - 1]
    assert question.end - asked.start <= QUESTION_CHARS < question.end - before.start


TABLE = (
    "Results of the year\n\n"
    "Consolidated statement of income (in millions)\n"
    "Fiscal 2024 | Fiscal 2023\n"
    "Revenue | 310.0 | 284.4\n"
    "Net income | 28.6 | 24.1\n\n"
    "Programme\n"
    "Time | Session\n"
    "09:30 | Opening\n\n"
    "The Group paid a dividend of 4 pence a share."
)


def test_a_table_row_of_figures_is_a_statement_read_with_its_heads() -> None:
    records = sentence_records(Document(id="d", title="T", text=TABLE, source="d.txt"))
    by_text = {TABLE[r.start : r.end]: r for r in records}
    row = by_text["Net income | 28.6 | 24.1"]
    assert row.statement
    # the citation quotes the row; what it says is read with the caption and column heads
    assert row.content == (
        "Consolidated statement of income (in millions). Net income: Fiscal 2024 28.6; "
        "Fiscal 2023 24.1"
    )
    # the heads row and a row with no label or no figure are no statements
    assert not by_text["Fiscal 2024 | Fiscal 2023"].statement
    assert not by_text["09:30 | Opening"].statement
    assert not by_text["Time | Session"].statement
    assert by_text["The Group paid a dividend of 4 pence a share."].statement
    # the row is embedded as read
    document = Document(id="d", title="T", text=TABLE, source="d.txt")
    assert row.content in embedded_texts(document, records)


def test_a_row_labelled_by_its_year_is_read_with_the_heads_of_its_figures() -> None:
    text = "Activity of the Association\n\nYear | Members | Webinars\n2022 | 70 | 9\n2023 | 74 | 11"
    records = sentence_records(Document(id="d", title="T", text=text, source="d.txt"))
    rows = {text[r.start : r.end]: r for r in records}
    assert rows["2023 | 74 | 11"].statement
    assert rows["2023 | 74 | 11"].content == (
        "Activity of the Association. 2023: Members 74; Webinars 11"
    )
    assert not rows["Year | Members | Webinars"].statement


def test_a_markdown_table_is_read_with_its_heads_under_its_rule_line() -> None:
    text = (
        "Income (thousand euros)\n\n| Item | 2024 | 2023 |\n|---|---|---|\n"
        "| Membership fees | 1,240 | 1,180 |\n| Grants | 310 | 295 |"
    )
    records = sentence_records(Document(id="d", title="T", text=text, source="d.md"))
    rows = {text[r.start : r.end]: r for r in records}
    assert (
        rows["| Grants | 310 | 295 |"].content
        == "Income (thousand euros). Grants: 2024 310; 2023 295"
    )
    assert rows["| Membership fees | 1,240 | 1,180 |"].statement
    assert not rows["| Item | 2024 | 2023 |"].statement and not rows["|---|---|---|"].statement
