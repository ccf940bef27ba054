"""Chinese and Japanese transcripts: "王丽华：", "主持人：", "陈志强先生：", "司会：" (a name
or an office of two to six characters, a full-width or ASCII colon, no space needed).

Refuses: labels of a record's head and of forms ("时间：", "地点：", "議題：")."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout
from index.lexicon.scripts import HAN, KANA

# Chinese and Japanese transcripts: "王丽华：", "主持人：", "陈志强先生：", "司会：" (a name
# or an office of two to six characters, a full-width or ASCII colon, no space needed).
_CJK_COLON = re.compile(rf"^(?P<name>[{HAN}{KANA}]{{2,6}})\s*[：:]\s*(?=\S)")
# Labels of a record's head and of forms, not people: time, place, date, topic, agenda,
# note, attachment, participants, record, source, editor, content, conclusion, decision…
_CJK_LABEL_WORDS = re.compile(
    "时间|地点|日期|主题|议题|议程|备注|附件|会议|人员|出席|列席|参加|记录|整理|来源|编辑|摄影|题目"
    "|内容|结论|决定|决议|标题|作者|地址|电话|邮箱|联系|主办|承办|协办|单位|关键|摘要|说明|背景|目标"
    "|目的|问题|注意|要点|结果|附注|日時|場所|議題|出席者|参加者|記録|件名|日付|概要|備考"
)


def read(text: str, next_text: str | None) -> Header | None:
    found = _CJK_COLON.match(text)
    if found is None or _CJK_LABEL_WORDS.search(found.group("name")):
        return None
    return Header(found.group("name"), None, found.end(), Layout.CJK)
