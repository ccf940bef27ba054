"""Chinese: the words of people's names, roles and reported speech (see
``index.lexicon``). Written without spaces, they are read by the Chinese patterns of
attribution (``index.attribution.news_cjk``, ``layouts/cjk.py``), not joined into the
patterns of the other languages."""

# Verbs of saying after a name: "陈志强强调，…", "她说，…".
SPEECH_VERBS = tuple(
    """强调 指出 表示 说 认为 提出 介绍 建议 谈到 提到 呼吁 补充 坦言 透露 总结
    回应 解释 称 主张 警告 承认 希望 重申""".split()
)
# Verbs of presenting, before 了: "X介绍了南非的经验" is X's part as "X presented …" is.
PRESENTING = tuple("介绍 分享 阐述 发表 提出 谈".split())
# Adverbs between a name and its verb: "他也表示".
ADVERBS = tuple("也 还 则 进一步 同时 再次".split())
# Common surnames: a name is one of them and one or two more characters.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
# The last word of a role before a name: a representative, an office, a title.
ROLE_ENDINGS = tuple(
    """代表 主席 会长 理事长 秘书长 主任 部长 局长 教授 委员 专家 负责人 院长
    所长 经理 先生 女士 大使 研究员 总干事 主持人""".split()
)
# Labels of a record's head and of forms, not people: time, place, date, topic, agenda,
# note, attachment, participants, record, source, editor, content, conclusion, decision…
FORM_LABELS = tuple(
    """时间 地点 日期 主题 议题 议程 备注 附件 会议 人员 出席 列席 参加 记录
    整理 来源 编辑 摄影 题目 内容 结论 决定 决议 标题 作者 地址 电话 邮箱
    联系 主办 承办 协办 单位 关键 摘要 说明 背景 目标 目的 问题 注意 要点
    结果 附注""".split()
)

# Words of speech in a question about a person ("What did X say …?", "X's views", "Qu'a
# dit X ?"), as regular-expression alternatives: ``assistant.people`` reads a question
# with one as asking what was said.
ASKED_SPEECH = (
    r"说|讲|表示|认为|指出|强调|提出|建议|谈到|观点|看法|意见|立场|主张|发言|提到|呼吁",
)
