"""BM25 over chunk texts: stemming, stop words, masks, save and load."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index import lexical

TEXTS = [
    "The council consulted young people on digital skills.",
    "Councils consult trade unions and employers every year.",
    "A recipe for bread: flour, water and salt.",
    "Digital inequalities widen when broadband is scarce.",
]


def index(tmp_path: Path) -> lexical.LexicalIndex:
    folder = tmp_path / "lexical"
    lexical.build(TEXTS, folder)
    return lexical.LexicalIndex(folder, len(TEXTS))


def test_tokenize_stems_and_drops_stop_words() -> None:
    (tokens,) = lexical.tokenize(["The councils were consulting"])
    assert "the" not in tokens
    assert lexical.tokenize(["council"])[0][0] in tokens  # "councils" -> "council"


def test_search_ranks_by_bm25_and_survives_save_load(tmp_path: Path) -> None:
    bm25 = index(tmp_path)
    hits = bm25.search("consulting councils", 4)
    assert {row for row, _ in hits} == {0, 1}
    assert all(score > 0 for _, score in hits)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert bm25.search("digital", 1)[0][0] in (0, 3)


def test_unknown_words_and_stop_words_find_nothing(tmp_path: Path) -> None:
    bm25 = index(tmp_path)
    assert bm25.search("zorblat", 3) == []
    assert bm25.search("the and of", 3) == []


def test_mask_restricts_rows(tmp_path: Path) -> None:
    bm25 = index(tmp_path)
    allowed = np.array([False, True, False, True])
    hits = bm25.search("council digital", 4, allowed)
    assert hits and {row for row, _ in hits} <= {1, 3}


def test_k_larger_than_the_index(tmp_path: Path) -> None:
    assert len(index(tmp_path).search("council", 100)) == 2


# --- per language ------------------------------------------------------------------


def _old_build(texts: list[str], folder: Path) -> None:
    """The index before tokenizers per language: every text through the English one."""
    import bm25s
    import Stemmer

    tokens = bm25s.tokenize(
        texts, stopwords="en", stemmer=Stemmer.Stemmer("english"), show_progress=False
    )
    retriever = bm25s.BM25(k1=lexical.K1, b=lexical.B)
    retriever.index(tokens, show_progress=False)
    retriever.save(str(folder), show_progress=False)


ENGLISH = [
    *TEXTS,
    "Ibn Khaldun (Arabic: ابن خلدون) was a historian; the Muqaddimah, 1377.",
    "Kazan International Airport (Russian: Международный аэропорт Казань) serves Tatarstan.",
    "Jimo (即墨) is a District of Qingdao, Shandong — it's 2,000 km² (771 sq mi).",
    "I Was All His (German: Ich war ihm hörig) is a 1958 West German drama film.",
]
QUERIES = [
    "consulting councils",
    "Which airport serves Kazan?",
    "Who wrote the Muqaddimah in 1377?",
    "district of Qingdao 即墨",
    "West German drama films of the 1950s",
]


def test_english_tokens_and_scores_are_unchanged(tmp_path: Path) -> None:
    """English (and reports of no known language) read exactly as before: same tokens,
    and an index built the new way scores every query as the old one did."""
    import bm25s
    import Stemmer

    old_tokens = bm25s.tokenize(
        ENGLISH + QUERIES,
        stopwords="en",
        stemmer=Stemmer.Stemmer("english"),
        return_ids=False,
        show_progress=False,
    )
    expected = [list(t) for t in old_tokens]
    assert lexical.tokenize(ENGLISH + QUERIES) == expected
    assert lexical.tokenize(ENGLISH + QUERIES, None) == expected
    assert lexical.tokenize(ENGLISH + QUERIES, "sr") == expected  # no tokenizer of its own
    _old_build(ENGLISH, tmp_path / "old")
    lexical.build(ENGLISH, tmp_path / "new", ["en"] * 4 + [None, "sr", "la", None])
    old = lexical.LexicalIndex(tmp_path / "old", len(ENGLISH))
    new = lexical.LexicalIndex(tmp_path / "new", len(ENGLISH), ["en", "sr", "la"])
    for query in QUERIES:
        assert new.search(query, 8) == old.search(query, 8)


def test_snowball_stemmer_and_stopwords_of_the_language() -> None:
    (fr,) = lexical.tokenize(["Les conseils ont consulté les syndicats"], "fr")
    assert "les" not in fr and "conseil" in fr and "syndicat" in fr
    (ru,) = lexical.tokenize(["Пенсионного возраста и пенсионные системы"], "ru")
    assert ru.count("пенсион") == 2 and "и" not in ru
    (es,) = lexical.tokenize(["Los consejos económicos"], "es-ES")
    assert "los" not in es and "consej" in es
    (ar,) = lexical.tokenize(["المجالس الاقتصادية"], "ar")
    assert ar and all(t for t in ar)


def test_chinese_and_japanese_as_character_bigrams() -> None:
    (zh,) = lexical.tokenize(["农民工的社会保障，2025年 WTO"], "zh")
    assert zh[:4] == ["农民", "民工", "工的", "的社"]
    assert "保障" in zh and "2025" in zh and "wto" in zh and "年" in zh
    (ja,) = lexical.tokenize(["デジタルリスク"], "ja")
    assert ja[0] == "デジ" and len(ja) == 6


def test_a_question_is_tokenized_in_its_language_when_reports_are(tmp_path: Path) -> None:
    texts = [
        "Семинар о пенсионной реформе и пенсионном возрасте в Ташкенте.",
        "农民工的社会保障与乡村振兴研讨会。",
        "La formation professionnelle des adultes au cœur des travaux du Bureau.",
        "The council consulted young people on digital skills.",
    ]
    lexical.build(texts, tmp_path / "multi", ["ru", "zh", "fr", "en"])
    bm25 = lexical.LexicalIndex(tmp_path / "multi", 4, ["ru", "zh", "fr", "en"])
    assert bm25.query_tokenizer("Что говорилось о пенсионной реформе?") == "ru"
    assert bm25.search("Что говорилось о пенсионной реформе?", 4)[0][0] == 0
    assert bm25.search("农民工的社会保障有哪些问题？", 4)[0][0] == 1
    assert bm25.search("Qu'a-t-on dit sur la formation des adultes ?", 4)[0][0] == 2
    assert bm25.query_tokenizer("What was said about digital skills?") == "en"
    assert bm25.search("What was said about digital skills?", 4)[0][0] == 3
    # An index of English reports reads every question in English.
    english = lexical.LexicalIndex(tmp_path / "multi", 4, ["en"])
    assert english.query_tokenizer("Qu'a-t-on dit sur la formation des adultes ?") == "en"
