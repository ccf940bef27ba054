"""Answers to questions about people: the named speakers' statements, across reports.

``assistant.people`` says which speakers of the snapshot a question names; this module
answers from their statements only, ranked by the rest of the question, or lists each
one's main statements ("What did X say?"). A name that no statement has is answered as
such, with the sentences that mention the person, never swapped for a similar name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from assistant import terms as terms_
from assistant.answer.candidates import Candidate, SentenceLayer, Source, unique_texts
from assistant.answer.complete import completed
from assistant.answer.overview import main_statements
from assistant.answer.question import subject_terms
from assistant.answer.render import AnswerTexts, render, squash
from assistant.answer.score import (
    CrossLingual,
    heading_terms,
    in_reports_naming,
    paragraph_cosines,
    person_relevance,
)
from assistant.answer.select import select
from assistant.answer.weights import WEIGHTS, Weights
from assistant.people import (
    PeopleMatch,
    acts_in,
    asks_what_was_asked,
    is_title,
    speech_acts,
    topic_of,
)
from assistant.terms import content_terms
from assistant.types import Answer, Passage
from index.lexicon import AT_THE_END, AT_THE_START, GATHERINGS
from index.sentence_layer import name_key
from index.snapshot import StoredSentence

# The bar (``Weights.person_topic_bar``), window and digest bonus of these answers are
# in ``assistant.answer.weights`` with their evidence.


def person_answer(
    topic_text: str,
    words: terms_.Words,
    query: np.ndarray,
    people: PeopleMatch,
    layer: SentenceLayer,
    max_sentences: int,
    texts: AnswerTexts,
    allowed: Callable[[str], bool] | None,
    multilingual: CrossLingual | None = None,
    embed_multilingual: Callable[[str], np.ndarray | None] | None = None,
    weights: Weights = WEIGHTS,
) -> Answer:
    """Only the named speakers' statements, across reports, ranked by the rest of the
    question; "What did X say?" with no topic gives X's main statements. Statements
    MiniLM cannot read (``multilingual``) are ranked by their multilingual cosines to
    the question without the name (``embed_multilingual``: the name would favour the
    sentence that introduces the person), credited with nothing: the bar is low
    already."""
    names = people.body or " and ".join(p.name for p in people.speakers)
    # Words of the role the question names them by are not the topic ("the member of the
    # Commission for … corporate social responsibility").
    roles = content_terms(" ".join(p.role or "" for p in people.speakers), words)
    candidates = unique_texts(_statements_of(people, layer, allowed))
    asked = _questions_of(people, layer, allowed)
    if asked and (asks_what_was_asked(topic_text) or not candidates):
        asking = content_terms(topic_of(topic_text, ()), words) - roles - _ASKING_TERMS
        return _questions_answer(asked, asking, names, words, max_sentences, layer, texts)
    if not candidates:
        return _nothing(texts.nothing_by_person, names)
    topic = content_terms(topic_text, words) - roles
    # A question whose only words are verbs of speech ("What did X call for?") has no
    # topic: it lists X's statements. Otherwise the verb stays ("recommend" matches
    # "We recommended …").
    if not content_terms(topic_of(topic_text, ()), words) - roles:
        topic = set()
    when = _position(topic)
    if when is not None:
        return render(completed(_at(candidates, when, max_sentences), layer), texts)
    if topic:
        # the names the topic gives ("the waste crisis in Campania"): a statement in a
        # report that never names them speaks of another subject
        subject = subject_terms(topic_text) - roles
        candidates = in_reports_naming(candidates, frozenset(subject), words)
        if not candidates:
            return _nothing(texts.nothing_on_topic_by_person, names)
    vectors = layer.sentence_vectors_of([c.vector_row for c in candidates])
    if topic:
        cosines = vectors @ query
        context = paragraph_cosines(candidates, vectors, query)
        scored = []
        # read under its headings, as any statement is (``score.heading_terms``): a
        # reply under the question it answers ("Why will the Government not introduce a
        # proper windfall tax?" above "We already have one of the highest levies …")
        headings = heading_terms(candidates, layer, words)
        for c, cos, ctx, head in zip(candidates, cosines.tolist(), context, headings, strict=True):
            said = content_terms(c.sentence.content, words) & topic
            heard = (head & topic) - said
            overlap = (len(said) + weights.heading_credit * len(heard)) / len(topic)
            c = replace(c, cosine=cos, overlap=overlap, context=ctx)
            scored.append(replace(c, score=person_relevance(c, cos, weights)))
        if multilingual is not None and any(multilingual.reads(c.source.language) for c in scored):
            # the topic's own words: e5 read "What did say about social insurance?" as a
            # question about saying, and 王丽华's "社会保险关系的跨地区转移接续是最迫切需要解决
            # 的问题" missed the bar; a personal title left in ("Mme") drew every French
            # sentence closer (7 of 160 unrelated questions answered, 0 without it)
            bare = " ".join(
                w
                for w in re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", topic_of(topic_text, ()))
                if w.lower() not in words.stopwords and not is_title(w)
            )
            vector = embed_multilingual(bare or topic_text) if embed_multilingual else None
            if vector is not None:
                multilingual = replace(multilingual, query=vector)
            scored = multilingual.rescore(scored, weights, 0.0, person_relevance)
        chosen = select(
            scored,
            max_sentences,
            layer,
            bar=weights.person_topic_bar,
            window=weights.person_window,
            weights=weights,
        )
        if not chosen:
            return _nothing(texts.nothing_on_topic_by_person, names)
        return render(completed(chosen, layer), texts)
    acts = speech_acts(topic_text, words)
    if acts:
        # "What did Aminata Sow announce?": what the reports say they said with that
        # verb ("Aminata Sow announced that …"), in the order said; the verb of the
        # attribution only ("I would add one warning." says the word, not the warning)
        done = [c for c in candidates if acts & acts_in(_attributed_with(c), words)]
        if done:
            return render(completed(done[:max_sentences], layer), texts)
    main = main_statements(candidates, vectors, max_sentences, layer, weights)
    return render(completed(main, layer), texts)


# Where in a meeting a question asks about (``index.lexicon``: "end", "conclude", "open"
# … and the meeting's own words). Such a question has no topic words a statement says:
# "Summarizing the event, Guo Jun noted that bilateral cooperation … has great
# prospects" shares none with "conclude at the end", and its cosine (0.1) is far under
# the bar; what answers it is where the statement stands.
_END = AT_THE_END
_START = AT_THE_START
_GATHERING = GATHERINGS


def _position(topic: set[str]) -> str | None:
    """ "end" or "start" when the topic says only where in the meeting: its words of
    position (and of the meeting); None otherwise ("What did X conclude about pensions?"
    has a topic: pensions)."""
    for when, marks in (("end", _END), ("start", _START)):
        if topic & marks and not topic - marks - _GATHERING:
            return when
    return None


def _at(candidates: Sequence[Candidate], when: str, k: int) -> list[Candidate]:
    """What the speaker said in closing (``when`` "end") or opening a meeting: the
    statements a report frames so ("Summarizing the event, Guo Jun noted that …",
    "Opening the session, …"), the latest of each report; where no report frames one,
    the speaker's last (or first) statement in each report. Reports most recent first,
    at most ``k``."""
    marks = _END if when == "end" else _START
    framed = [c for c in candidates if _frame(c) & marks]
    by_report: dict[str, Candidate] = {}
    for c in sorted(framed or candidates, key=_start, reverse=when == "start"):
        by_report[c.source.document_id] = c
    ordered = sorted(by_report.values(), key=lambda c: c.source.date or "", reverse=True)
    return ordered[:k]


def _start(c: Candidate) -> int:
    return c.sentence.start


def _frame(c: Candidate) -> set[str]:
    """The stems of the words a report frames a statement with, outside what the
    speaker says ("Summarizing the event, Guo Jun noted that")."""
    text = c.text
    content = c.sentence.content
    at = text.find(content) if content else -1
    outside = text if at < 0 else text[:at] + " " + text[at + len(content) :]
    return content_terms(outside)


def _questions_answer(
    asked: Sequence[Candidate],
    topic: set[str],
    names: str,
    words: terms_.Words,
    k: int,
    layer: SentenceLayer,
    texts: AnswerTexts,
) -> Answer:
    """ "What did X ask?": X's questions in the order asked (a hearing's or a
    deposition's examiner has few statements, or none); "What did X ask about Y?" (Y's
    words the ``topic``): those that say a word of Y, most first. Questions have no
    vector: read by their words."""
    if not topic:
        return render(completed(list(asked[:k]), layer), texts)
    said = [len(content_terms(c.sentence.content, words) & topic) for c in asked]
    order = sorted((i for i, n in enumerate(said) if n), key=lambda i: -said[i])[:k]
    if not order:
        return _nothing(texts.nothing_on_topic_by_person, names)
    return render(completed([asked[i] for i in sorted(order)], layer), texts)


# The words of asking, no topic of the question ("What did X ask?", "… question Powell
# about …"): stems of the English forms.
_ASKING_TERMS = frozenset("ask question inquir enquir".split())


def _questions_of(
    people: PeopleMatch, layer: SentenceLayer, allowed: Callable[[str], bool] | None
) -> list[Candidate]:
    """Every question the speakers ``people`` names ask, as ``_statements_of``."""
    return _candidates(layer.questions_by([p.key for p in people.speakers]), layer, allowed)


def _statements_of(
    people: PeopleMatch, layer: SentenceLayer, allowed: Callable[[str], bool] | None
) -> list[Candidate]:
    """Every statement of the speakers ``people`` names, in the reports ``allowed``
    keeps, in document order (each report read once)."""
    return _candidates(layer.statements_by([p.key for p in people.speakers]), layer, allowed)


def _candidates(
    found: Sequence[StoredSentence], layer: SentenceLayer, allowed: Callable[[str], bool] | None
) -> list[Candidate]:
    """``found`` as candidates, with their reports, those of reports ``allowed`` keeps."""
    stored = [s for s in found if allowed is None or allowed(s.record.document_id)]
    sources: dict[str, Source] = {}
    for s in stored:
        if s.record.document_id not in sources:
            document = layer.document(s.record.document_id)
            if document is not None:
                sources[document.id] = Source.of_document(document)
    return [
        Candidate(sources[s.record.document_id], s.record, s.vector_row)
        for s in stored
        if s.record.document_id in sources
    ]


def introduction_answer(
    people: PeopleMatch,
    layer: SentenceLayer,
    max_sentences: int,
    texts: AnswerTexts,
    allowed: Callable[[str], bool] | None,
) -> Answer | None:
    """ "Who is X?": the statements that name X with the role X speaks in ("…,” said
    Helen Marsh, Chief Executive Officer."), one per report, most recent first; None
    when no statement of theirs names them."""
    chosen: dict[tuple[str, str], Candidate] = {}
    # asked by an office ("Who is the president of …?"): the statements in that office,
    # not those in another ("Ana Ferreira (Chair): Thank you …" of a hearing she chaired)
    offices = {squash(e.role or "") for e in people.speakers} if people.by_role else set()
    for c in _statements_of(people, layer, allowed):
        record = c.sentence
        key = (record.document_id, record.speaker or "")
        if key in chosen or record.tag_start is None or not record.speaker or not record.role:
            continue
        role = squash(record.role)
        if offices and role not in offices:
            continue
        # the role as the text writes it: "vice president. of the PRC ESS ." for "vice
        # president of the PRC ESS"
        if record.speaker in c.text and role in squash(c.text):
            chosen[key] = c
    if not chosen:
        return None
    ordered = sorted(chosen.values(), key=lambda c: c.source.date or "", reverse=True)
    return render(completed(ordered[:max_sentences], layer), texts)


def unknown_person_answer(
    name: str, passages: Sequence[Passage], layer: SentenceLayer, texts: AnswerTexts
) -> Answer:
    """A name in a person's slot that no statement has: the sentences of the passages
    that mention the person (from the sentence layer, with their speakers), cited as
    mentions, or "no statement by X"."""
    key = name_key(name)
    mentions: dict[tuple[str, int], Candidate] = {}
    for p in passages:
        source = Source.of_passage(p)
        for stored in layer.sentences_in(p.document_id, p.start, p.end):
            r = stored.record
            if key and key in name_key(p.document_text[r.start : r.end]):
                mentions.setdefault((p.document_id, r.start), Candidate(source, r, -1))
    if not mentions:
        return _nothing(texts.nothing_by_person, name)
    answer = render(list(mentions.values())[:3], texts)
    intro = texts.only_mentioned.format(name=name)
    return replace(answer, text=f"{intro}\n{answer.text}", note=intro)


def _nothing(template: str, name: str) -> Answer:
    """A "nothing by this person" answer; its first letter a capital ("the Council of
    Portugal speaks in the reports, …" opens a sentence)."""
    text = template.format(name=name)
    return Answer(text[:1].upper() + text[1:], (), found=False)


def _attributed_with(c: Candidate) -> str:
    """The verb a statement is attributed with ("announced that"): its attribution
    words without the speaker's name and role."""
    start, end = c.sentence.tag_start, c.sentence.tag_end
    verb = c.source.text[start:end] if start is not None and end is not None else ""
    for part in (c.sentence.speaker, c.sentence.role):
        if part:
            verb = verb.replace(part, " ")
    return verb
