"""Volume metadata: the sidecar schema, loading, error messages and lookup order."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from lxml import etree

from tei_convert.cli import main
from tei_convert.errors import InputError
from tei_convert.readers.volume_meta import (
    SIDECAR_SUFFIX,
    VolumeMeta,
    find_volume_meta,
    load_volume_meta,
    sidecar_path,
    volume_schema,
)

from conftest import SEEDS
from tei_helpers import NS

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
        load_volume_meta(path)
    assert info.value.source == str(path)
    return info.value


# The schema and the dataclass


def test_schema_is_valid_2020_12() -> None:
    Draft202012Validator.check_schema(volume_schema())


def test_every_property_is_described() -> None:
    properties = volume_schema()["properties"]
    assert all(spec.get("description") for spec in properties.values())


def test_dataclass_fields_match_schema_properties() -> None:
    # The file's keys are the fields' names with dashes ("first-page").
    fields = [f.name.replace("_", "-") for f in dataclasses.fields(VolumeMeta)]
    assert set(fields) == set(volume_schema()["properties"])


# Loading valid files


def test_full_file(tmp_path: Path) -> None:
    meta = load_volume_meta(write(tmp_path / "v.meta.json", FULL))
    assert meta == VolumeMeta(
        author="J. V. Stalin", title="Works", volume="4", editor="Marx-Engels-Lenin Institute",
        publisher="Foreign Languages Publishing House", place="Moscow", year="1954",
        period="November 1917 - December 1920", language="en")


def test_minimal_file(tmp_path: Path) -> None:
    meta = load_volume_meta(write(tmp_path / "v.meta.json", {"author": "J. V. Stalin"}))
    assert meta == VolumeMeta(author="J. V. Stalin")
    assert meta.year is None
    assert meta.title is None


@pytest.mark.parametrize(("year", "expected"), [(1954, "1954"), ("1954", "1954"),
                                                (1954.0, "1954"), (1000, "1000"),
                                                (2999, "2999")])
def test_year_becomes_four_digits(tmp_path: Path, year: object, expected: str) -> None:
    meta = load_volume_meta(write(tmp_path / "v.json", {"author": "A", "year": year}))
    assert meta.year == expected


@pytest.mark.parametrize("language", ["en", "ru", "en-GB", "zh-Hant-TW", "es-419", "sr-Latn"])
def test_language_tags_accepted(tmp_path: Path, language: str) -> None:
    meta = load_volume_meta(write(tmp_path / "v.json", {"author": "A", "language": language}))
    assert meta.language == language


def test_text_is_stripped_and_bom_accepted(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"author": " A. B. \n"}).encode())
    assert load_volume_meta(path).author == "A. B."


def test_seed_sidecar_is_valid() -> None:
    text = SEEDS / "004_987b735f64f89366.txt"
    meta = find_volume_meta(text)
    assert meta is not None
    assert (meta.author, meta.title, meta.volume, meta.year, meta.language) == (
        "J. V. Stalin", "Works", "4", "1954", "en")


# Errors: each names the key and what is wrong


def test_missing_author(tmp_path: Path) -> None:
    error = error_for(write(tmp_path / "v.json", {"title": "Works"}))
    assert error.message == "volume metadata: 'author' is required"


@pytest.mark.parametrize("author", ["", "   "])
def test_empty_author(tmp_path: Path, author: str) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": author}))
    assert error.message.startswith("volume metadata: 'author' must be one line of text, not empty")


@pytest.mark.parametrize("year", [True, "MCMLIV", "54", " 1954", 999, 3000, 1954.5, [1954], None])
def test_wrong_year(tmp_path: Path, year: object) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": "A", "year": year}))
    assert error.message.startswith("volume metadata: 'year' must be a year from 1000 to 2999")
    assert f"(got {json.dumps(year)})" in error.message


def test_wrong_type_of_text_field(tmp_path: Path) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": "A", "volume": 4}))
    assert error.message == ("volume metadata: 'volume' must be one line of text, not empty, "
                             "with no control characters (got 4)")


@pytest.mark.parametrize("language", ["english", "e", "en_GB", "en-", ""])
def test_bad_language(tmp_path: Path, language: str) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": "A", "language": language}))
    assert error.message.startswith("volume metadata: 'language' must be a BCP 47 language tag")


def test_unknown_key_lists_allowed_keys(tmp_path: Path) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": "A", "autor": "B"}))
    assert error.message.startswith("volume metadata: unknown key 'autor'; allowed keys: author, ")
    for key in volume_schema()["properties"]:
        assert key in error.message


def test_several_unknown_keys(tmp_path: Path) -> None:
    error = error_for(write(tmp_path / "v.json", {"author": "A", "b": 1, "a": 2}))
    assert error.message.startswith("volume metadata: unknown keys 'a', 'b'; allowed keys: ")


def test_several_problems_reported_together(tmp_path: Path) -> None:
    error = error_for(write(tmp_path / "v.json", {"year": "x", "language": 1, "x": 2}))
    assert "'author' is required" in error.message
    assert "unknown key 'x'" in error.message
    assert error.message.index("'language' must") < error.message.index("'year' must")


@pytest.mark.parametrize("data", [["author"], "J. V. Stalin", 4, None])
def test_not_an_object(tmp_path: Path, data: object) -> None:
    error = error_for(write(tmp_path / "v.json", data))
    assert error.message.startswith("volume metadata: the file must hold a JSON object")


def test_bad_json_gives_line(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_text('{\n  "author": "A",\n  "year": 1954,\n}\n', "utf-8")
    error = error_for(path)
    assert error.message.startswith("volume metadata is not valid JSON: ")
    assert error.line == 4
    assert str(error).startswith(f"{path}:4: volume metadata is not valid JSON")


def test_not_utf8_gives_line(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_bytes(b'{\n  "author": "Sch\xf6n"\n}\n')
    error = error_for(path)
    assert error.message.startswith("volume metadata is not UTF-8 text")
    assert error.line == 2


def test_missing_file(tmp_path: Path) -> None:
    error = error_for(tmp_path / "absent.meta.json")
    assert error.message.startswith("cannot read volume metadata: ")


def test_directory_is_unreadable(tmp_path: Path) -> None:
    error = error_for(tmp_path)
    assert error.message.startswith("cannot read volume metadata: ")


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
    assert find_volume_meta(tmp_path / "004.txt") is None


def test_sidecar_found(tmp_path: Path) -> None:
    write(tmp_path / "004.meta.json", {"author": "Sidecar"})
    meta = find_volume_meta(tmp_path / "004.txt")
    assert meta is not None
    assert meta.author == "Sidecar"


def test_explicit_file_wins_over_sidecar(tmp_path: Path) -> None:
    write(tmp_path / "004.meta.json", {"author": "Sidecar"})
    explicit = write(tmp_path / "chosen.json", {"author": "Explicit"})
    meta = find_volume_meta(tmp_path / "004.txt", explicit)
    assert meta is not None
    assert meta.author == "Explicit"


def test_explicit_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "004.meta.json", {"author": "Sidecar"})
    with pytest.raises(InputError, match="cannot read volume metadata"):
        find_volume_meta(tmp_path / "004.txt", tmp_path / "absent.json")


def test_broken_sidecar_is_an_error_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "004.meta.json").write_text("{", "utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        find_volume_meta(tmp_path / "004.txt")


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
