"""A file of many documents is read, converted and written a document at a
time, and still counts as one input: all its files or none."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei_convert import convert_corpus, convert_text
from tei_convert.errors import OutputError, ValidationError
from tei_convert.input.sanitize import SourceLines, iter_source_lines, source_lines
from tei_convert.pipeline import stream_text

from conftest import SEEDS

VOLUME = next(SEEDS.glob("004_*.txt"))
PAGE = sorted(SEEDS.glob("*.txt"))[0]
MINE = b"<my-own>hand-made, not converted</my-own>\n"


def _outputs(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir() if path.suffix == ".xml"}


def _leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.endswith(".tmp")]


def test_a_volumes_works_are_read_as_they_are_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    import tei_convert.readers.volume as volume

    read: list[int] = []
    real = volume._Volume.work

    def counted(self: volume._Volume, sequence: int, *args: object) -> object:
        read.append(sequence)
        return real(self, sequence, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(volume._Volume, "work", counted)
    conversion = stream_text(VOLUME.read_text("utf-8"), source=VOLUME.name)
    works = iter(conversion)
    first = next(works)
    assert read == [1]
    assert first.document.part_of is not None
    rest = list(works)
    assert read == list(range(1, len(rest) + 2))


def test_the_files_diagnostics_are_known_once_every_document_is_taken() -> None:
    text = VOLUME.read_text("utf-8")
    conversion = stream_text(text, source=VOLUME.name)
    with pytest.raises(RuntimeError, match="every document"):
        _ = conversion.diagnostics
    streamed = list(conversion)
    whole = convert_text(text, source=VOLUME.name)
    assert conversion.diagnostics == whole.diagnostics
    assert [c.xml for c in streamed] == [c.xml for c in whole.documents]
    assert [c.diagnostics for c in streamed] == [c.diagnostics for c in whole.documents]
    with pytest.raises(RuntimeError, match="taken once"):
        next(iter(conversion))


def test_a_volume_failing_on_a_later_work_writes_none_of_its_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tei_convert.pipeline as pipeline

    real = pipeline._checked_xml
    calls: list[str] = []

    def failing_third(document: object, *args: object) -> object:
        calls.append(getattr(document, "source", ""))
        if calls.count(str(VOLUME)) == 3:
            raise ValidationError("generated TEI is invalid (test); please report this",
                                  source=calls[-1])
        return real(document, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_checked_xml", failing_third)
    out = tmp_path / "out"
    report = convert_corpus([VOLUME, PAGE], out)
    assert [(f["source"]["path"], f["reason"]) for f in report.failed] == [
        (str(VOLUME), "generated TEI is invalid (test); please report this")]
    page_only = {entry["output"]["path"] for entry in report.documents}
    assert _outputs(out) == page_only
    assert len(page_only) == 1
    assert _leftovers(out) == []


def test_a_volume_whose_later_work_would_replace_a_file_not_ours_writes_none(
        tmp_path: Path) -> None:
    ids = [c.document.id for c in convert_text(VOLUME.read_text("utf-8"),
                                               source=str(VOLUME)).documents]
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / f"{ids[2]}.xml"
    theirs.write_bytes(MINE)
    report = convert_corpus([VOLUME], out)
    assert [f["source"]["path"] for f in report.failed] == [str(VOLUME)]
    assert "is not a file tei-convert wrote" in report.failed[0]["reason"]
    assert theirs.read_bytes() == MINE
    assert _outputs(out) == {theirs.name}
    assert _leftovers(out) == []


_LINE_TEXT = st.text(alphabet=st.sampled_from(["a", " ", "é", "—", "\n", "\r", "\x0c", "\t"]),
                     max_size=40)


@given(_LINE_TEXT)
def test_lines_cut_when_asked_are_the_lines_of_the_text(text: str) -> None:
    """The nothing-lost check reads a large file's lines from offsets, not from
    a list of them: they must be the same lines, numbered the same."""
    lines = source_lines(text)
    indexed = SourceLines(text)
    assert list(iter_source_lines(text)) == lines
    # A large text is split a chunk at a time, each ending at a line feed.
    for chunk in (1, 2, 5):
        assert list(iter_source_lines(text, chunk)) == lines
    assert len(indexed) == len(lines)
    assert [indexed[n] for n in range(len(lines))] == lines
    assert indexed[1:-1] == lines[1:-1]
    if lines:
        assert indexed[-1] == lines[-1]
    with pytest.raises(IndexError):
        indexed[len(lines)]


def test_a_file_edited_while_its_volume_converts_is_not_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A volume's last work may come minutes after its first: a file checked as
    the tool's when its work was staged is checked again before it is replaced."""
    import tei_convert.pipeline as pipeline

    out = tmp_path / "out"
    convert_corpus([VOLUME], out)
    first = sorted(_outputs(out))[0]
    edited = (out / first).read_bytes().replace(b"</TEI>", b"<!-- my edit --></TEI>")
    real = pipeline._checked_xml
    calls: list[object] = []

    def editing_meanwhile(document: object, *args: object) -> object:
        calls.append(document)
        if len(calls) == 3:
            (out / first).write_bytes(edited)
        return real(document, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_checked_xml", editing_meanwhile)
    report = convert_corpus([VOLUME], out, force=False)
    assert [f["source"]["path"] for f in report.failed] == [str(VOLUME)]
    assert (out / first).read_bytes() == edited
    assert _leftovers(out) == []


def test_a_failure_to_write_into_place_stops_the_run(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tei_convert.run.execute as execute

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(execute, "record_write", full)
    with pytest.raises(OutputError, match="No space left on device"):
        convert_corpus([VOLUME], tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []


def test_leftovers_of_a_volumes_thousandth_work_are_ours(tmp_path: Path) -> None:
    """Work ids count on past 999 (``-1000``): an interrupted run's temporary
    file of such a work is the tool's to remove."""
    out = tmp_path / "out"
    out.mkdir()
    doc_id = convert_text(VOLUME.read_text("utf-8"), source=str(VOLUME)).documents[0] \
        .document.id.rsplit("-", 1)[0]
    leftover = out / f".{doc_id}-1000.xml.abcd1234.tmp"
    leftover.write_bytes(b"<TEI/>")
    convert_corpus([VOLUME], out)
    assert not leftover.exists()


@pytest.mark.parametrize("reader", [None, "volume"])
def test_the_reader_reads_with_the_files_metadata(reader: str | None) -> None:
    """Sniffed or named, the reader is given what the user states of the file
    (a volume's author: no warning that it is missing)."""
    from tei_convert import Options
    from tei_convert.model import Metadata

    text = VOLUME.read_text("utf-8")
    bare = convert_text(text, source=VOLUME.name, reader=reader)
    stated = convert_text(text, source=VOLUME.name, reader=reader,
                          options=Options(metadata=Metadata(author="A. N. Author")))
    assert "volume-metadata-missing" in {d.code for d in bare.all_diagnostics}
    assert "volume-metadata-missing" not in {d.code for d in stated.all_diagnostics}
