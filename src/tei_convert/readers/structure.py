"""Recognising the parts of a text: letter openers and closers, numbered lists.

The rules look only at the shape of a block (its lines, each a formula of
:mod:`tei_convert.readers.formulas` or not), never at particular wording, so
they carry over to texts the tool has not seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from tei_convert.model import (
    Block,
    Closer,
    Content,
    Formula,
    FormulaKind,
    Inline,
    ItemList,
    LineBreak,
    ListItem,
    Opener,
    Paragraph,
    Postscript,
    Span,
)
from tei_convert.readers.blocks import RawBlock
from tei_convert.readers.closers import Piece, TextEnd, closer_formulas, closes_line_by_line
from tei_convert.readers.formulas import (
    dateline_date,
    ends_sentence,
    is_addressee_line,
    is_formula_line,
    is_lone_word_salute,
    is_opener_line,
    is_place_line,
    is_salute,
    is_set_in_lines,
    lower_case_words,
    opens_with_valediction_word,
    plain_line,
    publication_line,
)
from tei_convert.transforms.content import strip_leading
from tei_convert.transforms.notes import split_markers

_ITEM = re.compile(r"^\(?(\d{1,3})[.)]\s+(\S.*)$", re.DOTALL)
_ITEM_LABEL = re.compile(r"^\s*\(?\d{1,3}[.)]\s*")
# Blocks looked at for an opener that ends in a salutation.
_OPENER_SEARCH = 5


def _marked_content(block: RawBlock) -> Content:
    return split_markers(block.text, block.span.first_line)


ContentOf = Callable[[RawBlock], Content]
"""How a reader turns a block into inline content (its own note markers...)."""

Shape = tuple[str, ...]
"""A block as the letter rules read it: its lines (one, for running prose),
without note markers."""


def build_body(blocks: Sequence[RawBlock], *, content: ContentOf = _marked_content,
               letter: bool = True, line_breaks: bool = False,
               common: Collection[str] | None = None) -> tuple[Block, ...]:
    """Turn the body's blocks into opener, paragraphs, lists, closers and postscript.

    With ``letter=False`` (a chronicle, an index) only paragraphs and lists:
    a date line there heads an entry, it does not close a letter. With
    ``line_breaks=True`` (a source whose line ends are the author's, not a
    wrap) a block set in lines keeps its line breaks, and the letter rules
    read it line by line ("Yours sincerely," over a name). ``common`` are the
    words the source writes in lower case (by default, those of ``blocks``):
    one of them alone is a label, not a name (see :mod:`closers`).
    """
    build = _Builder(content, line_breaks=line_breaks)
    if not letter:
        return tuple(build.running_text(blocks))
    if common is None:
        common = lower_case_words(block.text for block in blocks)
    shapes = [build.shape(block, common) for block in blocks]
    end = TextEnd(shapes, common)
    start, sure = _opener_length(shapes)
    parts = end.parts(start)
    if not sure and not parts:
        # An opener only a letter has (an addressee's lines with no salutation,
        # "Sokolovsky:") is an epigraph, a heading or a label in other texts.
        start = 0
        parts = end.parts(start)
    result: list[Block] = []
    if start:
        result.append(Opener(build.formulas(blocks[:start]), _span(blocks[:start])))
    result.extend(build.running_text(blocks[start:parts[0].first if parts else len(blocks)]))
    for part in parts:
        chosen = blocks[part.first:part.end]
        if part.kind == "closer":
            result.append(Closer(build.closer_formulas(chosen, common), _span(chosen)))
        else:
            result.append(Postscript(tuple(build.running_text(chosen)), _span(chosen)))
    return tuple(result)


def _opener_length(shapes: Sequence[Shape]) -> tuple[int, bool]:
    """How many leading blocks open the letter, and whether they open any text.

    Datelines and salutations (at most 3); or address blocks and datelines up
    to a salutation (at most :data:`_OPENER_SEARCH` blocks), since a salutation
    closes an opener; or, if the text closes as a letter, a first block of
    address lines with no salutation (a telegram's routing and addressee) or a
    one-word salutation ("Sokolovsky:").
    """
    count = 0
    while count < min(3, len(shapes) - 1) and (
        _is_dateline(shapes[count]) or _is_salute_block(shapes[count])
    ):
        count += 1
    # The last salutation in a run of address and date blocks closes the opener:
    # an addressee's name over the address ("Mr. R. T. Halloway,") looks like
    # one too.
    salute = None
    for index in range(count, min(_OPENER_SEARCH, len(shapes) - 1)):
        shape = shapes[index]
        if _is_salute_block(shape) and not opens_with_valediction_word(shape[-1]):
            salute = index
        elif not _is_address_block(shape):
            break
    addressee_only = False
    if salute is not None:
        count = salute + 1
    elif count < len(shapes) - 1 and _is_addressee_block(shapes[count]):
        count += 1  # "To L. B. Krasnova", under the date or alone
        addressee_only = count == 1
    lone = any(is_lone_word_salute(shape[-1]) for shape in shapes[:count])
    return count, not (addressee_only or lone)


def _is_addressee_block(shape: Shape) -> bool:
    """Address lines with no salutation under them: a telegram's routing and
    addressee, set line by line, or one line naming who a note is for."""
    return all(is_opener_line(line) for line in shape) and (
        len(shape) > 1 or is_addressee_line(shape[0]))


def _is_address_block(shape: Shape) -> bool:
    """Lines that may stand above a salutation: a block of address or date
    lines, or one line that is no heading: a date, an addressee ("To the
    Bureau"), or one with a comma or a figure ("41 Maitland Park Road")."""
    if len(shape) == 1:
        line = shape[0]
        return dateline_date(line) is not None or (
            is_opener_line(line) and not ends_sentence(line)
            and (is_addressee_line(line) or "," in line or any(c.isdigit() for c in line)))
    return all(is_opener_line(line) for line in shape)


def _is_dateline(shape: Shape) -> bool:
    return len(shape) == 1 and dateline_date(shape[0]) is not None


def _is_salute_block(shape: Shape) -> bool:
    """A salutation, alone or under the address and date lines of its block."""
    return is_salute(shape[-1]) and all(is_opener_line(line) for line in shape[:-1])


class _Builder:
    """Makes model nodes from blocks, with the reader's way of reading content."""

    def __init__(self, content: ContentOf, *, line_breaks: bool = False) -> None:
        self.content = content
        self.line_breaks = line_breaks
        self._in_lines: dict[Span, bool] = {}

    def in_lines(self, block: RawBlock) -> bool:
        """Whether ``block``'s line ends are kept and read one by one: a block set
        in lines, or one whose every line is a formula ("Chairman of ..." over
        the name that signs). Worked out once a block."""
        if block.span not in self._in_lines:
            self._in_lines[block.span] = self.line_breaks and len(block.lines) > 1 and (
                is_set_in_lines(block.lines)
                or all(is_formula_line(plain_line(line)) for line in block.lines))
        return self._in_lines[block.span]

    def shape(self, block: RawBlock, common: Collection[str]) -> Shape:
        """The block's lines as the closing rules read them: each line of a block
        set in lines, or of one whose every line closes the text (a publication
        line wrapped over three printed lines, which the layout keeps together);
        else its text as one line."""
        lines = tuple(line for line in map(plain_line, block.lines) if line)
        if self.in_lines(block) or (len(lines) > 1 and closes_line_by_line(lines, common)):
            return lines or ("",)
        return (plain_line(block.text),)

    def paragraph_content(self, block: RawBlock) -> Content:
        """The block's content, with a :class:`LineBreak` at each kept line end."""
        if not self.in_lines(block):
            return self.content(block)
        parts: list[Inline] = []
        for line in _line_blocks(block):
            if parts:
                parts.append(LineBreak(line.span.first_line - 1))
            parts.extend(self.content(line))
        return tuple(parts)

    def formulas(self, blocks: Sequence[RawBlock]) -> tuple[Formula, ...]:
        """An opener's formulas: datelines, address lines, salutations."""
        lines = _one_salute([(index, formula) for index, block in enumerate(blocks)
                             for formula in self._line_formulas(block)])
        parts: list[Formula] = []
        for number, (index, formula) in enumerate(lines):
            last = parts[-1] if parts else None
            if last is not None and formula.kind is FormulaKind.DATELINE and _is_place(last):
                # "Tsaritsyn," over "July 10, 1918" is one dateline.
                parts[-1] = Formula(FormulaKind.DATELINE, (*last.content, " ", *formula.content),
                                    Span(last.span.first_line, formula.span.last_line),
                                    formula.date)
            elif last is not None and formula.kind is last.kind and formula.kind in _MULTILINE \
                    and lines[number - 1][0] == index:
                # The lines of one address, in one block.
                parts[-1] = Formula(formula.kind, (*last.content, LineBreak(last.span.last_line),
                                                   *formula.content),
                                    Span(last.span.first_line, formula.span.last_line))
            else:
                parts.append(formula)
        return tuple(parts)

    def closer_formulas(self, blocks: Sequence[RawBlock],
                        common: Collection[str]) -> tuple[Formula, ...]:
        """A closer's formulas, read by :func:`closers.closer_formulas`."""
        pieces = [Piece(plain_line(piece.text), self.content(piece), piece.span, index)
                  for index, block in enumerate(blocks)
                  for piece in self._closing_pieces(block, common)]
        return closer_formulas(pieces, common)

    def _closing_pieces(self, block: RawBlock, common: Collection[str]) -> list[RawBlock]:
        """A closer's block, or its lines when each of them closes: a publication
        line and the signature under it that the layout put in one block."""
        lines = _line_blocks(block)
        if self.in_lines(block) or (len(lines) > 1 and closes_line_by_line(
                [plain_line(line.text) for line in lines], common)):
            return lines
        return [block]

    def _pieces(self, block: RawBlock) -> list[RawBlock]:
        """A block, or each of its lines for a block read line by line."""
        return _line_blocks(block) if self.in_lines(block) else [block]

    def _line_formulas(self, block: RawBlock) -> list[Formula]:
        """One formula for a block, or one a line for a block read line by line."""
        return [self._formula(piece) for piece in self._pieces(block)]

    def _formula(self, block: RawBlock) -> Formula:
        text = plain_line(block.text)
        # "Milan, [21] September 1920": a bracketed number inside a date is the
        # editor's day, read before the same line with its markers taken out.
        date = dateline_date(block.text) or (dateline_date(text) if text != block.text else None)
        kind = FormulaKind.DATELINE
        if date is None and (date := publication_line(text)) is not None:
            kind = FormulaKind.PUBLICATION
        elif date is None and is_salute(text):
            kind = FormulaKind.SALUTE
        elif date is None:
            kind = FormulaKind.ADDRESS
        return Formula(kind, self.content(block), block.span, date)

    def running_text(self, blocks: Sequence[RawBlock]) -> list[Paragraph | ItemList]:
        """Paragraphs, with runs of consecutively numbered blocks made into lists."""
        result: list[Paragraph | ItemList] = []
        index = 0
        while index < len(blocks):
            run = _numbered_run(blocks, index)
            if len(run) >= 2:
                items = tuple(self._item(blocks[index + n], n_label)
                              for n, n_label in enumerate(run))
                result.append(ItemList(items, _span(blocks[index: index + len(run)])))
                index += len(run)
            else:
                block = blocks[index]
                result.append(Paragraph(self.paragraph_content(block), block.span))
                index += 1
        return result

    def _item(self, block: RawBlock, label: str) -> ListItem:
        content = strip_leading(self.content(block), _ITEM_LABEL)
        return ListItem(label, content, block.span)


_MULTILINE = (FormulaKind.ADDRESS,)
"""Formulas that may run over several lines of one block (a closer's
signatures are put together by :func:`closers.closer_formulas`)."""


def _line_blocks(block: RawBlock) -> list[RawBlock]:
    """Each non-blank line of ``block`` as a block of its own."""
    first = block.span.first_line
    return [RawBlock((line,), Span(first + offset, first + offset))
            for offset, line in enumerate(block.lines) if line.strip()]


def _one_salute(lines: list[tuple[int, Formula]]) -> list[tuple[int, Formula]]:
    """An opener's last salutation is its salutation; a line before it that
    looks like one is the addressee's name over the address ("Mr. R. T.
    Halloway,"), unless a date follows it ("Tsaritsyn," over the date)."""
    salutes = [n for n, (_, formula) in enumerate(lines) if formula.kind is FormulaKind.SALUTE]
    fixed = list(lines)
    for n in salutes[:-1]:
        following = lines[n + 1][1] if n + 1 < len(lines) else None
        if following is None or following.kind is not FormulaKind.DATELINE:
            index, formula = lines[n]
            fixed[n] = (index, replace(formula, kind=FormulaKind.ADDRESS))
    return fixed


def _is_place(formula: Formula) -> bool:
    """A line that only names a place before a date: "Tsaritsyn," "Moscow,"."""
    text = "".join(part for part in formula.content if isinstance(part, str))
    return formula.kind is not FormulaKind.DATELINE and is_place_line(text)


def _numbered_run(blocks: Sequence[RawBlock], index: int) -> list[str]:
    """Labels of the consecutive blocks numbered n, n+1, n+2... from ``index``."""
    labels: list[str] = []
    expected: int | None = None
    # By position, not blocks[index:]: a copy of the rest at every block was
    # quadratic in a page of many blocks.
    for position in range(index, len(blocks)):
        match = _ITEM.match(blocks[position].text)
        if match is None or (expected is not None and int(match.group(1)) != expected):
            break
        expected = int(match.group(1)) + 1
        labels.append(match.group(1))
    return labels


def _span(blocks: Sequence[RawBlock]) -> Span:
    return Span(blocks[0].span.first_line, blocks[-1].span.last_line)
