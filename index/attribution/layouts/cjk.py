"""Chinese and Japanese transcripts: "王丽华：", "主持人：", "陈志强先生：", "司会：" (a name
or an office of two to six characters, a full-width or ASCII colon, no space needed).

Refuses: labels of a record's head and of forms ("时间：", "地点：", "議題：")."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout
from index.lexicon import ja, zh
from index.lexicon.scripts import HAN, KANA

# Chinese and Japanese transcripts: "王丽华：", "主持人：", "陈志强先生：", "司会：" (a name
# or an office of two to six characters, a full-width or ASCII colon, no space needed).
_CJK_COLON = re.compile(rf"^(?P<name>[{HAN}{KANA}]{{2,6}})\s*[：:]\s*(?=\S)")
# Labels of a record's head and of forms, not people (``index.lexicon``).
_CJK_LABEL_WORDS = re.compile("|".join(zh.FORM_LABELS + ja.FORM_LABELS))


def read(text: str, next_text: str | None) -> Header | None:
    found = _CJK_COLON.match(text)
    if found is None or _CJK_LABEL_WORDS.search(found.group("name")):
        return None
    return Header(found.group("name"), None, found.end(), Layout.CJK)
