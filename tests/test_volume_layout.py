"""Paragraphs of a volume from its layout: gaps, page turns and the room a line
left, on invented lines and on the two fixture volumes."""

from __future__ import annotations

import pytest
from lxml import etree

from tei_convert import Result, convert_file
from tei_convert.input.sanitize import source_lines
from tei_convert.readers.volume_layout import (
    Line,
    classify,
    learn_line_measure,
    page_turn,
    paragraphs,
)
from tei_convert.readers.volume_measure import Measure, line_width

from conftest import CASES
from tei_helpers import NS, xpath_texts

MEASURE = Measure(widest=25.0, limit=25.0, wrapped=8)
WIDTH = 64
"""The usual length of a full line in characters, for the fallback."""


def _lines(*pages: list[str]) -> list[Line]:
    """Classified lines in the extracted layout: every line followed by an empty
    one, " " a gap, and a page turn between two pages."""
    text: list[str] = []
    for number, page in enumerate(pages):
        if number:
            text.extend(["", ""])
        for line in page:
            text.extend([line, ""])
    return classify(source_lines("\n".join(text)))


def _paragraphs(*pages: list[str], measure: Measure | None = MEASURE) -> list[str]:
    return [p.text for p in paragraphs(_lines(*pages), WIDTH, measure)]


FULL = "The committee met on Monday and resolved to report on the"
NEXT = "stocks of fuel and grain in the district every week until the"


def test_a_sentence_end_that_left_room_for_the_next_word_ends_the_paragraph() -> None:
    # 68 characters, more than the old rule allowed a paragraph's last line, but
    # narrow letters: "It" would have fitted after it, so the line was ended.
    last = "spring, and it will still fill its list with little titles it lacks."
    assert len(last) > WIDTH * 0.86
    assert MEASURE.fits(last, "It")
    assert _paragraphs([FULL, NEXT, last, "It is a start."]) == [
        f"{FULL} {NEXT} {last}", "It is a start."]
    # Without widths the same line is taken for a wrapped one.
    assert len(_paragraphs([FULL, NEXT, last, "It is a start."], measure=None)) == 1


def test_a_sentence_end_with_no_room_for_the_next_word_goes_on() -> None:
    # 52 characters, short by the old rule, but wide letters: "Notwithstanding"
    # could not have followed on the line, so the paragraph goes on.
    line = "kept by the NKPS, the VSNKh and the MGSPS in MOSCOW."
    after = "Notwithstanding the shortage of paper, the shelves are full."
    assert len(line) < WIDTH * 0.86
    assert MEASURE.fits(line, "Notwithstanding") is False
    assert _paragraphs([FULL, line, after]) == [f"{FULL} {line} {after}"]
    assert len(_paragraphs([FULL, line, after], measure=None)) == 2


def test_a_colon_ends_a_paragraph_only_on_a_short_line() -> None:
    colon = "tasks for the coming winter, and these are the three tasks:"
    assert MEASURE.fits(colon, "Fuel")
    after = "Fuel for the engines, bread for the miners, boots for both."
    assert _paragraphs([FULL, colon, after]) == [f"{FULL} {colon} {after}"]
    assert _paragraphs([FULL, "the tasks are these:", after]) == [
        f"{FULL} the tasks are these:", after]


def test_a_gap_inside_a_sentence_does_not_end_the_paragraph() -> None:
    # A stray gap after a short line that breaks off on a word in lower case,
    # on one page, and a page that ends on a comma.
    assert _paragraphs([FULL, "winters of the war, when engines stood", " ",
                        "idle in the yards for weeks on end."]) == [
        f"{FULL} winters of the war, when engines stood idle in the yards for weeks on end."]
    assert _paragraphs([FULL, "for the metal did not come,", " "],
                       ["and without metal no engine can be repaired."]) == [
        f"{FULL} for the metal did not come, and without metal no engine can be repaired."]


def test_a_gap_still_ends_a_paragraph_after_a_sentence_a_date_or_a_name() -> None:
    assert _paragraphs([FULL, "down.", " ", "A new one."]) == [f"{FULL} down.", "A new one."]
    # A first line may be a heading or a salutation; a line ending in a number
    # or a name is a date or a signature, even below a line it was joined to.
    assert _paragraphs(["Comrades,", " ", "We have come."]) == ["Comrades,", "We have come."]
    council = "A Military Council of the Area is set up, headed by J. Smirnov"
    assert _paragraphs([council, "July 20", " ", "In a telegram the council asks."]) == [
        f"{council} July 20", "In a telegram the council asks."]


def test_a_numbered_item_after_a_gap_starts_a_list_even_in_mid_sentence() -> None:
    assert _paragraphs([FULL, "agencies and the rear, but also", " ",
                        "1) In the General Staff and the commissariats."]) == [
        f"{FULL} agencies and the rear, but also",
        "1) In the General Staff and the commissariats."]
    # A stray number before the rest of a sentence is no item.
    assert _paragraphs([FULL, "agencies and the rear, but also", " ",
                        "4) with the military question."]) == [
        f"{FULL} agencies and the rear, but also 4) with the military question."]


def test_a_line_the_face_cannot_measure_is_judged_by_its_length() -> None:
    # The paragraph's last line names a paper in Cyrillic: 37 characters, short.
    last = "as in the circles that read Правда."
    assert MEASURE.fits(last, "A") is None
    assert _paragraphs([FULL, last, "A reading room is more."]) == [
        f"{FULL} {last}", "A reading room is more."]


def test_the_measure_is_learned_from_lines_wrapped_in_mid_sentence() -> None:
    lines = _lines([FULL, NEXT] * 5, [FULL, NEXT] * 4)
    # A line is wrapped when the next one carries on in lower case.
    measure = learn_line_measure(lines)
    assert measure is not None
    assert measure.wrapped == 9
    assert measure.widest == line_width(FULL)
    assert learn_line_measure(_lines([FULL, NEXT] * 3)) is None


def test_page_turn() -> None:
    lines = _lines(["One.", " "], ["Two.", "Three."])
    turn = page_turn(lines)
    assert turn is not None
    assert turn.text == "Two."
    assert page_turn(lines[:2]) is None


# The fixture volumes.

NARROW = CASES / "0102-volume-narrow-measure-gaps-on-some-pages.txt"
WIDE = CASES / "0101-volume-two-works-and-a-chronicle.txt"


@pytest.fixture(scope="module")
def narrow() -> list[etree._Element]:
    return _trees(convert_file(NARROW, name=NARROW.name))


def _trees(result: Result) -> list[etree._Element]:
    return [etree.fromstring(converted.xml) for converted in result.documents]


def _starts(root: etree._Element) -> list[str]:
    """The first three words of each paragraph of the body."""
    return [" ".join(text.split()[:3]) for text in
            xpath_texts(root, "//tei:body//tei:p[not(ancestor::tei:note)]")]


def test_narrow_volume_paragraphs_on_a_page_without_gaps(narrow: list[etree._Element]) -> None:
    assert _starts(narrow[0]) == [
        "The district committees",
        # "...the MGSPS." is 48 characters long, but "Notwithstanding" would
        # not have fitted after it: no paragraph starts there.
        "It must hold",
        # The line before this one has 67 characters and room for "It".
        "It must also",
        "Who is to",
        "It will not",
        # After the page turn: the line before left room for "We".
        "A reading room",
        "We shall return",
    ]


def test_narrow_volume_paragraphs_with_gaps_and_a_page_turn_in_a_sentence(
        narrow: list[etree._Element]) -> None:
    assert _starts(narrow[1]) == [
        # "...when engines stood" / gap / "idle in the yards": one sentence.
        "We have come",
        # "...these are the three tasks:" leaves room for "Fuel", but a colon
        # leads into what follows.
        "The mines of",
        # "...the metal did not come," / gap / page turn / "and without metal".
        "The railway workshops",
        "Where is that",
        "The fuel committees",
        "If we do",
        "Long live the",
    ]


def test_page_breaks_are_numbered_and_the_notes_page_is_not_lost(
        narrow: list[etree._Element]) -> None:
    first, second = narrow
    assert first.xpath("//tei:body//tei:pb/@n", namespaces=NS) == ["42", "43", "44"]
    # The notes open page 44: its break closes the text, since the notes'
    # heading is not written out where it stood.
    last = first.xpath("(//tei:body//tei:p[not(ancestor::tei:note)])[last()]", namespaces=NS)[0]
    assert last[-1].tag == f"{{{NS['tei']}}}pb"
    assert last[-1].get("n") == "44"
    assert second.xpath("//tei:body//tei:pb/@n", namespaces=NS) == ["46", "47"]


def test_wide_volume_keeps_its_paragraphs() -> None:
    # Its nine wrapped lines are just enough to learn its wider measure from.
    lines = classify(source_lines(WIDE.read_text("utf-8")))
    measure = learn_line_measure(lines)
    assert measure is not None
    assert measure.widest > 1.1 * MEASURE.widest
    work, letter, chronicle = _trees(convert_file(WIDE, name=WIDE.name))
    assert _starts(work) == ["The working class", "Every factory committee",
                             "At its last", "The first question", "The second question"]
    assert _starts(letter) == ["Your correspondent asked", "We shall not"]
    assert _starts(chronicle) == ["January 1919", "N. Bukharin speaks", "March 1920",
                                  "N. Bukharin writes"]
