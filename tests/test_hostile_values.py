"""Values no header can carry, and nesting no parser should recurse into: each
refused with one line that names the option, key or file, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_convert.cli import main

from conftest import SEEDS

PAGE = sorted(SEEDS.glob("*.txt"))[1]
VOLUME = next(SEEDS.glob("004_*.txt"))
# Characters a one-line header value must not hold.
UNCARRIED = ["\x00", "\x1b", "\n", "\x85", "\u2028", "\ufffe", "\uffff"]


def _volume(tmp_path: Path, meta: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(VOLUME, folder / "v.txt")
    shutil.copyfile(PAGE, folder / PAGE.name)
    (folder / "v.meta.json").write_text(meta, encoding="utf-8")
    return folder


@pytest.mark.parametrize("depth", [900, 100_000])
def test_deeply_nested_metadata_fails_that_input_only(tmp_path: Path, depth: int) -> None:
    inputs = _volume(tmp_path, '{"author": ' + "[" * depth + "]" * depth + "}")
    result = CliRunner().invoke(main, ["convert", str(inputs), "-o", str(tmp_path / "out"),
                                       "-j", "1"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    [line] = [row for row in result.output.splitlines() if "v.txt: error failed" in row]
    assert "nested too deeply" in line or "'author' must be one line of text" in line
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert len(manifest["documents"]) == 1  # the page text still converted


@pytest.mark.parametrize("char", [*UNCARRIED, "\ud800"])
def test_metadata_values_that_xml_cannot_carry_name_the_key(tmp_path: Path, char: str) -> None:
    inputs = _volume(tmp_path, json.dumps({"author": f"A{char}B"}))
    result = CliRunner().invoke(main, ["convert", str(inputs), "-o", str(tmp_path / "out"),
                                       "-j", "1"])
    assert result.exit_code == 1
    assert "'author' must be one line of text" in result.output
    assert "internal error" not in result.output
    json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))


def test_deeply_nested_toml_is_a_configuration_error(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("tei-convert.toml").write_text("output = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = CliRunner().invoke(main, ["convert", str(PAGE)])
    assert result.exit_code == 2
    assert "nested too deeply to be a configuration" in result.output


@pytest.mark.parametrize("char", UNCARRIED)
@pytest.mark.parametrize("command", [
    ["convert", str(PAGE), "-o", "out", "--publisher", "Press{}X"],
    ["corpus", "out", "-o", "c.xml", "--title", "Title{}X"],
    ["bag", "out", "-o", "b", "--info", "Contact-Name=A{}B"],
])
def test_options_that_xml_cannot_carry_are_usage_errors(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        command: list[str], char: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("out").mkdir()
    result = CliRunner().invoke(main, [part.replace("{}", char) for part in command])
    assert result.exit_code == 2
    assert "one line" in result.output


@pytest.mark.parametrize("char", ["\ufffe", "\u2028"])
def test_configuration_text_that_xml_cannot_carry_names_the_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, char: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("tei-convert.toml").write_text(f'publisher = "Press{char}X"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(PAGE), "-o", "out"])
    assert result.exit_code == 2
    assert "publisher" in result.output
