"""Golden files: whole documents, byte for byte.

After a deliberate change, run ``pytest --update-golden`` and read the diff
(``git diff tests/golden``) before committing it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tei_convert import convert_file

from conftest import GOLDEN, source_files

SOURCES = source_files()


def _golden_paths(source: Path, count: int) -> list[Path]:
    """One golden file per document: ``<stem>.xml``, or ``<stem>.<n>.xml`` for the
    documents of a volume."""
    if count == 1:
        return [GOLDEN / f"{source.stem}.xml"]
    return [GOLDEN / f"{source.stem}.{n:03d}.xml" for n in range(1, count + 1)]


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_output_matches_golden(source: Path, update_golden: bool) -> None:
    result = convert_file(source, name=source.name)
    paths = _golden_paths(source, len(result.documents))
    for converted, golden in zip(result.documents, paths, strict=True):
        actual = converted.xml.decode("utf-8")
        if update_golden:
            golden.write_text(actual, encoding="utf-8")
            continue
        assert golden.exists(), f"no golden {golden.name}; run pytest --update-golden, review it"
        expected = golden.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True),
                                                actual.splitlines(True),
                                                f"golden/{golden.name}", "actual"))
            pytest.fail(f"output differs from the golden file (pytest --update-golden to "
                        f"accept):\n{diff}")


def test_every_golden_file_has_a_source() -> None:
    stems = {p.stem for p in SOURCES}
    orphans = sorted(p.name for p in GOLDEN.glob("*.xml") if p.name.split(".")[0] not in stems)
    assert orphans == []
