"""Manifest entries kept on disk during a run (``run/entries.py``), and the
manifest written from them an entry at a time (``run/manifest.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tei_convert import convert_corpus
from tei_convert.canonical import canonical_bytes
from tei_convert.errors import ValidationError
from tei_convert.run.entries import EntryLog
from tei_convert.run.manifest import manifest, manifest_bytes, write_manifest

from conftest import SEEDS

# Values that JSON encoders write differently when they can: non-ASCII, a
# character beyond the BMP, control characters, a line separator, a lone
# surrogate (a JSON escape in a user's metadata), integers beyond 64 bits (one
# that a float cannot hold).
AWKWARD = ["é", "𝔊", "\x01\x7f\n\t", "\u2028", "\udc80", 2**70, 2**64 + 1, -1, None, True, [],
           {}]


def test_entries_read_back_in_order_as_they_were_added() -> None:
    entries = [{"n": i, "value": value} for i, value in enumerate(AWKWARD)]
    log = EntryLog(entries[:3])
    log.extend(entries[3:])
    assert len(log) == len(entries)
    assert list(log) == entries
    assert log[-1] == entries[-1]
    assert log[2:4] == entries[2:4]


def test_one_entry_is_read_by_its_index_as_from_a_list() -> None:
    entries = [{"n": i, "value": value} for i, value in enumerate(AWKWARD)]
    log = EntryLog(entries)
    for index in range(-len(entries), len(entries)):
        assert log[index] == entries[index]
    for index in (len(entries), -len(entries) - 1):
        with pytest.raises(IndexError):
            log[index]
    log.close()
    assert len(log) == 0
    assert list(log) == []


def test_two_walks_and_an_append_do_not_disturb_each_other() -> None:
    log = EntryLog({"n": i} for i in range(3))
    first, second = iter(log), iter(log)
    assert next(first) == {"n": 0}
    log.append({"n": 3})
    assert [entry["n"] for entry in second] == [0, 1, 2, 3]
    assert [entry["n"] for entry in first] == [1, 2, 3]


def test_a_long_log_reads_across_its_chunks() -> None:
    entries = [{"n": i, "text": "x" * 1000} for i in range(3000)]  # 3 MB: several chunks
    assert list(EntryLog(entries)) == entries


def test_the_manifest_is_written_with_the_bytes_of_the_whole(tmp_path: Path) -> None:
    report = convert_corpus([SEEDS], tmp_path / "out")
    written = (tmp_path / "out" / "manifest.json").read_bytes()
    assert written == canonical_bytes(json.loads(written))
    assert len(report.documents) == len(json.loads(written)["documents"])
    data = json.loads(written)
    data["documents"][0]["title"] = "".join(str(value) for value in AWKWARD)
    data["documents"][0]["author"] = "\udc80"
    assert manifest_bytes(data) == canonical_bytes(data)
    assert manifest_bytes({**data, "documents": EntryLog(data["documents"])}) == \
        canonical_bytes(data)


def test_an_empty_manifest_has_the_bytes_of_the_whole() -> None:
    data = manifest(EntryLog(), [], [])
    assert manifest_bytes(data) == canonical_bytes({**data, "documents": []})


def test_an_entry_outside_the_schema_stops_the_write_and_leaves_no_file(tmp_path: Path) -> None:
    report = convert_corpus([SEEDS], tmp_path / "out")
    entries = list(report.documents)
    del entries[-1]["output"]
    data = manifest(EntryLog(entries), [], [])
    with pytest.raises(ValidationError, match=f"documents/{len(entries) - 1}"):
        write_manifest(tmp_path / "new" / "manifest.json", data)
    assert list((tmp_path / "new").iterdir()) == []
