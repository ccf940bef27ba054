"""Language data in one place (``index.lexicon``): attribution and the questions about
people read the same lists, and one CJK class serves every module."""

from __future__ import annotations

import re

import pytest

from index import lexicon
from index.lexicon import announces_more
from index.lexicon.scripts import CJK, HAN, KANA
from tests.conftest import REPO


def test_attribution_and_people_read_the_same_lists() -> None:
    from assistant import people
    from index.attribution import names, persons
    from index.attribution.layouts import minutes

    assert {t.rstrip(".") for t in lexicon.TITLES} == people._TITLES
    assert lexicon.TITLES <= persons.TITLES and persons.COURTESY == lexicon.COURTESY
    assert persons.ROLE_WORDS == lexicon.ROLE_WORDS
    assert people._BODIES == lexicon.BODY_WORDS <= persons.NOT_NAMES
    assert names.ROLE_NAMES == lexicon.CHAIR_TITLES
    # every language's attendance label opens a list
    for label in ("Present", "Présents", "Anwesend", "Asistentes", "Aanwezig", "Presenti"):
        assert minutes._ATTENDANCE.match(f"{label}: Ana Lima (Chair), Ben Okoro")


@pytest.mark.parametrize(
    ("verb", "language"),
    [
        ("noted", "en"),
        ("a souligné", "fr"),
        ("отметила", "ru"),
        ("afirmó", "es"),
        ("sublinhou", "pt"),
        ("ha sottolineato", "it"),
        ("betonte", "de"),
        ("benadrukte", "nl"),
    ],
)
def test_each_language_s_speech_verbs_join_the_one_pattern(verb: str, language: str) -> None:
    module = getattr(lexicon, language)
    assert any(re.fullmatch(v, verb) for v in module.SPEECH_VERBS)
    assert re.fullmatch(lexicon.SPEECH_VERBS, verb)


def test_a_lead_in_announces_what_follows_in_each_language() -> None:
    assert announces_more("presented the results of the survey.")
    assert announces_more("a présenté l'enquête.") and announces_more("stellte die Studie vor.")
    assert not announces_more("presentations were made.")


def test_the_cjk_class_is_written_once() -> None:
    """Every CJK range in the packages comes from ``index/lexicon/scripts.py``."""
    ranges = re.compile(r"\\u(?:4e00|3040|3400|f900)|[一㐀豈ぁ]-")
    written = [
        f"{path.relative_to(REPO)}:{n}"
        for package in ("index", "assistant")
        for path in sorted((REPO / package).rglob("*.py"))
        if path.name != "scripts.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ranges.search(line)
    ]
    assert not written, written
    assert re.fullmatch(f"[{CJK}]+", "王丽华さん") and re.fullmatch(f"[{HAN}{KANA}]+", "司会")
