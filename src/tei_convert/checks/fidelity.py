"""The "nothing lost" check: the letters of every line of the document's
source, in order, are the letters of the TEI ``text`` element, once each;
only the lines the reader sent to the header (author, ``Field: value``) and
the lines it dropped on purpose (site navigation, dividers, a Project
Gutenberg e-text's licence) are left out, and those are listed in the
manifest. So are the words of the transcription's own markup that the reader
read as structure (the ``Illustration`` of ``[Illustration: ...]``), which are
taken out of their lines.

Letters rather than words, because rejoining a word split over two lines
("fra-" / "ternal") changes the word boundaries but not one letter; digits
and punctuation are left out because note numbers move into attributes (and
the underscores of a Project Gutenberg text's ``_italics_``, which become
``hi``, are no letters either). Inside a ``choice`` only the repaired reading
(``reg``) counts. Notes, which the TEI places at their markers, are compared
in the source's order, after the rest of the text, on both sides: the
source's note lines are taken from where they stand (the end of a page text,
a "[Footnote 1: ...]" between two paragraphs, or the end of a chapter of a
book) and put after the rest. The ``front``, which repeats header fields for
renderers, is not source text.

A reader that drops or repeats a line is caught here rather than by a user
reading the output.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from tei_convert.input.text import letters, letters_of_words, words
from tei_convert.model import Document, Span
from tei_convert.tei import XML_ID, tei


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
    """The letters of the source lines that must reach the TEI text: the lines
    outside the notes, then the notes' lines in the order of the notes, each
    line without the markup words the reader read as structure."""
    markup: dict[int, list[str]] = {}
    for number, word in document.markup:
        markup.setdefault(number, []).append(word)
    in_notes = list(dict.fromkeys(n for note in document.notes
                                  for n in range(note.span.first_line, note.span.last_line + 1)))
    noted = set(in_notes)
    kept = text_lines(document, len(lines))
    wanted = set(kept)
    ordered = [n for n in kept if n not in noted] + [n for n in in_notes if n in wanted]
    return letters(" ".join(_without(lines[n - 1], markup.get(n, ())) for n in ordered))


def _without(line: str, words: Sequence[str]) -> str:
    """``line`` without the first occurrence of each of ``words``."""
    for word in words:
        line = line.replace(word, " ", 1)
    return line


def tei_text(root: etree._Element, note_order: Sequence[str] = ()) -> str:
    """The text of the TEI ``text`` element in the source's order, without the
    ``orig`` side of repairs.

    A note stands at its marker in the TEI but after the text in the source:
    its words are taken out where it stands and put after everything else, in
    ``note_order`` (the notes' ids as the source prints them; notes not named
    there follow in the order they stand).
    """
    text = root.find(tei("text"))
    if text is None:
        return ""
    pieces: list[str] = []
    notes: dict[str, list[str]] = {}
    # The front repeats the header's fields for renderers; it is not source text.
    for part in text:
        if part.tag != tei("front"):
            _collect(part, pieces, notes)
    rank = {note_id: index for index, note_id in enumerate(note_order)}
    ordered = sorted(notes.items(), key=lambda item: rank.get(item[0], len(rank)))
    return "".join(pieces) + "".join("".join(note) for _, note in ordered)


def _collect(element: etree._Element, pieces: list[str],
             notes: dict[str, list[str]]) -> None:
    # A note's number stands in an attribute; the source prints it ("[a]")
    # before the note's text, and at its marker when the note stands at one.
    tail = element.tail or ""
    # A note of where the text was printed is no endnote: it stands where the
    # source prints it.
    if element.tag == tei("note") and element.get("type") != "publication":
        label = f"[{element.get('n')}]" if element.get("n") else ""
        if next(element.iterancestors(tei("back")), None) is None:
            pieces.append(label)
        own = notes.setdefault(element.get(XML_ID) or f"#{len(notes)}", [label])
        own.append(element.text or "")
        for child in element:
            _collect(child, own, notes)
    elif element.tag != tei("orig"):
        pieces.append(element.text or "")
        for child in element:
            _collect(child, pieces, notes)
    pieces.append(tail)


def tei_letters(root: etree._Element, note_order: Sequence[str] = ()) -> str:
    """The letters of the TEI ``text`` element, as the check compares them."""
    return letters(tei_text(root, note_order))


def tei_words(root: etree._Element, note_order: Sequence[str] = ()) -> list[str]:
    """The words of the TEI ``text`` element (repaired readings), for counting."""
    return words(tei_text(root, note_order))


def tei_words_and_letters(root: etree._Element,
                          note_order: Sequence[str] = ()) -> tuple[list[str], str]:
    """:func:`tei_words` and :func:`tei_letters` from one walk of the tree."""
    found = words(tei_text(root, note_order))
    return found, letters_of_words(found)


def first_difference(expected: str, actual: str) -> str | None:
    """Describe where two letter sequences part, or None when they are equal."""
    if expected == actual:
        return None
    index = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
                 min(len(expected), len(actual)))
    return (f"letter {index + 1}: source has '…{expected[max(0, index - 30): index + 10]}…', "
            f"TEI has '…{actual[max(0, index - 30): index + 10]}…'")

