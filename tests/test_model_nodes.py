"""The nodes a book reader gives the model (divisions inside divisions, phrases
in italics, illustrations, footnotes that restart their numbers, the
transcription's markup words), built by hand: how the notes pass links them,
what the TEI writer makes of them, and what the nothing-lost check compares."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from tei_convert.checks.fidelity import first_difference, source_letters, tei_letters
from tei_convert.checks.validate import check_tree, is_failure, parse_bytes
from tei_convert.diagnostics import Reporter
from tei_convert.model import (
    Document,
    Figure,
    Header,
    Highlight,
    Licence,
    LicenceStatus,
    Note,
    NoteRef,
    Paragraph,
    Section,
    Span,
    Title,
)
from tei_convert.tei import build_tei, note_ids, serialize
from tei_convert.transforms.content import content_text, iter_blocks
from tei_convert.transforms.notes import link_notes

from conftest import TEI_ALL, run_jing
from tei_helpers import NS, xpath_texts

LINES = [
    "The Hollow Lantern",                   # 1: header
    "",
    "BOOK ONE",                             # 3
    "",
    "CHAPTER I",                            # 5
    "",
    "It was _very_ dark by the mill.[1]",   # 7
    "",
    "[Illustration: The mill at night]",    # 9
    "",
    "[Footnote 1: The old mill, that is.]",  # 11
    "",
    "CHAPTER II",                           # 13
    "",
    "Light came over the ridge.[1]",        # 15
    "",
    "[Illustration]",                       # 17
    "",
    "[Footnote 1: Morning, late.]",         # 19
]


def _note(line: int, text: str) -> Note:
    return Note("1", (Paragraph((text,), Span(line, line)),), Span(line, line))


def _book() -> Document:
    first = Section(("CHAPTER I",), (
        Paragraph(("It was ", Highlight(("very",), 7), " dark by the mill.", NoteRef("1", 7)),
                  Span(7, 7)),
        Figure(("The mill at night",), Span(9, 9)),
    ), Span(5, 11), Span(5, 5), kind="chapter")
    second = Section(("CHAPTER II",), (
        Paragraph(("Light came over the ridge.", NoteRef("1", 15)), Span(15, 15)),
        Figure(None, Span(17, 17)),
    ), Span(13, 19), Span(13, 13), kind="chapter")
    book = Section(("BOOK ONE",), (first, second), Span(3, 19), Span(3, 3), kind="book")
    header = Header(Title("The Hollow Lantern", span=Span(1, 1)), author="A. Writer",
                    co_authors=("B. Writer",), language="en", language_from="source",
                    language_name="English",
                    licence=Licence("", "Free to read and share.", LicenceStatus.FREE, None,
                                    Span(1, 1)))
    return Document(id="book", source="book.txt", reader="mia", header=header, head=None,
                    body=(book,), notes=(_note(11, "The old mill, that is."),
                                         _note(19, "Morning, late.")),
                    span=Span(1, len(LINES)), header_lines=(Span(1, 1),),
                    markup=((9, "Illustration"), (11, "Footnote"), (17, "Illustration"),
                            (19, "Footnote")))


def _linked() -> tuple[Document, Reporter]:
    reporter = Reporter("book.txt")
    return link_notes(_book(), reporter), reporter


def _tree(document: Document) -> etree._Element:
    return etree.fromstring(serialize(build_tei(document, version="1.0")))


def test_repeated_note_labels_point_to_the_note_printed_after_the_marker() -> None:
    document, reporter = _linked()
    refs = [part for block in iter_blocks(document.body) if isinstance(block, Paragraph)
            for part in block.content if isinstance(part, NoteRef)]
    assert [ref.note for ref in refs] == [0, 1]
    assert reporter.diagnostics == []


def test_a_repeated_label_nothing_points_to_is_a_duplicate() -> None:
    document = replace(_book(), notes=(*_book().notes, _note(19, "A third.")))
    reporter = Reporter("book.txt")
    link_notes(document, reporter)
    assert [d.code for d in reporter.diagnostics] == ["note-duplicate"]


def test_divisions_nest_with_their_heads_and_types() -> None:
    root = _tree(_linked()[0])
    assert xpath_texts(root, "//tei:body/tei:div/tei:div[@type='book']/tei:head") == ["BOOK ONE"]
    assert xpath_texts(root, "//tei:div[@type='book']/tei:div[@type='chapter']/tei:head") == [
        "CHAPTER I", "CHAPTER II"]


def test_italics_figures_and_notes_in_their_places() -> None:
    root = _tree(_linked()[0])
    assert xpath_texts(root, "//tei:p/tei:hi[@rend='italic']") == ["very"]
    assert xpath_texts(root, "//tei:div[@type='chapter'][1]/tei:figure/tei:head") == [
        "The mill at night"]
    assert root.xpath("//tei:div[@type='chapter'][2]/tei:figure[not(*)]", namespaces=NS)
    notes = root.xpath("//tei:div[@type='chapter']/tei:p/tei:note", namespaces=NS)
    assert [note.get(f"{{{NS['xml']}}}id") for note in notes] == ["book-note1", "book-note1-2"]
    assert xpath_texts(root, "//tei:note") == ["The old mill, that is.", "Morning, late."]


def test_header_of_several_authors_a_named_language_and_an_unlabelled_licence() -> None:
    root = _tree(_linked()[0])
    assert xpath_texts(root, "//tei:titleStmt/tei:author") == ["A. Writer", "B. Writer"]
    assert xpath_texts(root, "//tei:langUsage/tei:language[@ident='en']") == ["English"]
    licence = root.xpath("//tei:availability/tei:licence", namespaces=NS)[0]
    assert licence.text == "Free to read and share."
    assert len(licence) == 0


def test_the_tree_is_valid_and_loses_nothing() -> None:
    document = _linked()[0]
    xml = serialize(build_tei(document, version="1.0"))
    tree = parse_bytes(xml, source="book")
    assert not is_failure(check_tree(tree, source="book"))
    expected = source_letters(document, LINES)
    assert first_difference(expected, tei_letters(tree.getroot(), note_ids(document))) is None


def test_the_tree_is_valid_against_tei_all(tmp_path: Path) -> None:
    path = tmp_path / "book.xml"
    path.write_bytes(serialize(build_tei(_linked()[0], version="1.0")))
    result = run_jing(TEI_ALL, [path])
    assert result.returncode == 0, result.stdout + result.stderr


def test_markup_words_not_recorded_are_missed_by_the_check() -> None:
    document = _linked()[0]
    root = _tree(document)
    unrecorded = replace(document, markup=document.markup[1:])
    assert first_difference(source_letters(unrecorded, LINES),
                            tei_letters(root, note_ids(document))) is not None


def test_a_note_lost_in_the_middle_of_the_text_is_caught() -> None:
    document = _linked()[0]
    root = _tree(document)
    note = root.xpath("//tei:note", namespaces=NS)[1]
    note.getparent().remove(note)
    assert first_difference(source_letters(document, LINES),
                            tei_letters(root, note_ids(document))) is not None


@pytest.mark.parametrize(("content", "text"), [
    (("a ", Highlight(("b", NoteRef("1", 1), " c"), 1), " d"), "a b c d"),
    ((Highlight((Highlight(("deep",), 1),), 1),), "deep"),
])
def test_content_text_reads_through_highlights(content: tuple[object, ...], text: str) -> None:
    assert content_text(content) == text  # type: ignore[arg-type]
