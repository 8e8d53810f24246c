"""Cases a new user found that destroyed or replaced bytes of theirs, or hung, or
crashed: each now refused, and the user's bytes checked afterwards."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner, Result

from tei_convert.canonical import sha256
from tei_convert.cli import main
from tei_convert.run.folder import LOCK_NAME

from conftest import GOLDEN, SEEDS

PAGE = sorted(SEEDS.glob("*.txt"))[1]
OTHER = sorted(SEEDS.glob("*.txt"))[2]


def _cli(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def _listing(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha256(p.read_bytes()) for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("target", ["the validated file", "a text", "its own report"])
def test_validate_replaces_only_a_report_it_wrote(tmp_path: Path, target: str) -> None:
    tei = tmp_path / "a.xml"
    shutil.copyfile(GOLDEN / "001_c9ba2724c89e91a5.xml", tei)
    report = {"the validated file": tei, "a text": tmp_path / "notes.txt",
              "its own report": tmp_path / "report.xml"}[target]
    if target == "a text":
        report.write_text("my notes", encoding="utf-8")
    if target == "its own report":
        assert _cli("validate", tei, "--format", "junit", "-o", report).exit_code == 0
    before = report.read_bytes()
    result = _cli("validate", tei, "--format", "junit", "-o", report)
    if target == "its own report":
        assert result.exit_code == 0
        assert report.read_bytes() == before  # written again: the same report
    else:
        assert result.exit_code == 1
        assert "is not a report tei-convert validate wrote" in result.output
        assert report.read_bytes() == before


def test_a_bag_holding_the_sources_of_a_later_run_is_not_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("src").mkdir()
    shutil.copyfile(PAGE, Path("src") / PAGE.name)
    assert _cli("convert", "src", "-o", "out").exit_code == 0
    assert _cli("bag", "out", "-o", "deposit", "--include-sources").exit_code == 0
    # The editor converts the copies in the bag, then bags that from elsewhere.
    assert _cli("convert", "deposit/data/source/src", "-o", "out2").exit_code == 0
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    before = _listing(tmp_path / "deposit")
    result = _cli("bag", "../out2", "-o", "../deposit")
    assert result.exit_code == 1
    assert "is not found from here, so it may be in this bag" in result.output
    assert _listing(tmp_path / "deposit") == before


def test_a_bag_with_files_added_and_listed_again_is_not_replaced(tmp_path: Path) -> None:
    assert _cli("convert", PAGE, "-o", tmp_path / "out").exit_code == 0
    bag_dir = tmp_path / "deposit"
    assert _cli("bag", tmp_path / "out", "-o", bag_dir).exit_code == 0
    (bag_dir / "data" / "docs").mkdir()
    (bag_dir / "data" / "docs" / "README.txt").write_text("the archivist's", "utf-8")
    bagit.Bag(str(bag_dir)).save(manifests=True)
    before = _listing(bag_dir)
    result = _cli("bag", tmp_path / "out", "-o", bag_dir)
    assert result.exit_code == 1
    assert "data/docs/README.txt, which a bag of tei-convert does not hold" in result.output
    assert _listing(bag_dir) == before


def test_one_file_out_keeps_a_hand_edit_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "letter.xml"
    assert _cli("convert", PAGE, "-o", target).exit_code == 0
    assert _cli("convert", PAGE, "-o", target).exit_code == 0  # same bytes: left alone
    edited = target.read_bytes().replace(b"</body>", b"<p>Editor's note.</p></body>")
    target.write_bytes(edited)
    result = _cli("convert", PAGE, "-o", target)
    assert result.exit_code == 1
    assert "convert --force replaces it" in result.output
    assert target.read_bytes() == edited
    assert _cli("convert", PAGE, "-o", target, "--force").exit_code == 0
    assert b"Editor's note" not in target.read_bytes()


def test_a_manifest_naming_a_users_file_under_a_plausible_name_cannot_delete_it(
        tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _cli("convert", PAGE, "-o", out).exit_code == 0
    mine = b"<TEI>my other edition</TEI>"
    (out / "notes.xml").write_bytes(mine)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    entry = json.loads(json.dumps(manifest["documents"][0]))
    entry.update(id="notes", output={"path": "notes.xml", "sha256": sha256(mine)})
    entry["source"]["path"] = "notes.txt"
    manifest["documents"].append(entry)
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert _cli("convert", PAGE, "-o", out).exit_code == 0
    assert (out / "notes.xml").read_bytes() == mine


def test_an_edited_output_of_a_removed_input_is_not_taken_by_another(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copyfile(PAGE if folder == "a" else OTHER, tmp_path / "in" / folder / "letter.txt")
    out = tmp_path / "out"
    assert _cli("convert", tmp_path / "in", "-o", out).exit_code == 0
    (out / "letter.xml").write_bytes((out / "letter.xml").read_bytes() + b"<!-- a's edit -->")
    before = _listing(out)
    (tmp_path / "in" / "a" / "letter.txt").unlink()
    result = _cli("convert", tmp_path / "in", "-o", out)
    assert result.exit_code == 1
    assert "is the output of another input" in result.output
    after = _listing(out)
    assert {name: after[name] for name in ("letter.xml", "letter-2.xml")} == {
        name: before[name] for name in ("letter.xml", "letter-2.xml")}


def test_a_bag_or_corpus_in_an_input_folder_is_refused(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copyfile(PAGE, inputs / PAGE.name)
    for option, target in (("--bag", inputs / "deposit"), ("--corpus-file", inputs / "c.xml")):
        result = _cli("convert", inputs, "-o", tmp_path / "out", option, target)
        assert result.exit_code == 1
        assert "lies in the input folder" in result.output
        assert not target.exists()


def test_packaging_waits_for_no_run_it_cannot_see(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _cli("convert", PAGE, "-o", out).exit_code == 0
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as other:
        try:
            (out / LOCK_NAME).write_text(f"{other.pid} {os.uname().nodename}\n", "utf-8")
            result = _cli("bag", out, "-o", tmp_path / "deposit")
        finally:
            other.kill()
    assert result.exit_code == 1
    assert "another run" in result.output
    assert not (tmp_path / "deposit").exists()


def test_closed_or_full_standard_streams_are_one_line_errors() -> None:
    tool = [sys.executable, "-m", "tei_convert", "convert"]
    closed_in = subprocess.run([*tool, "-", "-o", "-"], preexec_fn=lambda: os.close(0),
                               capture_output=True, text=True, check=False, timeout=60)
    assert closed_in.returncode == 1
    assert closed_in.stderr.strip() == ("error: stdin: standard input is closed; give a file, "
                                        "or pipe the text in")
    with open("/dev/full", "w") as full:
        run = subprocess.run([*tool, str(PAGE), "-o", "-"], stdout=full, stderr=subprocess.PIPE,
                             text=True, check=False, timeout=60)
    assert run.returncode == 1
    assert run.stderr.strip() == ("error: cannot write to standard output: "
                                  "No space left on device")


def test_a_pipe_named_as_a_sidecar_does_not_hang_the_run(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copyfile(PAGE, inputs / PAGE.name)
    os.mkfifo(inputs / f"{PAGE.stem}.meta.json")
    run = subprocess.run([sys.executable, "-m", "tei_convert", "convert", str(inputs), "-o",
                          str(tmp_path / "out")], capture_output=True, text=True, check=False,
                         timeout=60)
    assert run.returncode == 1
    assert "cannot read metadata: not a regular file (a named pipe)" in run.stderr
