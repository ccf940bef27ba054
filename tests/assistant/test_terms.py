"""The words of a question and what it asks for."""

from __future__ import annotations

from assistant.terms import (
    acronyms,
    answer_type,
    compares,
    content_terms,
    has_answer_type,
    named_subject,
    speech_subject,
    spelled_out,
    term_weights,
    words_for,
)


def test_content_terms_drop_question_and_speech_words() -> None:
    assert content_terms("What did Guo Jun say about digital risks?") == {
        "guo",
        "jun",
        "digit",
        "risk",
    }


def test_words_are_read_in_their_language() -> None:
    # French stopwords go, elided articles are cut off, words are stemmed as French
    french = words_for("fr")
    assert content_terms("Qu'a dit Julien Mercier sur l'apprentissage ?", french) == {
        "julien",
        "merci",
        "apprentissag",
    }
    # "during" is no topic in any language ("lors" was the one topic word left of a
    # question about a named meeting, and no statement says it)
    assert content_terms("Qu'a-t-on proposé lors de la réunion ?", french) == {"réunion"}
    assert not content_terms("durante", words_for("it")) | content_terms("tijdens", words_for("nl"))
    # Russian: the stopword "о" goes, inflected forms meet at their stem
    russian = words_for("ru")
    asked = content_terms("Что говорилось о пенсионном возрасте?", russian)
    said = content_terms("Повышение пенсионного возраста имеет смысл.", russian)
    assert "о" not in asked and {"пенсион", "возраст"} <= asked & said
    # a language without a stemmer is read as English
    assert content_terms("The councils were consulted", words_for("xx")) == {"council", "consult"}


def test_an_acronym_matches_the_words_it_stands_for() -> None:
    known = acronyms("What was said about artificial intelligence and work?")
    assert spelled_out("The first effect of AI is that every job changes.", known) == {
        "artifici",
        "intellig",
    }
    assert spelled_out("No acronym here.", known) == set()


def test_rare_words_weigh_more() -> None:
    said = [{"digit", "risk"}, {"digit"}, {"digit"}, {"digit"}]
    weights = term_weights({"digit", "risk"}, said)
    assert weights["risk"] > weights["digit"] > 0
    assert term_weights({"digit", "risk"}, said, idf=False) == {"digit": 1.0, "risk": 1.0}


def test_answer_types() -> None:
    assert answer_type("Who chaired the hearing?") == "person"
    assert answer_type("How many members does the Association have?") == "number"
    # a rate is a figure too ("doubled in two years")
    assert answer_type("How fast have cyberattacks on hospitals grown in Chile?") == "number"
    assert answer_type("On which days was the Assembly held?") == "date"
    assert answer_type("When was the declaration adopted?") == "date"
    assert answer_type("When exactly did the webinar take place?") == "date"
    # "when" that opens a clause places the question; it asks no date
    assert answer_type("When discussing the remote's shape, what did Marketing advise?") is None
    assert answer_type("When brainstorming, what was the team's opinion?") is None
    assert answer_type("What was said about pensions?") is None
    assert has_answer_type("The Association now has seventy-four members.", "number")
    assert has_answer_type("It was chaired by Ana Ferreira, President of the Council.", "person")
    assert not has_answer_type("The General Assembly met in Rabat.", "person")
    assert has_answer_type("The seminar took place in March 2023.", "date")


def test_answer_types_in_the_languages_we_answer_in() -> None:
    assert answer_type("Combien de délégués ont participé au séminaire ?") == "number"
    assert answer_type("¿Cuántos consejos asistieron a la reunión?") == "number"
    assert answer_type("Wie viele Mitglieder hat der Verband?") == "number"
    assert answer_type("Сколько советов участвовало в семинаре?") == "number"
    assert answer_type("有多少个理事会参加了会议？") == "number"
    assert answer_type("Qui a présidé la réunion ?") == "person"
    assert answer_type("¿Quién presidió la audiencia?") == "person"
    assert answer_type("Кто открыл семинар?") == "person"
    assert answer_type("谁主持了研讨会？") == "person"
    assert answer_type("Quand le séminaire a-t-il eu lieu ?") == "date"
    assert answer_type("В каком году прошёл семинар?") == "date"
    assert answer_type("研讨会是什么时候举行的？") == "date"
    # a relative "qui" or "chi" in the middle of a question asks for no person
    assert answer_type("Qu'ont dit les délégués qui représentent les jeunes ?") is None
    assert answer_type("Qu'a dit Julien Mercier sur la formation ?") is None
    # a date as reports in these languages write one
    assert has_answer_type("2025年6月10日，协会在北京举办研讨会。", "date")
    assert has_answer_type("Le séminaire s'est tenu le 23 septembre à La Haye.", "date")
    assert has_answer_type("Семинар прошёл 18 марта в Ташкенте.", "date")
    assert not has_answer_type("Members may pay by mobile phone.", "date")
    assert has_answer_type("Открывая семинар, Фарход Назаров напомнил об этом.", "person")
    # a number in words, read as the statement's language
    assert has_answer_type("Приняли участие представители четырнадцати советов.", "number", "ru")
    assert not has_answer_type("Открывая семинар, председатель напомнил о реформе.", "number", "ru")
    assert has_answer_type("Cinquante-deux délégués ont participé.", "number", "fr")
    assert has_answer_type("来自十二个成员理事会的代表参加了会议。", "number", "zh")
    assert not has_answer_type("研讨会的结论将提交协会理事会审议。", "number", "zh")
    assert not has_answer_type("The delay was due to the strike.", "number", "en")
    assert has_answer_type("Il ritardo è dovuto a due scioperi.", "number", "it")


def test_chinese_is_read_as_character_bigrams_without_function_characters() -> None:
    # a run of Han characters is a phrase, not one word: its bigrams match the same words
    # inside a statement written differently
    question = content_terms("农民工的社会保险有哪些问题？")
    assert question == {"农民", "民工", "社会", "会保", "保险", "问题"}
    statement = content_terms("许多农民工难以在城市参加养老保险和医疗保险。")
    assert question & statement == {"农民", "民工", "保险"}
    # Latin words beside Chinese are still stemmed words
    assert content_terms("AI 与就业 risks") == {"ai", "就业", "risk"}


def test_word_count_counts_two_chinese_characters_as_a_word() -> None:
    from index.sentence_layer import word_count

    assert word_count("来自十二个成员理事会的代表参加了会议。") == 9
    assert word_count("What was said about digital risks?") == 6


def test_a_question_that_compares_two_things() -> None:
    assert compares("What do Charles Burnett and Alan J. Pakula have in common?")
    assert compares("Who is older, Annie Morton or Terry Richardson?")
    assert compares("Were Scott Derrickson and Ed Wood of the same nationality?")
    assert compares("Are the Lisbon and Rabat meetings both on the care economy?")
    # a list of lower-case things, or "or" inside a topic, compares nothing
    assert not compares("What was said about software that sets pace, hiring or dismissal?")
    assert not compares("What was said about the agreement between the EU and Libya?")
    assert not compares("What share of the market do they hold?")


def test_the_subject_of_a_speech_question() -> None:
    # a common noun names who was asked about: not a word the reports must cover
    assert speech_subject("What did the company say about supply chain risks?") == {"compani"}
    assert named_subject("What did the company say about supply chain risks?") is None
    # a name may name the reports that are that speaker's
    assert named_subject("What did the European Union propose on trade?") == "European Union"
    # a body named by its kind names no report ("Board meets in Lisbon …")
    assert named_subject("What dividend does the Board propose?") is None
    assert named_subject("What did the Commission say about jobs?") is None
    assert speech_subject("What did Finland say about climate?") == set()
    # no speech verb, no subject slot
    assert named_subject("Why do people trust pension systems?") is None
    assert speech_subject("Why do people trust pension systems?") == set()


def test_a_year_is_no_amount_and_an_amount_noun_asks_for_a_number() -> None:
    assert not has_answer_type("2024 was a year of recovery for Northwind.", "number")
    assert has_answer_type("Revenue rose 12% to £842 million in 2024.", "number")
    assert has_answer_type("2024 was a year of recovery for Northwind.", "date")
    # a day of a month is a date too; thirteen to nineteen are counts
    assert not has_answer_type("On March 5, 2024, the Association held a webinar.", "number")
    assert not has_answer_type("The council met on 3rd of May.", "number")
    assert has_answer_type("Fourteen councils met on 5 March.", "number")
    assert has_answer_type("In 2024, 4,310 people worked there.", "number")
    assert answer_type("What was Northwind's revenue in 2024?") == "number"
    assert answer_type("What is the budget of the Association?") == "number"
    assert answer_type("What was the mood of the meeting?") is None


def test_the_verbs_of_a_decision_are_one_word() -> None:
    asked = content_terms("What did the Board decide?")
    for said in (
        "The Board approved the accounts.",
        "The Assembly adopted the declaration.",
        "Members agreed to meet in May.",
    ):
        assert "decid" in asked & content_terms(said), said
    assert "decid" in content_terms("Le Bureau a adopté un avis.", words_for("fr"))


def test_a_question_about_what_was_decided() -> None:
    for question in (
        "What did the board decide?",
        "What was agreed about rents?",
        "Which decisions were taken in Rabat?",
        "Qu'a décidé le conseil municipal ?",
        "Was hat der Ausschuss beschlossen?",
        "¿Qué acordó el pleno?",
        "Что решил совет?",
    ):
        assert answer_type(question) == "decision", question
    # deciding is not what these ask
    assert answer_type("What did speakers say about software that decides on hiring?") is None
    assert answer_type("Which case was decided first, Selle v. Gibb or Reynolds v. Sims?") is None
    assert answer_type("When was the declaration adopted?") == "date"
    assert answer_type("When exactly did the webinar take place?") == "date"
    # "when" that opens a clause places the question; it asks no date
    assert answer_type("When discussing the remote's shape, what did Marketing advise?") is None
    assert answer_type("When brainstorming, what was the team's opinion?") is None
    assert has_answer_type("RESOLVED: The Board approved a rent increase.", "decision")
    assert has_answer_type("Le conseil municipal adopte le budget.", "decision", "fr")
    assert has_answer_type("Der Ausschuss beschließt, ein Konzept zu erstellen.", "decision", "de")
    assert not has_answer_type("Governments had to decide in days.", "decision")


def test_an_attendance_line_says_who_attended() -> None:
    words = words_for("en")
    asked = content_terms("Who attended the board meeting?", words)
    listed = content_terms("Present: Laura Bennett, Chair; David Osei, Chief Executive.", words)
    assert "attend" in asked & listed
    # "presented" in a sentence is no attendance
    assert "attend" not in content_terms("Priya Shah presented the rent proposal.", words)
    assert "attend" in content_terms("Anwesend: Frau Dr. Petra Lang, Herr Jonas Wolf", words)


def test_a_typographic_apostrophe_is_an_apostrophe() -> None:
    assert content_terms("The union’s leader") == content_terms("the union's leader")
    assert content_terms("The union’s leader") == {"union", "leader"}
