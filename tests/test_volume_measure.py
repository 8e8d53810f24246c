"""Line widths in a book face and the measure learned from a volume's lines."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei_convert.readers.volume_measure import (
    FACE,
    MIN_WRAPPED,
    SPACE,
    Measure,
    learn_measure,
    line_width,
)


def _wrap(words: list[str], measure: float) -> list[str]:
    """Greedy line breaking, as a typesetter without hyphenation does it."""
    lines, current = [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        width = line_width(candidate)
        assert width is not None
        if width <= measure or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    return [*lines, current]


TEXT = ("the council of labour and defence met on monday and resolved that every district "
        "committee shall report on its stocks of fuel and grain once a week until the spring "
        "roads open and the trains run again to the northern towns and the ports")
WORDS = TEXT.split() * 5


def _pairs(lines: list[str]) -> list[tuple[str, str]]:
    """Each line but the last, with the first word of the next one."""
    return [(line, following.split()[0]) for line, following in itertools.pairwise(lines)]


def _learned(measure: float) -> Measure:
    lines = _wrap(WORDS, measure)
    wrapped = _pairs(lines)
    learned = learn_measure(lines, wrapped)
    assert learned is not None
    return learned


def test_a_proportional_face_gives_letters_their_own_widths() -> None:
    # Twelve letters each, of very different widths: the reason to measure.
    wide, narrow = line_width("MMMMMMMMMMMM"), line_width("illuminating")
    assert wide is not None
    assert narrow is not None
    assert wide > 2 * narrow
    assert line_width("") == 0
    assert line_width(" ") == SPACE


@pytest.mark.parametrize("text", ["the paper Правда", "tab\there", "Ωμέγα"])
def test_characters_outside_the_face_have_no_width(text: str) -> None:
    assert line_width(text) is None


def test_curly_quotes_and_dashes_are_in_the_face() -> None:
    assert line_width("“Capital”—and ‘labour’ – café") is not None


@pytest.mark.parametrize("measure", [18.0, 25.0, 37.8])
def test_the_limit_lies_between_the_widest_line_and_the_narrowest_overflow(
        measure: float) -> None:
    lines = _wrap(WORDS, measure)
    learned = _learned(measure)
    widths = [line_width(line) or 0.0 for line in lines]
    overflows = [(line_width(line) or 0.0) + SPACE + (line_width(nxt.split()[0]) or 0.0)
                 for line, nxt in itertools.pairwise(lines)]
    assert learned.widest == max(widths)
    assert max(widths) < learned.limit < min(overflows)
    assert learned.wrapped == len(lines) - 1


def test_a_word_fits_when_the_line_left_room_for_it() -> None:
    measure = Measure(widest=20.0, limit=20.0, wrapped=MIN_WRAPPED)
    line = "a line of about seventeen ems, more or less."
    width = line_width(line)
    assert width is not None
    assert 15 < width < 20
    assert measure.fits(line, "It") is True
    assert measure.fits(line, "Notwithstanding") is False
    assert measure.fits(line, "Правда") is None
    assert measure.share(line) == pytest.approx(width / 20.0)
    assert measure.share("Правда") is None


def test_too_few_wrapped_lines_teach_nothing() -> None:
    lines = _wrap(WORDS, 25.0)
    wrapped = _pairs(lines)
    assert learn_measure(lines, wrapped[:MIN_WRAPPED - 1]) is None
    assert learn_measure(lines, wrapped[:MIN_WRAPPED]) is not None
    # A wrapped line that cannot be measured does not count.
    unmeasured = [(f"{line} Ж", word) for line, word in wrapped[:MIN_WRAPPED]]
    assert learn_measure(lines, unmeasured) is None


def test_odd_lines_do_not_move_the_limit() -> None:
    lines = _wrap(WORDS, 25.0)
    wrapped = _pairs(lines)
    plain = learn_measure(lines, wrapped)
    # A table row wider than the measure, and a title broken by hand ("Letter to
    # V. I. Lenin" / "from Petrograd") far short of it.
    odd = learn_measure([*lines, "=" * 60], [*wrapped, ("Letter to V. I. Lenin", "from")])
    assert plain is not None
    assert odd is not None
    assert odd.limit == plain.limit


@given(st.text(st.characters(codec="cp1252"), max_size=80))
def test_widths_are_reportlabs_own(text: str) -> None:
    """The table of widths gives what ReportLab measures, to the last digit."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    expected = float(stringWidth(text, FACE, 1)) if text.isprintable() else None
    assert line_width(text) == expected


def _separate_by_listing(held: list[float], overflows: list[float]) -> tuple[float, int]:
    """The separating limit found the plain way: every line's width in one
    sorted list, a held line's before an overflow's of the same width."""
    events = sorted([(w, False) for w in held] + [(w, True) for w in overflows])
    errors = best = len(held)
    best_at = 0
    for index, (width, is_overflow) in enumerate(events):
        errors += 1 if is_overflow else -1
        if index + 1 < len(events) and events[index + 1][0] == width:
            continue
        if errors < best:
            best, best_at = errors, index
    low = events[best_at][0]
    high = events[best_at + 1][0] if best_at + 1 < len(events) else low
    return (low + high) / 2, best


_WIDTHS = st.lists(st.integers(min_value=1, max_value=12).map(lambda n: n * 2.5), max_size=30)


@given(_WIDTHS, _WIDTHS.filter(lambda widths: len(widths) >= MIN_WRAPPED))
def test_counting_widths_learns_what_listing_every_line_does(held: list[float],
                                                             overflows: list[float]) -> None:
    """The measure counts the lines of each width, so that a large volume's
    widths are not all held; the limit, the widest line and the misplaced lines
    are those of the sorted list of every line, ties and edges included."""
    widths = {f"line {n}": w for n, w in enumerate(held + overflows)}
    lines = [f"line {n}" for n in range(len(held))]
    wrapped = [(f"line {n}", "") for n in range(len(held), len(widths))]
    learned = learn_measure(lines, wrapped, lambda text: widths.get(text, 0.0))
    limit, misplaced = _separate_by_listing(held, overflows)
    widest = max((w for w in held if w <= limit), default=None)
    if widest is None:
        assert learned is None
        return
    assert learned is not None
    assert (learned.limit, learned.misplaced, learned.widest, learned.wrapped) == (
        limit, misplaced, widest, len(overflows))


def test_a_wrapped_line_is_measured_with_the_space_before_the_next_word() -> None:
    """Ten characters held, nine wrapped before a one-letter word: with the
    space, the word would have made eleven, so a limit of 10.5 separates every line."""
    from tei_convert.readers.volume_measure import character_width

    learned = learn_measure(["x" * 10] * 20, [("x" * 9, "y")] * MIN_WRAPPED, character_width)
    assert learned is not None
    assert (learned.limit, learned.misplaced) == (10.5, 0)
