"""Caption files of recorded meetings as transcripts: WebVTT (what Teams, Zoom and
YouTube export) and SubRip (.srt).

A caption file cuts speech into cues of a few seconds, each with a number, a time range
and a line or two of words; the speaker, where the file says, is a voice tag
(``<v Ana Ferreira>Good morning</v>``, Teams) or a label before the words
(``Ana Ferreira: Good morning``, Zoom). The text kept is one paragraph per turn,
``Name: words`` (the layout ``index.attribution.layouts.colon`` reads), without numbers,
times or tags; cues without a speaker run on as prose.
"""

from __future__ import annotations

import html
import re

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING = re.compile(rf"^{_TIME}\s*-->\s*{_TIME}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)*\s+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[^>]*>")  # <i>, </v>, <c.yellow>, <00:00:01.000>
# "Ana Ferreira: …", "MODERATOR: …", ">> Ben Okoro: …" (broadcast captions)
_LABEL = re.compile(
    r"^(?:>>\s*)?(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|da|van|von|der|la|le)){0,5})"
    r":\s+"
)
_DIALOGUE_DASH = re.compile(r"^[-–—]\s+")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*$")
# Cues without a speaker run on as one paragraph until it is about this long and a cue
# ends a sentence: a subtitle file is read as prose, not as one line a cue.
PROSE_PARAGRAPH_CHARS = 800


def caption_text(raw: str) -> str:
    """The words of a WebVTT or SubRip file, one paragraph per speaker turn."""
    blocks = re.split(r"\n[ \t]*\n", raw.replace("\r\n", "\n").replace("\r", "\n"))
    turns: list[tuple[str | None, list[str]]] = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        timing = next((i for i, line in enumerate(lines) if _TIMING.match(line)), None)
        if timing is None:
            continue  # the WEBVTT header, NOTE and STYLE blocks
        speaker, words = _cue(" ".join(lines[timing + 1 :]))
        if not words:
            continue
        if speaker is None and turns and turns[-1][0] is not None:
            turns[-1][1].append(words)  # a cue without a label goes on with the speaker
        elif turns and turns[-1][0] == speaker and not _full(turns[-1]):
            turns[-1][1].append(words)
        else:
            turns.append((speaker, [words]))
    paragraphs = [
        f"{speaker}: {' '.join(words)}" if speaker else " ".join(words) for speaker, words in turns
    ]
    return "\n\n".join(paragraphs)


def _cue(text: str) -> tuple[str | None, str]:
    """(speaker, words) of one cue's text."""
    voice = _VOICE.search(text)
    speaker = " ".join(voice.group(1).split()) if voice else None
    words = " ".join(html.unescape(_TAG.sub(" ", text)).split())
    words = _DIALOGUE_DASH.sub("", words)
    if speaker is None:
        label = _LABEL.match(words)
        if label is not None:
            speaker, words = label.group("name"), words[label.end() :]
    return speaker, words


def _full(turn: tuple[str | None, list[str]]) -> bool:
    """An unlabelled paragraph long enough to end where its last cue ends a sentence."""
    speaker, words = turn
    if speaker is not None:
        return False
    return sum(len(w) + 1 for w in words) >= PROSE_PARAGRAPH_CHARS and bool(
        _SENTENCE_END.search(words[-1])
    )
