"""An edition corrected and enriched by hand after conversion can still be
converted again, bagged and made into a teiCorpus: its edits are kept and
checked against TEI P5, and the deposit says which documents were edited."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner
from lxml import etree

from tei_convert.canonical import sha256
from tei_convert.cli import main
from tei_convert.pipeline import document_id

from conftest import SEEDS, TEI_ALL, require_oracle
from tei_helpers import NS

PAGES = sorted(SEEDS.glob("*.txt"))[:2]


def _enrich(path: Path) -> bytes:
    """What an editor adds: a person marked in the first paragraph (TEI P5 allows
    persName in p; tei-convert's own output schema does not)."""
    tree = etree.parse(str(path))
    paragraph = tree.find(".//tei:body//tei:p", NS)
    assert paragraph is not None
    assert paragraph.text
    words = paragraph.text.split(" ", 1)
    person = etree.SubElement(paragraph, f"{{{NS['tei']}}}persName")
    person.text, person.tail = words[0], " " + words[1] if len(words) > 1 else ""
    paragraph.text = None
    paragraph.insert(0, person)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    return path.read_bytes()


@pytest.fixture
def edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, bytes]:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    for page in PAGES:
        shutil.copyfile(page, Path("in") / page.name)
    assert CliRunner().invoke(main, ["convert", "in", "-o", "out", "-j", "1"]).exit_code == 0
    path = tmp_path / "out" / f"{document_id(PAGES[0].name)}.xml"
    return path, _enrich(path)


def test_an_enriched_edition_is_converted_again_bagged_and_made_a_corpus(
        edited: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    require_oracle(TEI_ALL.is_file(), f"TEI P5 {TEI_ALL.name} (../shared/tei/)")
    path, enriched = edited
    monkeypatch.setenv("TEI_ALL_RNG", str(TEI_ALL))
    result = CliRunner().invoke(main, ["convert", "in", "-o", "out", "-j", "1",
                                       "--bag", "deposit", "--corpus-file", "corpus.xml"])
    assert result.exit_code == 0, result.output
    assert "warning output-edited" in result.output
    assert "edited by hand; valid TEI P5, packaged as it is" in result.output
    assert path.read_bytes() == enriched
    bagit.Bag("deposit").validate()
    assert (Path("deposit") / "data" / "tei" / path.name).read_bytes() == enriched
    deposited = json.loads((Path("deposit") / "data" / "manifest.json").read_text("utf-8"))
    entry = next(e for e in deposited["documents"] if e["output"]["path"] == path.name)
    assert entry["edited"] == {"sha256": sha256(enriched)}
    corpus = etree.parse("corpus.xml")
    assert corpus.find(".//tei:persName", NS) is not None


def test_without_tei_p5_an_edited_edition_is_not_packaged(edited: tuple[Path, bytes],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEI_ALL_RNG", raising=False)
    path, enriched = edited
    result = CliRunner().invoke(main, ["bag", "out", "-o", "deposit"])
    assert result.exit_code == 1
    assert "TEI_ALL_RNG is not set" in result.output
    assert not Path("deposit").exists()
    assert path.read_bytes() == enriched
