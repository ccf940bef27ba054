"""The language of a report or a question: py3langid, loaded once, offline.

py3langid is langid.py (Lui & Baldwin, 2012: byte n-gram naive Bayes over 97
languages) with its model file inside the wheel and numpy as its only dependency; it
reads a short question in about 60 µs. Its probabilities are normalised over all
languages, so a confidence bar tells a text in one language from a list of names, a
table of figures or a mixture.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# A stored language says how a report is tokenized and is a filter users rely on, so it
# must be near certain: running text of a few lines scores ~1.0, while on HotpotQA's
# 4,858 English paragraphs every paragraph scored under 0.95 for another language was
# a short biography full of foreign names (measured 2026-12-01; only two scored over 0.9,
# as Serbian and Latin, neither of which has its own tokenizer).
DOCUMENT_CONFIDENCE = 0.9
# A question is a dozen words: a bar of 0.5 takes "Qui a parlé de l'emploi des jeunes ?"
# (fr 0.94) and "Что говорилось о цифровых рисках?" (ru 0.95) but not a bare name
# ("Lidia Mikheeva": af 0.06), which is left to the default.
QUERY_CONFIDENCE = 0.5
# Regional varieties the model tells apart, scored as their macrolanguage (ISO 639-3):
# a Mandarin sentence is otherwise split between zh 0.55 and Wu 0.45 and meets no bar.
# Arabic's varieties are not folded: an English paragraph that quotes an Arabic name
# (HotpotQA's "Ibn Khaldun") would then pass the document bar as Arabic.
MACROLANGUAGE = {"wuu": "zh", "yue": "zh"}
# Enough running text to decide; the rest of a long report would only cost time.
SAMPLE_CHARS = 5000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect(text: str, min_confidence: float) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None below ``min_confidence``."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    scores: dict[str, float] = {}
    for language, probability in _identifier().rank(sample):
        code = MACROLANGUAGE.get(str(language), str(language))
        scores[code] = scores.get(code, 0.0) + float(probability)
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] >= min_confidence else None


def document_language(text: str) -> str | None:
    return detect(text, DOCUMENT_CONFIDENCE)


# A short question about a person is mostly the person's name, and the model is unsure
# of it ("Qu'a demandé Moussa Ndiaye ?": no language over 0.5): its first word tells
# then, when only one of our languages opens a question with it ("Was" and "Come" are
# English words too, so they tell nothing).
_OPENERS = (
    ("fr", re.compile(r"^(?:Qu['’]|Que\s|Quel(?:le)?s?\s|Pourquoi\s|Combien\s|Comment\s|Où\s)")),
    ("es", re.compile(r"^¿")),
    ("de", re.compile(r"^(?:Wer|Warum|Welche[rsmn]?|Wieso|Weshalb)\s")),
    ("it", re.compile(r"^(?:Cosa|Che\s+cosa|Perché|Quanti|Quante|Chi\s+ha)\s")),
    ("pt", re.compile(r"^(?:O\s+que|Quem|Por\s+que|Quantos|Quantas)\s")),
    ("nl", re.compile(r"^(?:Wat|Waarom|Hoeveel|Hoe|Welke|Wanneer|Waar)\s")),
)


def query_language(text: str) -> str | None:
    found = detect(text, QUERY_CONFIDENCE)
    if found is not None:
        return found
    stripped = text.strip()
    return next((code for code, opener in _OPENERS if opener.match(stripped)), None)


def primary(tag: str | None) -> str | None:
    """``"fr-CA"`` / ``"zh_Hans"`` → ``"fr"`` / ``"zh"``: the part tokenizers and prompts use."""
    if not tag:
        return None
    return tag.replace("_", "-").split("-")[0].strip().lower() or None
