"""Japanese: the words of people's roles and reported speech (see ``index.lexicon``),
read by the Japanese patterns of attribution (``index.attribution.news_cjk``,
``layouts/cjk.py``)."""

# A role or an honorific after a name: "田中一郎議長は", "佐藤美咲氏は".
ROLE_SUFFIXES = tuple(
    """副議長 議長 会長 副会長 代表 委員長 理事長 事務局長 局長 社長 教授 大臣
    知事 市長 部長 所長 理事 委員 氏 さん""".split()
)
# Of those, the honorifics, which are no role.
HONORIFICS = frozenset({"氏", "さん"})
# Verbs of saying after と that end the sentence: "と述べた", "と指摘した".
SPEECH_ENDINGS = tuple(
    """述べ 語っ 指摘し 強調し 説明し 話し 訴え 明らかにし 主張し 提案し
    発言し 答え 呼びかけ 報告し 警告し""".split()
)
# Endings of a body's name, no one's: "日本政府は".
BODY_ENDINGS = tuple(
    "政府 省 庁 会 党 社 国 府 県 市 局 組合 連合 銀行 大学 機関 団体 企業".split()
)
# Labels of a record's head and of forms, not people.
FORM_LABELS = tuple("日時 場所 議題 出席者 参加者 記録 件名 日付 概要 備考".split())

# Words of speech in a question about a person ("What did X say …?", "X's views", "Qu'a
# dit X ?"), as regular-expression alternatives: ``assistant.people`` reads a question
# with one as asking what was said.
ASKED_SPEECH = (r"言った|述べ|語っ|指摘|発言",)
