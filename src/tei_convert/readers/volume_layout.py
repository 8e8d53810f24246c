"""The page layout of PDF-extracted volumes: line kinds, page breaks, paragraphs.

PDF extraction writes every printed line followed by an empty line. Two or
more empty lines in a row mark a page break; a line holding only spaces
marks a vertical gap (between paragraphs, after a heading, filling the end
of a page). Paragraphs are rebuilt from these signals and from line length:
a line well short of the printed width ends a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from statistics import quantiles
from typing import NamedTuple

from tei_convert.input.text import FUNCTION_WORDS
from tei_convert.readers.formulas import is_signature, publication_line

_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_SHORT_LINE = 0.8
"""A line shorter than this share of the printed width ends a paragraph."""
_SHORT_SENTENCE_END = 0.86
"""A line ending a sentence ends the paragraph when shorter than this share:
full lines of justified type reach about nine tenths of the width or more."""
_SIGNATURE_SHARE = 0.5
_TRAILING_NOTE = re.compile(r"\s*[(\[]?\d{1,3}[)\]]?$")
_MIN_HEADING_LETTERS = 4
_MAX_HEADING_WORDS = 14
_NUMBERED = re.compile(r"^(?:\d{1,2}[.)]|\(\d{1,2}\)|[a-z]\))\s")


class Kind(Enum):
    """What a physical line of the extracted text is."""

    GAP = "gap"
    TEXT = "text"


@dataclass(frozen=True)
class Line:
    """One physical line, with its 1-based number in the file."""

    number: int
    text: str
    kind: Kind
    page_break_before: bool = False
    """True when a page break falls between this line and the previous text."""
    page: int = 0
    """Which page of the file the line is on, counting from 0."""


def classify(lines: Sequence[str]) -> list[Line]:
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
        page += pending and bool(result)
        result.append(Line(number, stripped, Kind.TEXT, page_break_before=pending, page=page))
        pending = False
    return result


def printed_width(lines: Sequence[Line]) -> int:
    """The usual length of a full printed line (the 90th percentile of text lines)."""
    lengths = [len(line.text) for line in lines if line.kind is Kind.TEXT]
    if len(lengths) < 10:
        return max(lengths, default=80)
    return int(quantiles(lengths, n=10)[-1])


@dataclass(frozen=True)
class PrintedParagraph:
    """The text lines of one printed paragraph, in order."""

    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def paragraphs(lines: Sequence[Line], width: int) -> list[PrintedParagraph]:
    """Group text lines into paragraphs at gaps, short lines, headings in
    capitals and numbered items."""
    result: list[list[Line]] = []
    current: list[Line] = []
    # The shape of current[-1]: each line's is worked out once, though the
    # rules look at a line both as the new one and as the one before.
    last = _Shape(caps=False, ended=False, hangs=False)
    for line in lines:
        if line.kind is Kind.GAP:
            if current and not _runs_on(current[-1], last, width):
                result.append(current)
                current = []
            continue
        shape = _shape(line.text)
        if current and _starts_paragraph(current, line, shape, last, width):
            result.append(current)
            current = []
        current.append(line)
        last = shape
    if current:
        result.append(current)
    return [PrintedParagraph(tuple(group)) for group in result]


class _Shape(NamedTuple):
    """What the paragraph rules ask about one line's text."""

    caps: bool
    """A heading in capitals (:func:`is_caps_heading`)."""
    ended: bool
    """Ends a sentence (:func:`_ends_sentence`)."""
    hangs: bool
    """Stops on a function word or a dash (:func:`_hangs`)."""


def _shape(text: str) -> _Shape:
    return _Shape(is_caps_heading(text), _ends_sentence(text), _hangs(text))


def is_caps_heading(text: str) -> bool:
    """A heading set in capitals ("CAUSES OF THE COUP D'ETAT", "I THE OCTOBER
    REVOLUTION"): letters, none of them lower case, and not too many words."""
    # str.isupper: some cased letter, none in lower case (checked first: cheap).
    return (text.isupper() and len(text.split()) <= _MAX_HEADING_WORDS
            and sum(1 for char in text if char.isalpha()) >= _MIN_HEADING_LETTERS)


def _ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence, a trailing note number aside
    ("...Propaganda. 1")."""
    # The note pattern can only match at a closing digit or bracket (or before
    # a final line feed); trying it at every position of every line is costly.
    if text[-1:].isdecimal() or text.endswith((")", "]", "\n")):
        text = _TRAILING_NOTE.sub("", text)
    return _SENTENCE_END.search(text) is not None


def _hangs(text: str) -> bool:
    """True when ``text`` stops on a word no paragraph can end with ("and", "of",
    "the"...) or on a dash. (A comma may end a salutation, "Dear Comrades,".)"""
    last = text.rsplit(None, 1)  # only the last word counts: no need to split all
    return text.endswith(("—", "–")) or (bool(last) and last[-1].lower() in FUNCTION_WORDS)


def _runs_on(line: Line, shape: _Shape, width: int) -> bool:
    """A line that stops mid-sentence (full, or hanging on "and"): the gap after
    it is a page's end, not a paragraph's. ``shape`` is the line's."""
    if shape.caps:
        return False
    return shape.hangs or (not shape.ended and len(line.text) >= width * _SHORT_LINE)


def _starts_paragraph(current: Sequence[Line], line: Line, shape: _Shape, last: _Shape,
                      width: int) -> bool:
    """True when ``line`` (of ``shape``) opens a new paragraph after ``current``,
    whose last line is of shape ``last``."""
    previous = current[-1]
    if shape.caps != last.caps:
        return True
    if shape.caps:
        return False  # a heading in capitals may run over two lines
    ended = last.ended
    length = len(previous.text)
    # Only the last line of a paragraph falls short of the measure; a short
    # line without a full stop is a signature, a date or a heading line. A
    # colon usually leads into what follows, so it needs a shorter line.
    full_stop = ended and not previous.text.endswith(":")
    if not previous.text.endswith("-") and not last.hangs and (
            length < width * _SHORT_LINE or (full_stop and length < width * _SHORT_SENTENCE_END)):
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
