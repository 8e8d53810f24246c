"""Where the works of a volume start: their heading blocks (what the lines of a
block say is read in :mod:`volume_titles`).

A work starts at the top of a page with a short heading block (title lines,
an optional subtitle, a date line or ``Field: value`` lines) closed by a
vertical gap. A page that opens with a year alone ("1919") or a part label
("Volume 4") carries a divider before the next heading. A heading without a
date counts only where the previous page ended in blank filler (three or
more blank lines), as it does when a new work begins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tei_convert.input.text import FUNCTION_WORDS, more_words_than
from tei_convert.model import DateValue
from tei_convert.readers.mia_header import FIELD_LINE, is_known_label
from tei_convert.readers.volume_layout import Kind, Line
from tei_convert.values.dates import read_date

_MAX_HEADING_LINES = 6
_FILLER_GAPS = 3
"""Blank lines that fill the end of a page before a new work; one or two are
just a paragraph or section break that happens to fall at a page end."""
_MAX_DATE_WORDS = 9
_MAX_TITLE_WORDS = 16
_DIVIDER = re.compile(r"^(?:\d{4}|\d \d \d \d|(?:Volume|Part|Book)\s+[\dIVXLC]+)\.?$")
_NUMBERED_ENTRY = re.compile(r"^\(?\d{1,3}[.)]")
_APPENDIX_WORDS = re.compile(r"\b(?:Chronicle|Appendix|Appendices|Index|Bibliography|Glossary)\b")


@dataclass(frozen=True)
class Heading:
    """A work's heading block and the dividers printed before it."""

    lines: tuple[Line, ...]
    dividers: tuple[Line, ...]
    start: int
    """Index (in the classified lines) of the first divider or heading line."""
    body_start: int
    """Index of the first line after the gap that closes the heading."""

    @property
    def is_appendix(self) -> bool:
        """Back matter (a chronicle, an index) rather than a work."""
        return any(_APPENDIX_WORDS.search(line.text) for line in self.lines)


def find_headings(lines: Sequence[Line]) -> list[Heading]:
    """Every work heading in the volume, in order."""
    headings: list[Heading] = []
    for index, line in enumerate(lines):
        if line.kind is not Kind.TEXT or not (line.page_break_before or index == 0):
            continue
        if headings and index < headings[-1].body_start:
            continue  # a page top inside the heading just found
        heading = _heading_at(lines, index)
        if heading is not None:
            headings.append(heading)
    return headings


def _heading_at(lines: Sequence[Line], index: int) -> Heading | None:
    dividers: list[Line] = []
    block, end = _block(lines, index)
    while block and len(block) == 1 and _DIVIDER.match(block[0].text):
        dividers.append(block[0])
        block, end = _block(lines, end)
    if not block or not _looks_like_heading(block, lines, index):
        return None
    return Heading(tuple(block), tuple(dividers), index, end)


def _block(lines: Sequence[Line], index: int) -> tuple[list[Line], int]:
    """Text lines from ``index`` up to the next gap, and the index after the gap.
    Empty when no gap comes within a heading's length."""
    block: list[Line] = []
    while index < len(lines) and lines[index].kind is Kind.GAP:
        index += 1
    while index < len(lines) and len(block) <= _MAX_HEADING_LINES:
        line = lines[index]
        if line.kind is Kind.GAP:
            return block, index + 1
        if block and line.page_break_before:
            return [], index  # a heading stands on one page
        block.append(line)
        index += 1
    # The end of the file closes a heading as a gap would.
    return (block, index) if index == len(lines) else ([], index)


def _looks_like_heading(block: Sequence[Line], lines: Sequence[Line], index: int) -> bool:
    first = block[0].text
    if not (first[:1].isupper() or first[:1] in "\"“‘'") or _NUMBERED_ENTRY.match(first):
        return False
    if first.rstrip(" .:").lower() == "notes":
        return False
    if any(date_line(line.text) or field_line(line.text) for line in block[1:]):
        return True
    return (index == 0 or _gaps_before(lines, index) >= _FILLER_GAPS) and len(block) <= 3 \
        and _is_title(first)


def _gaps_before(lines: Sequence[Line], index: int) -> int:
    count = 0
    while index - count - 1 >= 0 and lines[index - count - 1].kind is Kind.GAP:
        count += 1
    return count


def _is_title(text: str) -> bool:
    words = text.split()
    return (len(words) <= _MAX_TITLE_WORDS and text[-1] not in ".!?,;:"
            and words[-1].lower() not in FUNCTION_WORDS)


def date_line(text: str) -> DateValue | None:
    """The date a heading line states ("December 22, 1917 (Newspaper Report)")."""
    if more_words_than(text, _MAX_DATE_WORDS):
        return None
    # Only a place or a label in capitals may stand before the date
    # ("Speech Delivered January 10-18, 1918"); "...until January 1924." is
    # the end of a sentence, not a date line.
    value = read_date(text, lead=lambda word: word[:1].isupper())
    return value if value.is_understood else None


def field_line(text: str) -> tuple[str, str] | None:
    """A ``Written: ...`` or ``First Published: ...`` line, as (label, value)."""
    match = FIELD_LINE.match(text)
    if match is None or not is_known_label(match.group(1)):
        return None
    return match.group(1), match.group(2)
