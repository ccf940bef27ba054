"""The complete stage: the chosen statements as an answer quotes them.

A lead-in with what follows it ("X presented the survey." and the next sentence), a
quotation made whole (a statement that opens a quote brings the sentences up to its
closing mark), an interview reply with the question it answers. What the render stage
(``assistant.answer.render``) then cites.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant import terms as terms_
from assistant.answer.candidates import Candidate, SentenceLayer
from assistant.terms import content_terms
from index.lexicon import announces_more
from index.sentence_layer import SentenceRecord, after_turn_header

# How many sentences a quotation may run on past the statement chosen (``whole_quotes``).
QUOTE_REACH = 3
# A statement that only announces its speaker's subject ("Sofía Herrera, President of
# …, focused on cybersecurity.", "A: Yes, when they trust the institution.") says
# what was said in the next sentence of the same speaker and paragraph ("She explained
# that attacks on hospitals … had doubled"): at most LEAD_IN_WORDS content words after
# its attribution (``with_what_follows``). Over the sample reports 18 of 306 statements
# are lead-ins by this count, all followed by what the speaker said; at 4 words the
# count takes in short statements that stand alone ("Trust is built by people …").
LEAD_IN_WORDS = 3


def completed(chosen: Sequence[Candidate], layer: SentenceLayer) -> list[Candidate]:
    """The chosen statements as an answer quotes them: a lead-in with what follows it,
    quotes whole, an interview reply with its question."""
    return with_their_question(whole_quotes(with_what_follows(chosen, layer), layer), layer)


def with_what_follows(chosen: Sequence[Candidate], layer: SentenceLayer) -> list[Candidate]:
    """``chosen``, each lead-in (a statement that names its speaker and a subject but
    says little: ``LEAD_IN_WORDS``, or announces what follows: "X presented the survey")
    followed by the next sentence when the same speaker says it in the same paragraph."""
    have = {(c.source.document_id, c.sentence.start) for c in chosen}
    out = list(chosen)
    for c in chosen:
        s, tag = c.sentence, c.sentence.tag
        if tag is None:
            continue
        said = c.text[tag[1] :] if tag[0] == 0 else s.content
        words = terms_.words_for(c.source.language)
        if len(content_terms(said, words)) > LEAD_IN_WORDS and not announces_more(said):
            continue
        for w in layer.sentences_in(s.document_id, s.end, s.end + 1000)[:1]:
            r, key = w.record, (s.document_id, w.record.start)
            same = r.paragraph == s.paragraph and r.speaker == s.speaker
            if r.statement and same and key not in have:
                have.add(key)
                out.append(Candidate(c.source, r, w.vector_row, score=c.score))
    return out


def with_their_question(chosen: Sequence[Candidate], layer: SentenceLayer) -> list[Candidate]:
    """``chosen``, the first sentence of an interview reply ("A: Because a pension system
    only protects …") with the question it answers: a reply alone often says nothing
    ("Yes, when they trust the institution."). The sentence layer stores which turn a
    turn replies to (``SentenceRecord.replies_to``: the "Q:" paragraph before an "A:"
    reply, or another speaker's question right before a turn labelled by name)."""
    out = []
    for c in chosen:
        turn = _question_turn_before(c, layer)
        if turn:
            c = replace(c, asked=_turn_span(turn, c.source.text), asker=turn[0].speaker)
        out.append(c)
    return out


def _question_turn_before(c: Candidate, layer: SentenceLayer) -> list[SentenceRecord]:
    """The sentences of the turn ``c`` replies to: from ``replies_to`` up to ``c``, in
    the paragraph that starts the question."""
    s = c.sentence
    if s.replies_to is None:
        return []
    before = [
        w.record
        for w in layer.sentences_in(s.document_id, s.replies_to, s.start)
        if w.record.end <= s.start
    ]
    return [r for r in before if r.paragraph == before[0].paragraph] if before else []


def _turn_span(turn: Sequence[SentenceRecord], text: str) -> tuple[int, int, int]:
    """Where a turn starts, where its words start (after "Q: ", "Name: ") and ends."""
    first = turn[0]
    return (
        first.start,
        first.start + after_turn_header(text[first.start : first.end], first.tag),
        turn[-1].end,
    )


def whole_quotes(chosen: Sequence[Candidate], layer: SentenceLayer) -> list[Candidate]:
    """``chosen``, each quotation made whole: a statement that opens a quote closed
    further on (“Online meetings are cheap … does. For 2023 I propose a mixed model …,”
    he said.) brings the sentences up to the closing mark, and one that closes a quote
    opened before brings those from the opening mark, within its paragraph and at most
    ``QUOTE_REACH`` sentences away. A quote cut in half says half of what was said, and
    the line would have to add a mark the report does not have."""
    have = {(c.source.document_id, c.sentence.start) for c in chosen}
    out = list(chosen)
    for c in chosen:
        text = c.text
        marks = next(
            ((o, e) for o, e in (("“", "”"), ("«", "»")) if text.count(o) != text.count(e)), None
        )
        if marks is None:
            continue
        opened = text.count(marks[0]) - text.count(marks[1])
        s = c.sentence
        reach = QUOTE_REACH * 400  # characters: sentences are rarely longer
        window = (
            layer.sentences_in(s.document_id, s.end, s.end + reach)
            if opened > 0
            else layer.sentences_in(s.document_id, max(0, s.start - reach), s.start)[::-1]
        )
        near = [w for w in window if w.record.paragraph == s.paragraph][:QUOTE_REACH]
        for w in near:
            if w.record.speaker != s.speaker:
                break
            key = (s.document_id, w.record.start)
            if key not in have:
                have.add(key)
                out.append(Candidate(c.source, w.record, w.vector_row, score=c.score))
            said = c.source.text[w.record.start : w.record.end]
            if (marks[1] if opened > 0 else marks[0]) in said:
                break
    return out
