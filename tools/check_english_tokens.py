#!/usr/bin/env python
"""English text reads through BM25 exactly as before tokenizers per language.

    .venv/bin/python tools/check_english_tokens.py [CORPUS.jsonl]

Loads a BEIR corpus (default: ../shared/datasets/hotpotqa_dev_distractor_500) as a build
does, so every paragraph gets the language a build stores, and its queries; tokenizes
each lexical text ("title ×2 + text") in its paragraph's language and each query as the
served index would, and compares with the single English tokenizer of before. When all
are identical the BM25 index, the lexical ranking and so the hybrid figures of the
README are unchanged without a rebuild. Exit status 1 when any differs.
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

import bm25s
import Stemmer

from index import lexical
from index.config import BuildConfig
from index.load import load_sources
from index.models import Document

DEFAULT = Path(__file__).resolve().parents[1] / (
    "../shared/datasets/hotpotqa_dev_distractor_500/corpus.jsonl"
)


def english(texts: list[str]) -> list[list[str]]:
    tokens = bm25s.tokenize(
        texts,
        stopwords="en",
        stemmer=Stemmer.Stemmer("english"),
        return_ids=False,
        show_progress=False,
    )
    return [list(t) for t in tokens]


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    docs = [d for d in load_sources([corpus], BuildConfig()) if isinstance(d, Document)]
    texts = [f"{d.title}\n{d.title}\n{d.text}" for d in docs]
    languages = [d.language for d in docs]
    same_docs = lexical.tokenize_each(texts, languages) == english(texts)
    index_languages = {lexical.tokenizer_language(lang) for lang in languages}
    queries_file = corpus.with_name("queries.jsonl")
    queries = (
        [json.loads(line)["text"] for line in queries_file.open(encoding="utf-8")]
        if queries_file.is_file()
        else []
    )
    read_as = collections.Counter(
        lexical.LexicalIndex.query_tokenizer_for(q, index_languages) for q in queries
    )
    print(f"{len(docs)} paragraphs, languages stored: {collections.Counter(languages)}")
    print(f"tokenizers of the index: {sorted(index_languages)}")
    print(f"paragraph tokens identical to the English tokenizer's: {same_docs}")
    print(f"{len(queries)} queries read as: {dict(read_as)}")
    return 0 if same_docs and set(read_as) <= {"en"} else 1


if __name__ == "__main__":
    sys.exit(main())
