"""``tei-convert status``: how each file of a converted folder stands, as an
editor or a CI job asks it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tei_convert.cli import main
from tei_convert.pipeline import document_id

from conftest import SEEDS

PAGES = sorted(SEEDS.glob("*.txt"))[:3]


@pytest.fixture
def edition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    for page in PAGES:
        shutil.copyfile(page, Path("in") / page.name)
    assert CliRunner().invoke(main, ["convert", "in", "-o", "out", "-j", "1"]).exit_code == 0
    return tmp_path / "out"


def _status(*args: str) -> Result:
    return CliRunner().invoke(main, ["status", *args])


def _lines(result: Result) -> dict[str, str]:
    """File name -> state, from the printed lines."""
    return {line.split("  ")[-1].split()[0].rstrip(":"): line.split("  ")[0].strip()
            for line in result.stdout.splitlines() if line.strip()}


def test_a_fresh_edition_is_up_to_date(edition: Path) -> None:
    result = _status(str(edition))
    assert result.exit_code == 0
    assert set(_lines(result).values()) == {"up to date"}
    assert "3 file(s): 3 up to date" in result.output


def test_every_kind_of_change_is_named_and_fails(edition: Path) -> None:
    first, second, third = (f"{document_id(page.name)}.xml" for page in PAGES)
    (edition / first).write_bytes((edition / first).read_bytes() + b"<!-- corrected -->")
    source = Path("in") / PAGES[1].name
    source.write_bytes(source.read_bytes() + b"\nOne more line.\n")
    (Path("in") / PAGES[2].name).unlink()
    (edition / "draft.xml").write_bytes(b"<mine/>")
    result = _status("out")
    assert result.exit_code == 1
    states = {line.split()[-2] if "(" in line else line.split()[-1]: line
              for line in result.stdout.splitlines()}
    assert states[first].startswith("edited by hand")
    assert states[second].startswith("source changed")
    assert states[third].startswith("source gone")
    assert states["draft.xml"].startswith("not ours")
    quiet = _status("out", "-q")
    assert "up to date" not in quiet.stdout


def test_a_missing_output_and_a_failed_input_need_attention(edition: Path) -> None:
    name = f"{document_id(PAGES[0].name)}.xml"
    (edition / name).unlink()
    first = _status("out").stdout.splitlines()[0]
    assert first.startswith("missing")
    assert first.endswith(f"  {name}  (in/{PAGES[0].name})")
    (Path("in") / "broken.txt").write_bytes(b"")
    CliRunner().invoke(main, ["convert", "in", "-o", "out", "-j", "1"])
    result = _status("out")
    assert result.exit_code == 1
    assert "failed" in result.stdout
    assert "in/broken.txt: the file is empty" in result.stdout


def test_a_folder_without_a_manifest_is_an_error(tmp_path: Path) -> None:
    result = _status(str(tmp_path))
    assert result.exit_code == 1
    assert "no manifest.json" in result.output


def test_each_line_names_the_source_and_what_changed(edition: Path) -> None:
    page = PAGES[0]
    name = f"{document_id(page.name)}.xml"
    line = next(row for row in _status(str(edition)).stdout.splitlines() if name in row)
    assert line.endswith(f"  ({Path('in') / page.name})".replace("\\", "/"))
    sidecar = Path("in") / f"{page.stem}.meta.json"
    sidecar.write_text('{"author": "A. Author"}', encoding="utf-8")
    CliRunner().invoke(main, ["convert", "in", "-o", "out", "-j", "1"])
    sidecar.write_text('{"author": "B. Author"}', encoding="utf-8")
    line = next(row for row in _status("out").stdout.splitlines() if name in row)
    assert line.startswith("source changed")
    assert line.endswith(f": in/{page.stem}.meta.json")


def test_a_listed_output_that_became_a_folder_is_not_ours(edition: Path) -> None:
    name = f"{document_id(PAGES[0].name)}.xml"
    (edition / name).unlink()
    (edition / name).mkdir()
    result = _status(str(edition))
    line = next(row for row in result.stdout.splitlines() if name in row)
    assert line.startswith("not ours")
    assert line.endswith(": not a file the tool wrote")
