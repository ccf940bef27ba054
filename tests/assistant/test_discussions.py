"""Discussions: a meeting's topic segments, found at build time, searched and answered.

A real index (the bundled model) of one board meeting written here, "Speaker: words" a
paragraph, that talks about two things in turn (the pension fund, then a youth football
tournament), and of one written report with no turns. The build must split the meeting
where its topic changes and leave the report alone; ``/v1/search`` must return the
segment on a query's topic with its speakers; "Summarize the discussion about X" must
quote the voices of the stretch on X only, in the order they spoke.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.auth import create_key
from assistant.retrieve import Filters
from assistant.service import AssistantService
from index.config import BuildConfig
from index.snapshot import Snapshot
from tests.helpers import build_test_index, serve, settings_for

pytestmark = pytest.mark.slow

PENSIONS = [
    (
        "Chair",
        "Good morning, everyone. The first item is the staff pension fund. "
        "Its trustees sent us the yearly valuation last week.",
    ),
    (
        "Treasurer",
        "The fund holds assets of four million euros against liabilities of four point six "
        "million. That leaves a funding gap of about thirteen percent.",
    ),
    (
        "Chair",
        "How did the gap grow since the last valuation? It was under five percent three years ago.",
    ),
    (
        "Treasurer",
        "Lower interest rates raised the value of the pensions we owe. "
        "The returns on the bond portfolio also fell short of the actuary's assumption.",
    ),
    (
        "Staff Representative",
        "Staff are worried that their pensions will be cut. "
        "Several colleagues asked me whether the accrued benefits are safe.",
    ),
    (
        "Treasurer",
        "Accrued benefits are protected by law and by the trust deed. "
        "Only future accrual could be changed, and only after consultation.",
    ),
    (
        "Staff Representative",
        "Then we ask for a consultation before any change to the accrual rate. "
        "The union would rather see higher contributions than lower pensions.",
    ),
    (
        "Chair",
        "The actuary proposes a recovery plan over eight years. "
        "The employer would pay an extra one point five percent of salaries into the fund.",
    ),
    (
        "Treasurer",
        "Our budget can carry the extra contribution if we delay the office refurbishment. "
        "I recommend that the board accept the eight-year recovery plan.",
    ),
    (
        "Staff Representative",
        "Staff would also accept a small rise in their own contribution rate. "
        "Half a percent of salary was mentioned at the staff assembly.",
    ),
    (
        "Chair",
        "Then the board agrees to the recovery plan and to consult staff on contributions. "
        "The trustees will report on the funding level again next spring.",
    ),
    (
        "Treasurer",
        "I will ask the actuary for a second valuation using the new mortality tables. "
        "Retirees are living longer, and the pension liabilities should reflect that.",
    ),
    (
        "Staff Representative",
        "Please share the valuation report with the staff committee as well. "
        "Transparency about the pension fund will calm many fears.",
    ),
    (
        "Chair",
        "Agreed, the valuation and the recovery plan will go to the staff committee. "
        "That closes the pension item.",
    ),
]

FOOTBALL = [
    (
        "Chair",
        "The next item is the youth football tournament in June. "
        "Our youth officer has prepared the plans for the pitches and the teams.",
    ),
    (
        "Youth Officer",
        "Sixteen teams of under-fourteen players have registered so far. "
        "Each team plays three group matches on the first Saturday.",
    ),
    (
        "Chair",
        "Where will the matches be played? "
        "Last year the municipal stadium was booked for a concert.",
    ),
    (
        "Youth Officer",
        "The school sports ground has four grass pitches we can use for free. "
        "The final will be played at the municipal stadium on Sunday afternoon.",
    ),
    (
        "Treasurer",
        "Referees, kits and trophies will cost about six thousand euros. "
        "A local sportswear shop has offered to sponsor the team shirts.",
    ),
    (
        "Youth Officer",
        "We also need volunteers to run the stands and keep score on every pitch. "
        "Parents of the players have already signed up for most shifts.",
    ),
    (
        "Staff Representative",
        "Staff members could coach a team of refugee children from the reception centre. "
        "Sport is a good way for them to make friends in the town.",
    ),
    (
        "Youth Officer",
        "A refugee team is a wonderful idea, and we still have two places in the draw. "
        "I will contact the reception centre about the players and their boots.",
    ),
    (
        "Chair",
        "What happens if it rains on the Saturday of the group matches? "
        "The grass pitches at the school flood easily.",
    ),
    (
        "Youth Officer",
        "The sports hall next to the school can host shorter indoor matches. "
        "Teams would play five-a-side games for twenty minutes instead of full matches.",
    ),
    (
        "Treasurer",
        "The hall rental adds four hundred euros, which the sponsorship covers. "
        "Ticket sales for the final should bring in another thousand euros.",
    ),
    (
        "Staff Representative",
        "Free entry for the players' families would keep the tournament open to everyone. "
        "Tickets could be sold only to other spectators at the final.",
    ),
    (
        "Youth Officer",
        "Families will get free wristbands at registration on the first morning. "
        "The medals and the winners' trophy will be handed out after the final whistle.",
    ),
    (
        "Chair",
        "Thank you, the board approves the football tournament plan and its budget. "
        "The meeting is closed.",
    ),
]

REPORT = """Annual report of the council's communications office

The communications office published twelve newsletters this year. The website had two
hundred thousand visits, a fifth more than the year before. A new style guide for all
publications was adopted in March, and every report now carries a plain-language summary.
"""


def meeting_text() -> str:
    turns = [f"{speaker}: {words}" for speaker, words in PENSIONS + FOOTBALL]
    return "Board meeting of the staff council, 14 May 2025\n\n" + "\n\n".join(turns) + "\n"


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory, model_cache: Path) -> BuildConfig:
    root = tmp_path_factory.mktemp("discussions")
    reports = root / "reports"
    reports.mkdir()
    (reports / "board-meeting.txt").write_text(meeting_text(), encoding="utf-8")
    (reports / "communications-report.txt").write_text(REPORT, encoding="utf-8")
    return build_test_index(root / "index", model_cache, [reports])


@pytest.fixture(scope="module")
def service(config: BuildConfig) -> AssistantService:
    from assistant.app import build_service

    svc = build_service(settings_for(config))
    assert svc.load()
    return svc


def _meeting_id(service: AssistantService) -> str:
    (meeting,) = [d for d in service.state.snapshot.documents() if "board" in d.source]
    return meeting.id


def _text(service: AssistantService) -> str:
    return service.state.snapshot.document(_meeting_id(service)).text  # type: ignore[union-attr]


def _football_start(service: AssistantService) -> int:
    """Where the first football turn starts in the meeting's text (as indexed)."""
    return _text(service).index("Chair: The next item is the youth football tournament")


def test_the_meeting_is_split_where_its_topic_changes(service: AssistantService) -> None:
    snapshot: Snapshot = service.state.snapshot
    segments = [s.segment for s in snapshot.segments_of()]
    meeting = _meeting_id(service)
    assert segments, "no segments were built"
    assert {s.document_id for s in segments} == {meeting}, "a report without turns was split"
    assert len(segments) >= 2
    assert snapshot.manifest["counts"]["segments"] == len(segments)
    text = _text(service)
    starts = [s.start for s in segments]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(segments))
    boundary = _football_start(service)
    # one boundary within a turn or two of the change of topic (each turn is ~2 lines)
    assert min(abs(s.start - boundary) for s in segments[1:]) <= 400, (starts, boundary)
    # every boundary opens a turn: never inside a speaker's words
    assert all(s.start == 0 or text[s.start - 2 : s.start] == "\n\n" for s in segments[1:])
    assert all(len(s.speakers) >= 2 for s in segments)


def test_search_returns_the_segment_on_the_topic(service: AssistantService) -> None:
    found = service.search("football tournament pitches and teams", top_k=3, segments=True)
    assert found.segments, "no segment returned for a transcript"
    best = found.segments[0]
    assert best.start >= _football_start(service) - 400
    assert "Youth Officer" in best.speakers
    assert best.text == _text(service)[best.start : best.end]
    assert service.search("football tournament", top_k=3).segments is None


def test_a_discussion_is_answered_with_the_voices_of_its_stretch(
    service: AssistantService,
) -> None:
    meeting = _meeting_id(service)
    answer = service.answer(
        "Summarize the discussion about the youth football tournament.",
        filters=Filters(document_ids=(meeting,)),
    ).answer
    assert answer.found, answer.text
    starts = [c.start for c in answer.citations]
    assert all(s >= _football_start(service) - 400 for s in starts), answer.text
    assert starts == sorted(starts), "the voices are not in the order they spoke"
    speakers = {c.speaker for c in answer.citations}
    assert len(speakers) >= 3, answer.text  # the voices of the stretch, not one speaker
    pensions = service.answer(
        "What did the board discuss about the pension fund's funding gap?",
        filters=Filters(document_ids=(meeting,)),
    ).answer
    assert pensions.found, pensions.text
    assert all(c.start < _football_start(service) for c in pensions.citations), pensions.text


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, config: BuildConfig) -> Iterator[dict]:
    keys_file = tmp_path_factory.mktemp("discussions-api") / "keys.json"
    key, _ = create_key(keys_file, ["query"], "tests")
    with serve(settings_for(config, api_keys_file=keys_file)) as url:
        yield {"url": url, "headers": {"Authorization": f"Bearer {key}"}}


def test_v1_search_returns_segments_when_asked(server: dict, service: AssistantService) -> None:
    body = {"query": "refugee children team and the rain on the pitches", "top_k": 2}
    plain = httpx.post(f"{server['url']}/v1/search", json=body, headers=server["headers"])
    assert plain.status_code == 200, plain.text
    assert plain.json()["segments"] is None
    asked = httpx.post(
        f"{server['url']}/v1/search", json={**body, "segments": True}, headers=server["headers"]
    )
    assert asked.status_code == 200, asked.text
    segments = asked.json()["segments"]
    assert 1 <= len(segments) <= 2
    first = segments[0]
    assert first["rank"] == 1 and first["start"] >= _football_start(service) - 400
    assert _text(service)[first["start"] : first["end"]] == first["passage"]
    assert "Youth Officer" in first["speakers"]
    wrong = httpx.post(
        f"{server['url']}/v1/search",
        json={**body, "segments": "sometimes"},
        headers=server["headers"],
    )
    assert wrong.status_code == 422 and "segments" in wrong.text
