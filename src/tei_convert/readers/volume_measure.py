"""How wide a volume's printed lines are, and how much a line can hold.

PDF extraction keeps the words of each printed line but not how much room the
line left at its end. Books are set in proportional faces, so a character
count says little about that room: "illuminating" and "MMMMMMMMMMMM" have
the same length. The width of a line set in a common book face says more.
Widths here are sums of the advance widths of Times-Roman, one of the
standard PDF faces, whose metrics ReportLab ships (the Adobe AFM widths), in
ems.

How wide a line may be (the measure) differs from book to book and is learned
from the volume itself, see :func:`learn_measure`. A text typed or wrapped in a
fixed-width face is measured in characters instead (:func:`character_width`),
with the same rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

FACE = "Times-Roman"
_ENCODING = "cp1252"
"""Windows code page 1252, the WinAnsi encoding of the standard PDF faces: a
character outside it has no width in :data:`FACE`."""
MIN_WRAPPED = 8
"""Wrapped lines needed before the measure is trusted: with fewer, the
narrowest of them may lie well above the measure."""


def line_width(text: str) -> float | None:
    """The width of ``text`` set in :data:`FACE`, in ems; ``None`` when it
    holds a character the face does not have, whose width is unknown."""
    if not text.isprintable():
        return None
    widths = _widths()
    try:
        return sum(map(widths.__getitem__, text)) * 0.001
    except KeyError:
        return None


@cache
def _widths() -> dict[str, int]:
    """Each character of :data:`_ENCODING` with its width in :data:`FACE`, in
    thousandths of an em, as ReportLab's ``stringWidth`` sums them (through the
    font's own encoding, which sets "•" and the no-break space apart): the
    same widths, without encoding each line anew."""
    from reportlab.pdfbase.pdfmetrics import getFont  # only volumes are measured

    font = getFont(FACE)
    table = {}
    for code in range(256):
        try:
            char = bytes([code]).decode(_ENCODING)
            encoded = char.encode(font.encName)
        except UnicodeError:
            continue
        table[char] = sum(font.widths[byte] for byte in encoded)
    return table


SPACE = 0.25
"""The width of a word space, unstretched: 250 of Times-Roman's 1000 units
(as :func:`line_width` measures it; a test holds the two together)."""


def character_width(text: str) -> float:
    """The width of ``text`` in a fixed-width face: how many characters it has."""
    return float(len(text))


Metric = Callable[[str], float | None]
"""How wide a text is (None when it cannot be measured): :func:`line_width`,
in Times-Roman ems, or :func:`character_width`."""


@dataclass(frozen=True)
class Measure:
    """What one volume's lines can hold."""

    widest: float
    """The widest line that holds its words, in ems: the measure as printed."""
    limit: float
    """A line, a space and a word fit on one line when no wider than this.
    Halfway between :attr:`widest` and the narrowest line that could not take
    the word after it, so it allows for widths that are a little off."""
    wrapped: int
    """How many wrapped lines the limit was learned from."""
    metric: Metric = line_width
    """What the widths are measured in."""
    misplaced: int = 0
    """How many lines the limit puts on the wrong side: lines wider than it,
    and wrapped lines that would have taken the next word."""

    def fits(self, line: str, word: str) -> bool | None:
        """Whether ``word`` would have fitted at the end of ``line``; ``None``
        when either holds a character outside the face."""
        line_w, word_w, space = self.metric(line), self.metric(word), self.metric(" ")
        if line_w is None or word_w is None or space is None:
            return None
        return line_w + space + word_w <= self.limit

    def share(self, line: str) -> float | None:
        """How much of the measure ``line`` fills (1.0 for a full line), or
        ``None`` when it cannot be measured."""
        width = self.metric(line)
        return None if width is None or not self.widest else width / self.widest


def learn_measure(lines: Iterable[str], wrapped: Iterable[tuple[str, str]],
                  metric: Metric = line_width) -> Measure | None:
    """Learn the measure from the volume's ``lines`` and from its ``wrapped``
    lines, each with the first word of the line after it, in ``metric``.

    A printed line holds at most the measure; a line wrapped in mid-sentence
    could not take the next word, so with it it is wider than the measure.
    The limit is the width that best separates the two kinds (the fewest lines
    wider than it plus the fewest wrapped lines that would have fitted under
    it), so a few odd lines (a table, a forced break) do not move it.

    Returns:
        The measure, or ``None`` when fewer than :data:`MIN_WRAPPED` wrapped
        lines can be measured.
    """
    # Widths counted, not listed: a large volume has many lines and few widths.
    held = Counter(w for w in map(metric, lines) if w is not None)
    space = metric(" ") or 0.0
    overflows: Counter[float] = Counter()
    for line, word in wrapped:
        line_w, word_w = metric(line), metric(word)
        if line_w is not None and word_w is not None:
            overflows[line_w + space + word_w] += 1
    if overflows.total() < MIN_WRAPPED:
        return None
    limit, misplaced = _separate(held, overflows)
    widest = max((w for w in held if w <= limit), default=None)
    if widest is None:
        return None
    return Measure(widest, limit, overflows.total(), metric, misplaced)


def _separate(held: Counter[float], overflows: Counter[float]) -> tuple[float, int]:
    """The limit that misplaces the fewest lines (held lines wider than it,
    overflows no wider than it): halfway between the two neighbouring widths
    where it falls, the lowest such place when several tie; and how many
    lines it misplaces. ``held`` and ``overflows`` count the lines of each width."""
    # Each width once: a limit can only fall between two different widths.
    widths = sorted(held.keys() | overflows.keys())
    errors = held.total()  # a limit below every width: every held line is wider
    best = errors
    # When no limit does better, no line is held below it but those of the
    # narrowest width (where the overflows outnumber them): the limit is that width.
    low = high = widths[0]
    for index, width in enumerate(widths):
        errors += overflows[width] - held[width]
        if errors < best:
            best, low = errors, width
            high = widths[index + 1] if index + 1 < len(widths) else width
    return (low + high) / 2, best
