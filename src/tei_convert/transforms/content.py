"""Walking and mapping the inline content of a document: what passes and
readers need to visit every text run without knowing every block type."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from tei_convert.model import (
    Block,
    Choice,
    Closer,
    Content,
    Document,
    Figure,
    Formula,
    Highlight,
    Inline,
    ItemList,
    Label,
    LineBreak,
    ListItem,
    Opener,
    PageBreak,
    Paragraph,
    Postscript,
    Section,
)

ContentFix = Callable[[Content], Content]
"""A change to one piece of inline content."""


def content_text(content: Content) -> str:
    """The plain text of inline content as the tool reads it: markers and page
    breaks left out, repairs in their repaired form, a kept line break read as
    a space, a highlighted phrase as its words."""
    return "".join(part if isinstance(part, str) else part.reg if isinstance(part, Choice)
                   else " " if isinstance(part, LineBreak)
                   else content_text(part.content) if isinstance(part, Highlight)
                   else part.text if isinstance(part, Label) else "" for part in content)


def inline_parts(content: Content) -> Iterator[Inline]:
    """Every inline part of ``content`` in reading order, those inside a
    highlighted phrase included (after the phrase itself)."""
    for part in content:
        yield part
        if isinstance(part, Highlight):
            yield from inline_parts(part.content)


def map_inline(content: Content, fix: ContentFix) -> Content:
    """``fix`` applied to ``content`` and to what its highlighted phrases hold."""
    inner = tuple(replace(part, content=map_inline(part.content, fix))
                  if isinstance(part, Highlight) else part for part in content)
    return fix(inner)


def strip_leading(content: Content, pattern: re.Pattern[str]) -> Content:
    """Remove ``pattern`` from the start of the first text run (a page break may
    come before it): the printed number of a list item or a note."""
    for index, part in enumerate(content):
        if isinstance(part, str):
            rest = pattern.sub("", part, count=1)
            return tuple(p for p in (*content[:index], rest, *content[index + 1:]) if p != "")
        if not isinstance(part, PageBreak):
            return content
    return content


def iter_blocks(blocks: Sequence[Block]) -> Iterator[Block]:
    """The blocks, and those of the sections among them (at any depth), in
    reading order."""
    for block in blocks:
        yield block
        if isinstance(block, Section):
            yield from iter_blocks(block.blocks)


def iter_contents(document: Document) -> Iterator[Content]:
    """Every piece of inline content in the document, in reading order."""
    if document.head is not None:
        yield document.head
    if document.subhead is not None:
        yield document.subhead
    for block in document.body:
        yield from _block_contents(block)
    for note in document.notes:
        yield from (paragraph.content for paragraph in note.paragraphs)


def _block_contents(block: Block) -> Iterator[Content]:
    if isinstance(block, Paragraph):
        yield block.content
    elif isinstance(block, ItemList):
        yield from (item.content for item in block.items)
    elif isinstance(block, (Opener, Closer)):
        yield from (part.content for part in block.parts)
    elif isinstance(block, Postscript):
        for inner in block.blocks:
            yield from _block_contents(inner)
    elif isinstance(block, Section):
        yield block.head
        for member in block.blocks:
            yield from _block_contents(member)
    elif isinstance(block, Figure) and block.head is not None:
        yield block.head


def map_contents(document: Document, fix: ContentFix) -> Document:
    """The document with ``fix`` applied to every piece of inline content."""
    return replace(
        document,
        head=None if document.head is None else fix(document.head),
        subhead=None if document.subhead is None else fix(document.subhead),
        body=tuple(map_block(block, fix) for block in document.body),
        notes=tuple(
            replace(note, paragraphs=tuple(_map_paragraph(p, fix) for p in note.paragraphs))
            for note in document.notes
        ),
    )


def map_block(block: Block, fix: ContentFix) -> Block:
    """Apply ``fix`` to every piece of inline content in ``block``."""
    if isinstance(block, Paragraph):
        return replace(block, content=fix(block.content))
    if isinstance(block, ItemList):
        return replace(block, items=tuple(_map_item(item, fix) for item in block.items))
    if isinstance(block, (Opener, Closer)):
        return replace(block, parts=tuple(_map_formula(part, fix) for part in block.parts))
    if isinstance(block, Figure):
        return block if block.head is None else replace(block, head=fix(block.head))
    inner = tuple(map_block(b, fix) for b in block.blocks)
    if isinstance(block, Section):
        return replace(block, head=fix(block.head), blocks=inner)
    return replace(block, blocks=inner)  # type: ignore[arg-type]


def _map_paragraph(paragraph: Paragraph, fix: ContentFix) -> Paragraph:
    return replace(paragraph, content=fix(paragraph.content))


def _map_item(item: ListItem, fix: ContentFix) -> ListItem:
    return replace(item, content=fix(item.content))


def _map_formula(part: Formula, fix: ContentFix) -> Formula:
    return replace(part, content=fix(part.content))
