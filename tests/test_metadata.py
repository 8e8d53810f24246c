"""The user's metadata: the schema, loading a sidecar or --meta file, error
messages and lookup order; a catalogue table; what the TEI header and the
manifest make of it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from lxml import etree

from tei_convert import Options, convert_corpus, convert_text
from tei_convert.cli import main
from tei_convert.errors import InputError
from tei_convert.model import METADATA_KEYS, Metadata
from tei_convert.package.bag import make_bag
from tei_convert.readers.catalogue import load_catalogue
from tei_convert.readers.metadata import (
    SIDECAR_SUFFIX,
    find_metadata,
    load_metadata,
    merged,
    metadata_problems,
    metadata_schema,
    sidecar_path,
)

from conftest import CASES, SEEDS, TEI_ALL, run_jing
from tei_helpers import NS, mia, xpath_texts

HERE = Path(__file__).parent / "metadata"
ARCHIVE = HERE / "archive"
BAD = HERE / "bad"
VOLUME = CASES / "0101-volume-two-works-and-a-chronicle.txt"

FULL = {
    "author": "J. V. Stalin",
    "title": "Works",
    "volume": "4",
    "editor": "Marx-Engels-Lenin Institute",
    "publisher": "Foreign Languages Publishing House",
    "place": "Moscow",
    "year": 1954,
    "period": "November 1917 - December 1920",
    "language": "en",
}


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), "utf-8")
    return path


def error_for(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_metadata(path)
    assert info.value.source == str(path)
    return info.value


# The schema and the dataclass


def test_schema_is_valid_2020_12() -> None:
    Draft202012Validator.check_schema(metadata_schema())


def _properties() -> dict[str, dict[str, object]]:
    """Every key of the schema: the document part's and the volume part's."""
    parts = metadata_schema()["$defs"]
    return {**parts["document"]["properties"], **parts["volume"]["properties"]}


def test_every_property_is_described() -> None:
    assert all(spec.get("description") for spec in _properties().values())


def test_dataclass_fields_match_schema_properties() -> None:
    # The file's keys are the fields' names with dashes ("first-page").
    fields = [f.name.replace("_", "-") for f in dataclasses.fields(Metadata)
              if f.name != "origins"]
    assert fields == list(METADATA_KEYS) == list(_properties())


@pytest.mark.parametrize("data", [
    FULL, {}, {"author": ""}, {"autor": "A"}, {"year": "54"}, {"year": 1954},
    {"first-page": -1}, {"first-page": 201}, {"language": "english"}, {"date": "1920\n"},
    {"sender": "A", "addressee": "B", "place": "C", "licence": "CC BY 4.0"}, {"volume": 4}])
def test_the_checker_agrees_with_the_shipped_schema(data: dict[str, object]) -> None:
    # The loader checks against a flattened copy of the schema, for speed.
    shipped = Draft202012Validator(metadata_schema())
    assert shipped.is_valid(data) == (metadata_problems(data) == [])


# Loading valid files


def test_full_file(tmp_path: Path) -> None:
    path = write(tmp_path / "v.meta.json", FULL)
    meta = load_metadata(path)
    assert meta == Metadata(
        author="J. V. Stalin", title="Works", volume="4", editor="Marx-Engels-Lenin Institute",
        publisher="Foreign Languages Publishing House", place="Moscow", year="1954",
        period="November 1917 - December 1920", language="en",
        origins=tuple((key, f"metadata: {path.as_posix()}") for key in METADATA_KEYS
                      if key in FULL))


def test_minimal_file(tmp_path: Path) -> None:
    meta = load_metadata(write(tmp_path / "v.meta.json", {"author": "J. V. Stalin"}),
                         name="v.meta.json")
    assert meta == Metadata(author="J. V. Stalin", origins=(("author", "metadata: v.meta.json"),))
    assert meta.year is None
    assert meta.title is None


def test_no_key_is_required(tmp_path: Path) -> None:
    assert load_metadata(write(tmp_path / "v.json", {})) == Metadata()


@pytest.mark.parametrize(("year", "expected"), [(1954, "1954"), ("1954", "1954"),
                                                (1954.0, "1954"), (1000, "1000"),
                                                (2999, "2999")])
def test_year_becomes_four_digits(tmp_path: Path, year: object, expected: str) -> None:
    meta = load_metadata(write(tmp_path / "v.json", {"author": "A", "year": year}))
    assert meta.year == expected


@pytest.mark.parametrize("language", ["en", "ru", "en-GB", "zh-Hant-TW", "es-419", "sr-Latn"])
def test_language_tags_accepted(tmp_path: Path, language: str) -> None:
    meta = load_metadata(write(tmp_path / "v.json", {"author": "A", "language": language}))
    assert meta.language == language


def test_text_is_stripped_and_bom_accepted(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"author": " A. B. \n"}).encode())
    assert load_metadata(path).author == "A. B."


def test_seed_sidecar_is_valid() -> None:
    text = SEEDS / "004_987b735f64f89366.txt"
    meta = find_metadata(text)
    assert meta is not None
    assert (meta.author, meta.title, meta.volume, meta.year, meta.language) == (
        "J. V. Stalin", "Works", "4", "1954", "en")


# Errors: each names the key and what is wrong


@pytest.mark.parametrize("author", ["", "   "])
def test_empty_author(tmp_path: Path, author: str) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": author}))
    assert error.message.startswith("metadata: 'author' must be one line of text, not empty")


@pytest.mark.parametrize("year", [True, "MCMLIV", "54", " 1954", 999, 3000, 1954.5, [1954], None])
def test_wrong_year(tmp_path: Path, year: object) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": "A", "year": year}))
    assert error.message.startswith("metadata: 'year' must be a year from 1000 to 2999")
    assert f"(got {json.dumps(year)})" in error.message


def test_wrong_type_of_text_field(tmp_path: Path) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": "A", "volume": 4}))
    assert error.message == ("metadata: 'volume' must be one line of text, not empty, "
                             "with no control characters (got 4)")


@pytest.mark.parametrize("language", ["english", "e", "en_GB", "en-", ""])
def test_bad_language(tmp_path: Path, language: str) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": "A", "language": language}))
    assert error.message.startswith("metadata: 'language' must be a BCP 47 language tag")


def test_unknown_key_lists_allowed_keys(tmp_path: Path) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": "A", "autor": "B"}))
    assert error.message.startswith("metadata: unknown key 'autor'; allowed keys: author, ")
    for key in METADATA_KEYS:
        assert key in error.message


def test_several_unknown_keys(tmp_path: Path) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": "A", "b": 1, "a": 2}))
    assert error.message.startswith("metadata: unknown keys 'a', 'b'; allowed keys: ")


def test_several_problems_reported_together(tmp_path: Path) -> None:
    error = error_for(write(tmp_path / "v.json", {"year": "x", "language": 1, "x": 2}))
    assert "unknown key 'x';" in error.message
    # A known key whose value is wrong is not called unknown.
    assert "'year'," not in error.message.split(";")[0]
    assert error.message.index("'language' must") < error.message.index("'year' must")


@pytest.mark.parametrize("data", [["author"], "J. V. Stalin", 4, None])
def test_not_an_object(tmp_path: Path, data: object) -> None:
    error = error_for(write(tmp_path / "v.json", data))
    assert error.message.startswith("metadata: the file must hold a JSON object")


def test_bad_json_gives_line(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_text('{\n  "author": "A",\n  "year": 1954,\n}\n', "utf-8")
    error = error_for(path)
    assert error.message.startswith("metadata is not valid JSON: ")
    assert error.line == 4
    assert str(error).startswith(f"{path}:4: metadata is not valid JSON")


def test_not_utf8_gives_line(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_bytes(b'{\n  "author": "Sch\xf6n"\n}\n')
    error = error_for(path)
    assert error.message.startswith("metadata is not UTF-8 text")
    assert error.line == 2


def test_missing_file(tmp_path: Path) -> None:
    error = error_for(tmp_path / "absent.meta.json")
    assert error.message.startswith("cannot read metadata: ")


def test_directory_is_unreadable(tmp_path: Path) -> None:
    error = error_for(tmp_path)
    assert error.message.startswith("cannot read metadata: ")


# Sidecar lookup


@pytest.mark.parametrize(("text", "sidecar"), [
    ("seeds/004_x.txt", "seeds/004_x.meta.json"),
    ("volume", "volume.meta.json"),
    ("a/b.c.txt", "a/b.c.meta.json"),
])
def test_sidecar_path(text: str, sidecar: str) -> None:
    assert sidecar_path(Path(text)) == Path(sidecar)
    assert sidecar.endswith(SIDECAR_SUFFIX)


def test_no_sidecar_means_none(tmp_path: Path) -> None:
    assert find_metadata(tmp_path / "004.txt") is None


def test_sidecar_found(tmp_path: Path) -> None:
    write(tmp_path / "004.meta.json", {"author": "Sidecar"})
    meta = find_metadata(tmp_path / "004.txt")
    assert meta is not None
    assert meta.author == "Sidecar"


def test_explicit_file_wins_over_sidecar(tmp_path: Path) -> None:
    write(tmp_path / "004.meta.json", {"author": "Sidecar"})
    explicit = write(tmp_path / "chosen.json", {"author": "Explicit"})
    meta = find_metadata(tmp_path / "004.txt", explicit)
    assert meta is not None
    assert meta.author == "Explicit"


def test_explicit_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "004.meta.json", {"author": "Sidecar"})
    with pytest.raises(InputError, match="cannot read metadata"):
        find_metadata(tmp_path / "004.txt", tmp_path / "absent.json")


def test_broken_sidecar_is_an_error_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "004.meta.json").write_text("{", "utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        find_metadata(tmp_path / "004.txt")


def test_first_page_numbers_the_page_breaks(tmp_path: Path) -> None:
    source = sorted(SEEDS.glob("*.meta.json"))[0]
    volume = source.with_name(source.name.replace(".meta.json", ".txt"))
    (tmp_path / "v.txt").write_bytes(volume.read_bytes())
    meta = json.loads(source.read_text("utf-8"))
    (tmp_path / "v.meta.json").write_text(json.dumps({**meta, "first-page": 7}), "utf-8")
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "v.txt"), "-o",
                                       str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    # A note stands at its marker, so a page break inside it comes out of the
    # text's page order: the breaks of the text and of the notes are in order each.
    trees = [etree.parse(str(path)) for path in sorted((tmp_path / "out").glob("*.xml"))]
    text = [int(str(pb.get("n"))) for tree in trees
            for pb in tree.xpath("//tei:pb[not(ancestor::tei:note)]", namespaces=NS)]
    notes = [int(str(pb.get("n"))) for tree in trees
             for pb in tree.xpath("//tei:pb[ancestor::tei:note]", namespaces=NS)]
    numbers = sorted(text + notes)
    assert text == sorted(text)
    assert numbers == sorted(set(numbers))  # every break numbered, once
    assert numbers[0] > 7
    # Without first-page the breaks stay unnumbered.
    plain = CliRunner().invoke(main, ["convert", str(volume), "-o", str(tmp_path / "o2"), "-q"])
    assert plain.exit_code == 0
    assert not [pb for path in (tmp_path / "o2").glob("*.xml")
                for pb in etree.parse(str(path)).iter("{http://www.tei-c.org/ns/1.0}pb")
                if pb.get("n")]


# What the header makes of it, and the manifest's provenance


def _copy(tmp_path: Path, *names: str) -> Path:
    """The named files of tests/metadata in a folder of their own."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_bytes((HERE / name).read_bytes())
    return folder


def _run(*args: str) -> None:
    result = CliRunner().invoke(main, ["convert", *args, "-j", "1", "-q"])
    assert result.exit_code == 0, result.output


def _entries(out: Path) -> dict[str, dict[str, Any]]:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return {entry["id"]: entry for entry in manifest["documents"]}


def _tree(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def test_a_sidecar_overrides_title_author_and_date(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _copy(tmp_path, "page.txt", "page.meta.json")
    monkeypatch.chdir(tmp_path)
    _run("in", "-o", "out")
    root = _tree(tmp_path / "out" / "page.xml")
    header = "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt"
    assert xpath_texts(root, f"{header}/tei:title") == ["Report on the District Bridges"]
    assert xpath_texts(root, f"{header}/tei:author") == ["Anna N. Writer"]
    assert root.xpath("//tei:profileDesc/tei:creation/tei:date/@when", namespaces=NS) == [
        "1921-03-05"]
    assert root.xpath("//tei:langUsage/tei:language/@ident", namespaces=NS) == ["en"]
    assert root.get(f"{{{NS['xml']}}}lang") == "en"
    # The source's own title, author line and date stay in the text as printed.
    assert xpath_texts(root, "//tei:body/tei:div/tei:head") == ["On the Repair of Bridges"]
    assert xpath_texts(root, "//tei:front/tei:div/tei:p")[:2] == [
        "A. N. Writer", "Written: March 3, 1921"]
    entry = _entries(tmp_path / "out")["page"]
    assert entry["title"] == "Report on the District Bridges"
    assert entry["author"] == "Anna N. Writer"
    assert entry["dates"]["written"] == {"text": "1921-03-05", "when": "1921-03-05"}
    assert entry["provenance"] == {
        "title": "metadata: in/page.meta.json", "author": "metadata: in/page.meta.json",
        "date": "metadata: in/page.meta.json", "language": "metadata: in/page.meta.json",
        "source": "source line 6"}
    assert entry["source"]["metadata"]["path"] == "in/page.meta.json"


def test_without_metadata_provenance_names_the_source_lines(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "page.txt")
    _run(str(folder), "-o", str(tmp_path / "out"), "--lang", "en", "--publisher", "A Library")
    entry = _entries(tmp_path / "out")["page"]
    assert entry["title"] == "On the Repair of Bridges"
    assert entry["provenance"] == {
        "title": "source line 3", "author": "source line 1", "date": "source line 5",
        "source": "source line 6", "language": "option --lang",
        "publisher": "option --publisher"}


def test_a_letter_gets_its_correspondents_from_metadata(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "letter.txt", "letter.meta.json")
    _run(str(folder), "-o", str(tmp_path / "out"))
    root = _tree(tmp_path / "out" / "letter.xml")
    sent = "//tei:correspDesc/tei:correspAction[@type='sent']"
    received = "//tei:correspDesc/tei:correspAction[@type='received']"
    assert xpath_texts(root, f"{sent}/tei:persName") == ["Mary Carter"]
    assert xpath_texts(root, f"{sent}/tei:placeName") == ["Lisbon"]
    assert root.xpath(f"{sent}/tei:date/@when", namespaces=NS) == ["1905-06-02"]
    assert xpath_texts(root, f"{received}/tei:persName") == ["John Hale"]
    assert root.xpath("//tei:availability/@status", namespaces=NS) == ["free"]
    assert xpath_texts(root, "//tei:availability/tei:licence") == ["Licence: Public Domain"]
    # The author is the author line's: the metadata names the sender only.
    assert xpath_texts(root, "//tei:titleStmt/tei:author") == ["M. Carter"]
    provenance = _entries(tmp_path / "out")["letter"]["provenance"]
    origin = f"metadata: {(folder / 'letter.meta.json').as_posix()}"
    assert {key: provenance[key] for key in ("sender", "addressee", "place", "licence",
                                             "author", "date")} == {
        "sender": origin, "addressee": origin, "place": origin, "licence": origin,
        "author": "source line 1", "date": "source line 5"}
    assert _entries(tmp_path / "out")["letter"]["genre"] == "letter"


def test_correspondents_make_a_text_a_letter() -> None:
    text = mia("The accounts are enclosed, with the receipts for the spring.")
    metadata = Metadata(addressee="The Harbour Committee",
                        origins=(("addressee", "metadata: x"),))
    result = convert_text(text, source="x.txt", options=Options(metadata=metadata))
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:correspAction[@type='received']/tei:orgName") == [
        "The Harbour Committee"]
    # The author of a letter is its sender.
    assert xpath_texts(root, "//tei:correspAction[@type='sent']/tei:persName") == [
        "A. N. Author"]
    assert result.documents[0].document.header.genre == "letter"


def test_publisher_and_editor_go_to_the_edition_statements() -> None:
    metadata = Metadata(publisher="Harbour Library", editor="E. Editor")
    result = convert_text(mia("The text."), source="x.txt",
                          options=Options(metadata=metadata, publisher="Not This One"))
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:publicationStmt/tei:publisher") == ["Harbour Library"]
    assert xpath_texts(root, "//tei:titleStmt/tei:editor") == ["E. Editor"]
    assert dict(result.documents[0].document.header.provenance)["publisher"] == "metadata"


def test_a_title_from_metadata_silences_title_supplied() -> None:
    text = "A. N. Author\n\nWritten: May 1, 1920\nSource: Works, Moscow, 1965\n\nThe text.\n"
    plain = convert_text(text, source="x.txt")
    assert "title-supplied" in [d.code for d in plain.all_diagnostics]
    assert dict(plain.documents[0].document.header.provenance)["title"] == "reader (supplied)"
    titled = convert_text(text, source="x.txt", options=Options(metadata=Metadata(
        title="The Given Title")))
    assert "title-supplied" not in [d.code for d in titled.all_diagnostics]
    root = etree.fromstring(titled.documents[0].xml)
    assert root.xpath("//tei:titleStmt/tei:title/@type", namespaces=NS) == []
    assert xpath_texts(root, "//tei:titleStmt/tei:title") == ["The Given Title"]


@pytest.mark.parametrize(("date", "when", "code"), [
    ("1920-05", "1920-05", None), ("May 1, 1920", "1920-05-01", None),
    ("some spring", None, "date-unread"), ("1921-02-29", None, "date-impossible")])
def test_a_metadata_date_is_read_or_kept_as_text(date: str, when: str | None,
                                                 code: str | None) -> None:
    result = convert_text(mia("The text.", fields="Source: Works, Moscow, 1965"),
                          source="x.txt", options=Options(metadata=Metadata(date=date)))
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:creation/tei:date") == [date]
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ([when] if when else [])
    codes = [d.code for d in result.all_diagnostics]
    assert (code in codes) if code else not {"date-unread", "date-impossible"} & set(codes)


def test_a_licence_url_is_its_own_target() -> None:
    metadata = Metadata(licence="https://example.org/terms")
    root = etree.fromstring(convert_text(mia("The text."), source="x.txt", options=Options(
        metadata=metadata)).documents[0].xml)
    assert root.xpath("//tei:licence/@target", namespaces=NS) == ["https://example.org/terms"]
    assert root.xpath("//tei:availability/@status", namespaces=NS) == ["unknown"]


def test_a_source_citation_replaces_the_sources_own() -> None:
    metadata = Metadata(source="Harbour Records, Volume 3, Quay Press, Porto, 1957")
    result = convert_text(mia("The text."), source="x.txt", options=Options(metadata=metadata))
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:sourceDesc/tei:bibl[@type='source']/tei:publisher") == [
        "Quay Press"]
    # The source's own Source line is still in the text's front, as printed.
    assert "Source: Collected Works, Progress Publishers, Moscow, 1965" in xpath_texts(
        root, "//tei:front//tei:p")


def test_volume_fields_on_a_single_text_are_reported_unused() -> None:
    metadata = Metadata(first_page=7, volume="2", origins=(("volume", "metadata: m.json"),))
    result = convert_text(mia("The text."), source="x.txt", options=Options(metadata=metadata))
    unused = [d.message for d in result.all_diagnostics if d.code == "metadata-unused"]
    assert unused == [
        "'volume' (metadata: m.json) applies to the works of a volume only; not used",
        "'first-page' (metadata) applies to the works of a volume only; not used"]


def test_a_volumes_metadata_describes_the_printed_volume(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "works.txt").write_bytes(VOLUME.read_bytes())
    (folder / "works.meta.json").write_text(json.dumps({
        "author": "E. Writer", "title": "Collected Papers", "volume": "3",
        "publisher": "Quay Press", "place": "Porto", "year": 1958, "date": "1920"}), "utf-8")
    result = CliRunner().invoke(main, ["convert", str(folder), "-o", str(tmp_path / "out"),
                                       "-j", "1"])
    assert result.exit_code == 0, result.output
    # A date fits no one work of a volume: said once, for the file.
    assert result.output.count("warning metadata-unused: 'date'") == 1
    entries = _entries(tmp_path / "out")
    first = _tree(tmp_path / "out" / "works-001.xml")
    assert xpath_texts(first, "//tei:titleStmt/tei:author") == ["E. Writer"]
    assert xpath_texts(first, "//tei:titleStmt/tei:title") != ["Collected Papers"]
    assert xpath_texts(first, "//tei:sourceDesc/tei:bibl[@type='source']") == [
        "E. Writer, Collected Papers, Volume 3, Quay Press, Porto, 1958"]
    origin = f"metadata: {(folder / 'works.meta.json').as_posix()}"
    assert entries["works-001"]["provenance"]["source"] == origin
    assert entries["works-001"]["provenance"]["author"] == origin
    assert entries["works-001"]["provenance"]["title"].startswith("source line")


# A catalogue table


@pytest.mark.parametrize("table", ["catalogue.csv", "catalogue.tsv"])
def test_a_catalogue_describes_three_files(tmp_path: Path, table: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ARCHIVE)
    out = tmp_path / "out"
    _run(".", "-o", str(out), "--catalogue", table)
    entries = _entries(out)
    assert sorted(entries) == ["one", "three", "two"]
    # The table named is no input; the other one in the folder is a file like any.
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert [entry["source"]["path"] for entry in manifest["skipped"]] == [
        "catalogue.tsv" if table == "catalogue.csv" else "catalogue.csv"]
    one, two, three = (_tree(out / f"{name}.xml") for name in ("one", "two", "three"))
    assert xpath_texts(one, "//tei:titleStmt/tei:title") == ["First Harbour Report"]
    assert one.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1921-04"]
    assert one.xpath("//tei:licence/@target", namespaces=NS) == [
        "https://creativecommons.org/licenses/by/4.0/"]
    assert xpath_texts(two, "//tei:titleStmt/tei:title") == ["Second Report, with a Comma"]
    assert two.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1921-05-01"]
    assert two.get(f"{{{NS['xml']}}}lang") is None  # an empty cell states nothing
    # A row without a title leaves the source's.
    assert xpath_texts(three, "//tei:titleStmt/tei:title") == ["A Letter on the Ferry"]
    assert xpath_texts(three, "//tei:correspAction[@type='sent']/tei:persName") == [
        "Cleo Writer"]
    assert three.xpath("//tei:langUsage/tei:language/@ident", namespaces=NS) == ["de"]
    assert entries["two"]["provenance"]["title"] == f"metadata: {table} line 3"
    assert entries["three"]["provenance"]["title"] == "source line 3"
    assert entries["three"]["source"]["catalogue"]["line"] == 4
    assert entries["three"]["source"]["catalogue"]["path"] == table
    assert entries["one"]["source"]["metadata"] is None
    run_jing(TEI_ALL, sorted(out.glob("*.xml"))).check_returncode()


def test_a_sidecar_wins_over_a_catalogue_row_field_by_field(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_bytes((ARCHIVE / "one.txt").read_bytes())
    (folder / "one.meta.json").write_text('{"title": "From the Sidecar"}', "utf-8")
    (folder / "table.csv").write_text("file,title,author\none.txt,From the Table,T. Writer\n",
                                      "utf-8")
    report = convert_corpus([folder], tmp_path / "out",
                            options=Options(catalogue=folder / "table.csv"))
    [entry] = report.documents
    assert (entry["title"], entry["author"]) == ("From the Sidecar", "T. Writer")
    assert entry["provenance"]["title"] == f"metadata: {(folder / 'one.meta.json').as_posix()}"
    assert entry["provenance"]["author"] == f"metadata: {(folder / 'table.csv').as_posix()} line 2"
    assert entry["source"]["catalogue"]["line"] == 2
    assert entry["source"]["metadata"]["path"] == (folder / "one.meta.json").as_posix()


def test_a_catalogue_row_of_a_volume_is_typed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "works.txt").write_bytes(VOLUME.read_bytes())
    (folder / "table.tsv").write_text(
        "Path\tAuthor\tYear\tFirst Page\tLanguage\nworks.txt\tE. Writer\t1958\t201\ten\n",
        "utf-8")
    out = tmp_path / "out"
    _run(str(folder), "-o", str(out), "--catalogue", str(folder / "table.tsv"))
    first, second = (_tree(out / f"works-00{n}.xml") for n in (1, 2))
    assert second.xpath("//tei:pb/@n", namespaces=NS) == ["203"]
    assert xpath_texts(first, "//tei:sourceDesc/tei:bibl[@type='source']") == [
        "E. Writer, 1958"]
    assert _entries(out)["works-001"]["provenance"]["language"] == (
        f"metadata: {(folder / 'table.tsv').as_posix()} line 2")


def test_status_and_bag_follow_the_catalogue(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    for name in ("one.txt", "two.txt", "catalogue.csv"):
        (Path("in") / name).write_bytes((ARCHIVE / name).read_bytes())
    table = Path("in/catalogue.csv")
    table.write_text("\n".join(table.read_text("utf-8").splitlines()[:3]) + "\n", "utf-8")
    _run("in", "-o", "out", "--catalogue", "in/catalogue.csv")
    bag = make_bag(Path("out"), Path("bag"), include_sources=True)
    assert (bag / "data/source/in/catalogue.csv").read_bytes() == table.read_bytes()
    table.write_text(table.read_text("utf-8").replace("Ada Writer", "Ada B. Writer"), "utf-8")
    status = CliRunner().invoke(main, ["status", "out"])
    rows = [row for row in status.output.splitlines() if row.startswith("source changed")]
    assert len(rows) == 2
    assert all(row.endswith(": in/catalogue.csv") for row in rows)
    # Only the row that changed is converted again.
    rerun = convert_corpus([Path("in")], Path("out"), incremental=True,
                           options=Options(catalogue=table))
    assert rerun.reused == 1
    assert _entries(Path("out"))["one"]["author"] == "Ada B. Writer"


def test_the_catalogue_can_be_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in ARCHIVE.rglob("*"):
        target = tmp_path / "archive" / path.relative_to(ARCHIVE)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            target.write_bytes(path.read_bytes())
    (tmp_path / "tei-convert.toml").write_text(
        'input = "archive"\noutput = "tei"\ncatalogue = "archive/catalogue.csv"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    _run()
    assert _entries(tmp_path / "tei")["one"]["title"] == "First Harbour Report"


def test_the_earlier_option_name_still_works(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "page.txt")
    for option in ("--meta", "--volume-meta"):
        out = tmp_path / option.strip("-")
        _run(str(folder), "-o", str(out), option, str(HERE / "page.meta.json"))
        assert _entries(out)["page"]["author"] == "Anna N. Writer"


# Bad metadata: one line with file and line, never a traceback


BAD_FILES = {
    "bad-json.meta.json": (3, "metadata is not valid JSON: "),
    "not-utf8.meta.json": (2, "metadata is not UTF-8 text"),
    "unknown-key.meta.json": (None, "metadata: unknown key 'titel'; allowed keys: author, "),
    "bad-language.meta.json": (None, "metadata: 'language' must be a BCP 47 language tag"),
    "missing-file.csv": (3, "this row names 'nothing.txt', which is no file"),
    "duplicate-row.csv": (4, "this row names the file './../page.txt', as line 2 does"),
    "not-utf8.csv": (2, "the catalogue is not UTF-8 text"),
    "unknown-column.csv": (1, "unknown column 'titel' (did you mean 'title'?); known "
                              "columns: file (or path), "),
    "no-file-column.csv": (1, "no file column"),
    "too-many-cells.tsv": (2, "this row has 3 cells, but the first row names 2 columns"),
    "open-quote.csv": (2, "the catalogue is not valid CSV: "),
    "bad-row.csv": (2, "metadata: 'language' must be a BCP 47 language tag"),
}


def test_every_bad_metadata_file_has_an_expected_reason() -> None:
    assert sorted(path.name for path in BAD.iterdir()) == sorted(BAD_FILES)


def _read_bad(path: Path) -> None:
    if path.name.endswith(".meta.json"):
        load_metadata(path)
    else:
        load_catalogue(path).metadata_for(HERE / "page.txt")


def _bad_metadata_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        _read_bad(path)
    return info.value


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_metadata_names_file_and_line(name: str) -> None:
    line, message = BAD_FILES[name]
    error = _bad_metadata_error(BAD / name)
    assert error.message.startswith(message), error.message
    assert (error.source, error.line) == (str(BAD / name), line)
    assert "\n" not in str(error)


@pytest.mark.parametrize("name", sorted(n for n in BAD_FILES if n.endswith(".meta.json")))
def test_a_bad_sidecar_stops_only_its_own_document(tmp_path: Path, name: str) -> None:
    folder = _copy(tmp_path, "page.txt", "letter.txt")
    (folder / "page.meta.json").write_bytes((BAD / name).read_bytes())
    result = CliRunner().invoke(main, ["convert", str(folder), "-o", str(tmp_path / "out"),
                                       "-j", "1"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    [line] = [row for row in result.output.splitlines() if "error failed" in row]
    where, message = BAD_FILES[name]
    at = "" if where is None else f":{where}"
    assert line.startswith(f"{folder / 'page.txt'}: error failed: "
                           f"{(folder / 'page.meta.json').as_posix()}{at}: {message}")
    assert sorted(_entries(tmp_path / "out")) == ["letter"]


def test_a_bad_catalogue_row_stops_only_its_own_document(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = convert_corpus([HERE / "page.txt", HERE / "letter.txt"], out,
                            options=Options(catalogue=BAD / "bad-row.csv"))
    assert [entry["id"] for entry in report.documents] == ["letter"]
    assert report.documents[0]["provenance"]["language"] == (
        f"metadata: {(BAD / 'bad-row.csv').as_posix()} line 3")
    [failed] = report.failed
    assert failed["reason"].startswith("tests/metadata/bad/bad-row.csv:2: metadata: 'language' "
                                       "must")


@pytest.mark.parametrize("name", sorted(n for n in BAD_FILES if n != "bad-row.csv"
                                        and not n.endswith(".meta.json")))
def test_a_broken_catalogue_stops_the_run_before_anything_is_written(
        tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(HERE / "page.txt"), "-o", str(out),
                                       "--catalogue", str(BAD / name)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    line, message = BAD_FILES[name]
    assert result.output.startswith(f"error: {BAD / name}:{line}: {message}")
    assert len(result.output.splitlines()) == 1
    assert not (out / "manifest.json").exists()


@pytest.mark.parametrize("option", ["--catalogue", "--meta"])
def test_a_metadata_file_that_does_not_exist_is_a_usage_error(tmp_path: Path,
                                                              option: str) -> None:
    """One mistyped name on the command line, not a failure of every input."""
    result = CliRunner().invoke(main, ["convert", str(HERE / "page.txt"), "-o",
                                       str(tmp_path / "out"), option,
                                       str(tmp_path / "absent.csv")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert not (tmp_path / "out").exists()


def test_merged_keeps_each_fields_origin() -> None:
    base = Metadata(author="A", title="T", origins=(("author", "metadata: t line 2"),
                                                    ("title", "metadata: t line 2")))
    over = Metadata(title="U", origins=(("title", "metadata: u.json"),))
    both = merged(base, over)
    assert both is not None
    assert (both.author, both.title) == ("A", "U")
    assert (both.origin("author"), both.origin("title")) == ("metadata: t line 2",
                                                             "metadata: u.json")
    assert merged(None, over) is over
    assert merged(base, None) is base


def test_metadata_outputs_are_valid_tei(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "page.txt", "page.meta.json", "letter.txt", "letter.meta.json")
    _run(str(folder), "-o", str(tmp_path / "out"))
    run_jing(TEI_ALL, sorted((tmp_path / "out").glob("*.xml"))).check_returncode()
