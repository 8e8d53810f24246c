"""Our TEI as a reader sees it in CETEIcean 1.9.5, rendered by headless Chromium.

Three documents: a letter whose title holds a note (seeds/001); the first work of the
seed volume whose text has both a note and a word joined across a line end; and, since
no seed marks a note twice, the case whose note cites a later note (a ``ref``). Two
more pages show that the checks fire: that volume work in the encoding used before
issue 15, and the letter with an image that is not there. The oracles (Debian's
chromium, npm for the first fetch of CETEIcean, Playwright) are skipped when missing on
a user's machine and required in CI.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from lxml import etree

from tei_convert import convert_file

from ceteicean_helpers import (
    TEI,
    Rendering,
    broken_joins,
    browser_build,
    cached_tarball,
    chromium,
    joined_word,
    pack_tarball,
    reading_words,
    render,
    serve,
    shown_ids,
    word_difference,
    write_page,
)
from conftest import CASES, SEEDS, require_oracle
from tei_helpers import NS

if TYPE_CHECKING:
    from playwright.sync_api import Browser

LETTER = SEEDS / "001_c9ba2724c89e91a5.txt"
VOLUME = SEEDS / "004_987b735f64f89366.txt"
LATER_MARKER = CASES / "0001-wrapped-title-notes-with-paragraphs.txt"
NAMES = ["letter", "volume", "later-marker"]


def _volume_work() -> bytes:
    """The first work of the volume with a note in its text and a joined word."""
    for converted in convert_file(VOLUME, name=VOLUME.name).documents:
        root = etree.fromstring(converted.xml)
        if (root.xpath("tei:text//tei:note", namespaces=NS)
                and root.xpath("tei:text//tei:lb[@break='no']", namespaces=NS)):
            return converted.xml
    raise AssertionError(f"no work of {VOLUME.name} has both a note and a joined word")


def _old_encoding(xml: bytes) -> bytes:
    """``xml`` as written before issue 15: a joined word as ``choice`` (reg, then
    orig), and a ``ptr`` to the first note."""
    root = etree.fromstring(xml)
    lb = next(root.iterfind(f".//{TEI}text//{TEI}lb[@break='no']"))
    first, second = joined_word(lb)
    previous, parent = lb.getprevious(), lb.getparent()
    assert parent is not None
    if previous is None:
        parent.text = (parent.text or "").removesuffix(first)
    else:
        previous.tail = (previous.tail or "").removesuffix(first)
    choice = etree.Element(f"{TEI}choice")
    etree.SubElement(choice, f"{TEI}reg").text = first + second
    etree.SubElement(choice, f"{TEI}orig").text = f"{first}-{second}"
    choice.tail = (lb.tail or "").removeprefix(second)
    parent.replace(lb, choice)
    note = next(root.iterfind(f".//{TEI}text//{TEI}note"))
    etree.SubElement(parent, f"{TEI}ptr", target="#" + note.get(f"{{{NS['xml']}}}id", ""))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _missing_image(xml: bytes) -> bytes:
    """``xml`` with a ``graphic`` whose file is missing: CETEIcean asks for it."""
    root = etree.fromstring(xml)
    paragraph = next(root.iterfind(f".//{TEI}body//{TEI}p"))
    etree.SubElement(paragraph, f"{TEI}graphic", url="missing.png")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.fixture(scope="module")
def sources() -> dict[str, bytes]:
    letter = convert_file(LETTER, name=LETTER.name).documents[0].xml
    volume = _volume_work()
    return {"letter": letter, "volume": volume,
            "later-marker": convert_file(LATER_MARKER, name=LATER_MARKER.name).documents[0].xml,
            "old-encoding": _old_encoding(volume), "missing-image": _missing_image(letter)}


@pytest.fixture(scope="module")
def cetei_js() -> bytes:
    """CETEIcean's browser build; the tarball is fetched once into build/ceteicean/."""
    tarball = cached_tarball()
    if tarball is None:
        npm = shutil.which("npm")
        require_oracle(npm is not None, "npm (to fetch CETEIcean 1.9.5)")
        assert npm is not None
        tarball = pack_tarball(npm)
    return browser_build(tarball)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, sources: dict[str, bytes],
             cetei_js: bytes, browser: Browser) -> dict[str, Rendering]:
    folder: Path = tmp_path_factory.mktemp("ceteicean")
    (folder / "CETEI.js").write_bytes(cetei_js)
    pages = {name: write_page(folder, name, xml) for name, xml in sources.items()}
    with serve(folder) as base:
        return {name: render(browser, base + page) for name, page in pages.items()}


def _text(sources: dict[str, bytes], name: str) -> etree._Element:
    text = etree.fromstring(sources[name]).find("tei:text", NS)
    assert text is not None
    return text


@pytest.mark.parametrize("name", NAMES)
def test_page_loads_without_errors(rendered: dict[str, Rendering], name: str) -> None:
    assert rendered[name].problems == []


@pytest.mark.parametrize("name", NAMES)
def test_no_id_or_target_is_shown(sources: dict[str, bytes],
                                  rendered: dict[str, Rendering], name: str) -> None:
    assert shown_ids(etree.fromstring(sources[name]), rendered[name].body_text) == []


@pytest.mark.parametrize("name", NAMES)
def test_every_word_of_the_text_is_shown_in_order(sources: dict[str, bytes],
                                                  rendered: dict[str, Rendering],
                                                  name: str) -> None:
    expected = reading_words(_text(sources, name))
    assert word_difference(expected, rendered[name].text_words) is None


@pytest.mark.parametrize("name", NAMES)
def test_each_note_is_listed_and_linked_from_its_place(sources: dict[str, bytes],
                                                       rendered: dict[str, Rendering],
                                                       name: str) -> None:
    notes = _text(sources, name).xpath(".//tei:note[@place='end']", namespaces=NS)
    seen = rendered[name]
    assert notes
    assert [words.split() for _, words in seen.notes] == [reading_words(n) for n in notes]
    assert len(seen.markers) == len(notes)
    for number, (marker, (item_id, _)) in enumerate(zip(seen.markers, seen.notes,
                                                        strict=True), start=1):
        assert marker.label == str(number)
        assert marker.href == f"#{item_id}"
        assert marker.target_in_list


def test_the_letters_title_note_is_a_marker_in_its_heading(
        sources: dict[str, bytes], rendered: dict[str, Rendering]) -> None:
    assert _text(sources, "letter").xpath("tei:body/tei:div/tei:head/tei:note", namespaces=NS)
    assert rendered["letter"].markers[0].in_head


def test_a_joined_word_is_shown_once_and_whole(sources: dict[str, bytes],
                                               rendered: dict[str, Rendering]) -> None:
    text = _text(sources, "volume")
    assert text.xpath(".//tei:lb[@break='no']", namespaces=NS)
    assert broken_joins(text, rendered["volume"]) == []


def test_a_later_marker_is_a_link_to_its_note(sources: dict[str, bytes],
                                              rendered: dict[str, Rendering]) -> None:
    refs = _text(sources, "later-marker").xpath(".//tei:ref[@type='noteAnchor']",
                                                namespaces=NS)
    assert refs
    # CETEIcean keeps a note's xml:id on the note where it stands in the text: the
    # link leads to the note's first marker, whose own link leads to the list.
    assert rendered["later-marker"].links == [(ref.get("target"), ref.text, True)
                                              for ref in refs]


def test_the_checks_catch_the_old_encoding(sources: dict[str, bytes],
                                           rendered: dict[str, Rendering]) -> None:
    """CETEIcean shows both readings of a ``choice`` glued together, and a ``ptr``
    as its raw target: each check must say so."""
    old = rendered["old-encoding"]
    volume = _text(sources, "volume")
    assert broken_joins(volume, old)
    assert word_difference(reading_words(volume), old.text_words) is not None
    assert shown_ids(etree.fromstring(sources["old-encoding"]), old.body_text)


def test_a_failed_request_is_caught(rendered: dict[str, Rendering]) -> None:
    assert any("HTTP 404" in problem and problem.endswith("/missing.png")
               for problem in rendered["missing-image"].problems)
    assert any(problem.startswith("console error")
               for problem in rendered["missing-image"].problems)


def test_a_tarball_that_is_not_the_published_one_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither a cached one nor a freshly packed one (here from a stand-in npm)."""
    import ceteicean_helpers

    monkeypatch.setattr(ceteicean_helpers, "CACHE", tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / ceteicean_helpers.TARBALL).write_bytes(b"not CETEIcean")
    assert ceteicean_helpers.cached_tarball() is None
    npm = tmp_path / "npm"
    npm.write_text(f"#!/bin/sh\necho tampered > {ceteicean_helpers.TARBALL}\n", encoding="utf-8")
    npm.chmod(0o755)
    with pytest.raises(AssertionError, match="the registry published sha512-"):
        ceteicean_helpers.pack_tarball(str(npm))
    # The refused tarball never reached the cache, and its scratch folder is gone.
    assert [path.name for path in (tmp_path / "cache").iterdir()] == [ceteicean_helpers.TARBALL]
    assert (tmp_path / "cache" / ceteicean_helpers.TARBALL).read_bytes() == b"not CETEIcean"
