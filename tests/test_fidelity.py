"""Nothing lost: every word of title, body and notes, once, in order."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from tei_convert import convert_file, convert_text
from tei_convert.checks.fidelity import (
    first_difference,
    source_letters,
    tei_letters,
    tei_words,
    tei_words_and_letters,
)
from tei_convert.input.sanitize import source_lines
from tei_convert.input.text import words
from tei_convert.model import Paragraph, Span
from tei_convert.tei import build_tei, note_ids

from conftest import source_files
from tei_helpers import detach

SOURCES = source_files()


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_content_word_survives_once_in_order(source: Path) -> None:
    result = convert_file(source)
    lines = source_lines(source.read_text("utf-8"))
    for converted in result.documents:
        expected = source_letters(converted.document, lines)
        actual = tei_letters(etree.fromstring(converted.xml), note_ids(converted.document))
        assert first_difference(expected, actual) is None
        assert len(expected) > 100


def _words_outside_header_and_navigation(text: str) -> list[str]:
    """All words of a page text except the author line, the field lines and the
    navigation lines, found without the reader's help."""
    content = [line for line in source_lines(text) if line.strip()][1:]  # drop the author
    looks = [re.match(r"^[A-Z][\w\\/ ]{0,40}:(?: |$)", line) is not None for line in content]
    # A field line stands in a block of them; a title may end in a colon too.
    fields = [line for i, line in enumerate(content) if looks[i]
              and ((i > 0 and looks[i - 1]) or (i + 1 < len(looks) and looks[i + 1]))]
    kept = [line for line in content if line not in fields
            and "|" not in line and not re.match(r"^\s*<.*>\s*$", line)]
    return words(" ".join(kept))


PAGE_TEXTS = [p for p in SOURCES if convert_file(p).reader == "mia"]


@pytest.mark.parametrize("source", PAGE_TEXTS, ids=[p.stem for p in PAGE_TEXTS])
def test_tei_text_holds_every_word_outside_the_header(source: Path) -> None:
    result = convert_file(source)
    expected = _words_outside_header_and_navigation(source.read_text("utf-8"))
    assert tei_words(etree.fromstring(result.documents[0].xml)) == expected


def test_the_check_catches_a_dropped_paragraph() -> None:
    source = SOURCES[0]
    result = convert_file(source)
    document = result.documents[0].document
    first = next(i for i, b in enumerate(document.body) if isinstance(b, Paragraph))
    damaged = replace(document, body=document.body[:first] + document.body[first + 1:])
    lines = source_lines(source.read_text("utf-8"))
    root = build_tei(damaged, version="test")
    # The damaged model still claims the original lines for other blocks, so
    # compare against the undamaged claim, as the pipeline does.
    assert first_difference(source_letters(document, lines), tei_letters(root)) is not None


LINES = ["Alpha", "Beta 1", "Gamma", "Delta", "Epsilon"]


@pytest.mark.parametrize(
    ("span", "header_lines", "dropped", "expected"),
    [
        # Without a span of its own the document is the whole file, line 1 included.
        (None, (), (), "AlphaBetaGammaDeltaEpsilon"),
        # Header lines are left out, and not one line more.
        (None, (Span(2, 3),), (), "AlphaDeltaEpsilon"),
        (Span(2, 5), (Span(3, 3),), ((Span(5, 5), "site navigation"),), "BetaDelta"),
    ],
)
def test_source_letters_are_the_span_less_header_and_dropped_lines(
        span: Span | None, header_lines: tuple[Span, ...],
        dropped: tuple[tuple[Span, str], ...], expected: str) -> None:
    document = convert_file(SOURCES[0]).documents[0].document
    document = replace(document, span=span, header_lines=header_lines, dropped=dropped)
    assert source_letters(document, LINES) == expected


def test_tei_letters_take_note_labels_but_no_other_attribute() -> None:
    tei = "http://www.tei-c.org/ns/1.0"
    root = etree.fromstring(
        f'<TEI xmlns="{tei}"><text><body><div n="IV"><p n="b">Para<note n="a" xml:id="n1">'
        '<p>Note</p></note>.</p></div></body><back><div><note n="b" xml:id="n2">'
        '<p>Back</p></note></div></back></text></TEI>')
    # The marker's label where it stands; each note's label and words after the text.
    assert tei_letters(root) == "ParaaaNotebBack"
    # A file without a text element has no letters, so every source letter is missing.
    assert tei_letters(etree.fromstring(f'<TEI xmlns="{tei}"><teiHeader/></TEI>')) == ""


def test_notes_are_compared_in_the_order_the_source_prints_them() -> None:
    # The source lists note 2 before note 1, though the text cites 1 first.
    text = ("A Title\n\nWritten: 1920\nSource: Works\n\nFirst.[1] Second.[2]\n\n"
            "[2] Two says this.\n\n[1] One says that.\n")
    [converted] = convert_text(text, source="order.txt").documents
    root = etree.fromstring(converted.xml)
    expected = source_letters(converted.document, source_lines(text))
    assert first_difference(expected, tei_letters(root, note_ids(converted.document))) is None
    assert first_difference(expected, tei_letters(root)) is not None


def test_a_note_lost_or_repeated_at_its_marker_is_caught() -> None:
    text = ("A Title\n\nWritten: 1920\nSource: Works\n\nFirst.[1] Second.\n\n"
            "[1] One says that.\n")
    [converted] = convert_text(text, source="lost.txt").documents
    expected = source_letters(converted.document, source_lines(text))
    root = etree.fromstring(converted.xml)
    note = root.find(".//{http://www.tei-c.org/ns/1.0}note")
    assert note is not None
    parent = note.getparent()
    assert parent is not None
    twin = deepcopy(note)
    twin.tail = None
    twin.set("{http://www.w3.org/XML/1998/namespace}id", "other")
    note.addprevious(twin)
    assert first_difference(expected, tei_letters(root)) is not None
    parent.remove(twin)
    assert first_difference(expected, tei_letters(root)) is None
    detach(note)
    assert first_difference(expected, tei_letters(root)) is not None


def test_a_note_printed_between_paragraphs_is_compared_after_the_text() -> None:
    text = ("A Road\n\nIt was finished in 1769.[1]\n\n[Footnote 1: By an act.]\n\n"
            "Tolls were taken.\n")
    [converted] = convert_text(text, source="between.txt", reader="plain").documents
    expected = source_letters(converted.document, source_lines(text))
    # The note's lines come after the text's, as the TEI's note is read after it.
    # The word "Footnote" is markup, which the note element stands for.
    assert expected == "ARoadItwasfinishedinTollsweretakenByanact"
    root = etree.fromstring(converted.xml)
    assert first_difference(expected, tei_letters(root, note_ids(converted.document))) is None
    note = root.find(".//{http://www.tei-c.org/ns/1.0}note")
    assert note is not None
    detach(note)
    assert first_difference(expected, tei_letters(root)) is not None


def test_a_note_also_left_in_the_text_is_caught() -> None:
    text = "A Road\n\nIt was finished.[1]\n\n[Footnote 1: By an act.]\n\nTolls.\n"
    [converted] = convert_text(text, source="twice.txt", reader="plain").documents
    document = converted.document
    kept = Paragraph(("[Footnote 1: By an act.]",), Span(5, 5))
    twice = replace(document, body=(document.body[0], kept, *document.body[1:]))
    root = build_tei(twice, version="test")
    expected = source_letters(document, source_lines(text))
    assert first_difference(expected, tei_letters(root, note_ids(document))) is not None


def test_first_difference_shows_both_sides() -> None:
    message = first_difference("abcdef", "abxdef")
    assert message is not None
    assert message.startswith("letter 3:")
    assert "'…abcdef…'" in message
    assert "'…abxdef…'" in message
    assert first_difference("abc", "abc") is None
    assert first_difference("ab", "abb") is not None


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_words_and_letters_from_one_walk_match_the_separate_ones(source: Path) -> None:
    for converted in convert_file(source).documents:
        root = etree.fromstring(converted.xml)
        assert tei_words_and_letters(root) == (tei_words(root), tei_letters(root))
