"""The characters of the scripts written without spaces between words: one CJK class for
every place that asks "is this Chinese or Japanese text?", and its parts for the places
that mean one script only (a Chinese name is Han characters, not kana)."""

# Hiragana and katakana.
KANA = "\u3040-\u30ff"
# CJK Unified Ideographs: the Han characters of running Chinese and Japanese text.
HAN = "\u4e00-\u9fff"
# Extension A and the compatibility ideographs: rarer Han characters.
HAN_EXTENSION_A = "\u3400-\u4dbf"
HAN_COMPATIBILITY = "\uf900-\ufaff"
# Hangul syllables (Korean names).
HANGUL = "\uac00-\ud7af"
# Chinese and Japanese text, as a regular-expression class body: "[{CJK}]".
CJK = KANA + HAN_EXTENSION_A + HAN + HAN_COMPATIBILITY
# Capitals and small letters of Latin-1, Latin Extended-A and Cyrillic ("Léa", "Sofía",
# "Łukasz", "Иван"), as regular-expression class bodies; Extended-A mixes cases, so it
# counts as both.
UPPER = "A-ZÀ-ÖØ-ÞĀ-žА-ЯЁ"
LOWER = "a-zß-öø-ÿĀ-žа-яё"
# The Cyrillic block (Russian, Ukrainian, Bulgarian …): a question in it is read as
# Russian where the language detector gives none (``index.naming``).
CYRILLIC = "\u0400-\u04ff"
