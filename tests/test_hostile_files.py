"""Files that are not files: devices, pipes, endless input, links out of the
folder. Each is refused with one line, never read until memory runs out or
waited on for ever, and the other inputs go on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest
from click.testing import CliRunner

from tei_convert.cli import main
from tei_convert.input.files import TooLargeError, format_size, parse_size, read_file

from conftest import GOLDEN, SEEDS

PAGE = sorted(SEEDS.glob("*.txt"))[1]
# A hang would stop the suite; these commands must end long before this.
TIMEOUT = 60


def _tei_convert(*args: str | Path, stdin: IO[bytes] | None = None
                 ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tei_convert", *map(str, args)],
                          stdin=stdin, capture_output=True, text=True, timeout=TIMEOUT,
                          check=False)


def test_devices_and_pipes_in_an_input_folder_are_refused(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copyfile(PAGE, inputs / PAGE.name)
    os.mkfifo(inputs / "pipe.txt")
    (inputs / "zero.txt").symlink_to("/dev/zero")
    run = _tei_convert("convert", inputs, "-o", tmp_path / "out")
    assert run.returncode == 1
    assert "pipe.txt: error unreadable: not a regular file (a named pipe)" in run.stderr
    assert "zero.txt: error unreadable: not a regular file (a device)" in run.stderr
    assert "converted 1 document(s)" in run.stderr


def test_an_endless_standard_input_stops_at_the_size_limit() -> None:
    with open("/dev/zero", "rb") as zeros:
        run = _tei_convert("convert", "-", "-o", "-", "--max-size", "1M", stdin=zeros)
    assert run.returncode == 1
    assert run.stderr.strip() == ("error: stdin: larger than 1 MB, the most --max-size lets "
                                  "the tool read; give a larger --max-size if this file is meant")


def test_a_file_over_the_size_limit_is_refused_and_named(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(PAGE.read_bytes() * 400)
    result = CliRunner().invoke(main, ["convert", str(big), "-o", str(tmp_path / "out"),
                                       "--max-size", "100k"])
    assert result.exit_code == 1
    assert "larger than 100 kB, the most --max-size" in result.output
    ok = CliRunner().invoke(main, ["convert", str(big), "-o", str(tmp_path / "out"),
                                   "--max-size", "10M", "-q"])
    assert ok.exit_code in (0, 1)  # read now (what it holds is another matter)
    assert "larger than" not in ok.output


def test_validate_refuses_pipes_devices_and_links_out_of_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "tei"
    folder.mkdir()
    shutil.copyfile(GOLDEN / "001_c9ba2724c89e91a5.xml", folder / "good.xml")
    os.mkfifo(folder / "pipe.xml")
    (folder / "zero.xml").symlink_to("/dev/zero")
    outside = tmp_path / "elsewhere.xml"
    shutil.copyfile(GOLDEN / "000_6f8e39ffec5d1f43.xml", outside)
    (folder / "away.xml").symlink_to(outside)
    (folder / "near.xml").symlink_to(folder / "good.xml")  # a link inside: followed
    run = _tei_convert("validate", folder)
    assert run.returncode == 1
    assert "pipe.xml: error unreadable: not a regular file (a named pipe)" in run.stderr
    assert "zero.xml: error link-outside" in run.stderr
    assert "away.xml: error link-outside" in run.stderr
    assert "2 of 5 file(s) valid" in run.stderr
    named = _tei_convert("validate", folder / "away.xml")  # named: asked, so followed
    assert named.returncode == 0


@pytest.mark.parametrize(("text", "size"), [("200M", 200 * 1024**2), ("1G", 1024**3),
                                             ("500k", 500 * 1024), ("4096", 4096),
                                             ("2 MiB", 2 * 1024**2)])
def test_sizes_read_as_people_write_them(text: str, size: int) -> None:
    assert parse_size(text) == size
    assert parse_size(format_size(size).replace(" ", "")) == size


@pytest.mark.parametrize("text", ["", "0", "2Q", "-1M", "1.5G"])
def test_a_size_that_is_no_size_is_a_usage_error(text: str) -> None:
    with pytest.raises(ValueError, match="is not a size"):
        parse_size(text)
    result = CliRunner().invoke(main, ["validate", ".", "--max-size", text])
    assert result.exit_code == 2


def test_a_doctype_pointing_at_a_pipe_is_refused_without_reading_it(tmp_path: Path) -> None:
    # libxml2 reads a DOCTYPE's SYSTEM file even with DTD loading off; a pipe
    # there hung validate until the parser was given nothing to read.
    os.mkfifo(tmp_path / "trap.dtd")
    (tmp_path / "doc.xml").write_text(
        f"<!DOCTYPE TEI SYSTEM '{(tmp_path / 'trap.dtd').as_uri()}'><TEI/>", encoding="utf-8")
    run = _tei_convert("validate", tmp_path / "doc.xml")
    assert run.returncode == 1
    assert "a DOCTYPE declaration is not allowed" in run.stderr


@pytest.mark.parametrize(("size", "refused"), [(99, False), (100, False), (101, True)])
def test_a_file_is_read_whole_up_to_the_limit_and_refused_beyond(
        tmp_path: Path, size: int, refused: bool) -> None:
    path = tmp_path / "text.txt"
    path.write_bytes(b"x" * size)
    if refused:
        with pytest.raises(TooLargeError):
            read_file(path, limit=100)
    else:
        assert read_file(path, limit=100) == b"x" * size
