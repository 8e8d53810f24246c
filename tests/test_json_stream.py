"""A JSON object read a value at a time (``input/json_stream.py``): what it
reads is what ``json.loads`` reads, over any window size, and a manifest is
read that way (``read_manifest_entries``)."""

from __future__ import annotations

import errno
import io
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tei_convert import convert_corpus
from tei_convert.errors import ManifestError, OutputError
from tei_convert.input import json_stream
from tei_convert.input.json_stream import JsonStreamError, read_object
from tei_convert.run.entries import EntryLog
from tei_convert.run.manifest import read_manifest, read_manifest_entries

from conftest import SEEDS

_SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(2**80), max_value=2**80)
            | st.floats(allow_nan=False) | st.text())
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=12)
_DOCUMENTS = st.dictionaries(st.text(max_size=6), _VALUES, max_size=4).flatmap(
    lambda top: st.tuples(st.just(top), st.lists(_VALUES, max_size=6), st.integers(0, 4)))


def _read(data: bytes) -> tuple[object, list[object]]:
    items: list[object] = []
    return read_object(io.BytesIO(data), "documents", items.append), items


@settings(max_examples=300)
@given(_DOCUMENTS, st.integers(min_value=1, max_value=40), st.sampled_from([None, 0, 2]),
       st.booleans(), st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_an_object_reads_as_json_loads_reads_it(
        document: tuple[dict[str, object], list[object], int], window: int,
        indent: int | None, ascii_only: bool, encoding: str) -> None:
    top, items, place = document
    members = list(top.items())
    members.insert(min(place, len(members)), ("documents", items))
    text = json.dumps(dict(members), indent=indent, ensure_ascii=ascii_only)
    data = text.encode(encoding)
    expected = json.loads(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_stream, "_WINDOW", window)  # values cut at every place
        found, handed = _read(data)
    assert handed == expected["documents"]
    assert found == {**expected, "documents": []}


@pytest.mark.parametrize("data", [
    b"", b"{", b'{"a": 1}\n\n  x', b'{"a"\n: tru}',
    b'{"a" 1}', b'{"a": 1 "b": 2}', b'{"documents": [1 2]}', b'{"documents": [1',
    b'{"a": "\\x"}', b'{"a": 1.5e}', b'{} {}', b'{"a": [1, 2}',
    # Errors after lines the window has let go of: the line and column count them.
    b'{\n  "a": "xxxx",\n  "b": "yyyy",\n  "c": "zzzz"\n}\n\n\n  junk',
    b'{\n "documents": [\n  {"a": "one"},\n  {"b": "two"}\n  {"c": "three"}\n ]\n}',
    b'{"a": "xxxx", "b": "yyyy",\n "c": "zzzz", "d": "wwww" "e": 1}',
    b'[\n  "aaaa",\n  "bbbb",\n  "cccc"\n  "dddd"\n]',
    b'{\n\n"a": "xxxxxxxxxxxxxxxxxx",   "b": 1 "c": 2}',
    b'{"a": "xxxxxxxxxx",\n"b": "yyyyyyyyyy",\n"c": "zzzzzzzz" "d": 1}'])
@pytest.mark.parametrize("window", [1, 3, 64, 1 << 20])
def test_an_error_says_what_json_loads_says(data: bytes, window: int,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "_WINDOW", window)
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(data)
    with pytest.raises(JsonStreamError) as found:
        _read(data)
    assert str(found.value) == str(expected.value)


@pytest.mark.parametrize("data", [b'{"a": 1,}', b'{"documents": [1,\n2,]}', b'[1, 2, ]'])
def test_a_trailing_comma_is_refused(data: bytes) -> None:
    # Python 3.13 names it in its own words; earlier versions as a missing value.
    with pytest.raises(json.JSONDecodeError):
        json.loads(data)
    with pytest.raises(JsonStreamError):
        _read(data)


def test_what_json_loads_takes_beyond_the_standard_is_taken_too() -> None:
    _, items = _read(b'{"documents": [NaN, -Infinity, "\\ud800", 123456789012345678901234, '
                     b'"\xed\xa0\x80"]}')  # the last a surrogate encoded on its own
    assert math.isnan(items[0])  # type: ignore[arg-type]
    assert items[1:] == [-math.inf, "\ud800", 123456789012345678901234, "\ud800"]
    assert _read(b'\xef\xbb\xbf[1, {"documents": 2}]') == ([1, {"documents": 2}], [])


class _Reads(io.BytesIO):
    """A stream that notes how much each read asks for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked: list[int | None] = []

    def read(self, size: int | None = -1, /) -> bytes:
        self.asked.append(size)
        return super().read(size)


def test_a_long_array_is_read_a_window_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "_WINDOW", 64)
    entries = [{"n": n, "text": "x" * 10} for n in range(200)]
    stream = _Reads(json.dumps({"documents": entries}).encode())
    handed: list[object] = []
    read_object(stream, "documents", handed.append)
    assert handed == entries
    assert len(stream.asked) > 50
    assert all(size is not None and 0 < size <= 64 for size in stream.asked)


def test_a_value_far_larger_than_the_window_is_scanned_again_only_a_few_times(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Each read doubles the window: ~log2(size / window) scans, not size / window
    # (which made reading quadratic in the size of a large value).
    monkeypatch.setattr(json_stream, "_WINDOW", 64)
    entries = [{"diagnostics": ["y" * 100] * 2000}, {"n": 1}]
    stream = _Reads(json.dumps({"documents": entries, "failed": ["z" * 50] * 2000}).encode())
    handed: list[object] = []
    found = read_object(stream, "documents", handed.append)
    assert handed == entries
    assert found == {"documents": [], "failed": ["z" * 50] * 2000}
    assert len(stream.asked) < 40


def test_a_mistake_early_in_a_large_file_is_found_without_reading_it_all(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "_WINDOW", 64)
    stream = _Reads(b'{"documents": [{"a" 1}, ' + b'{"n": 1}, ' * 10_000 + b'{}]}')
    with pytest.raises(JsonStreamError, match=r"Expecting .:. delimiter: line 1 column 21 "):
        read_object(stream, "documents", lambda _: None)
    assert sum(size or 0 for size in stream.asked) < 1000


def test_an_undecodable_byte_is_named_by_its_place_in_the_file() -> None:
    data = b'{"documents": [' + b'"aaaaaaaaaa", ' * 300_000 + b'"\xff"]}'
    with pytest.raises(UnicodeDecodeError) as expected:
        json.loads(data)
    with pytest.raises(JsonStreamError) as found:
        _read(data)
    assert str(found.value) == str(expected.value)
    cut = "…".encode() * 10  # a character cut by the end of the file
    with pytest.raises(UnicodeDecodeError) as expected:
        json.loads(b'{"a": "' + cut[:-1])
    with pytest.raises(JsonStreamError) as found:
        _read(b'{"a": "' + cut[:-1])
    assert str(found.value) == str(expected.value)


def test_the_array_twice_is_refused_since_its_items_are_already_given_out() -> None:
    with pytest.raises(JsonStreamError, match="the key 'documents' a second time"):
        _read(b'{"documents": [1], "documents": [2]}')


def test_a_manifest_read_an_entry_at_a_time_is_the_manifest(tmp_path: Path) -> None:
    convert_corpus([SEEDS], tmp_path)
    handed: list[object] = []
    top = read_manifest_entries(tmp_path, handed.append)
    whole = json.loads((tmp_path / "manifest.json").read_bytes())
    assert handed == whole["documents"]
    assert top == {**whole, "documents": []}
    assert read_manifest(tmp_path) == whole


def test_a_manifest_whose_entry_breaks_the_schema_is_refused_with_its_number(
        tmp_path: Path) -> None:
    convert_corpus([SEEDS], tmp_path)
    data = json.loads((tmp_path / "manifest.json").read_bytes())
    del data["documents"][2]["output"]
    (tmp_path / "manifest.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(ManifestError, match=r"breaks its schema: documents/2: "):
        read_manifest_entries(tmp_path, lambda _: None)
    before = sorted(path.name for path in tmp_path.iterdir())
    with pytest.raises(OutputError, match="writes nothing"):
        convert_corpus([SEEDS], tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == before


def test_a_manifest_with_its_documents_twice_stops_the_run_untouched(tmp_path: Path) -> None:
    convert_corpus([SEEDS], tmp_path)
    text = (tmp_path / "manifest.json").read_text("utf-8")
    # Two lists of documents: which one the last run wrote cannot be told, so
    # the run refuses, as it does any manifest it cannot read.
    (tmp_path / "manifest.json").write_text(text.replace('"documents":', '"documents": [], '
                                                         '"documents":', 1), "utf-8")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    with pytest.raises(OutputError, match="is not JSON: the key 'documents' a second time"):
        convert_corpus([SEEDS], tmp_path)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_a_manifest_nested_too_deeply_stops_the_run_untouched(tmp_path: Path) -> None:
    convert_corpus([SEEDS], tmp_path)
    (tmp_path / "manifest.json").write_text("[" * 200_000, "utf-8")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    with pytest.raises(OutputError, match="nested too deeply to read"):
        convert_corpus([SEEDS], tmp_path)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_a_full_temporary_folder_is_named_as_the_problem_not_the_manifest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    convert_corpus([SEEDS], tmp_path)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(EntryLog, "append", full)
    with pytest.raises(OutputError, match=r": cannot keep the last manifest's entries in a "
                                          r"temporary file .*: No space left on device"):
        convert_corpus([SEEDS], tmp_path)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_a_manifest_that_cannot_be_read_stops_the_run_with_advice(tmp_path: Path) -> None:
    convert_corpus([SEEDS], tmp_path)
    (tmp_path / "manifest.json").unlink()
    (tmp_path / "manifest.json").mkdir()
    before = sorted(path.name for path in tmp_path.iterdir())
    with pytest.raises(OutputError) as refused:
        convert_corpus([SEEDS], tmp_path)
    assert str(refused.value) == (
        f"{tmp_path}: cannot read manifest.json: Is a directory; without a manifest it can "
        "read the tool cannot tell its files from yours, so it writes nothing: restore the "
        "manifest, or move it (or the folder) away")
    assert sorted(path.name for path in tmp_path.iterdir()) == before
