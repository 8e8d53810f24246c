"""The "nothing lost" check: the words of the source's content lines, in order,
are the words of the TEI ``text`` element, once each.

The source side is taken from the line spans the reader reports for the head,
the body blocks and the notes, so a reader that drops or repeats a line is
caught here rather than by a user reading the output.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lxml import etree

from tei_convert.model import Block, Document, ItemList, Paragraph, Postscript, Span
from tei_convert.tei import tei
from tei_convert.text import words


def content_spans(document: Document) -> Iterator[Span]:
    """Line spans that hold the document's text (head, body, notes)."""
    if document.head is not None and document.header.title.span is not None:
        yield document.header.title.span
    for block in document.body:
        yield from _block_spans(block)
    for note in document.notes:
        yield note.span


def _block_spans(block: Block) -> Iterator[Span]:
    if isinstance(block, Postscript):
        for inner in block.blocks:
            yield from _block_spans(inner)
    elif isinstance(block, (Paragraph, ItemList)):
        yield block.span
    else:
        yield from (part.span for part in block.parts)


def source_words(document: Document, lines: Sequence[str]) -> list[str]:
    """The words of the source lines that the document claims as content."""
    numbers = sorted({n for span in content_spans(document)
                      for n in range(span.first_line, span.last_line + 1)})
    return words(" ".join(lines[n - 1] for n in numbers if 0 < n <= len(lines)))


def tei_words(root: etree._Element) -> list[str]:
    """The words of the TEI ``text`` element's content."""
    text = root.find(tei("text"))
    return [] if text is None else words(" ".join(text.itertext()))


def first_difference(expected: Sequence[str], actual: Sequence[str]) -> str | None:
    """Describe where two word sequences part, or None when they are equal."""
    if list(expected) == list(actual):
        return None
    for index, (want, got) in enumerate(zip(expected, actual, strict=False)):
        if want != got:
            context = " ".join(expected[max(0, index - 3): index + 3])
            return f"word {index + 1}: expected '{want}', found '{got}' (near '{context}')"
    return f"source has {len(expected)} words, TEI text has {len(actual)}"
