"""Who said each sentence of a news report: the cues of reported speech.

Reports introduce a speaker in a few ways, all handled here:
- name before the verb: "Lidia Mikheeva noted that …", "Summarizing the event, Guo Jun
  noted that …", "…, Ilya Semin said.";
- role around the name: "Secretary of the Civic Chamber, Lidia Mikheeva, noted …",
  "Sergey Grebennikov, member of the Commission …, noted …";
- verb before the name: "…, said Guo Jun, vice president of …", "…, - a underlined
  Evgenia Dmitrieva, member of the Commission …", "according to Jane Doe, …";
- the role in the sentences after "X said.": "First Deputy Chairman of …";
- a pronoun tag, "“…,” she said.", which takes the person last named, and gives that
  person to the sentences of the same paragraph before it (the start of the quote).

A speaker carries over to the following sentences of the same paragraph, and to a
following paragraph that opens with a quotation mark, until another is named. A
sentence that names a person doing something else ("X invited …") is not a statement
of X, but makes X the person that a later "she said" refers to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.attribution.layouts.minutes import INITIALS_SUBJECT, ROLE_SUBJECT, attendance
from index.attribution.model import Attribution, Speaker
from index.attribution.news_cjk import (
    JA_SAID,
    JA_SPEAKS,
    ZH_SPEAKS,
    chinese_pronoun_tag,
    japanese_tag,
)
from index.attribution.persons import (
    FIRST_PERSON,
    NAME,
    PERSON,
    ROLE_BETWEEN,
    ROLE_WORDS,
    clean_role,
    looks_like_role,
    overlapping,
    role_before_name,
    speaker_from,
)
from index.attribution.procedure import is_credit_line
from index.attribution.speech import AUX, DISCOURSE, FR_PARTICIPLE, VERBS
from index.attribution.state import State, Tag
from index.sentences import Sentence

_NAME_THEN_VERB = re.compile(rf"{NAME}{ROLE_BETWEEN}\s+{AUX}{VERBS}\b")
# A role between the article and the name: "sagte die Vorsitzende Petra Lange", "según la
# consejera Lucía Ramos" (its last word must be a role word, ``ROLE_WORDS``).
ROLE_PRE = (
    r"(?:(?:the|die|der|la|el|le|il|o|a)\s+(?P<role_pre>[\w'’-]+(?:\s+[\w'’-]+){0,2}?),?\s+"
    # an article before an honorific: "Toma la palabra el Sr. Javier Ruiz"
    r"|(?:el|la|le|der|die)\s+(?=(?:Sr|Sra|Srta|M|Mme|Herr|Frau)\.?\s)"
    # Dutch writes a role in lower case before the name, with no article ("volgens
    # wethouder Sanne de Boer", "zei minister Jansen")
    r"|(?P<role_bare>[a-zß-öø-ÿ]+)\s+(?=[A-Z]))?"
)
_VERB_THEN_NAME = re.compile(rf"\b{VERBS}\s+(?:by\s+)?{ROLE_PRE}{NAME}(?P<after>,\s+|\s*[.;]|\s*$)")
# "according to X", "selon X", "d'après X", "по словам X" (a Russian name in the genitive
# there: "по словам Ивана Петрова"; speaker_from finds the person named before).
_ACCORDING = (
    r"(?:\b[Aa]ccording\s+to|\b[Ss]elon|\b[Dd]['’]après|(?<!\w)[Пп]о\s+словам|\b[Ss]egún"
    r"|\b[Ss]econdo|\b[Ll]aut|\b[Vv]olgens)"
)
_ACCORDING_TO = re.compile(rf"{_ACCORDING}\s+{ROLE_PRE}{NAME}(?P<after>,\s+|\s*[.;]|\s*$)")
_PRONOUN_TAG = re.compile(
    rf"(?:\b(?:[Ss]he|[Hh]e)\s+{AUX}{VERBS}\b|\b{VERBS}\s+(?:she|he)\b"
    r"|\b[Aa]ccording\s+to\s+(?:her|him)\b"
    # "Elle a souligné que", "a-t-il déclaré", "déclare-t-elle", "selon elle"
    rf"|\b(?:[Ii]l|[Ee]lle)\s+{VERBS}(?!\w)|\ba-t-(?:il|elle)\s+{FR_PARTICIPLE}(?!\w)"
    r"|\b\w+-t-(?:il|elle)\b|\b(?:[Ss]elon|[Dd]['’]après)\s+(?:elle|lui)\b"
    # "Она подчеркнула, что", "— отметил он", "по её словам"
    rf"|(?<!\w)(?:[Оо]н|[Оо]на)\s+(?:также\s+)?{VERBS}(?!\w)|(?<!\w){VERBS}\s+(?:он|она)(?!\w)"
    r"|(?<!\w)[Пп]о\s+(?:её|ее|его)\s+словам(?!\w)"
    # "Ella afirmó", "Ele disse", "Er betonte", "Lei ha detto"
    rf"|\b(?:[Ee]lla|[Éé]l|[Ee]le|[Ee]la|Er|Sie|[Ll]ui|[Ll]ei|[Hh]ij|[Zz]ij)\s+{VERBS}(?!\w)"
    # "zei hij", "aldus zij"
    rf"|\b{VERBS}\s+(?:hij|zij)\b)"
)
# "X invited …", "Opening the meeting, X, President of …, welcomed …": X acts.
# "Mayor Pieter Jansen of Den Helder welcomed …": the place a role's holder is of
_OF_PLACE = r"(?P<of_place>\s+of\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})?"
_ACTS = rf"{NAME}{_OF_PLACE}{ROLE_BETWEEN}\s+{AUX}[a-z]+(?:ed|s)\b"
_PRONOUN_SUBJECT = re.compile(rf"^(?:He|She)\s+{AUX}[a-z]+")  # "She presented figures …"
_SUBJECT_ACTS = (
    re.compile(rf"^[“\"‘']?{_ACTS}"),
    re.compile(rf"^[^,“”\"]{{0,60}},\s+{_ACTS}"),
)

_SPEAKS = rf"{NAME}{ROLE_BETWEEN}\s+{AUX}(?:{VERBS}|{DISCOURSE})\b"
_SUBJECT_SPEAKS = (
    re.compile(rf"^[“\"‘']?{_SPEAKS}"),
    re.compile(rf"^[^,“”\"]{{0,60}},\s+{_SPEAKS}"),
)

# Sentences about the meeting or other people, not the paragraph's speaker.
_NARRATION = re.compile(
    r"^(?:In\s+(?:the\s+discussion|conclusion|response|reply)|Several|Participants|Delegates"
    r"|Delegations|Members|Many|Some|Others?\b|Both|All|Everyone|Nobody|No\s+one|Speakers"
    r"|The\s+(?:Board|secretariat|Association|General\s+Assembly|delegates|participants"
    r"|meeting|seminar|webinar|forum|workshop|hearing|conference|session|outgoing|next|other"
    r"|audience|chair|moderator|organisers|organizers)\b|It\s+was\b|There\s+(?:was|were|is|are)\b"
    # the body itself acts, in the languages of the news above: "El Consejo presentó …"
    r"|(?:El|La|Le|Der|Die|Das|Il|O|A)\s+(?:Consejo|Conseil|Consiglio|Conselho|Rat|Comité"
    r"|Comisión|Commission|Gobierno|Gouvernement|Governo|Regierung|Asamblea|Assemblée"
    r"|Secretaría|Secrétariat|Sekretariat)\b)"
)
_OPENING_QUOTE = re.compile(r"""^\s*["“‘«„]""")
_OPENS_QUOTE = re.compile(r"""[“«„]|^\s*["‘]|\s"(?=\w)""")

# "noted that", "said:", "a souligné que", "qu'", "отметил, что"
_THAT = re.compile(r"(?:,?\s+(?:that\b|que\b|qu['’]|что\b|dass\b|daß\b|che\b))?[\s,:]*")
_LEAD_IN = re.compile(r"[\s,;“”„«»\"'\-–—]*(?:\b[a-z]\s+)?$")  # ", - a underlined", ",” she said"


def read_paragraph(
    sentences: Sequence[Sentence], out: list[Attribution], offset: int, state: State
) -> None:
    speaker: Speaker | None = None
    reported = False  # the speaker's last words were reported speech ("X noted that …")
    pending: list[int] = []  # sentences whose speaker a later tag may give
    awaiting_role: Speaker | None = None  # "X said." was read; the role may follow
    role_texts: list[str] = []
    quote_depth = 0
    for k, sentence in enumerate(sentences):
        index = offset + k
        text = sentence.text
        in_quote = quote_depth > 0 or bool(_OPENING_QUOTE.match(text))
        quote_depth = _quote_depth_after(text, quote_depth)
        if awaiting_role is not None and looks_like_role(text, allow_title_case=bool(role_texts)):
            role_texts.append(text)
            role = clean_role(" ".join(role_texts))
            with_role = state.remember(Speaker(awaiting_role.name, role))
            speaker = state.current = with_role
            for m in range(offset, index):
                before = out[m].speaker
                if before is not None and before.name == with_role.name:
                    out[m] = Attribution(with_role, out[m].named, out[m].role_only)
            out[index] = Attribution(with_role, role_only=True)
            continue
        awaiting_role, role_texts = None, []
        if is_credit_line(text):
            out[index] = Attribution(role_only=True)  # no one's statement
            continue
        if attendance(text, state):
            out[index] = Attribution(listed=True)  # who attended: a fact, no one's words
            continue
        tag = _named_speaker(text, state)
        if tag is None:
            tag = chinese_pronoun_tag(text, speaker, state.last_paragraph)
        by_initials = INITIALS_SUBJECT.match(text) if tag is None else None
        if by_initials is not None and by_initials.group("initials") in state.by_initials:
            person = state.by_initials[by_initials.group("initials")]
            tag = Tag(person, True, False, (0, by_initials.end("initials")))
        by_role = ROLE_SUBJECT.match(text) if tag is None else None
        if by_role is not None and by_role.group("role").split()[-1].lower() in ROLE_WORDS:
            # someone named by a role acts ("The Chair proposed …"): whom the attendance
            # list gives the role, or the one person named with it; never the speaker of
            # the sentence before
            holder = _role_holder(by_role.group("role"), state)
            speaker = state.current = holder
            reported = holder is not None
            if holder is not None:
                out[index] = Attribution(holder, named=True, tag=(0, by_role.end("role")))
            else:
                pending.append(index)
            continue
        if tag is None and state.current is not None:
            tag = _pronoun_tag(text, state.current)
        if tag is not None:
            speaker = state.current = tag.speaker
            reported = not _OPENS_QUOTE.search(text)
            out[index] = Attribution(speaker, named=tag.named, tag=tag.span)
            if tag.trailing:
                # "“…. …,” she said.": the quote began in the sentences before
                run = _open_quote_run(sentences, offset, index, pending)
                if (
                    not run
                    and _whole_paragraph(offset, index, pending)
                    and state.last_paragraph == speaker
                ):
                    # a paragraph of speech without quote marks, ", he said." at
                    # its end, after a paragraph of the same speaker
                    run = list(pending)
                for m in run:
                    out[m] = Attribution(speaker)
            pending = []
            if tag.ends_with_verb and speaker.role is None:
                awaiting_role = speaker
        elif speaker is not None and in_quote:
            out[index] = Attribution(speaker)
        else:
            acting = _subject(text, state, _SUBJECT_SPEAKS)
            if acting is not None:
                # "Sofía Herrera, President of …, focused on cybersecurity.": her part
                speaker = state.current = acting[0]
                reported = True
                out[index] = Attribution(acting[0], named=True, tag=acting[1])
                continue
            acts = _subject(text, state, _SUBJECT_ACTS)
            mentioned = acts[0] if acts else _mentioned(text, state)
            if (
                speaker is not None
                and reported
                and mentioned is None
                and not _NARRATION.match(text)
                and not FIRST_PERSON.search(text)
            ):
                # "He explained that … . Among them were …": the paragraph goes on with
                # what its speaker said, until someone else or the meeting is the subject.
                # Not a sentence in the first person outside quotes: in a speech that
                # quotes someone ("Nelson Mandela said, …"), "We could not …" is the
                # speaker's own, and a report's narration never says "we".
                out[index] = Attribution(speaker)
                continue
            if mentioned is not None:
                state.current = mentioned
            pending.append(index)
    if (
        pending
        and pending[0] == offset
        and state.last_paragraph is not None
        and _OPENING_QUOTE.match(sentences[0].text)
    ):
        # a quote paragraph right after a speaker's paragraph continues that speaker
        for m in pending:
            out[m] = Attribution(state.last_paragraph)
        speaker = state.last_paragraph
    state.last_paragraph = speaker


def _role_holder(role: str, state: State) -> Speaker | None:
    """Who holds ``role`` ("Chair", "Minister"): the attendance list's, else the one
    person named so far whose role has all its words."""
    if role.lower() in state.by_role:
        return state.by_role[role.lower()]
    words = role.lower().split()
    holders = {
        s.name: s
        for s in state.known.values()
        if s.role and set(words) <= set(re.findall(r"[\w-]+", s.role.lower()))
    }
    return next(iter(holders.values())) if len(holders) == 1 else None


def _named_speaker(text: str, state: State) -> Tag | None:
    """The first speaker a sentence names."""
    tags: list[tuple[int, Tag]] = []
    japanese = JA_SPEAKS.match(text) if JA_SAID.search(text) else None
    if japanese is not None:
        return japanese_tag(japanese, state)
    chinese = ZH_SPEAKS.match(text)
    if chinese is not None:
        said_by = state.remember(Speaker(chinese.group("name"), chinese.group("role")))
        return Tag(said_by, True, False, (0, chinese.end()))
    for match in overlapping(_NAME_THEN_VERB, text):
        role_mid = match.group("role_mid")
        if role_mid is not None and not looks_like_role(role_mid, allow_title_case=False):
            continue  # "Russian Federation, Lidia Mikheeva, noted": the name is further on
        role_before = role_before_name(text[: match.start("name")])
        found = speaker_from(match.group("name"), (role_mid, role_before), state)
        if found is not None:
            ends = text[match.end() :].strip() in ("", ".")
            start = match.start("name") - (len(role_before) + 2 if role_before else 0)
            end = len(text) if ends else _after_that(text, match.end())
            tags.append((match.start(), Tag(found, True, ends, (start, end), ends)))
            break
    for pattern in (_VERB_THEN_NAME, _ACCORDING_TO):
        for match in overlapping(pattern, text):
            role_pre = match.group("role_pre") or match.group("role_bare")
            if role_pre is not None and role_pre.split()[-1].lower() not in ROLE_WORDS:
                continue  # "said the report Ana Lima wrote", "said in Brussels"
            after = text[match.end() :]
            age = _AGE_AFTER.match(after) if match.group("after").startswith(",") else None
            after = after[age.end() :] if age else after  # "said Maria Gonzalez, 54, a nurse …"
            end = len(text)
            if pattern is _ACCORDING_TO:
                # "according to X, president of Y, the economy …": the role ends at the
                # comma, what X says follows it
                cut = after.find(",")
                after, end = (after[:cut], match.end() + cut + 1) if cut >= 0 else (after, end)
            relative = _RELATIVE.search(after) if pattern is _VERB_THEN_NAME else None
            if relative is not None:
                # "Toma la palabra el Sr. X, representante de …, quien señala que …"
                after, end = after[: relative.start()], match.end() + relative.end()
            has_role = match.group("after").startswith(",") and looks_like_role(
                after, allow_title_case=False
            )
            roles = (after if has_role else None, role_pre)
            found = speaker_from(match.group("name"), roles, state)
            if found is not None:
                trailing = (has_role and relative is None) or not match.group("after").startswith(
                    ","
                )
                start = _lead_in_start(text, match.start())
                span = (start, end if has_role else match.end())
                tags.append((match.start(), Tag(found, True, trailing, span)))
                break
    return min(tags, key=lambda t: t[0])[1] if tags else None


_AGE_AFTER = re.compile(r"\d{1,3},\s+")
# The relative clause after a speaker's role says what they said: "…, quien señala que",
# "…, qui indique que", "…, who said that".
_RELATIVE = re.compile(r",\s+(?:quien|quienes|who|qui|che|der|die)\s")


# A pronoun that is the subject of a clause the sentence reports ("I was saddened to hear
# President Obama say that he proposed …") is not the sentence's speaker (a UN speech gave
# that sentence to the president it quoted three paragraphs before).
_REPORTED = re.compile(r"(?:\bthat|\bque|\bdass|\bche|что),?\s+$", re.I)


def _pronoun_tag(text: str, current: Speaker) -> Tag | None:
    match = next(
        (m for m in _PRONOUN_TAG.finditer(text) if not _REPORTED.search(text[: m.start()])),
        None,
    ) or _PRONOUN_SUBJECT.match(text)
    if match is None:
        return None
    trailing = text[match.end() :].strip() in ("", ".")
    start = _lead_in_start(text, match.start())
    end = len(text) if trailing else _after_that(text, match.end())
    return Tag(current, False, trailing, (start, end))


def _lead_in_start(text: str, pos: int) -> int:
    """Where the punctuation before a tag starts: ", - a underlined", ",” she said"."""
    match = _LEAD_IN.search(text, 0, pos)
    return pos if match is None else match.start()


def _after_that(text: str, pos: int) -> int:
    """The end of "that" after a speech verb: "noted that ", "said: "."""
    match = _THAT.match(text, pos)
    return pos if match is None else match.end()


def _quote_depth_after(text: str, depth: int) -> int:
    # „…“ (Russian, German): “ closes a „ that opened before it
    low = min(text.count("„"), text.count("“"))
    depth += text.count("“") + text.count("„") + text.count("«") - 2 * low
    depth -= text.count("”") + text.count("»")
    if text.count('"') % 2:
        depth = 0 if depth > 0 else 1
    return max(depth, 0)


def _open_quote_run(
    sentences: Sequence[Sentence], offset: int, index: int, pending: Sequence[int]
) -> list[int]:
    """The sentences right before a trailing tag that its quote spans: back from the tag
    to the sentence that opens the quote. None when the tag's own sentence opens it, or
    when no opening mark is found (narration before a quote is not the quote)."""
    if _OPENS_QUOTE.search(sentences[index - offset].text):
        return []
    run: list[int] = []
    expected = index - 1
    for m in reversed(pending):
        if m != expected:
            break
        run.append(m)
        if _OPENS_QUOTE.search(sentences[m - offset].text):
            return run
        expected -= 1
    return []


def _whole_paragraph(offset: int, index: int, pending: Sequence[int]) -> bool:
    return list(pending) == list(range(offset, index))


def _subject(
    text: str, state: State, patterns: Sequence[re.Pattern[str]]
) -> tuple[Speaker, tuple[int, int]] | None:
    """The person a sentence opens with, acting ("X, ROLE, presented …"), and the span of
    the name and role (the attribution words of the sentence)."""
    for pattern in patterns:
        match = pattern.match(text)
        if match is not None:
            found = speaker_from(match.group("name"), (match.group("role_mid"),), state)
            if found is not None:
                end = match.end("role_mid") + 1 if match.group("role_mid") else match.end("name")
                of_place = match.groupdict().get("of_place")
                led = match.group("name").split()[0].lower() in ROLE_WORDS
                if of_place and led and found.role and not match.group("role_mid"):
                    # "Mayor Pieter Jansen of Den Helder": Mayor of Den Helder
                    found = state.remember(Speaker(found.name, f"{found.role} {of_place.strip()}"))
                    end = match.end("of_place")
                return found, (match.start("name"), end)
    return None


def _mentioned(text: str, state: State) -> Speaker | None:
    # "The General Assembly elected Karim Benjelloun …": a person named before
    mentioned = [
        state.known[m.group("name")]
        for m in overlapping(PERSON, text)
        if m.group("name") in state.known
    ]
    return mentioned[-1] if mentioned else None
