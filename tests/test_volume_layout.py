"""Paragraphs of a volume from its layout: gaps, page turns and the room a line
left."""

from __future__ import annotations

from tei_convert.input.sanitize import source_lines
from tei_convert.readers.volume_layout import (
    Line,
    classify,
    learn_line_measure,
    paragraphs,
)
from tei_convert.readers.volume_measure import Measure, line_width

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
