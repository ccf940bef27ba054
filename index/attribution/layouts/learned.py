"""The labels a transcript takes turns under, learned from the document rather than
recognised by their look ("Marketing:", "Grad A:", "The Chair (Hon. Anthony Rota
(…)):").

Refuses: a document whose repeated labels open too few of its paragraphs (a form, a
news report), labels of forms ("Action:"), a sentence before a colon ("It works. So
the plan:"), credit lines."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout
from index.attribution.names import (
    LINE_CHAIRS,
    MAX_NAME_WORDS,
    NOT_A_FIRST_NAME,
    PARTICLE_WORDS,
    as_written,
    label_role,
    plausible_person,
)
from index.attribution.procedure import is_credit_line

# A transcript's own turn labels, learned from the document rather than recognised by
# their look: "Marketing:", "Grad A:", "Postdoc A:", "Mr. Chris d'Entremont:", "The Chair
# (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.)):". A label is the text before the
# first colon of a paragraph (at most LABEL_MAX_WORDS words, no sentence inside it); a
# document's labels are those that open at least LABEL_MIN_TURNS paragraphs, when such
# repeated labels open at least LABEL_SHARE of the paragraphs from the first of them on
# and there are at least two of them: a small set of voices taking turns, which is what
# a transcript is, whatever its labels look like. Measured 2026-12-06 on QMSum's 197
# development meetings (eval/meetings.py): every meeting's labels are learned (share
# 0.93-1.0; "Marketing" had 0 of 2,903 sentences, "Grad A" and "Postdoc A" none, their
# words going to the previous speaker); a form or a news report repeats "Note:" or
# "Action:" far less often than half its paragraphs, and words that label forms
# (``NOT_A_FIRST_NAME``) are never learned.
LABEL_MIN_TURNS = 2
LABEL_SHARE = 0.5
LABEL_MAX_WORDS = 12
_LABEL = re.compile(
    r"^(?P<label>[^\W\d_][^:：\n!?;]{0,119}?)(?:\s*\((?P<paren>(?:[^()\n]|\([^()\n]*\))+)\))?"
    r"\s*[:：]\s+(?=\S)"
)


def label_at(text: str) -> str | None:
    """The label before the first colon of a paragraph's first sentence, as written
    ("The Chair (Hon. Anthony Rota (…))"), when it can be a speaker's."""
    found = _LABEL.match(text)
    if found is None or is_credit_line(text):
        return None  # "Interviewer: Paulo Mendes, newsletter editor." credits, says nothing
    label = found.group("label").strip()
    words = label.split()
    if not words or len(words) + len((found.group("paren") or "").split()) > LABEL_MAX_WORDS:
        return None
    if re.search(r"[.!?]\s+[a-z]", label) or any(w.lower() in NOT_A_FIRST_NAME for w in words):
        return None  # "It works. So the plan:" is speech; "Action:" labels a form
    return text[: found.end()].rstrip().rstrip(":：").rstrip()


def learned_labels(first_sentences: list[str]) -> frozenset[str]:
    """The labels a document's paragraphs (their first sentences, in order) take turns
    under; empty when it is no transcript (see ``LABEL_SHARE``)."""
    labels = [label_at(text) for text in first_sentences]
    counts: dict[str, int] = {}
    for label in labels:
        if label is not None:
            counts[label] = counts.get(label, 0) + 1
    repeated = {label for label, n in counts.items() if n >= LABEL_MIN_TURNS}
    if len(repeated) < 2:
        return frozenset()
    first = next(i for i, label in enumerate(labels) if label in repeated)
    opened = sum(label in repeated for label in labels[first:])
    if opened < LABEL_SHARE * len(labels[first:]):
        return frozenset()
    # in a transcript, a voice heard once is a turn too when its label is written as a
    # name is ("Kirsty Williams AM:", "Mr. Chris d'Entremont (West Nova, CPC):")
    return frozenset(repeated | {label for label in counts if _written_as_name(label)})


def _written_as_name(label: str) -> bool:
    """Every word capitalised, a name's particle, or "d'Entremont"."""
    words = re.sub(r"\s*\(.*$", "", label).split()
    return 1 <= len(words) <= MAX_NAME_WORDS and all(
        w[:1].isupper() or w.lower() in PARTICLE_WORDS or re.match(r"^[a-z]['’][A-Z]", w)
        for w in words
    )


def learned_header(text: str) -> Header:
    """The header of a paragraph that opens with a learned label: "Mr. Brian Masse
    (Windsor West, NDP)" → Mr. Brian Masse, "Windsor West, NDP"; a chair's office before
    its holder, "The Chair (Hon. Anthony Rota (…))" → Anthony Rota, "The Chair"."""
    found = _LABEL.match(text)
    if found is None:
        raise ValueError(f"no label opens {text[:40]!r}")
    name, paren = found.group("label").strip(), found.group("paren")
    role = paren
    if paren is not None:
        holder = re.sub(r"\s*\([^()]*\)\s*$", "", paren).strip()
        holder = re.sub(r"^(?:Hon\.|The\s+Hon(?:ourable)?\.?)\s+", "", holder)
        office = re.sub(r"^The\s+", "", name)
        if office.lower() in LINE_CHAIRS and plausible_person(holder):
            name, role = holder, name
    return Header(as_written(name), label_role(role), found.end(), Layout.LEARNED)
