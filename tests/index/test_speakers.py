"""Speaker attribution on the ways the reports introduce who is speaking."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from index.attribution import Speaker, attribute
from index.lexicon import announces_more as presents
from index.sentence_layer import name_key
from index.sentences import split_sentences

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"


def speakers(text: str) -> list[tuple[str, str | None]]:
    """(sentence start, speaker name) for each sentence of ``text``."""
    sentences = split_sentences(text)
    return [
        (s.text[:24], a.speaker.name if a.speaker else None)
        for s, a in zip(sentences, attribute(sentences), strict=True)
    ]


def first(text: str) -> Speaker | None:
    sentences = split_sentences(text)
    return attribute(sentences)[0].speaker


def test_role_name_verb() -> None:
    found = first(
        "Secretary of the Civic Chamber of the Russian Federation, Lidia Mikheeva, noted that "
        "today's meeting is an example of friendship."
    )
    assert found == Speaker(
        "Lidia Mikheeva", "Secretary of the Civic Chamber of the Russian Federation"
    )


def test_name_role_verb_with_commas_in_the_role() -> None:
    found = first(
        "Sergey Grebennikov, member of the Commission for the development of information "
        "society, media and mass communications, noted that the pandemic gave an impetus."
    )
    assert found is not None and found.name == "Sergey Grebennikov"
    assert found.role == (
        "member of the Commission for the development of information society, media and "
        "mass communications"
    )


def test_verb_name_role_at_the_end() -> None:
    found = first(
        "Digital technologies play an important role, said Guo Jun, "
        "vice president. of the PRC ESS ."
    )
    assert found == Speaker("Guo Jun", "vice president of the PRC ESS")


def test_dash_verb_name_role_at_the_end() -> None:
    found = first(
        "The community faces digital inequalities and cybercrime, - a underlined Evgenia "
        "Dmitrieva, member of the Commission of the Civic Chamber."
    )
    assert found == Speaker("Evgenia Dmitrieva", "member of the Commission of the Civic Chamber")


def test_role_in_the_sentences_after_name_said() -> None:
    text = (
        "Cooperation is growing stronger every year, Ilya Semin said. First Deputy Chairman of "
        "the Commission of the Chamber of Commerce. Federation for Economic Development.\n"
        "“We see particular potential in big data,” he said."
    )
    sentences = split_sentences(text)
    found = attribute(sentences)
    role = (
        "First Deputy Chairman of the Commission of the Chamber of Commerce. "
        "Federation for Economic Development"
    )
    assert found[0].speaker == Speaker("Ilya Semin", role)
    assert found[1].role_only and found[2].role_only
    assert found[3].speaker == Speaker("Ilya Semin", role) and not found[3].named


def test_intro_clause_before_the_name() -> None:
    found = first("Summarizing the event, Guo Jun noted that cooperation has great prospects.")
    assert found is not None and found.name == "Guo Jun"


def test_glued_photo_caption_before_the_name() -> None:
    found = first(
        "Sergey-GrebennikovSergey Grebennikov, member of the Commission, noted that it grew."
    )
    assert found == Speaker("Sergey Grebennikov", "member of the Commission")


def test_pronoun_tag_gives_the_quote_to_the_person_named_before() -> None:
    text = (
        "Lidia Mikheeva, Secretary of the Chamber, noted that risks are many.\n\n"
        "“Digital technologies create new risks. We count on your support,” she said.\n"
        "Lidia Mikheeva invited her colleagues to visit.\n"
        "Nobody objected to the plan of the meeting."
    )
    assert speakers(text) == [
        ("Lidia Mikheeva, Secretar", "Lidia Mikheeva"),
        ("“Digital technologies cr", "Lidia Mikheeva"),
        ("We count on your support", "Lidia Mikheeva"),
        ("Lidia Mikheeva invited h", "Lidia Mikheeva"),  # her invitation: her part
        ("Nobody objected to the p", None),  # narration is nobody's statement
    ]


def test_quote_paragraph_without_quote_marks_ending_in_a_tag() -> None:
    text = (
        "Sergey Grebennikov, member of the Commission, noted that the economy grew.\n\n"
        "Many segments have developed. In 2021 the volume exceeded 8 trillion rubles. "
        "The state offers support measures, etc. , he said.\n\n"
        "Social issues appeared, - a underlined Evgenia Dmitrieva, member of the Commission."
    )
    names = [name for _, name in speakers(text)]
    assert names == ["Sergey Grebennikov"] * 4 + ["Evgenia Dmitrieva"]


def test_a_following_quote_paragraph_continues_the_speaker() -> None:
    text = (
        "Summarizing the event, Guo Jun noted that cooperation has great prospects.\n\n"
        '"We should together pay more attention to industrialization. Russia and China '
        'should strengthen coordination," he said.\n\n'
        "“You have to find a happy medium.”"
    )
    assert [name for _, name in speakers(text)] == ["Guo Jun"] * 4


def test_a_new_speaker_ends_the_previous_one() -> None:
    text = (
        "Ana Ferreira, President of the Council of Portugal, opened the meeting. "
        "She noted that crises made councils visible.\n\n"
        "Moussa Diallo, Secretary General of the Association, presented the report. "
        "He reported that nine webinars were held.\n\n"
        "“Online meetings are cheap,” he said."
    )
    names = [name for _, name in speakers(text)]
    # "X opened the meeting", "X presented the report": their part in the meeting
    assert names == [
        "Ana Ferreira",
        "Ana Ferreira",
        "Moussa Diallo",
        "Moussa Diallo",
        "Moussa Diallo",
    ]


def test_a_person_named_again_keeps_the_role_and_a_surname_finds_the_person() -> None:
    text = (
        "Rosa Delgado, President of the Council, opened the webinar.\n\n"
        "In the discussion, Delgado said that skills matter.\n\n"
        "Rosa Delgado answered that diplomas matter too."
    )
    sentences = split_sentences(text)
    found = [a.speaker for a in attribute(sentences)]
    assert found[1] == found[2] == Speaker("Rosa Delgado", "President of the Council")


def test_names_with_accents_and_particles() -> None:
    assert first("Léa Fontaine, youth delegate of the Council, said that doors matter.") == (
        Speaker("Léa Fontaine", "youth delegate of the Council")
    )
    found = first("Pieter van Dijk, Vice-Chair of the Council, said that plans take time.")
    assert found == Speaker("Pieter van Dijk", "Vice-Chair of the Council")


def test_places_and_bodies_are_not_speakers() -> None:
    assert first("The Civic Chamber noted that the meeting was useful.") is None
    assert first("Russia and China said nothing new on the subject.") is None
    text = (
        "“On the eve of the Olympics in Beijing, Russian President Vladimir Putin and Chinese "
        "President Xi Jinping have agreed to cooperate.”"
    )
    assert first(text) is None


def test_the_tag_marks_the_attribution_words() -> None:
    text = "Lidia Mikheeva noted that the world is not aware of the risks."
    sentences = split_sentences(text)
    (found,) = attribute(sentences)
    assert found.tag is not None
    start, end = found.tag
    assert text[start:end] == "Lidia Mikheeva noted that "


def test_seed_report() -> None:
    path = SEED / "000_c747f71a7a95dcaf.txt"
    if not path.is_file():
        pytest.skip("../shared/seed is absent")
    by_start = dict(speakers(path.read_text(encoding="utf-8")))
    assert by_start["Secretary of the Civic C"] == "Lidia Mikheeva"
    assert by_start["We highly appreciate tha"] == "Lidia Mikheeva"
    assert by_start["Digital technologies and"] == "Guo Jun"
    assert by_start["I am convinced that our "] == "Guo Jun"
    assert by_start["Lidia Mikheeva noted tha"] == "Lidia Mikheeva"
    assert by_start["Ilya-SeminEconomic coope"] == "Ilya Semin"
    assert by_start["Sergey-GrebennikovSergey"] == "Sergey Grebennikov"
    assert by_start["In 2020-2021, a dialogue"] == "Sergey Grebennikov"
    assert by_start["During the rapidly devel"] == "Evgenia Dmitrieva"
    assert by_start["As an example of such pr"] == "Evgenia Dmitrieva"
    assert by_start["Summarizing the event, G"] == "Guo Jun"
    assert by_start["On April 1, a joint webi"] is None


# --- verbatim records, interviews -----------------------------------------------------


def test_verbatim_record_headers_give_the_floor() -> None:
    text = (
        "Debate on pensions\n\n"
        "President. – The next item is the debate on pensions.\n\n"
        "Anna Kovač (S&D). – (HR) Madam President, pensions must keep up with prices. "
        "As Mr Weber said yesterday, the reform is late.\n\n"
        "We need a decision this year.\n\n"
        "(Applause)\n\n"
        "John Dalli. – Member of the Commission. - Madam President, the Commission agrees.\n"
    )
    by_start = {t[:20]: n for t, n in speakers(text)}
    assert by_start["President."] == "President"
    assert by_start["– The next item is t"] == "President"
    assert by_start["As Mr Weber said yes"] == "Anna Kovač"  # no cue takes the floor away
    assert by_start["We need a decision t"] == "Anna Kovač"  # the floor carries over
    assert by_start["(Applause)"] is None
    assert by_start["- Madam President, t"] == "John Dalli"


def test_colon_labels_and_roles() -> None:
    text = (
        "Hearing\n\n"
        "The Prime Minister (Boris Johnson): We will act on pensions.\n\n"
        "Mr. Heusgen (Germany) (spoke in German): Germany supports the text fully.\n\n"
        "THE WITNESS: I was not there that evening, I was at home.\n"
    )
    sentences = split_sentences(text)
    found = {s.text[:10]: a.speaker for s, a in zip(sentences, attribute(sentences), strict=True)}
    assert found["The Prime "] == Speaker("Boris Johnson", "The Prime Minister")
    assert found["Mr. Heusge"] == Speaker("Mr. Heusgen", "Germany")
    assert found["THE WITNES"] == Speaker("The Witness", None)


def test_one_colon_heading_is_not_a_verbatim_record() -> None:
    text = (
        "Note: this report was updated.\n\n"
        "Anna Berg, President of the Council, said that it rained.\n"
    )
    assert [n for _, n in speakers(text)] == [None, "Anna Berg"]


EUROPARL = Path(__file__).resolve().parents[2].parent / "shared/datasets/europarl_debates_2011"


@pytest.mark.skipif(not (EUROPARL / "turns.jsonl").is_file(), reason="../shared is absent")
def test_europarl_debates_true_speakers() -> None:
    """20 real debates against their true speakers (bench/bench_speakers.py: all 293)."""
    turns: dict[str, list[dict[str, Any]]] = {}
    for line in (EUROPARL / "turns.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        turns.setdefault(t["file"], []).append(t)
    in_speech = correct = labels = 0
    for name in sorted(turns)[:20]:
        text = (EUROPARL / "reports" / name).read_text(encoding="utf-8")
        sentences = split_sentences(text)
        for s, a in zip(sentences, attribute(sentences), strict=True):
            if a.role_only:
                continue
            gold = next(
                (t["speaker"] for t in turns[name] if t["start"] <= s.start < t["end"]), None
            )
            in_speech += gold is not None
            if a.speaker is not None:
                labels += 1
                correct += gold is not None and name_key(a.speaker.name) == name_key(gold)
    assert correct / in_speech >= 0.95
    assert correct / labels >= 0.97


def test_a_speech_that_quotes_someone_keeps_its_own_sentences() -> None:
    """A quoted person is not the speaker of the speech's next sentences."""
    text = (
        "Education\n\n"
        "As Nelson Mandela said, education is the most powerful weapon. "
        "We could not have done that without schools for all. "
        "Our country has built two hundred of them.\n"
    )
    assert [n for _, n in speakers(text)] == [None, "Nelson Mandela", None, None]


def test_names_of_bodies_and_places_are_no_speakers() -> None:
    text = (
        "Debate\n\n"
        "Since Fiji joined, the United Nations said that the islands were at risk. "
        "Human Rights Watch reported that the camps were full.\n"
    )
    assert [n for _, n in speakers(text)] == [None, None, None]


def test_a_quote_inside_a_speech_does_not_carry_over() -> None:
    text = (
        "Education\n\n"
        "“Nelson Mandela said, education is the most powerful weapon.” "
        "Education is a precondition of good governance.\n"
    )
    assert [n for _, n in speakers(text)] == [None, "Nelson Mandela", None]


def test_congressional_record_turns() -> None:
    text = (
        "Congressional Record, 12 March 2024\n\n"
        "The SPEAKER pro tempore. The Chair recognizes the gentleman from Ohio.\n\n"
        "Mr. SMITH of Ohio. Mr. Speaker, I rise today in support of this bill. It protects "
        "workers.\n\n"
        "Ms. JONES. Madam Speaker, I yield myself such time as I may consume.\n"
    )
    sentences = split_sentences(text)
    said = {s.text[:12]: a.speaker for s, a in zip(sentences, attribute(sentences), strict=True)}
    assert said["The Chair re"] == Speaker("The Speaker pro tempore", None)
    assert said["Mr. Speaker,"] == Speaker("Mr. Smith", "Ohio")
    assert said["It protects "] == Speaker("Mr. Smith", "Ohio")
    assert said["Congressiona"] is None
    assert said["Madam Speake"] == Speaker("Ms. Jones", None)


# --- Russian and French (sentences of our own) -----------------------------------


def tags(text: str) -> list[tuple[str | None, str | None]]:
    """(speaker name, attribution words) for each sentence of ``text``."""
    sentences = split_sentences(text)
    return [
        (a.speaker.name if a.speaker else None, s.text[a.tag[0] : a.tag[1]] if a.tag else None)
        for s, a in zip(sentences, attribute(sentences), strict=True)
    ]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Ольга Ветрова, председатель комиссии по трудовым отношениям, отметила, что "
            "молодые работники редко вступают в профсоюзы.",
            "Ольга Ветрова",
            "председатель комиссии по трудовым отношениям",
        ),
        (
            "Борис Лаптев подчеркнул, что цифровые платформы должны платить взносы.",
            "Борис Лаптев",
            None,
        ),
        (
            "«Нам нужен общий реестр занятости», — заявила Нина Орлова, член совета.",
            "Нина Орлова",
            "член совета",
        ),
        (
            "Реформа займёт не меньше пяти лет, сказал Тимур Ахмедов.",
            "Тимур Ахмедов",
            None,
        ),
        (
            "Claire Fontaine, présidente du conseil régional, a déclaré que l'apprentissage "
            "devait s'ouvrir aux adultes.",
            "Claire Fontaine",
            "présidente du conseil régional",
        ),
        (
            "Les entreprises financent trop peu la formation, a souligné Hugo Lemaire, "
            "secrétaire général de la fédération.",
            "Hugo Lemaire",
            "secrétaire général de la fédération",
        ),
        (
            "« Chaque salarié doit pouvoir se former », a indiqué Léa Perrin.",
            "Léa Perrin",
            None,
        ),
        (
            "Selon Karim Haddad, les certifications doivent être reconnues partout.",
            "Karim Haddad",
            None,
        ),
    ],
)
def test_russian_and_french_speech_verbs(text: str, name: str, role: str | None) -> None:
    assert first(text) == Speaker(name, role)


def test_russian_pronouns_genitive_names_and_low_quotes() -> None:
    text = (
        "Ольга Ветрова, председатель комиссии, отметила, что стаж нужно учитывать полнее. "
        "Она также подчеркнула, что пенсии должны расти вместе с зарплатами.\n\n"
        "По словам Ольги Ветровой, реформа начнётся в следующем году.\n\n"
        "„Мы предлагаем единый порядок расчёта“, — добавил Борис Лаптев."
    )
    found = tags(text)
    assert [n for n, _ in found] == ["Ольга Ветрова"] * 3 + ["Борис Лаптев"]
    assert found[1][1] == "Она также подчеркнула, что "
    assert found[2][1] == "По словам Ольги Ветровой, "  # the person named before, declined
    assert found[3][1] == "“, — добавил Борис Лаптев."


def test_french_pronouns_inversion_and_guillemets() -> None:
    text = (
        "Claire Fontaine a rappelé que la région finance déjà dix mille formations. "
        "Elle a ajouté que les petites entreprises en profitent peu.\n\n"
        "« Il faut simplifier les démarches des employeurs. Les dossiers sont trop longs », "
        "a-t-elle conclu.\n\n"
        "Hugo Lemaire a présenté les chiffres de la fédération."
    )
    found = tags(text)
    assert [n for n, _ in found][:4] == ["Claire Fontaine"] * 4
    assert found[1][1] == "Elle a ajouté que "
    assert found[3][1] == " », a-t-elle conclu."


def test_french_discourse_verbs_and_selon_lui() -> None:
    text = (
        "Julien Mercier, représentant des organisations syndicales, a présenté le bilan du "
        "compte de formation. Selon lui, le dispositif a ouvert des droits à des millions de "
        "salariés.\n\n"
        "Le Bureau a décidé de préparer un avis commun."
    )
    assert [n for n, _ in tags(text)] == ["Julien Mercier", "Julien Mercier", None]
    assert first(text) == Speaker("Julien Mercier", "représentant des organisations syndicales")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Lucía Romero, presidenta del consejo, afirmó que la reforma llega tarde.",
            "Lucía Romero",
        ),
        ("La reforma llega tarde, dijo Lucía Romero.", "Lucía Romero"),
        ("João Santos disse que os salários devem subir.", "João Santos"),
        ("Marco Bianchi ha sottolineato che i giovani lasciano il paese.", "Marco Bianchi"),
        ("Anna Weber betonte, dass die Löhne steigen müssen.", "Anna Weber"),
        ("Carmen Vidal presentó el informe anual del consejo.", "Carmen Vidal"),
    ],
)
def test_spanish_portuguese_italian_german_speech_verbs(text: str, name: str) -> None:
    found = first(text)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the role in their languages
        (
            "Antón Costas, presidente del Consejo, afirmó que la vivienda es clave.",
            Speaker("Antón Costas", "presidente del Consejo"),
        ),
        (
            "Petra Lange, Vorsitzende des Rates, sagte, die Pflege brauche Zuwanderung.",
            Speaker("Petra Lange", "Vorsitzende des Rates"),
        ),
        # the verb, then an article, a role and the name
        (
            "„Ohne Zuwanderung geht es nicht“, sagte die Vorsitzende Petra Lange.",
            Speaker("Petra Lange", "Vorsitzende"),
        ),
        (
            "Según la consejera Lucía Ramos, el paro juvenil sigue alto.",
            Speaker("Lucía Ramos", "consejera"),
        ),
        (
            "Gewerkschaftsvertreter Markus Vogel erklärte, die Löhne müssten steigen.",
            Speaker("Markus Vogel", "Gewerkschaftsvertreter"),
        ),
        # the appositive after "according to X" ends at its comma
        (
            "Selon Moussa Ndiaye, secrétaire général de l'Union, les salaires n'ont pas suivi.",
            Speaker("Moussa Ndiaye", "secrétaire général de l'Union"),
        ),
        (
            "According to Jane Doe, president of the council, the economy grew last year.",
            Speaker("Jane Doe", "president of the council"),
        ),
        (
            '"Il lavoro è cambiato", ha detto Mario Rossi, presidente del CNEL.',
            Speaker("Mario Rossi", "presidente del CNEL"),
        ),
    ],
)
def test_news_roles_in_other_languages(text: str, speaker: Speaker) -> None:
    assert first(text) == speaker


def test_according_to_leaves_what_was_said_to_the_statement() -> None:
    text = "According to Jane Doe, president of the council, the economy grew last year."
    sentences = split_sentences(text)
    tag = attribute(sentences)[0].tag
    assert tag is not None and text[tag[1] :].strip() == "the economy grew last year."


def test_a_surname_after_a_quote_with_the_name_after_the_verb() -> None:
    text = (
        '"La vivienda es clave", afirmó Antón Costas, presidente del Consejo. '
        "Costas pidió ampliar el parque de vivienda social. "
        "El Consejo presentó su memoria anual."
    )
    assert [n for n, _ in tags(text)] == ["Antón Costas", "Antón Costas", None]
    assert first("Der Rat hat beraten, sagte der Bericht Anna Weber gestern.") is None


def test_spanish_pronoun_continues_the_speaker() -> None:
    text = (
        "Lucía Romero, presidenta del consejo, afirmó que la reforma llega tarde. "
        "Ella propuso un fondo común para los trabajadores rurales."
    )
    assert [n for n, _ in tags(text)] == ["Lucía Romero", "Lucía Romero"]


def test_a_credit_line_is_nobodys_statement() -> None:
    # who conducted the interview is said, not something the interviewer said
    text = (
        "Interviewer: Paulo Mendes, newsletter editor.\n\n"
        "Amara Diallo, President of the Council, spoke to the newsletter.\n\n"
        "Q: Why pensions?\n\n"
        "A: Because a pension system is only as strong as the jobs behind it."
    )
    said = speakers(text)
    assert said[0] == ("Interviewer: Paulo Mende", None)
    assert said[-1][1] == "Amara Diallo"


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("Q: Why pensions?", "A: Because jobs matter."),
        ("Question : Pourquoi les retraites ?", "Réponse : Parce que l'emploi compte."),
        ("Вопрос: Почему пенсии?", "Ответ: Потому что важна работа."),
        ("Pregunta: ¿Por qué las pensiones?", "Respuesta: Porque el empleo importa."),
        ("问：为什么是养老金？", "答：因为就业很重要。"),
    ],
)
def test_interview_turns_in_several_languages(question: str, reply: str) -> None:
    text = (
        f"Nadia Haddad, President of the Council, spoke to the newsletter. Interviewer: Paul "
        f"Weber.\n\n{question}\n\n{reply}"
    )
    said = speakers(text)
    assert said[-2][1] == "Paul Weber" and said[-1][1] == "Nadia Haddad", said


def test_chinese_role_name_verb_and_pronouns() -> None:
    text = (
        "2025年春，协会在上海举办研讨会。\n\n"
        "主办方代表赵明在开幕致辞中指出，平台工人缺少社会保险。她说，登记系统应当统一。\n\n"
        "“工人换了城市，缴费记录不能消失。”她说。\n\n"
        "来自非洲成员理事会的代表介绍了本国的情况。他认为，数字登记有帮助。\n\n"
        "工会代表刘洋强调，培训同样重要。"
    )
    found = tags(text)
    assert [n for n, _ in found] == [None, "赵明", "赵明", "赵明", "赵明", None, None, "刘洋"]
    assert found[1][1] == "主办方代表赵明在开幕致辞中指出，"
    sentences = split_sentences(text)
    assert attribute(sentences)[-1].speaker == Speaker("刘洋", "工会代表")


def test_words_that_announce_what_a_speaker_goes_on_to_say() -> None:
    # "X addressed Y." / "X focused on Y." / "X spoke about Y.": the next sentence of X
    # says what (render.with_what_follows brings it, whatever Y's length)
    for said in (
        "addressed artificial intelligence and jobs.",
        "focused on cybersecurity.",
        "spoke about misinformation in local languages.",
        "presented a study.",
        "a présenté l'expérience du compte personnel de formation.",
    ):
        assert presents(said), said
    assert not presents("noted that rents had doubled.")
    assert not presents("said the addresses were wrong.")


def test_a_pronoun_in_a_reported_clause_is_not_the_sentences_speaker() -> None:
    # a UN speech: the president it quoted three paragraphs before did not say this
    text = (
        "As Paraguay's President, Horacio Cartes, said moments ago, technologies that "
        "mitigate climate change should be global public goods.\n\n"
        "I was saddened to hear President Obama say that he proposed ending the embargo "
        "because it had not worked.\n\n"
        "The minister said that she proposed a new fund.\n\n"
        "Horacio Cartes spoke next. He proposed a regional fund for clean energy."
    )
    found = dict(speakers(text))
    assert found["As Paraguay's President,"] == "Horacio Cartes"
    assert found["I was saddened to hear P"] is None
    assert found["The minister said that s"] is None
    assert found["He proposed a regional f"] == "Horacio Cartes"  # the sentence's own subject


def test_a_speech_that_addresses_the_chair_is_no_role() -> None:
    # European Parliament: "Name. – (XX) Madam President, …" opens the speech itself;
    # read as a role it took the first sentence out of what answers quote
    text = (
        "Sabine Wils. – (DE) Madam President, grinding, mixing, cheating - these are the three "
        "buzzwords of the feed industry. Feed checks are rare.\n\n"
        "John Dalli. – Member of the Commission. - Madam President, the feed was contaminated."
    )
    sentences = split_sentences(text)
    found = attribute(sentences)
    opening = next(i for i, s in enumerate(sentences) if "grinding" in s.text)
    assert found[opening].speaker == Speaker("Sabine Wils")
    assert not found[opening].role_only
    dalli = next(i for i, s in enumerate(sentences) if "contaminated" in s.text)
    assert found[dalli].speaker == Speaker("John Dalli", "Member of the Commission")


CALL = """Acme Corporation Q3 2024 Earnings Call Transcript

Operator

Good morning, and welcome to the Acme Corporation third quarter earnings call.

Jane Doe -- Chief Executive Officer

Thank you, operator. Revenue grew 8% this quarter to $1.2 billion.

Demand in Europe remained soft.

Maria Lopez -- Northbridge Securities -- Analyst

Can you talk about pricing in Europe?

Jane Doe -- Chief Executive Officer

We held prices flat in Europe this quarter.

Supply Chain - Principal Risks

Our suppliers of resins are few.
"""


def test_an_earnings_call_gives_each_speaker_the_lines_under_their_name() -> None:
    found = dict(speakers(CALL))
    assert found["Good morning, and welcom"] == "Operator"
    assert found["Revenue grew 8% this qua"] == "Jane Doe"
    assert found["Demand in Europe remaine"] == "Jane Doe"  # the floor holds
    assert found["Can you talk about prici"] == "Maria Lopez"
    assert found["We held prices flat in E"] == "Jane Doe"
    sentences = split_sentences(CALL)
    roles = {a.speaker.name: a.speaker.role for a in attribute(sentences) if a.speaker}
    assert roles["Jane Doe"] == "Chief Executive Officer"
    assert roles["Maria Lopez"] == "Northbridge Securities, Analyst"
    # a heading with a dash and no role word is no speaker: the floor stays Jane Doe's
    assert found["Our suppliers of resins "] == "Jane Doe"


MINUTES = """Minutes of the Finance Committee, 12 March 2025

Present: Ana Lima (Chair), Ben Okoro, Carla Smith (Treasurer)

The Treasurer presented the draft budget. Carla Smith explained that income had fallen by \
4%. Ben Okoro asked whether the reserves could cover the gap. The Chair proposed to freeze \
travel spending until June.

The General Assembly elected Karim Benjelloun as President. The outgoing President thanked \
the host council.
"""


def test_minutes_give_a_role_to_whom_the_attendance_list_gives_it() -> None:
    found = dict(speakers(MINUTES))
    assert found["The Treasurer presented "] == "Carla Smith"
    assert found["Ben Okoro asked whether "] == "Ben Okoro"
    # was Ben Okoro's: the paragraph carried on with the speaker before
    assert found["The Chair proposed to fr"] == "Ana Lima"
    # a body is no role holder
    assert found["The General Assembly ele"] is None
    # a role no one was named with is no one the report names
    assert found["The outgoing President t"] is None


def roles_of(text: str) -> dict[str, str | None]:
    sentences = split_sentences(text)
    return {a.speaker.name: a.speaker.role for a in attribute(sentences) if a.speaker}


MEETING_SOFTWARE = """Board meeting transcript

[00:00:05] Ana Ferreira: Good morning everyone, let us start with the budget.
[00:00:12] Ben Okoro: The travel budget was overspent this year. I propose that we hold two
of the four regional meetings online.
[00:01:02] Ana Ferreira: Thank you, Ben. The proposal is adopted.

Working group on pensions

Carla Smith   0:05
Good morning everyone. Let us begin with the pension reform survey.

Dan Berg   0:21
Nineteen councils answered the survey. Most of them expect a later retirement age.
"""


def test_meeting_software_transcripts_with_times() -> None:
    found = dict(speakers(MEETING_SOFTWARE))
    assert found["[00:00:05] Ana Ferreira:"] == "Ana Ferreira"
    assert found["I propose that we hold t"] == "Ben Okoro"
    assert found["The proposal is adopted."] == "Ana Ferreira"
    assert found["Let us begin with the pe"] == "Carla Smith"  # the floor after "Name   0:05"
    assert found["Most of them expect a la"] == "Dan Berg"
    assert found["Board meeting transcript"] is None
    # the time and the label are the attribution, not the statement
    sentences = split_sentences(MEETING_SOFTWARE)
    pairs = zip(sentences, attribute(sentences), strict=True)
    tags = [a.tag for s, a in pairs if "[00:00:12]" in s.text]
    assert tags == [(0, len("[00:00:12] Ben Okoro: "))]


PARLIAMENTS = {
    "hansard": (
        "Energy Prices\n\n"
        "Mr Speaker: Order. I call the Secretary of State.\n\n"
        "The Secretary of State for Energy Security (Claire Coutinho): Energy bills have fallen "
        "by a third since their peak.\n\n"
        "Ed Miliband (Doncaster North) (Lab): Families are still paying hundreds of pounds more.\n",
        {
            "Mr Speaker": None,
            "Claire Coutinho": "The Secretary of State for Energy Security",
            "Ed Miliband": "Doncaster North, Lab",
        },
    ),
    "france": (
        "Compte rendu intégral\n\n"
        "Mme la présidente. La parole est à M. Jean Dupont.\n\n"
        "M. Jean Dupont. Madame la présidente, le pouvoir d'achat a reculé cette année.\n\n"
        "Mme Claire Martin, ministre du travail. Le gouvernement a revalorisé les pensions.\n",
        {"Mme la présidente": None, "Jean Dupont": None, "Claire Martin": "ministre du travail"},
    ),
    "spain": (
        "DIARIO DE SESIONES\n\n"
        "La señora PRESIDENTA: Tiene la palabra el señor García.\n\n"
        "El señor GARCÍA LÓPEZ: Gracias. Proponemos limitar los alquileres.\n\n"
        "La señora MINISTRA DE VIVIENDA (Rodríguez Pérez): El Gobierno ya ha aprobado la ley.\n",
        {
            "La señora presidenta": None,
            "García López": None,
            "Rodríguez Pérez": "ministra de vivienda",
        },
    ),
    "germany": (
        "Stenografischer Bericht\n\n"
        "Präsidentin Bärbel Bas: Ich eröffne die Aussprache.\n\n"
        "Anja Weber (SPD): Frau Präsidentin! Wir brauchen mehr sozialen Wohnungsbau.\n\n"
        "(Beifall bei der SPD)\n\n"
        "Dr. Markus Klein (CDU/CSU): Mehr Regulierung schafft keine neue Wohnung.\n",
        {"Bärbel Bas": "Präsidentin", "Anja Weber": "SPD", "Dr. Markus Klein": "CDU/CSU"},
    ),
    "italy": (
        "Resoconto stenografico\n\n"
        "PRESIDENTE. Ha facoltà di parlare l'onorevole Rossi.\n\n"
        "MARIO ROSSI. Grazie, Presidente. Chiediamo un salario minimo legale.\n\n"
        "GIULIA BIANCHI, Ministra del lavoro. Il Governo ha scelto la contrattazione collettiva.\n",
        {"Presidente": None, "Mario Rossi": None, "Giulia Bianchi": "Ministra del lavoro"},
    ),
    "russia": (
        "Стенограмма заседания\n\n"
        "Председательствующий. Слово предоставляется Иванову Ивану Петровичу.\n\n"
        "Иванов И. П., фракция «Единая Россия». Мы предлагаем ограничить наценки аптек.\n\n"
        "Петрова А. С. Мы поддерживаем законопроект.\n",
        {
            "Председательствующий": None,
            "Иванов И. П.": "фракция «Единая Россия»",
            "Петрова А. С.": None,
        },
    ),
}


@pytest.mark.parametrize("record", sorted(PARLIAMENTS))
def test_verbatim_records_of_parliaments(record: str) -> None:
    text, expected = PARLIAMENTS[record]
    assert roles_of(text) == expected
    found = speakers(text)
    assert found[0][1] is None  # the title is no one's
    # every sentence after the first header has a speaker, applause has none
    assert all(name is not None for start, name in found[1:] if not start.startswith("("))
    assert [name for start, name in found if start.startswith("(")] == [None] * sum(
        start.startswith("(") for start, _ in found
    )


def test_an_interviewer_label_gives_the_question_to_the_interviewer() -> None:
    text = (
        "Interview with Maria Santos, chief economist of the council\n\n"
        "Interviewer: Paulo Mendes, newsletter editor.\n\n"
        "Interviewer: How has inflation affected low-income households?\n\n"
        "Maria Santos: Food prices rose faster than any other item.\n\n"
        "Interviewer: What should the government do?\n\n"
        "Maria Santos: Targeted transfers work better than general price caps.\n"
    )
    found = speakers(text)
    assert [n for s, n in found if s.startswith("Interviewer: How")] == ["Paulo Mendes"]
    assert [n for s, n in found if s.startswith("Interviewer: What")] == ["Paulo Mendes"]
    assert [n for s, n in found if s.startswith("Maria")] == ["Maria Santos"] * 2
    assert [n for s, n in found if s.startswith("Interviewer: Paulo")] == [None]  # a credit


def test_procedure_and_run_in_headings_are_no_speech() -> None:
    record = (
        "Security Council\n\n"
        "The President: I thank Ms. DiCarlo for her briefing.\n\n"
        "Mr. Zhang Jun (China) (spoke in Chinese): China supports a political settlement.\n\n"
        "The meeting rose at 12.40 p.m.\n"
    )
    assert dict(speakers(record))["The meeting rose at 12.4"] is None
    report = (
        "Annual survey\n\n"
        "MAIN RISKS. Funding remains uncertain for small councils this year.\n\n"
        "FUNDING OUTLOOK. The council will survey its members again in the spring.\n"
    )
    # headings in capitals are no speakers when no chair speaks ("PRESIDENTE.")
    assert [name for _, name in speakers(report)] == [None] * len(speakers(report))


def test_press_briefings_give_the_questions_to_the_press() -> None:
    briefing = (
        "Department Press Briefing\n\n"
        "MR PRICE: Good afternoon. The Secretary will travel to Nairobi next week.\n\n"
        "QUESTION: Will the Secretary meet the Kenyan president?\n\n"
        "MR PRICE: We expect so. The schedule is still being finalised.\n"
    )
    remarks = (
        "Remarks by the President\n\n"
        "THE PRESIDENT: Inflation has fallen for six months in a row.\n\n"
        "Q Mr. President, will you extend the gas tax holiday?\n\n"
        "THE PRESIDENT: We are looking at it. No decision has been made.\n\n"
        "Q What about student debt?\n\n"
        "THE PRESIDENT: I will have more to say on that next week.\n"
    )
    for text in (briefing, remarks):
        found = speakers(text)
        asked = [name for start, name in found if start.startswith(("Q", "QUESTION"))]
        assert asked and set(asked) == {"Interviewer"}, found
        assert "The President" not in asked and "Mr Price" not in asked
    assert dict(speakers(remarks))["No decision has been mad"] == "The President"


def test_a_panel_in_capitals_and_a_chair_named_after_the_office() -> None:
    panel = (
        "Panel on social dialogue\n\n"
        "MODERATOR\n\nLet me start with you, Sara. What has changed since the pandemic?\n\n"
        "SARA OKAFOR\n\nTelework changed everything. Unions had to learn new ways.\n\n"
        "MODERATOR\n\nAnd employers?\n\n"
        "JAN DE VRIES\n\nEmployers found that hybrid work keeps staff.\n"
    )
    found = dict(speakers(panel))
    assert found["Let me start with you, S"] == "Moderator"
    assert found["Telework changed everyth"] == "Sara Okafor"
    assert found["And employers?"] == "Moderator"
    assert found["Employers found that hyb"] == "Jan De Vries"
    headings = (
        "Annual report\n\n"
        "YOUTH PARTICIPATION\n\nMost councils consulted young people this year.\n\n"
        "FUNDING OUTLOOK\n\nFunding remains uncertain for small councils.\n"
    )
    assert all(name is None for _, name in speakers(headings))  # no chair: headings
    hearing = (
        "Hearing on platform work\n\n"
        "Chair (Ana Lima): Welcome to this hearing. I give the floor to our first witness.\n\n"
        "Dr. Paul Meyer: Platform workers in our survey earned less than the minimum wage.\n"
    )
    assert roles_of(hearing) == {"Ana Lima": "Chair", "Dr. Paul Meyer": None}
    capitals = (
        "Security Council record\n\n"
        "MR. NEBENZIA (Russian Federation): The humanitarian situation deteriorates.\n\n"
        "MRS. THOMAS-GREENFIELD (United States of America): We condemn the attacks.\n"
    )
    assert roles_of(capitals) == {
        "Mr. Nebenzia": "Russian Federation",
        "Mrs. Thomas-Greenfield": "United States of America",
    }


def test_first_names_and_numbered_voices_label_turns() -> None:
    podcast = (
        "Episode 12: platform work\n\n"
        "Anna: Welcome back. Today I am talking with Tom about delivery riders.\n"
        "Tom: Thanks for having me. Most riders I met work for three apps at once.\n"
        "Anna: Why three?\n"
        "Tom: Because no single app gives them enough orders at lunch.\n"
    )
    found = dict(speakers(podcast))
    assert found["Today I am talking with "] == "Anna"
    assert found["Most riders I met work f"] == "Tom"
    assert found["Anna: Why three?"] == "Anna"
    focus = (
        "Focus group with young workers\n\n"
        "Facilitator: Who has worked without a contract?\n"
        "Participant 1: I have. Two years in a restaurant, never a payslip.\n"
        "P2: Me too, in construction. When I got hurt, nobody paid.\n"
    )
    found = dict(speakers(focus))
    assert found["Two years in a restauran"] == "Participant 1"
    assert found["When I got hurt, nobody "] == "P2"
    # one-word labels of a form or a list are no speakers, even repeated
    form = (
        "Seminar\n\n"
        "Location: Dakar, at the council's headquarters.\n"
        "Theme: the informal economy and social protection.\n\n"
        "First: councils should publish their opinions. Second: they should consult youth.\n\n"
        "First: register informal workers. Second: simplify contributions.\n\n"
        "Dakar: the forum met in May and heard forty young delegates.\n"
        "Rabat: the assembly met in October and adopted a declaration.\n"
    )
    assert all(name is None for _, name in speakers(form))  # no name opens two turns


def test_headings_before_a_colon_are_no_speakers() -> None:
    record = (
        "Remarks\n\n"
        "INVITATION TO SHAPE THE FUTURE TOGETHER: a summit of islands in May.\n\n"
        "THE EROSION OF DEMOCRACY: trust in institutions keeps falling.\n\n"
        "Social And Economic Crisis: sensitivity to needs comes first.\n\n"
        "REFORMING GLOBAL GOVERNANCE: the Council must change.\n\n"
        "CONCLUSION: we will act together.\n"
    )
    assert all(name is None for _, name in speakers(record))
    # names in capitals still are
    assert roles_of("MR. ANDREWS: I object.\n\nTHE WITNESS: I was at home.\n") == {
        "Mr. Andrews": None,
        "The Witness": None,
    }


def test_a_deposition_names_its_witness_and_examiner() -> None:
    record = (
        "DEPOSITION OF ROSA MENDEZ\n\n"
        "EXAMINATION BY MS. HARTLEY:\n"
        "Q. Where do you work?\n"
        "A. At the port authority. I run the customs office.\n"
        "Q. Were the containers inspected?\n"
        "A. Only a sample of them was inspected.\n"
    )
    found = dict(speakers(record))
    assert found["Q. Where do you work?"] == "Ms. Hartley"
    assert found["I run the customs office"] == "Rosa Mendez"
    assert found["A. Only a sample of them"] == "Rosa Mendez"
    interview = "Interview with Amara Diallo\n\nQ: Why?\nA: Because.\nQ: When?\nA: Soon.\n"
    assert roles_of(interview) == {
        "Interviewer": None,
        "Amara Diallo": None,
    }


def test_a_transcript_s_appearances_and_examiner_on_two_lines() -> None:
    record = (
        "DEPOSITION OF DANIEL OKOYE\n"
        "APPEARANCES:\n"
        "For the Plaintiff: MS. RACHEL STEIN\n"
        "For the Defendant: MR. TOM GRADY\n"
        "EXAMINATION\n"
        "BY MS. STEIN:\n\n"
        "Q. Where do you work?\n\n"
        "A. At Seagate Security. I am its chief technology officer.\n\n"
        "MR. GRADY: Objection; form.\n"
    )
    found = dict(speakers(record))
    # "For the Plaintiff:" says for whom a lawyer appears: no speaker's label
    assert found["For the Plaintiff: MS. R"] is None
    assert found["Q. Where do you work?"] == "Ms. Stein"
    assert found["I am its chief technolog"] == "Daniel Okoye"
    assert found["MR. GRADY: Objection; fo"] == "Mr. Grady"


def test_a_chinese_transcript_s_colon_labels() -> None:
    record = (
        "圆桌会议记录\n\n时间：2025年6月10日\n地点：北京\n\n"
        "主持人：欢迎各位。请王丽华女士发言。\n\n"
        "王丽华：谢谢主持人。我认为社会保险的转移接续最迫切。\n\n"
        "李明：我同意。农村职业培训也需要扩大。\n"
    )
    found = dict(speakers(record))
    assert found["时间：2025年6月10日"] is None  # the head's labels are no one
    assert found["地点：北京"] is None
    assert found["请王丽华女士发言。"] == "主持人"
    assert found["我认为社会保险的转移接续最迫切。"] == "王丽华"
    assert found["农村职业培训也需要扩大。"] == "李明"


def test_a_press_interview_s_dash_turns() -> None:
    record = (
        "Entretien avec Claire Moreau, présidente du Conseil économique et social régional\n\n"
        "Propos recueillis par Julien Petit.\n\n"
        "— Pourquoi le conseil s'intéresse-t-il au logement des jeunes ?\n\n"
        "— Parce que la moitié des apprentis renoncent à une formation. C'est un frein.\n\n"
        "— Que proposez-vous ?\n\n"
        "— Nous proposons une garantie publique pour les loyers.\n"
    )
    found = dict(speakers(record))
    assert found["— Pourquoi le conseil s'"] == "Julien Petit"
    assert found["C'est un frein."] == "Claire Moreau"
    assert found["— Nous proposons une gar"] == "Claire Moreau"
    assert roles_of(record)["Claire Moreau"] == (
        "présidente du Conseil économique et social régional"
    )
    # without an introduction that names an interview, dashes are news quotes
    news = (
        "Министр выступил на форуме.\n\n"
        "— Мы готовы к диалогу?\n\n"
        "— Да, мы готовы к диалогу с профсоюзами.\n"
    )
    assert all(name is None for _, name in speakers(news))


def test_a_web_interview_whose_questions_lost_their_bold() -> None:
    record = (
        "Interview with Amara Okonjo, Director of the Lagos Labour Institute\n\n"
        "Amara Okonjo has studied informal work for twenty years.\n\n"
        "Why do so few informal workers have a pension?\n\n"
        "Because the schemes were designed for monthly salaries.\n\n"
        "What would change that?\n\n"
        "Mobile payments. Traders can now pay a few cedis by phone.\n\n"
        "Membership tripled in two years.\n"
    )
    found = dict(speakers(record))
    assert found["Why do so few informal w"] == "Interviewer"
    assert found["Because the schemes were"] == "Amara Okonjo"
    assert found["Traders can now pay a fe"] == "Amara Okonjo"
    assert found["Membership tripled in tw"] == "Amara Okonjo"  # her reply goes on
    assert roles_of(record)["Amara Okonjo"] == "Director of the Lagos Labour Institute"
    # a news story that mentions an interview in its body is read as news
    news = (
        "Minister opens the port\n\n"
        "In an interview with Ana Lima, the minister spoke about jobs.\n\n"
        "Will the port create jobs?\n\n"
        "The port expects to hire two hundred workers.\n\n"
        "What about the unions?\n\n"
        "The unions were not consulted.\n"
    )
    assert dict(speakers(news))["The port expects to hire"] is None


def test_an_age_after_a_name_is_no_role_and_hides_no_speaker() -> None:
    # news agencies give a person's age between commas
    assert first("Ana Lima, 61, said that pensions were too low for most nurses.") == Speaker(
        "Ana Lima"
    )
    assert roles_of("John Smith, 45, an economist at the council, said that rents rose.") == {
        "John Smith": "an economist at the council"
    }
    quote = "“We will not give up,” said Maria Gonzalez, 54, a member of the nurses' council."
    assert roles_of(quote) == {"Maria Gonzalez": "a member of the nurses' council"}


def test_more_verbs_of_news_speech() -> None:
    record = (
        "Pension reform divides the council\n\n"
        "Tom Berg acknowledged that the fund had lost money in 2022.\n\n"
        "Berg conceded that the timetable was tight. He cautioned that delays would cost "
        "more.\n\n"
        "Sara Holm predicted that contributions would rise by 2030.\n\n"
        "“This is not the end,” tweeted Maria Vella, the council’s spokesperson.\n\n"
        "Vella admitted she had underestimated the opposition.\n"
    )
    found = dict(speakers(record))
    assert found["Berg conceded that the t"] == "Tom Berg"
    assert found["He cautioned that delays"] == "Tom Berg"
    assert found["Sara Holm predicted that"] == "Sara Holm"
    assert found["“This is not the end,” t"] == "Maria Vella"
    assert found["Vella admitted she had u"] == "Maria Vella"
    # "claimed", "wrote that", "confirmed" are left out: speeches use them for those
    # they quote or contest ("John Adams wrote that …", "Erdogan claimed …"), and the
    # quoted took over the speaker's next sentences
    speech = "John Adams wrote that the revolution was in the minds of the people.\n"
    assert dict(speakers(speech))["John Adams wrote that th"] is None


def test_meeting_notes_with_a_bullet_before_each_speaker() -> None:
    record = (
        "Working group meeting notes\n\n"
        "Attendees: Ana Lima (chair), Ben Okoro, Carla Smith\n\n"
        "- Ana Lima: proposed cutting the travel budget by 20% this year.\n"
        "- Ben Okoro: disagreed; regional meetings only work in person.\n"
        "* Carla Smith: suggested a trial year with two online meetings.\n"
    )
    found = dict(speakers(record))
    assert found["- Ana Lima: proposed cut"] == "Ana Lima"
    assert found["- Ben Okoro: disagreed; "] == "Ben Okoro"
    assert found["* Carla Smith: suggested"] == "Carla Smith"


def test_select_committee_question_numbers_and_witness_list() -> None:
    record = (
        "Oral evidence: Rural transport\n\n"
        "Members present: Iain Ross (Chair); Nadia Khan.\n\n"
        "Witnesses: Paul Greer, Director, Bus Users Network; Ana Silva, Transport Economist.\n\n"
        "Q10 Chair: Mr Greer, are services being cut?\n"
        "Paul Greer: Yes. One route in four has gone since 2019.\n"
        "Q11 Nadia Khan: What would help?\n"
        "Ana Silva: Longer funding settlements. Councils cannot plan on one-year grants.\n"
    )
    found = dict(speakers(record))
    # "Q11 Nadia Khan:" was Paul Greer's question (the speaker before)
    assert found["Q11 Nadia Khan: What wou"] == "Nadia Khan"
    # "Chair" is whom the list of members names so
    assert found["Q10 Chair: Mr Greer, are"] == "Iain Ross"
    assert found["Councils cannot plan on "] == "Ana Silva"
    assert roles_of(record)["Paul Greer"] == "Director, Bus Users Network"
    assert roles_of(record)["Ana Silva"] == "Transport Economist"


def test_minutes_that_write_initials() -> None:
    minutes = (
        "Minutes\n\n"
        "Present: Hugo Lindqvist (HL), Chair; Mona Farah (MF), Treasurer; Ivo Petrov (IP).\n\n"
        "2. Accounts\n"
        "MF presented the accounts. She noted that reserves had fallen by a tenth.\n"
        "IP asked whether the audit fee would rise. HL proposed to tender the audit.\n"
        "The accounts were approved.\n"
    )
    found = dict(speakers(minutes))
    assert found["MF presented the account"] == "Mona Farah"
    assert found["She noted that reserves "] == "Mona Farah"
    assert found["IP asked whether the aud"] == "Ivo Petrov"
    assert found["HL proposed to tender th"] == "Hugo Lindqvist"
    assert found["The accounts were approv"] is None
    assert roles_of(minutes)["Mona Farah"] == "Treasurer"
    # capitals that are no one's initials are no one
    assert (
        dict(speakers("Present: Hugo Lindqvist (HL).\n\nEU rules changed in May.\n"))[
            "EU rules changed in May."
        ]
        is None
    )


def test_dutch_news() -> None:
    news = (
        "Raad over pensioenen\n\n"
        "Voorzitter Anouk Visser zei dat het pensioenstelsel eerlijker moet. "
        '"Jongeren betalen nu te veel," aldus Visser.\n\n'
        "Pieter de Graaf, econoom bij de universiteit, waarschuwde voor hogere premies. "
        '"Dat raakt vooral lage inkomens," zei hij.\n'
    )
    found = dict(speakers(news))
    assert found["Voorzitter Anouk Visser "] == "Anouk Visser"
    assert found['"Jongeren betalen nu te '] == "Anouk Visser"
    # a particle in lower case belongs to the name (was no speaker: "de" is French)
    assert found["Pieter de Graaf, econoom"] == "Pieter de Graaf"
    assert found['"Dat raakt vooral lage i'] == "Pieter de Graaf"
    assert roles_of(news)["Pieter de Graaf"] == "econoom bij de universiteit"


def test_chinese_foreign_names_and_presented() -> None:
    news = (
        "会议在北京举行。\n\n"
        "巴西代表玛丽亚·席尔瓦介绍了巴西的经验。她说，巴西扩大了社会保障覆盖面。\n"
    )
    found = dict(speakers(news))
    assert found["巴西代表玛丽亚·席尔瓦介绍了巴西的经验。"] == "玛丽亚·席尔瓦"
    assert found["她说，巴西扩大了社会保障覆盖面。"] == "玛丽亚·席尔瓦"
    assert found["会议在北京举行。"] is None


def test_a_pronoun_after_a_role_holder_of_a_place() -> None:
    release = (
        "Harbour opens new terminal\n\n"
        '"We are ready for larger ships," said Ken Adler, chief executive of the port.\n\n'
        "Governor Lucia Brandt of Westmark opened the terminal. "
        '"This brings jobs back," she said.\n'
    )
    found = dict(speakers(release))
    # was Ken Adler's: "of Westmark" hid that the governor acts
    assert found['"This brings jobs back,"'] == "Lucia Brandt"
    assert roles_of(release)["Lucia Brandt"] == "Governor of Westmark"


def test_minutes_in_french_german_and_spanish() -> None:
    french = (
        "Procès-verbal du conseil municipal\n\n"
        "Présents : M. Luc Morel, maire ; Mme Inès Caron, adjointe ; M. Yann Le Goff.\n\n"
        "M. le Maire expose que la piscine fermera pour travaux en juillet.\n"
        "M. Le Goff demande si les associations pourront utiliser le gymnase.\n"
        "Mme Caron répond que le gymnase restera ouvert tout l'été.\n"
        "Le conseil municipal adopte la délibération à l'unanimité.\n"
    )
    found = dict(speakers(french))
    assert found["M. le Maire expose que l"] == "Luc Morel"  # the maire of the list
    assert found["M. Le Goff demande si le"] == "Yann Le Goff"
    assert found["Mme Caron répond que le "] == "Inès Caron"
    assert found["Le conseil municipal ado"] is None
    german = (
        "Protokoll des Ausschusses\n\n"
        "Anwesend: Frau Dr. Petra Lang (Vorsitzende), Herr Jonas Wolf\n\n"
        "Frau Dr. Lang berichtet, dass zwölf Kitas Personal suchen.\n"
        "Herr Wolf schlägt vor, die Gebühren zu senken.\n"
        "Die Vorsitzende bittet die Verwaltung um einen Bericht.\n"
    )
    found = dict(speakers(german))
    assert found["Frau Dr. Lang berichtet,"] == "Dr. Petra Lang"
    assert found["Herr Wolf schlägt vor, d"] == "Jonas Wolf"
    assert found["Die Vorsitzende bittet d"] == "Dr. Petra Lang"
    spanish = (
        "Acta del pleno\n\n"
        "Toma la palabra el Sr. Luis Navarro, representante sindical, quien señala que los "
        "salarios no suben.\n\n"
        "Interviene la Sra. Ana Prieto, quien pregunta por el calendario.\n"
    )
    found = dict(speakers(spanish))
    assert found["Toma la palabra el Sr. L"] == "Luis Navarro"
    assert found["Interviene la Sra. Ana P"] == "Ana Prieto"
    assert roles_of(spanish)["Luis Navarro"] == "representante sindical"


def test_japanese_news() -> None:
    news = (
        "会議の報告\n\n"
        "日本政府は新しい計画を発表したと述べた。\n\n"
        "評議会の山本健太会長は「雇用の質が問われている」と述べた。\n\n"
        "学生代表の中村さくら氏は、奨学金が足りないと指摘した。中村氏は「返済が重すぎる」と語った。\n"
    )
    found = dict(speakers(news))

    def said(sentence: str) -> str | None:
        return found[sentence[:24]]

    assert said("評議会の山本健太会長は「雇用の質が問われている」と述べた。") == "山本健太"
    assert said("学生代表の中村さくら氏は、奨学金が足りないと指摘した。") == "中村さくら"
    assert said("中村氏は「返済が重すぎる」と語った。") == "中村さくら"  # the surname alone
    assert said("日本政府は新しい計画を発表したと述べた。") is None  # a government
    assert roles_of(news)["山本健太"] == "評議会会長"


def test_a_us_hearing_s_titles_before_names_in_capitals() -> None:
    hearing = (
        "HEARING BEFORE THE COMMITTEE ON FINANCE\n\n"
        "    Chairman CRAPO. The Committee will come to order.\n\n"
        "    Senator WYDEN. Thank you, Mr. Chairman. Drug prices keep rising for seniors.\n\n"
        "    Dr. OKAFOR. Thank you, Senator. Prices rose nine percent last year.\n\n"
        "    Senator CASSIDY. Doctor, what share of that is insulin?\n"
    )
    found = dict(speakers(hearing))
    assert found["Drug prices keep rising "] == "Senator Wyden"
    assert found["Prices rose nine percent"] == "Dr. Okafor"
    # was the witness's (the speaker before): "Senator CASSIDY." is a header too
    assert found["Doctor, what share of th"] == "Senator Cassidy"
    assert found["The Committee will come "] == "Chairman Crapo"


def test_minutes_in_italian_and_portuguese() -> None:
    italian = (
        "Verbale del Consiglio direttivo\n\n"
        "Presenti: Giulia Neri (Presidente), Sara Villa (Tesoriera), Luca Greco.\n\n"
        "La Tesoriera illustra il bilancio e precisa che le spese sono diminuite.\n"
        "Luca Greco chiede se le quote dei soci aumenteranno.\n"
    )
    found = dict(speakers(italian))
    assert found["La Tesoriera illustra il"] == "Sara Villa"
    assert found["Luca Greco chiede se le "] == "Luca Greco"
    portuguese = (
        "Ata da reunião\n\n"
        "Presentes: Marta Reis (Presidente), João Dias.\n\n"
        "A Presidente abriu a sessão e apresentou o relatório anual.\n"
        "O Conselho aprovou o relatório por unanimidade.\n"
    )
    found = dict(speakers(portuguese))
    assert found["A Presidente abriu a ses"] == "Marta Reis"
    assert found["O Conselho aprovou o rel"] is None


def test_names_with_particles_are_read_whole() -> None:
    # the particle lists of attribution and of questions were three, and had drifted
    assert first("Maria do Céu Patrão Neves said that the quotas were too low.") == Speaker(
        "Maria do Céu Patrão Neves"
    )
    assert first("Giulia della Rovere said that the council would act.") == Speaker(
        "Giulia della Rovere"
    )
    assert first("Jan van der Berg said that the port would grow.") == Speaker("Jan van der Berg")
    # a conjunction between two names joins two people
    assert first("Ana Lima y Pedro Gómez said that it works.") == Speaker("Pedro Gómez")


def test_one_list_of_name_particles_serves_attribution_and_questions() -> None:
    from assistant import people
    from index import lexicon
    from index.attribution import names, persons

    assert people._PARTICLES == lexicon.NAME_PARTICLES
    assert persons.PARTICLES == lexicon.NAME_PARTICLES - lexicon.CONJUNCTION_PARTICLES
    assert lexicon.NAME_PARTICLES <= names.PARTICLE_WORDS


def test_an_attendance_list_one_name_a_line_gives_roles_and_citable_lines() -> None:
    from index.models import Document
    from index.sentence_layer import sentence_records

    minutes = (
        "Harbour safety committee\n\n"
        "Present:\nMarta Okonkwo (Chair)\nPiet Janssen (Treasurer)\nTom Reyes (Secretary)\n\n"
        "1. Night-time loading\n\n"
        "Marta Okonkwo proposed that loading at night stop when the wind exceeds 60 km/h.\n"
    )
    records = sentence_records(Document("h", "Harbour safety committee", minutes, "h.txt"))
    by_text = {minutes[r.start : r.end]: r for r in records}
    # the list's roles are the speakers' roles, as a one-line "Present: …" gives them
    proposal = by_text[
        "Marta Okonkwo proposed that loading at night stop when the wind exceeds 60 km/h."
    ]
    assert (proposal.speaker, proposal.role) == ("Marta Okonkwo", "Chair")
    # each line is no one's words but a fact an answer may cite ("Who chaired …?")
    line = by_text["Marta Okonkwo (Chair)"]
    assert line.statement and line.speaker is None
    assert not by_text["Present:"].statement
