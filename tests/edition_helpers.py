"""A small converted edition to package: three page texts and a volume with its sidecar."""

from __future__ import annotations

import shutil
from pathlib import Path

from tei_convert import convert_corpus

from conftest import CASES

SOURCES = [
    "0001-wrapped-title-notes-with-paragraphs.txt",
    "0002-untitled-vague-date-unknown-field.txt",
    "0101-volume-two-works-and-a-chronicle.txt",
    "0101-volume-two-works-and-a-chronicle.meta.json",
]


def make_edition(folder: Path) -> Path:
    """Convert the sample sources into ``folder/out``; ``folder`` must be the working
    folder, so that the manifest names the sources ``sources/NAME``."""
    (folder / "sources").mkdir()
    for name in SOURCES:
        shutil.copyfile(CASES / name, folder / "sources" / name)
    report = convert_corpus([Path("sources")], Path("out"))
    assert not report.failed
    return folder / "out"
