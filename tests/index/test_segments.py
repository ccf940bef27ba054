"""Topic segments on hand-made records: where TextTiling over statement vectors cuts."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from index.segments import MIN_STATEMENTS, topic_segments
from index.sentence_layer import SentenceRecord


def records(doc: str, topics: list[int], speakers: int = 3, per_turn: int = 2):
    """One statement per topic label, ``per_turn`` statements a turn, speakers in turn;
    each statement 10 characters long; the vectors point along their topic's axis."""
    out, vectors = [], []
    rng = np.random.default_rng(7)
    for i, topic in enumerate(topics):
        turn = (i // per_turn) * per_turn * 10
        out.append(
            SentenceRecord(
                document_id=doc,
                ordinal=i,
                start=i * 10,
                end=i * 10 + 9,
                paragraph=turn,
                speaker=f"Speaker {i // per_turn % speakers}",
                role=None,
                statement=True,
                tag_start=None,
                tag_end=None,
                content="words",
                layout="colon",
                turn=turn,
            )
        )
        v = np.zeros(16, np.float32)
        v[topic] = 1.0
        v += rng.normal(0, 0.3, 16).astype(np.float32)
        vectors.append(v / np.linalg.norm(v))
    return out, np.vstack(vectors)


def test_a_record_is_cut_where_its_topic_changes_at_a_turn() -> None:
    recs, vectors = records("m", [0] * 31 + [1] * 33)
    segments, seg_vectors = topic_segments(recs, vectors)
    assert [s.ordinal for s in segments] == [0, 1]
    # the change falls inside a turn (statement 31 of 2-statement turns): the cut
    # moves to a turn's start, one statement away at most
    assert segments[1].start in (300, 320)
    assert segments[0].end <= segments[1].start
    assert seg_vectors.shape == (2, 16)
    assert np.allclose(np.linalg.norm(seg_vectors, axis=1), 1.0, atol=1e-5)
    assert seg_vectors[0][0] > 0.8 and seg_vectors[1][1] > 0.8
    assert segments[0].speakers == ("Speaker 0", "Speaker 1", "Speaker 2")


def test_segments_cover_a_long_record_in_order_and_never_shorter_than_the_minimum() -> None:
    recs, vectors = records("m", [0] * 30 + [1] * 30 + [2] * 30 + [0] * 30)
    segments, _ = topic_segments(recs, vectors)
    assert len(segments) == 4
    assert sum(s.statements for s in segments) == len(recs)
    assert all(s.statements >= MIN_STATEMENTS for s in segments)
    assert all(a.end <= b.start for a, b in pairwise(segments))


def test_a_record_without_turns_or_too_short_is_not_split() -> None:
    recs, vectors = records("m", [0] * 20 + [1] * 20)
    no_turns = [r.__class__(**{**r.__dict__, "turn": None}) for r in recs]
    assert topic_segments(no_turns, vectors)[0] == []
    one_voice = [r.__class__(**{**r.__dict__, "speaker": "Only"}) for r in recs]
    assert topic_segments(one_voice, vectors)[0] == []
    short, short_vectors = records("m", [0] * 10 + [1] * 12)
    (whole,) = topic_segments(short, short_vectors)[0]
    assert (whole.start, whole.end, whole.statements) == (0, short[-1].end, 22)


def test_each_document_is_segmented_on_its_own() -> None:
    a, va = records("a", [0] * 30 + [1] * 30)
    news, vn = records("b", [2] * 8)
    news = [r.__class__(**{**r.__dict__, "turn": None}) for r in news]
    c, vc = records("c", [3] * 30 + [4] * 30)
    segments, vectors = topic_segments(a + news + c, np.vstack([va, vn, vc]))
    assert [(s.document_id, s.ordinal) for s in segments] == [
        ("a", 0),
        ("a", 1),
        ("c", 0),
        ("c", 1),
    ]
    assert vectors[2][3] > 0.8 and vectors[3][4] > 0.8
