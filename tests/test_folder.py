"""The output folder is the user's: each ownership rule made to fire from the
command line, and the user's files checked byte for byte afterwards."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tei_convert import convert_corpus
from tei_convert.cli import main
from tei_convert.pipeline import MAX_ID_LENGTH, document_id
from tei_convert.run.folder import JOURNAL_NAME, LOCK_NAME
from tei_convert.run.plan import plan_jobs

from conftest import SEEDS

PAGE = sorted(SEEDS.glob("*.txt"))[0]
OTHER = sorted(SEEDS.glob("*.txt"))[1]
MINE = b"<my-own>hand-made, not converted</my-own>\n"


def _convert(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["convert", *map(str, args), "-j", "1"])


def _manifest(out: Path) -> Any:
    return json.loads((out / "manifest.json").read_text("utf-8"))


def _inputs(tmp_path: Path, *seeds: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for seed in seeds:
        shutil.copyfile(seed, folder / seed.name)
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_hand_made_file_with_an_output_name_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / f"{document_id(PAGE.name)}.xml"
    mine.write_bytes(MINE)
    result = _convert(PAGE, OTHER, "-o", out)
    assert result.exit_code == 1
    assert "error output-not-ours" in result.output
    assert mine.read_bytes() == MINE
    manifest = _manifest(out)
    assert [f["diagnostics"][0]["code"] for f in manifest["failed"]] == [
        "output-not-ours"]
    assert len(manifest["documents"]) == 1


def test_a_source_converted_into_its_own_folder_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    source = out / "letter.xml"  # a text file that happens to end in .xml
    source.write_bytes(PAGE.read_bytes())
    result = _convert(source, "-o", out)
    assert result.exit_code == 1
    assert "error output-is-source" in result.output
    assert source.read_bytes() == PAGE.read_bytes()


def test_a_corpus_file_that_is_a_source_is_refused_before_anything_is_written(
        tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, PAGE)
    source = inputs / PAGE.name
    result = _convert(inputs, "-o", tmp_path / "out", "--corpus-file", source)
    assert result.exit_code == 1
    assert "is a source of this run" in result.output
    assert source.read_bytes() == PAGE.read_bytes()
    assert not (tmp_path / "out" / "manifest.json").exists()


@pytest.mark.parametrize("where", ["holds the output folder", "a source of this run"])
def test_a_bag_folder_holding_the_output_or_a_source_is_refused(tmp_path: Path,
                                                                where: str) -> None:
    inputs = _inputs(tmp_path, PAGE)
    out = tmp_path / "work" / "out"
    bag = out.parent if where == "holds the output folder" else inputs
    result = _convert(inputs, "-o", out, "--bag", bag)
    assert result.exit_code == 1
    assert where in result.output
    assert (inputs / PAGE.name).read_bytes() == PAGE.read_bytes()
    assert not (out / "manifest.json").exists()


def test_a_manifest_that_is_not_ours_stops_the_run_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"my": "own notes"}', encoding="utf-8")
    before = _snapshot(out)
    result = _convert(PAGE, "-o", out)
    assert result.exit_code == 1
    assert "cannot tell its files from yours" in result.output
    assert _snapshot(out) == before


def test_a_hand_edited_manifest_cannot_make_a_users_file_ours(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, PAGE, OTHER)
    out = tmp_path / "out"
    assert _convert(inputs, "-o", out).exit_code == 0
    manifest = _manifest(out)
    entry = manifest["documents"][1]
    mine = out / "my-notes.xml"
    mine.write_bytes(MINE)
    # Point the entry at the user's file, with its true hash, then drop its input.
    (out / entry["output"]["path"]).unlink()
    entry["output"] = {"path": "my-notes.xml",
                       "sha256": __import__("hashlib").sha256(MINE).hexdigest()}
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (inputs / OTHER.name).unlink()
    assert _convert(inputs, "-o", out).exit_code == 0
    assert mine.read_bytes() == MINE


def test_an_output_edited_by_hand_is_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _convert(PAGE, OTHER, "-o", out).exit_code == 0
    edited = out / f"{document_id(PAGE.name)}.xml"
    text = edited.read_bytes().replace(b"</body>", b"<p>An editor's note.</p></body>")
    edited.write_bytes(text)
    result = _convert(PAGE, OTHER, "-o", out)
    assert result.exit_code == 0
    assert "warning output-edited" in result.output
    assert edited.read_bytes() == text
    kept = [e for e in _manifest(out)["documents"] if "kept" in e]
    assert [(e["id"], e["kept"]) for e in kept] == [(document_id(PAGE.name), "edited")]
    assert _convert(PAGE, OTHER, "-o", out, "--force").exit_code == 0
    assert b"An editor's note" not in edited.read_bytes()


def test_an_edited_output_whose_input_is_gone_is_kept(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, PAGE, OTHER)
    out = tmp_path / "out"
    assert _convert(inputs, "-o", out).exit_code == 0
    edited = out / f"{document_id(OTHER.name)}.xml"
    edited.write_bytes(edited.read_bytes() + b"<!-- checked -->")
    (inputs / OTHER.name).unlink()
    assert _convert(inputs, "-o", out).exit_code == 0
    assert edited.read_bytes().endswith(b"<!-- checked -->")


def test_a_failed_input_keeps_its_earlier_outputs(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, PAGE, OTHER)
    out = tmp_path / "out"
    assert _convert(inputs, "-o", out).exit_code == 0
    before = _snapshot(out)
    (inputs / OTHER.name).write_bytes(b"")  # now it fails: empty
    result = _convert(inputs, "-o", out)
    assert result.exit_code == 1
    kept = out / f"{document_id(OTHER.name)}.xml"
    assert kept.read_bytes() == before[kept.name]
    entries = {e["id"]: e for e in _manifest(out)["documents"]}
    assert entries[document_id(OTHER.name)]["kept"] == "input-failed"
    assert "kept" not in entries[document_id(PAGE.name)]


def test_a_mistyped_input_folder_empties_nothing(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, PAGE, OTHER)
    out = tmp_path / "out"
    assert _convert(inputs, "-o", out).exit_code == 0
    before = {name: data for name, data in _snapshot(out).items() if name.endswith(".xml")}
    result = _convert(tmp_path / "inptus", "-o", out)
    assert result.exit_code == 1
    after = _snapshot(out)
    assert {name: after[name] for name in before} == before
    assert {e["kept"] for e in _manifest(out)["documents"]} == {
        "run-incomplete"}


def test_a_removed_input_of_a_clean_run_loses_its_unchanged_output(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, PAGE, OTHER)
    out = tmp_path / "out"
    assert _convert(inputs, "-o", out).exit_code == 0
    (inputs / OTHER.name).unlink()
    assert _convert(inputs, "-o", out).exit_code == 0
    assert not (out / f"{document_id(OTHER.name)}.xml").exists()
    assert [e["id"] for e in _manifest(out)["documents"]] == [
        document_id(PAGE.name)]


def test_a_second_run_into_a_busy_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as other:
        try:
            (out / LOCK_NAME).write_text(f"{other.pid} {os.uname().nodename}\n", "utf-8")
            result = _convert(PAGE, "-o", out)
            with pytest.raises(subprocess.TimeoutExpired):  # asked whether it lives, not signalled
                other.wait(timeout=0.5)
        finally:
            other.kill()
    assert result.exit_code == 2
    assert f"another run (pid {other.pid}) is writing" in result.output
    assert not (out / "manifest.json").exists()


def test_a_lock_left_by_a_dead_run_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    (out / LOCK_NAME).write_text(f"{dead.stdout.strip()} {os.uname().nodename}\n", "utf-8")
    assert _convert(PAGE, "-o", out).exit_code == 0
    assert not (out / LOCK_NAME).exists()


def test_every_file_found_is_converted_or_reported(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, PAGE)
    (inputs / "scan.png").write_bytes(b"\x89PNG\r\n")
    (inputs / f"{PAGE.stem}.meta.json").write_text('{"author": "A. Author"}',
                                                   encoding="utf-8")  # a sidecar
    (inputs / "gone.txt").symlink_to(inputs / "nowhere.txt")
    (inputs / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    result = _convert(inputs, "-o", tmp_path / "out")
    assert result.exit_code == 1
    manifest = _manifest(tmp_path / "out")
    reported = {e["source"]["path"].rsplit("/", 1)[1]: e["diagnostics"][0]["code"]
                for e in (*manifest["skipped"], *manifest["failed"])}
    assert reported == {"scan.png": "not-text", "gone.txt": "missing-input",
                        "elsewhere": "not-text"}
    assert "scan.png: warning not-text" in result.output


def test_a_folder_that_cannot_be_read_is_reported(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = _inputs(tmp_path, PAGE)
    (inputs / "locked").mkdir()
    real = os.scandir

    def refuse(path: Any = ".") -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = _convert(inputs, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "locked: error unreadable: cannot read folder: Permission denied" in result.output


def test_names_that_are_not_utf8_stay_distinct(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in (b"caf\xe9.txt", b"caf\xe8.txt"):
        (Path(os.fsdecode(bytes(inputs).__add__(b"/") + name))).write_bytes(PAGE.read_bytes())
    result = _convert(inputs, "-o", tmp_path / "out")
    assert result.exit_code == 0
    names = sorted(e["source"]["path"].rsplit("/", 1)[1]
                   for e in _manifest(tmp_path / "out")["documents"])
    assert names == ["caf\\xe8.txt", "caf\\xe9.txt"]


def test_a_very_long_file_name_gets_a_short_id(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    long_name = "letter-" + "x" * 240 + ".txt"
    (inputs / long_name).write_bytes(PAGE.read_bytes())
    result = _convert(inputs, "-o", tmp_path / "out")
    assert result.exit_code == 0
    [entry] = _manifest(tmp_path / "out")["documents"]
    assert len(entry["id"]) == MAX_ID_LENGTH
    assert (tmp_path / "out" / entry["output"]["path"]).is_file()


def test_jobs_carry_absolute_paths_for_remote_workers(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _inputs(tmp_path, PAGE)
    monkeypatch.chdir(tmp_path)
    [job] = plan_jobs([Path("in")], None, None)
    assert job.path.is_absolute()
    assert job.name == f"in/{PAGE.name}"


def test_incremental_records_the_metadata_file_as_it_is_now(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, PAGE)
    sidecar = inputs / f"{PAGE.stem}.meta.json"
    sidecar.write_text('{"author": "A. Author"}', encoding="utf-8")
    out = tmp_path / "out"
    assert _convert(inputs, "-o", out).exit_code == 0
    sidecar.write_text('{"author":   "A. Author"}\n', encoding="utf-8")  # same content
    assert _convert(inputs, "-o", out, "--incremental").exit_code == 0
    [entry] = _manifest(out)["documents"]
    recorded = entry["source"]["metadata"]["sha256"]
    assert recorded == __import__("hashlib").sha256(sidecar.read_bytes()).hexdigest()
    bag = CliRunner().invoke(main, ["bag", str(out), "-o", str(tmp_path / "bag")])
    assert bag.exit_code == 0, bag.output


def test_a_manifest_that_is_a_link_is_not_ours(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _convert(PAGE, "-o", out).exit_code == 0
    mine = tmp_path / "my-manifest.json"
    mine.write_bytes((out / "manifest.json").read_bytes())
    (out / "manifest.json").unlink()
    (out / "manifest.json").symlink_to(mine)
    before = mine.read_bytes()
    result = _convert(PAGE, "-o", out)
    assert result.exit_code == 1
    assert "manifest.json is a link" in result.output
    assert mine.read_bytes() == before
    assert (out / "manifest.json").is_symlink()


def test_an_output_replaced_by_a_link_is_never_removed(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, PAGE, OTHER)
    out = tmp_path / "out"
    assert _convert(inputs, "-o", out).exit_code == 0
    first, second = (out / f"{document_id(p.name)}.xml" for p in (PAGE, OTHER))
    # The user keeps the first output elsewhere and links to it, same bytes and all.
    kept = tmp_path / "kept.xml"
    kept.write_bytes(first.read_bytes())
    first.unlink()
    first.symlink_to(kept)
    (inputs / PAGE.name).unlink()
    (inputs / OTHER.name).unlink()
    shutil.copyfile(PAGE, inputs / "renamed.txt")  # a clean run with other inputs
    assert _convert(inputs, "-o", out).exit_code == 0
    assert first.is_symlink()
    assert kept.read_bytes() == first.read_bytes()
    assert not second.exists()  # ours and unchanged: removed


def test_outputs_the_user_deleted_do_not_stop_the_cleanup(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, PAGE, OTHER)
    out = tmp_path / "out"
    assert _convert(inputs, "-o", out).exit_code == 0
    first, second = (out / f"{document_id(p.name)}.xml" for p in (PAGE, OTHER))
    first.unlink()
    (inputs / PAGE.name).unlink()
    (inputs / OTHER.name).unlink()
    shutil.copyfile(PAGE, inputs / "renamed.txt")
    assert _convert(inputs, "-o", out).exit_code == 0
    assert not second.exists()


def _interrupted(monkeypatch: pytest.MonkeyPatch, inputs: Path, out: Path) -> None:
    """A run stopped after its TEI files were written and before its manifest."""
    import tei_convert.run.corpus as corpus

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(corpus, "write_manifest", stop)
        with pytest.raises(KeyboardInterrupt):
            convert_corpus([inputs], out)


def test_a_run_stopped_before_its_manifest_then_run_again_is_one_clean_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = _inputs(tmp_path, PAGE, OTHER)
    out, clean = tmp_path / "out", tmp_path / "clean"
    assert _convert(inputs, "-o", out).exit_code == 0
    for source in inputs.iterdir():  # new text, so the stopped run rewrites every file
        source.write_bytes(source.read_bytes() + b"\nA line added later.\n")
    _interrupted(monkeypatch, inputs, out)
    assert (out / JOURNAL_NAME).exists()
    assert _convert(inputs, "-o", out).exit_code == 0
    assert _convert(inputs, "-o", clean).exit_code == 0
    assert _snapshot(out) == _snapshot(clean)
    assert not (out / JOURNAL_NAME).exists()


def test_a_stopped_runs_file_edited_by_hand_is_still_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = _inputs(tmp_path, PAGE)
    out = tmp_path / "out"
    _interrupted(monkeypatch, inputs, out)
    written = out / f"{document_id(PAGE.name)}.xml"
    written.write_bytes(written.read_bytes() + b"<!-- checked -->")
    result = _convert(inputs, "-o", out)
    assert "warning output-edited" in result.output
    assert written.read_bytes().endswith(b"<!-- checked -->")
    (inputs / PAGE.name).unlink()
    shutil.copyfile(OTHER, inputs / OTHER.name)
    assert _convert(inputs, "-o", out).exit_code == 0  # a clean run: still not removed
    assert written.read_bytes().endswith(b"<!-- checked -->")
