"""Our schema and integrity checks reject what they promise to reject."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from tei_convert.checks.validate import check_tree, is_failure, validate_file

from tei_helpers import NS, mia, tei_tree

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
    paragraph = root.xpath("//tei:body/tei:p", namespaces=NS)[0]
    paragraph.set(f"{{{NS['xml']}}}id", "p1")
    paragraph.addnext(copy.deepcopy(paragraph))
    problems = validate_file(_write(tmp_path, etree.tostring(root)))
    assert "id-duplicate" in [p.code for p in problems]
    assert "not-xml" not in [p.code for p in problems]


def test_dangling_target_is_an_error() -> None:
    root = tei_tree(TEXT)
    root.xpath("//tei:ptr", namespaces=NS)[0].set("target", "#nowhere")
    codes = _codes(root)
    assert "target-unresolved" in codes
    assert "note-unlinked" in codes


def test_element_outside_our_subset_fails_the_schema() -> None:
    root = tei_tree(TEXT)
    paragraph = root.xpath("//tei:body/tei:p", namespaces=NS)[0]
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
    body = root.find(".//tei:body", NS)
    assert body is not None
    for old in body.findall("tei:head", NS):
        body.remove(old)
    for position, kind in enumerate(heads):
        head = etree.Element(f"{{{NS['tei']}}}head", {"type": kind} if kind else {})
        head.text = "A title"
        body.insert(position, head)
    assert ("schema-invalid" not in _codes(root)) is valid
