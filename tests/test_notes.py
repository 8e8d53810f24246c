"""Note markers and endnotes: splitting, linking and diagnostics."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from tei_convert import convert_text
from tei_convert.diagnostics import Reporter
from tei_convert.model import NoteRef
from tei_convert.transforms.notes import (
    BRACKET,
    FOOTNOTE,
    PAREN,
    STAR,
    bracket_depth,
    footnote_start,
    link_notes,
    note_label,
    note_start,
    split_form_markers,
    split_markers,
    without_form_markers,
)

from tei_helpers import NS, mia, section_text, tei_tree, xpath_texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Golos Rossii?[1] of New York", ("Golos Rossii?", NoteRef("1", 5), " of New York")),
        ("end.[12]", ("end.", NoteRef("12", 5))),
        ("word [a] more", ("word", NoteRef("a", 5, space_before=True), " more")),
        ("an [sic] and [illegible] stay", ("an [sic] and [illegible] stay",)),
        ("[1234] is not a marker", ("[1234] is not a marker",)),
    ],
)
def test_split_markers(text: str, expected: tuple[object, ...]) -> None:
    assert split_markers(text, 5) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[1] The note.", ("1", "The note.")),
        ("  [23]   Indented note.", ("23", "Indented note.")),
        ("[1]", None),
        ("Text [1] later.", None),
    ],
)
def test_note_label(text: str, expected: tuple[str, str] | None) -> None:
    assert note_label(text) == expected


BODY_WITH_NOTES = """First paragraph.[1] And more.[2]

Second paragraph cites the first note again.[1]


[1] Note one, first paragraph.

Note one, second paragraph.

[2] Note two mentions note one.[1]
"""


def test_each_note_gathers_its_continuation_paragraphs() -> None:
    root = tei_tree(mia(BODY_WITH_NOTES))
    notes = root.xpath("//tei:text//tei:note", namespaces=NS)
    assert [n.get("n") for n in notes] == ["1", "2"]
    assert xpath_texts(root, "//tei:note[@n='1']/tei:p") == [
        "Note one, first paragraph.", "Note one, second paragraph."]


def test_each_note_stands_at_its_first_marker_and_later_markers_point_to_it() -> None:
    root = tei_tree(mia(BODY_WITH_NOTES))
    paragraphs = root.xpath("//tei:body/tei:div/tei:p", namespaces=NS)
    assert [n.get("n") for n in paragraphs[0].xpath("tei:note", namespaces=NS)] == ["1", "2"]
    ids = set(root.xpath("//tei:note/@xml:id", namespaces=NS))
    refs = root.xpath("//tei:ref[@type='noteAnchor']", namespaces=NS)
    assert [(r.getparent().getparent().tag.split("}")[1], r.text) for r in refs] == [
        ("note", "1"), ("div", "1")]
    assert {r.get("target").lstrip("#") for r in refs} <= ids
    assert "[1]" not in section_text(root, "text")


def test_note_text_stays_inside_its_note() -> None:
    root = tei_tree(mia(BODY_WITH_NOTES))
    for paragraph in root.xpath("//tei:body/tei:div/tei:p", namespaces=NS):
        own = "".join(paragraph.xpath("text() | *[not(self::tei:note)]//text()",
                                      namespaces=NS))
        assert "Note one" not in own


def test_marker_in_title_points_from_head() -> None:
    root = tei_tree(mia("Body text.[2]\n\n[1] About the title.\n\n[2] About the body.",
                        title="A Title[1]"))
    assert root.xpath("//tei:head/tei:note/@n", namespaces=NS) == ["1"]
    assert xpath_texts(root, "//tei:titleStmt/tei:title") == ["A Title"]


def test_marker_without_note_is_kept_as_text_and_reported() -> None:
    result = convert_text(mia("Text with a marker.[7]\n\nAnother.[1]\n\n[1] A note."),
                          source="x.txt")
    codes = [d.code for d in result.all_diagnostics]
    assert codes == ["marker-unresolved"]
    assert b"marker.[7]" in result.documents[0].xml


def test_unreferenced_and_duplicate_notes_are_reported_and_kept() -> None:
    text = mia("Text.[1]\n\n[1] First.\n\n[1] Same label again.\n\n[3] Never cited.")
    result = convert_text(text, source="x.txt")
    codes = sorted(d.code for d in result.all_diagnostics)
    assert codes == ["note-duplicate", "note-unreferenced"]
    root = tei_tree(text)
    assert len(root.xpath("//tei:text//tei:note", namespaces=NS)) == 3
    assert len(set(root.xpath("//tei:note/@xml:id", namespaces=NS))) == 3


# Arabic-Indic, fullwidth and Devanagari three.
@pytest.mark.parametrize("digit", ["\u0663", "\uff13", "\u0969"])
def test_markers_in_other_digits_stay_text(digit: str) -> None:
    text = ("Author Name\n\nA Letter\n\nWritten: 1920\nSource: Works, Moscow, 1965\n\n"
            f"The text with a marker[{digit}] here.\n\n[{digit}] What looks like a note.\n")
    [converted] = convert_text(text, source="digits.txt").documents
    root = etree.fromstring(converted.xml)
    assert root.findall(".//tei:ptr", NS) == []
    assert f"marker[{digit}] here" in "".join(root.itertext())


def test_a_note_above_the_body_does_not_take_the_body_in() -> None:
    text = ("Author Name\n\nA Letter[1]\n\nWritten: 1920\nSource: Works, Moscow, 1965\n\n"
            "[1] A note set above the body.\n\nDear Comrade,\n\nThe letter itself.\n\n"
            "Yours,\nA. Author\n")
    root = etree.fromstring(convert_text(text, source="above.txt").documents[0].xml)
    body = "".join(root.find(".//tei:body", NS).itertext())  # type: ignore[union-attr]
    assert "The letter itself." in body
    assert "Dear Comrade," in body


def test_notes_that_end_the_text_stay_notes_though_nothing_points_to_them() -> None:
    text = ("Author Name\n\nA Letter\n\nWritten: 1920\nSource: Works, Moscow, 1965\n\n"
            "The letter, with no markers.\n\n[1] A first note.\n\n[2] A second note.\n")
    result = convert_text(text, source="end.txt")
    root = etree.fromstring(result.documents[0].xml)
    assert [n.get("n") for n in root.findall(".//tei:text//tei:note", NS)] == ["1", "2"]
    assert [d.code for d in result.all_diagnostics if d.code.startswith("note")] == [
        "note-unreferenced", "note-unreferenced"]


def test_a_bracketed_number_that_ends_the_text_out_of_order_stays_text() -> None:
    text = ("Author Name\n\nA Letter\n\nWritten: 1920\nSource: Works, Moscow, 1965\n\n"
            "The letter.\n\n[2] Not a run from one.\n")
    root = etree.fromstring(convert_text(text, source="two.txt").documents[0].xml)
    assert root.findall(".//tei:back", NS) == []


# --- The note forms of plain texts.

ALL = {PAREN: None, STAR: None, BRACKET: None}


@pytest.mark.parametrize(
    ("text", "after_text", "expected"),
    [
        ("the ford (1) and on", False,
         ["the ford", NoteRef("1", 3, space_before=True, mark="(1)"), " and on"]),
        ("payment.(2) His", False, ["payment.", NoteRef("2", 3, mark="(2)"), " His"]),
        ("(1) opens a line", False, ["(1) opens a line"]),  # a numbered point
        ("(1) and on", True, [NoteRef("1", 3, space_before=False, mark="(1)"), " and on"]),
        ("first light,* with", False, ["first light,", NoteRef("*", 3, mark="*"), " with"]),
        ("a word** and†", False, ["a word", NoteRef("**", 3, mark="**"), " and",
                                  NoteRef("†", 3, mark="†")]),
        ("* a bullet", True, ["* a bullet"]),
        ("read *twice* now", False, ["read *twice* now"]),  # emphasis
        ("5 * 3 = 15", False, ["5 * 3 = 15"]),
        ("see [2] there", False, ["see", NoteRef("2", 3, space_before=True), " there"]),
    ],
)
def test_split_form_markers(text: str, after_text: bool, expected: list[object]) -> None:
    assert split_form_markers(text, 3, ALL, after_text=after_text) == expected


def test_only_the_labels_given_become_references() -> None:
    parts = split_form_markers("one (1) two (2) three*", 1, {PAREN: {"2"}})
    assert parts == ["one (1) two", NoteRef("2", 1, space_before=True, mark="(2)"), " three*"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[Footnote 1: The act.]", ("footnote", "1", "The act.]")),
        ("[Footnote A:The act.]", ("footnote", "A", "The act.]")),
        ("[1] The act.", ("bracket", "1", "The act.")),
        ("(12) The act.", ("paren", "12", "The act.")),
        ("** The act.", ("star", "**", "The act.")),
        ("† The act.", ("star", "†", "The act.")),
        ("(1)The act.", None),
        ("*The act.", None),
        ("[Footnote 1:]", None),
        ("[sic] The act.", None),
    ],
)
def test_note_start(text: str, expected: tuple[str, str, str] | None) -> None:
    found = note_start(text)
    assert (None if found is None else (found[0].name, found[1], found[2])) == expected


def test_a_footnote_opening_gives_its_label_and_markup_word() -> None:
    assert footnote_start("[Footnote  2 :  text]") == ("2", "Footnote", "text]")
    assert footnote_start("[FOOTNOTE A: text]") == ("A", "FOOTNOTE", "text]")
    assert footnote_start("[2] text") is None
    assert FOOTNOTE.closed
    assert not BRACKET.closed


@pytest.mark.parametrize(
    ("text", "depth", "expected"),
    [
        ("[Footnote 1: a [sic] b.]", 0, 0),
        ("[Footnote 1: a b", 0, 1),
        ("and the rest.]", 1, 0),
        ("[Footnote 1: a.] More text.", 0, None),
        ("a stray ]] here", 0, None),
        ("no brackets", 0, 0),
    ],
)
def test_bracket_depth(text: str, depth: int, expected: int | None) -> None:
    assert bracket_depth(text, depth) == expected


def test_without_form_markers_keeps_emphasis_and_numbered_points() -> None:
    assert without_form_markers("A road.[1] by the ford (2), light,* *so*") == \
        "A road. by the ford, light, *so*"
    assert without_form_markers("(1) A point") == "(1) A point"


def test_an_unlinked_marker_goes_back_to_its_printed_form() -> None:
    [converted] = convert_text("A Walk\n\nWe left at dawn,* and back.\n\n* At six.\n",
                               source="w.txt").documents
    orphaned = replace(converted.document, notes=())
    relinked = link_notes(orphaned, Reporter("w.txt"))
    assert relinked.body[0].content == ("We left at dawn,* and back.",)  # type: ignore[union-attr]


def test_a_sign_labelling_a_note_is_named_in_its_id() -> None:
    root = etree.fromstring(convert_text(
        "A Walk\n\nDawn,* noon** and dusk.†\n\n* One.\n** Two.\n† Three.\n",
        source="w.txt").documents[0].xml)
    assert root.xpath("//tei:note/@xml:id", namespaces=NS) == [
        "w-notestar", "w-notestar2", "w-notedagger"]
    assert root.xpath("//tei:note/@n", namespaces=NS) == ["*", "**", "†"]
