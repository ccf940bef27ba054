"""Chinese and Japanese news style: "劳动者代表陈志强强调，…", "王丽华在开幕致辞中指出，…",
"她说，…", "評議会の田中一郎議長は「…」と述べた。"."""

from __future__ import annotations

import re

from index.attribution.model import Speaker
from index.attribution.state import State, Tag
from index.lexicon import ja, zh
from index.lexicon.scripts import HAN, KANA

# Chinese news style: "劳动者代表陈志强强调，…" (role, name, verb), "王丽华在开幕致辞中指出，…"
# ("in her opening speech"), and "她说，…" / "…。”她说。" for the person named before. A
# name is a common surname and one or two more characters; a role, when there is one,
# ends in a word for a representative or an office.
_ZH_VERB = "(?:" + "|".join(zh.SPEECH_VERBS) + ")"
_ZH_SURNAMES = zh.SURNAMES
_ZH_ROLE_END = "(?:" + "|".join(zh.ROLE_ENDINGS) + ")"
_ZH_ADVERB = "(?:" + "|".join(zh.ADVERBS) + ")?"
# A foreign name is written in syllables joined by a middle dot ("托马斯·恩科西"); "X介绍了
# 南非的经验" (presented the experience of …) is X's part as "X presented …" is.
_ZH_FOREIGN_NAME = rf"[{HAN}]{{2,6}}[·・•][{HAN}]{{1,8}}"
ZH_SPEAKS = re.compile(
    rf"^(?P<role>[^，。：；“”]{{0,24}}?{_ZH_ROLE_END})?"
    rf"(?P<name>{_ZH_FOREIGN_NAME}|[{_ZH_SURNAMES}][{HAN}]{{1,2}})"
    rf"(?:在[^，。；]{{1,24}}?[中上时])?{_ZH_ADVERB}"
    rf"(?:{_ZH_VERB}(?:道)?[，：:,]|(?:{'|'.join(zh.PRESENTING)})了)"
)
# Japanese news: "評議会の田中一郎議長は「…」と述べた。", "佐藤美咲氏は、…と指摘した。": the
# subject (a name, a role or an honorific after it, what it is "of" before it) opens the
# sentence with は, and a verb of saying after と ends it.
_JA_ROLE_SUFFIX = "(?:" + "|".join(ja.ROLE_SUFFIXES) + ")"
JA_SPEAKS = re.compile(
    rf"^(?P<of>[^。「」、]{{1,30}}?の)?(?P<name>[{HAN}][{HAN}{KANA}]{{1,5}}?)"
    rf"(?P<role>{_JA_ROLE_SUFFIX})?は"
)
JA_SAID = re.compile("と(?:" + "|".join(ja.SPEECH_ENDINGS) + ")た。?$")
_JA_HONORIFICS = ja.HONORIFICS
_JA_BODIES = ja.BODY_ENDINGS
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
