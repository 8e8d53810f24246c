"""The "nothing lost" check: the letters of every line of the document's
source, in order, are the letters of the TEI ``text`` element, once each;
only the lines the reader sent to the header (author, ``Field: value``) and
the lines it dropped on purpose (site navigation, dividers) are left out, and
those are listed in the manifest.

Letters rather than words, because rejoining a word split over two lines
("fra-" / "ternal") changes the word boundaries but not one letter; digits
and punctuation are left out because note numbers move into attributes.
Inside a ``choice`` only the repaired reading (``reg``) counts.

A reader that drops or repeats a line is caught here rather than by a user
reading the output.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from tei_convert.input.text import letters, letters_of_words, words
from tei_convert.model import Document, Span
from tei_convert.tei import tei


def text_lines(document: Document, count: int) -> list[int]:
    """The line numbers whose words must appear in the TEI text: every line of
    the document's span except header-only and deliberately dropped lines."""
    span = document.span or Span(1, count)
    excluded = {n for excluded_span in (*document.header_lines,
                                        *(dropped for dropped, _ in document.dropped))
                for n in range(excluded_span.first_line, excluded_span.last_line + 1)}
    return [n for n in range(span.first_line, min(span.last_line, count) + 1)
            if n not in excluded]


def source_letters(document: Document, lines: Sequence[str]) -> str:
    """The letters of the source lines that must reach the TEI text."""
    return letters(" ".join(lines[n - 1] for n in text_lines(document, len(lines))))


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


def tei_words_and_letters(root: etree._Element) -> tuple[list[str], str]:
    """:func:`tei_words` and :func:`tei_letters` from one walk of the tree."""
    found = words(tei_text(root))
    return found, letters_of_words(found)


def first_difference(expected: str, actual: str) -> str | None:
    """Describe where two letter sequences part, or None when they are equal."""
    if expected == actual:
        return None
    index = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
                 min(len(expected), len(actual)))
    return (f"letter {index + 1}: source has '…{expected[max(0, index - 30): index + 10]}…', "
            f"TEI has '…{actual[max(0, index - 30): index + 10]}…'")

