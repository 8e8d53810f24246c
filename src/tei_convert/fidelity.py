"""The "nothing lost" check: the letters of the source's content lines, in
order, are the letters of the TEI ``text`` element, once each.

Letters rather than words, because rejoining a word split over two lines
("fra-" / "ternal") changes the word boundaries but not one letter; digits
and punctuation are left out because note numbers move into attributes.
Inside a ``choice`` only the repaired reading (``reg``) counts.

The source side is taken from the line spans the reader reports for the head,
the body blocks and the notes, so a reader that drops or repeats a line is
caught here rather than by a user reading the output.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lxml import etree

from tei_convert.model import Block, Document, ItemList, Paragraph, Postscript, Section, Span
from tei_convert.tei import tei
from tei_convert.text import letters, words


def content_spans(document: Document) -> Iterator[Span]:
    """Line spans that hold the document's text (head and subtitle, body, notes)."""
    if document.head is not None and document.header.title.span is not None:
        yield document.header.title.span
    for block in document.body:
        yield from _block_spans(block)
    for note in document.notes:
        yield note.span


def _block_spans(block: Block) -> Iterator[Span]:
    if isinstance(block, (Postscript, Section)):
        if isinstance(block, Section):
            yield block.head_span
        for inner in block.blocks:
            yield from _block_spans(inner)
    elif isinstance(block, (Paragraph, ItemList)):
        yield block.span
    else:
        yield from (part.span for part in block.parts)


def source_letters(document: Document, lines: Sequence[str]) -> str:
    """The letters of the source lines that the document claims as content."""
    numbers = sorted({n for span in content_spans(document)
                      for n in range(span.first_line, span.last_line + 1)})
    return letters(" ".join(lines[n - 1] for n in numbers if 0 < n <= len(lines)))


def tei_text(root: etree._Element) -> str:
    """The text of the TEI ``text`` element, without the ``orig`` side of repairs."""
    text = root.find(tei("text"))
    if text is None:
        return ""
    pieces: list[str] = []
    _collect(text, pieces)
    return "".join(pieces)


def _collect(element: etree._Element, pieces: list[str]) -> None:
    # A note's number and a pointer's label stand in attributes; the source
    # prints them ("[a]"), so they count as text here.
    if element.tag in (tei("ptr"), tei("note")) and element.get("n"):
        pieces.append(f"[{element.get('n')}]")
    if element.tag != tei("orig"):
        pieces.append(element.text or "")
        for child in element:
            _collect(child, pieces)
    pieces.append(element.tail or "")


def tei_letters(root: etree._Element) -> str:
    """The letters of the TEI ``text`` element, as the check compares them."""
    return letters(tei_text(root))


def tei_words(root: etree._Element) -> list[str]:
    """The words of the TEI ``text`` element (repaired readings), for counting."""
    return words(tei_text(root))


def first_difference(expected: str, actual: str) -> str | None:
    """Describe where two letter sequences part, or None when they are equal."""
    if expected == actual:
        return None
    index = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
                 min(len(expected), len(actual)))
    return (f"letter {index + 1}: source has '…{expected[max(0, index - 30): index + 10]}…', "
            f"TEI has '…{actual[max(0, index - 30): index + 10]}…'")

