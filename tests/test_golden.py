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


def _golden_path(source: Path) -> Path:
    return GOLDEN / f"{source.stem}.xml"


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_output_matches_golden(source: Path, update_golden: bool) -> None:
    result = convert_file(source, name=source.name)
    assert len(result.documents) == 1
    actual = result.documents[0].xml.decode("utf-8")
    golden = _golden_path(source)
    if update_golden:
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"no golden {golden.name}; run pytest --update-golden, review it"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{golden.name}", "actual"))
        pytest.fail(f"output differs from the golden file (pytest --update-golden to accept):\n"
                    f"{diff}")


def test_every_golden_file_has_a_source() -> None:
    stems = {p.stem for p in SOURCES}
    orphans = sorted(p.name for p in GOLDEN.glob("*.xml") if p.stem not in stems)
    assert orphans == []
