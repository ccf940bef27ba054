"""What one pass of attribution over a document knows so far, and a speaker tag found
in a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from index.attribution.model import Speaker


class State:
    """What one pass over a document knows so far (local to one ``attribute`` call)."""

    def __init__(self) -> None:
        self.known: dict[str, Speaker] = {}  # by name; the role once the report gave it
        self.by_role: dict[str, Speaker] = {}  # "chair": whom an attendance list names so
        self.by_initials: dict[str, Speaker] = {}  # "PS": Priya Shah (PS) of the list
        self.current: Speaker | None = None  # the person a pronoun tag refers to
        self.last_paragraph: Speaker | None = None  # speaker of the previous paragraph

    def remember(self, speaker: Speaker) -> Speaker:
        old = self.known.get(speaker.name)
        if speaker.role is None and old is not None:
            return old
        self.known[speaker.name] = speaker
        return speaker


@dataclass(frozen=True)
class Tag:
    """A speaker tag found in a sentence."""

    speaker: Speaker
    named: bool  # the sentence names the speaker (not "she said")
    trailing: bool  # the tag ends the sentence: what came before is the speaker's
    span: tuple[int, int]  # the attribution words in the sentence
    ends_with_verb: bool = False  # "…, Ilya Semin said." (the role may follow)
