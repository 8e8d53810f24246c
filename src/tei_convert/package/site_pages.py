"""The pages of the reading edition: one HTML page per TEI document, made by our
XSLT (``xslt/site-document.xsl``), and the index, made from the manifest.

Pure: bytes in, bytes out, no clock, so the same edition gives the same pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from lxml import etree
from lxml.builder import E

from tei_convert.checks.validate import parse_bytes
from tei_convert.package.edition import Edition, EditionDocument
from tei_convert.package.site_warnings import place
from tei_convert.run.manifest import Json

DOCTYPE = "<!DOCTYPE html>"
TEI_FOLDER = "tei"
ASSETS = ("site.css", "index.js")
"""The files every site holds besides its pages, shipped in ``tei_convert/assets``."""

_STYLESHEET: list[etree.XSLT] = []


def asset(name: str) -> bytes:
    """One of :data:`ASSETS` as the package ships it."""
    return (resources.files("tei_convert") / "assets" / name).read_bytes()


def page_name(document: EditionDocument) -> str:
    """The page of ``document`` in the site: its TEI file's name, as ``.html``."""
    return Path(document.entry["output"]["path"]).with_suffix(".html").name


def tei_name(document: EditionDocument) -> str:
    """Where the site holds the TEI file of ``document``."""
    return f"{TEI_FOLDER}/{Path(document.entry['output']['path']).name}"


def _stylesheet() -> etree.XSLT:
    """The page stylesheet, compiled once; it may read no file and open no network."""
    if not _STYLESHEET:
        path = resources.files("tei_convert") / "xslt" / "site-document.xsl"
        access = etree.XSLTAccessControl.DENY_ALL
        _STYLESHEET.append(etree.XSLT(etree.XML(path.read_bytes()), access_control=access))
    return _STYLESHEET[0]


def document_page(tei: bytes, document: EditionDocument, source_href: str = "",
                  lines: Sequence[str] | None = None) -> bytes:
    """The page of one TEI document: the text with its notes as endnotes, the
    header as a record, and the conversion's warnings, each also beside the
    paragraph or line it concerns when the source is at hand to find it.

    Args:
        tei: the TEI file's bytes (parsed without DTDs, entities or network).
        document: its manifest entry, and whether it was edited by hand.
        source_href: where the site holds a copy of its source text, if it does.
        lines: that source's lines, as the conversion numbered them.
    """
    tree = parse_bytes(tei, source=document.entry["output"]["path"])
    source = document.entry["source"]["path"]
    result = _stylesheet()(tree, tei_href=etree.XSLT.strparam(tei_name(document)),
                           source=etree.XSLT.strparam(source),
                           source_href=etree.XSLT.strparam(source_href))
    root = result.getroot()
    assert root is not None, "the page stylesheet wrote nothing"
    panel = root.find(".//aside[@class='metadata']")
    assert panel is not None, "the page stylesheet wrote no metadata panel"
    panel.append(_report(root, document, lines))
    return _serialise(root)


def _report(root: etree._Element, document: EditionDocument,
            lines: Sequence[str] | None) -> etree._Element:
    """What the conversion reported about the document, each with its source
    line, linked both ways with its mark in the text when it has one."""
    section = E.section(E.h3("Conversion report"), {"class": "report"})
    if document.edited:
        section.append(E.p({"class": "edited"}, "Edited by hand after it was converted: "
                           "the report is about the file as tei-convert wrote it, and "
                           "its marks in the text may stand beside changed words."))
    found = [d for d in document.entry["diagnostics"] if d["severity"] != "info"]
    if not found:
        section.append(E.p("No warnings."))
        return section
    placed = _placed(root, document, found, lines)
    items = []
    for number, diagnostic in enumerate(found, 1):
        item = E.li({"id": f"report-{number}"}, *_described(diagnostic))
        block = placed.get(diagnostic.get("line") or 0)
        if block is not None:
            _mark(block, number, diagnostic)
            item.append(E.a({"href": f"#warning-{number}", "class": "to-text"},
                            " (in the text)"))
        items.append(item)
    section.append(E.ul(*items))
    if lines is None:
        section.append(E.p({"class": "unplaced"}, "The source text was not at hand, or has "
                           "changed since, so these warnings are not marked in the text."))
    return section


def _described(diagnostic: Json) -> tuple[etree._Element | str, ...]:
    where = diagnostic["source"]
    if diagnostic.get("line"):
        where += f":{diagnostic['line']}"
    return (E.code(where), f" {diagnostic['severity']} ", E.code(diagnostic["code"]),
            f": {diagnostic['message']}")


def _placed(root: etree._Element, document: EditionDocument, found: Sequence[Json],
            lines: Sequence[str] | None) -> dict[int, etree._Element]:
    if lines is None:
        return {}
    wanted = {d["line"] for d in found if d.get("line")}
    span = document.entry["source"].get("lines")
    return place(root, lines, wanted, (span[0], span[1]) if span else None)


def _mark(block: etree._Element, number: int, diagnostic: Json) -> None:
    """Put the warning after ``block`` (inside it when it is a list item), as a
    note a reader sees between the paragraphs, linked to its report entry."""
    mark = E.p({"class": "added warning", "id": f"warning-{number}", "role": "note"},
               E.a({"href": f"#report-{number}"},
                   f"{diagnostic['severity'].capitalize()}, source line {diagnostic['line']}"),
               f": {diagnostic['message']}")
    if block.tag == "li":
        block.append(mark)
        return
    after = block
    while (following := after.getnext()) is not None and following.get("id", "").startswith(
            "warning-"):
        after = following
    mark.tail, after.tail = after.tail, None
    after.addnext(mark)


def _serialise(root: etree._Element) -> bytes:
    text: bytes = etree.tostring(root, method="html", encoding="UTF-8", doctype=DOCTYPE)
    return text + b"\n"


# The index ===================================================================


def index_page(edition: Edition) -> bytes:
    """The table of every document the manifest lists, in its order: title,
    author, date, kind, source, counts and warnings; sortable and filterable by
    ``index.js``, and whole without it."""
    rows = [_row(document) for document in edition.documents]
    count = len(rows)
    table = E.table(
        {"id": "documents"},
        E.caption(f"{count} document{'s' if count != 1 else ''}"),
        E.thead(E.tr(*(E.th({"scope": "col", "data-key": key}, label)
                       for key, label in _COLUMNS))),
        E.tbody(*rows))
    body = E.body(
        {"class": "index"},
        E.header(E.h1("Documents"), E.p(
            "Converted to TEI with tei-convert. Each title opens a reading page; each "
            "TEI link is the file itself.")),
        E.main(_filters(), table))
    head = E.head(E.meta(charset="utf-8"),
                  E.meta(name="viewport", content="width=device-width, initial-scale=1"),
                  E.title("Documents"), E.link(rel="stylesheet", href="site.css"),
                  E.link(rel="icon", href="data:,"),
                  E.script(src="index.js", defer="defer"))
    return _serialise(E.html({"lang": "en"}, head, body))


_COLUMNS = (("title", "Title"), ("author", "Author"), ("date", "Date"), ("kind", "Kind"),
            ("source", "Source"), ("words", "Words"), ("notes", "Notes"),
            ("paragraphs", "Paragraphs"), ("warnings", "Warnings"))


def _filters() -> etree._Element:
    """The filter form: hidden until the script fills its choices and shows it,
    so that a page without JavaScript shows no control that does nothing."""
    def choice(name: str, label: str) -> etree._Element:
        return E.label(label, " ", E.select({"name": name}, E.option({"value": ""}, "all")))

    return E.form(
        {"id": "filters", "hidden": "hidden", "role": "search", "aria-label": "Filter documents"},
        choice("author", "Author"), choice("year", "Year"), choice("source", "Source"),
        E.label(E.input(type="checkbox", name="warnings"), " with warnings only"),
        E.label("Title ", E.input(type="search", name="title")),
        E.output({"name": "shown", "aria-live": "polite"}))


def _row(document: EditionDocument) -> etree._Element:
    entry = document.entry
    written = _date(entry["dates"])
    year = written[1][:4] if re.match(r"\d{4}", written[1]) else ""
    counts = entry["counts"]
    source = entry["source"]
    lines = source.get("lines")
    where = f"{source['path']}:{lines[0]}-{lines[1]}" if lines else source["path"]
    title = E.td(E.a({"href": page_name(document)}, entry["title"]))
    if entry.get("title_supplied"):
        title.append(E.span({"class": "supplied"}, " [title supplied]"))
    if document.edited:
        title.append(E.span({"class": "edited"}, " [edited by hand]"))
    title.append(E.span(" ", E.a({"href": tei_name(document), "class": "tei-link",
                                  "aria-label": f"TEI file of {entry['title']}"}, "TEI")))
    return E.tr(
        {"data-author": entry.get("author") or "", "data-year": year,
         "data-source": source["path"], "data-warnings": str(entry["warnings"])},
        title,
        E.td(entry.get("author") or ""),
        E.td({"data-sort": written[1]}, written[0]),
        E.td(_kind(entry)),
        E.td(E.code(where)),
        *(E.td({"class": "number"}, str(counts[key]))
          for key in ("words", "notes", "paragraphs")),
        E.td({"class": "number"}, str(entry["warnings"])))


def _date(dates: Json) -> tuple[str, str]:
    """(shown, sortable) for the date a reader looks for first: written, else
    first published, else the period covered."""
    published: Sequence[Json] = dates.get("published") or ()
    for date in (dates.get("written"), *published[:1], dates.get("covered")):
        if date:
            sortable = date.get("when") or date.get("notBefore") or ""
            return date["text"], str(sortable)
    return "", ""


def _kind(entry: Json) -> str:
    genre = entry.get("genre") or "text"
    volume = entry.get("volume")
    if volume is None:
        return str(genre)
    part = "appendix" if volume["kind"] == "appendix" else "work"
    return f"{genre}, {part} {volume['sequence']} of a volume"
