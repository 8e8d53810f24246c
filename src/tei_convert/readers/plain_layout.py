"""Paragraphs of a plain text, and the content of its wrapped lines.

A plain transcription parts its paragraphs with blank lines, or, typed or
wrapped by an editor at a fixed width, runs them on with no blank line between
them. The blocks between blank lines come first
(:func:`tei_convert.readers.blocks.split_blocks`); :func:`cut_paragraphs` then
cuts each block of running prose whose lines were wrapped into its paragraphs
by the rules the volume reader applies to printed lines
(:func:`tei_convert.readers.volume_layout.paragraphs`): a line ends a paragraph
when it ends a sentence and the first word of the next line would still have
fitted on it, or when it falls well short of the measure; and, in a typed text
that indents the first line of each paragraph, where a line is indented. A
paragraph wrapped to a measure leaves room only on its last line, so a block
that is one paragraph stays whole. The measure is learned from the text itself
(:func:`learn_layout`), in characters, since a plain-text file is set in a
fixed-width face, unless Times-Roman widths tell its full lines from its wrapped
ones better (a text copied line by line from a printed page).

The lines of each paragraph are joined by
:class:`tei_convert.readers.volume_text.TextBuilder`, as a volume's are: a word
broken at a line end with a hyphen is joined, or keeps its hyphen when it is a
compound, and each decision is reported (:func:`joined_content`).

Readers of plain texts share these functions: ``plain``, and e-texts whose
paragraphs follow the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from tei_convert.input.text import normalize_space
from tei_convert.model import Content, Span
from tei_convert.readers.blocks import RawBlock
from tei_convert.readers.formulas import ends_sentence
from tei_convert.readers.structure import ContentOf
from tei_convert.readers.volume_layout import (
    Kind,
    Line,
    learn_line_measure,
    paragraphs,
    printed_width,
)
from tei_convert.readers.volume_measure import Measure, character_width
from tei_convert.readers.volume_text import TextBuilder
from tei_convert.transforms.hyphenation import find_line_end_hyphen

SET_LINE = 40
"""A block whose lines are all at most this long was set line by line (an
address, a verse), not wrapped (the limit :func:`formulas.is_set_in_lines` uses)."""


@dataclass(frozen=True)
class Layout:
    """What the wrapped lines of one text can hold, learned from the text."""

    width: int
    """The usual length of a full line in characters, for lines the measure
    cannot judge."""
    measure: Measure | None
    """The text's measure, when enough wrapped lines show it."""


def block_lines(block: RawBlock) -> list[Line]:
    """The lines of ``block`` that hold text, as the layout rules read lines,
    numbered as in the source."""
    first = block.span.first_line
    return [Line(first + offset, text.strip(), Kind.TEXT)
            for offset, text in enumerate(block.lines) if text.strip()]


def is_wrapped(block: RawBlock) -> bool:
    """Running prose wrapped over lines: two or more lines, some of them longer
    than a line set by hand, and a line that carries on in lower case on the
    next one or ends in a word broken with a hyphen."""
    lines = [normalize_space(line) for line in block.lines if line.strip()]
    if len(lines) < 2 or max(map(len, lines)) <= SET_LINE:
        return False
    return any(after[:1].islower() or find_line_end_hyphen(before) is not None
               for before, after in pairwise(lines))


def is_line_a_paragraph(block: RawBlock) -> bool:
    """A block with one paragraph a line and no blank lines between them: two
    or more lines, some longer than a line set by hand, none carrying on in
    lower case, every line but the last ending a sentence."""
    lines = [normalize_space(line) for line in block.lines if line.strip()]
    if len(lines) < 2 or max(map(len, lines)) <= SET_LINE:
        return False
    return all(ends_sentence(before) and not after[:1].islower()
               for before, after in pairwise(lines))


def learn_layout(blocks: Sequence[RawBlock]) -> Layout:
    """The measure of a text's wrapped blocks (:func:`is_wrapped`): in
    characters, unless Times-Roman widths misplace fewer lines."""
    lines: list[Line] = []
    for block in blocks:
        if is_wrapped(block):
            # A gap between blocks: the last line of one does not run on into the next.
            lines.extend([*block_lines(block), Line(block.span.last_line, "", Kind.GAP)])
    by_characters = learn_line_measure(lines, character_width)
    by_face = learn_line_measure(lines)
    measure = by_characters
    if by_face is not None and (by_characters is None
                                or by_face.misplaced < by_characters.misplaced):
        measure = by_face
    return Layout(printed_width(lines), measure)


def cut_paragraphs(blocks: Sequence[RawBlock], layout: Layout) -> list[RawBlock]:
    """The text's paragraphs: each wrapped block (:func:`is_wrapped`) cut where
    a line is indented as a paragraph's first line, and where its lines say a
    paragraph ends (the volume's rules), a block of whole sentences one a line
    cut at every line (:func:`is_line_a_paragraph`), other blocks as they are
    (a block set in lines keeps them; the letter rules read it line by line)."""
    result: list[RawBlock] = []
    for block in blocks:
        if is_wrapped(block):
            result.extend(_piece(block, [line.number for line in group.lines])
                          for lines in _indented_paragraphs(block)
                          for group in paragraphs(lines, layout.width, layout.measure))
        elif is_line_a_paragraph(block):
            result.extend(_piece(block, [line.number])
                          for line in block_lines(block))
        else:
            result.append(block)
    return result


def _indented_paragraphs(block: RawBlock) -> list[list[Line]]:
    """The block's lines cut before each line indented further than the block's
    usual lines, with usual lines above and under it: the first line of a
    paragraph, as a typed text marks it. (A passage indented as a whole, a
    quotation, has indented lines above or under each of its lines.)"""
    lines = block_lines(block)
    indents = [len(text) - len(text.lstrip()) for text in
               (line.expandtabs() for line in block.lines if line.strip())]
    usual = min(indents, key=lambda indent: (-indents.count(indent), indent))
    pieces: list[list[Line]] = [[]]
    for index, line in enumerate(lines):
        below = indents[index + 1] if index + 1 < len(lines) else usual
        if index and indents[index] > usual == indents[index - 1] == below and pieces[-1]:
            pieces.append([])
        pieces[-1].append(line)
    return pieces


def _piece(block: RawBlock, numbers: Sequence[int]) -> RawBlock:
    """The source lines ``numbers`` (consecutive) of ``block``, as a block."""
    first, last = numbers[0], numbers[-1]
    start = block.span.first_line
    return RawBlock(block.lines[first - start:last - start + 1], Span(first, last))


def joined_content(builder: TextBuilder) -> ContentOf:
    """How a plain text's blocks become inline content: their lines joined
    (words broken at a line end rejoined and reported), note markers split off
    as the ``builder`` is told."""

    def content(block: RawBlock) -> Content:
        return builder.content(block_lines(block))

    return content
