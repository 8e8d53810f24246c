"""The public Python API."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import tei_convert
from tei_convert import convert_file, convert_text
from tei_convert.errors import InputError, TeiConvertError, UnknownFormatError
from tei_convert.readers import READERS

from conftest import SEEDS
from tei_helpers import mia


def test_public_names_are_pinned() -> None:
    assert sorted(tei_convert.__all__) == [
        "Conversion", "Converted", "Document", "Options", "Result", "RunReport",
        "__version__", "convert_corpus", "convert_file", "convert_text", "stream_text",
    ]


def test_convert_text_needs_no_files() -> None:
    text = next(p for p in sorted(SEEDS.glob("*.txt"))).read_text("utf-8")
    result = convert_text(text, source="memory.txt")
    assert result.reader == "mia"
    assert result.documents[0].xml.startswith(b"<?xml")
    assert result.documents[0].document.id == "memory"


def test_publisher_option_reaches_the_header() -> None:
    text = next(p for p in sorted(SEEDS.glob("*.txt"))).read_text("utf-8")
    result = convert_text(text, source="a.txt", options=tei_convert.Options(publisher="My Lab"))
    assert b"<publisher>My Lab</publisher>" in result.documents[0].xml


def test_unrecognised_text_is_read_as_plain_text_with_a_warning() -> None:
    result = convert_text("Just a line of prose.\n", source="prose.txt")
    assert result.reader == "plain"
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [
        ("format-fallback", "warning")]


def test_a_named_format_is_used_without_the_fallback_warning() -> None:
    result = convert_text("Just a line of prose.\n", source="prose.txt", reader="plain")
    assert "format-fallback" not in [d.code for d in result.all_diagnostics]


def test_a_text_of_white_space_alone_is_refused_by_the_fallback() -> None:
    with pytest.raises(InputError, match="only white space"):
        convert_text(" \n\t\n", source="blank.txt")


def test_unknown_reader_name_lists_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError, match="known formats: gutenberg, mia, plain, volume"):
        convert_text("x", source="x.txt", reader="docx")


def test_volume_without_work_headings_is_refused_with_a_reason() -> None:
    lines = "\n\n".join(f"Line {n} of a hard-wrapped printed page, " for n in range(60))
    with pytest.raises(InputError, match="no work headings found"):
        convert_text(lines, source="volume.txt", reader="volume")
    # Recognised by its line spacing alone, it is read as plain text instead.
    assert convert_text(lines, source="volume.txt").reader == "plain"


def test_errors_carry_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01binary\x00")
    with pytest.raises(TeiConvertError) as caught:
        convert_file(path, name="binary.txt")
    assert str(caught.value).startswith("binary.txt: binary data")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("000_abc.txt", "doc-000_abc"), ("Letter to X.txt", "Letter-to-X"), ("é.txt", "document"),
     ("dir/sub/a.b.txt", "a.b")],
)
def test_document_ids_are_valid_xml_ids_and_file_names(name: str, expected: str) -> None:
    from tei_convert.pipeline import document_id

    assert document_id(name) == expected


def test_each_reader_is_registered_under_its_modules_name() -> None:
    """READERS names each reader's module, which is imported only when used."""
    for name, reader in READERS.items():
        assert name == importlib.import_module(reader.module).NAME
        assert reader.description
        assert reader.recognised


def test_converting_a_page_text_loads_no_other_reader() -> None:
    code = ("import sys; from tei_convert import convert_text; "
            f"convert_text({mia('A paragraph.')!r}, source='page.txt'); "
            "print(sorted(m for m in sys.modules if m.startswith('tei_convert.readers.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert "tei_convert.readers.mia" in loaded
    for other in ("volume", "plain", "gutenberg'"):
        assert f"tei_convert.readers.{other}" not in loaded, loaded
