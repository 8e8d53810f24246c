"""BagIt deposits, checked with the bagit package's own validator."""

from __future__ import annotations

import json
from pathlib import Path

import bagit
import pytest

from tei_convert.bag import make_bag
from tei_convert.errors import EditionError, OutputError

from edition_helpers import make_edition

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


@pytest.mark.parametrize("damage", ["changed", "missing", "extra", "no-manifest"])
def test_folder_not_matching_its_manifest_is_refused(edition: Path, tmp_path: Path,
                                                     damage: str) -> None:
    tei = sorted(edition.glob("*.xml"))[0]
    if damage == "changed":
        tei.write_bytes(tei.read_bytes().replace(b"<p>", b"<p> ", 1))
    elif damage == "missing":
        tei.unlink()
    elif damage == "extra":
        (edition / "stray.xml").write_bytes(tei.read_bytes())
    else:
        (edition / "manifest.json").unlink()
    with pytest.raises(EditionError, match="manifest"):
        make_bag(edition, tmp_path / "bag")
    assert not (tmp_path / "bag").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".bag")]


def test_changed_source_is_refused(edition: Path, tmp_path: Path) -> None:
    source = tmp_path / "sources" / "0002-untitled-vague-date-unknown-field.txt"
    source.write_text(source.read_text("utf-8") + "\nA late addition.\n", "utf-8")
    with pytest.raises(EditionError, match="changed since it was converted"):
        make_bag(edition, tmp_path / "bag", include_sources=True)
    assert not (tmp_path / "bag").exists()


def test_an_existing_bag_is_replaced_but_nothing_else(edition: Path, tmp_path: Path) -> None:
    bag_dir = make_bag(edition, tmp_path / "bag")
    (bag_dir / "data" / "old.txt").write_text("from before", "utf-8")
    make_bag(edition, bag_dir)
    assert not (bag_dir / "data" / "old.txt").exists()
    bagit.Bag(str(bag_dir)).validate()
    other = tmp_path / "papers"
    other.mkdir()
    (other / "keep.txt").write_text("mine", "utf-8")
    with pytest.raises(OutputError, match="not a bag"):
        make_bag(edition, other)
    assert (other / "keep.txt").read_text("utf-8") == "mine"
