"""The page layout of PDF-extracted volumes: line kinds, page breaks, paragraphs.

PDF extraction writes every printed line followed by an empty line. Two or
more empty lines in a row mark a page break; a line holding only spaces
marks a vertical gap (between paragraphs, after a heading, filling the end
of a page). Paragraphs are rebuilt from these signals and from how much room
a line left: a line that ends a sentence where the next line's first word
would still have fitted ends a paragraph (widths in :mod:`volume_measure`;
where they cannot be measured, a line well short of the usual length does).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from statistics import quantiles
from typing import NamedTuple

from tei_convert.input.text import FUNCTION_WORDS
from tei_convert.readers.formulas import is_signature, publication_line
from tei_convert.readers.volume_measure import Measure, Metric, learn_measure, line_width

_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_FULL_STOP = re.compile(r"[.!?][\"'”’)\]]*$")
_SHORT_LINE = 0.8
"""A line shorter than this share of the printed width ends a paragraph."""
_SHORT_SENTENCE_END = 0.86
"""Where widths cannot be measured, a line ending a sentence ends the
paragraph when shorter than this share of the usual length in characters:
full lines of justified type reach about nine tenths of it or more."""
_SIGNATURE_SHARE = 0.5
_TRAILING_NOTE = re.compile(r"\s*(?:[(\[]?\d{1,3}[)\]]?|\*+)$")
_MIN_HEADING_LETTERS = 4
_MAX_HEADING_WORDS = 14
_NUMBERED = re.compile(r"^(?:\d{1,2}[.)]|\(\d{1,2}\)|[a-z]\))\s")


class Kind(Enum):
    """What a physical line of the extracted text is."""

    GAP = "gap"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line, with its 1-based number in the file."""

    number: int
    text: str
    kind: Kind
    page_break_before: bool = False
    """True when a page break falls between this line and the previous text."""
    page: int = 0
    """Which page of the file the line is on, counting from 0."""


def classify(lines: Iterable[str]) -> list[Line]:
    """Number and classify lines, marking the first line of each new page."""
    result: list[Line] = []
    empties, pending, page = 0, False, 0
    for number, text in enumerate(lines, 1):
        if text == "":
            empties += 1
            continue
        pending = pending or empties >= 2
        empties = 0
        stripped = text.strip()
        if not stripped:
            result.append(Line(number, "", Kind.GAP, page=page))
            continue
        if pending and result:
            # Counted only at a turn: the lines of one page share one number.
            page += 1
        result.append(Line(number, stripped, Kind.TEXT, page_break_before=pending, page=page))
        pending = False
    return result


def printed_width(lines: Sequence[Line]) -> int:
    """The usual length of a full printed line (the 90th percentile of text lines)."""
    lengths = [len(line.text) for line in lines if line.kind is Kind.TEXT]
    if len(lengths) < 10:
        return max(lengths, default=80)
    return int(quantiles(lengths, n=10)[-1])


def page_turn(lines: Sequence[Line]) -> Line | None:
    """The first text line of ``lines`` that opens a new page, if any."""
    return next((line for line in lines if line.kind is Kind.TEXT and line.page_break_before),
                None)


def learn_line_measure(lines: Sequence[Line], metric: Metric = line_width) -> Measure | None:
    """The measure of a volume's lines (see :func:`volume_measure.learn_measure`),
    learned from every text line and from the lines wrapped in mid-sentence:
    those followed, on the same page or the next, by a line in lower case.
    Widths are in Times-Roman unless ``metric`` says otherwise."""
    # Generators: lists of a large volume's lines and words would outweigh it.
    texts = (line.text for line in lines if line.kind is Kind.TEXT)
    wrapped = ((before.text, after.text.split(None, 1)[0])
               for before, after in pairwise(lines)
               if before.kind is Kind.TEXT and after.kind is Kind.TEXT
               and after.text[:1].islower() and not before.text.endswith("-"))
    return learn_measure(texts, wrapped, metric)


@dataclass(frozen=True, slots=True)
class PrintedParagraph:
    """The text lines of one printed paragraph, in order."""

    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def paragraphs(lines: Sequence[Line], width: int, measure: Measure | None = None
               ) -> list[PrintedParagraph]:
    """Group text lines into paragraphs at gaps, lines that leave room for the
    next word, headings in capitals and numbered items.

    Args:
        lines: the lines of one stretch of text, gaps included.
        width: the usual length of a full line in characters, for lines whose
            width cannot be measured (:func:`printed_width`).
        measure: what the volume's lines can hold (:func:`learn_line_measure`);
            without it every line is judged by its length in characters.
    """
    result: list[list[Line]] = []
    current: list[Line] = []
    room = _Room(width, measure)
    # The shape of current[-1]: each line's is worked out once, though the
    # rules look at a line both as the new one and as the one before.
    last = _Shape(caps=False, ended=False, hangs=False, stops=False)
    gap = False
    for line in lines:
        if line.kind is Kind.GAP:
            gap = gap or bool(current)
            continue
        shape = _shape(line.text)
        if current and ((gap and not _runs_on(current, line, last, room))
                        or _starts_paragraph(current, line, shape, last, room)):
            result.append(current)
            current = []
        current.append(line)
        last, gap = shape, False
    if current:
        result.append(current)
    return [PrintedParagraph(tuple(group)) for group in result]


class _Room(NamedTuple):
    """How the paragraph rules tell a full line from one that left room."""

    width: int
    """The usual length of a full line in characters."""
    measure: Measure | None
    """The volume's measure in ems, when it could be learned."""

    def short(self, text: str) -> bool:
        """Well short of a full line: only a paragraph's last line, a signature,
        a date or a heading is."""
        share = self.measure.share(text) if self.measure else None
        if share is None:
            return len(text) < self.width * _SHORT_LINE
        return share < _SHORT_LINE

    def left_for(self, text: str, shape: _Shape, following: str) -> bool:
        """True when ``text`` (of ``shape``) ends a sentence with a full stop
        and the first word of ``following`` would have fitted after it: the
        line was ended on purpose. Where widths cannot be measured, when it
        ends a sentence short of :data:`_SHORT_SENTENCE_END` of the usual
        length in characters."""
        fits = self.measure.fits(text, following.split(None, 1)[0]) if self.measure else None
        if fits is None:
            full_stop = shape.ended and not text.endswith(":")
            return full_stop and len(text) < self.width * _SHORT_SENTENCE_END
        # A sentence goes on in lower case whatever room was left ("etc." /
        # "and so on").
        return shape.stops and fits and not following[:1].islower()


class _Shape(NamedTuple):
    """What the paragraph rules ask about one line's text."""

    caps: bool
    """A heading in capitals (:func:`is_caps_heading`)."""
    ended: bool
    """Ends a sentence (:func:`_ends_sentence`)."""
    hangs: bool
    """Stops on a function word or a dash (:func:`_hangs`)."""
    stops: bool
    """Ends a sentence with a full stop, a question or an exclamation mark
    (:func:`_ends_sentence` with ``full_stop``)."""


def _shape(text: str) -> _Shape:
    return _Shape(is_caps_heading(text), _ends_sentence(text), _hangs(text),
                  _ends_sentence(text, full_stop=True))


def is_caps_heading(text: str) -> bool:
    """A heading set in capitals ("CAUSES OF THE COUP D'ETAT", "I THE OCTOBER
    REVOLUTION"): letters, none of them lower case, and not too many words."""
    # str.isupper: some cased letter, none in lower case (checked first: cheap).
    return (text.isupper() and len(text.split()) <= _MAX_HEADING_WORDS
            and sum(1 for char in text if char.isalpha()) >= _MIN_HEADING_LETTERS)


def _ends_sentence(text: str, *, full_stop: bool = False) -> bool:
    """True when ``text`` ends a sentence, a trailing note number aside
    ("...Propaganda. 1", "...revolution.*"). Any of ``.!?:;`` or a closing quote or bracket
    counts; with ``full_stop`` only ``.!?``, perhaps inside closing quotes
    or brackets."""
    # The note pattern can only match at a closing digit or bracket (or before
    # a final line feed); trying it at every position of every line is costly.
    if text[-1:].isdecimal() or text.endswith((")", "]", "*", "\n")):
        text = _TRAILING_NOTE.sub("", text)
    return (_FULL_STOP if full_stop else _SENTENCE_END).search(text) is not None


def _hangs(text: str) -> bool:
    """True when ``text`` stops on a word no paragraph can end with ("and", "of",
    "the"...) or on a dash. (A comma may end a salutation, "Dear Comrades,".)"""
    last = text.rsplit(None, 1)  # only the last word counts: no need to split all
    return text.endswith(("—", "–")) or (bool(last) and last[-1].lower() in FUNCTION_WORDS)


def _runs_on(current: Sequence[Line], line: Line, last: _Shape, room: _Room) -> bool:
    """True when the sentence of ``current``'s last line (of shape ``last``)
    goes on past the gap after it, into ``line``: the gap is a page's end or a
    stray space, not a paragraph's end. A numbered item after the gap starts
    a list, whatever the line before it."""
    if last.caps:
        return False
    if _mid_sentence(current, last):
        return not _starts_item(line.text)
    return last.hangs or (not last.ended and not room.short(current[-1].text))


def _mid_sentence(current: Sequence[Line], last: _Shape) -> bool:
    """True when ``current``'s last line (of shape ``last``) carries on a
    paragraph and breaks off in mid-sentence: after a comma or on a word in
    lower case ("...helping him to shoot down"). Whatever its length or the
    gap after it, the sentence goes on. A first line may be a heading or a
    date, and a line ending in a number or a name ("July 20", "J. Stalin")
    is one too, even where it has been joined to the text above it."""
    if len(current) < 2 or last.ended or last.caps:
        return False
    text = current[-1].text
    final = text.rsplit(None, 1)[-1]
    return text.endswith(",") or final[:1].islower()


def _starts_item(text: str) -> bool:
    """A numbered item that opens with a capital ("1) In the General Staff"),
    not a stray number before the rest of a sentence ("4) with the...")."""
    match = _NUMBERED.match(text)
    return match is not None and text[match.end():][:1].isupper()


def _starts_paragraph(current: Sequence[Line], line: Line, shape: _Shape, last: _Shape,
                      room: _Room) -> bool:
    """True when ``line`` (of ``shape``) opens a new paragraph after ``current``,
    whose last line is of shape ``last``."""
    previous = current[-1]
    if shape.caps != last.caps:
        return True
    if shape.caps:
        return False  # a heading in capitals may run over two lines
    ended = last.ended
    width = room.width
    # Only the last line of a paragraph falls short of the measure or leaves
    # room for the next word; a short line without a full stop is a
    # signature, a date or a heading line. A colon usually leads into what
    # follows, so it needs a short line.
    if not previous.text.endswith("-") and not last.hangs and not _mid_sentence(
            current, last) and (room.short(previous.text)
                                or room.left_for(previous.text, last, line.text)):
        return True
    if ended and _NUMBERED.match(line.text):
        return True
    # After a full stop, a short capitalised line is a signature ("People's
    # Commissar", "J. Stalin") or a date line, and a line naming a paper, an
    # issue and a date is where the text was printed: never the rest of a
    # paragraph.
    if ended and len(line.text) < width * _SIGNATURE_SHARE and is_signature(line.text):
        return True
    if ended and publication_line(line.text) is not None:
        return True
    # A numbered item that ends a sentence ends there unless the next line
    # carries on in lower case: items are short, the text after them is not.
    return ended and _NUMBERED.match(current[0].text) is not None and line.text[:1].isupper()
