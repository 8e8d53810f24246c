"""manifest.json: schema-valid, complete and deterministic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tei_convert import convert_corpus
from tei_convert.canonical import sha256
from tei_convert.errors import OutputError, ValidationError
from tei_convert.pipeline import document_id
from tei_convert.run.manifest import manifest_schema, write_manifest

from conftest import CASES, SEEDS, source_files


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    out = tmp_path_factory.mktemp("out")
    convert_corpus([SEEDS], out)
    return out, json.loads((out / "manifest.json").read_text("utf-8"))


def test_manifest_validates_against_our_schema(run: tuple[Path, dict[str, object]]) -> None:
    jsonschema.validate(run[1], manifest_schema())


def test_manifest_lists_every_output_with_its_hash(run: tuple[Path, dict[str, object]]) -> None:
    out, data = run
    documents = data["documents"]
    assert isinstance(documents, list)
    listed = sorted(entry["output"]["path"] for entry in documents)
    assert listed == sorted(p.name for p in out.glob("*.xml"))
    for entry in documents:
        assert entry["output"]["sha256"] == sha256((out / entry["output"]["path"]).read_bytes())


def test_entries_carry_source_hash_lines_counts_and_dates(
        run: tuple[Path, dict[str, object]]) -> None:
    documents = run[1]["documents"]
    assert isinstance(documents, list)
    for entry in documents:
        source = Path(entry["source"]["path"])
        data = source.read_bytes()
        length = len(data.decode().rstrip("\n").split("\n"))
        first, last = entry["source"]["lines"]
        assert entry["source"]["sha256"] == sha256(data)
        if entry["source"]["reader"] == "mia":
            assert (first, last) == (1, length)
            assert entry["volume"] is None
        else:
            assert 1 <= first < last <= length
            assert entry["volume"]["sequence"] >= 1
        assert entry["counts"]["words"] > 0
        assert entry["counts"]["paragraphs"] > 0


def test_a_chronicle_records_the_period_it_covers_not_a_date_written(
        run: tuple[Path, dict[str, object]]) -> None:
    documents = run[1]["documents"]
    assert isinstance(documents, list)
    [chronicle] = [e for e in documents if e["volume"] and e["volume"]["kind"] == "appendix"]
    assert chronicle["dates"]["covered"] == {
        "text": "October, 1917 - 1920", "notBefore": "1917-10", "notAfter": "1920"}
    assert "written" not in chronicle["dates"]


def test_supplied_title_is_flagged(run: tuple[Path, dict[str, object]]) -> None:
    documents = run[1]["documents"]
    assert isinstance(documents, list)
    supplied = [e for e in documents if e["title_supplied"]]
    for entry in supplied:
        assert "title-supplied" in [d["code"] for d in entry["diagnostics"]]
    assert all(e["title"] for e in documents)


def test_every_seed_is_converted(run: tuple[Path, dict[str, object]]) -> None:
    data = run[1]
    entries = data["documents"]
    assert isinstance(entries, list)
    converted = {e["source"]["path"] for e in entries}
    assert converted == {p.as_posix() for p in sorted(SEEDS.glob("*.txt"))}
    assert data["summary"] == {"documents": len(entries), "skipped": 0, "failed": 0,
                               "warnings": data["summary"]["warnings"]}  # type: ignore[index]


def test_two_runs_give_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    convert_corpus(source_files(), first)
    convert_corpus(list(reversed(source_files())), second)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_manifest_outside_the_schema_is_not_written(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="manifest does not fit its schema"):
        write_manifest(tmp_path / "manifest.json", {"documents": []})
    assert list(tmp_path.iterdir()) == []


def test_stale_outputs_of_an_earlier_run_are_removed_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    inputs = tmp_path / "in"
    inputs.mkdir()
    first, second = sorted(SEEDS.glob("*.txt"))[:2]
    for seed in (first, second):
        (inputs / seed.name).write_bytes(seed.read_bytes())
    convert_corpus([inputs], out)
    (out / "notes-of-mine.xml").write_text("<mine/>", encoding="utf-8")
    (inputs / second.name).unlink()
    convert_corpus([inputs], out)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    listed = {entry["output"]["path"] for entry in manifest["documents"]}
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*listed, "manifest.json", "notes-of-mine.xml"])
    assert len(listed) == 1


def test_an_interrupted_run_then_a_full_run_gives_one_clean_run(tmp_path: Path) -> None:
    clean, resumed = tmp_path / "clean", tmp_path / "resumed"
    convert_corpus(source_files(), clean)
    convert_corpus(source_files()[:2], resumed)  # as if stopped after two files
    convert_corpus(source_files(), resumed)
    assert sorted(p.name for p in clean.iterdir()) == sorted(p.name for p in resumed.iterdir())
    for path in clean.iterdir():
        assert path.read_bytes() == (resumed / path.name).read_bytes(), path.name


def test_time_zone_and_locale_do_not_change_the_output(tmp_path: Path) -> None:
    runs = []
    for zone, locale in (("UTC", "C.UTF-8"), ("Asia/Tokyo", "POSIX")):
        out = tmp_path / zone.replace("/", "-")
        env = {**os.environ, "TZ": zone, "LC_ALL": locale, "LANG": locale}
        subprocess.run([sys.executable, "-m", "tei_convert", "convert", str(SEEDS), "-o",
                        str(out), "-q"], env=env, check=False, capture_output=True)
        runs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert runs[0] == runs[1]
    assert len(runs[0]) > 1


def test_leftover_temporary_files_of_an_interrupted_run_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    source = source_files()[0]
    ours = f".{document_id(source.name)}.xml.abc123_z.tmp"
    (out / ours).write_bytes(b"<half")
    (out / ".manifest.json.ZZ99aa11.tmp").write_bytes(b"{")
    (out / "keep-me.tmp").write_bytes(b"not ours: no leading dot")
    (out / ".editor-swap.tmp").write_bytes(b"not ours: not our name pattern")
    (out / ".notes.xml.abc123_z.tmp").write_bytes(b"our pattern, but no name this run writes")
    convert_corpus([source], out)
    assert not (out / ours).exists()
    assert not (out / ".manifest.json.ZZ99aa11.tmp").exists()
    assert (out / "keep-me.tmp").read_bytes() == b"not ours: no leading dot"
    assert (out / ".editor-swap.tmp").exists()
    assert (out / ".notes.xml.abc123_z.tmp").read_bytes().startswith(b"our pattern")


def test_note_count_is_the_endnotes(run: tuple[Path, dict[str, object]]) -> None:
    out, data = run
    documents = data["documents"]
    assert isinstance(documents, list)
    for entry in documents:
        xml = (out / entry["output"]["path"]).read_bytes()
        assert entry["counts"]["notes"] == xml.count(b'<note place="end"')


def test_parallel_jobs_give_the_same_bytes(tmp_path: Path) -> None:
    inputs = [SEEDS, *source_files()]
    one, many = tmp_path / "one", tmp_path / "many"
    convert_corpus(inputs, one, jobs=1)
    convert_corpus(inputs, many, jobs=3)
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in many.iterdir())
    assert len(names) > 90
    for name in names:
        assert (one / name).read_bytes() == (many / name).read_bytes(), name


def test_incremental_run_reuses_unchanged_inputs_and_gives_the_same_bytes(
        tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in [*SEEDS.glob("*.txt"), *SEEDS.glob("*.meta.json")]:
        (inputs / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    first_run = convert_corpus([inputs], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    unchanged = convert_corpus([inputs], out, incremental=True)
    assert unchanged.reused == len(list(inputs.glob("*.txt")))
    # The warnings of reused inputs are reported again, each once, with file and line.
    assert unchanged.diagnostics == first_run.diagnostics
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # Change one input: only it is converted again; the result is a full run's.
    first = sorted(inputs.glob("*.txt"))[0]
    first.write_text(first.read_text("utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    again = convert_corpus([inputs], out, incremental=True)
    assert again.reused == unchanged.reused - 1
    full = tmp_path / "full"
    convert_corpus([inputs], full)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {
        p.name: p.read_bytes() for p in full.iterdir()}


def test_incremental_run_keeps_an_output_edited_by_hand(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = sorted(SEEDS.glob("*.txt"))[0]
    convert_corpus([source], out)
    xml = next(out.glob("*.xml"))
    edited = xml.read_bytes() + b"<!-- edited -->"
    xml.write_bytes(edited)
    report = convert_corpus([source], out, incremental=True)
    assert report.reused == 0
    assert xml.read_bytes() == edited
    assert [d.code for d in report.diagnostics if d.code == "output-edited"] == ["output-edited"]
    assert [entry["kept"] for entry in report.documents] == ["edited"]
    forced = convert_corpus([source], out, force=True)
    assert b"edited" not in xml.read_bytes()
    assert "kept" not in forced.documents[0]


def test_a_reused_volume_reports_a_warning_of_the_whole_file_once(tmp_path: Path) -> None:
    # Without its metadata file every work of the volume carries the warning.
    inputs = tmp_path / "in"
    inputs.mkdir()
    volume = next(CASES.glob("*-volume-*.txt"))
    (inputs / volume.name).write_bytes(volume.read_bytes())
    out = tmp_path / "out"
    first_run = convert_corpus([inputs], out)
    reused = convert_corpus([inputs], out, incremental=True)
    assert reused.reused == 1
    assert [d.code for d in reused.diagnostics].count("volume-metadata-missing") == 1
    assert reused.diagnostics == first_run.diagnostics


def test_an_output_edited_back_is_reused_and_no_longer_marked_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = sorted(SEEDS.glob("*.txt"))[0]
    convert_corpus([source], out)
    xml = next(out.glob("*.xml"))
    original = xml.read_bytes()
    xml.write_bytes(original + b"<!-- edited -->")
    assert convert_corpus([source], out, incremental=True).documents[0]["kept"] == "edited"
    xml.write_bytes(original)
    report = convert_corpus([source], out, incremental=True)
    assert report.reused == 1
    assert "kept" not in report.documents[0]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert ["kept" in entry for entry in manifest["documents"]] == [False]


def test_incremental_does_not_keep_an_id_that_a_fresh_run_would_change(tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    convert_corpus([tmp_path / "in"], out)
    (tmp_path / "in" / "a" / seed.name).unlink()
    convert_corpus([tmp_path / "in"], out, incremental=True)
    fresh = tmp_path / "fresh"
    convert_corpus([tmp_path / "in"], fresh)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {
        p.name: p.read_bytes() for p in fresh.iterdir()}


def test_incremental_reconverts_when_the_metadata_breaks(tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    convert_corpus([tmp_path / "in"], out)
    (tmp_path / "in" / (seed.stem + ".meta.json")).write_text("{", encoding="utf-8")
    report = convert_corpus([tmp_path / "in"], out, incremental=True)
    assert report.reused == 0
    [failed] = report.failed
    assert failed["reason"].endswith(f"{seed.stem}.meta.json:1: metadata is not valid JSON: "
                                     "Expecting property name enclosed in double quotes "
                                     "(column 2)")


@pytest.mark.parametrize("documents", ['{"a": 1}', "[{}]", '[{"source": 1}]'])
def test_a_manifest_of_the_wrong_shape_stops_the_run_and_nothing_is_touched(
        tmp_path: Path, documents: str) -> None:
    out = tmp_path / "out"
    source = sorted(SEEDS.glob("*.txt"))[0]
    convert_corpus([source], out)
    data = json.loads((out / "manifest.json").read_text("utf-8"))
    data["documents"] = json.loads(documents)
    (out / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(OutputError, match="cannot tell its files from yours"):
        convert_corpus([source], out, incremental=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_file_named_like_a_volume_work_gets_its_own_id(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    volume = CASES / "0101-volume-two-works-and-a-chronicle.txt"
    page = sorted(SEEDS.glob("*.txt"))[0]
    (tmp_path / "in" / "v.txt").write_bytes(volume.read_bytes())
    (tmp_path / "in" / "v-001.txt").write_bytes(page.read_bytes())
    report = convert_corpus([tmp_path / "in"], tmp_path / "out")
    paths = [entry["output"]["path"] for entry in report.documents]
    assert len(paths) == len(set(paths)) == 4
    assert "v-001-2.xml" in paths


def test_validation_says_what_was_checked(run: tuple[Path, dict[str, object]]) -> None:
    from lxml import etree

    from tei_convert.checks.fidelity import tei_letters

    out, manifest = run
    for entry in manifest["documents"]:  # type: ignore[attr-defined]
        validation = entry["validation"]
        assert validation["checks"] == ["well-formed", "schema", "integrity", "nothing-lost"]
        assert validation["schema"] == "tei-convert.rng"
        root = etree.parse(str(out / entry["output"]["path"])).getroot()
        assert validation["letters"] == len(tei_letters(root)) > 0
