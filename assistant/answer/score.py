"""The score stage: how well each candidate statement answers the question.

``relevance`` is one weighted sum (``Weights``): the sentence's cosine with the
question, its paragraph's, its passage's, the share of the question's words it says
(read under its headings), the share the candidates cover, and whether it holds what
the question asks for (a name, a number, a date). ``rank_statements`` scores the
statements of the retrieved passages with it.

MiniLM reads English only, so its cosines are noise for a statement in another language
than the question's, and for any statement when the question is not in English. Where
the snapshot has multilingual vectors of its statements (``index.multilingual``), such a
statement is scored with those instead (``CrossLingual``), put on MiniLM's scale
(``minilm_scale``) so that the weights and the bar still hold; its words cannot match
the question's, so it is credited with what matching words typically add
(``Weights.cross_lingual_credit``).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant import terms as terms_
from assistant.answer.candidates import (
    Candidate,
    SentenceLayer,
    Source,
    clean,
    gather,
    unit,
)
from assistant.answer.weights import WEIGHTS, Weights
from assistant.people import topic_of, without_spans
from assistant.retrieve import question_language
from assistant.terms import content_terms
from assistant.types import Passage
from index.multilingual import MultilingualEmbedder, minilm_scale
from index.naming import question_years
from index.sentence_layer import SentenceRecord, table_cells
from index.snapshot import Snapshot


def rank_statements(
    question: str,
    passages: Sequence[Passage],
    query: np.ndarray,
    layer: SentenceLayer,
    multilingual: CrossLingual | None = None,
    weights: Weights = WEIGHTS,
    subject: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """The scored statements of the best passages, best first, as answers rank them:
    each language's statements scored among themselves (word weights and coverage over
    the candidates of the question's language only), those of languages MiniLM cannot
    read rescored with the multilingual vectors."""
    if multilingual is None:
        return rank_sentences(question, passages, query, layer, weights, subject)
    read = passages[: weights.max_passages]
    own = [p for p in read if (p.language or "en") == multilingual.language]
    other = [p for p in read if (p.language or "en") != multilingual.language]
    ranked: list[Candidate] = []
    for group in (own, other):
        scored = rank_sentences(question, group, query, layer, weights, subject)
        ranked += multilingual.rescore(scored, weights, weights.cross_lingual_credit)
    return multilingual.said_together(question, sorted(ranked, key=lambda c: -c.score), weights)


def within_its_reports(
    question: str,
    names: Sequence[tuple[int, int]],
    ranked: Sequence[Candidate],
    passages: Sequence[Passage],
    embed_query: Callable[[str], np.ndarray],
    layer: SentenceLayer,
    multilingual: CrossLingual | None = None,
    weights: Weights = WEIGHTS,
    subject: frozenset[str] = frozenset(),
) -> tuple[list[Candidate], float]:
    """``ranked`` (best first) with the statements of the reports whose title holds the
    question's subject (``names``: where the question says it) scored as the question
    without it, and how much lower the best now scores than before.

    Within its annual report every statement is the company's, so its name says where
    to look, not what is asked: "What risks does Talon Software face?" matched "Dear
    shareholders, fiscal 2020 was a year of steady progress for Talon Software." by the
    name alone (cosine 0.50; the cyber-attack risk 0.25) and gave only that. There the
    question is read without the name ("What risks does face?": cyber attacks,
    currency hedging, staff first), those statements moved by the median change among
    them, so that the scale, and the statements of other reports, stay as they were.
    What is answered or refused does not change: the caller lowers the bar by the
    best's fall (the name is why those reports were found). Every report stays a
    candidate: a second hop lies in another report ("Tysons Galleria is located in what
    county?"; read only within the named reports, HotpotQA-500 lost six gold answers,
    2026-12-07)."""
    named = set().union(*(content_terms(question[a:b]) for a, b in names))
    titled = {c.source.document_id for c in ranked if named <= content_terms(clean(c.source.title))}
    if not ranked or not titled:
        return list(ranked), 0.0
    asked = without_spans(question, names)
    scored = rank_statements(
        asked, passages, unit(embed_query(asked)), layer, multilingual, weights, subject
    )
    before = {(c.source.document_id, c.sentence.start): c for c in ranked}
    changes = [
        before[key].score - c.score
        for c in scored
        if c.source.document_id in titled
        and (key := (c.source.document_id, c.sentence.start)) in before
    ]
    if not changes:
        return list(ranked), 0.0
    shift = float(np.median(changes))
    out = sorted(
        (
            replace(c, score=c.score + shift) if c.source.document_id in titled else before[key]
            for c in scored
            if (key := (c.source.document_id, c.sentence.start)) in before
        ),
        key=lambda c: -c.score,
    )
    return out, ranked[0].score - out[0].score


def rank_sentences(
    question: str,
    passages: Sequence[Passage],
    query_vector: np.ndarray,
    layer: SentenceLayer,
    weights: Weights = WEIGHTS,
    subject: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """The scored statements of the best passages, best first; each says whether it
    names the question's ``subject`` (``Candidate.named``)."""
    read = passages[: weights.max_passages]
    # The words are read as the statements' language (the question's, or English when
    # they are in another: then no word matches either way).
    languages = [p.language or "en" for p in read]
    words = terms_.words_for(max(set(languages), key=languages.count) if languages else "en")
    terms = content_terms(question, words)
    candidates = gather(read, layer)
    candidates = _rows_asked(candidates, terms, words, question_years(question))
    scored = _score(question, candidates, terms, unit(query_vector), layer, words, weights)
    if subject:
        scored = _named(scored, subject, terms, words)
    return sorted(scored, key=lambda c: -c.score)


def _rows_asked(
    candidates: Sequence[Candidate], terms: set[str], words: terms_.Words, years: set[str]
) -> list[Candidate]:
    """``candidates`` less the table rows whose label the question does not ask for. A
    row's figures are its label's ("Net income | 166.3 | 157.7"), and every row of a
    table shares its caption and column heads, so a question about one row reads close
    to all of them: of the rows, only those whose label says the largest share of its
    words in the question stay ("net income" keeps "Net income", not "Operating
    income"; "cash … from operating activities" keeps "Net cash provided by operating
    activities"), none when no label shares a word. A row whose heads give years, none
    of them one the question asks for (``years``), holds no figure for it ("What were
    the grants in 2019?" and a table of 2023 and 2024)."""
    shares = {}
    for i, c in enumerate(candidates):
        if c.row:
            label = content_terms(table_cells(c.text)[0], words)
            shares[i] = len(label & terms) / len(label) if label else 0.0
            given = question_years(c.wording)
            if years and given and not years & given:
                shares[i] = 0.0
    best = max(shares.values(), default=0.0)
    return [c for i, c in enumerate(candidates) if i not in shares or shares[i] == best > 0]


_CAPITALISED = re.compile(r"(?<![\w'’])(?-i:[A-Z][\w'’-]*)")


def proper_names(text: str, words: terms_.Words) -> set[str]:
    """The stemmed capitalised words of ``text`` (names, and a sentence's first word)."""
    return content_terms(" ".join(m.group() for m in _CAPITALISED.finditer(text)), words)


def _named(
    scored: Sequence[Candidate], subject: frozenset[str], terms: set[str], words: terms_.Words
) -> list[Candidate]:
    """``scored`` with what each says of the question's ``subject``: whether it, its
    paragraph or its report's title names it all (a paragraph names its subject once,
    then says "he" or "the Group"), the other names it says, and whether what it says
    is another subject's (``_elsewhere``)."""
    titles: dict[str, set[str]] = {}
    paragraphs: dict[tuple[str, int], set[str]] = {}
    report = _ReportNames(words)
    years = {t for t in subject if _YEAR.fullmatch(t)}
    read = []
    for c in scored:
        doc = c.source.document_id
        missing = subject - names_in(c.wording, words)
        if missing:
            # the report's own abbreviations, read only when its words leave some out
            defined = report.abbreviations(c.source)
            missing -= terms_.spelled_out(c.wording, defined, _ABBREVIATION)
            if missing:
                # "Revenue rose 9% …" after "2024 was a good year for Harbour Tools."
                key = (doc, c.sentence.paragraph)
                if key not in paragraphs:
                    paragraphs[key] = names_in(_paragraph(c), words, defined)
                missing -= paragraphs[key]
        if doc not in titles:
            # a report dated 2024 names the year its figures are for
            dated = {c.source.date[:4]} if c.source.date else set()
            titles[doc] = names_in(c.source.title, words) | dated
        read.append((c, missing, titles[doc]))
    # a year that no statement names (itself, its paragraph, its report's title or
    # date): a figure for another year is another subject's ("How many webinars did the
    # Association hold in 2019?" answered with 2022's nine). A year one statement names
    # may be a second hop's ("In 1999, Spirit Halloween was bought by Spencer Gifts",
    # which has how many stores?), and a year is no name: it never decides ``named``
    unsaid = years - set().union(*(years - (m - t) for _, m, t in read))
    out = []
    for c, missing, title in read:
        names = frozenset(proper_names(c.wording, words) - terms)
        out.append(
            replace(
                c,
                # "The General Assembly elected …" in "General Assembly in Rabat …"
                named=not missing - title - years,
                names=names,
                other_year=bool(years) and years <= missing - title,
                elsewhere=bool(missing & unsaid)
                or (
                    bool(missing - years)
                    and report.says(c.source, missing - years)
                    and _elsewhere(missing - years, names, title, terms)
                ),
            )
        )
    return out


def in_reports_naming(
    candidates: Sequence[Candidate], subject: frozenset[str], words: terms_.Words
) -> list[Candidate]:
    """The ``candidates`` whose report names every word of ``subject`` somewhere (its
    words, or the initials of its runs of words): a statement in a report that never
    names Campania is not about Campania, however close its words ("the crisis")."""
    if not subject:
        return list(candidates)
    report = _ReportNames(words)
    return [c for c in candidates if report.says(c.source, subject)]


class _ReportNames:
    """Whether a report names some words anywhere (``names_in`` over its whole text),
    worked out once a report and question: its own words first, the initials of its runs
    of words only when a word is not among them (those take ~0.15 s over a 250,000-
    character report, its words 0.02 s)."""

    def __init__(self, words: terms_.Words) -> None:
        self.words = words
        self.own: dict[str, set[str]] = {}
        self.initials: dict[str, set[str]] = {}
        self.defined: dict[str, dict[str, set[str]]] = {}

    def abbreviations(self, source: Source) -> dict[str, set[str]]:
        """The abbreviations the report defines (``abbreviations``), read once."""
        if source.document_id not in self.defined:
            self.defined[source.document_id] = abbreviations(source.text, self.words)
        return self.defined[source.document_id]

    def says(self, source: Source, wanted: frozenset[str] | set[str]) -> bool:
        doc = source.document_id
        if doc not in self.own:
            self.own[doc] = content_terms(source.text, self.words)
        left = wanted - self.own[doc]
        if not left:
            return True
        if doc not in self.initials:
            self.initials[doc] = {a.lower() for a in terms_.acronyms(source.text, self.words)}
        return left <= self.initials[doc]


def _elsewhere(
    missing: frozenset[str] | set[str], names: frozenset[str], title: set[str], terms: set[str]
) -> bool:
    """Whether a statement whose paragraph leaves out words of the subject (``missing``)
    that its report says elsewhere speaks of another subject: always, unless its report's
    title names them (then the report is about them: "Sixty-five young delegates …" in
    "Youth Forum in Dakar: …"); then only when it names another of the title's subjects
    ("the Russian segment of the Internet" in "Russia and China: …", asked for China's).
    A report of one paragraph, an encyclopaedia's, never leaves them out so."""
    if not missing <= title:
        return True
    return any(_akin(name, other) for name in names for other in title - terms)


def _akin(a: str, b: str) -> bool:
    """Two stems of one name: one begins the other ("russia", "russian"), or they
    differ in the last letter of the shorter only ("china", "chines"); never "council"
    and "countri"."""
    short, long = sorted((a, b), key=len)
    if len(short) < 4:
        return False
    return long.startswith(short) or long.startswith(short[:-1])


def _paragraph(c: Candidate) -> str:
    """The text of the paragraph ``c`` stands in."""
    text = c.source.text
    end = text.find("\n\n", c.sentence.end)
    return text[c.sentence.paragraph : end if end >= 0 else len(text)]


def names_in(
    text: str, words: terms_.Words, defined: dict[str, set[str]] | None = None
) -> set[str]:
    """The stemmed words of ``text`` and the initials of its runs of words: "the People's
    Republic of China" names "PRC"; with ``defined`` (a report's own abbreviations,
    ``abbreviations``), an abbreviation names the words it stands for there ("PRC ESS"
    names the Economic and Social Council where the report wrote "… Council (ESS)")."""
    found = content_terms(text, words) | {a.lower() for a in terms_.acronyms(text, words)}
    found |= question_years(text)  # "FY2023", "FY 23" name 2023
    return found | terms_.spelled_out(text, defined, _ABBREVIATION) if defined else found


_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}\b")
_YEAR = re.compile(r"(?:19|20)\d\d")
# "the Economic and Social Council (ESS) of the PRC": a run of capitalised words (with
# the small words of a name between them) and the abbreviation the report gives it.
_DEFINED = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:and|of|for|the|on|in|&)\s+)*){1,8})\(([A-Z][A-Z0-9&]{1,7})\)"
)


def abbreviations(text: str, words: terms_.Words) -> dict[str, set[str]]:
    """The abbreviations ``text`` defines ("Economic and Social Council (ESS)"), each with
    the stemmed words it stands for: the shortest end of the run of capitalised words
    before it that starts with the abbreviation's first letter (Schwartz & Hearst's rule
    of the matching first letter, PSB 2003), none when no word does."""
    out: dict[str, set[str]] = {}
    for found in _DEFINED.finditer(text):
        run, short = found.group(1).split(), found.group(2)
        for start in range(len(run) - 1, -1, -1):
            if run[start][0] == short[0] and run[start][0].isupper():
                out.setdefault(short, set()).update(content_terms(" ".join(run[start:]), words))
                break
    return out


def relevance(candidate: Candidate, cosine: float, weights: Weights = WEIGHTS) -> float:
    """The score of a statement."""
    return (
        cosine
        + weights.paragraph * candidate.context
        + weights.lexical * candidate.overlap
        + weights.passage * candidate.source.passage_cosine
        + weights.coverage * candidate.coverage
        + weights.answer_type * candidate.typed
        + weights.section * candidate.section
    )


def person_relevance(candidate: Candidate, cosine: float, weights: Weights = WEIGHTS) -> float:
    """The score of a statement of the person a question names, for its topic: no
    passage, coverage or answer type (the candidates are that person's statements,
    not a passage's)."""
    return cosine + weights.paragraph * candidate.context + weights.lexical * candidate.overlap


def _score(
    question: str,
    candidates: list[Candidate],
    terms: set[str],
    query: np.ndarray,
    layer: SentenceLayer,
    words: terms_.Words,
    weights: Weights,
) -> list[Candidate]:
    if not candidates:
        return []
    acronyms = terms_.acronyms(question, words)
    # "Who is the chief executive …?": a statement says its speaker's role too ("…,"
    # said Helen Marsh, Chief Executive Officer.), for such a question only (for all,
    # the roles' words "council", "economic" lifted every speaker's statements: recall on
    # tests/data/answers.jsonl 0.909 → 0.886)
    wanted = terms_.answer_type(question)
    said = [
        (
            content_terms(
                " ".join(
                    filter(
                        None,
                        (
                            c.sentence.content,
                            c.sentence.speaker,
                            c.sentence.role if wanted == "person" else None,
                        ),
                    )
                ),
                words,
            )
            | terms_.spelled_out(c.sentence.content, acronyms)
        )
        & terms
        for c in candidates
    ]
    headed = [h & terms for h in heading_terms(candidates, layer, words)]
    titles = {c.source.document_id: content_terms(clean(c.source.title), words) for c in candidates}
    covered = set().union(
        *said, *headed, *(content_terms(c.text, words) & terms for c in candidates)
    )
    # The speaker a question names by a common noun need not be covered: "What did the
    # company say about supply chain risks?" over a report that calls itself "the Group"
    # (no labelled set moves; tests/assistant/test_compose.py has the filing).
    topic = terms - terms_.speech_subject(question, words)
    coverage = len(covered & topic) / len(topic) if topic else 0.0
    weight = terms_.term_weights(terms, said, weights.overlap_idf)
    total = sum(weight.values()) or 1.0
    # a heading that holds every word of the topic names the statement's section
    sections = [bool(topic) and topic <= head for head in headed]
    overlaps = [
        (
            sum(weight[t] for t in hits)
            + (1.0 if section else weights.heading_credit) * sum(weight[t] for t in head - hits)
        )
        / total
        for hits, head, section in zip(said, headed, sections, strict=True)
    ]
    # "What do A and B have in common?": HotpotQA-500 refused 7 questions, 4 of them
    # such; with a statement credited with its partner's words, 5 (gold answer in the
    # text 0.626 → 0.632); no labelled set moves, and of 6 off-topic comparisons of our
    # own over the sample reports the same 2 are answered, the same 4 refused
    # (2026-12-02). English question forms only.
    if terms_.compares(question):
        overlaps = _with_partner(candidates, said, weight, total, overlaps)
    vectors = layer.sentence_vectors_of([c.vector_row for c in candidates])
    cosines = vectors @ query
    context = paragraph_cosines(candidates, vectors, query)
    out = []
    for c, overlap, cos, ctx, section, hits in zip(
        candidates, overlaps, cosines.tolist(), context, sections, said, strict=True
    ):
        typed = wanted is not None and terms_.has_answer_type(
            # the name a person question asks for may be in the attribution words
            c.text if wanted == "person" else c.sentence.content,
            wanted,
            c.source.language,
        )
        c = replace(
            c,
            overlap=overlap,
            coverage=coverage,
            cosine=cos,
            context=ctx,
            typed=typed,
            section=section,
            titled=bool(topic) and topic <= titles[c.source.document_id],
            together=bool(topic) and topic <= hits,
        )
        out.append(replace(c, score=relevance(c, cos, weights)))
    return out


def heading_terms(
    candidates: Sequence[Candidate], layer: SentenceLayer, words: terms_.Words
) -> list[set[str]]:
    """The words each statement is read under: the last heading line above its
    paragraph ("Principal risks and uncertainties", an interview's question) and the
    run-in heading that opens its paragraph ("Supply chain. The Group depends on a small
    number of suppliers …"). Not the report's title, nor a first line that repeats it:
    that is the same for every sentence of a report."""
    sources = {c.source.document_id: c.source for c in candidates}
    titles = {doc: clean(source.title) for doc, source in sources.items()}
    lines: dict[str, list[SentenceRecord]] = {doc: [] for doc in sources}
    run_ins: dict[tuple[str, int], list[SentenceRecord]] = {}
    for stored in layer.headings_of(sorted(sources)):
        h = stored.record
        text = sources[h.document_id].text
        run_ins.setdefault((h.document_id, h.paragraph), []).append(h)
        if _ends_line(text, h.end) and clean(text[h.start : h.end]) != titles[h.document_id]:
            lines[h.document_id].append(h)
    ends = {doc: [h.end for h in heads] for doc, heads in lines.items()}
    out = []
    for c in candidates:
        doc, text = c.source.document_id, c.source.text
        above = bisect.bisect_right(ends[doc], c.sentence.paragraph)
        heads = lines[doc][above - 1 : above] if above else []
        heads += [
            h for h in run_ins.get((doc, c.sentence.paragraph), []) if h.start < c.sentence.start
        ]
        out.append(content_terms(" ".join(text[h.start : h.end] for h in heads), words))
    return out


def _ends_line(text: str, end: int) -> bool:
    """Whether only spaces stand between ``end`` and the next line break."""
    rest = text[end : end + 200]
    return rest.strip(" \t\r").startswith("\n") or not rest.strip()


def _with_partner(
    candidates: Sequence[Candidate],
    said: Sequence[set[str]],
    weight: dict[str, float],
    total: float,
    overlaps: list[float],
) -> list[float]:
    """For a question that compares two things: each statement's overlap with the
    question's words, plus those the best partner statement of another report says and
    it does not ("What do A and B have in common?" is answered by a statement about A
    and one about B, never by one statement)."""
    out = []
    for i, c in enumerate(candidates):
        gain = max(
            (
                sum(weight[t] for t in said[j] - said[i]) / total
                for j, other in enumerate(candidates)
                if other.source.document_id != c.source.document_id
            ),
            default=0.0,
        )
        out.append(overlaps[i] + gain)
    return out


def paragraph_cosines(
    candidates: Sequence[Candidate], vectors: np.ndarray, query: np.ndarray
) -> list[float]:
    """cosine(question, mean vector of the statements of each candidate's paragraph):
    "Contributions can be paid by mobile phone" is about pensions because its
    paragraph is."""
    groups: dict[tuple[str, int], list[int]] = {}
    for i, c in enumerate(candidates):
        groups.setdefault((c.source.document_id, c.sentence.paragraph), []).append(i)
    out = [0.0] * len(candidates)
    for rows in groups.values():
        centre = unit(vectors[rows].mean(axis=0))
        value = float(centre @ query)
        for i in rows:
            out[i] = value
    return out


Relevance = Callable[[Candidate, float, Weights], float]


@dataclass(frozen=True)
class CrossLingual:
    """The question in the multilingual model's space, and its statements' vectors."""

    language: str  # the question's ("en" when unsure)
    query: np.ndarray
    vectors_of: Callable[[Sequence[int]], np.ndarray]
    # the multilingual model, to match the question's words with the statements' one by
    # one (``said_together``); None: no word is matched across languages
    model: MultilingualEmbedder | WordVectors | None = None

    def reads(self, language: str | None) -> bool:
        """Whether a statement of this language is scored with multilingual vectors: when
        it is not in the question's language, and every statement of a question not in
        English. MiniLM's cosines between a French question and French statements are
        mostly shared word pieces: on 15 questions of our own about the French, Russian
        and Chinese sample reports (written before reading the answers;
        docs/languages.md) they gave precision 0.39 and cited statements for 2 of 3
        unanswerable questions; with e5's cosines, and the question's words read in its
        own language (``assistant.terms.words_for``), see its table."""
        return self.language != "en" or (language or "en") != self.language

    def rescore(
        self,
        ranked: Sequence[Candidate],
        weights: Weights = WEIGHTS,
        credit: float = 0.0,
        score_with: Relevance = relevance,
    ) -> list[Candidate]:
        """``ranked`` with the statements MiniLM cannot read rescored, best first; those
        in another language than the question's get ``credit``
        (``Weights.cross_lingual_credit`` for a passage's statements) for the words they
        cannot share with it. ``score_with`` is the score's sum (``relevance``, or
        ``person_relevance`` for a named person's statements)."""
        rows = [i for i, c in enumerate(ranked) if self.reads(c.source.language)]
        if not rows:
            return list(ranked)
        vectors = self.vectors_of([ranked[i].vector_row for i in rows])
        cosines = minilm_scale(vectors @ self.query)
        paragraphs: dict[tuple[str, int], list[int]] = {}
        for j, i in enumerate(rows):
            c = ranked[i]
            paragraphs.setdefault((c.source.document_id, c.sentence.paragraph), []).append(j)
        context = np.zeros(len(rows), dtype=np.float32)
        for members in paragraphs.values():
            centre = vectors[members].mean(axis=0)
            centre /= float(np.linalg.norm(centre)) or 1.0
            context[members] = minilm_scale(np.array([centre @ self.query]))[0]
        out = list(ranked)
        for j, i in enumerate(rows):
            c = replace(ranked[i], cosine=float(cosines[j]), context=float(context[j]))
            other = (c.source.language or "en") != self.language
            score = score_with(c, c.cosine, weights) + (credit if other else 0.0)
            out[i] = replace(c, score=score)
        return sorted(out, key=lambda c: -c.score)

    def said_together(
        self, question: str, ranked: Sequence[Candidate], weights: Weights = WEIGHTS
    ) -> list[Candidate]:
        """``ranked``, a statement in another language than the question's marked
        ``together`` when it says every word of the question's topic as the multilingual
        model matches words: each topic word of the question ("цифровых", "рисках") is
        matched with the closest word of the best statements ("digital", "risks"), and
        only when every one has a match at ``Weights.word_match`` or closer. What a
        question in English earns by saying its words (``select.answer_bar``), a
        question in another language earns by the words that mean them."""
        if self.model is None:
            return list(ranked)
        own = terms_.words_for(self.language)
        topic = [
            w
            for w in re.findall(r"[^\W\d_]{3,}", topic_of(question, ()))
            if w.lower() not in own.stopwords
        ]
        others = [c for c in ranked if (c.source.language or "en") != self.language]
        if not topic or len(topic) > _MATCHED_WORDS or not others:
            return list(ranked)
        language = others[0].source.language or "en"
        theirs = terms_.words_for(language)
        vocabulary = list(
            dict.fromkeys(
                w.lower()
                for c in others[:_READ_FOR_WORDS]
                for w in re.findall(r"[^\W\d_]{3,}", c.sentence.content)
                if w.lower() not in theirs.stopwords
            )
        )
        if not vocabulary:
            return list(ranked)
        words = _unit_rows(self.model.embed_passages(vocabulary))
        meant: set[str] = set()
        for word in topic:
            cosines = words @ unit(self.model.embed_query(word.lower()))
            best = int(np.argmax(cosines))
            if cosines[best] < weights.word_match:
                return list(ranked)  # a word the statements do not say: none says it all
            meant |= content_terms(vocabulary[best], theirs)
        return [
            replace(c, together=True)
            if (c.source.language or "en") == language
            and meant <= content_terms(c.sentence.content, theirs)
            else c
            for c in ranked
        ]


# A question's topic of more words than this is not matched word by word (each costs the
# model a pass; "What was said about X?" has one to three); the words matched are those
# of the best statements in the other language (~60 words, ~0.3 s of the model on 2
# cores the first time a word is seen; ``WordVectors`` keeps them).
_MATCHED_WORDS = 4
_READ_FOR_WORDS = 5


class WordVectors:
    """The multilingual model's vectors of single words, kept once computed (a word of
    a report is matched again by the next question in another language)."""

    def __init__(self, model: MultilingualEmbedder, size: int = 50_000) -> None:
        self.model = model
        self.size = size
        self._passages: dict[str, np.ndarray] = {}
        self._queries: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def embed_passages(self, words: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = [w for w in dict.fromkeys(words) if w not in self._passages]
        if missing:
            found = self.model.embed_passages(missing)
            with self._lock:
                if len(self._passages) + len(missing) > self.size:
                    self._passages.clear()
                self._passages.update(zip(missing, found, strict=True))
        with self._lock:
            return np.vstack([self._passages[w] for w in words])

    def embed_query(self, word: str) -> np.ndarray:
        with self._lock:
            known = self._queries.get(word)
        if known is None:
            known = self.model.embed_query(word)
            with self._lock:
                if len(self._queries) >= self.size:
                    self._queries.clear()
                self._queries[word] = known
        return known


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def cross_lingual(
    question: str,
    snapshot: Snapshot,
    query: np.ndarray | None,
    model: MultilingualEmbedder | WordVectors | None = None,
) -> CrossLingual | None:
    """A ``CrossLingual`` when the snapshot has multilingual statement vectors; None
    otherwise (the composer reads MiniLM's cosines only). ``model`` matches words."""
    if query is None or snapshot.sentence_multilingual is None:
        return None
    return CrossLingual(
        question_language(snapshot, question), query, snapshot.sentence_multilingual_of, model
    )
