"""What attribution produces: who speaks (``Speaker``), what one sentence is given
(``Attribution``) and the turn header a verbatim record opens a speech with (``Header``,
read by one of the ``Layout``s of ``index.attribution.layouts``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str | None = None


class Layout(Enum):
    """The record format a turn header is written in; the value is what the snapshot's
    sentence records store. ``family`` groups the layouts that count together when a
    record is recognised (``index.attribution.verbatim``: a record needs
    ``MIN_HEADERS`` headers of one family), as they did before each had a module."""

    QA = "qa"  # "Q: …" / "A: …", depositions, press briefings
    INTERVIEW = "interview"  # dash turns and web interviews without labels
    EUROPARL = "europarl"  # "Name (Group)." then "– (EN) …"
    CONGRESS = "congressional-record"  # "Mr. SMITH.", "The SPEAKER pro tempore."
    FRENCH = "french"  # "M. Jean Dupont.", "Mme la présidente."
    IBERIAN = "spanish-portuguese"  # "El señor GARCÍA LÓPEZ:", "O Sr. Presidente (…):"
    ITALIAN = "italian"  # "PRESIDENTE.", "GIULIA BIANCHI, Ministra del lavoro."
    RUSSIAN = "russian"  # "Иванов И. П.", "Председательствующий."
    HANSARD = "hansard"  # "The Secretary of State for … (Claire Coutinho):"
    GERMAN = "german"  # "Präsidentin Bärbel Bas:"
    COLON = "colon"  # "NAME:", "Mr. Heusgen (Germany):", "Speaker 1:"
    CJK = "cjk"  # "王丽华：", "司会："
    FIRST_NAME = "first-name"  # "Anna: …", "Tom: …"
    LEARNED = "learned"  # the labels a transcript takes turns under ("Marketing:")
    BRACKET = "bracket"  # "[Speaker: Name]"
    LINE = "line"  # "Jane Doe -- Chief Executive Officer", "Ana Ferreira   0:05"
    PANEL = "panel"  # "SARA OKAFOR" on a line of its own

    @property
    def family(self) -> str:
        return _FAMILIES[self]


_COLON_FAMILY = (Layout.IBERIAN, Layout.HANSARD, Layout.GERMAN, Layout.CJK, Layout.LEARNED)
_FAMILY = {
    Layout.INTERVIEW: "qa",
    Layout.EUROPARL: "ep",
    Layout.CONGRESS: "cr",
    Layout.FRENCH: "fr",
    Layout.ITALIAN: "caps",
    Layout.RUSSIAN: "ru",
    Layout.FIRST_NAME: "first",
    Layout.PANEL: "capsline",
    **{layout: "colon" for layout in _COLON_FAMILY},
}
# Every layout's family, looked up once per header (an enum's ``value`` is slow to read).
_FAMILIES = {layout: _FAMILY.get(layout, layout.value) for layout in Layout}


@dataclass(frozen=True)
class Header:
    """A turn header at the start of a sentence: who speaks, and how much of the sentence
    is the header (``length`` characters; the whole sentence for a header line).
    ``asks``: a question's turn of an interview (``Layout.QA``, ``Layout.INTERVIEW``)."""

    name: str
    role: str | None
    length: int
    layout: Layout
    asks: bool = False

    @cached_property
    def kind(self) -> str:
        """The layout's family; "q" or "a" for an interview's turns."""
        family = self.layout.family
        if family == "qa":
            return "q" if self.asks else "a"
        return family


@dataclass(frozen=True)
class Refused:
    """A layout's verdict on a line it recognises that opens no turn ("Председатель." as
    a line of its own, "El señor" before a label too long for a name): no later layout
    may read the line."""

    why: str


@dataclass(frozen=True)
class Attribution:
    """``speaker`` of one sentence; ``named``: the sentence's own text names the speaker;
    ``role_only``: the sentence only states the role of the speaker named before it;
    ``tag``: where the attribution words are in the sentence ("Lidia Mikheeva noted
    that", ", she said"), offsets into ``Sentence.text``; ``listed``: a line of a list
    of who attended ("Marta Okonkwo (Chair)" under "Present:"), no one's words but a
    fact an answer may cite ("Who chaired the committee?"). ``turn``: in a verbatim
    record, the index of the sentence whose header opens the turn this one is in, and
    ``layout`` that header's layout."""

    speaker: Speaker | None = None
    named: bool = False
    role_only: bool = False
    tag: tuple[int, int] | None = None
    listed: bool = False
    turn: int | None = None
    layout: Layout | None = None
