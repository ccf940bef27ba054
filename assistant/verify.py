"""Checks one sentence a language model wrote against the passages it was given.

A sentence reaches the user only when all of these hold (pure functions over plain
data; the statement vectors and the embedder are passed in):

1. it cites at least one passage, and only passages it was given (``[9]`` with four
   passages fails, and so does a sentence with no marker);
2. its meaning is close to a statement of a cited passage: the cosine of the sentence
   (embedded by the snapshot's own model) with the statement's stored sentence-layer
   vector clears ``MEANING_BAR``; the statements that clear it (at most
   ``MAX_SUPPORT``, within ``SUPPORT_MARGIN`` of the best) are its support, and its
   citations quote exactly their spans;
3. every number, name, quoted phrase and link in it appears in its support (or in the
   title, date, speaker and role the prompt gave with those statements), and most of its
   content words do (``WORD_COVERAGE``): a sentence that adds an invented claim to a
   true one fails here;
4. a speaker of the snapshot it names is the speaker of a supporting statement, or is
   named in one;
5. no supporting statement reads as an instruction to a model ("ignore previous
   instructions …"): text a report holds is quoted, never obeyed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.terms import content_terms
from index.sentence_layer import SentenceRecord, name_key, plain_text

# Meaning bar: cosine(generated sentence, best statement of the cited passages), both
# MiniLM vectors (the statement's stored one: its words without the attribution).
# Data (calibrate/calibrate_verify.py, 2026-12-01, index of the sample reports + the seed,
# the statements of the passages retrieved for the 47 questions of
# tests/data/answers.jsonl):
# - a statement against the *other* statements of the same retrieved passage (same
#   report, same topic, not the same claim; 3,876 pairs): median 0.21, 95th percentile
#   0.48, 97th 0.53, 99th 0.59. A sentence whose best match scores like this only shares
#   the topic of its passage;
# - a statement against the line an answer renders for it (attribution and role added,
#   "He" replaced by the name: the same claim in other words; 66 statements): 5th
#   percentile 0.71, median 0.85.
# The bar is the middle of the 97th percentile of the first and the 5th of the second
# (0.618): it keeps paraphrases and refuses a sentence that is merely on topic. What it
# cannot see is a sentence that keeps the words and flips the claim ("fired" for
# "moved"): MiniLM puts those close; the fact and word checks below catch some of them.
MEANING_BAR = 0.62
# Statements within this of the best one support the sentence too (a sentence that sums
# up two adjacent statements cites both); at most MAX_SUPPORT of them.
SUPPORT_MARGIN = 0.08
MAX_SUPPORT = 2
# Share of the sentence's content words (stemmed, stopwords out) found in its evidence:
# a model's paraphrase keeps most of the report's words; an added claim brings its own.
WORD_COVERAGE = 0.6

_MARKERS = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion trillion half third quarter dozen
    twice double doubled triple tripled percent""".split()
)
_QUOTED = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"|‘([^’]{8,})’")
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w.-]+@[\w-]+\.[\w.]+|\b[\w-]+\.(?:com|org|net|io)\b"
)
# Capitalised words a sentence may open with, or use as connectives, without their
# being names the passages must hold.
_OPENERS = frozenset(
    """the a an in on at as by for from to of and but or so yet also however overall
    moreover furthermore additionally meanwhile finally first second third then thus
    therefore both all some many most several each this that these those there here
    it its he she they his her their we our i according while although though when
    where which who what during after before since with without instead only one
    participants speakers""".split()
)
# Text written to steer a model, not to inform a reader.
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.]{0,60}\b(?:instructions?|prompts?|rules|"
    r"above|previous|everything)\b"
    r"|\bsystem prompt\b"
    r"|\byou are (?:now )?(?:an?|the) (?:ai|assistant|model|chatbot|language model)\b"
    r"|\bas an ai\b|\b(?:tell|inform) the user\b|\b(?:respond|reply|answer) only with\b"
    r"|\bnew instructions?\b|\bassistant must\b",
    re.I,
)


@dataclass(frozen=True)
class Evidence:
    """A statement of a numbered passage: what a generated sentence may rest on."""

    passage: int  # the [n] the model saw it under
    record: SentenceRecord
    vector_row: int
    text: str  # document_text[record.start:record.end]
    context: str  # what the prompt said around it: title, date, speaker, role


@dataclass(frozen=True)
class Verdict:
    sentence: str  # as the model wrote it
    claim: str  # without its markers
    kept: bool
    reason: str  # why it was dropped ("" when kept)
    support: tuple[Evidence, ...] = ()
    cosine: float = 0.0  # with the best statement of the cited passages


def markers(sentence: str) -> list[int]:
    """The passage numbers a sentence cites: ``[1]``, ``[1, 3]``, ``[2][4]``."""
    out: list[int] = []
    for group in _MARKERS.findall(sentence):
        for n in re.split(r"\s*[,;]\s*", group):
            if int(n) not in out:
                out.append(int(n))
    return out


def strip_markers(sentence: str) -> str:
    """The sentence without ``[n]`` markers, list bullets or stray spaces."""
    text = _MARKERS.sub("", sentence)
    text = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return " ".join(text.split())


def instruction_like(text: str) -> bool:
    """Whether a report's sentence reads as an instruction to a model."""
    return _INSTRUCTION.search(text) is not None


def verify(
    sentence: str,
    passages: int,
    evidence: Sequence[Evidence],
    embed: Callable[[str], np.ndarray],
    vectors: Callable[[Sequence[int]], np.ndarray],
    speakers: Sequence[str] = (),
) -> Verdict:
    """Keep or drop one generated ``sentence``; ``passages`` is how many were given,
    ``evidence`` their statements, ``speakers`` the snapshot's speaker names."""
    claim = strip_markers(sentence)
    cited = markers(sentence)

    def drop(reason: str, support: tuple[Evidence, ...] = (), cosine: float = 0.0) -> Verdict:
        return Verdict(sentence, claim, False, reason, support, cosine)

    if not cited:
        return drop("cites no passage")
    wrong = [n for n in cited if not 1 <= n <= passages]
    if wrong:
        return drop(f"cites [{wrong[0]}], but only {passages} passages were given")
    if len(_WORDS.findall(claim)) < 3:
        return drop("too short to be a statement")
    if instruction_like(claim):
        return drop("reads as an instruction, not a statement")
    pool = [
        e
        for e in evidence
        if e.passage in cited and e.vector_row >= 0 and not instruction_like(e.text)
    ]
    if not pool:
        return drop("the cited passages hold no statement it could rest on")
    query = np.asarray(embed(claim), dtype=np.float32).reshape(-1)
    query = query / (float(np.linalg.norm(query)) or 1.0)
    matrix = vectors([e.vector_row for e in pool])
    matrix = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    cosines = (matrix @ query).tolist()
    best = max(cosines)
    if best < MEANING_BAR:
        return drop(f"its meaning is not close to a cited statement (cosine {best:.2f})", (), best)
    ranked = sorted(range(len(pool)), key=lambda i: -cosines[i])
    chosen = [i for i in ranked if cosines[i] >= max(MEANING_BAR, best - SUPPORT_MARGIN)]
    support = tuple(
        sorted(
            (pool[i] for i in chosen[:MAX_SUPPORT]),
            key=lambda e: (e.passage, e.record.document_id, e.record.start),
        )
    )
    problem = unsupported_facts(claim, support, speakers)
    if problem:
        return drop(problem, support, best)
    return Verdict(sentence, claim, True, "", support, best)


def unsupported_facts(claim: str, support: Sequence[Evidence], speakers: Sequence[str]) -> str:
    """Why ``claim`` says more than ``support`` does, or "" when it does not."""
    said = " ".join(e.text for e in support)
    around = " ".join(e.context for e in support)
    evidence = f"{said} {around}"
    plain = plain_text(evidence)
    words = set(_WORDS.findall(plain))
    words |= {re.sub(r"['’]s$", "", w) for w in words}  # "People's" holds "People"
    numbers = {_digits(n) for n in _NUMBER.findall(evidence)}
    problem = _wrong_speaker(claim, support, speakers)
    if problem:
        return problem
    for n in _NUMBER.findall(claim):
        if _digits(n) not in numbers:
            return f"the number {n} is not in the cited statement"
    claim_words = _WORDS.findall(claim)
    for w in claim_words:
        if w.lower() in _NUMBER_WORDS and plain_text(w) not in words:
            return f"the number '{w}' is not in the cited statement"
    for w in claim_words:
        if len(w) < 2 or not w[0].isupper() or (w.lower() in _OPENERS and not w.isupper()):
            continue
        bare = re.sub(r"['’]s$", "", w)
        if plain_text(bare) not in words:
            return f"'{bare}' is not in the cited statement"
    for groups in _QUOTED.findall(claim):
        quote = next(g for g in groups if g)
        if _squash(quote) not in _squash(said):
            return f"the quotation “{quote}” is not in the cited statement"
    for link in _LINK.findall(claim):
        if link.lower().rstrip(".,;") not in evidence.lower():
            return f"the link {link} is not in the cited statement"
    terms = content_terms(claim)
    if terms:
        covered = len(terms & content_terms(evidence)) / len(terms)
        if covered < WORD_COVERAGE:
            return f"only {covered:.0%} of its words are in the cited statement"
    return ""


def _wrong_speaker(claim: str, support: Sequence[Evidence], speakers: Sequence[str]) -> str:
    """A speaker of the snapshot the claim names must be the speaker of (or be named in)
    a supporting statement: "Guo Jun said X [1]" where [1] is Sofía Herrera's fails."""
    key = f" {name_key(claim)} "
    voices = {name_key(e.record.speaker) for e in support if e.record.speaker}
    said = f" {name_key(' '.join(e.text for e in support))} "
    for name in speakers:
        full = name_key(name)
        parts = full.split()
        if not parts:
            continue
        surname = parts[-1]
        named = f" {full} " in key or (
            len(parts) > 1 and len(surname) > 3 and f" {surname} " in key
        )
        if not named or full in voices:
            continue
        if f" {full} " in said or (len(surname) > 3 and f" {surname} " in said):
            continue
        by = ", ".join(sorted(e.record.speaker or "narration" for e in support))
        return f"it names {name}, but the cited statement is by {by}"
    return ""


def _squash(text: str) -> str:
    return " ".join(_WORDS.findall(plain_text(text)))


def _digits(number: str) -> str:
    """ "1,200" ~ "1200"; "3.5" stays "3.5"; a trailing ".0" is not dropped."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", number):
        return number.replace(",", "")
    return number.replace(",", ".")
