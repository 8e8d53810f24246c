"""Recognising the parts of a text: letter openers and closers, numbered lists.

The rules look only at the shape of a block (length, final punctuation,
capitalisation, whether it is a date), never at particular wording, so they
carry over to texts the tool has not seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from tei_convert.input.text import normalize_space
from tei_convert.model import (
    Block,
    Closer,
    Content,
    DateValue,
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
from tei_convert.transforms.content import strip_leading
from tei_convert.transforms.notes import split_markers, without_markers
from tei_convert.values.dates import find_dates, parse_date

# A periodical, its issue number and a date: "Pravda, No. 108, June 1, 1918".
_PUBLICATION = re.compile(r"^\(?[A-Z][^,.()]{1,50}(?:\([^()]*\))?,?\s+Nos?[.,]?\s*\d+")
_ITEM = re.compile(r"^\(?(\d{1,3})[.)]\s+(\S.*)$", re.DOTALL)
_ITEM_LABEL = re.compile(r"^\s*\(?\d{1,3}[.)]\s*")
# A place before a date: up to three parts of up to four capitalised words,
# with the small words of place names between them ("Fortress of Kalnitz",
# "Frankfurt am Main", "Milan, Judicial Prison of San Vittore,", "Lille, Tuesday,").
_PLACE_PREFIX = re.compile(
    r"^(?:(?:[A-Z][\w.'’-]*(?: (?:(?:of|on|upon|am|an|der|de|di|la|le|sur|near|bei) )?"
    r"[A-Z][\w.'’-]*){0,3},\s*){1,3})?$")
_MINOR_WORDS = frozenset(
    "a an and at by de du for in la le of on the to van von with".split()  # noqa: SIM905
)
# Words that open a valediction in English letters.
_VALEDICTION = re.compile(
    r"^(?:With|Yours|Your|Ever|Sincerely|Faithfully|Fraternally|Cordially|Respectfully"
    r"|Best|Kind|Warm|Warmest|Affectionately|Greetings)\b")
_VALEDICTION_ANY_CASE = re.compile(_VALEDICTION.pattern, re.IGNORECASE)
# The nouns of a closing greeting, wherever they stand ("Fraternal greetings").
_GREETING = re.compile(r"\b(?:greetings?|regards|wishes|salutations?)\b", re.IGNORECASE)
_MAX_FORMULA_WORDS = 10
_MAX_SALUTE_WORDS = 8
_MAX_DATELINE_WORDS = 12
_MAX_VALEDICTION_WORDS = 16
_MAX_COLON_SALUTE_WORDS = 5
# A full stop after a word ends a sentence; after an initial ("A. B."), a
# title ("Mr.", "Dr.") or a capitals abbreviation ("C.P.C.") it does not.
_SENTENCE_BREAK = re.compile(
    r"\b(?!(?:Mr|Mrs|Ms|Dr|St|Prof|Messrs|Jr|Sr)\.)(?=\w*[a-z])\w{2,}[.?!] ")
_MAX_POSTSCRIPT_BLOCKS = 2
# Lines of at most this many characters are not wrapped prose.
_SHORT_LINE = 40
_SHORT_SHARE = 0.75
# Blocks looked at for an opener that ends in a salutation.
_OPENER_SEARCH = 5
_MAX_ADDRESS_WORDS = 8
# "Urgent." "Priority." "By direct wire.": short routing lines may end in a stop.
_MAX_ROUTING_WORDS = 3
# The last word of a line is an abbreviation: initials or a short capitalised word.
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b[A-Z][a-z]{0,3}\.)$")
# "To Comrade Stalin": a line naming who a note or telegram is for.
_ADDRESSEE = re.compile(r"To [A-Z]")
_POSTSCRIPT = re.compile(r"(?:P\.\s?)+S\.|PS\b|N\.\s?B\.|NB\b")


def dateline_date(text: str) -> DateValue | None:
    """The date of a dateline ("October 20, 1922", "Moscow, May 1, 1920",
    "[Paris,] 3 May 1871", "Geneva, 12 March [1905]"), else None.

    An editor's brackets around the place or a part of the date are read
    through; the date's wording keeps them, as the source prints it.
    """
    if len(text.split()) > _MAX_DATELINE_WORDS:
        return None
    plain, where = _unbracketed(text)
    body = plain.rstrip(" .")
    for match in find_dates(body):
        if match.end == len(body) and _PLACE_PREFIX.match(body[: match.start]):
            first, last = where[match.start], where[match.end - 1] + 1
            while first > 0 and text[first - 1] == "[":
                first -= 1
            while last < len(text) and text[last] == "]":
                last += 1
            return replace(match.value, text=text[first:last])
    return None


def _unbracketed(text: str) -> tuple[str, list[int]]:
    """``text`` without square brackets, and where each kept character stood."""
    where = [index for index, char in enumerate(text) if char not in "[]"]
    return "".join(text[index] for index in where), where


def publication_line(text: str) -> DateValue | None:
    """The date of a publication line ("Pravda, No. 108, June 1, 1918"), else None."""
    if len(text.split()) > _MAX_FORMULA_WORDS + 2 or not _PUBLICATION.match(text):
        return None
    body = text.rstrip(" .)")
    pieces = body.split(", ")
    # The date is the tail of the line; read it whole, so "November 6 and
    # 19, 1918" keeps both days.
    for start in range(1, len(pieces)):
        value = parse_date(", ".join(pieces[start:]))
        if value.is_understood:
            return value
    matches = find_dates(body)
    return matches[-1].value if matches and matches[-1].end == len(body) else None


def is_salute(text: str) -> bool:
    """A short address: ending in a comma or exclamation ("Dear Comrades,",
    "Dear A. B.,"), or a name or title ending in a colon ("Dear Comrade Kovacs:",
    "Ivan Petrovich:")."""
    words = text.split()
    if not (0 < len(words) <= _MAX_SALUTE_WORDS and text[0].isupper()) \
            or _SENTENCE_BREAK.search(text):
        return False
    if text[-1] in ",!":
        return True
    # A colon also ends a label in running text ("the following:"); a salutation
    # is a name or a title of at most five capitalised words ("Sokolovsky:").
    return text[-1] == ":" and len(words) <= _MAX_COLON_SALUTE_WORDS \
        and _all_capitalised(words)


def _all_capitalised(words: Sequence[str]) -> bool:
    significant = [w.strip("()[]\"'“”‘’") for w in words if w.lower() not in _MINOR_WORDS]
    return any(w[:1].isalpha() for w in significant) and all(
        w[:1].isupper() or not w[:1].isalpha() for w in significant if w
    )


def is_signature(text: str) -> bool:
    """A short capitalised line without sentence punctuation: a name or office."""
    words = text.split()
    if not 0 < len(words) <= _MAX_FORMULA_WORDS or text[-1] in ",:;?!":
        return False
    return _all_capitalised(words)


def _marked_content(block: RawBlock) -> Content:
    return split_markers(block.text, block.span.first_line)


ContentOf = Callable[[RawBlock], Content]
"""How a reader turns a block into inline content (its own note markers...)."""

Shape = tuple[str, ...]
"""A block as the letter rules read it: its lines (one, for running prose),
without note markers."""


def build_body(blocks: Sequence[RawBlock], *, content: ContentOf = _marked_content,
               letter: bool = True, line_breaks: bool = False) -> tuple[Block, ...]:
    """Turn the body's blocks into opener, paragraphs, lists, closer and postscript.

    With ``letter=False`` (a chronicle, an index) only paragraphs and lists:
    a date line there heads an entry, it does not close a letter. With
    ``line_breaks=True`` (a source whose line ends are the author's, not a
    wrap) a block set in lines keeps its line breaks, and the letter rules
    read it line by line ("Yours sincerely," over a name).
    """
    build = _Builder(content, line_breaks=line_breaks)
    if not letter:
        return tuple(build.running_text(blocks))
    shapes = [build.shape(block) for block in blocks]
    start = _opener_length(shapes)
    result: list[Block] = []
    if start:
        result.append(Opener(build.formulas(blocks[:start], closing=False),
                             _span(blocks[:start])))
    closer = _find_closer(shapes, start)
    end = len(blocks) if closer is None else closer[0]
    result.extend(build.running_text(blocks[start:end]))
    if closer is not None:
        first, last = closer
        closing = blocks[first:last]
        result.append(Closer(build.formulas(closing, closing=True), _span(closing)))
        if last < len(blocks):
            rest = blocks[last:]
            result.append(Postscript(tuple(build.running_text(rest)), _span(rest)))
    return tuple(result)


def is_set_in_lines(lines: Sequence[str]) -> bool:
    """True when a block's line ends are meant (an address, a verse, a
    telegram's timed lines), not where running prose was wrapped.

    Wrapped prose fills each line until the next word no longer fits; a block
    of short lines, or one where a line leaves room for the next line's first
    word, was broken by its author.
    """
    widths = [len(normalize_space(line)) for line in lines]
    if len(widths) < 2:
        return False
    longest = max(widths)
    if longest <= _SHORT_LINE:
        return True
    for width, following in zip(widths, lines[1:], strict=False):
        first = following.split()
        # A wrap by hand is not always greedy: a line counts as broken short only
        # when it also leaves a quarter of the measure empty.
        if first and width + 1 + len(first[0]) <= longest and width <= longest * _SHORT_SHARE:
            return True
    return False


def _opener_length(shapes: Sequence[Shape]) -> int:
    """How many leading blocks open the letter: datelines and salutations (at
    most 3), or address blocks and datelines up to a salutation (at most
    :data:`_OPENER_SEARCH` blocks), since a salutation closes an opener."""
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
        if _is_salute_block(shape) and not _VALEDICTION.match(shape[-1]):
            salute = index
        elif not _is_address_block(shape):
            break
    if salute is not None:
        return salute + 1
    if count == 0 and len(shapes) > 1 and all(_is_opener_line(line) for line in shapes[0]) \
            and (len(shapes[0]) > 1 or _ADDRESSEE.match(shapes[0][0])):
        # A telegram's routing and address lines, set line by line above the
        # text, or a note's addressee ("To L. B. Krasnova"), open it even when no
        # salutation follows.
        count = 1
    return count


def _is_address_block(shape: Shape) -> bool:
    """Lines that may stand above a salutation: a block of address or date
    lines, or one short line that is not a sentence."""
    if len(shape) == 1 and _ends_sentence(shape[0]) and dateline_date(shape[0]) is None:
        return False
    return all(_is_opener_line(line) for line in shape)


def _is_dateline(shape: Shape) -> bool:
    return len(shape) == 1 and dateline_date(shape[0]) is not None


def _is_salute_block(shape: Shape) -> bool:
    """A salutation, alone or under the address and date lines of its block."""
    return is_salute(shape[-1]) and all(_is_opener_line(line) for line in shape[:-1])


def _is_opener_line(line: str) -> bool:
    """A line that may stand above a salutation: a dateline, or a short line
    that is not a sentence (an address, a telegram's routing: "By direct line")."""
    words = line.split()
    if dateline_date(line) is not None:
        return True
    # "(Applause.)" before "Comrades!" is a stage direction, not an address.
    return 0 < len(words) <= _MAX_ADDRESS_WORDS and not line.startswith("(") and (
        not _ends_sentence(line) or len(words) <= _MAX_ROUTING_WORDS)


def _ends_sentence(line: str) -> bool:
    """A final stop, not one of an abbreviation ("N.W.", "Ave.", "Wash.")."""
    return line[-1:] in tuple("?!;") or (line.endswith(".")
                                         and _ABBREVIATION.search(line) is None)


def _find_closer(shapes: Sequence[Shape], start: int) -> tuple[int, int] | None:
    """Where the closer is, as (first, end) block indexes, or None.

    A closing salutation ("With communist greetings,") after the first
    paragraph opens a closer wherever it stands, together with the closing
    salutations and signatures right before it ("With greetings," / "Yours,"
    / "A. B." / "Zurich," over a date). Without one, a run of
    signature or dateline blocks closes the letter only near the end: at
    most two blocks may follow it, and they become a postscript. When the end
    holds no closer, one above a block opening with "P.S." or "N.B." is
    looked for: the postscript may then be as long as it is.
    """
    found = _closer_above(shapes, start, len(shapes))
    if found is None:
        limit = next((index for index in range(start + 1, len(shapes))
                      if _POSTSCRIPT.match(shapes[index][0])), None)
        found = None if limit is None else _closer_above(shapes, start, limit)
    return found


def _closer_above(shapes: Sequence[Shape], start: int, limit: int) -> tuple[int, int] | None:
    """The closer among ``shapes[start:limit]``, by the rules of :func:`_find_closer`."""
    for index in range(limit - 1, start, -1):
        if _is_closing_salute(shapes[index]) and _closes_here(shapes, index, limit):
            first = index
            while first - 1 > start and (_is_closing_salute(shapes[first - 1])
                                         or _is_closing_formula(shapes[first - 1])):
                first -= 1
            return first, _formula_run_end(shapes, index + 1, limit)
    for end in range(limit, max(start, limit - _MAX_POSTSCRIPT_BLOCKS - 1), -1):
        first = end
        while first - 1 > start and _is_closing_formula(shapes[first - 1]):
            first -= 1
        if first < end and not any(_is_closing_formula(s) for s in shapes[end:limit]):
            return first, end
    return None


def _closes_here(shapes: Sequence[Shape], index: int, limit: int) -> bool:
    """A comma-ended address closes a letter when a valediction word opens it
    ("With greetings,", "Yours,"), when a signature or date follows it (in
    its block or the next), or when it stands at the very end; "Comrades,"
    before a speech does none of these."""
    following = shapes[index + 1:limit]
    signed_below = len(shapes[index]) > 1 or (bool(following) and _is_closing_formula(
        following[0]))
    if not shapes[index][0].endswith(",") or len(shapes[index][0].split()) > _MAX_SALUTE_WORDS:
        return signed_below  # "Your faithful" is a valediction only over a name
    return (_VALEDICTION.match(shapes[index][0]) is not None or signed_below
            or not following)


def _is_formula_line(text: str) -> bool:
    return is_salute(text) or _is_closing_salute_line(text) or _is_closing_line(text)


def _is_closing_salute(shape: Shape) -> bool:
    """A valediction ("Yours,"), alone or over the signature in its block."""
    return _is_closing_salute_line(shape[0]) and all(_is_closing_line(line)
                                                     for line in shape[1:])


def _is_closing_salute_line(text: str) -> bool:
    """A valediction: a short salutation ending in a comma ("Yours with respect,"),
    or one opening with a valediction word whatever its case and last mark
    ("with comradely greetings,", "Your faithful")."""
    words = text.split()
    if is_salute(text) and text.endswith(","):
        return True
    if text.endswith(",") and len(words) <= _MAX_VALEDICTION_WORDS and text[0].isupper() \
            and not _SENTENCE_BREAK.search(text) and not _all_capitalised(words):
        # Longer greetings end a letter too ("Fraternal greetings to you and to
        # the comrades of the valley,"); they close it only over a signature. A
        # line of capitalised words is an office ("Member of the Bureau,").
        return True
    if text.endswith(",") and len(words) <= _MAX_SALUTE_WORDS and not _SENTENCE_BREAK.search(
            text):
        return True  # "till we meet, dear friend," over the name
    opens = _VALEDICTION_ANY_CASE.match(text) is not None or _GREETING.search(text) is not None
    return opens and "," not in text[:-1] and \
        0 < len(words) <= _MAX_SALUTE_WORDS and not _ends_sentence(text) and text[-1] != ":"


def _formula_run_end(shapes: Sequence[Shape], index: int, limit: int) -> int:
    while index < limit and _is_closing_formula(shapes[index]):
        index += 1
    return index


def _is_closing_formula(shape: Shape) -> bool:
    return all(_is_closing_line(line) for line in shape)


def _is_closing_line(text: str) -> bool:
    return (is_signature(text) or dateline_date(text) is not None
            or publication_line(text) is not None)


class _Builder:
    """Makes model nodes from blocks, with the reader's way of reading content."""

    def __init__(self, content: ContentOf, *, line_breaks: bool = False) -> None:
        self.content = content
        self.line_breaks = line_breaks

    def in_lines(self, block: RawBlock) -> bool:
        """Whether ``block``'s line ends are kept and read one by one: a block set
        in lines, or one whose every line is a formula ("Chairman of ..." over
        the name that signs)."""
        return self.line_breaks and len(block.lines) > 1 and (
            is_set_in_lines(block.lines)
            or all(_is_formula_line(_plain(line)) for line in block.lines))

    def shape(self, block: RawBlock) -> Shape:
        if self.in_lines(block):
            lines = tuple(_plain(line) for line in block.lines)
            return tuple(line for line in lines if line) or ("",)
        return (_plain(block.text),)

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

    def formulas(self, blocks: Sequence[RawBlock], *, closing: bool) -> tuple[Formula, ...]:
        lines = [(index, formula) for index, block in enumerate(blocks)
                 for formula in self._line_formulas(block, closing=closing)]
        if not closing:
            lines = _one_salute(lines)
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
                # The lines of one address or one signature, in one block.
                parts[-1] = Formula(formula.kind, (*last.content, LineBreak(last.span.last_line),
                                                   *formula.content),
                                    Span(last.span.first_line, formula.span.last_line))
            else:
                parts.append(formula)
        return tuple(parts)

    def _line_formulas(self, block: RawBlock, *, closing: bool) -> list[Formula]:
        """One formula for a block, or one a line for a block read line by line."""
        if not self.in_lines(block):
            return [self._formula(block, closing=closing)]
        return [self._formula(line, closing=closing) for line in _line_blocks(block)]

    def _formula(self, block: RawBlock, *, closing: bool) -> Formula:
        text = _plain(block.text)
        # "Milan, [21] September 1920": a bracketed number inside a date is the
        # editor's day, read before the same line with its markers taken out.
        date = dateline_date(block.text) or dateline_date(text)
        kind = FormulaKind.DATELINE
        if date is None and (date := publication_line(text)) is not None:
            kind = FormulaKind.PUBLICATION
        elif date is None and (_is_closing_salute_line(text) if closing else is_salute(text)):
            kind = FormulaKind.SALUTE
        elif date is None:
            kind = FormulaKind.SIGNED if closing else FormulaKind.ADDRESS
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


_MULTILINE = (FormulaKind.ADDRESS, FormulaKind.SIGNED)
"""Formulas that may run over several lines of one block."""


def _plain(text: str) -> str:
    """A line as the letter rules read it: without note markers."""
    return normalize_space(without_markers(text))


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
    return formula.kind is FormulaKind.SALUTE and _PLACE_PREFIX.match(text) is not None \
        and bool(text.strip())


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
