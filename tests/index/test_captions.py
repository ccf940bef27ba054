"""Caption files (WebVTT, SubRip) read as transcripts."""

from __future__ import annotations

from pathlib import Path

from index.captions import caption_text
from index.config import BuildConfig
from index.load import load_sources
from index.models import Document, Failure

TEAMS = """WEBVTT

NOTE exported by the meeting software

a1-1
00:00:03.120 --> 00:00:07.480
<v Lena Park>Good morning. Let us begin with the survey.</v>

a1-2
00:00:07.480 --> 00:00:10.000
<v Lena Park>Thirty councils answered it.</v>

a1-3
00:00:10.500 --> 00:00:15.900
<v Omar Haddad>Most of them want <i>shorter</i> reports,
and they want them in &quot;plain&quot; language.</v>
"""

ZOOM_SRT = """1
00:00:01,000 --> 00:00:04,000
MODERATOR: Welcome to the webinar.

2
00:00:04,500 --> 00:00:09,000
Omar Haddad: Thank you. Reports should be shorter.

3
00:00:09,500 --> 00:00:13,000
- And they should be in plain language.
"""


def test_voice_tags_make_one_paragraph_a_turn() -> None:
    assert caption_text(TEAMS) == (
        "Lena Park: Good morning. Let us begin with the survey. Thirty councils answered it."
        '\n\nOmar Haddad: Most of them want shorter reports, and they want them in "plain" '
        "language."
    )


def test_labels_before_the_words_and_cues_that_go_on() -> None:
    assert caption_text(ZOOM_SRT) == (
        "MODERATOR: Welcome to the webinar.\n\n"
        "Omar Haddad: Thank you. Reports should be shorter. And they should be in plain language."
    )


def test_subtitles_without_speakers_are_prose() -> None:
    cues = "\n\n".join(
        f"{i}\n00:00:{i:02d},000 --> 00:00:{i + 1:02d},000\nThe council met, sentence {i}."
        for i in range(1, 40)
    )
    text = caption_text(cues)
    assert "-->" not in text and "sentence 39." in text
    # cut into paragraphs where a cue ends a sentence, not one line a cue
    assert 1 < text.count("\n\n") + 1 < 39


def test_a_caption_file_is_a_document_titled_and_dated_by_its_name(tmp_path: Path) -> None:
    (tmp_path / "survey-call-2025-05-12.vtt").write_text(TEAMS, encoding="utf-8")
    (tmp_path / "empty.srt").write_text("1\n\n2\n", encoding="utf-8")
    items = list(load_sources([tmp_path], BuildConfig()))
    documents = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [(d.title, d.date) for d in documents] == [("Survey call", "2025-05-12")]
    assert documents[0].text.startswith("Lena Park: Good morning.")
    assert [Path(f.path).name for f in failures] == ["empty.srt"]
    assert "no captions" in failures[0].reason
