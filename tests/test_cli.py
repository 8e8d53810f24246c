"""The command line, as a user runs it."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from junitparser import JUnitXml

from tei_convert.cli import main

from conftest import ROOT, SEEDS


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tei_convert", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


def test_convert_seeds_writes_tei_and_manifest(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert len(list(tmp_path.glob("*.xml"))) == manifest["summary"]["documents"] > 0
    assert re.search(r"converted \d+ document\(s\), skipped \d+, failed 0", result.output)


def test_convert_defaults_to_seeds_and_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sample = next(p for p in sorted(SEEDS.glob("*.txt")))
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / sample.name).write_bytes(sample.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["convert"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert manifest["documents"][0]["source"]["path"] == f"seeds/{sample.name}"


def test_failed_file_gives_exit_1_and_others_still_convert(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = next(p for p in sorted(SEEDS.glob("*.txt")))
    (inputs / good.name).write_bytes(good.read_bytes())
    (inputs / "broken.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    result = CliRunner().invoke(main, ["convert", str(inputs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "broken.txt: error failed: binary data (many control bytes)" in result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert manifest["summary"]["documents"] == 1
    assert [f["source"]["path"].rsplit("/", 1)[-1] for f in manifest["failed"]] == ["broken.txt"]


def test_missing_input_is_reported_with_exit_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "nope"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


def test_unknown_format_name_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-f", "docx", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "mia" in result.output


def test_fail_on_warning(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path),
                                       "--fail-on-warning"])
    assert result.exit_code == 1


def test_validate_exit_codes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(out)])
    good = CliRunner().invoke(main, ["validate", str(out)])
    assert good.exit_code == 0, good.output
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><x/></TEI>\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert re.search(r"bad\.xml:1: error schema-invalid: ", result.output)


def _report_schema() -> dict[str, object]:
    schema: dict[str, object] = json.loads(
        (ROOT / "schema" / "validation-report.schema.json").read_text("utf-8"))
    return schema


def test_validate_json_report_goes_to_stdout_and_messages_to_stderr(
        tei_samples: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["validate", str(tei_samples["valid"].parent),
                                       "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, _report_schema())
    assert report["summary"]["invalid"] == 2
    assert "2 of 4 file(s) valid" in result.stderr
    assert re.search(r"broken\.xml:2: error not-xml: ", result.stderr)


def test_validate_writes_the_junit_report_to_output(tei_samples: dict[str, Path],
                                                   tmp_path: Path) -> None:
    target = tmp_path / "reports" / "validation.xml"
    result = CliRunner().invoke(main, ["validate", str(tei_samples["valid"]),
                                       str(tei_samples["warned"]), "--format", "junit",
                                       "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    suites = JUnitXml.fromfile(str(target))
    assert [case.is_passed for suite in suites for case in suite] == [True, True]
    assert [p.name for p in target.parent.iterdir()] == ["validation.xml"]  # no temporary left


def test_validate_with_no_files_writes_an_empty_report_and_fails(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "empty"), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, _report_schema())
    assert report["files"] == []


def test_validate_output_needs_a_report_format(tei_samples: dict[str, Path],
                                               tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(tei_samples["valid"]),
                                       "-o", str(tmp_path / "r.xml")])
    assert result.exit_code == 2
    assert "--output needs --format json or junit" in result.output
    assert not (tmp_path / "r.xml").exists()


def test_validate_report_that_cannot_be_written_exits_1(tei_samples: dict[str, Path],
                                                        tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tei_samples["valid"]), "--format",
                                       "junit", "-o", str(blocker / "report.xml")])
    assert result.exit_code == 1
    summary, error = result.stderr.splitlines()
    assert re.fullmatch(r"1 of 1 file\(s\) valid, 0 warning\(s\) in \d+\.\d s", summary)
    assert error.startswith("error: ")
    assert "cannot write" in error
    assert "Traceback" not in result.output


def test_python_dash_m_works_like_the_command() -> None:
    result = _run("--help")
    assert result.returncode == 0
    assert "convert" in result.stdout
    assert "validate" in result.stdout


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"tei-convert {command}" in result.output


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for command in main.commands:
        assert f"tei-convert {command}" in readme, command


def test_commands_in_the_ci_guide_are_accepted_by_the_cli() -> None:
    guide = (ROOT / "docs" / "ci.md").read_text("utf-8")
    lines = [line for block in re.findall(r"```\w*\n(.*?)```", guide, re.DOTALL)
             for line in block.splitlines()]
    commands = [match.groups() for line in lines
                if (match := re.search(r"tei-convert (convert|validate)([^|#\n]*)", line))]
    assert len(commands) >= 5
    for name, arguments in commands:
        # Parsing alone: a wrong option or value raises a UsageError.
        main.commands[name].make_context(name, shlex.split(arguments))


def test_version_option() -> None:
    from tei_convert import __version__

    result = CliRunner().invoke(main, ["--version"])
    assert __version__ in result.output


def test_missing_input_is_a_failure_in_the_manifest(tmp_path: Path) -> None:
    good = sorted(SEEDS.glob("*.txt"))[0]
    result = CliRunner().invoke(main, ["convert", str(good), str(tmp_path / "nope.txt"),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert [f["reason"] for f in manifest["failed"]] == ["no such file or folder"]
    assert manifest["summary"]["documents"] == 1


def test_id_collision_is_reported_on_the_renamed_document(tmp_path: Path) -> None:
    good = sorted(SEEDS.glob("*.txt"))[0]
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / good.name).write_bytes(good.read_bytes())
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "a"), str(tmp_path / "b"),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    ids = [entry["id"] for entry in manifest["documents"]]
    assert len(set(ids)) == 2
    renamed = manifest["documents"][1]
    assert "id-collision" in [d["code"] for d in renamed["diagnostics"]]
    assert manifest["summary"]["warnings"] == sum(
        1 for entry in manifest["documents"] for d in entry["diagnostics"]
        if d["severity"] == "warning")


def test_a_file_not_converted_takes_no_id_from_its_text(tmp_path: Path) -> None:
    # A facsimile or notes file beside the transcription, sorted before it.
    good = sorted(SEEDS.glob("*.txt"))[0]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "letter.txt").write_bytes(good.read_bytes())
    (tmp_path / "in" / "letter.jpg").write_bytes(b"\xff\xd8\xff")
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "in"), "-o",
                                       str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert [entry["id"] for entry in manifest["documents"]] == ["letter"]
    assert "id-collision" not in result.output


def test_unwritable_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(blocker / "tei")])
    assert result.exit_code == 1
    assert result.output.startswith("error: ")
    assert "cannot write" in result.output
    assert "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def test_folder_without_text_files_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "empty"), "-o",
                                       str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "empty: error no-inputs: a folder with no .txt files in it" in result.output


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Permissions cannot stop root, so the read itself is made to fail.
    path = tmp_path / "locked.txt"
    path.write_text("text", encoding="utf-8")
    real = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = CliRunner().invoke(main, ["convert", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "locked.txt: error unreadable: cannot read file: Permission denied" in result.output


def test_a_bug_on_one_file_does_not_stop_the_others(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tei_convert.run.execute as execute

    real = execute.stream_bytes  # type: ignore[attr-defined]

    def flaky(data: bytes, **kwargs: object) -> object:
        if str(kwargs["name"]).endswith("000_6f8e39ffec5d1f43.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(execute, "stream_bytes", flaky)
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path / "out"),
                                       "-j", "1"])
    assert result.exit_code == 1
    assert "error internal-error: internal error (RecursionError" in result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert manifest["summary"]["documents"] > 1


def test_seeds_give_a_valid_bag_and_a_valid_corpus_in_one_run(tmp_path: Path) -> None:
    import bagit

    from conftest import TEI_ALL, run_jing

    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path / "out"),
                                       "--corpus-file", str(tmp_path / "corpus.xml"),
                                       "--bag", str(tmp_path / "bag"), "--include-sources"])
    assert result.exit_code == 0, result.output
    bagit.Bag(str(tmp_path / "bag")).validate()
    sources = {p.name for p in (tmp_path / "bag" / "data" / "source").rglob("*") if p.is_file()}
    assert sources == {p.name for p in SEEDS.iterdir()}
    jing = run_jing(TEI_ALL, [tmp_path / "corpus.xml"])
    assert jing.returncode == 0, jing.stdout


def test_bag_and_corpus_commands_package_a_converted_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(out)])
    bagged = CliRunner().invoke(main, ["bag", str(out), "-o", str(tmp_path / "bag")])
    assert bagged.exit_code == 0, bagged.output
    assert (tmp_path / "bag" / "data" / "manifest.json").is_file()
    corpus = CliRunner().invoke(main, ["corpus", str(out), "-o", str(tmp_path / "c.xml"),
                                       "--title", "Seeds"])
    assert corpus.exit_code == 0, corpus.output
    assert b"<title>Seeds</title>" in (tmp_path / "c.xml").read_bytes()


def test_packaging_a_folder_that_does_not_hold_its_manifest_fails(tmp_path: Path) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(out)])
    next(out.glob("doc-*.xml")).unlink()
    result = CliRunner().invoke(main, ["bag", str(out), "-o", str(tmp_path / "bag")])
    assert result.exit_code == 1
    assert "is missing; convert again" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "bag").exists()


def test_a_users_file_in_the_folder_does_not_stop_packaging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(out)])
    (out / "extra.xml").write_text("<x/>", "utf-8")
    result = CliRunner().invoke(main, ["bag", str(out), "-o", str(tmp_path / "bag")])
    assert result.exit_code == 0, result.output
    assert "extra.xml is not in the manifest; left out" in result.output
    assert (out / "extra.xml").read_text("utf-8") == "<x/>"


def test_bag_without_a_destination_is_a_usage_error(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    result = CliRunner().invoke(main, ["bag"])
    assert result.exit_code == 2
    assert "-o BAG_DIR" in result.output


def test_formats_lists_every_reader_and_how_it_is_recognised() -> None:
    from tei_convert.readers import READERS

    result = CliRunner().invoke(main, ["formats"])
    assert result.exit_code == 0
    for reader in READERS.values():
        assert f"{reader.name}\n  {reader.description}\n  recognised: " in result.output
    assert "a text no format recognises is read as plain (warning format-fallback)" \
        in result.output


def test_format_plain_forces_the_plain_reader_on_a_page_text(tmp_path: Path) -> None:
    page = sorted(SEEDS.glob("*.txt"))[0]
    result = CliRunner().invoke(main, ["convert", str(page), "-o", str(tmp_path), "-q",
                                       "--format", "plain"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert [doc["source"]["reader"] for doc in manifest["documents"]] == ["plain"]


def test_summary_says_what_happened_and_how_long_it_took(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path), "-q"])
    assert re.search(r"converted \d+ document\(s\), skipped 0, failed 0, \d+ warning\(s\) "
                     r"in \d+\.\d s", result.output)


def test_verbose_shows_the_decisions_quiet_hides_warnings(tmp_path: Path) -> None:
    verbose = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path), "-v"])
    assert " info " in verbose.output
    quiet = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path), "-q"])
    assert " warning " not in quiet.output
    assert " info " not in quiet.output


def test_progress_bar_only_on_a_terminal(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from tei_convert import cli

    folder = tmp_path / "in"
    folder.mkdir()
    sample = sorted(SEEDS.glob("*.txt"))[0]
    for number in range(8):
        (folder / f"{number}.txt").write_bytes(sample.read_bytes())

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, shown in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        with pytest.raises(SystemExit) as done:
            cli.main(["convert", str(folder), "-o", str(tmp_path / "out"), "-j", "1"])
        assert done.value.code == 0
        assert ("0/8 [" in stream.getvalue()) is shown


def test_a_run_with_failed_inputs_writes_no_corpus_or_bag(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = sorted(SEEDS.glob("*.txt"))[0]
    (inputs / good.name).write_bytes(good.read_bytes())
    (inputs / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["convert", str(inputs), "-o", str(tmp_path / "out"),
                                       "--bag", str(tmp_path / "bag"),
                                       "--corpus-file", str(tmp_path / "corpus.xml")])
    assert result.exit_code == 1
    assert "1 input(s) were not converted" in result.output
    assert not (tmp_path / "bag").exists()
    assert not (tmp_path / "corpus.xml").exists()
    assert result.output.rstrip().splitlines()[-1].startswith("converted 1 document(s)")


@pytest.mark.parametrize("arguments", [["-q", "-v"], ["--include-sources"],
                                       ["--publisher", "A\x01B"], ["--publisher", " "]])
def test_contradictory_or_unusable_options_are_usage_errors(tmp_path: Path,
                                                            arguments: list[str]) -> None:
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path), *arguments])
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "manifest.json").exists()


def test_validate_skips_hidden_folders_and_says_when_nothing_was_found(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "junk.xml").write_text("<not-tei/>", "utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert f"error: no .xml file in {tmp_path}" in result.output


def test_bag_info_and_licence_options_win_over_the_configuration(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("tei-convert.toml").write_text(
        'licence = "All rights reserved"\n[deposit]\ncontact-email = "old@example.org"\n'
        'source-organization = "An Archive"\n', "utf-8")
    CliRunner().invoke(main, ["convert", str(SEEDS), "-o", "out"])
    bagged = CliRunner().invoke(main, ["bag", "out", "-o", "bag",
                                       "--info", "Contact-Email=new@example.org"])
    assert bagged.exit_code == 0, bagged.output
    info = Path("bag/bag-info.txt").read_text("utf-8")
    assert "Contact-Email: new@example.org" in info
    assert "Source-Organization: An Archive" in info
    made = CliRunner().invoke(main, ["corpus", "out", "-o", "c.xml", "--licence",
                                     "https://creativecommons.org/licenses/by/4.0/"])
    assert made.exit_code == 0, made.output
    assert b'<availability status="free">' in Path("c.xml").read_bytes()


@pytest.mark.parametrize("info", ["no-equals-sign", "=value", "Label=", "Label=a\nb"])
def test_malformed_bag_info_is_a_usage_error(tmp_path: Path, info: str) -> None:
    result = CliRunner().invoke(main, ["bag", str(tmp_path), "-o", str(tmp_path / "bag"),
                                       "--info", info])
    assert result.exit_code == 2
    assert "LABEL=VALUE" in result.output
