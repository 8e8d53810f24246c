"""BagIt deposits, checked with the bagit package's own validator."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import bagit
import jsonschema
import pytest

from tei_convert.canonical import sha256
from tei_convert.diagnostics import Diagnostic, Severity
from tei_convert.errors import EditionError, OutputError, TeiConvertError
from tei_convert.package.bag import make_bag
from tei_convert.package.edition import read_edition
from tei_convert.run.manifest import manifest_schema

from conftest import CASES
from edition_helpers import SOURCES, make_edition

INFO = {"Source-Organization": "An Archive", "Contact-Email": "editor@example.org",
        "External-Description": "Letters, converted to TEI"}


@pytest.fixture
def edition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return make_edition(tmp_path)


def _tags(path: Path) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in path.read_text("utf-8").splitlines())


def test_bag_is_valid_bagit_1_0_with_both_checksums(edition: Path, tmp_path: Path) -> None:
    bag_dir = make_bag(edition, tmp_path / "bag", info=INFO)
    bag = bagit.Bag(str(bag_dir))
    bag.validate()
    assert bag.version_info == (1, 0)
    assert sorted(bag.algorithms) == ["sha256", "sha512"]
    manifest = json.loads((edition / "manifest.json").read_text("utf-8"))
    expected = {f"data/tei/{entry['output']['path']}" for entry in manifest["documents"]}
    assert set(bag.payload_files()) == expected | {"data/manifest.json"}


def test_bag_info_has_the_deposit_fields_date_oxum_and_tool(edition: Path,
                                                             tmp_path: Path) -> None:
    from tei_convert import __version__

    bag_dir = make_bag(edition, tmp_path / "bag", info=INFO)
    tags = _tags(bag_dir / "bag-info.txt")
    assert {key: tags[key] for key in INFO} == INFO
    assert tags["Bagging-Date"] == "2023-11-14"  # SOURCE_DATE_EPOCH 1700000000, in UTC
    payload = [p for p in (bag_dir / "data").rglob("*") if p.is_file()]
    assert tags["Payload-Oxum"] == f"{sum(p.stat().st_size for p in payload)}.{len(payload)}"
    assert f"tei-convert {__version__}" in tags["Bag-Software-Agent"]


def test_one_changed_byte_fails_validation(edition: Path, tmp_path: Path) -> None:
    bag_dir = make_bag(edition, tmp_path / "bag", info=INFO)
    victim = sorted((bag_dir / "data" / "tei").glob("*.xml"))[0]
    data = bytearray(victim.read_bytes())
    data[-2] = ord("X") if data[-2] != ord("X") else ord("Y")
    victim.write_bytes(bytes(data))
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(bag_dir)).validate()


def test_sources_and_sidecars_go_under_data_source(edition: Path, tmp_path: Path) -> None:
    bag_dir = make_bag(edition, tmp_path / "bag", include_sources=True)
    bagit.Bag(str(bag_dir)).validate()
    sources = sorted(p.name for p in (bag_dir / "data" / "source" / "sources").iterdir())
    assert sources == sorted(p.name for p in (tmp_path / "sources").iterdir())
    for path in (bag_dir / "data" / "source" / "sources").iterdir():
        assert path.read_bytes() == (tmp_path / "sources" / path.name).read_bytes()


def test_same_input_gives_the_same_bag(edition: Path, tmp_path: Path) -> None:
    first = make_bag(edition, tmp_path / "one", info=INFO, include_sources=True)
    second = make_bag(edition, tmp_path / "two", info=INFO, include_sources=True)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.parametrize("damage", ["edited", "missing", "no-manifest"])
def test_folder_not_holding_what_its_manifest_lists_is_refused(edition: Path, tmp_path: Path,
                                                               damage: str) -> None:
    tei = sorted(edition.glob("*.xml"))[0]
    if damage == "edited":  # edited, and nothing given to check it with
        tei.write_bytes(tei.read_bytes().replace(b"<p>", b"<p> ", 1))
    elif damage == "missing":
        tei.unlink()
    else:
        (edition / "manifest.json").unlink()
    with pytest.raises(EditionError, match=r"manifest|checked \(against TEI P5\)"):
        make_bag(edition, tmp_path / "bag")
    assert not (tmp_path / "bag").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".bag")]


def test_a_users_own_file_in_the_folder_is_left_out_and_named(edition: Path,
                                                              tmp_path: Path) -> None:
    (edition / "my-draft.xml").write_bytes(b"<draft/>")
    read = read_edition(edition)
    assert read.unlisted == ("my-draft.xml",)
    bag_dir = make_bag(read, tmp_path / "bag")
    assert not (bag_dir / "data" / "tei" / "my-draft.xml").exists()
    assert (edition / "my-draft.xml").read_bytes() == b"<draft/>"


def test_an_edited_edition_is_bagged_once_its_edits_pass_the_check(edition: Path,
                                                                   tmp_path: Path) -> None:
    tei = sorted(edition.glob("*.xml"))[0]
    tei.write_bytes(tei.read_bytes().replace(b"<p>", b"<p>Corrected: ", 1))
    checked: list[Path] = []

    def accept(path: Path) -> list[Diagnostic]:
        checked.append(path)
        return []

    bag_dir = make_bag(read_edition(edition, check_edited=accept), tmp_path / "bag")
    assert checked == [tei]
    bagit.Bag(str(bag_dir)).validate()
    assert (bag_dir / "data" / "tei" / tei.name).read_bytes() == tei.read_bytes()
    deposited = json.loads((bag_dir / "data" / "manifest.json").read_text("utf-8"))
    entry = next(e for e in deposited["documents"] if e["output"]["path"] == tei.name)
    assert entry["edited"] == {"sha256": sha256(tei.read_bytes())}
    assert entry["output"]["sha256"] != entry["edited"]["sha256"]
    jsonschema.validate(deposited, manifest_schema())
    assert "edited" not in (edition / "manifest.json").read_text("utf-8")


def test_an_edit_that_breaks_the_tei_is_refused(edition: Path, tmp_path: Path) -> None:
    tei = sorted(edition.glob("*.xml"))[0]
    tei.write_bytes(tei.read_bytes().replace(b"<p>", b"<p><oops/>", 1))

    def reject(path: Path) -> list[Diagnostic]:
        return [Diagnostic("schema-invalid", Severity.ERROR, "element oops not allowed",
                           str(path), 3)]

    with pytest.raises(EditionError, match="edited by hand and is not valid"):
        make_bag(read_edition(edition, check_edited=reject), tmp_path / "bag")
    assert not (tmp_path / "bag").exists()


def test_changed_source_is_refused(edition: Path, tmp_path: Path) -> None:
    source = tmp_path / "sources" / "0002-untitled-vague-date-unknown-field.txt"
    source.write_text(source.read_text("utf-8") + "\nA late addition.\n", "utf-8")
    with pytest.raises(EditionError, match="changed since it was converted"):
        make_bag(edition, tmp_path / "bag", include_sources=True)
    assert not (tmp_path / "bag").exists()


def test_an_existing_bag_of_ours_is_replaced_but_nothing_else(edition: Path,
                                                              tmp_path: Path) -> None:
    bag_dir = make_bag(edition, tmp_path / "bag")
    first = (bag_dir / "bagit.txt").stat().st_ino
    make_bag(edition, bag_dir)
    assert (bag_dir / "bagit.txt").stat().st_ino != first  # a new bag, swapped in
    bagit.Bag(str(bag_dir)).validate()
    (bag_dir / "data" / "notes.txt").write_text("mine, added to the bag", "utf-8")
    with pytest.raises(OutputError,
                       match=r"holds data/notes\.txt, which a bag of tei-convert does not hold"):
        make_bag(edition, bag_dir)
    assert (bag_dir / "data" / "notes.txt").read_text("utf-8") == "mine, added to the bag"
    other = tmp_path / "papers"
    other.mkdir()
    (other / "keep.txt").write_text("mine", "utf-8")
    with pytest.raises(OutputError, match="not a bag"):
        make_bag(edition, other)
    assert (other / "keep.txt").read_text("utf-8") == "mine"


def test_a_bag_another_tool_made_is_not_replaced(edition: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    (theirs / "data").mkdir(parents=True)
    (theirs / "data" / "report.pdf").write_bytes(b"%PDF-1.7")
    bagit.make_bag(str(theirs), {"Source-Organization": "Another archive"})
    before = {p.relative_to(theirs): p.read_bytes() for p in theirs.rglob("*") if p.is_file()}
    with pytest.raises(OutputError, match="did not make"):
        make_bag(edition, theirs)
    assert {p.relative_to(theirs): p.read_bytes()
            for p in theirs.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("where", ["parent", "source"])
def test_a_bag_that_holds_the_folder_or_a_source_is_refused(edition: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           where: str) -> None:
    monkeypatch.chdir(tmp_path)  # the manifest names sources from here
    target = edition.parent if where == "parent" else tmp_path / "sources"
    with pytest.raises(EditionError, match=r"hold the output folder|a source of the edition"):
        make_bag(edition, target)
    assert any(target.iterdir())


def test_metadata_file_is_recorded_checked_and_bagged(edition: Path, tmp_path: Path) -> None:
    manifest = json.loads((edition / "manifest.json").read_text("utf-8"))
    recorded = {entry["source"]["metadata"]["path"] for entry in manifest["documents"]
                if entry["source"]["metadata"]}
    assert recorded == {"sources/0101-volume-two-works-and-a-chronicle.meta.json"}
    sidecar = tmp_path / recorded.pop()
    sidecar.write_text(sidecar.read_text("utf-8").replace("}", ', "period": "x"}', 1), "utf-8")
    with pytest.raises(EditionError, match="changed since it was converted"):
        make_bag(edition, tmp_path / "bag", include_sources=True)


def test_metadata_named_on_the_command_line_is_bagged(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from tei_convert import Options, convert_corpus

    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    Path("meta").mkdir()
    volume = "0101-volume-two-works-and-a-chronicle"
    shutil.copyfile(CASES / f"{volume}.txt", f"in/{volume}.txt")
    shutil.copyfile(CASES / f"{volume}.meta.json", "meta/works.json")
    convert_corpus([Path("in")], Path("out"),
                   options=Options(metadata_file=Path("meta/works.json")))
    bag_dir = make_bag(Path("out"), Path("bag"), include_sources=True)
    assert (bag_dir / "data/source/meta/works.json").read_bytes() == \
        Path("meta/works.json").read_bytes()


def test_an_edition_with_failed_inputs_is_not_bagged(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from tei_convert import convert_corpus

    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    shutil.copyfile(CASES / SOURCES[0], Path("in") / SOURCES[0])
    Path("in/empty.txt").write_bytes(b"")
    convert_corpus([Path("in")], Path("out"))
    with pytest.raises(EditionError, match=r"1 input\(s\) were not converted \(in/empty.txt\)"):
        make_bag(Path("out"), Path("bag"))
    assert not Path("bag").exists()


def test_two_sources_with_one_place_in_the_bag_are_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tei_convert import convert_corpus

    (tmp_path / "work" / "src").mkdir(parents=True)
    (tmp_path / "src").mkdir()
    shutil.copyfile(CASES / SOURCES[0], tmp_path / "src" / "a.txt")
    shutil.copyfile(CASES / SOURCES[1], tmp_path / "work" / "src" / "a.txt")
    monkeypatch.chdir(tmp_path / "work")
    convert_corpus([Path("../src/a.txt"), Path("src/a.txt")], Path("out"))
    with pytest.raises(EditionError, match=re.escape("would both be data/source/src/a.txt")):
        make_bag(Path("out"), Path("bag"), include_sources=True)
    assert make_bag(Path("out"), Path("bag")).is_dir()  # without sources there is no clash


def test_bag_inside_the_output_folder_is_refused(edition: Path) -> None:
    with pytest.raises(EditionError, match="must not be in the output folder"):
        make_bag(edition, edition / "deposit")
    assert not (edition / "deposit").exists()


def test_malformed_source_date_epoch_is_an_error(edition: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(TeiConvertError, match="SOURCE_DATE_EPOCH"):
        make_bag(edition, tmp_path / "bag")
    assert not (tmp_path / "bag").exists()


def test_a_source_name_with_a_percent_sign_is_refused(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from tei_convert import convert_corpus

    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    shutil.copyfile(CASES / SOURCES[0], "in/100%.txt")
    convert_corpus([Path("in")], Path("out"))
    with pytest.raises(EditionError, match="cannot be bagged portably"):
        make_bag(Path("out"), Path("bag"), include_sources=True)
    assert not Path("bag").exists()
