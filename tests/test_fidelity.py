"""Nothing lost: every word of title, body and notes, once, in order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from tei_convert import convert_file
from tei_convert.fidelity import first_difference, source_words, tei_words
from tei_convert.model import Paragraph
from tei_convert.sanitize import source_lines
from tei_convert.tei import build_tei
from tei_convert.text import words

from conftest import source_files

SOURCES = source_files()


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_content_word_survives_once_in_order(source: Path) -> None:
    result = convert_file(source)
    document = result.documents[0].document
    lines = source_lines(source.read_text("utf-8"))
    expected = source_words(document, lines)
    actual = tei_words(etree.fromstring(result.documents[0].xml))
    assert first_difference(expected, actual) is None
    assert len(expected) > 20


def test_source_words_cover_everything_but_header_and_navigation() -> None:
    # Independent of the reader's spans: all words of the file, minus the
    # author line, the Field: value lines and the navigation lines.
    text = (Path(__file__).parent / "cases" / "0001-wrapped-title-notes-with-paragraphs.txt"
            ).read_text("utf-8")
    lines = source_lines(text)
    kept = [line for line in lines[1:] if ": " not in line or line.startswith("The Junius")]
    kept = [line for line in kept if "|" not in line and not line.startswith("<")]
    result = convert_file(Path(__file__).parent / "cases" /
                          "0001-wrapped-title-notes-with-paragraphs.txt")
    assert tei_words(etree.fromstring(result.documents[0].xml)) == words(" ".join(kept))


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
    assert first_difference(source_words(document, lines), tei_words(root)) is not None


def test_first_difference_names_the_word() -> None:
    message = first_difference(["a", "b", "c"], ["a", "x", "c"])
    assert message is not None
    assert "expected 'b', found 'x'" in message
    assert first_difference(["a"], ["a", "a"]) == "source has 1 words, TEI text has 2"
