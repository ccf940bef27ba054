"""Chinese and Japanese news style: "劳动者代表陈志强强调，…", "王丽华在开幕致辞中指出，…",
"她说，…", "評議会の田中一郎議長は「…」と述べた。"."""

from __future__ import annotations

import re

from index.attribution.model import Speaker
from index.attribution.state import State, Tag
from index.lexicon.scripts import HAN, KANA

# Chinese news style: "劳动者代表陈志强强调，…" (role, name, verb), "王丽华在开幕致辞中指出，…"
# ("in her opening speech"), and "她说，…" / "…。”她说。" for the person named before. A
# name is a common surname and one or two more characters; a role, when there is one,
# ends in a word for a representative or an office.
_ZH_VERB = (
    r"(?:强调|指出|表示|说|认为|提出|介绍|建议|谈到|提到|呼吁|补充|坦言|透露|总结|回应|解释"
    r"|称|主张|警告|承认|希望|重申)"
)
_ZH_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
_ZH_ROLE_END = (
    r"(?:代表|主席|会长|理事长|秘书长|主任|部长|局长|教授|委员|专家|负责人|院长|所长|经理|先生"
    r"|女士|大使|研究员|总干事|主持人)"
)
_ZH_ADVERB = r"(?:也|还|则|进一步|同时|再次)?"
# A foreign name is written in syllables joined by a middle dot ("托马斯·恩科西"); "X介绍了
# 南非的经验" (presented the experience of …) is X's part as "X presented …" is.
_ZH_FOREIGN_NAME = rf"[{HAN}]{{2,6}}[·・•][{HAN}]{{1,8}}"
ZH_SPEAKS = re.compile(
    rf"^(?P<role>[^，。：；“”]{{0,24}}?{_ZH_ROLE_END})?"
    rf"(?P<name>{_ZH_FOREIGN_NAME}|[{_ZH_SURNAMES}][{HAN}]{{1,2}})"
    rf"(?:在[^，。；]{{1,24}}?[中上时])?{_ZH_ADVERB}"
    rf"(?:{_ZH_VERB}(?:道)?[，：:,]|(?:介绍|分享|阐述|发表|提出|谈)了)"
)
# Japanese news: "評議会の田中一郎議長は「…」と述べた。", "佐藤美咲氏は、…と指摘した。": the
# subject (a name, a role or an honorific after it, what it is "of" before it) opens the
# sentence with は, and a verb of saying after と ends it.
_JA_ROLE_SUFFIX = (
    r"(?:副議長|議長|会長|副会長|代表|委員長|理事長|事務局長|局長|社長|教授|大臣|知事|市長|部長"
    r"|所長|理事|委員|氏|さん)"
)
JA_SPEAKS = re.compile(
    rf"^(?P<of>[^。「」、]{{1,30}}?の)?(?P<name>[{HAN}][{HAN}{KANA}]{{1,5}}?)"
    rf"(?P<role>{_JA_ROLE_SUFFIX})?は"
)
JA_SAID = re.compile(
    r"と(?:述べ|語っ|指摘し|強調し|説明し|話し|訴え|明らかにし|主張し|提案し|発言し|答え|呼びかけ"
    r"|報告し|警告し)た。?$"
)
_JA_HONORIFICS = frozenset({"氏", "さん"})
_JA_BODIES = tuple("政府 省 庁 会 党 社 国 府 県 市 局 組合 連合 銀行 大学 機関 団体 企業".split())
_ZH_PRONOUN = re.compile(rf"^[”」]?\s*(?:他|她){_ZH_ADVERB}{_ZH_VERB}(?:道)?(?P<end>[，：:,]|。?$)")


def japanese_tag(found: re.Match[str], state: State) -> Tag | None:
    name, suffix, of = found.group("name", "role", "of")
    parts = [of[:-1] if of else "", suffix if suffix and suffix not in _JA_HONORIFICS else ""]
    role = "".join(parts) or None
    if name in ("彼", "彼女"):  # "彼は「…」と語った": the person named before
        return Tag(state.current, False, True, (0, found.end())) if state.current else None
    # a surname alone ("佐藤氏は") is the one person named before whose name begins so
    known = [s for s in state.known.values() if s.name.startswith(name) and s.name != name]
    if len(known) == 1:
        return Tag(
            state.remember(Speaker(known[0].name, role or known[0].role)),
            True,
            True,
            (0, found.end()),
        )
    if suffix is None and (len(name) < 3 or name.endswith(_JA_BODIES)):
        return None  # "日本は", "日本政府は": a place or a body, no one named
    return Tag(state.remember(Speaker(name, role)), True, True, (0, found.end()))


def chinese_pronoun_tag(text: str, speaker: Speaker | None, before: Speaker | None) -> Tag | None:
    """ "她说，…": the speaker of this paragraph; "”她说。" after a quote: also the speaker
    of the paragraph before (a quote paragraph after their words). Chinese pronouns do not
    reach across paragraphs otherwise: "他认为" after an unnamed "来自非洲成员理事会的代表"
    is not the person named earlier."""
    match = _ZH_PRONOUN.match(text)
    if match is None:
        return None
    trailing = match.group("end") not in ("，", "：", ":", ",")
    who = speaker or (before if trailing else None)
    if who is None:
        return None
    return Tag(who, False, trailing, (0, len(text) if trailing else match.end()))
