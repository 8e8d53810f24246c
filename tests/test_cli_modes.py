"""``convert`` as a user of pandoc or of a CI job expects it: one file in, one
file out; standard input and output; and runs that only say what they would do."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from tei_convert.cli import main
from tei_convert.pipeline import document_id

from conftest import SEEDS
from tei_helpers import NS

PAGE = sorted(SEEDS.glob("*.txt"))[1]
VOLUME = next(SEEDS.glob("004_*.txt"))


def _convert(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["convert", *map(str, args), "-j", "1"])


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_one_file_to_a_named_xml_file_writes_that_file_only(tmp_path: Path) -> None:
    target = tmp_path / "letter.xml"
    result = _convert(PAGE, "-o", target)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.xml"]
    assert etree.parse(str(target)).getroot().tag == f"{{{NS['tei']}}}TEI"
    first = target.read_bytes()
    assert _convert(PAGE, "-o", target).exit_code == 0  # its own file: replaced
    assert target.read_bytes() == first


def test_a_named_xml_file_that_is_not_ours_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "letter.xml"
    target.write_bytes(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>my own edition</TEI>")
    before = target.read_bytes()
    result = _convert(PAGE, "-o", target)
    assert result.exit_code == 1
    assert "not a TEI file tei-convert wrote" in result.output
    assert target.read_bytes() == before


def test_a_source_named_xml_is_not_its_own_output(tmp_path: Path) -> None:
    source = tmp_path / "letter.xml"
    shutil.copyfile(PAGE, source)
    result = _convert(source, "-o", source)
    assert result.exit_code == 1
    assert "is the source" in result.output
    assert source.read_bytes() == PAGE.read_bytes()


def test_a_volume_to_one_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    result = _convert(VOLUME, "-o", tmp_path / "volume.xml")
    assert result.exit_code == 1
    assert "gives 88 documents; convert it into a folder: -o DIR" in result.output
    assert not (tmp_path / "volume.xml").exists()


def test_standard_input_to_standard_output() -> None:
    run = subprocess.run([sys.executable, "-m", "tei_convert", "convert", "-", "-o", "-", "-q"],
                         input=PAGE.read_bytes(), capture_output=True, check=False)
    assert run.returncode == 0, run.stderr
    root = etree.fromstring(run.stdout)
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "stdin"
    assert run.stderr == b""


@pytest.mark.parametrize(("args", "message"), [
    (["-", "-o", "out"], "standard input goes to one file"),
    ([str(PAGE), str(PAGE), "-o", "-"], "take one input"),
    ([str(PAGE), "-o", "out", "--diff"], "--diff goes with --dry-run or --check"),
    ([str(PAGE), "-o", "out", "--dry-run", "--bag", "deposit"], "write nothing"),
])
def test_mode_mistakes_are_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["convert", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _convert(PAGE, "-o", out, "--dry-run")
    assert result.exit_code == 0
    assert not out.exists()
    assert f"write: {out / 'manifest.json'}" in result.output
    assert _convert(PAGE, "-o", out).exit_code == 0
    edited = next(out.glob("*.xml"))
    edited.write_bytes(edited.read_bytes() + b"<!-- corrected -->")
    (out / "mine.xml").write_bytes(b"<mine/>")
    before = _tree(out)
    result = _convert(PAGE, "-o", out, "--dry-run")
    assert result.exit_code == 0
    assert f"keep (edited by hand): {edited}" in result.output
    assert _tree(out) == before


def test_a_dry_run_names_the_file_it_would_refuse_to_replace(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / f"{document_id(PAGE.name)}.xml"
    theirs.write_bytes(b"<mine/>")
    result = _convert(PAGE, "-o", out, "--dry-run")
    assert result.exit_code == 1
    assert f"refuse (not the tool's): {theirs}" in result.output
    assert theirs.read_bytes() == b"<mine/>"


def test_check_says_whether_the_folder_is_up_to_date(tmp_path: Path) -> None:
    source = tmp_path / PAGE.name
    shutil.copyfile(PAGE, source)
    out = tmp_path / "out"
    assert _convert(source, "-o", out).exit_code == 0
    fresh = _convert(source, "-o", out, "--check")
    assert fresh.exit_code == 0
    assert "up to date" in fresh.output
    source.write_bytes(source.read_bytes().replace(b"the", b"THE", 1))
    before = _tree(out)
    stale = _convert(source, "-o", out, "--check", "--diff")
    assert stale.exit_code == 1
    assert "replace: " in stale.output
    assert "+++ b/" in stale.output
    # The TEI file's own diff (not the manifest's) adds the changed word.
    tei_diff = stale.output.split(f"+++ b/{document_id(PAGE.name)}.xml", 1)[1].split("--- a/")[0]
    assert any(line.startswith("+") and "THE" in line for line in tei_diff.splitlines())
    assert _tree(out) == before


def test_standard_input_in_process_with_the_options_given() -> None:
    result = CliRunner().invoke(main, ["convert", "-", "-o", "-", "-q", "-f", "mia",
                                       "--publisher", "Test Press"], input=PAGE.read_bytes())
    assert result.exit_code == 0, result.output
    root = etree.fromstring(result.stdout_bytes)
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "stdin"
    assert root.findtext(".//tei:publicationStmt/tei:publisher", namespaces=NS) == "Test Press"


def test_a_missing_input_for_one_file_is_one_line(tmp_path: Path) -> None:
    result = _convert(tmp_path / "nope.txt", "-o", tmp_path / "nope.xml")
    assert result.exit_code == 1
    assert result.output == f"error: {(tmp_path / 'nope.txt').as_posix()}: no such file or folder\n"
