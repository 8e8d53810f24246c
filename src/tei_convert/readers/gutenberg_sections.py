"""The headings of a Project Gutenberg e-text, and the divisions they open.

A heading is a short block that names a part ("CHAPTER I.", "Chapter 1",
"BOOK II", "PART ONE", "VOLUME III": numbered by a Roman or Arabic numeral or a
word), a Roman numeral alone ("IV."), or a line in capitals with three or more
blank lines above it (Distributed Proofreaders leave four before a chapter,
two before a section, one within a title page): "PREFACE". A short block right
under a numbered heading is its title ("CHAPTER I" / "THE BEGINNING"). Parts
nest by rank: a volume holds parts, a part books, a book chapters, a chapter
sections; a numeral alone is a chapter, or a chapter's section where the
chapters are named; a heading in capitals stands at the highest rank the text
uses (a preface beside the books). A heading followed by no text before the
next of its rank (a table of contents) is no heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tei_convert.input.text import letters
from tei_convert.model import Block, Content, Figure, LineBreak, Paragraph, Section, Span
from tei_convert.readers.gutenberg_text import Item, block_content
from tei_convert.transforms.notes import without_markers

_RANKS = {"volume": 0, "part": 1, "book": 2, "chapter": 3, "canto": 3, "stave": 3,
          "section": 4}
_CHAPTER = _RANKS["chapter"]
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
                 "|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|first|second"
                 "|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last")
_NUMBERED = re.compile(
    rf"^(?P<kind>{'|'.join(_RANKS)})\s+(?:the\s+)?(?P<number>[ivxlcdm]+|[0-9]{{1,3}}"
    rf"|{_NUMBER_WORDS})\b(?P<rest>.*)$", re.IGNORECASE)
_NUMERAL = re.compile(r"^[IVXLC]+\.?$")
# Unnumbered parts a book names in capitals, by the division type they give.
_NAMED = {"preface": "preface", "introduction": "introduction", "contents": "contents",
          "prologue": "prologue", "epilogue": "epilogue", "appendix": "appendix",
          "conclusion": "conclusion", "dedication": "dedication", "foreword": "preface",
          "afterword": "epilogue", "postscript": "postscript"}
_MAX_HEAD_LINES = 4
_MAX_HEAD_WORDS = 24
_MAX_TITLE_WORDS = 12
_MAX_CAPS_WORDS = 10
_CAPS_GAP = 3
"""Blank lines above a heading in capitals: more than a title page leaves."""
_TITLE_GAP = 2
_LONG_WORD = 4
"""Letters of a word title case capitalises ("the", "of", "and" it need not)."""
_TITLE_CASE_SHARE = 0.6


@dataclass(frozen=True)
class Heading:
    """A heading found: its rank, the part it names, its content and lines."""

    rank: int
    kind: str
    head: Content
    span: Span
    items: int = 1
    """How many items it takes (two with a title block under it)."""


def find_headings(items: Sequence[Item]) -> dict[int, Heading]:
    """The headings among ``items``, by the index of their first item."""
    named = {index: match for index, item in enumerate(items)
             if (match := _numbered(item)) is not None}
    kinds = {match["kind"].casefold() for match in named.values()}
    top = min((_RANKS[kind] for kind in kinds), default=_CHAPTER)
    numeral = (_RANKS["section"], "section") if "chapter" in kinds else (_CHAPTER, "chapter")
    found: dict[int, Heading] = {}
    for index, item in enumerate(items):
        if index in named:
            kind = named[index]["kind"].casefold()
            found[index] = _with_title(items, index, _RANKS[kind], kind)
        elif item.kind == "block" and _NUMERAL.match(item.text):
            found[index] = _with_title(items, index, *numeral)
        elif _is_caps_heading(item):
            word = item.text.strip(" .:").casefold()
            found[index] = _heading(item, top, _NAMED.get(word, "section"))
    return _with_text_under(items, found)


def _numbered(item: Item) -> re.Match[str] | None:
    """A block that names a part and its number, and perhaps its title."""
    if item.kind != "block" or len(item.lines) > _MAX_HEAD_LINES \
            or len(item.text.split()) > _MAX_HEAD_WORDS:
        return None
    first = item.lines[0].strip()
    match = _NUMBERED.match(first)
    if match is None or not match["kind"][0].isupper():
        return None
    rest = match["rest"].strip()
    titled = not rest or rest[0] in ".:—–-" or first.isupper()
    return match if titled and len(rest.split()) <= _MAX_TITLE_WORDS else None


def _is_caps_heading(item: Item) -> bool:
    text = item.text
    return item.kind == "block" and len(item.lines) <= 2 and item.gap >= _CAPS_GAP \
        and len(letters(text)) >= 2 and text == text.upper() \
        and len(text.split()) <= _MAX_CAPS_WORDS


def _heading(item: Item, rank: int, kind: str) -> Heading:
    return Heading(rank, kind, block_content(item.lines, item.span.first_line), item.span)


def _with_title(items: Sequence[Item], index: int, rank: int, kind: str) -> Heading:
    """A numbered heading, with the title block under it when there is one."""
    heading = _heading(items[index], rank, kind)
    if index + 2 >= len(items) or not _is_title(items[index + 1]):
        return heading
    title = items[index + 1]
    head = (*heading.head, LineBreak(heading.span.last_line),
            *block_content(title.lines, title.span.first_line))
    return Heading(rank, kind, head, Span(heading.span.first_line, title.span.last_line), 2)


def _is_title(item: Item) -> bool:
    """A short block close under a heading: set in capitals, or in title case
    ("Down the Mill-Race", "Who Kept the Ledger?"), as a sentence is not."""
    text = without_markers(item.text)
    return item.kind == "block" and item.gap <= _TITLE_GAP and len(item.lines) <= 2 \
        and len(text.split()) <= _MAX_TITLE_WORDS and _numbered(item) is None \
        and not _NUMERAL.match(text) and (text == text.upper() or _title_cased(text))


def _title_cased(text: str) -> bool:
    """Capitalised, as most of its longer words are, and ending in a word or a
    stop: "A Stranger at the Sluice", not "It was late." nor "He said,"."""
    long = [word for word in text.split() if len(letters(word)) >= _LONG_WORD]
    capitalised = sum(1 for word in long if letters(word)[:1].isupper())
    return text[:1].isupper() and (text[-1:].isalnum() or text[-1:] in ".?!") \
        and capitalised >= _TITLE_CASE_SHARE * len(long)


def _with_text_under(items: Sequence[Item], found: dict[int, Heading]) -> dict[int, Heading]:
    """Only the headings that text follows before the next heading of their rank
    or above: the entries of a table of contents head nothing."""
    kept: dict[int, Heading] = {}
    for index, heading in found.items():
        after = index + heading.items
        following = found.get(after)
        if after < len(items) and (following is None or following.rank > heading.rank):
            kept[index] = heading
    return kept


@dataclass
class _Open:
    """A division being filled while the items are read."""

    heading: Heading | None
    blocks: list[Block] = field(default_factory=list)
    last_line: int = 0


def nest(items: Sequence[Item], headings: dict[int, Heading],
         node: Callable[[Item], Paragraph | Figure]) -> tuple[Block, ...]:
    """The items as blocks, each heading's items in a division of its own,
    divisions of lower rank inside those of higher rank."""
    stack = [_Open(None)]
    index = 0
    while index < len(items):
        heading = headings.get(index)
        if heading is None:
            stack[-1].blocks.append(node(items[index]))
            stack[-1].last_line = items[index].span.last_line
            index += 1
            continue
        while _rank(stack[-1]) >= heading.rank:
            _close(stack)
        stack.append(_Open(heading, last_line=heading.span.last_line))
        index += heading.items
    while len(stack) > 1:
        _close(stack)
    return tuple(stack[0].blocks)


def _rank(division: _Open) -> int:
    """The rank of an open division; the text as a whole is above every other."""
    return -1 if division.heading is None else division.heading.rank


def _close(stack: list[_Open]) -> None:
    done = stack.pop()
    heading = done.heading
    assert heading is not None
    section = Section(heading.head, tuple(done.blocks),
                      Span(heading.span.first_line, done.last_line), heading.span, heading.kind)
    stack[-1].blocks.append(section)
    stack[-1].last_line = max(stack[-1].last_line, done.last_line)
