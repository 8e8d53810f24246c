"""Each safety guard made to fire: if the guard were removed, a test here fails.

Some guards can only fire on a bug in the tool (text lost on the way to TEI,
invalid TEI built): those tests plant the bug, the way a mutation tool would.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree

import tei_convert.pipeline as pipeline
import tei_convert.run.reuse as reuse
from tei_convert import Options, convert_corpus, convert_text
from tei_convert.canonical import sha256
from tei_convert.checks.relaxng import safe_parser
from tei_convert.cli import main
from tei_convert.errors import OutputError, ValidationError
from tei_convert.readers.blocks import split_blocks
from tei_convert.run.output import write_atomic

from conftest import SEEDS
from tei_helpers import NS, mia

PAGE = sorted(SEEDS.glob("*.txt"))[1]
VOLUME = next(SEEDS.glob("004_*.txt"))


def _planted(monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    """Make the TEI builder do ``change`` to every tree it builds."""
    real = pipeline.build_tei  # type: ignore[attr-defined]

    def build(*args: Any, **kwargs: Any) -> etree._Element:
        root = real(*args, **kwargs)
        change(root)
        return root

    monkeypatch.setattr(pipeline, "build_tei", build)


def test_text_lost_on_the_way_to_tei_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def drop_a_paragraph(root: etree._Element) -> None:
        paragraph = root.find(".//tei:body//tei:p", NS)
        assert paragraph is not None
        paragraph.getparent().remove(paragraph)  # type: ignore[union-attr]

    _planted(monkeypatch, drop_a_paragraph)
    with pytest.raises(ValidationError, match="text would be lost or repeated"):
        convert_text(mia("One paragraph.\n\nAnother paragraph."), source="lost.txt")


def test_text_repeated_on_the_way_to_tei_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def repeat_a_paragraph(root: etree._Element) -> None:
        paragraph = root.find(".//tei:body//tei:p", NS)
        assert paragraph is not None
        paragraph.addnext(etree.fromstring(etree.tostring(paragraph)))

    _planted(monkeypatch, repeat_a_paragraph)
    with pytest.raises(ValidationError, match="text would be lost or repeated"):
        convert_text(mia("One paragraph."), source="twice.txt")


def test_invalid_tei_is_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def add_an_unknown_element(root: etree._Element) -> None:
        body = root.find(".//tei:body", NS)
        assert body is not None
        etree.SubElement(body, "{http://www.tei-c.org/ns/1.0}oops")

    _planted(monkeypatch, add_an_unknown_element)
    with pytest.raises(ValidationError, match="generated TEI is invalid"):
        convert_text(mia("One paragraph."), source="bad.txt")
    report = convert_corpus([PAGE], tmp_path / "out")
    assert [f["diagnostics"][0]["code"] for f in report.failed] == ["failed"]
    assert list((tmp_path / "out").glob("*.xml")) == []


def test_a_hand_edited_manifest_cannot_point_cleanup_outside_the_folder(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / PAGE.name).write_bytes(PAGE.read_bytes())
    out = tmp_path / "out"
    convert_corpus([inputs], out)
    victim = tmp_path / "victim.xml"
    victim.write_bytes(b"<mine/>")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    manifest["documents"][0]["output"] = {"path": "../victim.xml",
                                          "sha256": sha256(b"<mine/>")}
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (inputs / PAGE.name).rename(inputs / "renamed.txt")
    convert_corpus([inputs], out)
    assert victim.read_bytes() == b"<mine/>"


def test_the_xml_parser_itself_expands_no_entities_and_loads_nothing(tmp_path: Path) -> None:
    # parse_bytes refuses any DOCTYPE first; the parser under it must be safe too.
    laughs = (b"<!DOCTYPE l [<!ENTITY a 'lol'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>"
              b"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;'>]><l>&c;</l>")
    root = etree.fromstring(laughs, safe_parser())
    assert "lol" not in "".join(root.itertext())
    dtd = tmp_path / "x.dtd"
    dtd.write_text('<!ENTITY x "from-the-dtd">', encoding="utf-8")
    external = f"<!DOCTYPE l SYSTEM '{dtd.as_uri()}'><l>&x;</l>".encode()
    assert "from-the-dtd" not in "".join(etree.fromstring(external, safe_parser()).itertext())
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    xxe = f"<!DOCTYPE l [<!ENTITY s SYSTEM '{secret.as_uri()}'>]><l>&s;</l>".encode()
    assert "the secret" not in "".join(etree.fromstring(xxe, safe_parser()).itertext())
    declared = etree.fromstring(external, safe_parser()).getroottree().docinfo.externalDTD
    assert declared is None or list(declared.iterentities()) == []  # the DTD was not read


def test_incremental_converts_again_when_the_publisher_changes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert_corpus([PAGE], out, options=Options(publisher="First Press"))
    report = convert_corpus([PAGE], out, incremental=True,
                            options=Options(publisher="Second Press"))
    assert report.reused == 0
    assert b"Second Press" in next(out.glob("*.xml")).read_bytes()


def test_incremental_converts_again_after_another_tool_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    convert_corpus([PAGE], out)
    assert convert_corpus([PAGE], out, incremental=True).reused == 1
    monkeypatch.setattr(reuse, "__version__", "99.0")
    assert convert_corpus([PAGE], out, incremental=True).reused == 0


def test_incremental_converts_again_an_input_it_cannot_read_to_compare(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The input vanishes or turns unreadable between planning and the check.
    out = tmp_path / "out"
    convert_corpus([PAGE], out)

    def unreadable(path: Path) -> bytes:
        raise OSError(f"cannot read {path}")

    monkeypatch.setattr(reuse, "read_file", unreadable)
    assert convert_corpus([PAGE], out, incremental=True).reused == 0


def test_packaging_that_fails_after_a_clean_conversion_exits_1(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.xml"
    corpus.write_bytes(b"<notes>mine</notes>")
    result = CliRunner().invoke(main, ["convert", str(PAGE), "-o", str(tmp_path / "out"),
                                       "--corpus-file", str(corpus)])
    assert "converted 1 document(s)" in result.output
    assert result.exit_code == 1
    assert corpus.read_bytes() == b"<notes>mine</notes>"


def test_outputs_are_readable_by_others_and_a_failed_write_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    convert_corpus([PAGE], tmp_path / "out")
    for path in (tmp_path / "out").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(tmp_path / "x.xml", b"<x/>")
    assert list(tmp_path.glob(".x.xml.*")) == []
    assert not (tmp_path / "x.xml").exists()


def test_block_spans_name_their_first_and_last_lines() -> None:
    blocks = split_blocks(["", "a", "b", "", "", "c", "d", "e"], 10)
    assert [(b.span.first_line, b.span.last_line) for b in blocks] == [(11, 12), (15, 17)]
    [only] = split_blocks(["a", "b", ""], 1)
    assert (only.span.first_line, only.span.last_line) == (1, 2)


def test_a_diagnostic_on_a_works_last_line_belongs_to_that_work() -> None:
    result = convert_text(VOLUME.read_text("utf-8"), source="v.txt")
    works = {c.document.id: c for c in result.documents}
    for converted in works.values():
        span = converted.document.span
        assert span is not None
        for found in converted.diagnostics:
            assert found.line is None or span.first_line <= found.line <= span.last_line
    last_lines = {c.document.span.last_line: c.document.id  # type: ignore[union-attr]
                  for c in result.documents}
    assert all(d.line not in last_lines for d in result.diagnostics if d.line is not None)


def test_diagnostics_on_a_documents_first_and_last_lines_belong_to_it() -> None:
    from tei_convert.diagnostics import Diagnostic, Reporter, Severity
    from tei_convert.model import Span

    works = [d.document for d in convert_text(VOLUME.read_text("utf-8"),
                                              source="v.txt").documents[:3]]
    gap = works[1].span.last_line + 1  # type: ignore[union-attr]  # between two works
    at = [Diagnostic("date-missing", Severity.WARNING, "m", "v.txt", line) for line in (
        works[1].span.first_line, works[1].span.last_line, gap)]  # type: ignore[union-attr]
    # Documents are converted as they come, each taking what was reported so far.
    locator = pipeline._Locator(Reporter("v.txt", at))
    located = [locator.take(work.span) for work in works]
    assert [len(found) for found in located] == [0, 2, 0]
    assert [d.line for d in locator.rest()] == [gap]
    assert isinstance(works[1].span, Span)


def test_output_is_the_same_in_two_processes_with_other_hash_seeds(tmp_path: Path) -> None:
    runs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"seed-{seed}"
        subprocess.run([sys.executable, "-m", "tei_convert", "convert", str(SEEDS), "-o",
                        str(out), "-q", "-j", "2"], env={**os.environ, "PYTHONHASHSEED": seed},
                       check=False, capture_output=True, timeout=300)
        runs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert runs[0] == runs[1]
    assert len(runs[0]) > 90


def test_documents_reach_the_disk_before_the_manifest_that_lists_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One flush per run: no document is fsynced alone, and the run flushes
    them all before the manifest (itself fsynced) is renamed into place."""
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "sync", lambda: events.append("sync"))

    def fsync(descriptor: int) -> None:
        events.append("fsync")
        real_fsync(descriptor)

    def replace(source: Any, target: Any) -> None:
        events.append(f"rename {Path(target).name}")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(mia(f"Words of {name}.", title=f"Text {name}"),
                                              "utf-8")
    assert not convert_corpus(sorted(tmp_path.glob("*.txt")), tmp_path / "out").failed
    assert events == ["rename a.xml", "rename b.xml", "rename c.xml", "sync",
                      "fsync", "rename manifest.json"]


def test_the_files_own_diagnostics_keep_the_order_they_were_reported_in() -> None:
    """Diagnostics come in batches, one per document read; those no document
    takes are listed in the order they were reported, across batches."""
    from tei_convert.diagnostics import Diagnostic, Reporter, Severity
    from tei_convert.model import Span

    def found(line: int | None, message: str) -> Diagnostic:
        return Diagnostic("date-missing", Severity.WARNING, message, "v.txt", line)

    reporter = Reporter("v.txt", [found(500, "first"), found(600, "second")])
    locator = pipeline._Locator(reporter)
    assert locator.take(Span(1, 10)) == []
    reporter.diagnostics.append(found(None, "third"))
    assert locator.take(Span(11, 20)) == []
    assert [d.message for d in locator.rest()] == ["first", "second", "third"]
