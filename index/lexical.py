"""The lexical index: BM25 (bm25s) over the same chunks as the vectors.

Row ``i`` of the lexical index is row ``i`` of the FAISS index and of the
``chunks`` table. Saved as numpy arrays and JSON (no pickle) in its own folder.

Each chunk is tokenized in its report's language: the Snowball stemmer (PyStemmer) and,
where bm25s has them, the stopwords of that language; Chinese and Japanese, written
without spaces, as overlapping character bigrams (the standard CJK analyser of Lucene
and Elasticsearch, ``cjk_bigram``). A question is tokenized in its own language when
reports of that language are in the index, in English otherwise. A report of no known
language is tokenized in English, as every report was before.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import bm25s.stopwords
import numpy as np
import Stemmer
from bm25s.tokenization import Tokenized

from index.language import primary, query_language
from index.lexicon.scripts import CJK

# Robertson & Zaragoza's usual k1=1.5, b=0.75; English stopwords and the Snowball
# English stemmer: the configuration bm25s documents and BENCHMARKS.md measured.
K1, B = 1.5, 0.75
STOPWORDS = "en"
DEFAULT_LANGUAGE = "en"

# ISO 639-1 → Snowball algorithm, for the languages of the association's members that
# have one. Serbian is left out: langid confuses it with Croatian and Bosnian, and
# English paragraphs full of Serbo-Croatian names are labelled Serbian.
SNOWBALL = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}
# The languages bm25s has a stopword list for (nltk's lists), and the list's name in
# ``bm25s.stopwords`` (``STOPWORDS_GERMAN``); the answer composer reads the same lists
# (``stopwords``, ``assistant.terms``).
BM25S_STOPWORDS = {
    "da": "DANISH",
    "de": "GERMAN",
    "en": "ENGLISH",
    "es": "SPANISH",
    "fr": "FRENCH",
    "it": "ITALIAN",
    "nl": "DUTCH",
    "no": "NORWEGIAN",
    "pt": "PORTUGUESE",
    "ru": "RUSSIAN",
    "sv": "SWEDISH",
    "tr": "TURKISH",
}
# Written without spaces between words: Han ideographs, kana.
BIGRAM_LANGUAGES = {"zh", "ja"}
_CJK_RUN = re.compile(f"[{CJK}]+")
# A CJK run, or another word of two letters or more (bm25s's default ``\w\w+``).
_CJK_TOKEN = re.compile(rf"[{CJK}]+|(?:(?![{CJK}])\w){{2,}}")


def stopwords(language: str | None) -> frozenset[str]:
    """The stopwords BM25 drops from text of ``language`` (none when bm25s has no list)."""
    listed = BM25S_STOPWORDS.get(primary(language) or "")
    return frozenset(getattr(bm25s.stopwords, f"STOPWORDS_{listed}")) if listed else frozenset()


def tokenizer_language(language: str | None) -> str:
    """The language whose tokenizer reads text of ``language`` (English when we have none)."""
    code = primary(language)
    return code if code in SNOWBALL or code in BIGRAM_LANGUAGES else DEFAULT_LANGUAGE


@lru_cache(maxsize=32)
def _stemmer(language: str = DEFAULT_LANGUAGE) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(SNOWBALL[language])


# The frame of a Chinese question, "讨论了什么" (discussed what), "说了什么" (said what): a
# verb of speech before "what" asks, it names no topic. As bigrams it matched a report
# on another subject that has a "讨论" (Discussion) heading above the report the question
# names ("青年论坛在达喀尔讨论了什么？": the Dakar Youth Forum's).
_CJK_ASKING = re.compile(
    r"(?:讨论|说|谈|谈到|提到|表示|提出|介绍|认为|指出|强调|述べ|話し|語っ)(?:了|た)?(?:什么|哪些|何を|何と)"
)


def _bigrams(text: str) -> list[str]:
    """CJK runs as overlapping character bigrams (a lone character as itself); other
    words of two or more letters or digits, lowercased, as they are."""
    tokens: list[str] = []
    for match in _CJK_TOKEN.finditer(text):
        word = match.group()
        if _CJK_RUN.fullmatch(word):
            tokens += [word] if len(word) == 1 else [word[i : i + 2] for i in range(len(word) - 1)]
        else:
            tokens.append(word.lower())
    return tokens


def tokenize(texts: Sequence[str], language: str | None = DEFAULT_LANGUAGE) -> list[list[str]]:
    """Each text's BM25 tokens, read as ``language`` (see ``tokenizer_language``)."""
    code = tokenizer_language(language)
    if code in BIGRAM_LANGUAGES:
        return [_bigrams(t) for t in texts]
    tokens = bm25s.tokenize(
        list(texts),
        stopwords=code if code in BM25S_STOPWORDS else None,
        stemmer=_stemmer(code),
        return_ids=False,
        show_progress=False,
    )
    return [list(t) for t in tokens]


def tokenize_each(texts: Sequence[str], languages: Sequence[str | None]) -> list[list[str]]:
    """``texts[i]`` tokenized in ``languages[i]``, one tokenizer call per language."""
    out: list[list[str]] = [[] for _ in texts]
    groups: dict[str, list[int]] = {}
    for i, language in enumerate(languages):
        groups.setdefault(tokenizer_language(language), []).append(i)
    for code, rows in groups.items():
        for row, tokens in zip(rows, tokenize([texts[r] for r in rows], code), strict=True):
            out[row] = tokens
    return out


def build(
    texts: Sequence[str], folder: Path, languages: Sequence[str | None] | None = None
) -> None:
    """``languages[i]``: the language of the report ``texts[i]`` comes from."""
    if languages is None:
        languages = [None] * len(texts)
    if len(languages) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(languages)} languages; they must be equal")
    vocab: dict[str, int] = {}
    tokens = tokenize_each(texts, languages)
    ids = [[vocab.setdefault(w, len(vocab)) for w in doc] for doc in tokens]
    retriever = bm25s.BM25(k1=K1, b=B)
    retriever.index(Tokenized(ids=ids, vocab=vocab), show_progress=False)
    retriever.save(str(folder), show_progress=False)


class LexicalIndex:
    """``languages``: the languages of the indexed reports (a question is tokenized in
    its own language only when it is one of them)."""

    def __init__(self, folder: Path, size: int, languages: Collection[str] = ()) -> None:
        self._bm25 = bm25s.BM25.load(str(folder), mmap=False)
        self._vocab = self._bm25.vocab_dict
        self.size = size
        self.languages = frozenset(tokenizer_language(lang) for lang in languages if lang)

    def query_tokenizer(self, query: str) -> str:
        """The language ``query`` is tokenized in."""
        return self.query_tokenizer_for(query, self.languages)

    @staticmethod
    def query_tokenizer_for(query: str, languages: Collection[str]) -> str:
        """Its own language's tokenizer when the index has reports of it, else English."""
        if set(languages) <= {DEFAULT_LANGUAGE}:
            return DEFAULT_LANGUAGE
        code = tokenizer_language(query_language(query))
        return code if code in languages else DEFAULT_LANGUAGE

    def search(
        self, query: str, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(row, score) best first; ``allowed`` is a boolean mask over rows."""
        language = self.query_tokenizer(query)
        if language in BIGRAM_LANGUAGES:
            query = _CJK_ASKING.sub(" ", query)
        tokens = tokenize([query], language)[0]
        words = [w for w in tokens if w in self._vocab]
        if not words or self.size == 0:
            return []
        ids = [self._vocab[w] for w in words]
        scores = self._bm25.get_scores(ids)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(r), float(scores[r])) for r in top if scores[r] > 0]
