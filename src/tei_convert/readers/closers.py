"""Closing blocks, read from the bottom up: what each line at the end of a text
is, where the closer starts, and the formulas its lines make.

The end of a text is read with each line's neighbours. A publication line
wrapped over lines is joined first ("Pravda, No. 53," over "February 23,
1941"; "First published in 1945," over "in Lenin Miscellany"), and a label
under it ("Editorial") describes it. Reading upwards, a run of signatures,
datelines and publication lines closes the text; a line that only names an
office or the body that signs ("Member of the Bureau,", "The Commission:",
"On behalf of the Council") belongs to it when a signature follows it. In
the closer, the lines above a name sign with it, one ``signed`` a name; a
line ending in a colon signs with all the names under it.

Like :mod:`tei_convert.readers.formulas`, the rules read shapes; the only
wording they know is the few words that open a statement of publication or
a valediction, and the text's own lower-case words (``common``), which tell a
label or an office from a name.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from tei_convert.model import Content, Formula, FormulaKind, Inline, LineBreak, Span
from tei_convert.readers.formulas import (
    dateline_date,
    is_closing_line,
    is_label,
    is_name_line,
    is_office_line,
    is_place_line,
    is_signature,
    is_valediction,
    needs_signature,
    opens_issue,
    opens_publication,
    opens_with_valediction_word,
    publication_date,
)

Shape = tuple[str, ...]
"""A block as the closing rules read it: its lines, without note markers."""

_MAX_POSTSCRIPT_BLOCKS = 2
# How far above a closer at the very end a postscript may start that an
# earlier closer signs off before ("Signed: ..." over "P. S. ...").
_POSTSCRIPT_SEARCH = 4
POSTSCRIPT = re.compile(r"(?:P\.\s?)+S\.|PS\b|N\.\s?B\.|NB\b")
"""What opens a postscript: "P.S.", "P. P. S.", "N.B."."""

# Words after which a line runs on: "... the magazine of the" over the rest.
_RUN_ON_WORDS = frozenset("a an and by for from in of on the to with".split())  # noqa: SIM905


class Role(Enum):
    """What a line at the end of a text is, read with its neighbours."""

    DATELINE = "dateline"
    PLACE = "place"
    """A place over the date that completes its dateline ("Kursk," over the date)."""
    PUBLICATION = "publication"
    CONTINUED = "continued"
    """The rest of a publication line wrapped over lines."""
    REMARK = "remark"
    """A label under a publication line that describes it ("Editorial")."""
    SALUTE = "salute"
    SIGNATURE = "signature"
    OFFICE = "office"
    """An office or a body that signs, running on to the line under it."""
    OTHER = "other"


_CLOSING = frozenset({Role.DATELINE, Role.PLACE, Role.PUBLICATION, Role.CONTINUED,
                      Role.REMARK, Role.SIGNATURE})
_SIGNING = frozenset({Role.SIGNATURE, Role.OFFICE})


def line_roles(lines: Sequence[str], common: Collection[str]) -> list[Role]:
    """The role of each of ``lines`` (in reading order), read top down so that
    a wrapped publication line is one, and with the line under each."""
    return list(_roles(lines, common))


def _roles(lines: Sequence[str], common: Collection[str]) -> Iterator[Role]:
    """:func:`line_roles`, a line at a time: a caller may stop at the first
    line whose role settles its question."""
    previous: Role | None = None
    publication = ""
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if previous in (Role.PUBLICATION, Role.CONTINUED) and continues(publication, line):
            role = Role.CONTINUED
            publication = f"{publication} {line}"
        else:
            role = _role(line, following, previous, common)
            publication = line if role is Role.PUBLICATION else publication
        yield role
        previous = role


def _role(line: str, following: str, previous: Role | None, common: Collection[str]) -> Role:
    if not line:
        return Role.OTHER
    if dateline_date(line) is not None:
        return Role.DATELINE
    if opens_publication(line):
        return Role.PUBLICATION
    if previous in (Role.PUBLICATION, Role.CONTINUED, Role.REMARK) and is_label(line, common):
        return Role.REMARK
    if is_valediction(line):
        return Role.SALUTE
    if is_place_line(line) and dateline_date(following) is not None:
        return Role.PLACE
    if is_signature(line):
        return Role.SIGNATURE
    return Role.OFFICE if is_office_line(line) else Role.OTHER


def continues(above: str, line: str) -> bool:
    """Whether ``line`` carries on the publication line ``above`` it: it starts
    in lower case, or the line above ends in a comma or a small word ("Pravda,
    No. 53," over the date), or ends in a word over a periodical's issue ("...
    in the magazine Proletarskaya" over "Revolutsia, No. 3")."""
    words = above.split()
    if not line or not words:
        return False
    if line[0].islower() or above.endswith((",", ":", "&")) or words[-1] in _RUN_ON_WORDS:
        return True
    return above[-1].isalpha() and opens_issue(line)


def closing_lines(lines: Sequence[str], roles: Sequence[Role],
                  common: Collection[str]) -> list[bool]:
    """Whether each line may close the text, read from the bottom up: an office
    line only over signature lines that name someone ("The Commission:" over
    "J. Stalin"; not the first line of a verse over the rest)."""
    closing = [False] * len(roles)
    named_below = False
    for index in range(len(roles) - 1, -1, -1):
        role = roles[index]
        if not (index + 1 < len(roles) and closing[index + 1] and roles[index + 1] in _SIGNING):
            named_below = False
        closing[index] = role in _CLOSING or (role is Role.OFFICE and named_below)
        if role in _SIGNING:
            named_below = named_below or is_name_line(lines[index], common)
    return closing


def closes_line_by_line(lines: Sequence[str], common: Collection[str]) -> bool:
    """Whether every one of a block's ``lines`` closes the text by itself or
    carries on the line above it, so that the block is read line by line."""
    roles = []
    for role in _roles(lines, common):
        if role not in _CLOSING and role is not Role.OFFICE:
            # This line closes nothing: the lines under it need not be read
            # (every printed paragraph of a volume is asked).
            return False
        roles.append(role)
    return all(closing_lines(lines, roles, common))


@dataclass(frozen=True)
class Part:
    """A closer or a postscript at the end of a text, as block indexes."""

    kind: str
    """"closer" or "postscript"."""
    first: int
    end: int


class TextEnd:
    """A text's blocks as the closing rules read them, with which may close it."""

    def __init__(self, shapes: Sequence[Shape], common: Collection[str]) -> None:
        self.shapes = shapes
        lines = [line for shape in shapes for line in shape]
        flags = closing_lines(lines, line_roles(lines, common), common)
        self.closing: list[bool] = []
        """Whether each block may close the text: every line of it may."""
        at = 0
        for shape in shapes:
            self.closing.append(all(flags[at:at + len(shape)]))
            at += len(shape)

    def parts(self, start: int) -> list[Part]:
        """The closers and postscript after block ``start`` (the opener's end), in order.

        The closer is found by :meth:`closer`. A postscript after it may end in
        its own signature and date, a second closer ("J. St." over the place
        and date); a closer at the very end may have an earlier one above a
        postscript ("Signed: J. Stalin" over "P. S. ..."), signed again below it.
        """
        found = self.closer(start, len(self.shapes))
        if found is None:
            return []
        first, last = found
        count = len(self.shapes)
        if last < count:
            second = self._run_start(last + 1, count)
            if second < count:
                return [Part("closer", first, last), Part("postscript", last, second),
                        Part("closer", second, count)]
            return [Part("closer", first, last), Part("postscript", last, count)]
        earlier = self._closer_over_postscript(start, first)
        if earlier is not None:
            above, postscript = earlier
            return [Part("closer", above, postscript), Part("postscript", postscript, first),
                    Part("closer", first, count)]
        return [Part("closer", first, count)]

    def closer(self, start: int, limit: int) -> tuple[int, int] | None:
        """Where the closer is, as (first, end) block indexes, or None.

        A closing salutation that opens with a valediction word ("With communist
        greetings,") after the first paragraph opens a closer wherever it stands,
        together with the closing salutations and signatures right before it
        ("With greetings," / "Yours," / "A. B." / "Zurich," over a date); another
        one ("till we meet, dear friend,") only near the end. Without one, a run
        of closing blocks closes the text only near the end: at most two blocks
        may follow it, and they become a postscript. When the end holds no
        closer, one above a block opening with "P.S." or "N.B." is looked for:
        the postscript may then be as long as it is.
        """
        found = self._closer_above(start, limit)
        if found is None:
            postscript = next((index for index in range(start + 1, limit)
                               if POSTSCRIPT.match(self.shapes[index][0])), None)
            found = None if postscript is None else self._closer_above(start, postscript)
        return found

    def _closer_above(self, start: int, limit: int) -> tuple[int, int] | None:
        """The closer among blocks ``start`` to ``limit``, by the rules of :meth:`closer`."""
        for index in range(limit - 1, start, -1):
            if self._is_closing_salute(index) and self._closes_here(index, limit):
                first = index
                while first - 1 > start and (self._is_closing_salute(first - 1)
                                             or self.closing[first - 1]):
                    first -= 1
                return first, self._run_end(index + 1, limit)
        for end in range(limit, max(start, limit - _MAX_POSTSCRIPT_BLOCKS - 1), -1):
            first = end
            while first - 1 > start and self.closing[first - 1]:
                first -= 1
            if first < end and not any(self.closing[end:limit]):
                return first, end
        return None

    def _closes_here(self, index: int, limit: int) -> bool:
        """A valediction closes a letter when a signature or date follows it (in
        its block or the next), or when it opens with a valediction word or
        stands at the very end; "Comrades," before a speech does none of these.
        One that opens with no valediction word ("Then, comrades, come rally,"
        over a verse) closes only near the end."""
        shape = self.shapes[index]
        signed_below = len(shape) > 1 or (index + 1 < limit and self.closing[index + 1])
        run_end = self._run_end(index + 1, limit)
        if not opens_with_valediction_word(shape[0]) and limit - run_end > _MAX_POSTSCRIPT_BLOCKS:
            return False
        if needs_signature(shape[0]):
            return signed_below  # "Your faithful" is a valediction only over a name
        return opens_with_valediction_word(shape[0]) or signed_below or index + 1 == limit

    def _is_closing_salute(self, index: int) -> bool:
        """A valediction ("Yours,"), alone or over the signature in its block."""
        shape = self.shapes[index]
        return is_valediction(shape[0]) and all(is_closing_line(line) for line in shape[1:])

    def _run_end(self, index: int, limit: int) -> int:
        while index < limit and self.closing[index]:
            index += 1
        return index

    def _run_start(self, low: int, end: int) -> int:
        """The first of the closing blocks that end at ``end``, not before ``low``."""
        first = end
        while first - 1 >= low and self.closing[first - 1]:
            first -= 1
        return first

    def _closer_over_postscript(self, start: int, end: int) -> tuple[int, int] | None:
        """A postscript that starts at most a few blocks above ``end`` under a run
        of closing blocks: (the run's first block, the postscript's first)."""
        for index in range(end - 1, max(start, end - _POSTSCRIPT_SEARCH - 1), -1):
            if POSTSCRIPT.match(self.shapes[index][0]):
                first = self._run_start(start + 1, index)
                return (first, index) if first < index else None
        return None


@dataclass(frozen=True)
class Piece:
    """One line (or one block read as a line) of a closer."""

    text: str
    """The line as the rules read it, without note markers."""
    content: Content
    span: Span
    block: int = 0
    """Which of the closer's blocks the line is in."""


def closer_formulas(pieces: Sequence[Piece], common: Collection[str]) -> tuple[Formula, ...]:
    """The formulas of a closer's lines: datelines (a place over its date is
    one), salutes, publication lines (joined, with the label under them as a
    remark) and signatures (the lines above each name with it)."""
    roles = line_roles([piece.text for piece in pieces], common)
    formulas: list[Formula] = []
    signing: list[Piece] = []
    index = 0
    while index < len(pieces):
        piece, role = pieces[index], roles[index]
        if role in (Role.SIGNATURE, Role.OFFICE, Role.OTHER):
            signing.append(piece)
            index += 1
            continue
        formulas.extend(_signatures(signing, common))
        signing = []
        if role in (Role.PUBLICATION, Role.CONTINUED, Role.REMARK):
            index = _publication(pieces, roles, index, formulas)
        elif role is Role.PLACE and index + 1 < len(pieces):
            following = pieces[index + 1]
            formulas.append(Formula(FormulaKind.DATELINE,
                                    _joined([piece.content, following.content]),
                                    Span(piece.span.first_line, following.span.last_line),
                                    dateline_date(following.text)))
            index += 2
        else:
            kind = FormulaKind.SALUTE if role is Role.SALUTE else FormulaKind.DATELINE
            date = dateline_date(piece.text) if kind is FormulaKind.DATELINE else None
            formulas.append(Formula(kind, piece.content, piece.span, date))
            index += 1
    formulas.extend(_signatures(signing, common))
    return tuple(formulas)


def _publication(pieces: Sequence[Piece], roles: Sequence[Role], index: int,
                 formulas: list[Formula]) -> int:
    """Add the publication line that starts at ``index`` and the lines that
    carry it on and describe it; return the index after them."""
    end = index + 1
    while end < len(pieces) and roles[end] is Role.CONTINUED:
        end += 1
    cited = pieces[index:end]
    after = end
    while after < len(pieces) and roles[after] is Role.REMARK:
        after += 1
    remarks = pieces[end:after]
    remark: list[Inline] = []
    for piece in remarks:
        remark.extend([LineBreak(piece.span.first_line - 1), *piece.content])
    text = " ".join(piece.text for piece in cited)
    formulas.append(Formula(FormulaKind.PUBLICATION, _joined([p.content for p in cited]),
                            Span(cited[0].span.first_line, pieces[after - 1].span.last_line),
                            publication_date(text), tuple(remark)))
    return after


def _signatures(lines: Sequence[Piece], common: Collection[str]) -> list[Formula]:
    """One signature a name, with the lines above the name (its offices) and,
    after the last name, the lines under it; a first line that ends in a colon
    ("The Commission:") signs with every name under it. In a block of lines
    set by the author, a single word under a name may be an office
    ("Secretary") as well as a name: it signs with the name above."""
    groups: list[list[Piece]] = []
    named = False
    for piece in lines:
        collective = bool(groups) and groups[-1][0].text.endswith(":")
        under_name = bool(groups) and groups[-1][-1].block == piece.block \
            and len(piece.text.split()) == 1
        if groups and (not named or collective or under_name):
            groups[-1].append(piece)
        else:
            groups.append([piece])
            named = False
        named = named or is_name_line(piece.text, common)
    if len(groups) > 1 and not any(is_name_line(p.text, common) for p in groups[-1]):
        groups[-2].extend(groups.pop())  # offices under the last name
    return [Formula(FormulaKind.SIGNED, _lines([piece.content for piece in group], group),
                    Span(group[0].span.first_line, group[-1].span.last_line))
            for group in groups]


def _lines(contents: Sequence[Content], pieces: Sequence[Piece]) -> Content:
    """Contents one a line, with a :class:`LineBreak` between them."""
    joined: list[Inline] = []
    for content, piece in zip(contents, pieces, strict=True):
        if joined:
            joined.append(LineBreak(piece.span.first_line - 1))
        joined.extend(content)
    return tuple(joined)


def _joined(contents: Sequence[Content]) -> Content:
    """Contents run together with a space, as a wrapped line is read; adjacent
    text runs are merged so that a date's wording is found in one."""
    joined: list[Inline] = []
    for content in contents:
        for part in (" ", *content) if joined else content:
            if isinstance(part, str) and joined and isinstance(joined[-1], str):
                joined[-1] += part
            else:
                joined.append(part)
    return tuple(joined)

