"""Turn headers, and the labels a transcript teaches: who takes the floor."""

from __future__ import annotations

from index.attribution import attribute, label_at, learned_header, learned_labels
from index.sentences import split_sentences

# A design meeting of our own: roles as labels, one of them a single word that is no
# name ("Marketing"), one that looks like a heading word joined by "A" ("Grad A").
DESIGN_MEETING = """Product design meeting, functional design

Project Manager: Right, let us start with the remote control. We have twenty minutes.

Marketing: Our survey says people lose their remote all the time. They want it to beep.

Industrial Designer: A beeper costs very little. I can fit one beside the battery.

Marketing: Young users also asked for a soft, spongy case in bright colours.

Grad A: Could the case be made of recycled rubber?

Project Manager: Good. Marketing, please send the survey figures by Friday.

Grad A: I will look up the price of recycled rubber.
"""

# A committee of our own: members with constituencies, a chair's office with its holder.
COMMITTEE = """Standing committee on fisheries

The Chair (Hon. Ruth Alder (Lakeshore North, Lib.)): I call the meeting to order.

Mr. Paul d'Aubigny (Coastal West, CPC): Thank you, Madam Chair. How many boats were inspected?

Ms. Lena Okafor: About four hundred this season. The figures are in our report.

Mr. Paul d'Aubigny (Coastal West, CPC): Is that more than last year?

Ms. Lena Okafor: Yes, by a third.

The Chair (Hon. Ruth Alder (Lakeshore North, Lib.)): Thank you both.
"""


def said_by(text: str) -> dict[str, str | None]:
    sentences = split_sentences(text)
    return {
        s.text: a.speaker.name if a.speaker else None
        for s, a in zip(sentences, attribute(sentences), strict=True)
    }


def test_a_transcript_teaches_its_own_labels() -> None:
    labels = learned_labels([p.split("\n")[0] for p in DESIGN_MEETING.split("\n\n") if p.strip()])
    assert {"Project Manager", "Marketing", "Grad A"} <= labels
    by = said_by(DESIGN_MEETING)
    # "Marketing:" and "Grad A:" were never headers: their words went to the speaker before
    assert by["They want it to beep."] == "Marketing"
    assert by["Marketing: Young users also asked for a soft, spongy case in bright colours."] == (
        "Marketing"
    )
    assert by["Grad A: Could the case be made of recycled rubber?"] == "Grad A"
    assert by["I can fit one beside the battery."] == "Industrial Designer"


def test_labels_with_constituencies_and_a_chair_holding_the_office() -> None:
    sentences = split_sentences(COMMITTEE)
    attributions = attribute(sentences)

    def speaker(opening: str) -> tuple[str, str | None]:
        (found,) = [
            a.speaker
            for s, a in zip(sentences, attributions, strict=True)
            if s.text.startswith(opening)
        ][:1]
        assert found is not None
        return found.name, found.role

    assert speaker("The Chair (Hon. Ruth") == ("Ruth Alder", "The Chair")
    assert speaker("Mr. Paul d'Aubigny") == ("Mr. Paul d'Aubigny", "Coastal West, CPC")
    assert speaker("The figures are in") == ("Ms. Lena Okafor", None)


def test_no_labels_are_learned_from_a_form_or_a_report() -> None:
    form = [
        "Meeting of the board",
        "Date: 4 March 2025",
        "Action: the secretariat drafts the budget.",
        "The board discussed the budget at length and agreed on most points.",
        "Action: Ana Lima contacts the auditors.",
        "Decision: the meeting approved the accounts.",
        "The next meeting takes place in May.",
        "Several members asked for more time to read the documents.",
    ]
    assert learned_labels(form) == frozenset()
    # one label repeated is no exchange of turns
    monologue = ["Note: first point.", "Note: second point.", "A paragraph of text."]
    assert learned_labels(monologue) == frozenset()


def test_a_label_is_what_stands_before_the_first_colon() -> None:
    assert label_at("Postdoc A: so the results hold.") == "Postdoc A"
    assert label_at("Action: Ana to write.") is None  # labels a form
    assert label_at("It works. But then: we stop.") is None  # a sentence, no label
    header = learned_header("Mr. Brian Tall (Windsor East, NDP): Yes.")
    assert (header.name, header.role) == ("Mr. Brian Tall", "Windsor East, NDP")
    assert "Mr. Brian Tall (Windsor East, NDP): Yes."[header.length :] == "Yes."
