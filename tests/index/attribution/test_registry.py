"""The ordered readers of turn headers: the first that claims a line decides, a refusal
stops the others, and a prefix (a time stamp, a committee's question number) goes only
before the labels that may follow one."""

from __future__ import annotations

from index.attribution import READERS, Layout, Refused, header_at
from index.attribution.layouts import colon, iberian, qa, russian


def test_the_order_puts_questions_first_and_whole_lines_last() -> None:
    assert READERS[0] is qa.read
    assert READERS.index(colon.read_capitals) < READERS.index(colon.read_name)
    assert READERS.index(colon.read_name) < READERS.index(colon.read_first_name)
    # "THE WITNESS: …" is a label in capitals, not a name read as written
    header = header_at("THE WITNESS: I was at the plant that day.", None)
    assert header is not None and header.name == "The Witness"


def test_a_refusal_is_final() -> None:
    # the chair's title alone on a line opens no turn; with speech after it, it does
    assert isinstance(russian.read("Председатель.", None), Refused)
    assert header_at("Председатель.", None) is None
    header = header_at("Председатель.", "Слово имеет депутат Петров.")
    assert header is not None and header.layout is Layout.RUSSIAN
    too_long = "El señor " + " ".join(["PALABRA"] * 9) + ": texto de la sesión"
    assert isinstance(iberian.read(too_long, None), Refused)
    assert header_at(too_long, None) is None


def test_a_prefix_goes_before_labels_only() -> None:
    stamped = header_at("[00:01:02] Ana Lima: We start with the survey.", None)
    assert stamped is not None and (stamped.name, stamped.layout) == ("Ana Lima", Layout.COLON)
    assert stamped.length == len("[00:01:02] Ana Lima: ")
    numbered = header_at("Q13 Rachel Blake: Will the fees fall?", None)
    assert numbered is not None and numbered.name == "Rachel Blake"
    # a question label after a time stamp is no turn of a meeting's software
    assert header_at("[00:01:02] Q: Why did you leave?", None) is None


def test_a_credit_line_names_no_speaker() -> None:
    assert header_at("Interviewer: Paulo Mendes, newsletter editor.", None) is None
