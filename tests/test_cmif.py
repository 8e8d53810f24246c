"""The CMIF file of a converted folder (package/cmif.py, tei/cmif.py): CMIF's rules,
checked through XPath on the letters of tests/cmif/, its settings, and how it is
written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_convert import convert_corpus
from tei_convert.cli import main
from tei_convert.errors import EditionError, OutputError, SettingError
from tei_convert.package.cmif import CmifReport, cmif_header, write_cmif
from tei_convert.package.edition import read_edition
from tei_convert.tei.cmif import CC_BY

from conftest import ROOT, TEI_ALL, run_jing
from tei_helpers import NS, mia, xpath_texts

PAGES = Path(__file__).resolve().parent / "cmif"
URL = "https://example.org/letters/cmif.xml"
DAY = "2024-05-01"
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
SENT = "tei:correspAction[@type='sent']"
RECEIVED = "tei:correspAction[@type='received']"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    report = convert_corpus([PAGES], out)
    assert not report.failed
    return out


@pytest.fixture(scope="module")
def written(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> CmifReport:
    path = tmp_path_factory.mktemp("cmif") / "cmif.xml"
    return write_cmif(folder, path, header=cmif_header(url=URL, editor="Ada Editor", date=DAY))


@pytest.fixture(scope="module")
def root(written: CmifReport) -> etree._Element:
    return etree.parse(str(written.path)).getroot()


def _letter(root: etree._Element, name: str) -> etree._Element:
    """The correspDesc of the page ``tests/cmif/NAME.txt``: the one whose bibl the
    document's source describes (one bibl per document)."""
    order = sorted(path.stem for path in PAGES.glob("*.txt"))
    return root.findall(".//tei:profileDesc/tei:correspDesc", NS)[order.index(name)]


# --- The header: what the file says about itself.

def test_the_root_is_tei_with_a_title_and_an_editor(root: etree._Element) -> None:
    assert root.tag == f"{{{NS['tei']}}}TEI"
    statement = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt", NS)
    assert statement is not None
    # CMIF's titleStmt is a title, then one editor or more, and nothing else.
    assert [etree.QName(child).localname for child in statement] == ["title", "editor"]
    assert xpath_texts(statement, "tei:title") == ["5 letters converted with tei-convert"]
    assert xpath_texts(statement, "tei:editor") == ["Ada Editor"]


def test_the_publication_statement_names_publisher_url_date_and_cc_by(
        root: etree._Element) -> None:
    statement = root.find("tei:teiHeader/tei:fileDesc/tei:publicationStmt", NS)
    assert statement is not None
    assert [etree.QName(child).localname for child in statement] == [
        "publisher", "idno", "date", "availability"]
    assert xpath_texts(statement, "tei:publisher") == ["Ada Editor"]  # the editor's by default
    assert statement.xpath("string(tei:idno[@type='url'])", namespaces=NS) == URL
    assert statement.xpath("string(tei:date/@when)", namespaces=NS) == DAY
    assert statement.xpath("string(tei:availability/tei:licence/@target)",
                           namespaces=NS) == CC_BY


def test_each_letter_has_a_bibl_with_an_id_that_its_corresp_desc_points_to(
        root: etree._Element, written: CmifReport) -> None:
    bibls = root.findall("tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl", NS)
    descs = root.findall("tei:teiHeader/tei:profileDesc/tei:correspDesc", NS)
    assert len(bibls) == len(descs) == written.letters == written.documents == 5
    ids = [bibl.get(f"{{{NS['xml']}}}id") for bibl in bibls]
    assert all(ids)
    assert len(set(ids)) == len(ids)
    assert [desc.get("source") for desc in descs] == [f"#{value}" for value in ids]
    # No letter's own URL is known: no @ref rather than a made-up one.
    assert all(desc.get("ref") is None for desc in descs)


def test_a_bibl_is_the_letters_printed_source_in_its_own_words(root: etree._Element) -> None:
    desc = _letter(root, "0001-numbered-letter-to-a-person")
    bibl = root.xpath(f"//tei:bibl[@xml:id='{desc.get('source', '')[1:]}']", namespaces=NS)
    assert [b.get("type") for b in bibl] == ["print"]
    assert xpath_texts(bibl[0], ".") == [
        "Henrike Albrecht, Letters from the Saar, 1899-1911, Saarland Workers' Press, "
        "Saarbrücken, 1958, pages 64-65"]
    # The number the edition gives the letter ("31. Letter to ...").
    assert desc.get("key") == "31"


def test_the_text_is_an_empty_paragraph(root: etree._Element) -> None:
    assert [len(p) for p in root.findall("tei:text/tei:body/tei:p", NS)] == [0]


# --- The letters.

def test_a_letter_says_who_sent_it_from_where_and_when_and_to_whom(
        root: etree._Element) -> None:
    desc = _letter(root, "0001-numbered-letter-to-a-person")
    assert xpath_texts(desc, f"{SENT}/tei:persName") == ["Henrike Albrecht"]
    assert xpath_texts(desc, f"{SENT}/tei:placeName") == ["Saarbrücken"]
    assert desc.xpath(f"string({SENT}/tei:date/@when)", namespaces=NS) == "1904-09-17"
    assert xpath_texts(desc, f"{RECEIVED}/tei:persName") == ["Matthias Kornfeld"]


def test_an_old_style_date_is_its_gregorian_day_alone(root: etree._Element) -> None:
    desc = _letter(root, "0002-old-style-dateline-to-a-committee")
    date = desc.find(f"{SENT}/tei:date", NS)
    assert date is not None
    # CMIF dates carry no calendar of their own (and the file declares none).
    assert dict(date.attrib) == {"when": "1917-03-15"}
    assert xpath_texts(desc, f"{SENT}/tei:placeName") == ["Petrograd"]
    assert xpath_texts(desc, f"{RECEIVED}/tei:orgName") == ["the Kazan Committee"]


def test_a_telegram_sent_within_some_days_is_bounded(root: etree._Element) -> None:
    desc = _letter(root, "0003-telegram-to-a-soviet")
    date = desc.find(f"{SENT}/tei:date", NS)
    assert date is not None
    assert dict(date.attrib) == {"notBefore": "1918-08-11", "notAfter": "1918-08-14"}
    assert xpath_texts(desc, f"{RECEIVED}/tei:orgName") == [
        "the Presidium of the Simbirsk Soviet"]


def test_an_addressee_nobody_names_is_unknown(root: etree._Element) -> None:
    desc = _letter(root, "0004-note-without-addressee")
    # CMIF asks for both actions, with "Unknown" for a name nobody knows.
    assert xpath_texts(desc, f"{RECEIVED}/*") == ["Unknown"]
    assert xpath_texts(desc, f"{SENT}/tei:persName") == ["Henrike Albrecht"]
    assert desc.xpath(f"string({SENT}/tei:date/@notBefore)", namespaces=NS) == "1909-03-01"


def test_a_letter_with_neither_sender_nor_date_is_kept_and_reported(
        root: etree._Element, written: CmifReport) -> None:
    desc = _letter(root, "0005-unsigned-undated-leaflet-letter")
    assert xpath_texts(desc, f"{SENT}/*") == ["Unknown"]
    assert desc.find(f"{SENT}/tei:date", NS) is None
    codes = {(d.code, Path(d.source).name) for d in written.diagnostics}
    name = "doc-0005-unsigned-undated-leaflet-letter.xml"
    assert codes == {("letter-unknown", name), ("source-unprinted", name)}
    bibl = root.xpath(f"//tei:bibl[@xml:id='{desc.get('source', '')[1:]}']", namespaces=NS)[0]
    assert bibl.get("type") is None
    assert xpath_texts(bibl, ".") == ["A Letter to the Typesetters, Found Among the Proofs"]


def test_every_date_has_an_iso_value_and_every_action_a_name(root: etree._Element) -> None:
    dates = root.findall(".//tei:correspAction/tei:date", NS)
    assert len(dates) == 4
    for date in dates:
        assert date.attrib
        assert all(ISO.fullmatch(value) for value in date.attrib.values())
    for action in root.findall(".//tei:correspAction", NS):
        assert action.xpath("tei:persName|tei:orgName", namespaces=NS), action.get("type")
    # Only names an authority file identifies get a @ref; none of these does.
    assert root.xpath("//*[@ref]") == []


def test_the_file_is_valid_tei_p5(written: CmifReport) -> None:
    result = run_jing(TEI_ALL, [written.path])
    assert result.returncode == 0, result.stdout + result.stderr


def _edit(folder: Path, name: str, change: str, value: str | None) -> None:
    """Edit one correspDesc by hand: ``change`` is an XPath from it to an element,
    ``value`` the element's new @ref or @when (or ``None``: the element goes)."""
    path = folder / f"doc-{name}.xml"
    tree = etree.parse(str(path))
    element = tree.find(f".//tei:correspDesc/{change}", NS)
    assert element is not None
    if value is None:
        element.getparent().remove(element)  # type: ignore[union-attr]
    elif etree.QName(element).localname == "date":
        element.attrib.clear()
        element.set("when", value)
    else:
        element.set("ref", value)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)


def test_letters_edited_by_hand_give_what_they_say_and_no_more(folder: Path,
                                                               tmp_path: Path) -> None:
    edited = tmp_path / "out"
    edited.mkdir()
    for path in folder.iterdir():
        edited.joinpath(path.name).write_bytes(path.read_bytes())
    first, second, fourth = ("0001-numbered-letter-to-a-person",
                             "0002-old-style-dateline-to-a-committee",
                             "0004-note-without-addressee")
    _edit(edited, first, f"{SENT}/tei:persName", "https://d-nb.info/gnd/000000000")
    _edit(edited, first, f"{RECEIVED}/tei:persName", "#kornfeld")
    _edit(edited, second, f"{SENT}/tei:date", "--03-15")  # a day with no year
    _edit(edited, fourth, f"{SENT}/tei:persName", None)
    edition = read_edition(edited, check_edited=lambda _path: [])
    report = write_cmif(edition, tmp_path / "cmif.xml",
                        header=cmif_header(url=URL, editor="E", date=DAY))
    root = etree.parse(str(report.path)).getroot()
    # An authority's URI is kept; a pointer inside the document means nothing here.
    assert _letter(root, first).xpath(f"string({SENT}/tei:persName/@ref)",
                                      namespaces=NS) == "https://d-nb.info/gnd/000000000"
    assert _letter(root, first).xpath(f"{RECEIVED}/tei:persName/@ref", namespaces=NS) == []
    # CMIF takes no date without a year; the letter stays, undated.
    assert _letter(root, second).find(f"{SENT}/tei:date", NS) is None
    assert xpath_texts(_letter(root, fourth), f"{SENT}/tei:persName") == ["Unknown"]
    assert _letter(root, fourth).find(f"{SENT}/tei:date", NS) is not None
    # A letter is reported only when both its sender and its date are unknown.
    assert {(d.code, Path(d.source).name) for d in report.diagnostics
            if d.code == "letter-unknown"} == {
        ("letter-unknown", "doc-0005-unsigned-undated-leaflet-letter.xml")}


# --- Settings.

@pytest.mark.parametrize(("url", "editor", "day", "message"), [
    (URL, None, DAY, "--editor NAME"),
    (URL, "  ", DAY, "--editor NAME"),
    (None, "E", DAY, "--url URL"),
    ("example.org/cmif.xml", "E", DAY, "http or https address"),
    ("https://example.org/a b", "E", DAY, "http or https address"),
    (URL, "E", None, "--date YYYY-MM-DD"),
    (URL, "E", "2024-02-30", "a day as YYYY-MM-DD"),
    (URL, "E", "2024-5-1", "a day as YYYY-MM-DD"),
])
def test_a_missing_or_unusable_setting_is_refused(url: str | None, editor: str | None,
                                                  day: str | None, message: str) -> None:
    with pytest.raises(SettingError, match=re.escape(message)):
        cmif_header(url=url, editor=editor, date=day)


def test_the_publisher_and_title_are_used_when_given() -> None:
    header = cmif_header(url=URL, editor="E", date=DAY, publisher="An Academy",
                         title="Letters from the Saar")
    assert (header.editor, header.publisher, header.title) == ("E", "An Academy",
                                                               "Letters from the Saar")


@pytest.mark.parametrize(("arguments", "message"), [
    (["--url", URL, "--date", DAY], "--editor NAME"),
    (["--editor", "E", "--date", DAY], "--url URL"),
    (["--editor", "E", "--url", URL], "--date YYYY-MM-DD"),
])
def test_a_missing_setting_is_a_usage_error_in_one_line(folder: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        arguments: list[str],
                                                        message: str) -> None:
    monkeypatch.chdir(tmp_path)  # no configuration file
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = CliRunner().invoke(main, ["cmif", str(folder), "-o", "cmif.xml", *arguments])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not Path("cmif.xml").exists()


def test_the_command_takes_the_editor_from_the_configuration_and_the_day_from_the_epoch(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("tei-convert.toml").write_text('publisher = "Saar Letters Project"\n', "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = CliRunner().invoke(main, ["cmif", str(folder), "-o", "cmif.xml", "--url", URL])
    assert result.exit_code == 0, result.output
    assert "cmif: cmif.xml (5 letter(s) of 5 document(s), 2 warning(s))" in result.stderr
    assert "warning letter-unknown" in result.stderr
    statement = etree.parse("cmif.xml").getroot().find(".//tei:fileDesc", NS)
    assert statement is not None
    assert xpath_texts(statement, "tei:titleStmt/tei:editor|tei:publicationStmt/tei:publisher"
                       ) == ["Saar Letters Project", "Saar Letters Project"]
    assert statement.xpath("string(.//tei:publicationStmt/tei:date/@when)",
                           namespaces=NS) == "2023-11-14"


# --- Folders with no letter.

def test_a_folder_of_no_letters_gives_a_clear_message(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("sources").mkdir()
    Path("sources/speech.txt").write_text(
        mia("Comrades!\n\nThe speech, and nothing that closes it as a letter.",
            title="Speech to the Congress"), "utf-8")
    assert not convert_corpus([Path("sources")], Path("out")).failed
    result = CliRunner().invoke(main, ["cmif", "out", "-o", "cmif.xml", "--url", URL,
                                       "--editor", "E", "--date", DAY])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: out: none of the 1 document(s) is a letter (a document whose header has a "
        "correspDesc), so there is no CMIF file to write"]
    assert not Path("cmif.xml").exists()


def test_an_empty_run_gives_no_cmif_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    convert_corpus([], Path("out"))
    with pytest.raises(EditionError, match="none of the 0 document"):
        write_cmif(Path("out"), Path("cmif.xml"),
                   header=cmif_header(url=URL, editor="E", date=DAY))
    assert not Path("cmif.xml").exists()


# --- Writing.

def test_the_same_folder_gives_the_same_bytes_whatever_the_hash_seed(folder: Path,
                                                                      tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"cmif-{seed}.xml"
        environment = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
        result = subprocess.run(
            [sys.executable, "-m", "tei_convert", "cmif", str(folder), "-o", str(target),
             "--url", URL, "--editor", "E"],
            capture_output=True, text=True, check=False, cwd=ROOT, env=environment)
        assert result.returncode == 0, result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_a_file_the_tool_did_not_write_is_not_replaced(folder: Path, tmp_path: Path) -> None:
    header = cmif_header(url=URL, editor="E", date=DAY)
    for content in (b"notes of mine\n", b"<TEI xmlns='http://www.tei-c.org/ns/1.0'/>\n",
                    b"<!-- Correspondence metadata (CMIF) written by tei-convert --><other/>\n"):
        mine = tmp_path / "cmif.xml"
        mine.write_bytes(content)
        with pytest.raises(OutputError, match="not a CMIF file tei-convert wrote"):
            write_cmif(folder, mine, header=header)
        assert mine.read_bytes() == content


def test_a_link_is_not_replaced_even_to_a_file_of_ours(folder: Path, tmp_path: Path) -> None:
    header = cmif_header(url=URL, editor="E", date=DAY)
    ours = write_cmif(folder, tmp_path / "ours.xml", header=header).path
    link = tmp_path / "link.xml"
    link.symlink_to(ours)
    with pytest.raises(OutputError, match="not a CMIF file tei-convert wrote"):
        write_cmif(folder, link, header=header)
    assert link.is_symlink()


def test_its_own_file_is_replaced(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "cmif.xml"
    write_cmif(folder, path, header=cmif_header(url=URL, editor="E", date=DAY))
    write_cmif(folder, path, header=cmif_header(url=URL, editor="F", date=DAY))
    assert xpath_texts(etree.parse(str(path)).getroot(), "//tei:editor") == ["F"]
    assert [p.name for p in tmp_path.iterdir()] == ["cmif.xml"]  # no temporary file left


def test_the_file_may_not_go_into_the_output_folder(folder: Path) -> None:
    with pytest.raises(EditionError, match="must not be in the output folder"):
        write_cmif(folder, folder / "cmif.xml",
                   header=cmif_header(url=URL, editor="E", date=DAY))
    assert not (folder / "cmif.xml").exists()
