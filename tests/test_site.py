"""The reading edition (``tei-convert site``): its pages read with lxml, its guards
made to fire, and the site of ``seeds/`` loaded in headless Chromium."""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner
from lxml import etree, html

from tei_convert import convert_corpus
from tei_convert.canonical import sha256
from tei_convert.cli import main
from tei_convert.errors import EditionError, OutputError
from tei_convert.package.edition import read_edition
from tei_convert.package.site import SITE_MARK, build_site, write_site
from tei_convert.package.site_pages import document_page

from ceteicean_helpers import (
    CACHE,
    NpmTarball,
    chromium,
    joined_word,
    reading_words,
    serve,
    watch,
)
from conftest import CASES, ROOT, SEEDS
from tei_helpers import NS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Every invented case beside the seeds: among them a later marker (a ref to a
# note) and a note no marker places, which no seed has.
LATER_MARKER = "0001-wrapped-title-notes-with-paragraphs.txt"
UNMATCHED = "doc-0003-unmatched-markers-and-notes"
SCREENSHOTS = ROOT / "build" / "artefacts" / "site"
BOOK_PAGE = "doc-0301-gutenberg-new-header-books-chapters-footnotes.html"
LETTER_PAGE = "doc-000_6f8e39ffec5d1f43.html"
WORK_PAGE = "doc-004_987b735f64f89366-002.html"
# axe-core, the accessibility checker, from the npm registry (`npm view
# axe-core@4.10.2 dist.integrity`); cached beside CETEIcean in build/.
AXE = NpmTarball("axe-core@4.10.2", "axe-core-4.10.2.tgz",
                 "sha512-RE3mdQ7P3FRSe7eqCWoeQ/Z9QXrtniSjp1wUjt5nRC3WIpz5rSCve6o3fsZ2aCpJtrZj"
                 "SZgjwXAoTO5k4tEI0w==", CACHE.parent / "axe-core")
# The inline HTML elements the pages use; every other element parts words, as
# a browser lays it out.
INLINE = {"a", "sup", "span", "time", "cite", "code", "abbr", "i"}


@dataclass(frozen=True)
class Built:
    out: Path
    site: Path

    def page(self, name: str) -> html.HtmlElement:
        return html.fromstring((self.site / name).read_bytes())

    def tei(self, name: str) -> etree._Element:
        return etree.parse(str(self.site / "tei" / name)).getroot()

    def documents(self) -> list[tuple[str, etree._Element, html.HtmlElement]]:
        """(TEI name, TEI root, page root) of every document."""
        manifest = json.loads((self.out / "manifest.json").read_text("utf-8"))
        names = [entry["output"]["path"] for entry in manifest["documents"]]
        return [(name, self.tei(name), self.page(name.removesuffix(".xml") + ".html"))
                for name in names]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("site")
    shutil.copytree(CASES, folder / "cases")
    report = convert_corpus([SEEDS, folder / "cases"], folder / "out")
    assert not report.failed
    write_site(folder / "out", folder / "site")
    return Built(folder / "out", folder / "site")


def shown_words(element: etree._Element) -> list[str]:
    """The words a reader sees in ``element`` that come from the TEI: what the site
    adds (``class="added"``) and the list of notes left out."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        classes = str(node.get("class") or "").split()
        if "added" in classes or ("notes" in classes and node.tag == "ol"):
            return
        block = node.tag not in INLINE
        parts.append(" " if block or node.tag == "br" else "")
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")
        parts.append(" " if block else "")

    walk(element)
    return "".join(parts).split()


def _text(root: etree._Element) -> etree._Element:
    found = root.find("tei:text", NS)
    assert found is not None
    return found


def text_words(tei: etree._Element) -> list[str]:
    """The words of the TEI ``text`` a page shows in the text's place: all but the
    endnotes (a publication note in a closer stands where it is)."""
    text = copy.deepcopy(_text(tei))
    for note in text.iterfind(".//tei:note[@type='publication']", NS):
        note.tag = f"{{{NS['tei']}}}ab"
    return reading_words(text)


# The pages, read with lxml ==================================================


def test_every_word_of_the_text_is_on_its_page_in_order(built: Built) -> None:
    for name, tei, page in built.documents():
        shown = page.find_class("tei-text")
        assert len(shown) == 1, name
        assert shown_words(shown[0]) == text_words(tei), name


def test_every_note_is_listed_whole_in_order(built: Built) -> None:
    for name, tei, page in built.documents():
        notes = _text(tei).xpath(".//tei:note[@place='end']", namespaces=NS)
        items = page.xpath("//ol[@class='notes']/li")
        assert [item.get("id") for item in items] == [n.get(f"{{{NS['xml']}}}id")
                                                       for n in notes], name
        for note, item in zip(notes, items, strict=True):
            words = shown_words(item.find_class("note-text")[0])
            assert words == reading_words(note), name


def test_every_note_link_resolves_both_ways(built: Built) -> None:
    links = 0
    for name, _, page in built.documents():
        ids = set(page.xpath("//@id"))
        assert len(ids) == len(page.xpath("//@id")), f"{name}: an id is used twice"
        for mark in page.xpath("//a[contains(@class, 'noteref')]"):
            note = mark.get("href").removeprefix("#")
            assert note in ids, name
            back = page.xpath(f"//li[@id='{note}']//a[@href='#{mark.get('id')}']")
            assert len(back) == 1, f"{name}: note {note} leads not back to {mark.get('id')}"
            links += 1
        for back in page.xpath("//a[@role='doc-backlink']"):
            assert back.get("href").removeprefix("#") in ids, name
    assert links > 100


def test_a_later_marker_and_a_note_without_marker(built: Built) -> None:
    later = built.page("doc-0001-wrapped-title-notes-with-paragraphs.html")
    ref = later.xpath("//a[contains(@class, 'later')]")
    assert [a.text_content() for a in ref] == ["3"]
    unplaced = built.page(f"{UNMATCHED}.html")
    item = unplaced.xpath(f"//li[@id='{UNMATCHED}-note2']")[0]
    assert "No mark in the text points here." in item.text_content()
    assert not unplaced.xpath(f"//a[@href='#{UNMATCHED}-note2']")


def _warning(page: html.HtmlElement, about: str) -> html.HtmlElement:
    [mark] = page.xpath(f"//p[contains(@class, 'warning')][contains(., {about!r})]")
    assert isinstance(mark, html.HtmlElement)
    return mark


def _before(element: html.HtmlElement) -> str:
    """The text of the element just before ``element``."""
    previous = element.getprevious()
    assert previous is not None
    return str(previous.text_content())


def test_a_warning_stands_beside_the_paragraph_or_note_it_concerns(built: Built) -> None:
    page = built.page(f"{UNMATCHED}.html")
    marker = _warning(page, "marker [4]")
    assert "quarrel[4]" in _before(marker)
    assert marker.xpath("a")[0].text == "Warning, source line 11"
    note = _warning(page, "note [2] is not")
    assert note.xpath("ancestor::li/@id") == [f"{UNMATCHED}-note2"]
    letter = built.page("doc-0005-letter-labels-and-stray-brackets.html")
    assert _before(_warning(letter, "'Translated'")).strip() == "Translated:"


def test_every_warning_is_marked_in_the_text_and_linked_both_ways(built: Built) -> None:
    """Every warning of the seeds and cases about a line has one whose words the
    page shows; one about the file as a whole (no line) is in the report alone."""
    marks = 0
    for name, _, page in built.documents():
        entries = page.xpath("//section[@class='report']/ul/li")
        about_lines = [entry for entry in entries
                       if re.match(r"\S+:\d+$", entry.xpath("string(code[1])"))]
        assert len(about_lines) == len(page.xpath("//p[contains(@class, 'warning')]")), name
        for entry in entries:
            if entry not in about_lines:
                assert entry.xpath("a[@class='to-text']") == [], name
                continue
            [to_text] = entry.xpath("a[@class='to-text']/@href")
            mark = page.xpath(f"//p[@id='{to_text.removeprefix('#')}']")[0]
            assert mark.xpath("a/@href") == [f"#{entry.get('id')}"], name
            assert "added" in mark.get("class").split(), name
            marks += 1
    assert marks == sum(1 for entry in json.loads(
        (built.out / "manifest.json").read_text("utf-8"))["documents"]
        for found in entry["diagnostics"] if found["severity"] == "warning" and found.get("line"))


def test_warnings_are_not_marked_when_the_source_has_changed(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text((CASES / "0003-unmatched-markers-and-notes.txt").read_text("utf-8"), "utf-8")
    assert not convert_corpus([source], tmp_path / "out").failed
    at_hand = html.fromstring(build_site(read_edition(tmp_path / "out"), tmp_path)["page.html"])
    assert at_hand.xpath("//p[contains(@class, 'warning')]")
    # Another text with the same words on other lines would put the marks in
    # the wrong places: a changed source is not used at all.
    source.write_text("\n" + source.read_text("utf-8"), "utf-8")
    changed = html.fromstring(build_site(read_edition(tmp_path / "out"), tmp_path)["page.html"])
    assert changed.xpath("//p[contains(@class, 'warning')]") == []
    assert changed.xpath("//section[@class='report']/ul/li")
    assert "not marked in the text" in changed.find_class("unplaced")[0].text_content()


def test_the_page_of_a_hand_edited_document_says_so(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built.out, out)
    tei = out / f"{UNMATCHED}.xml"
    tree = etree.parse(str(tei))
    [paragraph] = tree.xpath(".//tei:body//tei:p[starts-with(., 'Let us')]", namespaces=NS)
    paragraph.text = paragraph.text.replace("example", "instance")
    tei.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    edition = read_edition(out, check_edited=lambda _: [])
    files = build_site(edition)
    page = html.fromstring(files[f"{UNMATCHED}.html"])
    assert "Edited by hand" in page.find_class("report")[0].find_class("edited")[0].text_content()
    assert "instance" in page.find_class("tei-text")[0].text_content()
    index = html.fromstring(files["index.html"])
    [row] = index.xpath(f"//tr[td/a/@href='{UNMATCHED}.html']")
    assert "[edited by hand]" in row.text_content()
    others = index.xpath("//tr[not(td/a/@href='" + UNMATCHED + ".html')]")
    assert not any("[edited by hand]" in other.text_content() for other in others)


def test_each_contributor_is_named_once_in_the_record(built: Built) -> None:
    """A respStmt keeps the source's wording beside the names; the record shows
    the wording alone ("David Skvirsky and George Hanna"), not both."""
    shown = 0
    for name, tei, page in built.documents():
        for statement in tei.iterfind(".//tei:titleStmt/tei:respStmt", NS):
            wording = statement.find("tei:note[@type='sourceWording']", NS)
            if wording is None:
                continue
            resp = statement.find("tei:resp", NS)
            assert resp is not None
            label = " ".join("".join(resp.itertext()).split())
            [value] = [term.getnext() for term in page.xpath("//aside[@class='metadata']//dt")
                       if term.text_content() == label]
            assert value.text_content() == " ".join("".join(wording.itertext()).split()), name
            shown += 1
    assert shown > 0


def test_a_letter_is_laid_out_as_a_letter(built: Built) -> None:
    page = built.page(LETTER_PAGE)
    assert page.xpath("//h1/span[@class='added supplied']")
    assert page.xpath("//div[@class='closer']/p[@class='signed']")
    assert page.xpath("//div[@class='postscript']/p")
    panel = page.xpath("//aside[@class='metadata']")[0]
    terms = [dt.text_content() for dt in panel.iter("dt")]
    for term in ("Author", "Translated", "Source", "First published", "Licence", "Written",
                 "TEI"):
        assert term in terms
    assert "title-supplied" in panel.find_class("report")[0].text_content()


def test_a_book_shows_its_divisions_italics_and_illustrations(built: Built) -> None:
    page = built.page(BOOK_PAGE)
    text = page.find_class("tei-text")[0]
    # The text's title is h1, a book's head h2, a chapter's h3.
    assert [h.text_content().split() for h in text.iter("h2")][:2] == [
        ["CONTENTS"], ["BOOK", "ONE", "THE", "CAUSEWAY"]]
    assert text.xpath(".//section[contains(@class, 'book')]/section[contains(@class, 'chapter')]"
                      "/h3")
    assert [i.text_content() for i in text.iter("i")][:2] == ["By", "not"]
    captions = [c.text_content() for c in text.xpath(".//figure/figcaption")]
    assert captions[0] == "The lantern on the causeway"
    # An illustration without a caption is marked as one, as the site's own words.
    assert [m.text for m in text.xpath(".//figure/span[contains(@class, 'added')]")] == [
        "[illustration]"]


def test_a_volume_work_has_its_language_page_marks_and_joined_words(built: Built) -> None:
    page = built.page(WORK_PAGE)
    assert page.xpath("//article/@lang") == ["en"]
    assert [mark.text for mark in page.find_class("pb")] == ["[new page]"] * 4
    for name, tei, page in built.documents():
        for lb in _text(tei).iterfind(".//tei:lb[@break='no']", NS):
            whole = "".join(joined_word(lb))
            assert whole in page.find_class("tei-text")[0].text_content(), name


def test_a_page_break_shows_its_number(built: Built) -> None:
    tei = built.tei("doc-004_987b735f64f89366-002.xml")
    for number, pb in enumerate(tei.iterfind(".//tei:pb", NS), start=203):
        pb.set("n", str(number))
    read = read_edition(built.out)
    document = next(d for d in read.documents if d.path.name == "doc-004_987b735f64f89366-002.xml")
    page = html.fromstring(document_page(etree.tostring(tei), document))
    # One page break is in a note, which the page shows at the end.
    assert sorted(str(mark.text) for mark in page.find_class("pb")) == [
        "[p. 203]", "[p. 204]", "[p. 205]", "[p. 206]"]


def test_the_index_lists_every_document(built: Built) -> None:
    manifest = json.loads((built.out / "manifest.json").read_text("utf-8"))
    index = built.page("index.html")
    rows = index.xpath("//table[@id='documents']/tbody/tr")
    assert [row.xpath("td[1]/a[1]")[0].text for row in rows] == [
        entry["title"] for entry in manifest["documents"]]
    assert [row.get("data-warnings") for row in rows] == [
        str(entry["warnings"]) for entry in manifest["documents"]]
    work = index.xpath("//tr[td/a/@href='doc-004_987b735f64f89366-001.html']/td[4]")
    assert work[0].text == "speech, work 1 of a volume"


def test_the_site_links_only_to_itself(built: Built) -> None:
    for page in sorted(built.site.glob("*.html")):
        root = html.fromstring(page.read_bytes())
        for link in root.xpath("//@href | //@src"):
            if link.startswith(("#", "data:")):
                continue
            assert not re.match(r"[a-z]+:", link), f"{page.name}: {link}"
            assert (built.site / link.split("#")[0]).is_file(), f"{page.name}: {link}"


def test_the_site_is_the_same_bytes_each_time(built: Built) -> None:
    edition = read_edition(built.out)
    assert build_site(edition) == build_site(edition)
    for name, data in build_site(edition).items():
        assert (built.site / name).read_bytes() == data


# The folder's guards ========================================================


def test_a_site_of_ours_is_replaced(built: Built, tmp_path: Path) -> None:
    shutil.copytree(built.site, tmp_path / "site")
    (tmp_path / "site" / "index.html").unlink()
    write_site(built.out, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_bytes() == \
        (built.site / "index.html").read_bytes()


@pytest.mark.parametrize("change", ["no-mark", "extra", "edited", "foreign-mark", "file"])
def test_a_folder_that_is_not_our_site_is_refused(built: Built, tmp_path: Path,
                                                  change: str) -> None:
    target = tmp_path / "site"
    shutil.copytree(built.site, target)
    if change == "no-mark":
        (target / SITE_MARK).unlink()
    elif change == "extra":
        (target / "tei" / "notes.txt").write_text("mine", encoding="utf-8")
    elif change == "edited":
        with (target / "index.html").open("ab") as stream:
            stream.write(b"<!-- mine -->")
    elif change == "foreign-mark":
        (target / SITE_MARK).write_text('{"tool": "other", "files": {}}', encoding="utf-8")
    else:
        shutil.rmtree(target)
        target.write_text("mine", encoding="utf-8")
    before = sorted((p.relative_to(tmp_path).as_posix(), p.read_bytes())
                    for p in tmp_path.rglob("*") if p.is_file())
    with pytest.raises(OutputError, match="refusing to replace it"):
        write_site(built.out, target)
    assert before == sorted((p.relative_to(tmp_path).as_posix(), p.read_bytes())
                            for p in tmp_path.rglob("*") if p.is_file())


def test_a_site_inside_the_output_folder_is_refused(built: Built) -> None:
    with pytest.raises(EditionError, match="must not be in the output folder"):
        write_site(built.out, built.out / "site")
    assert not (built.out / "site").exists()


def test_the_command_writes_the_site_and_refuses_a_users_folder(built: Built,
                                                                tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(main, ["site", str(built.out), "-o", str(tmp_path / "site")])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "site" / "index.html").read_bytes() == \
        (built.site / "index.html").read_bytes()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "a.txt").write_text("keep", encoding="utf-8")
    refused = runner.invoke(main, ["site", str(built.out), "-o", str(tmp_path / "mine")])
    assert refused.exit_code == 1
    assert "refusing to replace it" in refused.output
    assert (tmp_path / "mine" / "a.txt").read_text("utf-8") == "keep"


# In headless Chromium =======================================================


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def base_url(built: Built) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


def _open(browser: Browser, url: str) -> tuple[Page, list[str]]:
    page = browser.new_page()
    problems = watch(page)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, problems


def test_every_page_loads_without_errors_or_failed_requests(built: Built, browser: Browser,
                                                            base_url: str) -> None:
    problems: dict[str, list[str]] = {}
    page = browser.new_page()
    seen = watch(page)
    for path in sorted(built.site.glob("*.html")):
        page.goto(base_url + path.name)
        page.wait_for_load_state("load")
        if seen:
            problems[path.name] = list(seen)
            seen.clear()
    page.close()
    assert problems == {}


def test_the_site_works_from_the_file_system(built: Built, browser: Browser) -> None:
    """Opened from the disk, with no server: the style and the index script load,
    a page links on to the TEI file, and nothing is asked of the network."""
    page, problems = _open(browser, (built.site / "index.html").as_uri())
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        assert page.locator("#filters").is_visible()  # shown by index.js
        page.locator("a", has_text="Notes of a Publicist").click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"{UNMATCHED}.html")
        shade = page.locator("p.warning").first.evaluate(
            "mark => getComputedStyle(mark).backgroundColor")
        assert shade != "rgba(0, 0, 0, 0)"  # site.css applies
        assert all(url.startswith("file://") for url in requests), requests
        assert problems == []
    finally:
        page.close()


# What the browser shows of the text: the page's additions (marks, labels,
# warnings) hidden, and the notes list apart, as the TEI has notes at their mark.
_SHOWN_TEXT = """() => {
    const style = document.createElement('style');
    style.textContent = '.added, ol.notes { display: none !important; }';
    document.head.append(style);
    const text = document.querySelector('.tei-text').innerText;
    style.textContent = '.added { display: none !important; }';
    const notes = [...document.querySelectorAll('ol.notes > li .note-text')]
        .map(note => note.innerText);
    style.remove();
    return [text, notes];
}"""


def test_the_browser_shows_every_word_of_each_text_and_note_in_order(
        built: Built, browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    try:
        for name, tei, _ in built.documents():
            page.goto(base_url + name.removesuffix(".xml") + ".html")
            text, notes = page.evaluate(_SHOWN_TEXT)
            assert text.split() == text_words(tei), name
            expected = [reading_words(note) for note in
                        _text(tei).xpath(".//tei:note[@place='end']", namespaces=NS)]
            assert [note.split() for note in notes] == expected, name
    finally:
        page.close()


def test_a_note_mark_and_its_back_link_work_from_the_keyboard(browser: Browser,
                                                              base_url: str) -> None:
    page, problems = _open(browser, base_url + LETTER_PAGE)
    try:
        mark = page.locator("a.noteref").first
        note = str(mark.get_attribute("href"))
        mark.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"location.hash === {note!r}")
        assert page.evaluate("document.activeElement.id") == note.removeprefix("#")
        assert page.locator(f"li{note}").is_visible()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        back = "#" + str(mark.get_attribute("id"))
        page.wait_for_function(f"location.hash === {back!r}")
        assert problems == []
    finally:
        page.close()


def test_a_warning_in_the_text_leads_to_the_report_and_back(browser: Browser,
                                                            base_url: str) -> None:
    page, problems = _open(browser, base_url + f"{UNMATCHED}.html")
    try:
        warning = page.locator("p.warning", has_text="marker [4]")
        assert warning.is_visible()
        warning.locator("a").click()
        entry = str(warning.locator("a").get_attribute("href"))
        page.wait_for_function(f"location.hash === {entry!r}")
        assert page.locator(f"li{entry}").is_visible()
        page.locator(f"li{entry} a.to-text").click()
        back = "#" + str(warning.get_attribute("id"))
        page.wait_for_function(f"location.hash === {back!r}")
        assert problems == []
    finally:
        page.close()


def test_the_index_filters_change_the_visible_rows(built: Built, browser: Browser,
                                                   base_url: str) -> None:
    manifest = json.loads((built.out / "manifest.json").read_text("utf-8"))
    entries = manifest["documents"]
    page, problems = _open(browser, base_url + "index.html")
    try:
        rows = page.locator("#documents tbody tr")
        assert page.locator("#filters").is_visible()
        assert rows.evaluate_all("rows => rows.filter(r => !r.hidden).length") == len(entries)
        page.select_option("select[name=author]", "J. V. Stalin")
        stalin = sum(entry["author"] == "J. V. Stalin" for entry in entries)
        assert rows.evaluate_all("rows => rows.filter(r => !r.hidden).length") == stalin
        page.select_option("select[name=author]", "")
        page.check("input[name=warnings]")
        warned = sum(entry["warnings"] > 0 for entry in entries)
        assert rows.evaluate_all("rows => rows.filter(r => !r.hidden).length") == warned
        page.uncheck("input[name=warnings]")
        page.select_option("select[name=year]", "1918")
        years = sum(_year(entry) == "1918" for entry in entries)
        assert 0 < rows.evaluate_all("rows => rows.filter(r => !r.hidden).length") == years
        page.get_by_role("button", name="Words").click()
        words = rows.evaluate_all("rows => rows.filter(r => !r.hidden)"
                                  ".map(r => Number(r.cells[5].textContent))")
        assert words == sorted(words)
        assert problems == []
    finally:
        page.close()


@pytest.fixture(scope="module")
def axe_js() -> str:
    return AXE.member("npm (to fetch axe-core 4.10.2)", "package/axe.min.js").decode("utf-8")


@pytest.mark.parametrize("path", [LETTER_PAGE, WORK_PAGE, "index.html",
                                  "doc-0001-wrapped-title-notes-with-paragraphs.html"])
def test_axe_finds_no_serious_violation(browser: Browser, base_url: str, axe_js: str,
                                        path: str) -> None:
    """axe-core run in the page as a reader's browser shows it (the index with its
    script's form and buttons); serious and critical violations fail."""
    page, problems = _open(browser, base_url + path)
    try:
        page.add_script_tag(content=axe_js)
        results = page.evaluate("async () => (await axe.run(document)).violations"
                                ".map(v => [v.id, v.impact, v.nodes.length, v.help])")
        serious = [v for v in results if v[1] in {"serious", "critical"}]
        assert serious == []
        assert problems == []
    finally:
        page.close()


def test_the_axe_check_fires_on_a_page_without_lang(browser: Browser, base_url: str,
                                                    axe_js: str) -> None:
    page, _ = _open(browser, base_url + LETTER_PAGE)
    try:
        page.add_script_tag(content=axe_js)
        page.evaluate("document.documentElement.removeAttribute('lang')")
        found = page.evaluate("async () => (await axe.run(document)).violations"
                              ".filter(v => v.impact === 'serious').map(v => v.id)")
        assert "html-has-lang" in found
    finally:
        page.close()


def _year(entry: dict[str, Any]) -> str:
    """The year the index files a document under: written, else first published."""
    dates = entry["dates"]
    date = dates.get("written") or (dates.get("published") or [{}])[0]
    return str(date.get("when") or date.get("notBefore") or "")[:4]


def test_screenshots_of_a_letter_a_volume_work_and_the_index(browser: Browser,
                                                             base_url: str) -> None:
    """Written as test artefacts, for a person (or the CI service) to keep and look at."""
    folder = SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        for name, path in (("letter", LETTER_PAGE), ("volume-work", WORK_PAGE),
                           ("index", "index.html")):
            page.goto(base_url + path)
            page.screenshot(path=str(folder / f"site-{name}.png"))
            assert (folder / f"site-{name}.png").stat().st_size > 10_000
    finally:
        page.close()


def test_convert_writes_the_site_with_the_run_and_never_into_a_users_folder(
        tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text((CASES / LATER_MARKER).read_text("utf-8"),
                    "utf-8")
    out, site = tmp_path / "out", tmp_path / "site"
    result = CliRunner().invoke(main, ["convert", str(page), "-o", str(out), "--site", str(site),
                                       "-q"])
    assert result.exit_code == 0, result.output
    assert (site / "index.html").is_file()
    assert (site / SITE_MARK).is_file()
    # A folder of the user's is left alone, and the run says so in its exit code.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", "utf-8")
    result = CliRunner().invoke(main, ["convert", str(page), "-o", str(out), "--site", str(mine),
                                       "-q"])
    assert result.exit_code == 1
    assert "refusing" in result.output
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    # A dry run writes nothing, so it takes no site.
    result = CliRunner().invoke(main, ["convert", str(page), "-o", str(out), "--site", str(site),
                                       "--dry-run"])
    assert result.exit_code == 2
    assert "--site" in result.output


def test_each_page_links_to_an_unchanged_copy_of_its_source(built: Built) -> None:
    manifest = json.loads((built.out / "manifest.json").read_text("utf-8"))
    for entry in manifest["documents"]:
        page = built.page(entry["output"]["path"].removesuffix(".xml") + ".html")
        [link] = page.xpath("//dt[.='Source file']/following-sibling::dd[1]/a/@href")
        copy_path = built.site / link.replace("%20", " ")
        assert copy_path.resolve().is_relative_to(built.site.resolve())
        assert sha256(copy_path.read_bytes()) == entry["source"]["sha256"]


def test_a_source_changed_or_gone_is_named_not_linked(tmp_path: Path) -> None:
    source = tmp_path / "letter.txt"
    source.write_text((CASES / LATER_MARKER).read_text("utf-8"), "utf-8")
    report = convert_corpus([source], tmp_path / "out")
    assert not report.failed
    source.write_text("A different text.\n", "utf-8")  # changed since it was converted
    files = build_site(read_edition(tmp_path / "out"), tmp_path)
    assert not any(name.startswith("sources/") for name in files)
    page = html.fromstring(files["letter.html"])
    assert page.xpath("//dt[.='Source file']/following-sibling::dd[1]/a") == []
    assert page.xpath("//dt[.='Source file']/following-sibling::dd[1]/code")
