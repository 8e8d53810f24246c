"""A Project Gutenberg e-text's own header: the lines above its START line.

What it holds, from the 1990s to now: a line naming the e-text ("The Project
Gutenberg EBook of Pride and Prejudice, by Jane Austen"), a statement of the
terms it may be used under ("This eBook is for the use of anyone anywhere
..."), ``Field: value`` lines (``Title:``, ``Author:``, ``Release Date: June,
1998 [EBook #1342]``, ``Language:``, ``Credits:``...; a wrapped value goes on
on indented lines), and boilerplate (the "Small Print!" of the oldest texts,
notices, addresses). Only the fields and the statement reach the TEI header;
the rest is left out of the text and listed as dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tei_convert.input.text import normalize_space
from tei_convert.model import Licence, Span
from tei_convert.readers.blocks import split_blocks
from tei_convert.values.licences import read_licence

# How an e-text is recognised (the READERS table imports only this module to
# sniff, not the whole reader).
SNIFF_LINES = 600
"""How far down the START line (or the Small Print's end) is looked for."""
RECOGNISED = (f"a '*** START OF THE PROJECT GUTENBERG EBOOK' line (or '... OF THIS ...', or "
              f"the '*END*THE SMALL PRINT!' line of the oldest e-texts) in the first "
              f"{SNIFF_LINES} lines")
START = re.compile(r"^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
SMALL_PRINT_END = re.compile(r"^\s*\*+\s*END\s*\*?\s*THE SMALL PRINT", re.IGNORECASE)


def sniff(text: str) -> bool:
    """True when a START line (or the end of the oldest texts' Small Print)
    stands in the first lines."""
    lines = text.split("\n", SNIFF_LINES)[:SNIFF_LINES]
    return any(START.match(line) or SMALL_PRINT_END.match(line) for line in lines)

# The labels of the fields Project Gutenberg prints above its texts, in any case.
_KNOWN_LABELS = frozenset({
    "title", "subtitle", "author", "authors", "editor", "editors", "translator",
    "translators", "illustrator", "illustrators", "contributor", "contributors",
    "commentator", "commentators", "annotator", "compiler", "photographer", "credits",
    "produced by", "release date", "posting date", "date first posted", "first posted",
    "last updated", "most recently updated", "updated", "language", "character set encoding",
    "original publication", "other information and formats", "edition", "series",
})
_FIELD = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z ]{0,40}?)\s*:\s*(?P<value>.*?)\s*$")
# "[EBook #1342]", "[eBook #43]", "[Etext #11]", "[E-text #21]".
_NUMBER = re.compile(r"\[\s*(?P<wording>E-?(?:book|text)\s*#\s*)(?P<number>[0-9]+)\s*\]",
                     re.IGNORECASE)
# "The Project Gutenberg EBook of Pride and Prejudice, by Jane Austen", "Project
# Gutenberg's Alice's Adventures in Wonderland, by Lewis Carroll", "***The
# Project Gutenberg Etext of Alice in Wonderland***".
_TITLE_LINE = re.compile(
    r"Project Gutenberg(?:['’]s)?\s+(?:(?:e-?book|e-?text)\s+of\s+|(?:e-?book|e-?text)\s+)?"
    r"(?P<title>.+?)(?:,\s+by\s+(?P<author>[^*]+?))?[\s*]*$", re.IGNORECASE)
# The statement of the terms of use: it names the licence ("... under the terms
# of the Project Gutenberg License included with this eBook ..."), or says the
# e-text is still under copyright.
_STATEMENT = re.compile(r"\bProject Gutenberg(?:-tm)? Licen[cs]e\b|"
                        r"^\s*This is a \*?copyrighted\*? Project Gutenberg", re.IGNORECASE)


@dataclass(frozen=True)
class RawField:
    """One ``Field: value`` of the header, with the values of its lines."""

    label: str
    values: tuple[str, ...]
    """The value on the field's line, then each indented line that goes on with it."""
    span: Span

    @property
    def key(self) -> str:
        """The label lower-cased, for look-ups."""
        return normalize_space(self.label).casefold()

    @property
    def value(self) -> str:
        """The value as one line, without the e-book number in brackets."""
        return normalize_space(_NUMBER.sub(" ", " ".join(self.values)))


@dataclass(frozen=True)
class Preamble:
    """What the lines above the START line say."""

    fields: tuple[RawField, ...]
    licence: Licence | None
    number: tuple[str, str] | None
    """The e-book number as (the wording before it, "EBook #"; the number)."""
    title_line: tuple[Span, str, str | None] | None
    """The line naming the e-text: its span, the title and the author it names."""
    boilerplate: tuple[Span, ...]
    """Non-blank lines none of the above: notices, the Small Print, addresses."""


def read_preamble(lines: Sequence[str], first_line: int = 1) -> Preamble:
    """Read the lines above the START line (``lines[0]`` is line ``first_line``)."""
    fields = _fields(lines, first_line)
    used = {n for field in fields for n in range(field.span.first_line, field.span.last_line + 1)}
    licence = _statement(lines, first_line, used)
    if licence is not None and licence.span is not None:
        used |= set(range(licence.span.first_line, licence.span.last_line + 1))
    title_line = _title_line(lines, first_line, used)
    boilerplate = [Span(n, n) for n, line in enumerate(lines, first_line)
                   if line.strip() and n not in used]
    return Preamble(tuple(fields), licence, _number(lines), title_line, tuple(boilerplate))


def _fields(lines: Sequence[str], first_line: int) -> list[RawField]:
    """The field lines; an indented line right under one (no blank between) that
    is no field itself goes on with its value ("Author: J. Doe" / "        R. Roe")."""
    fields: list[RawField] = []
    open_field = False
    for number, line in enumerate(lines, first_line):
        match = _FIELD.match(line)
        if match is not None and normalize_space(match["label"]).casefold() in _KNOWN_LABELS:
            fields.append(RawField(normalize_space(match["label"]), (match["value"],),
                                   Span(number, number)))
            open_field = True
        elif open_field and line[:1].isspace() and line.strip():
            last = fields[-1]
            fields[-1] = RawField(last.label, (*last.values, line.strip()),
                                  Span(last.span.first_line, number))
        else:
            open_field = False
    return fields


def _statement(lines: Sequence[str], first_line: int, used: set[int]) -> Licence | None:
    """The statement of the terms of use: the first paragraph of the header
    (outside the fields) that names the licence."""
    block = next((block for block in split_blocks(lines, first_line)
                  if block.span.first_line not in used and _STATEMENT.search(block.text)), None)
    if block is None:
        return None
    reading = read_licence("", block.text)
    return Licence("", reading.text, reading.status, reading.target, block.span)


def small_print_licence(line: str, number: int) -> Licence:
    """The oldest e-texts print no statement, only the Small Print, whose last
    line names it ("*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*")."""
    # The name without the asterisks and END words that frame it as a marker.
    text = normalize_space(re.sub(r"^(?:\W*END\b)?\W*|\W*END\W*$|\*+", " ", line))
    reading = read_licence("", text)
    return Licence("", reading.text, reading.status, reading.target, Span(number, number))


def _number(lines: Sequence[str]) -> tuple[str, str] | None:
    """The e-book number, wherever the header prints it (a field's value, or a
    line of its own in the oldest texts)."""
    for line in lines:
        match = _NUMBER.search(line)
        if match is not None:
            return re.sub(r"\s*#$", " #", normalize_space(match["wording"])), match["number"]
    return None


def _title_line(lines: Sequence[str], first_line: int, used: set[int]
                ) -> tuple[Span, str, str | None] | None:
    """The first line that names the e-text ("The Project Gutenberg EBook of X, by Y")."""
    for number, line in enumerate(lines, first_line):
        if number in used or not line.strip():
            continue
        match = _TITLE_LINE.search(line)
        if match is not None:
            author = match["author"]
            return Span(number, number), normalize_space(match["title"]), \
                normalize_space(author) if author else None
        return None
    return None
