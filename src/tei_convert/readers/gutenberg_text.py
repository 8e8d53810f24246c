"""The text of a Project Gutenberg e-text, between its START and END lines.

Its conventions are Distributed Proofreaders': blocks of hard-wrapped lines
between blank lines, more blank lines before a heading than after it;
``_italics_`` between underscores; ``[Illustration: caption]`` (or
``[Illustration]``) where a picture stood; a note marked ``[1]`` in the text
and printed ``[Footnote 1: ...]`` after the paragraph or at the end of the
chapter, over one or more paragraphs. Poetry is indented line by line.

Here the lines become items (text blocks, illustrations, footnotes), and a
block's lines become inline content. Headings are read in
:mod:`gutenberg_sections`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tei_convert.diagnostics import Reporter
from tei_convert.model import (
    Content,
    Figure,
    Highlight,
    Inline,
    LineBreak,
    Note,
    Paragraph,
    Span,
)
from tei_convert.transforms.notes import footnote_start, split_markers

ILLUSTRATION = "Illustration"
"""The transcription's word for a picture; markup, not text."""
_ILLUSTRATION = re.compile(r"^\s*\[Illustration(?=[\]:\s])")
# Italics: underscores around a phrase, each against a word's edge
# ("_You_ want", "(_sic_)"), never inside a word or around spaces alone.
_ITALIC = re.compile(r"(?<!\w)_(?=[^\s_])(?P<inner>[^_]*?[^\s_])_(?!\w)")
_DOUBLE_SPACE = re.compile(r" {2,}")
_LONGEST_BRACKET = 400
"""Lines a footnote or caption may run over before its bracket is taken for
one that never closes."""
_VERSE_INDENT = 2


@dataclass(frozen=True)
class Item:
    """A text block, an illustration or a footnote, with the blank lines above it."""

    kind: str
    """``block``, ``figure`` or ``footnote``."""
    lines: tuple[str, ...]
    span: Span
    gap: int
    """Blank lines between it and the item before (many at the start of the text)."""

    @property
    def text(self) -> str:
        """The lines joined as running text."""
        return join_lines(self.lines)


def read_items(lines: Sequence[str], first: int, last: int, reporter: Reporter) -> list[Item]:
    """The items of lines ``first`` to ``last`` (1-based, inclusive)."""
    items: list[Item] = []
    gap, number = 1 << 10, first
    while number <= last:
        if not lines[number - 1].strip():
            gap, number = gap + 1, number + 1
            continue
        kind = _construct(lines[number - 1])
        end = _bracket_end(lines, number, last) if kind else None
        if kind and end is None:
            reporter.warn("markup-unclosed", f"'{lines[number - 1].strip()[:30]}' never closes "
                          "its bracket; kept as text", number)
        if kind is None or end is None:
            kind, end = "block", _block_end(lines, number, last)
        items.append(Item(kind, tuple(lines[number - 1:end]), Span(number, end), gap))
        gap, number = 0, end + 1
    return items


def _construct(line: str) -> str | None:
    if _ILLUSTRATION.match(line):
        return "figure"
    return "footnote" if footnote_start(line) else None


def _block_end(lines: Sequence[str], number: int, last: int) -> int:
    while number < last and lines[number].strip():
        number += 1
    return number


def _bracket_end(lines: Sequence[str], number: int, last: int) -> int | None:
    """The line on which the bracket opened at the start of line ``number``
    closes, when nothing follows it there; None if it never does."""
    depth = 0
    for at in range(number, min(last, number + _LONGEST_BRACKET) + 1):
        line = lines[at - 1].rstrip()
        for position, char in enumerate(line):
            depth += {"[": 1, "]": -1}.get(char, 0)
            if depth == 0:
                return at if position == len(line) - 1 else None
    return None


def join_lines(lines: Sequence[str]) -> str:
    """Hard-wrapped lines as one: a space between them, none after a hyphen
    that ends a line (the e-text rejoins broken words, so such a hyphen is a
    compound's: "waistcoat-" / "pocket")."""
    text = ""
    for line in (line.strip() for line in lines):
        glued = text.endswith("-") and not text.endswith("--") and text[-2:-1].isalpha()
        text = f"{text}{line}" if glued or not text else f"{text} {line}"
    return text


def inline(text: str, line: int) -> Content:
    """Inline content of running text: ``_italics_`` as highlighted phrases,
    ``[1]`` as note markers."""
    parts: list[Inline] = []
    position = 0
    for match in _ITALIC.finditer(text):
        parts += _runs(text[position:match.start()], line)
        parts.append(Highlight(tuple(_runs(match["inner"], line)), line))
        position = match.end()
    parts += _runs(text[position:], line)
    return _tidy(parts)


def _runs(text: str, line: int) -> list[Inline]:
    """Text and markers, keeping one space at either edge where ``text`` has
    white space there (the phrase beside it needs it)."""
    parts: list[Inline] = list(split_markers(text, line))
    if text[:1].isspace():
        parts.insert(0, " ")
    if text[-1:].isspace() and text.strip():
        parts.append(" ")
    return parts


def _tidy(parts: list[Inline]) -> Content:
    """Adjacent text runs merged (one space where two met), without white space
    at either end."""
    merged: list[Inline] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] = _DOUBLE_SPACE.sub(" ", merged[-1] + part)
        else:
            merged.append(part)
    if merged and isinstance(merged[0], str):
        merged[0] = merged[0].lstrip()
    if merged and isinstance(merged[-1], str):
        merged[-1] = merged[-1].rstrip()
    return tuple(part for part in merged if part != "")


def paragraph(item: Item) -> Paragraph:
    """A block as a paragraph; poetry (every line indented) keeps its lines."""
    return Paragraph(block_content(item.lines, item.span.first_line), item.span)


def block_content(lines: Sequence[str], first_line: int) -> Content:
    """A block's lines as inline content: joined, or set line by line when
    every line is indented (verse, a letter quoted in its lines)."""
    indented = all(line[:_VERSE_INDENT].isspace() for line in lines)
    if len(lines) < 2 or not indented:
        return inline(join_lines(lines), first_line)
    parts: list[Inline] = []
    for offset, line in enumerate(lines):
        if parts:
            parts.append(LineBreak(first_line + offset - 1))
        parts += inline(line.strip(), first_line + offset)
    return tuple(parts)


def figure(item: Item) -> Figure:
    """``[Illustration: caption]``: the caption's paragraphs, a line break between."""
    inner = _inner(item.lines, _ILLUSTRATION)
    return Figure(_paragraphs_content(inner, item.span.first_line), item.span)


def footnote(item: Item) -> Note:
    """``[Footnote 1: ...]``: a note of one or more paragraphs."""
    start = footnote_start(item.lines[0])
    assert start is not None
    label, _word, rest = start
    lines = [rest, *item.lines[1:]]
    lines[-1] = lines[-1].rstrip()[:-1]
    paragraphs = [Paragraph(content, span) for content, span in
                  _paragraph_lines(lines, item.span.first_line) if content]
    return Note(label, tuple(paragraphs) or (Paragraph((), item.span),), item.span)


def _inner(lines: Sequence[str], opening: re.Pattern[str]) -> list[str]:
    """The lines of a bracketed construct without its opening word and the
    closing bracket."""
    first = opening.sub("", lines[0], count=1).lstrip().removeprefix(":")
    inner = [first, *lines[1:]]
    inner[-1] = inner[-1].rstrip()[:-1]
    return inner


def _paragraph_lines(lines: Sequence[str], first_line: int) -> list[tuple[Content, Span]]:
    """The paragraphs (runs of non-blank lines) of ``lines`` as content."""
    found: list[tuple[Content, Span]] = []
    run: list[str] = []
    start = first_line
    for number, line in enumerate([*lines, ""], first_line):
        if line.strip():
            if not run:
                start = number
            run.append(line)
        elif run:
            found.append((block_content(run, start), Span(start, number - 1)))
            run = []
    return found


def _paragraphs_content(lines: Sequence[str], first_line: int) -> Content | None:
    parts: list[Inline] = []
    for content, span in _paragraph_lines(lines, first_line):
        if parts and content:
            parts.append(LineBreak(span.first_line - 1))
        parts += content
    return tuple(parts) or None
