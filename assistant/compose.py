"""The extractive answer: the statements of the retrieved reports that answer the
question, with who said them, each cited by the exact span it quotes.

Everything about a sentence (its span, its speaker and role, its vector) comes from the
snapshot's sentence layer (``index.sentence_layer``), worked out once at build time over
the whole document; an answer embeds nothing but the question.

Steps (pure functions over plain data; the layer is passed in):
1. people: when the question names speakers of the snapshot (``assistant.people``), the
   candidates are their statements, across reports, ranked by the rest of the question
   ("What did X say?" with no topic: X's main statements; ``assistant.person_answers``).
   A name in a person's slot that matches no speaker is answered as such, never swapped
   for a similar name.
2. otherwise the candidates are the statements inside the retrieved passages, scored
   (``assistant.answer.score.relevance``): sentence cosine + question-word overlap +
   passage cosine + the share of the question's words the candidates cover;
3. "nothing found" unless the best statement clears ``Weights.relevance_bar``;
4. selection for relevance and coverage (maximal marginal relevance over the sentence
   vectors, with a bonus for a speaker or report not yet quoted), at most
   ``max_sentences``, each within ``Weights.relative_window`` of the best;
5. the chosen statements completed as quoted (a lead-in with what follows, quotations
   whole, a reply with its question), grouped by document, adjacent sentences of one
   speaker merged, rendered with the templates of ``prompts/answer.toml`` and each run
   cited (``assistant.answer.complete``, ``assistant.answer.render``: it checks the
   citation invariants of DESIGN.md).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from assistant import terms as terms_
from assistant.answer.candidates import SentenceLayer, unit
from assistant.answer.complete import completed
from assistant.answer.discussion import discussion_statements
from assistant.answer.overview import overview_answer
from assistant.answer.question import Route, plan, subject_spans
from assistant.answer.render import AnswerTexts, render, texts_for
from assistant.answer.score import CrossLingual, rank_statements, within_its_reports
from assistant.answer.select import answer_bar, select, typed_answers
from assistant.answer.weights import WEIGHTS, Weights
from assistant.people import PeopleMatch, without_spans
from assistant.person_answers import introduction_answer, person_answer, unknown_person_answer
from assistant.types import Answer, Passage


def compose_answer(
    question: str,
    passages: Sequence[Passage],
    query_vector: np.ndarray,
    layer: SentenceLayer,
    *,
    max_sentences: int | None = None,
    texts: AnswerTexts | None = None,
    allowed: Callable[[str], bool] | None = None,
    embed_query: Callable[[str], np.ndarray] | None = None,
    multilingual: CrossLingual | None = None,
    embed_multilingual: Callable[[str], np.ndarray | None] | None = None,
    people: PeopleMatch | None = None,
    scoped: bool = False,
    weights: Weights = WEIGHTS,
) -> Answer:
    """An extractive, cited answer to ``question`` from ranked ``passages``.

    ``allowed(document_id)`` says which reports the request's filters keep (for
    statements found by speaker rather than through ``passages``). ``embed_query``
    embeds the topic of a question about a person without the person's name ("What did
    Guo Jun say about football?" → "What did say about football?"): the name would
    otherwise make every sentence that names the person look relevant. ``multilingual``
    rescores the statements in another language than the question's
    (``assistant.answer.score.CrossLingual``); ``embed_multilingual`` embeds the topic of a question
    about a person for it, when it reads one of that person's statements. ``people``:
    the speakers the question names, when the caller has worked them out already.
    ``scoped``: the question is asked of one report or a few (``select.answer_bar``).
    ``weights``: every weight, bar and window (``assistant.answer.weights``);
    ``max_sentences`` defaults to theirs.
    """
    texts = texts or texts_for(question)
    if max_sentences is None:
        max_sentences = weights.sentences
    if scoped:
        max_sentences = max(max_sentences, weights.scoped_sentences)
    query = unit(query_vector)
    read = plan(question, layer.speakers(), scoped=scoped, people=people)

    # embedded without the names (with its verb: "recommend" means something); matched
    # word by word without the verbs of speech ("What did X call for?")
    topic = without_spans(question, read.people.spans)

    @functools.cache
    def topic_query() -> np.ndarray:
        return unit(embed_query(topic)) if embed_query is not None else query

    def persons(bar: float) -> Answer:
        return person_answer(
            topic,
            terms_.question_words(question),
            topic_query(),
            read.people,
            layer,
            max_sentences,
            texts,
            allowed,
            multilingual,
            embed_multilingual,
            replace(weights, person_topic_bar=bar),
        )

    if read.route is Route.PERSON:
        answer = persons(weights.person_topic_bar)
        if answer.found or (read.people.spoken and not read.people.by_role):
            return answer
        # a speaker named with another verb, or by an office, none of whose statements
        # fits: the reports
    if read.route is Route.UNKNOWN_PERSON:
        return unknown_person_answer(
            read.people.unknown[0], passages[: weights.max_passages], layer, texts
        )
    if read.route is Route.OVERVIEW:
        return overview_answer(passages, layer, max_sentences, texts, weights)
    if read.route is Route.WHO_IS:
        introduced = introduction_answer(read.asked_about, layer, max_sentences, texts, allowed)
        if introduced is not None:
            return introduced
    ranked = rank_statements(question, passages, query, layer, multilingual, weights, read.subject)
    bar = answer_bar(ranked, scoped=read.scoped, weights=weights)
    names = subject_spans(question, read.subject) if read.answer_type is None else []
    if names and embed_query is not None:
        # "What risks does Talon Software face?": within its own report, the company's
        # name is no topic (a factoid's subject is: the figure must be its own); the
        # bar moves with the best, so that what is answered stays as it was
        ranked, fall = within_its_reports(
            question,
            names,
            ranked,
            passages,
            embed_query,
            layer,
            multilingual,
            weights,
            read.subject,
        )
        bar -= fall
    if read.thing:
        # "How many robots …?" is answered by a statement that says robots: a count of
        # anything else is another question's answer
        ranked = [c for c in ranked if read.thing <= terms_.content_terms(c.wording)]
    if read.amount:
        # "What was X's net income?": where a statement says that amount, the others'
        # figures are other amounts (the revenue and head count said beside it); where
        # it says it without a figure ("approved the draft budget for 2023"), no figure
        # of another statement is its size (was: the assembly's dates, a count of
        # webinars). Only where no statement says the amount are figures read by type
        # (HotpotQA-500, eval/filings.py and the labelled sets unchanged, 2026-12-07)
        said = [
            c
            for c in ranked
            if read.amount <= terms_.content_terms(c.wording, terms_.words_for(c.source.language))
        ]
        ranked = said or ranked
    if ranked and read.answer_type is not None:
        ranked = typed_answers(ranked, weights, read.answer_type)
        bar = answer_bar(ranked, scoped=read.scoped, weights=weights)
    chosen = select(
        ranked,
        max_sentences,
        layer,
        bar=bar,
        usual_bar=weights.relevance_bar,
        speech=read.speech,
        weights=weights,
    )
    if not chosen:
        return Answer(text=texts.nothing_found, citations=(), found=False)
    if read.route is Route.PERSON and read.scoped and not read.people.by_role:
        # the report asked of answers ("What did Marketing think of the scroll wheel
        # when presenting?"), so the question is on its topic: the person it names says
        # it, in words further from the question's than their bar allows
        theirs = persons(weights.person_fallback_bar)
        if theirs.found:
            return theirs
    if read.route is Route.DISCUSSION:
        voices = discussion_statements(question, ranked, query, layer, max_sentences, weights)
        chosen = voices or chosen  # no segments (a written report): its statements
    return render(completed(chosen, layer), texts)


__all__ = ["compose_answer"]
