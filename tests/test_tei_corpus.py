"""The teiCorpus file: valid TEI, and every document in it as it is on its own."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from lxml import etree

from tei_convert.checks.validate import check_tree
from tei_convert.errors import EditionError, OutputError
from tei_convert.package.teicorpus import write_tei_corpus

from conftest import TEI_ALL, run_jing
from edition_helpers import make_edition
from tei_helpers import NS


@pytest.fixture
def edition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_edition(tmp_path)


def _canonical(element: etree._Element) -> str:
    # C14N 2.0 of the element serialised on its own: lxml's method="c14n" on an
    # element inside a larger tree marks its descendants xmlns="" (lxml 6.1).
    return etree.canonicalize(etree.tostring(copy.deepcopy(element), encoding="unicode"))


def test_each_document_is_identical_to_its_file_in_manifest_order(edition: Path,
                                                                  tmp_path: Path) -> None:
    corpus = etree.parse(str(write_tei_corpus(edition, tmp_path / "corpus.xml")))
    manifest = json.loads((edition / "manifest.json").read_text("utf-8"))
    inside = corpus.getroot().findall("tei:TEI", NS)
    assert len(inside) == len(manifest["documents"]) > 1
    for element, entry in zip(inside, manifest["documents"], strict=True):
        alone = etree.parse(str(edition / entry["output"]["path"])).getroot()
        assert _canonical(element) == _canonical(alone), entry["output"]["path"]


def test_header_lists_each_source_once_with_title_publisher_licence(edition: Path,
                                                                    tmp_path: Path) -> None:
    path = write_tei_corpus(edition, tmp_path / "corpus.xml", title="Letters, 1917-1920",
                            publisher="An Archive",
                            licence="https://creativecommons.org/licenses/by/4.0/")
    header = etree.parse(str(path)).getroot().find("tei:teiHeader", NS)
    assert header is not None
    assert header.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == "Letters, 1917-1920"
    assert header.findtext(".//tei:publisher", namespaces=NS) == "An Archive"
    licence = header.find(".//tei:availability/tei:licence", NS)
    assert licence is not None
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    paths = header.xpath(".//tei:sourceDesc//tei:idno[@type='path']/text()", namespaces=NS)
    assert paths == sorted({f"sources/{p.name}" for p in (tmp_path / "sources").glob("*.txt")})


def test_corpus_is_valid_against_our_schema(edition: Path, tmp_path: Path) -> None:
    path = write_tei_corpus(edition, tmp_path / "corpus.xml", licence="All rights reserved")
    assert check_tree(etree.parse(str(path)), source=str(path)) == []


def test_corpus_is_valid_against_tei_all(edition: Path, tmp_path: Path) -> None:
    path = write_tei_corpus(edition, tmp_path / "corpus.xml", title="T", publisher="P",
                            licence="https://example.org/licence")
    result = run_jing(TEI_ALL, [path])
    assert result.returncode == 0, result.stdout + result.stderr


def test_corpus_file_in_the_output_folder_is_refused(edition: Path) -> None:
    with pytest.raises(EditionError, match="must not be in the output folder"):
        write_tei_corpus(edition, edition / "corpus.xml")
    assert not (edition / "corpus.xml").exists()


def test_folder_with_no_documents_gives_no_corpus(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from tei_convert import convert_corpus

    monkeypatch.chdir(tmp_path)
    convert_corpus([], Path("out"))
    with pytest.raises(EditionError, match="no documents"):
        write_tei_corpus(Path("out"), Path("corpus.xml"))
    assert not Path("corpus.xml").exists()


@pytest.mark.parametrize(("statement", "status", "target"), [
    ("https://creativecommons.org/licenses/by/4.0/", "free",
     "https://creativecommons.org/licenses/by/4.0/"),
    ("Creative Commons Attribution-NonCommercial 4.0", "restricted",
     "https://creativecommons.org/licenses/by-nc/4.0/"),
    ("https://example.org/our-terms", "unknown", "https://example.org/our-terms"),
    ("All rights reserved", "restricted", None),
])
def test_licence_gets_its_status_and_url(edition: Path, tmp_path: Path, statement: str,
                                         status: str, target: str | None) -> None:
    path = write_tei_corpus(edition, tmp_path / "corpus.xml", licence=statement)
    header = etree.parse(str(path)).getroot().find("tei:teiHeader", NS)
    assert header is not None
    availability = header.find(".//tei:availability", NS)
    assert availability is not None
    assert availability.get("status") == status
    licence = availability.find("tei:licence", NS)
    assert licence is not None
    assert licence.get("target") == target
    assert licence.text == statement


def test_an_edition_with_failed_inputs_gives_no_corpus(edition: Path, tmp_path: Path) -> None:
    manifest_path = edition / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    manifest["failed"].append({"source": {"path": "sources/lost.txt"}, "reason": "empty file",
                               "diagnostics": []})
    manifest_path.write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(EditionError, match=r"1 input\(s\) were not converted"):
        write_tei_corpus(edition, tmp_path / "corpus.xml")
    assert not (tmp_path / "corpus.xml").exists()


def test_corpus_file_deeper_in_the_output_folder_is_refused(edition: Path) -> None:
    with pytest.raises(EditionError, match="must not be in the output folder"):
        write_tei_corpus(edition, edition / "sub" / "corpus.xml")


def test_an_existing_corpus_of_ours_is_replaced(edition: Path, tmp_path: Path) -> None:
    target = write_tei_corpus(edition, tmp_path / "corpus.xml", title="First")
    write_tei_corpus(edition, target, title="Second")
    assert b"Second" in target.read_bytes()


@pytest.mark.parametrize("content", [
    b"<notes>my own</notes>",
    b"not XML at all",
    # a teiCorpus, but not one tei-convert wrote (its header names no application of ours)
    b"<teiCorpus xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/></teiCorpus>",
])
def test_a_file_that_is_not_our_corpus_is_never_replaced(edition: Path, tmp_path: Path,
                                                          content: bytes) -> None:
    target = tmp_path / "corpus.xml"
    target.write_bytes(content)
    with pytest.raises(OutputError, match="not a teiCorpus tei-convert wrote"):
        write_tei_corpus(edition, target)
    assert target.read_bytes() == content


def test_a_corpus_of_ours_with_something_else_added_is_not_replaced(edition: Path,
                                                                    tmp_path: Path) -> None:
    target = write_tei_corpus(edition, tmp_path / "corpus.xml")
    changed = target.read_bytes().replace(b"</teiCorpus>", b"<note>mine</note></teiCorpus>")
    target.write_bytes(changed)
    with pytest.raises(OutputError, match="not a teiCorpus tei-convert wrote"):
        write_tei_corpus(edition, target)
    assert target.read_bytes() == changed


def test_a_corpus_file_that_is_a_source_is_refused(edition: Path) -> None:
    manifest = json.loads((edition / "manifest.json").read_text("utf-8"))
    source = Path(manifest["documents"][0]["source"]["path"])
    before = source.read_bytes()
    with pytest.raises(EditionError, match="a source of the edition"):
        write_tei_corpus(edition, source)
    assert source.read_bytes() == before
