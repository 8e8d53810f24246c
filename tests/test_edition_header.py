"""What a converted file says of its own making: language, id, date, how it was
transcribed and from which source (issue 15's header)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_convert import Options, convert_text
from tei_convert.canonical import sha256
from tei_convert.cli import main
from tei_convert.model import Span
from tei_convert.tei.front import _in
from tei_convert.values.urls import pattern_problem, source_url

from conftest import CASES, SEEDS
from tei_helpers import NS, mia, tei_tree, xpath_texts


def test_the_header_names_the_conversion_the_id_and_how_the_text_was_treated() -> None:
    root = tei_tree(mia("The text."), source="letter.txt")
    assert xpath_texts(root, "//tei:publicationStmt/tei:idno[@type='tei-convert']") == [
        "letter"]
    assert xpath_texts(root, "//tei:titleStmt/tei:respStmt[tei:resp/@key='mrk']/tei:name") == [
        "tei-convert"]
    decl = root.find(".//tei:encodingDesc/tei:editorialDecl", NS)
    assert decl is not None
    assert [etree.QName(child).localname for child in decl] == [
        "normalization", "hyphenation", "segmentation", "interpretation"]
    assert root.find(".//tei:hyphenation", NS).get("eol") == "none"  # type: ignore[union-attr]
    # No date of the run anywhere: a date only when the user gives one.
    assert not root.findall(".//tei:publicationStmt/tei:date", NS)
    assert not root.findall(".//tei:revisionDesc/tei:change[@when]", NS)


def test_revision_desc_names_the_version_and_the_source_bytes(tmp_path: Path) -> None:
    source = sorted(SEEDS.glob("*.txt"))[0]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    xml = next(out.glob("*.xml")).read_bytes()
    change = etree.fromstring(xml).find(".//tei:revisionDesc/tei:change", NS)
    assert change is not None
    assert sha256(source.read_bytes()) in (change.text or "")
    assert "tei-convert 0.1.0" in (change.text or "")


def test_source_date_epoch_dates_the_edition(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    source = sorted(SEEDS.glob("*.txt"))[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "a.xml")])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(tmp_path / "a.xml")).getroot()
    assert [d.get("when") for d in root.findall(".//tei:publicationStmt/tei:date", NS)] == [
        "2023-11-14"]
    assert root.find(".//tei:revisionDesc/tei:change", NS).get("when") == "2023-11-14"  # type: ignore[union-attr]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "b.xml")])
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.output


def test_an_edition_date_in_the_options_reaches_the_header() -> None:
    result = convert_text(mia("The text."), source="x.txt", options=Options(published="1999-12-31"))
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:publicationStmt/tei:date") == ["1999-12-31"]


def test_a_volume_states_its_language_from_its_metadata(tmp_path: Path) -> None:
    volume = CASES / "0101-volume-two-works-and-a-chronicle.txt"
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(volume), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    first = etree.parse(str(sorted(out.glob("*.xml"))[0])).getroot()
    assert first.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert [lang.get("ident") for lang in first.findall(".//tei:langUsage/tei:language", NS)] \
        == ["en"]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {entry["language"] for entry in manifest["documents"]} == {"en"}
    # A page text says nothing of its language, and the manifest says so.
    page = tei_tree(mia("The text."))
    assert page.get("{http://www.w3.org/XML/1998/namespace}lang") is None


def test_lang_states_the_language_where_metadata_does_not(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(mia("The text."), "utf-8")
    volume = CASES / "0101-volume-two-works-and-a-chronicle.txt"
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(page), str(volume), "-o", str(out),
                                       "--lang", "de", "-q"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    found = {(entry["source"]["path"].rsplit("/", 1)[-1], entry["language"],
              entry["language_from"]) for entry in manifest["documents"]}
    # The page takes the option; the volume's metadata ("en") wins over it.
    assert ("page.txt", "de", "option") in found
    assert {item[1:] for item in found if item[0] != "page.txt"} == {("en", "metadata")}
    root = etree.parse(str(out / "page.xml")).getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"


def test_lang_refuses_what_is_no_language_tag(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(mia("The text."), "utf-8")
    result = CliRunner().invoke(main, ["convert", str(page), "-o", str(tmp_path / "o"),
                                       "--lang", "English"])
    assert result.exit_code == 2
    assert "BCP 47" in result.output
    assert not (tmp_path / "o").exists()


def test_lang_in_the_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.txt"
    page.write_text(mia("The text."), "utf-8")
    (tmp_path / "tei-convert.toml").write_text('lang = "fr"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["convert", "page.txt", "-o", "out", "-q"])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(tmp_path / "out" / "page.xml")).getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_no_publisher_named_leaves_publisher_empty_and_one_named_fills_it() -> None:
    # No invented agency ("Unpublished"): an empty publisher says nobody is named.
    unnamed = tei_tree(mia("The text."))
    publisher = unnamed.find(".//tei:publicationStmt/tei:publisher", NS)
    assert publisher is not None
    assert publisher.text is None
    assert len(publisher) == 0
    [converted] = convert_text(mia("The text."), source="p.txt",
                               options=Options(publisher="Example Press")).documents
    named = etree.fromstring(converted.xml)
    assert xpath_texts(named, "//tei:publicationStmt/tei:publisher") == ["Example Press"]


def test_source_url_names_where_the_archive_serves_each_source(tmp_path: Path) -> None:
    page = tmp_path / "letter to kautsky.txt"
    page.write_text(mia("The text."), "utf-8")
    result = CliRunner().invoke(main, ["convert", str(page), "-o", str(tmp_path / "o"), "-q",
                                       "--source-url", "https://archive.example/works/{stem}.htm"])
    assert result.exit_code == 0, result.output
    [path] = sorted((tmp_path / "o").glob("*.xml"))
    root = etree.parse(str(path)).getroot()
    assert root.xpath("//tei:sourceDesc/tei:bibl[@type='online']/tei:ptr/@target",
                      namespaces=NS) == ["https://archive.example/works/letter%20to%20kautsky.htm"]
    # Without the option the source description says nothing of an archive.
    assert tei_tree(mia("The text.")).find(".//tei:bibl[@type='online']", NS) is None


def test_source_url_takes_http_and_https() -> None:
    assert pattern_problem("http://archive.example/{stem}.htm") is None
    assert pattern_problem("https://archive.example/{name}") is None
    assert source_url("http://a.example/{stem}", "dir/Letter 1.txt") == "http://a.example/Letter%201"


@pytest.mark.parametrize(("pattern", "message"), [
    ("https://archive.example/{file}.htm", "'{file}' is no field"),
    ("https://archive.example/{stem.htm", "a brace is not closed"),
    ("archive.example/{stem}.htm", "http:// or https://"),
    ("ftp://archive.example/{stem}", "http:// or https://"),
])
def test_source_url_refuses_a_pattern_it_cannot_fill(tmp_path: Path, pattern: str,
                                                     message: str) -> None:
    page = tmp_path / "page.txt"
    page.write_text(mia("The text."), "utf-8")
    result = CliRunner().invoke(main, ["convert", str(page), "-o", str(tmp_path / "o"),
                                       "--source-url", pattern])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_source_url_in_the_configuration_is_checked(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.txt"
    page.write_text(mia("The text."), "utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tei-convert.toml").write_text('source-url = "https://a.example/{name}"\n',
                                               "utf-8")
    result = CliRunner().invoke(main, ["convert", "page.txt", "-o", "out", "-q"])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(tmp_path / "out" / "page.xml")).getroot()
    assert root.xpath("//tei:bibl[@type='online']/tei:ptr/@target",
                      namespaces=NS) == ["https://a.example/page.txt"]
    (tmp_path / "tei-convert.toml").write_text('source-url = "https://a.example/{path}"\n',
                                               "utf-8")
    result = CliRunner().invoke(main, ["convert", "page.txt", "-o", "out2", "-q"])
    assert result.exit_code == 2
    assert "source-url" in result.output
    assert "'{path}' is no field" in result.output


def test_the_front_repeats_the_source_fields_in_their_order_for_renderers() -> None:
    # Neither alphabetical nor the header's own order: the source's.
    text = ("Rosa Luxemburg\n\nA Letter\n\nWritten: March 1917\nTranslated: George Shriver\n"
            "Source: Letters, Verso, 2011\n\nThe text.\n")
    root = tei_tree(text)
    assert xpath_texts(root, "//tei:front/tei:div[@type='sourceInfo']/tei:p") == [
        "Rosa Luxemburg", "Written: March 1917", "Translated: George Shriver",
        "Source: Letters, Verso, 2011"]


@pytest.mark.parametrize(("span", "inside"), [
    (Span(3, 3), True), (Span(2, 4), True), (Span(1, 3), False), (Span(3, 6), False),
    (Span(6, 6), False)])
def test_a_field_is_repeated_only_when_its_lines_went_to_the_header_alone(
        span: Span, inside: bool) -> None:
    assert _in(span, (Span(2, 4), Span(8, 9))) is inside


def test_a_volume_work_leaves_its_printed_date_line_to_the_text() -> None:
    [converted, *_] = convert_text((CASES / "0101-volume-two-works-and-a-chronicle.txt")
                                   .read_text("utf-8"), source="v.txt").documents
    root = etree.fromstring(converted.xml)
    lines = xpath_texts(root, "//tei:front/tei:div/tei:p")
    date = xpath_texts(root, "//tei:opener/tei:dateline")
    assert date
    assert not any(date[0] in line for line in lines)
