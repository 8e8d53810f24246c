"""Bad input: a clear reason, the other files still converted, nothing written for it.

Each file in tests/bad/ is one failure mode.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tei_convert import convert_corpus, convert_file, convert_text
from tei_convert.diagnostics import Reporter
from tei_convert.input.sanitize import sanitize, source_lines
from tei_convert.pipeline import convert_bytes

from conftest import SEEDS

BAD = Path(__file__).parent / "bad"
REASONS = {
    "empty.txt": "the file is empty",
    "whitespace-only.txt": "the file holds only white space",
    "image.png.txt": "binary data",
    "archive.zip.txt": "binary data",
}


def test_every_bad_file_has_an_expected_reason() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(REASONS)


def test_bad_files_fail_with_reasons_and_good_files_still_convert(tmp_path: Path) -> None:
    good = sorted(SEEDS.glob("*.txt"))[0]
    report = convert_corpus([BAD, good], tmp_path)
    reasons = {Path(f["source"]["path"]).name: f["reason"] for f in report.failed}
    assert set(reasons) == set(REASONS)
    for name, reason in reasons.items():
        assert reason.startswith(REASONS[name]), (name, reason)
    assert len(report.documents) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "doc-" + good.stem + ".xml", "manifest.json"]
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["summary"]["failed"] == len(REASONS)


def test_forbidden_characters_are_replaced_and_reported() -> None:
    reporter = Reporter("x.txt")
    text = sanitize("a\x00b\n\nok\nc\x0cd\x1be\n", reporter)
    assert text == "a b\n\nok\nc d e\n"
    assert [(d.code, d.line) for d in reporter.diagnostics] == [
        ("character-replaced", 1), ("character-replaced", 4)]
    assert "2 character(s)" in reporter.diagnostics[1].message


def test_line_ends_and_bom_are_normalised() -> None:
    reporter = Reporter("x.txt")
    assert sanitize("\ufeffa\r\nb\rc\n", reporter) == "a\nb\nc\n"
    assert [d.code for d in reporter.diagnostics] == ["bom-removed"]


def test_form_feed_does_not_shift_line_numbers() -> None:
    assert source_lines("a\x0cb\nc\n") == ["a\x0cb", "c"]


@pytest.mark.parametrize("bad", ["\x00", "\x0c", "\x1b", "\ufffe"])
def test_control_characters_in_a_page_text_still_give_valid_tei(bad: str) -> None:
    text = (f"Author\n\nTitle{bad}\n\nWritten: 1921\nSource: Works, Moscow, 1965\n\n"
            f"Body{bad}text.\n")
    result = convert_text(text, source="x.txt")
    assert b"Body text." in result.documents[0].xml
    assert "character-replaced" in [d.code for d in result.all_diagnostics]


PAGE = ("V. I. Lenin\n\nA Title\n\nWritten: 1921\nSource: Works, Moscow, 1965\n\n"
        "The caf\u00e9 \u201cna\u00efve\u201d r\u00e9sum\u00e9 \u2014 d\u00e9j\u00e0 vu, "
        "as the \u0153uvre says.\n")


@pytest.mark.parametrize(
    ("encoding", "code"),
    [("cp1252", "encoding-guessed"), ("utf-16", "encoding-converted"),
     ("utf-8-sig", "bom-removed")],
)
def test_other_encodings_are_converted_and_reported(tmp_path: Path, encoding: str,
                                                    code: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(PAGE.encode(encoding))
    result = convert_file(path)
    assert code in [d.code for d in result.all_diagnostics]
    text = result.documents[0].xml.decode("utf-8")
    assert "caf\u00e9 \u201cna\u00efve\u201d r\u00e9sum\u00e9 \u2014 d\u00e9j\u00e0 vu" in text


def test_latin1_page_reads_its_accents() -> None:
    # ASCII with one Latin-1 word: read as UTF-8, the word's byte named on its line.
    path = Path(__file__).parent / "encodings" / "latin1-page.txt"
    result = convert_file(path)
    assert "Caf\u00e9 Title" in result.documents[0].xml.decode("utf-8")
    assert [(d.code, d.line) for d in result.all_diagnostics
            if d.code.startswith("encoding")] == [("encoding-repaired", 3)]


def test_header_without_body_converts_with_a_warning() -> None:
    text = "An Author\n\nA Title\n\nWritten: 1920\nSource: Works, Moscow, 1965\n"
    result = convert_text(text, source="x.txt")
    assert "body-empty" in [d.code for d in result.all_diagnostics]
    assert b"<p/>" in result.documents[0].xml


def test_seeds_and_every_bad_kind_in_one_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in [*SEEDS.glob("*.txt"), *SEEDS.glob("*.meta.json"), *BAD.iterdir()]:
        (folder / path.name).write_bytes(path.read_bytes())
    result = subprocess.run([sys.executable, "-m", "tei_convert", "convert", str(folder), "-o",
                             str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    summary = result.stderr.strip().splitlines()[-1]
    good = convert_corpus([SEEDS], tmp_path / "seeds-only")
    assert summary.startswith(f"converted {len(good.documents)} document(s), skipped 0, "
                              f"failed {len(REASONS)},")
    for name in REASONS:
        assert f"{name}: error failed: " in result.stderr


def _page_with(line: bytes) -> bytes:
    return ("Author Name\n\nA Letter\n\nWritten: 1920\nSource: Works, Moscow, 1965\n\n"
            "“Quoted” words in UTF-8, and a dash — here.\n\n").encode() + line + b"\n"


def test_a_latin1_word_in_utf8_text_is_read_on_its_line_only() -> None:
    data = _page_with(b"The caf" + b"\xe9 in Z\xfcrich.")
    result = convert_bytes(data, path=Path("mixed.txt"), name="mixed.txt")
    text = "".join(etree.fromstring(result.documents[0].xml).itertext())
    assert "The café in Zürich." in text
    assert "“Quoted” words in UTF-8, and a dash — here." in text  # no mojibake
    [repair] = [d for d in result.all_diagnostics if d.code == "encoding-repaired"]
    assert repair.line == 10
    assert "E9 as 'é'" in repair.message
    assert "encoding-guessed" not in {d.code for d in result.all_diagnostics}


def test_a_byte_that_is_no_text_anywhere_is_replaced_and_named() -> None:
    data = _page_with(b"A stray \x81 byte.")
    result = convert_bytes(data, path=Path("stray.txt"), name="stray.txt")
    text = "".join(etree.fromstring(result.documents[0].xml).itertext())
    assert "A stray \ufffd byte." in text
    assert [d.line for d in result.all_diagnostics if d.code == "encoding-repaired"] == [10]


def test_utf8_with_many_windows_1252_words_pasted_in_is_read_word_by_word() -> None:
    words = "Ça été déjà vu à Genève, où l’élève a lu ces lignes.\n\n" * 5
    data = _page_with(words.encode("cp1252"))
    result = convert_bytes(data, path=Path("mixed.txt"), name="mixed.txt")
    text = "".join(etree.fromstring(result.documents[0].xml).itertext())
    assert text.count("Ça été déjà vu à Genève, où l’élève a lu ces lignes.") == 5
    assert "“Quoted” words in UTF-8" in text
    assert len([d for d in result.all_diagnostics if d.code == "encoding-repaired"]) == 5


def test_a_file_with_no_utf8_and_many_legacy_bytes_is_detected() -> None:
    words = "Ça été déjà vu à Genève, où l’élève a lu ces lignes.\n\n" * 5
    data = ("Author Name\n\nA Letter\n\nWritten: 1920\nSource: Works, 1965\n\n"
            + words).encode("cp1252")
    result = convert_bytes(data, path=Path("legacy.txt"), name="legacy.txt")
    codes = {d.code for d in result.all_diagnostics}
    assert "encoding-guessed" in codes
    assert "encoding-repaired" not in codes
