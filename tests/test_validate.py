"""Our schema and integrity checks reject what they promise to reject."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from tei_convert.checks.relaxng import choose_schema
from tei_convert.checks.validate import (
    check_tree,
    is_failure,
    made_by_tei_convert,
    parse_bytes,
    validate_file,
)
from tei_convert.errors import InputError

from tei_helpers import NS, add_dangling_ref, mia, tei_tree, unlink_first_note

TEXT = mia("Para.[1]\n\n[1] Note.")


def _codes(root: etree._Element) -> list[str]:
    return [p.code for p in check_tree(etree.ElementTree(root), source="t.xml")]


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "doc.xml"
    path.write_bytes(data)
    return path


def test_generated_document_is_clean() -> None:
    assert _codes(tei_tree(TEXT)) == []


def test_duplicate_ids_are_errors() -> None:
    root = tei_tree(TEXT)
    note = root.xpath("//tei:note", namespaces=NS)[0]
    note.getparent().append(copy.deepcopy(note))
    assert "id-duplicate" in _codes(root)


def test_a_file_with_a_repeated_xml_id_is_id_duplicate_not_broken_xml(tmp_path: Path) -> None:
    # An editor copies a paragraph, id and all: the file is well-formed XML.
    root = tei_tree(TEXT)
    paragraph = root.xpath("//tei:body/tei:div/tei:p", namespaces=NS)[0]
    paragraph.set(f"{{{NS['xml']}}}id", "p1")
    paragraph.addnext(copy.deepcopy(paragraph))
    problems = validate_file(_write(tmp_path, etree.tostring(root)))
    assert "id-duplicate" in [p.code for p in problems]
    assert "not-xml" not in [p.code for p in problems]


def test_dangling_target_is_an_error() -> None:
    root = tei_tree(TEXT)
    add_dangling_ref(root)
    assert "target-unresolved" in _codes(root)


def test_a_note_in_back_that_nothing_points_to_is_note_unlinked() -> None:
    root = tei_tree(TEXT)
    assert "note-unlinked" not in _codes(root)
    unlink_first_note(root)
    assert "note-unlinked" in _codes(root)


def test_element_outside_our_subset_fails_the_schema() -> None:
    root = tei_tree(TEXT)
    paragraph = root.xpath("//tei:body/tei:div/tei:p", namespaces=NS)[0]
    etree.SubElement(paragraph, f"{{{NS['tei']}}}hi")
    problems = check_tree(etree.ElementTree(root), source="t.xml")
    assert is_failure(problems)
    assert problems[0].code == "schema-invalid"


def test_bad_iso_date_fails_the_schema() -> None:
    root = tei_tree(TEXT)
    root.xpath("//tei:creation/tei:date", namespaces=NS)[0].set("when", "May 1920")
    assert "schema-invalid" in _codes(root)


def test_validate_file_reports_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<oops/>\n</TEI>\n")
    problems = validate_file(path)
    assert is_failure(problems)
    assert all(p.line for p in problems)


def test_not_xml_is_reported_not_raised(tmp_path: Path) -> None:
    problems = validate_file(_write(tmp_path, b"<TEI><unclosed></TEI>"))
    assert [p.code for p in problems] == ["not-xml"]
    assert problems[0].line == 1


def test_not_xml_carries_the_parsers_column(tmp_path: Path) -> None:
    problems = validate_file(_write(tmp_path, b"<TEI>\n  <a></b>\n</TEI>"))
    assert (problems[0].line, problems[0].column) == (2, 10)


def test_an_unknown_column_is_none_not_zero(tmp_path: Path) -> None:
    # libxml2 gives RelaxNG errors column 0, meaning "not known".
    path = _write(tmp_path, b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<oops/>\n</TEI>\n")
    columns = {p.column for p in validate_file(path)}
    assert 0 not in columns


def _two_heads(root: etree._Element) -> None:
    body = root.xpath("//tei:body/tei:div", namespaces=NS)[0]
    body.insert(0, etree.Element(f"{{{NS['tei']}}}head"))
    body.insert(0, etree.Element(f"{{{NS['tei']}}}head"))


def _repeated_id(root: etree._Element) -> None:
    paragraph = root.xpath("//tei:body/tei:div/tei:p", namespaces=NS)[0]
    paragraph.set(f"{{{NS['xml']}}}id", "p1")
    twin = copy.deepcopy(paragraph)
    for note in twin.iterfind(".//tei:note", NS):
        twin.remove(note)
    paragraph.addnext(twin)


def _dangling_pointer(root: etree._Element) -> None:
    add_dangling_ref(root)
    unlink_first_note(root)


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (_two_heads, [("schema-invalid", "a text opens with one head at most, then one head "
                                         "type=\"sub\" at most", True)]),
        (_repeated_id, [("id-duplicate", "xml:id 'p1' is used 2 times", False)]),
        (_dangling_pointer, [
            ("target-unresolved", "target '#nowhere' points to no xml:id", True),
            ("note-unlinked", "note 'case-note1' in back is not pointed to", True)]),
    ],
    ids=["two-heads", "repeated-id", "dangling-pointer"],
)
def test_each_problem_names_the_file_and_says_what_is_wrong(
        tmp_path: Path, damage: Callable[[etree._Element], None],
        expected: list[tuple[str, str, bool]]) -> None:
    root = tei_tree(TEXT)
    damage(root)
    path = _write(tmp_path, etree.tostring(root, pretty_print=True))
    problems = validate_file(path)
    codes = {code for code, _, _ in expected}
    assert [(p.code, p.message, p.line is not None) for p in problems
            if p.code in codes] == expected
    assert {p.source for p in problems} == {str(path)}


def test_a_schema_error_names_the_file_line_and_element(tmp_path: Path) -> None:
    path = _write(tmp_path, b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<oops/>\n</TEI>\n")
    problems = validate_file(path)
    assert {(p.code, p.source) for p in problems} == {("schema-invalid", str(path))}
    assert all(p.message for p in problems)
    assert any("oops" in p.message or "TEI" in p.message for p in problems)


@pytest.mark.parametrize(
    ("data", "max_bytes", "code"),
    [
        (b"<TEI>" + b" " * 100 + b"</TEI>", 50, "unreadable"),
        (b"<TEI><unclosed></TEI>", 10_000, "not-xml"),
        (b'<!DOCTYPE TEI SYSTEM "tei.dtd"><TEI/>', 10_000, "not-xml"),
    ],
    ids=["too-big", "not-well-formed", "doctype"],
)
def test_a_file_that_cannot_be_checked_is_one_problem_naming_it(
        tmp_path: Path, data: bytes, max_bytes: int, code: str) -> None:
    path = _write(tmp_path, data)
    problems = validate_file(path, max_bytes=max_bytes)
    assert [(p.code, p.source) for p in problems] == [(code, str(path))]
    assert problems[0].message


def test_a_doctype_is_refused_with_a_reason_and_the_source() -> None:
    with pytest.raises(InputError, match="a DOCTYPE declaration is not allowed") as raised:
        parse_bytes(b'<!DOCTYPE TEI SYSTEM "tei.dtd"><TEI/>', source="in.xml")
    assert raised.value.source == "in.xml"
    with pytest.raises(InputError, match="not well-formed XML") as broken:
        parse_bytes(b"<TEI>\n<a></b></TEI>", source="in.xml")
    assert (broken.value.source, broken.value.line) == ("in.xml", 2)


def test_validate_file_checks_against_the_schema_it_is_given(tmp_path: Path) -> None:
    anything = tmp_path / "any.rng"
    anything.write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element>'
        "<anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/>"
        "</choice></zeroOrMore></element></start></grammar>", encoding="utf-8")
    path = _write(tmp_path, b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>text</TEI>")
    assert [p.code for p in validate_file(path)] != []
    assert validate_file(path, schema=choose_schema(str(anything), tei_all=None)) == []


@pytest.mark.parametrize(
    "payload",
    [
        # external entity that would read a local file
        b'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI>&x;</TEI>',
        # billion laughs
        b'<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        b"<TEI>&d;</TEI>",
        # network DTD
        b'<!DOCTYPE TEI SYSTEM "http://example.invalid/tei.dtd"><TEI/>',
        # quadratic blow-up: one large entity referenced many times
        b'<!DOCTYPE TEI [<!ENTITY big "' + b"x" * 20000 + b'">]><TEI>' + b"&big;" * 2000
        + b"</TEI>",
    ],
    ids=["external-entity", "entity-expansion", "network-dtd", "quadratic-blowup"],
)
def test_hostile_xml_is_refused(tmp_path: Path, payload: bytes) -> None:
    problems = validate_file(_write(tmp_path, payload))
    assert is_failure(problems)
    assert problems[0].code == "not-xml"
    assert "root:" not in " ".join(p.message for p in problems)


@pytest.mark.parametrize(("heads", "valid"), [
    ([None], True), (["sub"], True), ([None, "sub"], True), ([], True),
    ([None, None], False), (["sub", None], False), (["sub", "sub"], False)])
def test_a_body_opens_with_a_title_then_a_subtitle_at_most(heads: list[str | None],
                                                           valid: bool) -> None:
    root = tei_tree(TEXT)
    body = root.find(".//tei:body/tei:div", NS)
    assert body is not None
    for old in body.findall("tei:head", NS):
        body.remove(old)
    for position, kind in enumerate(heads):
        head = etree.Element(f"{{{NS['tei']}}}head", {"type": kind} if kind else {})
        head.text = "A title"
        body.insert(position, head)
    assert ("schema-invalid" not in _codes(root)) is valid


def _corpus(*children: etree._Element) -> bytes:
    corpus = etree.Element(f"{{{NS['tei']}}}teiCorpus", nsmap={None: NS["tei"]})
    corpus.extend(copy.deepcopy(child) for child in children)
    return etree.tostring(corpus)


def _by_another_tool() -> etree._Element:
    root = tei_tree(TEXT)
    for application in root.iter(f"{{{NS['tei']}}}application"):
        application.set("ident", "another-tool")
    return root


_TEI = NS["tei"]
_OURS = tei_tree(TEXT)
_OUR_HEADER = _OURS[0]
_FOREIGN_HEADER = _by_another_tool()[0]


@pytest.mark.parametrize(
    ("data", "root", "others", "ours"),
    [
        (etree.tostring(_OURS), "TEI", None, True),
        # Another root than the one asked for, even one of ours, is not ours.
        (etree.tostring(_OURS), "teiCorpus", None, False),
        (f"<TEI xmlns='{_TEI}'><text/></TEI>".encode(), "TEI", None, False),
        (etree.tostring(_by_another_tool()), "TEI", None, False),
        (b"not XML at all", "TEI", None, False),
        # A corpus is ours when its header is and every other child is an allowed one.
        (_corpus(_OUR_HEADER, _OURS), "teiCorpus", frozenset({"TEI"}), True),
        (_corpus(_OUR_HEADER, _OURS, etree.Element(f"{{{_TEI}}}text")), "teiCorpus",
         frozenset({"TEI"}), False),
        (_corpus(_FOREIGN_HEADER, _OURS), "teiCorpus", frozenset({"TEI"}), False),
    ],
    ids=["ours", "other-root", "no-header", "other-tool", "not-xml", "corpus",
         "corpus-with-a-stranger", "corpus-of-another-tool"],
)
def test_only_files_this_tool_wrote_count_as_ours(
        tmp_path: Path, data: bytes, root: str, others: frozenset[str] | None,
        ours: bool) -> None:
    assert made_by_tei_convert(data, root, others=others) is ours
    assert made_by_tei_convert(_write(tmp_path, data), root, others=others) is ours


def test_a_file_that_cannot_be_read_is_not_ours(tmp_path: Path) -> None:
    assert made_by_tei_convert(tmp_path / "missing.xml", "TEI") is False
